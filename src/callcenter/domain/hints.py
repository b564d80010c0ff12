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
from dataclasses import dataclass
from datetime import date

from callcenter.domain.hint_facts import FORMAL_NOTICE_STEP, LAST_STEP, DossierFacts, gather
from callcenter.domain.hint_texts import message, next_measure, step_name
from callcenter.domain.legal import (
    DEFAULT_RATES,
    Rates,
    excess_terms_days,
    late_charges,
    limitation_warning,
    time_barred_on,
)
from callcenter.domain.models import Contact, Dossier, Invoice, Role
from callcenter.domain.money import format_short
from callcenter.domain.text import one_line

#: Above this overdue amount a visit or a video call is worth proposing: 10 000 €.
LARGE_AMOUNT_CENTS = 1_000_000
#: Hints are one line in a side panel.
MAX_HINT_CHARS = 90
#: Overdue this long without orders to hold: suggest withdrawing the terms granted.
WITHDRAW_TERMS_DAYS = 60
#: Unanswered calls in a row before suggesting another channel.
UNANSWERED_CALLS = 3

#: Segments whose invoices get stuck in a purchasing system: ask AP first.
LARGE_ORGANISATION_SEGMENTS = frozenset(
    {"grand_compte", "grands_comptes", "key_account", "public", "administration", "large", "eti"}
)


@dataclass(frozen=True, slots=True)
class Hint:
    """One line of advice; ``rank`` 1 is the most actionable."""

    kind: str
    text: str
    rank: int


@dataclass(frozen=True, slots=True)
class _Context:
    facts: DossierFacts
    lang: str
    rates: Rates
    large_cents: int


#: (priority, kind, text): lower priority comes first; ties keep the builders' order.
_Candidate = tuple[int, str, str]


def negotiation_hints(
    dossier: Dossier,
    today: date,
    lang: str = "fr",
    limit: int = 6,
    *,
    rates: Rates = DEFAULT_RATES,
    large_cents: int = LARGE_AMOUNT_CENTS,
) -> list[Hint]:
    """The ``limit`` most useful hints for calling this debtor on ``today``, in ``lang``.

    ``lang`` is "fr" or "en" (anything else reads as English). ``rates`` and
    ``large_cents`` come from the configuration when it sets them. Kinds:
    ``info``, ``limitation``, ``contact``, ``promise``, ``dispute``,
    ``documents``, ``lever``, ``legal``, ``dunning``, ``terms``, ``advice``.
    """
    lang = "fr" if lang.lower().startswith("fr") else "en"
    ctx = _Context(gather(dossier, today), lang, rates, large_cents)
    candidates = [c for build in _BUILDERS for c in build(ctx)]
    ordered = sorted(enumerate(candidates), key=lambda pair: (pair[1][0], pair[0]))
    return [
        Hint(kind=kind, text=_fit(text), rank=rank)
        for rank, (_, (_, kind, text)) in enumerate(ordered[: max(limit, 0)], start=1)
    ]


def _fit(text: str) -> str:
    return text if len(text) <= MAX_HINT_CHARS else text[: MAX_HINT_CHARS - 1].rstrip() + "…"


def _day(day: date, today: date | None = None) -> str:
    """``14/10``; with the year (``14/10/25``) when it is not within the last ten months."""
    if today is not None and not -60 <= (today - day).days <= 300:
        return day.strftime("%d/%m/%y")
    return day.strftime("%d/%m")


def _numbers(invoices: list[Invoice] | tuple[Invoice, ...], most: int = 3) -> str:
    """``FA1, FA2, FA3 +2``; invoice numbers come from files, so they are cleaned."""
    shown = ", ".join(one_line(i.number, 16) for i in invoices[:most])
    return shown if len(invoices) <= most else f"{shown} +{len(invoices) - most}"


# --- what stops or frames the call ---------------------------------------------------------


def _situation(ctx: _Context) -> list[_Candidate]:
    facts, lang = ctx.facts, ctx.lang
    found = []
    if facts.debtor.status == "litigation":
        found.append((2, "dunning", message(lang, "litigation")))
    if not facts.overdue:
        # Overdue invoices taken out of the ladder are someone's manual work, not "nothing".
        by_hand = [i for i in facts.open_invoices if i.excluded and i.open_cents > 0]
        by_hand = [i for i in by_hand if i.days_late(facts.today) > 0]
        if by_hand:
            found.append((3, "info", message(lang, "by_hand", invs=_numbers(by_hand))))
        else:
            found.append((3, "info", message(lang, "nothing_overdue")))
    return found


