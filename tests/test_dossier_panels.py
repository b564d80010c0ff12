"""The dossier's panels as text: what they say, and that they only say what is known."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from builtin_settings import SETTINGS
from ledger_builders import add_debtor, add_payment, late

from callcenter.domain.models import Outcome, Payment, city_of
from callcenter.i18n import Locale
from callcenter.service.dossier import dossier
from callcenter.service.outcomes import log_outcome
from callcenter.service.promises import settle_promises
from callcenter.service.queue import rescore
from callcenter.store.statements import ledger
from callcenter.tui.widgets.account import account_lines
from callcenter.tui.widgets.calls import calls_and_promises
from callcenter.tui.widgets.payments import payment_lines
from callcenter.tui.widgets.plan import plan_lines

FR, EN = Locale("fr"), Locale("en", "iso")


def text(rich) -> str:
    return rich.plain.replace("\u202f", " ").replace("\xa0", " ")


def test_the_account_says_only_what_is_known(store, now):
    add_debtor(store, now, "C1", invoices=[late("F1", 10, 100_00)])
    plain = text(account_lines(dossier(store, "C1"), FR))
    assert plain == "aucun paiement reçu\npas de note de compte"
    add_debtor(
        store,
        now,
        "C2",
        payment_terms_days=45,
        credit_limit_cents=0,
        pending_orders_cents=1_250_00,
        address="3 place du Marché, 69002 Lyon",
        siren="552100554",
    )
    add_payment(store, "C2", "VIR-1", date(2026, 11, 2), 500_00)
    plain = text(account_lines(dossier(store, "C2"), EN, width=200))
    assert plain.splitlines() == [
        "terms 45 days · credit limit €0.00 · pending orders €1,250.00"
        " · last payment 2026-11-02: €500.00",
        "3 place du Marché, 69002 Lyon · SIREN 552100554",
        "no account note",
    ]


def test_a_payment_settles_the_invoice_its_import_named_and_no_guess(store, now):
    invoices = [late("FA2610-0048", 10, 100_00, open_cents=0), late("FA2610-004", 12, 50_00)]
    add_debtor(store, now, "C1", invoices=invoices)
    with store.transaction():
        named = Payment("C1", "BankId 156 - Invoice FA2610-0048", date(2026, 11, 2), 100_00)
        ledger.upsert_payments(store, [replace(named, invoice_number="FA2610-0048")])
    add_payment(store, "C1", "CHQ 77", date(2026, 11, 3), 50_00)
    # no import named an invoice: the dossier guesses none (a substring would say FA2610-004)
    add_payment(store, "C1", "VIR FA2610-0048 solde", date(2026, 11, 1), 10_00)
    found = dossier(store, "C1")
    assert [p.settles for p in found.payments] == [(), ("FA2610-0048",), ()]
    assert found.last_payment.reference == "CHQ 77"
    lines = text(payment_lines(found, FR)).splitlines()
    assert lines[1].endswith("BankId 156 - Invoice FA2610-0048  → règle FA2610-0048")


def test_plan_instalments_paid_missed_and_to_come(store, now):
    add_debtor(store, now, "C1", invoices=[late("F1", 40, 900_00)], contacts=["Mme Martin"])
    rescore(store, now=now, config=SETTINGS)
    first = now.date()
    log_outcome(
        store,
        "C1",
        Outcome.PAYMENT_PLAN,
        collector="alice",
        now=now,
        instalments=[(first, 300_00), (first + timedelta(30), 300_00)],
        config=SETTINGS,
    )
    add_payment(store, "C1", "VIR-1", first, 300_00)
    settle_promises(store, now=now + timedelta(days=5), config=SETTINGS)
    found = dossier(store, "C1")
    plain = text(plan_lines(found, FR))
    assert plain.splitlines()[0] == "2 échéances : 1 payées, 0 manquées, 1 à venir"
    assert "✓ 24/11/2026  300,00 €  tenue" in plain
    # the plan's instalments are not listed a second time among the promises
    assert "promesse 300,00" not in text(calls_and_promises(found, FR))


def test_each_call_names_the_contact(store, now):
    add_debtor(store, now, "C1", invoices=[late("F1", 40, 900_00)], contacts=["[b]Mme[/b] Martin"])
    rescore(store, now=now, config=SETTINGS)
    contact = dossier(store, "C1").contacts[0].id
    log_outcome(
        store,
        "C1",
        Outcome.NO_ANSWER,
        collector="alice",
        now=now,
        contact_id=contact,
        config=SETTINGS,
    )
    assert "alice avec [b]Mme[/b] Martin  pas de réponse" in text(
        calls_and_promises(dossier(store, "C1"), FR)
    )


def test_city_of_an_address():
    assert city_of("12 rue du Four, 59000 Lille") == "Lille"
    assert city_of("BP 12, 75008 Paris Cedex 08") == "Paris Cedex 08"
    assert city_of("Zone artisanale, Rodez") == "Rodez"
    assert city_of("") == ""


def test_past_calls_say_what_the_debtor_said(store, now):
    """The "already paid" claim, a refusal's reason and a skip's day are on the calls panel."""
    add_debtor(store, now, "C1", invoices=[late("F1", 40, 900_00)], contacts=["Mme Martin"])
    rescore(store, now=now, config=SETTINGS)
    said = {"collector": "alice", "config": SETTINGS}
    log_outcome(
        store,
        "C1",
        Outcome.ALREADY_PAID,
        now=now,
        paid_on=date(2026, 11, 20),
        amount_cents=450_00,
        means="cheque",
        reference="CHQ 0042",
        **said,
    )
    log_outcome(
        store, "C1", Outcome.REFUSED, now=now + timedelta(minutes=1), reason="no cash", **said
    )
    log_outcome(
        store,
        "C1",
        Outcome.SKIP,
        now=now + timedelta(minutes=2),
        reason="waiting for sales",
        skip_until=date(2026, 12, 3),
        **said,
    )
    lines = text(calls_and_promises(dossier(store, "C1"), FR)).splitlines()
    calls = [line for line in lines if "alice" in line]
    assert calls[0].endswith("passé — mis de côté jusqu'au 03/12/2026 · motif : waiting for sales")
    assert calls[1].endswith("refus — motif : no cash")
    assert calls[2].endswith(
        "déjà payé — dit avoir payé 450,00 € le 20/11/2026 par chèque, réf. CHQ 0042"
    )
    english = text(calls_and_promises(dossier(store, "C1"), EN)).splitlines()
    assert any(
        line.endswith("says it paid €450.00 on 2026-11-20 by cheque, ref. CHQ 0042")
        for line in english
    )
