"""Who may do what, said by the server: one role per person, GRANTs and row-level security.

Every person connects as their own role (``alice`` over the local socket with
peer authentication, or a password or certificate the DBA sets up), a member
of one of two group roles:

* ``callcenter_collector`` reads the debtors of their portfolio, the shared
  pool (no collector) and the campaigns they may work, and only those
  debtors' rows in the other tables; they add calls, promises, disputes,
  tasks and changes for those debtors, update what the workstation updates
  (claims and scores in the queue, a promise's or a task's status, a
  contact's wrong-number flag, a debtor's note and dunning step) and nothing
  else: no deleting, no changing a call, no reassigning a debtor, no users.
* ``callcenter_supervisor`` may do everything (import, assign, export,
  manage users).

A collector's role reads and writes only what their session needs of the
rest: their own agent states (the team's board is a supervisor's), their own
rows of the figure sum tables (``stats`` as a collector), the ``meta`` keys a
session reads (schema version, the day the queue was scored, the holidays
copy, the demo mark) and of those writes only the holidays copy; the daily
rescore of the whole team is a supervisor's upkeep (the service skips it for
a collector's role). They may flag do-not-call only on a contact of a debtor
they may work (a bare number may be anybody's, and lifting a flag is a
supervisor's decision); every flag is readable, since the dialler must see a
number's flag whoever set it. The figure sum tables are written only by their
triggers, which run as the tables' owner (``SECURITY DEFINER``). A debtor's
other rows are visible when the debtor is: their policy asks ``debtors``,
whose own policy applies inside it. The statements are idempotent;
:func:`statements_for` gives them for one person (``callcenter user add``
runs them, or prints them with ``--print-sql`` for a DBA to run).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from psycopg import sql

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore

COLLECTORS = "callcenter_collector"
SUPERVISORS = "callcenter_supervisor"
GROUP_OF = {"collector": COLLECTORS, "supervisor": SUPERVISORS}

#: The debtors a collector may work: theirs, the shared pool, and their campaigns'.
_MAY_WORK = (
    "coalesce(collector, '') IN ('', current_user) OR EXISTS (SELECT 1 FROM campaign_debtors cd"
    " WHERE cd.debtor_code = code AND (NOT EXISTS (SELECT 1 FROM campaign_collectors cc"
    " WHERE cc.campaign_id = cd.campaign_id) OR EXISTS (SELECT 1 FROM campaign_collectors cc"
    " WHERE cc.campaign_id = cd.campaign_id AND cc.collector = current_user)))"
)
_VISIBLE_DEBTOR = "debtor_code IN (SELECT code FROM debtors)"

#: Table -> what a collector may do beyond reading (rows of debtors they may work).
_COLLECTOR_WRITES: dict[str, tuple[str, ...]] = {
    "contacts": ("UPDATE",),
    "invoices": (),
    "payments": (),
    "calls": ("INSERT",),
    "promises": ("INSERT", "UPDATE"),
    "promise_changes": ("INSERT",),
    "disputes": ("INSERT", "UPDATE"),
    "dispute_invoices": ("INSERT",),
    "tasks": ("INSERT", "UPDATE"),
    "dossier_changes": ("INSERT",),
    "payment_claims": ("INSERT",),
    "queue_state": ("INSERT", "UPDATE"),
    "call_attempts": ("INSERT",),
    "call_events": ("INSERT",),
    "communications": ("INSERT",),  # a promise confirmed in writing, a statement sent
}
#: Tables a collector reads whole and never writes.
_COLLECTOR_READS = ("users", "campaigns", "campaign_collectors", "campaign_debtors", "imports")
#: The figure sum tables and the column naming whose totals a row holds: a collector reads
#: their own rows (``stats`` for themself); only the owner's triggers write them.
_FIGURE_TABLES = {
    "figure_invoices": "collector",
    "figure_payments": "collector",
    "figure_calls": "caller",
    "figure_promises": "collector",
    "figure_queue": "collector",
}
#: The ``meta`` keys a collector's session reads, and the ones it writes (the holidays copy
#: the first session of a year saves; the daily rescore's markers are a supervisor's).
_META_READ = "key IN ('schema_version', 'queue_scored_on', 'demo') OR key LIKE 'holidays:%'"
_META_WRITE = "key LIKE 'holidays:%'"
#: A do-not-call flag a collector may set: on a contact they see, never a bare number, never
#: lifted (flagged = 0); reading stays whole (the dialler checks any number's flag).
_DNC_WRITE = "flagged = 1 AND number = '' AND contact_id IN (SELECT id FROM contacts)"
_OWN_STATES = "collector = current_user"
#: Table -> (the rows a collector sees, the rows they may write, what they are granted), for
#: the tables whose rows are not a debtor's.
_OWN_ROWS: dict[str, tuple[str, str, str]] = {
    "meta": (_META_READ, _META_WRITE, "SELECT, INSERT, UPDATE"),  # the holidays copy is upserted
    "agent_states": (_OWN_STATES, _OWN_STATES, "SELECT, INSERT"),  # append-only
    "do_not_call": ("true", _DNC_WRITE, "SELECT, INSERT"),  # append-only
    **{
        table: (f"{column} = current_user", "false", "SELECT")
        for table, column in _FIGURE_TABLES.items()
    },
}
#: Debtor columns the workstation changes (never ``collector``: that is a reassignment).
_DEBTOR_COLUMNS = ("account_note", "dunning_step", "updated_at")
#: Trigger functions that write the sum tables: they run as the owner.
_FIGURE_FUNCTIONS = (
    "figure_owner(text)",
    "figure_invoices_change()",
    "figure_payments_change()",
    "figure_debtor_sums_move(text, text, text)",
    "figure_debtor_change()",
    "figure_calls_change()",
    "figure_promises_change()",
    "figure_queue_change()",
)
#: Table -> the rows of it a collector sees and writes (a debtor's rows are visible with it).
_DEBTOR_ROWS = {
    "debtors": _MAY_WORK,
    **{
        table: _VISIBLE_DEBTOR
        for table in _COLLECTOR_WRITES
        if table not in ("promise_changes", "dispute_invoices", "call_events")
    },
    "promise_changes": "promise_id IN (SELECT id FROM promises)",
    "dispute_invoices": "dispute_id IN (SELECT id FROM disputes)",
    "call_events": "attempt_id IN (SELECT id FROM call_attempts)",
}
#: Table -> the column naming who made a row a collector adds: only ever themself (a call, an
#: attempt, a promise are the collector's own; undoing one is a call of the one who undoes).
_OWN_NAME_ON_INSERT = {"calls": "collector", "call_attempts": "collector", "promises": "collector"}
#: Table -> (USING, WITH CHECK) of the collectors' policy.
_POLICIES: dict[str, tuple[str, str]] = {
    **{table: (rule, rule) for table, rule in _DEBTOR_ROWS.items()},
    **{table: (read, write) for table, (read, write, _) in _OWN_ROWS.items()},
}


#: Tables a collector's role gets nothing on (none yet).
_SUPERVISORS_ONLY: tuple[str, ...] = ()


def classified_tables() -> set[str]:
    """Every table this module decides a collector's rights on: a table a migration adds
    must be placed in one of the lists above (a test compares them with the schema), or a
    collector's workstation would meet "permission denied" on it."""
    return {
        "debtors",
        *_COLLECTOR_WRITES,
        *_COLLECTOR_READS,
        *_OWN_ROWS,
        *_SUPERVISORS_ONLY,
    }


