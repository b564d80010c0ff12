"""Negotiation hints: what to keep in mind for THIS call, in a few short lines.

A collector has seconds between two calls. Instead of a manual, the screen
shows a handful of lines drawn from the dossier in front of them — the
promises this client broke, the document it will use as a pretext, whom to
ask for, which levers are at hand, what the law adds — ranked so the most
actionable comes first, then the piece of call technique that fits the
situation (first call, broken word, large amount, good payer who slipped,
open dispute). The facts are gathered in :mod:`hint_facts`, the wording
lives in :mod:`hint_texts`; this module decides which hints apply and in
what order. Pure: the same dossier and day always give the same hints.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from callcenter.domain.dates import short_day
from callcenter.domain.hint_facts import (
    DEFAULT_MEMORY_DAYS,
    FORMAL_NOTICE_STEP,
    LAST_STEP,
    DossierFacts,
    gather,
)
from callcenter.domain.hint_texts import message, next_measure, step_name
from callcenter.domain.legal import (
    DEFAULT_RATES,
    Rates,
    excess_terms_days,
    late_charges,
    limitation_warning,
    time_barred_on,
)
from callcenter.domain.models import Contact, Dossier, Invoice, Outcome, PromiseStatus, Role
from callcenter.domain.money import format_short
from callcenter.domain.promise_words import missed_counts
from callcenter.domain.reachability import reachable_at
from callcenter.domain.record import record
from callcenter.domain.text import one_line

#: Above this overdue amount a visit or a video call is worth proposing: 10 000 €.
LARGE_AMOUNT_CENTS = 1_000_000
#: A hint is wrapped in its panel, never cut at 80 columns: two lines of the narrow layout.
MAX_HINT_CHARS = 150
#: Overdue this long without orders to hold: suggest withdrawing the terms granted.
WITHDRAW_TERMS_DAYS = 60
#: How long "we already paid" stays worth checking before pressing again.
SAID_PAID_DAYS = 30
#: Unanswered calls in a row before suggesting another channel.
UNANSWERED_CALLS = 3

#: Segments whose invoices get stuck in a purchasing system: ask AP first.
LARGE_ORGANISATION_SEGMENTS = frozenset(
    {"grand_compte", "grands_comptes", "key_account", "public", "administration", "large", "eti"}
)

#: The ranking, most actionable first: what can end the claim or the call,
#: then the client's own word, whom to ask for, the pretexts to expect, the
#: levers, and last the call technique. Keys are hint texts (hint_texts.py);
#: "*_gentle" / "*_first_call" are the same text ranked for that situation.
PRIORITY: dict[str, int] = {
    "litigation": 2,
    "by_hand": 3,
    "nothing_overdue": 3,
    "limitation_near": 4,
    "limitation_barred": 5,
    "no_contact": 8,
    "all_wrong": 8,
    "said_paid": 9,
    "broken": 10,
    "be_concrete": 11,
    "promise_pending": 12,
    "promise_unseen": 12,
    "refused": 13,
    "dispute": 15,
    "ask": 20,
    "unanswered": 22,
    "no_delivery_note": 25,
    "no_order": 26,
    "last_step": 32,
    "notice_sent": 32,
    "lever": 35,
    "withdraw_terms": 36,
    "legal": 40,
    "good_payer": 42,
    "large": 45,
    "first_call": 48,
    "dunning": 50,
    "plan_caution": 55,
    "first_offer": 60,
    "no_excuse": 70,
    "wording_first_call": 75,
    "legal_gentle": 80,
    "terms": 85,
    "wording": 95,
    "equals": 96,
}


@record
class Hint:
    """One line of advice; ``rank`` 1 is the most actionable."""

    kind: str
    text: str
    rank: int


@record
class _Context:
    """What every hint rule needs besides the facts: language, rates and the call's moment."""

    facts: DossierFacts
    lang: str
    rates: Rates
    large_cents: int
    #: The moment of the call in the debtor's timezone, to prefer a contact reachable now.
    at: datetime | None = None


#: (priority, kind, text): lower priority comes first; ties keep the builders' order.
_Candidate = tuple[int, str, str]


def _say(ctx: _Context, kind: str, key: str, rank_as: str = "", **params: object) -> _Candidate:
    """A candidate hint: the text ``key`` in the call's language, ranked as ``rank_as`` or ``key``."""
    return (PRIORITY[rank_as or key], kind, message(ctx.lang, key, **params))


