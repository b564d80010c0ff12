"""``callcenter stats`` as text: the dashboard's figures in a few Rich tables, in fr or en."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from callcenter.domain.figures import AGING_BUCKETS, Figures, format_percent, format_rate
from callcenter.domain.text import clean
from callcenter.i18n import Locale

#: The dashboard's queue columns, in its order.
QUEUE_STATES = ("due_now", "due_later", "callback", "promise", "dispute", "hold", "in_call")
TODAY_FIELDS = ("calls", "right_party", "promises_made", "promised", "falling_due", "broken")


def print_stats(console: Console, result: Figures, ui: Locale) -> None:
    """Every table of the dashboard, in its order: the queue, the rates and receivables,
    today per collector, the day's written messages, aging, promised vs collected, the
    largest debtors."""
    console.print(_heading(result, ui), style="bold")
    console.print(_queue(result, ui))
    console.print(_rates(result, ui))
    console.print(_today(result, ui))
    console.print(_written(result, ui))
    console.print(_aging(result, ui))
    console.print(_flow(result, ui))
    console.print(_largest(result, ui))


def _right(value: object) -> Text:
    return Text(str(value), justify="right")


def _who(ui: Locale, name: str | None) -> Text:
    return Text(clean(name)) if name else Text(ui.t("fig.nobody"), style="dim")


def _queue(result: Figures, ui: Locale) -> Table:
    columns = [ui.t("fig.collector"), *(ui.t(f"fig.state.{s}") for s in QUEUE_STATES)]
    # Eight columns at 80: without vertical rules no header is cut to "Promes…".
    table = Table(*columns, title=ui.t("fig.queue"), title_justify="left", box=box.SIMPLE_HEAD)
    rows = [(Text(ui.t("fig.all"), style="bold"), result.queue)]
    rows += [(_who(ui, q.collector), q.counts) for q in result.queue_by_collector]
    for who, counts in rows:
        table.add_row(who, *(_right(getattr(counts, s)) for s in QUEUE_STATES))
    return table


def _today(result: Figures, ui: Locale) -> Table:
    columns = [ui.t("fig.collector"), *(ui.t(f"fig.{f}") for f in TODAY_FIELDS)]
    table = Table(*columns, title=ui.t("fig.today"), title_justify="left")
    for day in result.today:
        table.add_row(
            _who(ui, day.collector),
            _right(day.calls),
            _right(day.right_party),
            _right(day.promises_made),
            _right(ui.money(day.promised_cents)),
            _right(f"{day.falling_due} · {ui.money(day.falling_due_cents)}"),
            _right(f"{day.broken} · {ui.money(day.broken_cents)}"),
        )
    return table


#: The written funnel's day, as the dashboard counts it (WrittenDay's fields).
WRITTEN_FIELDS = ("emails", "letters", "failed", "awaiting")


def _written(result: Figures, ui: Locale) -> Table:
    """E-mails and letters out today, today's failures, the steps awaiting approval."""
    columns = [ui.t(f"funnel.count.{f}") for f in WRITTEN_FIELDS]
    table = Table(*columns, title=ui.t("funnel.count.title"), title_justify="left")
    table.add_row(*(_right(getattr(result.written, f)) for f in WRITTEN_FIELDS))
    return table


def _flow(result: Figures, ui: Locale) -> Table:
    """The period's totals (the dashboard's flow chart), then per collector and campaign."""
    keys = ("fig.collector", "fig.promised", "fig.kept", "fig.collected")
    table = Table(*(ui.t(k) for k in keys), title=ui.t("stats.flow"), title_justify="left")
    promised = sum(day.promised_cents for day in result.flow)
    collected = sum(day.collected_cents for day in result.flow)
    total = Text(ui.t("stats.flow.total"), style="bold")
    table.add_row(total, _right(ui.money(promised)), _right(""), _right(ui.money(collected)))
    entries = [(_who(ui, e.key), e) for e in result.by_collector]
    entries += [(Text(ui.t("fig.campaign", name=clean(e.key))), e) for e in result.by_campaign]
    for who, entry in entries:
        table.add_row(
            who,
            _right(ui.money(entry.promised_cents)),
            _right(ui.money(entry.kept_cents)),
            _right(ui.money(entry.collected_cents)),
        )
    return table


def _heading(result: Figures, ui: Locale) -> Text:
    period = result.period
    head = ui.t("stats.title", since=ui.date(period.since), until=ui.date(period.until))
    who = result.scope.collector or ui.t("fig.everyone")
    parts = [head, who]
    if result.scope.campaign_name:
        parts.append(ui.t("fig.campaign", name=result.scope.campaign_name))
    return Text(clean(" — ".join(parts)))


def _rates(result: Figures, ui: Locale) -> Table:
    lang, ledger = ui.lang, result.ledger
    dso = "—" if result.dso is None else ui.t("fig.days", value=f"{result.dso:.1f}")
    rows = [
        ("fig.kept_rate", format_rate(result.promises_kept, result.promises_fell_due, lang)),
        ("fig.rpc", format_rate(result.right_party_calls, result.calls_made, lang)),
        ("fig.cei", format_percent(result.cei, lang)),
        ("fig.dso", dso.replace(".", ",") if lang == "fr" else dso),
        ("fig.opening", ui.money(ledger.opening_cents)),
        ("fig.sales", ui.money(ledger.credit_sales_cents)),
        ("fig.closing", ui.money(ledger.closing_cents)),
        ("stats.current", ui.money(ledger.closing_current_cents)),
    ]
    table = Table(show_header=False, box=None)
    for key, value in rows:
        table.add_row(ui.t(key), Text(value, justify="right"))
    return table


def _aging(result: Figures, ui: Locale) -> Table:
    table = Table(ui.t("fig.aging"), ui.t("col.amount"), ui.t("fig.lines"))
    by_bucket = {row.bucket: row for row in result.aging}
    for bucket in AGING_BUCKETS:
        row = by_bucket[bucket]
        table.add_row(
            ui.t(f"fig.bucket.{bucket}"),
            Text(ui.money(row.amount_cents), justify="right"),
            Text(str(row.lines), justify="right"),
        )
    return table


def _largest(result: Figures, ui: Locale) -> Table:
    keys = ("col.code", "col.debtor", "fig.collector", "col.overdue", "col.late")
    table = Table(*(ui.t(k) for k in keys), title=ui.t("fig.largest"))
    for debtor in result.largest:
        table.add_row(
            Text(clean(debtor.code)),
            Text(clean(debtor.name)),
            Text(clean(debtor.collector or "")),
            Text(ui.money(debtor.amount_cents), justify="right"),
            Text(debtor.detail, justify="right"),
        )
    return table
