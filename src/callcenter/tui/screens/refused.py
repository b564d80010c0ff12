"""``r``: the debtor refuses to pay; what it said is kept for whoever decides the next step."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from callcenter.i18n import Locale
from callcenter.tui.screens.asking import AskingDialog

QUICK_REASONS = {"1": "refused.reason1", "2": "refused.reason2", "3": "refused.reason3"}


class RefusedDialog(AskingDialog):
    """Dismisses with the reason; ``1``/``2``/``3`` for the usual ones, ``Tab`` to type it.

    A refusal does not move the debtor up the dunning ladder: formal notice
    and litigation are decided apart (``dunning.set_dunning_step``), by a
    supervisor where the settings say so.
    """

    AUTO_FOCUS = ""
    BINDINGS = [Binding(key, f"pick('{key}')", show=False) for key in QUICK_REASONS]

    def __init__(self, ui: Locale) -> None:
        super().__init__(ui, "refused.title", "refused.keys")

    def fields(self) -> ComposeResult:
        yield Input(id="reason", placeholder=self.ui.t("refused.reason"))

    def action_pick(self, key: str) -> None:
        self._save(self.ui.t(QUICK_REASONS[key]))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save(event.value.strip())

    def _save(self, reason: str) -> None:
        from callcenter.service.outcome_rules import refused_refusal

        self.settle(refused_refusal(reason), reason, reason)
