"""Finding a debtor by code, name or phone on PostgreSQL (``Queue.search_debtors``).

The phone and balance parts are the SQLite backend's statements
(``sqlite/search.py``); what differs is matching text. SQLite's ``LIKE`` ignores
ASCII case and the SQLite backend folds accents with a Python function; here
codes match with ``ILIKE`` and names are folded in SQL (lower case, the
accented letters of French, Spanish and German names turned plain) to meet
the typed text folded the same way by :func:`search._fold`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from psycopg.rows import dict_row

from callcenter.domain.models import FoundDebtor
from callcenter.store.postgres.spelling import pg_statement
from callcenter.store.sqlite import search

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore

_ACCENTED = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿ"
_PLAIN = "aaaaaaceeeeiiiinooooouuuuyy"
#: A name folded as :func:`search._fold` folds the typed text (for these letters; upper case
#: ones first: a server in the C locale lowers only ASCII letters).
_FOLDED_NAME = (
    f"lower(translate(d.name, '{_ACCENTED.upper()}{_ACCENTED}', '{_PLAIN.upper()}{_PLAIN}'))"
)

_NAME_OR_CODE = (
    " FROM debtors d LEFT JOIN queue_state q ON q.debtor_code = d.code"
    " WHERE lower(d.code) = lower(:needle) OR d.code ILIKE :like ESCAPE '\\'"
    f" OR {_FOLDED_NAME} LIKE :folded ESCAPE '\\'"
)
_FOUND_ORDER = (
    " ORDER BY CASE WHEN lower(d.code) = lower(:needle) THEN 0 ELSE 1 END, d.name LIMIT :limit"
)


def search_debtors(store: PostgresStore, text: str, limit: int) -> list[FoundDebtor]:
    """Debtors whose code or name contains ``text``, or a contact phone contains its digits."""
    needle = text.strip()
    digits = "".join(c for c in needle if c.isdigit())
    like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    params = {"needle": needle, "like": like, "folded": search._fold(like), "limit": limit}
    if len(digits) >= 4 and len(digits) >= len(needle.replace(" ", "").replace(".", "")) - 1:
        params["fragment"] = "%" + (digits[1:] if digits.startswith("0") else digits)[-9:] + "%"
        sql = (
            search._FOUND_COLUMNS
            + search._MATCHED_CONTACT
            + _NAME_OR_CODE
            + search._BY_PHONE
            + _FOUND_ORDER
        )
    else:
        sql = search._FOUND_COLUMNS + " NULL AS found_contact" + _NAME_OR_CODE + _FOUND_ORDER
    with store.conn.cursor(row_factory=dict_row) as cursor:
        rows = cursor.execute(pg_statement(sql), params).fetchall()
    return [search._found(row) for row in rows]
