"""Errors and rejected lines of an import, located the way an editor wants them.

Whoever fixes a bad export opens the file at the line the message names, so
every problem carries the file name, the line number and the column.
"""

from __future__ import annotations

from dataclasses import dataclass


class BadInput(ValueError):
    """A line of an input file that cannot be imported: ``fec.txt:17: Debit: not an amount``."""

    def __init__(self, file: str, line: int, field: str | None, message: str):
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: "
        return where + (f"{self.field}: {self.message}" if self.field else self.message)

    @property
    def reason(self) -> str:
        """The message without the file name, as written beside a rejected line."""
        where = f"line {self.line}: "
        return where + (f"{self.field}: {self.message}" if self.field else self.message)


@dataclass(frozen=True, slots=True)
class Reject:
    """A line left out by ``--skip-bad``, with the reason it was left out."""

    line: int
    reason: str
