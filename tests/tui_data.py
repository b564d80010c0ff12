"""A small, fixed book of debtors for the workstation tests and snapshots.

Five debtors built with the ledger upserts and the real outcome service, so
the screens show what a collector would see: contacts of every role, an
invoice without its signed delivery note, a broken promise, past calls, a
credit hold, a debtor whose name is Rich markup, and one with nothing overdue.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

from builtin_settings import SETTINGS

from callcenter.domain.models import Contact, Debtor, Invoice, Outcome, Payment, Role
from callcenter.store import Store
from callcenter.store.statements import ledger

#: A debtor name that would be bold red text and a link if read as markup.
MARKUP_NAME = "[bold red]X[/] [link=https://example.org]y[/link]"
COLLECTOR = "alice"

DEBTORS = (
    Debtor(
        "C001",
        "Boulangerie Martin",
        segment="standard",
        dunning_step=2,
        payment_terms_days=30,
        credit_limit_cents=1_000_000,
        address="12 rue du Four, 59000 Lille",
        siren="552100554",
    ),
    Debtor("C002", "Transports Dupuis SA", segment="key", credit_hold=True, dunning_step=3),
    Debtor("C003", MARKUP_NAME, segment="standard", dunning_step=1),
    Debtor("C004", "Café du Port", segment="standard"),
    Debtor("C005", "Garage Petit", segment="standard", dunning_step=1),
)

CONTACTS = (
    Contact("C001", "Sophie Leroy", Role.ACCOUNTANT, phone="01 98 76 54 32", best_hours="14h-16h"),
    Contact(
        "C001",
        "Paul Martin",
        Role.OWNER,
        phone="01 23 45 67 89",
        decision_maker=True,
        best_hours="8h-10h",
    ),
    Contact("C002", "Nadia Benali", Role.PURCHASING, phone="04 72 00 11 22", email="ap@dupuis.fr"),
    Contact("C002", "Marc Dupuis", Role.OWNER, phone="04 72 00 11 00", decision_maker=True),
    Contact("C003", "[i]Jean[/i]\x1b[31m", Role.OTHER, phone="05 00 00 00 01"),
    Contact("C004", "Lucie Port", Role.OWNER, phone="02 40 00 00 00", decision_maker=True),
    Contact("C005", "Hervé Petit", Role.OWNER, phone="03 20 00 00 00", decision_maker=True),
)


def _invoice(code, number, issued, due, cents, open_cents=None, docs=(True, True, True)):
    quote, po, delivery = docs
    return Invoice(
        code,
        number,
        date.fromisoformat(issued),
        date.fromisoformat(due),
        cents,
        cents if open_cents is None else open_cents,
        has_quote=quote,
        has_po=po,
        has_delivery_note=delivery,
    )


INVOICES = (
    _invoice("C001", "F2026-101", "2026-08-01", "2026-08-31", 480_000),
    _invoice("C001", "F2026-130", "2026-09-15", "2026-10-15", 125_050, docs=(True, True, False)),
    _invoice("C001", "F2026-150", "2026-11-01", "2026-12-01", 90_000),
    _invoice("C001", "F2026-090", "2026-06-10", "2026-07-10", 300_000, open_cents=0),
    _invoice("C002", "TD-7781", "2026-07-01", "2026-08-15", 1_240_000),
    _invoice("C002", "TD-7802", "2026-09-01", "2026-10-15", 310_000, docs=(False, True, True)),
    _invoice("C003", "X-1", "2026-09-01", "2026-10-01", 45_000),
    _invoice("C004", "CP-1", "2026-10-01", "2026-10-31", 20_000, open_cents=0),
    _invoice("C005", "GP-1", "2026-09-20", "2026-10-20", 72_500),
)

PAYMENTS = (
    Payment("C001", "VIR-0612", date(2026, 6, 20), 150_000),
    Payment("C001", "VIR-0801", date(2026, 8, 1), 150_000, invoice_number="F2026-090"),
    Payment("C002", "VIR-0530", date(2026, 5, 30), 500_000),
    Payment("C004", "CHQ-1102", date(2026, 11, 2), 20_000),
)


def build(store: Store, now: datetime) -> None:
    """Fill ``store`` with the book, then give C001 a broken promise and a past call."""
    from callcenter.service.outcomes import log_outcome
    from callcenter.service.promises import settle_promises
    from callcenter.service.queue import rescore

    earlier = now - timedelta(days=21)
    with store.transaction():
        ledger.upsert_debtors(store, DEBTORS, earlier)
        ledger.upsert_contacts(store, CONTACTS)
        ledger.upsert_invoices(store, INVOICES)
        ledger.upsert_payments(store, PAYMENTS)
    rescore(store, now=earlier, config=SETTINGS)
    log_outcome(
        store,
        "C001",
        Outcome.PROMISE,
        collector="bob",
        now=earlier,
        note="paiera 2 000 € vendredi",
        promise_date=(earlier + timedelta(days=3)).date(),
        amount_cents=200_000,
        config=SETTINGS,
    )
    log_outcome(
        store,
        "C002",
        Outcome.NO_ANSWER,
        collector="bob",
        now=earlier + timedelta(hours=1),
        config=SETTINGS,
    )
    settle_promises(store, now=now, config=SETTINGS)
    rescore(store, now=now, config=SETTINGS)


def make_app(store: Store, now: datetime, lang: str = "fr", date_style: str = "dmy"):
    """The workstation on ``store`` for collector alice, its clock frozen at ``now``."""
    from callcenter.i18n import Locale
    from callcenter.tui.app import WorkstationApp
    from callcenter.tui.desk import Desk

    desk = Desk(store, collector=COLLECTOR, lang=lang, config=SETTINGS)
    return WorkstationApp(desk, Locale(lang, date_style), clock=lambda: now)


async def open_debtor(pilot, code: str) -> None:
    """Find ``code`` with ``/`` and open it, as a collector does; fails if another opens."""
    await pilot.press("slash", *code)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert pilot.app.shown_code == code


async def settle(pilot, limit: int = 40) -> None:
    """Let every key be handled, every worker finish and the screen catch up.

    Rounds go on until one leaves the app as the one before found it (keys waiting,
    workers running, screens stacked, messages queued), three at the least: a worker's
    message may push a dialog whose own worker then starts, and a fixed number of
    rounds read the screen before it was drawn on a slower machine.
    """
    before = None
    for done in range(1, limit + 1):
        await keys_handled(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        state = _activity(pilot.app)
        if done >= 3 and state == before:
            return
        before = state


def _activity(app) -> tuple:
    """What would still change: keys not handed on, workers, the screen stack, queues."""
    running = sum(1 for worker in app.workers if not worker.is_finished)
    queued = sum(screen._message_queue.qsize() for screen in app.screen_stack)
    stack = tuple(id(screen) for screen in app.screen_stack)
    return (getattr(app, "keys_pending", 0), running, stack, queued)


async def keys_handled(pilot, limit: float = 10.0) -> None:
    """Wait for the app's key gate to have handed every pressed key to a screen."""
    deadline = time.monotonic() + limit  # wall time: a pause lasts longer than asked
    while getattr(pilot.app, "keys_pending", 0) and pilot.app.is_running:
        if time.monotonic() > deadline:
            return
        await pilot.pause(0.01)


def screen_text(app) -> str:
    """What the terminal shows, as plain lines (no-break spaces read as spaces)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips).replace("\u00a0", " ").replace("\u202f", " ")
