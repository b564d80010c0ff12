"""The command line speaks the session's language: help, argparse's errors, summaries."""

from __future__ import annotations

import argparse
import json

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


@pytest.fixture
def ledger(tmp_path, monkeypatch):
    """A small demo team database; every command runs at the suite's frozen now."""
    monkeypatch.setenv("CALLCENTER_NOW", "2026-11-24T10:00:00+01:00")
    monkeypatch.setenv("CALLCENTER_USER", "claire")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    db = str(tmp_path / "team.db")
    assert main(["--db", db, "--lang", "en", "demo", "--debtors", "12", "--json"]) == 0
    return db


def _say(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("lang", "said"),
    [("fr", ("file classée", "construit en", "débiteurs")), ("en", ("queue scored", "built in"))],
)
def test_the_demo_summary_speaks_the_language(tmp_path, capsys, monkeypatch, lang, said):
    monkeypatch.setenv("CALLCENTER_NOW", "2026-11-24T10:00:00+01:00")
    db = str(tmp_path / "demo.db")
    code, out, _ = _say(capsys, "--db", db, "--lang", lang, "demo", "--debtors", "12")
    assert code == 0 and all(words in out for words in said)


def test_rescore_check_and_errors_in_french(ledger, capsys):
    code, out, _ = _say(capsys, "--db", ledger, "--lang", "fr", "rescore")
    assert code == 0 and "12 débiteurs classés en " in out
    code, out, _ = _say(capsys, "--db", ledger, "--lang", "fr", "check")
    assert code == 0 and out.startswith("base ") and "schéma v" in out
    code, _, err = _say(capsys, "--db", ledger, "--lang", "fr", "log", "NOPE", "bogus")
    assert code == 2 and err.startswith("erreur : ")
    code, _, err = _say(capsys, "--db", ledger, "--lang", "fr", "queue", "--limit", "0")
    assert code == 2 and err.strip() == "erreur : --limit doit valoir au moins 1"


def test_rescore_check_and_errors_in_english(ledger, capsys):
    code, out, _ = _say(capsys, "--db", ledger, "--lang", "en", "rescore")
    assert code == 0 and "12 debtors scored in " in out
    code, out, _ = _say(capsys, "--db", ledger, "--lang", "en", "check")
    assert code == 0 and out.startswith("database ") and "schema v" in out
    code, _, err = _say(capsys, "--db", ledger, "--lang", "en", "queue", "--limit", "0")
    assert code == 2 and err.strip() == "error: --limit must be at least 1"


def test_a_logged_call_is_said_in_the_language(ledger, capsys, monkeypatch):
    code, out, _ = _say(capsys, "--db", ledger, "--lang", "en", "queue", "--json", "--all")
    entry = json.loads(out)[0]
    first = entry["code"]
    code, _, err = _say(capsys, "--db", ledger, "--lang", "fr", "log", first, "no_answer")
    if entry.get("collector") not in (None, "claire"):  # someone else's: refused in French
        assert code == 2 and "rien n'a été enregistré" in err
        monkeypatch.setenv("CALLCENTER_USER", entry["collector"])
        code, out, _ = _say(capsys, "--db", ledger, "--lang", "fr", "log", first, "no_answer")
    assert code == 0 and out.startswith("appel ") and f"enregistré : {first} no_answer" in out
    call_id = out.split()[1]
    code, out, _ = _say(capsys, "--db", ledger, "--lang", "en", "undo", call_id)
    assert code == 0 and out.startswith(f"call {call_id} undone (entry ")


def test_import_summary_counts_read_the_french_way():
    from rich.console import Console

    from callcenter.cli.imports import summary_table
    from callcenter.service.imports import ImportReport

    report = ImportReport("fec", "/x/grand-livre.txt", 2941, customers=1, invoices=2941,
                          invoices_open=12, balance_cents=1_234_56, unallocated_cents=5_00,
                          unallocated_lines=(7,))  # fmt: skip
    said = {}
    for lang in ("fr", "en"):
        console = Console(width=100, record=True)
        console.print(summary_table(report, 2.5, lang=lang))
        said[lang] = console.export_text()
    assert "Import de grand-livre.txt" in said["fr"] and "lignes lues" in said["fr"]
    assert "2\u202f941 (12)" in said["fr"] and "1\u202f234,56\u00a0€" in said["fr"]
    assert "(ligne 7)" in said["fr"] and "2,50 s (1\u202f176 lignes/s)" in said["fr"]
    assert "Imported grand-livre.txt" in said["en"] and "2,941 (12)" in said["en"]
    assert "(line 7)" in said["en"] and "2.50 s (1,176 lines/s)" in said["en"]
