"""Store, settings and import errors are coded and worded in the session's language.

The store raises a catalogue id with values and imports nothing of i18n; the CLI and
the workstation word it (French or English), while ``str()`` stays English for logs.
"""

from __future__ import annotations

import ast
import string
import threading
import time
from pathlib import Path

import pytest

from callcenter.cli import main
from callcenter.i18n import Locale
from callcenter.i18n.catalogue import CATALOGUE
from callcenter.store import open_database
from callcenter.store.errors import ENGLISH, StoreError

SRC = Path(__file__).resolve().parents[1] / "src" / "callcenter"
#: The store's error classes: any raise of one names a code of store/errors.py.
_STORE_ERRORS = {
    "StoreError",
    "DatabaseBusy",
    "DatabaseFull",
    "DatabaseReadOnly",
    "SchemaTooNew",
    "NotFound",
    "NoDatabase",
    "Damaged",
}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(ENGLISH))
def test_every_store_code_is_in_the_catalogue_in_both_languages(code):
    french, english = CATALOGUE[code]
    assert english == ENGLISH[code]  # what the interface says in English is what logs say
    assert french != english
    assert _fields(french) == _fields(english)


def test_every_store_raise_names_a_code_not_a_sentence():
    """A new raise in store/ must add its code to store/errors.py ENGLISH and to
    i18n/store.py (French + English): the interfaces word it, the store does not."""
    offenders = []
    for path in (SRC / "store").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in _STORE_ERRORS or not node.args:
                continue
            first = node.args[0]
            choices = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            if not all(isinstance(c, ast.Constant) and c.value in ENGLISH for c in choices):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []


def test_a_store_error_reads_english_in_logs_and_either_language_on_screen():
    from callcenter.store.errors import DatabaseReadOnly, Reason

    owner = Reason("store.owner", {"mode": "-rw-r-----", "user": "ana", "group": "compta"})
    exc = DatabaseReadOnly(
        "store.read_only_because",
        path="/srv/team.db",
        reason=Reason("store.reason.file_not_writable", {"owner": owner}),
    )
    assert str(exc) == (
        "/srv/team.db: the database is read-only: you may not write the file "
        "(mode -rw-r-----, owner ana, group compta); nothing was written"
    )
    assert Locale("en").error(exc) == str(exc)
    assert Locale("fr").error(exc) == (
        "/srv/team.db : la base est en lecture seule : vous ne pouvez pas écrire le fichier "
        "(mode -rw-r-----, propriétaire ana, groupe compta) ; rien n'a été écrit"
    )


def test_a_plain_sentence_still_works_as_a_store_error():
    exc = StoreError("something the backend said")
    assert str(exc) == Locale("fr").error(exc) == "something the backend said"


@pytest.mark.parametrize(
    ("lang", "said"),
    [("fr", "c'est un dossier, pas un fichier de base"), ("en", "is a folder, not a database")],
)
def test_the_cli_words_a_store_error_in_the_session_language(tmp_path, capsys, lang, said):
    folder = tmp_path / "team.db"
    folder.mkdir()
    with pytest.raises(SystemExit) as ended:
        main(["--lang", lang, "--db", str(folder), "queue"])
    assert ended.value.code == 1
    err = " ".join(capsys.readouterr().err.split())
    assert said in err
    assert err.startswith("erreur :" if lang == "fr" else "error:")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "queue.daily_attempt_cap doit être un nombre entier de 1 à 50, pas 99"),
        ("en", "queue.daily_attempt_cap must be a whole number from 1 to 50, not 99"),
    ],
)
def test_a_bad_settings_value_is_said_in_the_session_language(tmp_path, capsys, lang, said):
    settings = tmp_path / "settings.toml"
    settings.write_text("[queue]\ndaily_attempt_cap = 99\n", encoding="utf-8")
    with pytest.raises(SystemExit) as ended:
        main(["--lang", lang, "--config", str(settings), "--db", str(tmp_path / "x.db"), "queue"])
    assert ended.value.code == 2
    err = " ".join(capsys.readouterr().err.split())
    assert str(settings) in err and said in err


def _hold_write_lock(db_path: Path, seconds: float, ready: threading.Event) -> None:
    other = open_database(db_path)
    with other.transaction():
        ready.set()
        time.sleep(seconds)
    other.close()


