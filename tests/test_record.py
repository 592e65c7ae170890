"""record: the same objects as @dataclass(frozen=True), with shared comparison and printing."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pickle
import pkgutil
from dataclasses import FrozenInstanceError, dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

import casebook_pdf
from casebook_pdf.record import record


def _pair(body: dict) -> tuple[type, type]:
    """The same class body made by @record and by @dataclass(frozen=True)."""
    made = []
    for decorate in (record, dataclass(frozen=True)):
        namespace = {k: (dataclasses.field(**v.metadata["field"]) if isinstance(v, dataclasses.Field) and "field" in v.metadata else v)
                     for k, v in body.items()}
        made.append(decorate(type("Thing", (), namespace)))
    return made[0], made[1]


def _fields(**kwargs) -> dataclasses.Field:
    """A field spec _pair can give each class afresh (a Field object cannot be shared)."""
    return field(metadata={"field": kwargs})


BODY = {
    "__annotations__": {"a": "int", "b": "str", "hidden": "int", "ignored": "int", "c": "tuple"},
    "b": "x",
    "hidden": _fields(default=0, repr=False),
    "ignored": _fields(default=0, compare=False),
    "c": (),
}

values = st.tuples(st.integers(-3, 3), st.sampled_from(["", "x", "和"]), st.integers(0, 2), st.integers(0, 2),
                   st.tuples(st.integers(0, 2)) | st.just(()))


@given(values, values)
def test_equality_hash_and_repr_are_those_of_a_frozen_dataclass(one, two):
    ours, theirs = _pair(BODY)
    a1, a2, b1, b2 = ours(*one), ours(*two), theirs(*one), theirs(*two)
    assert repr(a1) == repr(b1)
    assert (a1 == a2) == (b1 == b2)
    assert (a1 != a2) == (b1 != b2)
    if a1 == a2:
        assert hash(a1) == hash(a2)


def test_fields_left_out_are_left_out():
    ours, _ = _pair(BODY)
    assert ours(1, "x", hidden=5) == ours(1, "x", hidden=5)
    assert "hidden" not in repr(ours(1, hidden=5))
    assert ours(1, ignored=1) == ours(1, ignored=2)
    assert hash(ours(1, ignored=1)) == hash(ours(1, ignored=2))
    assert "ignored=2" in repr(ours(1, ignored=2))


def test_other_classes_are_never_equal():
    ours, theirs = _pair(BODY)
    sub = record(type("Sub", (ours,), {}))
    assert ours(1) != theirs(1)
    assert ours(1) != sub(1)
    assert (ours(1) == (1, "x", 0, 0, ())) is False
    assert ours(1).__eq__(object()) is NotImplemented


def test_a_field_holding_the_same_nan_is_equal_as_in_a_dataclass():
    for body in ({"__annotations__": {"a": "float"}}, {"__annotations__": {"a": "float", "b": "int"}, "b": 0}):
        ours, theirs = _pair(body)
        nan = float("nan")
        assert (ours(nan) == ours(nan)) == (theirs(nan) == theirs(nan)) is True
        assert (ours(nan) == ours(float("nan"))) == (theirs(nan) == theirs(float("nan"))) is False
        assert hash(ours(nan)) == hash(theirs(nan))


def test_no_fields_and_one_field():
    empty, _ = _pair({})
    assert empty() == empty() and hash(empty()) == hash(empty()) and repr(empty()) == "Thing()"
    one, theirs = _pair({"__annotations__": {"a": "int"}})
    assert one(1) == one(1) != one(2)
    assert repr(one(1)) == repr(theirs(1)) == "Thing(a=1)"
    assert {one(1): "x"}[one(1)] == "x"


def test_frozen_replace_fields_and_match_args_as_a_dataclass():
    ours, theirs = _pair(BODY)
    thing = ours(1, "y")
    with pytest.raises(FrozenInstanceError):
        thing.a = 2  # type: ignore[misc]
    assert dataclasses.replace(thing, a=2) == ours(2, "y")
    assert [f.name for f in dataclasses.fields(ours)] == [f.name for f in dataclasses.fields(theirs)]
    assert ours.__match_args__ == theirs.__match_args__
    assert dataclasses.is_dataclass(thing)


def test_methods_the_class_defines_are_kept():
    def __repr__(self):
        return "mine"

    def __eq__(self, other):
        return True

    ours = record(type("Own", (), {"__annotations__": {"a": "int"}, "__repr__": __repr__, "__eq__": __eq__, "__hash__": None}))
    assert repr(ours(1)) == "mine"
    assert ours(1) == ours(2)
    assert hash(ours(1)) == hash(ours(1))  # __hash__ = None came from defining __eq__: a hash is added, as dataclass does

    def __hash__(self):
        return 7

    kept = record(type("OwnHash", (), {"__annotations__": {"a": "int"}, "__hash__": __hash__}))
    assert hash(kept(1)) == 7


def test_every_record_in_the_package_behaves_as_its_dataclass():
    """Each @record class of casebook_pdf against a frozen dataclass made from the same fields: the
    same repr for the same values (cache keys are made from reprs), and equality by value."""
    checked = 0
    for info in pkgutil.walk_packages(casebook_pdf.__path__, "casebook_pdf."):
        if info.name.endswith("__main__"):  # runs the command
            continue
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not (isinstance(cls, type) and cls.__module__ == module.__name__ and "_record_shown" in cls.__dict__):
                continue
            twin = dataclass(frozen=True)(type(cls.__name__, (), {
                "__annotations__": {f.name: "object" for f in dataclasses.fields(cls)},
                **{f.name: field(repr=f.repr, compare=f.compare) for f in dataclasses.fields(cls)},
            }))
            twin.__qualname__ = cls.__qualname__
            names = [f.name for f in dataclasses.fields(cls)]
            one = dict(zip(names, range(len(names))))
            ours = object.__new__(cls)
            for name, value in one.items():
                object.__setattr__(ours, name, value)
            assert repr(ours) == repr(twin(**one)), cls
            assert ours == dataclasses.replace(ours) and hash(ours) == hash(dataclasses.replace(ours))
            checked += 1
    assert checked > 50


def test_init_takes_what_the_dataclass_init_takes():
    body = {**BODY, "__annotations__": {**BODY["__annotations__"], "made": "list"}, "made": _fields(default_factory=list)}
    ours, theirs = _pair(body)
    assert list(inspect.signature(ours).parameters) == list(inspect.signature(theirs).parameters)
    for args, kwargs in [((1,), {}), ((1, "y", 2, 3, (4,)), {}), ((), {"a": 1, "c": (1,)}), ((1,), {"made": [5]})]:
        assert repr(ours(*args, **kwargs)) == repr(theirs(*args, **kwargs))
    assert ours(1).made == [] and ours(1).made is not ours(1).made  # a new list from the factory each time
    for args, kwargs in [((), {}), ((1, "y", 2, 3, (4,), [], 7), {}), ((1,), {"a": 1}), ((1,), {"nope": 1})]:
        with pytest.raises(TypeError):
            ours(*args, **kwargs)
        with pytest.raises(TypeError):
            theirs(*args, **kwargs)


def test_nothing_can_be_set_or_deleted_and_copies_are_equal():
    ours, _ = _pair(BODY)
    thing = ours(1, "y", made_later := 2)
    for change in (lambda: setattr(thing, "a", 2), lambda: setattr(thing, "new", 1), lambda: delattr(thing, "a")):
        with pytest.raises(FrozenInstanceError):
            change()
    assert thing.hidden == made_later
    assert copy.deepcopy(thing) == thing
    kept = Kept(1, [2])
    assert pickle.loads(pickle.dumps(kept)) == kept and copy.copy(kept) == kept


@record
class Kept:
    """A record pickle can find by name."""

    a: int
    b: list


def test_post_init_runs_after_the_fields_are_set():
    seen = []
    ours = record(type("Checked", (), {"__annotations__": {"a": "int"}, "__post_init__": lambda self: seen.append(self.a)}))
    ours(3)
    assert seen == [3]


def test_what_a_record_cannot_be_is_refused_when_the_class_is_made():
    for body in ({"__annotations__": {"a": "int"}, "a": _fields(kw_only=True)},
                 {"__annotations__": {"a": "int"}, "a": _fields(init=False, default=0)},
                 {"__annotations__": {"a": "dataclasses.InitVar[int]"}},
                 {"__annotations__": {"a": "int"}, "__setattr__": lambda self, name, value: None}):
        namespace = {k: (field(**v.metadata["field"]) if isinstance(v, dataclasses.Field) else v) for k, v in body.items()}
        with pytest.raises(TypeError):
            record(type("Odd", (), namespace))


def test_fields_named_like_the_init_s_own_names_are_set_as_given() -> None:
    odd = record(type("Odd", (), {"__annotations__": {"self": "int", "_set": "int", "_FACTORY": "int"}, "_FACTORY": 3}))
    made = odd(1, 2)
    assert (made.self, made._set, made._FACTORY) == (1, 2, 3)
    assert odd(self=4, _set=5)._set == 5


def test_records_of_one_shape_share_compiled_code_under_their_own_names() -> None:
    first = record(type("First", (), {"__annotations__": {"a": "int", "b": "int"}, "b": 2}))
    second = record(type("Second", (), {"__annotations__": {"x": "int", "y": "int"}, "y": 5}))
    assert first.__init__.__code__.co_code == second.__init__.__code__.co_code
    assert (second(1).x, second(1).y, first(3, 4).b) == (1, 5, 4)
    assert list(inspect.signature(second).parameters) == ["x", "y"]
    with pytest.raises(TypeError, match="'x'"):
        second()
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        record(type("Odd", (), {"__annotations__": {"a": "int", "b": "int"}, "a": 1}))
