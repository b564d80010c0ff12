"""argparse in the interface language: its help from the catalogue, its own words too.

Help texts in the parsers are catalogue ids (``help="cli.log.opt.amount"``),
a description with values a :class:`~callcenter.i18n.Message`;
:class:`CatalogueFormatter` words them when help is shown (a text that is no
id shows as it is). argparse words its usage line, group titles and errors
through gettext; :func:`argparse_speaks` hands it the catalogue's words
instead for as long as the command line is read, the way a gettext
translation for argparse would.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial

from callcenter.i18n import LANGS, Locale, Message
from callcenter.i18n.cli_argparse import ARGPARSE_IDS


class CatalogueFormatter(argparse.HelpFormatter):
    """Help with each option's, command's and description's words from the catalogue."""

    def __init__(self, prog: str, *, ui: Locale, **kwargs) -> None:
        super().__init__(prog, **kwargs)
        self.ui = ui

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return self.ui.t(action.help) if action.help else action.help

    def add_text(self, text: str | Message | None) -> None:
        if isinstance(text, Message):
            text = self.ui.t(text.code, **text.params)
        elif text and text is not argparse.SUPPRESS:
            text = self.ui.t(text)
        super().add_text(text)


class CatalogueParser(argparse.ArgumentParser):
    """A parser (and its subcommands' parsers) whose help speaks ``ui``'s language."""

    def __init__(self, *args, ui: Locale, **kwargs) -> None:
        self.ui = ui
        style = kwargs.pop("formatter_class", argparse.HelpFormatter)
        if not issubclass(style, CatalogueFormatter):  # e.g. RawDescriptionHelpFormatter
            style = type(f"Catalogue{style.__name__}", (CatalogueFormatter, style), {})
        kwargs["formatter_class"] = partial(style, ui=ui)
        super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("parser_class", partial(CatalogueParser, ui=self.ui))
        return super().add_subparsers(**kwargs)


@contextmanager
def argparse_speaks(ui: Locale) -> Iterator[None]:
    """While inside, argparse's own messages (usage, errors) are in ``ui``'s language."""
    before = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def gettext(message: str) -> str:
        key = ARGPARSE_IDS.get(message)
        return ui.t(key) if key else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if ui.plural_category(n) == "one" else plural)

    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = before  # type: ignore[attr-defined]


def language_asked(argv: list[str]) -> str | None:
    """``--lang`` if the command line gives a known one, read before the parser is built."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    asked, _rest = early.parse_known_args(argv)
    return asked.lang if asked.lang in LANGS else None
