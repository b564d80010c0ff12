"""Late penalties, the 40 € indemnity, limitation and payment-term caps, by hand."""

from __future__ import annotations

from datetime import date

import pytest

from callcenter.domain.legal import (
    DEFAULT_RATES,
    RECOVERY_INDEMNITY_CENTS,
    RateError,
    Rates,
    default_due_date,
    divide_half_up,
    excess_terms_days,
    format_rate,
    late_charges,
    late_penalty_cents,
    latest_lawful_due_date,
    limitation_warning,
    percent_to_bp,
    time_barred_on,
)
from callcenter.domain.models import Invoice

TODAY = date(2026, 11, 24)


def _invoice(number, due, open_cents, **kw):
    return Invoice("C1", number, date(2000, 1, 1), due, open_cents, open_cents, **kw)


def test_default_rate_is_ecb_plus_ten_points():
    assert DEFAULT_RATES.ecb_bp == 215
    assert DEFAULT_RATES.penalty_bp == 1215
    assert DEFAULT_RATES.floor_bp == 948  # 3 x 3.16 %


def test_contractual_rate_never_below_three_times_legal_rate():
    assert Rates(contractual_bp=1500).penalty_bp == 1500
    assert Rates(contractual_bp=500).penalty_bp == 948


def test_rates_from_percent_without_floats():
    rates = Rates.from_percent("2,40", legal=3.16, contractual="15 %")
    assert (rates.ecb_bp, rates.legal_bp, rates.contractual_bp) == (240, 316, 1500)
    assert percent_to_bp(2.15) == 215
    assert percent_to_bp("0.005") == 1  # half up
    for bad in ("abc", "-1", "101", "nan"):
        with pytest.raises(RateError):
            percent_to_bp(bad)


def test_format_rate():
    assert format_rate(1215) == "12,15\u00a0%"
    assert format_rate(1215, "en") == "12.15%"


def test_penalty_hand_computed():
    # 10 000 € x 12.15 % x 30 / 365 = 99.863 € -> 99.86 €
    assert late_penalty_cents(1_000_000, date(2026, 10, 25), TODAY, 1215) == 9_986
    # 3 200 € x 12.15 % x 67 / 365 = 71.369 € -> 71.37 €
    assert late_penalty_cents(320_000, date(2026, 9, 18), TODAY, 1215) == 7_137
    # one day late: the day after the due date counts
    assert late_penalty_cents(365_000_00, date(2026, 11, 23), TODAY, 1000) == 10_000


def test_penalty_rounds_half_up():
    # 18.25 € x 10 % x 1 / 365 = 0.005 € exactly -> 0.01 €
    assert late_penalty_cents(1_825, date(2026, 11, 23), TODAY, 1000) == 1
    # x 3 days = 0.015 € -> 0.02 €
    assert late_penalty_cents(1_825, date(2026, 11, 21), TODAY, 1000) == 2
    assert divide_half_up(5, 10) == 1
    assert divide_half_up(4, 10) == 0
    assert divide_half_up(-5, 10) == -1


def test_no_penalty_when_not_late_or_credit():
    assert late_penalty_cents(100_000, TODAY, TODAY, 1215) == 0
    assert late_penalty_cents(100_000, date(2026, 12, 1), TODAY, 1215) == 0
    assert late_penalty_cents(-100_000, date(2026, 1, 1), TODAY, 1215) == 0


def test_late_charges_skip_disputed_excluded_credit_and_not_due():
    invoices = [
        _invoice("F2", date(2026, 9, 18), 320_000),
        _invoice("F1", date(2026, 10, 25), 1_000_000),
        _invoice("F3", date(2026, 10, 1), 50_000, disputed=True),
        _invoice("F4", date(2026, 10, 1), 50_000, excluded=True),
        _invoice("AV1", date(2026, 10, 1), -20_000),
        _invoice("F5", date(2026, 12, 24), 70_000),
    ]
    charges = late_charges(invoices, TODAY)
    assert [c.number for c in charges.invoices] == ["F2", "F1"]
    assert [c.days_late for c in charges.invoices] == [67, 30]
    assert charges.penalties_cents == 7_137 + 9_986
    assert charges.indemnities_cents == 2 * RECOVERY_INDEMNITY_CENTS == 8_000
    assert charges.total_cents == 7_137 + 9_986 + 8_000
    assert charges.rate_bp == 1215


def test_late_charges_use_the_given_rates():
    invoices = [_invoice("F1", date(2026, 10, 25), 1_000_000)]
    # 10 000 € x 15 % x 30 / 365 = 123.287 € -> 123.29 €
    assert late_charges(invoices, TODAY, Rates(contractual_bp=1500)).penalties_cents == 12_329
    assert late_charges([], TODAY).total_cents == 0


def test_limitation_five_years_with_warning_after_four_and_a_half():
    assert time_barred_on(date(2021, 11, 24)) == date(2026, 11, 24)
    assert time_barred_on(date(2024, 2, 29)) == date(2029, 2, 28)
    assert limitation_warning(_invoice("F", date(2021, 11, 24), 100), TODAY) == "barred"
    assert limitation_warning(_invoice("F", date(2021, 11, 25), 100), TODAY) == "near"
    assert limitation_warning(_invoice("F", date(2022, 5, 24), 100), TODAY) == "near"
    assert limitation_warning(_invoice("F", date(2022, 5, 25), 100), TODAY) is None
    assert limitation_warning(_invoice("F", date(2020, 1, 1), 0), TODAY) is None


def test_terms_cap_sixty_days_or_forty_five_end_of_month():
    # 15/01: +60 d = 16/03; EOM + 45 d = 17/03; +45 d then EOM = 31/03 -> 31/03
    assert latest_lawful_due_date(date(2026, 1, 15)) == date(2026, 3, 31)
    # 31/01: +60 d = 01/04 beats both end-of-month readings (17/03, 31/03)
    assert latest_lawful_due_date(date(2026, 1, 31)) == date(2026, 4, 1)
    assert excess_terms_days(date(2026, 1, 15), date(2026, 3, 31)) == 0
    assert excess_terms_days(date(2026, 1, 15), date(2026, 4, 1)) == 1
    assert excess_terms_days(date(2026, 1, 15), date(2026, 5, 15)) == 45


def test_default_due_date_is_thirty_days():
    assert default_due_date(date(2026, 1, 15)) == date(2026, 2, 14)
    assert default_due_date(date(2026, 1, 15), 45) == date(2026, 3, 1)


def test_sentinel_dates_do_not_crash():
    far = date(9999, 12, 31)
    assert time_barred_on(far) == date.max
    assert limitation_warning(_invoice("F", far, 100), TODAY) is None
    assert latest_lawful_due_date(far) == date.max
    assert excess_terms_days(far, far) == 0
    assert default_due_date(far) == date.max
    assert limitation_warning(_invoice("F", date.min, 100), TODAY) == "barred"
