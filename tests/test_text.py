"""clean() keeps what people wrote and drops what a terminal would act on."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter.domain.text import clean, markup_safe, one_line

#: Characters that must never reach the screen (newline aside, for notes).
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _forbidden(char: str, multiline: bool) -> bool:
    if char == "\n":
        return not multiline
    if char in ("\u200d", "\u200c"):
        return False  # joiners are judged by their neighbours, see below
    if 0xE0020 <= ord(char) <= 0xE007F:
        return False  # tag characters survive only inside a flag
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp") or char in _BIDI


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Boulangerie \x1b[31mMartin\x1b[0m", "Boulangerie Martin"),
        ("SARL \x1b]0;pwned\x07Dupont", "SARL Dupont"),
        ("SARL \x1b]8;;http://evil\x1b\\lien\x1b]8;;\x1b\\", "SARL lien"),
        ("Reset\x1bc here", "Reset here"),
        ("bell\x07\x00\x7f\x9b2J end", "bell2J end"),
        ("FA-\u202e1002\u202c-AF", "FA-1002-AF"),
        ("isolé \u2066abc\u2069", "isolé abc"),
        ("zéro\u200blargeur\ufeff", "zérolargeur"),
        ("multi\r\nline\tname\n", "multi line name"),
        ("   spaced  out  ", "spaced  out"),
        ("Crêperie Lœtitia 🥞", "Crêperie Lœtitia 🥞"),
        ("שלום עליכם", "שלום עליכם"),
        ("مرحبا", "مرحبا"),
        ("famille 👨\u200d👩\u200d👧", "famille 👨\u200d👩\u200d👧"),
        ("orphan \u200d joiner\u200d", "orphan  joiner"),
        ("soft\u00adhyphen", "softhyphen"),
        ("", ""),
    ],
)
def test_clean_examples(raw, expected):
    assert clean(raw) == expected


def test_non_text_values_are_shown_as_text():
    assert clean(None) == ""
    assert clean(0) == "0"
    assert clean(12.5) == "12.5"


def test_multiline_keeps_line_breaks_of_every_kind():
    raw = "ligne 1\r\nligne 2\rligne 3\u2028ligne\t4\x1b[2K\n\n"
    assert clean(raw, multiline=True) == "ligne 1\nligne 2\nligne 3\nligne 4"
    assert clean("a\n\n\n\x00\n\nb", multiline=True) == "a\n\nb"


def test_subdivision_flag_survives_but_stray_tags_do_not():
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert clean(f"Glasgow {scotland}") == f"Glasgow {scotland}"
    assert clean("hidden\U000e0069\U000e0067 text") == "hidden text"


def test_zalgo_is_capped_but_real_accents_are_not():
    assert clean("e\u0301\u0302") == "e\u0301\u0302"
    assert clean("a" + "\u0301" * 40) == "a" + "\u0301" * 4


def test_markup_safe_escapes_after_cleaning():
    assert markup_safe("[bold]Evil\x1b[0m[/bold]") == "\\[bold]Evil\\[/bold]"
    from rich.text import Text

    assert Text.from_markup(markup_safe("[red]x[/red]")).plain == "[red]x[/red]"


def test_one_line_cuts_with_an_ellipsis():
    assert one_line("Établissements Dupont et Fils", 12) == "Établisseme…"
    assert one_line("Dupont et Fils", 7) == "Dupont…"
    assert one_line("寿司寿司寿司", 5) == "寿司…"
    assert one_line("court", 12) == "court"
    assert one_line("a\nb", 5) == "a b"
    assert one_line("abc", 0) == ""


@given(st.text(), st.booleans())
def test_clean_output_has_no_control_characters(raw, multiline):
    result = clean(raw, multiline=multiline)
    assert not any(_forbidden(char, multiline) for char in result)
    assert "\x1b" not in result


@given(st.text(), st.booleans())
def test_clean_is_idempotent(raw, multiline):
    once = clean(raw, multiline=multiline)
    assert clean(once, multiline=multiline) == once


@given(st.text(alphabet=st.characters(categories=["L", "N", "P", "S", "Zs"])))
def test_ordinary_text_is_kept(raw):
    # Letters, digits, punctuation, symbols and spaces are what people write: only
    # surrounding spaces go (one-line fields are stripped).
    assert clean(raw) == raw.strip()


@given(
    st.lists(st.sampled_from(["a", "é", "\u200d", "\u200c", " ", "\n", "\x00", "👩"])).map("".join)
)
def test_joiners_only_between_visible_characters(raw):
    result = clean(raw, multiline=True)
    for index, char in enumerate(result):
        if char in ("\u200d", "\u200c"):
            assert 0 < index < len(result) - 1
            assert not result[index - 1].isspace() and not result[index + 1].isspace()
