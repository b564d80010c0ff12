"""Roles: who may reassign work and read everybody's figures.

The identity is the operating-system login (:mod:`callcenter.service.identity`
says when ``--as`` may name someone else); the role always comes from the
``users`` table. The one way in when the table has no supervisor yet is the
operating-system user who owns the database file: whoever created the file
already holds every right over it.
"""

from __future__ import annotations

from datetime import datetime

from callcenter.domain.models import User
from callcenter.i18n import CodedError, Message
from callcenter.service.identity import check_name, may_bootstrap
from callcenter.store import Store

COLLECTOR = "collector"
SUPERVISOR = "supervisor"
ROLES = (COLLECTOR, SUPERVISOR)


class PermissionDenied(CodedError, PermissionError):
    """The acting user's role does not allow this; the message says who may.

    Coded (a catalogue id and values) where the interface words it; a plain
    English sentence as the only argument still reads as it is.
    """


class UserError(CodedError, ValueError):
    """A bad user name or role, or a change that would lock everybody out (coded like
    :class:`PermissionDenied`)."""


def role_of(store: Store, name: str) -> str:
    """The role of ``name``; anybody the table does not know is a collector."""
    return store.users.role_of(name) or COLLECTOR


def is_supervisor(store: Store, name: str) -> bool:
    return role_of(store, name) == SUPERVISOR


def require_supervisor(store: Store, actor: str, action: str) -> None:
    """Raise :class:`PermissionDenied` unless ``actor`` is a supervisor."""
    if not is_supervisor(store, actor):
        # ``action`` names an ``action.*`` entry ("remove users"), worded by the interface.
        raise PermissionDenied(
            "users.supervisor_only", actor=actor, action=Message(f"action.{action}")
        )


def add_user(
    store: Store,
    name: str,
    *,
    role: str = COLLECTOR,
    actor: str,
    now: datetime,
    display_name: str = "",
) -> User:
    """Add ``name`` (or change their role); supervisors only, or the bootstrap case."""
    name = check_name(name)
    if role not in ROLES:
        raise UserError("users.unknown_role", role=repr(role), roles=" or ".join(ROLES))
    with store.transaction():
        if not is_supervisor(store, actor) and not may_bootstrap(store):
            raise PermissionDenied("users.add_refused", actor=actor)
        if role == COLLECTOR and role_of(store, name) == SUPERVISOR:
            _keep_one_supervisor(store, name)
        store.users.upsert_user(name, role, display_name, now)
        store.users.grant_role(name, role)  # on a server: their own role, its rights
    return User(name, role, display_name)


def role_statements(store: Store, name: str, *, role: str = COLLECTOR, actor: str) -> list[str]:
    """The SQL that would give ``name`` the rights of ``role`` on a database server, for a DBA
    to run (nothing is changed); empty for a SQLite file. Same permission as :func:`add_user`."""
    name = check_name(name)
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}; choose {' or '.join(ROLES)}")
    if not is_supervisor(store, actor) and not may_bootstrap(store):
        raise PermissionDenied(f"{actor} is not a supervisor: only a supervisor can add users")
    return store.users.grant_role(name, role, run=False)


def remove_user(store: Store, name: str, *, actor: str) -> bool:
    """Remove ``name`` from the table (their debtors keep them as collector)."""
    with store.transaction():
        require_supervisor(store, actor, "remove users")
        if role_of(store, name) == SUPERVISOR:
            _keep_one_supervisor(store, name)
        return store.users.delete_user(name)


def list_users(store: Store, *, actor: str) -> list[User]:
    """Every user; a collector only sees themself."""
    rows = store.users.list_users()
    if is_supervisor(store, actor):
        return rows
    return [u for u in rows if u.name == actor] or [User(actor, COLLECTOR)]


def known_collectors(store: Store) -> list[str]:
    """Every name work can sensibly go to: the users table and whoever owns a portfolio.

    Any name is accepted by a reassignment (unknown users are collectors), so
    the dashboard uses this to ask twice before handing debtors to a name that
    may be a typo.
    """

    names = {user.name for user in store.users.list_users()}
    return sorted(names | set(store.admin.assigned_collectors()))


def _keep_one_supervisor(store: Store, leaving: str) -> None:
    if store.users.count_supervisors() <= 1:
        raise UserError("users.last_supervisor", name=leaving)
