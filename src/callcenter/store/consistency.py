"""The consistency rules ``check`` runs, in SQL both backends accept.

Each rule is a query listing the ids of the rows that break it; a backend
runs them with its own driver (``:now`` and ``:horizon`` are named
parameters) and hands back :class:`~callcenter.store.records.OrphanResult`.
"""

from __future__ import annotations

from callcenter.domain.record import record

#: How many offending row ids a finding quotes: enough to look one up, not a flood.
EXAMPLES_SHOWN = 5

#: A claim whose expiry is further away than this was not set by a lease; it would never expire.
MAX_LEASE_SECONDS = 24 * 3600


@record
class OrphanCheck:
    """One consistency rule: a query listing the ids of the rows that break it."""

    name: str
    severity: str  # "error" (data is wrong) or "warning" (harmless but worth a look)
    description: str
    sql: str


# Rules the foreign keys cannot enforce (columns without REFERENCES, cross-row
# agreement) or that a tool writing with foreign_keys off could have broken.
ORPHAN_CHECKS: tuple[OrphanCheck, ...] = (
    OrphanCheck(
        "calls_unknown_debtor",
        "error",
        "calls for a debtor that does not exist",
        "SELECT c.id FROM calls c LEFT JOIN debtors d ON d.code = c.debtor_code"
        " WHERE d.code IS NULL ORDER BY c.id",
    ),
    OrphanCheck(
        "calls_unknown_contact",
        "error",
        "calls naming a contact that does not exist or belongs to another debtor",
        "SELECT c.id FROM calls c LEFT JOIN contacts k ON k.id = c.contact_id"
        " WHERE c.contact_id IS NOT NULL AND (k.id IS NULL OR k.debtor_code <> c.debtor_code)"
        " ORDER BY c.id",
    ),
    OrphanCheck(
        "undo_mismatch",
        "error",
        "undo entries pointing at a missing call or at another debtor's call",
        "SELECT u.id FROM calls u LEFT JOIN calls c ON c.id = u.undoes"
        " WHERE u.undoes IS NOT NULL AND (c.id IS NULL OR c.debtor_code <> u.debtor_code)"
        " ORDER BY u.id",
    ),
    OrphanCheck(
        "calls_unknown_campaign",
        "warning",
        "calls tagged with a campaign that no longer exists",
        "SELECT c.id FROM calls c LEFT JOIN campaigns g ON g.id = c.campaign_id"
        " WHERE c.campaign_id IS NOT NULL AND g.id IS NULL ORDER BY c.id",
    ),
    OrphanCheck(
        "promises_unknown_debtor",
        "error",
        "promises for a debtor that does not exist",
        "SELECT p.id FROM promises p LEFT JOIN debtors d ON d.code = p.debtor_code"
        " WHERE d.code IS NULL ORDER BY p.id",
    ),
    OrphanCheck(
        "promises_unknown_call",
        "error",
        "promises recorded by a call that is missing or about another debtor",
        "SELECT p.id FROM promises p LEFT JOIN calls c ON c.id = p.call_id"
        " WHERE p.call_id IS NOT NULL AND (c.id IS NULL OR c.debtor_code <> p.debtor_code)"
        " ORDER BY p.id",
    ),
    OrphanCheck(
        "disputes_unknown_debtor",
        "error",
        "disputes for a debtor that does not exist",
        "SELECT x.id FROM disputes x LEFT JOIN debtors d ON d.code = x.debtor_code"
        " WHERE d.code IS NULL ORDER BY x.id",
    ),
    OrphanCheck(
        "dispute_invoices_missing",
        "error",
        "disputes naming an invoice that is missing or belongs to another debtor",
        "SELECT di.dispute_id FROM dispute_invoices di"
        " JOIN disputes x ON x.id = di.dispute_id"
        " LEFT JOIN invoices i ON i.id = di.invoice_id"
        " WHERE i.id IS NULL OR i.debtor_code <> x.debtor_code ORDER BY di.dispute_id",
    ),
    OrphanCheck(
        "dispute_rows_without_dispute",
        "error",
        "disputed-invoice rows whose dispute is missing",
        "SELECT di.invoice_id FROM dispute_invoices di LEFT JOIN disputes x"
        " ON x.id = di.dispute_id WHERE x.id IS NULL ORDER BY di.invoice_id",
    ),
    OrphanCheck(
        "tasks_unknown_debtor",
        "error",
        "tasks for a debtor that does not exist",
        "SELECT t.id FROM tasks t LEFT JOIN debtors d ON d.code = t.debtor_code"
        " WHERE d.code IS NULL ORDER BY t.id",
    ),
    OrphanCheck(
        "contacts_unknown_debtor",
        "error",
        "contacts of a debtor that does not exist",
        "SELECT k.id FROM contacts k LEFT JOIN debtors d ON d.code = k.debtor_code"
        " WHERE d.code IS NULL ORDER BY k.id",
    ),
    OrphanCheck(
        "invoices_unknown_debtor",
        "error",
        "invoices of a debtor that does not exist",
        "SELECT i.id FROM invoices i LEFT JOIN debtors d ON d.code = i.debtor_code"
        " WHERE d.code IS NULL ORDER BY i.id",
    ),
    OrphanCheck(
        "queue_unknown_debtor",
        "error",
        "queue rows for a debtor that does not exist",
        "SELECT q.debtor_code FROM queue_state q LEFT JOIN debtors d ON d.code = q.debtor_code"
        " WHERE d.code IS NULL ORDER BY q.debtor_code",
    ),
    OrphanCheck(
        "invoice_open_exceeds_amount",
        "warning",
        "invoices whose open amount is larger than the invoice or of the other sign",
        "SELECT id FROM invoices WHERE abs(open_cents) > abs(amount_cents)"
        " OR open_cents * amount_cents < 0 ORDER BY id",
    ),
    OrphanCheck(
        "claim_leftovers",
        "warning",
        "queue rows with a claim expiry or window but no collector (a half-released claim)",
        "SELECT debtor_code FROM queue_state WHERE claimed_by IS NULL"
        " AND (claim_expires_at IS NOT NULL OR claim_session IS NOT NULL) ORDER BY debtor_code",
    ),
    OrphanCheck(
        "claims_without_expiry",
        "error",
        "claims that would never expire (no expiry time)",
        "SELECT debtor_code FROM queue_state WHERE claimed_by IS NOT NULL"
        " AND claim_expires_at IS NULL ORDER BY debtor_code",
    ),
)

#: Rules that depend on the current instant (bound as :now and :horizon).
TIMED_CHECKS: tuple[OrphanCheck, ...] = (
    OrphanCheck(
        "stale_claims",
        "warning",
        "claims past their expiry, left by a session that ended without releasing them"
        " (harmless: the debtor is offered again)",
        "SELECT debtor_code FROM queue_state WHERE claimed_by IS NOT NULL"
        " AND claim_expires_at IS NOT NULL AND claim_expires_at < :now ORDER BY debtor_code",
    ),
    OrphanCheck(
        "claims_too_long",
        "error",
        "claims expiring more than a day from now: no lease sets that, they would block a debtor",
        "SELECT debtor_code FROM queue_state WHERE claimed_by IS NOT NULL"
        " AND claim_expires_at > :horizon ORDER BY debtor_code",
    ),
    OrphanCheck(
        "calls_in_future",
        "warning",
        "calls dated in the future (a clock set wrong on some session?)",
        "SELECT id FROM calls WHERE started_at > :horizon ORDER BY id",
    ),
)
