"""The database interface: what the service may ask of any backend.

One protocol per aggregate, plus :class:`Store`, the open database, which is
also the unit of work: ``with store.transaction():`` marks what commits (or
rolls back) together, and ``with store.snapshot():`` what reads one state.
Everything taken and returned is a domain type or a plain value; no driver
name, no row object, no storage encoding crosses this line.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol


class Store(Protocol):
    """One open database: the unit of work and the aggregates behind it."""

    path: Path
    readonly: bool
    read_only_reason: str | None

    def transaction(self, *, durable: bool = True) -> AbstractContextManager[object]:
        """A write transaction; nested calls join the outer one. ``durable=False``
        may skip the flush to disk at commit (for writes whose loss is harmless)."""
        ...

    def snapshot(self) -> AbstractContextManager[object]:
        """A read transaction: every query inside sees one state of the database."""
        ...

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction or snapshot is open on this connection now."""
        ...

    def close(self) -> None: ...
