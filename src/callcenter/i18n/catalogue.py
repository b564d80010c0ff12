"""The one catalogue of interface text: every message id, in French and English.

Each section module (``session``, ``dossier``, ``refusals``, ``figures``,
``columns``, ``dashboard``, ``stats``, ``files``, ``report``, ``cli_help``, ``cli_argparse``, ``store``...) holds a ``MESSAGES`` dict for one
part of the program; :data:`CATALOGUE` merges them and refuses an id defined
twice, so a lookup (:func:`callcenter.i18n.text`) never depends on which
section was read last.

To add a string: put ``"area.what": ("French {x}", "English {x}")`` in the
section it belongs to, and show it with ``ui.t("area.what", x=...)``. When the
words follow a number, write each side as ``Plural(one=..., other=...)`` and
pass the number as ``count`` (CLDR rules: French "one" is 0 and 1, English 1).
"""

from __future__ import annotations

from collections.abc import Mapping

from callcenter.i18n import (
    cli_argparse,
    cli_help,
    cli_tables,
    cli_text,
    columns,
    dashboard,
    documents,
    dossier,
    figures,
    files,
    funnel,
    imports,
    moving,
    refusals,
    report,
    session,
    settings,
    stats,
    store,
)
from callcenter.i18n.entries import Entry


def merged(*sections: Mapping[str, Entry]) -> dict[str, Entry]:
    """One dict of every section; an id in two sections is a bug, caught at import."""
    catalogue: dict[str, Entry] = {}
    for section in sections:
        twice = catalogue.keys() & section.keys()
        if twice:
            raise ValueError(f"message ids defined twice: {', '.join(sorted(twice))}")
        catalogue.update(section)
    return catalogue


CATALOGUE: dict[str, Entry] = merged(
    session.MESSAGES,
    dossier.MESSAGES,
    refusals.MESSAGES,
    figures.MESSAGES,
    columns.MESSAGES,
    dashboard.MESSAGES,
    stats.MESSAGES,
    files.MESSAGES,
    report.MESSAGES,
    cli_help.MESSAGES,
    cli_text.MESSAGES,
    cli_tables.MESSAGES,
    cli_argparse.MESSAGES,
    moving.MESSAGES,
    store.MESSAGES,
    settings.MESSAGES,
    imports.MESSAGES,
    funnel.MESSAGES,
    documents.MESSAGES,
)
