"""The workstation's pure parts: locale, literal text, plan split, callback times, counters."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from rich.text import Text

from callcenter.domain.dates import DateParseError
from callcenter.domain.models import Contact, Outcome, Role
from callcenter.i18n import Locale, detect_locale
from callcenter.service.outcome_rules import Refusal, callback_refusal
from callcenter.tui.literal import clean, literal
from callcenter.tui.screens.callback import CallbackError, parse_callback, quick_callback
from callcenter.tui.screens.plan import split_plan
from callcenter.tui.screens.promise import plain_amount, quick_date, read_date
from callcenter.tui.session_stats import Logged, SessionStats
from callcenter.tui.widgets.contacts import callable_contacts, ordered_contacts
from callcenter.tui.widgets.history import bar, history_bars

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("override", "env", "lang", "style"),
    [
        (None, {"LANG": "fr_FR.UTF-8"}, "fr", "dmy"),
        (None, {"LANG": "en_US.UTF-8"}, "en", "mdy"),
        (None, {"LANG": "en_GB.UTF-8"}, "en", "iso"),
        (None, {"LC_ALL": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, "en", "mdy"),
        (None, {"LANG": "C"}, "fr", "dmy"),
        (None, {}, "fr", "dmy"),
        ("en", {"LANG": "fr_FR.UTF-8"}, "en", "iso"),
        ("fr", {"LANG": "en_US.UTF-8"}, "fr", "dmy"),
    ],
)
def test_locale_comes_from_override_then_environment(override, env, lang, style):
    assert detect_locale(override, env) == Locale(lang, style)


def test_dates_and_money_read_as_each_language_writes_them():
    day = date(2026, 12, 15)
    assert Locale("fr").date(day) == "15/12/2026"
    assert Locale("en", "mdy").date(day) == "12/15/2026"
    assert Locale("en", "iso").date(day) == "2026-12-15"
    assert Locale("fr").long_date(day) == "mardi 15/12/2026"
    assert Locale("en", "mdy").long_date(day) == "Tuesday 12/15/2026"
    assert Locale("fr").money(1_240_000) == "12\u202f400,00\u00a0€"
    assert Locale("en").money(1_240_000) == "€12,400.00"


def test_literal_keeps_markup_as_text_and_drops_control_characters():
    shown = literal("[bold red]X[/] \x1b[31mred\x07 [link=https://e.org]y[/link]")
    assert isinstance(shown, Text)
    assert "[bold red]X[/]" in shown.plain
    assert "[link=https://e.org]y[/link]" in shown.plain
    assert "\x1b" not in shown.plain and "\x07" not in shown.plain
    assert shown.spans == []
    assert clean(None) == ""
    assert "\u202e" not in clean("abc\u202edef")


def test_plan_instalments_sum_to_the_total_on_business_days():
    plan = split_plan(100_001, 3, date(2026, 11, 28))  # a Saturday
    assert sum(cents for _, cents in plan) == 100_001
    assert [cents for _, cents in plan] == [33_333, 33_333, 33_335]
    assert plan[0][0] == date(2026, 11, 30)  # moved to Monday
    assert all(day.weekday() < 5 for day, _ in plan)
    assert plan[2][0] == date(2027, 1, 28)
    with pytest.raises(ValueError):
        split_plan(100, 0, date(2026, 12, 1))
    with pytest.raises(ValueError):
        split_plan(0, 2, date(2026, 12, 1))


def test_promise_quick_keys_and_typed_dates():
    today = date(2026, 11, 24)  # a Tuesday
    assert quick_date("1", today) == date(2026, 11, 25)
    assert quick_date("2", today) == date(2026, 11, 26)
    assert quick_date("f", today) == date(2026, 11, 27)
    assert quick_date("m", today) == date(2026, 11, 30)
    ui = Locale("en", "mdy")
    chosen = date(2026, 11, 27)
    assert read_date(ui.date(chosen), chosen, ui, today) == chosen
    assert read_date("15/12", chosen, ui, today) == date(2026, 12, 15)
    with pytest.raises(DateParseError):
        read_date("31/02", None, ui, today)
    assert plain_amount(1_240_050, "fr") == "12400,50"
    assert plain_amount(5, "en") == "0.05"


def test_callback_times_typed_by_people():
    now = datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
    assert parse_callback("14:30", now, PARIS) == datetime(2026, 11, 24, 14, 30, tzinfo=PARIS)
    assert parse_callback("15/12 10h", now, PARIS) == datetime(2026, 12, 15, 10, 0, tzinfo=PARIS)
    assert parse_callback("demain 9h15", now, PARIS) == datetime(2026, 11, 25, 9, 15, tzinfo=PARIS)
    assert parse_callback("15/12", now, PARIS) == datetime(2026, 12, 15, 9, 0, tzinfo=PARIS)
    past = parse_callback("08:00", now, PARIS)  # read as typed; the service's rule refuses it
    assert past == datetime(2026, 11, 24, 8, 0, tzinfo=PARIS)
    assert callback_refusal(past, now=now) == Refusal("callback_past")
    with pytest.raises(CallbackError):
        parse_callback("", now, PARIS)
    with pytest.raises(CallbackError):
        parse_callback("25:00", now, PARIS)
    assert quick_callback("1", now, PARIS) == now + timedelta(hours=1)
    assert quick_callback("d", now, PARIS) == datetime(2026, 11, 25, 10, 0, tzinfo=PARIS)


def test_session_counters_follow_outcomes_and_undo():
    start = datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
    stats = SessionStats(started_at=start)
    stats.record(Logged(1, "C001", "A", Outcome.PROMISE, 200_000, right_party=True))
    stats.record(Logged(2, "C002", "B", Outcome.NO_ANSWER))
    stats.record(Logged(3, "C003", "C", Outcome.SKIP))
    assert (stats.calls, stats.reached, stats.promised_cents) == (2, 1, 200_000)
    assert stats.pop_last().call_id == 3
    assert stats.pop_last().call_id == 2
    assert stats.pop_last().outcome is Outcome.PROMISE
    assert (stats.calls, stats.reached, stats.promised_cents) == (0, 0, 0)
    assert stats.pop_last() is None
    assert stats.elapsed(start + timedelta(hours=1, seconds=65)) == "1:01:05"


def test_the_right_person_comes_first_and_wrong_numbers_last():
    contacts = [
        Contact("C", "Wrong", Role.OWNER, phone="1", decision_maker=True, wrong_number=True, id=1),
        Contact("C", "Accounts", Role.ACCOUNTANT, phone="2", id=2),
        Contact("C", "Boss", Role.OWNER, phone="3", decision_maker=True, id=3),
        Contact("C", "No phone", Role.OWNER, id=4),
    ]
    assert [c.id for c in ordered_contacts(contacts)] == [3, 2, 1, 4]
    assert [c.id for c in callable_contacts(contacts)] == [3, 2]


def test_history_bars_scale_to_the_largest_month():
    assert bar(0, 100) == " "
    assert bar(1, 100) == "▁"
    assert bar(100, 100) == "█"
    monthly = tuple((f"2026-{m:02d}", m * 100, 0) for m in range(1, 13))
    text = history_bars(monthly, Locale("fr"))
    lines = text.plain.split("\n")
    assert len(lines) == 3
    assert lines[1].rstrip().endswith("78\u00a0€")
    assert "██" in lines[1]


def test_header_line_shows_hold_and_queue_place():
    from callcenter.domain.models import Debtor, Dossier
    from callcenter.tui.desk import Shown
    from callcenter.tui.widgets.debtor_header import debtor_line

    dossier = Dossier(
        Debtor("C9", "[b]N[/b]", credit_hold=True, dunning_step=4), balance_cents=1050
    )
    shown = Shown(dossier, date(2026, 11, 24), rank=0, total=12, located=True)
    line = debtor_line(shown, Locale("en", "iso"))
    assert line.plain.startswith("[b]N[/b]  C9")
    assert "CREDIT HOLD" in line.plain and "step 4" in line.plain and "€10.50" in line.plain
    assert "not in queue (12 queued)" in line.plain
    queued = debtor_line(
        Shown(dossier, date(2026, 11, 24), rank=3, total=12, located=True), Locale("fr")
    )
    assert "file 3/12" in queued.plain and "ENCOURS BLOQUÉ" in queued.plain
    # Until the position is counted (after the paint) the header says nothing about it.
    unknown = debtor_line(Shown(dossier, date(2026, 11, 24)), Locale("fr"))
    assert "file" not in unknown.plain and "ENCOURS BLOQUÉ" in unknown.plain


def test_calls_panel_marks_broken_promises_and_undone_calls():
    from callcenter.domain.models import Call, Debtor, Dossier, Promise, PromiseStatus
    from callcenter.tui.widgets.calls import calls_and_promises

    moment = datetime(2026, 11, 20, 9, 30, tzinfo=PARIS)
    dossier = Dossier(
        Debtor("C1", "N"),
        calls=(
            Call("C1", "bob", moment, Outcome.UNDO, undoes=7, id=8, note="undo of call 7"),
            Call("C1", "bob", moment, Outcome.REFUSED, note="[red]non[/red]\x1b", id=7),
        ),
        promises=(Promise("C1", date(2026, 11, 6), 200_000, PromiseStatus.BROKEN),),
    )
    text = calls_and_promises(dossier, Locale("fr"))
    lines = text.plain.split("\n")
    assert lines[0].startswith("✗ promesse 2") and lines[0].endswith("NON TENUE")
    assert lines[1] == "20/11/2026 09:30  bob  annulation — refus"  # not the English note
    assert lines[2] == "20/11/2026 09:30  bob  refus — [red]non[/red]"
    refused_at = text.plain.index("refus —")
    assert any(
        span.start <= refused_at < span.end and "strike" in str(span.style) for span in text.spans
    )


def test_hints_never_split_an_amount_across_lines():
    from types import SimpleNamespace

    from callcenter.domain.money import format_short
    from callcenter.tui.widgets.hints import hint_lines

    amounts = [format_short(c) for c in (591_900, 36_100, 134_790, 3_386_100)]
    hint = SimpleNamespace(
        rank=1, text="3 promesses non tenues : " + ", ".join(f"09/11 ({a})" for a in amounts)
    )
    for width in range(30, 80):
        lines = hint_lines([hint], width).plain.split("\n")
        assert all(len(line) <= width for line in lines)
        joined = "\n".join(lines)
        for amount in amounts:
            assert amount in joined  # its no-break spaces kept it on one line
        assert lines[0].startswith("1. 3 promesses") and lines[1].startswith("   ")


def test_calls_panel_is_shorter_when_the_panels_stack():
    from callcenter.domain.models import Call, Debtor, Dossier, Promise, PromiseStatus
    from callcenter.tui.widgets.calls import calls_and_promises

    moment = datetime(2026, 11, 20, 9, 30, tzinfo=PARIS)
    dossier = Dossier(
        Debtor("C1", "N"),
        calls=tuple(Call("C1", "bob", moment, Outcome.BUSY, id=i) for i in range(20)),
        promises=tuple(
            Promise("C1", date(2026, 11, 6), 100_00, PromiseStatus.KEPT) for _ in range(9)
        ),
    )
    wide = calls_and_promises(dossier, Locale("fr")).plain.split("\n")
    narrow = calls_and_promises(dossier, Locale("fr"), narrow=True).plain.split("\n")
    assert len(wide) == 6 + 12
    assert len(narrow) == 3 + 6  # the hints come one page sooner at 80x24


def test_excluded_and_disputed_invoices_are_marked_and_not_bold():
    from callcenter.domain.models import Invoice
    from callcenter.tui.widgets.invoices import invoice_cells

    day = date(2026, 9, 1)
    plain = Invoice("C1", "F1", day, day, 100_00, 100_00)
    excluded = Invoice("C1", "F2", day, day, 100_00, 100_00, excluded=True)
    disputed = Invoice("C1", "F3", day, day, 100_00, 100_00, disputed=True)
    ui = Locale("fr")
    today = date(2026, 11, 24)
    assert invoice_cells(plain, today, ui)["dispute"].plain == ""
    assert invoice_cells(excluded, today, ui)["dispute"].plain == "⊘"  # one cell: fits at 160
    assert invoice_cells(disputed, today, ui)["dispute"].plain == "⚑"
    assert invoice_cells(plain, today, ui)["open"].style == "bold"
    assert invoice_cells(excluded, today, ui)["open"].style == "dim"
    assert invoice_cells(disputed, today, ui)["open"].style == "dim"


def test_header_oldest_days_count_only_chased_invoices():
    from callcenter.domain.models import Debtor, Dossier, Invoice
    from callcenter.tui.desk import Shown
    from callcenter.tui.widgets.debtor_header import debtor_line

    today = date(2026, 11, 24)
    invoices = (
        Invoice("C1", "F1", date(2026, 9, 1), date(2026, 10, 11), 100_00, 100_00, disputed=True),
        Invoice("C1", "F2", date(2026, 9, 1), date(2026, 10, 27), 100_00, 100_00),
    )
    dossier = Dossier(Debtor("C1", "N"), invoices=invoices)
    line = debtor_line(Shown(dossier, today, rank=1, total=2), Locale("fr")).plain
    assert "plus ancien 28 j" in line  # F2; the disputed F1 (44 days) is not chased


def test_contacts_and_header_never_split_a_number_or_an_amount():
    from callcenter.domain.models import Contact, Debtor, Dossier, Invoice, Role
    from callcenter.tui.desk import Shown
    from callcenter.tui.widgets.contacts import contact_lines
    from callcenter.tui.widgets.debtor_header import debtor_line

    contacts = (
        Contact(
            "C1",
            "Frédéric Bertrand, directeur administratif et financier",
            Role.ACCOUNTANT,
            phone="05 36 49 19 99",
            phone2="06 39 98 78 37",
            decision_maker=True,
            best_hours="le matin avant 10h",
            id=1,
        ),
        Contact("C1", "Benoît Gérard", Role.PURCHASING, phone="+33 5 36 49 40 80", id=2),
    )
    day = date(2026, 9, 1)
    dossier = Dossier(
        Debtor("C1", "Lycée professionnel de Bordeaux", segment="public", credit_hold=True),
        contacts=contacts,
        invoices=(Invoice("C1", "F1", day, day, 13_773_190, 13_773_190),),
        balance_cents=13_773_190,
    )
    ui = Locale("fr")
    for width in range(24, 100):
        shown = contact_lines(contacts, 1, ui, width).plain.split("\n")
        for phone in ("05 36 49 19 99", "06 39 98 78 37", "05 36 49 40 80"):
            assert any(phone in line for line in shown), (width, shown)
        assert shown[0].startswith("▶ Frédéric")
        assert all(line.startswith("  ") for line in shown[1:])  # aligned under the names
        header = debtor_line(Shown(dossier, date(2026, 11, 24), 1, 9), ui, width).plain
        assert any("137 731,90" in line.replace("\u202f", " ") for line in header.split("\n"))


def test_the_session_bar_keeps_every_counter_at_80_columns_during_a_call():
    """At 80x24 (78 cells inside the padding) "appel en cours 0:01" pushed "promis" off
    the line; the session clock gives way instead."""
    from callcenter.tui.widgets.session_bar import session_line

    stats = SessionStats(started_at=datetime(2026, 11, 24, 10, 0, tzinfo=PARIS))
    ui = Locale("fr")
    state = Text("appel en cours 0:01")
    wide = session_line("alice", stats, "0:00:07", ui, state, width=158)
    narrow = session_line("alice", stats, "0:00:07", ui, state, width=78)
    assert "session 0:00:07" in wide.plain and "promis 0,00" in wide.plain
    assert narrow.cell_len <= 78
    assert "session" not in narrow.plain
    assert narrow.plain.endswith("promis 0,00\u00a0€") and "appel en cours 0:01" in narrow.plain
