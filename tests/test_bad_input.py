"""The bad-input catalogue: every hostile file, typed value or database gets a clear
message, and nothing is half written.

Each case states what a collector or a supervisor would actually meet: an export cut
short by a full USB stick, a CSV saved from a spreadsheet in the wrong encoding, a
company name pasted with terminal colours, a database copied from a newer install.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

import pytest
from builtin_settings import SETTINGS
from sqlfile import raw_rows, raw_value, raw_write

from callcenter.domain.models import Contact, Debtor, Invoice, Outcome
from callcenter.domain.money import AmountError, parse_amount
from callcenter.store import SchemaTooNew, Store, StoreError, open_database
from callcenter.store.codec import instant_to_db
from callcenter.store.sqlite import admin as store_admin
from callcenter.store.statements import ledger

FEC_HEADER = (
    "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum"
    "\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet"
    "\tValidDate\tMontantdevise\tIdevise"
)
HOSTILE_NAME = "[bold red]ALERTE[/] \x1b[2J\x1b]0;pwned\x07\u202eFA-001 Ærø 🙂 مرحبا"


def fec_sale(num: str, client: str, name: str, day: str, amount: str, vat: str, net: str) -> str:
    """The three lines of one sale: customer debit, sales and VAT credits."""
    common = f"VT\tVentes\t{num}\t{day}"
    return "\n".join(
        [
            f"{common}\t411000\tClients\t{client}\t{name}\tF{num}\t{day}\tFacture\t{amount}\t0,00"
            f"\t\t\t{day}\t\t",
            f"{common}\t706000\tVentes\t\t\tF{num}\t{day}\tFacture\t0,00\t{net}\t\t\t{day}\t\t",
            f"{common}\t445710\tTVA\t\t\tF{num}\t{day}\tFacture\t0,00\t{vat}\t\t\t{day}\t\t",
        ]
    )


def good_fec() -> str:
    return (
        "\n".join(
            [
                FEC_HEADER,
                fec_sale("1", "DUPONT", "Dupont SARL", "20260901", "1200,00", "200,00", "1000,00"),
                fec_sale("2", "MARTIN", "Société Martin", "20260915", "600,00", "100,00", "500,00"),
            ]
        )
        + "\n"
    )


def write(tmp_path, name: str, content: str | bytes, encoding: str = "utf-8"):
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


def snapshot(store: Store) -> dict[str, int]:
    return store_admin.table_counts(store)


@pytest.fixture
def imports():
    return pytest.importorskip("callcenter.service.imports")


@pytest.fixture
def bad_input():
    return pytest.importorskip("callcenter.importers.errors").BadInput


# -- files ---------------------------------------------------------------------------


def test_the_good_fec_imports(store, now, tmp_path, imports):
    """The baseline the bad cases are cut from really is acceptable."""
    imports.import_fec(store, write(tmp_path, "ok.txt", good_fec()), now=now, config=SETTINGS)
    names = {d["name"] for d in store.db["debtors"].rows}
    assert names == {"Dupont SARL", "Société Martin"}


def _refused(store, now, tmp_path, imports, bad_input, name, content, *expected):
    path = write(tmp_path, name, content)
    before = snapshot(store)
    with pytest.raises(bad_input) as info:
        imports.import_fec(store, path, now=now, config=SETTINGS)
    message = str(info.value)
    assert name in message, message
    for word in expected:
        assert word.lower() in message.lower(), message
    assert snapshot(store) == before, "a refused import wrote something"
    return info.value


def test_truncated_fec_names_the_cut_line(store, now, tmp_path, imports, bad_input):
    text = good_fec()
    cut = text[: text.rindex("\t445710") + 12]  # the last line stops mid-row
    error = _refused(store, now, tmp_path, imports, bad_input, "cut.txt", cut)
    assert error.line == cut.count("\n") + 1


def test_not_a_fec_at_all(store, now, tmp_path, imports, bad_input):
    content = "code;name;amount\nC1;Dupont;12\n"
    _refused(store, now, tmp_path, imports, bad_input, "clients.csv", content)


def test_bad_amount_names_line_and_field(store, now, tmp_path, imports, bad_input):
    content = good_fec().replace("1200,00", "12,3,4", 1)
    error = _refused(store, now, tmp_path, imports, bad_input, "amount.txt", content, "12,3,4")
    assert error.line == 2 and error.field.lower() == "debit"


def test_absurd_amount_is_refused(store, now, tmp_path, imports, bad_input):
    content = good_fec().replace("1200,00", "99999999999999999999,00", 1)
    _refused(store, now, tmp_path, imports, bad_input, "huge.txt", content)


@pytest.mark.parametrize("day", ["20260231", "20261301", "20260900", "2026091"])
def test_impossible_dates_are_refused(store, now, tmp_path, imports, bad_input, day):
    content = good_fec().replace("20260915", day)
    error = _refused(store, now, tmp_path, imports, bad_input, "date.txt", content, day)
    assert error.line >= 5


def test_unbalanced_entry_is_named(store, now, tmp_path, imports, bad_input):
    content = good_fec().replace("0,00\t500,00", "0,00\t499,00")
    _refused(store, now, tmp_path, imports, bad_input, "unbalanced.txt", content, "2")


def test_empty_file(store, now, tmp_path, imports, bad_input):
    _refused(store, now, tmp_path, imports, bad_input, "empty.txt", b"", "empty")


def test_header_only_file_imports_nothing_or_says_so(store, now, tmp_path, imports, bad_input):
    path = write(tmp_path, "header.txt", FEC_HEADER + "\n")
    before = snapshot(store)
    try:
        imports.import_fec(store, path, now=now, config=SETTINGS)
    except bad_input as exc:
        assert "header.txt" in str(exc)
    after = snapshot(store)
    assert {k: v for k, v in after.items() if k != "imports"} == {
        k: v for k, v in before.items() if k != "imports"
    }


def test_binary_garbage(store, now, tmp_path, imports, bad_input):
    garbage = bytes(range(256)) * 40 + b"\x00\x00\xff\xfe"
    _refused(store, now, tmp_path, imports, bad_input, "garbage.bin", garbage)


def test_a_png_renamed_txt(store, now, tmp_path, imports, bad_input):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
    _refused(store, now, tmp_path, imports, bad_input, "photo.txt", png)


def test_cp1252_export_keeps_its_accents(store, now, tmp_path, imports):
    path = write(tmp_path, "win.txt", good_fec().replace("Martin", "Martin & Fils €"), "cp1252")
    imports.import_fec(store, path, now=now, config=SETTINGS)
    names = {d["name"] for d in store.db["debtors"].rows}
    assert "Société Martin & Fils €" in names


def test_utf16_export_is_read_right_or_refused(store, now, tmp_path, imports, bad_input):
    """A spreadsheet's "Unicode text": either decoded properly or refused, never mojibake."""
    path = write(tmp_path, "utf16.txt", good_fec(), "utf-16")
    before = snapshot(store)
    try:
        imports.import_fec(store, path, now=now, config=SETTINGS)
    except bad_input as exc:
        assert "utf16.txt" in str(exc)
        assert snapshot(store) == before
    else:
        assert {d["name"] for d in store.db["debtors"].rows} == {"Dupont SARL", "Société Martin"}


