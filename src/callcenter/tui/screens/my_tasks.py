"""``m``: my open tasks across debtors (who asked, what, since, due); Enter opens the debtor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from callcenter.domain.models import Task
from callcenter.i18n import Locale
from callcenter.tui.desk import Desk
from callcenter.tui.flow import flow
from callcenter.tui.literal import literal
from callcenter.tui.screens.cases import EXPECTED, ChangeScreen, change_error
from callcenter.tui.session_stats import SessionStats
from callcenter.tui.widgets.cases import task_tokens


def task_option(task: Task, ui: Locale, today: date, width: int) -> Option:
    tokens = task_tokens(task, ui, today)
    debtor = literal(task.debtor_name, "bold")
    debtor.append(" ")
    debtor.append_text(literal(task.debtor_code, "dim"))
    tokens.insert(1, (" · ", debtor))
    return Option(flow(tokens, width, indent="  "), id=f"t{task.id}")


class MyTasksScreen(ChangeScreen):
    """Dismisses with ``(debtor code to open or None, whether anything changed)``."""

    BINDINGS = [Binding("t", "task_done", show=False)]

    def __init__(
        self,
        ui: Locale,
        desk: Desk,
        clock: Callable[[], datetime],
        journal: SessionStats | None = None,
    ) -> None:
        super().__init__(ui, desk, clock, "mytasks.keys", journal)
        self.tasks: dict[str, Task] = {}

    def heading(self) -> Text:
        return Text(self.ui.t("mytasks.title"))

    def load(self) -> None:
        self._load()

    @work(thread=True, group="load", exclusive=True)
    def _load(self) -> None:
        from callcenter.service.tasks import my_tasks

        try:
            found = self.desk.call(my_tasks, actor=self.desk.collector)
        except EXPECTED as exc:
            self.app.call_from_thread(self._failed, change_error(exc, self.ui))
            return
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[Task]) -> None:
        today = self.desk.today(self.clock())
        self.tasks = {f"t{t.id}": t for t in found}
        self.show_items(
            [task_option(t, self.ui, today, self.line_width()) for t in found], "mytasks.none"
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        task = self.tasks.get(event.option.id or "")
        if task is not None and not self.busy:
            self.dismiss((task.debtor_code, self.changed))

    def action_task_done(self) -> None:
        from callcenter.service.tasks import complete_task

        chosen = self.highlighted()
        if chosen not in self.tasks:
            self.say(self.ui.t("cases.not_task"), "yellow")
            return
        task = self.tasks[chosen]
        self.change(
            complete_task,
            int(chosen[1:]),
            done_key="change.task_done",
            debtor=(task.debtor_code, task.debtor_name),
        )

    def action_close(self) -> None:
        if not self.busy:
            self.dismiss((None, self.changed))
