"""``callcenter stats`` as text: the dashboard's figures in a few Rich tables, in fr or en."""

from __future__ import annotations

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
}


def label(ui: Locale, key: str, **params: object) -> str:
    text = LABELS[key][1 if ui.lang == "en" else 0]
    return text.format(**params) if params else text


def print_stats(console: Console, result: Figures, ui: Locale) -> None:
    """Head line, rates and receivables, aging, largest debtors."""
    console.print(_heading(result, ui), style="bold")
    console.print(_rates(result, ui))
    console.print(_aging(result, ui))
    console.print(_largest(result, ui))


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
