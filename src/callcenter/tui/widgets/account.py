"""The account at a glance: terms, limits, orders, last payment, identity, and the note.

Only what the ledger knows is shown: a credit limit nobody entered is not a
limit of zero. The account note is the colleague's memo kept across calls
(who really pays, which day), apart from the notes of single calls.
"""

from __future__ import annotations

from rich.text import Text

from callcenter.domain.models import Dossier
from callcenter.i18n import Locale
from callcenter.tui.flow import Flowing, Token, flow, words
from callcenter.tui.literal import literal

SEP = " · "


def account_facts(dossier: Dossier, ui: Locale) -> list[Token]:
    """Terms, credit limit, pending orders and the last payment, each one token."""
    debtor = dossier.debtor
    facts: list[Text] = []
    if debtor.payment_terms_days is not None:
        facts.append(Text(ui.t("account.terms", days=debtor.payment_terms_days)))
    if debtor.credit_limit_cents is not None:
        facts.append(Text(ui.t("account.credit_limit", amount=ui.money(debtor.credit_limit_cents))))
    if debtor.pending_orders_cents:
        facts.append(Text(ui.t("account.orders", amount=ui.money(debtor.pending_orders_cents))))
    last = dossier.last_payment
    if last is None:
        facts.append(Text(ui.t("payments.none"), "bold"))
    else:
        day, amount = ui.date(last.paid_on), ui.money(last.amount_cents)
        facts.append(Text(ui.t("account.last_payment", day=day, amount=amount)))
    return [("" if index == 0 else SEP, fact) for index, fact in enumerate(facts)]


def account_lines(dossier: Dossier, ui: Locale, width: int | None = None) -> Text:
    debtor = dossier.debtor
    text = flow(account_facts(dossier, ui), width)
    identity: list[Token] = []
    if debtor.address:
        identity += words(literal(debtor.address), "")
    if debtor.siren:
        identity.append((SEP if identity else "", Text(ui.t("account.siren", siren=debtor.siren))))
    if identity:
        text.append("\n")
        text.append_text(flow(identity, width))
    text.append("\n")
    if debtor.account_note:
        note = [("", Text(ui.t("account.note"), "bold"))]
        for line in debtor.account_note.splitlines():
            note += words(literal(line, "italic"))
        text.append_text(flow(note, width, indent="  "))
    else:
        text.append(ui.t("account.no_note"), "dim")
    return text


class AccountPanel(Flowing):
    DEFAULT_CSS = """
    AccountPanel { height: auto; border: round $primary 50%; padding: 0 1; }
    """