def _limitation(ctx: _Context) -> list[_Candidate]:
    """An open invoice about to die (or dead) under the five-year rule comes first."""
    facts, lang = ctx.facts, ctx.lang
    status = {i.number: limitation_warning(i, facts.today) for i in facts.open_invoices}
    near = [i for i in facts.open_invoices if status[i.number] == "near"]
    barred = [i for i in facts.open_invoices if status[i.number] == "barred"]
    found = []
    if near:
        first = min(near, key=lambda i: i.due_date)
        when = time_barred_on(first.due_date).strftime("%d/%m/%Y")
        found.append(
            (4, "limitation", message(lang, "limitation_near", date=when, invs=_numbers(near)))
        )
    if barred:
        found.append((5, "limitation", message(lang, "limitation_barred", invs=_numbers(barred))))
    return found


# --- whom to call ---------------------------------------------------------------------------


def _contact(ctx: _Context) -> list[_Candidate]:
    """The right person for this kind of firm, skipping numbers known to be wrong."""
    facts, lang = ctx.facts, ctx.lang
    reachable = facts.reachable_contacts
    if not reachable:
        key = "all_wrong" if any(c.wrong_number for c in facts.contacts) else "no_contact"
        return [(8, "contact", message(lang, key))]
    best = min(reachable, key=lambda c: (_contact_preference(c, facts), c.id or 0))
    hours = one_line(best.best_hours, 20)
    params = {
        "name": one_line(best.name, 34),
        "hours": message(lang, "hours", hours=hours) if hours else "",
    }
    return [(20, "contact", message(lang, _contact_key(best), **params))]


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
    return [(22, "contact", message(ctx.lang, "unanswered", n=streak))]


# --- the client's word ----------------------------------------------------------------------


def _promises(ctx: _Context) -> list[_Candidate]:
    """Broken promises, dated and priced, so the client cannot walk the collector around."""
    facts, lang = ctx.facts, ctx.lang
    found = []
    if facts.broken:
        latest = facts.broken[-3:]
        items = ", ".join(
            f"{_day(p.promised_on, facts.today)} ({format_short(p.amount_cents - p.paid_cents, lang)})"
            for p in latest
        )
        n = len(facts.broken)
        key = "broken_one" if n == 1 else "broken_many"
        found.append((10, "promise", message(lang, key, n=n, list=items)))
    if facts.last_promise_broken and facts.overdue:
        step = facts.debtor.dunning_step
        found.append((11, "advice", message(lang, "be_concrete", next=next_measure(lang, step))))
    if facts.pending:
        first = facts.pending[0]
        key = "promise_pending" if first.promised_on >= facts.today else "promise_unseen"
        amount = format_short(first.amount_cents - first.paid_cents, lang)
        found.append(
            (12, "promise", message(lang, key, amount=amount, date=_day(first.promised_on)))
        )
    return found


def _dispute(ctx: _Context) -> list[_Candidate]:
    """Resolve what is contested, and still collect what is not."""
    facts, lang = ctx.facts, ctx.lang
    if not facts.disputed:
        return []
    rest = sum(i.open_cents for i in facts.undisputed_overdue)
    params = {
        "invs": _numbers(facts.disputed, most=2),
        "amount": format_short(facts.disputed_cents, lang),
        "rest": format_short(rest, lang),
    }
    return [(15, "dispute", message(lang, "dispute_rest" if rest else "dispute_only", **params))]


def _documents(ctx: _Context) -> list[_Candidate]:
    """A missing document is the pretext the client will use: know it before dialling."""
    facts, lang = ctx.facts, ctx.lang
    if not facts.tracks_documents:
        return []
    undisputed = facts.undisputed_overdue
    found = []
    no_note = [i for i in undisputed if not i.has_delivery_note]
    if no_note:
        found.append((25, "documents", message(lang, "no_delivery_note", invs=_numbers(no_note))))
    no_order = [i for i in undisputed if not i.has_po and not i.has_quote]
    if no_order:
        found.append((26, "documents", message(lang, "no_order", invs=_numbers(no_order))))
    return found


