"""The wording of every negotiation hint, in French and English.

Kept apart from the rules so the wording can be reviewed (and translated) in
one place. Each text must stay under ~90 characters once filled in, must not
tell the collector to say "why" or "owe"/"devoir", and is written in our own
words from the collection practice in ``/work/shared/domain.md``.
"""

from __future__ import annotations

from callcenter.domain.hint_facts import FORMAL_NOTICE_STEP, LAST_STEP

MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "nothing_overdue": "Rien d'échu : appel de suivi, pas de relance",
        "by_hand": "Hors relance automatique : {invs} — suivies à la main",
        "litigation": "Dossier au contentieux : aucun accord sans le service juridique",
        "limitation_near": "Prescription le {date} ({invs}) : obtenez un paiement ou un écrit",
        "limitation_barred": "Prescrit (5 ans) : {invs} — seul un paiement volontaire reste possible",
        "no_contact": "Aucun numéro valable : trouvez le bon interlocuteur avant d'appeler",
        "all_wrong": "Tous les numéros sont faux : cherchez un nouveau contact",
        "ask_owner": "Demandez {name} : dirige, décide du paiement{hours}",
        "ask_decider": "Demandez {name} : décide du paiement{hours}",
        "ask_accountant": "Demandez {name} : paie les fournisseurs{hours}",
        "ask_purchasing": "Facture bloquée ? {name} (achats) la débloque{hours}",
        "ask_other": "Via {name} : demandez qui décide ou paie les fournisseurs{hours}",
        "hours": " — {hours}",
        "broken_recent": "{counts} en {days} jours — {list}{older}",
        "broken_older": "{counts} il y a plus de {days} jours — {list}",
        "older_one": " ; 1 autre avant",
        "older_many": " ; {n} autres avant",
        "be_concrete": "Cette fois : date et montant précis, dernière chance avant {next}",
        "promise_pending": "Promesse en cours : {amount} pour le {date} — confirmez-la",
        "promise_unseen": "Promesse du {date} ({amount}) non constatée : vérifiez puis rappelez",
        "dispute_rest": "Litige sur {invs} ({amount}) : traitez-le, encaissez le reste ({rest})",
        "dispute_only": "Litige sur {invs} ({amount}) : le résoudre d'abord, rien d'autre d'échu",
        "said_paid": "Dit avoir payé ({date}) : vérifiez l'encaissement avant d'insister",
        "refused": "A refusé le {date} : montrez ce que le refus lui coûte avant {next}",
        "unanswered": "{n} appels sans réponse : autre numéro, autre heure ou un e-mail",
        "no_delivery_note": "Pas de BL signé : {invs} — attendez-vous à l'objection",
        "no_order": "Ni devis ni bon de commande : {invs} — objection probable",
        "hold_and_orders": "Compte bloqué, {amount} de commandes en attente : livrées au paiement",
        "hold": "Compte bloqué : les livraisons reprennent dès le paiement reçu",
        "orders": "Levier : {amount} de commandes en attente, livraison liée au règlement",
        "withdraw_terms": "Levier : suspendre l'encours et les délais de paiement accordés",
        "legal": "Pénalités légales {penalties} + indemnités {indemnities} ({n} × 40 €)",
        "dunning": "Relance atteinte : {step} ; étape suivante : {next}",
        "notice_sent": "Mise en demeure envoyée : prochaine étape, {next}",
        "last_step": "Dernier échelon de relance : décidez contentieux ou agence",
        "good_payer": "Paie régulièrement ({months} mois sur 12) : ménagez-le, demandez ce qui change",
        "large": "{amount} échus : proposez un rendez-vous sur place ou en visio",
        "plan_caution": "Échéancier proposé ? Prenez le temps d'évaluer le risque avant d'accepter",
        "first_call": "Premier échange : rappel courtois, laissez parler, questions ouvertes",
        "no_excuse": "Ne suggérez aucune excuse (facture reçue ? livraison ?) : attendez-la",
        "first_offer": "Laissez-le proposer date et montant en premier, puis précisez",
        "wording": "Évitez « pourquoi » et le verbe « devoir » : questions ouvertes",
        "equals": "D'égal à égal : il a besoin de vous autant que vous de lui",
        "terms": "{invs} : délai au-delà du plafond légal (60 j / 45 j fin de mois)",
        "step_0": "aucune",
        "step_1": "1re relance",
        "step_2": "2e relance",
        "step_3": "relance téléphonique",
        "step_4": "mise en demeure",
        "step_5": "injonction de payer",
        "step_6": "contentieux",
    },
    "en": {
        "nothing_overdue": "Nothing overdue: a follow-up call, not a reminder",
        "by_hand": "Out of the reminder ladder: {invs} — handled by hand",
        "litigation": "In litigation: agree nothing without the legal team",
        "limitation_near": "Time-barred on {date} ({invs}): get a payment or a written acknowledgement",
        "limitation_barred": "Time-barred (5 years): {invs} — only a voluntary payment is possible",
        "no_contact": "No valid number: find the right person before calling",
        "all_wrong": "Every number is flagged wrong: look for a new contact",
        "ask_owner": "Ask for {name}: runs the firm, decides on payment{hours}",
        "ask_decider": "Ask for {name}: decides on payment{hours}",
        "ask_accountant": "Ask for {name}: pays the suppliers{hours}",
        "ask_purchasing": "Invoice stuck? {name} (purchasing/AP) releases it{hours}",
        "ask_other": "Through {name}: ask who decides or pays suppliers{hours}",
        "hours": " — {hours}",
        "broken_recent": "{counts} in {days} days — {list}{older}",
        "broken_older": "{counts} more than {days} days ago — {list}",
        "older_one": "; 1 more before",
        "older_many": "; {n} more before",
        "be_concrete": "This time: a precise date and amount, last chance before {next}",
        "promise_pending": "Promise pending: {amount} by {date} — confirm it",
        "promise_unseen": "Promise of {date} ({amount}) not seen yet: check, then call back",
        "dispute_rest": "Dispute on {invs} ({amount}): settle it, collect the rest ({rest})",
        "dispute_only": "Dispute on {invs} ({amount}): resolve it first, nothing else is overdue",
        "said_paid": "Said it paid ({date}): check the bank before pressing",
        "refused": "Refused on {date}: show what refusing costs them before {next}",
        "unanswered": "{n} calls unanswered: another number, another hour, or an e-mail",
        "no_delivery_note": "No signed delivery note: {invs} — expect that objection",
        "no_order": "No quote or purchase order: {invs} — expect an objection",
        "hold_and_orders": "Account on hold, {amount} of orders waiting: shipped once paid",
        "hold": "Account on hold: deliveries resume once payment arrives",
        "orders": "Lever: {amount} of pending orders, delivery depends on payment",
        "withdraw_terms": "Lever: withdraw the credit limit and the payment terms granted",
        "legal": "Statutory penalties {penalties} + recovery fees {indemnities} ({n} × €40)",
        "dunning": "Dunning reached: {step}; next step: {next}",
        "notice_sent": "Formal notice sent: next step, {next}",
        "last_step": "Last dunning rung: decide on litigation or a collection agency",
        "good_payer": "Pays regularly ({months} months of 12): keep the relationship, ask what changed",
        "large": "{amount} overdue: offer a meeting on site or a video call",
        "plan_caution": "Payment plan offered? Take time to weigh the risk before agreeing",
        "first_call": "First conversation: courteous reminder, let them talk, open questions",
        "no_excuse": "Suggest no excuse (invoice received? delivery fine?): let them raise it",
        "first_offer": "Let them name a date and amount first, then pin it down",
        "wording": "Avoid asking 'why' and saying 'owe': ask open questions",
        "equals": "Talk as equals: they need you as much as you need them",
        "terms": "{invs}: terms beyond the legal cap (60 days / 45 days end of month)",
        "step_0": "none",
        "step_1": "first reminder",
        "step_2": "second reminder",
        "step_3": "phone reminder",
        "step_4": "formal notice",
        "step_5": "court payment order",
        "step_6": "litigation",
    },
}


def message(lang: str, key: str, **params: object) -> str:
    """The text for ``key`` in ``lang`` (English when the language is unknown), filled in."""
    table = MESSAGES.get(lang, MESSAGES["en"])
    return table[key].format(**params)


def step_name(lang: str, step: int) -> str:
    """The name of a rung of the dunning ladder."""
    return message(lang, f"step_{min(max(step, 0), LAST_STEP)}")


def next_measure(lang: str, step: int) -> str:
    """The further measure to announce: formal notice until it is sent, then court."""
    return step_name(lang, max(step + 1, FORMAL_NOTICE_STEP))
