"""Looking after the shared file: ``backup`` and ``check``.

A team of collectors works one SQLite file; the supervisor needs to copy it
while they work and to know, in one command, whether it is sound. Both only
read the database, so they can run at any time.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import field
from datetime import datetime, timedelta
from pathlib import Path

from callcenter.domain.record import record
from callcenter.store import SchemaTooNew, Store, StoreError
from callcenter.store.backends import expected_schema_version, open_to_check, sqlite_path
from callcenter.store.consistency import EXAMPLES_SHOWN, MAX_LEASE_SECONDS
from callcenter.store.errors import ENGLISH, Damaged, Unrecognised


@record
class Finding:
    """One thing ``check`` found: what, how bad, how many rows, which ones."""

    name: str
    severity: str  # "error" or "warning"
    message: str
    count: int = 0
    examples: tuple[str, ...] = ()
    #: The message as a catalogue id and values, worded by whoever shows the report
    #: (``message`` is its English, for JSON and logs).
    code: str = ""
    params: Mapping[str, object] = field(default_factory=dict)


@record
class CheckReport:
    path: str
    schema_version: int
    expected_version: int
    counts: dict[str, int]
    findings: tuple[Finding, ...] = field(default=())
    #: False when the file could not be opened as a callcenter database at all.
    readable: bool = True

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "ok": self.ok,
            "readable": self.readable,
            "schema_version": self.schema_version,
            "expected_version": self.expected_version,
            "counts": self.counts,
            "errors": [_finding_dict(f) for f in self.errors],
            "warnings": [_finding_dict(f) for f in self.warnings],
        }


@record
class BackupReport:
    path: str
    bytes: int
    seconds: float
    integrity: str  # "ok" or the first problem SQLite reports on the copy


def check_file(path: str | Path, *, now: datetime, quick: bool = False) -> CheckReport:
    """``check`` on any file at all: damage and foreign files become findings, not crashes.

    The file is recognised from its bytes and a read-only look at its schema
    before it is opened as ours, and opened read-only: checking never changes
    the file it judges (no WAL switch, no migration).
    """
    path = sqlite_path(path) or str(path)  # a file's path, or a server's URL as it is
    try:
        store = open_to_check(path)
    except Unrecognised as exc:
        return _unreadable(path, exc.kind, exc)
    except SchemaTooNew as exc:
        return _unreadable(path, "schema_version", exc)
    except StoreError as exc:  # missing, another program's file, refused, cannot open
        return _unreadable(path, "unopenable", exc)
    try:
        store.admin.read_text_leniently()
        return check(store, now=now, quick=quick)
    finally:
        store.close()


def check(store: Store, *, now: datetime, quick: bool = False) -> CheckReport:
    """Integrity, foreign keys, schema version, orphan rows and bad text, in one report.

    Runs in one read transaction so every rule sees the same snapshot even
    while collectors keep writing. When SQLite cannot read a page, the rules
    that need it give way to one "damaged" finding instead of a crash.
    """
    steps = [
        lambda: _integrity_findings(store, quick),
        lambda: _version_findings(store),
        lambda: _schema_findings(store),
        lambda: _foreign_key_findings(store),
        lambda: _orphan_findings(store, now),
    ]
    if not quick:
        steps += [lambda: _figure_sum_findings(store), lambda: _bad_text_findings(store)]
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    version = 0
    try:
        with store.admin.reported_as_damage(), store.snapshot():
            version = store.schema_version
            for step in steps:
                findings += step()
            counts = store.admin.table_counts()
    except Damaged as exc:
        findings.append(
            Finding(
                "damaged",
                "error",
                f"{exc}; restore the last backup",
                code="check.damaged",
                params={"error": str(exc)},
            )
        )
    return CheckReport(
        path=str(store.path),
        schema_version=version,
        expected_version=expected_schema_version(),
        counts=counts,
        findings=tuple(findings),
    )


def _unreadable(path: str | Path, kind: str, exc: StoreError) -> CheckReport:
    """The report for a file that could not be opened as a callcenter database at all."""
    coded = exc.code in ENGLISH  # the store's coded errors are worded by the interface
    finding = Finding(
        kind, "error", str(exc), code=exc.code if coded else "", params=exc.params if coded else {}
    )
    return CheckReport(
        path=str(path),
        schema_version=0,
        expected_version=expected_schema_version(),
        counts={},
        findings=(finding,),
        readable=False,
    )


def _bad_text_findings(store: Store) -> list[Finding]:
    return [
        Finding(
            f"bad_text_{table}",
            "error",
            f"{table} rows holding text that is not valid UTF-8 (written by another tool?)",
            len(rows),
            tuple(rows[:EXAMPLES_SHOWN]),
            code="check.bad_text",
            params={"table": table},
        )
        for table, rows in store.admin.bad_text_rows().items()
    ]


def backup(store: Store, target: str | Path, *, force: bool = False) -> BackupReport:
    """Copy the live database to ``target`` (the database's group and mode) and verify the copy."""
    started = time.perf_counter()
    size = store.admin.backup_to(Path(target), force=force)
    seconds = time.perf_counter() - started
    problems = store.admin.verify_backup(Path(target))
    return BackupReport(
        path=str(target),
        bytes=size,
        seconds=round(seconds, 3),
        integrity=problems[0] if problems else "ok",
    )


def _integrity_findings(store: Store, quick: bool) -> list[Finding]:
    problems = store.admin.integrity_problems(quick=quick)
    if not problems:
        return []
    return [
        Finding(
            "integrity",
            "error",
            "SQLite reports damage in the file; restore the last backup",
            len(problems),
            tuple(problems[:EXAMPLES_SHOWN]),
            code="check.integrity",
        )
    ]


def _version_findings(store: Store) -> list[Finding]:
    found = []
    version = store.schema_version
    expected = expected_schema_version()
    if version != expected:
        found.append(
            Finding(
                "schema_version",
                "error",
                f"schema version {version}, this callcenter expects {expected}",
                code="check.schema_version",
                params={"version": version, "expected": expected},
            )
        )
    recorded = store.admin.recorded_version()
    if recorded != version:
        found.append(
            Finding(
                "schema_version_meta",
                "error",
                f"the meta table records schema version {recorded}, the file header {version}",
                code="check.schema_version_meta",
                params={"recorded": recorded, "version": version},
            )
        )
    return found


def _schema_findings(store: Store) -> list[Finding]:
    """Indexes, triggers, tables or columns the migrations create and the file lacks."""
    by_kind: dict[str, list[str]] = {}
    for gap in store.admin.schema_gaps() or ():
        by_kind.setdefault(gap.kind, []).append(gap.name)
    return [
        Finding(
            f"schema_missing_{kind}",
            "error",
            f"{kind}s the schema defines are missing from the database: {', '.join(names)}",
            len(names),
            tuple(names[:EXAMPLES_SHOWN]),
            code=f"check.schema_missing_{kind}",
            params={"names": ", ".join(names)},
        )
        for kind, names in by_kind.items()
    ]


def _figure_sum_findings(store: Store) -> list[Finding]:
    """The dashboard reads trigger-kept sum tables; say when they drifted from the raw rows."""

    if not store.figures.sums_available():
        return []
    return [
        Finding(
            f"figure_sums_{table}",
            "error",
            f"{table} disagrees with the rows it sums (the dashboard would show wrong figures)",
            len(rows),
            tuple(str(row[0]) for row in rows[:3]),
            code="check.figure_sums",
            params={"table": table},
        )
        for table, rows in store.figures.sum_differences().items()
    ]


def _foreign_key_findings(store: Store) -> list[Finding]:
    by_table: dict[tuple[str, str], list[str]] = {}
    for table, rowid, parent in store.admin.foreign_key_problems():
        by_table.setdefault((table, parent), []).append(str(rowid))
    return [
        Finding(
            f"foreign_key_{table}_{parent}",
            "error",
            f"{table} rows pointing at a missing {parent} row",
            len(rowids),
            tuple(rowids[:EXAMPLES_SHOWN]),
            code="check.foreign_key",
            params={"table": table, "parent": parent},
        )
        for (table, parent), rowids in sorted(by_table.items())
    ]


def _orphan_findings(store: Store, now: datetime) -> list[Finding]:
    horizon = now + timedelta(seconds=MAX_LEASE_SECONDS)
    return [
        Finding(r.name, r.severity, r.description, r.count, r.examples, code=f"check.{r.name}")
        for r in store.admin.orphan_results(now, horizon)
        if r.count
    ]


def _finding_dict(finding: Finding) -> dict:
    return {
        "name": finding.name,
        "message": finding.message,
        "count": finding.count,
        "examples": list(finding.examples),
    }
