"""Who you are: the login, ``--as`` only for a supervisor (recorded), and whose debtors you log.

Each test logs in as someone with the ``login`` fixture (the one function that
reads the operating-system account), then runs the real command line and
reads the database.
"""

from __future__ import annotations

import csv
import json
import os
import pwd
from datetime import timedelta

import pytest
from builtin_settings import SETTINGS
from ledger_builders import add_debtor, all_calls, late
from sqlfile import raw_write

from callcenter.cli import main
from callcenter.i18n import Locale
from callcenter.service import identity, queue, users
from callcenter.service.errors import AccessRefused
from callcenter.service.outcomes import log_outcome


@pytest.fixture
def team(store, now):
    """sophie supervises alice and bob; A1 is alice's, B1 bob's, P1 in the shared pool."""
    users.add_user(store, "sophie", role="supervisor", actor="owner", now=now)
    for name in ("alice", "bob"):
        users.add_user(store, name, actor="sophie", now=now)
    add_debtor(store, now, "A1", collector="alice", invoices=[late("FA", 40, 900_00)])
    add_debtor(store, now, "B1", collector="bob", invoices=[late("FB", 50, 800_00)])
    add_debtor(store, now, "P1", invoices=[late("FP", 60, 700_00)])
    queue.rescore(store, now=now, config=SETTINGS)
    return store


@pytest.fixture
def cli(db_path, now, monkeypatch, capsys, login):
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    monkeypatch.delenv("CALLCENTER_USER", raising=False)

    def run(*argv: str, user: str, lang: str = "en") -> tuple[int, str, str]:
        login(user)
        try:
            code = main(["--db", str(db_path), "--lang", lang, *argv])
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, " ".join(err.split())

    return run


def _calls(store) -> list[tuple]:
    """Every call as (debtor, collector, entered by, outcome), oldest first, from the dossiers."""
    calls = sorted(all_calls(store), key=lambda c: c.id or 0)
    return [(c.debtor_code, c.collector, c.entered_by, c.outcome) for c in calls]


def test_a_collector_cannot_act_as_the_supervisor(team, cli, monkeypatch):
    code, _, err = cli(
        "--as", "sophie", "user", "add", "mallory", "--role", "supervisor", user="alice"
    )
    assert code == 2
    assert err == "error: alice is not a supervisor: cannot act as sophie (--as, CALLCENTER_USER)"
    monkeypatch.setenv("CALLCENTER_USER", "sophie")
    code, _, err = cli("log", "A1", "no-answer", user="alice", lang="fr")
    assert code == 2 and "alice n'est pas superviseur : impossible d'agir en tant que sophie" in err
    assert users.role_of(team, "mallory") == "collector" and _calls(team) == []


def test_the_login_comes_from_the_account_not_from_USER(monkeypatch):
    monkeypatch.setenv("USER", "sophie")
    monkeypatch.setenv("LOGNAME", "sophie")
    assert identity.os_login() == pwd.getpwuid(os.geteuid()).pw_name


def test_log_on_another_collectors_claimed_debtor_is_refused(team, cli, now):
    assert (
        queue.claim_next(team, collector="bob", now=now, config=SETTINGS) == "P1"
    )  # the pool's best
    code, _, err = cli("log", "P1", "promise", "--promise-date", "+3", user="alice")
    assert code == 2 and err == "error: P1 is being worked by bob: nothing was recorded"
    code, _, err = cli("log", "P1", "no-answer", user="alice", lang="fr")
    assert "P1 est en cours de traitement par bob : rien n'a été enregistré" in err
    code, _, err = cli("log", "P1", "no-answer", user="sophie")  # a supervisor waits too
    assert code == 2 and "being worked by bob" in err
    assert _calls(team) == []
    code, _, _ = cli("log", "P1", "no-answer", user="bob")
    assert code == 0 and _calls(team) == [("P1", "bob", None, "no_answer")]


def test_a_collector_logs_only_their_portfolio_or_campaign(team, cli):
    code, _, err = cli("log", "B1", "no-answer", user="alice")
    assert code == 2 and err == "error: B1 is in bob's portfolio, not alice's: nothing was recorded"
    assert cli("log", "P1", "no-answer", user="alice")[0] == 0  # the shared pool is everyone's
    assert cli("log", "B1", "no-answer", user="sophie")[0] == 0  # a supervisor works any debtor
    cli("campaign", "create", "big", "--min-overdue", "100", "--collector", "alice", user="sophie")
    assert cli("--campaign", "big", "log", "B1", "voicemail", user="alice")[0] == 0
    assert [c[:2] for c in _calls(team)] == [("P1", "alice"), ("B1", "sophie"), ("B1", "alice")]


