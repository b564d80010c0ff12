"""Reading debtors for the screen and the CLI, and their account note."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from callcenter.domain.models import Dossier
from callcenter.domain.text import clean
from callcenter.service.changes import ChangeError, check_may_change, record
from callcenter.service.dialing import recordings_of
from callcenter.store import Store

#: An account note is a few lines a colleague reads before dialling, not a file.
ACCOUNT_NOTE_MAX = 1000


class UnknownDebtor(LookupError):
    """No debtor has this code."""


def dossier(store: Store, code: str, today: date | None = None, *, recordings: str = "") -> Dossier:
    """The whole dossier of one debtor; raises :class:`UnknownDebtor`.

    ``recordings`` is the settings' pattern (``[dialer] recordings``): the calls
    whose dialled attempt left a recording there carry its path.
    """
    found = store.dossiers.load_dossier(code, today)
    if found is None:
        raise UnknownDebtor(f"no debtor with code {code!r}")
    if not recordings:
        return found
    call_ids = [call.id for call in found.calls if call.id is not None]
    return replace(found, recordings=recordings_of(store, call_ids, recordings))


def set_account_note(store: Store, code: str, text: str, *, actor: str, now: datetime) -> int:
    """Replace debtor ``code``'s account note (kept across calls); returns the change id.

    Logged like an outcome, so :func:`callcenter.service.changes.undo_change`
    puts the previous text back.
    """
    note = clean(text, multiline=True).strip()
    if len(note) > ACCOUNT_NOTE_MAX:
        raise ChangeError("note_too_long", max=ACCOUNT_NOTE_MAX)
    with store.transaction():
        check_may_change(store, code, actor)
        before = store.dossiers.account_note(code) or ""
        store.dossiers.set_account_note(code, note)
        return record(
            store,
            code=code,
            actor=actor,
            now=now,
            action="account_note",
            detail=note,
            before={"note": before},
        )
