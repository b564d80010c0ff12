"""Promises that make sense: the service's rules, asked by the dialogs, by keystrokes.

Pilot presses the keys and the test reads the database; the rules themselves
(:mod:`callcenter.service.outcome_rules`) are also checked alone and through
``callcenter log``.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from builtin_settings import SETTINGS
from ledger_builders import add_debtor, late
from sqlfile import raw_rows
from tui_data import COLLECTOR, build, screen_text, settle

from callcenter.domain.settings import Config
from callcenter.i18n import Locale
from callcenter.service.outcome_rules import promise_refusal
from callcenter.service.outcomes import OutcomeError, log_outcome
from callcenter.store import open_database

PARIS = ZoneInfo("Europe/Paris")
#: Thursday 25 March 2027: the next day is Good Friday, a holiday in Alsace-Moselle only.
BEFORE_GOOD_FRIDAY = datetime(2027, 3, 25, 10, 0, tzinfo=PARIS)


def workstation(store, now, config: Config = SETTINGS, lang: str = "fr"):
    from callcenter.tui.app import WorkstationApp
    from callcenter.tui.desk import Desk

    desk = Desk(store, collector=COLLECTOR, lang=lang, config=config)
    return WorkstationApp(desk, Locale(lang, "dmy"), clock=lambda: now)


def dialog_text(app) -> str:
    """The dialog's lines (inside its thick border) joined in one line, as read."""
    inside = [
        line[line.index("█") + 1 : line.rindex("█")].strip()
        for line in screen_text(app).splitlines()
        if line.count("█") >= 2
    ]
    return " ".join(part for part in inside if part)


def rows(store, sql: str) -> list[tuple]:
    return raw_rows(store, sql)


def alices_promises(store) -> list[tuple]:
    return rows(
        store,
        "SELECT debtor_code, promised_on, amount_cents FROM promises WHERE collector = 'alice'",
    )


@pytest.fixture
def book(store, now):
    build(store, now)
    return store


# -- the rules alone -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "day", "cents", "code"),
    [
        (date(2026, 11, 24), date(2026, 11, 23), 100_00, "date_past"),
        (date(2026, 11, 24), date(2026, 12, 1), 0, "amount_not_positive"),
        (date(2026, 11, 24), date(2026, 12, 1), -5_00, "amount_not_positive"),
        (date(2026, 11, 24), date(2027, 11, 20), 100_00, "date_passed_this_year"),  # "20/11"
        (date(2026, 1, 10), date(2026, 6, 1), 100_00, "date_far"),
        (date(2026, 11, 24), date(2026, 12, 1), 2_000_00, "amount_above_balance"),
        (date(2026, 11, 24), date(2027, 1, 15), 100_00, None),  # "15/01" in November: fine
        (date(2026, 11, 24), date(2027, 2, 24), 1_000_00, None),  # three months, the balance
    ],
)
def test_the_promise_rules(today, day, cents, code):
    found = promise_refusal(day, cents, today=today, balance_cents=1_000_00)
    assert (found.code if found else None) == code
    if found is not None:
        confirmed = promise_refusal(day, cents, today=today, balance_cents=1_000_00, confirmed=True)
        assert (confirmed is None) == found.confirmable


def test_the_service_asks_then_saves_once_confirmed(store, now):
    add_debtor(store, now, "C1", invoices=[late("F1", 40, 500_00)])
    with pytest.raises(OutcomeError) as asked:
        log_outcome(
            store, "C1", "promise", collector="alice", now=now,
            promise_date=date(2026, 12, 1), amount_cents=900_00, config=SETTINGS,
        )  # fmt: skip
    assert asked.value.needs_confirmation
    said = Locale("fr").error(asked.value).replace("\xa0", " ")
    assert said == "900,00 €, c'est plus que le solde (500,00 €) : le confirmer ?"
    assert rows(store, "SELECT count(*) FROM calls") == [(0,)]
    log_outcome(
        store, "C1", "promise", collector="alice", now=now,
        promise_date=date(2026, 12, 1), amount_cents=900_00, confirmed=True, config=SETTINGS,
    )  # fmt: skip
    assert rows(store, "SELECT amount_cents FROM promises") == [(900_00,)]


