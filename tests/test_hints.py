"""Negotiation hints: which appear for which dossier, in what order, in both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from callcenter.domain.hints import MAX_HINT_CHARS, negotiation_hints
from callcenter.domain.legal import Rates
from callcenter.domain.models import (
    Call,
    Contact,
    Debtor,
    Dispute,
    Dossier,
    Invoice,
    Outcome,
    Promise,
    PromiseStatus,
    Role,
)

TODAY = date(2026, 11, 24)
OWNER = Contact("C1", "Mme Martin", Role.OWNER, phone="0102030405", id=1)
ACCOUNTANT = Contact("C1", "M. Compta", Role.ACCOUNTANT, phone="0102030406", id=2)
BUYER = Contact("C1", "Achats Sud", Role.PURCHASING, phone="0102030407", id=3)


def _plain(text: str) -> str:
    """Hints use no-break spaces around amounts; tests read them as plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _invoice(number, due, open_cents, docs=True, **kw):
    flags = {"has_quote": docs, "has_po": docs, "has_delivery_note": docs}
    flags.update(kw)
    issue = due - timedelta(days=30)
    return Invoice("C1", number, issue, due, open_cents, open_cents, **flags)


def _call(outcome, day, call_id, **kw):
    started = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    return Call("C1", "alice", started, outcome, id=call_id, **kw)


REACHED_BEFORE = (_call(Outcome.CALLBACK, date(2026, 11, 2), 90),)


def _dossier(debtor=None, **kw) -> Dossier:
    kw.setdefault("contacts", (OWNER, ACCOUNTANT))
    kw.setdefault("invoices", (_invoice("FA1", date(2026, 10, 25), 1_000_000),))
    kw.setdefault("calls", REACHED_BEFORE)
    return Dossier(debtor=debtor or Debtor("C1", "Boulangerie Martin"), **kw)


def _hints(dossier, lang="fr", limit=20, **kw):
    return negotiation_hints(dossier, TODAY, lang, limit, **kw)


def _texts(dossier, lang="fr", limit=20, **kw):
    return [_plain(h.text) for h in _hints(dossier, lang, limit, **kw)]


def _kinds(dossier, **kw):
    return [h.kind for h in _hints(dossier, **kw)]


def _broken():
    return (
        Promise("C1", date(2026, 10, 14), 320_000, PromiseStatus.BROKEN, id=1),
        Promise(
            "C1", date(2026, 11, 2), 200_000, PromiseStatus.PARTLY_KEPT, paid_cents=50_000, id=2
        ),
    )


def test_broken_promises_come_first_with_dates_and_amounts():
    hints = _hints(_dossier(promises=_broken()))
    assert hints[0].kind == "promise"
    assert _plain(hints[0].text) == (
        "1 promesse non tenue et 1 tenue en partie en 180 jours — 14/10 (3 200 €), 02/11 (1 500 €)"
    )
    assert _plain(hints[1].text).startswith("Cette fois : date et montant précis")
    assert "mise en demeure" in hints[1].text
    english = _texts(_dossier(promises=_broken()), "en")
    assert english[0] == (
        "1 promise broken and 1 partly kept in 180 days — 14 Oct (€3,200), 2 Nov (€1,500)"
    )


def test_one_broken_promise_singular_and_only_last_three_listed():
    one = _texts(_dossier(promises=_broken()[:1]))
    assert one[0] == "1 promesse non tenue en 180 jours — 14/10 (3 200 €)"
    many = tuple(
        Promise("C1", date(2026, 7, d), 10_000, PromiseStatus.BROKEN, id=d) for d in (1, 2, 3, 4)
    )
    assert _texts(_dossier(promises=many))[0] == (
        "4 promesses non tenues en 180 jours — 02/07 (100 €), 03/07 (100 €), 04/07 (100 €)"
    )


def test_after_formal_notice_the_last_chance_is_the_court():
    debtor = Debtor("C1", "X", dunning_step=4)
    texts = _texts(_dossier(debtor, promises=_broken()))
    assert any("dernière chance avant injonction de payer" in t for t in texts)
    assert "Mise en demeure envoyée : prochaine étape, injonction de payer" in texts


