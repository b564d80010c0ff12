"""Making untrusted text safe to put on a collector's screen.

Names, notes and labels come from accounting exports and CSV files that
anybody may have typed into. In a terminal, an escape sequence in a company
name can recolour, clear or retitle the screen, and a bidi override can make
"FA-2024-001" read as something else. :func:`clean` keeps what a person wrote
(accents, emoji, Arabic or Hebrew letters) and drops what only a terminal or
a renderer would act on. It does not escape markup: display code shows the
result with ``rich.text.Text`` or ``markup=False``; :func:`markup_safe` is
there for the rare place where a markup string has to be built.
"""

from __future__ import annotations

import re
import unicodedata

from rich.cells import cell_len
from rich.markup import escape

# ESC [ ... final byte (CSI).
_CSI = r"\x1b\[[0-?]*[ -/]*[@-~]?"
# OSC, DCS, SOS, PM, APC strings: ESC ] / P / X / ^ / _ ... up to BEL or ST
# (ESC \ or its C1 byte), or to the end of the text when never terminated.
# Lone C1 bytes are only dropped, not taken as introducers: in a file decoded
# as Latin-1 they are usually misread Windows-1252 letters (0x9C is "œ").
_STRING = r"\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
# Any other two-character escape (ESC c resets the terminal, ESC 7 saves the cursor...).
_ESC_PAIR = r"\x1b[ -~]?"
_ESCAPES = re.compile(f"{_CSI}|{_STRING}|{_ESC_PAIR}")

# Everything that ends a line, so notes survive whatever the source system used.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_ONE_LINE_SPACES = re.compile(r"[ \t\n]*[\t\n][ \t\n]*")
# A note may keep paragraphs, not a screenful of empty lines.
_BLANK_LINES = re.compile(r"\n{3,}")

ZWJ = "\u200d"  # joins emoji sequences and some scripts: kept between two visible characters
ZWNJ = "\u200c"  # needed in Persian and Indic words: same rule
_JOINERS = frozenset({ZWJ, ZWNJ})
_BLACK_FLAG = "\U0001f3f4"  # subdivision flags are this plus tag characters
_TAGS = range(0xE0020, 0xE0080)

#: Combining marks allowed on one base letter: real scripts need a few,
#: "zalgo" text stacks dozens and spills over the neighbouring rows.
MAX_COMBINING = 4


def clean(value: object, multiline: bool = False) -> str:
    """Return ``value`` without anything a terminal or renderer would act on.

    Removes ANSI/OSC escape sequences, C0 and C1 control characters, bidi
    overrides and isolates, and invisible format characters (zero-width
    space, BOM, soft hyphen, tag characters outside a flag). Tabs and line
    breaks become single spaces, unless ``multiline`` is true, in which case
    line breaks are kept as ``\\n`` (notes, at most one blank line in a
    row). One-line values are also
    stripped of surrounding spaces. ``clean(clean(x)) == clean(x)``.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.isascii() and text.isprintable():
        # Most names and labels: nothing to remove, and the screen redraws them often.
        return text.rstrip() if multiline else text.strip()
    text = _ESCAPES.sub("", text)
    text = _LINE_BREAKS.sub("\n", text)
    if multiline:
        text = text.replace("\t", " ")
    else:
        text = _ONE_LINE_SPACES.sub(" ", text)
    text = _drop_invisible(text, keep_newlines=multiline)
    text = _place_joiners(text)
    if multiline:
        return _BLANK_LINES.sub("\n\n", text).rstrip()
    return text.strip()


def markup_safe(value: object, multiline: bool = False) -> str:
    """:func:`clean`, then escaped for Rich/Textual markup strings."""
    return escape(clean(value, multiline=multiline))


def one_line(value: object, width: int) -> str:
    """Clean ``value`` and cut it to ``width`` terminal cells, ending with "…" when cut.

    For table cells and hints, where a 300-character company name must not
    push everything else off the screen. Cells, not characters: an emoji or a
    CJK letter takes two.
    """
    text = clean(value)
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    kept: list[str] = []
    used = 1  # the ellipsis
    for char in text:
        size = cell_len(char)
        if used + size > width:
            break
        kept.append(char)
        used += size
    return "".join(kept).rstrip() + "…"


def _drop_invisible(text: str, keep_newlines: bool) -> str:
    """Keep printable characters (and joiners, decided later); cap combining marks."""
    out: list[str] = []
    marks = 0
    for char in text:
        if char == "\n" and keep_newlines:
            out.append(char)
            marks = 0
            continue
        if char in _JOINERS:
            out.append(char)
            continue
        if ord(char) in _TAGS or ord(char) == 0xE007F:
            if _in_flag(out):
                out.append(char)
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            continue
        if category in ("Mn", "Me"):
            marks += 1
            if marks > MAX_COMBINING:
                continue
        else:
            marks = 0
        out.append(char)
    return "".join(out)


def _place_joiners(text: str) -> str:
    """Keep a joiner only between two visible characters (its neighbours are final here)."""
    if ZWJ not in text and ZWNJ not in text:
        return text
    out: list[str] = []
    for index, char in enumerate(text):
        if char in _JOINERS:
            nxt = text[index + 1] if index + 1 < len(text) else ""
            if not (out and _is_visible(out[-1]) and _is_visible(nxt)):
                continue
        out.append(char)
    return "".join(out)


def _is_visible(char: str) -> bool:
    """A character a joiner may sit next to: not empty, space, joiner or control."""
    if not char or char.isspace() or char in _JOINERS:
        return False
    return unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Zl", "Zp")


def _in_flag(out: list[str]) -> bool:
    """True when ``out`` ends with a black flag followed only by tag characters."""
    for char in reversed(out):
        if char == _BLACK_FLAG:
            return True
        if ord(char) not in _TAGS:
            return False
    return False
