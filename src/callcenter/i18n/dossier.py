"""The dossier panels, the dispute and task workflow and their CLI tables."""

from __future__ import annotations

from callcenter.i18n.entries import Entry

#: message id -> (French, English). Ids are stable; texts may change.
MESSAGES: dict[str, Entry] = {
    # panels
    "panel.account": ("Compte", "Account"),
    "panel.payments": ("Paiements reçus", "Payments received"),
    "panel.cases": ("Litiges et tâches", "Disputes and tasks"),
    "panel.plan": ("Échéancier", "Payment plan"),
    "account.terms": ("paiement à {days} j", "terms {days} days"),
    "account.siren": ("SIREN {siren}", "SIREN {siren}"),
    "account.credit_limit": ("plafond de crédit {amount}", "credit limit {amount}"),
    "account.orders": ("commandes en cours {amount}", "pending orders {amount}"),
    "account.last_payment": (
        "dernier paiement le {day} : {amount}",
        "last payment {day}: {amount}",
    ),
    "account.note": ("Note :", "Note:"),
    "account.no_note": ("pas de note de compte", "no account note"),
    "account.edit_key": ("e : note du compte", "e: account note"),
    "payments.settles": ("règle {numbers}", "settles {numbers}"),
    "payments.none": ("aucun paiement reçu", "no payment received"),
    "payments.more": ("… et {n} plus anciens", "… and {n} older"),
    "cases.none": ("aucun litige ni tâche ouverte", "no dispute or open task"),
    "cases.key": ("l : traiter", "l: handle"),
    "plan.summary": (
        "{n} échéances : {kept} payées, {missed} manquées, {pending} à venir",
        "{n} instalments: {kept} paid, {missed} missed, {pending} to come",
    ),
    "calls.contact": ("avec", "with"),
    "calls.recording": ("enregistrement", "recording"),
    "dispute.status.open": ("ouvert", "open"),
    "dispute.status.credit_note": ("résolu : avoir attendu", "resolved: credit note expected"),
    "dispute.status.rejected": ("résolu : rejeté", "resolved: rejected"),
    "dispute.status.resolved": ("résolu", "resolved"),
    "dispute.status.cancelled": ("annulé", "cancelled"),
    "dispute.label": ("Litige", "Dispute"),
    "dispute.since": ("depuis le {day} ({who})", "since {day} ({who})"),
    "task.label": ("Tâche", "Task"),
    "task.kind.check_payment": ("chercher le paiement annoncé", "look for the announced payment"),
    "task.kind.escalate": ("relance suivante", "next dunning step"),
    "task.kind.credit_note": ("établir l'avoir", "issue the credit note"),
    "task.kind.send_copy": ("renvoyer le duplicata", "send a copy of the invoice"),
    "task.kind.send_statement": ("envoyer le relevé de compte", "send the account statement"),
    "task.kind.send_delivery_note": ("envoyer le BL signé", "send the signed delivery note"),
    "task.kind.formal_notice": ("préparer la mise en demeure", "prepare the formal notice"),
    "task.due": ("pour le {day}", "due {day}"),
    "task.overdue": ("EN RETARD", "OVERDUE"),
    "task.since": ("demandée le {day} par {who}", "asked {day} by {who}"),
    # keys of the session (help and palette)
    "key.cases": ("litiges et tâches", "disputes and tasks"),
    "key.tasks": ("mes tâches", "my tasks"),
    "key.account_note": ("note du compte", "account note"),
    "help.cases": (
        "résoudre, rejeter ou annuler un litige de ce débiteur ; marquer ses tâches faites",
        "resolve, reject or cancel a dispute of this debtor; mark its tasks done",
    ),
    "help.tasks": (
        "vos tâches ouvertes, tous débiteurs : qui, quoi, depuis quand, pour quand",
        "your open tasks across debtors: who, what, since, due",
    ),
    "help.agenda": (
        "les rappels du jour (les miens, ceux des collègues pour n'importe qui) et les promesses"
        " dues aujourd'hui ou demain ; Entrée ouvre le débiteur",
        "today's callbacks (mine, and colleagues' for anyone) and the promises due today or"
        " tomorrow; Enter opens the debtor",
    ),
    "help.account_note": (
        "la note gardée d'un appel à l'autre (interlocuteur, habitudes de paiement…)",
        "the note kept from one call to the next (who to ask, how they pay…)",
    ),
    # the disputes and tasks screen
    "cases.keys": (
        "f pour le client (avoir)  j rejeté (retour en relance)  x annuler le litige"
        "  t tâche faite  u défaire (ou le litige clos choisi)  Échap fermer",
        "f client was right (credit note)  j rejected (back to the queue)  x cancel dispute"
        "  t task done  u undo (or the closed dispute chosen)  Esc close",
    ),
    "cases.not_dispute": ("Choisissez d'abord un litige ouvert", "Choose an open dispute first"),
    "cases.not_task": ("Choisissez d'abord une tâche", "Choose a task first"),
    "cases.nothing_to_undo": (
        "Rien à défaire dans cette fenêtre",
        "Nothing to undo in this window",
    ),
    "mytasks.title": ("Mes tâches", "My tasks"),
    "mytasks.keys": (
        "⏎ ouvrir le débiteur  t faite  u défaire  Échap fermer",
        "⏎ open the debtor  t done  u undo  Esc close",
    ),
    "mytasks.none": ("Aucune tâche ouverte", "No open task"),
    "key.agenda": ("mon agenda", "my agenda"),
    "agenda.title": ("Mon agenda", "My agenda"),
    "agenda.keys": ("⏎ ouvrir le débiteur  Échap fermer", "⏎ open the debtor  Esc close"),
    "agenda.callbacks": ("Rappels aujourd'hui", "Callbacks today"),
    "agenda.promises": (
        "Promesses dues aujourd'hui ou demain",
        "Promises due today or tomorrow",
    ),
    "agenda.none": ("rien", "nothing"),
    "agenda.anyone": ("pour n'importe qui, posé par {who}", "for anyone, set by {who}"),
    "agenda.at": ("à {time}", "at {time}"),
    "agenda.today": ("aujourd'hui", "today"),
    "agenda.tomorrow": ("demain", "tomorrow"),
    "change.dispute_resolved": ("Litige résolu : avoir attendu", "Dispute resolved: credit note"),
    "change.dispute_rejected": (
        "Litige rejeté : factures remises en relance",
        "Dispute rejected: invoices back in the queue",
    ),
    "change.dispute_cancelled": ("Litige annulé", "Dispute cancelled"),
    "change.task_done": ("Tâche faite", "Task done"),
    "change.account_note": ("Note du compte enregistrée", "Account note saved"),
    "change.undo": ("Modification défaite", "Change undone"),
    "change.dunning_step": ("Étape de relance changée", "Dunning step changed"),
    # the account note dialog
    "account_note.title": (
        "Note du compte (gardée d'un appel à l'autre)",
        "Account note (kept from one call to the next)",
    ),
    "account_note.keys": ("⏎ enregistrer  Échap annuler", "⏎ save  Esc cancel"),
    # errors of the workflow (service.changes.ERRORS), as the collector reads them
    "err.no_debtor": ("aucun débiteur {code}", "no debtor with code {code}"),
    "err.no_dispute": ("aucun litige n° {id}", "no dispute {id}"),
    "err.no_task": ("aucune tâche n° {id}", "no task {id}"),
    "err.no_change": ("aucune modification n° {id}", "no change {id}"),
    "err.not_open": ("le litige {id} n'est plus ouvert", "dispute {id} is not open"),
    "err.task_done": ("la tâche {id} est déjà faite", "task {id} is already done"),
    "err.undone": ("la modification {id} est déjà défaite", "change {id} was already undone"),
    "err.is_undo": (
        "la modification {id} est elle-même une annulation",
        "change {id} is itself an undo",
    ),
    "err.not_author": (
        "la modification {id} est de {actor} : seul cet auteur ou un superviseur peut la défaire",
        "change {id} was made by {actor}: only they or a supervisor can undo it",
    ),
    "err.nothing_to_undo_dispute": (
        "rien à défaire sur le litige {id}",
        "nothing to undo on dispute {id}",
    ),
    "err.nothing_to_undo_task": (
        "rien à défaire sur la tâche {id}",
        "nothing to undo on task {id}",
    ),
    "err.nothing_to_undo_dunning": (
        "rien à défaire sur l'étape de relance de {id}",
        "nothing to undo on the dunning step of {id}",
    ),
    "err.note_too_long": (
        "la note du compte est limitée à {max} caractères",
        "the account note is limited to {max} characters",
    ),
    "err.step_moved": (
        "l'étape de relance a bougé depuis (elle est à {step}) : fixez-la de nouveau",
        "the dunning step moved since (now {step}): set it again instead",
    ),
    "err.step_word": (
        "« {text} » n'est pas une étape : un chiffre de 0 à 6, ou undo",
        "'{text}' is not a step: a number from 0 to 6, or undo",
    ),
    # find
    "find.unassigned": ("non attribué", "unassigned"),
    "find.in_call": ("en cours chez {who}", "being called by {who}"),
    # CLI tables
    "cli.disputes": ("Litiges", "Disputes"),
    "cli.tasks": ("Tâches ouvertes", "Open tasks"),
    "cli.no_dispute": ("aucun litige", "no dispute"),
    "cli.no_task": ("aucune tâche ouverte", "no open task"),
    "cli.changed": ("{what} (modification {id})", "{what} (change {id})"),
}
