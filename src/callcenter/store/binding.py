"""How a backend's aggregate answers a port method with a statement function: ``forward``.

The SQL lives in module functions taking the store first
(``claims.held_claims(store, collector, now)``); an aggregate class names,
for each port method, the function that answers it::

    class SqliteQueue(Aggregate):
        held_claims = forward(claims.held_claims)

rather than repeating every signature of ``ports.py`` in a method that only
hands its arguments on. The signature is the function's, less the store: mypy
reads it through the descriptor and checks the aggregate against its protocol
where the store is built (``self.queue: ports.Queue = ...``), and
``tests/test_port_signatures.py`` compares every method of both backends with
its protocol, parameter by parameter. A method with a body of its own (a
backend's difference) is written as an ordinary method next to these.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

P = ParamSpec("P")
R = TypeVar("R")


class Aggregate:
    """A port's aggregate bound to one open store (``store.queue``, ``store.ledger``...)."""

    def __init__(self, store: Any) -> None:
        self._store = store


class forward(Generic[P, R]):
    """A port method answered by ``function(aggregate.<handle>, *args, **kwargs)``.

    ``handle`` names the aggregate's attribute handed first: the store itself,
    or on PostgreSQL the ``Spelled`` store that respells SQLite's statements.
    The bound call is kept on the instance, so the next lookup is a plain
    attribute read (the queue's methods are on the workstation's hot path).
    """

    def __init__(self, function: Callable[Concatenate[Any, P], R], handle: str = "_store") -> None:
        self._function = function
        self._handle = handle
        self._name = function.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @property
    def function(self) -> Callable[..., R]:
        """The statement function this method hands its call to."""
        return self._function

    @overload
    def __get__(self, aggregate: None, owner: type | None = None) -> Self: ...

    @overload
    def __get__(self, aggregate: object, owner: type | None = None) -> Callable[P, R]: ...

    def __get__(self, aggregate: object, owner: type | None = None) -> Self | Callable[P, R]:
        if aggregate is None:
            return self
        bound = partial(self._function, getattr(aggregate, self._handle))
        aggregate.__dict__[self._name] = bound
        return bound
