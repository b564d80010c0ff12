"""The dossier on SQLite: its statements (:mod:`callcenter.store.dossier_read`) in one
read transaction, and the account note."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from callcenter.domain.models import Dossier
from callcenter.store.dossier_read import read_dossier, read_funnel_dossiers
from callcenter.store.sqlite.db import SqliteStore
from callcenter.store.statements import dict_query


def load_dossier(store: SqliteStore, code: str, today: date | None = None) -> Dossier | None:
    """The dossier of ``code``, or None when there is no such debtor.

    Read in one deferred transaction so the panels agree with each other even
    while another collector writes.
    """
    own = not store.conn.in_transaction
    if own:
        store.conn.execute("BEGIN")
    try:
        return read_dossier(
            lambda sql, params=(): dict_query(store, sql, params), code, today or date.today()
        )
    finally:
        if own:
            store.conn.execute("COMMIT")


def funnel_dossiers(
    store: SqliteStore, codes: Sequence[str]
) -> list[tuple[Dossier, datetime | None]]:
    """Many debtors for the written funnel (:func:`read_funnel_dossiers`), in one read."""
    own = not store.conn.in_transaction
    if own:
        store.conn.execute("BEGIN")
    try:
        return read_funnel_dossiers(lambda sql, params=(): dict_query(store, sql, params), codes)
    finally:
        if own:
            store.conn.execute("COMMIT")


def set_account_note(store: SqliteStore, code: str, text: str) -> None:
    store.conn.execute("UPDATE debtors SET account_note = ? WHERE code = ?", (text, code))


def account_note(store: SqliteStore, code: str) -> str | None:
    row = store.conn.execute("SELECT account_note FROM debtors WHERE code = ?", (code,)).fetchone()
    return row[0] if row else None
