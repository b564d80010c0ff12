"""Every shipped template, in both languages, on a hand-made dossier: figures and safety."""

from __future__ import annotations

from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from callcenter.domain.legal import DEFAULT_RATES, late_charges
from callcenter.domain.models import Contact, Debtor, Dossier, Invoice, Payment
from callcenter.domain.money import format_amount
from callcenter.letters.fields import Signer, addressed_as, merge_fields, statement_fields
from callcenter.letters.render import (
    LANGS,
    SHIPPED,
    TemplateBroken,
    check,
    environment,
    render_message,
    render_page,
)

TODAY = date(2026, 11, 20)
EVIL = 'Dupont <b>SA</b>\r\nBcc: victim@example.org "{{ 7*7 }}"'


def dossier(name: str = "Atelier Martin") -> Dossier:
    invoices = (
        Invoice("C1", "FA-101", date(2026, 9, 1), date(2026, 10, 1), 120_000, 120_000),
        Invoice("C1", "FA-102", date(2026, 10, 1), date(2026, 10, 31), 50_050, 30_050),
        Invoice("C1", "FA-103", date(2026, 9, 5), date(2026, 10, 5), 99_900, 99_900, disputed=True),
        Invoice("C1", "FA-104", date(2026, 9, 6), date(2026, 10, 6), 10_000, 10_000, excluded=True),
    )
    return Dossier(
        debtor=Debtor("C1", name, address="3 rue des Lilas\n69001 Lyon"),
        contacts=(Contact("C1", "Claire Martin", email="claire@example.fr", id=1),),
        invoices=invoices,
        payments=(Payment("C1", "VIR 77", date(2026, 11, 2), 20_000),),
    )


SIGNER = Signer("Fournitures Durand SARL", "IBAN FR76 0000 0000 0000", "Paul Durand", "paul")


def fields(lang: str, name: str = "Atelier Martin", **extra):
    case = dossier(name)
    return merge_fields(case, case.contacts[0], TODAY, lang, DEFAULT_RATES, SIGNER, extra=extra)


EXTRA = {"promised_amount": "1 500,00 €", "promised_on": "27/11/2026"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_template_names_the_chased_invoices_and_their_figures(name, lang):
    done = render_message(environment(), name, lang, fields(lang, **EXTRA))
    assert done.subject and "\n" not in done.subject
    assert "FA-101" in done.body and "FA-102" in done.body
    # Disputed and excluded invoices are never in a written step.
    assert "FA-103" not in done.body and "FA-104" not in done.body
    assert format_amount(150_050, lang) in done.body  # 1 200,00 + 300,50 outstanding
    assert "Paul Durand" in done.body and "IBAN FR76" in done.body


@pytest.mark.parametrize("lang", LANGS)
def test_the_formal_notice_carries_the_law_and_the_exact_sum(lang):
    case = dossier()
    body = render_message(environment(), "formal_notice", lang, fields(lang)).body
    charges = late_charges(case.invoices, TODAY, DEFAULT_RATES)
    assert [c.number for c in charges.invoices] == ["FA-101", "FA-102"]
    assert charges.indemnities_cents == 8_000  # 40 EUR per invoice, two invoices
    total = 150_050 + charges.penalties_cents + 8_000
    for figure in (total, charges.penalties_cents, 8_000):
        assert format_amount(figure, lang) in body
    for mention in ("1344", "L441-10", "D441-5", "injonction de payer", "mise en demeure"):
        assert mention.lower() in body.lower()
    assert ("28/11/2026" if lang == "fr" else "2026-11-28") in body  # eight days to pay


def test_a_hostile_name_stays_text_in_mail_headers_and_on_paper():
    env = environment()
    done = render_message(env, "reminder_1", "en", fields("en", name=EVIL))
    message = EmailMessage()
    message["Subject"] = done.subject
    message["To"] = "claire@example.fr"
    message.set_content(done.body)
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["Bcc"] is None and parsed["To"] == "claire@example.fr"
    assert "49" not in done.subject  # a name is never evaluated as a template
    page = render_page(
        env, "letter.html", {**fields("en", name=EVIL), "paragraphs": ["x"], "subject": "s"}, "en"
    )
    assert "<b>SA</b>" not in page and "&lt;b&gt;SA&lt;/b&gt;" in page


def test_the_statement_lists_open_invoices_payments_aging_and_balance():
    page = render_page(
        environment(),
        "statement.html",
        statement_fields(dossier(), TODAY, "fr", DEFAULT_RATES, SIGNER),
        "fr",
    )
    assert "Relevé de compte" in page and "VIR 77" in page
    for number in ("FA-101", "FA-102", "FA-103", "FA-104"):
        assert number in page  # the statement shows the whole account
    assert format_amount(150_050 + 99_900 + 10_000, "fr") in page


def test_a_broken_template_is_refused_with_its_file_and_line(tmp_path):
    (tmp_path / "reminder_1.fr.txt").write_text(
        "{% set subject %}Hi{% endset %}\nline two\n{% if %}\n", encoding="utf-8"
    )
    with pytest.raises(TemplateBroken) as caught:
        check(environment(tmp_path), ["reminder_1"], fields("fr"))
    assert caught.value.line == 3 and caught.value.file.endswith("reminder_1.fr.txt")
    (tmp_path / "reminder_1.fr.txt").write_text(
        "{% set subject %}Hi{% endset %}\n\n{{ no_such_field }}\n", encoding="utf-8"
    )
    with pytest.raises(TemplateBroken) as caught:
        check(environment(tmp_path), ["reminder_1"], fields("fr"))
    assert caught.value.line == 3 and "no_such_field" in caught.value.reason


def test_a_folder_overrides_one_template_and_keeps_the_others(tmp_path):
    (tmp_path / "reminder_1.en.txt").write_text(
        "{% set subject %}Ours {{ client }}{% endset %}\nPay {{ total_open }}.\n"
    )
    env = environment(tmp_path)
    assert render_message(env, "reminder_1", "en", fields("en")).subject == "Ours Atelier Martin"
    assert "Sauf erreur" in render_message(env, "reminder_1", "fr", fields("fr")).body


@pytest.mark.parametrize(
    ("name", "greeted"),
    [
        ("Sarah Bertrand, acheteuse", "Sarah Bertrand"),
        ("Lucas Robert, directeur général", "Lucas Robert"),
        ("Inès Moreau, DAF", "Inès Moreau"),
        ("Dupont, Jean", "Dupont, Jean"),  # family name first: both parts kept
        ("Service comptabilité", "Service comptabilité"),
        (", gérant", ", gérant"),
        ("Claire Martin,", "Claire Martin"),
    ],
)
def test_a_letter_greets_the_person_not_their_job_title(name, greeted):
    assert addressed_as(name) == greeted
    case = dossier()
    contact = Contact("C1", name, email="x@example.fr", id=1)
    done = render_message(
        environment(),
        "reminder_1",
        "fr",
        merge_fields(case, contact, TODAY, "fr", DEFAULT_RATES, SIGNER),
    )
    assert done.body.startswith(f"Bonjour {greeted},")
