"""The first header line: who is on the line and what they owe, at a glance."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from callcenter.i18n import Locale
from callcenter.tui.desk import Shown
from callcenter.tui.literal import literal

SEP = " · "


def debtor_line(shown: Shown, ui: Locale) -> Text:
    """Name, code, segment, balance, oldest days late, dunning step, hold, queue position."""
    dossier = shown.dossier
    debtor = dossier.debtor
    line = Text(end="")
    line.append_text(literal(debtor.name, "bold"))
    line.append("  ")
    line.append_text(literal(debtor.code, "dim"))
    line.append(SEP)
    line.append_text(literal(debtor.segment))
    line.append(SEP)
    line.append(f"{ui.t('header.balance')} ")
    line.append(ui.money(dossier.balance_cents), "bold")
    # Of the invoices being chased, like the queue's reasons: a disputed or excluded one
    # made the header say 44 days while "why now" said 28.
    chased = (i for i in dossier.open_invoices if not (i.disputed or i.excluded))
    oldest = max((i.days_late(shown.today) for i in chased), default=0)
    if oldest > 0:
        line.append(SEP)
        line.append(ui.t("header.oldest", days=oldest), "bold" if oldest > 60 else "")
    line.append(SEP)
    line.append(ui.t("header.step", step=debtor.dunning_step))
    if debtor.credit_hold:
        line.append(SEP)
        line.append(ui.t("header.hold"), "bold reverse")
    line.append(SEP)
    if shown.rank:
        line.append(ui.t("header.position", rank=shown.rank, total=shown.total))
    else:
        line.append(ui.t("header.off_queue", total=shown.total), "italic")
    return line


class DebtorHeader(Static):
    """Updated in place for each debtor; never rebuilt."""

    DEFAULT_CSS = """
    DebtorHeader { height: auto; padding: 0 1; background: $primary-background; }
    """
