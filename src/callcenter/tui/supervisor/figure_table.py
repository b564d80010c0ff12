"""A table of figures where Enter on a number opens the debtors behind it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable

from callcenter.service.figures import Drill

#: What a cell (or, in row mode, a whole row) opens: the drill and a title for it.
Target = tuple[Drill, str]


class FigureTable(DataTable):
    """A DataTable that remembers a drill-down target per cell (or per row)."""

    class DrillRequested(Message):
        """The user asked for the debtors behind a figure (``target`` None: nothing behind)."""

        def __init__(self, target: Target | None) -> None:
            super().__init__()
            self.target = target

    def __init__(self, title: str, *, per_cell: bool = False, id: str | None = None) -> None:
        super().__init__(cursor_type="cell" if per_cell else "row", id=id, zebra_stripes=True)
        self.border_title = title
        self.per_cell = per_cell
        self._targets: dict[tuple[int, int], Target] = {}

    def fill(
        self,
        columns: Sequence[str],
        rows: Sequence[Sequence[Text | str]],
        targets: dict[tuple[int, int], Target] | None = None,
    ) -> None:
        """Replace the rows, keeping the columns and the cursor where the user left them.

        ``targets`` maps (row, column) to a drill; in row mode use column -1.
        """
        first_fill = not self.columns
        if first_fill:
            self.add_columns(*(Text(label) for label in columns))
        cursor = self.cursor_coordinate
        if first_fill and self.per_cell and len(columns) > 1:
            # Start on the first figure, not on the row's label: Enter opens something at once.
            cursor = cursor._replace(column=1)
        self.clear()
        for row in rows:
            self.add_row(*(cell if isinstance(cell, Text) else Text(cell) for cell in row))
        self._targets = dict(targets or {})
        if rows:
            self.move_cursor(
                row=min(cursor.row, len(rows) - 1), column=cursor.column, animate=False
            )

    def target_at(self, row: int, column: int) -> Target | None:
        """What Enter opens; on a row's label (column 0), the row's first figure."""
        if not self.per_cell:
            return self._targets.get((row, -1))
        return self._targets.get((row, column)) or (
            self._targets.get((row, 1)) if column == 0 else None
        )

    @on(DataTable.CellSelected)
    def _cell_chosen(self, event: DataTable.CellSelected) -> None:
        event.stop()
        coordinate = event.coordinate
        self.post_message(self.DrillRequested(self.target_at(coordinate.row, coordinate.column)))

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.DrillRequested(self.target_at(event.cursor_row, -1)))