def negotiation_hints(
    dossier: Dossier,
    today: date,
    lang: str = "fr",
    limit: int = 6,
    *,
    rates: Rates = DEFAULT_RATES,
    large_cents: int = LARGE_AMOUNT_CENTS,
    at: datetime | None = None,
    broken_memory_days: int = DEFAULT_MEMORY_DAYS,
) -> list[Hint]:
    """The ``limit`` most useful hints for calling this debtor on ``today``, in ``lang``.

    ``lang`` is "fr" or "en" (anything else reads as English). ``rates`` and
    ``large_cents`` come from the configuration when it sets them, and so does
    ``broken_memory_days``, the span the queue's reasons count missed promises
    over (the hints count over the same one). Kinds:
    ``info``, ``limitation``, ``contact``, ``promise``, ``dispute``,
    ``documents``, ``lever``, ``legal``, ``dunning``, ``terms``, ``advice``.
    """
    lang = "fr" if lang.lower().startswith("fr") else "en"
    ctx = _Context(gather(dossier, today, broken_memory_days), lang, rates, large_cents, at)
    candidates = [c for build in _BUILDERS for c in build(ctx)]
    ordered = sorted(enumerate(candidates), key=lambda pair: (pair[1][0], pair[0]))
    return [
        Hint(kind=kind, text=_fit(text), rank=rank)
        for rank, (_, (_, kind, text)) in enumerate(ordered[: max(limit, 0)], start=1)
    ]


def _fit(text: str) -> str:
    return text if len(text) <= MAX_HINT_CHARS else text[: MAX_HINT_CHARS - 1].rstrip() + "…"


def _day(day: date, lang: str, today: date | None = None) -> str:
    """``14/10`` (``14 Oct`` in English); with the year when not within the last ten months."""
    if today is not None and not -60 <= (today - day).days <= 300:
        return day.strftime("%d/%m/%y") if lang != "en" else short_day(day, lang, year=True)
    return short_day(day, lang)


def _numbers(invoices: list[Invoice] | tuple[Invoice, ...], most: int = 3) -> str:
    """``FA1, FA2, FA3 +2``; invoice numbers come from files, so they are cleaned."""
    shown = ", ".join(one_line(i.number, 24) for i in invoices[:most])
    return shown if len(invoices) <= most else f"{shown} +{len(invoices) - most}"


# --- what stops or frames the call ---------------------------------------------------------


def _situation(ctx: _Context) -> list[_Candidate]:
    facts = ctx.facts
    found = []
    if facts.debtor.status == "litigation":
        found.append(_say(ctx, "dunning", "litigation"))
    if not facts.overdue:
        # Overdue invoices taken out of the ladder are someone's manual work, not "nothing".
        by_hand = [i for i in facts.open_invoices if i.excluded and i.open_cents > 0]
        by_hand = [i for i in by_hand if i.days_late(facts.today) > 0]
        if by_hand:
            found.append(_say(ctx, "info", "by_hand", invs=_numbers(by_hand)))
        else:
            found.append(_say(ctx, "info", "nothing_overdue"))
    return found


def _limitation(ctx: _Context) -> list[_Candidate]:
    """An open invoice about to die (or dead) under the five-year rule comes first."""
    facts = ctx.facts
    status = {i.number: limitation_warning(i, facts.today) for i in facts.open_invoices}
    near = [i for i in facts.open_invoices if status[i.number] == "near"]
    barred = [i for i in facts.open_invoices if status[i.number] == "barred"]
    found = []
    if near:
        first = min(near, key=lambda i: i.due_date)
        when = short_day(time_barred_on(first.due_date), ctx.lang, year=True)
        found.append(_say(ctx, "limitation", "limitation_near", date=when, invs=_numbers(near)))
    if barred:
        found.append(_say(ctx, "limitation", "limitation_barred", invs=_numbers(barred)))
    return found


# --- whom to call ---------------------------------------------------------------------------


def _contact(ctx: _Context) -> list[_Candidate]:
    """The right person for this kind of firm, skipping numbers known to be wrong."""
    facts = ctx.facts
    reachable = facts.reachable_contacts
    if not reachable:
        key = "all_wrong" if any(c.wrong_number for c in facts.contacts) else "no_contact"
        return [_say(ctx, "contact", key)]
    best = _best_contact(facts, ctx.at)
    hours = one_line(best.best_hours, 40)
    when = message(ctx.lang, "hours", hours=hours) if hours else ""
    key = _contact_key(best)
    return [_say(ctx, "contact", key, "ask", name=one_line(best.name, 70), hours=when)]


def recommended_contact(
    dossier: Dossier, today: date, at: datetime | None = None
) -> Contact | None:
    """The contact the hints recommend, the one the workstation preselects: one truth.

    ``at`` is the moment of the call in the debtor's timezone: a contact whose
    best hours say they cannot be reached then comes after the others.
    """
    facts = gather(dossier, today)
    return _best_contact(facts, at) if facts.reachable_contacts else None


def _best_contact(facts: DossierFacts, at: datetime | None) -> Contact:
    def away(contact: Contact) -> bool:
        return at is not None and reachable_at(contact.best_hours, at) is False

    return min(
        facts.reachable_contacts,
        key=lambda c: (away(c), _contact_preference(c, facts), c.id or 0),
    )


