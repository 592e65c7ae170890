"""records.frozen makes the class @dataclass(frozen=True) makes, only cheaper to create (no timings here)."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pkgutil
from dataclasses import field
from typing import Any

import pytest

import casebook_pdf
from casebook_pdf.records import frozen


def _pair(body: dict[str, Any], annotations: dict[str, str]) -> tuple[type, type]:
    """The same class body made by each decorator."""
    made = []
    for decorate in (dataclasses.dataclass(frozen=True), frozen):
        namespace = {"__annotations__": dict(annotations), "__module__": __name__, "__qualname__": "Thing",
                     **{k: copy.copy(v) if isinstance(v, dataclasses.Field) else v for k, v in body.items()}}
        made.append(decorate(type("Thing", (), namespace)))
    return made[0], made[1]


KINDS = {
    "no fields": ({}, {}),
    "one field": ({}, {"a": "int"}),
    "defaults and factories": ({"b": "x", "c": field(default_factory=tuple), "d": field(default=2.5, repr=False)},
                               {"a": "int", "b": "str", "c": "tuple", "d": "float"}),
    "compare and hash options": ({"k": field(default="", compare=False), "h": field(default=0, hash=False),
                                  "m": field(default_factory=dict, compare=False, hash=False, repr=False)},
                                 {"a": "int", "k": "str", "h": "int", "m": "dict"}),
    "not in __init__": ({"late": field(init=False, default=7), "made": field(init=False, default_factory=tuple)},
                        {"a": "int", "late": "int", "made": "tuple"}),
}


def _post_init(self: Any) -> None:
    object.__setattr__(self, "derived", self.a * 2)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("post_init", [False, True])
def test_a_frozen_record_behaves_as_the_frozen_dataclass(kind: str, post_init: bool) -> None:
    body, annotations = KINDS[kind]
    if post_init:
        if "a" not in annotations:
            pytest.skip("no field to derive from")
        body = {**body, "__post_init__": _post_init}
    std, ours = _pair(body, annotations)
    assert str(inspect.signature(ours)) == str(inspect.signature(std))
    assert ours.__match_args__ == std.__match_args__
    assert [(f.name, f.default, f.default_factory, f.init, f.repr, f.hash, f.compare) for f in dataclasses.fields(ours)] == \
        [(f.name, f.default, f.default_factory, f.init, f.repr, f.hash, f.compare) for f in dataclasses.fields(std)]
    assert ours.__dataclass_params__.frozen and ours.__dataclass_params__.eq and dataclasses.is_dataclass(ours)
    args = {"a": 3} if "a" in annotations else {}
    others = [{}, {"a": 4}, {"k": "other"}, {"h": 9}, {"m": {"x": 1}}, {"b": "y"}, {"c": (1,)}, {"d": 1.5}]
    s, o = std(**args), ours(**args)
    assert repr(o) == repr(s) and vars(o) == vars(s)
    assert hash(o) == hash(s) and o == ours(**args) and o != s and (o != 3) is True
    for change in others:
        change = {k: v for k, v in change.items() if k in annotations and (k in args or k not in ("a",))}
        if not change or not all(f.init for f in dataclasses.fields(std) if f.name in change):
            continue
        s2, o2 = dataclasses.replace(s, **change), dataclasses.replace(o, **change)
        assert (o2 == o) == (s2 == s) and repr(o2) == repr(s2)
        if (s2 == s) and all(f.hash is not False for f in dataclasses.fields(std) if f.name in change):
            assert hash(o2) == hash(o)
    for name in [*annotations, "other"]:
        with pytest.raises(dataclasses.FrozenInstanceError) as raised:
            setattr(o, name, 1)
        with pytest.raises(dataclasses.FrozenInstanceError) as raised_std:
            setattr(s, name, 1)
        assert str(raised.value) == str(raised_std.value)
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(o, name)
    assert copy.deepcopy(o) == o and copy.copy(o) == o


def test_a_recursive_repr_stops_as_the_dataclass_one_does() -> None:
    std, ours = _pair({}, {"items": "list"})
    s, o = std([]), ours([])
    s.items.append(s)
    o.items.append(o)
    assert repr(o) == repr(s) == "Thing(items=[...])"


def test_what_it_cannot_make_cheaply_is_made_by_dataclasses() -> None:
    @frozen
    class Own:
        a: int

        def __repr__(self) -> str:
            return "mine"

    assert repr(Own(1)) == "mine" and Own(1) == Own(1) and hash(Own(1)) == hash(Own(1))

    @frozen
    class Base:
        a: int

    @frozen
    class Derived(Base):
        b: int = 0

    assert Derived(1, 2) == Derived(1, 2) and repr(Derived(1)) == "test_what_it_cannot_make_cheaply_is_made_by_dataclasses.<locals>.Derived(a=1, b=0)"
    with pytest.raises(TypeError):
        @dataclasses.dataclass
        class Thawed(Base):  # a frozen base, as with the standard decorator
            c: int = 0


def _package_records() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(casebook_pdf.__path__, "casebook_pdf."):
        if info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional dependency
            continue
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == info.name and dataclasses.is_dataclass(value) \
                    and value.__dataclass_params__.frozen and value.__init__.__code__.co_filename.startswith("<string>") \
                    and "__rec_set" in value.__init__.__code__.co_names + value.__init__.__code__.co_freevars:
                found.append(value)
    return found


def test_every_record_of_the_package_has_the_dataclass_signature_and_fields() -> None:
    records = _package_records()
    assert len(records) > 40
    for cls in records:
        body = {f.name: dataclasses.field(default=f.default, default_factory=f.default_factory, init=f.init, repr=f.repr,
                                          hash=f.hash, compare=f.compare) for f in dataclasses.fields(cls)}
        if "__post_init__" in cls.__dict__:
            body["__post_init__"] = cls.__dict__["__post_init__"]
        std = dataclasses.dataclass(frozen=True)(type(cls.__name__, (), {
            "__annotations__": {f.name: f.type for f in dataclasses.fields(cls)}, "__module__": cls.__module__,
            "__qualname__": cls.__qualname__, **body}))
        assert str(inspect.signature(cls)) == str(inspect.signature(std)), cls
        assert cls.__match_args__ == std.__match_args__, cls
        assert cls.__hash__ is not None and cls.__eq__ is not object.__eq__, cls
