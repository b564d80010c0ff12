"""Roles enforced by the server: a collector's own role, with plain SQL, can do no more than
the workstation lets them; through the service, the same role does its day's work."""

from __future__ import annotations

import os
import pwd
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import pytest

pytest.importorskip("psycopg", reason="psycopg is not installed (the postgres extra)")

import psycopg  # noqa: E402
from builtin_settings import SETTINGS  # noqa: E402
from postgres_cluster import as_role  # noqa: E402
from sqlfile import raw_row

from callcenter.domain.calling import AgentState  # noqa: E402
from callcenter.domain.models import Contact, Debtor, Invoice, Outcome, Role  # noqa: E402
from callcenter.service.outcomes import log_outcome  # noqa: E402
from callcenter.service.queue import SCORED_ON_KEY, claim_next, rescore  # noqa: E402
from callcenter.service.users import add_user, role_statements  # noqa: E402
from callcenter.store import open_database  # noqa: E402

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
def team(pg_store_url, login):
    """alice's debtor A, bob's debtor B (with a call), sam the supervisor; roles granted."""
    login("sam")
    store = open_database(pg_store_url)
    with store.transaction():
        store.ledger.upsert_debtors(
            [Debtor(code="A", name="Alpha", collector="alice"), Debtor(code="B", name="Beta",
             collector="bob")], NOW,
        )  # fmt: skip
        store.ledger.upsert_invoices(
            [Invoice(c, "F1", date(2026, 8, 1), date(2026, 9, 1), 500_00, 500_00) for c in "AB"]
        )
        store.ledger.upsert_contacts(
            [Contact(c, f"Owner {c}", Role.OWNER, phone=f"01 00 00 00 0{i}") for i, c in
             enumerate("AB")]
        )  # fmt: skip
        store.calling.append_state("bob", AgentState.PAUSED, NOW, reason="lunch")
    add_user(store, "sam", role="supervisor", actor="sam", now=NOW)
    for name in ("alice", "bob"):
        add_user(store, name, actor="sam", now=NOW)
    rescore(store, now=NOW, config=SETTINGS)
    log_outcome(store, "B", Outcome.NO_ANSWER, collector="bob", now=NOW, config=SETTINGS)
    yield pg_store_url
    store.close()


def test_every_forbidden_statement_is_refused_by_the_server(team):
    with psycopg.connect(as_role(team, "alice"), autocommit=True) as alice:
        assert alice.execute("SELECT current_user").fetchone() == ("alice",)
        # Another portfolio is not there for her: its debtor, invoices and calls.
        assert alice.execute("SELECT code FROM debtors ORDER BY code").fetchall() == [("A",)]
        assert alice.execute(
            "SELECT count(*) FROM invoices WHERE debtor_code = 'B'"
        ).fetchone() == (0,)
        assert alice.execute("SELECT count(*) FROM calls").fetchone() == (0,)
        refused = [
            "UPDATE calls SET outcome = 'promise'",
            "DELETE FROM calls",
            "UPDATE debtors SET collector = 'alice' WHERE code = 'B'",
            "UPDATE debtors SET collector = 'bob' WHERE code = 'A'",
            "INSERT INTO users (name, role, display_name, created_at)"
            " VALUES ('mallory', 'supervisor', '', '2026-11-24T09:00:00+00:00')",
            "CREATE ROLE mallory LOGIN",
            "DELETE FROM figure_calls",
            "INSERT INTO calls (debtor_code, collector, started_at, outcome)"
            " VALUES ('B', 'alice', '2026-11-24T09:00:00+00:00', 'no_answer')",
            "INSERT INTO calls (debtor_code, collector, started_at, outcome)"  # in bob's name
            " VALUES ('A', 'bob', '2026-11-24T09:00:00+00:00', 'no_answer')",
            "INSERT INTO promises (debtor_code, collector, created_at, promised_on, amount_cents)"
            " VALUES ('A', 'bob', '2026-11-24T09:00:00+00:00', '2026-11-30', 100)",
        ]
        for statement in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                alice.execute(statement)
    with psycopg.connect(as_role(team, "sam"), autocommit=True) as sam:
        assert sam.execute("SELECT count(*) FROM debtors").fetchone() == (2,)
        assert sam.execute("SELECT count(*) FROM calls").fetchone() == (1,)


