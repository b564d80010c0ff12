"""The file under the store: the WAL stays bounded, and damage to the file is named."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from datetime import date

import pytest
from builtin_settings import SETTINGS
from sqlfile import raw_row, raw_value, raw_write

from callcenter.domain.models import Debtor, Invoice, Outcome
from callcenter.service.outcomes import log_outcome
from callcenter.store import Store, StoreError, open_database
from callcenter.store.sqlite import db as db_module
from callcenter.store.statements import ledger


def test_the_wal_is_truncated_once_it_outgrows_its_limit(db_path, now, monkeypatch):
    """Readers that never pause keep SQLite's automatic checkpoint from rewinding the WAL;
    here it is off altogether, so only the store's own bound keeps the file small."""
    monkeypatch.setattr(db_module, "WAL_AUTOCHECKPOINT_PAGES", 0)
    monkeypatch.setattr(db_module, "WAL_LIMIT_BYTES", 256 * 1024)
    store = open_database(db_path)
    wal = f"{db_path}-wal"
    peak = 0
    try:
        for batch in range(60):
            with store.transaction():
                ledger.upsert_debtors(
                    store, [Debtor(code=f"C{batch}-{n}", name="x" * 400) for n in range(40)], now
                )
            peak = max(peak, os.stat(wal).st_size)
        assert raw_row(store, "SELECT count(*) FROM debtors") == (2400,)
    finally:
        store.close()
    assert peak < 2 * 256 * 1024


# -- the file changed under a running session ---------------------------------------


def _seeded(db_path, now) -> Store:
    store = open_database(db_path)
    with store.transaction():
        ledger.upsert_debtors(store, [Debtor(code="C1", name="Client")], now)
    return store


def _calls(store: Store) -> int:
    return store.ledger.count_rows("calls")


def test_an_outcome_into_a_deleted_file_is_refused_not_saved(db_path, now):
    """Without the check SQLite goes on "saving" into the unlinked file, lost at close."""
    store = _seeded(db_path, now)
    db_path.unlink()
    with pytest.raises(StoreError, match="was deleted while this session had it open"):
        log_outcome(store, "C1", Outcome.NO_ANSWER, collector="alice", now=now, config=SETTINGS)
    assert _calls(store) == 0 and not store.in_transaction
    store.close()


