"""``@record``: a frozen dataclass that is cheaper to define at start-up.

Python 3.11's ``dataclass`` writes the source of every method it adds and
compiles each one separately: six for a frozen class (``__init__``,
``__repr__``, ``__eq__``, ``__hash__`` and the two guards against
assignment), about 2 ms a class on the 2-core bench machine. The
workstation's start defines some 70 of them before its first dossier, a
tenth of its cold start (README "Performance").

A record asks ``dataclass`` only for what has to be written per class
(``__init__`` and the frozen guards) and shares one ``__eq__``,
``__hash__`` and ``__repr__`` between all records. They work on the
class's fields through one ``operator.attrgetter`` made at definition,
and give what the generated methods give: equal when the class is the
same and the field values are, the hash of the values' tuple, and the
same text for ``repr``. ``dataclasses.fields``, ``replace`` and ``asdict``
see an ordinary dataclass, and type checkers see a frozen one
(``dataclass_transform``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import Field, dataclass, field, fields
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")


@overload
def record(cls: type[T], /) -> type[T]: ...
@overload
def record(*, slots: bool = True) -> Callable[[type[T]], type[T]]: ...
@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def record(cls: Any = None, /, *, slots: bool = True) -> Any:
    """``@record`` or ``@record(slots=False)``: a frozen dataclass with shared methods.

    ``slots=False`` keeps an instance ``__dict__`` (the classes that were frozen
    dataclasses without slots). A method written in the class's body is kept, as
    ``dataclass`` keeps it.
    """

    def wrap(plain: type[T]) -> type[T]:
        own = {name for name in _METHODS if name in plain.__dict__}
        made: Any = dataclass(frozen=True, slots=slots, repr=False, eq=False)(plain)
        listed = fields(made)
        compared = tuple(f.name for f in listed if f.compare)
        hashed = tuple(f.name for f in listed if (f.compare if f.hash is None else f.hash))
        values = staticmethod(_values(compared))
        made._record_values = values
        # The same fields unless one says ``hash=``: then one getter serves both.
        made._record_hashed = values if hashed == compared else staticmethod(_values(hashed))
        made._record_shown = tuple(f.name for f in listed if f.repr)
        for name, method in _METHODS.items():
            if name not in own:
                setattr(made, name, method)
        return made

    return wrap if cls is None else wrap(cls)


def _values(names: tuple[str, ...]) -> Callable[[Any], tuple]:
    """The compared fields' values as a tuple, whatever their number (``attrgetter``
    returns the bare value for one name)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        (only,) = names
        return lambda obj: (getattr(obj, only),)
    return lambda obj: ()


def _eq(self: Any, other: Any) -> bool:
    if other.__class__ is self.__class__:
        return bool(self._record_values(self) == other._record_values(other))
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self._record_hashed(self))


@recursive_repr()
def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._record_shown)
    return f"{self.__class__.__qualname__}({shown})"


_METHODS = {"__eq__": _eq, "__hash__": _hash, "__repr__": _repr}
