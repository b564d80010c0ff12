"""Finding a debtor by code, name (accents folded) or the digits of a contact's phone."""

from __future__ import annotations

import unicodedata

from callcenter.domain.models import (
    FoundDebtor,
    QueueState,
)
from callcenter.store.rows import debtor_from_row
from callcenter.store.sqlite.db import SqliteStore
from callcenter.store.sqlite.dossier import dict_query

#: What a search returns besides the debtor: balance, queue state, who holds it now.
_FOUND_COLUMNS = (
    "SELECT d.*, q.state AS found_state, q.claimed_by AS found_claimed,"
    " (SELECT coalesce(sum(i.open_cents), 0) FROM invoices i"
    "  WHERE i.debtor_code = d.code AND i.open_cents <> 0) AS found_balance,"
)


#: The first contact whose phone (or second phone) holds the typed digits, and that number.
_MATCHED_CONTACT = (
    " (SELECT c.name || char(31) || CASE WHEN replace(replace(replace(replace(c.phone,"
    "  ' ', ''), '.', ''), '-', ''), '+', '') LIKE :fragment THEN c.phone ELSE c.phone2 END"
    "  FROM contacts c WHERE c.debtor_code = d.code AND (replace(replace(replace(replace("
    "  c.phone, ' ', ''), '.', ''), '-', ''), '+', '') LIKE :fragment"
    "  OR replace(replace(replace(replace(c.phone2, ' ', ''), '.', ''), '-', ''), '+', '')"
    "  LIKE :fragment) ORDER BY c.id LIMIT 1) AS found_contact"
)


_NAME_OR_CODE = (
    " FROM debtors d LEFT JOIN queue_state q ON q.debtor_code = d.code"
    " WHERE d.code = :needle COLLATE NOCASE OR d.code LIKE :like ESCAPE '\\'"
    " OR callcenter_fold(d.name) LIKE :folded ESCAPE '\\'"
)


_BY_PHONE = (
    " OR d.code IN (SELECT debtor_code FROM contacts WHERE"
    " replace(replace(replace(replace(phone, ' ', ''), '.', ''), '-', ''), '+', '')"
    " LIKE :fragment OR replace(replace(replace(replace(phone2, ' ', ''), '.', ''), '-', ''),"
    " '+', '') LIKE :fragment)"
)


_FOUND_ORDER = (
    " ORDER BY CASE WHEN d.code = :needle COLLATE NOCASE THEN 0 ELSE 1 END, d.name LIMIT :limit"
)


def search_debtors(store: SqliteStore, text: str, limit: int) -> list[FoundDebtor]:
    """Debtors whose code or name contains ``text``, or a contact phone contains its digits."""
    needle = text.strip()
    digits = "".join(c for c in needle if c.isdigit())
    like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    store.conn.create_function("callcenter_fold", 1, _fold, deterministic=True)
    # Names are compared without accents or case: "societe generale" finds "Société Générale".
    params = {"needle": needle, "like": like, "folded": _fold(like), "limit": limit}
    if len(digits) >= 4 and len(digits) >= len(needle.replace(" ", "").replace(".", "")) - 1:
        # Any run of the number's digits, typed with or without the national 0:
        # "05 36 49" finds "+33 5 36 49 19 99" as well as "05 36 49 19 99".
        params["fragment"] = "%" + (digits[1:] if digits.startswith("0") else digits)[-9:] + "%"
        sql = _FOUND_COLUMNS + _MATCHED_CONTACT + _NAME_OR_CODE + _BY_PHONE + _FOUND_ORDER
    else:
        sql = _FOUND_COLUMNS + " NULL AS found_contact" + _NAME_OR_CODE + _FOUND_ORDER
    return [_found(r) for r in dict_query(store, sql, params)]


def _found(row: dict) -> FoundDebtor:
    contact, _, phone = (row["found_contact"] or "").partition("\x1f")
    return FoundDebtor(
        debtor=debtor_from_row(row),
        balance_cents=row["found_balance"],
        state=QueueState(row["found_state"]) if row["found_state"] else None,
        claimed_by=row["found_claimed"],
        matched_contact=contact,
        matched_phone=phone,
    )


def _fold(text: str | None) -> str:
    """Lower case without accents, for searching names as people type them."""
    if not text:
        return ""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
