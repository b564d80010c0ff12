"""``callcenter remind``: a real SMTP server on loopback, the outbox, and a whole scenario.

The SMTP server is aiosmtpd in this process's event loop thread, on 127.0.0.1:
it receives exactly what the program sends, attachments included.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from email import message_from_bytes, policy

import pytest
from ledger_builders import add_debtor, late
from sqlfile import raw_row

from callcenter.cli import main
from callcenter.config import config_from_dict
from callcenter.domain.communications import Result
from callcenter.domain.models import Contact, Outcome, QueueState, Role
from callcenter.service import reminders, sending
from callcenter.service.outcomes import log_outcome
from callcenter.service.queue import rescore

pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd (dev extra) not installed")


def owner(code: str, email: str) -> Contact:
    return Contact(
        code, "Claire", role=Role.OWNER, phone="0100000000", email=email, decision_maker=True
    )


def run(db_path, config_file, now: datetime, monkeypatch, *argv: str) -> int:
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    try:
        return main(
            ["--db", str(db_path), "--config", str(config_file), "--lang", "en", "remind", *argv]
        )
    except SystemExit as exc:
        return int(exc.code)


def settings_file(tmp_path, **smtp) -> object:
    copies = tmp_path / "copies"
    copies.mkdir(exist_ok=True)
    (copies / "F1.pdf").write_bytes(b"%PDF-1.4 invoice F1\n")
    lines = [
        "[funnel]",
        f'invoice_copies = "{copies}"',
        'sender = "relances@durand.example"',
        'signature = "Paul Durand"',
        'language = "en"',
    ]
    if smtp:
        lines += ["[smtp]", 'host = "127.0.0.1"', f"port = {smtp['port']}", 'security = "none"']
    path = tmp_path / "config.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_smtp_receives_exactly_the_due_messages_once_with_the_invoice_copy(
    smtp, store, db_path, now, tmp_path, monkeypatch, capsys
):
    inbox, port = smtp
    config_file = settings_file(tmp_path, port=port)
    add_debtor(
        store,
        now,
        "C1",
        invoices=[late("F1", 10, 1200_00)],
        contacts=[owner("C1", "claire@c1.example")],
    )
    add_debtor(
        store,
        now,
        "C2",
        invoices=[late("F2", 10, 500_00)],
        contacts=[owner("C2", "nobody@refused.example")],
    )
    add_debtor(
        store,
        now,
        "C3",
        invoices=[late("F3", -20, 500_00)],
        contacts=[owner("C3", "c3@c3.example")],
    )  # not due for 20 days: nothing
    assert run(db_path, config_file, now, monkeypatch, "--dry-run", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["code"], r["step"], r["channel"]) for r in listed] == [
        ("C1", "email_1", "email"),
        ("C2", "email_1", "email"),
    ]
    assert listed[0]["recipients"] == ["claire@c1.example"]
    assert inbox.messages == []  # a dry run sends nothing

    assert run(db_path, config_file, now, monkeypatch, "--json") == 1  # C2's address refused
    rows = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["C1"]["status"] == "sent" and rows["C2"]["status"] == "refused"
    assert len(inbox.messages) == 1
    first = inbox.messages[0]
    assert first["To"] == "claire@c1.example" and "F1" in first.get_body().get_content()
    assert not list(first.iter_attachments())  # the courteous first e-mail comes alone
    doubtful = raw_row(store, "SELECT email_doubtful FROM contacts WHERE debtor_code = 'C2'")
    assert "550" in doubtful[0]

    capsys.readouterr()
    # The same day again: nothing new for C1; C2 has no usable address left, reported again.
    assert run(db_path, config_file, now, monkeypatch) == 1
    assert "C2  email_1: no usable e-mail address" in capsys.readouterr().out
    assert len(inbox.messages) == 1
    assert run(db_path, config_file, now, monkeypatch) == 1
    assert "C2  email_1: no usable e-mail address" in capsys.readouterr().out
    # Logged once until an address appears, however many runs report it.
    assert [(c.result, c.detail) for c in store.communications.of_debtor("C2")][:2] == [
        (Result.FAILED, "no e-mail address"),
        (Result.REFUSED, "recipients refused (550)"),
    ]
    assert len(store.communications.of_debtor("C2")) == 2

    later = now + timedelta(days=1)  # F1 is 11 days late: the firmer e-mail, invoice attached
    assert run(db_path, config_file, later, monkeypatch) == 1
    assert run(db_path, config_file, later, monkeypatch) == 1
    assert len(inbox.messages) == 2
    second = inbox.messages[1]
    assert second["Subject"].startswith("Second reminder")
    attached = list(second.iter_attachments())
    assert [a.get_filename() for a in attached] == ["F1.pdf"]
    assert attached[0].get_content() == b"%PDF-1.4 invoice F1\n"
    assert second["Message-ID"] != first["Message-ID"]
    logged = store.communications.of_debtor("C1")
    assert [(c.step, c.result) for c in logged] == [
        ("email_2", Result.SENT),
        ("email_1", Result.SENT),
    ]
    assert logged[0].attachments == ("F1.pdf",) and logged[0].message_id == second["Message-ID"]
    assert store.outcomes.dunning_step("C1") == 2  # the scenario feeds the dunning step


def test_the_outbox_holds_valid_eml_files(store, db_path, now, tmp_path, monkeypatch):
    config_file = settings_file(tmp_path)
    evil = "Evil\r\nBcc: all@victims.example"
    add_debtor(
        store,
        now,
        "C1",
        name=evil,
        invoices=[late("F1", 3, 99_99)],
        contacts=[owner("C1", "ap@c1.example")],
    )
    outbox = tmp_path / "outbox"
    assert run(db_path, config_file, now, monkeypatch, "--outbox", str(outbox)) == 0
    files = sorted(outbox.glob("*.eml"))
    assert len(files) == 1
    parsed = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert parsed["To"] == "ap@c1.example" and parsed["Bcc"] is None
    assert parsed["From"] == "relances@durand.example"
    assert "Evil Bcc" in parsed["Subject"]  # the name stays inside the subject, one line
    assert "€99.99" in parsed.get_body().get_content()
    assert run(db_path, config_file, now, monkeypatch, "--outbox", str(outbox)) == 0
    assert len(list(outbox.glob("*.eml"))) == 1  # never written twice


def test_one_debtor_walks_the_whole_standard_scenario(store, now, tmp_path):
    config = config_from_dict({"funnel": {"calls_wait_for_scenario": True, "language": "en"}})
    due_on = date(2026, 11, 2)
    add_debtor(
        store,
        now,
        "C1",
        invoices=[late("F1", 0, 2400_00)],
        contacts=[owner("C1", "claire@c1.example")],
        today=due_on,
    )
    outbox = str(tmp_path / "outbox")

    def at(day_offset: int) -> datetime:
        return datetime.combine(due_on + timedelta(days=day_offset), now.timetz())

    def remind(moment: datetime, approve: bool = False):
        due = reminders.due_steps(store, now=moment, config=config, actor="remind", approve=approve)
        done = sending.deliver(store, due, now=moment, config=config, actor="remind", outbox=outbox)
        return due, done

    def state(moment: datetime):
        rescore(store, now=moment, config=config)
        entry = store.queue.entry("C1")
        return entry.state, entry.next_action_at

    due, done = remind(at(1))
    assert [(d.step.key, r.result) for d, r in zip(due, done, strict=True)] == [
        ("email_1", Result.WRITTEN)
    ]
    # the phone waits for the scenario's call step, 15 days after the due date (from 9:00)
    assert state(at(1)) == (QueueState.DUE, datetime(2026, 11, 17, 9, tzinfo=config.tz))
    assert remind(at(5))[0] == []
    assert [d.step.key for d in remind(at(8))[0]] == ["email_2"]
    rescore(store, now=at(9), config=config)
    assert "written_unanswered" in [r.code for r in store.queue.entry("C1").reasons]
    assert remind(at(15))[0] == []  # a call step: nothing written, the debtor enters the queue
    queue_state, back = state(at(15))
    assert queue_state is QueueState.DUE and back <= at(15)

    log_outcome(
        store,
        "C1",
        Outcome.PROMISE,
        collector="alice",
        now=at(15),
        promise_date=(due_on + timedelta(days=20)),
        config=config,
    )
    confirmation = reminders.promise_confirmation(
        store, "C1", now=at(15), config=config, actor="alice"
    )
    assert confirmation is not None and confirmation.recipients == ("claire@c1.example",)
    assert "2026-11-22" in confirmation.message.body and "€2,400.00" in confirmation.message.body
    sent = sending.deliver(
        store, [confirmation], now=at(15), config=config, actor="alice", outbox=outbox
    )
    assert [r.result for r in sent] == [Result.WRITTEN]
    again = sending.deliver(
        store, [confirmation], now=at(15), config=config, actor="alice", outbox=outbox
    )
    assert again == []  # confirmed once

    rescore(store, now=at(26), config=config)  # promised for day 20, grace 2: broken
    promise = store.dossiers.load_dossier("C1", at(26).date()).promises[0]
    assert promise.status.value == "broken"
    log_outcome(store, "C1", Outcome.NO_ANSWER, collector="alice", now=at(26), config=config)
    due, done = remind(at(40))
    assert [(d.step.key, d.awaiting_approval) for d in due] == [("notice", True)]
    assert done == []  # a formal notice waits for a person
    remind(at(40))  # said once in the log, however many runs list it
    awaiting = [c for c in store.communications.of_debtor("C1") if c.result is Result.AWAITING]
    assert [c.step for c in awaiting] == ["notice"]


async def test_k_previews_and_sends_the_written_confirmation_of_a_promise(store, now, tmp_path):
    from tui_data import open_debtor, screen_text, settle

    from callcenter.i18n import Locale
    from callcenter.tui.app import WorkstationApp
    from callcenter.tui.desk import Desk

    outbox = tmp_path / "outbox"
    config = config_from_dict({"funnel": {"outbox": str(outbox)}})
    add_debtor(
        store,
        now,
        "C1",
        name="Atelier Martin",
        invoices=[late("F1", 20, 800_00)],
        contacts=[owner("C1", "claire@c1.example")],
    )
    log_outcome(
        store,
        "C1",
        Outcome.PROMISE,
        collector="alice",
        now=now,
        promise_date=date(2026, 11, 30),
        amount_cents=800_00,
        config=config,
    )
    desk = Desk(store, collector="alice", lang="fr", config=config)
    app = WorkstationApp(desk, Locale("fr"), clock=lambda: now)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_debtor(pilot, "C1")
        await pilot.press("k")
        await settle(pilot)
        shown = screen_text(app)
        assert "claire@c1.example" in shown and "Confirmation de votre engagement" in shown
        assert store.communications.of_debtor("C1") == []  # a preview sends nothing
        await pilot.press("enter")
        await settle(pilot)
    logged = store.communications.of_debtor("C1")
    assert [(c.channel, c.result) for c in logged] == [("confirmation", Result.WRITTEN)]
    parsed = message_from_bytes(next(outbox.glob("*.eml")).read_bytes(), policy=policy.default)
    assert "30/11/2026" in parsed.get_body().get_content()


def test_by_default_the_phone_waits_only_for_debtors_the_funnel_writes_to(store, now, tmp_path):
    config = config_from_dict({"funnel": {"language": "en"}})  # calls_wait_for_scenario: on
    add_debtor(
        store, now, "C1", invoices=[late("F1", 3, 900_00)], contacts=[owner("C1", "a@c1.example")]
    )
    add_debtor(store, now, "C2", invoices=[late("F2", 3, 900_00)], contacts=["Bob"])  # no e-mail
    due = reminders.due_steps(store, now=now, config=config, actor="remind")
    assert [d.code for d in due] == ["C1", "C2"]
    done = sending.deliver(
        store, due, now=now, config=config, actor="remind", outbox=str(tmp_path / "out")
    )
    assert [(r.due.code, r.result) for r in done] == [
        ("C1", Result.WRITTEN),
        ("C2", Result.FAILED),
    ]
    rescore(store, now=now, config=config)
    written_to, unreachable = store.queue.entry("C1"), store.queue.entry("C2")
    # standard scenario: the first call step 15 days after the due date (3 days ago), which
    # is Sunday 6 December: the phone waits for Monday's first calling window
    assert written_to.state is QueueState.DUE
    assert written_to.next_action_at == datetime(2026, 12, 7, 9, tzinfo=config.tz)
    assert "2026-12-07" in str(written_to.reasons)
    assert unreachable.state is QueueState.DUE and unreachable.next_action_at <= now


def test_the_dossier_screen_reads_its_scenario_place_with_the_dossier(store, now, tmp_path):
    from callcenter.tui.desk import Desk

    config = config_from_dict({"funnel": {"language": "en"}})
    add_debtor(
        store, now, "C1", invoices=[late("F1", 3, 900_00)], contacts=[owner("C1", "a@c1.example")]
    )
    due = reminders.due_steps(store, now=now, config=config, actor="remind")
    sending.deliver(store, due, now=now, config=config, actor="remind", outbox=str(tmp_path / "o"))
    shown = Desk(store, collector="alice", lang="en", config=config).open_debtor("C1", now)
    sent = reminders.sent_days(store, ["C1"], config)["C1"]
    dossier = store.dossiers.load_dossier("C1", now.date())
    assert shown.funnel == reminders.dossier_position(dossier, sent, now.date(), config)
    assert shown.funnel is not None and shown.funnel.number >= 1
    assert [(c.step, c.result) for c in shown.written] == [("email_1", Result.WRITTEN)]
