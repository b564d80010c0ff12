"""Finding a debtor: what both backends share (balance, state, the phone match, folding).

Each backend says how a code and a name match the typed text
(``name_or_code``, ``order``): SQLite folds names with a Python function,
PostgreSQL in SQL. The rest is here: what a search returns, the phone
digits, the parameters worked out from the typed text, the rows turned
into :class:`FoundDebtor`.
"""

from __future__ import annotations

import unicodedata

from callcenter.domain.models import FoundDebtor, QueueState
from callcenter.store.rows import debtor_from_row

#: What a search returns besides the debtor: balance, queue state, who holds it now.
FOUND_COLUMNS = (
    "SELECT d.*, q.state AS found_state, q.claimed_by AS found_claimed,"
    " (SELECT coalesce(sum(i.open_cents), 0) FROM invoices i"
    "  WHERE i.debtor_code = d.code AND i.open_cents <> 0) AS found_balance,"
)


#: The first contact whose phone (or second phone) holds the typed digits, and that number.
MATCHED_CONTACT = (
    " (SELECT c.name || char(31) || CASE WHEN replace(replace(replace(replace(c.phone,"
    "  ' ', ''), '.', ''), '-', ''), '+', '') LIKE :fragment THEN c.phone ELSE c.phone2 END"
    "  FROM contacts c WHERE c.debtor_code = d.code AND (replace(replace(replace(replace("
    "  c.phone, ' ', ''), '.', ''), '-', ''), '+', '') LIKE :fragment"
    "  OR replace(replace(replace(replace(c.phone2, ' ', ''), '.', ''), '-', ''), '+', '')"
    "  LIKE :fragment) ORDER BY c.id LIMIT 1) AS found_contact"
)


#: Debtors one of whose contacts' phones holds the typed digits.
BY_PHONE = (
    " OR d.code IN (SELECT debtor_code FROM contacts WHERE"
    " replace(replace(replace(replace(phone, ' ', ''), '.', ''), '-', ''), '+', '')"
    " LIKE :fragment OR replace(replace(replace(replace(phone2, ' ', ''), '.', ''), '-', ''),"
    " '+', '') LIKE :fragment)"
)


def parameters(text: str, limit: int) -> tuple[dict[str, object], bool]:
    """The statement's parameters for the typed ``text``, and whether it searches phones.

    ``like`` matches the text anywhere (its ``%``, ``_`` and ``\\`` escaped);
    ``folded`` is the same folded (see :func:`fold`). A text made of digits
    searches phones too: any run of the number's digits, typed with or without
    the national 0 ("05 36 49" finds "+33 5 36 49 19 99").
    """
    needle = text.strip()
    digits = "".join(c for c in needle if c.isdigit())
    like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    params: dict[str, object] = {
        "needle": needle,
        "like": like,
        "folded": fold(like),
        "limit": limit,
    }
    by_phone = len(digits) >= 4 and len(digits) >= len(needle.replace(" ", "").replace(".", "")) - 1
    if by_phone:
        params["fragment"] = "%" + (digits[1:] if digits.startswith("0") else digits)[-9:] + "%"
    return params, by_phone


def statement(name_or_code: str, order: str, by_phone: bool) -> str:
    """The whole search, given the backend's matching of codes and names and its order."""
    if by_phone:
        return FOUND_COLUMNS + MATCHED_CONTACT + name_or_code + BY_PHONE + order
    return FOUND_COLUMNS + " NULL AS found_contact" + name_or_code + order


def found_debtor(row: dict) -> FoundDebtor:
    contact, _, phone = (row["found_contact"] or "").partition("\x1f")
    return FoundDebtor(
        debtor=debtor_from_row(row),
        balance_cents=row["found_balance"],
        state=QueueState(row["found_state"]) if row["found_state"] else None,
        claimed_by=row["found_claimed"],
        matched_contact=contact,
        matched_phone=phone,
    )


def fold(text: str | None) -> str:
    """Lower case without accents, for searching names as people type them."""
    if not text:
        return ""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