def _contact_preference(contact: Contact, facts: DossierFacts) -> int:
    """Lower is better: who unblocks payment depends on the size of the client.

    A small firm's boss decides; a large organisation's invoices wait in a
    purchasing system, so its AP desk comes first; once a date was promised,
    the accountant who pays suppliers can confirm the transfer.
    """
    decides = contact.role == Role.OWNER or contact.decision_maker
    if facts.debtor.segment.lower() in LARGE_ORGANISATION_SEGMENTS:
        order = [contact.role == Role.PURCHASING, contact.role == Role.ACCOUNTANT, decides]
    elif facts.pending:
        order = [contact.role == Role.ACCOUNTANT, decides, contact.role == Role.PURCHASING]
    else:
        order = [decides, contact.role == Role.ACCOUNTANT, contact.role == Role.PURCHASING]
    return next((index for index, matches in enumerate(order) if matches), len(order))


def _contact_key(contact: Contact) -> str:
    if contact.role == Role.OWNER:
        return "ask_owner"
    if contact.role == Role.ACCOUNTANT:
        return "ask_accountant"
    if contact.role == Role.PURCHASING:
        return "ask_purchasing"
    return "ask_decider" if contact.decision_maker else "ask_other"


def _unanswered(ctx: _Context) -> list[_Candidate]:
    streak = ctx.facts.unanswered_streak
    if streak < UNANSWERED_CALLS or not ctx.facts.overdue:
        return []
    return [_say(ctx, "contact", "unanswered", n=streak)]


# --- the client's word ----------------------------------------------------------------------


def _promises(ctx: _Context) -> list[_Candidate]:
    """Broken promises, dated and priced, so the client cannot walk the collector around."""
    facts, lang = ctx.facts, ctx.lang
    found = []
    if facts.broken or facts.older_broken:
        found.append(_missed(ctx))
    if facts.last_promise_broken and facts.overdue:
        last_chance = next_measure(lang, facts.debtor.dunning_step)
        found.append(_say(ctx, "advice", "be_concrete", next=last_chance))
    if facts.pending:
        first = facts.pending[0]
        key = "promise_pending" if first.promised_on >= facts.today else "promise_unseen"
        amount = format_short(first.amount_cents - first.paid_cents, lang)
        found.append(_say(ctx, "promise", key, amount=amount, date=_day(first.promised_on, lang)))
    return found


def _missed(ctx: _Context) -> _Candidate:
    """Missed promises counted as the queue's reason counts them: over the same span, with
    the calls panel's words (non tenue / tenue en partie); older ones said apart."""
    facts, lang = ctx.facts, ctx.lang
    shown = facts.broken or facts.older_broken
    items = ", ".join(
        f"{_day(p.promised_on, lang, facts.today)} ({format_short(p.amount_cents - p.paid_cents, lang)})"
        for p in shown[-3:]
    )
    partly = sum(1 for p in shown if p.status is PromiseStatus.PARTLY_KEPT)
    counts = missed_counts(len(shown) - partly, partly, lang, noun=True)
    if not facts.broken:
        return _say(
            ctx,
            "promise",
            "broken_older",
            "broken",
            counts=counts,
            days=facts.memory_days,
            list=items,
        )
    n = len(facts.older_broken)
    older = "" if not n else message(lang, "older_one" if n == 1 else "older_many", n=n)
    return _say(
        ctx,
        "promise",
        "broken_recent",
        "broken",
        counts=counts,
        days=facts.memory_days,
        list=items,
        older=older,
    )


def _last_word(ctx: _Context) -> list[_Candidate]:
    """What the client said last time: a payment to check, or a refusal to answer."""
    facts = ctx.facts
    last = facts.last_conversation
    if last is None or not facts.overdue:
        return []
    day = last.started_at.date()
    if last.outcome == Outcome.ALREADY_PAID and (facts.today - day).days <= SAID_PAID_DAYS:
        return [_say(ctx, "promise", "said_paid", date=_day(day, ctx.lang, facts.today))]
    if last.outcome == Outcome.REFUSED:
        last_chance = next_measure(ctx.lang, facts.debtor.dunning_step)
        return [
            _say(ctx, "promise", "refused", date=_day(day, ctx.lang, facts.today), next=last_chance)
        ]
    return []


def _dispute(ctx: _Context) -> list[_Candidate]:
    """Resolve what is contested, and still collect what is not."""
    facts, lang = ctx.facts, ctx.lang
    if not facts.disputed:
        return []
    rest = sum(i.open_cents for i in facts.undisputed_overdue)
    key = "dispute_rest" if rest else "dispute_only"
    return [
        _say(
            ctx,
            "dispute",
            key,
            "dispute",
            invs=_numbers(facts.disputed, most=2),
            amount=format_short(facts.disputed_cents, lang),
            rest=format_short(rest, lang),
        )
    ]