def test_kept_last_promise_does_not_call_for_firmness():
    promises = (*_broken(), Promise("C1", date(2026, 11, 10), 1_000, PromiseStatus.KEPT, id=3))
    texts = _texts(_dossier(promises=promises))
    assert texts[0].startswith("1 promesse non tenue et 1 tenue en partie")
    assert not any(t.startswith("Cette fois") for t in texts)


def test_pending_promise_to_confirm_or_check():
    upcoming = Promise("C1", date(2026, 11, 28), 150_000, id=5)
    assert "Promesse en cours : 1 500 € pour le 28/11 — confirmez-la" in _texts(
        _dossier(promises=(upcoming,))
    )
    late = Promise("C1", date(2026, 11, 20), 150_000, id=5)
    assert "Promise of 20 Nov (€1,500) not seen yet: check, then call back" in _texts(
        _dossier(promises=(late,)), "en"
    )


def test_what_the_client_said_last_time():
    said_paid = (*REACHED_BEFORE, _call(Outcome.ALREADY_PAID, date(2026, 11, 20), 91))
    hints = _hints(_dossier(calls=said_paid))
    assert hints[0].text == "Dit avoir payé (20/11) : vérifiez l'encaissement avant d'insister"
    long_ago = (_call(Outcome.ALREADY_PAID, date(2026, 9, 1), 91),)
    assert not any(t.startswith("Dit avoir payé") for t in _texts(_dossier(calls=long_ago)))
    refused = (
        _call(Outcome.REFUSED, date(2026, 11, 18), 92),
        _call(Outcome.NO_ANSWER, date(2026, 11, 20), 93),
    )
    assert "Refused on 18 Nov: show what refusing costs them before formal notice" in _texts(
        _dossier(calls=refused), "en"
    )


def test_missing_delivery_note_and_order_name_the_invoices():
    invoices = (
        _invoice("FA1", date(2026, 10, 1), 100_000, has_delivery_note=False),
        _invoice("FA2", date(2026, 10, 5), 100_000, docs=False),
        _invoice("FA3", date(2026, 10, 6), 100_000),
    )
    texts = _texts(_dossier(invoices=invoices))
    assert "Pas de BL signé : FA1, FA2 — attendez-vous à l'objection" in texts
    assert "Ni devis ni bon de commande : FA2 — objection probable" in texts
    english = _texts(_dossier(invoices=invoices), "en")
    assert "No signed delivery note: FA1, FA2 — expect that objection" in english


def test_no_document_hint_when_the_ledger_tracks_no_documents():
    invoices = (_invoice("FA1", date(2026, 10, 1), 100_000, docs=False),)
    assert "documents" not in _kinds(_dossier(invoices=invoices))


def test_whom_to_ask_small_firm_large_organisation_and_after_a_promise():
    contacts = (BUYER, ACCOUNTANT, OWNER)
    small = _texts(_dossier(Debtor("C1", "X", segment="pme"), contacts=contacts))
    assert "Demandez Mme Martin : dirige, décide du paiement" in small
    large = _texts(_dossier(Debtor("C1", "X", segment="public"), contacts=contacts))
    assert "Facture bloquée ? Achats Sud (achats) la débloque" in large
    promised = _dossier(contacts=contacts, promises=(Promise("C1", date(2026, 12, 1), 100, id=1),))
    assert "Demandez M. Compta : paie les fournisseurs" in _texts(promised)


def test_whom_to_ask_skips_wrong_numbers_and_shows_best_hours():
    wrong_owner = Contact("C1", "Mme Martin", Role.OWNER, phone="01", wrong_number=True, id=1)
    accountant = Contact("C1", "M. Compta", Role.ACCOUNTANT, phone="02", best_hours="9h-11h", id=2)
    texts = _texts(_dossier(contacts=(wrong_owner, accountant)), "en")
    assert "Ask for M. Compta: pays the suppliers — 9h-11h" in texts


