"""Which outcome needs which dialog, and how a dialog's result becomes ``log_outcome`` details."""

from __future__ import annotations

from typing import TYPE_CHECKING

from callcenter.domain.models import Outcome

if TYPE_CHECKING:
    from textual.screen import ModalScreen

    from callcenter.tui.screens.session import SessionScreen


def default_amount(screen: SessionScreen) -> int:
    """What a promise or a plan is for unless edited: the overdue total, else the balance."""
    dossier = screen.shown.dossier
    if dossier.queue is not None and dossier.queue.overdue_cents > 0:
        return dossier.queue.overdue_cents
    return max(dossier.balance_cents, 0)


def dialog_for(outcome: Outcome, screen: SessionScreen) -> ModalScreen | None:
    """The dialog gathering the details of ``outcome``; None when the key alone says it all."""
    from callcenter.tui.screens.session import debtor_tz

    shown, ui = screen.shown, screen.ui
    if outcome is Outcome.PROMISE:
        from callcenter.tui.screens.promise import PromiseDialog

        return PromiseDialog(ui, shown.today, default_amount(screen))
    if outcome is Outcome.CALLBACK:
        from callcenter.tui.screens.callback import CallbackDialog

        return CallbackDialog(ui, screen.now(), debtor_tz(shown))
    if outcome is Outcome.DISPUTE:
        from callcenter.tui.screens.dispute import DisputeDialog

        return DisputeDialog(ui, shown.dossier.open_invoices)
    if outcome is Outcome.PAYMENT_PLAN:
        from callcenter.tui.screens.plan import PlanDialog

        return PlanDialog(ui, shown.today, default_amount(screen))
    if outcome is Outcome.SKIP:
        from callcenter.tui.screens.skip import SkipDialog

        return SkipDialog(ui)
    return None


def details_from(outcome: Outcome, result) -> dict:
    """Keyword arguments of ``log_outcome`` for what the dialog returned."""
    if outcome is Outcome.PROMISE:
        day, cents = result
        return {"promise_date": day, "amount_cents": cents}
    if outcome is Outcome.CALLBACK:
        return {"callback_at": result}
    if outcome is Outcome.DISPUTE:
        numbers, reason = result
        return {"invoice_numbers": tuple(numbers), "reason": reason}
    if outcome is Outcome.PAYMENT_PLAN:
        return {"instalments": tuple(result)}
    if outcome is Outcome.SKIP:
        return {"reason": result}
    return {}
