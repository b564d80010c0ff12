"""A settings file that cannot be used (``config.*``): the file, the key, what it takes."""

from __future__ import annotations

from callcenter.i18n.entries import Entry

#: message id -> (French, English). Ids are stable; texts may change.
MESSAGES: dict[str, Entry] = {
    "config.missing": (
        "{file} : ce fichier de réglages n'existe pas",
        "{file}: no such settings file",
    ),
    "config.not_toml": (
        "{file} : ce n'est pas du TOML valide : {error}",
        "{file}: not valid TOML: {error}",
    ),
    "config.not_utf8": (
        "{file} : ce n'est pas du texte UTF-8 (octet {byte}) ; enregistrez-le en UTF-8",
        "{file}: not UTF-8 text (byte {byte}); save it as UTF-8",
    ),
    "config.is_folder": (
        "{file} : c'est un dossier, pas un fichier de réglages",
        "{file}: is a folder, not a settings file",
    ),
    "config.unreadable": (
        "{file} : lecture impossible : {error}",
        "{file}: cannot read: {error}",
    ),
    "config.unknown_key": (
        "{file} : clé inconnue '{key}' (connues ici : {known})",
        "{file}: unknown key '{key}' (known here: {known})",
    ),
    "config.wrong": (
        "{file} : {key} doit être {expected}, pas {value}",
        "{file}: {key} must be {expected}, not {value}",
    ),
    "config.expect.table": ("une table", "a table"),
    "config.expect.bool": ("true ou false", "true or false"),
    "config.expect.whole": (
        "un nombre entier de {low} à {high}",
        "a whole number from {low} to {high}",
    ),
    "config.expect.text": ("un texte", "a text"),
    "config.expect.segments": (
        "une table segment = nombre entier de {low} à {high}",
        "a table of segment = whole number from {low} to {high}",
    ),
    "config.expect.weekdays": (
        "une liste de numéros de jour ISO, de 1 (lundi) à 7 (dimanche)",
        "a list of ISO weekday numbers 1 (Monday) to 7 (Sunday)",
    ),
    "config.expect.codes": (
        'une liste non vide de codes comme "lunch" (a-z, 0-9, _)',
        'a non-empty list of codes like "lunch" (a-z, 0-9, _)',
    ),
    "config.expect.whole_list": (
        "une liste non vide de nombres entiers de {low} à {high}",
        "a non-empty list of whole numbers from {low} to {high}",
    ),
    "config.expect.other": ("d'un autre type", "something else"),
    "config.expect.windows": (
        'une liste non vide comme ["09:00-12:30", "14:00-18:30"]',
        'a non-empty list like ["09:00-12:30", "14:00-18:30"]',
    ),
    "config.expect.window_text": (
        'une liste de plages "HH:MM-HH:MM"',
        'a list of "HH:MM-HH:MM" windows',
    ),
    "config.expect.window_times": (
        'une liste de plages "HH:MM-HH:MM" aux heures réelles',
        'a list of "HH:MM-HH:MM" windows with real times',
    ),
    "config.expect.window_order": (
        "des plages qui finissent après leur début",
        "windows that end after they start",
    ),
    "config.expect.window_overlap": (
        "des plages qui ne se chevauchent pas",
        "windows that do not overlap",
    ),
    "config.timezone": (
        "{file} : le fuseau horaire {zone} est inconnu (par exemple Europe/Paris)",
        "{file}: timezone {zone} is not a known timezone (e.g. Europe/Paris)",
    ),
    "config.region": (
        "{file} : region : {region} n'est pas une région de jours fériés connue (par exemple FR)",
        "{file}: region: {region} is not a known holidays region (e.g. FR)",
    ),
    "config.rates_since": (
        "{file} : legal.rates_since doit être une date comme 2025-07-01",
        "{file}: legal.rates_since must be a date like 2025-07-01",
    ),
    "config.no_weekday": (
        "{file} : hours.weekdays doit nommer au moins un jour",
        "{file}: hours.weekdays must name at least one day",
    ),
    "config.callback_owner": (
        "{file} : queue.callback_owner doit valoir me ou anyone, pas {owner}",
        "{file}: queue.callback_owner must be me or anyone, not {owner}",
    ),
    "config.dialer_kind": (
        "{file} : dialer.kind doit valoir tel, command ou sip, pas {kind}",
        "{file}: dialer.kind must be tel, command or sip, not {kind}",
    ),
    "config.dialer_command": (
        "{file} : dialer.command : {error}",
        "{file}: dialer.command: {error}",
    ),
    "config.dialer_program": (
        '{file} : dialer.command doit nommer un programme et {{e164}}, comme "linphonecsh dial'
        ' {{e164}}"',
        '{file}: dialer.command must name a program and {{e164}}, like "linphonecsh dial {{e164}}"',
    ),
    "config.sip_target": (
        "{file} : dialer.sip_target doit contenir {{e164}}",
        "{file}: dialer.sip_target must contain {{e164}}",
    ),
    "config.recordings": (
        "{file} : dialer.recordings doit contenir {{attempt}}",
        "{file}: dialer.recordings must contain {{attempt}}",
    ),
}