def test_no_reachable_contact_is_said_first_among_contacts():
    wrong = Contact("C1", "Mme Martin", Role.OWNER, phone="01", wrong_number=True)
    assert "Tous les numéros sont faux : cherchez un nouveau contact" in _texts(
        _dossier(contacts=(wrong,))
    )
    no_phone = Contact("C1", "Sans tel", Role.OWNER, email="a@b.fr")
    texts = _texts(_dossier(contacts=(no_phone,)))
    assert texts[0] == "Aucun numéro valable : trouvez le bon interlocuteur avant d'appeler"


def test_other_contact_and_decision_maker_flag():
    other = Contact("C1", "Standard", Role.OTHER, phone="01")
    assert "Via Standard : demandez qui décide ou paie les fournisseurs" in _texts(
        _dossier(contacts=(other,))
    )
    boss = Contact("C1", "M. Patron", Role.OTHER, phone="01", decision_maker=True)
    assert "Demandez M. Patron : décide du paiement" in _texts(_dossier(contacts=(other, boss)))


def test_untrusted_names_are_cleaned_and_cut():
    evil = Contact("C1", "\x1b[31mMme\u202e Martin " + "x" * 80, Role.OWNER, phone="01")
    invoice = _invoice("F\x1b]0;t\x07A1", date(2026, 10, 1), 100_000, has_delivery_note=False)
    texts = _texts(_dossier(contacts=(evil,), invoices=(invoice,)))
    contact = next(t for t in texts if t.startswith("Demandez"))
    assert contact.startswith("Demandez Mme Martin xxxx")
    assert "…" in contact
    assert "Pas de BL signé : FA1 — attendez-vous à l'objection" in texts
    assert all("\x1b" not in t and "\u202e" not in t for t in texts)


def test_levers_hold_orders_and_terms():
    def lever(debtor, **kw):
        return [h.text for h in _hints(_dossier(debtor, **kw)) if h.kind == "lever"]

    both = lever(Debtor("C1", "X", credit_hold=True, pending_orders_cents=500_000))
    assert _plain(both[0]) == (
        "Compte bloqué, 5 000 € de commandes en attente : livrées au paiement"
    )
    assert lever(Debtor("C1", "X", credit_hold=True)) == [
        "Compte bloqué : les livraisons reprennent dès le paiement reçu"
    ]
    orders = lever(Debtor("C1", "X", pending_orders_cents=120_000))
    assert (
        _plain(orders[0]) == "Levier : 1 200 € de commandes en attente, livraison liée au règlement"
    )
    assert lever(Debtor("C1", "X")) == []  # 30 days late, no broken promise: no threat yet
    assert lever(Debtor("C1", "X"), promises=_broken()) == [
        "Levier : suspendre l'encours et les délais de paiement accordés"
    ]


def test_legal_penalties_and_indemnity_hand_computed():
    # 10 000 € due 25/10, 30 days late at 12.15 %: 99.86 € -> "100 €"; one 40 € indemnity.
    texts = _texts(_dossier())
    assert "Pénalités légales 100 € + indemnités 40 € (1 × 40 €)" in texts
    # Two invoices at 15 %: 10 000 € x 15 % x 30/365 = 123.29 € and 2 000 € x 15 % x 60/365 =
    # 49.32 € -> 172.61 € -> "€173"; indemnities 2 x 40 €.
    invoices = (
        _invoice("FA1", date(2026, 10, 25), 1_000_000),
        _invoice("FA0", date(2026, 9, 25), 200_000),
    )
    english = _texts(_dossier(invoices=invoices), "en", rates=Rates(contractual_bp=1500))
    assert "Statutory penalties €173 + recovery fees €80 (2 × €40)" in english


def test_legal_hint_leaves_out_disputed_invoices():
    invoices = (
        _invoice("FA1", date(2026, 10, 25), 1_000_000),
        _invoice("FA2", date(2026, 10, 25), 500_000, disputed=True),
    )
    assert "Pénalités légales 100 € + indemnités 40 € (1 × 40 €)" in _texts(
        _dossier(invoices=invoices)
    )


