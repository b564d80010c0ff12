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

from callcenter.domain.models import Contact, Debtor, Invoice, Outcome
from callcenter.domain.money import AmountError, parse_amount
from callcenter.store import admin as store_admin
from callcenter.store import ledger
from callcenter.store.codec import instant_to_db
from callcenter.store.db import SchemaTooNew, Store, StoreError

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
    imports.import_fec(store, write(tmp_path, "ok.txt", good_fec()), now=now)
    names = {d["name"] for d in store.db["debtors"].rows}
    assert names == {"Dupont SARL", "Société Martin"}


def _refused(store, now, tmp_path, imports, bad_input, name, content, *expected):
    path = write(tmp_path, name, content)
    before = snapshot(store)
    with pytest.raises(bad_input) as info:
        imports.import_fec(store, path, now=now)
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
        imports.import_fec(store, path, now=now)
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
    imports.import_fec(store, path, now=now)
    names = {d["name"] for d in store.db["debtors"].rows}
    assert "Société Martin & Fils €" in names


def test_utf16_export_is_read_right_or_refused(store, now, tmp_path, imports, bad_input):
    """A spreadsheet's "Unicode text": either decoded properly or refused, never mojibake."""
    path = write(tmp_path, "utf16.txt", good_fec(), "utf-16")
    before = snapshot(store)
    try:
        imports.import_fec(store, path, now=now)
    except bad_input as exc:
        assert "utf16.txt" in str(exc)
        assert snapshot(store) == before
    else:
        assert {d["name"] for d in store.db["debtors"].rows} == {"Dupont SARL", "Société Martin"}


def test_hostile_names_are_kept_as_text_and_never_act_on_the_terminal(
    store, now, tmp_path, imports
):
    text = good_fec().replace("Dupont SARL", HOSTILE_NAME)
    imports.import_fec(store, write(tmp_path, "hostile.txt", text), now=now)
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
    imports.import_fec(store, write(tmp_path, "hostile.txt", text), now=now)
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
        imports.import_csv(store, "payments", path, now=now)
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
    queue.rescore(store, now=now)
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
        outcomes.log_outcome(store, code, outcome, collector="alice", now=now, **extra)
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
        )
    assert snapshot(store) == before


def test_hostile_note_is_stored_as_text_and_shown_clean(store, now, outcomes):
    from callcenter.domain.text import clean
    from callcenter.service.dossier import dossier

    note = "rappeler [link=http://x]ici[/link] \x1b[31mURGENT\x1b[0m \u202egnp.exe 😀"
    outcomes.log_outcome(store, "C1", Outcome.NO_ANSWER, collector="alice", now=now, note=note)
    shown = clean(dossier(store, "C1", today=now.date()).calls[0].note, multiline=True)
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "[link=http://x]ici[/link]" in shown and "URGENT" in shown and "😀" in shown


def test_undo_of_an_unknown_call_is_refused(store, now, outcomes):
    before = snapshot(store)
    with pytest.raises(outcomes.OutcomeError):
        outcomes.undo_outcome(store, 99999, collector="alice", now=now)
    assert snapshot(store) == before


# -- databases -----------------------------------------------------------------------


def test_database_from_a_newer_version_is_refused_untouched(db_path):
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNew, match="99 is newer.*upgrade callcenter"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_garbage_file_as_database(tmp_path):
    path = tmp_path / "team.db"
    path.write_bytes(b"this is not sqlite at all\x00\xff" * 200)
    path.chmod(0o660)
    with pytest.raises(StoreError, match="not a callcenter database"):
        Store.open(path)


def test_truncated_database_is_refused_or_reported(tmp_path, now):
    """A copy cut in half (full disk during scp): opening refuses, or check says damaged."""
    path = tmp_path / "team.db"
    store = Store.open(path)
    with store.transaction():
        ledger.upsert_debtors(
            store, [Debtor(code=f"C{n}", name="x" * 200) for n in range(2000)], now
        )
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    from callcenter.service.admin import check

    try:
        damaged = Store.open(path, readonly=True)
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
    store = Store.open(db_path)
    with store.transaction():
        ledger.upsert_debtors(store, [Debtor(code="C1", name="x")], now)
    store.close()
    reader = Store.open(db_path, readonly=True)
    with pytest.raises(StoreError, match="read-only; nothing was written"):
        with reader.transaction():
            ledger.upsert_debtors(reader, [Debtor(code="C2", name="y")], now)
    assert reader.conn.execute("SELECT count(*) FROM debtors").fetchone() == (1,)
    reader.close()


def _fill_disk(store: Store) -> None:
    """Simulate a full disk: SQLite may not grow the file by more than a few pages.

    ``PRAGMA max_page_count`` makes SQLite fail with SQLITE_FULL exactly as when
    the file system is full; no tmpfs or root is needed and the test is deterministic.
    """
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")


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
    assert not store.conn.in_transaction
    store.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed: work resumes
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
        imports.import_fec(store, path, now=now)
    assert snapshot(store) == before


FULL_DISK_CHILD = """
import resource, signal, sys
from datetime import datetime
from callcenter.domain.models import Outcome
from callcenter.service.outcomes import log_outcome
from callcenter.store.db import Store, StoreError

store = Store.open(sys.argv[1])
now = datetime.fromisoformat(sys.argv[2])
store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get the error back instead of dying
resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))  # no file may grow past 100 bytes
try:
    log_outcome(store, "C1", Outcome.NO_ANSWER, collector="alice", now=now, note="x")
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
    reopened = Store.open(db_path)
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
        store.conn.execute(
            "INSERT INTO calls (debtor_code, collector, started_at, outcome)"
            " VALUES ('C1', 'a', ?, 'busy')",
            (instant_to_db(now + timedelta(days=400)),),
        )
    assert "calls_in_future" in {f.name for f in check(store, now=now).findings}


FULL_DISK_BACKUP_CHILD = """
import resource, signal, sys
from callcenter.service.admin import backup
from callcenter.store.db import Store, StoreError

store = Store.open(sys.argv[1], readonly=True)
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
        main(["--db", str(db_path), "--as", "alice", "log", "C1", *words])
    assert info.value.code not in (0, None), case
    err = " ".join(capsys.readouterr().err.split())
    assert "error" in err.lower() and "Traceback" not in err, err
    assert snapshot(store) == before, case
