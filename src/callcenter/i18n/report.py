"""The supervisor's report, ``callcenter report`` (``report.*``), and the browser's
login, ``callcenter serve`` (``login.*``)."""

from __future__ import annotations

from callcenter.i18n.entries import Entry

#: message id -> (French, English). Ids are stable; texts may change.
MESSAGES: dict[str, Entry] = {
    "report.title": ("Rapport de recouvrement", "Collections report"),
    "report.day_title": ("Journée de {collector}", "{collector}'s day"),
    "report.period": ("du {since} au {until}", "from {since} to {until}"),
    "report.one_day": ("le {day}", "on {day}"),
    "report.team": ("toute l'équipe", "whole team"),
    "report.collector": ("chargé {name}", "collector {name}"),
    "report.campaign": ("campagne {name}", "campaign {name}"),
    "report.made_at": ("Établi le {moment}", "Made on {moment}"),
    "report.key_figures": ("Chiffres clés", "Key figures"),
    "report.dso": ("DSO simple", "DSO (simple)"),
    "report.dso_days": ("{value} jours", "{value} days"),
    "report.cei": ("CEI (efficacité du recouvrement)", "CEI (collection effectiveness)"),
    "report.kept": ("Promesses tenues", "Promise-kept rate"),
    "report.rpc": ("Contacts utiles (bon interlocuteur)", "Right-party contact rate"),
    "report.open": ("Encours ouvert", "Open receivables"),
    "report.opening": ("Encours au début", "Opening receivables"),
    "report.sales": ("Ventes à crédit", "Credit sales"),
    "report.closing": ("Encours à la fin", "Closing receivables"),
    "report.current": ("dont non échu", "of which not yet due"),
    "report.aging": ("Balance âgée (aujourd'hui)", "Aging (today)"),
    "report.bucket": ("Retard", "Past due"),
    "report.amount": ("Montant", "Amount"),
    "report.lines": ("Lignes ouvertes", "Open lines"),
    "report.bucket.not_due": ("non échu", "not due"),
    "report.bucket.1-30": ("1 à 30 j", "1–30 d"),
    "report.bucket.31-60": ("31 à 60 j", "31–60 d"),
    "report.bucket.61-90": ("61 à 90 j", "61–90 d"),
    "report.bucket.over_90": ("plus de 90 j", "over 90 d"),
    "report.flow": (
        "Promis et encaissé sur les {days} jours jusqu'au {until}",
        "Promised and collected over the {days} days to {until}",
    ),
    "report.by_collector": ("Par chargé", "Per collector"),
    "report.by_campaign": ("Par campagne", "Per campaign"),
    "report.who": ("Chargé", "Collector"),
    "report.which_campaign": ("Campagne", "Campaign"),
    "report.promised": ("Promis", "Promised"),
    "report.kept_amount": ("Tenu", "Kept"),
    "report.collected": ("Encaissé", "Collected"),
    "report.nobody": ("(non attribué)", "(unassigned)"),
    "report.none": ("Rien sur la période.", "Nothing over the period."),
    "report.trend": ("Mois après mois", "Month over month"),
    "report.month": ("Mois", "Month"),
    "report.trend_dso": ("DSO simple (jours)", "DSO, simple (days)"),
    "report.trend_cei": ("CEI (%)", "CEI (%)"),
    "report.trend_kept": ("Promesses tenues (%)", "Promise-kept rate (%)"),
    "report.trend_rpc": ("Contacts utiles (%)", "Right-party contact rate (%)"),
    "report.today": ("Aujourd'hui ({day}) par chargé", "Today ({day}) per collector"),
    "report.calls": ("Appels", "Calls"),
    "report.reached": ("Joints", "Reached"),
    "report.promises": ("Promesses", "Promises"),
    "report.due_today": ("Échéance auj.", "Due today"),
    "report.broken": ("Rompues", "Broken"),
    "report.queue": ("File d'appels maintenant", "Call queue now"),
    "report.all": ("Tous", "All"),
    "report.state.due_now": ("À appeler", "Now"),
    "report.state.due_later": ("Plus tard", "Later"),
    "report.state.callback": ("Rappels", "Callback"),
    "report.state.promise": ("Promesse", "Promise"),
    "report.state.dispute": ("Litige", "Dispute"),
    "report.state.hold": ("Suspendu", "Hold"),
    "report.state.in_call": ("En appel", "In call"),
    "report.largest": ("Plus gros retards", "Largest overdue"),
    "report.code": ("Code", "Code"),
    "report.debtor": ("Débiteur", "Debtor"),
    "report.overdue": ("Échu", "Overdue"),
    "report.days_late": ("Jours de retard", "Days late"),
    "report.definitions": (
        "DSO simple = encours à la fin ÷ ventes à crédit de la période × jours de la période. "
        "CEI = (encours au début + ventes − encours à la fin) ÷ (encours au début + ventes − "
        "encours non échu à la fin) × 100. Promesses tenues = promesses tenues ÷ promesses "
        "arrivées à échéance (délai de grâce compris). Contacts utiles = appels ayant joint "
        "un interlocuteur décisionnaire ÷ appels passés.",
        "Simple DSO = closing receivables ÷ credit sales of the period × days in the period. "
        "CEI = (opening + credit sales − closing receivables) ÷ (opening + credit sales − "
        "closing current receivables) × 100. Promise-kept rate = promises kept ÷ promises "
        "that fell due (grace days included). Right-party rate = calls that reached a "
        "decision-capable contact ÷ calls made.",
    ),
    "report.pdf_missing": (
        "le PDF demande WeasyPrint : pip install 'callcenter[pdf]' ({reason})",
        "PDF needs WeasyPrint: pip install 'callcenter[pdf]' ({reason})",
    ),
    "report.pdf_needs_output": (
        "un rapport PDF s'écrit dans un fichier : ajoutez --output FICHIER.pdf",
        "a PDF report goes to a file: add --output FILE.pdf",
    ),
    "report.written": ("rapport écrit dans {path}", "report written to {path}"),
    # callcenter serve
    "login.title_workstation": ("callcenter — poste d'appel", "callcenter — workstation"),
    "login.title_dashboard": ("callcenter — tableau de bord", "callcenter — dashboard"),
    "login.name": ("Identifiant", "User name"),
    "login.password": ("Mot de passe", "Password"),
    "login.checking": ("Vérification…", "Checking…"),
    "login.refused": (
        "Identifiant ou mot de passe incorrect.",
        "Wrong user name or password.",
    ),
}