def _documents(ctx: _Context) -> list[_Candidate]:
    """A missing document is the pretext the client will use: know it before dialling."""
    facts = ctx.facts
    if not facts.tracks_documents:
        return []
    undisputed = facts.undisputed_overdue
    found = []
    no_note = [i for i in undisputed if not i.has_delivery_note]
    if no_note:
        found.append(_say(ctx, "documents", "no_delivery_note", invs=_numbers(no_note)))
    no_order = [i for i in undisputed if not i.has_po and not i.has_quote]
    if no_order:
        found.append(_say(ctx, "documents", "no_order", invs=_numbers(no_order)))
    return found


# --- levers ---------------------------------------------------------------------------------


def _levers(ctx: _Context) -> list[_Candidate]:
    """Pending orders and the account hold: the benefit of paying, made concrete."""
    facts = ctx.facts
    if not facts.overdue:
        return []
    debtor = facts.debtor
    orders = format_short(debtor.pending_orders_cents, ctx.lang)
    if debtor.credit_hold and debtor.pending_orders_cents > 0:
        return [_say(ctx, "lever", "hold_and_orders", "lever", amount=orders)]
    if debtor.credit_hold:
        return [_say(ctx, "lever", "hold", "lever")]
    if debtor.pending_orders_cents > 0:
        return [_say(ctx, "lever", "orders", "lever", amount=orders)]
    if facts.broken or facts.oldest_days > WITHDRAW_TERMS_DAYS:
        return [_say(ctx, "lever", "withdraw_terms")]
    return []


def _legal(ctx: _Context) -> list[_Candidate]:
    """What the law adds on undisputed overdue invoices (L441-10, D441-5).

    Ranked later on a first conversation or with a good payer, where opening
    with penalties would cost more goodwill than it brings in.
    """
    facts, lang = ctx.facts, ctx.lang
    charges = late_charges(facts.undisputed_overdue, facts.today, ctx.rates)
    if not charges.invoices:
        return []
    gentle = not facts.ever_reached or facts.good_payer_slipped
    return [
        _say(
            ctx,
            "legal",
            "legal",
            "legal_gentle" if gentle else "legal",
            penalties=format_short(charges.penalties_cents, lang),
            indemnities=format_short(charges.indemnities_cents, lang),
            n=len(charges.invoices),
        )
    ]


def _dunning(ctx: _Context) -> list[_Candidate]:
    """Where the client stands on the ladder, and the next rung to announce."""
    facts, lang = ctx.facts, ctx.lang
    step = facts.debtor.dunning_step
    if not facts.overdue or facts.debtor.status == "litigation":
        return []
    if step >= LAST_STEP:
        return [_say(ctx, "dunning", "last_step")]
    if step >= FORMAL_NOTICE_STEP:
        return [_say(ctx, "dunning", "notice_sent", next=next_measure(lang, step))]
    now, then = step_name(lang, step), step_name(lang, step + 1)
    return [_say(ctx, "dunning", "dunning", step=now, next=then)]


# --- call technique fitted to the situation -------------------------------------------------


def _advice(ctx: _Context) -> list[_Candidate]:
    facts = ctx.facts
    if not facts.overdue:
        return []
    found = []
    first_call = not facts.ever_reached
    large = facts.overdue_cents >= ctx.large_cents
    if facts.good_payer_slipped:
        found.append(_say(ctx, "advice", "good_payer", months=facts.months_paid))
    if large:
        found.append(
            _say(ctx, "advice", "large", amount=format_short(facts.overdue_cents, ctx.lang))
        )
    if first_call:
        found.append(_say(ctx, "advice", "first_call"))
        found.append(_say(ctx, "advice", "no_excuse"))
    if large or len(facts.broken) >= 2:
        found.append(_say(ctx, "advice", "plan_caution"))
    found.append(_say(ctx, "advice", "first_offer"))
    found.append(_say(ctx, "advice", "wording", "wording_first_call" if first_call else ""))
    found.append(_say(ctx, "advice", "equals"))
    return found


def _terms(ctx: _Context) -> list[_Candidate]:
    """Terms over the legal cap expose the seller to a fine: worth flagging, last."""
    over = [i for i in ctx.facts.overdue if excess_terms_days(i.issue_date, i.due_date) > 0]
    if not over:
        return []
    return [_say(ctx, "terms", "terms", invs=_numbers(over))]


_BUILDERS: tuple[Callable[[_Context], list[_Candidate]], ...] = (
    _situation,
    _limitation,
    _contact,
    _unanswered,
    _promises,
    _last_word,
    _dispute,
    _documents,
    _levers,
    _legal,
    _dunning,
    _advice,
    _terms,
)
