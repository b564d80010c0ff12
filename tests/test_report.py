"""The supervisor's report rendered on the hand-made ledger of supervisor_ledger.py.

The figures worked out by hand in test_figures.py must be found in the page,
each where a reader looks for it; names from the ledger print as text.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import PARIS
from sqlfile import raw_write
from supervisor_ledger import build

from callcenter.cli import main
from callcenter.domain.models import Debtor
from callcenter.i18n import detect_locale
from callcenter.report.html import render_html
from callcenter.service.figures import calendar_months, figures
from callcenter.service.report import collector_day, supervisor_report
from callcenter.service.users import PermissionDenied
from callcenter.store.statements import ledger as ledger_store

OCTOBER = {"since": date(2026, 10, 1), "until": date(2026, 10, 31)}
NBSP = "\u00a0"


@pytest.fixture
def ledger(store, now):
    build(store, now)
    return store


def text_of(html: str, pattern: str) -> str:
    """The text (tags dropped, spaces collapsed) of the first match of ``pattern``."""
    found = re.search(pattern, html, re.S)
    assert found, pattern
    words = re.sub(r"<[^>]+>", " ", found.group(1)).replace("&nbsp;", " ")
    return " ".join(words.replace(NBSP, " ").replace("\u202f", " ").split())


def row(html: str, first_cell: str) -> str:
    return text_of(html, rf"(<tr[^>]*><td>{re.escape(first_cell)}</td>.*?)</tr>")


def card(html: str, card_id: str) -> str:
    return text_of(html, rf'id="{card_id}">(.*?)</div></div>')


def money(cents: int) -> str:
    shown = detect_locale("fr").money(cents)
    return " ".join(shown.replace(NBSP, " ").replace("\u202f", " ").split())


def test_the_period_figures_are_in_the_page(ledger, now):
    page = render_html(supervisor_report(ledger, now=now, actor="sam", tz=PARIS, **OCTOBER),
                       detect_locale("fr"), PARIS)  # fmt: skip
    # Simple DSO = 3 500 / 700 × 31 days; CEI = 1 000 / 3 700 (test_figures).
    assert card(page, "dso") == "DSO simple 155,0 jours"
    assert card(page, "cei") == "CEI (efficacité du recouvrement) 27,0 %"
    # Promised in October and judged: B's 250 on 10-05, kept. No call in October.
    assert card(page, "kept-rate") == "Promesses tenues 100,0 % (1/1)"
    assert card(page, "rpc-rate").endswith("— (0/0)")
    assert row(page, "Encours au début") == f"Encours au début {money(380_000)}"
    assert row(page, "Ventes à crédit") == f"Ventes à crédit {money(70_000)}"
    assert row(page, "Encours à la fin") == f"Encours à la fin {money(350_000)}"
    assert row(page, "&nbsp;&nbsp;dont non échu") == f"dont non échu {money(80_000)}"
    assert "du 01/10/2026 au 31/10/2026 — toute l&#39;équipe" in page


def test_aging_and_promised_vs_collected_are_in_the_page(ledger, now):
    page = render_html(supervisor_report(ledger, now=now, actor="sam", tz=PARIS),
                       detect_locale("fr"), PARIS)  # fmt: skip
    assert row(page, "non échu") == f"non échu {money(30_000)} 1"
    assert row(page, "1 à 30 j") == f"1 à 30 j {money(40_000)} 2"  # A2 + the −100 credit note
    assert row(page, "61 à 90 j") == f"61 à 90 j {money(60_000)} 1"
    assert row(page, "plus de 90 j") == f"plus de 90 j {money(200_000)} 1"
    # Promised, kept, collected over the 30 days to today (test_promised_vs_collected).
    assert row(page, "alice") == f"alice {money(100_000)} {money(20_000)} {money(20_000)}"
    assert row(page, "bob") == f"bob {money(140_000)} {money(10_000)} {money(0)}"
    # The ledger's names print as text: Rich markup stays literal, like on screen.
    assert "[bold]Boulangerie[/] Brun" in page
    # Charts are SVG drawn by the page itself: no script anywhere.
    assert page.count("<svg") == 1 + 1 + 4  # aging, per collector, four trends
    assert "<script" not in page


def test_the_trend_shows_each_month_with_the_dashboards_definitions(ledger, now):
    report = supervisor_report(ledger, now=now, actor="sam", tz=PARIS)
    assert [m.period for m in report.trend] == calendar_months(date(2026, 11, 24), 12)
    october = report.trend[-2]
    same = figures(ledger, now=now, actor="sam", **OCTOBER)
    assert (october.dso, october.cei) == (same.dso, same.cei)
    page = render_html(report, detect_locale("fr"), PARIS)
    assert row(page, "oct. 2026") == "oct. 2026 155,0 jours 27,0 % 100,0 % (1/1) — (0/0)"
    # November so far: kept 1 of 3 judged; right party 2 of 5 calls (test_rates_...).
    assert row(page, "nov. 2026").endswith("33,3 % (1/3) 40,0 % (2/5)")
    english = render_html(report, detect_locale("en"), PARIS)
    assert row(english, "Oct 2026") == "Oct 2026 155.0 days 27.0 % 100.0 % (1/1) — (0/0)"


def test_calendar_months_cut_the_last_one_at_the_day():
    months = calendar_months(date(2026, 3, 15), 3)
    assert [(m.since, m.until) for m in months] == [
        (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 3, 15)),
    ]


def test_untrusted_names_are_escaped(ledger, now):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    with ledger.transaction():
        ledger_store.upsert_debtors(ledger, [Debtor(code="E", name=hostile)], now)
        raw_write(
            ledger,
            "INSERT INTO queue_state (debtor_code, state, overdue_cents, oldest_days)"
            " VALUES ('E', 'due', 999999, 400)",
        )
    page = render_html(supervisor_report(ledger, now=now, actor="sam", tz=PARIS),
                       detect_locale("en"), PARIS)  # fmt: skip
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x" in page


def test_a_collectors_day(ledger, now):
    report = collector_day(ledger, now=now, actor="sam", collector="alice", tz=PARIS)
    assert report.figures.scope.collector == "alice"
    assert report.figures.period.since == report.figures.period.until == date(2026, 11, 24)
    page = render_html(report, detect_locale("fr"), PARIS)
    assert "<h1>Journée de alice</h1>" in page and "le mardi 24/11/2026" in page
    # Today alice made calls 1, 2 and 8 (3 is a skip); call 1 reached the right party.
    assert card(page, "rpc-rate").endswith("33,3 % (1/3)")
    assert "bob" not in page
    with pytest.raises(PermissionDenied):
        collector_day(ledger, now=now, actor="bob", collector="alice", tz=PARIS)


# -- the command ---------------------------------------------------------------------------
@pytest.fixture
def cli(ledger, db_path, now, monkeypatch, capsys, login):
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())

    def run(*argv: str, actor: str = "sam") -> tuple[int, str, str]:
        login(actor)
        try:
            code = main(["--db", str(db_path), *argv])
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


def pdf_or_skip() -> None:
    """WeasyPrint needs the Pango library: skip, saying so, on a machine without it."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"no PDF here: WeasyPrint cannot load ({str(exc).splitlines()[0]})")


def test_report_command_writes_html_and_pdf(cli, tmp_path, db_path):
    pdf_or_skip()
    code, out, _ = cli("--lang", "fr", "report", "--month", "last")
    assert code == 0 and "du 01/10/2026 au 31/10/2026" in out and "155,0 jours" in out
    target = tmp_path / "report.pdf"
    code, out, err = cli("--lang", "en", "report", "--format", "pdf", "-o", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF-")
    assert target.stat().st_mode & 0o777 == db_path.stat().st_mode & 0o777
    assert f"report written to {target}" in out


def test_report_command_refuses_what_it_should(cli, tmp_path):
    mine = tmp_path / "notes.html"
    mine.write_text("my notes")
    code, _, err = cli("--lang", "en", "report", "-o", str(mine))
    assert code == 2 and mine.read_text() == "my notes"
    code, _, err = cli("--lang", "en", "report", "--format", "pdf")
    assert code == 2 and "--output FILE.pdf" in err
    code, _, err = cli("--lang", "en", "report", "--collector", "alice", "--day", actor="bob")
    assert code == 1 and "bob may not see the figures of alice" in err
    code, out, _ = cli("report", "--day", actor="alice")
    assert code == 0 and "Journée de alice" in out
