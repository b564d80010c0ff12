"""A collector's start imports only what its first dossier needs (cold start, README "Performance").

Each module below was once on the start path and cost it time (and memory)
without serving the first dossier; the probe runs the bench's own cold child
(start, ask for a debtor, stop once it is painted) in a fresh interpreter and
looks at what it imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from callcenter.bench import fixtures
from callcenter.config import load_config
from callcenter.service.demo import build_demo
from callcenter.store import open_database

PROBE = """
import json, sys
from callcenter.bench import children
shown = children.cold(sys.argv[1])
print(json.dumps({"code": shown["code"], "modules": sorted(sys.modules)}))
"""

#: Never imported to show the first dossier, with what each one brought.
NOT_AT_START = (
    "callcenter.store.sqlite.back_office",  # the back office's aggregates and their statements
    "callcenter.store.statements.figures",
    "callcenter.store.statements.imports",
    "callcenter.store.sqlite.staging",
    "callcenter.store.sqlite.admin",
    "callcenter.domain.figures",  # ~14 dataclasses, through the store's ports
    "callcenter.domain.campaigns",
    "callcenter.output_files",  # secrets and hashlib, for the theme's file
    "secrets",
    "hashlib",  # the bench's own fixtures, for the ledger's cache key
    "tomllib",  # only to read a settings file, and the probe has none
    "callcenter.tui.supervisor",
    "callcenter.tui.commands",
    "callcenter.letters",
    "callcenter.pdf",
    "callcenter.report",
    "callcenter.web",
    "callcenter.cli",
    "babel",
    "phonenumbers",
    "holidays",
    "jinja2",
    "openpyxl",
    "sqlite_utils",
)


def test_the_first_dossier_is_shown_without_the_modules_it_does_not_need(tmp_path):
    ledger = tmp_path / "team.db"
    store = open_database(ledger)
    try:  # the bench's demo ledger, small: its collector has debtors to call
        build_demo(
            store, debtors=60, seed=fixtures.SEED, now=fixtures.NOW, config=load_config(None)
        )
    finally:
        store.close()
    env = {k: v for k, v in os.environ.items() if k != "CALLCENTER_CONFIG"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no settings file: the built-in defaults
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(ledger)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["code"]  # a dossier was painted
    loaded = set(answer["modules"])
    found = sorted(
        name for name in NOT_AT_START if any(m == name or m.startswith(f"{name}.") for m in loaded)
    )
    assert found == []
