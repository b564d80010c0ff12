"""``@record`` behaves as ``@dataclass(frozen=True)`` does, method for method."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError, asdict, dataclass, field, fields, replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter.domain.record import record


@record
class Invoice:
    number: str
    amount_cents: int
    due: date | None = None
    tags: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list, compare=False)


@dataclass(frozen=True, slots=True)
class Generated:
    number: str
    amount_cents: int
    due: date | None = None
    tags: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list, compare=False)


@record
class One:
    code: str


@dataclass(frozen=True)
class OneGenerated:
    code: str


@record(slots=False)
class Loose:
    code: str


@record
class Empty:
    pass


@record
class Spoken:
    code: str

    def __repr__(self) -> str:
        return f"<{self.code}>"


values = st.tuples(
    st.text(max_size=8),
    st.integers(),
    st.none() | st.dates(),
    st.lists(st.text(max_size=3), max_size=3).map(tuple),
)


@given(values, values)
def test_equality_hash_and_repr_are_the_generated_ones(first, second):
    a, b = Invoice(*first), Invoice(*second)
    ga, gb = Generated(*first), Generated(*second)
    assert (a == b) is (ga == gb)
    assert (a != b) is (ga != gb)
    assert hash(a) == hash(ga)
    assert repr(a) == repr(ga).replace("Generated", "Invoice")
    assert a == Invoice(*first)
    assert a != ga  # another class is never equal, as with dataclasses


def test_a_field_left_out_of_comparison_stays_out():
    assert Invoice("F1", 100, notes=["a"]) == Invoice("F1", 100, notes=["b"])
    assert hash(Invoice("F1", 100, notes=["a"])) == hash(Invoice("F1", 100))


def test_one_field_and_no_field_hash_as_tuples_do():
    assert hash(One("C1")) == hash(OneGenerated("C1")) == hash(("C1",))
    assert One("C1") == One("C1") and One("C1") != One("C2")
    assert repr(One("C1")) == "One(code='C1')"
    assert Empty() == Empty() and hash(Empty()) == hash(()) and repr(Empty()) == "Empty()"


def test_it_is_frozen_and_a_dataclass():
    invoice = Invoice("F1", 100)
    with pytest.raises(FrozenInstanceError):
        invoice.amount_cents = 5  # type: ignore[misc]
    assert replace(invoice, amount_cents=5) == Invoice("F1", 5)
    assert [f.name for f in fields(invoice)] == ["number", "amount_cents", "due", "tags", "notes"]
    assert asdict(invoice)["number"] == "F1"
    assert Invoice.__slots__ == ("number", "amount_cents", "due", "tags", "notes")
    assert not hasattr(Invoice("F1", 1), "__dict__")
    assert hasattr(Loose("C"), "__dict__") and Loose("C") == Loose("C")
    assert pickle.loads(pickle.dumps(invoice)) == invoice


def test_a_method_written_in_the_class_is_kept():
    assert repr(Spoken("C9")) == "<C9>"
    assert Spoken("C9") == Spoken("C9")


def test_a_record_that_holds_itself_prints_without_recursing():
    @record
    class Box:
        items: list

    box = Box([])
    box.items.append(box)
    assert repr(box).endswith("Box(items=[...])")