def test_an_outcome_into_a_replaced_file_is_refused_in_both_files(db_path, now, tmp_path):
    """A restore copied over the path while sessions run: neither file gets the outcome."""
    store = _seeded(db_path, now)
    raw_write(store, "PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "restored.db"
    shutil.copyfile(db_path, copy)
    os.replace(copy, db_path)
    with pytest.raises(StoreError, match="was replaced by another file.*nothing was written"):
        log_outcome(store, "C1", Outcome.NO_ANSWER, collector="alice", now=now, config=SETTINGS)
    assert _calls(store) == 0
    store.close()
    restored = open_database(db_path, create=False)
    assert _calls(restored) == 0
    restored.close()


def test_a_claim_into_a_deleted_or_replaced_file_is_refused(db_path, now, tmp_path):
    """The pick is one statement of its own, not a write transaction: it checks the file
    all the same, and the restored file gets no claim."""
    from callcenter.service.queue import claim_next, rescore

    store = _seeded(db_path, now)
    with store.transaction():
        ledger.upsert_invoices(
            store, [Invoice("C1", "F1", date(2026, 8, 1), date(2026, 9, 1), 500_00, 500_00)]
        )
    rescore(store, now=now, config=SETTINGS)
    raw_write(store, "PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "restored.db"
    shutil.copyfile(db_path, copy)
    os.replace(copy, db_path)
    with pytest.raises(StoreError, match="was replaced by another file"):
        claim_next(store, collector="alice", now=now, config=SETTINGS)
    restored = open_database(db_path, create=False)
    assert raw_row(restored, "SELECT count(*) FROM queue_state WHERE claimed_by IS NOT NULL") == (
        0,
    )
    restored.close()
    db_path.unlink()
    with pytest.raises(StoreError, match="was deleted while this session had it open"):
        claim_next(store, collector="alice", now=now, config=SETTINGS)
    store.close()


async def test_the_workstation_says_the_outcome_was_not_saved_when_the_file_is_gone(
    store, db_path, now
):
    """Pilot: the collector presses n after the file was deleted; the screen says nothing
    was saved, names the cause in the session's language (French), and keeps the debtor."""
    from tui_data import build, make_app, settle

    build(store, now)
    before = _calls(store)
    app = make_app(store, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        shown = app.shown_code
        assert shown is not None
        db_path.unlink()
        await pilot.press("n")
        await settle(pilot)
        said = [(n.severity, " ".join(n.message.split())) for n in app._notifications]
        assert any(
            severity == "error" and "Rien n'a été enregistré" in text and "a été supprimé" in text
            for severity, text in said
        ), said
        assert not any("Enregistré :" in text for _, text in said)
        assert app.shown_code == shown
    assert _calls(store) == before


# -- read commands never create a database ------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["queue"], ["debtor", "C1"], ["stats"], ["log", "C1", "no_answer"], []],
    ids=["queue", "debtor", "stats", "log", "workstation"],
)
def test_a_mistyped_db_is_an_error_not_an_empty_file(tmp_path, capsys, command):
    from callcenter.cli import main

    missing = tmp_path / "tema.db"
    for lang, words in (("en", "no database at"), ("fr", "aucune base à")):
        with pytest.raises(SystemExit) as exc:
            main(["--db", str(missing), "--lang", lang, *command])
        assert exc.value.code == 2
        said = " ".join(capsys.readouterr().err.split())
        assert f"{words} {missing}" in said and "`callcenter demo`" in said
    assert list(tmp_path.iterdir()) == []


def test_only_import_demo_and_user_add_create_a_database(tmp_path, capsys):
    from callcenter.cli import main

    path = tmp_path / "new.db"
    assert main(
        ["--db", str(path), "--as", "sophie", "user", "add", "sophie", "--role", "supervisor"]
    ) in (0, None)
    assert path.exists()


# -- another program's file ---------------------------------------------------------


def _foreign(path, *, version: int = 0) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    path.chmod(0o660)


@pytest.mark.parametrize("version", [0, 7], ids=["no-version", "own-version"])
def test_another_programs_file_is_refused_before_anything_is_written(tmp_path, version):
    path = tmp_path / "photos.db"
    _foreign(path, version=version)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="belongs to another program"):
        open_database(path)
    assert path.read_bytes() == before  # still in its own journal mode: no switch to WAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos.db"]


def test_a_folder_given_as_the_database_is_named(tmp_path):
    with pytest.raises(StoreError, match="is a folder, not a database file"):
        open_database(tmp_path, create=False)


# -- the machine in the way: each cause has its own sentence ------------------------


@contextmanager
def _mounted(target, *options: str, source: str = "tmpfs", kind: str | None = "tmpfs"):
    """Mount something on ``target`` (a folder of this test) for the test's duration;
    skips when this machine does not let the tests mount (not root, no privilege)."""
    target.mkdir(exist_ok=True)
    command = ["mount", *(["-t", kind] if kind else []), *options, source, str(target)]
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting needs root and mount(8)")
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here ({done.stderr.strip()})")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def test_a_full_disk_is_named_and_the_outcome_not_saved(tmp_path, now):
    """A real full file system: a 2 MiB tmpfs (a fresh schema's WAL is over half of one),
    filled up once the database is on it."""
    with _mounted(tmp_path / "small", "-o", "size=2m,mode=0700") as disk:
        path = disk / "team.db"
        store = _seeded(path, now)
        raw_write(store, "PRAGMA wal_checkpoint(TRUNCATE)")
        filler = disk / "filler"
        fd = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o600)
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass  # ENOSPC: the disk is full now
        finally:
            os.close(fd)
        try:
            with pytest.raises(StoreError, match="the disk is full; nothing was written"):
                log_outcome(
                    store,
                    "C1",
                    Outcome.NO_ANSWER,
                    collector="alice",
                    now=now,
                    note="x",
                    config=SETTINGS,
                )
            assert _calls(store) == 0
            filler.unlink()  # space freed: the same session saves again
            log_outcome(store, "C1", Outcome.NO_ANSWER, collector="alice", now=now, config=SETTINGS)
            assert _calls(store) == 1
        finally:
            store.close()


