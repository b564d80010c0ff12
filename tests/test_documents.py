"""The statement of account and invoice copies: ``callcenter statement``, SMTP, the workstation.

The statement is printed by WeasyPrint (the dev extra installs it); sent, it
goes through the same delivery as ``callcenter remind``, to a real SMTP server
on loopback, and completes the dossier's open task of its kind.
"""

from __future__ import annotations

from datetime import date
from email import message_from_bytes, policy

import pytest
from ledger_builders import add_debtor, add_payment, late

from callcenter.cli import main
from callcenter.config import config_from_dict
from callcenter.domain.communications import Result
from callcenter.domain.models import Contact, Role
from callcenter.service import documents


def contacts(code: str) -> list[Contact]:
    return [
        Contact(code, "Claire", role=Role.OWNER, email="claire@c1.example", decision_maker=True),
        Contact(code, "Marc", role=Role.ACCOUNTANT, email="compta@c1.example"),
        Contact(code, "Nadia", role=Role.OTHER, phone="0100000000"),  # no e-mail: not listed
    ]


def ledger(store, now) -> None:
    add_debtor(
        store,
        now,
        "C1",
        name="Atelier <b>Martin</b>",
        invoices=[late("F1", 40, 1200_00), late("F2", 5, 300_50), late("F3", -10, 99_00)],
        contacts=contacts("C1"),
    )
    add_payment(store, "C1", "VIR 77", date(2026, 11, 2), 200_00)


def task(store, now, kind: str) -> int:
    with store.transaction():
        return store.outcomes.insert_task(
            code="C1",
            call_id=None,
            kind=kind,
            note="asked on the phone",
            created_at=now,
            created_by="alice",
        )


def run(db_path, now, monkeypatch, *argv: str) -> int:
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    try:
        return main(["--db", str(db_path), "--lang", "en", "statement", *argv])
    except SystemExit as exc:
        return int(exc.code)


def test_the_statement_lists_open_invoices_payments_balance_and_aging(
    store, db_path, now, monkeypatch, capsys
):
    ledger(store, now)
    assert run(db_path, now, monkeypatch, "C1") == 0
    page = capsys.readouterr().out
    for number in ("F1", "F2", "F3", "VIR 77"):
        assert number in page
    assert "Relevé de compte" in page  # the letters' language (funnel.language: fr)
    assert "1 599,50" in page.replace("\u202f", " ").replace("\u00a0", " ")  # the balance
    assert "Atelier &lt;b&gt;Martin&lt;/b&gt;" in page  # a name is text, never markup


def test_statement_out_pdf_is_written_once_and_never_over_a_foreign_file(
    store, db_path, now, tmp_path, monkeypatch, capsys
):
    pytest.importorskip("weasyprint", reason="WeasyPrint (pdf extra) not installed")
    ledger(store, now)
    target = tmp_path / "c1.pdf"
    assert run(db_path, now, monkeypatch, "C1", "--out", str(target), "--pdf") == 0
    assert target.read_bytes().startswith(b"%PDF")
    foreign = tmp_path / "notes.pdf"
    foreign.write_bytes(b"someone's file")
    assert run(db_path, now, monkeypatch, "C1", "--out", str(foreign), "--pdf") != 0
    assert foreign.read_bytes() == b"someone's file"
    assert run(db_path, now, monkeypatch, "C1", "--pdf") == 2  # --pdf needs --out
    assert run(db_path, now, monkeypatch, "NOPE") == 1
    assert "No debtor NOPE" in capsys.readouterr().err


def test_the_statement_goes_by_smtp_as_a_pdf_and_completes_its_task(smtp, store, now):
    pytest.importorskip("weasyprint", reason="WeasyPrint (pdf extra) not installed")
    inbox, port = smtp
    config = config_from_dict(
        {
            "funnel": {"language": "en", "sender": "ar@durand.example"},
            "smtp": {"host": "127.0.0.1", "port": port, "security": "none"},
        }
    )
    ledger(store, now)
    task_id = task(store, now, documents.STATEMENT)
    accounting = next(c for c in store.dossiers.load_dossier("C1").contacts if c.name == "Marc")
    prepared = documents.document_message(
        store,
        "C1",
        documents.STATEMENT,
        contact_id=accounting.id,
        now=now,
        config=config,
        actor="alice",
    )
    assert prepared.task_id == task_id and prepared.due.recipients == ("compta@c1.example",)
    sent = documents.send_document(store, prepared, now=now, config=config, actor="alice")
    assert sent.delivery.result is Result.SENT and sent.task_id == task_id
    assert store.dossiers.task(task_id).done_by == "alice"
    (message,) = inbox.messages
    assert message["To"] == "compta@c1.example"
    assert message["Subject"].startswith("Your statement of account")
    (pdf,) = message.iter_attachments()
    assert pdf.get_filename() == "statement-C1-2026-11-24.pdf"
    assert pdf.get_content().startswith(b"%PDF")
    again = documents.send_document(store, prepared, now=now, config=config, actor="alice")
    assert again.delivery is None and len(inbox.messages) == 1  # once a day per contact
    (logged,) = store.communications.of_debtor("C1")
    assert (logged.step, logged.channel, logged.attachments) == (
        "send_statement",
        "statement",
        ("statement-C1-2026-11-24.pdf",),
    )