async def test_a_busy_database_is_a_french_notice_on_the_workstation(store, db_path, now):
    """Pilot: another session holds the write lock when the collector presses n; the
    notice says, in French, that nothing was saved and to try again."""
    from sqlfile import raw_write
    from tui_data import build, make_app, settle

    build(store, now)
    app = make_app(store, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        shown = app.shown_code
        raw_write(store, "PRAGMA busy_timeout = 200")  # a short wait for the lock
        ready = threading.Event()
        holder = threading.Thread(target=_hold_write_lock, args=(db_path, 1.5, ready))
        holder.start()
        ready.wait(5)
        try:
            await pilot.press("n")
            await settle(pilot)
        finally:
            holder.join()
        said = [" ".join(n.message.split()) for n in app._notifications]
        assert any("la base est restée occupée ; réessayez" in text for text in said), said
        assert not any("stayed busy" in text for text in said)
        assert app.shown_code == shown


@pytest.mark.parametrize(("lang", "bucket"), [("fr", "1 à 30 j"), ("en", "1–30 d")])
def test_the_demo_summary_words_its_aging_buckets(tmp_path, capsys, lang, bucket):
    assert main(["--lang", lang, "--db", str(tmp_path / "d.db"), "demo", "--debtors", "8"]) == 0
    out = capsys.readouterr().out
    assert bucket in out and "stats.bucket" not in out


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "fichier fec_bad_amount.txt, ligne 5, champ Debit : pas un montant : '12,3,4'"),
        ("en", "fec_bad_amount.txt:5: Debit: not an amount: '12,3,4'"),
    ],
)
def test_a_bad_fec_line_is_said_in_the_session_language(tmp_path, capsys, lang, said):
    db = tmp_path / "team.db"
    with pytest.raises(SystemExit) as ended:
        main(
            ["--lang", lang, "--db", str(db), "import", "fec", str(FIXTURES / "fec_bad_amount.txt")]
        )
    assert ended.value.code == 2
    err = " ".join(capsys.readouterr().err.split())
    assert said in err
    assert ("rien n'a été importé" if lang == "fr" else "nothing was imported") in err


def test_a_bad_csv_cell_names_file_line_and_field_in_french(tmp_path):
    from callcenter.importers.csv_import import read_csv
    from callcenter.importers.errors import BadInput

    path = tmp_path / "clients.csv"
    path.write_text("code;name;siren\nC1;Dupont;12\n", encoding="utf-8")

    class Sink:
        def add(self, items):
            pass

        def clear(self):
            pass

    with pytest.raises(BadInput) as caught:
        read_csv("clients", path, sink=Sink())
    assert Locale("fr").error(caught.value) == (
        "fichier clients.csv, ligne 2, champ siren : "
        "pas un SIREN (9 chiffres) ni un SIRET (14 chiffres) : '12'"
    )
    assert str(caught.value) == (
        "clients.csv:2: siren: not a SIREN (9 digits) or SIRET (14 digits): '12'"
    )


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "--month '2026-13' : AAAA-MM ou 'last'"),
        ("en", "--month '2026-13': YYYY-MM or 'last'"),
    ],
)
def test_report_mistakes_speak_the_session_language(tmp_path, capsys, lang, said):
    db = tmp_path / "team.db"
    assert main(["--db", str(db), "demo", "--debtors", "3"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as ended:
        main(["--lang", lang, "--db", str(db), "report", "--month", "2026-13"])
    assert ended.value.code == 2
    assert said in " ".join(capsys.readouterr().err.split())


@pytest.mark.parametrize(
    ("lang", "said"),
    [("fr", "chaque visiteur se connecte sous son propre nom"), ("en", "each visitor logs in")],
)
def test_serve_refuses_as_in_the_session_language(tmp_path, capsys, lang, said):
    with pytest.raises(SystemExit) as ended:
        main(["--lang", lang, "--db", str(tmp_path / "x.db"), "--as", "sam", "serve"])
    assert ended.value.code == 2
    assert said in capsys.readouterr().err


def test_the_web_server_says_where_it_listens_in_the_session_language():
    from callcenter.web.server import TeamServer

    server = TeamServer(
        workstation="true", dashboard="true", host="127.0.0.1", port=8999, ui=Locale("fr")
    )
    assert server.dashboard.title == "callcenter — tableau de bord"


def test_every_supervisor_only_action_has_words():
    """require_supervisor(store, actor, "remove users") words "action.remove users"."""
    found = set()
    for path in (SRC / "service").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id in ("require_supervisor", "_supervised_change"):
                    index = 2 if node.func.id == "require_supervisor" else 3
                    arg = node.args[index]
                    if isinstance(arg, ast.Constant):
                        found.add(arg.value)
    assert found and all(f"action.{action}" in CATALOGUE for action in found)


def test_a_collector_refused_a_supervisor_action_reads_french():
    from callcenter.i18n import Message
    from callcenter.service.users import PermissionDenied

    exc = PermissionDenied(
        "users.supervisor_only", actor="bob", action=Message("action.reassign debtors")
    )
    assert str(exc) == "bob is a collector: only a supervisor can reassign debtors"
    assert Locale("fr").error(exc) == (
        "bob est chargé de recouvrement : seul un superviseur peut réaffecter des débiteurs"
    )
