"""The instalments of the debtor's latest payment plan: paid, missed, to come."""

from __future__ import annotations

from rich.text import Text

from callcenter.domain.models import Dossier, Promise, PromiseStatus
from callcenter.i18n import Locale
from callcenter.tui.flow import Flowing
from callcenter.tui.widgets.calls import STATUS_STYLE


def latest_plan(dossier: Dossier) -> list[Promise]:
    """The instalments of the most recent plan not cancelled, by date; [] when none."""
    plans = [p for p in dossier.promises if p.plan_id is not None]
    live = [p for p in plans if p.status is not PromiseStatus.CANCELLED]
    if not live:
        return []
    latest = max(live, key=lambda p: (p.created_at is not None, p.created_at, p.plan_id))
    return sorted((p for p in live if p.plan_id == latest.plan_id), key=lambda p: p.promised_on)


def plan_lines(dossier: Dossier, ui: Locale) -> Text:
    instalments = latest_plan(dossier)
    if not instalments:
        return Text(end="")
    statuses = [p.status for p in instalments]
    text = Text(
        ui.t(
            "plan.summary",
            n=len(instalments),
            kept=statuses.count(PromiseStatus.KEPT),
            missed=statuses.count(PromiseStatus.BROKEN) + statuses.count(PromiseStatus.PARTLY_KEPT),
            pending=statuses.count(PromiseStatus.PENDING),
        ),
        end="",
    )
    for promise in instalments:
        mark, style = STATUS_STYLE[promise.status]
        text.append(f"\n{mark} ", style)
        text.append(f"{ui.date(promise.promised_on)}  {ui.money(promise.amount_cents)}")
        text.append(f"  {ui.t('status.' + promise.status.value)}", style)
    return text


class PlanPanel(Flowing):
    """Hidden unless the debtor has a payment plan."""

    DEFAULT_CSS = """
    PlanPanel { height: auto; border: round $primary 50%; padding: 0 1; }
    """
