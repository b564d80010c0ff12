"""Outputs never destroy anything: rejects, exports and backups through one safe writer.

Each refusal is checked on the command a supervisor would type, with the exit
code, the message and the database left byte for byte as it was.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from supervisor_ledger import build

from callcenter.cli import main
from callcenter.output_files import (
    OutputError,
    OutputRefused,
    output_file,
    remove_stale_partials,
    stale_partials,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
BAD_INVOICES = FIXTURES / "csv_invoices_bad.csv"


@pytest.fixture
def team(store, db_path, now, monkeypatch, capsys, login):
    """A supervisor's ledger and a runner that returns (exit code, stdout, stderr)."""
    build(store, now)
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    login("sam")

    def run(*argv: str) -> tuple[int, str, str]:
        try:
            code = main(["--db", str(db_path), "--lang", "en", *argv])
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, " ".join(err.split())

    return run


def database_files(db_path: Path) -> dict[str, bytes]:
    """The database and its sidecars as bytes: what must not change."""
    return {
        p.name: p.read_bytes() for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)
    }


def dump(store) -> list[str]:
    """The whole file as SQL (raw: the driver's dump), to see nothing changed."""
    return list(store.conn.iterdump())


def _import_rejects(team, rejects: Path, *extra: str):
    return team("import", "csv", "invoices", str(BAD_INVOICES), "--skip-bad",
                "--rejects", str(rejects), *extra)  # fmt: skip


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal", "-claims"])
def test_rejects_onto_the_live_database_is_refused(team, store, db_path, suffix):
    before, files = dump(store), database_files(db_path)
    target = db_path.with_name(db_path.name + suffix)
    code, _, err = _import_rejects(team, target, "--dry-run", "--force")
    assert code == 2 and "live database" in err, err
    code, _, err = _import_rejects(team, target, "--force")
    assert code == 2 and "live database" in err, err
    assert dump(store) == before and database_files(db_path) == files


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-claims"])
def test_export_onto_the_live_database_is_refused(team, store, db_path, suffix):
    before, files = dump(store), database_files(db_path)
    code, _, err = team("export", "calls", "--output", str(db_path) + suffix, "--force")
    assert code == 2 and "live database" in err and "Traceback" not in err, err
    assert dump(store) == before and database_files(db_path) == files


def test_any_sqlite_file_is_refused_even_with_force(team, tmp_path):
    other = tmp_path / "other.sqlite"
    import sqlite3

    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    before = other.read_bytes()
    code, _, err = team("export", "calls", "--output", str(other), "--force")
    assert code == 2 and "SQLite database" in err
    code, _, err = team("export", "calls", "--output", str(other) + "-wal", "--force")
    assert code == 2 and "belongs to the SQLite database" in err
    assert other.read_bytes() == before


