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
    "report.collector": ("chargé {name}", "collector {name}"),
    "report.made_at": ("Établi le {moment}", "Made on {moment}"),
    "report.key_figures": ("Chiffres clés", "Key figures"),
    "report.open": ("Encours ouvert", "Open receivables"),
    "report.current": ("dont non échu", "of which not yet due"),
    "report.aging": ("Balance âgée (aujourd'hui)", "Aging (today)"),
    "report.flow": (
        "Promis et encaissé sur les {days} jours jusqu'au {until}",
        "Promised and collected over the {days} days to {until}",
    ),
    "report.by_collector": ("Par chargé", "Per collector"),
    "report.by_campaign": ("Par campagne", "Per campaign"),
    "report.which_campaign": ("Campagne", "Campaign"),
    "report.none": ("Rien sur la période.", "Nothing over the period."),
    "report.trend": ("Mois après mois", "Month over month"),
    "report.month": ("Mois", "Month"),
    "report.trend_dso": ("DSO simple (jours)", "DSO, simple (days)"),
    "report.trend_cei": ("CEI (%)", "CEI (%)"),
    "report.trend_kept": ("Promesses tenues (%)", "Promise-kept rate (%)"),
    "report.trend_rpc": ("Contacts utiles (%)", "Right-party contact rate (%)"),
    "report.today": ("Aujourd'hui ({day}) par chargé", "Today ({day}) per collector"),
    "report.queue": ("File d'appels maintenant", "Call queue now"),
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
    # command-line help of report, serve and user password
    "cli.report.help": (
        "un rapport à imprimer ou envoyer : chiffres, balance âgée, promis et encaissé, tendances",
        "a report to print or send: the figures, aging, promised vs collected, trends",
    ),
    "cli.report.description": (
        "Les chiffres du tableau de bord sur une période (par défaut les 30 derniers jours), la balance âgée, le promis et l'encaissé par chargé et par campagne, et l'évolution mois par mois du DSO, du CEI, des promesses tenues et des contacts utiles, en une page HTML ou un PDF. Avec --day, le résumé d'une journée (celle d'un chargé avec --collector).",
        "The dashboard's figures over a period (default: the last 30 days), the aging chart, promised vs collected per collector and campaign, and the month-over-month trend of DSO, CEI, kept and right-party rates, as one HTML page or a PDF. With --day, one day's summary (a collector's own with --collector).",
    ),
    "cli.report.opt.month": (
        "un mois civil au lieu de --since/--until ; « last » pour le précédent (cron)",
        "one calendar month instead of --since/--until; 'last' for the previous one (cron)",
    ),
    "cli.report.opt.day": (
        "le résumé d'une journée (par défaut : aujourd'hui)",
        "one day's summary (default: today)",
    ),
    "cli.report.opt.collector": (
        "les chiffres d'un seul chargé",
        "one collector's figures only",
    ),
    "cli.report.opt.months": (
        "mois de la tendance (par défaut %(default)s)",
        "months in the trend (default %(default)s)",
    ),
    "cli.report.opt.format": (
        "html ou pdf",
        "html or pdf",
    ),
    "cli.report.opt.output": (
        "écrire dans FICHIER (HTML : la sortie standard par défaut)",
        "write to FILE (HTML: default stdout)",
    ),
    "cli.report.opt.force": (
        "remplacer FICHIER s'il a été écrit par callcenter",
        "replace FILE if callcenter wrote it before",
    ),
    "cli.serve.help": (
        "servir le poste d'appel et le tableau de bord aux navigateurs (chaque visiteur se connecte)",
        "serve the workstation and the dashboard to browsers (each visitor logs in)",
    ),
    "cli.serve.description": (
        "Le poste d'appel sur / et le tableau de bord sur /dashboard/. Chaque visiteur se connecte avec le mot de passe qu'un superviseur lui a donné (callcenter user password NOM). Écoute sur 127.0.0.1 par défaut : un proxy inverse TLS devant l'ouvre aux autres.",
        "The workstation at / and the dashboard at /dashboard/. Visitors log in with the password a supervisor gave them (callcenter user password NAME). Listens on 127.0.0.1 by default: put a TLS reverse proxy in front to open it to others.",
    ),
    "cli.serve.opt.host": (
        "adresse d'écoute (127.0.0.1)",
        "address to listen on (127.0.0.1)",
    ),
    "cli.serve.opt.port": (
        "port (par défaut 8000)",
        "port (default 8000)",
    ),
    "cli.serve.opt.public_url": (
        "l'adresse qu'ouvrent les navigateurs, derrière un proxy (ex. https://appels.exemple.fr)",
        "the address browsers use, behind a proxy (e.g. https://calls.example.fr)",
    ),
    "cli.user.password.help": (
        "donner ou refaire le mot de passe d'un utilisateur pour le navigateur (callcenter serve)",
        "set or reset a user's password for the browser (callcenter serve)",
    ),
    "cli.user.password.description": (
        "Demande le nouveau mot de passe deux fois (ou lit une ligne avec --stdin). Un superviseur règle celui de chacun ; un utilisateur peut changer le sien. Seule une empreinte argon2 est gardée.",
        "Asks for the new password twice (or reads one line with --stdin). Supervisors set anyone's; a user may change their own. Only an argon2 hash is kept.",
    ),
    "cli.user.password.opt.stdin": (
        "lire le mot de passe sur l'entrée standard",
        "read the password from stdin",
    ),
    "cli.user.password.opt.remove": (
        "retirer le mot de passe (plus de connexion par navigateur)",
        "remove the password (no browser login)",
    ),
    "cli.user.password.set": (
        "mot de passe de {name} enregistré",
        "password of {name} set",
    ),
    "cli.user.password.removed": (
        "mot de passe de {name} retiré",
        "password of {name} removed",
    ),
    "cli.user.password.prompt": ("nouveau mot de passe de {name} : ", "new password for {name}: "),
    "cli.user.password.again": ("encore une fois : ", "again: "),
    "cli.user.password.differ": (
        "les deux mots de passe diffèrent : rien n'a été changé",
        "the two passwords differ: nothing was changed",
    ),
    "password.length": (
        "un mot de passe a de {low} à {high} caractères",
        "a password has {low} to {high} characters",
    ),
    "password.not_supervisor": (
        "{actor} n'est pas superviseur : seul un superviseur peut régler le mot de passe"
        " d'un autre",
        "{actor} is not a supervisor: only a supervisor can set another user's password",
    ),
    "password.no_user": (
        "{name} n'est pas un utilisateur : callcenter user add {name} d'abord",
        "{name} is not a user: callcenter user add {name} first",
    ),
    "cli.serve.no_as": (
        "serve : chaque visiteur se connecte sous son propre nom ; --as n'a pas de sens ici",
        "serve: each visitor logs in as themself; --as has no meaning here",
    ),
    "cli.serve.needs_web": (
        "serve a besoin de textual-serve : pip install 'callcenter[web]' ({error})",
        "serve needs textual-serve: pip install 'callcenter[web]' ({error})",
    ),
    "serve.workstation_on": (
        "callcenter serve : poste d'appel sur {url}",
        "callcenter serve: workstation on {url}",
    ),
    "serve.dashboard_on": (
        "callcenter serve : tableau de bord sur {url}",
        "callcenter serve: dashboard on {url}",
    ),
    "serve.stop": ("Ctrl+C pour arrêter", "Ctrl+C to stop"),
    "report.months_range": ("--months : de 1 à 120", "--months: 1 to 120"),
    "report.month_or_period": (
        "--month ou --since/--until, pas les deux",
        "--month or --since/--until, not both",
    ),
    "report.bad_month": (
        "--month {month} : AAAA-MM ou 'last'",
        "--month {month}: YYYY-MM or 'last'",
    ),
    "figures.not_yours": (
        "{actor} ne peut pas voir les chiffres de {collector}",
        "{actor} may not see the figures of {collector}",
    ),
    "users.supervisor_only": (
        "{actor} est chargé de recouvrement : seul un superviseur peut {action}",
        "{actor} is a collector: only a supervisor can {action}",
    ),
    "users.add_refused": (
        "{actor} n'est pas superviseur : seul un superviseur peut ajouter des utilisateurs"
        " (ou, avant le premier superviseur, le propriétaire du fichier de la base)",
        "{actor} is not a supervisor: only a supervisor can add users"
        " (or, before the first supervisor exists, the owner of the database file)",
    ),
    "users.unknown_role": (
        "rôle inconnu {role} ; choisissez {roles}",
        "unknown role {role}; choose {roles}",
    ),
    "users.last_supervisor": (
        "{name} est le dernier superviseur ; nommez d'abord un autre superviseur",
        "{name} is the last supervisor; name another supervisor first",
    ),
    "action.remove users": ("retirer des utilisateurs", "remove users"),
    "action.create campaigns": ("créer des campagnes", "create campaigns"),
    "action.refresh campaigns": ("rafraîchir des campagnes", "refresh campaigns"),
    "action.delete campaigns": ("supprimer des campagnes", "delete campaigns"),
    "action.staff campaigns": ("affecter du monde aux campagnes", "staff campaigns"),
    "action.change campaign debtors": (
        "changer les débiteurs d'une campagne",
        "change campaign debtors",
    ),
    "action.reassign debtors": ("réaffecter des débiteurs", "reassign debtors"),
    "action.reassign portfolios": ("réaffecter des portefeuilles", "reassign portfolios"),
    "action.import files": ("importer des fichiers", "import files"),
}
