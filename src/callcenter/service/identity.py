"""Who is at the keyboard, and whom they may act as.

In SQLite mode the identity is the operating-system login (the effective
uid's account, not ``$USER``, which anyone can set). Acting as someone else
(``--as NAME`` or ``$CALLCENTER_USER``) is for a supervisor covering for a
colleague, and each call they log records both names ("by X for Y"). Two
exceptions keep small setups and the demo working: while the file has no
supervisor, its owner may act as anyone (whoever created the file holds every
right over it), and a database built by ``callcenter demo`` lets anyone act as
any of its fictional users.

This only stops mistakes and casual misuse: anyone who can write the file can
change it with any SQLite tool. Enforced roles need a server database.
"""

from __future__ import annotations

import os
import pwd
import re

from callcenter.domain.record import record
from callcenter.service.errors import AccessRefused
from callcenter.store import Store

#: Letters, digits, dot, underscore, hyphen: what logins are made of, and nothing a
#: terminal or a CSV reader could take for a command.
NAME_RULE = re.compile(r"[A-Za-z0-9._-]{1,64}")


@record
class Identity:
    """``name`` does the work; ``entered_by`` is the login typing for them (None: themself)."""

    name: str
    entered_by: str | None = None


def os_login() -> str:
    """The account of the effective uid (tests replace this function to log in as someone)."""
    uid = os.geteuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid{uid}"


def check_name(name: str) -> str:
    """``name`` when it is a usable user name; else :class:`AccessRefused` ``identity.bad_name``."""
    if not isinstance(name, str) or not NAME_RULE.fullmatch(name):
        raise AccessRefused("identity.bad_name", name=ascii(name)[1:-1])
    return name


def resolve(store: Store, requested: str | None, *, login: str | None = None) -> Identity:
    """The identity for this session: the login, or ``requested`` when the login may act as them."""
    login = check_name(login or os_login())
    if not requested or requested == login:
        return Identity(login)
    name = check_name(requested)
    if store.dossiers.demo_marked():
        return Identity(name)  # the demo's people are fictional: anyone plays any of them
    if _may_act_for_others(store, login) or _owner_before_supervisors(store):
        return Identity(name, entered_by=login)  # logged: each row keeps who typed it
    raise AccessRefused("identity.as_refused", login=login, name=name)


def _may_act_for_others(store: Store, login: str) -> bool:
    """A supervisor may act for anyone: as the database's roles say where it keeps them
    (a server's connected role), else as the ``users`` table says."""
    connected = store.users.connected_as_supervisor()
    if connected is not None:
        return connected
    return store.users.role_of(login) == "supervisor"


def _owner_before_supervisors(store: Store) -> bool:
    return may_bootstrap(store)


def owns_database_file(store: Store) -> bool:
    """True when this process runs as the owner of the database (its file, or on a server
    the role owning it)."""
    return store.users.owner_connected()


def may_bootstrap(store: Store) -> bool:
    """The file owner may name the first supervisor while there is none."""
    return store.users.count_supervisors() == 0 and owns_database_file(store)