def test_hostile_names_are_kept_as_text_and_never_act_on_the_terminal(
    store, now, tmp_path, imports
):
    text = good_fec().replace("Dupont SARL", HOSTILE_NAME)
    imports.import_fec(store, write(tmp_path, "hostile.txt", text), now=now, config=SETTINGS)
    from callcenter.domain.text import clean

    stored = store.db["debtors"].get("DUPONT")["name"]
    shown = clean(stored)
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in shown
    assert "[bold red]ALERTE[/]" in shown  # markup stays visible text, is not applied
    assert "🙂" in shown and "مرحبا" in shown and "Ærø" in shown


def test_hostile_names_in_the_cli_output_are_literal(
    store, db_path, now, tmp_path, imports, capsys
):
    text = good_fec().replace("Dupont SARL", HOSTILE_NAME)
    imports.import_fec(store, write(tmp_path, "hostile.txt", text), now=now, config=SETTINGS)
    from callcenter.cli import main

    try:
        main(["--db", str(db_path), "debtor", "DUPONT"])
    except SystemExit as exc:  # the subcommand may not exist yet
        pytest.skip(f"callcenter debtor unavailable ({exc})")
    out = capsys.readouterr().out
    assert "[bold red]ALERTE[/]" in " ".join(out.split())
    assert "\x1b[2J" not in out and "\x1b]0" not in out and "\u202e" not in out


def test_csv_with_unknown_client_is_refused_whole(store, now, tmp_path, imports, bad_input):
    content = "client_code,reference,date,amount\nNOPE,VIR1,15/10/2026,100\n"
    path = write(tmp_path, "payments.csv", content)
    before = snapshot(store)
    with pytest.raises(bad_input) as info:
        imports.import_csv(store, "payments", path, now=now, config=SETTINGS)
    assert "payments.csv:2" in str(info.value)
    assert snapshot(store) == before


# -- typed values --------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["12,3,4", "1e5", "nan", "inf", "--5", "12.345,678", "1.23,45", "", "douze", "0,001"]
)
def test_typed_amounts_that_are_not_amounts(typed):
    with pytest.raises(AmountError, match="not an amount"):
        parse_amount(typed)


def test_absurd_typed_amount_is_refused():
    with pytest.raises(AmountError):
        parse_amount("1" * 20)


@pytest.mark.parametrize("typed", ["1.234,56", "1 234,56", "1,234.56", "1.234.567", "(12,50)"])
def test_grouped_amounts_still_read(typed):
    assert abs(parse_amount(typed)) in (123456, 123456700, 1250)


@pytest.mark.parametrize(
    "typed",
    [
        "31/02",
        "30/02/2026",
        "29/02/2027",
        "00/12",
        "15/13",
        "32/01",
        "2026-02-30",
        "",
        "   ",
        "demain matin",
        "15/12/20260",
        "\x1b[2J",
        "🙂",
    ],
)
def test_impossible_or_unclear_dates_are_refused(typed, now):
    dates = pytest.importorskip("callcenter.domain.dates")
    with pytest.raises(dates.DateParseError) as info:
        dates.parse_human_date(typed, now.date())
    assert str(info.value)  # says something, with the accepted forms