def contact_of(url: str, code: str) -> int:
    with psycopg.connect(url) as owner:
        row = owner.execute("SELECT id FROM contacts WHERE debtor_code = %s", (code,)).fetchone()
    assert row is not None
    return row[0]


#: The do-not-call flags tried below: (number, contact, flagged, set_by, set_at).
FLAG = (
    "INSERT INTO do_not_call (number, contact_id, flagged, set_by, set_at)"
    " VALUES (%s, %s, %s, 'alice', '2026-11-24T09:00:00+00:00')"
)
STATE = "INSERT INTO agent_states (collector, at, state) VALUES (%s, '2026-11-24T09:00', 'ready')"
UPSERT_META = (
    "INSERT INTO meta (key, value) VALUES (%s, %s)"
    " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
)


def test_a_collector_s_own_rows_are_all_she_reads_and_writes_beside_her_debtors(team):
    mine, bobs = contact_of(team, "A"), contact_of(team, "B")
    with psycopg.connect(as_role(team, "alice"), autocommit=True) as alice:
        # Others' agent states, the team's figure sums, the upkeep's markers: not there for her.
        assert alice.execute("SELECT count(*) FROM agent_states").fetchone() == (0,)
        assert alice.execute("SELECT count(*) FROM figure_calls").fetchone() == (0,)
        owners = alice.execute("SELECT DISTINCT collector FROM figure_invoices").fetchall()
        assert owners == [("alice",)]
        keys = {key for (key,) in alice.execute("SELECT key FROM meta").fetchall()}
        assert "schema_version" in keys and "queue_scored_on" in keys
        assert keys - {"schema_version", "queue_scored_on", "demo"} <= {
            key for key in keys if key.startswith("holidays:")
        }
        refused: list[tuple[str, tuple]] = [
            (STATE, ("bob",)),
            (UPSERT_META, ("queue_scored_on", "2026-11-25")),
            (UPSERT_META, ("schema_version", "99")),
            (UPSERT_META, ("demo", "1")),
            ("DELETE FROM meta", ()),
            (FLAG, ("+33100000001", None, 1)),  # a bare number: maybe anybody's
            (FLAG, ("", bobs, 1)),  # bob's contact
            (FLAG, ("", mine, 0)),  # lifting one: a supervisor's decision
            (FLAG, ("+33100000001", mine, 1)),  # any number, riding on her contact
            (
                "INSERT INTO figure_calls (hour, caller, calls) VALUES ('2026-11-24T09', 'alice', 1)",
                (),
            ),
            ("UPDATE figure_invoices SET open_cents = 0", ()),
        ]
        for statement, params in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                alice.execute(statement, params)
        # What her session writes: her own states, a flag on her contact, the holidays copy.
        alice.execute(STATE, ("alice",))
        alice.execute(FLAG, ("", mine, 1))
        alice.execute(UPSERT_META, ("holidays:FR:2031", ""))
        alice.execute(UPSERT_META, ("holidays:FR:2031", "2031-01-01"))
        assert alice.execute("SELECT collector FROM agent_states").fetchall() == [("alice",)]
    with psycopg.connect(as_role(team, "sam"), autocommit=True) as sam:  # the board is his
        assert sam.execute("SELECT count(*) FROM agent_states").fetchone() == (2,)
        assert sam.execute("SELECT count(*) FROM figure_calls").fetchone()[0] > 0


