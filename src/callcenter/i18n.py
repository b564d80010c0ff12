"""Interface strings in French and English, and how dates and money read in each.

Collectors work in their own language; the choice comes from ``--lang``, else
the locale variables (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else French, the
language of the ledgers this tool reads. One :class:`Locale` object is built at
start and handed to the screens, so two apps in one process (tests) can each
speak their own language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from callcenter.domain.money import format_amount, format_short
from callcenter.i18n_dossier import MESSAGES as _dossier_messages
from callcenter.refusals import REFUSALS

LANGS = ("fr", "en")

#: message id -> (French, English). Ids are stable; texts may change.
MESSAGES: dict[str, tuple[str, str]] = {
    # refusals raised by the service (service/errors.py: AccessRefused)
    "identity.bad_name": (
        "nom d'utilisateur refusé « {name} » : lettres, chiffres, « . », « _ » et « - » seulement",
        "user name refused '{name}': letters, digits, '.', '_' and '-' only",
    ),
    "identity.as_refused": (
        "{login} n'est pas superviseur : impossible d'agir en tant que {name}"
        " (--as, CALLCENTER_USER)",
        "{login} is not a supervisor: cannot act as {name} (--as, CALLCENTER_USER)",
    ),
    "access.claimed": (
        "{code} est en cours de traitement par {holder} : rien n'a été enregistré",
        "{code} is being worked by {holder}: nothing was recorded",
    ),
    "access.portfolio": (
        "{code} est dans le portefeuille de {owner}, pas de {actor} : rien n'a été enregistré",
        "{code} is in {owner}'s portfolio, not {actor}'s: nothing was recorded",
    ),
    # header and panels
    "app.title": ("callcenter · recouvrement", "callcenter · collections"),
    "panel.contacts": ("Contacts", "Contacts"),
    "panel.invoices": ("Factures ouvertes", "Open invoices"),
    "panel.history": ("Facturé / payé sur 12 mois", "Invoiced / paid, 12 months"),
    "panel.calls": ("Appels et promesses", "Calls and promises"),
    "panel.hints": ("Conseils pour l'appel", "Hints for the call"),
    "panel.reasons": ("Pourquoi maintenant", "Why now"),
    "header.balance": ("solde", "balance"),
    "header.oldest": ("plus ancien {days} j", "oldest {days} d"),
    "header.step": ("relance {step}", "step {step}"),
    "header.hold": ("ENCOURS BLOQUÉ", "CREDIT HOLD"),
    "header.position": ("file {rank}/{total}", "queue {rank}/{total}"),
    "header.off_queue": ("hors file ({total} en file)", "not in queue ({total} queued)"),
    "header.clock": ("session {elapsed}", "session {elapsed}"),
    "header.calls": ("appels {n}", "calls {n}"),
    "header.reached": ("contacts utiles {n}", "right-party {n}"),
    "header.promised": ("promis {amount}", "promised {amount}"),
    "header.waiting": ("Appuyez sur Entrée pour commencer", "Press Enter to start"),
    "header.empty": (
        "File vide : plus personne à appeler pour l'instant. {find}",
        "Queue empty: nobody left to call for now. {find}",
    ),
    "header.coming_callback": (
        "File vide pour l'instant : prochain rappel {when}, {name}. {find}",
        "Queue empty for now: next callback {when}, {name}. {find}",
    ),
    "header.coming_promise": (
        "File vide pour l'instant : prochaine promesse à vérifier {when}, {name}. {find}",
        "Queue empty for now: next promise to check {when}, {name}. {find}",
    ),
    "header.coming_due": (
        "File vide pour l'instant : prochain débiteur à rappeler {when}, {name}. {find}",
        "Queue empty for now: next debtor to call again {when}, {name}. {find}",
    ),
    "header.find": (
        "/ cherche un débiteur (nom, code, téléphone) ; Entrée revoit la file",
        "/ finds a debtor (name, code, phone); Enter checks the queue again",
    ),
    "header.closed": (
        "Hors des heures d'appel : les appels reprennent le {when}",
        "Outside calling hours: calls resume {when}",
    ),
    "header.reload": (
        "Résultat enregistré ; le débiteur suivant n'a pas pu être chargé : Entrée pour réessayer",
        "Outcome saved; the next debtor could not be loaded: Enter to try again",
    ),
    "col.number": ("N°", "Number"),
    "col.issued": ("Émise", "Issued"),
    "col.due": ("Échéance", "Due"),
    "col.late": ("Jours", "Days"),
    "col.amount": ("Montant", "Amount"),
    "col.open": ("Reste dû", "Open"),
    "col.docs": ("Doc", "Doc"),
    "col.dispute": ("⚑", "⚑"),
    "docs.legend": (
        "Doc : devis, commande, BL signé · ⚑ litige · ⊘ hors relance",
        "Doc: quote, order, signed delivery note · ⚑ dispute · ⊘ not chased",
    ),
    "invoice.excluded": ("⊘", "⊘"),
    "contact.wrong": ("numéro faux", "wrong number"),
    "contact.as_typed": ("numéro non reconnu, tel que saisi", "not a valid number, as typed"),
    "contact.hours": ("joignable", "best time"),
    "contact.decides": ("décide", "decides"),
    "contact.current": ("▶", "▶"),
    "contact.none": ("Aucun contact", "No contact"),
    "role.owner": ("dirigeant", "owner"),
    "role.accountant": ("comptable", "accountant"),
    "role.purchasing": ("achats", "purchasing"),
    "role.other": ("autre", "other"),
    "history.invoiced": ("facturé", "invoiced"),
    "history.paid": ("payé", "paid"),
    "calls.none": ("Aucun appel", "No call yet"),
    "calls.entered_by": ("{collector} (saisi par {login})", "{collector} (entered by {login})"),
    "promises.none": ("Aucune promesse", "No promise"),
    "promise.line": ("promesse {amount} pour le {day}", "promise {amount} for {day}"),
    "promise.revised": (
        " (jugée {status} jusqu'au {day}, paiement arrivé depuis)",
        " ({status} until {day}, payment arrived since)",
    ),
    "status.pending": ("en attente", "pending"),
    "status.kept": ("tenue", "kept"),
    "status.partly_kept": ("tenue en partie", "partly kept"),
    "status.broken": ("NON TENUE", "BROKEN"),
    "status.cancelled": ("annulée", "cancelled"),
    "hints.none": ("", ""),
    "reasons.none": ("Ouvert à la main", "Opened by hand"),
    "note.placeholder": (
        "Note (facultative) — Tab pour écrire, Entrée pour revenir",
        "Note (optional) — Tab to type, Enter to go back",
    ),
    # outcomes (bindings and call log)
    "state.due": ("à appeler", "to call"),
    "state.callback": ("rappel prévu", "callback set"),
    "state.promise": ("promesse en cours", "promise pending"),
    "state.dispute": ("en litige", "in dispute"),
    "state.hold": ("suspendu", "on hold"),
    "state.done": ("rien d'échu", "nothing overdue"),
    "outcome.promise": ("promesse", "promise"),
    "outcome.no_answer": ("pas de réponse", "no answer"),
    "outcome.voicemail": ("message laissé", "voicemail"),
    "outcome.busy": ("occupé", "busy"),
    "outcome.callback": ("rappel", "callback"),
    "outcome.dispute": ("litige", "dispute"),
    "outcome.wrong_number": ("faux numéro", "wrong number"),
    "outcome.refused": ("refus", "refused"),
    "outcome.already_paid": ("déjà payé", "already paid"),
    "outcome.payment_plan": ("échéancier", "payment plan"),
    "outcome.skip": ("passer", "skip"),
    "outcome.paid": ("payé", "paid"),
    "outcome.undo": ("annulation", "undo"),
    # keys: a short label for the key bar and the palette, a sentence for the help screen
    "key.promise": ("promesse", "promise"),
    "key.no_answer": ("absent", "no answer"),
    "key.voicemail": ("message", "voicemail"),
    "key.busy": ("occupé", "busy"),
    "key.callback": ("rappel", "callback"),
    "key.dispute": ("litige", "dispute"),
    "key.wrong_number": ("faux n°", "wrong no."),
    "key.refused": ("refus", "refuses"),
    "key.already_paid": ("déjà payé", "paid already"),
    "key.payment_plan": ("échéancier", "plan"),
    "key.skip": ("passer", "skip"),
    "key.next": ("suivant", "next"),
    "key.undo": ("annuler", "undo"),
    "key.dunning": ("étape de relance", "dunning step"),
    "key.find": ("chercher", "find"),
    "key.contact": ("contact", "contact"),
    "key.help": ("aide", "help"),
    "key.note": ("note", "note"),
    "key.quit": (
        "quitter (la fiche en cours est rendue à la file)",
        "quit (the debtor on screen goes back to the queue)",
    ),
    "key.palette": (
        "toutes les commandes, et tout débiteur par son nom",
        "every command, and any debtor by name",
    ),
    "key.page": ("défiler", "scroll"),
    "key.quit_short": ("quitter", "quit"),
    "help.page": (
        "faire défiler les panneaux (PgUp pour remonter)",
        "scroll the panels (PgUp to go back up)",
    ),
    "help.promise": (
        "promesse de paiement : la date en une touche, le montant (dû échu par défaut) modifiable",
        "promise to pay: the date in one key, the amount (overdue total by default) editable",
    ),
    "help.no_answer": (
        "personne ne répond : nouvel essai plus tard",
        "nobody answers: try again later",
    ),
    "help.voicemail": ("message laissé sur le répondeur", "message left on voicemail"),
    "help.busy": ("ligne occupée : nouvel essai bientôt", "line busy: try again soon"),
    "help.callback": (
        "le débiteur demande à être rappelé à une heure donnée",
        "the debtor asks to be called back at a given time",
    ),
    "help.dispute": (
        "litige : cocher les factures contestées et donner le motif",
        "dispute: tick the disputed invoices and give the reason",
    ),
    "help.wrong_number": (
        "faux numéro : le contact est marqué, on passe au contact suivant",
        "wrong number: the contact is flagged, move to the next contact",
    ),
    "help.refused": (
        "refuse de payer : dire pourquoi ; la suite (mise en demeure…) se décide à part",
        "refuses to pay: say why; the next step (formal notice…) is decided apart",
    ),
    "help.already_paid": (
        "dit avoir déjà payé : quand, combien, comment, référence ; une vérification est créée",
        "says it already paid: when, how much, how, reference; a check task is created",
    ),
    "help.payment_plan": (
        "échéancier : plusieurs paiements mensuels",
        "payment plan: several monthly instalments",
    ),
    "help.skip": (
        "passer ce débiteur pour l'instant ou jusqu'à une date, avec un motif",
        "leave this debtor for now or until a day, with a reason",
    ),
    "help.next": ("débiteur suivant (commence la session)", "next debtor (starts the session)"),
    "help.undo": (
        "annuler le dernier résultat ou la dernière modification de la session (litige, tâche,"
        " note, étape de relance)",
        "undo the session's last outcome or change (dispute, task, note, dunning step)",
    ),
    "help.dunning": (
        "passer le débiteur à une autre étape de relance (mise en demeure et au-delà : un"
        " superviseur), après confirmation",
        "move the debtor to another dunning step (formal notice and beyond: a supervisor),"
        " once confirmed",
    ),
    "notice.change_undone": ("Défait : {what} — {name}", "Undone: {what} — {name}"),
    "dunning.title": ("Étape de relance", "Dunning step"),
    "dunning.now": ("Étape actuelle : {step} {name}", "Now at step {step}: {name}"),
    "dunning.note": (
        "Tab : une note (n° de recommandé…), facultative",
        "Tab: a note (registered letter number…), optional",
    ),
    "dunning.pick": ("Tapez le chiffre de l'étape", "Type the step's digit"),
    "dunning.same": ("Le débiteur est déjà à cette étape", "The debtor is already at that step"),
    "dunning.ask": (
        "Passer de « {old} » à « {new} » ? o ou Entrée confirme · Échap annule",
        "Move from '{old}' to '{new}'? o or Enter confirms · Escape cancels",
    ),
    "help.find": (
        "trouver un débiteur par nom, code ou téléphone",
        "find a debtor by name, code or phone",
    ),
    "help.contact": ("appeler un autre contact du débiteur", "call another contact of the debtor"),
    "help.help": ("cette aide", "this help"),
    "help.note": (
        "écrire une note, enregistrée avec le prochain résultat",
        "type a note, saved with the next outcome",
    ),
    # dialogs
    "promise.title": ("Promesse de paiement", "Payment promise"),
    "promise.keys": (
        "1 demain ({d1}) · 2 dans deux jours ouvrés ({d2}) · f vendredi ({df})"
        " · m fin de mois ({dm}) : enregistré aussitôt · Tab pour taper une date ou changer"
        " le montant",
        "1 tomorrow ({d1}) · 2 in two business days ({d2}) · f Friday ({df})"
        " · m end of month ({dm}): saved at once · Tab to type a date or change the amount",
    ),
    "dialog.confirm": (
        "o pour confirmer · Tab pour corriger",
        "y to confirm · Tab to correct it",
    ),
    "refused.title": ("Refus de payer", "Refuses to pay"),
    "refused.keys": (
        "1 trésorerie · 2 conteste sans litige · 3 attend un client · Tab pour taper ce qu'il a"
        " dit — la relance ne monte pas d'elle-même : quelqu'un décide de la suite",
        "1 cash flow · 2 contests, no dispute · 3 waits for its own client · Tab to type what"
        " was said — the dunning step does not climb by itself: someone decides what next",
    ),
    "refused.reason1": ("trésorerie insuffisante", "not enough cash"),
    "refused.reason2": ("conteste sans ouvrir de litige", "contests without a dispute"),
    "refused.reason3": ("attend d'être payé par son client", "waits to be paid by its own client"),
    "refused.reason": ("Ce que le client a dit", "What the debtor said"),
    "paid.title": ("Le client dit avoir déjà payé", "The debtor says it has paid"),
    "paid.keys": (
        "Quand, combien, comment, quelle référence : pour le retrouver sur le relevé",
        "When, how much, how and which reference: to find it on the bank statement",
    ),
    "paid.date": ("Payé le", "Paid on"),
    "paid.date_hint": ("20/11, hier…", "20/11, yesterday…"),
    "paid.amount": ("Montant", "Amount"),
    "paid.means": ("Moyen : {choices}", "Means: {choices}"),
    "paid.reference": (
        "Référence (n° de chèque, libellé du virement…)",
        "Reference (cheque no., transfer label…)",
    ),
    "means.transfer": ("virement", "transfer"),
    "means.cheque": ("chèque", "cheque"),
    "means.card": ("carte", "card"),
    "means.direct_debit": ("prélèvement", "direct debit"),
    "means.bill": ("LCR / effet", "bill of exchange"),
    "means.cash": ("espèces", "cash"),
    "means.other": ("autre", "other"),
    "paid.line": (
        "dit avoir payé {amount} le {day}{means}{reference}",
        "says it paid {amount} on {day}{means}{reference}",
    ),
    "paid.line_no_amount": (
        "dit avoir payé le {day}{means}{reference}",
        "says it paid on {day}{means}{reference}",
    ),
    "calls.skip_until": ("mis de côté jusqu'au {day}", "set aside until {day}"),
    "calls.callback_at": ("rappel le {when}", "call back {when}"),
    "calls.reason": ("motif : {reason}", "reason: {reason}"),
    "paid.by": (" par {means}", " by {means}"),
    "paid.ref": (", réf. {reference}", ", ref. {reference}"),
    "skip.until": ("Jusqu'au (facultatif)", "Until (optional)"),
    "skip.until_hint": ("lundi, 15/12, +3…", "monday, 15/12, +3…"),
    "promise.date_hint": ("15/12, +3, fin de mois…", "15/12, +3, eom…"),
    "promise.for_amount": ("montant promis {amount}", "amount promised {amount}"),
    "promise.pick_date": (
        "Quelle date ? 1, 2, f, m, ou Tab pour la taper",
        "Which date? 1, 2, f, m, or Tab to type it",
    ),
    "promise.date": ("Date", "Date"),
    "promise.amount": ("Montant", "Amount"),
    "dialog.save": ("Entrée enregistre · Échap annule", "Enter saves · Escape cancels"),
    "callback.title": ("Rappeler", "Call back"),
    "callback.keys": (
        "1 dans une heure · 2 dans deux heures · d demain même heure : enregistré aussitôt"
        " · Tab pour taper « 15/12 14:30 »",
        "1 in an hour · 2 in two hours · d tomorrow same time: saved at once"
        ' · Tab to type "15/12 14:30"',
    ),
    "callback.when": ("Quand", "When"),
    "callback.line": ("rappel le {when}", "callback at {when}"),
    "dispute.title": ("Litige", "Dispute"),
    "dispute.keys": (
        "Espace coche les factures contestées, Tab vers le motif",
        "Space ticks the disputed invoices, Tab to the reason",
    ),
    "dispute.reason": ("Motif du litige", "Reason of the dispute"),
    "error.date": (
        "Date illisible : « {text} » (par exemple 15/12, 15/12/2026, +3, fin de mois)",
        'Cannot read "{text}" as a date (e.g. 15/12, 2026-12-15, +3, eom)',
    ),
    "error.amount": (
        "Montant illisible : « {text} » (par exemple 1234,56)",
        'Cannot read "{text}" as an amount (e.g. 1234.56)',
    ),
    "error.amount_zero": (
        "Rien d'échu : tapez le montant (Tab Tab)",
        "Nothing overdue: type the amount (Tab Tab)",
    ),
    "error.past_date": ("Le {day} est déjà passé", "{day} is already past"),
    "error.when": (
        "Quand ? par exemple 14:30, 15/12 10h, demain 9h",
        "When? e.g. 14:30, 15/12 10h, tomorrow 9h",
    ),
    "error.time": ("« {text} » n'est pas une heure", '"{text}" is not a time of day'),
    "error.past_time": ("« {text} » est déjà passé", '"{text}" is already past'),
    "error.count": (
        "Entre 1 et {max} échéances",
        "Between 1 and {max} instalments",
    ),
    "plan.title": ("Échéancier", "Payment plan"),
    "plan.total": ("Total", "Total"),
    "plan.count": ("Nombre d'échéances", "Number of instalments"),
    "plan.first": ("Première échéance", "First instalment"),
    "plan.every": ("Intervalle (jours)", "Every (days)"),
    "plan.preview": ("{n} × {amount}, du {first} au {last}", "{n} × {amount}, {first} to {last}"),
    "plan.last_differs": (" (la dernière : {amount})", " (the last one: {amount})"),
    "skip.title": ("Passer ce débiteur", "Skip this debtor"),
    "skip.keys": (
        "1 mauvais moment · 2 attendre un document · 3 voir avec le commercial"
        " · Tab pour taper un autre motif, Tab encore pour passer jusqu'à une date",
        "1 bad time · 2 waiting for a document · 3 check with sales · Tab to type another reason,"
        " Tab again to skip until a day",
    ),
    "skip.reason1": ("mauvais moment pour appeler", "bad time to call"),
    "skip.reason2": ("en attente d'un document", "waiting for a document"),
    "skip.reason3": ("à voir avec le commercial", "to check with sales"),
    "skip.reason": ("Motif", "Reason"),
    "find.title": ("Chercher un débiteur", "Find a debtor"),
    "find.placeholder": ("nom, code ou téléphone", "name, code or phone"),
    "find.keys": (
        "↑ ↓ choisir · Entrée ouvre la fiche · Échap annule",
        "↑ ↓ choose · Enter opens the dossier · Escape cancels",
    ),
    "find.none": ("Aucun débiteur trouvé", "No debtor found"),
    "help.title": ("Touches", "Keys"),
    "help.close": ("Échap ou ? pour fermer", "Escape or ? to close"),
    "help.dialogs": ("Dans les fenêtres", "In dialogs"),
    "help.tab": (
        "Tab : passer au champ suivant (note, montant…)",
        "Tab: next field (note, amount…)",
    ),
    "summary.released": (
        "fin de session, fiche en cours rendue à la file",
        "session over, the debtor on screen is back in the queue",
    ),
    # notices
    "notice.saved": ("Enregistré : {outcome} — {name}", "Saved: {outcome} — {name}"),
    "notice.undone": ("Annulé : {outcome} ({name})", "Undone: {outcome} ({name})"),
    "notice.nothing_to_undo": (
        "Rien à annuler dans cette session",
        "Nothing to undo in this session",
    ),
    "notice.no_debtor": ("Aucun débiteur à l'écran", "No debtor on screen"),
    "notice.no_contact": (
        "Plus aucun numéro valide : passez au suivant",
        "No valid number left: move on",
    ),
    "notice.note_unsaved": (
        "La note n'est enregistrée qu'avec un résultat : choisissez-en un,"
        " ou Entrée encore pour passer sans elle",
        "A note is saved with an outcome: pick one, or Enter again to move on without it",
    ),
    "notice.nothing_to_dispute": (
        "Aucune facture ouverte à contester",
        "No open invoice to dispute",
    ),
    "notice.one_contact": (
        "Pas d'autre numéro valide pour ce débiteur",
        "No other valid number for this debtor",
    ),
    "notice.error": ("Rien n'a été enregistré : {error}", "Nothing was saved: {error}"),
    "notice.claim_lost": (
        "Ce débiteur est repris par un autre poste",
        "Another desk took this debtor",
    ),
    "callback.placeholder": ("14:30 · 15/12 10h · demain 9h", "14:30 · 15/12 10h · tomorrow 9h"),
    "notice.wait": (
        "Attendez le dossier suivant : touche ignorée",
        "Wait for the next dossier: key ignored",
    ),
    "notice.passed": (
        "Passé sans résultat : {name}",
        "Passed with no outcome: {name}",
    ),
    "notice.resumed": (
        "Reprise de {name}, laissé en cours par votre session précédente",
        "Back to {name}, left unfinished by your previous session",
    ),
    "notice.quit_note": (
        "Une note est tapée mais pas enregistrée : ctrl+q encore pour quitter sans elle",
        "A note is typed but not saved: ctrl+q again to quit without it",
    ),
    "palette.outcome": ("Résultat : {outcome}", "Outcome: {outcome}"),
    "palette.open": ("Ouvrir", "Open"),
    "palette.placeholder": (
        "Une commande, ou un débiteur par son nom…",
        "A command, or a debtor by name…",
    ),
    # spreadsheet exports (xlsx, CSV for Excel): column headers
    "export.sheet.calls": ("Appels", "Calls"),
    "export.sheet.promises": ("Promesses", "Promises"),
    "export.sheet.queue": ("File", "Queue"),
    "export.col.id": ("N°", "No."),
    "export.col.started_at": ("Début de l'appel", "Call started"),
    "export.col.debtor_code": ("Code débiteur", "Debtor code"),
    "export.col.debtor_name": ("Débiteur", "Debtor"),
    "export.col.collector": ("Chargé de recouvrement", "Collector"),
    "export.col.entered_by": ("Saisi par", "Entered by"),
    "export.col.outcome": ("Résultat", "Outcome"),
    "export.col.reason": ("Motif", "Reason"),
    "export.col.right_party": ("Bon interlocuteur", "Right party"),
    "export.col.contact_id": ("N° contact", "Contact no."),
    "export.col.campaign": ("Campagne", "Campaign"),
    "export.col.callback_at": ("Rappel prévu", "Callback at"),
    "export.col.undoes": ("Annule l'appel", "Undoes call"),
    "export.col.note": ("Note", "Note"),
    "export.col.created_at": ("Créée le", "Made at"),
    "export.col.promised_on": ("Date promise", "Promised for"),
    "export.col.amount_cents": ("Montant promis", "Amount promised"),
    "export.col.paid_cents": ("Montant payé", "Amount paid"),
    "export.col.status": ("Statut", "Status"),
    "export.col.settled_at": ("Constatée le", "Settled at"),
    "export.col.plan_id": ("N° échéancier", "Plan no."),
    "export.col.call_id": ("N° appel", "Call no."),
    "export.col.state": ("État", "State"),
    "export.col.score": ("Score", "Score"),
    "export.col.overdue_cents": ("Montant échu", "Amount overdue"),
    "export.col.oldest_days": ("Retard le plus ancien (jours)", "Oldest overdue (days)"),
    "export.col.next_action_at": ("Prochaine action", "Next action"),
    "export.col.last_call_at": ("Dernier appel", "Last call"),
    "export.col.last_contact_at": ("Dernier contact utile", "Last right-party contact"),
    "export.col.claimed_by": ("Pris par", "Claimed by"),
    "export.yes": ("oui", "yes"),
    "export.no": ("non", "no"),
    "export.xlsx_needs_file": (
        "--format xlsx écrit un classeur : donnez un fichier avec --output",
        "--format xlsx writes a workbook: name a file with --output",
    ),
}

MESSAGES.update(_dossier_messages)


WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Locale:
    """A language and a date style; formats everything the screens show."""

    lang: str = "fr"
    #: "dmy" (15/12/2026), "mdy" (12/15/2026, US English) or "iso" (2026-12-15).
    date_style: str = "dmy"

    def t(self, key: str, **params: object) -> str:
        """The text of message ``key`` in this language, with ``params`` filled in."""
        texts = MESSAGES.get(key)
        if texts is None:
            return key
        text = texts[0] if self.lang == "fr" else texts[1]
        return text.format(**params) if params else text

    def caller(self, call) -> str:
        """Who made a call, "by X for Y" when a supervisor typed it for a collector."""
        if not call.entered_by:
            return call.collector
        return self.t("calls.entered_by", collector=call.collector, login=call.entered_by)

    def error(self, exc: BaseException) -> str:
        """An error's message in this language when it carries one (a coded refusal)."""
        in_lang = getattr(exc, "in_lang", None)
        return in_lang(self.lang) if callable(in_lang) else str(exc)

    def date(self, day: date | None) -> str:
        if day is None:
            return ""
        if self.date_style == "mdy":
            return f"{day.month:02d}/{day.day:02d}/{day.year:04d}"
        if self.date_style == "iso":
            return day.isoformat()
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"

    def long_date(self, day: date) -> str:
        """With the weekday, for confirming a promised day: ``vendredi 27/11/2026``."""
        names = WEEKDAYS_FR if self.lang == "fr" else WEEKDAYS_EN
        return f"{names[day.weekday()]} {self.date(day)}"

    def compact_date(self, day: date) -> str:
        """Two-digit year, for table columns at 80 columns (ISO stays whole)."""
        if self.date_style == "iso":
            return day.isoformat()
        return self.date(day)[:-4] + f"{day.year % 100:02d}"

    def moment(self, instant: datetime, tz=None) -> str:
        """A local date and time, e.g. ``15/12/2026 14:30``."""
        local = instant.astimezone(tz) if tz is not None else instant
        return f"{self.date(local.date())} {local:%H:%M}"

    def refusal(self, code: str, params: Mapping[str, object] | None = None) -> str:
        """Why the service refused an outcome (:mod:`callcenter.refusals`), in this language.

        Dates are written the reader's way, ``*_cents`` as money, lists joined.
        """
        texts = REFUSALS.get(code) or MESSAGES.get(code)
        if texts is None:
            return code
        shown = {key: self._param(key, value) for key, value in (params or {}).items()}
        return (texts[0] if self.lang == "fr" else texts[1]).format(**shown)

    def _param(self, key: str, value: object) -> object:
        if isinstance(value, date):
            return self.date(value)
        if key.endswith("_cents") and isinstance(value, int):
            return self.money(value)
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def money(self, cents: int, currency: str = "EUR") -> str:
        return format_amount(cents, self.lang, currency)

    def short_money(self, cents: int) -> str:
        return format_short(cents, self.lang)


def _locale_from_env(environ: Mapping[str, str]) -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return value
    return ""


def detect_locale(override: str | None = None, environ: Mapping[str, str] | None = None) -> Locale:
    """The interface locale: ``override`` (from ``--lang``) wins, then the environment.

    ``C``/``POSIX`` and unknown languages fall back to French. English uses US
    month-first dates only for ``en_US``; other English locales get ISO dates,
    which nobody misreads.
    """
    env = os.environ if environ is None else environ
    raw = _locale_from_env(env)
    region = raw.split(".")[0]
    lang = override or region.split("_")[0].lower()
    if lang not in LANGS:
        lang = "fr"
    if lang == "fr":
        return Locale("fr", "dmy")
    return Locale("en", "mdy" if region.startswith("en_US") else "iso")
