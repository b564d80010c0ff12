"""Exports a person opens in a spreadsheet: an xlsx workbook, or CSV for French Excel.

The machine formats (:mod:`callcenter.service.exports`: CSV and JSON) keep codes,
cents and UTC instants, because scripts read them. Someone who double-clicks the
file in Excel needs something else: headers in their language, amounts that are
numbers (not text) in euros, times in the office's timezone, outcomes in words.
Both formats here take the same typed cells (:func:`typed_cells`); the workbook
stores them as typed cells with number formats, the CSV writes them the way
French Excel parses them back (``;``, decimal comma, ``dd/mm/yyyy hh:mm``, UTF-8
with a BOM so accents survive the double-click).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import IO, Any

from callcenter.domain.text import clean
from callcenter.i18n import Locale
from callcenter.service.exports import columns

_MONEY = frozenset({"amount_cents", "paid_cents", "overdue_cents"})
_INSTANTS = frozenset(
    {
        "started_at",
        "callback_at",
        "created_at",
        "settled_at",
        "next_action_at",
        "last_call_at",
        "last_contact_at",
    }
)
_DATES = frozenset({"promised_on"})
#: Columns holding a code that the catalogue names (``outcome.busy`` -> "occupé").
_LABELS = {"outcome": "outcome", "status": "status", "state": "state"}
_YES_NO = frozenset({"right_party"})
_NUMBERS = frozenset({"id", "contact_id", "undoes", "plan_id", "call_id", "score", "oldest_days"})
#: A text cell starting with one of these is run as a formula by spreadsheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def headers(kind: str, ui: Locale) -> list[str]:
    """The column titles of ``kind`` in the interface language."""
    return [ui.t(f"export.col.{name}") for name in columns(kind)]


def typed_cells(kind: str, row: dict, ui: Locale, tz: tzinfo) -> list[Any]:
    """One row as Python values a spreadsheet types: Decimal euros, local datetimes, dates.

    Euros are ``Decimal`` (exact: cents never go through a float); instants are
    naive datetimes in the office timezone, since spreadsheets have no timezones.
    """
    return [_cell(name, row[name], ui, tz) for name in columns(kind)]


def _cell(name: str, value: Any, ui: Locale, tz: tzinfo) -> Any:
    if value is None or value == "":
        return None
    if name in _MONEY:
        return Decimal(int(value)).scaleb(-2)
    if name in _INSTANTS:
        # The export's ISO 8601 text (see EXPORT_COLUMNS), read back as a local time.
        return datetime.fromisoformat(value).astimezone(tz).replace(tzinfo=None)
    if name in _DATES:
        return date.fromisoformat(value)
    if name in _YES_NO:
        return ui.t("export.yes" if value else "export.no")
    if name in _LABELS:
        key = f"{_LABELS[name]}.{value}"
        label = ui.t(key)
        return clean(value) if label == key else label
    if name in _NUMBERS:
        return value
    return clean(str(value), multiline=True)


# -- xlsx ---------------------------------------------------------------------------
def write_xlsx(rows: Iterator[dict], kind: str, out: IO[bytes], ui: Locale, tz: tzinfo) -> int:
    """One sheet named after ``kind``, header row frozen; returns the number of rows.

    openpyxl's write-only mode streams the rows to a temporary file, so a year
    of calls does not sit in memory as cell objects.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(ui.t(f"export.sheet.{kind}"))
    sheet.freeze_panes = "A2"
    titles = headers(kind, ui)
    for index, title in enumerate(titles):
        sheet.column_dimensions[_column_letter(index)].width = max(12, len(title) + 2)
    bold = Font(bold=True)
    sheet.append([_text_cell(WriteOnlyCell(sheet, value=title), bold) for title in titles])
    formats = _number_formats(ui)
    count = 0
    for row in rows:
        cells = []
        for name, value in zip(columns(kind), typed_cells(kind, row, ui, tz), strict=True):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                _text_cell(cell)
            elif name in _MONEY:
                cell.number_format = formats["money"]
            elif isinstance(value, datetime):
                cell.number_format = formats["moment"]
            elif isinstance(value, date):
                cell.number_format = formats["date"]
            cells.append(cell)
        sheet.append(cells)
        count += 1
    book.save(out)
    return count


def _text_cell(cell, font=None):
    """Text stays text: openpyxl would store ``=…`` as a formula, which Excel runs."""
    cell.data_type = "s"
    if font is not None:
        cell.font = font
    return cell


def _number_formats(ui: Locale) -> dict[str, str]:
    """Excel number formats; the separators shown follow the reader's Excel settings."""
    day = {"dmy": "dd/mm/yyyy", "mdy": "mm/dd/yyyy", "iso": "yyyy-mm-dd"}[ui.date_style]
    money = '#,##0.00\\ "€"' if ui.lang == "fr" else '"€"#,##0.00'
    return {"money": money, "date": day, "moment": f"{day} hh:mm"}


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# -- CSV for French Excel ---------------------------------------------------------------
def write_excel_csv(rows: Iterator[dict], kind: str, out: IO[str], ui: Locale, tz: tzinfo) -> int:
    """``;``-separated, BOM first, ``1234,56`` amounts and ``24/11/2026 10:00`` local times.

    That is what French Excel reads as numbers and dates on a double-click;
    the headers follow the interface language.
    """
    out.write(BOM)
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers(kind, ui))
    count = 0
    for row in rows:
        writer.writerow([_excel_text(value) for value in typed_cells(kind, row, ui, tz)])
        count += 1
    return count


def _excel_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    return str(value)
