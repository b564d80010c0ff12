"""Workstation sessions: an id per window that says which process on which host holds it.

A claim carries its session id, so that when a collector's session dies
(SSH drop, kill, crash) their next session can tell that the claim's holder
is gone and give them that debtor back at once, instead of leaving it
locked until the lease runs out. Only a process on this host can be checked;
a session from another host, or an id of the older ``pid-uuid`` form, counts
as alive and its claim simply waits for its lease.
"""

from __future__ import annotations

import os
import socket
import uuid


def new_session_id() -> str:
    """``host/pid/random``: unique per window, and checkable by a later session."""
    return f"{socket.gethostname()}/{os.getpid()}/{uuid.uuid4().hex[:8]}"


def is_alive(session: str) -> bool:
    """False only when ``session`` names a process of this host that no longer runs."""
    host, _, rest = session.partition("/")
    pid_text = rest.partition("/")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return True  # cannot tell from here: trust the lease
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process (PermissionError): it runs
    return True