def test_leap_day_is_a_real_date(now):
    dates = pytest.importorskip("callcenter.domain.dates")
    assert dates.parse_human_date("29/02/2028", now.date()) == date(2028, 2, 29)


@pytest.fixture
def outcomes(store, now):
    """A scored debtor with one contact and one overdue invoice."""
    service = pytest.importorskip("callcenter.service.outcomes")
    queue = pytest.importorskip("callcenter.service.queue")
    with store.transaction():
        ledger.upsert_debtors(store, [Debtor(code="C1", name="Client")], now)
        ledger.upsert_contacts(store, [Contact("C1", "Mme Roux", phone="0102030405")])
        ledger.upsert_invoices(
            store, [Invoice("C1", "F1", date(2026, 8, 1), date(2026, 9, 1), 50_000, 50_000)]
        )
    queue.rescore(store, now=now, config=SETTINGS)
    return service


def _contact_id(store) -> int:
    return next(store.db["contacts"].rows)["id"]


BAD_OUTCOMES = [
    ("unknown debtor", "NOPE", Outcome.NO_ANSWER, {}),
    (
        "negative promise",
        "C1",
        Outcome.PROMISE,
        {"promise_date": date(2026, 12, 1), "amount_cents": -100},
    ),
    ("zero promise", "C1", Outcome.PROMISE, {"promise_date": date(2026, 12, 1), "amount_cents": 0}),
    (
        "promise in the past",
        "C1",
        Outcome.PROMISE,
        {"promise_date": date(2026, 11, 1), "amount_cents": 100},
    ),
    ("promise without date", "C1", Outcome.PROMISE, {"amount_cents": 100}),
    (
        "callback in the past",
        "C1",
        Outcome.CALLBACK,
        {"callback_at": datetime(2026, 11, 1, 10, 0).astimezone()},
    ),
    ("callback without time", "C1", Outcome.CALLBACK, {}),
    (
        "dispute on unknown invoice",
        "C1",
        Outcome.DISPUTE,
        {"invoice_numbers": ["F999"], "reason": "pas livré"},
    ),
    ("dispute without reason", "C1", Outcome.DISPUTE, {"invoice_numbers": ["F1"]}),
    ("wrong number without contact", "C1", Outcome.WRONG_NUMBER, {}),
    ("contact of nobody", "C1", Outcome.NO_ANSWER, {"contact_id": 424242}),
    ("skip without reason", "C1", Outcome.SKIP, {}),
    (
        "plan with dates going back",
        "C1",
        Outcome.PAYMENT_PLAN,
        {"instalments": [(date(2026, 12, 15), 100), (date(2026, 12, 1), 100)]},
    ),
    (
        "plan with a negative part",
        "C1",
        Outcome.PAYMENT_PLAN,
        {"instalments": [(date(2026, 12, 1), 500), (date(2026, 12, 15), -100)]},
    ),
    ("empty plan", "C1", Outcome.PAYMENT_PLAN, {"instalments": []}),
]


@pytest.mark.parametrize(
    ("case", "code", "outcome", "extra"), BAD_OUTCOMES, ids=[c[0] for c in BAD_OUTCOMES]
)
def test_bad_outcomes_are_refused_with_nothing_written(
    store, now, outcomes, case, code, outcome, extra
):
    before = snapshot(store)
    queue_before = list(store.db["queue_state"].rows)
    with pytest.raises(outcomes.OutcomeError) as info:
        outcomes.log_outcome(
            store, code, outcome, collector="alice", now=now, config=SETTINGS, **extra
        )
    assert len(str(info.value)) > 10
    assert snapshot(store) == before, case
    assert list(store.db["queue_state"].rows) == queue_before, case


def test_naive_callback_time_is_refused(store, now, outcomes):
    before = snapshot(store)
    with pytest.raises((outcomes.OutcomeError, ValueError)):
        outcomes.log_outcome(
            store,
            "C1",
            Outcome.CALLBACK,
            collector="alice",
            now=now,
            callback_at=datetime(2026, 11, 25, 15, 0),
            config=SETTINGS,
        )
    assert snapshot(store) == before


def test_hostile_note_is_stored_as_text_and_shown_clean(store, now, outcomes):
    from callcenter.domain.text import clean
    from callcenter.service.dossier import dossier

    note = "rappeler [link=http://x]ici[/link] \x1b[31mURGENT\x1b[0m \u202egnp.exe 😀"
    outcomes.log_outcome(
        store, "C1", Outcome.NO_ANSWER, collector="alice", now=now, note=note, config=SETTINGS
    )
    shown = clean(dossier(store, "C1", today=now.date()).calls[0].note, multiline=True)
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "[link=http://x]ici[/link]" in shown and "URGENT" in shown and "😀" in shown


def test_undo_of_an_unknown_call_is_refused(store, now, outcomes):
    before = snapshot(store)
    with pytest.raises(outcomes.OutcomeError):
        outcomes.undo_outcome(store, 99999, collector="alice", now=now, config=SETTINGS)
    assert snapshot(store) == before


