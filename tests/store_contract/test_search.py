"""Finding a debtor as people type: code in any case, name without accents, phone digits."""

from __future__ import annotations

from callcenter.domain.models import Contact, Debtor


def test_search_by_code_name_and_phone(store, now):
    with store.transaction():
        store.ledger.upsert_debtors(
            [
                Debtor(code="411DUP", name="Boulangerie Dupont"),
                Debtor(code="411SG", name="Société Générale"),
                Debtor(code="100_X", name="Café 50%"),
                Debtor(code="411EC", name="ÉCOLE ÉLÉMENTAIRE"),
            ],
            now,
        )
        store.ledger.upsert_contacts([Contact("411DUP", "M. Dupont", phone="+33 5 36 49 19 99")])

    def found(text: str) -> list[str]:
        return [f.debtor.code for f in store.queue.search_debtors(text, 10)]

    assert found("411dup") == ["411DUP"]
    assert found("societe gen") == ["411SG"]
    assert found("SOCIÉTÉ") == ["411SG"]
    assert found("ecole elem") == ["411EC"]
    assert found("50%") == ["100_X"] and found("0_") == ["100_X"]
    (hit,) = store.queue.search_debtors("05 36 49", 10)
    assert (hit.debtor.code, hit.matched_contact, hit.matched_phone) == (
        "411DUP",
        "M. Dupont",
        "+33 5 36 49 19 99",
    )
    assert found("zzz") == []