def test_dispute_collect_the_undisputed_part():
    invoices = (
        _invoice("FA1", date(2026, 10, 25), 1_000_000),
        _invoice("FA2", date(2026, 10, 1), 320_000),
    )
    dispute = Dispute("C1", "quality", ("FA2",))
    texts = _texts(_dossier(invoices=invoices, disputes=(dispute,)))
    assert "Litige sur FA2 (3 200 €) : traitez-le, encaissez le reste (10 000 €)" in texts
    only = _texts(_dossier(invoices=invoices[1:], disputes=(dispute,)), "en")
    assert "Dispute on FA2 (€3,200): resolve it first, nothing else is overdue" in only
    closed = Dispute("C1", "quality", ("FA2",), status="closed")
    assert "dispute" not in _kinds(_dossier(invoices=invoices, disputes=(closed,)))


def test_first_call_advice_and_gentler_legal_rank():
    first = _hints(_dossier(calls=()))
    texts = [_plain(h.text) for h in first]
    assert "Premier échange : rappel courtois, laissez parler, questions ouvertes" in texts
    assert any(t.startswith("Ne suggérez aucune excuse") for t in texts)
    later = [_plain(h.text) for h in _hints(_dossier())]
    assert not any(t.startswith("Premier échange") for t in later)

    def rank_of(hints, prefix):
        return next(h.rank for h in hints if _plain(h.text).startswith(prefix))

    # Penalties wait behind "let them offer first" on a first conversation, not after.
    assert rank_of(first, "Pénalités") > rank_of(first, "Laissez-le proposer")
    later_hints = _hints(_dossier())
    assert rank_of(later_hints, "Pénalités") < rank_of(later_hints, "Laissez-le proposer")


def test_undone_and_unanswered_calls_do_not_count_as_reached():
    calls = (
        _call(Outcome.PROMISE, date(2026, 11, 2), 1),
        _call(Outcome.UNDO, date(2026, 11, 2), 2, undoes=1),
    )
    assert any(t.startswith("Premier échange") for t in _texts(_dossier(calls=calls)))


def test_many_unanswered_calls_suggest_another_channel():
    calls = REACHED_BEFORE + tuple(
        _call(outcome, date(2026, 11, 10 + i), 10 + i)
        for i, outcome in enumerate(
            [Outcome.NO_ANSWER, Outcome.VOICEMAIL, Outcome.SKIP, Outcome.BUSY]
        )
    )
    assert "3 calls unanswered: another number, another hour, or an e-mail" in _texts(
        _dossier(calls=calls), "en"
    )
    assert not any("unanswered" in t for t in _texts(_dossier(calls=calls[:3]), "en"))


def test_good_payer_who_slipped():
    monthly = tuple((f"2026-{m:02d}", 100_000, 100_000) for m in range(1, 13))
    texts = _texts(_dossier(monthly=monthly))
    assert "Paie régulièrement (12 mois sur 12) : ménagez-le, demandez ce qui change" in texts
    assert not any(
        t.startswith("Paie régulièrement")
        for t in _texts(_dossier(monthly=monthly, promises=_broken()))
    )
    for debtor in (Debtor("C1", "X", dunning_step=4), Debtor("C1", "X", credit_hold=True)):
        texts = _texts(_dossier(debtor, monthly=monthly))
        assert not any(t.startswith("Paie régulièrement") for t in texts)
    # Paying every month, but far less than what was invoiced, is not a good payer.
    short = tuple((f"2026-{m:02d}", 100_000, 60_000) for m in range(1, 13))
    assert not any(t.startswith("Paie régulièrement") for t in _texts(_dossier(monthly=short)))
    rare = tuple((f"2026-{m:02d}", 100_000, 100_000 if m < 4 else 0) for m in range(1, 13))
    assert not any(t.startswith("Paie régulièrement") for t in _texts(_dossier(monthly=rare)))


