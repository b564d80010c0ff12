"""Whom to ask for: the contacts of the debtor, the right person first."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from callcenter.domain.models import Contact, Role
from callcenter.i18n import Locale
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


def contact_lines(contacts: Sequence[Contact], current_id: int | None, ui: Locale) -> Text:
    if not contacts:
        return Text(ui.t("contact.none"), style="dim", end="")
    text = Text(end="")
    for index, contact in enumerate(ordered_contacts(contacts)):
        if index:
            text.append("\n")
        wrong = contact.wrong_number
        mark = "▶ " if contact.id == current_id and not wrong else "  "
        text.append(mark, "bold")
        text.append_text(literal(contact.name, "strike dim" if wrong else "bold"))
        role = ui.t(f"role.{contact.role.value}")
        text.append(f" ({role}{', ' + ui.t('contact.decides') if contact.decision_maker else ''})")
        text.append("  ")
        text.append_text(literal(contact.phone, "strike dim" if wrong else ""))
        if contact.phone2:
            text.append(" / ")
            text.append_text(literal(contact.phone2))
        if wrong:
            text.append(f"  {ui.t('contact.wrong')}", "dim italic")
        if contact.best_hours:
            text.append(f"  {ui.t('contact.hours')} ", "dim")
            text.append_text(literal(contact.best_hours, "italic"))
    return text


class ContactsPanel(Static):
    """Never cut: a hidden line may hold the number to dial or the ▶ moved by ``o``."""

    DEFAULT_CSS = """
    ContactsPanel { height: auto; border: round $primary 50%; padding: 0 1; }
    """
