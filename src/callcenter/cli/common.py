"""What every subcommand shares: opening the store, who is calling, output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, tzinfo
from typing import Any, NoReturn

from rich.console import Console

from callcenter.i18n import CodedError, Locale, detect_locale
from callcenter.service import identity
from callcenter.service.errors import AccessRefused
from callcenter.service.identity import Identity
from callcenter.store import NoDatabase, Store, StoreError, open_database
from callcenter.store.paths import default_db_path

#: The language of this command, set by ``main`` once the command line is read, so an
#: error said deep in a command speaks it even where no ``Locale`` was handed down.
SESSION_LOCALE: ContextVar[Locale] = ContextVar("callcenter_session_locale")

#: Errors the service raises for a refused or impossible request: printed, exit 1.
_REFUSALS = (LookupError, ValueError, PermissionError)


console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


class UsageError(CodedError):
    """A mistake in what the user typed; printed without a traceback.

    Given a catalogue id and values it speaks the session's language; a plain
    sentence (already worded) is shown as it is.
    """


def open_store(args: argparse.Namespace, *, create: bool = False) -> Store:
    """The database named by ``--db``; only import, demo and ``user add`` pass ``create``:
    a read command on a mistyped path must say "no database at PATH", not show an empty queue."""
    try:
        return open_database(args.db, create=create)
    except NoDatabase:  # 2: a mistyped path
        path = args.db or default_db_path()
        fail(detect_locale(getattr(args, "lang", None)).t("cli.no_database", path=path), code=2)
    except StoreError as exc:
        fail(detect_locale(getattr(args, "lang", None)).error(exc))


def current_user(args: argparse.Namespace, store: Store) -> str:
    """Who this command acts as: the login, or ``--as`` / ``$CALLCENTER_USER`` when allowed."""
    return acting(args, store).name


def acting(args: argparse.Namespace, store: Store) -> Identity:
    """The identity for this command, with the login typing for someone else, if any.

    A refused ``--as`` or a malformed name ends the command (exit 2) in the
    interface language.
    """
    requested = getattr(args, "as_user", None) or os.environ.get("CALLCENTER_USER") or None
    try:
        return identity.resolve(store, requested)
    except AccessRefused as exc:
        fail(detect_locale(getattr(args, "lang", None)).error(exc), code=2)


def now(args: argparse.Namespace | None = None) -> datetime:
    """The current instant; ``CALLCENTER_NOW`` (ISO 8601) freezes it for demos and tests."""
    frozen = os.environ.get("CALLCENTER_NOW")
    if frozen:
        moment = datetime.fromisoformat(frozen)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.now(UTC)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def session_locale() -> Locale:
    """This command's language: what ``main`` read, else the environment's."""
    return SESSION_LOCALE.get(None) or detect_locale()


def worded(exc: BaseException) -> str:
    """An error in this command's language: coded ones (store, settings, files) are worded,
    others read as they came."""
    return session_locale().error(exc)


def fail(message: str, code: int = 1, *, ui: Locale | None = None) -> NoReturn:
    """Print ``message`` as an error (``erreur :`` in French) and end with status ``code``."""
    said = (ui or session_locale()).t("cli.error")
    # soft_wrap: one line, whatever the width; the terminal folds it, scripts read it whole.
    err_console.print(f"[bold red]{_escape(said)}[/] {_escape(message)}", soft_wrap=True)
    raise SystemExit(code)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def args_locale(args: argparse.Namespace) -> Locale:
    """The interface language a command's ``--lang`` (or the environment) asks for."""
    return detect_locale(getattr(args, "lang", None))


def iso(moment: datetime | None) -> str | None:
    """An instant for JSON output (None stays None)."""
    return moment.isoformat() if moment else None


def named_campaign_id(store: Store, args: argparse.Namespace) -> int | None:
    """The id of the campaign ``--campaign`` names (None without one; unknown: a usage error)."""
    name = getattr(args, "campaign", None)
    if not name:
        return None
    from callcenter.service.campaigns import UnknownCampaign, campaign_by_name

    try:
        return campaign_by_name(store, name).id
    except UnknownCampaign as exc:
        raise UsageError(worded(exc)) from exc


def office_tz(args: argparse.Namespace) -> tzinfo:
    """The office timezone of the settings (Paris unless the file says otherwise)."""
    return args.settings.tz


def _refused(exc: Exception, args: argparse.Namespace) -> None:
    """A refusal in the interface language; a malformed name is a typing mistake (exit 2)."""
    mistake = isinstance(exc, AccessRefused) and exc.key == "identity.bad_name"
    fail(detect_locale(args.lang).error(exc), code=2 if mistake else 1)


@contextmanager
def refusable_store(args: argparse.Namespace, *, create: bool = False) -> Iterator[Store]:
    """The store for one command, closed afterwards; a service's refusal ends it cleanly."""
    store = open_store(args, create=create)
    try:
        yield store
    except _REFUSALS as exc:
        _refused(exc, args)
    finally:
        store.close()
