"""Who to call next, and why: a pure function from a debtor's facts to a queue place.

The store gathers :class:`DebtorFacts` with a few aggregated queries; this
module decides the state (why a debtor is in or out of the queue), when it may
next be called, and an integer score with its reasons. Everything a wait
depends on is derived from the facts (the last call that was not undone, the
pending promises), so undoing an outcome needs nothing but a rescore, and the
same facts always give the same place.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from callcenter.domain import dates, plurals
from callcenter.domain.dial_rules import DialBlock, DialLine, dial_block
from callcenter.domain.models import Outcome, PromiseStatus, QueueState, Reason, reason
from callcenter.domain.money import format_short
from callcenter.domain.promise_words import missed_counts, status_word
from callcenter.domain.record import record
from callcenter.domain.scenarios import call_from, choose
from callcenter.domain.settings import Config
from callcenter.domain.text import clean

#: Unanswered attempts: they count against the daily cap.
ATTEMPTS = frozenset({Outcome.NO_ANSWER, Outcome.VOICEMAIL, Outcome.BUSY})


@record
class LastCall:
    """The most recent call that was not undone."""

    outcome: Outcome
    at: datetime
    callback_at: datetime | None = None
    #: The one collector a callback is for; None: anyone allowed to work the debtor.
    callback_owner: str | None = None


@record
class DebtorFacts:
    """What the queue needs to know about one debtor (amounts in cents)."""

    code: str
    status: str = "active"
    segment: str = "standard"
    timezone: str = "Europe/Paris"
    dunning_step: int = 0
    #: Open, past due, not disputed, not excluded, minus open credit notes.
    overdue_cents: int = 0
    disputed_cents: int = 0
    excluded_cents: int = 0
    #: Due date of the oldest invoice counted in ``overdue_cents``.
    oldest_due: date | None = None
    #: Pending promises as (promised_on, amount_cents), any order.
    pending_promises: tuple[tuple[date, int], ...] = ()
    #: Promises settled broken or partly kept, as (promised_on, status), recent ones only
    #: (``queue.broken_promise_memory_days``, the span the hints count over too).
    broken_promises: tuple[tuple[date, PromiseStatus], ...] = ()
    last_call: LastCall | None = None
    last_contact_at: datetime | None = None
    #: Instants of recent unanswered attempts (the last two days are enough).
    recent_attempts: tuple[datetime, ...] = ()
    contacts: int = 0
    #: Contacts whose number was found wrong.
    wrong_numbers: int = 0
    #: The debtor's tags (a ``risk:<level>`` one picks its scenario).
    tags: tuple[str, ...] = ()
    #: Written reminders delivered since anyone last talked to the debtor.
    written_unanswered: int = 0
    #: The callable numbers with their do-not-call flag and last week's attempts; gathered
    #: only for debtors an attempt or a flag touches (empty: nothing holds them back).
    dial_lines: tuple[DialLine, ...] = ()


#: Written reminders weigh on the score over this many days back.
WRITTEN_MEMORY_DAYS = 120


def unanswered(sends: Iterable[datetime], last_contact: datetime | None) -> int:
    """How many written reminders went out after the last conversation with the debtor."""
    return sum(1 for at in sends if last_contact is None or at > last_contact)


@record
class Scored:
    """A debtor's place in the queue: its score, its state and the reasons shown for both."""

    score: int
    state: QueueState
    next_action_at: datetime | None
    reasons: tuple[Reason, ...]
    overdue_cents: int
    oldest_days: int
    attempts_today: int = 0


def callback_owner(facts: DebtorFacts, scored: Scored) -> str | None:
    """Who the queue offers the debtor to: a callback's owner, else None (anyone allowed)."""
    if scored.state is not QueueState.CALLBACK or facts.last_call is None:
        return None
    return facts.last_call.callback_owner


# -- state and timing ----------------------------------------------------------


