"""One truth per number: the contact preselected is the one the hints name, reachable now."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlfile import raw_row

from callcenter.domain.hints import negotiation_hints, recommended_contact
from callcenter.domain.models import Contact, Debtor, Dossier, Invoice, Role
from callcenter.domain.reachability import reachable_at

TODAY = date(2026, 11, 24)  # a Tuesday
PARIS = ZoneInfo("Europe/Paris")
OWNER = Contact("C1", "Paul Martin", Role.OWNER, phone="0123456789", best_hours="14h-17h", id=1)
BOOKS = Contact("C1", "Sophie Leroy", Role.ACCOUNTANT, phone="0198765432", best_hours="matin", id=2)


def dossier() -> Dossier:
    due = TODAY - timedelta(days=40)
    invoice = Invoice("C1", "FA1", due - timedelta(days=30), due, 500_000, 500_000)
    return Dossier(
        debtor=Debtor("C1", "Boulangerie Martin"), contacts=(OWNER, BOOKS), invoices=(invoice,)
    )


@pytest.mark.parametrize(("hour", "expected"), [(10, BOOKS), (15, OWNER), (None, OWNER)])
def test_the_recommended_contact_is_reachable_now_and_named_by_the_hints(hour, expected):
    at = None if hour is None else datetime(2026, 11, 24, hour, tzinfo=PARIS)
    assert recommended_contact(dossier(), TODAY, at) == expected
    texts = [
        h.text for h in negotiation_hints(dossier(), TODAY, "fr", 20, at=at) if h.kind == "contact"
    ]
    assert texts and expected.name in texts[0]


@pytest.mark.parametrize(
    ("hours", "hour", "answer"),
    [
        ("9h-12h", 10, True),
        ("14h-17h", 10, False),
        ("9:30 - 11:00", 10, True),
        ("avant 10h", 11, False),
        ("après 16h", 17, True),
        ("matin", 9, True),
        ("après-midi", 10, False),
        ("mardi et jeudi", 10, True),  # a Tuesday
        ("lundi", 10, False),
        ("", 10, None),
        ("quand il veut", 10, None),
    ],
)
def test_best_hours_read_from_free_text(hours, hour, answer):
    assert reachable_at(hours, datetime(2026, 11, 24, hour, tzinfo=PARIS)) is answer


async def test_the_workstation_preselects_the_contact_the_hints_name(store, now):
    """At 10:00 in tui_data, C001's owner is reachable 8h-10h (just over) and the accountant
    14h-16h: neither now, so the owner of a small firm, as the hints say."""
    from tui_data import build, make_app, settle

    build(store, now)
    app = make_app(store, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        shown = app.session.shown
        chosen = next(c for c in shown.dossier.contacts if c.id == app.session.contact_id)
        contact_hints = [h.text for h in shown.hints if h.kind == "contact"]
        assert contact_hints and chosen.name in contact_hints[0]


async def test_the_session_bar_counts_right_party_contacts_as_the_dashboard_does(store, now):
    from tui_data import build, make_app, screen_text, settle

    build(store, now)
    app = make_app(store, now)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("p", "1")  # C001: a promise
        await settle(pilot)
        session = app.session
        deciders = {c.id for c in session.shown.dossier.contacts if c.decision_maker}
        while session.contact_id in deciders:  # C002: talk to someone who cannot decide
            await pilot.press("o")
            await settle(pilot)
        await pilot.press("c", "1")  # reached, but not the right party
        await settle(pilot)
        in_db = raw_row(
            store, "SELECT count(*), sum(right_party) FROM calls WHERE collector = 'alice'"
        )
        assert in_db == (2, 1)
        assert session.stats.reached == 1
        assert "contacts utiles 1" in screen_text(app)