def _group(name: str) -> str:
    return (
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "  # noqa: S608
        f"'{name}') THEN CREATE ROLE {name} NOLOGIN; END IF; END $$"  # (a constant of this module)
    )


def security_statements() -> list[str]:
    """The group roles, their privileges and the row policies (the same for everybody)."""
    # Every name formatted in below is a constant of this module (tables, columns, groups).
    both = f"{COLLECTORS}, {SUPERVISORS}"  # noqa: S608
    out = [_group(COLLECTORS), _group(SUPERVISORS)]
    out.append(f"GRANT USAGE ON SCHEMA public TO {both}")
    out.append(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {SUPERVISORS}")
    out.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {both}")  # noqa: S608
    out.append(f"GRANT SELECT ON debtors TO {COLLECTORS}")  # noqa: S608
    out.append(f"GRANT UPDATE ({', '.join(_DEBTOR_COLUMNS)}) ON debtors TO {COLLECTORS}")  # noqa: S608
    for table, writes in _COLLECTOR_WRITES.items():
        out.append(f"GRANT {', '.join(('SELECT', *writes))} ON {table} TO {COLLECTORS}")
    for table in _COLLECTOR_READS:
        out.append(f"GRANT SELECT ON {table} TO {COLLECTORS}")  # noqa: S608
    for table, (_, _, privileges) in _OWN_ROWS.items():
        out.append(f"REVOKE ALL ON {table} FROM {COLLECTORS}")  # what an older version granted
        out.append(f"GRANT {privileges} ON {table} TO {COLLECTORS}")  # noqa: S608
    for function in _FIGURE_FUNCTIONS:
        out.append(f"ALTER FUNCTION {function} SECURITY DEFINER SET search_path = public")
    for table, (using, check) in _POLICIES.items():
        out.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        out.append(f"DROP POLICY IF EXISTS callcenter_collectors ON {table}")
        out.append(
            f"CREATE POLICY callcenter_collectors ON {table} TO {COLLECTORS}"
            f" USING ({using}) WITH CHECK ({check})"
        )
        out.append(f"DROP POLICY IF EXISTS callcenter_supervisors ON {table}")
        out.append(
            f"CREATE POLICY callcenter_supervisors ON {table} TO {SUPERVISORS}"
            " USING (true) WITH CHECK (true)"
        )
    for table, column in _OWN_NAME_ON_INSERT.items():  # on top of the rule above, never instead
        out.append(f"DROP POLICY IF EXISTS callcenter_collectors_own_name ON {table}")
        out.append(
            f"CREATE POLICY callcenter_collectors_own_name ON {table} AS RESTRICTIVE"  # noqa: S608
            f" FOR INSERT TO {COLLECTORS} WITH CHECK ({column} = current_user)"  # (constants)
        )
    return out


def person_statements(conn, name: str, role: str) -> list[str]:
    """``name``'s own role (created when missing), in the group of ``role`` and not the other."""
    group, other = GROUP_OF[role], GROUP_OF["supervisor" if role == "collector" else "collector"]
    person = sql.Identifier(name).as_string(conn)
    literal = sql.Literal(name).as_string(conn)
    return [
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "  # noqa: S608
        f"{literal}) THEN CREATE ROLE {person} LOGIN; END IF; END $$",  # (quoted by psycopg)
        f"GRANT {group} TO {person}",
        f"REVOKE {other} FROM {person}",
    ]


def statements_for(store: PostgresStore, name: str, role: str) -> list[str]:
    """Everything that gives ``name`` the rights of ``role`` on this database."""
    return security_statements() + person_statements(store.conn, name, role)


def may_create_roles(store: PostgresStore) -> bool:
    """Whether the connected role may create roles and grant the groups."""
    row = store.conn.execute(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    return bool(row and row[0])


def connected_as_supervisor(store: PostgresStore) -> bool | None:
    """Whether the connected role is in the supervisors' group (a superuser is); None when the
    groups were never set up on this server (then the ``users`` table says, as on SQLite)."""
    row = store.conn.execute(
        "SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = %s",
        (SUPERVISORS,),
    ).fetchone()
    return None if row is None else bool(row[0])


def grant(store: PostgresStore, name: str, role: str) -> list[str]:
    """Run :func:`statements_for` (the connected role must own the tables and create roles)."""
    statements = statements_for(store, name, role)
    with store.transaction():
        for statement in statements:
            store.conn.execute(statement)
    return statements
