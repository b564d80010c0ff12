"""The merge fields a template may use, computed once from a dossier.

Figures are the dossier hints' own: penalties and the 40 € indemnity per
invoice from :func:`callcenter.domain.legal.late_charges`, on the invoices a
written step may name (open, neither excluded nor disputed). Names are
cleaned of control characters and line breaks, so a client called
``"X\\nBcc: ..."`` stays one line of text wherever it is printed.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from callcenter.domain.legal import Rates, format_rate, late_charges
from callcenter.domain.models import Contact, Dossier, Invoice
from callcenter.domain.record import record
from callcenter.domain.scenarios import chased
from callcenter.domain.text import clean
from callcenter.i18n import Locale

#: Days a formal notice gives before the next step (the usual eight days).
NOTICE_DAYS = 8


@record(slots=False)
class Signer:
    """Who writes: the settings' creditor, payment details and signature, and the collector."""

    creditor: str = ""
    payment_details: str = ""
    signature: str = ""
    collector: str = ""


def addressed_as(name: str) -> str:
    """The name a letter greets: ``Sarah Bertrand, acheteuse`` -> ``Sarah Bertrand``.

    Exports often keep the job title in the contact's name after a comma;
    "Bonjour Sarah Bertrand, acheteuse," reads like a mail merge. What follows
    the last comma is dropped when it reads as a title (lower case, or a short
    acronym such as DAF); "Dupont, Jean" keeps both parts.
    """
    person, comma, rest = name.rpartition(",")
    rest = rest.strip()
    if not comma or not person.strip():
        return name
    if not rest:  # "Claire Martin," : a stray comma
        return person.strip()
    title = rest[0].islower() or (rest.isupper() and len(rest) <= 4)
    return person.strip() if title else name


def merge_fields(
    dossier: Dossier,
    contact: Contact | None,
    today: date,
    lang: str,
    rates: Rates,
    signer: Signer,
    invoices: tuple[Invoice, ...] | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything a template may print, as text already written the reader's way."""
    ui = Locale(lang, "dmy" if lang == "fr" else "iso")
    named = chased(dossier.invoices) if invoices is None else invoices
    charges = late_charges(named, today, rates)
    penalty = {c.number: c for c in charges.invoices}
    rows = []
    for invoice in named:
        charge = penalty.get(invoice.number)
        rows.append(
            {
                "number": clean(invoice.number),
                "issued": ui.date(invoice.issue_date),
                "due": ui.date(invoice.due_date),
                "amount": ui.money(invoice.amount_cents),
                "open": ui.money(invoice.open_cents),
                "days_late": max(invoice.days_late(today), 0),
                "penalty": ui.money(charge.penalty_cents if charge else 0),
                "indemnity": ui.money(charge.indemnity_cents if charge else 0),
            }
        )
    open_cents = sum(i.open_cents for i in named)
    overdue = [i for i in named if i.due_date < today]
    debtor = dossier.debtor
    fields: dict[str, Any] = {
        "lang": lang,
        "today": ui.date(today),
        "client": clean(debtor.name),
        "client_code": clean(debtor.code),
        "client_address": clean(debtor.address, multiline=True),
        "contact": clean(addressed_as(contact.name)) if contact else "",
        "invoices": rows,
        "invoice_count": len(rows),
        "overdue_count": len(overdue),
        "total_open": ui.money(open_cents),
        "total_overdue": ui.money(sum(i.open_cents for i in overdue)),
        "oldest_due": ui.date(named[0].due_date) if named else "",
        "days_late": max((i.days_late(today) for i in named), default=0),
        "rate": format_rate(charges.rate_bp, lang),
        "penalties": ui.money(charges.penalties_cents),
        "indemnities": ui.money(charges.indemnities_cents),
        "indemnity_count": len(charges.invoices),
        "total_claim": ui.money(open_cents + charges.total_cents),
        "deadline": ui.date(today + timedelta(days=NOTICE_DAYS)),
        "creditor": clean(signer.creditor, multiline=True),
        "payment_details": clean(signer.payment_details, multiline=True),
        "signature": clean(signer.signature or signer.collector, multiline=True),
        "collector": clean(signer.collector),
    }
    fields.update(extra or {})
    return fields


def statement_fields(
    dossier: Dossier, today: date, lang: str, rates: Rates, signer: Signer
) -> dict[str, Any]:
    """The statement of account (relevé de compte): every open invoice, payments, aging."""
    from callcenter.domain.figures import AGING_BUCKETS, aging_bucket

    ui = Locale(lang, "dmy" if lang == "fr" else "iso")
    fields = merge_fields(dossier, None, today, lang, rates, signer)
    open_items = sorted(dossier.open_invoices, key=lambda i: (i.due_date, i.number))
    fields["statement_invoices"] = [
        {
            "number": clean(i.number),
            "issued": ui.date(i.issue_date),
            "due": ui.date(i.due_date),
            "amount": ui.money(i.amount_cents),
            "open": ui.money(i.open_cents),
            "days_late": max(i.days_late(today), 0),
        }
        for i in open_items
    ]
    fields["payments"] = [
        {
            "paid_on": ui.date(p.paid_on),
            "reference": clean(p.reference),
            "amount": ui.money(p.amount_cents),
        }
        for p in dossier.payments[:20]
    ]
    buckets = dict.fromkeys(AGING_BUCKETS, 0)
    for invoice in open_items:
        buckets[aging_bucket(invoice.days_late(today))] += invoice.open_cents
    fields["aging"] = [(ui.t(f"fig.bucket.{b}"), ui.money(c)) for b, c in buckets.items()]
    fields["balance"] = ui.money(sum(i.open_cents for i in open_items))
    fields["balance_cents"] = sum(i.open_cents for i in open_items)
    return fields
