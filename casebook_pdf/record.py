"""Frozen dataclasses that share their comparison and printing code.

`@record` makes the class `@dataclass(frozen=True)` would make, with the same __eq__, __hash__ and
__repr__ (equal for the same values, the same printed text), except that these three are shared
functions reading a per-class getter of the field values instead of code written out and compiled for
each class. On Python 3.11 `dataclass` compiles six methods per class with `exec`; for the ~70 frozen
classes a build imports, sharing these three took class creation from 39 to 27 ms (bench/RESULTS.md).
The generated __init__, on the path of every object made, and the frozen __setattr__/__delattr__ stay.

A class whose instances are hashed or compared thousands of times in a build (text types, inks, source
positions) stays a plain frozen dataclass: its generated methods are faster per call.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, Callable, TypeVar

T = TypeVar("T")


def record(cls: type[T]) -> type[T]:
    """`@dataclass(frozen=True)` with shared __eq__, __hash__ and __repr__ (see the module's doc).
    Methods the class body defines itself are kept, as `dataclass` keeps them."""
    cls = dataclass(frozen=True, eq=False, repr=False)(cls)
    own, listed = cls.__dict__, fields(cls)
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
