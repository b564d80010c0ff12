"""The dashboard screen: seven panels (the agents live) refreshed by a worker every few seconds."""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from callcenter.clock import Clock
from callcenter.domain.agent_day import AgentDay
from callcenter.domain.figures import Figures
from callcenter.domain.text import clean
from callcenter.i18n import Locale
from callcenter.tui.supervisor import panels
from callcenter.tui.supervisor.drill import DrillScreen
from callcenter.tui.supervisor.figure_table import FigureTable
from callcenter.tui.supervisor.flow_chart import FlowChart
from callcenter.tui.supervisor.help_screen import HelpScreen
from callcenter.tui.supervisor.localised import localised
from callcenter.tui.supervisor.source import FigureSource

#: Period lengths the "p" key cycles through, in days ending today.
PERIOD_CHOICES = (7, 30, 90, 365)
_PANELS = {
    "queue": panels.queue_panel,
    "kpis": panels.kpi_panel,
    "today": panels.today_panel,
    "aging": panels.aging_panel,
    "by-collector": panels.flow_panel,
    "largest": panels.largest_panel,
}


class DashboardScreen(Screen):
    """Queue, team, aging, promised vs collected, rates and the largest debtors."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        Binding("r", "refresh_now", "dash.key.refresh"),
        Binding("p", "next_period", "dash.key.period"),
        Binding("c", "next_campaign", "dash.key.campaign"),
        Binding("question_mark,f1", "help", "dash.key.help"),
        Binding("q", "app.quit", "dash.key.quit"),
    ]

    def __init__(self, source: FigureSource, ui: Locale, clock: Clock, every: float) -> None:
        super().__init__()
        self.source = source
        self.ui = ui
        self.clock = clock
        self.every = every
        self._bindings = localised(self._bindings, ui)
        self.figures: Figures | None = None
        self._fresh = True
        self._period_days: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(self.ui.t("dash.loading")), id="heading")
        with VerticalScroll(id="panels"):
            with Horizontal(classes="row"):
                yield FigureTable(self.ui.t("fig.queue"), per_cell=True, id="queue")
                yield FigureTable(self.ui.t("dash.panel.kpis"), id="kpis")
            yield FigureTable(self.ui.t("fig.today"), per_cell=True, id="today")
            yield FigureTable(self.ui.t("dash.panel.agents"), id="agents")
            with Horizontal(classes="row"):
                yield FigureTable(self.ui.t("fig.aging"), id="aging")
                with Vertical(id="flow"):
                    yield FlowChart(self.ui, id="flow-chart")
                    yield FigureTable(
                        self.ui.t("dash.panel.flow"), per_cell=True, id="by-collector"
                    )
            yield FigureTable(self.ui.t("dash.panel.largest"), id="largest")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#queue", FigureTable).focus()
        self.refresh_figures()
        if self.every > 0:
            self.set_interval(self.every, self.refresh_figures)

    def action_next_period(self) -> None:
        """Cycle the period of the rates, CEI and DSO: 30, 90, 365, then 7 days to today."""
        # The last choice, not the figures on screen: they may still be computing.
        current = self._period_days or (self.figures.period.days if self.figures else 30)
        later = [days for days in PERIOD_CHOICES if days > current]
        days = later[0] if later else PERIOD_CHOICES[0]
        self._period_days = days
        today = self.clock().astimezone(self.source.tz).date()
        self.source.since = today - timedelta(days=days - 1)
        self.source.until = None
        self.action_refresh_now()

    @work(thread=True, exclusive=True, group="figures")
    def action_next_campaign(self) -> None:
        """Cycle the scope: the whole portfolio, then each campaign in turn."""
        names = [None, *self.source.campaign_names()]
        if len(names) == 1:  # say so, rather than a key that seems to do nothing
            self.app.call_from_thread(self.notify, self.ui.t("dash.campaign.none"), timeout=3)
            return
        current = names.index(self.source.campaign) if self.source.campaign in names else 0
        self.source.campaign = names[(current + 1) % len(names)]
        chosen = self.source.campaign
        said = self.ui.t("fig.campaign", name=chosen) if chosen else self.ui.t("dash.campaign.all")
        self.app.call_from_thread(self.notify, clean(said), timeout=2, markup=False)
        self._fresh = True
        self.app.call_from_thread(self.refresh_figures)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.ui))

    def action_refresh_now(self) -> None:
        self._fresh = True
        self.refresh_figures()

    @work(thread=True, exclusive=True, group="figures")
    def refresh_figures(self) -> None:
        """Compute in a thread; only painting happens on the event loop."""
        # The first paint and "r" recompute everything; the timer may reuse
        # period figures less than a minute old (the queue is always fresh).
        fresh, self._fresh = self._fresh, False
        now = self.clock()
        try:
            result = self.source.figures(now, fresh=fresh)
            agents = self.source.agents(now)
        except Exception as exc:  # shown, not raised: the dashboard must stay up
            self.app.call_from_thread(self._show_error, self.ui.error(exc))
            return
        self.app.call_from_thread(self.show_figures, result)
        self.app.call_from_thread(self.show_agents, agents, now)

    def show_agents(self, days: list[AgentDay], now: datetime) -> None:
        """The live board: state and its timer, debtor in hand, the day's call times."""
        columns, rows = panels.agents_panel(days, now, self.ui)
        self.query_one("#agents", FigureTable).fill(columns, rows, {})

    def show_figures(self, fig: Figures) -> None:
        self.figures = fig
        self.query_one("#heading", Static).update(self._heading(fig))
        for panel_id, build in _PANELS.items():
            columns, rows, targets = build(fig, self.ui)
            self.query_one(f"#{panel_id}", FigureTable).fill(columns, rows, targets)
        self.query_one("#flow-chart", FlowChart).show(fig.flow)

    def _heading(self, fig: Figures) -> Text:
        _lang, ui = self.ui.lang, self.ui
        scope = fig.scope
        who = (
            self.ui.t("dash.own", name=scope.collector)
            if scope.collector
            else self.ui.t("fig.everyone")
        )
        parts = [
            self.ui.t("dash.title"),
            who,
            self.ui.t(
                "dash.period", since=ui.date(fig.period.since), until=ui.date(fig.period.until)
            ),
        ]
        if scope.campaign_name:
            parts.append(self.ui.t("fig.campaign", name=scope.campaign_name))
        local = fig.now.astimezone(self.source.tz)
        parts.append(self.ui.t("dash.updated", time=f"{local:%H:%M:%S}"))
        return Text(clean(" — ".join(parts)), style="bold")

    def _show_error(self, message: str) -> None:
        self.query_one("#heading", Static).update(
            Text(self.ui.t("dash.error", message=message), style="bold red")
        )

    @on(FigureTable.DrillRequested)
    def open_drill(self, event: FigureTable.DrillRequested) -> None:
        if event.target is None:
            self.notify(self.ui.t("dash.drill.none"), timeout=2)
            return
        drill, title = event.target
        self.app.push_screen(DrillScreen(self.source, self.ui, self.clock, drill, title))
