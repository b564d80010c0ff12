"""The written funnel: which scenario a debtor follows, and where it stands on it.

A scenario is a ladder of steps, each a number of days after the due date
of the oldest invoice it chases (negative: a reminder before it falls due).
Debtors are sorted into scenarios by segment, amount band and risk (a
``risk:<level>`` tag), the first matching scenario of the settings winning.
A debtor's position is derived, never stored: from its invoices and the
communications already sent, so a payment, a dispute or a new invoice moves
it without anyone updating a counter. Excluded and disputed invoices never
enter a written step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from callcenter.domain.models import Debtor, Invoice
from callcenter.domain.record import record

#: What a step does. Written ones produce a message; the others are done by people.
CHANNELS = ("email", "letter", "call", "visit", "formal_notice", "litigation")
WRITTEN = frozenset({"email", "letter", "formal_notice"})
#: Channels sent on paper (a PDF in the print folder); e-mail goes by SMTP or outbox.
ON_PAPER = frozenset({"letter", "formal_notice"})
PHONE = frozenset({"call", "visit"})
#: The dunning ladder (``Debtor.dunning_step``) a step stands for: see hint_facts.
_LADDER = {"call": 3, "visit": 3, "formal_notice": 4, "litigation": 5}


@record
class Step:
    """One rung: ``key`` names it in the communications log (unique in its scenario)."""

    key: str
    offset_days: int
    channel: str
    template: str = ""
    needs_approval: bool = False

    @property
    def written(self) -> bool:
        return self.channel in WRITTEN


@record
class Scenario:
    """A category of receivables and its ladder; empty criteria match anything."""

    name: str
    steps: tuple[Step, ...]
    segments: tuple[str, ...] = ()
    min_euros: int = 0
    #: 0: no upper bound.
    max_euros: int = 0
    #: Matches debtors tagged ``risk:<risk>``; "" matches every debtor.
    risk: str = ""

    def matches(self, segment: str, overdue_cents: int, tags: Iterable[str]) -> bool:
        if self.segments and segment not in self.segments:
            return False
        if overdue_cents < self.min_euros * 100:
            return False
        if self.max_euros and overdue_cents >= self.max_euros * 100:
            return False
        return not self.risk or f"risk:{self.risk}" in tags


def choose(
    scenarios: Sequence[Scenario], segment: str, overdue_cents: int, tags: Iterable[str]
) -> Scenario | None:
    """The first scenario of the settings the debtor falls in (None: no written funnel)."""
    tags = tuple(tags)
    return next((s for s in scenarios if s.matches(segment, overdue_cents, tags)), None)


def chased(invoices: Iterable[Invoice]) -> tuple[Invoice, ...]:
    """The invoices a written step may name: open, not excluded, not disputed, by due date."""
    kept = (i for i in invoices if i.open_cents > 0 and not i.excluded and not i.disputed)
    return tuple(sorted(kept, key=lambda i: (i.due_date, i.number)))


def call_from(scenario: Scenario, anchor: date) -> date | None:
    """The day the scenario's first phone step (call or visit) opens; None without one."""
    for step in scenario.steps:
        if step.channel in PHONE:
            return anchor + timedelta(days=step.offset_days)
    return None


def ladder_step(scenario: Scenario, index: int) -> int:
    """The dunning-ladder number step ``index`` stands for (1 and 2: the written reminders).

    A pre-due note (negative offset) is no reminder: 0.
    """
    step = scenario.steps[index]
    if step.channel in _LADDER:
        return _LADDER[step.channel]
    if step.offset_days < 0:
        return 0
    earlier = sum(
        1 for s in scenario.steps[:index] if s.channel in ("email", "letter") and s.offset_days >= 0
    )
    return 1 if earlier == 0 else 2


@record
class Done:
    """A step already taken for the current round of invoices."""

    index: int
    on: date