def test_a_file_full_by_its_page_limit_is_named_as_a_full_disk(db_path, now):
    """The same SQLITE_FULL without mounting anything (``PRAGMA max_page_count``)."""
    store = _seeded(db_path, now)
    pages = raw_value(store, "PRAGMA page_count")
    raw_write(store, f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError, match="the disk is full; nothing was written"):
        with store.transaction():
            ledger.upsert_debtors(
                store, [Debtor(code=f"N{n}", name="n" * 500) for n in range(500)], now
            )
    assert raw_row(store, "SELECT count(*) FROM debtors") == (1,)
    store.close()


def test_a_read_only_mount_is_named_at_open_and_at_write(tmp_path, now):
    source = tmp_path / "team"
    source.mkdir(mode=0o770)
    writer = _seeded(source / "team.db", now)  # keeps -wal/-shm beside it, as a live team does
    try:
        view = tmp_path / "ro"
        with _mounted(view, "--bind", "-o", "ro", source=str(source), kind=None):
            subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
            reader = open_database(view / "team.db", create=False)
            try:
                assert reader.readonly
                assert raw_row(reader, "SELECT count(*) FROM debtors") == (1,)
                with pytest.raises(StoreError, match="mounted read-only; nothing was written"):
                    log_outcome(
                        reader, "C1", Outcome.NO_ANSWER, collector="alice", now=now, config=SETTINGS
                    )
            finally:
                reader.close()
            writer.close()  # last connection: SQLite removes -shm, which the mount cannot recreate
            with pytest.raises(StoreError, match="mounted read-only.*copy it to a writable folder"):
                open_database(view / "team.db", create=False)
    finally:
        writer.close()


UNPRIVILEGED_CHILD = """
import sys
from datetime import datetime
from callcenter.domain.models import Outcome
from callcenter.domain.settings import Config
from callcenter.service.outcomes import log_outcome
from callcenter.store import Store, StoreError, open_database

try:
    store = open_database(sys.argv[1], create=False)
    log_outcome(store, "C1", Outcome.NO_ANSWER, collector="alice",
                now=datetime.fromisoformat(sys.argv[2]), config=Config())
except StoreError as exc:
    print("REFUSED", exc)
else:
    print("WRITTEN")
"""


def _as_an_ordinary_user(path, now) -> str:
    """Run an outcome in a child that file modes apply to: as root, without the capabilities
    that let root read and write any file (setpriv); otherwise as the user running the tests."""
    command = [sys.executable, "-c", UNPRIVILEGED_CHILD, str(path), now.isoformat()]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root ignores file modes and setpriv(1) is missing to drop that power")
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--", *command]
    child = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert child.returncode == 0, child.stderr
    return " ".join(child.stdout.split())


def test_a_read_only_file_is_named_and_nothing_written(db_path, now):
    _seeded(db_path, now).close()
    db_path.chmod(0o440)
    said = _as_an_ordinary_user(db_path, now)
    assert said.startswith("REFUSED"), said
    assert "read-only: you may not write the file (mode -r--r-----" in said
    assert "nothing was written" in said


def test_a_file_nobody_here_may_read_is_permission_denied(db_path, now):
    _seeded(db_path, now).close()
    if os.geteuid() == 0:
        os.chown(db_path, 65534, 65534)  # someone else's private file
        db_path.chmod(0o600)
    else:
        db_path.chmod(0o000)
    said = _as_an_ordinary_user(db_path, now)
    assert said.startswith("REFUSED"), said
    assert "permission denied: you may not read this database" in said
    assert "not a callcenter database" not in said
