"""Interface strings in French and English, and how dates and money read in each.

Collectors work in their own language; the choice comes from ``--lang``, else
the locale variables (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else French, the
language of the ledgers this tool reads. One :class:`Locale` object is built at
start and handed to the screens, so two apps in one process (tests) can each
speak their own language.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import field
from datetime import date, datetime, tzinfo

from callcenter.domain import plurals
from callcenter.domain.models import Call, Dispute, Outcome, Task
from callcenter.domain.money import format_amount, format_short
from callcenter.domain.plurals import cldr_locale
from callcenter.domain.record import record
from callcenter.i18n.catalogue import CATALOGUE
from callcenter.i18n.entries import Plural

LANGS = ("fr", "en")
#: Parameters that count something: they pick the plural form and read as numbers ("2 941").
COUNTS = ("count", "n")


#: Outcomes whose reason is what the debtor said (a skip's is the collector's own, shown too).
_WITH_REASON = frozenset({Outcome.REFUSED, Outcome.SKIP, Outcome.DISPUTE})


#: CLDR's digit grouping of whole numbers in each language (a narrow no-break space in
#: French): counting needs no Babel (see callcenter.domain.plurals); tests/test_i18n.py
#: checks both against Babel.
_GROUPING = {"fr": "\u202f", "en": ","}


@record(slots=False)
class Message:
    """Words to say later, in whatever language the reader has: a catalogue id and its values.

    Errors carry one (``code`` and ``params``) so the layer that raises them
    words nothing; a message may be a parameter of another (a file error's reason).
    """

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        """English, for logs and the files that keep English (an import's rejects)."""
        return Locale("en").t(self.code, **self.params)


class CodedError(Exception):
    """An error worded by whoever shows it: ``code`` (a catalogue id) plus ``params``.

    ``str()`` is the English text, for logs and tracebacks; interfaces call
    :meth:`Locale.error`. Any exception with ``code`` and ``params`` attributes
    is worded the same way (the store's errors are, without importing this).
    """

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def key(self) -> str:
        """The code, stable: tests and scripts may match on it; the words may change."""
        return self.code

    def in_lang(self, lang: str) -> str:
        return Locale(lang).t(self.code, **self.params)

    def __str__(self) -> str:
        return self.in_lang("en")


@record(slots=False)
class Locale:
    """A language and a date style; formats everything the screens show."""

    lang: str = "fr"
    #: "dmy" (15/12/2026), "mdy" (12/15/2026, US English) or "iso" (2026-12-15).
    date_style: str = "dmy"

    def t(self, key: str, /, **params: object) -> str:
        """The text of message ``key`` in this language, with ``params`` filled in.

        The one lookup of the catalogue. Values are written for the reader:
        dates their way, ``*_cents`` as money, ``count``/``n`` as numbers
        (``2 941``) choosing the plural form, lists joined, nested
        :class:`Message` worded. An unknown key comes back as it is.
        """
        entry = CATALOGUE.get(key)
        if entry is None:
            return key
        words = entry[0] if self.lang == "fr" else entry[1]
        if isinstance(words, Plural):
            words = words.pick(self.plural_category(_count(params)))
        if not params:
            return words
        return words.format(**{name: self._param(name, value) for name, value in params.items()})

    def plural_category(self, count: int) -> str:
        """CLDR's category of ``count`` in this language ("one", "many", "other")."""
        return plurals.category(self.lang, count)

    def number(self, value: int) -> str:
        """A whole number the reader's way: ``2 941`` in French, ``2,941`` in English."""
        group = _GROUPING.get(self.lang)
        if group is None or not isinstance(value, int):
            from babel.numbers import format_decimal

            return format_decimal(value, locale=cldr_locale(self.lang))
        return f"{value:,d}".replace(",", group)

    def decimal(self, value: float, places: int) -> str:
        """A measure (seconds, a rate) with ``places`` decimals: ``1,25`` in French, ``1.25``."""
        from babel.numbers import format_decimal

        pattern = "#,##0" + ("." + "0" * places if places else "")
        return format_decimal(value, format=pattern, locale=cldr_locale(self.lang))

    def caller(self, call) -> str:
        """Who made a call, "by X for Y" when a supervisor typed it for a collector."""
        if not call.entered_by:
            return call.collector
        return self.t("calls.entered_by", collector=call.collector, login=call.entered_by)

    def error(self, exc: BaseException | Message) -> str:
        """An error's message in this language when it is coded (``code`` + ``params``).

        Anything coded is worded so, a :class:`Message` or a part of a store error
        (its ``Reason``) as well; the rest reads as ``str()``.
        """
        if _is_coded(exc):
            return self.t(exc.code, **exc.params)  # type: ignore[union-attr]
        return str(exc)

    def date(self, day: date | None) -> str:
        if day is None:
            return ""
        if self.date_style == "mdy":
            return f"{day.month:02d}/{day.day:02d}/{day.year:04d}"
        if self.date_style == "iso":
            return day.isoformat()
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"

    def long_date(self, day: dt.date) -> str:
        """With the weekday, for confirming a promised day: ``vendredi 27/11/2026``."""
        return f"{self.weekday(day)} {self.date(day)}"

    def month(self, day: dt.date, *, year: bool = True) -> str:
        """The month of ``day``, abbreviated: ``nov. 2026`` (``Nov 2026``), or ``nov.`` alone."""
        from babel.dates import format_date

        return format_date(day, "MMM y" if year else "LLL", locale=cldr_locale(self.lang))

    def weekday(self, day: dt.date) -> str:
        """The weekday's name (CLDR): ``vendredi``, ``Friday``."""
        from babel.dates import format_date

        return format_date(day, "EEEE", locale=cldr_locale(self.lang))

    def compact_date(self, day: dt.date) -> str:
        """Two-digit year, for table columns at 80 columns (ISO stays whole)."""
        if self.date_style == "iso":
            return day.isoformat()
        return self.date(day)[:-4] + f"{day.year % 100:02d}"

    def moment(self, instant: datetime, tz=None) -> str:
        """A local date and time, e.g. ``15/12/2026 14:30``."""
        local = instant.astimezone(tz) if tz is not None else instant
        return f"{self.date(local.date())} {local:%H:%M}"

    def _param(self, key: str, value: object) -> object:
        if _is_coded(value):
            return self.error(value)  # type: ignore[arg-type]
        if isinstance(value, bool):
            return value
        if isinstance(value, date):
            return self.date(value)
        if isinstance(value, int) and key.endswith("_cents"):
            return self.money(value)
        if isinstance(value, int) and key in COUNTS:
            return self.number(value)
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def dispute_state(self, dispute: Dispute) -> str:
        """Where a dispute stands: open, resolved with a credit note, rejected, cancelled."""
        if dispute.status == "resolved" and dispute.resolution:
            return self.t(f"dispute.status.{dispute.resolution}")
        return self.t(f"dispute.status.{dispute.status}")

    def task_kind(self, task: Task) -> str:
        """What a task asks for, in the collector's words; an unknown kind as stored."""
        key = f"task.kind.{task.kind}"
        return self.t(key) if key in CATALOGUE else task.kind

    def pause_reason(self, code: str) -> str:
        """A pause reason in the collector's words; a reason the settings add, as written."""
        key = f"pause.{code}"
        return self.t(key) if key in CATALOGUE else code

    def call_details(self, call: Call, tz: tzinfo) -> str:
        """What the outcome recorded besides its name: the payment an "already paid" debtor
        names, a refusal's or a dispute's reason, a skip's reason and the day it ends."""
        parts = []
        claim = call.claim
        if call.outcome is Outcome.ALREADY_PAID and claim is not None:
            means = self.t("paid.by", means=self.t("means." + claim.means)) if claim.means else ""
            reference = self.t("paid.ref", reference=claim.reference) if claim.reference else ""
            key = "paid.line" if claim.amount_cents is not None else "paid.line_no_amount"
            amount = self.money(claim.amount_cents or 0)
            day = self.date(claim.paid_on)
            parts.append(self.t(key, amount=amount, day=day, means=means, reference=reference))
        if call.outcome is Outcome.SKIP and call.callback_at is not None:
            day = self.date(call.callback_at.astimezone(tz).date())
            parts.append(self.t("calls.skip_until", day=day))
        if call.outcome is Outcome.CALLBACK and call.callback_at is not None:
            parts.append(self.t("calls.callback_at", when=self.moment(call.callback_at, tz)))
        if call.reason and call.outcome in _WITH_REASON:
            parts.append(self.t("calls.reason", reason=call.reason))
        return " · ".join(parts)

    def money(self, cents: int, currency: str = "EUR") -> str:
        return format_amount(cents, self.lang, currency)

    def short_money(self, cents: int) -> str:
        return format_short(cents, self.lang)


def _is_coded(value: object) -> bool:
    """Whether ``value`` carries a catalogue id and its values (a Message, a coded error)."""
    if isinstance(value, Message):
        return True
    code = getattr(value, "code", None)
    return (
        isinstance(code, str)
        and code in CATALOGUE
        and isinstance(getattr(value, "params", None), Mapping)
    )


def _count(params: Mapping[str, object]) -> int:
    for name in COUNTS:
        value = params.get(name)
        if isinstance(value, int):
            return value
    return 0


def _locale_from_env(environ: Mapping[str, str]) -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return value
    return ""


def detect_locale(override: str | None = None, environ: Mapping[str, str] | None = None) -> Locale:
    """The interface locale: ``override`` (from ``--lang``) wins, then the environment.

    ``C``/``POSIX`` and unknown languages fall back to French. English uses US
    month-first dates only for ``en_US``; other English locales get ISO dates,
    which nobody misreads.
    """
    env = os.environ if environ is None else environ
    raw = _locale_from_env(env)
    region = raw.split(".")[0]
    lang = override or region.split("_")[0].lower()
    if lang not in LANGS:
        lang = "fr"
    if lang == "fr":
        return Locale("fr", "dmy")
    return Locale("en", "mdy" if region.startswith("en_US") else "iso")
