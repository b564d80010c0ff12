"""What a catalogue entry is: French and English words, plain or following a count."""

from __future__ import annotations

from callcenter.domain.record import record


@record(slots=False)
class Plural:
    """Words that follow the ``count`` parameter, by CLDR plural category.

    French has "one" for 0 and 1 and "many" for round millions (written
    like "other" here); English has "one" for exactly 1.
    """

    one: str
    other: str

    def pick(self, category: str) -> str:
        return self.one if category == "one" else self.other


Text = str | Plural
#: (French, English)
Entry = tuple[Text, Text]
