"""The collection figures (``fig.*``): one wording for the dashboard, ``callcenter report``
and ``callcenter stats``, which show the same figures; a heading only one of them shows
stays in its own section."""

from __future__ import annotations

from callcenter.i18n.entries import Entry

#: message id -> (French, English). Ids are stable; texts may change.
MESSAGES: dict[str, Entry] = {
    "fig.everyone": ("toute l'équipe", "whole team"),
    "fig.campaign": ("campagne {name}", "campaign {name}"),
    "fig.all": ("Tous", "All"),
    "fig.nobody": ("(non attribué)", "(unassigned)"),
    "fig.collector": ("Chargé", "Collector"),
    "fig.queue": ("File maintenant", "Queue now"),
    "fig.state.due_now": ("À appeler", "Now"),
    "fig.state.due_later": ("Plus tard", "Later"),
    "fig.state.callback": ("Rappels", "Callback"),
    "fig.state.promise": ("Promesse", "Promise"),
    "fig.state.dispute": ("Litige", "Dispute"),
    "fig.state.hold": ("Suspendu", "Hold"),
    "fig.state.in_call": ("En appel", "In call"),
    "fig.today": ("Aujourd'hui par chargé", "Today per collector"),
    "fig.calls": ("Appels", "Calls"),
    "fig.right_party": ("Joints", "Reached"),
    "fig.promises_made": ("Promesses", "Promises"),
    "fig.promised": ("Promis", "Promised"),
    "fig.falling_due": ("Échéance auj.", "Due today"),
    "fig.broken": ("Rompues", "Broken"),
    "fig.kept": ("Tenu", "Kept"),
    "fig.collected": ("Encaissé", "Collected"),
    "fig.kept_rate": ("Promesses tenues", "Promise-kept rate"),
    "fig.rpc": ("Contacts utiles (bon interlocuteur)", "Right-party contact rate"),
    "fig.cei": ("CEI (efficacité du recouvrement)", "CEI (collection effectiveness)"),
    "fig.dso": ("DSO simple", "DSO (simple)"),
    "fig.days": ("{value} jours", "{value} days"),
    "fig.opening": ("Encours au début", "Opening receivables"),
    "fig.sales": ("Ventes à crédit", "Credit sales"),
    "fig.closing": ("Encours à la fin", "Closing receivables"),
    "fig.lines": ("Lignes ouvertes", "Open lines"),
    "fig.largest": ("Plus gros retards", "Largest overdue"),
    "fig.aging": ("Balance âgée", "Aging"),
    "fig.past_due": ("Retard", "Past due"),
    "fig.bucket.not_due": ("non échu", "not due"),
    "fig.bucket.1-30": ("1 à 30 j", "1–30 d"),
    "fig.bucket.31-60": ("31 à 60 j", "31–60 d"),
    "fig.bucket.61-90": ("61 à 90 j", "61–90 d"),
    "fig.bucket.over_90": ("plus de 90 j", "over 90 d"),
}
