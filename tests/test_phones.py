"""Phone numbers in one form: E.164 stored, one national format shown, garbage flagged."""

from __future__ import annotations

from pathlib import Path

import pytest
from builtin_settings import SETTINGS
from sqlfile import raw_rows

from callcenter.domain.phones import (
    dial_number,
    display_phone,
    is_flagged,
    is_normalised,
    normalise_phone,
)
from callcenter.service.imports import import_csv

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

#: Real-looking French numbers as ledgers write them -> (stored E.164, shown).
CORPUS = [
    ("0536493675", "+33536493675", "05 36 49 36 75"),
    ("+33 5 36 49 36 75", "+33536493675", "05 36 49 36 75"),
    ("05.36.49.36.75", "+33536493675", "05 36 49 36 75"),
    ("0033536493675", "+33536493675", "05 36 49 36 75"),
    ("0033 5 36 49 36 75", "+33536493675", "05 36 49 36 75"),
    ("+33 (0)5 36 49 36 75", "+33536493675", "05 36 49 36 75"),
    ("06 12 34 56 78", "+33612345678", "06 12 34 56 78"),
    ("06-12-34-56-78", "+33612345678", "06 12 34 56 78"),
    ("07 81 23 45 67", "+33781234567", "07 81 23 45 67"),
    ("09 70 12 34 56", "+33970123456", "09 70 12 34 56"),
    ("01 23 45 67 89 poste 12", "+33123456789;ext=12", "01 23 45 67 89 ext. 12"),
    ("+33 1 23 45 67 89 ext. 214", "+33123456789;ext=214", "01 23 45 67 89 ext. 214"),
    ("06 12 34 56 78 p. 3", "+33612345678;ext=3", "06 12 34 56 78 ext. 3"),
    # overseas departments: the national 0 format, or their own country code
    ("0262 21 00 00", "+262262210000", "0262 21 00 00"),  # La Réunion
    ("+262 692 12 34 56", "+262692123456", "0692 12 34 56"),
    ("0590 27 12 34", "+590590271234", "0590 27 12 34"),  # Guadeloupe
    ("0596 70 12 34", "+596596701234", "0596 70 12 34"),  # Martinique
    ("0694 12 34 56", "+594694123456", "0694 12 34 56"),  # Guyane mobile
    ("0269 63 12 34", "+262269631234", "0269 63 12 34"),  # Mayotte
    # 08 numbers (free, shared cost, premium) are French wherever they are dialled,
    # though the metadata also lists 0800-0829 and 0890-0899 under Guadeloupe; they are
    # written as the operators print them, 0 800 12 34 56
    ("0800 12 34 56", "+33800123456", "0 800 12 34 56"),
    ("08 06 12 34 56", "+33806123456", "0 806 12 34 56"),
    ("0810.12.34.56", "+33810123456", "0 810 12 34 56"),
    ("0825 12 34 56", "+33825123456", "0 825 12 34 56"),
    ("0884 12 34 56", "+33884123456", "0 884 12 34 56"),
    ("0899 12 34 56", "+33899123456", "0 899 12 34 56"),
    # abroad: the country code stays on screen
    ("+44 20 7946 0958", "+442079460958", "+44 20 7946 0958"),
    ("0044-20-7946-0958", "+442079460958", "+44 20 7946 0958"),
]

GARBAGE = ["12", "12 34", "voir standard", "06 12 34 56 7", "+33 1 23 45 67 89 0", "n/a"]


@pytest.mark.parametrize(("typed", "stored", "shown"), CORPUS)
def test_a_french_number_is_stored_in_e164_and_shown_nationally(typed, stored, shown):
    assert normalise_phone(typed) == stored
    assert is_normalised(stored) and not is_flagged(stored)
    assert display_phone(stored) == shown
    assert display_phone(typed) == shown  # rows imported before normalisation read the same
    assert dial_number(stored) == stored.partition(";")[0]


@pytest.mark.parametrize("typed", GARBAGE)
def test_garbage_is_kept_as_typed_flagged_and_never_dialled(typed):
    stored = normalise_phone(typed)
    assert stored == typed.strip()
    assert not is_normalised(stored) and is_flagged(stored)
    assert display_phone(stored) == typed
    assert dial_number(stored) is None


def test_nothing_is_nothing():
    assert normalise_phone("  ") == normalise_phone(None) == ""
    assert display_phone(None) == "" and not is_flagged("") and dial_number("") is None


def test_the_import_stores_e164_and_names_the_lines_kept_as_typed(store, now):
    import_csv(store, "clients", FIXTURES / "csv_clients.csv", now=now, config=SETTINGS)
    report = import_csv(
        store, "contacts", FIXTURES / "phones_contacts.csv", now=now, config=SETTINGS
    )
    stored = raw_rows(store, "SELECT phone, phone2 FROM contacts ORDER BY id")
    assert stored == [
        ("+33123456789", "+33536493675"),
        ("+33198765432;ext=214", ""),
        ("voir standard", ""),
        ("+33611223344", "+262262210000"),
        ("12 34", ""),
    ]
    assert report.phones_as_typed_lines == (4, 6)


def test_the_import_summary_names_those_lines():
    from rich.console import Console

    from callcenter.cli.imports import summary_table
    from callcenter.service.imports import ImportReport

    report = ImportReport(kind="csv:contacts", file="c.csv", lines=5, contacts=5,
                          phones_as_typed_lines=(4, 6))  # fmt: skip

    console = Console(width=100, record=True)
    console.print(summary_table(report, 1.0))
    out = console.export_text()
    assert "phone numbers kept as typed (not valid)" in out and "2 (lines 4, 6)" in out


def test_the_contact_lines_show_every_number_in_that_format_and_flag_the_rest():
    from callcenter.domain.models import Contact, Role
    from callcenter.i18n import Locale
    from callcenter.tui.widgets.contacts import contact_lines

    contacts = (
        Contact("C1", "Émilie", Role.ACCOUNTANT, phone="+33536493675", id=1),
        Contact("C1", "Thomas", Role.PURCHASING, phone="+33465713412",
                phone2="04.65.71.34.13", id=2),
        Contact("C1", "Accueil", Role.OTHER, phone="voir standard", id=3),
    )  # fmt: skip
    text = contact_lines(contacts, 1, Locale("fr"), None).plain
    assert "05 36 49 36 75" in text and "04 65 71 34 12 / 04 65 71 34 13" in text
    assert "voir standard  numéro non reconnu, tel que saisi" in text
    assert text.count("non reconnu") == 1


def test_stored_metropolitan_numbers_read_as_the_library_reads_them_without_loading_it():
    """The shortcut for ``+33`` + nine digits gives what libphonenumber gives, for every
    leading digit it covers, in valid and unallocated ranges alike."""
    import random

    import phonenumbers

    from callcenter.domain import phones

    draw = random.Random(17)
    numbers = [f"+33{first}{draw.randrange(10**8):08d}" for first in "12345679" for _ in range(60)]
    for stored in [*numbers, "+33100000000", "+33999999999", "+33639980000"]:
        assert phones._METROPOLITAN.fullmatch(stored)
        parsed = phones._parse(stored)
        assert parsed is not None
        assert display_phone(stored) == phonenumbers.format_number(
            parsed, phonenumbers.PhoneNumberFormat.NATIONAL
        )
        assert dial_number(stored) == stored == normalise_phone(stored)
        assert not is_flagged(stored)
    for other in ["+33812345678", "+330123456789", "+3312345678", "+33١٢٣٤٥٦٧٨٩", "+262262210000"]:
        assert not phones._METROPOLITAN.fullmatch(other)
