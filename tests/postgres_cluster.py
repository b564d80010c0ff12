"""A throw-away PostgreSQL cluster for the tests: initdb + pg_ctl, Unix socket only.

The cluster lives in a folder made for it (mode 0700), listens on no TCP
address, trusts local connections (nobody but its owner and root can reach
a socket in that folder) and is stopped and removed when the test session
ends. PostgreSQL refuses to run as root; a root test run starts it as the
``postgres`` account Debian's package creates. Durability is switched off:
nothing here outlives the run, and fsyncs would dominate the suite's time.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

#: The account a root test run starts the server as (created by Debian's postgresql package).
SERVER_ACCOUNT = "postgres"
#: Turned off for speed: a test cluster never needs to survive a crash.
FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")


def find_bin_dir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``: on PATH, else Debian's versioned folder."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    return Path(found[-1]).parent if found else None


def unavailable_reason() -> str | None:
    """Why no cluster can be started here (None when one can), for a test's skip."""
    if find_bin_dir() is None:
        return (
            "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in "
            "/usr/lib/postgresql/*/bin: apt-get install postgresql (.ci/run does)"
        )
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed: pip install -e '.[postgres]'"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_ACCOUNT)
        except KeyError:
            return (
                f"PostgreSQL refuses to run as root and there is no {SERVER_ACCOUNT!r} "
                "account to run it as (Debian's postgresql package creates it)"
            )
    return None


@dataclass
class Cluster:
    """A running throw-away server; ``url(name)`` reaches one of its databases."""

    folder: Path
    bin_dir: Path
    account: str | None  # who runs the server when we are root, else None (ourselves)
    superuser: str

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    @property
    def socket_dir(self) -> Path:
        return self.folder

    def url(self, dbname: str = "postgres") -> str:
        """A ``postgresql://`` URL over the cluster's Unix socket."""
        host = quote(str(self.socket_dir), safe="")
        return f"postgresql://{self.superuser}@/{dbname}?host={host}"

    def _run(self, *argv: str) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / argv[0]), *argv[1:]]
        if self.account is not None:
            command = ["runuser", "-u", self.account, "--", *command]
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=120, check=False, cwd=self.folder
        )
        if done.returncode != 0:
            raise RuntimeError(f"{argv[0]} failed ({done.returncode}): {done.stderr.strip()}")
        return done

    def start(self) -> None:
        self._run(
            "initdb",
            "--pgdata",
            str(self.data_dir),
            "--username",
            self.superuser,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        options = [
            "-c listen_addresses=''",
            f"-c unix_socket_directories='{self.socket_dir}'",
            "-c max_connections=200",
            *(f"-c {setting}" for setting in FAST_SETTINGS),
        ]
        self._run(
            "pg_ctl",
            "--pgdata",
            str(self.data_dir),
            "--log",
            str(self.folder / "server.log"),
            "--options",
            " ".join(options),
            "--wait",
            "start",
        )

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "--pgdata", str(self.data_dir), "--mode", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def map_logins(self, dbname: str, logins: dict[str, str]) -> None:
        """Peer authentication on ``dbname``: each OS login in ``logins`` connects as its role.

        The superuser keeps its own line (trust) for the fixtures; every other role
        reaching ``dbname`` over the socket must be the one its login maps to. The
        lines come first (pg_hba.conf is read top down) and name only ``dbname``, so
        the cluster's other databases keep trusting their socket.
        """
        import psycopg

        def loaded_at():
            with psycopg.connect(self.url(), autocommit=True) as conn:
                return conn.execute("SELECT pg_conf_load_time()").fetchone()[0]

        before = loaded_at()
        ident = self.data_dir / "pg_ident.conf"
        with ident.open("a") as out:
            out.writelines(f"callcenter {login} {role}\n" for login, role in logins.items())
        hba = self.data_dir / "pg_hba.conf"
        ours = f"local {dbname} {self.superuser} trust\nlocal {dbname} all peer map=callcenter\n"
        hba.write_text(ours + hba.read_text())  # written in place: the owner stays the server's
        self._run("pg_ctl", "--pgdata", str(self.data_dir), "reload")
        deadline = time.monotonic() + 10  # the server rereads its files a moment later
        while loaded_at() == before and time.monotonic() < deadline:
            time.sleep(0.02)

    def create_database(self, name: str, template: str = "template1") -> str:
        """A new database, a copy of ``template`` (by default an empty one); returns its URL.

        Copied file by file (PostgreSQL 15's default copies through the WAL): with
        fsync off that is a fifth of the time, and the suite makes a database per test.
        """
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            strategy = " STRATEGY FILE_COPY" if conn.info.server_version >= 150000 else ""
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{strategy}')
        return self.url(name)


def start_cluster() -> Cluster:
    """Make the folder, hand it to the server's account when we are root, start the server."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise RuntimeError(unavailable_reason())
    folder = Path(tempfile.mkdtemp(prefix="callcenter-pg-"))
    os.chmod(folder, 0o700)
    account = None
    superuser = pwd.getpwuid(os.geteuid()).pw_name
    if os.geteuid() == 0:
        entry = pwd.getpwnam(SERVER_ACCOUNT)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        account, superuser = SERVER_ACCOUNT, SERVER_ACCOUNT
    cluster = Cluster(folder=folder, bin_dir=bin_dir, account=account, superuser=superuser)
    try:
        cluster.start()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return cluster


_made = 0


def fresh_database_name() -> str:
    """A database name unused in this process's cluster."""
    global _made
    _made += 1
    return f"test_{os.getpid()}_{_made}"


def as_role(url: str, role: str) -> str:
    """The same database reached as ``role`` (the test server trusts its socket)."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{role}{rest[rest.index('@') :]}"
