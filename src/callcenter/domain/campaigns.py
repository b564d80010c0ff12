"""A calling campaign: a named selection of debtors, its collectors and its dates."""

from __future__ import annotations

from datetime import date

from callcenter.domain.money import format_amount
from callcenter.domain.record import record


@record
class Campaign:
    """The rule that picks the debtors (every set field must match) and who works them."""

    name: str
    segment: str | None = None
    min_overdue_cents: int = 0
    aging_bucket: str | None = None  # one of domain.figures.OVERDUE_BUCKETS
    tag: str | None = None
    dunning_step: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    collectors: tuple[str, ...] = ()
    debtors: int = 0
    created_by: str = ""
    id: int | None = None

    def is_open(self, today: date) -> bool:
        """Whether collectors may work the campaign on ``today``."""
        if self.starts_on is not None and today < self.starts_on:
            return False
        return self.ends_on is None or today <= self.ends_on

    def describe(self) -> str:
        """The selection rule in a few words, for lists (not translated: data labels)."""
        parts = []
        if self.segment:
            parts.append(f"segment={self.segment}")
        if self.min_overdue_cents:
            parts.append(f"overdue>={format_amount(self.min_overdue_cents, 'en')}")
        if self.aging_bucket:
            parts.append(f"aging={self.aging_bucket}")
        if self.tag:
            parts.append(f"tag={self.tag}")
        if self.dunning_step is not None:
            parts.append(f"step={self.dunning_step}")
        return " ".join(parts) or "all overdue debtors"
