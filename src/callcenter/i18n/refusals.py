"""Why the service refused an outcome, by refusal code (``OutcomeError.code``)."""

from __future__ import annotations

from callcenter.i18n.entries import Entry, Plural

#: message id -> (French, English). Ids are stable; texts may change.
MESSAGES: dict[str, Entry] = {
    # dialling (service/dialing.py): nothing was dialled
    "dial_no_number": (
        "{contact} n'a pas de numéro valide à composer",
        "{contact} has no valid number to dial",
    ),
    "dial_hours": (
        "Hors des heures d'appel du débiteur : appels possibles à partir de {when}",
        "Outside the debtor's calling hours: calls resume {when}",
    ),
    "dial_do_not_call": (
        "Ne pas appeler {number} : demandé par {who} ({why})",
        "Do not call {number}: set by {who} ({why})",
    ),
    "dial_cap_day": (
        "{number} a déjà été appelé {count} fois aujourd'hui (plafond {cap})",
        Plural(
            "{number} was already called {count} time today (cap {cap})",
            "{number} was already called {count} times today (cap {cap})",
        ),
    ),
    "dial_cap_week": (
        "{number} a déjà été appelé {count} fois en 7 jours (plafond {cap})",
        Plural(
            "{number} was already called {count} time in 7 days (cap {cap})",
            "{number} was already called {count} times in 7 days (cap {cap})",
        ),
    ),
    "dial_failed": (
        "L'appel n'a pas pu être lancé : {error}",
        "The call could not be placed: {error}",
    ),
    "dial_busy": (
        "Un appel est déjà en cours : terminez-le d'abord (touche de résultat)",
        "A call is already in progress: finish it first (an outcome key)",
    ),
    "dial_foreign_attempt": (
        "L'appel {attempt} n'est pas un appel de {code} par {collector}",
        "call {attempt} is not a call to {code} by {collector}",
    ),
    "dial_attempt_closed": (
        "L'appel {attempt} a déjà son résultat (appel n° {call}) : rien n'est enregistré",
        "call {attempt} already has its outcome (call #{call}): nothing was recorded",
    ),
    "pause_reason": (
        "Motif de pause inconnu « {reason} » ; au choix : {known}",
        "unknown pause reason {reason!r}; one of: {known}",
    ),
    "use_undo": (
        "Pour annuler un appel, utilisez « annuler »",
        "use undo_outcome to cancel a call",
    ),
    "naive_now": ("L'heure doit porter un fuseau", "now must be timezone-aware"),
    "no_collector": ("Le nom du chargé est obligatoire", "a collector name is required"),
    "no_debtor": ("Aucun débiteur de code {code}", "no debtor with code {code}"),
    "unknown_outcome": (
        "Résultat inconnu « {value} » ; au choix : {known}",
        "unknown outcome {value!r}; one of: {known}",
    ),
    "foreign_contact": (
        "Le contact {contact} n'est pas un contact de {code}",
        "contact {contact} is not a contact of {code}",
    ),
    "promise_no_date": (
        "Une promesse a besoin d'une date (15/12, +3, fin de mois)",
        "a promise needs a date (e.g. 15/12, +3, fin de mois)",
    ),
    "promise_not_a_date": (
        "La date promise doit être un jour, pas une heure",
        "the promised date must be a calendar date, not a time",
    ),
    "date_past": ("Le {day} est déjà passé", "the promised date {day} is in the past"),
    "date_passed_this_year": (
        "Le {short} est déjà passé cette année : promesse pour le {day} ?",
        "{short} is already past this year: a promise for {day}?",
    ),
    "date_far": (
        "Le {day} est à plus de trois mois : le confirmer ?",
        "{day} is more than three months away: confirm it?",
    ),
    "amount_not_cents": (
        "Le montant doit être en centimes entiers",
        "the amount must be whole cents (an integer)",
    ),
    "amount_not_positive": (
        "Le montant promis doit être supérieur à zéro",
        "the promised amount must be more than zero",
    ),
    "amount_above_balance": (
        "{amount_cents}, c'est plus que le solde ({balance_cents}) : le confirmer ?",
        "{amount_cents} is more than the balance ({balance_cents}): confirm it?",
    ),
    "paid_not_positive": (
        "Le montant payé doit être supérieur à zéro (laissez vide s'il n'est pas connu)",
        "the amount paid must be more than zero (leave it empty when not known)",
    ),
    "paid_above_balance": (
        "{amount_cents} payés, c'est plus que le solde ({balance_cents}) : le confirmer ?",
        "{amount_cents} paid is more than the balance ({balance_cents}): confirm it?",
    ),
    "nothing_overdue": (
        "Rien d'échu : tapez le montant promis",
        "nothing is overdue: give the promised amount",
    ),
    "plan_empty": (
        "Un échéancier a besoin d'au moins une échéance (date, montant)",
        "a payment plan needs at least one instalment (date, amount)",
    ),
    "instalment_not_a_date": (
        "Échéance {number} : la date n'est pas une date",
        "instalment {number}: the date is not a date",
    ),
    "instalment_amount": (
        "Échéance {number} : le montant doit être supérieur à zéro",
        "instalment {number}: the amount must be more than zero",
    ),
    "instalment_past": (
        "Échéance {number} : le {day} est déjà passé",
        "instalment {number}: {day} is in the past",
    ),
    "instalment_order": (
        "Échéance {number} : les dates doivent se suivre",
        "instalment {number}: dates must be increasing",
    ),
    "callback_no_time": (
        "Un rappel a besoin d'une date et d'une heure (15/12 14:30, 16h, +2h)",
        "a callback needs a date and time (e.g. 15/12 14:30, 16h, +2h)",
    ),
    "callback_naive": (
        "L'heure du rappel doit porter un fuseau",
        "the callback time must carry a timezone",
    ),
    "callback_past": ("L'heure du rappel est déjà passée", "the callback time is in the past"),
    "callback_owner": (
        "Un rappel est pour « me » (moi) ou « anyone » (n'importe qui), pas {owner}",
        "a callback is for 'me' or 'anyone', not {owner}",
    ),
    "dispute_no_reason": (
        "Un litige a besoin d'un motif (ce que le client conteste)",
        "a dispute needs a reason (what the debtor contests)",
    ),
    "dispute_nothing_open": (
        "Aucune facture échue ouverte à contester : nommez les factures",
        "no open overdue invoice to dispute: name the invoices",
    ),
    "dispute_unknown_invoice": (
        "{code} n'a pas de facture {numbers}",
        "{code} has no invoice {numbers}",
    ),
    "dispute_settled": (
        "La facture {numbers} est déjà soldée",
        "invoice {numbers} is already settled",
    ),
    "wrong_number_no_contact": (
        "Dites quel contact a un mauvais numéro",
        "say which contact's number is wrong",
    ),
    "wrong_number_already": (
        "Le numéro de {name} est déjà marqué faux",
        "{name}'s number is already marked wrong",
    ),
    "skip_no_reason": ("Passer un débiteur demande un motif", "a skip needs a reason"),
    "skip_until_past": (
        "Passer jusqu'au {day} : ce jour est déjà passé",
        "skip until {day}: that day is already past",
    ),
    "refused_no_reason": (
        "Un refus a besoin d'un motif (ce que le client a dit)",
        "a refusal needs a reason (what the debtor said)",
    ),
    "paid_no_date": (
        "Quand le client dit-il avoir payé ? (date)",
        "when does the debtor say it paid? (date)",
    ),
    "paid_in_future": (
        "Le {day} n'est pas encore arrivé : un paiement déjà fait est daté d'avant",
        "{day} has not come yet: a payment already made is dated before today",
    ),
    "paid_means": ("Moyen de paiement inconnu « {means} »", "unknown means of payment {means!r}"),
    "no_call": ("Aucun appel {call_id}", "no call {call_id}"),
    "undo_of_undo": (
        "L'appel {call_id} est lui-même une annulation",
        "call {call_id} is itself an undo",
    ),
    "already_undone": (
        "L'appel {call_id} est déjà annulé (par l'appel {by})",
        "call {call_id} was already undone (by call {by})",
    ),
    "undo_not_yours": (
        "L'appel {call_id} a été enregistré par {collector} : seul lui ou un superviseur peut"
        " l'annuler",
        "call {call_id} was logged by {collector}: only they or a supervisor can undo it",
    ),
    "step_supervisor_only": (
        "Passer à l'étape {step} (mise en demeure ou au-delà) est réservé à un superviseur",
        "raising to step {step} (formal notice or beyond) is for a supervisor",
    ),
    "step_range": (
        "Étape de relance {step} hors de 0 à {cap}",
        "dunning step {step} is outside 0 to {cap}",
    ),
    "step_same": (
        "Le débiteur est déjà à l'étape de relance {step}",
        "the debtor is already at dunning step {step}",
    ),
}
