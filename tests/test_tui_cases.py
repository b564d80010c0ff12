"""Disputes, tasks and the account note handled at the workstation, by keystrokes.

Each test presses the keys a collector would, then reads the database and
the screen.
"""

from __future__ import annotations

import pytest
from ledger_builders import all_calls, dossier, queued
from sqlfile import raw_rows
from tui_data import build, make_app, open_debtor, screen_text, settle

from callcenter.domain.models import Task


@pytest.fixture
def book(store, now):
    build(store, now)
    return store


def dispute_state(store, code: str):
    """(status, resolution) of ``code``'s one dispute, read through its dossier."""
    (dispute,) = store.dossiers.load_dossier(code).disputes
    return (dispute.status, dispute.resolution)


def actions(store) -> list[str]:
    """Every change's action, in order: no port lists the whole change log."""
    return [r[0] for r in raw_rows(store, "SELECT action FROM dossier_changes ORDER BY id")]


def payment_check(store, code: str) -> Task:
    """The payment check that ``code``'s "already paid" call opened (open or done)."""
    call = next(c for c in dossier(store, code).calls if c.outcome == "already_paid")
    assert call.id is not None
    task = store.outcomes.task_of(call.id, "check_payment")
    assert task is not None, f"no payment check on {code}"
    return task


