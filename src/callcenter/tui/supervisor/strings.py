"""Dashboard labels in French and English (data labels such as bucket names stay as stored)."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import BindingsMap

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Supervision", "Supervision"),
    "updated": ("mis à jour {time}", "updated {time}"),
    "loading": ("calcul des chiffres…", "computing the figures…"),
    "period": ("période {since} → {until}", "period {since} → {until}"),
    "everyone": ("toute l'équipe", "whole team"),
    "own": ("mes chiffres ({name})", "my figures ({name})"),
    "campaign": ("campagne {name}", "campaign {name}"),
    "panel.queue": ("File maintenant", "Queue now"),
    "panel.kpis": ("Indicateurs", "Indicators"),
    "panel.today": ("Aujourd'hui par chargé", "Today per collector"),
    "panel.aging": ("Balance âgée", "Aging"),
    "panel.flow": ("Promis / encaissé, 30 jours", "Promised / collected, 30 days"),
    "panel.largest": ("20 plus gros retards", "20 largest overdue"),
    "col.collector": ("Chargé", "Collector"),
    "col.due_now": ("À appeler", "Now"),
    "col.due_later": ("Plus tard", "Later"),
    "col.callback": ("Rappels", "Callback"),
    "col.promise": ("Promesse", "Promise"),
    "col.dispute": ("Litige", "Dispute"),
    "col.hold": ("Suspendu", "Hold"),
    "col.in_call": ("En appel", "In call"),
    "col.calls": ("Appels", "Calls"),
    "col.right_party": ("Joints", "Reached"),
    "col.promises_made": ("Promesses", "Promises"),
    "col.promised": ("Promis", "Promised"),
    "col.falling_due": ("Échéance auj.", "Due today"),
    "col.broken": ("Rompues", "Broken"),
    "col.bucket": ("Retard", "Past due"),
    "col.chart": ("", ""),
    "col.amount": ("Montant", "Amount"),
    "col.lines": ("Lignes", "Lines"),
    "col.kept": ("Tenu", "Kept"),
    "col.collected": ("Encaissé", "Collected"),
    "col.code": ("Code", "Code"),
    "col.name": ("Débiteur", "Debtor"),
    "col.days": ("Jours", "Days"),
    "col.detail": ("Détail", "Detail"),
    "col.figure": ("Indicateur", "Figure"),
    "col.value": ("Valeur", "Value"),
    "all": ("Tous", "All"),
    "nobody": ("(non attribué)", "(unassigned)"),
    "kpi.kept": ("Promesses tenues", "Promise-kept rate"),
    "kpi.rpc": ("Contacts utiles", "Right-party contacts"),
    "kpi.cei": ("CEI", "CEI"),
    "kpi.dso": ("DSO simple", "Simple DSO"),
    "kpi.open": ("Encours total", "Total open"),
    "kpi.days": ("{value} j", "{value} d"),
    "bucket.not_due": ("non échu", "not due"),
    "bucket.1-30": ("1–30 j", "1–30 d"),
    "bucket.31-60": ("31–60 j", "31–60 d"),
    "bucket.61-90": ("61–90 j", "61–90 d"),
    "bucket.over_90": ("> 90 j", "> 90 d"),
    "flow.promised": ("promis", "promised"),
    "flow.collected": ("encaissé", "collected"),
    "drill.title": ("{figure} — {count} débiteurs", "{figure} — {count} debtors"),
    "drill.empty": ("Personne derrière ce chiffre.", "Nobody behind this figure."),
    "campaign.none": (
        "Aucune campagne : c n'a rien à parcourir (callcenter campaign create …)",
        "No campaign: c has nothing to cycle through (callcenter campaign create …)",
    ),
    "campaign.all": ("Toute l'équipe, sans campagne", "Whole team, no campaign"),
    "drill.none": ("Pas de détail pour ce chiffre.", "No detail behind this figure."),
    "key.back": ("Retour", "Back"),
    "key.refresh": ("Actualiser", "Refresh"),
    "key.quit": ("Quitter", "Quit"),
    "key.open": ("Détail", "Drill down"),
    "key.period": ("Période", "Period"),
    "key.campaign": ("Campagne", "Campaign"),
    "key.assign": ("Confier", "Reassign"),
    "key.assign_all": ("Tout confier", "Reassign all"),
    "key.help": ("Aide", "Help"),
    "key.theme": ("Changer de thème", "Change theme"),
    "palette.theme": ("Choisissez un thème…", "Pick a theme…"),
    "palette.placeholder": ("Une commande…", "A command…"),
    "help.title": ("Les chiffres du tableau de bord", "The figures on the dashboard"),
    "help.keys": (
        "Tab / Maj+Tab : panneau suivant · flèches : se déplacer · Entrée : les débiteurs"
        " derrière le chiffre · r : tout recalculer · p : période (7, 30, 90, 365 jours)"
        " · c : campagne · q : quitter. Dans une liste : a confie le débiteur à un chargé,"
        " A les confie tous, Échap revient.",
        "Tab / Shift+Tab: next panel · arrows: move · Enter: the debtors behind the figure"
        " · r: recompute everything · p: period (7, 30, 90, 365 days) · c: campaign"
        " · q: quit. In a list: a gives the debtor to a collector, A gives them all,"
        " Escape goes back.",
    ),
    "help.queue": (
        "File maintenant : débiteurs par état. « À appeler » : l'heure de la prochaine"
        " action est passée ; « Plus tard » : elle ne l'est pas encore ; rappels, promesses"
        " attendues, litiges, suspendus ; « En appel » : réservé par un chargé en ce moment.",
        "Queue now: debtors per state. 'Now': their next action time has passed; 'Later':"
        " not yet; callbacks, promises awaited, disputes, on hold; 'In call': claimed by a"
        " collector right now.",
    ),
    "help.today": (
        "Aujourd'hui : appels passés (sans les « passer » ni les appels annulés), joints au"
        " bon interlocuteur, promesses prises (nombre et montant), promesses qui tombent"
        " aujourd'hui, promesses jugées rompues aujourd'hui (reste dû).",
        "Today: calls made (skips and undone calls left out), right-party contacts,"
        " promises taken (count and amount), promises falling due today, promises judged"
        " broken today (amount still missing).",
    ),
    "help.aging": (
        "Balance âgée : montant ouvert par ancienneté du retard (jours depuis l'échéance) :"
        " non échu, 1–30, 31–60, 61–90, plus de 90 ; les avoirs comptent en négatif.",
        "Aging: open amount by days past the due date: not due, 1–30, 31–60, 61–90, over"
        " 90; credit notes count negative.",
    ),
    "help.rates": (
        "Promesses tenues : promesses jugées tenues ÷ promesses arrivées à échéance dans la"
        " période (délai de grâce compris). Contacts utiles : appels ayant joint une personne"
        " qui décide ÷ appels passés dans la période.",
        "Promise-kept rate: promises judged kept ÷ promises that fell due in the period"
        " (grace days included). Right-party contact rate: calls that reached someone who"
        " decides ÷ calls made in the period.",
    ),
    "help.cei": (
        "CEI = (encours au début + ventes à crédit − encours à la fin) ÷ (encours au début"
        " + ventes à crédit − encours non échu à la fin) × 100. Encours à une date ="
        " facturé jusqu'à cette date − encaissé jusqu'à cette date.",
        "CEI = (opening receivables + credit sales − closing receivables) ÷ (opening"
        " receivables + credit sales − closing current receivables) × 100. Receivables at"
        " a date = invoiced up to that date − paid up to that date.",
    ),
    "help.dso": (
        "DSO simple (pas la méthode d'épuisement) = encours à la fin ÷ ventes à crédit de"
        " la période × nombre de jours de la période.",
        "Simple DSO (not count-back) = closing receivables ÷ credit sales of the period ×"
        " days in the period.",
    ),
    "help.flow": (
        "Promis / encaissé sur 30 jours : montant des promesses prises, ce qui est arrivé"
        " sur ces promesses (« tenu »), et les paiements reçus du portefeuille du chargé ou"
        " de la campagne.",
        "Promised / collected over 30 days: amount of promises taken, what arrived against"
        " them ('kept'), and the payments received from the collector's portfolio or the"
        " campaign's debtors.",
    ),
    "help.largest": (
        "Plus gros retards : débiteurs classés par montant échu, tel que la file l'a"
        " calculé à la dernière mise à jour, avec l'âge de leur plus vieille facture échue.",
        "Largest overdue: debtors ranked by overdue amount as last scored by the queue,"
        " with the age of their oldest overdue invoice.",
    ),
    "error": ("Erreur : {message}", "Error: {message}"),
    "assign.title": (
        "Confier {count} débiteur(s) à quel chargé ?",
        "Give {count} debtor(s) to which collector?",
    ),
    "assign.placeholder": ("nom du chargé (vide : aucun)", "collector name (empty: nobody)"),
    "assign.keys": ("Entrée valider · Échap annuler", "Enter confirm · Escape cancel"),
    "assign.done": ("{count} débiteur(s) confiés à {name}", "{count} debtor(s) given to {name}"),
    "assign.unknown": (
        "« {name} » n'a ni compte ni portefeuille (connus : {known}) : Entrée encore pour confirmer",
        '"{name}" has no account and no portfolio (known: {known}): Enter again to confirm',
    ),
    "assign.denied": (
        "{name} est chargé de recouvrement : seul un superviseur peut confier des débiteurs",
        "{name} is a collector: only a supervisor can reassign debtors",
    ),
    "assign.pool": ("personne (file commune)", "nobody (shared pool)"),
}


def localised(bindings: BindingsMap, lang: str) -> BindingsMap:
    """The same key bindings with their descriptions (keys of :data:`TEXTS`) in ``lang``."""
    return BindingsMap.from_keys(
        {
            key: [
                replace(b, description=text(lang, b.description)) if b.description else b
                for b in found
            ]
            for key, found in bindings.key_to_bindings.items()
        }
    )


def text(lang: str, key: str, **params: object) -> str:
    """The label ``key`` in ``lang`` (French unless "en"); the key itself when unknown."""
    pair = TEXTS.get(key)
    if pair is None:
        return key
    label = pair[1] if lang == "en" else pair[0]
    return label.format(**params) if params else label
