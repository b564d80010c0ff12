"""Roles come from the users table; --as cannot grant the supervisor role."""

from __future__ import annotations

import pytest
from ledger_builders import dossier

from callcenter.domain.models import Debtor
from callcenter.service import identity, portfolios, users
from callcenter.service.errors import AccessRefused
from callcenter.service.users import PermissionDenied, UserError
from callcenter.store.statements import ledger


def test_unknown_names_are_collectors(store):
    assert users.role_of(store, "nobody") == "collector"
    assert not users.is_supervisor(store, "nobody")


def test_the_file_owner_bootstraps_the_first_supervisor(store, now):
    assert users.may_bootstrap(store)  # the test process created the file
    users.add_user(store, "sam", role="supervisor", actor="whoever", now=now)
    assert users.is_supervisor(store, "sam")
    # Once a supervisor exists, the file owner is no longer special.
    assert not users.may_bootstrap(store)
    with pytest.raises(PermissionDenied):
        users.add_user(store, "eve", role="supervisor", actor="whoever", now=now)
    users.add_user(store, "eve", role="collector", actor="sam", now=now)
    assert users.role_of(store, "eve") == "collector"


def test_somebody_else_than_the_owner_cannot_bootstrap(store, now, monkeypatch):
    monkeypatch.setattr(identity.os, "geteuid", lambda: 4242)
    assert not users.may_bootstrap(store)
    with pytest.raises(PermissionDenied, match="only a supervisor"):
        users.add_user(store, "mallory", role="supervisor", actor="mallory", now=now)
    assert users.role_of(store, "mallory") == "collector"


def test_the_last_supervisor_cannot_be_demoted_or_removed(store, now):
    users.add_user(store, "sam", role="supervisor", actor="sam", now=now)
    with pytest.raises(UserError, match="last supervisor"):
        users.add_user(store, "sam", role="collector", actor="sam", now=now)
    with pytest.raises(UserError, match="last supervisor"):
        users.remove_user(store, "sam", actor="sam")
    users.add_user(store, "zoe", role="supervisor", actor="sam", now=now)
    assert users.remove_user(store, "sam", actor="zoe")
    assert users.role_of(store, "sam") == "collector"


def test_bad_names_and_roles_are_refused(store, now):
    for name in ("", "a b", "evil\x1b[2J", "x" * 65, "émile", "a;b"):
        with pytest.raises(AccessRefused, match="letters, digits"):
            users.add_user(store, name, actor="root", now=now)
    with pytest.raises(UserError, match="unknown role"):
        users.add_user(store, "ann", role="admin", actor="root", now=now)


def test_collectors_only_list_themselves(store, now):
    users.add_user(store, "sam", role="supervisor", actor="sam", now=now)
    users.add_user(store, "ann", actor="sam", now=now)
    users.add_user(store, "bob", actor="sam", now=now)
    assert [u.name for u in users.list_users(store, actor="sam")] == ["sam", "ann", "bob"]
    assert [u.name for u in users.list_users(store, actor="ann")] == ["ann"]


def _portfolio(store, now):
    with store.transaction():
        ledger.upsert_debtors(
            store,
            [
                Debtor("D1", "Un", collector="ann"),
                Debtor("D2", "Deux", collector="ann"),
                Debtor("D3", "Trois", collector="bob"),
            ],
            now,
        )
    users.add_user(store, "sam", role="supervisor", actor="sam", now=now)


def _owners(store):
    return {code: dossier(store, code).debtor.collector for code in store.queue.debtor_codes()}


def test_supervisors_reassign_debtors_and_portfolios(store, now):
    _portfolio(store, now)
    assert portfolios.assign_debtors(store, ["D3"], "ann", actor="sam", now=now) == 1
    assert portfolios.move_portfolio(store, "ann", "bob", actor="sam", now=now) == 3
    assert _owners(store) == {"D1": "bob", "D2": "bob", "D3": "bob"}
    assert portfolios.assign_debtors(store, ["D1"], None, actor="sam", now=now) == 1
    assert _owners(store)["D1"] is None


def test_collectors_cannot_reassign_and_unknown_codes_change_nothing(store, now):
    _portfolio(store, now)
    with pytest.raises(PermissionDenied):
        portfolios.assign_debtors(store, ["D3"], "ann", actor="ann", now=now)
    with pytest.raises(PermissionDenied):
        portfolios.move_portfolio(store, "bob", "ann", actor="ann", now=now)
    with pytest.raises(portfolios.UnknownDebtors, match="NOPE"):
        portfolios.assign_debtors(store, ["D1", "NOPE"], "bob", actor="sam", now=now)
    assert _owners(store) == {"D1": "ann", "D2": "ann", "D3": "bob"}
