"""The settlement rule alone: pure, and blind to the order its inputs come in."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from callcenter.domain.models import PromiseStatus
from callcenter.domain.settlement import PromiseTerms, Verdict, judge_promises

DAY = date(2026, 11, 24)


def test_a_payment_on_the_last_day_of_grace_keeps_the_promise():
    terms = [PromiseTerms(1, DAY, date(2026, 12, 1), 500_00, judged=True)]
    kept = judge_promises(
        terms, [(date(2026, 12, 3), 500_00)], today=date(2026, 12, 9), grace_days=2
    )
    late = judge_promises(
        terms, [(date(2026, 12, 4), 500_00)], today=date(2026, 12, 9), grace_days=2
    )
    assert kept == [Verdict(1, PromiseStatus.KEPT, 500_00)]
    assert late == [Verdict(1, PromiseStatus.BROKEN, 0)]


def test_a_running_promise_reserves_nothing_visible():
    terms = [PromiseTerms(1, DAY, date(2026, 12, 1), 500_00)]
    found = judge_promises(terms, [(DAY, 200_00)], today=DAY, grace_days=2)
    assert found == [Verdict(1, PromiseStatus.PENDING, 0)]


@given(
    promises=st.lists(
        st.tuples(st.integers(0, 20), st.integers(0, 40), st.integers(1, 50_000)), max_size=5
    ),
    payments=st.lists(st.tuples(st.integers(-5, 60), st.integers(-100, 60_000)), max_size=6),
    data=st.data(),
)
def test_the_order_of_the_inputs_does_not_matter(promises, payments, data):
    terms = [
        PromiseTerms(i, DAY + timedelta(days=made), DAY + timedelta(days=made + ahead), cents)
        for i, (made, ahead, cents) in enumerate(promises)
    ]
    money = [(DAY + timedelta(days=d), cents) for d, cents in payments]
    today = DAY + timedelta(days=45)
    first = judge_promises(terms, money, today=today, grace_days=2)
    shuffled = judge_promises(
        data.draw(st.permutations(terms)), data.draw(st.permutations(money)),
        today=today, grace_days=2,
    )  # fmt: skip
    assert shuffled == first
    assert sum(v.paid_cents for v in first) <= sum(c for _, c in money if c > 0)