def score(facts: DebtorFacts, now: datetime, config: Config) -> Scored:
    """The debtor's queue state, next callable instant, score and reasons."""
    zone = _zone(facts.timezone, config)
    today = now.astimezone(config.tz).date()
    oldest_days = (today - facts.oldest_due).days if facts.oldest_due else 0
    attempts = _attempts_today(facts, now, zone)
    state, next_at, why = _state(facts, now, today, attempts, zone, config)
    if state is QueueState.DONE:
        # Most of a ledger is paid up: no points to weigh for those.
        points, reasons = 0, list[Reason]()
    else:
        points, reasons = _points(facts, now, today, oldest_days, attempts, config)
    return Scored(
        score=points,
        state=state,
        next_action_at=next_at,
        reasons=tuple(why) + tuple(reasons),
        overdue_cents=facts.overdue_cents,
        oldest_days=max(oldest_days, 0),
        attempts_today=attempts,
    )


def _zone(name: str, config: Config) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):  # a debtor imported with a bad zone is called on home time
        return config.tz


def _attempts_today(facts: DebtorFacts, now: datetime, zone: ZoneInfo) -> int:
    local_day = now.astimezone(zone).date()
    return sum(1 for at in facts.recent_attempts if at.astimezone(zone).date() == local_day)


def _state(
    facts: DebtorFacts,
    now: datetime,
    today: date,
    attempts: int,
    zone: ZoneInfo,
    config: Config,
) -> tuple[QueueState, datetime | None, list[Reason]]:
    if facts.overdue_cents <= 0 and facts.disputed_cents <= 0 and facts.excluded_cents <= 0:
        return QueueState.DONE, None, [reason("nothing_overdue")]
    if facts.status in ("closed", "litigation"):
        return QueueState.HOLD, None, [reason("status", status=facts.status)]
    if facts.contacts and facts.wrong_numbers >= facts.contacts:
        # Every known number is wrong: someone must find a new one first. A
        # debtor with no contact at all stays callable (the number is looked up).
        return QueueState.HOLD, None, [reason("no_valid_number")]
    if facts.overdue_cents <= 0:
        if facts.disputed_cents > 0:
            return QueueState.DISPUTE, None, [reason("all_disputed", cents=facts.disputed_cents)]
        return QueueState.HOLD, None, [reason("all_excluded", cents=facts.excluded_cents)]
    block = dial_block(facts.dial_lines, now, config)
    if block is not None and block.until is None:
        return QueueState.HOLD, None, [reason("numbers_do_not_call")]
    last = facts.last_call
    if last is not None and last.outcome is Outcome.CALLBACK and last.callback_at is not None:
        # Asked for after any pending promise (it is the latest call), so it wins.
        local = last.callback_at.astimezone(zone)
        why = reason("callback", date=local.date().isoformat(), time=local.strftime("%H:%M"))
        return _held_back(QueueState.CALLBACK, last.callback_at, [why], block, zone, config)
    grace = config.queue.promise_grace_days
    waiting = [d for d, _ in facts.pending_promises if d + timedelta(days=grace) >= today]
    if waiting:
        first = min(waiting)
        back = dates.start_of_day(first + timedelta(days=grace + 1), config.tz)
        return QueueState.PROMISE, back, [reason("awaiting_promise", date=first.isoformat())]
    due_at = _due_at(facts, attempts, zone, config)
    opens = _scenario_call_day(facts, config)
    if opens is not None and opens > today and facts.last_call is None and facts.written_unanswered:
        # The written steps come first: the phone waits for the scenario's call step,
        # once the funnel is at work on the debtor (a reminder went out). One it cannot
        # write to (no address, no written step, sending not set up) is called as before.
        hours = config.hours
        opens_at = dates.next_calling_time(  # a step due on a Sunday is called on Monday
            dates.start_of_day(opens, config.tz), zone, hours.windows, config.region, hours.weekdays
        )
        at = max(due_at, opens_at)
        scenario = [reason("scenario_call", date=opens_at.astimezone(zone).date().isoformat())]
        return _held_back(QueueState.DUE, at, scenario, block, zone, config)
    return _held_back(QueueState.DUE, due_at, [], block, zone, config)