def test_large_amount_meeting_and_payment_plan_caution():
    texts = _texts(_dossier())  # 10 000 € overdue: at the default threshold
    assert "10 000 € échus : proposez un rendez-vous sur place ou en visio" in texts
    assert any(t.startswith("Échéancier proposé ?") for t in texts)
    small = _texts(_dossier(), large_cents=2_000_000)
    assert not any("rendez-vous" in t or t.startswith("Échéancier") for t in small)


def test_limitation_warnings_come_first():
    invoices = (
        _invoice("OLD1", date(2021, 11, 1), 50_000),
        _invoice("OLD2", date(2022, 1, 10), 50_000),
        _invoice("FA1", date(2026, 10, 25), 1_000_000),
    )
    hints = _hints(_dossier(invoices=invoices, promises=_broken()))
    assert [h.kind for h in hints[:2]] == ["limitation", "limitation"]
    assert hints[0].text == "Prescription le 10/01/2027 (OLD2) : obtenez un paiement ou un écrit"
    assert hints[1].text.startswith("Prescrit (5 ans) : OLD1")


def test_litigation_and_nothing_overdue():
    texts = _texts(_dossier(Debtor("C1", "X", status="litigation")), "en")
    assert texts[0] == "In litigation: agree nothing without the legal team"
    not_due = _dossier(invoices=(_invoice("FA9", date(2026, 12, 20), 100_000),))
    hints = _hints(not_due)
    assert hints[0].text == "Rien d'échu : appel de suivi, pas de relance"
    assert {h.kind for h in hints} <= {"info", "contact"}


def test_only_excluded_invoices_overdue_are_handled_by_hand():
    invoices = (
        _invoice("FX1", date(2026, 9, 1), 100_000, excluded=True),
        _invoice("FA9", date(2026, 12, 20), 100_000),
    )
    hints = _hints(_dossier(invoices=invoices), "en")
    assert hints[0].text == "Out of the reminder ladder: FX1 — handled by hand"
    assert not any(h.text.startswith("Nothing overdue") for h in hints)


def test_old_broken_promises_show_the_year():
    old = (Promise("C1", date(2025, 3, 14), 10_000, PromiseStatus.BROKEN, id=1),)
    assert _texts(_dossier(promises=old))[0] == (
        "1 promesse non tenue il y a plus de 180 jours — 14/03/25 (100 €)"
    )
    both = (*old, *_broken()[:1])
    assert _texts(_dossier(promises=both))[0] == (
        "1 promesse non tenue en 180 jours — 14/10 (3 200 €) ; 1 autre avant"
    )


def test_dunning_ladder_next_step():
    texts = _texts(_dossier(Debtor("C1", "X", dunning_step=2)))
    assert "Relance atteinte : 2e relance ; étape suivante : relance téléphonique" in texts
    last = _texts(_dossier(Debtor("C1", "X", dunning_step=6)), "en")
    assert "Last dunning rung: decide on litigation or a collection agency" in last


def test_terms_beyond_legal_cap_flagged():
    invoice = Invoice(
        "C1", "FA7", date(2026, 6, 1), date(2026, 10, 1), 100_000, 100_000, True, True, True
    )
    assert "FA7: terms beyond the legal cap (60 days / 45 days end of month)" in _texts(
        _dossier(invoices=(invoice,)), "en"
    )
    assert "terms" not in _kinds(_dossier())


def test_limit_ranks_and_determinism():
    dossier = _dossier(
        Debtor("C1", "X", pending_orders_cents=10_000, dunning_step=1), promises=_broken()
    )
    full = _hints(dossier)
    assert len(full) > 6
    six = negotiation_hints(dossier, TODAY)
    assert six == full[:6]
    assert [h.rank for h in six] == [1, 2, 3, 4, 5, 6]
    assert negotiation_hints(dossier, TODAY) == six
    assert negotiation_hints(dossier, TODAY, limit=0) == []
    assert negotiation_hints(dossier, TODAY, "EN")[0].text.startswith("1 promise broken and 1")
    assert negotiation_hints(dossier, TODAY, "de")[0].text.startswith("1 promise broken and 1")


def test_empty_dossier_does_not_crash():
    for lang in ("fr", "en"):
        hints = negotiation_hints(Dossier(debtor=Debtor("C0", "")), TODAY, lang)
        assert [h.kind for h in hints] == ["info", "contact"]


