"""A file that cannot be imported (``import.*``, ``amount.*``): where, and what is wrong.

The English frame keeps the editor's ``file:line: field:`` form (what ``str()`` and the
rejects file say); the French one spells out "fichier, ligne, champ".
"""

from __future__ import annotations

from callcenter.i18n.entries import Entry

#: message id -> (French, English). Ids are stable; texts may change.
MESSAGES: dict[str, Entry] = {
    "import.at_line": ("fichier {file}, ligne {line} : {reason}", "{file}:{line}: {reason}"),
    "import.at_field": (
        "fichier {file}, ligne {line}, champ {field} : {reason}",
        "{file}:{line}: {field}: {reason}",
    ),
    "amount.not_an_amount": ("pas un montant : {text}", "not an amount: {text}"),
    "amount.too_large": (
        "montant au-delà de ±1 000 000 000 000 € : {text}",
        "amount beyond ±1 000 000 000 000 €: {text}",
    ),
    "import.date_range": (
        "date hors de {low}-{high} : {text}",
        "date outside {low}-{high}: {text}",
    ),
    "import.no_such_date": ("cette date n'existe pas : {text}", "no such date: {text}"),
    "import.not_a_date": (
        "pas une date (attendu JJ/MM/AAAA ou AAAA-MM-JJ) : {text}",
        "not a date (expected DD/MM/YYYY or YYYY-MM-DD): {text}",
    ),
    "import.not_bool": (
        "pas une valeur oui/non (oui/non, yes/no, 1/0, x) : {text}",
        "not a yes/no value (oui/non, yes/no, 1/0, x): {text}",
    ),
    "import.required": ("vide, mais obligatoire", "empty, but required"),
    "import.not_whole": ("pas un nombre entier : {text}", "not a whole number: {text}"),
    "import.between": (
        "doit être entre {low} et {high} : {text}",
        "must be between {low} and {high}: {text}",
    ),
    "import.timezone": (
        "fuseau horaire inconnu (comme Europe/Paris) : {text}",
        "unknown time zone (like Europe/Paris): {text}",
    ),
    "import.role": (
        "rôle inconnu {text} : owner, accountant, purchasing ou other",
        "unknown role {text}: owner, accountant, purchasing or other",
    ),
    "import.currency": (
        "pas un code de devise comme EUR : {text}",
        "not a currency code like EUR: {text}",
    ),
    "import.unknown_client": (
        "client inconnu {code} : importez d'abord le fichier des clients",
        "unknown client {code}: import the clients file first",
    ),
    "import.siren": (
        "pas un SIREN (9 chiffres) ni un SIRET (14 chiffres) : {text}",
        "not a SIREN (9 digits) or SIRET (14 digits): {text}",
    ),
    "import.email": ("pas une adresse e-mail : {text}", "not an e-mail address: {text}"),
    "import.open_amount": (
        "le montant restant dû doit être entre 0 et le montant",
        "the open amount must lie between 0 and the amount",
    ),
    "import.zero_payment": (
        "un paiement de 0 n'est pas un paiement",
        "a payment of 0 is not a payment",
    ),
    "import.header_again": (
        "la ligne d'en-tête une deuxième fois (deux fichiers mis bout à bout ?)",
        "the header line again (two files joined together?)",
    ),
    "import.no_line_end": (
        "la dernière ligne n'a pas de fin de ligne : le fichier semble coupé (exportez-le à"
        " nouveau ; s'il est complet, terminez-le par un saut de ligne)",
        "the last line has no line end: the file looks cut short (export it again; if it is"
        " complete, end it with a line break)",
    ),
    "import.open_quote": (
        "une cellule entre guillemets est encore ouverte en fin de fichier : le fichier"
        " semble coupé",
        "a quoted cell is still open at the end of the file: the file looks cut",
    ),
    "import.not_csv": (
        "pas un fichier CSV lisible ({error})",
        "not a readable CSV file ({error})",
    ),
    "import.empty_csv": (
        "fichier vide : la ligne d'en-tête {kind} était attendue",
        "empty file: expected the {kind} header line",
    ),
    "import.not_column": (
        "pas une colonne {kind} (attendu l'une de {expected})",
        "not a {kind} column (expected one of {expected})",
    ),
    "import.no_such_column": (
        "cette colonne n'est pas dans la ligne d'en-tête (voir --map)",
        "no such column in the header line (see --map)",
    ),
    "import.column_twice": (
        "colonne {column} donnée deux fois (colonnes {first} et {second})",
        "column {column} given twice (columns {first} and {second})",
    ),
    "import.missing_column": (
        "colonne absente de la ligne d'en-tête",
        "missing column in the header line",
    ),
    "import.empty_fec": (
        "fichier vide : la ligne d'en-tête du FEC était attendue",
        "empty file: expected the FEC header line",
    ),
    "import.no_separator": (
        "ni tabulation, ni | ni ; comme séparateur dans la ligne d'en-tête",
        "no tab, | or ; separator in the header line",
    ),
    "import.no_amounts": (
        "colonnes de montant absentes : Debit et Credit étaient attendues",
        "missing amount columns: expected Debit and Credit",
    ),
    "import.short_row": (
        "ligne courte : {cells} cellules sur {width}, {missing} manquantes",
        "short row: {cells} of {width} cells, {missing} missing",
    ),
    "import.unbalanced": (
        "l'écriture {number} du journal {journal} n'est pas équilibrée : {side} de {amount_cents}",
        "entry {number} of journal {journal} does not balance: {side} by {amount_cents}",
    ),
    "import.debits_exceed": ("les débits dépassent les crédits", "debits exceed credits"),
    "import.credits_exceed": ("les crédits dépassent les débits", "credits exceed debits"),
    "import.direction": (
        "pas un sens (D pour débit, C pour crédit) : {text}",
        "not a direction (D for debit, C for credit): {text}",
    ),
    "import.no_customer": (
        "aucune ligne sur un compte client ({accounts}) : est-ce le bon fichier ?",
        "no line on a customer account ({accounts}): is this the right file?",
    ),
    "import.customers_elsewhere": (
        "aucune ligne sur un compte client ({accounts}) ; les débits clients sont sur le"
        " compte {found} : passez --accounts {found}",
        "no line on a customer account ({accounts}); customer debits are on account {found}:"
        " pass --accounts {found}",
    ),
    "import.given_twice": (
        "{what} {key} : déjà à la ligne {first}",
        "{what} {key} already given on line {first}",
    ),
    "import.what.client": ("client", "client"),
    "import.what.contact": ("contact", "contact"),
    "import.what.invoice": ("facture", "invoice"),
    "import.what.payment": ("paiement", "payment"),
}
