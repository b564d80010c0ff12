"""The pure scoring function: states, waits, points and the words of the reasons."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callcenter.domain.models import Outcome, PromiseStatus, QueueState
from callcenter.domain.scoring import DebtorFacts, LastCall, Reason, describe, reason, score
from callcenter.domain.settings import Config

BROKEN, PARTLY = PromiseStatus.BROKEN, PromiseStatus.PARTLY_KEPT

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
TODAY = NOW.date()
CONFIG = Config()


def facts(**kw) -> DebtorFacts:
    base = {"code": "C1", "overdue_cents": 1_000_00, "oldest_due": TODAY - timedelta(days=30)}
    base.update(kw)
    return DebtorFacts(**base)


def codes(scored) -> list[str]:
    return [r.code for r in scored.reasons]


# -- states ------------------------------------------------------------------


def test_nothing_overdue_is_done():
    result = score(facts(overdue_cents=0, oldest_due=None), NOW, CONFIG)
    assert result.state is QueueState.DONE
    assert result.next_action_at is None


def test_credit_notes_can_cancel_the_overdue():
    # the store already subtracts credit notes: a net of zero or less is done
    assert score(facts(overdue_cents=-50_00), NOW, CONFIG).state is QueueState.DONE


@pytest.mark.parametrize("status", ["closed", "litigation"])
def test_closed_or_litigation_is_on_hold(status):
    assert score(facts(status=status), NOW, CONFIG).state is QueueState.HOLD


def test_all_overdue_disputed_or_excluded():
    disputed = facts(overdue_cents=0, disputed_cents=500_00, oldest_due=None)
    assert score(disputed, NOW, CONFIG).state is QueueState.DISPUTE
    excluded = facts(overdue_cents=0, excluded_cents=500_00, oldest_due=None)
    assert score(excluded, NOW, CONFIG).state is QueueState.HOLD
    partly = facts(overdue_cents=100_00, disputed_cents=500_00)
    assert score(partly, NOW, CONFIG).state is QueueState.DUE


def test_pending_promise_keeps_out_until_date_plus_grace():
    promised = facts(pending_promises=((date(2026, 12, 1), 1_000_00),))
    result = score(promised, NOW, CONFIG)
    assert result.state is QueueState.PROMISE
    # 1 December + 2 grace days: back on 4 December at 00:00 Paris
    assert result.next_action_at == datetime(2026, 12, 4, 0, 0, tzinfo=PARIS)
    assert codes(result)[0] == "awaiting_promise"
    # on the last grace day it is still out; the day after, due
    assert score(promised, datetime(2026, 12, 3, 17, 0, tzinfo=PARIS), CONFIG).state is (
        QueueState.PROMISE
    )
    assert score(promised, datetime(2026, 12, 4, 9, 0, tzinfo=PARIS), CONFIG).state is (
        QueueState.DUE
    )


def test_callback_state_and_boost():
    callback_at = datetime(2026, 11, 24, 15, 30, tzinfo=PARIS)
    asked = facts(last_call=LastCall(Outcome.CALLBACK, NOW - timedelta(hours=1), callback_at))
    result = score(asked, NOW, CONFIG)
    assert result.state is QueueState.CALLBACK
    assert result.next_action_at == callback_at
    assert describe(result.reasons[0], "en", TODAY) == "callback asked for 15:30"
    assert describe(result.reasons[0], "fr", TODAY) == "rappel demandé pour 15:30"
    # without knowing today, the day is said too
    assert describe(result.reasons[0], "en") == "callback asked for 24 Nov at 15:30"
    assert describe(result.reasons[0], "fr") == "rappel demandé le 24/11 à 15:30"
    due = score(asked, callback_at + timedelta(minutes=1), CONFIG)
    assert due.score >= result.score + CONFIG.queue.weights.callback_due - 5


def test_a_callback_asked_after_a_promise_wins():
    callback_at = NOW + timedelta(days=1)
    both = facts(
        pending_promises=((date(2026, 12, 10), 100_00),),
        last_call=LastCall(Outcome.CALLBACK, NOW, callback_at),
    )
    assert score(both, NOW, CONFIG).state is QueueState.CALLBACK


# -- waits after an outcome ----------------------------------------------------


def after(outcome: Outcome, at: datetime, attempts: int = 0, **kw):
    recent = tuple(at - timedelta(minutes=n) for n in range(attempts))
    return score(facts(last_call=LastCall(outcome, at), recent_attempts=recent, **kw), at, CONFIG)


def test_no_answer_delays_grow_then_wait_for_tomorrow():
    first = after(Outcome.NO_ANSWER, NOW, attempts=1)
    assert first.state is QueueState.DUE
    assert first.next_action_at == NOW + timedelta(hours=2)
    second = after(Outcome.VOICEMAIL, NOW, attempts=2)
    assert second.next_action_at == datetime(2026, 11, 24, 14, 0, tzinfo=PARIS)
    third = after(Outcome.BUSY, NOW, attempts=3)
    assert third.next_action_at == datetime(2026, 11, 25, 9, 0, tzinfo=PARIS)
    assert third.attempts_today == 3


def test_retry_delay_lands_inside_calling_hours():
    evening = datetime(2026, 11, 27, 17, 45, tzinfo=PARIS)  # a Friday
    result = after(Outcome.NO_ANSWER, evening, attempts=1)
    assert result.next_action_at == datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        (Outcome.SKIP, NOW + timedelta(minutes=60)),
        (Outcome.REFUSED, datetime(2026, 11, 26, 9, 0, tzinfo=PARIS)),  # 2 business days
        (Outcome.ALREADY_PAID, datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)),  # +5 d: a Sunday
        (Outcome.DISPUTE, datetime(2026, 11, 25, 9, 0, tzinfo=PARIS)),
        (Outcome.WRONG_NUMBER, NOW),  # the next contact right away
    ],
)
def test_waits_after_each_outcome(outcome, expected):
    result = after(outcome, NOW)
    assert result.state is QueueState.DUE
    assert result.next_action_at == expected


def test_a_due_debtor_with_no_call_is_due_since_its_oldest_invoice():
    result = score(facts(), NOW, CONFIG)
    assert result.next_action_at == datetime(2026, 10, 26, 0, 0, tzinfo=PARIS)
    assert result.next_action_at <= NOW


# -- points ------------------------------------------------------------------


def test_more_overdue_and_older_score_higher():
    small = score(facts(overdue_cents=100_00), NOW, CONFIG).score
    big = score(facts(overdue_cents=100_000_00), NOW, CONFIG).score
    old = score(facts(oldest_due=TODAY - timedelta(days=200)), NOW, CONFIG).score
    young = score(facts(oldest_due=TODAY - timedelta(days=5)), NOW, CONFIG).score
    assert big > small
    assert old > young


def test_a_broken_promise_puts_the_debtor_first():
    broken = facts(overdue_cents=100_00, broken_promises=((date(2026, 11, 14), BROKEN),))
    huge = facts(overdue_cents=1_000_000_00, oldest_due=TODAY - timedelta(days=300))
    assert score(broken, NOW, CONFIG).score > score(huge, NOW, CONFIG).score
    first = score(broken, NOW, CONFIG).reasons[1]
    assert describe(first, "en") == "promise of 14 Nov broken"
    assert describe(first, "fr") == "promesse du 14/11 non tenue"


def test_recent_broken_promises_weigh_more():
    recent = score(facts(broken_promises=((date(2026, 11, 14), BROKEN),)), NOW, CONFIG).score
    old = score(facts(broken_promises=((date(2026, 6, 1), BROKEN),)), NOW, CONFIG).score
    two = score(
        facts(broken_promises=((date(2026, 6, 1), BROKEN), (date(2026, 11, 14), BROKEN))),
        NOW,
        CONFIG,
    )
    assert recent > old
    assert two.score > recent
    assert "2" in describe(two.reasons[1], "en")


def test_attempts_today_lower_the_score_and_segments_raise_it():
    base = score(facts(), NOW, CONFIG).score
    tried = score(facts(recent_attempts=(NOW - timedelta(hours=3),)), NOW, CONFIG).score
    yesterday = score(facts(recent_attempts=(NOW - timedelta(days=1),)), NOW, CONFIG).score
    assert tried == base - CONFIG.queue.weights.attempts_today
    assert yesterday == base
    key = score(facts(segment="key_account"), NOW, CONFIG).score
    assert key == base + 150
    stepped = score(facts(dunning_step=2), NOW, CONFIG).score
    assert stepped == base + 2 * CONFIG.queue.weights.dunning_step


def test_overdue_reason_words():
    result = score(
        facts(overdue_cents=12_400_00, oldest_due=TODAY - timedelta(days=67)), NOW, CONFIG
    )
    words_en = describe(result.reasons[0], "en")
    words_fr = describe(result.reasons[0], "fr")
    assert words_en == "€12,400 overdue, oldest 67 days"
    assert words_fr == "12\u202f400\u00a0€ échus, le plus ancien à 67 jours"


def test_reasons_survive_json():
    item = reason("overdue", cents=12_400_00, days=67)
    assert Reason.from_json(item.to_json()) == item
    assert describe(Reason.from_json("already words"), "fr") == "already words"
    assert describe(Reason("unknown_code"), "fr") == "unknown_code"


def test_weights_come_from_the_config():
    heavy = replace(CONFIG, queue=replace(CONFIG.queue, segments={"standard": 1000}))
    assert score(facts(), NOW, heavy).score == score(facts(), NOW, CONFIG).score + 1000


# -- properties ----------------------------------------------------------------

cents = st.integers(min_value=-1_000_000_00, max_value=10_000_000_00)
offsets = st.integers(min_value=-30, max_value=400)
outcomes = st.sampled_from([o for o in Outcome if o is not Outcome.UNDO])


@st.composite
def any_facts(draw) -> DebtorFacts:
    overdue = draw(cents)
    last = None
    if draw(st.booleans()):
        at = NOW - timedelta(minutes=draw(st.integers(0, 60 * 24 * 30)))
        callback = at + timedelta(hours=draw(st.integers(1, 200)))
        last = LastCall(draw(outcomes), at, callback)
    promises = tuple(
        (TODAY + timedelta(days=draw(offsets)), draw(st.integers(1, 10**9)))
        for _ in range(draw(st.integers(0, 3)))
    )
    return DebtorFacts(
        code="X",
        status=draw(st.sampled_from(["active", "closed", "litigation"])),
        segment=draw(st.sampled_from(["standard", "key_account", "public", "other"])),
        dunning_step=draw(st.integers(0, 9)),
        overdue_cents=overdue,
        disputed_cents=draw(st.sampled_from([0, 0, 100_00])),
        excluded_cents=draw(st.sampled_from([0, 0, 100_00])),
        oldest_due=TODAY - timedelta(days=draw(offsets)) if overdue > 0 else None,
        pending_promises=promises,
        broken_promises=tuple(
            (TODAY - timedelta(days=draw(offsets)), draw(st.sampled_from([BROKEN, PARTLY])))
            for _ in range(draw(st.integers(0, 3)))
        ),
        last_call=last,
        last_contact_at=None if draw(st.booleans()) else NOW - timedelta(days=draw(offsets)),
        recent_attempts=tuple(
            NOW - timedelta(hours=draw(st.integers(0, 30))) for _ in range(draw(st.integers(0, 4)))
        ),
    )


@settings(deadline=None)
@given(any_facts())
def test_scores_are_deterministic(item):
    assert score(item, NOW, CONFIG) == score(item, NOW, CONFIG)


@settings(deadline=None)
@given(any_facts())
def test_nothing_overdue_is_never_queued(item):
    result = score(item, NOW, CONFIG)
    if item.overdue_cents <= 0:
        assert result.state not in (QueueState.DUE, QueueState.CALLBACK)


@settings(deadline=None)
@given(any_facts())
def test_a_pending_promise_keeps_the_debtor_out_until_its_date_plus_grace(item):
    result = score(item, NOW, CONFIG)
    grace = timedelta(days=CONFIG.queue.promise_grace_days)
    running = [d for d, _ in item.pending_promises if d + grace >= TODAY]
    last = item.last_call
    asked_callback = last is not None and last.outcome is Outcome.CALLBACK
    if running and not asked_callback:
        assert result.state not in (QueueState.DUE, QueueState.CALLBACK)


@settings(deadline=None)
@given(any_facts())
def test_callable_states_always_have_a_next_action(item):
    result = score(item, NOW, CONFIG)
    if result.state in (QueueState.DUE, QueueState.CALLBACK, QueueState.PROMISE):
        assert result.next_action_at is not None
        assert result.next_action_at.tzinfo is not None
    for why in result.reasons:
        assert describe(why, "fr", TODAY)
        assert describe(why, "en", TODAY)


def test_segment_words():
    assert describe(reason("segment", segment="key_account"), "fr") == "segment grand compte"
    assert describe(reason("segment", segment="public"), "en") == "segment public sector"
    assert describe(reason("segment", segment="export"), "en") == "segment export"


def test_broken_promises_say_over_how_long_they_are_counted():
    """The queue counts missed promises over the memory span (the hints count the same)."""
    broken = ((TODAY - timedelta(days=10), PARTLY), (TODAY - timedelta(days=40), BROKEN))
    scored = score(facts(broken_promises=broken), NOW, CONFIG)
    (item,) = [r for r in scored.reasons if r.code == "promise_broken"]
    day = broken[0][0].day
    assert describe(item, "fr") == (
        f"promesse du {day}/11 tenue en partie (1 non tenue et 1 tenue en partie en 180 jours)"
    )
    assert describe(item, "en") == (
        f"promise of {day} Nov partly kept (1 broken and 1 partly kept in 180 days)"
    )
    older = reason("promise_broken", date=broken[0][0].isoformat(), count=2)  # stored before
    assert describe(older, "fr").endswith("non tenue (2 non tenues)")


def test_unanswered_attempts_take_each_languages_plural():
    assert describe(reason("attempts", count=1), "fr") == "1 essai sans réponse aujourd'hui"
    assert describe(reason("attempts", count=0), "fr") == "0 essai sans réponse aujourd'hui"
    assert describe(reason("attempts", count=3), "fr") == "3 essais sans réponse aujourd'hui"
    assert describe(reason("attempts", count=1), "en") == "1 unanswered attempt today"
    assert describe(reason("attempts", count=0), "en") == "0 unanswered attempts today"
