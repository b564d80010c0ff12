"""The command line speaks the session's language: help, argparse's errors, summaries."""

from __future__ import annotations

import argparse

import pytest

from callcenter.cli import build_parser, main
from callcenter.i18n import Locale
from callcenter.i18n.catalogue import CATALOGUE


def _run(capsys, monkeypatch, lang_env: str, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("LANG", lang_env)
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    out, err = capsys.readouterr()
    return int(done.value.code or 0), out, err


def test_help_is_french_in_a_french_session(capsys, monkeypatch):
    code, out, _ = _run(capsys, monkeypatch, "fr_FR.UTF-8", "--help")
    assert code == 0
    assert out.startswith("utilisation : callcenter")
    assert "afficher cette aide et quitter" in out
    assert "importer un FEC (export comptable) ou un fichier CSV" in out
    assert "langue de l'interface" in out
    assert "positional arguments" not in out and "show this help" not in out


def test_help_is_english_in_an_english_session(capsys, monkeypatch):
    code, out, _ = _run(capsys, monkeypatch, "en_US.UTF-8", "import", "csv", "--help")
    assert code == 0
    assert out.startswith("usage: callcenter import csv")
    assert "import the good lines and write the bad ones" in out
    assert "below (required ones marked *)" in out and "clients: code*" in out


def test_lang_wins_over_the_environment(capsys, monkeypatch):
    _, out, _ = _run(capsys, monkeypatch, "en_US.UTF-8", "--lang", "fr", "log", "--help")
    assert "RÉSULTAT est l'un de : promise, no_answer" in out
    assert "montant promis (par défaut : tout l'échu)" in out


def test_argparse_errors_are_french_in_a_french_session(capsys, monkeypatch):
    code, _, err = _run(capsys, monkeypatch, "fr_FR.UTF-8", "log")
    assert code == 2
    assert "callcenter log : erreur : ces arguments sont obligatoires : code, OUTCOME" in err
    _, _, err = _run(capsys, monkeypatch, "fr_FR.UTF-8", "--lang", "de")
    assert "erreur : argument --lang : choix invalide : 'de' (au choix : 'fr', 'en')" in err
    _, _, err = _run(capsys, monkeypatch, "en_US.UTF-8", "queue", "--bogus")
    assert "error: unrecognized arguments: --bogus" in err


def test_argparse_is_itself_again_after_a_command(capsys, monkeypatch):
    _run(capsys, monkeypatch, "fr_FR.UTF-8", "--help")
    plain = argparse.ArgumentParser(prog="x")
    assert plain.format_usage().startswith("usage: x")


def _help_ids(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if action.help and action.help.startswith("cli."):
            yield action.help
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                yield choice.help
            for sub in action.choices.values():
                if isinstance(sub.description, str) and sub.description.startswith("cli."):
                    yield sub.description
                yield from _help_ids(sub)


def test_every_help_id_is_in_the_catalogue():
    ids = set(_help_ids(build_parser(Locale("fr"))))
    assert len(ids) > 100
    assert {i for i in ids if i.startswith("cli.")} <= CATALOGUE.keys()
