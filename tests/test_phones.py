"""One on-screen format for phone numbers, whatever the file wrote."""

from __future__ import annotations

import pytest

from callcenter.domain.phones import display_phone


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("0536493675", "05 36 49 36 75"),
        ("+33 5 36 49 36 75", "05 36 49 36 75"),
        ("05.36.49.36.75", "05 36 49 36 75"),
        ("0033536493675", "05 36 49 36 75"),
        ("+33 (0)5 36 49 36 75", "05 36 49 36 75"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("0044-20-7946-0958", "+44 20 7946 0958"),
        ("01 23 45 67 89 poste 12", "01 23 45 67 89 poste 12"),
        ("  ", ""),
        (None, ""),
    ],
)
def test_display_phone(raw, shown):
    assert display_phone(raw) == shown


def test_the_contact_lines_show_every_number_in_that_format():
    from callcenter.domain.models import Contact, Role
    from callcenter.i18n import Locale
    from callcenter.tui.widgets.contacts import contact_lines

    contacts = (
        Contact("C1", "Émilie", Role.ACCOUNTANT, phone="0536493675", id=1),
        Contact(
            "C1",
            "Thomas",
            Role.PURCHASING,
            phone="+33 4 65 71 34 12",
            phone2="04.65.71.34.13",
            id=2,
        ),
    )
    text = contact_lines(contacts, 1, Locale("fr"), None).plain
    assert "05 36 49 36 75" in text and "04 65 71 34 12 / 04 65 71 34 13" in text
