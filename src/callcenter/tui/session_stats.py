"""What one calling session has done so far: counters for the header, and the undo stack.

Pure bookkeeping, no I/O: the screen records each saved outcome here, and
each change made from the workstation to a dossier (a dispute settled, a task
done, the account note, a dunning step), and ``u`` pops the last of either. Counters follow the definitions supervisors read:
a call is any logged outcome except a skip; a right-party contact is one
where somebody who can decide talked (``is_right_party``, as the dashboard's
"right-party contacts").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from callcenter.domain.models import Outcome
from callcenter.domain.record import record


@record(slots=False)
class Logged:
    """One outcome saved during this session, enough to undo and to uncount it."""

    call_id: int
    code: str
    name: str
    outcome: Outcome
    promised_cents: int = 0
    #: Somebody who can decide talked: the dashboard's right-party contact.
    right_party: bool = False


@record(slots=False)
class Changed:
    """One dossier change made during this session (``service.changes``), to undo it."""

    change_id: int
    code: str
    name: str
    #: The message id that names it (``change.task_done``...).
    what: str


@dataclass
class SessionStats:
    """What the collector did since the session's first debtor, for the session bar and undo."""

    started_at: datetime
    calls: int = 0
    reached: int = 0
    promised_cents: int = 0
    logged: list[Logged | Changed] = field(default_factory=list)

    def record(self, entry: Logged | Changed) -> None:
        self.logged.append(entry)
        if isinstance(entry, Logged):
            self._count(entry, +1)

    def forget(self, change_id: int) -> None:
        """A change undone elsewhere (its own screen's ``u``) is no longer the session's to undo."""
        self.logged = [
            e for e in self.logged if not (isinstance(e, Changed) and e.change_id == change_id)
        ]

    def pop_last(self) -> Logged | Changed | None:
        """Remove and return the session's last outcome or change (for undo), if any."""
        if not self.logged:
            return None
        entry = self.logged.pop()
        if isinstance(entry, Logged):
            self._count(entry, -1)
        return entry

    def _count(self, entry: Logged, sign: int) -> None:
        if entry.outcome is not Outcome.SKIP:
            self.calls += sign
        if entry.right_party:
            self.reached += sign
        self.promised_cents += sign * entry.promised_cents

    def elapsed(self, now: datetime) -> str:
        """``h:mm:ss`` since the session started."""
        seconds = max(0, int((now - self.started_at).total_seconds()))
        hours, rest = divmod(seconds, 3600)
        return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