def test_an_invoice_copy_needs_a_file_named_after_an_open_invoice(store, now, tmp_path):
    copies = tmp_path / "copies"
    copies.mkdir()
    config = config_from_dict({"funnel": {"invoice_copies": str(copies), "language": "en"}})
    ledger(store, now)
    claire = store.dossiers.load_dossier("C1").contacts[0]
    with pytest.raises(documents.DocumentRefused) as refused:
        documents.document_message(
            store, "C1", documents.COPY, contact_id=claire.id, now=now, config=config, actor="a"
        )
    assert refused.value.code == "documents.no_copy"
    (copies / "F2.pdf").write_bytes(b"%PDF-1.4 F2\n")
    (copies / "F9.pdf").write_bytes(b"%PDF-1.4 another debtor's\n")
    prepared = documents.document_message(
        store, "C1", documents.COPY, contact_id=claire.id, now=now, config=config, actor="a"
    )
    assert prepared.due.attachment_names == ("F2.pdf",)
    assert [i.number for i in prepared.due.invoices] == ["F2"]
    assert "F2" in prepared.due.message.body and "F1" not in prepared.due.message.body


async def test_i_sends_an_invoice_copy_to_the_picked_contact_and_does_the_task(
    store, now, tmp_path
):
    from tui_data import open_debtor, screen_text, settle

    from callcenter.i18n import Locale
    from callcenter.tui.app import WorkstationApp
    from callcenter.tui.desk import Desk

    copies, outbox = tmp_path / "copies", tmp_path / "outbox"
    copies.mkdir()
    (copies / "F1.pdf").write_bytes(b"%PDF-1.4 F1\n")
    config = config_from_dict(
        {"funnel": {"outbox": str(outbox), "invoice_copies": str(copies), "language": "en"}}
    )
    ledger(store, now)
    task_id = task(store, now, documents.COPY)
    desk = Desk(store, collector="alice", lang="en", config=config)
    app = WorkstationApp(desk, Locale("en"), clock=lambda: now)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_debtor(pilot, "C1")
        await pilot.press("i")
        await settle(pilot)
        shown = screen_text(app)
        assert "1  Claire <claire@c1.example>" in shown and "2  Marc <compta@c1.example>" in shown
        assert "Nadia" not in shown.split("Send an invoice copy")[-1]  # no address: not offered
        await pilot.press("2")
        await settle(pilot)
        shown = screen_text(app)
        assert "Copy of invoice" in shown and "Attached: F1.pdf" in shown
        assert store.communications.of_debtor("C1") == []  # a preview sends nothing
        await pilot.press("enter")
        await settle(pilot)
    (logged,) = store.communications.of_debtor("C1")
    assert (logged.channel, logged.result, logged.recipients) == (
        "invoice_copy",
        Result.WRITTEN,
        ("compta@c1.example",),
    )
    assert store.dossiers.task(task_id).done_at is not None
    parsed = message_from_bytes(next(outbox.glob("*.eml")).read_bytes(), policy=policy.default)
    assert [a.get_filename() for a in parsed.iter_attachments()] == ["F1.pdf"]


def one_contact_workstation(store, now, outbox):
    """The French workstation on debtor C1, one late invoice and one contact with an address."""
    from callcenter.i18n import Locale
    from callcenter.tui.app import WorkstationApp
    from callcenter.tui.desk import Desk

    config = config_from_dict({"funnel": {"outbox": str(outbox), "language": "fr"}})
    add_debtor(
        store, now, "C1", name="Atelier Martin", invoices=[late("F1", 40, 1200_00)],
        contacts=[contacts("C1")[0]],
    )  # fmt: skip
    desk = Desk(store, collector="alice", lang="fr", config=config)
    return WorkstationApp(desk, Locale("fr"), clock=lambda: now)


async def test_y_sends_the_statement_to_the_only_contact_with_an_address(store, now, tmp_path):
    pytest.importorskip("weasyprint", reason="WeasyPrint (pdf extra) not installed")
    from tui_data import open_debtor, screen_text, settle

    outbox = tmp_path / "outbox"
    app = one_contact_workstation(store, now, outbox)
    task_id = task(store, now, documents.STATEMENT)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_debtor(pilot, "C1")
        await pilot.press("y")  # one contact with an address: picked at once
        await settle(pilot)
        shown = screen_text(app)
        assert "Votre relevé de compte au 24/11/2026" in shown
        assert "releve-de-compte-C1-2026-11-24.pdf" in shown
        await pilot.press("enter")
        await settle(pilot)
    (logged,) = store.communications.of_debtor("C1")
    assert (logged.channel, logged.result) == ("statement", Result.WRITTEN)
    assert store.dossiers.task(task_id).done_by == "alice"
    parsed = message_from_bytes(next(outbox.glob("*.eml")).read_bytes(), policy=policy.default)
    (pdf,) = parsed.iter_attachments()
    assert pdf.get_content_type() == "application/pdf" and pdf.get_content().startswith(b"%PDF")


async def test_y_preview_scrolls_inside_the_dialog_at_80_by_24(store, now, tmp_path):
    """A letter longer than the screen scrolls in its box: the keys line stays in sight."""
    from tui_data import open_debtor, screen_text, settle

    app = one_contact_workstation(store, now, tmp_path / "out")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_debtor(pilot, "C1")
        await pilot.press("y")
        await settle(pilot)
        first = screen_text(app)
        assert "Entrée envoie · Échap annule" in first and "Bien cordialement" not in first
        await pilot.press("pagedown")
        await settle(pilot)
        scrolled = screen_text(app)
        assert "Bien cordialement" in scrolled and "Entrée envoie · Échap annule" in scrolled
        await pilot.press("pageup")
        await settle(pilot)
        assert "Bien cordialement" not in screen_text(app)