# --- levers ---------------------------------------------------------------------------------


def _levers(ctx: _Context) -> list[_Candidate]:
    """Pending orders and the account hold: the benefit of paying, made concrete."""
    facts, lang = ctx.facts, ctx.lang
    if not facts.overdue:
        return []
    debtor = facts.debtor
    orders = format_short(debtor.pending_orders_cents, lang)
    if debtor.credit_hold and debtor.pending_orders_cents > 0:
        return [(35, "lever", message(lang, "hold_and_orders", amount=orders))]
    if debtor.credit_hold:
        return [(35, "lever", message(lang, "hold"))]
    if debtor.pending_orders_cents > 0:
        return [(35, "lever", message(lang, "orders", amount=orders))]
    if facts.broken or facts.oldest_days > WITHDRAW_TERMS_DAYS:
        return [(36, "lever", message(lang, "withdraw_terms"))]
    return []


def _legal(ctx: _Context) -> list[_Candidate]:
    """What the law adds on undisputed overdue invoices (L441-10, D441-5).

    Quoted later on a first conversation or with a good payer, where opening
    with penalties would cost more goodwill than it brings in.
    """
    facts, lang = ctx.facts, ctx.lang
    charges = late_charges(facts.undisputed_overdue, facts.today, ctx.rates)
    if not charges.invoices:
        return []
    gentle = not facts.ever_reached or facts.good_payer_slipped
    text = message(
        lang,
        "legal",
        penalties=format_short(charges.penalties_cents, lang),
        indemnities=format_short(charges.indemnities_cents, lang),
        n=len(charges.invoices),
    )
    return [(80 if gentle else 40, "legal", text)]


def _dunning(ctx: _Context) -> list[_Candidate]:
    facts, lang = ctx.facts, ctx.lang
    step = facts.debtor.dunning_step
    if not facts.overdue or facts.debtor.status == "litigation":
        return []
    if step >= LAST_STEP:
        return [(32, "dunning", message(lang, "last_step"))]
    if step >= FORMAL_NOTICE_STEP:
        return [(32, "dunning", message(lang, "notice_sent", next=next_measure(lang, step)))]
    text = message(lang, "dunning", step=step_name(lang, step), next=step_name(lang, step + 1))
    return [(50, "dunning", text)]


# --- call technique fitted to the situation -------------------------------------------------


def _advice(ctx: _Context) -> list[_Candidate]:
    facts, lang = ctx.facts, ctx.lang
    if not facts.overdue:
        return []
    found = []
    first_call = not facts.ever_reached
    if facts.good_payer_slipped:
        found.append((42, "advice", message(lang, "good_payer", months=facts.months_paid)))
    if facts.overdue_cents >= ctx.large_cents:
        amount = format_short(facts.overdue_cents, lang)
        found.append((45, "advice", message(lang, "large", amount=amount)))
    if first_call:
        found.append((48, "advice", message(lang, "first_call")))
        found.append((70, "advice", message(lang, "no_excuse")))
    if facts.overdue_cents >= ctx.large_cents or len(facts.broken) >= 2:
        found.append((55, "advice", message(lang, "plan_caution")))
    found.append((60, "advice", message(lang, "first_offer")))
    found.append((75 if first_call else 95, "advice", message(lang, "wording")))
    found.append((96, "advice", message(lang, "equals")))
    return found


def _terms(ctx: _Context) -> list[_Candidate]:
    """Terms over the legal cap expose the seller to a fine: worth flagging, last."""
    facts = ctx.facts
    over = [i for i in facts.overdue if excess_terms_days(i.issue_date, i.due_date) > 0]
    if not over:
        return []
    return [(85, "terms", message(ctx.lang, "terms", invs=_numbers(over)))]


_BUILDERS: tuple[Callable[[_Context], list[_Candidate]], ...] = (
    _situation,
    _limitation,
    _contact,
    _unanswered,
    _promises,
    _dispute,
    _documents,
    _levers,
    _legal,
    _dunning,
    _advice,
    _terms,
)
