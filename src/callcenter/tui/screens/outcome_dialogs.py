"""Which outcome needs which dialog, and how a dialog's result becomes ``log_outcome`` details."""

from __future__ import annotations

from typing import TYPE_CHECKING

from callcenter.domain.models import Outcome
from callcenter.domain.promise_amount import default_promised_cents

if TYPE_CHECKING:
    from textual.screen import ModalScreen

    from callcenter.tui.screens.session import SessionScreen


def default_amount(screen: SessionScreen) -> int:
    """What a promise or a plan is for unless edited: the overdue total, else the balance."""
    dossier = screen.current.dossier
    if dossier.queue is not None and dossier.queue.overdue_cents > 0:
        return dossier.queue.overdue_cents
    return max(dossier.balance_cents, 0)


def region_of(screen: SessionScreen) -> str:
    """The holidays region of the settings given on the command line (``--config``)."""
    return screen.desk.config.region


def dialog_for(outcome: Outcome, screen: SessionScreen) -> ModalScreen | None:
    """The dialog gathering the details of ``outcome``; None when the key alone says it all."""
    from callcenter.tui.desk import debtor_tz

    shown, ui = screen.current, screen.ui
    if outcome is Outcome.PROMISE:
        from callcenter.tui.screens.promise import PromiseDialog

        balance = shown.dossier.balance_cents
        overdue = shown.dossier.queue.overdue_cents if shown.dossier.queue is not None else 0
        promised = default_promised_cents(overdue)  # the service's own default
        return PromiseDialog(ui, shown.today, promised, balance, region_of(screen))
    if outcome is Outcome.CALLBACK:
        from callcenter.tui.screens.callback import CallbackDialog

        owner = screen.desk.config.queue.callback_owner
        return CallbackDialog(ui, screen.now(), debtor_tz(shown), owner=owner)
    if outcome is Outcome.DISPUTE:
        from callcenter.tui.screens.dispute import DisputeDialog

        return DisputeDialog(ui, shown.dossier.open_invoices)
    if outcome is Outcome.PAYMENT_PLAN:
        from callcenter.tui.screens.plan import PlanDialog

        balance = shown.dossier.balance_cents
        return PlanDialog(ui, shown.today, default_amount(screen), balance, region_of(screen))
    if outcome is Outcome.SKIP:
        from callcenter.tui.screens.skip import SkipDialog

        return SkipDialog(ui, shown.today, region_of(screen))
    if outcome is Outcome.REFUSED:
        from callcenter.tui.screens.refused import RefusedDialog

        return RefusedDialog(ui)
    if outcome is Outcome.ALREADY_PAID:
        from callcenter.tui.screens.already_paid import AlreadyPaidDialog

        balance = shown.dossier.balance_cents
        return AlreadyPaidDialog(
            ui, shown.today, default_amount(screen), region_of(screen), balance_cents=balance
        )
    return None


def details_from(outcome: Outcome, result) -> dict:
    """Keyword arguments of ``log_outcome`` for what the dialog returned."""
    if outcome is Outcome.PROMISE:
        day, cents, confirmed = result
        return {"promise_date": day, "amount_cents": cents, "confirmed": confirmed}
    if outcome is Outcome.CALLBACK:
        moment, owner = result
        return {"callback_at": moment, "callback_owner": owner}
    if outcome is Outcome.DISPUTE:
        numbers, reason = result
        return {"invoice_numbers": tuple(numbers), "reason": reason}
    if outcome is Outcome.PAYMENT_PLAN:
        plan, confirmed = result
        return {"instalments": tuple(plan), "confirmed": confirmed}
    if outcome is Outcome.SKIP:
        reason, until = result
        return {"reason": reason, "skip_until": until}
    if outcome is Outcome.REFUSED:
        return {"reason": result}
    if outcome is Outcome.ALREADY_PAID:
        paid_on, cents, means, reference, confirmed = result
        return {
            "paid_on": paid_on,
            "amount_cents": cents,
            "means": means,
            "reference": reference,
            "confirmed": confirmed,
        }
    return {}
