"""Promises are judged on the money's own date, whenever its bank line is imported.

The ledger of ``fixtures/late_*``: Transports Tardif (411TARD) owes 1 500 € on
F-900. On 24 November it promises 1 000 € for 1 December (grace: until the
3rd) and 500 € for 10 December (until the 12th). The bank lines arrive late:
``late_payments.csv`` brings 1 000 € paid on 2 December, ``late_fec.txt`` 300 €
paid on 11 December.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from builtin_settings import SETTINGS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_builders import queued
from sqlfile import raw_rows

from callcenter.domain.models import Outcome
from callcenter.i18n import Locale
from callcenter.service.figures import figures
from callcenter.service.imports import import_csv, import_fec
from callcenter.service.outcomes import log_outcome
from callcenter.service.promises import settle_promises
from callcenter.store import Store, open_database
from callcenter.store.sqlite import promises as promise_store
from callcenter.store.sqlite.dossier import load_dossier
from callcenter.tui.widgets.calls import calls_and_promises

FIXTURES = Path(__file__).parent.parent / "fixtures"
PARIS = ZoneInfo("Europe/Paris")
CODE = "411TARD"
#: The later files, in the order a bank usually sends them.
LATER = (
    ("payments", "late_payments.csv"),
    ("fec", "late_fec.txt"),
    ("invoices", "late_invoices_later.csv"),
)


def on(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=PARIS)


def load(store: Store, kind: str, name: str, now: datetime) -> None:
    if kind == "fec":
        import_fec(store, FIXTURES / name, now=now, config=SETTINGS)
    else:
        import_csv(store, kind, FIXTURES / name, now=now, config=SETTINGS)


def promised(store: Store, now: datetime) -> None:
    """The client and its invoice imported, then the two promises of 24 November."""
    load(store, "clients", "late_clients.csv", now)
    load(store, "invoices", "late_invoices.csv", now)
    for day, cents in ((date(2026, 12, 1), 1_000_00), (date(2026, 12, 10), 500_00)):
        log_outcome(
            store, CODE, Outcome.PROMISE, collector="alice", now=now, promise_date=day,
            amount_cents=cents, config=SETTINGS,
        )  # fmt: skip


def statuses(store: Store) -> list[tuple[str, str, int]]:
    return raw_rows(
        store, "SELECT promised_on, status, paid_cents FROM promises ORDER BY promised_on"
    )


def kept_rate(store: Store, now: datetime) -> tuple[int, int]:
    fig = figures(store, now=now, actor="alice", since=date(2026, 11, 24), fresh=True)
    return fig.promises_kept, fig.promises_fell_due


@pytest.fixture
def ledger(store, now):
    promised(store, now)
    return store


def test_a_payment_imported_after_the_verdict_keeps_the_promise(ledger):
    store = ledger
    dec_7 = on(date(2026, 12, 7))
    settle_promises(store, now=dec_7, config=SETTINGS)  # nothing arrived yet: judged broken
    assert statuses(store)[0] == ("2026-12-01", "broken", 0)
    assert kept_rate(store, dec_7) == (0, 1)
    assert "promise_broken" in {r.code for r in queued(store, CODE).reasons}

    dec_9 = on(date(2026, 12, 9))
    load(store, "payments", "late_payments.csv", dec_9)  # dated 2 December
    assert statuses(store)[0] == ("2026-12-01", "kept", 1_000_00)
    assert kept_rate(store, dec_9) == (1, 1)
    assert "promise_broken" not in {r.code for r in queued(store, CODE).reasons}
    history = [
        (c["old_status"], c["new_status"], c["import_id"] is not None)
        for c in promise_store.changes_of(store, CODE)
    ]
    assert history == [("pending", "broken", False), ("broken", "kept", True)]
    dossier = load_dossier(store, CODE, date(2026, 12, 9))
    first_promise = next(p for p in dossier.promises if p.promised_on == date(2026, 12, 1))
    assert first_promise.revised_from == "broken"
    shown = calls_and_promises(dossier, Locale("en")).plain
    assert "kept (broken until 09/12/2026, payment arrived since)" in shown


def test_payments_dated_after_date_plus_grace_do_not_count(ledger):
    store = ledger
    late = FIXTURES / "late_payments.csv"
    assert "02/12/2026" in late.read_text()  # in the first promise's window, not the second's
    load(store, "payments", "late_payments.csv", on(date(2026, 12, 20)))
    assert statuses(store) == [("2026-12-01", "kept", 1_000_00), ("2026-12-10", "broken", 0)]


def test_fec_after_csv_partly_keeps_the_second_promise(ledger):
    store = ledger
    for kind, name in LATER:
        load(store, kind, name, on(date(2026, 12, 15)))
    assert statuses(store) == [
        ("2026-12-01", "kept", 1_000_00),
        ("2026-12-10", "partly_kept", 300_00),
    ]
    assert kept_rate(store, on(date(2026, 12, 15))) == (1, 2)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    order=st.permutations(LATER),
    days=st.lists(st.integers(1, 26), min_size=3, max_size=3).map(sorted),
    settle_between=st.booleans(),
)
def test_any_order_of_the_same_imports_gives_the_same_statuses(
    tmp_path_factory, new_database, now, order, days, settle_between
):
    store = open_database(new_database(tmp_path_factory.mktemp("late") / "late.db"))
    try:
        promised(store, now)
        for (kind, name), day in zip(order, days, strict=True):
            moment = now + timedelta(days=day)
            if settle_between:
                settle_promises(store, now=moment, config=SETTINGS)
            load(store, kind, name, moment)
        settle_promises(store, now=on(date(2026, 12, 22)), config=SETTINGS)
        assert statuses(store) == [
            ("2026-12-01", "kept", 1_000_00),
            ("2026-12-10", "partly_kept", 300_00),
        ]
    finally:
        store.close()
