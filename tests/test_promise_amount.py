"""The default promised amount, one rule for the workstation and ``callcenter log``."""

from __future__ import annotations

from callcenter.domain.promise_amount import default_promised_cents


def test_the_overdue_total_or_no_default():
    assert default_promised_cents(12_400_00) == 12_400_00
    assert default_promised_cents(0) is None  # a balance not yet due is no default
    assert default_promised_cents(-5_00) is None  # a credit is no default either
