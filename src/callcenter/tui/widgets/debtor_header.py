"""The first header line: who is on the line and what they owe, at a glance."""

from __future__ import annotations

from rich.text import Text

from callcenter.i18n import Locale
from callcenter.tui.desk import Shown
from callcenter.tui.flow import Flowing, flow, words
from callcenter.tui.literal import literal

SEP = " · "


def debtor_line(shown: Shown, ui: Locale, width: int | None = None) -> Text:
    """Name, code, segment, balance, oldest days late, dunning step, hold, queue position.

    Wrapped at ``width`` between the parts only: an amount is never split.
    """
    dossier = shown.dossier
    debtor = dossier.debtor
    tokens = words(literal(debtor.name, "bold"), "")
    tokens.append(("  ", literal(debtor.code, "dim")))
    tokens.append((SEP, literal(debtor.segment)))
    balance = Text(f"{ui.t('header.balance')} ", end="")
    balance.append(ui.money(dossier.balance_cents), "bold")
    tokens.append((SEP, balance))
    # Of the invoices being chased, like the queue's reasons: a disputed or excluded one
    # made the header say 44 days while "why now" said 28.
    chased = (i for i in dossier.open_invoices if not (i.disputed or i.excluded))
    oldest = max((i.days_late(shown.today) for i in chased), default=0)
    if oldest > 0:
        tokens.append(
            (SEP, Text(ui.t("header.oldest", days=oldest), "bold" if oldest > 60 else ""))
        )
    tokens.append((SEP, Text(ui.t("header.step", step=debtor.dunning_step))))
    if debtor.credit_hold:
        tokens.append((SEP, Text(ui.t("header.hold"), "bold reverse")))
    if not shown.located:
        pass  # counted after the paint; the header gains its place a moment later
    elif shown.rank:
        tokens.append((SEP, Text(ui.t("header.position", rank=shown.rank, total=shown.total))))
    else:
        tokens.append((SEP, Text(ui.t("header.off_queue", total=shown.total), "italic")))
    return flow(tokens, width)


class DebtorHeader(Flowing):
    """Updated in place for each debtor; never rebuilt."""

    DEFAULT_CSS = """
    DebtorHeader { height: auto; padding: 0 1; background: $primary-background; }
    """
