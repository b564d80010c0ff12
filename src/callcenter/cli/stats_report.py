"""``callcenter stats`` as text: the dashboard's figures in a few Rich tables, in fr or en."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from callcenter.domain.figures import AGING_BUCKETS, Figures, format_percent, format_rate
from callcenter.domain.text import clean
from callcenter.i18n import Locale

LABELS: dict[str, tuple[str, str]] = {
    "title": ("Chiffres du {since} au {until}", "Figures from {since} to {until}"),
    "everyone": ("toute l'équipe", "whole team"),
    "campaign": ("campagne {name}", "campaign {name}"),
    "kept": ("Promesses tenues", "Promise-kept rate"),
    "rpc": ("Contacts utiles (bon interlocuteur)", "Right-party contact rate"),
    "cei": ("CEI (efficacité du recouvrement)", "CEI (collection effectiveness)"),
    "dso": ("DSO simple", "DSO (simple)"),
    "days": ("{value} jours", "{value} days"),
    "opening": ("Encours au début", "Opening receivables"),
    "sales": ("Ventes à crédit", "Credit sales"),
    "closing": ("Encours à la fin", "Closing receivables"),
    "current": ("  dont non échu", "  of which not yet due"),
    "aging": ("Balance âgée", "Aging"),
    "amount": ("Montant", "Amount"),
    "lines": ("Lignes ouvertes", "Open lines"),
    "largest": ("Plus gros retards", "Largest overdue"),
    "code": ("Code", "Code"),
    "debtor": ("Débiteur", "Debtor"),
    "collector": ("Chargé", "Collector"),
    "overdue": ("Échu", "Overdue"),
    "late": ("Jours", "Days"),
    "bucket.not_due": ("non échu", "not due"),
    "bucket.1-30": ("1 à 30 j", "1–30 d"),
    "bucket.31-60": ("31 à 60 j", "31–60 d"),
    "bucket.61-90": ("61 à 90 j", "61–90 d"),
    "bucket.over_90": ("plus de 90 j", "over 90 d"),
    "queue": ("File maintenant", "Queue now"),
    "all": ("Tous", "All"),
    "nobody": ("(non attribué)", "(unassigned)"),
    "state.due_now": ("À appeler", "Now"),
    "state.due_later": ("Plus tard", "Later"),
    "state.callback": ("Rappels", "Callback"),
    "state.promise": ("Promesse", "Promise"),
    "state.dispute": ("Litige", "Dispute"),
    "state.hold": ("Suspendu", "Hold"),
    "state.in_call": ("En appel", "In call"),
    "today": ("Aujourd'hui par chargé", "Today per collector"),
    "today.calls": ("Appels", "Calls"),
    "today.right_party": ("Joints", "Reached"),
    "today.promises_made": ("Promesses", "Promises"),
    "today.promised": ("Promis", "Promised"),
    "today.falling_due": ("Échéance auj.", "Due today"),
    "today.broken": ("Rompues", "Broken"),
    "flow": ("Promis / encaissé sur la période", "Promised / collected over the period"),
    "flow.total": ("Total", "Total"),
    "flow.promised": ("Promis", "Promised"),
    "flow.kept": ("Tenu", "Kept"),
    "flow.collected": ("Encaissé", "Collected"),
    "flow.campaign": ("campagne {name}", "campaign {name}"),
}
#: The dashboard's queue columns, in its order.
QUEUE_STATES = ("due_now", "due_later", "callback", "promise", "dispute", "hold", "in_call")
TODAY_FIELDS = ("calls", "right_party", "promises_made", "promised", "falling_due", "broken")


def label(ui: Locale, key: str, **params: object) -> str:
    text = LABELS[key][1 if ui.lang == "en" else 0]
    return text.format(**params) if params else text


def print_stats(console: Console, result: Figures, ui: Locale) -> None:
    """Every table of the dashboard, in its order: the queue, the rates and receivables,
    today per collector, aging, promised vs collected, the largest debtors."""
    console.print(_heading(result, ui), style="bold")
    console.print(_queue(result, ui))
    console.print(_rates(result, ui))
    console.print(_today(result, ui))
    console.print(_aging(result, ui))
    console.print(_flow(result, ui))
    console.print(_largest(result, ui))


def _right(value: object) -> Text:
    return Text(str(value), justify="right")


def _who(ui: Locale, name: str | None) -> Text:
    return Text(clean(name)) if name else Text(label(ui, "nobody"), style="dim")


def _queue(result: Figures, ui: Locale) -> Table:
    columns = [label(ui, "collector"), *(label(ui, f"state.{s}") for s in QUEUE_STATES)]
    # Eight columns at 80: without vertical rules no header is cut to "Promes…".
    table = Table(*columns, title=label(ui, "queue"), title_justify="left", box=box.SIMPLE_HEAD)
    rows = [(Text(label(ui, "all"), style="bold"), result.queue)]
    rows += [(_who(ui, q.collector), q.counts) for q in result.queue_by_collector]
    for who, counts in rows:
        table.add_row(who, *(_right(getattr(counts, s)) for s in QUEUE_STATES))
    return table


def _today(result: Figures, ui: Locale) -> Table:
    columns = [label(ui, "collector"), *(label(ui, f"today.{f}") for f in TODAY_FIELDS)]
    table = Table(*columns, title=label(ui, "today"), title_justify="left")
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


def _flow(result: Figures, ui: Locale) -> Table:
    """The period's totals (the dashboard's flow chart), then per collector and campaign."""
    keys = ("collector", "flow.promised", "flow.kept", "flow.collected")
    table = Table(*(label(ui, k) for k in keys), title=label(ui, "flow"), title_justify="left")
    promised = sum(day.promised_cents for day in result.flow)
    collected = sum(day.collected_cents for day in result.flow)
    total = Text(label(ui, "flow.total"), style="bold")
    table.add_row(total, _right(ui.money(promised)), _right(""), _right(ui.money(collected)))
    entries = [(_who(ui, e.key), e) for e in result.by_collector]
    entries += [
        (Text(label(ui, "flow.campaign", name=clean(e.key))), e) for e in result.by_campaign
    ]
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
    head = label(ui, "title", since=ui.date(period.since), until=ui.date(period.until))
    who = result.scope.collector or label(ui, "everyone")
    parts = [head, who]
    if result.scope.campaign_name:
        parts.append(label(ui, "campaign", name=result.scope.campaign_name))
    return Text(clean(" — ".join(parts)))


def _rates(result: Figures, ui: Locale) -> Table:
    lang, ledger = ui.lang, result.ledger
    dso = "—" if result.dso is None else label(ui, "days", value=f"{result.dso:.1f}")
    rows = [
        ("kept", format_rate(result.promises_kept, result.promises_fell_due, lang)),
        ("rpc", format_rate(result.right_party_calls, result.calls_made, lang)),
        ("cei", format_percent(result.cei, lang)),
        ("dso", dso.replace(".", ",") if lang == "fr" else dso),
        ("opening", ui.money(ledger.opening_cents)),
        ("sales", ui.money(ledger.credit_sales_cents)),
        ("closing", ui.money(ledger.closing_cents)),
        ("current", ui.money(ledger.closing_current_cents)),
    ]
    table = Table(show_header=False, box=None)
    for key, value in rows:
        table.add_row(label(ui, key), Text(value, justify="right"))
    return table


def _aging(result: Figures, ui: Locale) -> Table:
    table = Table(label(ui, "aging"), label(ui, "amount"), label(ui, "lines"))
    by_bucket = {row.bucket: row for row in result.aging}
    for bucket in AGING_BUCKETS:
        row = by_bucket[bucket]
        table.add_row(
            label(ui, f"bucket.{bucket}"),
            Text(ui.money(row.amount_cents), justify="right"),
            Text(str(row.lines), justify="right"),
        )
    return table


def _largest(result: Figures, ui: Locale) -> Table:
    keys = ("code", "debtor", "collector", "overdue", "late")
    table = Table(*(label(ui, k) for k in keys), title=label(ui, "largest"))
    for debtor in result.largest:
        table.add_row(
            Text(clean(debtor.code)),
            Text(clean(debtor.name)),
            Text(clean(debtor.collector or "")),
            Text(ui.money(debtor.amount_cents), justify="right"),
            Text(debtor.detail, justify="right"),
        )
    return table
