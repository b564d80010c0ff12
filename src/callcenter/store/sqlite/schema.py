"""The SQLite schema, as an ordered list of migrations.

Each migration is applied once, in its own transaction, and the version
reached is recorded both in ``PRAGMA user_version`` (cheap to read at start)
and in the ``meta`` table (visible to anyone browsing the file). Conventions
users rely on when they open the file with sqlite-utils or Datasette:

* money columns end in ``_cents`` and hold integers;
* ``*_on`` / ``*_date`` columns are ISO dates (``2026-12-15``);
* ``*_at`` columns are instants in UTC, ISO 8601 with offset
  (``2026-12-15T09:30:00+00:00``), so text order is time order;
* the ``calls`` table is append-only (triggers refuse UPDATE and DELETE).
"""

from __future__ import annotations

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
        pending_orders_cents INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX debtors_collector ON debtors (collector);
    CREATE INDEX debtors_name ON debtors (name COLLATE NOCASE);
    CREATE INDEX debtors_code_collector ON debtors (code, collector);
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
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
        id INTEGER PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code) ON DELETE CASCADE,
        number TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note')),
        issue_date TEXT NOT NULL,
        due_date TEXT NOT NULL,
        amount_cents INTEGER NOT NULL,
        open_cents INTEGER NOT NULL,
        currency TEXT NOT NULL DEFAULT 'EUR',
        has_quote INTEGER NOT NULL DEFAULT 0,
        has_po INTEGER NOT NULL DEFAULT 0,
        has_delivery_note INTEGER NOT NULL DEFAULT 0,
        excluded INTEGER NOT NULL DEFAULT 0,
        lettering TEXT NOT NULL DEFAULT '',
        UNIQUE (debtor_code, number)
    );
    CREATE INDEX invoices_open ON invoices (debtor_code, due_date) WHERE open_cents <> 0;
    -- Covering indexes let the supervisor's figures sum a range without reading rows.
    CREATE INDEX invoices_issue ON invoices (issue_date, due_date, amount_cents, debtor_code);
    CREATE INDEX invoices_aging ON invoices (due_date, open_cents, debtor_code)
        WHERE open_cents <> 0;
    CREATE TABLE payments (
        id INTEGER PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code) ON DELETE CASCADE,
        reference TEXT NOT NULL,
        paid_on TEXT NOT NULL,
        amount_cents INTEGER NOT NULL,
        UNIQUE (debtor_code, reference)
    );
    CREATE INDEX payments_date ON payments (paid_on, amount_cents, debtor_code);
    CREATE TABLE campaigns (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        segment TEXT,
        min_overdue_cents INTEGER NOT NULL DEFAULT 0,
        aging_bucket TEXT,
        tag TEXT,
        dunning_step INTEGER,
        starts_on TEXT,
        ends_on TEXT,
        created_by TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    CREATE TABLE campaign_collectors (
        campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        collector TEXT NOT NULL,
        PRIMARY KEY (campaign_id, collector)
    );
    CREATE TABLE campaign_debtors (
        campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        debtor_code TEXT NOT NULL REFERENCES debtors (code) ON DELETE CASCADE,
        PRIMARY KEY (campaign_id, debtor_code)
    ) WITHOUT ROWID;
    -- Promised vs collected per campaign starts from the period's rows and asks this.
    CREATE INDEX campaign_debtors_debtor ON campaign_debtors (debtor_code);
    CREATE TABLE calls (
        id INTEGER PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code),
        collector TEXT NOT NULL,
        started_at TEXT NOT NULL,
        contact_id INTEGER,
        outcome TEXT NOT NULL CHECK (outcome IN ('promise', 'no_answer', 'voicemail', 'busy',
            'callback', 'dispute', 'wrong_number', 'refused', 'already_paid', 'payment_plan',
            'skip', 'paid', 'undo')),
        note TEXT NOT NULL DEFAULT '',
        right_party INTEGER NOT NULL DEFAULT 0,
        undoes INTEGER REFERENCES calls (id),
        campaign_id INTEGER,
        callback_at TEXT,
        reason TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX calls_debtor ON calls (debtor_code, started_at);
    CREATE INDEX calls_undoes ON calls (undoes) WHERE undoes IS NOT NULL;
    CREATE INDEX calls_collector ON calls (collector, started_at);
    CREATE INDEX calls_started ON calls (started_at, outcome, right_party, collector, debtor_code);
    CREATE TRIGGER calls_no_update BEFORE UPDATE ON calls
    BEGIN SELECT RAISE(ABORT, 'the call log is append-only: record an undo entry instead'); END;
    CREATE TRIGGER calls_no_delete BEFORE DELETE ON calls
    BEGIN SELECT RAISE(ABORT, 'the call log is append-only: record an undo entry instead'); END;
    CREATE TABLE promises (
        id INTEGER PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code) ON DELETE CASCADE,
        call_id INTEGER REFERENCES calls (id),
        plan_id INTEGER,
        collector TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        promised_on TEXT NOT NULL,
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        paid_cents INTEGER NOT NULL DEFAULT 0,
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
        id INTEGER PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code) ON DELETE CASCADE,
        call_id INTEGER REFERENCES calls (id),
        reason TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'cancelled')),
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL DEFAULT '',
        resolved_at TEXT
    );
    CREATE INDEX disputes_debtor ON disputes (debtor_code);
    CREATE TABLE dispute_invoices (
        dispute_id INTEGER NOT NULL REFERENCES disputes (id) ON DELETE CASCADE,
        invoice_id INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
        PRIMARY KEY (dispute_id, invoice_id)
    ) WITHOUT ROWID;
    CREATE INDEX dispute_invoices_invoice ON dispute_invoices (invoice_id);
    CREATE TABLE tasks (
        id INTEGER PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code) ON DELETE CASCADE,
        call_id INTEGER REFERENCES calls (id),
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
        score INTEGER NOT NULL DEFAULT 0,
        reasons TEXT NOT NULL DEFAULT '[]',
        overdue_cents INTEGER NOT NULL DEFAULT 0,
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
    ) WITHOUT ROWID;
    CREATE INDEX queue_pick ON queue_state (score DESC) WHERE state IN ('due', 'callback');
    CREATE INDEX queue_state_state ON queue_state (state, next_action_at);
    CREATE INDEX queue_claims ON queue_state (claimed_by) WHERE claimed_by IS NOT NULL;
    CREATE INDEX queue_overdue ON queue_state (overdue_cents DESC);
    CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        lines INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '{}'
    );
    -- Sums the supervisor's figures read instead of scanning the ledger. Triggers keep
    -- them exact in the writer's own transaction, whoever writes; ``collector`` is the
    -- debtor's collector ('' for none) for the ledger, the caller's for calls.
    CREATE TABLE figure_invoices (
        collector TEXT NOT NULL,
        issue_date TEXT NOT NULL,
        due_date TEXT NOT NULL,
        amount_cents INTEGER NOT NULL DEFAULT 0,
        open_cents INTEGER NOT NULL DEFAULT 0,
        open_lines INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (collector, issue_date, due_date)
    ) WITHOUT ROWID;
    CREATE TABLE figure_payments (
        collector TEXT NOT NULL,
        paid_on TEXT NOT NULL,
        amount_cents INTEGER NOT NULL DEFAULT 0,
        payments INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (paid_on, collector)
    ) WITHOUT ROWID;
    CREATE TABLE figure_calls (
        hour TEXT NOT NULL,
        caller TEXT NOT NULL,
        calls INTEGER NOT NULL DEFAULT 0,
        right_party INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (hour, caller)
    ) WITHOUT ROWID;
    CREATE TABLE figure_promises (
        day TEXT NOT NULL,
        collector TEXT NOT NULL,
        promised_cents INTEGER NOT NULL DEFAULT 0,
        paid_cents INTEGER NOT NULL DEFAULT 0,
        promises INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, collector)
    ) WITHOUT ROWID;
    CREATE TABLE figure_queue (
        collector TEXT NOT NULL,
        state TEXT NOT NULL,
        debtors INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (collector, state)
    ) WITHOUT ROWID;
    CREATE TRIGGER figure_invoices_insert AFTER INSERT ON invoices BEGIN
        INSERT INTO figure_invoices VALUES (
            coalesce((SELECT collector FROM debtors WHERE code = NEW.debtor_code), ''),
            NEW.issue_date, NEW.due_date, NEW.amount_cents, NEW.open_cents, NEW.open_cents <> 0)
        ON CONFLICT (collector, issue_date, due_date) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            open_cents = open_cents + excluded.open_cents,
            open_lines = open_lines + excluded.open_lines;
    END;
    CREATE TRIGGER figure_invoices_delete AFTER DELETE ON invoices BEGIN
        INSERT INTO figure_invoices VALUES (
            coalesce((SELECT collector FROM debtors WHERE code = OLD.debtor_code), ''),
            OLD.issue_date, OLD.due_date, -OLD.amount_cents, -OLD.open_cents,
            -(OLD.open_cents <> 0))
        ON CONFLICT (collector, issue_date, due_date) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            open_cents = open_cents + excluded.open_cents,
            open_lines = open_lines + excluded.open_lines;
    END;
    CREATE TRIGGER figure_invoices_update
    AFTER UPDATE OF debtor_code, issue_date, due_date, amount_cents, open_cents ON invoices
    WHEN OLD.debtor_code IS NOT NEW.debtor_code OR OLD.issue_date IS NOT NEW.issue_date
        OR OLD.due_date IS NOT NEW.due_date OR OLD.amount_cents IS NOT NEW.amount_cents
        OR OLD.open_cents IS NOT NEW.open_cents
    BEGIN
        INSERT INTO figure_invoices VALUES (
            coalesce((SELECT collector FROM debtors WHERE code = OLD.debtor_code), ''),
            OLD.issue_date, OLD.due_date, -OLD.amount_cents, -OLD.open_cents,
            -(OLD.open_cents <> 0))
        ON CONFLICT (collector, issue_date, due_date) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            open_cents = open_cents + excluded.open_cents,
            open_lines = open_lines + excluded.open_lines;
        INSERT INTO figure_invoices VALUES (
            coalesce((SELECT collector FROM debtors WHERE code = NEW.debtor_code), ''),
            NEW.issue_date, NEW.due_date, NEW.amount_cents, NEW.open_cents, NEW.open_cents <> 0)
        ON CONFLICT (collector, issue_date, due_date) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            open_cents = open_cents + excluded.open_cents,
            open_lines = open_lines + excluded.open_lines;
    END;
    CREATE TRIGGER figure_payments_insert AFTER INSERT ON payments BEGIN
        INSERT INTO figure_payments VALUES (
            coalesce((SELECT collector FROM debtors WHERE code = NEW.debtor_code), ''),
            NEW.paid_on, NEW.amount_cents, 1)
        ON CONFLICT (paid_on, collector) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            payments = payments + excluded.payments;
    END;
    CREATE TRIGGER figure_payments_delete AFTER DELETE ON payments BEGIN
        INSERT INTO figure_payments VALUES (
            coalesce((SELECT collector FROM debtors WHERE code = OLD.debtor_code), ''),
            OLD.paid_on, -OLD.amount_cents, -1)
        ON CONFLICT (paid_on, collector) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            payments = payments + excluded.payments;
    END;
    CREATE TRIGGER figure_payments_update
    AFTER UPDATE OF debtor_code, paid_on, amount_cents ON payments
    WHEN OLD.debtor_code IS NOT NEW.debtor_code OR OLD.paid_on IS NOT NEW.paid_on
        OR OLD.amount_cents IS NOT NEW.amount_cents
    BEGIN
        INSERT INTO figure_payments VALUES (
            coalesce((SELECT collector FROM debtors WHERE code = OLD.debtor_code), ''),
            OLD.paid_on, -OLD.amount_cents, -1)
        ON CONFLICT (paid_on, collector) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            payments = payments + excluded.payments;
        INSERT INTO figure_payments VALUES (
            coalesce((SELECT collector FROM debtors WHERE code = NEW.debtor_code), ''),
            NEW.paid_on, NEW.amount_cents, 1)
        ON CONFLICT (paid_on, collector) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            payments = payments + excluded.payments;
    END;
    -- A debtor's invoices and payments, as the debtor triggers below read them (through
    -- the unique (debtor_code, ...) indexes, which bulk loaders never drop).
    CREATE VIEW figure_invoice_lines AS
        SELECT debtor_code, issue_date, due_date, amount_cents, open_cents FROM invoices;
    CREATE VIEW figure_payment_lines AS SELECT debtor_code, paid_on, amount_cents FROM payments;
    -- A debtor changing hands moves its sums; a deleted one leaves them to '' first,
    -- where the cascaded deletes of its invoices and payments (no debtor left) take them.
    CREATE TRIGGER figure_debtor_moves AFTER UPDATE OF collector ON debtors
    WHEN OLD.collector IS NOT NEW.collector
    BEGIN
        INSERT INTO figure_invoices
        SELECT coalesce(OLD.collector, ''), issue_date, due_date, -sum(amount_cents),
            -sum(open_cents), -sum(open_cents <> 0)
        FROM figure_invoice_lines WHERE debtor_code = OLD.code GROUP BY issue_date, due_date
        ON CONFLICT (collector, issue_date, due_date) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            open_cents = open_cents + excluded.open_cents,
            open_lines = open_lines + excluded.open_lines;
        INSERT INTO figure_invoices
        SELECT coalesce(NEW.collector, ''), issue_date, due_date, sum(amount_cents),
            sum(open_cents), sum(open_cents <> 0)
        FROM figure_invoice_lines WHERE debtor_code = OLD.code GROUP BY issue_date, due_date
        ON CONFLICT (collector, issue_date, due_date) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            open_cents = open_cents + excluded.open_cents,
            open_lines = open_lines + excluded.open_lines;
        INSERT INTO figure_payments
        SELECT coalesce(OLD.collector, ''), paid_on, -sum(amount_cents), -count(*)
        FROM figure_payment_lines WHERE debtor_code = OLD.code GROUP BY paid_on
        ON CONFLICT (paid_on, collector) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            payments = payments + excluded.payments;
        INSERT INTO figure_payments
        SELECT coalesce(NEW.collector, ''), paid_on, sum(amount_cents), count(*)
        FROM figure_payment_lines WHERE debtor_code = OLD.code GROUP BY paid_on
        ON CONFLICT (paid_on, collector) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            payments = payments + excluded.payments;
        INSERT INTO figure_queue
        SELECT coalesce(OLD.collector, ''), state, -1 FROM queue_state WHERE debtor_code = OLD.code
        ON CONFLICT (collector, state) DO UPDATE SET debtors = debtors + excluded.debtors;
        INSERT INTO figure_queue
        SELECT coalesce(NEW.collector, ''), state, 1 FROM queue_state WHERE debtor_code = OLD.code
        ON CONFLICT (collector, state) DO UPDATE SET debtors = debtors + excluded.debtors;
    END;
    CREATE TRIGGER figure_debtor_leaves BEFORE DELETE ON debtors
    WHEN OLD.collector IS NOT NULL
    BEGIN
        INSERT INTO figure_invoices
        SELECT coalesce(OLD.collector, ''), issue_date, due_date, -sum(amount_cents),
            -sum(open_cents), -sum(open_cents <> 0)
        FROM figure_invoice_lines WHERE debtor_code = OLD.code GROUP BY issue_date, due_date
        ON CONFLICT (collector, issue_date, due_date) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            open_cents = open_cents + excluded.open_cents,
            open_lines = open_lines + excluded.open_lines;
        INSERT INTO figure_invoices
        SELECT '', issue_date, due_date, sum(amount_cents),
            sum(open_cents), sum(open_cents <> 0)
        FROM figure_invoice_lines WHERE debtor_code = OLD.code GROUP BY issue_date, due_date
        ON CONFLICT (collector, issue_date, due_date) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            open_cents = open_cents + excluded.open_cents,
            open_lines = open_lines + excluded.open_lines;
        INSERT INTO figure_payments
        SELECT coalesce(OLD.collector, ''), paid_on, -sum(amount_cents), -count(*)
        FROM figure_payment_lines WHERE debtor_code = OLD.code GROUP BY paid_on
        ON CONFLICT (paid_on, collector) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            payments = payments + excluded.payments;
        INSERT INTO figure_payments
        SELECT '', paid_on, sum(amount_cents), count(*)
        FROM figure_payment_lines WHERE debtor_code = OLD.code GROUP BY paid_on
        ON CONFLICT (paid_on, collector) DO UPDATE SET
            amount_cents = amount_cents + excluded.amount_cents,
            payments = payments + excluded.payments;
        INSERT INTO figure_queue
        SELECT coalesce(OLD.collector, ''), state, -1 FROM queue_state WHERE debtor_code = OLD.code
        ON CONFLICT (collector, state) DO UPDATE SET debtors = debtors + excluded.debtors;
        INSERT INTO figure_queue
        SELECT '', state, 1 FROM queue_state WHERE debtor_code = OLD.code
        ON CONFLICT (collector, state) DO UPDATE SET debtors = debtors + excluded.debtors;
    END;
    -- Calls made: not skips, not undo entries, not calls some undo entry cancelled.
    -- Each trigger reads calls by id or through calls_undoes only, and names no
    -- other indexed column after reading it (bulk loaders keep what triggers name).
    CREATE TRIGGER figure_calls_insert AFTER INSERT ON calls
    WHEN NEW.outcome NOT IN ('skip', 'undo')
    BEGIN
        INSERT INTO figure_calls (hour, caller, calls, right_party)
        SELECT substr(NEW.started_at, 1, 13), NEW.collector, 1, NEW.right_party
        WHERE NOT EXISTS (SELECT 1 FROM calls WHERE undoes = NEW.id)
        ON CONFLICT (hour, caller) DO UPDATE SET
            calls = calls + excluded.calls, right_party = right_party + excluded.right_party;
    END;
    CREATE TRIGGER figure_calls_undo AFTER INSERT ON calls
    WHEN NEW.undoes IS NOT NULL
    BEGIN
        INSERT INTO figure_calls (hour, caller, calls, right_party)
        SELECT substr(started_at, 1, 13), collector, -1, -right_party FROM calls
        WHERE id = NEW.undoes AND outcome NOT IN ('skip', 'undo')
            AND NOT EXISTS (SELECT 1 FROM calls u WHERE u.undoes = NEW.undoes AND u.id <> NEW.id)
        ON CONFLICT (hour, caller) DO UPDATE SET
            calls = calls + excluded.calls, right_party = right_party + excluded.right_party;
    END;
    -- Promised vs collected: promises not cancelled, by the (UTC) day they were made.
    CREATE TRIGGER figure_promises_insert AFTER INSERT ON promises
    WHEN NEW.status <> 'cancelled'
    BEGIN
        INSERT INTO figure_promises VALUES (
            substr(NEW.created_at, 1, 10), NEW.collector, NEW.amount_cents, NEW.paid_cents, 1)
        ON CONFLICT (day, collector) DO UPDATE SET
            promised_cents = promised_cents + excluded.promised_cents,
            paid_cents = paid_cents + excluded.paid_cents,
            promises = promises + excluded.promises;
    END;
    CREATE TRIGGER figure_promises_delete AFTER DELETE ON promises
    WHEN OLD.status <> 'cancelled'
    BEGIN
        INSERT INTO figure_promises VALUES (
            substr(OLD.created_at, 1, 10), OLD.collector, -OLD.amount_cents, -OLD.paid_cents, -1)
        ON CONFLICT (day, collector) DO UPDATE SET
            promised_cents = promised_cents + excluded.promised_cents,
            paid_cents = paid_cents + excluded.paid_cents,
            promises = promises + excluded.promises;
    END;
    CREATE TRIGGER figure_promises_update
    AFTER UPDATE OF created_at, collector, amount_cents, paid_cents, status ON promises
    WHEN OLD.created_at IS NOT NEW.created_at OR OLD.collector IS NOT NEW.collector
        OR OLD.amount_cents IS NOT NEW.amount_cents OR OLD.paid_cents IS NOT NEW.paid_cents
        OR (OLD.status = 'cancelled') IS NOT (NEW.status = 'cancelled')
    BEGIN
        INSERT INTO figure_promises
        SELECT substr(OLD.created_at, 1, 10), OLD.collector, -OLD.amount_cents, -OLD.paid_cents, -1
        WHERE OLD.status <> 'cancelled'
        ON CONFLICT (day, collector) DO UPDATE SET
            promised_cents = promised_cents + excluded.promised_cents,
            paid_cents = paid_cents + excluded.paid_cents,
            promises = promises + excluded.promises;
        INSERT INTO figure_promises
        SELECT substr(NEW.created_at, 1, 10), NEW.collector, NEW.amount_cents, NEW.paid_cents, 1
        WHERE NEW.status <> 'cancelled'
        ON CONFLICT (day, collector) DO UPDATE SET
            promised_cents = promised_cents + excluded.promised_cents,
            paid_cents = paid_cents + excluded.paid_cents,
            promises = promises + excluded.promises;
    END;
    -- The queue now: debtors per state and per collector ('' for none).
    CREATE TRIGGER figure_queue_insert AFTER INSERT ON queue_state BEGIN
        INSERT INTO figure_queue VALUES (
            coalesce((SELECT collector FROM debtors WHERE code = NEW.debtor_code), ''),
            NEW.state, 1)
        ON CONFLICT (collector, state) DO UPDATE SET debtors = debtors + excluded.debtors;
    END;
    CREATE TRIGGER figure_queue_delete AFTER DELETE ON queue_state BEGIN
        INSERT INTO figure_queue VALUES (
            coalesce((SELECT collector FROM debtors WHERE code = OLD.debtor_code), ''),
            OLD.state, -1)
        ON CONFLICT (collector, state) DO UPDATE SET debtors = debtors + excluded.debtors;
    END;
    CREATE TRIGGER figure_queue_update AFTER UPDATE OF debtor_code, state ON queue_state
    WHEN OLD.state IS NOT NEW.state OR OLD.debtor_code IS NOT NEW.debtor_code
    BEGIN
        INSERT INTO figure_queue VALUES (
            coalesce((SELECT collector FROM debtors WHERE code = OLD.debtor_code), ''),
            OLD.state, -1)
        ON CONFLICT (collector, state) DO UPDATE SET debtors = debtors + excluded.debtors;
        INSERT INTO figure_queue VALUES (
            coalesce((SELECT collector FROM debtors WHERE code = NEW.debtor_code), ''),
            NEW.state, 1)
        ON CONFLICT (collector, state) DO UPDATE SET debtors = debtors + excluded.debtors;
    END;
    """,
    # 2: a promise's history. Payments reach the ledger days late, so a promise judged
    # broken may turn kept when its money's record arrives; each change is kept here.
    """
    CREATE TABLE promise_changes (
        id INTEGER PRIMARY KEY,
        promise_id INTEGER NOT NULL REFERENCES promises (id) ON DELETE CASCADE,
        changed_at TEXT NOT NULL,
        old_status TEXT NOT NULL,
        new_status TEXT NOT NULL,
        old_paid_cents INTEGER NOT NULL,
        new_paid_cents INTEGER NOT NULL,
        import_id INTEGER REFERENCES imports (id)
    );
    CREATE INDEX promise_changes_promise ON promise_changes (promise_id, changed_at);
    """,
    # 3: the complete dossier and the dispute/task workflow (issue 10)
    """
    ALTER TABLE debtors ADD COLUMN credit_limit_cents INTEGER;
    ALTER TABLE debtors ADD COLUMN address TEXT NOT NULL DEFAULT '';
    ALTER TABLE debtors ADD COLUMN siren TEXT NOT NULL DEFAULT '';
    -- The account note: one per debtor, kept across calls (call notes belong to one call).
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
    -- Changes to disputes, tasks and account notes, logged like outcomes: append-only,
    -- an undo is a new row pointing at the change it takes back; ``before`` holds what
    -- the undo restores (JSON).
    CREATE TABLE dossier_changes (
        id INTEGER PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code),
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('dispute_resolved', 'dispute_rejected',
            'dispute_cancelled', 'task_done', 'account_note', 'undo')),
        target_id INTEGER,
        detail TEXT NOT NULL DEFAULT '',
        before TEXT NOT NULL DEFAULT '{}',
        undoes INTEGER REFERENCES dossier_changes (id)
    );
    CREATE INDEX dossier_changes_debtor ON dossier_changes (debtor_code, at);
    CREATE INDEX dossier_changes_undoes ON dossier_changes (undoes) WHERE undoes IS NOT NULL;
    CREATE TRIGGER dossier_changes_no_update BEFORE UPDATE ON dossier_changes
    BEGIN SELECT RAISE(ABORT, 'the change log is append-only: record an undo entry instead'); END;
    CREATE TRIGGER dossier_changes_no_delete BEFORE DELETE ON dossier_changes
    BEGIN SELECT RAISE(ABORT, 'the change log is append-only: record an undo entry instead'); END;
    """,
    # 4: an invoice from a FEC remembers its entry (journal, number, date...), so that a
    # later export finds it again whatever number the file gives it now.
    """
    ALTER TABLE invoices ADD COLUMN entry TEXT NOT NULL DEFAULT '';
    CREATE INDEX invoices_entry ON invoices (debtor_code, entry) WHERE entry <> '';
    """,
    # 5: who typed a call logged for someone else ("by X for Y": X here, Y in collector)
    """
    ALTER TABLE calls ADD COLUMN entered_by TEXT;
    """,
    # 6: what a debtor who says "already paid" said it paid, to find it on the statement.
    """
    CREATE TABLE payment_claims (
        call_id INTEGER PRIMARY KEY REFERENCES calls (id),
        debtor_code TEXT NOT NULL REFERENCES debtors (code) ON DELETE CASCADE,
        paid_on TEXT NOT NULL,
        amount_cents INTEGER CHECK (amount_cents > 0),
        means TEXT NOT NULL DEFAULT '',
        reference TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX payment_claims_debtor ON payment_claims (debtor_code);
    """,
    # 7: dialling (issue 15). A call attempt has its id before anything is dialled; what
    # happens to it (dialled, ringing, answered, ended + hang-up cause, the outcome key)
    # is appended once per event; a collector's states likewise. Do-not-call flags are
    # set and lifted by new rows. All append-only, as the call log is.
    """
    CREATE TABLE call_attempts (
        id TEXT PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code),
        contact_id INTEGER,
        number TEXT NOT NULL,
        collector TEXT NOT NULL,
        dialer TEXT NOT NULL CHECK (dialer IN ('tel', 'command', 'sip')),
        created_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX call_attempts_number ON call_attempts (number, created_at);
    CREATE INDEX call_attempts_collector ON call_attempts (collector, created_at);
    CREATE TABLE call_events (
        id INTEGER PRIMARY KEY,
        attempt_id TEXT NOT NULL REFERENCES call_attempts (id),
        event TEXT NOT NULL
            CHECK (event IN ('dialled', 'ringing', 'answered', 'ended', 'outcome')),
        at TEXT NOT NULL,
        cause TEXT NOT NULL DEFAULT '',
        call_id INTEGER REFERENCES calls (id),
        UNIQUE (attempt_id, event)
    );
    CREATE INDEX call_events_call ON call_events (call_id) WHERE call_id IS NOT NULL;
    CREATE TABLE agent_states (
        id INTEGER PRIMARY KEY,
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
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL DEFAULT '',
        contact_id INTEGER,
        flagged INTEGER NOT NULL CHECK (flagged IN (0, 1)),
        set_by TEXT NOT NULL,
        set_at TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        CHECK (number <> '' OR contact_id IS NOT NULL)
    );
    CREATE INDEX do_not_call_number ON do_not_call (number, id);
    CREATE INDEX do_not_call_contact ON do_not_call (contact_id, id);
    CREATE TRIGGER call_attempts_no_update BEFORE UPDATE ON call_attempts
    BEGIN SELECT RAISE(ABORT, 'the call log is append-only'); END;
    CREATE TRIGGER call_attempts_no_delete BEFORE DELETE ON call_attempts
    BEGIN SELECT RAISE(ABORT, 'the call log is append-only'); END;
    CREATE TRIGGER call_events_no_update BEFORE UPDATE ON call_events
    BEGIN SELECT RAISE(ABORT, 'the call log is append-only'); END;
    CREATE TRIGGER call_events_no_delete BEFORE DELETE ON call_events
    BEGIN SELECT RAISE(ABORT, 'the call log is append-only'); END;
    CREATE TRIGGER agent_states_no_update BEFORE UPDATE ON agent_states
    BEGIN SELECT RAISE(ABORT, 'the state log is append-only'); END;
    CREATE TRIGGER agent_states_no_delete BEFORE DELETE ON agent_states
    BEGIN SELECT RAISE(ABORT, 'the state log is append-only'); END;
    CREATE TRIGGER do_not_call_no_update BEFORE UPDATE ON do_not_call
    BEGIN SELECT RAISE(ABORT, 'do-not-call flags are lifted by a new row'); END;
    CREATE TRIGGER do_not_call_no_delete BEFORE DELETE ON do_not_call
    BEGIN SELECT RAISE(ABORT, 'do-not-call flags are lifted by a new row'); END;
    """,
    # 8: a password for the browser (callcenter serve): its argon2 hash, never the password.
    """
    ALTER TABLE users ADD COLUMN password_hash TEXT;
    ALTER TABLE users ADD COLUMN password_set_at TEXT;
    """,
    # 9: a deliberate step up (or down) the dunning ladder is a change like the others:
    # logged, and undone from the log. SQLite cannot widen a CHECK, so the change log is
    # copied into a table that allows 'dunning_step' (ids and undo links kept as they are);
    # the old one is renamed first so that its undo links point at itself, not the copy.
    """
    ALTER TABLE dossier_changes RENAME TO dossier_changes_7;
    CREATE TABLE dossier_changes (
        id INTEGER PRIMARY KEY,
        debtor_code TEXT NOT NULL REFERENCES debtors (code),
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('dispute_resolved', 'dispute_rejected',
            'dispute_cancelled', 'task_done', 'account_note', 'dunning_step', 'undo')),
        target_id INTEGER,
        detail TEXT NOT NULL DEFAULT '',
        before TEXT NOT NULL DEFAULT '{}',
        undoes INTEGER REFERENCES dossier_changes (id)
    );
    INSERT INTO dossier_changes SELECT id, debtor_code, actor, at, action, target_id,
        detail, before, undoes FROM dossier_changes_7 ORDER BY id;
    DROP TABLE dossier_changes_7;
    CREATE INDEX dossier_changes_debtor ON dossier_changes (debtor_code, at);
    CREATE INDEX dossier_changes_undoes ON dossier_changes (undoes) WHERE undoes IS NOT NULL;
    CREATE TRIGGER dossier_changes_no_update BEFORE UPDATE ON dossier_changes
    BEGIN SELECT RAISE(ABORT, 'the change log is append-only: record an undo entry instead'); END;
    CREATE TRIGGER dossier_changes_no_delete BEFORE DELETE ON dossier_changes
    BEGIN SELECT RAISE(ABORT, 'the change log is append-only: record an undo entry instead'); END;
    """,
    # 10: who a callback is for (issue 15): the collector who asked for it, or NULL for
    # anyone allowed to work the debtor; the queue copies it from the last call.
    """
    ALTER TABLE calls ADD COLUMN callback_owner TEXT;
    ALTER TABLE queue_state ADD COLUMN callback_owner TEXT;
    """,
    # 11: the communications log (issue 14): every reminder, letter and confirmation, with
    # its result; append-only; one delivered entry per send key (debtor + step + invoices).
    # A contact's e-mail address refused by the mail server is marked doubtful.
    """
    CREATE TABLE communications (
        id INTEGER PRIMARY KEY,
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
    CREATE TRIGGER communications_no_update BEFORE UPDATE ON communications
    BEGIN SELECT RAISE(ABORT, 'the communications log is append-only'); END;
    CREATE TRIGGER communications_no_delete BEFORE DELETE ON communications
    BEGIN SELECT RAISE(ABORT, 'the communications log is append-only'); END;
    ALTER TABLE contacts ADD COLUMN email_doubtful TEXT NOT NULL DEFAULT '';
    """,
    # 12: the queue holds back a debtor whose every number is at its cap (issue 15): the
    # last week's attempts are read by time, whoever and whichever number they were.
    """
    CREATE INDEX call_attempts_at ON call_attempts (created_at, debtor_code, number);
    """,
    # 13: steps awaiting a person's approval, logged once per send key by remind: the
    # dashboard counts those never delivered since, without reading the whole log.
    """
    CREATE INDEX communications_awaiting ON communications (send_key)
        WHERE result = 'awaiting_approval';
    """,
    # 14: the queue knows each debtor's portfolio (issue 17): debtors.collector, '' for
    # none, kept equal by triggers whoever writes, so the pick walks the collector's
    # range and the unassigned one of ``queue_portfolio`` instead of every portfolio
    # of the team; next_action_at rides in the index so retries later today are passed
    # over without reading their rows.
    """
    ALTER TABLE queue_state ADD COLUMN portfolio TEXT NOT NULL DEFAULT '';
    UPDATE queue_state SET portfolio =
        coalesce((SELECT collector FROM debtors WHERE code = queue_state.debtor_code), '');
    CREATE INDEX queue_portfolio ON queue_state (portfolio, score DESC, debtor_code,
        next_action_at) WHERE state IN ('due', 'callback');
    CREATE TRIGGER queue_portfolio_insert AFTER INSERT ON queue_state
    WHEN NEW.portfolio IS NOT
        coalesce((SELECT collector FROM debtors WHERE code = NEW.debtor_code), '')
    BEGIN
        UPDATE queue_state SET portfolio =
            coalesce((SELECT collector FROM debtors WHERE code = NEW.debtor_code), '')
        WHERE debtor_code = NEW.debtor_code;
    END;
    CREATE TRIGGER queue_portfolio_moves AFTER UPDATE OF collector ON debtors
    WHEN coalesce(OLD.collector, '') IS NOT coalesce(NEW.collector, '')
    BEGIN
        UPDATE queue_state SET portfolio = coalesce(NEW.collector, '')
        WHERE debtor_code = NEW.code;
    END;
    """,
    # 15: ``state`` rides at the end of ``queue_portfolio`` so that counting a collector's
    # queue (their place in it, after every dossier) reads the index alone: SQLite
    # re-checks a partial index's own WHERE on each row otherwise, ~6 500 row reads and
    # over 8 MB of pages per count on a 100 000-debtor ledger. Same leading columns: the
    # pick walks it as before.
    """
    DROP INDEX queue_portfolio;
    CREATE INDEX queue_portfolio ON queue_state (portfolio, score DESC, debtor_code,
        next_action_at, state) WHERE state IN ('due', 'callback');
    """,
    # 16: the queue knows each debtor's time zone (issue 17), as it knows the portfolio:
    # the pick tests calling hours on the queue row it reads anyway, without looking up
    # the debtor (a fifth of the pick's read). One trigger copies both after a queue row
    # is inserted; another follows debtors.timezone.
    """
    ALTER TABLE queue_state ADD COLUMN timezone TEXT NOT NULL DEFAULT 'Europe/Paris';
    UPDATE queue_state SET timezone = coalesce(
        (SELECT timezone FROM debtors WHERE code = queue_state.debtor_code), 'Europe/Paris');
    DROP TRIGGER queue_portfolio_insert;
    CREATE TRIGGER queue_debtor_copies AFTER INSERT ON queue_state
    WHEN (NEW.portfolio, NEW.timezone) IS NOT
        (SELECT coalesce(collector, ''), timezone FROM debtors WHERE code = NEW.debtor_code)
    BEGIN
        UPDATE queue_state SET (portfolio, timezone) =
            (SELECT coalesce(collector, ''), timezone FROM debtors WHERE code = NEW.debtor_code)
        WHERE debtor_code = NEW.debtor_code;
    END;
    CREATE TRIGGER queue_timezone_moves AFTER UPDATE OF timezone ON debtors
    WHEN OLD.timezone IS NOT NEW.timezone
    BEGIN
        UPDATE queue_state SET timezone = NEW.timezone WHERE debtor_code = NEW.code;
    END;
    """,
    # 17: the claims file counts releases (store/sqlite/pick_locks.py): a pick skips the
    # barrier unless the count moved under it. A session of schema 16 lets claimed
    # debtors go without counting, so it must not share a file with one that relies on
    # the count: this version, which it refuses as too new, says the file is counted.
    """
    INSERT OR REPLACE INTO meta (key, value) VALUES ('pick_releases', 'counted');
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
