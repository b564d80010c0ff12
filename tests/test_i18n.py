"""The one catalogue: every id in both languages, plural forms by CLDR, numbers the reader's way."""

from __future__ import annotations

import string

import pytest

from callcenter.i18n import CodedError, Locale, Message
from callcenter.i18n.catalogue import CATALOGUE, merged
from callcenter.i18n.entries import Plural

FR, EN = Locale("fr"), Locale("en", "mdy")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _forms(words) -> list[str]:
    return [words.one, words.other] if isinstance(words, Plural) else [words]


def test_every_message_has_both_languages_and_the_same_placeholders():
    for key, (fr, en) in CATALOGUE.items():
        forms = _forms(fr) + _forms(en)
        assert all(isinstance(f, str) for f in forms), key
        assert len({frozenset(_fields(f)) for f in forms}) == 1, key
        assert "(s)" not in "".join(forms), f"{key}: write a Plural, not (s)"
    assert EN.t("header.position", rank=2, total=9) == "queue 2/9"
    assert FR.t("no.such.key") == "no.such.key"


def test_an_id_in_two_sections_is_refused():
    with pytest.raises(ValueError, match="a.b"):
        merged({"a.b": ("x", "y")}, {"a.b": ("z", "w")})


def test_plural_forms_follow_each_languages_rules():
    # French: 0 and 1 take the singular; English: only 1 does.
    assert FR.t("dash.assign.done", count=0, name="ana") == "0 débiteur confié à ana"
    assert FR.t("dash.assign.done", count=1, name="ana") == "1 débiteur confié à ana"
    assert FR.t("dash.assign.done", count=2, name="ana") == "2 débiteurs confiés à ana"
    assert EN.t("dash.assign.done", count=0, name="ana") == "0 debtors given to ana"
    assert EN.t("dash.assign.done", count=1, name="ana") == "1 debtor given to ana"


def test_counts_read_the_readers_way():
    assert FR.t("dash.assign.done", count=2941, name="ana").startswith("2\u202f941 ")
    assert EN.t("dash.assign.done", count=2941, name="ana").startswith("2,941 ")
    assert FR.number(1_000_000) == "1\u202f000\u202f000"  # French "many": written as "other"
    assert FR.t("dash.assign.done", count=1_000_000, name="a").endswith("débiteurs confiés à a")


def test_values_are_written_for_the_reader():
    said = FR.t("amount_above_balance", amount_cents=150_000, balance_cents=100_000)
    assert said.startswith("1\u202f500,00\u00a0€, c'est plus que le solde (1\u202f000,00\u00a0€)")
    assert EN.weekday(__import__("datetime").date(2026, 11, 27)) == "Friday"
    assert FR.long_date(__import__("datetime").date(2026, 11, 27)) == "vendredi 27/11/2026"


def test_a_coded_error_is_worded_by_its_reader_and_english_in_logs():
    error = CodedError("output.failed", path="x.csv", reason=Message("output.reason.full"))
    assert str(error) == "x.csv: the disk is full; nothing was written"
    assert FR.error(error) == "x.csv : le disque est plein ; rien n'a été écrit"
    assert FR.error(RuntimeError("plain")) == "plain"


def test_past_calls_read_as_done_not_as_the_keys_verb():
    """History lines (calls panel, ``callcenter debtor``, notices) say what happened: a
    skipped call reads "passé", while the key that skips still says "passer"."""
    from callcenter.domain.models import Outcome
    from callcenter.i18n import Locale

    fr, en = Locale("fr"), Locale("en")
    words = {o: (fr.t(f"outcome.{o.value}"), en.t(f"outcome.{o.value}")) for o in Outcome}
    assert words[Outcome.SKIP] == ("passé", "skipped")
    assert (fr.t("key.skip"), en.t("key.skip")) == ("passer", "skip")
    verbs_fr = {"passer", "rappeler", "refuser", "payer", "annuler"}
    verbs_en = {"skip", "call back", "refuse", "pay"}
    assert not {f for f, _ in words.values()} & verbs_fr
    assert not {e for _, e in words.values()} & verbs_en


def test_counting_without_babel_says_what_babel_says():
    """Whole numbers and plural categories are worded without loading Babel's locale data
    (the workstation's start): the same digits and the same CLDR category."""
    import babel
    from babel.numbers import format_decimal

    samples = [0, 1, 2, 7, 999, 1000, 2941, 10**6, 2 * 10**6, 10**6 + 1, 10**9, 123456789]
    for lang, cldr in (("fr", "fr_FR"), ("en", "en_US")):
        rules = babel.Locale.parse(cldr)
        for value in [*samples, *(-v for v in samples)]:
            assert Locale(lang).number(value) == format_decimal(value, locale=rules)
            assert Locale(lang).plural_category(value) == rules.plural_form(abs(value))


#: Families looked up by a data value (``f"outcome.{value}"``, an export's field names, a
#: summary's keys...): each member must exist under its family's prefix, so one may say what
#: an id elsewhere says (the outcome "rappel" and the key "rappel" stay two ids).
_FAMILIES = (
    *("outcome.", "key.", "state.", "role.", "means.", "agents."),
    *("export.col.", "export.sheet.", "cli.demo.", "cli.import."),
    *("fig.state.", "fig.bucket.", "dash.bucket."),
)

#: Ids that share their words today but name different things, which may be worded
#: differently later.
_SAME_WORDS_OTHER_THING = {
    # The statement of account is a letter to the debtor, worded as one.
    frozenset({"panel.invoices", "statement.open_invoices"}): "a letter's heading",
    frozenset({"col.due", "statement.due"}): "a letter's column",
    frozenset({"report.days_late", "statement.days_late"}): "a letter's column",
    # A form field's label is not a table's column heading.
    frozenset({"col.amount", "paid.amount", "promise.amount", "statement.amount"}): "fields",
    frozenset({"col.date", "promise.date", "statement.issued"}): "a field, a letter's column",
    frozenset({"col.reason", "skip.reason"}): "the skip dialog's field",
    frozenset({"dispute.label", "dispute.title"}): "a cases row's kind vs the dialog title",
    frozenset({"plan.total", "stats.flow.total"}): "a plan's total vs the flow table's row",
    frozenset({"fig.promises_made", "table.promises.title"}): "a count vs a list's title",
    frozenset({"dash.key.campaign", "report.which_campaign"}): "a key's label vs a column",
}


def test_one_thing_is_worded_under_one_id():
    """The same words under two ids are the same thing said twice: share one id (fig.*,
    col.*, cli.opt.*...) or, when the two only happen to agree today, list them above."""
    same: dict[object, set[str]] = {}
    for key, words in CATALOGUE.items():
        if not key.startswith(_FAMILIES) and words != ("", ""):
            same.setdefault(words, set()).add(key)
    twice = {frozenset(keys) for keys in same.values() if len(keys) > 1}
    assert twice - _SAME_WORDS_OTHER_THING.keys() == set()
    assert _SAME_WORDS_OTHER_THING.keys() - twice == set(), "no longer alike: drop from the list"
