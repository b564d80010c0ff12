"""What an installed callcenter tells about itself: its version, shell completion, its paths."""

from __future__ import annotations

from importlib import metadata

import pytest

from callcenter.cli import main
from callcenter.store.paths import default_db_path


def _run(capsys, *argv: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    return exc.value.code, capsys.readouterr().out


def test_version_is_the_installed_one(capsys):
    code, out = _run(capsys, "--version")
    assert code == 0 and out.strip() == f"callcenter {metadata.version('callcenter')}"


@pytest.mark.parametrize("shell", ["bash", "zsh", "tcsh"])
def test_completion_scripts_know_the_commands(capsys, shell):
    code, out = _run(capsys, "--print-completion", shell)
    assert code == 0
    for word in ("supervise", "export", "promises"):
        assert word in out
    if shell != "tcsh":  # tcsh completes commands and choices only
        assert "--since" in out and "xlsx" in out


def test_the_default_database_lives_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("CALLCENTER_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "callcenter" / "callcenter.db"
    monkeypatch.setenv("CALLCENTER_DB", str(tmp_path / "team.db"))
    assert default_db_path() == tmp_path / "team.db"
