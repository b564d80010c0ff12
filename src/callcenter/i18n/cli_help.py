"""The command line's help: each command's and option's words (``cli.<command>.…``).

argparse shows them through :class:`callcenter.cli.language.CatalogueFormatter`;
a literal ``%`` is written ``%%`` (argparse fills ``%(default)s`` in).
"""

from __future__ import annotations

from callcenter.i18n.entries import Entry

MESSAGES: dict[str, Entry] = {
    "cli.main.description": (
        "Poste de travail au clavier pour le recouvrement des factures impayées par téléphone.",
        "Keyboard-first workstation for collecting unpaid invoices by phone.",
    ),
    "cli.main.opt.db": (
        "fichier de la base, ou postgresql://... pour un serveur"
        " (par défaut : $CALLCENTER_DB ou le dossier de données de l'utilisateur)",
        "database file, or postgresql://... for a server"
        " (default: $CALLCENTER_DB or the user data directory)",
    ),
    "cli.main.opt.as": (
        "travailler en tant que NOM au lieu du nom de connexion",
        "work as NAME instead of the login name",
    ),
    "cli.main.opt.lang": (
        "langue de l'interface (par défaut : selon LANG)",
        "language of the interface (default: from LANG)",
    ),
    "cli.main.opt.config": (
        "fichier de réglages de la file (poids, délais, heures d'appel)",
        "queue settings file (weights, delays, calling hours)",
    ),
    "cli.main.opt.campaign": (
        "travailler les débiteurs de cette campagne",
        "work the debtors of this campaign",
    ),
    "cli.main.opt.version": ("afficher la version installée", "print the installed version"),
    "cli.main.opt.completion": (
        "écrire le script de complétion pour ce shell (voir le README : Install)",
        "print a shell completion script (see the README: Install)",
    ),
    "cli.backup.help": (
        "copier la base pendant que les chargés continuent de travailler",
        "copy the database while collectors keep working",
    ),
    "cli.backup.description": (
        "Copie la base en service avec l'API de sauvegarde en ligne de SQLite (une archive"
        " pg_dump pour une base PostgreSQL, restaurée avec pg_restore). La copie reçoit le"
        " groupe et le mode de la base (0660 pour un fichier d'équipe) et est vérifiée avant"
        " la fin de la commande ; un fichier existant n'est remplacé qu'avec --force, la base"
        " jamais.",
        "Copy the live database with SQLite's online backup API (a pg_dump archive for a"
        " PostgreSQL database, restored with pg_restore). The copy is gets the database's"
        " group and mode (0660 for a team file) and is checked before the command returns;"
        " an existing file is replaced only with --force, the database never.",
    ),
    "cli.backup.opt.path": (
        "fichier où écrire la copie",
        "file to write the copy to",
    ),
    "cli.backup.opt.force": (
        "remplacer CHEMIN s'il existe",
        "replace PATH if it exists",
    ),
    "cli.check.help": (
        "vérifier la base : intégrité, clés étrangères, schéma, lignes orphelines",
        "verify the database: integrity, foreign keys, schema, orphan rows",
    ),
    "cli.check.description": (
        "Code de sortie 0 quand le fichier est sain, 1 quand quelque chose ne va pas (les avertissements seuls n'échouent pas, sauf avec --strict).",
        "Exit status 0 when the file is sound, 1 when something is wrong (warnings alone do not fail unless --strict).",
    ),
    "cli.check.opt.json": (
        "afficher le rapport en JSON",
        "print the report as JSON",
    ),
    "cli.check.opt.quick": (
        "vérification des pages plus rapide, moins complète",
        "faster, less thorough page check",
    ),
    "cli.check.opt.strict": (
        "échouer aussi sur les avertissements",
        "fail on warnings too",
    ),
    "cli.dispute.help": (
        "lister, résoudre ou annuler les litiges (et le défaire)",
        "list, resolve or cancel disputes (and undo that)",
    ),
    "cli.dispute.list.help": (
        "les litiges ouverts de votre portefeuille, les plus anciens d'abord",
        "open disputes of your portfolio, oldest first",
    ),
    "cli.dispute.list.opt.all": (
        "ceux de toute l'équipe (superviseurs)",
        "the whole team's (supervisors)",
    ),
    "cli.dispute.list.opt.closed": (
        "aussi ceux résolus ou annulés",
        "resolved and cancelled ones too",
    ),
    "cli.dispute.list.opt.debtor": (
        "seulement ceux de ce débiteur",
        "only this debtor's",
    ),
    "cli.dispute.resolve.help": (
        "clore un litige ouvert",
        "settle an open dispute",
    ),
    "cli.dispute.resolve.opt.credit_note": (
        "le client avait raison : un avoir est attendu (les factures restent hors de la file)",
        "the client was right: a credit note is expected (invoices stay out of the queue)",
    ),
    "cli.dispute.resolve.opt.rejected": (
        "le client avait tort : les factures reviennent dans la file",
        "the client was wrong: invoices go back to the queue",
    ),
    "cli.task.help": (
        "vos tâches ouvertes, et les marquer faites (ou non)",
        "your open tasks, and marking them done (or not)",
    ),
    "cli.task.list.help": (
        "vos tâches ouvertes : qui, quoi, depuis quand, pour quand",
        "your open tasks: who, what, since, due",
    ),
    "cli.task.list.opt.all": (
        "celles de toute l'équipe (superviseurs)",
        "the whole team's (supervisors)",
    ),
    "cli.demo.help": (
        "remplir la base avec un grand livre de démonstration",
        "fill the database with a generated demo ledger",
    ),
    "cli.demo.description": (
        "Génère le grand livre clients d'une PME française (clients, contacts, factures, paiements, une équipe de chargés et une année d'appels et de promesses). Les mêmes --debtors, --seed et date donnent toujours le même grand livre.",
        "Generate a French SME receivables ledger (customers, contacts, invoices, payments, a team of collectors and a year of calls and promises). The same --debtors, --seed and date always give the same ledger.",
    ),
    "cli.demo.opt.debtors": (
        "clients (300)",
        "customers (300)",
    ),
    "cli.demo.opt.seed": (
        "graine du hasard (7)",
        "random seed (7)",
    ),
    "cli.demo.opt.fec_out": (
        "écrire aussi le grand livre dans un fichier FEC",
        "also write the ledger as an FEC file",
    ),
    "cli.demo.opt.force": (
        "remplacer la base même si elle contient un grand livre",
        "replace the database even if it holds a ledger",
    ),
    "cli.import.help": (
        "importer un FEC (export comptable) ou un fichier CSV",
        "import a FEC (accounting export) or a CSV file",
    ),
    "cli.import.description": (
        "Importe les créances d'un FEC, ou des clients, contacts, factures ou paiements d'un fichier CSV. Tout le fichier entre en une transaction : une ligne fautive arrête l'import en donnant fichier, ligne et colonne, et rien n'est écrit, sauf avec --skip-bad.",
        "Import the receivables from a FEC, or clients, contacts, invoices or payments from a CSV file. The whole file goes in one transaction: a bad line stops the import with its file, line and column, and nothing is written, unless --skip-bad is given.",
    ),
    "cli.import.fec.help": (
        "un FEC : tout le grand livre clients d'un logiciel comptable",
        "a FEC: the whole receivables ledger of an accounting package",
    ),
    "cli.import.fec.description": (
        "Lit un FEC (séparé par tabulation, | ou ; ; en UTF-8, ISO-8859-15 ou Windows-1252). Les clients sont les lignes des comptes 411 (voir --accounts) ; le fichier vaut grand livre complet : les factures ouvertes qu'il ne mentionne plus sont closes.",
        "Read a FEC (tab, | or ; separated; UTF-8, ISO-8859-15 or Windows-1252). Customers are the lines on accounts 411 (see --accounts); the file is taken as the whole ledger, so open invoices it no longer mentions are closed.",
    ),
    "cli.import.fec.opt.terms": (
        "délai de paiement des clients sans délai propre (30 par défaut : échéance = émission + JOURS)",
        "payment terms for clients without their own (default 30: due = issue + DAYS)",
    ),
    "cli.import.fec.opt.accounts": (
        "préfixes de comptes clients, séparés par des virgules (411 par défaut)",
        "comma-separated account prefixes holding customers (default 411)",
    ),
    "cli.import.fec.opt.map": (
        'lire une colonne sous un nom FEC, par ex. --map "Echeance=due_date" pour une échéance',
        'read a column under a FEC name, e.g. --map "Echeance=due_date" for a due date',
    ),
    "cli.import.csv.description": (
        "Lit un CSV (séparé par , ; ou tabulation) dont l'en-tête nomme les colonnes\n"
        "ci-dessous (obligatoires marquées *), ou d'autres noms renommés avec --map.\n\n{columns}",
        "Read a CSV (, ; or tab separated) whose header names the columns\n"
        "below (required ones marked *), or other names renamed with --map.\n\n{columns}",
    ),
    "cli.import.csv.help": (
        "clients, contacts, factures ou paiements d'un tableur",
        "clients, contacts, invoices or payments from a spreadsheet",
    ),
    "cli.import.csv.opt.map": (
        'renommer des colonnes, par ex. --map "Raison sociale=name,N° client=code"',
        'rename columns, e.g. --map "Raison sociale=name,N° client=code"',
    ),
    "cli.import.csv.opt.terms": (
        "factures sans échéance : échéance = émission + JOURS (ou le délai propre du client)",
        "invoices without a due date: due = issue + DAYS (or the client's own terms)",
    ),
    "cli.import.opt.skip_bad": (
        "importer les bonnes lignes et écrire les mauvaises, avec leur motif, dans --rejects",
        "import the good lines and write the bad ones, with the reason, to --rejects",
    ),
    "cli.import.opt.rejects": (
        "où --skip-bad écrit les lignes rejetées (par défaut : FICHIER.rejects dans ce dossier)",
        "where --skip-bad writes the rejected lines (default: FILE.rejects in this directory)",
    ),
    "cli.import.opt.force": (
        "permettre à --rejects de remplacer un fichier existant (jamais une base, un lien ou un périphérique)",
        "let --rejects replace an existing file (never a database, a link or a device)",
    ),
    "cli.import.opt.dry_run": (
        "vérifier le fichier et montrer ce que ferait l'import, sans rien écrire",
        "check the file and show what the import would do, without writing anything",
    ),
    "cli.queue.help": (
        "les débiteurs à appeler maintenant, les meilleurs d'abord, avec les raisons",
        "the debtors to call now, best first, with the reasons",
    ),
    "cli.queue.opt.limit": (
        "combien de débiteurs (20 par défaut)",
        "how many debtors (default 20)",
    ),
    "cli.queue.opt.collector": (
        "la file de NOM (son portefeuille et les débiteurs non attribués)",
        "NAME's queue (their portfolio and unassigned debtors)",
    ),
    "cli.queue.opt.all": (
        "la file de toute l'équipe (par défaut pour un superviseur)",
        "the whole team's queue (a supervisor's default)",
    ),
    "cli.queue.opt.waiting": (
        "lister aussi les débiteurs échus dont le prochain essai est plus tard",
        "also list due debtors whose next try is later",
    ),
    "cli.debtor.help": (
        "le dossier d'un débiteur : factures, contacts, appels, promesses",
        "one debtor's dossier: invoices, contacts, calls, promises",
    ),
    "cli.log.description": ("RÉSULTAT est l'un de : {outcomes}.", "OUTCOME is one of: {outcomes}."),
    "cli.log.help": (
        "enregistrer ce qui s'est passé lors d'un appel (comme les touches du poste)",
        "record what happened on a call (same as the workstation's keys)",
    ),
    "cli.log.opt.promise_date": (
        "15/12, 15/12/2026, +3, fin de mois...",
        "15/12, 15/12/2026, +3, fin de mois...",
    ),
    "cli.log.opt.amount": (
        "montant promis (par défaut : tout l'échu)",
        "promised amount (default: all overdue)",
    ),
    "cli.log.opt.callback_at": (
        "« 15/12 14:30 », « demain 9h », « +2h »",
        '"15/12 14:30", "demain 9h", "+2h"',
    ),
    "cli.log.opt.callback_owner": (
        "qui reprend le rappel : me (moi seul) ou anyone (n'importe qui) ;"
        " par défaut, le réglage queue.callback_owner",
        "who takes the callback: me (only me) or anyone; default: the queue.callback_owner setting",
    ),
    "cli.log.opt.attempt": (
        "l'appel passé (son identifiant, « t » dans le poste) que ce résultat clôt",
        "the dialled call (its id, 't' in the workstation) this outcome closes",
    ),
    "cli.log.opt.contact": (
        "qui a été (ou n'a pas été) joint",
        "who was (or was not) reached",
    ),
    "cli.log.opt.invoices": (
        "numéros des factures contestées",
        "disputed invoice numbers",
    ),
    "cli.log.opt.reason": (
        "motif du litige, du refus ou du passage",
        "dispute, refusal or skip reason",
    ),
    "cli.log.opt.skip_until": (
        "passer : mettre le débiteur de côté jusqu'à ce jour",
        "skip: put the debtor aside until this day",
    ),
    "cli.log.opt.paid_on": (
        "already_paid : le jour où le débiteur dit avoir payé",
        "already_paid: the day the debtor says it paid",
    ),
    "cli.log.opt.reference": (
        "already_paid : sa référence",
        "already_paid: its reference",
    ),
    "cli.log.opt.yes": (
        "confirmer ce que le service demande (une date à des mois, plus que le solde)",
        "confirm what the service asks about (a date months away, more than the balance)",
    ),
    "cli.log.opt.instalment": (
        "échéance d'un échéancier, à répéter pour chacune (par ex. 15/12=500)",
        "payment plan instalment, repeat for each (e.g. 15/12=500)",
    ),
    "cli.log.opt.json": (
        "afficher le numéro de l'appel en JSON",
        "print the call id as JSON",
    ),
    "cli.undo.help": (
        "annuler un appel enregistré (une écriture de compensation est enregistrée)",
        "cancel a logged call (a compensating entry is recorded)",
    ),
    "cli.rescore.help": (
        "recalculer la place de chaque débiteur dans la file",
        "recompute every debtor's place in the queue",
    ),
    "cli.supervise.help": (
        "ouvrir le tableau de bord de supervision en direct",
        "open the live supervisor dashboard",
    ),
    "cli.supervise.description": (
        "File, activité de l'équipe et chiffres du recouvrement, mis à jour toutes les quelques secondes. Un chargé ne voit que ses propres chiffres.",
        "Queue, team activity and collection figures, refreshed every few seconds. Collectors see their own figures only.",
    ),
    "cli.supervise.opt.every": (
        "période de rafraîchissement (5 par défaut)",
        "refresh period (default 5)",
    ),
    "cli.stats.help": (
        "afficher les chiffres du tableau de bord (balance âgée, DSO, CEI, promesses tenues...)",
        "print the dashboard's figures (aging, DSO, CEI, promise-kept rate...)",
    ),
    "cli.stats.description": (
        "Les chiffres du tableau de bord, calculés par la même fonction. Période par défaut : les 30 derniers jours. Le DSO est le DSO simple (encours à la fin / ventes à crédit de la période x jours).",
        "The figures of the dashboard, computed by the same function. Default period: the last 30 days. DSO is the simple DSO (closing receivables / credit sales of the period x days).",
    ),
    "cli.stats.opt.json": (
        "afficher les chiffres en JSON",
        "print the figures as JSON",
    ),
    "cli.export.help": (
        "exporter les appels, les promesses ou la file en CSV, JSON ou classeur xlsx",
        "export calls, promises or the queue as CSV, JSON or an xlsx workbook",
    ),
    "cli.export.description": (
        "Les lignes sont écrites au fil de l'eau. CSV et JSON sont pour les scripts : codes, montants en centimes plus une colonne décimale exacte, heures UTC. --format xlsx et --excel sont pour les personnes : en-têtes dans la langue de l'interface, montants en euros, heures du bureau. La file est une photo de l'instant et ignore --since/--until.",
        "Rows are streamed to the file. CSV and JSON are for scripts: codes, amounts in cents plus an exact decimal column, UTC times. --format xlsx and --excel are for people: headers in the interface language, amounts in euros, office times. The queue is a snapshot of now and ignores --since/--until.",
    ),
    "cli.export.opt.since": (
        "premier jour (par défaut : aujourd'hui)",
        "first day (default: today)",
    ),
    "cli.export.opt.until": (
        "dernier jour (par défaut : aujourd'hui)",
        "last day (default: today)",
    ),
    "cli.export.opt.excel": (
        "CSV pour Excel en français : « ; », UTF-8 avec BOM, virgule décimale, heures du bureau",
        "CSV for French Excel: ';', UTF-8 with BOM, decimal commas, office times",
    ),
    "cli.export.opt.o": (
        "écrire dans FICHIER (par défaut : la sortie standard)",
        "write to FILE (default: stdout)",
    ),
    "cli.export.opt.force": (
        "remplacer FICHIER s'il existe (jamais une base)",
        "replace FILE if it exists (never a database)",
    ),
    "cli.assign.help": (
        "confier des débiteurs, ou tout un portefeuille, à un chargé (superviseurs)",
        "give debtors, or a whole portfolio, to a collector (supervisors)",
    ),
    "cli.assign.description": (
        "callcenter assign C001 C002 --to ann  |  callcenter assign --from bob --to ann",
        "callcenter assign C001 C002 --to ann  |  callcenter assign --from bob --to ann",
    ),
    "cli.assign.opt.codes": (
        "codes des débiteurs à réattribuer",
        "debtor codes to reassign",
    ),
    "cli.assign.opt.from": (
        "déplacer le portefeuille de UTILISATEUR",
        "move USER's portfolio",
    ),
    "cli.assign.opt.to": (
        "le chargé qui les reprend",
        "the collector who takes them",
    ),
    "cli.assign.opt.unassign": (
        "les rendre à la file commune",
        "back to the shared pool",
    ),
    "cli.campaign.help": (
        "créer, lister et doter en chargés les campagnes d'appel",
        "create, list and staff calling campaigns",
    ),
    "cli.campaign.create.help": (
        "définir une campagne et choisir ses débiteurs",
        "define a campaign and select its debtors",
    ),
    "cli.campaign.create.opt.segment": (
        "segment de débiteurs",
        "debtor segment",
    ),
    "cli.campaign.create.opt.min_overdue": (
        "montant échu minimum",
        "minimum amount past due",
    ),
    "cli.campaign.create.opt.aging": (
        "tranche d'âge de la plus ancienne facture",
        "bucket of the oldest invoice",
    ),
    "cli.campaign.create.opt.tag": (
        "étiquette de débiteur",
        "debtor tag",
    ),
    "cli.campaign.create.opt.step": (
        "étape de relance",
        "dunning step",
    ),
    "cli.campaign.create.opt.from": (
        "premier jour",
        "first day",
    ),
    "cli.campaign.create.opt.to": (
        "dernier jour",
        "last day",
    ),
    "cli.campaign.create.opt.collector": (
        "peut être répété",
        "repeatable",
    ),
    "cli.campaign.list.help": (
        "les campagnes avec leur règle et leur taille",
        "campaigns with their rule and size",
    ),
    "cli.campaign.show.help": (
        "la règle d'une campagne et ses débiteurs",
        "a campaign's rule and its debtors",
    ),
    "cli.campaign.staff.help": (
        "mettre des chargés sur une campagne ou les en retirer",
        "put collectors on or off a campaign",
    ),
    "cli.campaign.debtors.help": (
        "ajouter ou retirer des débiteurs à la main",
        "add or remove debtors by hand",
    ),
    "cli.user.help": (
        "chargés et superviseurs",
        "collectors and supervisors",
    ),
    "cli.user.add.help": (
        "ajouter un utilisateur ou changer son rôle",
        "add a user or change their role",
    ),
    "cli.user.add.description": (
        "Seul un superviseur peut ajouter des utilisateurs ; tant qu'aucun superviseur n'existe, le propriétaire système du fichier de la base peut nommer le premier.",
        "Only a supervisor may add users; while no supervisor exists, the operating-system owner of the database file may name the first one.",
    ),
    "cli.user.add.opt.print_sql": (
        "afficher le SQL qui crée son rôle PostgreSQL et ses droits, pour un DBA, sans rien changer",
        "print the SQL creating their PostgreSQL role and its rights, for a DBA, changing nothing",
    ),
    "cli.user.remove.help": (
        "retirer un utilisateur (superviseurs)",
        "remove a user (supervisors)",
    ),
    "cli.user.list.help": (
        "les utilisateurs et la taille de leur portefeuille",
        "users and the size of their portfolio",
    ),
    "cli.user.whoami.help": (
        "votre nom et votre rôle tels que la base les connaît",
        "your name and role as the database sees them",
    ),
    "cli.migrate.help": (
        "copier une base d'équipe SQLite dans une base PostgreSQL vide",
        "copy a SQLite team database into an empty PostgreSQL database",
    ),
    "cli.migrate.description": (
        "Copie toutes les lignes (appels, promesses, historique...) de la base SQLite --from"
        " dans la base PostgreSQL vide --to, en une transaction, puis compare le nombre de"
        " lignes et les sommes des chiffres des deux. Code de sortie 0 quand ils concordent."
        " Le fichier SQLite est seulement lu.",
        "Copy every row (calls, promises, history...) of the SQLite database --from into the"
        " empty PostgreSQL database --to, in one transaction, then compare the row counts and"
        " the figure sums of both. Exit status 0 when they match. The SQLite file is only read.",
    ),
    "cli.agents.help": (
        "qui est prêt, en appel, en ligne, en après-appel ou en pause, et les temps du jour",
        "who is ready, dialling, on a call, in wrap-up or paused, and today's times",
    ),
    "cli.agents.description": (
        "L'état de chaque chargé et depuis quand, le débiteur en cours, et aujourd'hui les"
        " appels, temps en ligne, d'après-appel et de pause, appels par heure (README :"
        " « A calling day »).",
        "Each collector's state and since when, the debtor in hand, and today's calls, talk,"
        " wrap-up and pause time and calls per hour (README: 'A calling day').",
    ),
    "cli.agents.opt.json": ("afficher le tableau en JSON", "print the board as JSON"),
    "cli.dnc.help": (
        "marquer un numéro ou un contact « ne pas appeler » (ou lever la marque)",
        "flag a number or a contact do-not-call (or lift the flag)",
    ),
    "cli.dnc.description": (
        "Le poste refuse de composer un numéro ou un contact marqué ; la marque garde qui"
        " l'a posée et pourquoi. Le numéro peut être écrit de toute façon.",
        "The workstation refuses to dial a flagged number or contact; the flag records who"
        " set it and why. Any way of writing the number is understood.",
    ),
    "cli.dnc.opt.number": ("le numéro (toute écriture)", "the number (any form)"),
    "cli.dnc.opt.contact": ("un identifiant de contact", "a contact id"),
    "cli.dnc.opt.reason": ("pourquoi (gardé avec la marque)", "why (kept with the flag)"),
    "cli.dnc.opt.lift": ("lever la marque", "lift the flag instead"),
    # Options several commands share: one help each (--json, and the period of supervise
    # and report).
    "cli.opt.json_result": (
        "afficher le résultat en JSON",
        "print the result as JSON",
    ),
    "cli.opt.json_summary": (
        "afficher le résumé en JSON",
        "print the summary as JSON",
    ),
    "cli.opt.json_machine": (
        "sortie lisible par une machine",
        "machine-readable output",
    ),
    "cli.period.opt.since": (
        "début de la période (par défaut : il y a 30 jours)",
        "period start (default: 30 days ago)",
    ),
    "cli.period.opt.until": (
        "fin de la période (par défaut : aujourd'hui)",
        "period end (default: today)",
    ),
    "cli.period.opt.campaign": (
        "une campagne",
        "one campaign",
    ),
}