def _held_back(
    state: QueueState,
    at: datetime,
    why: list[Reason],
    block: DialBlock | None,
    zone: ZoneInfo,
    config: Config,
) -> tuple[QueueState, datetime | None, list[Reason]]:
    """Every number at its cap: the debtor waits for the first calling time one frees.

    It stays in its state with a later ``next_action_at``, so it comes back by
    itself once the clock passes it, with no rescore needed.
    """
    if block is None or block.until is None:
        return state, at, why
    hours = config.hours
    frees = dates.next_calling_time(block.until, zone, hours.windows, config.region, hours.weekdays)
    if frees <= at:
        return state, at, why
    local = frees.astimezone(zone)
    capped = reason("numbers_capped", date=local.date().isoformat(), time=local.strftime("%H:%M"))
    return state, frees, [*why, capped]


def _scenario_call_day(facts: DebtorFacts, config: Config) -> date | None:
    """With ``funnel.calls_wait_for_scenario``, the day the debtor's call step opens."""
    if not config.funnel.calls_wait_for_scenario or facts.oldest_due is None:
        return None
    scenario = choose(config.funnel.scenarios, facts.segment, facts.overdue_cents, facts.tags)
    return call_from(scenario, facts.oldest_due) if scenario else None


def _due_at(facts: DebtorFacts, attempts: int, zone: ZoneInfo, config: Config) -> datetime:
    """When a due debtor may be called: after the wait its last call set, if any.

    With no wait, the day its oldest invoice fell overdue: a fixed instant in
    the past, so the value does not move with the clock.
    """
    last = facts.last_call
    wait = _wait_after(last, attempts, zone, config) if last else None
    if wait is not None:
        return wait
    if last is not None:
        return last.at
    since = (facts.oldest_due or date(2000, 1, 1)) + timedelta(days=1)
    return dates.start_of_day(since, config.tz)


def _wait_after(last: LastCall, attempts: int, zone: ZoneInfo, config: Config) -> datetime | None:
    queue, hours = config.queue, config.hours

    def calling(moment: datetime) -> datetime:
        return dates.next_calling_time(moment, zone, hours.windows, config.region, hours.weekdays)

    def business_days_later(n: int) -> datetime:
        local = last.at.astimezone(zone)
        day = dates.add_business_days(local.date(), n, config.region)
        return calling(dates.start_of_day(day, zone))

    outcome = last.outcome
    if outcome in ATTEMPTS:
        if attempts >= queue.daily_attempt_cap:
            return dates.first_window_of_next_business_day(
                last.at, zone, hours.windows, config.region, hours.weekdays
            )
        delays = queue.retry_delays_minutes
        delay = delays[min(max(attempts, 1), len(delays)) - 1]
        return calling(last.at + timedelta(minutes=delay))
    if outcome is Outcome.SKIP:
        # Skipped until a day: back in its first calling window; otherwise a short wait.
        return calling(last.callback_at or last.at + timedelta(minutes=queue.skip_delay_minutes))
    if outcome is Outcome.REFUSED:
        return business_days_later(queue.refused_delay_days)
    if outcome is Outcome.ALREADY_PAID:
        return calling(last.at + timedelta(days=queue.already_paid_check_days))
    if outcome is Outcome.WRONG_NUMBER:
        return None  # try the next contact right away
    if outcome in (Outcome.DISPUTE, Outcome.CALLBACK):
        return business_days_later(queue.contacted_rest_days)
    if outcome in (Outcome.PROMISE, Outcome.PAYMENT_PLAN, Outcome.PAID):
        # The promise rows decide while pending; once settled, call again.
        return None
    return None


# -- points --------------------------------------------------------------------