def test_symlinks_are_never_written_through(team, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    link = tmp_path / "out.csv"
    link.symlink_to(victim)
    for argv in (
        ("export", "calls", "--output", str(link), "--force"),
        ("import", "csv", "invoices", str(BAD_INVOICES), "--skip-bad", "--rejects", str(link),
         "--force"),
    ):  # fmt: skip
        code, _, err = team(*argv)
        assert code == 2 and "symbolic link" in err, err
    assert victim.read_text() == "precious\n" and link.is_symlink()


def test_a_planted_partial_symlink_is_not_followed(team, tmp_path):
    """Old versions wrote ``out.csv.partial`` first: a link planted there must stay idle."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    for name in ("out.csv.partial", ".out.csv.partial"):
        (tmp_path / name).symlink_to(victim)
    code, out, err = team("export", "calls", "--since", "-1", "--output", str(tmp_path / "out.csv"))
    assert code == 0, err
    assert victim.read_text() == "precious\n"
    assert len((tmp_path / "out.csv").read_text().splitlines()) == 9  # header + 8 calls
    assert not stat.S_ISLNK(os.lstat(tmp_path / "out.csv").st_mode)


def test_a_device_is_refused(team, tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here ({exc})")
    code, _, err = team("export", "calls", "--output", str(device), "--force")
    assert code == 2 and "not a regular file" in err
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_fifo_is_refused(team, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = team("export", "calls", "--output", str(fifo), "--force")
    assert code == 2 and "not a regular file" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_an_existing_file_is_refused_without_force(team, tmp_path):
    target = tmp_path / "calls.csv"
    target.write_text("last week's export\n")
    code, _, err = team("export", "calls", "--output", str(target))
    assert code == 2 and "already exists; add --force" in err
    assert target.read_text() == "last week's export\n"
    code, _, err = _import_rejects(team, target)
    assert code == 2 and "already exists; add --force" in err
    assert target.read_text() == "last week's export\n"
    code, out, err = team("export", "calls", "--since", "-1", "--output", str(target), "--force")
    assert code == 0 and "8 calls rows written" in out, err
    assert target.read_text() != "last week's export\n"


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("nowhere/calls.csv", "does not exist"),
        ("folder", "is a folder"),
        ("file/x.csv", "not a folder"),
    ],
)
def test_missing_folder_or_folder_as_output_is_one_line_exit_2(team, tmp_path, where, message):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("x")
    code, _, err = team("export", "calls", "--output", str(tmp_path / where))
    assert code == 2 and message in err and "Traceback" not in err, err
    assert err.count("error:") == 1


def test_dry_run_writes_nothing_at_all(team, store, db_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before, listing = dump(store), sorted(os.listdir(tmp_path))
    code, out, err = team("import", "csv", "invoices", str(BAD_INVOICES), "--skip-bad",
                          "--dry-run")  # fmt: skip
    assert code == 0, err
    assert "(not written)" in out and "nothing written" in out
    code, out, err = _import_rejects(team, tmp_path / "rejects.csv", "--dry-run")
    assert code == 0, err
    assert sorted(os.listdir(tmp_path)) == listing
    assert dump(store) == before


@pytest.mark.parametrize(("database_mode", "expected"), [(0o660, 0o660), (0o600, 0o600)])
def test_outputs_get_the_database_mode_under_umask_000(
    team, db_path, tmp_path, database_mode, expected
):
    os.chmod(db_path, database_mode)
    old = os.umask(0)
    try:
        code, _, err = team("export", "calls", "--since", "-1", "--output", str(tmp_path / "c.csv"))
        assert code == 0, err
        code, _, err = _import_rejects(team, tmp_path / "rejects.csv")
        assert code == 0, err
        code, _, err = team("backup", str(tmp_path / "copy.db"))
        assert code == 0, err
    finally:
        os.umask(old)
    for name in ("c.csv", "rejects.csv", "copy.db"):
        info = (tmp_path / name).stat()
        assert stat.S_IMODE(info.st_mode) == expected, name
        assert info.st_gid == db_path.stat().st_gid, name


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    target = tmp_path / "out.csv"
    with pytest.raises(RuntimeError), output_file(target) as out:
        out.write("half a file")
        raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []


def test_stale_partials_of_dead_processes_are_found_and_removed(tmp_path):
    with open("/proc/sys/kernel/pid_max") as handle:
        dead = int(handle.read()) + 1  # no process can have this id
    stale = tmp_path / f".out.csv.{dead}-0123abcd.callcenter-partial"
    mine = tmp_path / f".out.csv.{os.getpid()}-0123abcd.callcenter-partial"
    other = tmp_path / f".other.csv.{dead}-0123abcd.callcenter-partial"
    for path in (stale, mine, other):
        path.write_text("x" * 1000)
    assert stale_partials(tmp_path) == sorted([stale, other])
    with output_file(tmp_path / "out.csv") as out:
        out.write("fresh\n")
    assert not stale.exists() and mine.exists() and other.exists()
    assert remove_stale_partials(tmp_path) == 1 and not other.exists()


def test_a_target_appearing_meanwhile_is_not_replaced(tmp_path):
    target = tmp_path / "out.csv"
    with pytest.raises(OutputRefused, match="already exists"), output_file(target) as out:
        out.write("mine\n")
        target.write_text("someone else's\n")
    assert target.read_text() == "someone else's\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


EXPORT_ON_FULL_DISK = """
import resource, signal, sys
from callcenter.cli import main
from callcenter.service import identity
identity.os_login = lambda: "sam"  # log in as the supervisor (the test runs as one account)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (300, 300))  # the disk fills up at 300 bytes
sys.exit(main(sys.argv[1:]))
"""


def test_export_onto_a_full_disk_is_one_line_exit_2(team, db_path, tmp_path, now):
    target = tmp_path / "calls.csv"
    child = subprocess.run(
        [sys.executable, "-c", EXPORT_ON_FULL_DISK, "--db", str(db_path), "--lang", "en",
         "export", "calls", "--since", "-1", "--output", str(target)],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "CALLCENTER_NOW": now.isoformat()},
    )  # fmt: skip
    assert child.returncode == 2, child.stderr
    assert "nothing was written" in child.stderr and "Traceback" not in child.stderr
    assert len(child.stderr.strip().splitlines()) == 1
    assert list(tmp_path.glob("*calls.csv*")) == []


def test_output_error_is_the_refusal_base():
    assert issubclass(OutputRefused, OutputError)


def test_refusals_speak_the_interface_language(team, db_path):
    code, _, err = team("--lang", "fr", "export", "calls", "--output", str(db_path))
    assert code == 2 and "c'est la base de l'équipe" in err
    error = OutputRefused("output.exists", path="x.csv")
    assert str(error) == "x.csv: already exists; add --force to replace it"
    assert "ajoutez --force" in error.in_lang("fr")
