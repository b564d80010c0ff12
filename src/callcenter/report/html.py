"""The report as one self-contained HTML page (styles inline, charts as SVG, no script).

Jinja2 renders it with autoescaping on for every template: a debtor called
``<script>…`` or a campaign named ``"><img …`` prints as text. Names are also
passed through :func:`callcenter.domain.text.clean` (control characters,
bidi overrides), as on screen.
"""

from __future__ import annotations

from datetime import tzinfo

from jinja2 import Environment, PackageLoader, StrictUndefined

from callcenter.domain.figures import (
    AGING_BUCKETS,
    Figures,
    MonthFigures,
    format_percent,
    format_rate,
)
from callcenter.domain.text import clean
from callcenter.i18n import Locale
from callcenter.report import charts
from callcenter.report.charts import Series
from callcenter.service.figures import FLOW_DAYS
from callcenter.service.report import Report

#: The dashboard's queue columns, in its order.
QUEUE_STATES = ("due_now", "due_later", "callback", "promise", "dispute", "hold", "in_call")


def environment() -> Environment:
    """The templates of ``callcenter/report/templates``, escaping everything they print."""
    return Environment(
        loader=PackageLoader("callcenter.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(report: Report, ui: Locale, tz: tzinfo) -> str:
    """The whole report in ``ui``'s language, times in the office timezone ``tz``."""
    fig = report.figures
    template = environment().get_template("report.html.j2")
    return template.render(
        report=report,
        fig=fig,
        ui=ui,
        t=ui.t,
        lang=ui.lang,
        money=ui.money,
        percent=lambda value: format_percent(value, ui.lang),
        rate=lambda part, whole: format_rate(part, whole, ui.lang),
        days=lambda value: _days(value, ui),
        name=clean,
        heading=_heading(report, ui),
        made_at=ui.moment(fig.now, tz),
        today=ui.date(fig.now.astimezone(tz).date()),
        flow_days=FLOW_DAYS,
        buckets=AGING_BUCKETS,
        states=QUEUE_STATES,
        month_names=[_month(m, ui) for m in report.trend],
        aging_chart=_aging_chart(fig, ui),
        collector_chart=_promised_chart(fig.by_collector, "report.by_collector", ui),
        campaign_chart=_promised_chart(fig.by_campaign, "report.by_campaign", ui),
        trend_charts=_trend_charts(report.trend, ui),
    )


def _heading(report: Report, ui: Locale) -> tuple[str, str]:
    """The title and the line under it: period and scope."""
    fig = report.figures
    scope = fig.scope
    if report.day_summary and scope.collector:
        title = ui.t("report.day_title", collector=clean(scope.collector))
        return title, ui.t("report.one_day", day=ui.long_date(fig.period.until))
    since, until = fig.period.since, fig.period.until
    if since == until:
        parts = [ui.t("report.one_day", day=ui.long_date(until))]
    else:
        parts = [ui.t("report.period", since=ui.date(since), until=ui.date(until))]
    if scope.collector:
        parts.append(ui.t("report.collector", name=clean(scope.collector)))
    else:
        parts.append(ui.t("fig.everyone"))
    if scope.campaign_name:
        parts.append(ui.t("fig.campaign", name=clean(scope.campaign_name)))
    return ui.t("report.title"), " — ".join(parts)


def _days(value: float | None, ui: Locale) -> str:
    if value is None:
        return "—"
    shown = f"{value:.1f}"
    return ui.t("fig.days", value=shown.replace(".", ",") if ui.lang == "fr" else shown)


def _month(month: MonthFigures, ui: Locale) -> str:
    """``nov. 2026``: a month of the trend's table."""
    return ui.month(month.period.since)


def _axis_months(trend: tuple[MonthFigures, ...], ui: Locale) -> list[str]:
    """Twelve short labels under a small chart (the table below it gives the years)."""
    return [ui.month(m.period.since, year=False) for m in trend]


def _number(value: float, ui: Locale) -> str:
    shown = f"{value:.0f}"
    return shown if ui.lang == "en" else shown.replace(".", ",")


def _aging_chart(fig: Figures, ui: Locale) -> charts.Chart:
    rows = {row.bucket: row for row in fig.aging}
    values = tuple(float(rows[b].amount_cents) for b in AGING_BUCKETS)
    return charts.bar_chart(
        ui.t("report.aging"),
        [ui.t(f"fig.bucket.{b}") for b in AGING_BUCKETS],
        [Series(ui.t("col.amount"), "amount", values)],
        lambda cents: ui.short_money(int(cents)),
    )


def _promised_chart(rows, title_key: str, ui: Locale) -> charts.Chart | None:
    """Promised, kept and collected side by side per collector (or campaign)."""
    if not rows:
        return None
    groups = [clean(row.key) if row.key else ui.t("fig.nobody") for row in rows]
    series = [
        Series(ui.t("fig.promised"), "promised", tuple(float(r.promised_cents) for r in rows)),
        Series(ui.t("fig.kept"), "kept", tuple(float(r.kept_cents) for r in rows)),
        Series(ui.t("fig.collected"), "collected", tuple(float(r.collected_cents) for r in rows)),
    ]
    return charts.bar_chart(
        ui.t(title_key), groups, series, lambda cents: ui.short_money(int(cents))
    )


def _trend_charts(trend: tuple[MonthFigures, ...], ui: Locale) -> list[charts.Chart]:
    """One line chart per rate: DSO in days, CEI, kept and right-party rates in percent."""
    months = _axis_months(trend, ui)
    measures = (
        ("report.trend_dso", lambda m: m.dso),
        ("report.trend_cei", lambda m: m.cei),
        ("report.trend_kept", lambda m: m.promise_kept_rate),
        ("report.trend_rpc", lambda m: m.right_party_rate),
    )
    return [
        charts.line_chart(
            ui.t(key),
            months,
            [Series(ui.t(key), "line", tuple(read(m) for m in trend))],
            lambda value: _number(value, ui),
        )
        for key, read in measures
    ]
