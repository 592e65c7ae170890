"""Frozen dataclasses that share every generated method but __init__.

`@record` makes the class `@dataclass(frozen=True)` would make, with the same __init__, __eq__,
__hash__ and __repr__ (equal for the same values, the same printed text), except that only __init__ is
code written out for the class, compiled once for all records of its shape (see _init). On Python 3.11
`dataclass(frozen=True)` compiles six methods per class with `exec` (~0.1 ms each): __eq__, __hash__
and __repr__ here are shared functions reading a per-class getter of the field values, and
__setattr__/__delattr__ shared functions that refuse any change. `dataclass` cannot leave out the frozen pair (it refuses a class that has its own),
and without `frozen` its __init__ assigns through them, so the frozen __init__ is written here: the
fields in order, a default or a default factory each, nothing else (`_init` refuses the rest). For the
~64 records a build imports, class creation went from 39 to 25–27 ms with the shared three, to ~10 ms
with the frozen pair and the __init__, and ~4 ms less with 16 shapes compiled instead of 64 __init__s
(bench/RESULTS.md).

A class whose instances are hashed or compared thousands of times in a build (text types, inks, source
positions) stays a plain frozen dataclass: its generated methods are faster per call.
"""

from __future__ import annotations

import functools
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, fields
from operator import attrgetter
from types import CodeType, FunctionType
from typing import Any, Callable, TypeVar

T = TypeVar("T")


def record(cls: type[T]) -> type[T]:
    """`@dataclass(frozen=True)` with shared __eq__, __hash__, __repr__, __setattr__ and __delattr__ (see
    the module's doc). Methods the class body defines itself are kept, as `dataclass` keeps them."""
    own = cls.__dict__
    if "__setattr__" in own or "__delattr__" in own:
        raise TypeError(f"{cls.__qualname__}: a record cannot define __setattr__ or __delattr__")
    if not cls.__doc__:  # else dataclass would write one from inspect.signature (~0.1 ms)
        type.__setattr__(cls, "__doc__", cls.__name__)
    # The fields are the dataclass's own (its order, defaults and ClassVar rules); no method is compiled.
    cls = dataclass(init=False, eq=False, repr=False)(cls)
    listed = fields(cls)
    if len(listed) != len(cls.__dataclass_fields__):  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__qualname__}: a record has no ClassVar or InitVar fields")
    type.__setattr__(cls, "__init__", _init(cls, listed))
    type.__setattr__(cls, "__setattr__", _setattr)
    type.__setattr__(cls, "__delattr__", _delattr)
    type.__setattr__(cls, "_record_compared", _getter(tuple(f.name for f in listed if f.compare)))
    type.__setattr__(cls, "_record_hashed", _getter(tuple(f.name for f in listed if (f.compare if f.hash is None else f.hash))))
    type.__setattr__(cls, "_record_shown", tuple(f.name for f in listed if f.repr))
    if "__repr__" not in own:
        type.__setattr__(cls, "__repr__", _repr)
    defines_eq = "__eq__" in own
    if not defines_eq:
        type.__setattr__(cls, "__eq__", _eq)
    # As dataclass does: a class body that defines __eq__ gets __hash__ = None from Python, not by choice.
    if "__hash__" not in own or (own["__hash__"] is None and defines_eq):
        type.__setattr__(cls, "__hash__", _hash)
    return cls


def _init(cls: type, listed: tuple[Field, ...]) -> Callable[..., None]:
    """The __init__ `dataclass(frozen=True)` writes for these fields: each parameter in field order, with
    its default or a marker for its default factory, set with object.__setattr__.

    Compiling it is most of a record's cost at import (~0.1 ms a class), and most records share a shape
    (how many fields, which take a factory, a __post_init__ or not): each shape is compiled once, with
    placeholder names, and each class gets that code with its own names put in (CodeType.replace)."""
    defaults: list[Any] = []
    space: dict[str, Any] = {"__record_set__": object.__setattr__, "__record_factory__": _FACTORY}
    for n, f in enumerate(listed):
        if not f.init or f.kw_only:
            raise TypeError(f"{cls.__qualname__}.{f.name}: a record field takes no init= or kw_only=")
        if f.default_factory is not MISSING:
            space[f"__record_factory_{n}__"] = f.default_factory
            defaults.append(_FACTORY)
        elif f.default is not MISSING:
            defaults.append(f.default)
        elif defaults:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    names = tuple(f.name for f in listed)
    shape = (len(names), tuple(f.default_factory is not MISSING for f in listed), hasattr(cls, "__post_init__"))
    code = _shaped(shape)
    placeholders = {f"__record_field_{n}__": name for n, name in enumerate(names)}
    code = code.replace(co_varnames=tuple(placeholders.get(v, v) for v in code.co_varnames),
                        co_consts=tuple(placeholders.get(c, c) if isinstance(c, str) else c for c in code.co_consts),
                        co_qualname=f"{cls.__qualname__}.__init__")
    init = FunctionType(code, space, "__init__", tuple(defaults) or None)  # its __qualname__: co_qualname
    init.__annotations__ = {f.name: f.type for f in listed} | {"return": None}
    return init


@functools.lru_cache(maxsize=None)
def _shaped(shape: tuple[int, tuple[bool, ...], bool]) -> CodeType:
    """The code of an __init__ of this shape, its parameters and the names it sets placeholders
    (dunder names, as dataclass's own are, so that no field's parameter can hide the ones it uses)."""
    count, factories, post_init = shape
    fields_ = [f"__record_field_{n}__" for n in range(count)]
    lines = []
    for n, name in enumerate(fields_):
        value = f"__record_factory_{n}__() if {name} is __record_factory__ else {name}" if factories[n] else name
        lines.append(f"    __record_set__(__record_self__, {name!r}, {value})\n")
    if post_init:
        lines.append("    __record_self__.__post_init__()\n")
    source = f"def __init__({', '.join(['__record_self__', *fields_])}):\n{''.join(lines) or '    pass'}"
    module = compile(source, "<record>", "exec")
    return next(c for c in module.co_consts if isinstance(c, CodeType))


_FACTORY: Any = type("_FACTORY", (), {"__repr__": lambda self: "<factory>"})()  # as dataclass shows it


def _setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getter(names: tuple[str, ...]) -> Callable[[Any], Any]:
    """The values of these fields of an object as a tuple, as dataclass compares and hashes them (a
    tuple compares its items by identity first: a field holding the same NaN is equal to itself)."""
    if len(names) > 1:
        return attrgetter(*names)  # not a descriptor: read from the class, it is the getter itself
    if names:
        one = attrgetter(names[0])
        return staticmethod(lambda obj: (one(obj),))  # type: ignore[return-value]
    return staticmethod(_nothing)  # type: ignore[return-value]


def _nothing(obj: Any) -> tuple[()]:
    return ()


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        return self._record_compared(self) == other._record_compared(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self._record_hashed(self))


def _repr(self: Any) -> str:
    shown = ", ".join([f"{name}={getattr(self, name)!r}" for name in self._record_shown])
    return f"{self.__class__.__qualname__}({shown})"
