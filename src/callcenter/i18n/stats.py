"""``callcenter stats`` as text (``stats.*``)."""

from __future__ import annotations

from callcenter.i18n.entries import Entry

#: message id -> (French, English). Ids are stable; texts may change.
MESSAGES: dict[str, Entry] = {
    "stats.title": ("Chiffres du {since} au {until}", "Figures from {since} to {until}"),
    "stats.current": ("  dont non échu", "  of which not yet due"),
    "stats.flow": ("Promis / encaissé sur la période", "Promised / collected over the period"),
    "stats.flow.total": ("Total", "Total"),
}
