"""Turning :class:`Figures` into table rows and drill targets, one function per panel.

Kept apart from the screen so the layout code stays short and each panel's
content can be read (and tested) on its own. Untrusted names become
``rich.text.Text`` after :func:`clean`, so markup in a name is shown as typed.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from callcenter.domain.agent_day import AgentDay
from callcenter.domain.calling import AgentState, clock
from callcenter.domain.figures import AGING_BUCKETS, Figures, QueueCounts, format_percent
from callcenter.domain.text import one_line
from callcenter.i18n import Locale
from callcenter.service.figures import Drill
from callcenter.tui.supervisor.bars import bar
from callcenter.tui.supervisor.figure_table import Target

Rows = list[list[Text | str]]
Targets = dict[tuple[int, int], Target]
QUEUE_STATES = ("due_now", "due_later", "callback", "promise", "dispute", "hold", "in_call")
TODAY_FIELDS = ("calls", "right_party", "promises_made", "promised", "falling_due", "broken")
_TODAY_DRILLS = {
    "calls": "calls_today",
    "right_party": "right_party_today",
    "promises_made": "promises_made_today",
    "promised": "promises_made_today",
    "falling_due": "promises_due_today",
    "broken": "broken_today",
}
AGING_BAR_WIDTH = 16
_FLOW_COLUMNS = ("fig.collector", "fig.promised", "fig.kept", "fig.collected")


def num(value: int | str) -> Text:
    return Text(str(value), justify="right")


def name_cell(value: str | None, width: int = 30) -> Text:
    return Text(one_line(value or "", width))


def _collector_label(ui: Locale, name: str) -> Text:
    return name_cell(name, 16) if name else Text(ui.t("fig.nobody"), style="dim")


def queue_panel(fig: Figures, ui: Locale) -> tuple[list[str], Rows, Targets]:
    columns = [ui.t("fig.collector")] + [ui.t(f"fig.state.{s}") for s in QUEUE_STATES]
    entries: list[tuple[Text, str | None, QueueCounts]] = [
        (Text(ui.t("fig.all"), style="bold"), None, fig.queue)
    ]
    entries += [
        (_collector_label(ui, q.collector), q.collector, q.counts) for q in fig.queue_by_collector
    ]
    rows: Rows = []
    targets: Targets = {}
    for r, (label, collector, counts) in enumerate(entries):
        rows.append([label, *(num(getattr(counts, s)) for s in QUEUE_STATES)])
        for c, state in enumerate(QUEUE_STATES, start=1):
            who = collector if collector else None
            title = f"{ui.t('fig.queue')}: {ui.t(f'fig.state.{state}')}"
            if collector:
                title += f" ({collector})"
            # Unassigned debtors ('') are reached through "All": there is no '' collector.
            if collector == "":
                continue
            targets[(r, c)] = (Drill("queue", state, who), title)
    return columns, rows, targets


def today_panel(fig: Figures, ui: Locale) -> tuple[list[str], Rows, Targets]:
    columns = [ui.t("fig.collector")] + [ui.t(f"fig.{f}") for f in TODAY_FIELDS]
    rows: Rows = []
    targets: Targets = {}
    for r, day in enumerate(fig.today):
        values = {
            "calls": num(day.calls),
            "right_party": num(day.right_party),
            "promises_made": num(day.promises_made),
            "promised": num(ui.short_money(day.promised_cents)),
            "falling_due": num(f"{day.falling_due} · {ui.short_money(day.falling_due_cents)}"),
            "broken": num(f"{day.broken} · {ui.short_money(day.broken_cents)}"),
        }
        rows.append([name_cell(day.collector, 16), *(values[f] for f in TODAY_FIELDS)])
        for c, field in enumerate(TODAY_FIELDS, start=1):
            title = f"{ui.t(f'fig.{field}')} ({day.collector})"
            targets[(r, c)] = (Drill(_TODAY_DRILLS[field], collector=day.collector), title)
    return columns, rows, targets


def kpi_panel(fig: Figures, ui: Locale) -> tuple[list[str], Rows, Targets]:
    lang = ui.lang
    dso = "—" if fig.dso is None else ui.t("dash.kpi.days", value=f"{fig.dso:.0f}")
    entries: list[tuple[str, str, str, Drill | None]] = [
        (
            "fig.kept_rate",
            f"{format_percent(fig.promise_kept_rate, lang)}",
            f"{fig.promises_kept}/{fig.promises_fell_due}",
            Drill("promises_fell_due"),
        ),
        (
            "dash.kpi.rpc",
            f"{format_percent(fig.right_party_rate, lang)}",
            f"{fig.right_party_calls}/{fig.calls_made}",
            Drill("right_party_period"),
        ),
        ("dash.kpi.cei", format_percent(fig.cei, lang), "", Drill("largest")),
        ("dash.kpi.dso", dso, "", Drill("largest")),
        ("dash.kpi.open", ui.short_money(fig.total_open_cents), "", Drill("largest")),
    ]
    written = fig.written
    entries += [
        ("funnel.count.sent_today", f"{written.emails} · {written.letters}", "", None),
        ("funnel.count.trouble", f"{written.failed} · {written.awaiting}", "", None),
    ]
    rows: Rows = []
    targets: Targets = {}
    for r, (key, value, detail, drill) in enumerate(entries):
        rows.append([ui.t(key), num(value), num(detail)])
        if drill is not None:
            targets[(r, -1)] = (drill, ui.t(key))
    return [ui.t("dash.col.figure"), ui.t("dash.col.value"), ""], rows, targets


def aging_panel(fig: Figures, ui: Locale) -> tuple[list[str], Rows, Targets]:
    biggest = max((row.amount_cents for row in fig.aging), default=0)
    by_bucket = {row.bucket: row for row in fig.aging}
    rows: Rows = []
    targets: Targets = {}
    for r, bucket in enumerate(AGING_BUCKETS):
        row = by_bucket[bucket]
        style = "green" if bucket == "not_due" else ("red" if bucket == "over_90" else "yellow")
        rows.append(
            [
                ui.t(f"dash.bucket.{bucket}"),
                Text(
                    bar(row.amount_cents, biggest, AGING_BAR_WIDTH).ljust(AGING_BAR_WIDTH),
                    style=style,
                ),
                num(ui.short_money(row.amount_cents)),
                num(row.lines),
            ]
        )
        targets[(r, -1)] = (
            Drill("aging", bucket),
            f"{ui.t('fig.aging')}: {ui.t(f'dash.bucket.{bucket}')}",
        )
    columns = ["fig.past_due", "dash.col.chart", "col.amount", "dash.col.lines"]
    return [ui.t(c) for c in columns], rows, targets


def flow_panel(fig: Figures, ui: Locale) -> tuple[list[str], Rows, Targets]:
    """Collectors first (each cell opens its debtors), then campaigns (totals only)."""
    rows: Rows = []
    targets: Targets = {}
    for r, entry in enumerate(fig.by_collector):
        if not entry.key:
            continue
        for c, kind in ((1, "promises_made_30d"), (2, "promises_made_30d"), (3, "collected_30d")):
            title = f"{ui.t('dash.panel.flow')}: {ui.t(_FLOW_COLUMNS[c])} ({entry.key})"
            targets[(r, c)] = (Drill(kind, collector=entry.key), title)
    for entry in (*fig.by_collector, *fig.by_campaign):
        rows.append(
            [
                name_cell(entry.key, 18) if entry.key else Text(ui.t("fig.nobody"), style="dim"),
                num(ui.short_money(entry.promised_cents)),
                num(ui.short_money(entry.kept_cents)),
                num(ui.short_money(entry.collected_cents)),
            ]
        )
    return [ui.t(c) for c in _FLOW_COLUMNS], rows, targets


def largest_panel(fig: Figures, ui: Locale) -> tuple[list[str], Rows, Targets]:
    rows: Rows = [
        [
            name_cell(d.code, 12),
            name_cell(d.name, 32),
            name_cell(d.collector, 12),
            num(ui.short_money(d.amount_cents)),
            num(d.detail),
        ]
        for d in fig.largest
    ]
    columns = [
        "col.code",
        "col.debtor",
        "fig.collector",
        "col.amount",
        "col.late",
    ]
    return [ui.t(c) for c in columns], rows, {}


AGENT_COLUMNS = ("collector", "state", "for", "debtor", "calls", "talk", "wrap_up", "pause", "cph")


def agents_panel(days: list[AgentDay], now: datetime, ui: Locale) -> tuple[list[str], Rows]:
    """The live board: each collector's state, since when, debtor in hand, the day's times."""
    rows: Rows = []
    for day in days:
        paused = f" ({ui.pause_reason(day.reason)})" if day.reason else ""
        state = ui.t(f"state.{day.state.value}") + paused
        rows.append(
            [
                name_cell(day.collector, 16),
                Text(state, style="yellow" if day.state is AgentState.PAUSED else ""),
                num(clock(now - day.since) if day.since else ""),
                name_cell(day.debtor_code, 12),
                num(day.calls),
                num(clock(day.talk)),
                num(clock(day.wrap_up)),
                num(clock(day.paused)),
                num(f"{day.calls_per_hour:.1f}"),
            ]
        )
    return [ui.t(f"agents.{c}") for c in AGENT_COLUMNS], rows
