"""The PostgreSQL schema, as an ordered list of migrations mirroring the SQLite ones.

Migration N here brings a database to the same shape as SQLite's migration N
(``store/sqlite/schema.py``), so the two backends share version numbers and
``callcenter migrate`` can copy rows column for column. The version reached
is kept in ``meta`` (``schema_version``); each migration runs in its own
transaction under an advisory lock, so two processes opening a new database
together migrate it once.

What differs from SQLite, and why:

* Values keep SQLite's encodings (ISO text dates and instants in UTC, 0/1
  flags, JSON text), so every backend reads and writes the same values and a
  copy between them is exact; money and ids are ``bigint`` (a team's sums
  pass 2^31 cents).
* The figure sum tables hold *deltas*: each write appends the change it makes
  to a sum (one row per key touched) in the writer's own transaction, and the
  figures add the rows up (one per key after the daily rescore folds them). SQLite
  updates one row per key under its single write lock; on PostgreSQL many
  writers run at once, and updating shared sum rows (the unassigned debtors'
  queue counts, say) in whatever order each transaction meets them would
  deadlock two collectors. Appending never waits on anyone.
* Append-only logs and figure upkeep are PL/pgSQL trigger functions.
"""

from __future__ import annotations

#: A key every migrating process locks first (``pg_advisory_xact_lock``): "callcent".
MIGRATION_LOCK = 0x63616C6C63656E74

_FIGURE_TABLES = """
    -- Sums the supervisor's figures read instead of scanning the ledger, as deltas (see the
    -- module's docstring): a key's sum is the sum of its rows. ``collector`` is the debtor's
    -- collector ('' for none) for the ledger and the queue, the caller's for calls.
    CREATE TABLE figure_invoices (
        collector TEXT NOT NULL,
        issue_date TEXT NOT NULL,
        due_date TEXT NOT NULL,
        amount_cents BIGINT NOT NULL DEFAULT 0,
        open_cents BIGINT NOT NULL DEFAULT 0,
        open_lines BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX figure_invoices_key ON figure_invoices (collector, issue_date, due_date);
    CREATE INDEX figure_invoices_due ON figure_invoices (due_date);
    CREATE TABLE figure_payments (
        collector TEXT NOT NULL,
        paid_on TEXT NOT NULL,
        amount_cents BIGINT NOT NULL DEFAULT 0,
        payments BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX figure_payments_key ON figure_payments (paid_on, collector);
    CREATE TABLE figure_calls (
        hour TEXT NOT NULL,
        caller TEXT NOT NULL,
        calls BIGINT NOT NULL DEFAULT 0,
        right_party BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX figure_calls_key ON figure_calls (hour, caller);
    CREATE TABLE figure_promises (
        day TEXT NOT NULL,
        collector TEXT NOT NULL,
        promised_cents BIGINT NOT NULL DEFAULT 0,
        paid_cents BIGINT NOT NULL DEFAULT 0,
        promises BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX figure_promises_key ON figure_promises (day, collector);
    CREATE TABLE figure_queue (
        collector TEXT NOT NULL,
        state TEXT NOT NULL,
        debtors BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX figure_queue_key ON figure_queue (collector, state);
"""

