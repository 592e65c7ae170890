"""frozen: @dataclass(frozen=True) at a third of the cost of creating the class.

A small edition's build is mostly start-up, and Python 3.11's dataclasses compiles six methods for each
frozen class (__init__, __repr__, __eq__, __hash__, __setattr__, __delattr__: ~0.5 ms a class, ~40 ms
for the ~75 classes a build imports). Here only __init__ is compiled (instances are made by the
thousand, so it stays generated code); the other five are the same closures for every class, over the
class's field names: equality and hashing compare operator.attrgetter tuples, as the generated methods
compare tuples of the fields. Fields, defaults, default factories, __post_init__, compare/hash/repr
options, dataclasses.fields/replace/is_dataclass and FrozenInstanceError behave as with the standard
decorator (tests/test_records.py compares the two on every frozen class of the package). Anything else
(keyword-only fields, InitVar, slots, a dataclass base, methods the class defines itself, decorator
options) falls back to dataclasses.dataclass(frozen=True).
"""

from __future__ import annotations

import dataclasses
import sys
import threading
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T", bound=type)
_OWN = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")


class _Factory:
    """The default of an __init__ parameter whose field has a default_factory (shown as the standard one)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def frozen(cls: T) -> T:
    """The class as @dataclass(frozen=True) makes it (see the module's docstring)."""
    if not _plain(cls):
        return dataclasses.dataclass(frozen=True)(cls)
    documented = cls.__dict__.get("__doc__") is not None
    if not documented:
        cls.__doc__ = ""  # spares dataclasses computing inspect.signature for a docstring; set below
    cls = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    fields = dataclasses.fields(cls)
    if len(fields) != len(cls.__dataclass_fields__) or any(f.kw_only for f in fields) or not _ordered(fields):  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__qualname__}: use dataclasses.dataclass(frozen=True) for this class")
    _install(cls, "__init__", _init(cls, fields))
    names = tuple(f.name for f in fields)
    _install(cls, "__repr__", _repr(tuple(f.name for f in fields if f.repr)))
    _install(cls, "__eq__", _eq(_getter(tuple(f.name for f in fields if f.compare))))
    _install(cls, "__hash__", _hash(_getter(tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)))))
    _install(cls, "__setattr__", _setattr(cls, names))
    _install(cls, "__delattr__", _delattr(cls, names))
    params = cls.__dataclass_params__  # type: ignore[attr-defined]  # what dataclasses reads (a frozen base, replace)
    params.init = params.repr = params.eq = params.frozen = True
    if not documented:
        cls.__doc__ = f"{cls.__name__}({', '.join(names)})"
    return cls


def _plain(cls: type) -> bool:
    """A class this module makes as the standard decorator would: no dataclass base, no method of its
    own among those generated, no InitVar or ClassVar pseudo-field, no field named like the generated
    code's own names."""
    own = cls.__dict__
    if any(name in own for name in _OWN) or "__slots__" in own:
        return False
    if any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:]):
        return False
    for name, annotation in own.get("__annotations__", {}).items():
        text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", repr(annotation))
        if name == "self" or name.startswith("__rec") or "InitVar" in text or "ClassVar" in text or "KW_ONLY" in text:
            return False
    return True


def _ordered(fields: tuple[dataclasses.Field, ...]) -> bool:
    """No init parameter without a default after one with a default (the standard decorator's TypeError)."""
    defaulted = False
    for f in fields:
        if not f.init:
            continue
        has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        if defaulted and not has_default:
            return False
        defaulted = defaulted or has_default
    return True


def _install(cls: type, name: str, function: Callable[..., Any]) -> None:
    function.__qualname__ = f"{cls.__qualname__}.{name}"
    function.__module__ = cls.__module__
    setattr(cls, name, function)


def _init(cls: type, fields: tuple[dataclasses.Field, ...]) -> Callable[..., None]:
    """The generated __init__ of a frozen dataclass: each field set through object.__setattr__."""
    env: dict[str, Any] = {"__rec_set": object.__setattr__, "__rec_factory": _FACTORY}
    params, body = ["self"], []
    for n, f in enumerate(fields):
        default = f"__rec_d{n}"
        if f.default_factory is not dataclasses.MISSING:
            env[default] = f.default_factory
            if f.init:
                params.append(f"{f.name}=__rec_factory")
                value = f"{default}() if {f.name} is __rec_factory else {f.name}"
            else:
                value = f"{default}()"
        elif f.init:
            if f.default is not dataclasses.MISSING:
                env[default] = f.default
                params.append(f"{f.name}={default}")
            else:
                params.append(f.name)
            value = f.name
        else:  # not in __init__, no factory: the class attribute is its default, if any
            continue
        body.append(f"  __rec_set(self, {f.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        body.append("  self.__post_init__()")
    source = (f"def __rec_make({', '.join(env)}):\n def __init__({', '.join(params)}):\n"
              + "\n".join(f" {line}" for line in body or ["  pass"]) + "\n return __init__\n")
    namespace: dict[str, Any] = {}
    module = sys.modules.get(cls.__module__)
    exec(source, module.__dict__ if module else {}, namespace)  # noqa: S102 - our own source, as dataclasses does
    init = namespace["__rec_make"](**env)
    init.__annotations__ = {**{f.name: f.type for f in fields if f.init}, "return": None}  # as the standard one's
    return init


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """obj -> the tuple of those attributes (attrgetter returns a bare value for one name)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    running: set[tuple[int, int]] = set()  # (object, thread): a recursive repr shows "...", as reprlib does

    def __repr__(self: Any) -> str:
        key = (id(self), threading.get_ident())
        if key in running:
            return "..."
        running.add(key)
        try:
            return f"{self.__class__.__qualname__}({', '.join(f'{name}={getattr(self, name)!r}' for name in names)})"
        finally:
            running.discard(key)

    return __repr__


def _eq(compared: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    return __eq__


def _hash(hashed: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    return __hash__


def _setattr(cls: type, names: tuple[str, ...]) -> Callable[[Any, str, Any], None]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    return __setattr__


def _delattr(cls: type, names: tuple[str, ...]) -> Callable[[Any, str], None]:
    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __delattr__
