"""Where the database is when the command line does not say."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    """``$CALLCENTER_DB``, else the user's data directory (platformdirs: XDG on Linux)."""
    env = os.environ.get("CALLCENTER_DB")
    if env:
        return Path(env)
    import platformdirs

    return platformdirs.user_data_path("callcenter", appauthor=False) / "callcenter.db"