_FIGURE_TRIGGERS = """
    -- The collector owning a debtor's ledger and queue row ('' for none or for a debtor
    -- being deleted: the cascade runs after its row is gone, as in SQLite).
    CREATE FUNCTION figure_owner(debtor TEXT) RETURNS TEXT
    LANGUAGE sql STABLE AS $$
        SELECT coalesce((SELECT collector FROM debtors WHERE code = debtor), '')
    $$;

    CREATE FUNCTION figure_invoices_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND OLD.debtor_code = NEW.debtor_code
            AND OLD.issue_date = NEW.issue_date AND OLD.due_date = NEW.due_date
            AND OLD.amount_cents = NEW.amount_cents AND OLD.open_cents = NEW.open_cents THEN
            RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            INSERT INTO figure_invoices VALUES (figure_owner(OLD.debtor_code), OLD.issue_date,
                OLD.due_date, -OLD.amount_cents, -OLD.open_cents, -(OLD.open_cents <> 0)::int);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            INSERT INTO figure_invoices VALUES (figure_owner(NEW.debtor_code), NEW.issue_date,
                NEW.due_date, NEW.amount_cents, NEW.open_cents, (NEW.open_cents <> 0)::int);
        END IF;
        RETURN NULL;
    END $$;
    CREATE TRIGGER figure_invoices_change
    AFTER INSERT OR DELETE OR UPDATE OF debtor_code, issue_date, due_date, amount_cents,
        open_cents ON invoices
    FOR EACH ROW EXECUTE FUNCTION figure_invoices_change();

    CREATE FUNCTION figure_payments_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND OLD.debtor_code = NEW.debtor_code
            AND OLD.paid_on = NEW.paid_on AND OLD.amount_cents = NEW.amount_cents THEN
            RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            INSERT INTO figure_payments VALUES (figure_owner(OLD.debtor_code), OLD.paid_on,
                -OLD.amount_cents, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            INSERT INTO figure_payments VALUES (figure_owner(NEW.debtor_code), NEW.paid_on,
                NEW.amount_cents, 1);
        END IF;
        RETURN NULL;
    END $$;
    CREATE TRIGGER figure_payments_change
    AFTER INSERT OR DELETE OR UPDATE OF debtor_code, paid_on, amount_cents ON payments
    FOR EACH ROW EXECUTE FUNCTION figure_payments_change();

    -- A debtor's sums move from one owner to another: it changes hands, or it is deleted
    -- (its sums go to '' first, where the cascaded deletes of its rows take them).
    CREATE FUNCTION figure_debtor_sums_move(debtor TEXT, from_owner TEXT, to_owner TEXT)
    RETURNS void LANGUAGE sql AS $$
        INSERT INTO figure_invoices
        SELECT o.owner, issue_date, due_date, o.sign * sum(amount_cents),
            o.sign * sum(open_cents), o.sign * sum((open_cents <> 0)::int)
        FROM invoices, (VALUES (from_owner, -1), (to_owner, 1)) AS o (owner, sign)
        WHERE debtor_code = debtor GROUP BY o.owner, o.sign, issue_date, due_date;
        INSERT INTO figure_payments
        SELECT o.owner, paid_on, o.sign * sum(amount_cents), o.sign * count(*)
        FROM payments, (VALUES (from_owner, -1), (to_owner, 1)) AS o (owner, sign)
        WHERE debtor_code = debtor GROUP BY o.owner, o.sign, paid_on;
        INSERT INTO figure_queue
        SELECT o.owner, state, o.sign
        FROM queue_state, (VALUES (from_owner, -1), (to_owner, 1)) AS o (owner, sign)
        WHERE debtor_code = debtor;
    $$;
    CREATE FUNCTION figure_debtor_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            PERFORM figure_debtor_sums_move(OLD.code, coalesce(OLD.collector, ''), '');
            RETURN OLD;
        END IF;
        PERFORM figure_debtor_sums_move(OLD.code, coalesce(OLD.collector, ''),
            coalesce(NEW.collector, ''));
        RETURN NULL;
    END $$;
    CREATE TRIGGER figure_debtor_moves AFTER UPDATE OF collector ON debtors
    FOR EACH ROW WHEN (OLD.collector IS DISTINCT FROM NEW.collector)
    EXECUTE FUNCTION figure_debtor_change();
    CREATE TRIGGER figure_debtor_leaves BEFORE DELETE ON debtors
    FOR EACH ROW WHEN (coalesce(OLD.collector, '') <> '')
    EXECUTE FUNCTION figure_debtor_change();

    -- Calls made: not skips, not undo entries, not calls some undo entry cancelled. BEFORE
    -- each row, not AFTER: an AFTER trigger of a many-row statement (a COPY) runs once the
    -- whole statement is in and would see a call's later undo already there.
    CREATE FUNCTION figure_calls_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.outcome NOT IN ('skip', 'undo')
            AND NOT EXISTS (SELECT 1 FROM calls WHERE undoes = NEW.id) THEN
            INSERT INTO figure_calls VALUES (substr(NEW.started_at, 1, 13), NEW.collector, 1,
                NEW.right_party);
        END IF;
        IF NEW.undoes IS NOT NULL THEN
            INSERT INTO figure_calls
            SELECT substr(started_at, 1, 13), collector, -1, -right_party FROM calls
            WHERE id = NEW.undoes AND outcome NOT IN ('skip', 'undo')
                AND NOT EXISTS (SELECT 1 FROM calls u WHERE u.undoes = NEW.undoes);
        END IF;
        RETURN NEW;
    END $$;
    CREATE TRIGGER figure_calls_change BEFORE INSERT ON calls
    FOR EACH ROW EXECUTE FUNCTION figure_calls_change();

    -- Promised vs collected: promises not cancelled, by the (UTC) day they were made.
    CREATE FUNCTION figure_promises_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'cancelled' THEN
            INSERT INTO figure_promises VALUES (substr(OLD.created_at, 1, 10), OLD.collector,
                -OLD.amount_cents, -OLD.paid_cents, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status <> 'cancelled' THEN
            INSERT INTO figure_promises VALUES (substr(NEW.created_at, 1, 10), NEW.collector,
                NEW.amount_cents, NEW.paid_cents, 1);
        END IF;
        RETURN NULL;
    END $$;
    CREATE TRIGGER figure_promises_insert_delete AFTER INSERT OR DELETE ON promises
    FOR EACH ROW EXECUTE FUNCTION figure_promises_change();
    CREATE TRIGGER figure_promises_update
    AFTER UPDATE OF created_at, collector, amount_cents, paid_cents, status ON promises
    FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at
        OR OLD.collector IS DISTINCT FROM NEW.collector
        OR OLD.amount_cents IS DISTINCT FROM NEW.amount_cents
        OR OLD.paid_cents IS DISTINCT FROM NEW.paid_cents
        OR (OLD.status = 'cancelled') IS DISTINCT FROM (NEW.status = 'cancelled'))
    EXECUTE FUNCTION figure_promises_change();

    -- The queue now: debtors per state and per collector ('' for none).
    CREATE FUNCTION figure_queue_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            INSERT INTO figure_queue VALUES (figure_owner(OLD.debtor_code), OLD.state, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            INSERT INTO figure_queue VALUES (figure_owner(NEW.debtor_code), NEW.state, 1);
        END IF;
        RETURN NULL;
    END $$;
    CREATE TRIGGER figure_queue_insert_delete AFTER INSERT OR DELETE ON queue_state
    FOR EACH ROW EXECUTE FUNCTION figure_queue_change();
    CREATE TRIGGER figure_queue_update AFTER UPDATE OF debtor_code, state ON queue_state
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state
        OR OLD.debtor_code IS DISTINCT FROM NEW.debtor_code)
    EXECUTE FUNCTION figure_queue_change();
"""

