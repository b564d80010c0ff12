"""The outcome dialogs driven by keystrokes, as a collector types them."""

from __future__ import annotations

import pytest
from ledger_builders import all_calls, dossier, promises_by
from tui_data import build, make_app, open_debtor, settle


@pytest.fixture
def book(store, now):
    build(store, now)
    return store


def promises(store):
    """Alice's promises as (debtor, ISO day, cents), read from the dossiers."""
    return [
        (p.debtor_code, p.promised_on.isoformat(), p.amount_cents)
        for p in promises_by(store, "alice")
    ]


async def start(pilot) -> None:
    await pilot.press("enter")
    await settle(pilot)


async def test_a_quick_date_saves_the_promise_at_once_with_the_overdue_total(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("p", "m")  # two keys, nothing else
        await settle(pilot)
        # C001 owes 4 800,00 + 1 250,50 overdue; F2026-150 is not due yet.
        assert promises(book) == [("C001", "2026-11-30", 605_050)]
        assert app.screen is app.session
        assert app.shown_code == "C002"
        # Saved at once, so the notice reads back what was promised.
        notice = (
            str(list(app._notifications)[-1].message).replace("\u202f", " ").replace("\xa0", " ")
        )
        assert notice == (
            "Enregistré : promesse 6 050,50 € pour le lundi 30/11/2026 — Boulangerie Martin"
        )


async def test_an_edited_amount_keeps_the_quick_date_keys(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("p", "tab", "tab", "ctrl+u", *"1000", "enter")
        await settle(pilot)
        assert promises(book) == []  # no date yet: back to the quick keys, nothing saved
        assert app.screen is not app.session
        await pilot.press("1")
        await settle(pilot)
        assert promises(book) == [("C001", "2026-11-25", 100_000)]


async def test_a_typed_date_is_saved_with_enter(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("p", "tab", *"+3", "enter")
        await settle(pilot)
        assert promises(book) == [("C001", "2026-11-27", 605_050)]


async def test_one_notice_at_a_time_and_none_over_a_dialog(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        for key in ("n", "v", "b"):
            await pilot.press(key)
            await settle(pilot)
        notices = list(app._notifications)
        assert len(notices) == 1  # the latest only: they used to stack over the screen
        assert notices[0].message.startswith("Enregistré : occupé — ")
        await pilot.press("c")  # a dialog opens: no notice over its lines
        await settle(pilot)
        assert list(app._notifications) == []


async def test_a_bad_plan_is_explained_in_the_collectors_language(book, now):
    from tui_data import screen_text

    app = make_app(book, now, lang="en", date_style="iso")
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await pilot.press("s", "tab", "ctrl+u", *"99", "enter")
        await settle(pilot)
        assert "Between 1 and 36 instalments" in screen_text(app)
        await pilot.press("ctrl+u", "3", "tab", "ctrl+u", *"2026-01-05", "enter")
        await settle(pilot)
        assert "instalment 1: 2026-01-05 is in the past" in screen_text(app)
        assert [c.outcome for c in all_calls(book)].count("payment_plan") == 0


async def test_a_single_open_invoice_is_ticked_for_a_dispute(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_debtor(pilot, "C005")  # one open invoice, GP-1
        await pilot.press("d", "tab", *"pas commandé", "enter")
        await settle(pilot)
        disputed = [(d.reason, d.invoice_numbers) for d in dossier(book, "C005").disputes]
        assert disputed == [("pas commandé", ("GP-1",))]


async def test_wrong_numbers_until_none_is_left_then_undo(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        session = app.session
        decider = session.contact_id  # Paul Martin, who decides, comes first
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert session.contact_id is None and app.shown_code == "C001"
        calls = book.ledger.count_rows("calls")
        await pilot.press("w")  # nothing left to flag: a notice, nothing sent
        await settle(pilot)
        assert book.ledger.count_rows("calls") == calls
        messages = [str(n.message) for n in app._notifications]
        assert messages == ["Plus aucun numéro valide : passez au suivant"]
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        contacts = book.dossiers.load_dossier("C001").contacts
        assert [c.name for c in contacts if c.wrong_number] == []
        assert session.contact_id == decider  # the ▶ is back on the best contact


async def test_o_with_a_single_contact_says_so(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_debtor(pilot, "C005")
        before = app.session.contact_id
        await pilot.press("o")
        await pilot.pause()
        assert app.session.contact_id == before
        assert [str(n.message) for n in app._notifications] == [
            "Pas d'autre numéro valide pour ce débiteur"
        ]


async def test_the_plan_preview_adds_up_to_the_cent(book, now):
    from tui_data import screen_text

    app = make_app(book, now)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await pilot.press("s", "ctrl+u", *"1000", "tab", "ctrl+u", "3")
        await pilot.pause()
        shown = screen_text(app).replace("\u202f", " ")
        # 1 000,00 in three: 333,33 + 333,33 + 333,34
        assert "3 × 333,33 €" in shown and "(la dernière : 333,34 €)" in shown
        await pilot.press("enter")
        await settle(pilot)
        plan = sorted(
            (p for p in promises_by(book, "alice") if p.plan_id is not None),
            key=lambda p: p.promised_on,
        )
        assert [p.amount_cents for p in plan] == [33_333, 33_333, 33_334]


async def test_moving_on_with_an_unsaved_note_asks_first(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("tab", *"rappeler le comptable", "enter")  # back to the keys
        await pilot.press("enter")  # next debtor? the note would be lost
        await settle(pilot)
        assert app.shown_code == "C001"
        assert "La note n'est enregistrée qu'avec un résultat" in str(
            list(app._notifications)[-1].message
        )
        await pilot.press("enter")  # asked once: the collector means it
        await settle(pilot)
        assert app.shown_code == "C002"
        assert "rappeler le comptable" not in [c.note for c in all_calls(book)]


async def test_a_debtor_owing_nothing_explains_instead_of_trapping(book, now):
    from tui_data import screen_text

    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_debtor(pilot, "C004")  # Café du Port: everything paid
        await pilot.press("d")  # an empty list of invoices could never be saved
        await settle(pilot)
        assert app.screen is app.session
        assert str(list(app._notifications)[-1].message) == "Aucune facture ouverte à contester"
        await pilot.press("p", "1")
        await settle(pilot)
        assert "Rien d'échu : tapez le montant promis" in screen_text(app)  # the service's rule
        await pilot.press("tab", "tab", *"150", "enter", "1")
        await settle(pilot)
        # More than the balance (nothing is owed): asked, not saved until confirmed.
        assert "c'est plus que le solde (0,00 €) : le confirmer ?" in screen_text(app)
        assert promises(book) == []
        await pilot.press("o")
        await settle(pilot)
        assert promises(book) == [("C004", "2026-11-25", 15_000)]
