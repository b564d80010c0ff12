"""The queue commands from a shell: JSON shapes, errors, nothing written on a mistake."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from ledger_builders import add_debtor, count, late

from callcenter.cli import main
from callcenter.domain.campaigns import Campaign
from callcenter.domain.models import Contact, Role
from callcenter.i18n import detect_locale


@pytest.fixture
def cli(db_path, store, now, monkeypatch):
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    monkeypatch.setenv("CALLCENTER_USER", "alice")
    monkeypatch.delenv("CALLCENTER_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(db_path.parent / "no-config"))
    add_debtor(
        store,
        now,
        "C1",
        name="[bold]Martin[/bold] \x1b[31mSARL",
        invoices=[late("F1", 67, 12_400_00), late("F2", -5, 100_00)],
        contacts=[Contact("C1", "Mme Martin", role=Role.OWNER, phone="0102", decision_maker=True)],
    )
    add_debtor(store, now, "C2", invoices=[late("G1", 10, 50_00)])

    def run(*argv: str, lang: str = "en") -> int:
        try:
            return main(["--db", str(db_path), "--lang", lang, *argv])
        except SystemExit as exc:
            return int(exc.code)

    return run


def test_queue_json(cli, capsys):
    assert cli("queue", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["code"] for d in data] == ["C1", "C2"]
    first = data[0]
    assert set(first) >= {
        "code",
        "name",
        "score",
        "reasons",
        "overdue",
        "oldest_days",
        "state",
        "next_action_at",
    }
    assert first["overdue"] == 12400.0
    assert first["oldest_days"] == 67
    assert first["state"] == "due"
    assert first["reasons"][0] == "€12,400 overdue, oldest 67 days"
    assert first["name"] == "[bold]Martin[/bold] SARL"  # escape sequences stripped
    assert isinstance(first["score"], int)


def test_queue_table_prints_names_as_text(cli, capsys):
    assert cli("queue", lang="fr") == 0
    out = capsys.readouterr().out
    assert "[bold]" in out  # shown literally, not as markup
    assert "\x1b[31m" not in out
    assert "12 400 € échus" in out.replace("\u202f", " ").replace("\u00a0", " ")


def test_queue_limit_must_be_positive(cli, capsys):
    assert cli("queue", "--limit", "0") == 2


def test_debtor_json(cli, capsys):
    assert cli("debtor", "C1", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {
        "code",
        "name",
        "segment",
        "balance",
        "open_invoices",
        "contacts",
        "calls",
        "promises",
        "disputes",
        "queue",
    }
    assert data["balance"] == 12500.0
    assert data["open_invoices"][0] == {
        "number": "F1",
        "issue_date": "2026-08-19",
        "due_date": "2026-09-18",
        "amount": 12400.0,
        "open_amount": 12400.0,
        "days_late": 67,
        "disputed": False,
        "excluded": False,
    }
    assert data["contacts"][0]["name"] == "Mme Martin"
    assert data["queue"]["state"] == "due"


def test_debtor_unknown_code(cli, capsys):
    assert cli("debtor", "NOPE") == 2
    assert "no debtor" in capsys.readouterr().err


def test_log_a_promise_then_see_it(cli, capsys, store):
    code = cli(
        "log",
        "C1",
        "promise",
        "--promise-date",
        "15/12",
        "--amount",
        "1 000,50",
        "--contact",
        "martin",
        "--note",
        "will pay by transfer",
        "--json",
    )
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["queue"]["state"] == "promise"
    call = store.outcomes.call(result["call_id"])
    assert call.collector == "alice" and call.contact_id is not None
    (promise,) = store.promises.promises_of(["C1"])
    assert (promise.call_id, promise.promised_on, promise.amount_cents) == (
        call.id,
        date(2026, 12, 15),
        1_000_50,
    )
    assert cli("debtor", "C1", "--json") == 0
    dossier = json.loads(capsys.readouterr().out)
    assert dossier["promises"][0]["amount"] == 1000.5
    assert dossier["calls"][0]["outcome"] == "promise"


def test_log_callback_and_dispute_and_plan(cli, capsys, store):
    assert cli("log", "C1", "callback", "--callback-at", "demain 14h30") == 0
    (call,) = store.dossiers.load_dossier("C1").calls
    assert call.callback_at == datetime(2026, 11, 25, 13, 30, tzinfo=UTC)
    assert cli("log", "C1", "dispute", "--invoices", "F1", "--reason", "damaged") == 0
    assert count(store, "disputes") == 1
    assert (
        cli("log", "C2", "payment-plan", "--instalment", "15/12=25", "--instalment", "15/01=25")
        == 0
    )
    assert count(store, "promises", "debtor_code = 'C2'") == 2


@pytest.mark.parametrize(
    "argv",
    [
        ("log", "NOPE", "no_answer"),
        ("log", "C1", "teleported"),
        ("log", "C1", "promise", "--promise-date", "31/02"),
        ("log", "C1", "promise", "--promise-date", "15/12", "--amount", "douze"),
        ("log", "C1", "promise"),
        ("log", "C1", "callback", "--callback-at", "whenever"),
        ("log", "C1", "dispute", "--invoices", "F9", "--reason", "x"),
        ("log", "C1", "wrong_number", "--contact", "nobody"),
        ("log", "C1", "skip"),
        ("log", "C1", "payment_plan", "--instalment", "15/12"),
        ("undo", "999"),
    ],
)
def test_mistakes_exit_2_and_write_nothing(cli, capsys, store, argv):
    assert cli(*argv) == 2
    err = capsys.readouterr().err
    assert "error:" in err
    assert count(store, "calls") == 0
    assert count(store, "promises") == 0


def test_undo_from_the_shell(cli, capsys, store):
    assert cli("log", "C1", "no_answer", "--json") == 0
    call_id = json.loads(capsys.readouterr().out)["call_id"]
    assert cli("undo", str(call_id), "--json") == 0
    assert json.loads(capsys.readouterr().out)["undoes"] == call_id
    assert cli("undo", str(call_id)) == 2


def test_rescore_json(cli, capsys):
    assert cli("rescore", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["scored"] == 2
    assert data["seconds"] >= 0


def test_a_bad_settings_file_is_a_usage_error(cli, capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[queue]\nnope = 1\n")
    assert cli("--config", str(bad), "queue") == 2
    assert "unknown key 'queue.nope'" in capsys.readouterr().err


def test_debtor_text_shows_promises(cli, capsys):
    assert cli("log", "C1", "promise", "--promise-date", "15/12", "--amount", "100") == 0
    capsys.readouterr()
    assert cli("debtor", "C1") == 0
    out = capsys.readouterr().out
    day = detect_locale("en").date(date(2026, 12, 15))  # the locale's style, as on screen
    assert "Promises" in out and day in out and "pending" in out


def test_debtor_text_at_80_columns_keeps_invoice_numbers_and_speaks_french(cli, capsys):
    assert cli("log", "C1", "promise", "--promise-date", "15/12", "--amount", "100") == 0
    capsys.readouterr()
    assert cli("debtor", "C1", lang="fr") == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80
    flat = out.replace("\u202f", " ").replace("\xa0", " ")
    assert "│ F1 " in out and "12 400,00 €" in flat  # never folded
    assert "dirigeant" in out and "promesse" in out and "en attente" in out
    assert "promesse en cours · score" in out  # the queue state, not 'promise'
    assert "owner" not in out and "pending" not in out


def test_queue_for_a_collector_and_a_campaign(cli, capsys, store, now):
    add_debtor(store, now, "BOB1", invoices=[late("B1", 90, 99_000_00)], collector="bob")
    with store.transaction():
        campaign = store.campaigns.insert_campaign(Campaign("Relance Q4"), now)
        store.campaigns.add_members(campaign, ["C2"])
    assert cli("queue", "--json", "--collector", "alice") == 0
    assert [d["code"] for d in json.loads(capsys.readouterr().out)] == ["C1", "C2"]
    assert cli("--campaign", "Relance Q4", "queue", "--json") == 0
    assert [d["code"] for d in json.loads(capsys.readouterr().out)] == ["C2"]
    assert cli("--campaign", "Nope", "queue") == 2


def test_queue_waiting_lists_debtors_tried_a_moment_ago(cli, capsys):
    assert cli("log", "C1", "no_answer") == 0
    capsys.readouterr()
    assert cli("queue", "--json") == 0
    assert [d["code"] for d in json.loads(capsys.readouterr().out)] == ["C2"]
    assert cli("queue", "--json", "--waiting") == 0
    codes = [d["code"] for d in json.loads(capsys.readouterr().out)]
    assert sorted(codes) == ["C1", "C2"]


def test_debtor_text_marks_an_invoice_excluded_from_dunning(cli, capsys, store, now):
    add_debtor(
        store, now, "C3", invoices=[late("H1", 40, 300_00, excluded=True), late("H2", 9, 50_00)]
    )
    assert cli("debtor", "C3", lang="fr") == 0
    out = capsys.readouterr().out
    h1 = next(line for line in out.splitlines() if "H1" in line)
    h2 = next(line for line in out.splitlines() if "H2" in line)
    assert "exclue" in h1 and "exclue" not in h2


def test_debtor_shows_what_an_already_paid_debtor_said(cli, capsys):
    args = ("--paid-on", "20/11", "--amount", "450", "--means", "cheque", "--reference", "CHQ 42")
    assert cli("log", "C1", "already_paid", *args) == 0
    capsys.readouterr()
    assert cli("debtor", "C1", "--json") == 0
    (call,) = json.loads(capsys.readouterr().out)["calls"]
    assert call["claim"] == {
        "paid_on": "2026-11-20",
        "amount": 450.0,
        "means": "cheque",
        "reference": "CHQ 42",
    }
    assert cli("debtor", "C1", lang="fr") == 0
    flat = " ".join(capsys.readouterr().out.replace("\u202f", " ").replace("\xa0", " ").split())
    assert "dit avoir payé 450,00 € le 20/11/2026 par chèque" in flat.replace("│ ", "")