def _points(
    facts: DebtorFacts,
    now: datetime,
    today: date,
    oldest_days: int,
    attempts: int,
    config: Config,
) -> tuple[int, list[Reason]]:
    weights = config.queue.weights
    total = 0.0
    reasons: list[Reason] = []
    if facts.overdue_cents > 0:
        euros = facts.overdue_cents / 100
        total += weights.amount * math.log10(euros + 1)
        total += weights.age * min(max(oldest_days, 0), 365) / 30
        reasons.append(reason("overdue", cents=facts.overdue_cents, days=max(oldest_days, 0)))
    broken = sorted(facts.broken_promises, reverse=True)
    if broken:
        boost = 0.0
        for rank, (day, _) in enumerate(broken):
            recent = (today - day).days <= 30
            boost += weights.broken_promise / (2**rank) / (1 if recent else 2)
        total += boost
        partly = sum(1 for _, status in broken if status is PromiseStatus.PARTLY_KEPT)
        reasons.append(
            reason(
                "promise_broken",
                date=broken[0][0].isoformat(),
                status=PromiseStatus(broken[0][1]).value,
                count=len(broken),
                broken=len(broken) - partly,
                partly=partly,
                days=config.queue.broken_promise_memory_days,
            )
        )
    last = facts.last_call
    if last and last.outcome is Outcome.CALLBACK and last.callback_at and last.callback_at <= now:
        total += weights.callback_due
    if any(day == today for day, _ in facts.pending_promises):
        total += weights.promise_today
        reasons.append(reason("promise_today"))
    if facts.last_contact_at is None:
        total += weights.never_contacted
        reasons.append(reason("never_contacted"))
    else:
        silent = max((now - facts.last_contact_at).days, 0)
        total += weights.silence * min(silent, 90) / 30
        if silent >= 14:
            reasons.append(reason("silence", days=silent))
    if attempts:
        total -= weights.attempts_today * attempts
        reasons.append(reason("attempts", count=attempts))
    if facts.written_unanswered:
        total += weights.written_unanswered * facts.written_unanswered
        reasons.append(reason("written_unanswered", count=facts.written_unanswered))
    if facts.dunning_step:
        total += weights.dunning_step * facts.dunning_step
        reasons.append(reason("dunning", step=facts.dunning_step))
    segment_points = config.queue.segments.get(facts.segment, 0)
    if segment_points:
        total += segment_points
        reasons.append(reason("segment", segment=facts.segment))
    return int(round(total)), reasons


# -- words -------------------------------------------------------------------

_TEXTS = {
    "fr": {
        "overdue": "{amount} échus, le plus ancien à {days} jours",
        "promise_broken": "promesse du {date} {status}",
        "promise_broken_many": "promesse du {date} {status} ({counts})",
        "promise_broken_within": "promesse du {date} {status} ({counts} en {days} jours)",
        "callback": "rappel demandé pour {time}",
        "callback_day": "rappel demandé le {date} à {time}",
        "promise_today": "paiement promis pour aujourd'hui",
        "awaiting_promise": "attend le paiement promis le {date}",
        "never_contacted": "jamais joint",
        "silence": "aucun contact depuis {days} jours",
        "attempts": "{count} essais sans réponse aujourd'hui",
        "attempts_one": "{count} essai sans réponse aujourd'hui",
        "dunning": "étape de relance {step}",
        "written_unanswered": "{count} relances écrites sans réponse",
        "written_unanswered_one": "{count} relance écrite sans réponse",
        "scenario_call": "appel prévu par le scénario à partir du {date}",
        "segment": "segment {segment}",
        "nothing_overdue": "rien d'échu",
        "no_valid_number": "aucun numéro valide : en trouver un",
        "numbers_do_not_call": "tous les numéros en « ne pas appeler »",
        "numbers_capped": "tous les numéros à leur plafond d'appels jusqu'à {time}",
        "numbers_capped_tomorrow": "tous les numéros à leur plafond d'appels jusqu'à demain {time}",
        "numbers_capped_day": "tous les numéros à leur plafond d'appels jusqu'au {date} {time}",
        "status": "dossier {status}",
        "all_disputed": "tout l'échu est en litige ({amount})",
        "all_excluded": "tout l'échu est hors relance ({amount})",
    },
    "en": {
        "overdue": "{amount} overdue, oldest {days} days",
        "promise_broken": "promise of {date} {status}",
        "promise_broken_many": "promise of {date} {status} ({counts})",
        "promise_broken_within": "promise of {date} {status} ({counts} in {days} days)",
        "callback": "callback asked for {time}",
        "callback_day": "callback asked for {date} at {time}",
        "promise_today": "payment promised for today",
        "awaiting_promise": "waiting for the payment promised on {date}",
        "never_contacted": "never reached",
        "silence": "no contact for {days} days",
        "attempts": "{count} unanswered attempts today",
        "attempts_one": "{count} unanswered attempt today",
        "dunning": "dunning step {step}",
        "written_unanswered": "{count} written reminders unanswered",
        "written_unanswered_one": "{count} written reminder unanswered",
        "scenario_call": "the scenario calls from {date}",
        "segment": "segment {segment}",
        "nothing_overdue": "nothing overdue",
        "no_valid_number": "no valid phone number: find one",
        "numbers_do_not_call": "every number on do-not-call",
        "numbers_capped": "every number at its cap until {time}",
        "numbers_capped_tomorrow": "every number at its cap until tomorrow {time}",
        "numbers_capped_day": "every number at its cap until {date} {time}",
        "status": "account {status}",
        "all_disputed": "everything overdue is disputed ({amount})",
        "all_excluded": "everything overdue is excluded ({amount})",
    },
}
_SEGMENTS = {
    "fr": {
        "key_account": "grand compte",
        "grand_compte": "grand compte",
        "public": "secteur public",
        "pme": "PME",
        "tpe": "TPE",
        "standard": "standard",
    },
    "en": {
        "key_account": "key account",
        "grand_compte": "key account",
        "public": "public sector",
        "pme": "SME",
        "tpe": "micro-business",
        "standard": "standard",
    },
}
_STATUS = {
    "fr": {"closed": "clos", "litigation": "en contentieux"},
    "en": {"closed": "closed", "litigation": "in litigation"},
}


