"""Titles and column headings of the tables ``queue`` and ``debtor`` print."""

from __future__ import annotations

from callcenter.i18n.entries import Entry

MESSAGES: dict[str, Entry] = {
    "table.queue.title": ("File d'appels", "Calling queue"),
    "table.queue.empty": ("personne à appeler maintenant", "nobody to call right now"),
    "table.col.name": ("Nom", "Name"),
    "table.col.score": ("Score", "Score"),
    "table.col.why": ("Pourquoi", "Why"),
    "table.col.number": ("N°", "No."),
    "table.col.open": ("Reste", "Open"),
    "table.col.late": ("Retard", "Late"),
    "table.flag.disputed": ("litige", "disputed"),
    "table.flag.excluded": ("exclue", "excluded"),
    "table.col.role": ("Rôle", "Role"),
    "table.col.phone": ("Tél.", "Phone"),
    "table.calls.title": ("Derniers appels", "Last calls"),
    "table.promises.title": ("Promesses", "Promises"),
    "table.col.paid": ("Reçu", "Paid"),
    "table.col.status": ("État", "Status"),
}