def test_a_collector_s_first_claim_of_a_day_leaves_the_team_s_rescore_to_a_supervisor(team, login):
    login("alice")
    tomorrow = NOW.replace(day=25)
    alice = open_database(as_role(team, "alice"), create=False)
    try:
        assert claim_next(alice, collector="alice", now=tomorrow, config=SETTINGS) == "A"
        assert alice.queue.get_meta(SCORED_ON_KEY) == "2026-11-24"  # not hers to move
    finally:
        alice.close()


def test_a_collector_s_role_does_the_day_s_work_through_the_service(team, login):
    login("alice")
    alice = open_database(as_role(team, "alice"), create=False)
    try:
        call_id = log_outcome(
            alice, "A", Outcome.NO_ANSWER, collector="alice", now=NOW, config=SETTINGS
        )
        assert alice.outcomes.call(call_id).debtor_code == "A"
        assert alice.dossiers.load_dossier("B") is None  # not hers: the server hides it
    finally:
        alice.close()
    owner = open_database(team, create=False)
    try:
        assert owner.figures.sum_differences() == {}  # the triggers kept the sums for her
    finally:
        owner.close()


def test_the_sql_for_a_dba_is_printed_without_changing_anything(team):
    owner = open_database(team, create=False)
    try:
        statements = role_statements(owner, "carol", role="collector", actor="sam")
        assert any('CREATE ROLE "carol" LOGIN' in s for s in statements)
        assert 'GRANT callcenter_collector TO "carol"' in statements
        assert raw_row(owner, "SELECT 1 FROM pg_roles WHERE rolname = 'carol'") is None
    finally:
        owner.close()


def test_act_as_follows_the_connected_role_not_the_users_table(team, login):
    from callcenter.service.identity import AccessRefused, resolve

    owner = open_database(team, create=False)
    try:  # the table says alice supervises: the server's roles say she does not
        with owner.transaction():
            owner.users.upsert_user("alice", "supervisor", "", NOW)
    finally:
        owner.close()
    alice = open_database(as_role(team, "alice"), create=False)
    try:
        with pytest.raises(AccessRefused):
            resolve(alice, "bob", login="alice")
    finally:
        alice.close()
    sam = open_database(as_role(team, "sam"), create=False)
    try:
        acting = resolve(sam, "bob", login="sam")
        assert (acting.name, acting.entered_by) == ("bob", "sam")
    finally:
        sam.close()


def test_peer_authentication_maps_the_login_to_the_collector_s_role(team, pg_cluster, login):
    """pg_hba.conf ``peer map=callcenter``: no password; the login running the tests becomes
    alice's role, and the role decides what she reads."""
    account = pwd.getpwuid(os.geteuid()).pw_name  # what the server sees on the socket
    database = urlsplit(team).path.lstrip("/")
    pg_cluster.map_logins(database, {account: "alice"})
    with psycopg.connect(as_role(team, "alice"), autocommit=True) as alice:
        assert alice.execute("SELECT current_user").fetchone() == ("alice",)
        assert alice.execute("SELECT code FROM debtors").fetchall() == [("A",)]
    with pytest.raises(psycopg.OperationalError, match="Peer authentication failed"):
        psycopg.connect(as_role(team, "bob"))  # not the role her login maps to
    with psycopg.connect(team) as owner:  # the fixtures' own line still lets them in
        assert owner.execute("SELECT count(*) FROM debtors").fetchone() == (2,)
    login("alice")
    store = open_database(as_role(team, "alice"), create=False)
    try:
        assert claim_next(store, collector="alice", now=NOW, config=SETTINGS) == "A"
    finally:
        store.close()


def test_every_table_of_the_schema_says_what_a_collector_may_do_with_it(team):
    from callcenter.store.postgres.roles import classified_tables

    with psycopg.connect(team) as owner:
        tables = {t for (t,) in owner.execute("SELECT tablename FROM pg_tables"
                                              " WHERE schemaname = current_schema()")}  # fmt: skip
    assert tables == classified_tables()
