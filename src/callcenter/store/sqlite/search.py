"""Finding a debtor on SQLite: codes ignore case, names are folded by a Python function."""

from __future__ import annotations

from callcenter.domain.models import FoundDebtor
from callcenter.store.sqlite.db import SqliteStore
from callcenter.store.statements import dict_query, search

_NAME_OR_CODE = (
    " FROM debtors d LEFT JOIN queue_state q ON q.debtor_code = d.code"
    " WHERE d.code = :needle COLLATE NOCASE OR d.code LIKE :like ESCAPE '\\'"
    " OR callcenter_fold(d.name) LIKE :folded ESCAPE '\\'"
)


_FOUND_ORDER = (
    " ORDER BY CASE WHEN d.code = :needle COLLATE NOCASE THEN 0 ELSE 1 END, d.name LIMIT :limit"
)


def search_debtors(store: SqliteStore, text: str, limit: int) -> list[FoundDebtor]:
    """Debtors whose code or name contains ``text``, or a contact phone contains its digits."""
    store.conn.create_function("callcenter_fold", 1, search.fold, deterministic=True)
    # Names are compared without accents or case: "societe generale" finds "Société Générale".
    params, by_phone = search.parameters(text, limit)
    sql = search.statement(_NAME_OR_CODE, _FOUND_ORDER, by_phone)
    return [search.found_debtor(r) for r in dict_query(store, sql, params)]
