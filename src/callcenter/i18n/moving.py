"""Moving a team's database to a PostgreSQL server (``migrate.*``)."""

from __future__ import annotations

from callcenter.i18n.entries import Entry

#: message id -> (French, English). Ids are stable; texts may change.
MESSAGES: dict[str, Entry] = {
    "migrate.title": ("Copie de {source} vers {target}", "Copy of {source} to {target}"),
    "migrate.table": ("table", "table"),
    "migrate.source": ("source", "source"),
    "migrate.target": ("copie", "copy"),
    "migrate.sums_same": (
        "sommes des indicateurs : identiques",
        "figure sums: identical",
    ),
    "migrate.sums_differ": (
        "sommes des indicateurs : {tables} diffèrent",
        "figure sums: {tables} differ",
    ),
    "migrate.ok": (
        "copie vérifiée : mêmes lignes, mêmes sommes",
        "copy checked: same rows, same sums",
    ),
    "migrate.failed": (
        "la copie ne correspond pas à la source ; ne l'utilisez pas",
        "the copy does not match the source; do not use it",
    ),
    "migrate.from_sqlite": (
        "{source} : --from doit être une base SQLite (un chemin ou sqlite:///…)",
        "{source}: --from must be a SQLite database (a path or sqlite:///...)",
    ),
    "migrate.to_postgres": (
        "{target} : --to doit être une base PostgreSQL (postgresql://…)",
        "{target}: --to must be a PostgreSQL database (postgresql://...)",
    ),
}