def test_hints_never_tell_the_collector_to_say_owe():
    dossier = _dossier(Debtor("C1", "X", credit_hold=True), calls=(), promises=_broken())
    for lang, words in (("fr", ("devez", "doit ")), ("en", (" owe ", "must"))):
        for hint in _hints(dossier, lang):
            if hint.text.startswith(("Évitez", "Avoid")):
                continue
            assert not any(w in hint.text.lower() for w in words), hint.text


_days = st.one_of(
    st.integers(min_value=-400, max_value=3000).map(lambda n: TODAY - timedelta(days=n)),
    st.dates(),  # exports use 0001-01-01 or 9999-12-31 for "no date"
)
_text = st.text(max_size=60)
_invoices = st.builds(
    Invoice,
    debtor_code=st.just("C1"),
    number=_text,
    issue_date=_days,
    due_date=_days,
    amount_cents=st.integers(-(10**9), 10**9),
    open_cents=st.integers(-(10**9), 10**9),
    has_quote=st.booleans(),
    has_po=st.booleans(),
    has_delivery_note=st.booleans(),
    excluded=st.booleans(),
    disputed=st.booleans(),
)
_contacts = st.builds(
    Contact,
    debtor_code=st.just("C1"),
    name=_text,
    role=st.sampled_from(list(Role)),
    phone=st.sampled_from(["", "0102030405"]),
    decision_maker=st.booleans(),
    wrong_number=st.booleans(),
    best_hours=_text,
)
_promises = st.builds(
    Promise,
    debtor_code=st.just("C1"),
    promised_on=_days,
    amount_cents=st.integers(1, 10**8),
    status=st.sampled_from(list(PromiseStatus)),
    paid_cents=st.integers(0, 10**6),
)
_calls = st.builds(
    Call,
    debtor_code=st.just("C1"),
    collector=st.just("alice"),
    started_at=st.datetimes(timezones=st.just(UTC)),
    outcome=st.sampled_from(list(Outcome)),
    id=st.one_of(st.none(), st.integers(1, 20)),
    undoes=st.one_of(st.none(), st.integers(1, 20)),
)
_dossiers = st.builds(
    Dossier,
    debtor=st.builds(
        Debtor,
        code=st.just("C1"),
        name=_text,
        segment=st.sampled_from(["standard", "pme", "public", "Grand_Compte", ""]),
        status=st.sampled_from(["active", "closed", "litigation"]),
        credit_hold=st.booleans(),
        dunning_step=st.integers(0, 9),
        pending_orders_cents=st.integers(0, 10**8),
    ),
    contacts=st.lists(_contacts, max_size=4).map(tuple),
    invoices=st.lists(_invoices, max_size=6).map(tuple),
    promises=st.lists(_promises, max_size=5).map(tuple),
    calls=st.lists(_calls, max_size=6).map(tuple),
    disputes=st.lists(
        st.builds(
            Dispute,
            debtor_code=st.just("C1"),
            reason=_text,
            invoice_numbers=st.lists(_text, max_size=2).map(tuple),
        ),
        max_size=2,
    ).map(tuple),
    monthly=st.lists(
        st.tuples(st.just("2026-01"), st.integers(0, 10**7), st.integers(0, 10**7)), max_size=12
    ).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(_dossiers, st.sampled_from(["fr", "en"]), st.integers(0, 12))
def test_any_dossier_gives_short_clean_ranked_hints(dossier, lang, limit):
    hints = negotiation_hints(dossier, TODAY, lang, limit)
    assert len(hints) <= limit
    assert [h.rank for h in hints] == list(range(1, len(hints) + 1))
    for hint in hints:
        assert 0 < len(hint.text) <= MAX_HINT_CHARS
        assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in hint.text)
        assert "\u202e" not in hint.text


def test_both_languages_have_every_text():
    from callcenter.domain.hint_texts import MESSAGES

    assert MESSAGES["fr"].keys() == MESSAGES["en"].keys()
