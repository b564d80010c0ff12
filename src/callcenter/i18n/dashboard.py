"""The supervisor's dashboard (``dash.*``); data labels such as bucket names stay as stored."""

from __future__ import annotations

from callcenter.i18n.entries import Entry, Plural

#: message id -> (French, English). Ids are stable; texts may change.
MESSAGES: dict[str, Entry] = {
    "dash.title": ("Supervision", "Supervision"),
    "dash.updated": ("mis à jour {time}", "updated {time}"),
    "dash.loading": ("calcul des chiffres…", "computing the figures…"),
    "dash.period": ("période {since} → {until}", "period {since} → {until}"),
    "dash.own": ("mes chiffres ({name})", "my figures ({name})"),
    "dash.panel.kpis": ("Indicateurs", "Indicators"),
    "dash.panel.agents": ("Agents en direct", "Agents, live"),
    "dash.panel.flow": ("Promis / encaissé, 30 jours", "Promised / collected, 30 days"),
    "dash.panel.largest": ("20 plus gros retards", "20 largest overdue"),
    "dash.col.chart": ("", ""),
    "dash.col.lines": ("Lignes", "Lines"),
    "dash.col.detail": ("Détail", "Detail"),
    "dash.col.figure": ("Indicateur", "Figure"),
    "dash.col.value": ("Valeur", "Value"),
    "dash.kpi.rpc": ("Contacts utiles", "Right-party contacts"),
    "dash.kpi.cei": ("CEI", "CEI"),
    "dash.kpi.dso": ("DSO simple", "Simple DSO"),
    "dash.kpi.open": ("Encours total", "Total open"),
    "dash.kpi.days": ("{value} j", "{value} d"),
    "dash.bucket.not_due": ("non échu", "not due"),
    "dash.bucket.1-30": ("1–30 j", "1–30 d"),
    "dash.bucket.31-60": ("31–60 j", "31–60 d"),
    "dash.bucket.61-90": ("61–90 j", "61–90 d"),
    "dash.bucket.over_90": ("> 90 j", "> 90 d"),
    "dash.flow.promised": ("promis", "promised"),
    "dash.flow.collected": ("encaissé", "collected"),
    "dash.drill.title": (
        Plural(one="{figure} — {count} débiteur", other="{figure} — {count} débiteurs"),
        Plural(one="{figure} — {count} debtor", other="{figure} — {count} debtors"),
    ),
    "dash.drill.empty": ("Personne derrière ce chiffre.", "Nobody behind this figure."),
    "dash.campaign.none": (
        "Aucune campagne : c n'a rien à parcourir (callcenter campaign create …)",
        "No campaign: c has nothing to cycle through (callcenter campaign create …)",
    ),
    "dash.campaign.all": ("Toute l'équipe, sans campagne", "Whole team, no campaign"),
    "dash.drill.none": ("Pas de détail pour ce chiffre.", "No detail behind this figure."),
    "dash.key.back": ("Retour", "Back"),
    "dash.key.refresh": ("Actualiser", "Refresh"),
    "dash.key.quit": ("Quitter", "Quit"),
    "dash.key.open": ("Détail", "Drill down"),
    "dash.key.period": ("Période", "Period"),
    "dash.key.campaign": ("Campagne", "Campaign"),
    "dash.key.assign": ("Confier", "Reassign"),
    "dash.key.assign_all": ("Tout confier", "Reassign all"),
    "dash.key.help": ("Aide", "Help"),
    "dash.key.theme": ("Changer de thème", "Change theme"),
    "dash.palette.placeholder": ("Une commande…", "A command…"),
    "dash.help.title": ("Les chiffres du tableau de bord", "The figures on the dashboard"),
    "dash.help.keys": (
        "Tab / Maj+Tab : panneau suivant · flèches : se déplacer · Entrée : les débiteurs"
        " derrière le chiffre · r : tout recalculer · p : période (7, 30, 90, 365 jours)"
        " · c : campagne · q : quitter. Dans une liste : a confie le débiteur à un chargé,"
        " A les confie tous, Échap revient.",
        "Tab / Shift+Tab: next panel · arrows: move · Enter: the debtors behind the figure"
        " · r: recompute everything · p: period (7, 30, 90, 365 days) · c: campaign"
        " · q: quit. In a list: a gives the debtor to a collector, A gives them all,"
        " Escape goes back.",
    ),
    "dash.help.queue": (
        "File maintenant : débiteurs par état. « À appeler » : l'heure de la prochaine"
        " action est passée ; « Plus tard » : elle ne l'est pas encore ; rappels, promesses"
        " attendues, litiges, suspendus ; « En appel » : réservé par un chargé en ce moment.",
        "Queue now: debtors per state. 'Now': their next action time has passed; 'Later':"
        " not yet; callbacks, promises awaited, disputes, on hold; 'In call': claimed by a"
        " collector right now.",
    ),
    "dash.help.today": (
        "Aujourd'hui : appels passés (sans les « passer » ni les appels annulés), joints au"
        " bon interlocuteur, promesses prises (nombre et montant), promesses qui tombent"
        " aujourd'hui, promesses jugées rompues aujourd'hui (reste dû).",
        "Today: calls made (skips and undone calls left out), right-party contacts,"
        " promises taken (count and amount), promises falling due today, promises judged"
        " broken today (amount still missing).",
    ),
    "dash.help.aging": (
        "Balance âgée : montant ouvert par ancienneté du retard (jours depuis l'échéance) :"
        " non échu, 1–30, 31–60, 61–90, plus de 90 ; les avoirs comptent en négatif.",
        "Aging: open amount by days past the due date: not due, 1–30, 31–60, 61–90, over"
        " 90; credit notes count negative.",
    ),
    "dash.help.rates": (
        "Promesses tenues : promesses jugées tenues ÷ promesses arrivées à échéance dans la"
        " période (délai de grâce compris). Contacts utiles : appels ayant joint une personne"
        " qui décide ÷ appels passés dans la période.",
        "Promise-kept rate: promises judged kept ÷ promises that fell due in the period"
        " (grace days included). Right-party contact rate: calls that reached someone who"
        " decides ÷ calls made in the period.",
    ),
    "dash.help.cei": (
        "CEI = (encours au début + ventes à crédit − encours à la fin) ÷ (encours au début"
        " + ventes à crédit − encours non échu à la fin) × 100. Encours à une date ="
        " facturé jusqu'à cette date − encaissé jusqu'à cette date.",
        "CEI = (opening receivables + credit sales − closing receivables) ÷ (opening"
        " receivables + credit sales − closing current receivables) × 100. Receivables at"
        " a date = invoiced up to that date − paid up to that date.",
    ),
    "dash.help.dso": (
        "DSO simple (pas la méthode d'épuisement) = encours à la fin ÷ ventes à crédit de"
        " la période × nombre de jours de la période.",
        "Simple DSO (not count-back) = closing receivables ÷ credit sales of the period ×"
        " days in the period.",
    ),
    "dash.help.flow": (
        "Promis / encaissé sur 30 jours : montant des promesses prises, ce qui est arrivé"
        " sur ces promesses (« tenu »), et les paiements reçus du portefeuille du chargé ou"
        " de la campagne.",
        "Promised / collected over 30 days: amount of promises taken, what arrived against"
        " them ('kept'), and the payments received from the collector's portfolio or the"
        " campaign's debtors.",
    ),
    "dash.help.largest": (
        "Plus gros retards : débiteurs classés par montant échu, tel que la file l'a"
        " calculé à la dernière mise à jour, avec l'âge de leur plus vieille facture échue.",
        "Largest overdue: debtors ranked by overdue amount as last scored by the queue,"
        " with the age of their oldest overdue invoice.",
    ),
    "dash.error": ("Erreur : {message}", "Error: {message}"),
    "dash.assign.title": (
        Plural(
            one="Confier {count} débiteur à quel chargé ?",
            other="Confier {count} débiteurs à quel chargé ?",
        ),
        Plural(
            one="Give {count} debtor to which collector?",
            other="Give {count} debtors to which collector?",
        ),
    ),
    "dash.assign.placeholder": ("nom du chargé (vide : aucun)", "collector name (empty: nobody)"),
    "dash.assign.keys": ("Entrée valider · Échap annuler", "Enter confirm · Escape cancel"),
    "dash.assign.done": (
        Plural(one="{count} débiteur confié à {name}", other="{count} débiteurs confiés à {name}"),
        Plural(one="{count} debtor given to {name}", other="{count} debtors given to {name}"),
    ),
    "dash.assign.unknown": (
        "« {name} » n'a ni compte ni portefeuille (connus : {known}) : Entrée encore pour confirmer",
        '"{name}" has no account and no portfolio (known: {known}): Enter again to confirm',
    ),
    "dash.assign.denied": (
        "{name} est chargé de recouvrement : seul un superviseur peut confier des débiteurs",
        "{name} is a collector: only a supervisor can reassign debtors",
    ),
    # Also what `callcenter supervise assign` says of the shared pool.
    "assign.pool": ("personne (file commune)", "nobody (shared pool)"),
}
