"""Whom to ask for: the contacts of the debtor, the right person first."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from callcenter.domain.models import Contact, Role
from callcenter.domain.phones import dial_number, display_phone, is_flagged
from callcenter.i18n import Locale
from callcenter.tui.flow import Flowing, Token, flow, words
from callcenter.tui.literal import literal

#: Who settles an overdue invoice fastest, when nobody is marked as deciding.
ROLE_ORDER = {Role.OWNER: 0, Role.ACCOUNTANT: 1, Role.PURCHASING: 2, Role.OTHER: 3}


def ordered_contacts(contacts: Sequence[Contact]) -> list[Contact]:
    """Reachable numbers before wrong ones, deciders first, then by role."""
    return sorted(
        contacts,
        key=lambda c: (c.wrong_number or not c.phone, not c.decision_maker, ROLE_ORDER[c.role]),
    )


def callable_contacts(contacts: Sequence[Contact]) -> list[Contact]:
    return [c for c in ordered_contacts(contacts) if c.phone and not c.wrong_number]


def contact_lines(
    contacts: Sequence[Contact],
    current_id: int | None,
    ui: Locale,
    width: int | None = None,
    *,
    links: bool = False,
) -> Text:
    """One contact a line, wrapped at ``width`` between words but never inside a number.

    ``links``: each valid number is a ``tel:`` hyperlink (OSC 8) the terminal hands to
    the collector's softphone (the ``tel`` dialer); a wrong number never is.
    """
    if not contacts:
        return Text(ui.t("contact.none"), style="dim", end="")
    text = Text(end="")
    for index, contact in enumerate(ordered_contacts(contacts)):
        if index:
            text.append("\n")
        tokens = _contact_tokens(contact, current_id, ui, links)
        text.append_text(flow(tokens, width, indent="  "))
    return text


def _number(stored: str, style: str, link: bool) -> Text:
    """A number as shown; a ``tel:`` link to its E.164 form when ``link`` and valid."""
    shown = literal(display_phone(stored), style)
    e164 = dial_number(stored) if link else None
    if e164 is not None:
        from callcenter.dialers.tel import tel_uri

        shown.stylize(Style(link=tel_uri(e164)))
    return shown


def _contact_tokens(
    contact: Contact, current_id: int | None, ui: Locale, links: bool = False
) -> list[Token]:
    wrong = contact.wrong_number
    mark = "▶ " if contact.id == current_id and not wrong else "  "
    decides = f", {ui.t('contact.decides')}" if contact.decision_maker else ""
    tokens = words(literal(contact.name, "strike dim" if wrong else "bold"), "") or [("", Text())]
    first = Text(mark, "bold", end="")  # "▶ " or two spaces: names stay aligned
    first.append_text(tokens[0][1])
    tokens[0] = ("", first)
    tokens += words(Text(f"({ui.t(f'role.{contact.role.value}')}{decides})"))
    tokens.append(
        ("  ", _number(contact.phone, "strike dim" if wrong else "", links and not wrong))
    )
    if contact.phone2:
        tokens.append((" / ", _number(contact.phone2, "", links and not wrong)))
    if is_flagged(contact.phone) or is_flagged(contact.phone2):
        tokens += words(Text(ui.t("contact.as_typed"), "yellow italic"), "  ")
    if wrong:
        tokens += words(Text(ui.t("contact.wrong"), "dim italic"), "  ")
    if contact.best_hours:
        tokens += words(Text(ui.t("contact.hours"), "dim"), "  ")
        tokens += words(literal(contact.best_hours, "italic"))
    if contact.email:  # last: the number and the hours matter more on a call
        tokens.append(("  ", literal(contact.email, "dim")))
    return tokens


class ContactsPanel(Flowing):
    """Never cut: a hidden line may hold the number to dial or the ▶ moved by ``o``."""

    DEFAULT_CSS = """
    ContactsPanel { height: auto; border: round $primary 50%; padding: 0 1; }
    """
