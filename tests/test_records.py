"""``record`` behaves as ``dataclass`` on the same class bodies (awesome_tools/records.py)."""
from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Tuple

import pytest

from awesome_tools import records
from awesome_tools.records import _record


def _both(make_body: Callable[[Any], type], **params: Any) -> Tuple[type, type]:
    """The same body made a dataclass (with dataclasses.field) and a record (with records'
    field), with the same name."""
    return (dataclass(**params)(make_body(dataclasses.field)),
            _record(**params)(make_body(records._field)))


def _point(field: Any) -> type:
    class Point:
        """A point."""

        x: int
        y: int = 0
        tags: List[str] = field(default_factory=list)
        note: str = field(default="", compare=False, repr=False)

    return Point


def _single(field: Any) -> type:
    class Single:
        """One field."""

        value: float

    return Single


def _empty(field: Any) -> type:
    class Empty:
        """No field."""

    return Empty


def _counted(field: Any) -> type:
    class Counted:
        """A __post_init__ that reads the fields."""

        items: Tuple[int, ...]
        total: int = 0

        def __post_init__(self) -> None:
            object.__setattr__(self, "total", sum(self.items))

    return Counted


CALLS: List[Tuple[Tuple[Any, ...], Dict[str, Any]]] = [
    ((1,), {}), ((1, 2), {}), ((1, 2, ["a"], "n"), {}), ((), {"x": 3}), ((1,), {"y": 5}),
    ((), {"y": 1, "x": 2, "note": "z"}), ((1, 2, [], "n", 9), {}), ((), {}), ((1,), {"x": 2}),
    ((1,), {"z": 2}), ((), {"y": 2}),
]


def _outcome(cls: type, args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> Any:
    try:
        made = cls(*args, **kwargs)
    except TypeError as error:
        return ("TypeError", "missing" in str(error), "unexpected" in str(error),
                "multiple" in str(error), "positional" in str(error))
    return vars(made)


@pytest.mark.parametrize("frozen", [True, False])
@pytest.mark.parametrize("args, kwargs", CALLS)
def test_init_takes_and_refuses_what_dataclass_does(frozen, args, kwargs):
    real, ours = _both(_point, frozen=frozen)
    assert _outcome(ours, args, kwargs) == _outcome(real, args, kwargs)


def test_field_order_defaults_and_factories_are_fresh():
    _, ours = _both(_point, frozen=True)
    one, two = ours(1), ours(2)
    assert list(vars(one)) == ["x", "y", "tags", "note"]
    assert one.tags == [] and one.tags is not two.tags


@pytest.mark.parametrize("frozen", [True, False])
def test_equality_hash_and_repr_match(frozen):
    real, ours = _both(_point, frozen=frozen)
    for cls in (real, ours):
        a, b, c = cls(1, 2, note="a"), cls(1, 2, note="b"), cls(1, 3)
        assert a == b and a != c and (a == (1, 2)) is False
        assert a.__eq__(object()) is NotImplemented
    assert repr(ours(1, 2, ["t"])) == repr(real(1, 2, ["t"])).replace(real.__qualname__,
                                                                      ours.__qualname__)
    if frozen:  # a frozen dataclass hashes the tuple of its compared fields
        assert hash(ours(1, 2, ("t",))) == hash(real(1, 2, ("t",))) == hash((1, 2, ("t",)))
    else:
        assert ours.__hash__ is None and real.__hash__ is None


def test_single_and_empty_records_compare_as_tuples():
    real, ours = _both(_single, frozen=True)
    nan = float("nan")
    for cls in (real, ours):
        same = cls(nan)
        assert same == same  # the tuple comparison's identity shortcut, as dataclass
        assert cls(1.0) == cls(1.0) and cls(1.0) != cls(2.0)
    assert hash(ours(1.0)) == hash(real(1.0))
    real_empty, ours_empty = _both(_empty, frozen=True)
    assert ours_empty() == ours_empty() and hash(ours_empty()) == hash(real_empty())
    assert repr(ours_empty()).endswith("Empty()")


def test_frozen_refuses_assignment_and_deletion():
    _, ours = _both(_point, frozen=True)
    point = ours(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.other = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.x
    _, loose = _both(_point)
    thing = loose(1)
    thing.x = 5
    assert thing.x == 5


def test_subclass_of_a_frozen_record_may_add_attributes_only_outside_its_fields():
    _, ours = _both(_point, frozen=True)

    class Child(ours):  # type: ignore[valid-type, misc]
        pass

    child = Child(1)
    child.extra = 1  # not a field, not the record's own class: allowed, as dataclass
    with pytest.raises(dataclasses.FrozenInstanceError):
        child.x = 3


def test_post_init_runs():
    real, ours = _both(_counted, frozen=True)
    assert ours((1, 2, 3)).total == real((1, 2, 3)).total == 6


def test_dataclass_functions_still_work():
    real, ours = _both(_point, frozen=True)
    point = ours(1, 2, ["a"], "n")
    assert [f.name for f in records._fields(point)] == [f.name for f in dataclasses.fields(real)]
    assert [f.name for f in records._fields(ours)] == ["x", "y", "tags", "note"]
    moved = records._replace(point, y=7)
    assert moved.y == 7 and moved.x == 1 and moved.tags == ["a"]
    assert ours.__match_args__ == real.__match_args__ == ("x", "y", "tags", "note")
    assert copy.deepcopy(point) == point


def test_eq_false_keeps_identity_and_hash():
    real, ours = _both(_point, eq=False)
    for cls in (real, ours):
        a, b = cls(1), cls(1)
        assert a != b and a == a and hash(a) != hash(b)


def test_methods_the_body_wrote_are_kept():
    def body(field: Any) -> type:
        class Own:
            """Writes its own repr and equality."""

            x: int

            def __repr__(self) -> str:
                return "own"

            def __eq__(self, other: object) -> bool:
                return True

            def __hash__(self) -> int:
                return 7

        return Own

    real, ours = _both(body, frozen=True)
    assert repr(ours(1)) == repr(real(1)) == "own"
    assert ours(1) == ours(2) and hash(ours(1)) == hash(real(1)) == 7


Picklable = _record(frozen=True)(_point(records._field))
Picklable.__qualname__ = Picklable.__name__ = "Picklable"


def test_pickle_round_trip():
    point = Picklable(1, 2, ["a"])
    assert pickle.loads(pickle.dumps(point)) == point


def test_defaults_are_class_attributes_and_factories_are_not():
    real, ours = _both(_point, frozen=True)
    for cls in (real, ours):
        assert cls.y == 0 and cls.note == "" and not hasattr(cls, "tags")


def test_replace_runs_post_init_and_refuses_unknown_fields():
    real, ours = _both(_counted, frozen=True)
    assert records._replace(ours((1, 2)), items=(5,)).total == 5
    with pytest.raises(TypeError):
        records._replace(ours((1,)), nope=1)
    with pytest.raises(TypeError):
        records._fields(object())


def test_bodies_dataclass_refuses_are_refused():
    def mutable(field: Any) -> type:
        class Mutable:
            """A list as a default."""

            items: List[int] = []  # noqa: RUF012

        return Mutable

    def order(field: Any) -> type:
        class Order:
            """A required field after a default."""

            a: int = 0
            b: int  # type: ignore[misc]

        return Order

    for body, error in ((mutable, ValueError), (order, TypeError)):
        with pytest.raises(error):
            dataclass(body(dataclasses.field))
        with pytest.raises(error):
            _record(body(records._field))
