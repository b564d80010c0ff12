"""Finding a debtor by code, name or phone on PostgreSQL (``Queue.search_debtors``).

The statement and its parameters are shared (``statements/search.py``); what
differs is matching text. SQLite's ``LIKE`` ignores ASCII case and the SQLite
backend folds accents with a Python function; here codes match with
``ILIKE`` and names are folded in SQL (the accented letters of French,
Spanish and German names turned plain, then lower case) to meet the typed
text folded by :func:`search.fold`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from psycopg.rows import dict_row

from callcenter.domain.models import FoundDebtor
from callcenter.store.postgres.spelling import pg_statement
from callcenter.store.statements import search

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore

_ACCENTED = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿ"
_PLAIN = "aaaaaaceeeeiiiinooooouuuuyy"
#: A name folded as :func:`search.fold` folds the typed text (for these letters; upper case
#: ones first: a server in the C locale lowers only ASCII letters).
_FOLDED_NAME = (
    f"lower(translate(d.name, '{_ACCENTED.upper()}{_ACCENTED}', '{_PLAIN.upper()}{_PLAIN}'))"
)
_NAME_OR_CODE = (  # noqa: S608 - the folding is a constant of this module
    " FROM debtors d LEFT JOIN queue_state q ON q.debtor_code = d.code"
    " WHERE lower(d.code) = lower(:needle) OR d.code ILIKE :like ESCAPE '\\'"
    f" OR {_FOLDED_NAME} LIKE :folded ESCAPE '\\'"
)
_FOUND_ORDER = (
    " ORDER BY CASE WHEN lower(d.code) = lower(:needle) THEN 0 ELSE 1 END, d.name LIMIT :limit"
)


def search_debtors(store: PostgresStore, text: str, limit: int) -> list[FoundDebtor]:
    """Debtors whose code or name contains ``text``, or a contact phone contains its digits."""
    params, by_phone = search.parameters(text, limit)
    sql = pg_statement(search.statement(_NAME_OR_CODE, _FOUND_ORDER, by_phone))
    with store.conn.cursor(row_factory=dict_row) as cursor:
        rows = cursor.execute(sql, params).fetchall()
    return [search.found_debtor(row) for row in rows]
