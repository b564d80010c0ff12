"""The written funnel (``funnel.*``, ``statement.*``, ``remind.*``): scenario positions,
the statement of account's headings, ``callcenter remind``'s report and errors."""

from __future__ import annotations

from callcenter.i18n.entries import Entry, Plural

MESSAGES: dict[str, Entry] = {
    "funnel.channel.email": ("e-mail", "e-mail"),
    "funnel.channel.letter": ("courrier", "letter"),
    "funnel.channel.call": ("appel", "call"),
    "funnel.channel.visit": ("visite", "visit"),
    "funnel.channel.formal_notice": ("mise en demeure", "formal notice"),
    "funnel.channel.litigation": ("contentieux", "litigation"),
    "funnel.channel.confirmation": ("confirmation", "confirmation"),
    "funnel.channel.statement": ("relevé de compte", "statement"),
    "funnel.position": (
        "Relance ({scenario}) : étape {number} sur {total}",
        "Reminders ({scenario}): step {number} of {total}",
    ),
    "funnel.last": ("{channel} le {day}", "{channel} on {day}"),
    "funnel.next": ("ensuite : {channel} dès le {day}", "next: {channel} from {day}"),
    "funnel.next_approval": (
        "ensuite : {channel} dès le {day}, à approuver",
        "next: {channel} from {day}, to approve",
    ),
    "funnel.climbed": ("toutes les étapes sont faites", "every step is taken"),
    "funnel.none": (
        "Relance : rien à relancer par écrit",
        "Reminders: nothing to remind in writing",
    ),
    "funnel.written": (
        "{channel} « {subject} » à {to} : {result}",
        "{channel} “{subject}” to {to}: {result}",
    ),
    "funnel.result.sent": ("envoyé", "sent"),
    "funnel.result.written": ("écrit", "written"),
    "funnel.result.failed": ("échec", "failed"),
    "funnel.result.refused": ("adresse refusée", "address refused"),
    "funnel.result.awaiting_approval": ("à approuver", "awaiting approval"),
    "funnel.template_broken": (
        "{file}, ligne {line} : modèle inutilisable : {reason}",
        "{file}, line {line}: template cannot be used: {reason}",
    ),
    "funnel.no_address": (
        "{code} : aucun contact avec une adresse e-mail valide",
        "{code}: no contact with a usable e-mail address",
    ),
    "funnel.pdf_missing": (
        "PDF indisponible ({reason}) : les courriers sont écrits en HTML (pip install 'callcenter[pdf]')",
        "PDF unavailable ({reason}): letters are written as HTML (pip install 'callcenter[pdf]')",
    ),
    "funnel.smtp_failed": ("serveur de messagerie : {reason}", "mail server: {reason}"),
    "funnel.outside_hours": (
        "Hors des jours et heures d'envoi : rien n'est envoyé avant le {moment}",
        "Outside the sending days and hours: nothing is sent before {moment}",
    ),
    "funnel.no_outbox": (
        "Ni serveur SMTP ([smtp] host) ni dossier d'envoi (--outbox ou funnel.outbox) : rien n'est envoyé",
        "No SMTP server ([smtp] host) and no outbox folder (--outbox or funnel.outbox): nothing is sent",
    ),
    "funnel.no_print_folder": (
        "Aucun dossier d'impression (funnel.print_folder) pour les courriers",
        "No print folder (funnel.print_folder) for letters",
    ),
    "remind.line": (
        "{code}  {step} ({channel})  {to}  {subject}",
        "{code}  {step} ({channel})  {to}  {subject}",
    ),
    "remind.awaiting": (
        "{code}  {step} ({channel}) : à approuver (callcenter remind --approve)",
        "{code}  {step} ({channel}): awaiting approval (callcenter remind --approve)",
    ),
    "remind.failed": (
        "{code}  {step} : échec, réessayé au prochain passage : {reason}",
        "{code}  {step}: failed, retried on the next run: {reason}",
    ),
    "remind.no_address": (
        "{code}  {step} : aucune adresse e-mail utilisable ; envoyé dès qu'un contact en a une",
        "{code}  {step}: no usable e-mail address; sent once a contact has one",
    ),
    "remind.summary": (
        Plural(one="{count} message envoyé ou écrit", other="{count} messages envoyés ou écrits"),
        Plural(one="{count} message sent or written", other="{count} messages sent or written"),
    ),
    "remind.due": (
        Plural(one="{count} étape écrite due", other="{count} étapes écrites dues"),
        Plural(one="{count} written step due", other="{count} written steps due"),
    ),
    "cli.remind.help": (
        "envoyer les relances écrites dues (e-mails, courriers, mises en demeure)",
        "send the written reminders that are due (e-mails, letters, formal notices)",
    ),
    "cli.remind.description": (
        "Place chaque débiteur sur le scénario de sa catégorie et envoie l'étape écrite due "
        "aujourd'hui : par SMTP, ou en fichiers .eml dans un dossier d'envoi ; les courriers en "
        "PDF dans le dossier d'impression. Chaque envoi est consigné dans le journal des "
        "communications ; une étape n'est jamais envoyée deux fois.",
        "Places each debtor on its category's scenario and sends the written step due today: "
        "by SMTP, or as .eml files in an outbox folder; letters as PDF in the print folder. "
        "Every message is kept in the communications log; a step is never sent twice.",
    ),
    "cli.remind.opt.dry_run": (
        "lister les étapes dues sans rien envoyer",
        "list the due steps, send nothing",
    ),
    "cli.remind.opt.approve": (
        "envoyer aussi les étapes à approuver (mise en demeure)",
        "also send the steps that need approval (formal notice)",
    ),
    "cli.remind.opt.outbox": (
        "écrire les e-mails en fichiers .eml dans DIR au lieu de les envoyer",
        "write the e-mails as .eml files in DIR instead of sending them",
    ),
    "cli.remind.opt.json": (
        "une liste JSON : débiteur, étape, canal, destinataires, objet",
        "a JSON list: debtor, step, channel, recipients, subject",
    ),
    "config.expect.scenarios": (
        "une liste de tables [[funnel.scenarios]]",
        "a list of [[funnel.scenarios]] tables",
    ),
    "config.scenario": ("{file} : {place} : {problem}", "{file}: {place}: {problem}"),
    "config.scenario.unknown": ("clé inconnue {key}", "unknown key {key}"),
    "config.scenario.name": (
        'name doit être un code comme "standard" (a-z, 0-9, _)',
        'name must be a code like "standard" (a-z, 0-9, _)',
    ),
    "config.scenario.segments": (
        "segments doit être une liste de noms de segments",
        "segments must be a list of segment names",
    ),
    "config.scenario.euros": (
        "{key} doit être un nombre entier d'euros, 0 ou plus",
        "{key} must be a whole number of euros, 0 or more",
    ),
    "config.scenario.risk": ("risk doit être un texte", "risk must be a text"),
    "config.scenario.steps": (
        "steps doit être une liste non vide d'étapes (key, days, channel)",
        "steps must be a non-empty list of steps (key, days, channel)",
    ),
    "config.scenario.key": (
        'key doit être un code comme "email_1" (a-z, 0-9, _)',
        'key must be a code like "email_1" (a-z, 0-9, _)',
    ),
    "config.scenario.twice": (
        "la clé {key} sert deux fois dans ce scénario",
        "key {key} is used twice in this scenario",
    ),
    "config.scenario.days": (
        "days doit être un nombre entier de -60 à 3650",
        "days must be a whole number from -60 to 3650",
    ),
    "config.scenario.order": (
        "days ne doit pas précéder celui de l'étape précédente",
        "days must not be before the previous step's",
    ),
    "config.scenario.channel": (
        "channel doit être l'un de {channels}",
        "channel must be one of {channels}",
    ),
    "config.scenario.template": (
        'template doit être un nom de modèle comme "reminder_1"',
        'template must be a template name like "reminder_1"',
    ),
    "config.scenario.needs_template": (
        "une étape écrite ({channel}) demande un modèle (template)",
        "a written step ({channel}) needs a template",
    ),
    "config.scenario.approval": (
        "approval doit être true ou false",
        "approval must be true or false",
    ),
    "config.funnel_language": (
        "{file} : funnel.language doit valoir fr ou en, pas {value}",
        "{file}: funnel.language must be fr or en, not {value}",
    ),
    "config.funnel_weekdays": (
        "{file} : funnel.weekdays doit nommer au moins un jour",
        "{file}: funnel.weekdays must name at least one day",
    ),
    "config.smtp_security": (
        "{file} : smtp.security doit valoir starttls, ssl ou none, pas {value}",
        "{file}: smtp.security must be starttls, ssl or none, not {value}",
    ),
    "key.confirm_promise": ("confirmer la promesse par écrit", "confirm the promise in writing"),
    "help.confirm_promise": (
        "après une promesse : sa confirmation écrite (date, montant) au contact, relue puis"
        " envoyée",
        "after a promise: its written confirmation (date, amount) to the contact, previewed"
        " then sent",
    ),
    "confirm.title": ("Confirmation écrite de la promesse", "Written confirmation of the promise"),
    "confirm.keys": ("Entrée envoie · Échap annule", "Enter sends · Esc cancels"),
    "confirm.none": ("Aucune promesse en attente à confirmer", "No pending promise to confirm"),
    "confirm.sent": ("Confirmation envoyée", "Confirmation sent"),
    "funnel.count.title": ("Écrits du jour", "Written today"),
    "funnel.count.emails": ("e-mails", "e-mails"),
    "funnel.count.letters": ("courriers", "letters"),
    "funnel.count.failed": ("échecs", "failures"),
    "funnel.count.awaiting": ("à approuver", "to approve"),
    "funnel.count.sent_today": ("E-mails · courriers du jour", "E-mails · letters today"),
    "funnel.count.trouble": ("Échecs du jour · à approuver", "Failures today · to approve"),
    "statement.title": ("Relevé de compte", "Statement of account"),
    "statement.as_of": ("Situation au {day}", "As of {day}"),
    "statement.open_invoices": ("Factures ouvertes", "Open invoices"),
    "statement.number": ("Facture", "Invoice"),
    "statement.issued": ("Date", "Date"),
    "statement.due": ("Échéance", "Due"),
    "statement.amount": ("Montant", "Amount"),
    "statement.open": ("Restant dû", "Outstanding"),
    "statement.days_late": ("Jours de retard", "Days late"),
    "statement.payments": ("Derniers règlements", "Latest payments"),
    "statement.paid_on": ("Reçu le", "Received"),
    "statement.reference": ("Référence", "Reference"),
    "statement.no_payment": ("aucun règlement", "no payment"),
    "statement.aging": ("Ancienneté du solde", "Aging of the balance"),
    "statement.balance": ("Solde dû", "Balance due"),
    "statement.how_to_pay": ("Pour régler :", "How to pay:"),
}
