"""One debtor's past calls and what they created: promises, disputes, tasks.

Events are collected first (day, second, outcome, details), then sorted and
numbered, so ids follow time and promises can point at their call.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import replace
from datetime import date, datetime, timedelta

from callcenter.domain.models import (
    Call,
    Contact,
    Dispute,
    Outcome,
    Promise,
    PromiseStatus,
    Task,
    is_right_party,
)
from callcenter.domain.settlement import PromiseTerms, judge_promises
from callcenter.importers.demo import words
from callcenter.importers.demo.days import (
    business_on_or_after,
    business_on_or_before,
    calling_second,
    instant,
)
from callcenter.importers.demo.model import COLLECTORS, Draft, Ids, Profile

#: Days after a promised date during which the money still counts as on time
#: (the queue's default grace; kept equal so generated statuses match settlement).
PROMISE_GRACE_DAYS = 2
#: Average past calls per debtor window-day, tuned so 100 000 debtors give about 2 000 000 calls.
CALL_RATE = 0.095
MAX_CALLS_PER_DEBTOR = 160


#: Outcomes of ordinary attempts, weighted as a dialler sees them.
GENERIC_OUTCOMES = (
    (Outcome.NO_ANSWER, 38),
    (Outcome.VOICEMAIL, 24),
    (Outcome.BUSY, 6),
    (Outcome.CALLBACK, 10),
    (Outcome.REFUSED, 5),
    (Outcome.ALREADY_PAID, 3),
    (Outcome.SKIP, 2),
)
_GENERIC = tuple(o for o, _ in GENERIC_OUTCOMES)
_GENERIC_CUM = tuple(
    sum(w for _, w in GENERIC_OUTCOMES[: i + 1]) for i in range(len(GENERIC_OUTCOMES))
)


class Book:
    """Builds one debtor's calls and what they created, in time order.

    Events are collected first (day, second, outcome, details), then sorted
    and numbered, so ids follow time and promises can point at their call.
    """

    def __init__(
        self,
        rng: random.Random,
        code: str,
        today: date,
        invs: list[Draft],
        pays: list[tuple[str, date, int]],
        letters: dict[str, tuple[str, date]],
        profile: Profile,
    ):
        self.rng, self.code, self.today, self.invs, self.pays = rng, code, today, invs, pays
        self.letters, self.profile = letters, profile
        self.events: list[list] = []
        self.calls: list[Call] = []
        self.promises: list[Promise] = []
        self.disputes: list[Dispute] = []
        self.tasks: list[Task] = []
        self.collector: str | None = None
        self.windows = self._windows()

    def _windows(self) -> list[tuple[date, date, int]]:
        """Periods when an invoice was overdue and worth a call: (first day, last day, position)."""
        out = []
        yesterday = self.today - timedelta(days=1)
        for pos, inv in enumerate(self.invs):
            if inv.amount <= 0:
                continue
            start = inv.due + timedelta(days=7)  # two reminder e-mails come first
            end = min(inv.paid_on - timedelta(days=1), yesterday) if inv.paid_on else yesterday
            if end >= start:
                out.append((start, end, pos))
        return out

    # -- events
    def _event(self, day: date, outcome: Outcome, contact: int, **details) -> list:
        day = business_on_or_before(min(day, self.today - timedelta(days=1)))
        event = [day, calling_second(self.rng), outcome, contact, details]
        self.events.append(event)
        return event

    def _day_in(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def history(self, contacts: list[dict], ids: Ids, collector: str | None) -> list[Contact]:
        """Draw every call of this debtor; returns the final contacts (wrong numbers flagged)."""
        self.collector = collector
        self.contacts = contacts
        self.deciders = [i for i, c in enumerate(contacts) if c["decision_maker"]] or [0]
        if self.windows:
            self._promises()
            self._disputes()
            self._wrong_number()
            self._generic_calls()
            self._upcoming()
        self._number(ids)
        result = []
        for c in contacts:
            ids.contacts += 1
            result.append(Contact(debtor_code=self.code, id=ids.contacts, **c))
        self._contact_ids = [c.id for c in result]
        self._emit()
        return result

    def _decider(self) -> int:
        return self.rng.choice(self.deciders)

    def _promises(self) -> None:
        rng, profile, grace = self.rng, self.profile, timedelta(days=PROMISE_GRACE_DAYS)
        partials = {ref[4:]: (on, cents) for ref, on, cents in self.pays if ref.startswith("ACP-")}
        for start, _end, pos in self.windows:
            inv = self.invs[pos]
            paid_on = inv.paid_on
            paid = self._paid_for(inv.number) if paid_on else 0
            if paid and paid_on and rng.random() < profile.p_promise:
                # The promise that came before a late payment (kept, mostly)...
                called = max(start, paid_on - timedelta(days=rng.randint(2, 12)))
                promised = paid_on + timedelta(days=rng.randint(-2, 3))
                made = self._promise(called, promised, paid, judged=True)
                # ...and sometimes an earlier one that was not kept.
                latest = called - timedelta(days=14)
                if made and latest > start and rng.random() < profile.p_broken:
                    first = self._day_in(start, latest)
                    self._promise(first, first + timedelta(days=rng.randint(3, 8)), paid)
            elif inv.number in partials and rng.random() < 0.7:
                on, cents = partials[inv.number]
                called = max(start - timedelta(days=5), on - timedelta(days=rng.randint(2, 8)))
                promised = on + timedelta(days=rng.randint(0, 2))
                self._promise(called, promised, inv.open + cents, judged=True)
            elif not inv.paid_on and rng.random() < profile.p_broken:
                latest = self.today - grace - timedelta(days=12)
                if latest > start:
                    called = self._day_in(start, latest)
                    promised = called + timedelta(days=rng.randint(3, 10))
                    self._promise(called, promised, inv.open)
        overdue = self._overdue_total()
        if overdue > 0 and rng.random() < profile.p_pending:
            called = business_on_or_before(self.today - timedelta(days=rng.randint(1, 6)))
            if not self._quiet_since(called):
                return
            promised = business_on_or_after(self.today + timedelta(days=rng.randint(0, 12)))
            cents = overdue if rng.random() < 0.7 else max(100, overdue // 200 * 100)
            self._promise(called, promised, cents)
        elif overdue > 500_000 and rng.random() < 0.05:
            self._payment_plan(overdue)

    def _paid_for(self, number: str) -> int:
        for ref, _, cents in self.pays:
            if ref == f"VIR-{number}":
                return cents
        return 0

    def _overdue_total(self) -> int:
        return sum(
            i.open for i in self.invs if i.open > 0 and i.due < self.today and not i.excluded
        )

    def _quiet_since(self, day: date) -> bool:
        """No payment dated ``day`` or later, so a promise made then has nothing to count yet.

        Settlement keeps a running promise as soon as money covers it; the promises
        left running at ``today`` are drawn where no money came since, so they are
        pending with nothing paid both here and after the generator's rescore.
        """
        return all(on < day for _, on, _ in self.pays)

    def _promise(self, called: date, promised: date, cents: int, judged: bool = False) -> bool:
        """Log a promise; with ``judged``, only if its date plus grace is already past."""
        promised = business_on_or_after(max(promised, called + timedelta(days=1)))
        if judged and promised + timedelta(days=PROMISE_GRACE_DAYS) >= self.today:
            return False
        note = self.rng.choice(words.CALL_NOTES["promise"])
        self._event(called, Outcome.PROMISE, self._decider(), note=note, promise=(promised, cents))
        return True

    def _payment_plan(self, overdue: int) -> None:
        """Instalments agreed a few weeks ago; those already due were (mostly) paid.

        Each paid instalment is paid exactly, so settlement matches it to its own
        payment and the instalments still to come find nothing to count.
        """
        rng = self.rng
        called = business_on_or_before(self.today - timedelta(days=rng.randint(20, 45)))
        if not self._quiet_since(called):
            # Agreed after the last payment: money that came since would count
            # towards the instalments still running.
            called = business_on_or_after(max(on for _, on, _ in self.pays) + timedelta(days=1))
            if called > self.today - timedelta(days=5):
                return
        count = rng.randint(3, 5)
        share = overdue // count // 100 * 100
        plan = []
        for n in range(count):
            on = business_on_or_after(called + timedelta(days=10 + 30 * n))
            cents = share if n < count - 1 else overdue - share * (count - 1)
            plan.append((on, cents))
            if on < self.today - timedelta(days=PROMISE_GRACE_DAYS) and rng.random() < 0.85:
                self._pay_oldest(f"ECH-{self.code}-{n + 1}", on, cents)
        note = rng.choice(words.CALL_NOTES["payment_plan"])
        self._event(called, Outcome.PAYMENT_PLAN, self._decider(), note=note, plan=plan)

    def _pay_oldest(self, reference: str, on: date, cents: int) -> None:
        """A payment without an invoice reference settles the oldest open invoices first."""
        self.pays.append((reference, on, cents))
        for inv in sorted(self.invs, key=lambda i: i.due):
            if cents <= 0:
                break
            if inv.open > 0 and not inv.excluded:
                used = min(cents, inv.open)
                inv.open -= used
                cents -= used
                if inv.open == 0:
                    inv.paid_on = on

    def _disputes(self) -> None:
        rng = self.rng
        open_late = [(s, e, p) for s, e, p in self.windows if self.invs[p].open > 0]
        if open_late and rng.random() < 0.06:
            start, end, pos = rng.choice(open_late)
            chosen = [pos]
            others = [p for _, _, p in open_late if p != pos]
            if others and rng.random() < 0.3:
                chosen.append(rng.choice(others))
            reason = rng.choice(words.DISPUTE_REASONS)
            if reason == "Bon de livraison non signé":
                for p in chosen:
                    self.invs[p].has_delivery = False
            elif reason == "Bon de commande absent":
                for p in chosen:
                    self.invs[p].has_po = False
            self._dispute_event(self._day_in(start, end), reason, chosen, resolved=None)
        paid_late = [(s, e, p, d) for s, e, p in self.windows if (d := self.invs[p].paid_on)]
        if paid_late and rng.random() < 0.04:
            start, end, pos, paid_on = rng.choice(paid_late)
            resolved = paid_on - timedelta(days=1)
            self._dispute_event(
                self._day_in(start, end), rng.choice(words.DISPUTE_REASONS), [pos], resolved
            )

    def _dispute_event(self, day: date, reason: str, positions: list[int], resolved) -> None:
        note = self.rng.choice(words.CALL_NOTES["dispute"])
        self._event(
            day, Outcome.DISPUTE, self._decider(), note=note, dispute=(reason, positions, resolved)
        )

    def _wrong_number(self) -> None:
        if len(self.contacts) > 1 and self.rng.random() < 0.08:
            slot = self.rng.randrange(1, len(self.contacts))
            self.contacts[slot]["wrong_number"] = True
            start, end, _ = self.rng.choice(self.windows)
            note = self.rng.choice(words.CALL_NOTES["wrong_number"])
            self._event(self._day_in(start, end), Outcome.WRONG_NUMBER, slot, note=note)

    def _generic_calls(self) -> None:
        rng = self.rng
        span = sum((e - s).days + 1 for s, e, _ in self.windows)
        count = min(MAX_CALLS_PER_DEBTOR, int(span * CALL_RATE * rng.uniform(0.6, 1.4) + 0.5))
        weights = [(e - s).days + 1 for s, e, _ in self.windows]
        callable_ = [i for i, c in enumerate(self.contacts) if not c["wrong_number"]] or [0]
        for start, end, _ in rng.choices(self.windows, weights=weights, k=count):
            outcome = _GENERIC[bisect_right(_GENERIC_CUM, rng.random() * _GENERIC_CUM[-1])]
            contact = rng.choice(callable_)
            details = {"note": rng.choice(words.CALL_NOTES[str(outcome)])}
            if outcome is Outcome.SKIP:
                details["reason"] = rng.choice(words.SKIP_REASONS)
            elif outcome is Outcome.REFUSED:
                contact = self._decider()
                details["reason"] = rng.choice(words.REFUSAL_REASONS)
            event = self._event(self._day_in(start, end), outcome, contact, **details)
            if outcome is Outcome.CALLBACK:
                event[4]["callback"] = instant(
                    event[0], rng.choice((11, 15, 16, 17)) * 3600 + rng.choice((0, 1800))
                )
            elif outcome is Outcome.ALREADY_PAID:
                event[4]["task"] = "check_payment"
            elif outcome is Outcome.NO_ANSWER and rng.random() < 0.01:
                # A key pressed by mistake, undone at once and logged again.
                undo = [event[0], event[1] + 20, Outcome.UNDO, contact, {"undoes": event}]
                again = [event[0], event[1] + 40, Outcome.VOICEMAIL, contact, {"note": ""}]
                self.events.extend((undo, again))

    def _upcoming(self) -> None:
        """Some debtors asked yesterday to be called back today or tomorrow."""
        if self._overdue_total() <= 0 or self.rng.random() >= 0.05:
            return
        if any(e[2] is Outcome.PROMISE and e[4]["promise"][0] >= self.today for e in self.events):
            return
        yesterday = business_on_or_before(self.today - timedelta(days=1))
        day = self.today if self.rng.random() < 0.6 else self.today + timedelta(days=1)
        when = instant(business_on_or_after(day), self.rng.choice((14, 15, 16, 17)) * 3600)
        note = self.rng.choice(words.CALL_NOTES["callback"])
        self._event(yesterday, Outcome.CALLBACK, self._decider(), note=note, callback=when)

    # -- numbering and domain objects
    def _number(self, ids: Ids) -> None:
        self.events.sort(key=lambda e: (e[0], e[1]))
        for event in self.events:
            ids.calls += 1
            event.append(ids.calls)
        self.ids = ids

    def _emit(self) -> None:
        collector = self.collector or self.rng.choice(COLLECTORS)
        made: list[date] = []  # the day each promise was made, by promise position
        for day, second, outcome, contact, details, call_id in self.events:
            who = collector if self.rng.random() < 0.85 else self.rng.choice(COLLECTORS)
            at = instant(day, second)
            self.calls.append(
                Call(
                    debtor_code=self.code,
                    collector=who,
                    started_at=at,
                    outcome=outcome,
                    note=details.get("note", ""),
                    contact_id=self._contact_ids[contact],
                    undoes=details["undoes"][5] if "undoes" in details else None,
                    id=call_id,
                    reason=details.get("reason", ""),
                    callback_at=details.get("callback"),
                    right_party=is_right_party(outcome, self.contacts[contact]["decision_maker"]),
                )
            )
            if "promise" in details:
                on, cents = details["promise"]
                made.append(day)
                self._add_promise(call_id, None, who, at, on, cents)
            elif "plan" in details:
                for on, cents in details["plan"]:
                    made.append(day)
                    self._add_promise(call_id, call_id, who, at, on, cents)
            elif "dispute" in details:
                self._add_dispute(call_id, who, at, *details["dispute"])
            elif "task" in details:
                checked = day + timedelta(days=2)
                done = instant(checked, 10 * 3600) if checked < self.today else None
                self._add_task(call_id, "check_payment", who, at, done)
        self._settle(made)

    def _add_promise(self, call_id, plan_id, who, at: datetime, on: date, cents: int) -> None:
        """A promise, pending until ``_settle`` judges it."""
        self.ids.promises += 1
        self.promises.append(
            Promise(
                debtor_code=self.code,
                promised_on=on,
                amount_cents=cents,
                collector=who,
                created_at=at,
                call_id=call_id,
                plan_id=plan_id,
                id=self.ids.promises,
            )
        )

    def _settle(self, made: list[date]) -> None:
        """Judge the promises by the settlement rule itself, so the history agrees with it.

        A promise still running stays pending with nothing paid; those are drawn
        where no money came since they were made (``_quiet_since``), so the
        settlement run by the final rescore leaves them pending too. A judged
        promise is stamped settled the morning after its date plus grace.
        """
        if not self.promises:
            return
        terms = [
            PromiseTerms(i, made[i], p.promised_on, p.amount_cents)
            for i, p in enumerate(self.promises)
        ]
        money = [(on, cents) for _, on, cents in self.pays]
        grace = timedelta(days=PROMISE_GRACE_DAYS)
        for verdict in judge_promises(
            terms, money, today=self.today, grace_days=PROMISE_GRACE_DAYS
        ):
            if verdict.status is PromiseStatus.PENDING:
                continue
            promise = self.promises[verdict.id]
            day = min(promise.promised_on + grace + timedelta(days=1), self.today)
            self.promises[verdict.id] = replace(
                promise,
                paid_cents=verdict.paid_cents,
                status=verdict.status,
                settled_at=instant(day, 7 * 3600),
            )

    def _add_dispute(self, call_id, who, at: datetime, reason, positions, resolved) -> None:
        """A dispute on the invoices at ``positions`` (named by number: their ids come later)."""
        self.ids.disputes += 1
        resolved_at = instant(resolved, 11 * 3600) if resolved else None
        self.disputes.append(
            Dispute(
                debtor_code=self.code,
                reason=reason,
                invoice_numbers=tuple(self.invs[p].number for p in positions),
                status="resolved" if resolved else "open",
                opened_at=at,
                opened_by=who,
                id=self.ids.disputes,
                resolved_at=resolved_at,
                call_id=call_id,
            )
        )
        kind = "send_delivery_note" if "livraison" in reason.lower() else "send_copy"
        self._add_task(call_id, kind, who, at, resolved_at)

    def _add_task(self, call_id, kind: str, who: str, at: datetime, done: datetime | None) -> None:
        self.ids.tasks += 1
        self.tasks.append(
            Task(
                debtor_code=self.code,
                kind=kind,
                note=dict(words.TASK_KINDS).get(kind, ""),
                created_at=at,
                created_by=who,
                done_at=done,
                id=self.ids.tasks,
                call_id=call_id,
            )
        )
