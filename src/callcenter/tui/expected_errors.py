"""The failures a collector can act on (shown as a sentence); anything else is a bug."""

from __future__ import annotations

from callcenter.store.errors import database_errors


def expected_errors() -> tuple[type[Exception], ...]:
    """The database's neutral errors and the service's refusals (ValueError, LookupError)."""
    return (*database_errors(), ValueError, LookupError)
