"""argparse's own words (usage, option groups, its errors), by argparse's message id.

:mod:`callcenter.cli.language` hands these to argparse in place of its gettext
lookup. The placeholders are argparse's (``%(prog)s``, ``%s``) and stay as they are.
"""

from __future__ import annotations

from callcenter.i18n.entries import Entry

#: argparse's message id (its English) -> catalogue id.
ARGPARSE_IDS: dict[str, str] = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positional",
    "options": "argparse.options",
    "show this help message and exit": "argparse.help",
    "show program's version number and exit": "argparse.version",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "expected one argument": "argparse.expected_one",
    "expected at least one argument": "argparse.expected_some",
    "expected at most one argument": "argparse.expected_at_most_one",
    "expected %s argument": "argparse.expected_n_one",
    "expected %s arguments": "argparse.expected_n",
    "not allowed with argument %s": "argparse.not_allowed_with",
    "one of the arguments %s is required": "argparse.one_of_required",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "ignored explicit argument %r": "argparse.ignored_explicit",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "argparse.unknown_parser",
    "can't open '%(filename)s': %(error)s": "argparse.cannot_open",
}

MESSAGES: dict[str, Entry] = {
    "argparse.usage": ("utilisation : ", "usage: "),
    "argparse.positional": ("arguments", "positional arguments"),
    "argparse.options": ("options", "options"),
    "argparse.help": ("afficher cette aide et quitter", "show this help message and exit"),
    "argparse.version": (
        "afficher la version du programme et quitter",
        "show program's version number and exit",
    ),
    "argparse.error": ("%(prog)s : erreur : %(message)s\n", "%(prog)s: error: %(message)s\n"),
    "argparse.argument": (
        "argument %(argument_name)s : %(message)s",
        "argument %(argument_name)s: %(message)s",
    ),
    "argparse.required": (
        "ces arguments sont obligatoires : %s",
        "the following arguments are required: %s",
    ),
    "argparse.unrecognized": ("arguments inconnus : %s", "unrecognized arguments: %s"),
    "argparse.invalid_choice": (
        "choix invalide : %(value)r (au choix : %(choices)s)",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "argparse.invalid_value": (
        "valeur %(type)s invalide : %(value)r",
        "invalid %(type)s value: %(value)r",
    ),
    "argparse.expected_one": ("une valeur attendue", "expected one argument"),
    "argparse.expected_some": ("au moins une valeur attendue", "expected at least one argument"),
    "argparse.expected_at_most_one": (
        "au plus une valeur attendue",
        "expected at most one argument",
    ),
    "argparse.expected_n_one": ("%s valeur attendue", "expected %s argument"),
    "argparse.expected_n": ("%s valeurs attendues", "expected %s arguments"),
    "argparse.not_allowed_with": (
        "incompatible avec l'argument %s",
        "not allowed with argument %s",
    ),
    "argparse.one_of_required": (
        "l'un de ces arguments est obligatoire : %s",
        "one of the arguments %s is required",
    ),
    "argparse.ambiguous": (
        "option ambiguë : %(option)s peut désigner %(matches)s",
        "ambiguous option: %(option)s could match %(matches)s",
    ),
    "argparse.ignored_explicit": (
        "valeur explicite ignorée : %r",
        "ignored explicit argument %r",
    ),
    "argparse.unknown_parser": (
        "commande inconnue %(parser_name)r (au choix : %(choices)s)",
        "unknown parser %(parser_name)r (choices: %(choices)s)",
    ),
    "argparse.cannot_open": (
        "impossible d'ouvrir « %(filename)s » : %(error)s",
        "can't open '%(filename)s': %(error)s",
    ),
}