_APPEND_ONLY = """
    CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'the % log is append-only: record an undo entry instead', TG_ARGV[0]
            USING ERRCODE = 'restrict_violation';
    END $$;
    CREATE TRIGGER calls_append_only BEFORE UPDATE OR DELETE ON calls
    FOR EACH ROW EXECUTE FUNCTION refuse_change('call');
"""

MIGRATIONS: list[str] = [
    # 1: the whole first schema
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE users (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL DEFAULT 'collector' CHECK (role IN ('collector', 'supervisor')),
        display_name TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    CREATE TABLE debtors (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        segment TEXT NOT NULL DEFAULT 'standard',
        timezone TEXT NOT NULL DEFAULT 'Europe/Paris',
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed', 'litigation')),
        collector TEXT,
        credit_hold INTEGER NOT NULL DEFAULT 0 CHECK (credit_hold IN (0, 1)),
        payment_terms_days INTEGER CHECK (payment_terms_days BETWEEN 0 AND 365),
        dunning_step INTEGER NOT NULL DEFAULT 0 CHECK (dunning_step BETWEEN 0 AND 9),
        tags TEXT NOT NULL DEFAULT '',
        pending_orders_cents BIGINT NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX debtors_collector ON debtors (collector);
    CREATE INDEX debtors_name ON debtors (lower(name));
    CREATE INDEX debtors_code_collector ON debtors (code, collector);
    -- The claim asks which timezones exist (one probe per zone: queue.timezones).
    CREATE INDEX debtors_timezone ON debtors (timezone);
    CREATE TABLE contacts (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code) ON DELETE CASCADE,
        name TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'other'
            CHECK (role IN ('owner', 'accountant', 'purchasing', 'other')),
        phone TEXT NOT NULL DEFAULT '',
        phone2 TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        decision_maker INTEGER NOT NULL DEFAULT 0 CHECK (decision_maker IN (0, 1)),
        wrong_number INTEGER NOT NULL DEFAULT 0 CHECK (wrong_number IN (0, 1)),
        best_hours TEXT NOT NULL DEFAULT '',
        UNIQUE (debtor_code, name)
    );
    CREATE INDEX contacts_phone ON contacts (phone);
    CREATE TABLE invoices (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code) ON DELETE CASCADE,
        number TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note')),
        issue_date TEXT NOT NULL,
        due_date TEXT NOT NULL,
        amount_cents BIGINT NOT NULL,
        open_cents BIGINT NOT NULL,
        currency TEXT NOT NULL DEFAULT 'EUR',
        has_quote INTEGER NOT NULL DEFAULT 0,
        has_po INTEGER NOT NULL DEFAULT 0,
        has_delivery_note INTEGER NOT NULL DEFAULT 0,
        excluded INTEGER NOT NULL DEFAULT 0,
        lettering TEXT NOT NULL DEFAULT '',
        UNIQUE (debtor_code, number)
    );
    CREATE INDEX invoices_open ON invoices (debtor_code, due_date) WHERE open_cents <> 0;
    CREATE INDEX invoices_issue ON invoices (issue_date, due_date, amount_cents, debtor_code);
    CREATE INDEX invoices_aging ON invoices (due_date, open_cents, debtor_code)
        WHERE open_cents <> 0;
    CREATE TABLE payments (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code) ON DELETE CASCADE,
        reference TEXT NOT NULL,
        paid_on TEXT NOT NULL,
        amount_cents BIGINT NOT NULL,
        UNIQUE (debtor_code, reference)
    );
    CREATE INDEX payments_date ON payments (paid_on, amount_cents, debtor_code);
    CREATE TABLE campaigns (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        segment TEXT,
        min_overdue_cents BIGINT NOT NULL DEFAULT 0,
        aging_bucket TEXT,
        tag TEXT,
        dunning_step INTEGER,
        starts_on TEXT,
        ends_on TEXT,
        created_by TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    CREATE TABLE campaign_collectors (
        campaign_id BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        collector TEXT NOT NULL,
        PRIMARY KEY (campaign_id, collector)
    );
    CREATE TABLE campaign_debtors (
        campaign_id BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        debtor_code TEXT NOT NULL REFERENCES debtors (code) ON DELETE CASCADE,
        PRIMARY KEY (campaign_id, debtor_code)
    );
    CREATE INDEX campaign_debtors_debtor ON campaign_debtors (debtor_code);
    CREATE TABLE calls (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code),
        collector TEXT NOT NULL,
        started_at TEXT NOT NULL,
        contact_id BIGINT,
        outcome TEXT NOT NULL CHECK (outcome IN ('promise', 'no_answer', 'voicemail', 'busy',
            'callback', 'dispute', 'wrong_number', 'refused', 'already_paid', 'payment_plan',
            'skip', 'paid', 'undo')),
        note TEXT NOT NULL DEFAULT '',
        right_party INTEGER NOT NULL DEFAULT 0,
        undoes BIGINT REFERENCES calls (id),
        campaign_id BIGINT,
        callback_at TEXT,
        reason TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX calls_debtor ON calls (debtor_code, started_at);
    CREATE INDEX calls_undoes ON calls (undoes) WHERE undoes IS NOT NULL;
    CREATE INDEX calls_collector ON calls (collector, started_at);
    CREATE INDEX calls_started ON calls (started_at, outcome, right_party, collector, debtor_code);
    CREATE TABLE promises (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code) ON DELETE CASCADE,
        call_id BIGINT REFERENCES calls (id),
        plan_id BIGINT,
        collector TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        promised_on TEXT NOT NULL,
        amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
        paid_cents BIGINT NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'kept', 'partly_kept', 'broken', 'cancelled')),
        settled_at TEXT
    );
    CREATE INDEX promises_debtor ON promises (debtor_code, promised_on);
    CREATE INDEX promises_pending ON promises (promised_on) WHERE status = 'pending';
    CREATE INDEX promises_created ON promises
        (created_at, status, collector, amount_cents, paid_cents, debtor_code);
    CREATE INDEX promises_due ON promises
        (promised_on, status, collector, amount_cents, paid_cents, debtor_code);
    CREATE INDEX promises_settled ON promises (settled_at) WHERE settled_at IS NOT NULL;
    CREATE TABLE disputes (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code) ON DELETE CASCADE,
        call_id BIGINT REFERENCES calls (id),
        reason TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'cancelled')),
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL DEFAULT '',
        resolved_at TEXT
    );
    CREATE INDEX disputes_debtor ON disputes (debtor_code);
    CREATE TABLE dispute_invoices (
        dispute_id BIGINT NOT NULL REFERENCES disputes (id) ON DELETE CASCADE,
        invoice_id BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
        PRIMARY KEY (dispute_id, invoice_id)
    );
    CREATE INDEX dispute_invoices_invoice ON dispute_invoices (invoice_id);
    CREATE TABLE tasks (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code) ON DELETE CASCADE,
        call_id BIGINT REFERENCES calls (id),
        kind TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT '',
        done_at TEXT
    );
    CREATE TABLE queue_state (
        debtor_code TEXT PRIMARY KEY REFERENCES debtors (code) ON DELETE CASCADE,
        state TEXT NOT NULL DEFAULT 'due'
            CHECK (state IN ('due', 'callback', 'promise', 'dispute', 'hold', 'done')),
        score BIGINT NOT NULL DEFAULT 0,
        reasons TEXT NOT NULL DEFAULT '[]',
        overdue_cents BIGINT NOT NULL DEFAULT 0,
        oldest_days INTEGER NOT NULL DEFAULT 0,
        next_action_at TEXT,
        attempts_today INTEGER NOT NULL DEFAULT 0,
        attempts_on TEXT,
        last_call_at TEXT,
        last_contact_at TEXT,
        scored_at TEXT,
        claimed_by TEXT,
        claim_expires_at TEXT,
        claim_session TEXT
    );
    -- The claim walks this index best first and locks the first free row (SKIP LOCKED).
    CREATE INDEX queue_pick ON queue_state (score DESC, debtor_code)
        WHERE state IN ('due', 'callback');
    CREATE INDEX queue_state_state ON queue_state (state, next_action_at);
    CREATE INDEX queue_claims ON queue_state (claimed_by) WHERE claimed_by IS NOT NULL;
    CREATE INDEX queue_overdue ON queue_state (overdue_cents DESC);
    CREATE TABLE imports (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        kind TEXT NOT NULL,
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        lines INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '{}'
    );
    """
    + _FIGURE_TABLES
    + _FIGURE_TRIGGERS
    + _APPEND_ONLY,
    # 2: a promise's history (payments reach the ledger days late)
    """
    CREATE TABLE promise_changes (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        promise_id BIGINT NOT NULL REFERENCES promises (id) ON DELETE CASCADE,
        changed_at TEXT NOT NULL,
        old_status TEXT NOT NULL,
        new_status TEXT NOT NULL,
        old_paid_cents BIGINT NOT NULL,
        new_paid_cents BIGINT NOT NULL,
        import_id BIGINT REFERENCES imports (id)
    );
    CREATE INDEX promise_changes_promise ON promise_changes (promise_id, changed_at);
    """,
    # 3: the complete dossier and the dispute/task workflow (issue 10)
    """
    ALTER TABLE debtors ADD COLUMN credit_limit_cents BIGINT;
    ALTER TABLE debtors ADD COLUMN address TEXT NOT NULL DEFAULT '';
    ALTER TABLE debtors ADD COLUMN siren TEXT NOT NULL DEFAULT '';
    ALTER TABLE debtors ADD COLUMN account_note TEXT NOT NULL DEFAULT '';
    ALTER TABLE payments ADD COLUMN invoice_number TEXT NOT NULL DEFAULT '';
    ALTER TABLE disputes ADD COLUMN resolution TEXT
        CHECK (resolution IS NULL OR resolution IN ('credit_note', 'rejected'));
    ALTER TABLE disputes ADD COLUMN resolved_by TEXT NOT NULL DEFAULT '';
    CREATE INDEX disputes_status ON disputes (status, opened_at);
    ALTER TABLE tasks ADD COLUMN due_on TEXT;
    ALTER TABLE tasks ADD COLUMN done_by TEXT NOT NULL DEFAULT '';
    CREATE INDEX tasks_debtor ON tasks (debtor_code, done_at);
    CREATE INDEX tasks_open ON tasks (created_by, due_on) WHERE done_at IS NULL;
    CREATE TABLE dossier_changes (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code),
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('dispute_resolved', 'dispute_rejected',
            'dispute_cancelled', 'task_done', 'account_note', 'undo')),
        target_id BIGINT,
        detail TEXT NOT NULL DEFAULT '',
        before TEXT NOT NULL DEFAULT '{}',
        undoes BIGINT REFERENCES dossier_changes (id)
    );
    CREATE INDEX dossier_changes_debtor ON dossier_changes (debtor_code, at);
    CREATE INDEX dossier_changes_undoes ON dossier_changes (undoes) WHERE undoes IS NOT NULL;
    CREATE TRIGGER dossier_changes_append_only BEFORE UPDATE OR DELETE ON dossier_changes
    FOR EACH ROW EXECUTE FUNCTION refuse_change('change');
    """,
    # 4: an invoice from a FEC remembers its entry
    """
    ALTER TABLE invoices ADD COLUMN entry TEXT NOT NULL DEFAULT '';
    CREATE INDEX invoices_entry ON invoices (debtor_code, entry) WHERE entry <> '';
    """,
    # 5: who typed a call logged for someone else ("by X for Y": X here, Y in collector)
    """
    ALTER TABLE calls ADD COLUMN entered_by TEXT;
    """,
    # 6: what a debtor who says "already paid" said it paid
    """
    CREATE TABLE payment_claims (
        call_id BIGINT PRIMARY KEY REFERENCES calls (id),
        debtor_code TEXT NOT NULL REFERENCES debtors (code) ON DELETE CASCADE,
        paid_on TEXT NOT NULL,
        amount_cents BIGINT CHECK (amount_cents > 0),
        means TEXT NOT NULL DEFAULT '',
        reference TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX payment_claims_debtor ON payment_claims (debtor_code);
    """,
    # 7: dialling (issue 15): call attempts and their events, collectors' states,
    # do-not-call flags, all append-only (the SQLite migration 7's twin)
    """
    CREATE TABLE call_attempts (
        id TEXT PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code),
        contact_id BIGINT,
        number TEXT NOT NULL,
        collector TEXT NOT NULL,
        dialer TEXT NOT NULL CHECK (dialer IN ('tel', 'command', 'sip')),
        created_at TEXT NOT NULL
    );
    CREATE INDEX call_attempts_number ON call_attempts (number, created_at);
    CREATE INDEX call_attempts_collector ON call_attempts (collector, created_at);
    CREATE TABLE call_events (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        attempt_id TEXT NOT NULL REFERENCES call_attempts (id),
        event TEXT NOT NULL
            CHECK (event IN ('dialled', 'ringing', 'answered', 'ended', 'outcome')),
        at TEXT NOT NULL,
        cause TEXT NOT NULL DEFAULT '',
        call_id BIGINT REFERENCES calls (id),
        UNIQUE (attempt_id, event)
    );
    CREATE INDEX call_events_call ON call_events (call_id) WHERE call_id IS NOT NULL;
    CREATE TABLE agent_states (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        collector TEXT NOT NULL,
        at TEXT NOT NULL,
        state TEXT NOT NULL
            CHECK (state IN ('ready', 'dialling', 'on_call', 'wrap_up', 'paused', 'off')),
        reason TEXT NOT NULL DEFAULT '',
        attempt_id TEXT,
        debtor_code TEXT
    );
    CREATE INDEX agent_states_collector ON agent_states (collector, at);
    CREATE INDEX agent_states_at ON agent_states (at, collector);
    CREATE TABLE do_not_call (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        number TEXT NOT NULL DEFAULT '',
        contact_id BIGINT,
        flagged INTEGER NOT NULL CHECK (flagged IN (0, 1)),
        set_by TEXT NOT NULL,
        set_at TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        CHECK (number <> '' OR contact_id IS NOT NULL)
    );
    CREATE INDEX do_not_call_number ON do_not_call (number, id);
    CREATE INDEX do_not_call_contact ON do_not_call (contact_id, id);
    CREATE TRIGGER call_attempts_append_only BEFORE UPDATE OR DELETE ON call_attempts
    FOR EACH ROW EXECUTE FUNCTION refuse_change('call');
    CREATE TRIGGER call_events_append_only BEFORE UPDATE OR DELETE ON call_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change('call');
    CREATE TRIGGER agent_states_append_only BEFORE UPDATE OR DELETE ON agent_states
    FOR EACH ROW EXECUTE FUNCTION refuse_change('state');
    CREATE TRIGGER do_not_call_append_only BEFORE UPDATE OR DELETE ON do_not_call
    FOR EACH ROW EXECUTE FUNCTION refuse_change('do-not-call');
    """,
    # 8: a password for the browser (callcenter serve), its argon2 hash (SQLite's 8th twin)
    """
    ALTER TABLE users ADD COLUMN password_hash TEXT;
    ALTER TABLE users ADD COLUMN password_set_at TEXT;
    """,
    # 9: a deliberate move on the dunning ladder is a change like the others
    """
    ALTER TABLE dossier_changes DROP CONSTRAINT dossier_changes_action_check;
    ALTER TABLE dossier_changes ADD CONSTRAINT dossier_changes_action_check
        CHECK (action IN ('dispute_resolved', 'dispute_rejected', 'dispute_cancelled',
            'task_done', 'account_note', 'dunning_step', 'undo'));
    """,
    # 10: who a callback is for: its owner, or NULL for anyone (SQLite's 10th twin)
    """
    ALTER TABLE calls ADD COLUMN callback_owner TEXT;
    ALTER TABLE queue_state ADD COLUMN callback_owner TEXT;
    """,
    # 11: the communications log (issue 14), append-only, one delivered entry per send key
    """
    CREATE TABLE communications (
        id BIGSERIAL PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        scenario TEXT NOT NULL DEFAULT '',
        step TEXT NOT NULL,
        channel TEXT NOT NULL,
        recipients TEXT NOT NULL DEFAULT '',
        subject TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        attachments TEXT NOT NULL DEFAULT '',
        invoices TEXT NOT NULL DEFAULT '',
        message_id TEXT NOT NULL DEFAULT '',
        result TEXT NOT NULL
            CHECK (result IN ('sent', 'written', 'failed', 'refused', 'awaiting_approval')),
        send_key TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX communications_debtor ON communications (debtor_code, at);
    CREATE INDEX communications_at ON communications (at);
    CREATE UNIQUE INDEX communications_once ON communications (send_key)
        WHERE result IN ('sent', 'written');
    CREATE TRIGGER communications_append_only BEFORE UPDATE OR DELETE ON communications
    FOR EACH ROW EXECUTE FUNCTION refuse_change('communications');
    ALTER TABLE contacts ADD COLUMN email_doubtful TEXT NOT NULL DEFAULT '';
    """,
    # 12: the last week's attempts read by time, for the caps the queue honours (twin)
    """
    CREATE INDEX call_attempts_at ON call_attempts (created_at, debtor_code, number);
    """,
    # 13: steps awaiting a person's approval, logged once per send key by remind: the
    # dashboard counts those never delivered since, without reading the whole log.
    """
    CREATE INDEX communications_awaiting ON communications (send_key)
        WHERE result = 'awaiting_approval';
    """,
    # 14: the queue knows each debtor's portfolio (SQLite's 14th twin): debtors.collector,
    # '' for none, set before a queue row is written and when a debtor changes hands.
    """
    ALTER TABLE queue_state ADD COLUMN portfolio TEXT NOT NULL DEFAULT '';
    UPDATE queue_state q SET portfolio = coalesce(d.collector, '')
        FROM debtors d WHERE d.code = q.debtor_code;
    CREATE INDEX queue_portfolio ON queue_state (portfolio, score DESC, debtor_code,
        next_action_at) WHERE state IN ('due', 'callback');
    CREATE FUNCTION queue_portfolio_of() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.portfolio := coalesce(
            (SELECT collector FROM debtors WHERE code = NEW.debtor_code), '');
        RETURN NEW;
    END $$;
    CREATE TRIGGER queue_portfolio_write BEFORE INSERT OR UPDATE OF debtor_code
        ON queue_state FOR EACH ROW EXECUTE FUNCTION queue_portfolio_of();
    CREATE FUNCTION queue_portfolio_moves() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE queue_state SET portfolio = coalesce(NEW.collector, '')
        WHERE debtor_code = NEW.code;
        RETURN NULL;
    END $$;
    CREATE TRIGGER queue_portfolio_moves AFTER UPDATE OF collector ON debtors
        FOR EACH ROW WHEN (coalesce(OLD.collector, '') IS DISTINCT FROM
            coalesce(NEW.collector, ''))
        EXECUTE FUNCTION queue_portfolio_moves();
    """,
    # 15: ``state`` at the end of ``queue_portfolio`` (SQLite's 15th twin, where it makes
    # the count of a collector's queue read the index alone); same leading columns.
    """
    DROP INDEX queue_portfolio;
    CREATE INDEX queue_portfolio ON queue_state (portfolio, score DESC, debtor_code,
        next_action_at, state) WHERE state IN ('due', 'callback');
    """,
    # 16: the queue knows each debtor's time zone (SQLite's 16th twin), copied with the
    # portfolio before a queue row is written and followed when the debtor's changes: the
    # claim tests calling hours on the row it locks, without joining the debtor.
    """
    ALTER TABLE queue_state ADD COLUMN timezone TEXT NOT NULL DEFAULT 'Europe/Paris';
    UPDATE queue_state q SET timezone = d.timezone
        FROM debtors d WHERE d.code = q.debtor_code;
    DROP TRIGGER queue_portfolio_write ON queue_state;
    DROP FUNCTION queue_portfolio_of();
    CREATE FUNCTION queue_debtor_copies() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        SELECT coalesce(d.collector, ''), d.timezone INTO NEW.portfolio, NEW.timezone
            FROM debtors d WHERE d.code = NEW.debtor_code;
        NEW.portfolio := coalesce(NEW.portfolio, '');
        NEW.timezone := coalesce(NEW.timezone, 'Europe/Paris');
        RETURN NEW;
    END $$;
    CREATE TRIGGER queue_debtor_copies BEFORE INSERT OR UPDATE OF debtor_code
        ON queue_state FOR EACH ROW EXECUTE FUNCTION queue_debtor_copies();
    CREATE FUNCTION queue_timezone_moves() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE queue_state SET timezone = NEW.timezone WHERE debtor_code = NEW.code;
        RETURN NULL;
    END $$;
    CREATE TRIGGER queue_timezone_moves AFTER UPDATE OF timezone ON debtors
        FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone)
        EXECUTE FUNCTION queue_timezone_moves();
    """,
    # 17: SQLite's 17th marks a file whose claims file counts releases; PostgreSQL claims
    # with row locks and has no such file. Nothing to change: the number keeps the two
    # backends' versions in step (a copy from SQLite brings the mark along in ``meta``).
    """
    SELECT 1;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
