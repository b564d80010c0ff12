"""Each backend's aggregates take what their port says, parameter by parameter.

The aggregates are mostly ``forward(function)`` lines (store/binding.py): the
signature a caller meets is the statement function's. mypy checks the types
where each store declares its aggregates with their ports (and each store as a
``ports.Store``, where ``open_database`` returns it); this test holds both
backends to the same names, kinds and defaults, default values included (mypy
does not compare those), so a keyword the service passes cannot be missing or
mean another thing on one backend only. No server is needed:
the aggregates are built on a PostgreSQL store with no connection.
"""

from __future__ import annotations

import inspect

import pytest

from callcenter.store import ports
from callcenter.store.postgres.db import PostgresStore

PORTS = [
    (name.lower(), port)
    for name, port in inspect.getmembers(ports, inspect.isclass)
    if port.__module__ == ports.__name__ and name not in ("Store", "Staging")
]


def _shape(signature: inspect.Signature) -> list[tuple]:
    """What a caller relies on: each parameter's name, kind, and default (if one is set)."""
    return [
        (
            p.name,
            p.kind,
            p.default is not inspect.Parameter.empty,
            None if p.default in (inspect.Parameter.empty, Ellipsis) else p.default,
        )
        for p in signature.parameters.values()
    ]


def _differences(store, attribute: str, port: type) -> list[str]:
    aggregate = getattr(store, attribute)
    wrong = []
    for method, function in inspect.getmembers(port, inspect.isfunction):
        if method.startswith("_"):
            continue
        wanted = _shape(inspect.signature(function))[1:]  # less self
        found = getattr(aggregate, method, None)
        if not callable(found):
            wrong.append(f"{attribute}.{method}: missing")
            continue
        got = _shape(inspect.signature(found))
        if [w[:3] for w in wanted] != [g[:3] for g in got] or any(
            w[3] is not None and w[3] != g[3] for w, g in zip(wanted, got, strict=True)
        ):
            wrong.append(f"{attribute}.{method}: {inspect.signature(found)}")
    return wrong


@pytest.mark.parametrize(("attribute", "port"), PORTS, ids=[a for a, _ in PORTS])
def test_sqlite_aggregates_match_their_ports(store, attribute, port):
    assert _differences(store, attribute, port) == []


@pytest.mark.parametrize(("attribute", "port"), PORTS, ids=[a for a, _ in PORTS])
def test_postgres_aggregates_match_their_ports(attribute, port):
    unconnected = PostgresStore(None, "postgresql:///callcenter")
    assert _differences(unconnected, attribute, port) == []