def test_callcenter_log_asks_in_the_users_language_and_yes_confirms(
    store, now, db_path, monkeypatch, capsys
):
    from callcenter.cli import main

    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    monkeypatch.setenv("CALLCENTER_USER", "alice")
    monkeypatch.delenv("CALLCENTER_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(db_path.parent / "no-config"))
    add_debtor(store, now, "C1", invoices=[late("F1", 40, 500_00)])

    def run(*argv: str) -> int:
        try:
            return main(["--db", str(db_path), "--lang", "fr", "log", "C1", *argv])
        except SystemExit as exc:
            return int(exc.code)

    assert run("promise", "--promise-date", "20/11") != 0
    said = capsys.readouterr().err
    assert "Le 20/11/2026 est déjà passé cette année : promesse pour le 20/11/2027 ?" in said
    assert "(--yes)" in said
    assert run("promise", "--promise-date", "20/11", "--yes") == 0
    assert rows(store, "SELECT promised_on FROM promises") == [("2027-11-20",)]
    assert run("refused") != 0
    assert "Un refus a besoin d'un motif" in capsys.readouterr().err
    assert run("already_paid", "--paid-on", "20/11", "--means", "cheque") == 0
    assert rows(store, "SELECT paid_on, means FROM payment_claims") == [("2026-11-20", "cheque")]


# -- the workstation -------------------------------------------------------------------


async def test_quick_keys_show_their_days_and_skip_the_regions_holidays(tmp_path):
    for region, shown, friday in (
        ("FR", "1 demain (ven 26/03)", "f vendredi (ven 26/03)"),
        ("FR-57", "1 demain (mar 30/03)", "f vendredi (mar 30/03)"),
    ):
        store = open_database(tmp_path / f"{region}.db")
        try:
            build(store, BEFORE_GOOD_FRIDAY)
            app = workstation(store, BEFORE_GOOD_FRIDAY, Config(region=region))
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.press("enter")
                await settle(pilot)
                await pilot.press("p")
                await settle(pilot)
                text = dialog_text(app)
                assert shown in text and friday in text
                await pilot.press("f")
                await settle(pilot)
            expected = "2027-03-26" if region == "FR" else "2027-03-30"
            assert [p[1] for p in alices_promises(store)] == [expected]
        finally:
            store.close()


async def test_more_than_the_balance_is_asked_and_confirmed_with_o(book, now):
    app = workstation(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("p", "tab", "tab", "ctrl+u", *"99999", "enter", "1")
        await settle(pilot)
        assert "c'est plus que le solde" in screen_text(app)
        assert alices_promises(book) == []
        await pilot.press("o")
        await settle(pilot)
        assert alices_promises(book) == [("C001", "2026-11-25", 9_999_900)]
        assert app.screen is app.session


async def test_a_day_past_this_year_is_asked_and_an_edit_withdraws_the_question(book, now):
    app = workstation(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("p", "tab", *"20/11", "enter")
        await settle(pilot)
        assert "Le 20/11/2026 est déjà passé cette année" in screen_text(app)
        await pilot.press("tab", "ctrl+u", *"20/12", "o")  # edited: "o" is typed, not a yes
        await settle(pilot)
        assert alices_promises(book) == []
        await pilot.press("backspace", "enter")
        await settle(pilot)
        assert alices_promises(book) == [("C001", "2026-12-20", 605_050)]


async def test_refused_keeps_the_reason_and_leaves_the_dunning_step(book, now):
    step = rows(book, "SELECT dunning_step FROM debtors WHERE code = 'C001'")
    app = workstation(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("r", "tab", "enter")  # no reason: the service's rule says so
        await settle(pilot)
        assert "Un refus a besoin d'un motif" in screen_text(app)
        await pilot.press(*"attend le virement du client final", "enter")
        await settle(pilot)
    assert rows(book, "SELECT outcome, reason FROM calls ORDER BY id DESC LIMIT 1") == [
        ("refused", "attend le virement du client final")
    ]
    assert rows(book, "SELECT dunning_step FROM debtors WHERE code = 'C001'") == step


async def test_already_paid_captures_date_amount_means_and_reference(book, now):
    app = workstation(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a", *"demain", "enter")
        await settle(pilot)
        assert "n'est pas encore arrivé" in screen_text(app)
        await pilot.press("ctrl+u", *"20/11", "tab", "ctrl+u", *"1200", "tab", "1")
        await pilot.press("tab", *"VIR BQ 7781", "enter")
        await settle(pilot)
    assert rows(book, "SELECT paid_on, amount_cents, means, reference FROM payment_claims") == [
        ("2026-11-20", 120_000, "transfer", "VIR BQ 7781")
    ]


async def test_already_paid_above_the_balance_waits_for_a_confirmation(book, now):
    app = workstation(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a", *"20/11", "tab", "ctrl+u", *"0", "enter")
        await settle(pilot)
        assert "Le montant payé doit être supérieur à zéro" in screen_text(app)
        await pilot.press("ctrl+u", *"99000", "enter")
        await settle(pilot)
        assert "c'est plus que le solde" in screen_text(app)
        assert rows(book, "SELECT count(*) FROM payment_claims") == [(0,)]
        await pilot.press("o")
        await settle(pilot)
    assert rows(book, "SELECT amount_cents FROM payment_claims") == [(99_000_00,)]


async def test_skip_until_a_day_puts_the_debtor_aside_until_then(book, now):
    from callcenter.store.codec import instant_from_db

    app = workstation(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("x", "tab", *"en congés", "tab", *"lundi", "enter")
        await settle(pilot)
    (back,) = rows(book, "SELECT next_action_at FROM queue_state WHERE debtor_code = 'C001'")[0]
    monday = date(2026, 11, 30)
    assert instant_from_db(back).astimezone(PARIS) == datetime(
        monday.year, monday.month, monday.day, 9, 0, tzinfo=PARIS
    )
    assert rows(book, "SELECT reason FROM calls ORDER BY id DESC LIMIT 1") == [("en congés",)]