def test_undo_is_refused_while_another_collector_holds_the_debtor(team, cli, now):
    cli("log", "P1", "no-answer", user="alice")
    call_id = team.dossiers.load_dossier("P1").calls[0].id  # the call just logged
    later = now + timedelta(days=1)
    with team.transaction():  # bob is on the phone with P1 now
        raw_write(
            team,
            "UPDATE queue_state SET claimed_by = 'bob', claim_expires_at = ?"
            " WHERE debtor_code = 'P1'",
            (later.isoformat(),),
        )
    code, _, err = cli("undo", str(call_id), user="alice")
    assert code == 2 and "P1 is being worked by bob" in err
    assert len(_calls(team)) == 1


def test_a_supervisor_acting_for_a_collector_is_recorded_by_x_for_y(team, cli, tmp_path):
    code, out, _ = cli("--as", "alice", "user", "whoami", user="sophie")
    assert out.strip() == "alice (collector), entered by sophie"
    code, out, _ = cli("--as", "alice", "user", "whoami", user="sophie", lang="fr")
    assert out.strip() == "alice (chargé de recouvrement), saisi par sophie"
    assert cli("--as", "alice", "log", "A1", "no-answer", user="sophie")[0] == 0
    assert _calls(team) == [("A1", "alice", "sophie", "no_answer")]
    code, out, _ = cli("debtor", "A1", "--json", user="alice")
    call = json.loads(out)["calls"][0]
    assert (call["collector"], call["entered_by"]) == ("alice", "sophie")
    code, out, _ = cli("debtor", "A1", user="alice")
    assert "alice (entered by sophie)" in out
    target = tmp_path / "calls.csv"
    assert cli("export", "calls", "--output", str(target), user="sophie")[0] == 0
    row = next(csv.DictReader(target.open(encoding="utf-8")))
    assert (row["collector"], row["entered_by"]) == ("alice", "sophie")


def test_the_file_owner_acts_as_anyone_until_a_supervisor_exists(store, now, cli):
    add_debtor(store, now, "P1", invoices=[late("FP", 60, 700_00)])
    assert cli("--as", "alice", "log", "P1", "no-answer", user="owner")[0] == 0
    assert _calls(store) == [("P1", "alice", "owner", "no_answer")]
    assert cli("user", "add", "sophie", "--role", "supervisor", user="owner")[0] == 0
    code, _, err = cli("--as", "alice", "log", "P1", "voicemail", user="owner")
    assert code == 2 and "owner is not a supervisor" in err


def test_a_demo_database_lets_anyone_act_as_its_people(db_path, cli):
    assert cli("demo", "--debtors", "20", user="visitor")[0] == 0
    code, out, _ = cli("--as", "sophie", "user", "list", "--json", user="visitor")
    assert code == 0 and "alice" in {u["name"] for u in json.loads(out)}
    code, out, _ = cli("--as", "alice", "user", "whoami", user="visitor")
    assert out.strip() == "alice (collector)"  # the demo's people are fictional: no "by"


def test_user_names_are_validated(team, cli):
    for bad in ("evil\x1b[2J", "a b", "é", "x" * 65, "", "a;b", "a/b"):
        assert identity.NAME_RULE.fullmatch(bad) is None
    code, out, err = cli("--as", "evil\x1b[2J", "user", "whoami", user="sophie")
    assert code == 2 and "\x1b" not in out + err
    assert err == "error: user name refused 'evil\\x1b[2J': letters, digits, '.', '_' and '-' only"
    assert cli("user", "add", "a b", user="sophie")[0] == 2
    assert cli("assign", "A1", "--to", "x;y", user="sophie")[0] == 2
    code, _, err = cli("user", "whoami", user="bad login")  # an account we cannot record
    assert code == 2 and "user name refused 'bad login'" in err


def test_refusals_are_coded_and_worded_in_both_languages(team, now):
    queue.claim_next(team, collector="bob", now=now, config=SETTINGS)
    with pytest.raises(AccessRefused) as refused:
        log_outcome(team, "P1", "no_answer", collector="alice", now=now, config=SETTINGS)
    assert refused.value.key == "access.claimed"
    assert Locale("fr", "dmy").error(refused.value).startswith("P1 est en cours de traitement")
    assert Locale("en", "iso").error(refused.value) == str(refused.value)
    assert not team.dossiers.demo_marked()


async def test_the_workstation_refuses_a_debtor_another_collector_holds(store, now):
    """``/`` opens any debtor, but an outcome on one bob is calling is refused, in French."""
    from tui_data import build, make_app, open_debtor, settle

    build(store, now)
    with store.transaction():
        raw_write(
            store,
            "UPDATE queue_state SET claimed_by = 'bob', claim_expires_at = ?"
            " WHERE debtor_code = 'C002'",
            ((now + timedelta(minutes=5)).isoformat(),),
        )
    before = _calls(store)
    app = make_app(store, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await open_debtor(pilot, "C002")
        await pilot.press("n")  # no answer: one key, refused
        await settle(pilot)
        said = [n.message for n in app._notifications if n.severity == "error"]
    assert any("C002 est en cours de traitement par bob" in m for m in said), said
    assert _calls(store) == before