def _missed_words(params: dict, lang: str) -> dict[str, str]:
    """The latest missed promise's status and the counts, in the calls panel's words.

    Reasons stored before statuses were kept name neither: they read as broken.
    """
    count = int(params.get("count", 1))
    partly = int(params.get("partly", 0))
    broken = int(params.get("broken", count - partly))
    status = str(params.get("status", PromiseStatus.BROKEN.value))
    return {
        "status": status_word(status, lang),
        "counts": missed_counts(broken, partly, lang),
    }


def _plural_form(count: int, lang: str) -> str:
    """CLDR's plural category (French "one" is 0 and 1, English 1), as the catalogue uses."""
    return plurals.category("fr" if lang == "fr" else "en", count)


def _capped_template(day: str, today: date | None) -> str:
    """Today's hour alone, "tomorrow" and its hour, or the day and the hour."""
    if today is not None and day == today.isoformat():
        return "numbers_capped"
    if today is not None and day == (today + timedelta(days=1)).isoformat():
        return "numbers_capped_tomorrow"
    return "numbers_capped_day"


def describe(item: Reason, lang: str = "fr", today: date | None = None) -> str:
    """Short words for one reason: '12 400 € échus, le plus ancien à 67 jours'."""
    texts = _TEXTS.get(lang, _TEXTS["en"])
    params = dict(item.params)
    if item.code == "text":
        return str(params.get("text", ""))
    template = texts.get(item.code)
    if template is None:
        return item.code
    values: dict[str, str | int] = dict(params)
    if "cents" in params:
        values["amount"] = format_short(int(params["cents"]), lang)
    if "date" in params:
        values["date"] = dates.short_day(date.fromisoformat(str(params["date"])), lang)
    if item.code == "promise_broken":
        values.update(_missed_words(params, lang))
        if int(params.get("count", 1)) > 1:  # over the span the hints count too
            template = texts["promise_broken_within" if "days" in params else "promise_broken_many"]
    plural_one = _plural_form(int(params.get("count", 0)), lang) == "one"
    if item.code in ("attempts", "written_unanswered") and plural_one:
        template = texts[f"{item.code}_one"]
    if item.code == "callback" and (today is None or params.get("date") != today.isoformat()):
        template = texts["callback_day"]
    if item.code == "numbers_capped":
        template = texts[_capped_template(str(params.get("date", "")), today)]
    if item.code == "segment":
        name = str(params.get("segment", ""))
        values["segment"] = _SEGMENTS.get(lang, _SEGMENTS["en"]).get(name, clean(name))
    if item.code == "status":
        values["status"] = _STATUS.get(lang, _STATUS["en"]).get(str(params["status"]), "")
    return template.format(**values)
