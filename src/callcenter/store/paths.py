"""Where the database is when the command line does not say."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    """``$CALLCENTER_DB``, else the user's data directory (XDG on Linux)."""
    env = os.environ.get("CALLCENTER_DB")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "callcenter" / "callcenter.db"
