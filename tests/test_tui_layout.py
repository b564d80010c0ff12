"""What a collector sees at 80×24: nothing that matters is cut off."""

from __future__ import annotations

import pytest
from builtin_settings import SETTINGS
from tui_data import build, make_app, screen_text, settle

from callcenter.domain.campaigns import Campaign
from callcenter.domain.models import Contact, Role
from callcenter.store.statements import ledger

MORE_CONTACTS = (
    Contact(
        "C001",
        "Bernadette Lefebvre-Martin, responsable de la comptabilité fournisseurs",
        Role.ACCOUNTANT,
        phone="01 98 76 00 01",
        phone2="06 11 22 33 44",
        best_hours="mardi et jeudi après 14h",
    ),
    Contact("C001", "Kevin Martin, magasinier", Role.OTHER, phone="01 98 76 00 02"),
)


@pytest.fixture
def book(store, now):
    build(store, now)
    ledger.upsert_contacts(store, MORE_CONTACTS)
    return store


async def test_every_contact_and_the_current_one_are_visible_at_80x24(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown_code == "C001"
        for _ in range(4):  # o walks through every callable contact
            shown = screen_text(app)
            for phone in ("01 23 45 67 89", "01 98 76 54 32", "01 98 76 00 01", "01 98 76 00 02"):
                assert phone in shown
            assert "▶" in shown  # the contact to dial is never on a hidden line
            await pilot.press("o")
            await pilot.pause()


async def test_the_key_bar_lists_quit_at_80_columns(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = screen_text(app).splitlines()[-3:]
        assert any("^q quitter" in line for line in bar)
        assert any("? aide" in line for line in bar)


async def test_a_campaign_debtor_of_another_portfolio_has_its_place_in_the_campaign(book, now):
    from callcenter.domain.models import Debtor
    from callcenter.tui.app import WorkstationApp
    from callcenter.tui.desk import Desk

    # C002 belongs to bob's portfolio but the supervisor put it in alice's campaign.
    ledger.upsert_debtors(
        book,
        [Debtor("C002", "Transports Dupuis SA", segment="key", credit_hold=True, collector="bob")],
        now,
    )
    with book.transaction():
        campaign = book.campaigns.insert_campaign(Campaign("q4"), now)
        book.campaigns.add_members(campaign, ["C002"])
    desk = Desk(book, collector="alice", lang="fr", campaign_id=campaign, config=SETTINGS)
    from callcenter.i18n import Locale

    app = WorkstationApp(desk, Locale("fr"), clock=lambda: now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown_code == "C002"  # claim_next hands it out in the campaign
        assert "file 1/1" in screen_text(app)  # not "hors file": the same scope as the claim
