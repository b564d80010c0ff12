"""Exports for the accountant or a CRM: calls, promises, the queue; CSV or JSON.

Rows are streamed from the database to the file, so a year of calls never
sits in memory. A collector exports only their own calls, promises and
portfolio; a supervisor exports everybody's.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime, tzinfo
from typing import IO

from callcenter.domain.text import clean
from callcenter.service.figures import OFFICE_TZ, day_bounds
from callcenter.service.users import is_supervisor
from callcenter.store import Store
from callcenter.store.records import EXPORT_COLUMNS

KINDS = ("calls", "promises", "queue")
FORMATS = ("csv", "json")
_TEXT = frozenset(
    {"debtor_name", "note", "reason", "campaign", "collector", "claimed_by", "debtor_code"}
)
#: A cell starting with one of these is run as a formula by spreadsheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValueError):
    """An export that cannot be made as asked."""


def columns(kind: str) -> tuple[str, ...]:
    if kind not in EXPORT_COLUMNS:
        raise ExportError(f"cannot export {kind!r}; choose {', '.join(KINDS)}")
    return EXPORT_COLUMNS[kind]


def export_rows(
    store: Store,
    kind: str,
    *,
    actor: str,
    now: datetime,
    since: date | None = None,
    until: date | None = None,
    tz: tzinfo = OFFICE_TZ,
) -> Iterator[dict]:
    """Rows of ``kind`` made between ``since`` and ``until`` (office days, inclusive).

    The queue is a snapshot of now and ignores the dates.
    """
    columns(kind)
    collector = None if is_supervisor(store, actor) else actor
    if kind == "queue":
        return store.exports.iter_queue(collector)
    last = until or now.astimezone(tz).date()
    first = since or last
    if first > last:
        raise ExportError(f"--since {first} is after --until {last}")
    start, _ = day_bounds(first, tz)
    _, end = day_bounds(last, tz)
    fetch = store.exports.iter_calls if kind == "calls" else store.exports.iter_promises
    return fetch(start, end, collector)


def write_export(rows: Iterator[dict], kind: str, fmt: str, out: IO[str]) -> int:
    """Write ``rows`` to ``out`` in ``fmt``; returns how many rows were written."""
    if fmt == "csv":
        return _write_csv(rows, columns(kind), out)
    if fmt == "json":
        return _write_json(rows, out)
    raise ExportError(f"unknown format {fmt!r}; choose {', '.join(FORMATS)}")


def _write_csv(rows: Iterator[dict], cols: tuple[str, ...], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    header = list(cols) + [c.replace("_cents", "") for c in cols if c.endswith("_cents")]
    writer.writerow(header)
    count = 0
    for row in rows:
        cells = [_csv_cell(name, row[name]) for name in cols]
        cells += [_decimal(row[c]) for c in cols if c.endswith("_cents")]
        writer.writerow(cells)
        count += 1
    return count


def _write_json(rows: Iterator[dict], out: IO[str]) -> int:
    """A JSON array written row by row; text is cleaned, cents stay integers."""
    out.write("[")
    count = 0
    for row in rows:
        item = {k: (clean(v, multiline=True) if k in _TEXT and v else v) for k, v in row.items()}
        for key in [k for k in row if k.endswith("_cents")]:
            item[key.replace("_cents", "")] = _decimal(row[key])
        out.write(("\n  " if count == 0 else ",\n  ") + json.dumps(item, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def _csv_cell(name: str, value):
    if value is None:
        return ""
    if name in _TEXT:
        text = clean(str(value), multiline=True)
        return "'" + text if text.startswith(_FORMULA_STARTS) else text
    return value


def _decimal(cents: int | None) -> str:
    """Cents as a plain decimal ``-1234.56``, exact (no float), for spreadsheets."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    return f"{sign}{units}.{rest:02d}"
