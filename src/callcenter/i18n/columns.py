"""Table columns (``col.*``) shared by the screens and the CLI tables: one heading for the
same column wherever a table shows it (the workstation, the dashboard, ``callcenter debtor``,
``stats``, the report)."""

from __future__ import annotations

from callcenter.i18n.entries import Entry

#: message id -> (French, English). Ids are stable; texts may change.
MESSAGES: dict[str, Entry] = {
    "col.code": ("Code", "Code"),
    "col.amount": ("Montant", "Amount"),
    "col.debtor": ("Débiteur", "Debtor"),
    "col.overdue": ("Échu", "Overdue"),
    "col.late": ("Jours", "Days"),
    "col.issued": ("Émise", "Issued"),
    "col.due": ("Échéance", "Due"),
    "col.who": ("Qui", "Who"),
    "col.date": ("Date", "Date"),
    "col.outcome": ("Résultat", "Outcome"),
    "col.note": ("Note", "Note"),
    "col.number": ("N°", "Number"),
    "col.open": ("Reste dû", "Open"),
    "col.docs": ("Doc", "Doc"),
    "col.dispute": ("⚑", "⚑"),
    "col.invoices": ("Factures", "Invoices"),
    "col.reason": ("Motif", "Reason"),
    "col.since": ("Depuis", "Since"),
    "col.by": ("Par", "By"),
    "col.state": ("État", "State"),
    "col.what": ("Quoi", "What"),
    "col.due_on": ("Pour le", "Due"),
}
