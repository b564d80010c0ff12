"""The demo generator writes its numbers in the form the normaliser would store them."""

from __future__ import annotations

import random

import pytest

from callcenter.domain.phones import normalise_phone
from callcenter.importers.demo.ledger import _phone, _typed_phone


@pytest.mark.parametrize("area", ["01", "02", "03", "04", "05"])
@pytest.mark.parametrize("mobile", [False, True])
def test_each_typed_style_is_stored_as_the_generator_writes_it(area, mobile):
    styles = set()
    for index in range(0, 400, 7):  # 232 numbers per block: every style many times over
        for slot in range(4):
            seed = index * 4 + slot
            typed = _typed_phone(random.Random(seed), area, index, slot, mobile)
            stored = _phone(random.Random(seed), area, index, slot, mobile)
            styles.add("+" if typed.startswith("+") else " " if " " in typed else "run")
            assert normalise_phone(typed) == stored, typed
    assert styles == {"+", " ", "run"}  # international, spaced national, run together


def test_the_generator_draws_as_many_numbers_as_before():
    """The same draws as the typed form: a ledger built from a seed stays the same ledger."""
    typed_rng, stored_rng = random.Random(5), random.Random(5)
    _typed_phone(typed_rng, "03", 17, 2, False)
    _phone(stored_rng, "03", 17, 2, False)
    assert typed_rng.random() == stored_rng.random()