async def test_open_resolve_undo_and_cancel_a_dispute(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await open_debtor(pilot, "C005")
        await pilot.press("d", "tab", *"pas commandé", "enter")  # open it (an outcome)
        await settle(pilot)
        await open_debtor(pilot, "C005")
        assert "pas commandé" in screen_text(app)  # the disputes panel shows it
        await pilot.press("l")
        await settle(pilot)
        assert "Litiges et tâches — Garage Petit" in screen_text(app)
        await pilot.press("j")  # rejected: the invoice goes back to the queue
        await settle(pilot)
        assert dispute_state(book, "C005") == ("resolved", "rejected")
        assert "Litige rejeté" in screen_text(app)
        await pilot.press("u")  # taken back: open again, and listed again
        await settle(pilot)
        assert dispute_state(book, "C005") == ("open", None)
        await pilot.press("x")
        await settle(pilot)
        assert dispute_state(book, "C005") == ("cancelled", None)
        assert actions(book) == ["dispute_rejected", "undo", "dispute_cancelled"]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.session and app.shown_code == "C005"
        text = screen_text(app)
        assert "annulé" in text  # the dossier was read again
        assert queued(book, "C005").overdue_cents == 72_500  # GP-1 is chased again


async def test_a_dispute_settled_for_the_client_asks_for_a_credit_note(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await open_debtor(pilot, "C005")
        await pilot.press("d", "tab", *"prix", "enter")
        await settle(pilot)
        await open_debtor(pilot, "C005")
        await pilot.press("l", "f", "f", "f")  # a burst: one resolution only
        await settle(pilot)
        assert dispute_state(book, "C005") == ("resolved", "credit_note")
        assert actions(book) == ["dispute_resolved"]
        assert "établir l'avoir" in screen_text(app)  # the task it created, listed
        await pilot.press("escape", "pagedown")  # PgDn while the dossier is read again
        await settle(pilot)
        assert app.session.query_one("#body").scroll_y > 0  # kept, not undone by the re-read
        # Back to the top and paged again on the final layout: that first page was as long
        # as the screen was when the key came, and the header read again is a line taller.
        await pilot.press("pageup", "pageup", "pagedown")  # the panels below the hints
        await settle(pilot)
        assert "établir l'avoir" in screen_text(app)
        assert "résolu : avoir attendu" in screen_text(app)


async def test_complete_a_task_from_my_tasks(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown_code == "C001"
        await pilot.press("a", *"20/11", "enter")  # already paid on the 20th: a payment check
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        text = screen_text(app)
        assert "Mes tâches" in text and "chercher le paiement annoncé" in text
        assert "Boulangerie Martin" in text and "par alice" in text
        await pilot.press("t")
        await settle(pilot)
        assert payment_check(book, "C001").done_by == "alice"
        assert "Aucune tâche ouverte" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert payment_check(book, "C001").done_at is None
        await pilot.press("enter")  # opens the task's debtor
        await settle(pilot)
        assert app.screen is app.session and app.shown_code == "C001"


async def test_the_account_note_is_saved_and_shown_literally(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("e", *"[b]payeur[/b] : Sophie, le mardi", "enter")
        await settle(pilot)
        assert book.dossiers.account_note("C001") == "[b]payeur[/b] : Sophie, le mardi"
        assert app.screen is app.session and app.shown_code == "C001"
        assert "[b]payeur[/b] : Sophie, le mardi" in screen_text(app)
        assert actions(book) == ["account_note"]


async def test_a_new_dossier_opens_at_its_top(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        assert app.screen.query_one("#body").scroll_y > 0
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one("#body").scroll_y == 0
        text = screen_text(app)
        assert "Contacts" in text and "Conseils pour l'appel" in text


async def test_find_tells_debtors_apart_and_names_the_matched_number(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("slash", *"23 45 67")
        await settle(pilot)
        text = screen_text(app)
        assert "Boulangerie Martin  C001" in text
        assert "  Lille · solde 6 950,50 € · non attribué · à appeler" in text
        assert "en cours chez alice" in text  # the debtor on alice's screen
        assert "☎ Paul Martin  01 23 45 67 89" in text
        for _ in range(8):
            await pilot.press("backspace")
        await pilot.press(*"dupuis")
        await settle(pilot)
        text = screen_text(app)
        assert "Transports Dupuis SA  C002" in text and "☎" not in text


async def test_a_settlement_is_undone_on_a_later_visit(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await open_debtor(pilot, "C005")
        await pilot.press("d", "tab", *"prix", "enter")
        await settle(pilot)
        await open_debtor(pilot, "C005")
        for keys in (("l",), ("j",), ("escape",), ("l",)):
            await pilot.press(*keys)
            await settle(pilot)
        assert dispute_state(book, "C005") == ("resolved", "rejected")
        assert "résolu : rejeté" in screen_text(app)  # listed, though settled
        await pilot.press("u")  # nothing done in this visit: the highlighted settled dispute
        await settle(pilot)
        assert dispute_state(book, "C005") == ("open", None)
        await pilot.press("u")  # now open: nothing left to take back
        await settle(pilot)
        assert "Rien à défaire" in screen_text(app)
        assert actions(book) == ["dispute_rejected", "undo"]


def step_of(store, code: str) -> int:
    return store.outcomes.dunning_step(code)


async def test_u_takes_back_the_sessions_last_change_of_any_kind(book, now, monkeypatch):
    """Outcome, task done, account note, dunning step: ``u`` undoes them last first."""
    from callcenter.tui.screens.session import SessionScreen

    said: list[str] = []
    shown = SessionScreen.say
    monkeypatch.setattr(
        SessionScreen, "say", lambda self, text, *a: (said.append(text), shown(self, text, *a))
    )
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a", *"20/11", "enter")  # an outcome: a payment check task
        await settle(pilot)
        await open_debtor(pilot, "C001")
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("t", "escape")  # the check task done
        await settle(pilot)
        await pilot.press("e", "ctrl+u", *"paie le 10", "enter")
        await settle(pilot)
        await pilot.press("g", "3")
        await settle(pilot)
        assert "Passer de « 2e relance » à « relance téléphonique » ?" in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert step_of(book, "C001") == 3
        assert actions(book) == ["task_done", "account_note", "dunning_step"]
        await pilot.press("u")
        await settle(pilot)
        assert step_of(book, "C001") == 2
        assert "Défait : Étape de relance changée — Boulangerie Martin" in said
        await pilot.press("u")
        await settle(pilot)
        assert book.dossiers.account_note("C001") == ""
        await pilot.press("u")
        await settle(pilot)
        assert payment_check(book, "C001").done_at is None
        assert actions(book) == [
            "task_done",
            "account_note",
            "dunning_step",
            "undo",
            "undo",
            "undo",
        ]
        await pilot.press("u")  # and last, the outcome itself
        await settle(pilot)
        assert [c.outcome for c in all_calls(book)].count("undo") == 1
        assert app.screen is app.session and app.shown_code == "C001"


async def test_formal_notice_from_the_workstation_is_a_supervisors(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("g", "4", "o")
        await settle(pilot)
        error = str(app.screen.query_one(".error").render())
        assert error.endswith("est réservé à un superviseur")
        assert "réservé à un" in screen_text(app)
        assert step_of(book, "C001") == 2
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.session
        assert actions(book) == []
