"""The six real FEC files of fixtures/fec-real/, imported whole and checked customer by customer.

The expected figures were worked out from the files without the importer:
a separate script read each receivable line, put aside the lettering groups
that balance (settled in the ledger itself), let the remaining credits settle
the remaining debits oldest first, and numbered each open invoice by its
PieceRef when that names one debit entry of the file, else by its entry
number, else by the entry in parentheses. The literals below are its output,
checked by eye against the files (see the comments).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builtin_settings import SETTINGS
from ledger_builders import debtor_names
from sqlfile import raw_rows, raw_value

from callcenter.service.imports import import_fec

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "fec-real"

#: file -> customer code -> (name, balance in cents, {invoice number: open cents}).
EXPECTED: dict[str, dict[str, tuple[str, int, dict[str, int]]]] = {
    "neolegal_0000000001FEC20220831.txt": {
        # Opening lines share PieceRef RAN in one entry: one invoice per customer, numbered by
        # entry (ANO 1). JULES NOURRIT: FA 220272 (8 115,06) and the cheque of 8 194,19 are the
        # only unlettered lines: 79,13 in credit.
        "CFLORE": ("JARDIN DE FLORETTE", 0, {}),
        "CLAURE": ("LAURENT PRIMEURS", 666127, {"FA  220396": 666127}),
        "CPERR0": ("PERRIER CHRISTIAN", 0, {}),
        "CPERUZ": ("PERUZZ0", 0, {}),
        "CPMTN0": ("P MONTARNAL TRANSPORT PMT", 1807004, {"FA  220394": 1807004}),
        "CPRO00": (
            "PROSOL GESTION",
            2712329,
            {
                "FA  220376": 194595,
                "FA  220377": 188318,
                "FA  220378": 175763,
                "FA  220379": 112991,
                "FA  220380": 150654,
                "FA  220381": 225981,
                "FA  220382": 178902,
                "FA  220383": 112991,
                "FA  220384": 112991,
                "FA  220385": 103575,
                "FA  220386": 241674,
                "FA  220387": 192749,
                "FA  220388": 79758,
                "FA  220389": 96374,
                "FA  220390": 39879,
                "FA  220391": 192749,
                "FA  220392": 176132,
                "FA  220393": 136253,
            },
        ),
        "CROUS0": ("ROUSSY ET FILS SAS", 0, {}),
        "CMOURL": ("SAS MOURLHON", 43888, {"FA  220395": 43888}),
        "CENZA0": ("ENZA ZADEN", 0, {}),
        "CCUIPO": ("CUISINE ET POTAGER", 0, {}),
        "CCUISI": ("CUISINE CENTRALE DE FONTVIEILLE", 0, {}),
        "CRIJK0": ("RIJK ZWAAN", 0, {}),
        "CATTEN": ("Client attente", 0, {}),
        "CDISCO": ("EURO DISCOUNT FRAIS", 0, {}),
        "CRETAY": ("LE VERGER DE RETAYON", 30289, {"FA  220301": 10033, "FA  220302": 20256}),
        "CCALIX": ("JARDINS DE CALIXTE", 0, {}),
        "CNOURR": ("JULES NOURRIT", -7913, {"NON-IMPUTE": -7913}),
    },
    "neolegal_000000000FEC20231231.txt": {
        # EcritureNum 0 everywhere: every debit line is an invoice; the monthly PieceRef
        # (01/2023) is shared by two customers, so those invoices are named by their entry.
        "CCB": ("RECETTE CB", 151052, {"(ve 2023-06-30)": 151052}),
        "CESP": (
            "RECETTE ESPECES",
            2571918,
            {
                "(ve 2023-01-31)": 708815,
                "(ve 2023-02-28)": 696975,
                "(ve 2023-03-31)": 91081,
                "(ve 2023-04-30)": 503800,
                "(ve 2023-05-30)": 434197,
                "(ve 2023-06-30)": 137050,
            },
        ),
        "CVIR": ("RECETTES VIREMENT", 0, {}),
        "CCHQ": (
            "RECETTE CHQ",
            54200,
            {"06/2022": 10550, "12/2022": 9000, "(ve 2023-04-30)": 34650},
        ),
    },
    "neolegal_111111111FEC20221231.TXT": {
        # PieceRef is the folio of a month (VE  0623): invoices are named by EcritureNum.
        "41101590": ("E.LECLERC CARPENTR", 0, {}),
        "41104752": ("U EXPRESS MONTEUX", 25990, {"00000011": 11142, "00000074": 14848}),
        "41104251": ("SAS CHAMP DES GARR", -5603, {"NON-IMPUTE": -5603}),
        "41101765": ("FLEUR DES SABLES", 0, {}),
        "41104070": ("RIPERT ET FILS", 0, {}),
        "41102430": (
            "JARDIN DES PAPES",
            248913,
            {"00000069": 46707, "00000070": 127671, "00000076": 46609, "00000078": 27926},
        ),
        "41102985": ("LOU MISTRAOU", 18682, {"00000068": 9341, "00000084": 9341}),
        "41100736": ("CAVE TERRA VENTOUX", 0, {}),
        "41104754": ("U EXPRESS ALTHEN L", 0, {}),
        "41102786": ("LECLERC VALREAS", 0, {}),
        "41104749": ("U EXPRESS ELLIDIS", 18677, {"00000021": 18677}),
        "41102419": ("ITM SARRIANS", 0, {}),
        "41104250": ("SARL LES JARDINS D", 44012, {"00000088": 44012}),
        "41101589": ("E LECLERC ARLES", 0, {}),
        "41101591": ("E.LECLERC APT", 66465, {"00000081": 66465}),
        "41103596": ("PANIER SAUVAGE", 7470, {"00000030": 7470}),
        "41104750": ("U UTILE SAINT PIER", 0, {}),
        "41100540": ("BOURGOIN DISTRIBUT", 37365, {"00000049": 9341, "00000083": 28024}),
        "41104751": ("U EXPRESS BEAUMES", 0, {}),
        "41102785": ("LES DELICES DU JAR", 12251, {"00000085": 12251}),
        "41101050": ("COLRUYT RETAIL FRA", 643994, {"00000056": 643994}),
        "41104815": ("VENTOUX FRUITS", 3704, {"00000063": 3704}),
        "41101309": ("DELICIEUSE FRAISE", 14914, {"00000065": 9309, "00000075": 5605}),
        "41104746": ("U EXPRESS CAUMONT", 37235, {"00000071": 22289, "00000080": 14946}),
        "41100541": ("BOULANGERIE DE SOP", 9341, {"00000072": 9341}),
        "41102620": (
            "LA HALLE DES PRODU",
            58001,
            {"00000073": 26025, "00000086": 13293, "00000087": 18683},
        ),
        "41104755": ("U EXPRESS SAINT SA", 5605, {"00000077": 5605}),
        "41100735": ("CAPL", 0, {}),
        "41102106": ("GROUPE RICAUD PROV", 187165, {"00000082": 187165}),
        "41104249": ("SADO ITM SORGUES", 0, {}),
        "41101745": ("FINISTERESTES29", 0, {}),
        "41104680": ("TOCO", 0, {}),
        "41101311": ("DESTOCKPRIM", 0, {}),
        "41104248": ("SARL A VOTRE SERVI", 7471, {"00000192": 7471}),
    },
    "neolegal_123456789FEC20500930.txt": {
        # One collective account, no auxiliaries: one debtor. The opening 2 153,38 is
        # lettered AAAF with its reversal; the two OD entries are open.
        "411100000": ("CLIENTS", 12820050, {"OD000000095": 7578450, "OD000000096": 5241600}),
    },
    "odoo_test_fec_export.txt": {
        # PieceRef "-": the opening and the invoice are named by their entry numbers.
        "8": ("partner_a", 600000, {"OUVERTURE/2020": 300000, "INV/2020/00001": 300000}),
    },
    "tryton_test_FEC.csv": {
        # The Deferral entry is numbered 0: named by journal and date.
        "2": ("Party", 1500, {"(Deferral 2018-01-01)": 500, "1": 1000}),
    },
}
ACCOUNTS = {"odoo_test_fec_export.txt": ("121",), "tryton_test_FEC.csv": ("4967",)}


def _import(store, now, name):
    return import_fec(
        store, REAL / name, now=now, accounts=ACCOUNTS.get(name, ("411",)), config=SETTINGS
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_customer_balance_name_and_open_invoice(store, now, name):
    report = _import(store, now, name)
    expected = EXPECTED[name]
    names = debtor_names(store)
    assert names == {code: value[0] for code, value in expected.items()}
    rows = raw_rows(store, "SELECT debtor_code, number, open_cents FROM invoices")
    balances: dict[str, int] = {}
    opens: dict[str, dict[str, int]] = {code: {} for code in expected}
    for code, number, open_cents in rows:
        balances[code] = balances.get(code, 0) + open_cents
        if open_cents:
            opens[code][number] = open_cents
    assert balances == {code: value[1] for code, value in expected.items()}
    assert opens == {code: value[2] for code, value in expected.items()}
    assert report.balance_cents == sum(value[1] for value in expected.values())
    assert report.unallocated_lines == () and report.rejects == 0


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_only_customers_who_owe_are_queued(store, now, name):
    _import(store, now, name)
    entries = (store.queue.entry(code) for code in store.queue.debtor_codes())
    states = {e.code: e.state for e in entries if e is not None}
    for code, (_, balance, _) in EXPECTED[name].items():
        queued = states.get(code) in ("due", "callback")
        assert queued == (balance > 0), (code, balance, states.get(code))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_second_import_of_the_same_file_changes_nothing(store, now, name):
    _import(store, now, name)
    first = raw_rows(store, "SELECT * FROM invoices ORDER BY id")
    report = _import(store, now, name)
    assert raw_rows(store, "SELECT * FROM invoices ORDER BY id") == first
    assert report.closed == 0


@pytest.mark.parametrize(
    ("name", "invoices"),
    [
        # Distinct (customer, journal, entry, date) among debit lines on 411, counted with
        # awk: one invoice each (the opening RAN lines and folio PieceRefs merge nothing).
        ("neolegal_0000000001FEC20220831.txt", 400),
        ("neolegal_111111111FEC20221231.TXT", 95),
        # EcritureNum 0 everywhere: one invoice per debit line.
        ("neolegal_000000000FEC20231231.txt", 20),
    ],
)
def test_one_invoice_per_debit_entry(store, now, name, invoices):
    report = _import(store, now, name)
    assert report.invoices == invoices
    count = "SELECT count(*) FROM invoices WHERE kind = 'invoice'"
    assert raw_value(store, count) == invoices


def test_generic_charts_are_refused_with_the_account_to_pass(store, now):
    from callcenter.importers.errors import BadInput

    with pytest.raises(BadInput, match=r"account 121000: pass --accounts 121000$"):
        import_fec(store, REAL / "odoo_test_fec_export.txt", now=now, config=SETTINGS)
    with pytest.raises(BadInput, match=r"account 4967: pass --accounts 4967$"):
        import_fec(store, REAL / "tryton_test_FEC.csv", now=now, config=SETTINGS)


def test_cr_cr_lf_lines_are_counted_once(store, now):
    report = _import(store, now, "neolegal_123456789FEC20500930.txt")
    assert report.lines == 10_756  # the header and 10 756 entries lines, each ended CR CR LF
