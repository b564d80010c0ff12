"""Errors and rejected lines of an import, located the way an editor wants them.

Whoever fixes a bad export opens the file at the line the message names, so
every problem carries the file name, the line number and the column.
"""

from __future__ import annotations

from callcenter.domain.record import record
from callcenter.i18n import CodedError, Message


class BadInput(ValueError):
    """A line of an input file that cannot be imported: ``fec.txt:17: Debit: not an amount``.

    Coded like every error shown to people: ``code`` (``import.at_line`` or
    ``import.at_field``) and ``params`` (file, line, field, and the reason, itself
    coded where the importer or the domain coded it), so the interface says
    "fichier fec.txt, ligne 17, champ Debit : ..." in French. ``str()`` is English.
    """

    def __init__(self, file: str, line: int, field: str | None, message: str | Message):
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    @property
    def code(self) -> str:
        return "import.at_field" if self.field else "import.at_line"

    @property
    def params(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "field": self.field, "reason": self.message}

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: "
        return where + (f"{self.field}: {self.message}" if self.field else str(self.message))

    @property
    def reason(self) -> str:
        """The message without the file name, as written beside a rejected line."""
        where = f"line {self.line}: "
        return where + (f"{self.field}: {self.message}" if self.field else str(self.message))


class BadValue(CodedError, ValueError):
    """A cell that is not what its column takes (``import.*``): worded by the interface."""


def said(exc: Exception) -> str | Message:
    """What a failed cell says: the error itself when it is coded, else its English."""
    code, params = getattr(exc, "code", None), getattr(exc, "params", None)
    if isinstance(code, str) and isinstance(params, dict):
        return Message(code, params)
    return str(exc)


@record
class Reject:
    """A line left out by ``--skip-bad``, with the reason it was left out."""

    line: int
    reason: str
