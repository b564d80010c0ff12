"""What the command line prints: its summaries, its refusals, ``check``'s findings.

Counts go in as ``count`` (read ``2 941`` / ``2,941``, choosing the plural form).
"""

from __future__ import annotations

from callcenter.i18n.entries import Entry, Plural

MESSAGES: dict[str, Entry] = {
    "cli.error": ("erreur :", "error:"),
    # log, undo, rescore
    "cli.log.recorded": (
        "appel {call_id} enregistré : {code} {outcome}",
        "call {call_id} recorded: {code} {outcome}",
    ),
    "cli.log.queue": ("file : {state} · {reasons}", "queue: {state} · {reasons}"),
    "cli.log.unknown_outcome": (
        "résultat inconnu « {value} » ; au choix : {known}",
        "unknown outcome {value!r}; one of: {known}",
    ),
    "cli.log.confirm": ("{text} (--yes)", "{text} (--yes)"),
    "cli.log.instalment": (
        "échéance « {text} » : écrivez DATE=MONTANT, par ex. 15/12=500",
        "instalment {text!r}: write DATE=AMOUNT, e.g. 15/12=500",
    ),
    "cli.log.several_contacts": (
        "plusieurs contacts correspondent à « {name} » pour {code} ; contacts : {names}",
        "several contacts match {name!r} for {code}; contacts: {names}",
    ),
    "cli.log.no_contact": (
        "aucun contact ne correspond à « {name} » pour {code} ; contacts : {names}",
        "no contact matches {name!r} for {code}; contacts: {names}",
    ),
    "cli.log.none": ("aucun", "none"),
    "cli.undo.done": (
        "appel {call_id} annulé (écriture {undo_id})",
        "call {call_id} undone (entry {undo_id})",
    ),
    "cli.rescore.done": (
        Plural(
            one="{count} débiteur classé en {seconds} s",
            other="{count} débiteurs classés en {seconds} s",
        ),
        Plural(
            one="{count} debtor scored in {seconds} s",
            other="{count} debtors scored in {seconds} s",
        ),
    ),
    "cli.queue.limit": ("--limit doit valoir au moins 1", "--limit must be at least 1"),
    # import
    "cli.import.title": ("Import de {name}", "Imported {name}"),
    "cli.import.title_dry": (
        "Vérification de {name} (essai : rien n'est écrit)",
        "Checked {name} (dry run: nothing written)",
    ),
    "cli.import.lines": ("lignes lues", "lines read"),
    "cli.import.customers": ("clients", "customers"),
    "cli.import.contacts": ("contacts", "contacts"),
    "cli.import.invoices": ("factures (encore ouvertes)", "invoices (still open)"),
    "cli.import.credit_notes": ("avoirs", "credit notes"),
    "cli.import.payments": ("paiements", "payments"),
    "cli.import.balance": ("solde (total ouvert)", "balance (open total)"),
    "cli.import.closed": (
        "factures closes (absentes du fichier)",
        "invoices closed (absent from the file)",
    ),
    "cli.import.unallocated": (
        "non affecté (aucun client nommé)",
        "unallocated (no customer named)",
    ),
    "cli.import.phones_as_typed": (
        "numéros gardés tels quels (non valides)",
        "phone numbers kept as typed (not valid)",
    ),
    "cli.import.rejected": ("lignes rejetées", "rejected lines"),
    "cli.import.not_written": ("(non écrit)", "(not written)"),
    "cli.import.time": ("durée", "time"),
    "cli.import.speed": (
        "{seconds} s ({rate} lignes/s)",
        "{seconds} s ({rate} lines/s)",
    ),
    "cli.import.line_numbers": (
        Plural(one="ligne {numbers}", other="lignes {numbers}"),
        Plural(one="line {numbers}", other="lines {numbers}"),
    ),
    "cli.import.reading": ("lecture de {name}", "reading {name}"),
    "cli.import.nothing_imported": (
        "{error} ; rien n'a été importé{hint}",
        "{error}; nothing was imported{hint}",
    ),
    "cli.import.skip_bad_hint": (
        " (--skip-bad importe les bonnes lignes)",
        " (--skip-bad imports the good lines)",
    ),
    "cli.import.is_folder": ("{path} : c'est un dossier", "{path}: is a folder"),
    "cli.import.no_file": ("{path} : fichier introuvable", "{path}: no such file"),
    "cli.import.accounts": (
        "--accounts demande au moins un préfixe de compte, comme 411",
        "--accounts needs at least one account prefix, like 411",
    ),
    "cli.import.map_pairs": (
        "--map attend des paires SOURCE=COLONNE, pas « {pair} »",
        "--map expects SOURCE=COLUMN pairs, not {pair!r}",
    ),
    "cli.import.rejects_alone": (
        "--rejects n'a de sens qu'avec --skip-bad",
        "--rejects only makes sense with --skip-bad",
    ),
    # demo
    "cli.demo.title": ("Grand livre de démonstration dans {path}", "Demo ledger in {path}"),
    "cli.demo.debtors_min": ("--debtors doit valoir au moins 1", "--debtors must be at least 1"),
    "cli.demo.holds_ledger": (
        "{path} contient déjà un grand livre ; ajoutez --force pour le remplacer",
        "{path} already holds a ledger; use --force to replace it",
    ),
    "cli.demo.server_holds_ledger": (
        "{path} contient déjà un grand livre ; sur un serveur, la démo ne remplace rien :"
        " donnez-lui une base vide",
        "{path} already holds a ledger; on a server the demo replaces nothing:"
        " give it an empty database",
    ),
    "cli.demo.debtors": ("débiteurs", "debtors"),
    "cli.demo.contacts": ("contacts", "contacts"),
    "cli.demo.invoices": ("factures", "invoices"),
    "cli.demo.open_invoices": ("factures ouvertes", "open invoices"),
    "cli.demo.payments": ("paiements", "payments"),
    "cli.demo.calls": ("appels", "calls"),
    "cli.demo.promises": ("promesses", "promises"),
    "cli.demo.disputes": ("litiges", "disputes"),
    "cli.demo.balance": ("solde", "balance"),
    "cli.demo.overdue": ("échu", "overdue"),
    "cli.demo.queued": (
        Plural(one="{count} débiteur", other="{count} débiteurs"),
        Plural(one="{count} debtor", other="{count} debtors"),
    ),
    "cli.demo.queue_scored": ("file classée", "queue scored"),
    "cli.demo.fec_file": ("fichier FEC", "FEC file"),
    "cli.demo.fec_lines": (
        Plural(one="{path} ({count} ligne)", other="{path} ({count} lignes)"),
        Plural(one="{path} ({count} line)", other="{path} ({count} lines)"),
    ),
    "cli.demo.built_in": ("construit en", "built in"),
    # check and backup
    "cli.backup.written": ("sauvegarde écrite : ", "backup written: "),
    "cli.backup.size": (
        " ({size} octets en {seconds} s, vérification : ",
        " ({size} bytes in {seconds} s, check: ",
    ),
    "cli.check.database": ("base ", "database "),
    "cli.check.schema": (" — schéma v{version}, ", " — schema v{version}, "),
    "cli.check.empty": ("vide", "empty"),
    "cli.check.severity": ("{severity} : ", "{severity}: "),
    "cli.check.error": ("erreur", "error"),
    "cli.check.warning": ("avertissement", "warning"),
    "cli.check.rows": (
        Plural(one=" — {count} ligne", other=" — {count} lignes"),
        Plural(one=" — {count} row", other=" — {count} rows"),
    ),
    "cli.check.ok": ("OK", "OK"),
    "cli.check.problems": (
        Plural(one="{count} problème", other="{count} problèmes"),
        Plural(one="{count} problem", other="{count} problems"),
    ),
    "check.damaged": (
        "{error} ; restaurez la dernière sauvegarde",
        "{error}; restore the last backup",
    ),
    "check.integrity": (
        "SQLite signale des dégâts dans le fichier ; restaurez la dernière sauvegarde",
        "SQLite reports damage in the file; restore the last backup",
    ),
    "check.schema_version": (
        "version de schéma {version}, ce callcenter attend {expected}",
        "schema version {version}, this callcenter expects {expected}",
    ),
    "check.schema_version_meta": (
        "la table meta indique la version de schéma {recorded}, l'en-tête du fichier {version}",
        "the meta table records schema version {recorded}, the file header {version}",
    ),
    "check.schema_missing_table": (
        "tables du schéma absentes de la base : {names}",
        "tables the schema defines are missing from the database: {names}",
    ),
    "check.schema_missing_column": (
        "colonnes du schéma absentes de la base : {names}",
        "columns the schema defines are missing from the database: {names}",
    ),
    "check.schema_missing_index": (
        "index du schéma absents de la base (requêtes lentes) : {names}",
        "indexes the schema defines are missing from the database (slow queries): {names}",
    ),
    "check.schema_missing_trigger": (
        "déclencheurs du schéma absents de la base (les totaux du tableau de bord"
        " dériveraient) : {names}",
        "triggers the schema defines are missing from the database (the dashboard's sums"
        " would drift): {names}",
    ),
    "check.schema_missing_view": (
        "vues du schéma absentes de la base : {names}",
        "views the schema defines are missing from the database: {names}",
    ),
    "check.bad_text": (
        "lignes de {table} dont le texte n'est pas de l'UTF-8 valide (écrites par un autre outil ?)",
        "{table} rows holding text that is not valid UTF-8 (written by another tool?)",
    ),
    "check.figure_sums": (
        "{table} ne concorde pas avec les lignes qu'elle totalise (le tableau de bord"
        " montrerait de faux chiffres)",
        "{table} disagrees with the rows it sums (the dashboard would show wrong figures)",
    ),
    "check.foreign_key": (
        "lignes de {table} pointant vers une ligne {parent} absente",
        "{table} rows pointing at a missing {parent} row",
    ),
    "check.calls_unknown_debtor": (
        "appels d'un débiteur qui n'existe pas",
        "calls for a debtor that does not exist",
    ),
    "check.calls_unknown_contact": (
        "appels nommant un contact qui n'existe pas ou appartient à un autre débiteur",
        "calls naming a contact that does not exist or belongs to another debtor",
    ),
    "check.undo_mismatch": (
        "annulations pointant vers un appel absent ou vers l'appel d'un autre débiteur",
        "undo entries pointing at a missing call or at another debtor's call",
    ),
    "check.calls_unknown_campaign": (
        "appels marqués d'une campagne qui n'existe plus",
        "calls tagged with a campaign that no longer exists",
    ),
    "check.promises_unknown_debtor": (
        "promesses d'un débiteur qui n'existe pas",
        "promises for a debtor that does not exist",
    ),
    "check.promises_unknown_call": (
        "promesses enregistrées par un appel absent ou concernant un autre débiteur",
        "promises recorded by a call that is missing or about another debtor",
    ),
    "check.disputes_unknown_debtor": (
        "litiges d'un débiteur qui n'existe pas",
        "disputes for a debtor that does not exist",
    ),
    "check.dispute_invoices_missing": (
        "litiges nommant une facture absente ou appartenant à un autre débiteur",
        "disputes naming an invoice that is missing or belongs to another debtor",
    ),
    "check.dispute_rows_without_dispute": (
        "lignes de factures contestées dont le litige est absent",
        "disputed-invoice rows whose dispute is missing",
    ),
    "check.tasks_unknown_debtor": (
        "tâches d'un débiteur qui n'existe pas",
        "tasks for a debtor that does not exist",
    ),
    "check.contacts_unknown_debtor": (
        "contacts d'un débiteur qui n'existe pas",
        "contacts of a debtor that does not exist",
    ),
    "check.invoices_unknown_debtor": (
        "factures d'un débiteur qui n'existe pas",
        "invoices of a debtor that does not exist",
    ),
    "check.queue_unknown_debtor": (
        "lignes de file d'un débiteur qui n'existe pas",
        "queue rows for a debtor that does not exist",
    ),
    "check.invoice_open_exceeds_amount": (
        "factures dont le reste dû dépasse le montant ou est de l'autre signe",
        "invoices whose open amount is larger than the invoice or of the other sign",
    ),
    "check.claim_leftovers": (
        "lignes de file avec une échéance ou une fenêtre de réservation mais sans chargé"
        " (une réservation à moitié rendue)",
        "queue rows with a claim expiry or window but no collector (a half-released claim)",
    ),
    "check.claims_without_expiry": (
        "réservations qui n'expireraient jamais (sans heure d'expiration)",
        "claims that would never expire (no expiry time)",
    ),
    "check.stale_claims": (
        "réservations expirées, laissées par une session terminée sans les rendre (sans gravité :"
        " le débiteur est proposé de nouveau)",
        "claims past their expiry, left by a session that ended without releasing them"
        " (harmless: the debtor is offered again)",
    ),
    "check.claims_too_long": (
        "réservations expirant à plus d'un jour : aucun bail ne fait cela, elles bloqueraient"
        " un débiteur",
        "claims expiring more than a day from now: no lease sets that, they would block a debtor",
    ),
    "check.calls_in_future": (
        "appels datés dans le futur (une horloge mal réglée sur un poste ?)",
        "calls dated in the future (a clock set wrong on some session?)",
    ),
    "cli.user.role.collector": ("chargé de recouvrement", "collector"),
    "cli.user.role.supervisor": ("superviseur", "supervisor"),
    "cli.user.added": ("{name} : {role}", "{name} is a {role}"),
    "cli.user.removed": ("{name} retiré", "{name} removed"),
    "cli.user.not_a_user": ("{name} n'était pas un utilisateur", "{name} was not a user"),
    "cli.user.whoami": ("{name} ({role})", "{name} ({role})"),
    "cli.user.whoami_for": ("{name} ({role}), saisi par {by}", "{name} ({role}), entered by {by}"),
    "cli.assign.both": (
        "donnez des codes de débiteurs, ou --from UTILISATEUR pour tout un portefeuille"
        " (pas les deux)",
        "give debtor codes, or --from USER for a whole portfolio (not both)",
    ),
    "cli.assign.done": (
        Plural(
            one="{count} débiteur maintenant chez {name}",
            other="{count} débiteurs maintenant chez {name}",
        ),
        Plural(one="{count} debtor now with {name}", other="{count} debtors now with {name}"),
    ),
    "cli.export.written": (
        Plural(
            one="{count} ligne {kind} écrite dans {path}",
            other="{count} lignes {kind} écrites dans {path}",
        ),
        Plural(
            one="{count} {kind} row written to {path}",
            other="{count} {kind} rows written to {path}",
        ),
    ),
    "cli.campaign.deleted": ("campagne {name} supprimée", "campaign {name} deleted"),
}
