"""``scripts/bench --profile``: where the time goes, as pyinstrument text reports in ``.bench/``.

The workstation's database work runs in a worker thread, which a profile of
the UI thread does not see; so the worker path (log the outcome, claim the
next debtor, load its dossier, queue position and hints) is replayed here
in-process through the same ``Desk`` the screen uses.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from callcenter.bench.fixtures import NOW
from callcenter.bench.measures import COLLECTOR, SUPERVISOR


def _profiler():
    from pyinstrument import Profiler

    return Profiler(interval=0.0005)


def next_debtor_path(db: Path, outcomes: int, out: Path) -> Path:
    """Desk.log + Desk.next_debtor, ``outcomes`` times, as the outcome worker does."""
    from callcenter.config import load_config
    from callcenter.domain.models import Outcome
    from callcenter.store import open_database
    from callcenter.tui.desk import Desk

    store = open_database(db)
    try:
        desk = Desk(store, collector=COLLECTOR, lang="fr", config=load_config(None))
        shown = desk.next_debtor(NOW)
        profiler = _profiler()
        profiler.start()
        for n in range(outcomes):
            if shown is None:
                break
            moment = NOW + timedelta(seconds=n)
            desk.log(shown.code, Outcome.NO_ANSWER, moment)
            shown = desk.next_debtor(moment, skip=(shown.code,))
        profiler.stop()
        if shown is not None:
            desk.release(shown.code)
    finally:
        store.close()
    return _write(profiler, out / "profile-next_debtor.txt")


def figures_path(db: Path, runs: int, out: Path) -> Path:
    from callcenter.service.figures import figures
    from callcenter.store import open_database

    store = open_database(db)
    try:
        figures(store, now=NOW, actor=SUPERVISOR)
        profiler = _profiler()
        profiler.start()
        for _ in range(runs):
            figures(store, now=NOW, actor=SUPERVISOR, fresh=True)
        profiler.stop()
    finally:
        store.close()
    return _write(profiler, out / "profile-figures.txt")


def _write(profiler, path: Path) -> Path:
    path.write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
    return path