# -- databases -----------------------------------------------------------------------


def test_database_from_a_newer_version_is_refused_untouched(db_path):
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNew, match="99 is newer.*upgrade callcenter"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_garbage_file_as_database(tmp_path):
    path = tmp_path / "team.db"
    path.write_bytes(b"this is not sqlite at all\x00\xff" * 200)
    path.chmod(0o660)
    with pytest.raises(StoreError, match="not a callcenter database"):
        open_database(path)


def test_truncated_database_is_refused_or_reported(tmp_path, now):
    """A copy cut in half (full disk during scp): opening refuses, or check says damaged."""
    path = tmp_path / "team.db"
    store = open_database(path)
    with store.transaction():
        ledger.upsert_debtors(
            store, [Debtor(code=f"C{n}", name="x" * 200) for n in range(2000)], now
        )
    raw_write(store, "PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    from callcenter.service.admin import check

    try:
        damaged = open_database(path, readonly=True)
    except StoreError as exc:
        assert str(path) in str(exc)
        return
    try:
        report = check(damaged, now=now)
    except sqlite3.DatabaseError as exc:  # pragma: no cover - depends on where the cut falls
        pytest.fail(f"check crashed instead of reporting: {exc}")
    finally:
        damaged.close()
    assert not report.ok and report.errors[0].name == "integrity"


def test_read_only_database_refuses_writes_and_keeps_reads(db_path, now):
    store = open_database(db_path)
    with store.transaction():
        ledger.upsert_debtors(store, [Debtor(code="C1", name="x")], now)
    store.close()
    reader = open_database(db_path, readonly=True)
    with pytest.raises(StoreError, match="read-only; nothing was written"):
        with reader.transaction():
            ledger.upsert_debtors(reader, [Debtor(code="C2", name="y")], now)
    assert reader.ledger.count_rows("debtors") == 1
    reader.close()


def _fill_disk(store: Store) -> None:
    """Simulate a full disk: SQLite may not grow the file by more than a few pages.

    ``PRAGMA max_page_count`` makes SQLite fail with SQLITE_FULL exactly as when
    the file system is full; no tmpfs or root is needed and the test is deterministic.
    """
    pages = raw_value(store, "PRAGMA page_count")
    raw_write(store, f"PRAGMA max_page_count = {pages + 2}")


def test_full_disk_during_a_bulk_write_writes_nothing(store, now):
    with store.transaction():
        ledger.upsert_debtors(store, [Debtor(code="KEEP", name="kept")], now)
    before = snapshot(store)
    _fill_disk(store)
    many = [Debtor(code=f"C{n}", name="n" * 300) for n in range(5000)]
    with pytest.raises(StoreError, match="disk is full; nothing was written"):
        with store.transaction():
            ledger.upsert_debtors(store, many, now)
    assert snapshot(store) == before
    assert not store.in_transaction
    raw_write(store, "PRAGMA max_page_count = 1073741823")  # space freed: work resumes
    with store.transaction():
        ledger.upsert_debtors(store, many[:10], now)
    assert snapshot(store)["debtors"] == before["debtors"] + 10


def test_full_disk_during_an_import_writes_nothing(store, now, tmp_path, imports):
    lines = [FEC_HEADER] + [
        fec_sale(
            str(n), f"CL{n}", f"Client {n} " + "x" * 100, "20260901", "120,00", "20,00", "100,00"
        )
        for n in range(1, 800)
    ]
    path = write(tmp_path, "big.txt", "\n".join(lines) + "\n")
    before = snapshot(store)
    _fill_disk(store)
    with pytest.raises(StoreError, match="disk is full"):
        imports.import_fec(store, path, now=now, config=SETTINGS)
    assert snapshot(store) == before


FULL_DISK_CHILD = """
import resource, signal, sys
from datetime import datetime
from callcenter.domain.models import Outcome
from callcenter.domain.settings import Config
from callcenter.service.outcomes import log_outcome
from callcenter.store import Store, StoreError, open_database

store = open_database(sys.argv[1])
now = datetime.fromisoformat(sys.argv[2])
store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # raw: empty the WAL file before the limit
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get the error back instead of dying
resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))  # no file may grow past 100 bytes
try:
    log_outcome(
        store, "C1", Outcome.NO_ANSWER, collector="alice", now=now, config=Config(), note="x"
    )
except StoreError as exc:
    print("REFUSED", exc)
else:
    print("WRITTEN")
"""


def test_full_disk_while_logging_an_outcome(store, db_path, now, outcomes):
    """The file system refuses to let the WAL grow (RLIMIT_FSIZE in a child process,
    the way a full partition does): the collector reads a plain sentence, and the
    database reopens intact without the call."""
    import subprocess
    import sys

    before = snapshot(store)
    store.close()
    child = subprocess.run(
        [sys.executable, "-c", FULL_DISK_CHILD, str(db_path), now.isoformat()],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.stdout.startswith("REFUSED"), child.stdout + child.stderr
    assert "nothing was written" in child.stdout
    assert "disk is full" in child.stdout or "disk reported an error" in child.stdout
    reopened = open_database(db_path)
    try:
        assert snapshot(reopened) == before
        assert store_admin.integrity_problems(reopened) == []
    finally:
        reopened.close()


def test_clock_far_in_the_future_is_seen_by_check(store, now):
    """A session with a wrong clock cannot hide: check flags calls dated ahead."""
    from callcenter.service.admin import check

    with store.transaction():
        ledger.upsert_debtors(store, [Debtor(code="C1", name="x")], now)
        raw_write(
            store,
            "INSERT INTO calls (debtor_code, collector, started_at, outcome)"
            " VALUES ('C1', 'a', ?, 'busy')",
            (instant_to_db(now + timedelta(days=400)),),
        )
    assert "calls_in_future" in {f.name for f in check(store, now=now).findings}


FULL_DISK_BACKUP_CHILD = """
import resource, signal, sys
from callcenter.service.admin import backup
from callcenter.store import Store, StoreError, open_database

store = open_database(sys.argv[1], readonly=True)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))  # the backup disk fills up at 8 KiB
try:
    backup(store, sys.argv[2])
except StoreError as exc:
    print("REFUSED", exc)
else:
    print("WRITTEN")
"""


def test_full_disk_during_a_backup_leaves_no_half_copy(store, db_path, now, tmp_path):
    import subprocess
    import sys

    with store.transaction():
        ledger.upsert_debtors(
            store, [Debtor(code=f"C{n}", name="x" * 100) for n in range(500)], now
        )
    target = tmp_path / "backups" / "team.db"
    target.parent.mkdir()
    child = subprocess.run(
        [sys.executable, "-c", FULL_DISK_BACKUP_CHILD, str(db_path), str(target)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.stdout.startswith("REFUSED"), child.stdout + child.stderr
    assert "backup failed, nothing written" in child.stdout
    assert list(target.parent.iterdir()) == []


CLI_TYPOS = [
    ("impossible date", ["promise", "--promise-date", "31/02", "--amount", "100"]),
    ("amount typo", ["promise", "--promise-date", "15/12/2026", "--amount", "12,3,4"]),
    ("negative amount", ["promise", "--promise-date", "15/12/2026", "--amount", "-50"]),
    ("unknown outcome", ["promis"]),
    ("gibberish callback", ["callback", "--callback-at", "bientôt"]),
    ("plan typo", ["payment_plan", "--instalment", "15/12=abc"]),
]


@pytest.mark.parametrize(("case", "words"), CLI_TYPOS, ids=[c[0] for c in CLI_TYPOS])
def test_typos_on_the_command_line_write_nothing(
    store, db_path, now, outcomes, capsys, monkeypatch, case, words
):
    from callcenter.cli import main

    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    before = snapshot(store)
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db_path), "--lang", "en", "--as", "alice", "log", "C1", *words])
    assert info.value.code not in (0, None), case
    err = " ".join(capsys.readouterr().err.split())
    assert "error" in err.lower() and "Traceback" not in err, err
    assert snapshot(store) == before, case


# -- the command-line catalogue (issue 11): message, exit 2, database unchanged -------------
#
# Each case is one file (or one option) a supervisor could really type or receive: the
# command must print one line naming the problem (file and line for a file), exit 2,
# never a traceback, and leave the database dump exactly as it was.

CLIENTS_HEAD = "code;name;segment;timezone;payment_terms_days;dunning_step;pending_orders;siren\n"
INVOICES_HEAD = "client_code;number;issue_date;due_date;amount;open_amount;currency;quote\n"
PAYMENTS_HEAD = "client_code;reference;date;amount\n"
CONTACTS_HEAD = "client_code;name;role;email\n"
BIG_CELL = '"' + "x" * (130 * 1024) + '"'


def _fec_with(**changes: str) -> str:
    text = good_fec()
    for old, new in changes.items():
        text = text.replace(old.replace("_", ""), new)
    return text


def _fec_sale_amounts(total: str, vat: str, net: str) -> str:
    """A balanced FEC whose one sale carries the given amounts."""
    return "\n".join([FEC_HEADER, fec_sale("1", "DUPONT", "Dupont", "20260901", total, vat, net)])


CSV_CASES = [
    # cut files
    ("cut amount", "invoices", INVOICES_HEAD + "A;N1;01/11/2026;;10", "inv.csv:2", "cut short"),
    ("cut mid-row", "invoices", INVOICES_HEAD + "A;N1;01/11/2026;;1000,00;1000,00\nA;N2;01/1",
     "inv.csv:3", "cut short"),
    ("cut short row", "clients", CLIENTS_HEAD + "K1;Kappa;pme\nK2;Lambda", "inv.csv:3",
     "cut short"),
    ("quote open at end", "clients", CLIENTS_HEAD + 'K1;"Dupont', "inv.csv:2", "still open"),
    ("quote open, line end", "clients", CLIENTS_HEAD + 'K1;"Dupont\n', "inv.csv:2", "still open"),
    ("cut after a quoted cell", "clients", CLIENTS_HEAD + 'K1;"Kappa";pme', "inv.csv:2",
     "cut short"),
    # the header
    ("repeated header", "clients", CLIENTS_HEAD + "K1;Kappa;pme\n" + CLIENTS_HEAD, "inv.csv:3",
     "header line again"),
    ("repeated header, other case", "clients",
     "code;name\nK1;Kappa\nCODE;Name\n", "inv.csv:3", "header line again"),
    ("duplicated column", "clients", "code;name;name\nK1;Kappa;Lambda\n", "inv.csv:1",
     "given twice"),
    ("duplicated column, other spelling", "clients", "code;Name;NAME \nK1;Kappa;L\n",
     "inv.csv:1", "given twice"),
    ("empty file", "clients", "", "inv.csv:1", "empty file"),
    ("blank header", "clients", " ; \nK1;x\n", "inv.csv:1", "empty file"),
    ("missing required column", "invoices", "client_code;number;amount\nA;N1;10,00\n",
     "inv.csv:1", "issue_date: missing column"),
    ("stray quote", "clients", 'code;name\nK1;"Kap"pa\n', "inv.csv:2", "not a readable CSV"),
    ("cell over 128 KiB", "clients", f"code;name\nK1;{BIG_CELL}\n", "inv.csv", "not a readable"),
    ("binary garbage", "clients", "code;name\n" + "\x00\x01\x02;\x03" * 50 + "\n", "inv.csv:2",
     "code"),
    # dates
    ("year 9999", "invoices", INVOICES_HEAD + "A;N1;31/12/9999;;10,00;;;\n", "inv.csv:2",
     "outside 1900-2200"),
    ("year 1899", "invoices", INVOICES_HEAD + "A;N1;1899-12-31;;10,00;;;\n", "inv.csv:2",
     "outside 1900-2200"),
    ("due year 9999", "invoices", INVOICES_HEAD + "A;N1;01/11/2026;01/01/9999;10,00;;;\n",
     "inv.csv:2", "due_date: date outside"),
    ("payment year 0001", "payments", PAYMENTS_HEAD + "A;V1;0001-01-01;10,00\n", "inv.csv:2",
     "date: date outside"),
    ("year 2201 compact", "payments", PAYMENTS_HEAD + "A;V1;22010101;10,00\n", "inv.csv:2",
     "outside"),
    ("31 February", "invoices", INVOICES_HEAD + "A;N1;31/02/2026;;10,00;;;\n", "inv.csv:2",
     "no such date"),
    ("two-digit year", "payments", PAYMENTS_HEAD + "A;V1;01/02/03;10,00\n", "inv.csv:2",
     "not a date"),
    # amounts
    ("20-digit amount", "invoices", INVOICES_HEAD + "A;N1;01/11/2026;;" + "9" * 20 + ";;;\n",
     "inv.csv:2", "not an amount"),
    ("15-digit amount", "invoices", INVOICES_HEAD + "A;N1;01/11/2026;;999999999999999;;;\n",
     "inv.csv:2", "beyond"),
    ("just over 10^12 EUR", "invoices",
     INVOICES_HEAD + "A;N1;01/11/2026;;1000000000000,01;;;\n", "inv.csv:2", "beyond"),
    ("minus 10^12 EUR and more", "invoices",
     INVOICES_HEAD + "A;N1;01/11/2026;;-1 000 000 000 001,00;;;\n", "inv.csv:2", "beyond"),
    ("open amount beyond", "invoices",
     INVOICES_HEAD + "A;N1;01/11/2026;;10,00;5000000000000;;\n", "inv.csv:2", "open_amount"),
    ("pending orders beyond", "clients",
     CLIENTS_HEAD + "K1;Kappa;pme;;;;2000000000000,00;\n", "inv.csv:2", "pending_orders"),
    ("payment beyond", "payments", PAYMENTS_HEAD + "A;V1;01/11/2026;10000000000000\n",
     "inv.csv:2", "beyond"),
    ("amount typo", "invoices", INVOICES_HEAD + "A;N1;01/11/2026;;12,3,4;;;\n", "inv.csv:2",
     "not an amount"),
    ("open above amount", "invoices", INVOICES_HEAD + "A;N1;01/11/2026;;10,00;20,00;;\n",
     "inv.csv:2", "must lie between"),
    ("zero payment", "payments", PAYMENTS_HEAD + "A;V1;01/11/2026;0\n", "inv.csv:2",
     "payment of 0"),
    # other cells
    ("unknown client", "invoices", INVOICES_HEAD + "ZZ;N1;01/11/2026;;10,00;;;\n", "inv.csv:2",
     "unknown client"),
    ("duplicate invoice", "invoices",
     INVOICES_HEAD + "A;N1;01/11/2026;;10,00;;;\nB;N1;01/11/2026;;10,00;;;\n"
     "A;N1;02/11/2026;;11,00;;;\n", "inv.csv:4", "already given on line 2"),
    ("duplicate client", "clients", CLIENTS_HEAD + "K1;Kappa\nK2;Lambda\nK1;Kappa bis\n",
     "inv.csv:4", "client 'K1' already given on line 2"),
    ("duplicate contact", "contacts", CONTACTS_HEAD + "A;Mme Roux;;\nA;Mme Roux;;\n",
     "inv.csv:3", "already given on line 2"),
    ("duplicate payment", "payments",
     PAYMENTS_HEAD + "A;V1;01/11/2026;10,00\nA;V1;02/11/2026;10,00\n", "inv.csv:3",
     "payment 'V1' already given"),
    ("unknown time zone", "clients", CLIENTS_HEAD + "K1;Kappa;pme;Europe/Pariss;;;;\n",
     "inv.csv:2", "unknown time zone"),
    ("terms over a year", "clients", CLIENTS_HEAD + "K1;Kappa;pme;;400;;;\n", "inv.csv:2",
     "between 0 and 365"),
    ("dunning step 12", "clients", CLIENTS_HEAD + "K1;Kappa;pme;;;12;;\n", "inv.csv:2",
     "between 0 and 9"),
    ("bad SIREN", "clients", CLIENTS_HEAD + "K1;Kappa;pme;;;;;12345\n", "inv.csv:2",
     "not a SIREN"),
    ("empty required cell", "clients", CLIENTS_HEAD + ";Kappa;pme;;;;;\n", "inv.csv:2",
     "code: empty, but required"),
    ("unknown role", "contacts", CONTACTS_HEAD + "A;M. Roux;astronaute;\n", "inv.csv:2",
     "unknown role"),
    ("bad e-mail", "contacts", CONTACTS_HEAD + "A;M. Roux;;roux.at.example\n", "inv.csv:2",
     "not an e-mail"),
    ("bad currency", "invoices", INVOICES_HEAD + "A;N1;01/11/2026;;10,00;;EURO;\n",
     "inv.csv:2", "currency"),
    ("bad yes/no", "invoices", INVOICES_HEAD + "A;N1;01/11/2026;;10,00;;;peut-être\n",
     "inv.csv:2", "not a yes/no"),
]  # fmt: skip


@pytest.fixture
def team_cli(store, db_path, now, monkeypatch, capsys, tmp_path, login):
    """The supervisors' ledger, and a runner returning (exit code, the one stderr line)."""
    from supervisor_ledger import build

    from callcenter.cli import main

    build(store, now)
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    monkeypatch.chdir(tmp_path)
    login("sam")

    def run(*argv: str) -> tuple[int, str]:
        before = list(store.conn.iterdump())  # raw: the whole file as SQL, to see nothing changed
        try:
            code = main(["--db", str(db_path), "--lang", "en", *argv])
        except SystemExit as exc:
            code = exc.code
        err = capsys.readouterr().err
        assert "Traceback" not in err, err
        assert list(store.conn.iterdump()) == before, "the database changed"
        return code, err

    return run


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize(
    ("case", "kind", "content", "where", "message"), CSV_CASES, ids=[c[0] for c in CSV_CASES]
)
def test_bad_csv_files_are_refused_whole(team_cli, tmp_path, case, kind, content, where, message):
    path = write(tmp_path, "inv.csv", content)
    code, err = team_cli("import", "csv", kind, str(path))
    line = _one_line(err)
    assert code == 2, case
    assert where in line and message in line, line
    assert "nothing was imported" in line


def test_a_cut_file_is_a_reject_with_skip_bad(team_cli, store, tmp_path):
    path = write(
        tmp_path, "inv.csv", INVOICES_HEAD + "A;N1;01/11/2026;;1000,00;;;\nA;N2;01/11/2026;;10"
    )
    from callcenter.cli import main

    code = main(["--db", str(store.path), "import", "csv", "invoices", str(path),
                 "--skip-bad", "--rejects", str(tmp_path / "rej.csv")])  # fmt: skip
    assert code == 0
    amounts = dict(raw_rows(store, "SELECT number, amount_cents FROM invoices"))
    assert amounts["N1"] == 100_000 and "N2" not in amounts  # never 10,00 €
    rejected = (tmp_path / "rej.csv").read_text(encoding="utf-8").splitlines()
    assert len(rejected) == 2 and "cut short" in rejected[1]


OPTION_CASES = [
    ("terms over a year", ["import", "csv", "invoices", "{inv}", "--terms", "400"],
     "between 0 and 365"),
    ("missing file", ["import", "csv", "clients", "{tmp}/nowhere.csv"], "no such file"),
    ("folder as input", ["import", "fec", "{tmp}"], "is a folder"),
    ("rejects onto the input", ["import", "csv", "invoices", "{inv}", "--skip-bad",
                                "--rejects", "{inv}"], "cannot be the file being imported"),
    ("rejects without skip-bad", ["import", "csv", "invoices", "{inv}", "--rejects", "r.csv"],
     "only makes sense with --skip-bad"),
    ("rejects onto the database", ["import", "csv", "invoices", "{inv}", "--skip-bad",
                                   "--rejects", "{db}", "--dry-run"], "live database"),
    ("rejects into a missing folder", ["import", "csv", "invoices", "{inv}", "--skip-bad",
                                       "--rejects", "{tmp}/no/r.csv"], "does not exist"),
    ("map to an unknown column", ["import", "csv", "clients", "{cli}", "--map", "code=numero"],
     "not a clients column"),
    ("map from a missing column", ["import", "csv", "clients", "{cli}", "--map", "Raison=name"],
     "no such column"),
    ("map that duplicates a column", ["import", "csv", "clients", "{cli}", "--map",
                                      "segment=name"], "given twice"),
    ("export onto the database", ["export", "calls", "--output", "{db}"], "live database"),
    ("export onto the wal", ["export", "calls", "--output", "{db}-wal", "--force"],
     "live database"),
    ("export into a missing folder", ["export", "calls", "--output", "{tmp}/no/c.csv"],
     "does not exist"),
    ("export onto a folder", ["export", "queue", "--output", "{tmp}"], "is a folder"),
    ("export over an existing file", ["export", "queue", "--output", "{inv}"],
     "already exists; add --force"),
    ("backup onto the database", ["backup", "{db}", "--force"], "live database"),
    ("backup into a missing folder", ["backup", "{tmp}/no/b.db"], "does not exist"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "argv", "message"), OPTION_CASES, ids=[c[0] for c in OPTION_CASES]
)
def test_bad_options_and_targets_are_refused(team_cli, db_path, tmp_path, case, argv, message):
    inv = write(tmp_path, "inv.csv", INVOICES_HEAD + "A;N1;01/11/2026;;10,00;;;\nA;N1;x;;;;;\n")
    cli = write(tmp_path, "cli.csv", CLIENTS_HEAD + "K1;Kappa;pme;;;;;\n")
    names = {"inv": inv, "cli": cli, "db": db_path, "tmp": tmp_path}
    code, err = team_cli(*(word.format(**names) for word in argv))
    line = _one_line(err)
    assert code == 2 and message in line, line


FEC_CASES = [
    ("fec year 9999", _fec_with(**{"20260915": "99991231"}), "outside 1900-2200"),
    ("fec year 1800", _fec_with(**{"20260901": "18000901"}), "outside 1900-2200"),
    ("fec 20-digit amounts", _fec_sale_amounts("9" * 18 + ",00", "0,00", "9" * 18 + ",00"),
     "beyond"),
    ("fec beyond 10^12 EUR", _fec_sale_amounts("2000000000000,00", "0,00", "2000000000000,00"),
     "beyond"),
    ("fec quoted line over 128 KiB",
     good_fec().replace("\tFacture\t1200,00", f"\t{BIG_CELL}\t1200,00", 1), "not a readable"),
    ("fec cut last line", good_fec()[: good_fec().rindex("\t445710") + 12], "short row"),
    ("fec empty", "", "empty"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "content", "message"), FEC_CASES, ids=[c[0] for c in FEC_CASES])
def test_bad_fec_files_are_refused_whole(team_cli, tmp_path, case, content, message):
    path = write(tmp_path, "ledger.txt", content)
    code, err = team_cli("import", "fec", str(path))
    line = _one_line(err)
    assert code == 2 and "ledger.txt:" in line and message in line, line


CONFIG_CASES = [
    ("config not UTF-8", "[queue]\n# r\xe9glages\nskip_delay_minutes = 5\n".encode("latin-1"),
     "not UTF-8"),
    ("config huge lease", b"[queue]\nclaim_lease_minutes = 1000000000000000000000000\n",
     "from 1 to 1440"),
    ("config zero retry", b"[queue]\nretry_delays_minutes = [0]\n", "from 1 to 10080"),
    ("config negative weight", b"[queue.weights]\namount = -1\n", "from 0 to 100000"),
    ("config huge segment", b"[queue.segments]\npme = 99999999999\n", "-100000 to 100000"),
    ("config rate over 100 %", b"[legal]\necb_rate_bp = 20000\n", "from 0 to 10000"),
    ("config grace of a year", b"[queue]\npromise_grace_days = 365\n", "from 0 to 60"),
    ("config not TOML", b"[queue\n", "not valid TOML"),
    ("config unknown key", b"[queue]\nretry = 5\n", "unknown key"),
    ("config bad window", b'[hours]\nwindows = ["18:00-09:00"]\n', "end after they start"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "content", "message"), CONFIG_CASES, ids=[c[0] for c in CONFIG_CASES]
)
def test_bad_settings_files_are_refused(team_cli, tmp_path, case, content, message):
    path = write(tmp_path, "settings.toml", content)
    code, err = team_cli("--config", str(path), "queue")
    line = _one_line(err)
    assert code == 2 and "settings.toml" in line and message in line, line


def test_settings_file_that_is_a_folder_or_missing(team_cli, tmp_path):
    for target, message in ((tmp_path, "is a folder"), (tmp_path / "none.toml", "no such")):
        code, err = team_cli("--config", str(target), "queue")
        assert code == 2 and message in _one_line(err)


def test_the_catalogue_holds_sixty_distinct_inputs():
    inputs = [("csv", c[2]) for c in CSV_CASES] + [tuple(c[1]) for c in OPTION_CASES]
    inputs += [("fec", c[1]) for c in FEC_CASES] + [c[1] for c in CONFIG_CASES]
    assert len(set(inputs)) == len(inputs) >= 60
