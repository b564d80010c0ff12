"""``c``: the debtor asks to be called back at a given time."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label, Static

from callcenter.i18n import Locale
from callcenter.tui.screens.dialog import OutcomeDialog

_TIME_AT_END = re.compile(r"(?:^|\s)(\d{1,2})\s*[:hH]\s*(\d{2})?\s*$")
#: When only a day is typed, the first calling window of the morning.
DEFAULT_TIME = time(9, 0)


class CallbackError(ValueError):
    """A callback time that cannot be understood (whether it is past, the service's rule says).

    Carries a message id so the dialog explains it in the collector's language.
    """

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(Locale("en").t(key, **params))
        self.key = key
        self.params = params

    def explain(self, ui: Locale) -> str:
        return ui.t(self.key, **self.params)


def parse_callback(text: str, now: datetime, tz: ZoneInfo) -> datetime:
    """``14:30`` (today), ``15/12 14h30``, ``demain 10h``, ``+2`` (business days, 09:00)."""
    from callcenter.domain.dates import parse_human_date

    raw = text.strip()
    if not raw:
        raise CallbackError("error.when")
    local_now = now.astimezone(tz)
    match = _TIME_AT_END.search(raw)
    at = DEFAULT_TIME
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour > 23 or minute > 59:
            raise CallbackError("error.time", text=raw)
        at = time(hour, minute)
        raw = raw[: match.start()].strip()
    day = parse_human_date(raw, local_now.date()) if raw else local_now.date()
    return datetime.combine(day, at, tzinfo=tz)


def quick_callback(key: str, now: datetime, tz: ZoneInfo) -> datetime:
    local = now.astimezone(tz).replace(second=0, microsecond=0)
    if key == "1":
        return local + timedelta(hours=1)
    if key == "2":
        return local + timedelta(hours=2)
    from callcenter.domain.dates import add_business_days

    return datetime.combine(add_business_days(local.date(), 1), local.time(), tzinfo=tz)


class CallbackDialog(OutcomeDialog):
    """Dismisses with (the timezone-aware callback instant, "me" or "anyone").

    ``o`` switches who the callback comes back to (the settings' default first):
    only this collector, or anyone allowed to work the debtor.
    """

    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("1", "pick('1')", show=False),
        Binding("2", "pick('2')", show=False),
        Binding("d", "pick('d')", show=False),
        Binding("o", "owner", show=False),
        Binding("enter", "save", show=False),
    ]

    def __init__(self, ui: Locale, now: datetime, tz: ZoneInfo, owner: str = "anyone") -> None:
        super().__init__(ui, "callback.title", "callback.keys")
        self.now = now
        self.tz = tz
        self.owner = owner

    def fields(self) -> ComposeResult:
        yield Label(self.ui.t("callback.when"))
        yield Input(id="when", placeholder=self.ui.t("callback.placeholder"))
        yield Static(self._owner_line(), id="owner", markup=False)

    def _owner_line(self) -> str:
        other = "anyone" if self.owner == "me" else "me"
        return self.ui.t(
            "callback.owner",
            who=self.ui.t(f"callback.owner_{self.owner}"),
            other=self.ui.t(f"callback.owner_{other}"),
        )

    def action_owner(self) -> None:
        self.owner = "me" if self.owner == "anyone" else "anyone"
        self.query_one("#owner", Static).update(self._owner_line())

    def action_pick(self, key: str) -> None:
        self.dismiss((quick_callback(key, self.now, self.tz), self.owner))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Read the time typed, then let the service's rule say whether it may be saved."""
        from callcenter.domain.dates import DateParseError
        from callcenter.service.outcome_rules import callback_refusal

        typed = self.query_one("#when", Input).value
        try:
            moment = parse_callback(typed, self.now, self.tz)
        except CallbackError as exc:
            self.fail(exc.explain(self.ui))
            return
        except DateParseError:
            self.fail(self.ui.t("error.date", text=typed.strip()))
            return
        found = callback_refusal(moment, now=self.now)
        if found is not None:
            self.fail(self.ui.t(found.code, **found.params))
            return
        self.dismiss((moment, self.owner))