@record
class Position:
    """Where a debtor stands: the last step taken and the next one, with its date."""

    scenario: Scenario
    #: Due date the offsets count from (the oldest chased invoice's).
    anchor: date
    invoices: tuple[Invoice, ...]
    last: Done | None
    #: Index of the next step not taken, None when the ladder is climbed.
    next_index: int | None
    next_on: date | None

    @property
    def total(self) -> int:
        return len(self.scenario.steps)

    @property
    def number(self) -> int:
        """1-based number of the last step taken (0: none yet)."""
        return self.last.index + 1 if self.last else 0

    @property
    def next_step(self) -> Step | None:
        return None if self.next_index is None else self.scenario.steps[self.next_index]

    def is_due(self, today: date) -> bool:
        return self.next_on is not None and self.next_on <= today

    @property
    def call_from(self) -> date | None:
        """The day the first phone step of the ladder opens (None: the ladder has none)."""
        return call_from(self.scenario, self.anchor)

    @property
    def dunning_step(self) -> int:
        """The dunning-ladder number of the last step taken (0: nothing yet)."""
        return ladder_step(self.scenario, self.last.index) if self.last else 0


def position(
    scenario: Scenario,
    invoices: Iterable[Invoice],
    sent: Mapping[str, date],
    *,
    called_on: date | None = None,
    today: date | None = None,
) -> Position | None:
    """The debtor's place on ``scenario``; None when no invoice is chased.

    ``sent``: step key -> day the step's message went out (the communications
    log, only entries on or after the anchor count: an older round was settled).
    ``called_on``: the latest call logged, which takes a phone step whose day
    had come. A step passed over (a later one taken first) counts as behind;
    so does a pre-due step once ``today`` reaches the due date (too late to say "soon").
    """
    chosen = chased(invoices)
    if not chosen:
        return None
    anchor = chosen[0].due_date
    last: Done | None = None
    for index, step in enumerate(scenario.steps):
        opens = anchor + timedelta(days=step.offset_days)
        on = sent.get(step.key)
        if on is not None and on >= anchor + timedelta(days=min(step.offset_days, 0)):
            last = Done(index, on)
        elif step.channel in PHONE and called_on is not None and called_on >= opens:
            last = Done(index, called_on)
    start = last.index + 1 if last else 0
    steps = scenario.steps
    while start < len(steps) and steps[start].offset_days < 0 and today and today >= anchor:
        start += 1
    if start >= len(scenario.steps):
        return Position(scenario, anchor, chosen, last, None, None)
    opens = anchor + timedelta(days=scenario.steps[start].offset_days)
    if last is not None:
        opens = max(opens, last.on + timedelta(days=1))
    return Position(scenario, anchor, chosen, last, start, opens)


def debtor_position(
    scenarios: Sequence[Scenario],
    debtor: Debtor,
    invoices: Sequence[Invoice],
    sent: Mapping[str, date],
    today: date,
    *,
    called_on: date | None = None,
) -> Position | None:
    """Choose the debtor's scenario by its overdue chased amount, then place it."""
    overdue = sum(i.open_cents for i in chased(invoices) if i.due_date < today)
    scenario = choose(scenarios, debtor.segment, overdue, debtor.tags)
    if scenario is None:
        return None
    return position(scenario, invoices, sent, called_on=called_on, today=today)


def default_scenarios() -> tuple[Scenario, ...]:
    """The seeds' funnel: courteous e-mail, firmer e-mail with the invoice, calls, notice.

    Large amounts get a visit (or video call) before the formal notice; the
    public sector is given more time between steps (its payment circuit is long).
    """

    def s(key: str, days: int, channel: str, template: str = "", approve: bool = False) -> Step:
        return Step(key, days, channel, template, approve)

    standard = (
        s("pre_due", -3, "email", "pre_due"),
        s("email_1", 1, "email", "reminder_1"),
        s("email_2", 8, "email", "reminder_2"),
        s("call_1", 15, "call"),
        s("call_2", 25, "call"),
        s("notice", 40, "formal_notice", "formal_notice", True),
        s("litigation", 60, "litigation", approve=True),
    )
    large = (
        s("email_1", 1, "email", "reminder_1"),
        s("call_1", 5, "call"),
        s("email_2", 10, "email", "reminder_2"),
        s("visit", 20, "visit"),
        s("notice", 30, "formal_notice", "formal_notice", True),
        s("litigation", 45, "litigation", approve=True),
    )
    public = (
        s("email_1", 5, "email", "reminder_1"),
        s("email_2", 20, "email", "reminder_2"),
        s("call_1", 30, "call"),
        s("notice", 75, "formal_notice", "formal_notice", True),
    )
    return (
        Scenario("public", public, segments=("public",)),
        Scenario("large", large, min_euros=10_000),
        Scenario("standard", standard),
    )
