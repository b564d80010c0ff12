"""One dossier, one count: the queue's reason, the hints and the calls panel agree.

The reasons and the hints sit side by side on the workstation; they count
missed promises over the same span (``queue.broken_promise_memory_days``)
and name a partly kept one as the calls panel does.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ledger_builders import add_debtor, add_payment, late

from callcenter.domain.models import Outcome
from callcenter.i18n import Locale
from callcenter.service.outcomes import log_outcome
from callcenter.service.promises import settle_promises
from callcenter.service.queue import rescore, worded
from callcenter.tui.desk import Desk
from callcenter.tui.widgets.calls import calls_and_promises
from callcenter.tui.widgets.hints import hint_lines


def _weekday(moment: datetime) -> datetime:
    while moment.weekday() >= 5:
        moment -= timedelta(days=1)
    return moment


def _promise(store, now: datetime, days_ago: int, cents: int) -> None:
    """A promise made ``days_ago`` days before ``now``, for five days later."""
    at = _weekday(now - timedelta(days=days_ago))
    log_outcome(
        store,
        "C1",
        Outcome.PROMISE,
        collector="alice",
        now=at,
        promise_date=at.date() + timedelta(days=5),
        amount_cents=cents,
        confirmed=True,
    )
    settle_promises(store, now=at + timedelta(days=12))


def _shown(store, now: datetime, lang: str):
    add_debtor(store, now, "C1", invoices=[late("F1", 300, 3_000_00)], contacts=["Mme Martin"])
    rescore(store, now=now)
    _promise(store, now, 290, 500_00)  # missed long ago: outside the 180 days
    _promise(store, now, 60, 1_000_00)
    add_payment(store, "C1", "VIR-1", (now - timedelta(days=53)).date(), 400_00)
    _promise(store, now, 30, 700_00)
    settle_promises(store, now=now)
    rescore(store, now=now)
    return Desk(store, "alice", lang=lang).open_debtor("C1", now)


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


def test_the_hint_and_the_reason_give_the_same_count_in_the_same_words(store, now):
    shown = _shown(store, now, "fr")
    (reason,) = [r for r in worded(shown.dossier.queue, "fr") if r.startswith("promesse du")]
    (hint,) = [_plain(h.text) for h in shown.hints if "promesse" in h.text]
    counts = "non tenue et 1 tenue en partie en 180 jours"
    assert reason.endswith(f"non tenue (1 {counts})")
    assert hint.startswith(f"1 promesse {counts} — ")
    assert hint.endswith("; 1 autre avant")
    calls = _plain(calls_and_promises(shown.dossier, Locale("fr")).plain)
    assert "tenue en partie" in calls and "NON TENUE" in calls


def test_in_english_too(store, now):
    shown = _shown(store, now, "en")
    reasons = [r for r in worded(shown.dossier.queue, "en") if r.startswith("promise of")]
    assert reasons[0].endswith("broken (1 broken and 1 partly kept in 180 days)")
    hint = next(h.text for h in shown.hints if "promise" in h.text)
    assert hint.startswith("1 promise broken and 1 partly kept in 180 days — ")
    calls = calls_and_promises(shown.dossier, Locale("en", "iso")).plain
    assert "partly kept" in calls


def test_no_hint_is_cut_at_80_columns(store, now):
    """The narrow layout wraps every hint whole: each word of it is on screen."""
    shown = _shown(store, now, "fr")
    width = 80 - 4  # the panel's border and padding
    lines = hint_lines(shown.hints, width).plain.splitlines()
    assert all(len(line) <= width for line in lines)
    words = " ".join(line.strip() for line in lines).split()
    for hint in shown.hints:
        assert "…" not in hint.text
        for word in hint.text.split():
            assert word in words
