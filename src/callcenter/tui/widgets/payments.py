"""The payments received, newest first, with the invoice each one settled."""

from __future__ import annotations

from rich.text import Text

from callcenter.domain.models import Dossier
from callcenter.i18n import Locale
from callcenter.tui.flow import Flowing
from callcenter.tui.literal import literal

PAYMENTS_SHOWN = 6
#: Below 120 columns the panels stack: fewer lines keep the next panels a page closer.
NARROW_PAYMENTS_SHOWN = 3


def payment_lines(dossier: Dossier, ui: Locale, narrow: bool = False) -> Text:
    payments = dossier.payments
    if not payments:
        return Text(ui.t("payments.none"), "dim", end="")
    shown = NARROW_PAYMENTS_SHOWN if narrow else PAYMENTS_SHOWN
    width = max(len(ui.money(p.amount_cents)) for p in payments[:shown])
    text = Text(end="", no_wrap=True, overflow="ellipsis")
    for index, payment in enumerate(payments[:shown]):
        if index:
            text.append("\n")
        text.append(ui.date(payment.paid_on), "dim")
        text.append("  " + ui.money(payment.amount_cents).rjust(width), "bold")
        text.append("  ")
        text.append_text(literal(payment.reference))
        if payment.settles:
            text.append("  → ", "dim")
            text.append_text(literal(ui.t("payments.settles", numbers=", ".join(payment.settles))))
    if len(payments) > shown:
        text.append("\n" + ui.t("payments.more", n=len(payments) - shown), "dim")
    return text


class PaymentsPanel(Flowing):
    DEFAULT_CSS = """
    PaymentsPanel { height: auto; border: round $primary 50%; padding: 0 1; }
    """
