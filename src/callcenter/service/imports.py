"""Importing accounting exports and spreadsheets: the one entry point for the CLI and the TUI.

Each import reads and checks the whole file first, outside any lock (a
million-line FEC takes seconds, and collectors keep working meanwhile), into
a scratch file on disk, then writes everything in one transaction: either the
file is in the database, with promises settled and the queue rescored, or
nothing changed. A FEC's customers are settled inside that transaction, a
batch at a time, so memory does not grow with the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path

from callcenter.domain.record import record
from callcenter.domain.settings import Config
from callcenter.i18n import Message
from callcenter.importers import fec as fec_reader
from callcenter.importers.common import file_sha256, no_cyclic_gc
from callcenter.importers.csv_import import COLUMNS as CSV_COLUMNS
from callcenter.importers.csv_import import (
    CSV_KINDS,
    KEY_COLUMN,
    CsvTable,
    read_csv,
    write_csv_rejects,
)
from callcenter.importers.csv_import import REQUIRED as CSV_REQUIRED
from callcenter.importers.errors import BadInput, Reject
from callcenter.importers.fec import DEFAULT_PREFIXES, FecLedger, FecScan, scan_fec, write_rejects
from callcenter.output_files import check_target, output_file
from callcenter.service import users
from callcenter.service.promises import settle_core
from callcenter.service.queue import SLICE
from callcenter.service.scores import score_and_write
from callcenter.store import Store
from callcenter.store.backends import fec_scratch
from callcenter.store.ports import Staging
from callcenter.store.records import StagedSummary

__all__ = [
    "BadInput",
    "CSV_COLUMNS",
    "CSV_KINDS",
    "CSV_REQUIRED",
    "ImportReport",
    "import_csv",
    "import_fec",
    "read_fec",
]

Progress = Callable[[int, int], None]
#: The FEC import's page cache (MiB), for the whole transaction: enough for a 100 000-line
#: file's ledger to stay in memory, small enough that a 5 000 000-line import stays flat.
FEC_CACHE_MIB = 8


@record
class ImportReport:
    """What an import did, for the summary printed at the end."""

    kind: str
    file: str
    lines: int
    customers: int = 0
    invoices: int = 0
    invoices_open: int = 0
    credit_notes: int = 0
    payments: int = 0
    contacts: int = 0
    #: Sum of the open amounts the file gave (cents); for a FEC, debits minus credits.
    balance_cents: int = 0
    #: Invoices not in the file whose open amount was set to 0.
    closed: int = 0
    rejects: int = 0
    rejects_path: str | None = None
    encoding: str = ""
    import_id: int | None = None
    #: Receivable lines naming no customer (FEC): their total and line numbers.
    unallocated_cents: int = 0
    unallocated_lines: tuple[int, ...] = ()
    #: Contact lines whose phone number is not a valid number (kept as typed, flagged).
    phones_as_typed_lines: tuple[int, ...] = ()

    def as_dict(self) -> dict:
        return asdict(self)


def import_fec(
    store: Store,
    path: str | os.PathLike,
    *,
    now: datetime,
    config: Config,
    terms_days: int = 30,
    skip_bad: bool = False,
    rejects_path: str | os.PathLike | None = None,
    progress: Progress | None = None,
    accounts: tuple[str, ...] = DEFAULT_PREFIXES,
    actor: str | None = None,
    dry_run: bool = False,
    mapping: Mapping[str, str] | None = None,
    force: bool = False,
) -> ImportReport:
    """Import a FEC as the new state of the receivables ledger.

    Debtors are created or renamed (segment, collector and terms set in
    callcenter are kept); invoices and payments are inserted or updated;
    open invoices the file no longer mentions are closed (unless lines were
    rejected: then the file is not the whole ledger). Raises
    :class:`BadInput` on a bad line unless ``skip_bad``, in which case the
    bad entries are left out and written to ``rejects_path``. With
    ``actor``, only a supervisor (or the owner of a file with no supervisor
    yet) may import. ``dry_run`` checks the file and reports what the import
    would do (``closed`` included) without writing anything, not even the
    rejects. ``force`` lets the rejects replace an older rejects file.
    ``mapping`` renames columns (a due-date column: ``{"Echeance": "due_date"}``).
    """
    _check_allowed(store, actor)
    _check_terms(terms_days)
    rejects = _Rejects(store, path, rejects_path, force, dry_run)
    with (
        no_cyclic_gc(),
        scan_fec(
            path,
            scratch=fec_scratch,
            prefixes=accounts,
            skip_bad=skip_bad,
            progress=progress,
            mapping=mapping,
        ) as scan,
    ):
        rejects.write(scan.head.rejects, scan.head.encoding)
        terms = (terms_days, store.ledger.client_payment_terms())
        if dry_run:
            codes = {d.code for debtors in scan.debtors() for d in debtors}
            planned = _write_fec(store, scan, terms, None, codes)
            return _fec_report(path, scan, planned, rejects.path)
        digest = file_sha256(path)
        # A page cache of the import's own, fixed whatever the connection's default: the
        # batches write in debtor order, so a few MiB hold what is being written, while a
        # cache that grew with the file would make memory grow too (scripts/bench --scaling).
        with store.large_cache(FEC_CACHE_MIB), store.sorts_on_disk(), store.transaction():
            # Into an empty ledger (a firm's first import), the indexes whose keys come
            # in random order (dates, amounts) are built once, after the rows: inserting
            # into them one by one outgrew the page cache and grew faster than the file.
            # The figures' sums are likewise taken once, in one grouped pass. Not on a
            # later import: either would cost the whole ledger again.
            fresh = store.ledger.ledger_is_empty()
            with (
                store.ledger.deferred_indexes() if fresh else nullcontext(),
                store.ledger.deferred_sums() if fresh else nullcontext(),
            ):
                codes = set()
                for debtors in scan.debtors():
                    store.ledger.upsert_debtors(debtors, now, update=("name",))
                    codes.update(d.code for d in debtors)
                totals = _write_fec(store, scan, terms, not scan.head.rejects, codes)
            report = _fec_report(path, scan, totals, rejects.path)
            import_id = _record(store, report, digest, now)
            # In slices, still inside the one transaction: memory follows a slice of
            # debtors, not the ledger (the slices of the CSV import and the daily rescore).
            ordered = sorted(totals.codes)
            for start in range(0, len(ordered), SLICE):
                chunk = set(ordered[start : start + SLICE])
                _refresh(store, chunk, now, config, import_id)
    return replace(report, import_id=import_id)


def read_fec(path: str | os.PathLike, **options) -> FecLedger:
    """The whole ledger a FEC gives, without writing it (tests, small files).

    ``options`` are :func:`callcenter.importers.fec.read_fec`'s; the lines
    wait in the store's scratch file. The import itself never holds the
    whole ledger (see :func:`import_fec`).
    """
    return fec_reader.read_fec(path, scratch=fec_scratch, **options)


@dataclass(slots=True)
class _FecTotals:
    """What the batches wrote, for the report (the ledger itself is never held whole)."""

    invoices: int = 0
    invoices_open: int = 0
    credit_notes: int = 0
    payments: int = 0
    balance_cents: int = 0
    closed: int = 0
    #: Debtors whose queue place may change: the file's, and those whose invoices were closed.
    codes: set[str] = field(default_factory=set)

    def count(self, piece: FecLedger) -> None:
        for invoice in piece.invoices:
            if invoice.amount_cents > 0:
                self.invoices += 1
            elif invoice.amount_cents < 0:
                self.credit_notes += 1
            if invoice.open_cents > 0:
                self.invoices_open += 1
        self.payments += len(piece.payments)
        self.balance_cents += sum(piece.balances.values())


def _write_fec(
    store: Store,
    scan: FecScan,
    terms: tuple[int, Mapping[str, int]],
    close: bool | None,
    codes: set[str],
) -> _FecTotals:
    """Settle and write the customers a batch at a time; ``close=None`` only plans (dry run).

    ``codes`` are the file's customers (their queue places are rescored).

    Invoices are matched to their rows first, per batch of whole customers
    (see :func:`~callcenter.store.statements.imports.plan_ledger_invoices`). A
    file with rejected lines is not the whole ledger: an invoice missing
    from it may sit on a rejected line, so nothing is closed then.
    """
    totals = _FecTotals(codes=codes)
    ledger = store.ledger
    for piece in scan.ledgers(*terms):
        totals.count(piece)
        codes = set(piece.balances)
        plan = ledger.plan_ledger_invoices(
            piece.invoices, piece.identity, piece.lettering, debtors=codes
        )
        if close is None:
            totals.closed += len(plan.absent)
            continue
        totals.closed += ledger.write_ledger_invoices(plan, close_absent=close)
        ledger.upsert_payments(sorted(piece.payments, key=_payment_key))
        totals.codes |= plan.absent_codes if close else set()
    others = ledger.plan_absent_invoices(totals.codes)  # debtors the file does not name
    if close is None:
        totals.closed += len(others.absent)
    else:
        totals.closed += ledger.write_ledger_invoices(others, close_absent=close)
        totals.codes |= others.absent_codes if close else set()
    if scan.head.rejects:
        totals.closed = 0
    return totals


def _fec_report(path, scan: FecScan, totals: _FecTotals, rejects_path) -> ImportReport:
    fec = scan.head
    return ImportReport(
        kind="fec",
        file=str(path),
        lines=fec.lines,
        customers=scan.customers,
        invoices=totals.invoices,
        invoices_open=totals.invoices_open,
        credit_notes=totals.credit_notes,
        payments=totals.payments,
        balance_cents=totals.balance_cents,
        closed=totals.closed,
        rejects=len(fec.rejects),
        rejects_path=str(rejects_path) if rejects_path and fec.rejects else None,
        encoding=fec.encoding,
        unallocated_cents=fec.unallocated_cents,
        unallocated_lines=tuple(fec.unallocated_lines),
    )


def import_csv(
    store: Store,
    kind: str,
    path: str | os.PathLike,
    *,
    now: datetime,
    config: Config,
    mapping: Mapping[str, str] | None = None,
    skip_bad: bool = False,
    rejects_path: str | os.PathLike | None = None,
    terms_days: int = 30,
    actor: str | None = None,
    dry_run: bool = False,
    force: bool = False,
) -> ImportReport:
    """Import one CSV of ``kind`` (clients, contacts, invoices or payments).

    Rows are inserted or updated by their key (client code; client and
    contact name; client and invoice number; client and payment reference);
    for clients and invoices, columns absent from the file keep their values.
    ``dry_run`` checks the file and reports without writing anything (not
    even the rejects); ``force`` lets the rejects replace an older file.
    """
    if kind not in CSV_KINDS:
        raise ValueError(f"unknown kind of CSV {kind!r}: expected one of {', '.join(CSV_KINDS)}")
    _check_allowed(store, actor)
    _check_terms(terms_days)
    rejects = _Rejects(store, path, rejects_path, force, dry_run)
    with no_cyclic_gc(), store.ledger.staging(kind) as stage:
        table = read_csv(
            kind,
            path,
            sink=stage,
            mapping=mapping,
            known_clients=store.ledger.known_debtor_codes(),
            client_terms=store.ledger.client_payment_terms(),
            terms_days=terms_days,
            skip_bad=skip_bad,
        )
        _refuse_duplicates(kind, path, table, stage, skip_bad)
        rejects.write(table.rejects, table.encoding, csv_separator=table.separator)
        report = _csv_report(kind, path, table, stage.summary(), rejects.path)
        if dry_run:
            return report
        digest = file_sha256(path)
        codes = stage.codes()
        with store.large_cache(), store.transaction():
            # The only step under the write lock: copy the checked rows in.
            stage.copy_in(now, _update_columns(kind, table))
            import_id = _record(store, report, digest, now)
            if len(codes) <= SLICE:
                _refresh(store, set(codes), now, config, import_id)
    if len(codes) > SLICE:
        _refresh_in_slices(store, codes, now, config, import_id)
    return replace(report, import_id=import_id)


def _update_columns(kind: str, table: CsvTable) -> tuple[str, ...]:
    if kind == "clients":
        return table.debtor_columns
    return table.invoice_columns if kind == "invoices" else ()


def _refuse_duplicates(kind: str, path, table: CsvTable, stage: Staging, skip_bad: bool) -> None:
    """A key given twice in one file is refused (or, with ``skip_bad``, its repeats rejected)."""
    column, what = KEY_COLUMN[kind]
    repeated = []
    for duplicate in stage.duplicates():
        problem = BadInput(
            Path(path).name, duplicate.line, column,
            Message(
                "import.given_twice",
                {
                    "what": Message(f"import.what.{what}"),
                    "key": repr(duplicate.key[-1]),
                    "first": duplicate.first_line,
                },
            ),
        )  # fmt: skip
        if not skip_bad:
            raise problem
        table.rejects.append(Reject(duplicate.line, problem.reason))
        repeated.append(duplicate)
    if repeated:
        stage.drop(repeated)
        table.rejects.sort(key=lambda reject: reject.line)


def _csv_report(kind: str, path, table: CsvTable, staged: StagedSummary, rejects_path):
    return ImportReport(
        kind=f"csv:{kind}",
        file=str(path),
        lines=table.lines,
        customers=staged.rows if kind == "clients" else 0,
        contacts=staged.rows if kind == "contacts" else 0,
        payments=staged.rows if kind == "payments" else 0,
        invoices=staged.invoices,
        invoices_open=staged.invoices_open,
        credit_notes=staged.credit_notes,
        balance_cents=staged.balance_cents,
        rejects=len(table.rejects),
        rejects_path=str(rejects_path) if rejects_path and table.rejects else None,
        encoding=table.encoding,
        phones_as_typed_lines=tuple(table.phones_as_typed),
    )


def _payment_key(payment) -> tuple[str, str]:
    return payment.debtor_code, payment.reference


def _check_allowed(store: Store, actor: str | None) -> None:
    """Importing rewrites the ledger every collector works from: supervisors only."""
    if actor is None or users.is_supervisor(store, actor) or users.may_bootstrap(store):
        return
    raise users.PermissionDenied(
        "users.supervisor_only", actor=actor, action=Message("action.import files")
    )


class _Rejects:
    """Where ``--skip-bad`` writes the rejected lines, checked before the file is read.

    A target that would be refused at the end (the live database, a symlink,
    an existing file without ``force``) is refused before a long read, in a
    dry run too (which then writes nothing at all).
    """

    def __init__(self, store: Store, source, target, force: bool, dry_run: bool):
        self.store, self.source, self.force = store, source, force
        if target is not None:
            if Path(target).resolve() == Path(source).resolve():
                raise ValueError(f"{target}: the rejects file cannot be the file being imported")
            check_target(target, force=force, protected=[store.path])
        #: Where the rejects go (what the report names); none in a dry run.
        self.path = None if dry_run or target is None else Path(target)

    def write(self, rejects: list[Reject], encoding: str, csv_separator: str | None = None):
        if not rejects or self.path is None:
            return
        with output_file(
            self.path, force=self.force, like=self.store.path, protected=[self.store.path]
        ) as out:
            if csv_separator is None:
                write_rejects(self.source, rejects, out, encoding)
            else:
                write_csv_rejects(self.source, rejects, out, encoding, csv_separator)


def _check_terms(terms_days: int) -> None:
    if not 0 <= terms_days <= 365:
        raise ValueError(f"payment terms must be between 0 and 365 days, not {terms_days}")


def _record(store: Store, report: ImportReport, digest: str, now: datetime) -> int:
    summary = {k: v for k, v in report.as_dict().items() if k not in ("kind", "file", "lines")}
    return store.ledger.record_import(
        kind=report.kind,
        file=Path(report.file).name,
        sha256=digest,
        lines=report.lines,
        now=now,
        summary=summary,
    )


def _refresh_in_slices(
    store: Store, codes: list[str], now: datetime, config: Config, import_id: int
) -> None:
    """After a big import: settle and rescore in short transactions, as the daily rescore does.

    The imported rows are already committed; the queue of the debtors not yet
    rescored lags by a second or two (and the nightly rescore would catch up
    after a crash), while collectors' saves wait at most one slice.
    """
    for start in range(0, len(codes), SLICE):
        with store.transaction():
            _refresh(store, set(codes[start : start + SLICE]), now, config, import_id)


def _refresh(store: Store, codes: set[str], now: datetime, config: Config, import_id: int) -> None:
    """Judge again the promises of the debtors the file touched, then rescore them.

    Every promise of theirs, judged ones included: a payment the file brings,
    dated within a promise's window, keeps it whenever its record arrives.
    Settled once and scored once, inside the caller's transaction.
    """
    if not codes:
        return
    ordered = sorted(codes)
    settle_core(store, now=now, codes=ordered, import_id=import_id, config=config)
    score_and_write(store, now=now, codes=ordered, config=config)
