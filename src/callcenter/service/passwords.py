"""Passwords for the browser (``callcenter serve``): set by a supervisor, checked at login.

In a terminal the identity is the operating-system login; a browser has none,
so a visitor of the served workstation names themself and proves it with a
password. Only its argon2id hash is stored (argon2-cffi's defaults, the
parameters RFC 9106 recommends), with a random salt per hash. A login that
names an unknown user, or one without a password, costs the same hashing time
as a wrong password, so the answer does not tell which names exist.
"""

from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from callcenter.service.identity import Identity, check_name
from callcenter.service.users import PermissionDenied, UserError, is_supervisor, may_bootstrap
from callcenter.store import Store

#: Long enough that guessing through the login screen is hopeless; no other rule
#: (NIST SP 800-63B: length, not composition).
MIN_LENGTH = 10
MAX_LENGTH = 256

_hasher = PasswordHasher()
#: Verified against when there is no hash to check, so every failed login costs the same.
_NOBODY = _hasher.hash("no such user: this hash only spends the time a real check spends")


def set_password(
    store: Store, name: str, password: str | None, *, actor: str, now: datetime
) -> None:
    """Give ``name`` a new password (None: remove it, closing the browser to them).

    A supervisor sets or resets anyone's; a user may change their own; while
    the file has no supervisor, its owner may (as for ``user add``). The user
    must be in the table: a password does not create an account.
    """
    name = check_name(name)
    if password is not None and not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise UserError("password.length", low=MIN_LENGTH, high=MAX_LENGTH)
    hashed = None if password is None else _hasher.hash(password)
    with store.transaction():
        if actor != name and not is_supervisor(store, actor) and not may_bootstrap(store):
            raise PermissionDenied("password.not_supervisor", actor=actor)
        if not store.users.set_password_hash(name, hashed, now):
            raise UserError("password.no_user", name=name)


def log_in(store: Store, name: str, password: str) -> Identity | None:
    """The identity of ``name`` when ``password`` is theirs, else None (whatever the reason)."""
    try:
        name = check_name(name)
    except ValueError:
        name = ""
    stored = store.users.password_hash(name) if name else None
    try:
        _hasher.verify(stored or _NOBODY, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return Identity(name) if stored else None
