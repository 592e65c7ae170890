"""A disk memo of laid-out case pages, so that editing one case re-lays out only that case.

layout_case is a pure function of the case (its text, items, photo paths and their YAML lines),
its page number, the style and this package's layout code; the key hashes exactly those. The case's
line map is part of the key even though Case leaves it out of its repr: a comment line added above a
text moves the line its warnings name, so the page must be laid out (and its messages made) again.

Entries are JSON written atomically in the user's cache folder, never pickle: a cache folder someone
else can write to must not let them run code. Only the plain classes of frames, model.Where and
errors.Issue can come back out of an entry; anything else, or a damaged entry, is simply a miss.

A value is written as a JSON scalar or a list whose first element says what it is: ["t", …] a tuple,
["l", …] a list, ["p", text] a path, [class name, field values in the class's field order] an object.
A page's items, thousands of small objects, are written by columns instead (see _columns): one column
per field of each item class, a field's few distinct values (colours, sizes, fonts, characters) written
once and referred to by position, floats and positions as binary numbers, so that writing and reading a
page is mostly C loops (an object per item with its field names, as JSON, cost ~5 ms a page each way).
They stay compressed until asked for (StoredItems); a CRC read with the entry makes damaged items a
miss then, not an error when the page is drawn.
"""

from __future__ import annotations

import array
import base64
import dataclasses
import functools
import hashlib
import json
import operator
import sys
import zlib
from dataclasses import dataclass
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import Any

from casebook_pdf.cachedir import store
import casebook_pdf
from casebook_pdf import frames
from casebook_pdf.errors import Issue
from casebook_pdf.messages import language
from casebook_pdf.layout.style import Style
from casebook_pdf.model import Case

# Modules whose code decides what a case page looks like: a change to any of them is a new key.
CODE = ("layout", "text", "fonts.py", "frames.py", "model.py")
FORMAT = "columns 2"  # how entries are written; part of the key, so entries written another way are misses


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    root = Path(casebook_pdf.__file__).parent
    digest = hashlib.sha256(casebook_pdf.__version__.encode())
    for name in CODE:
        target = root / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for file in files:
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


@dataclass
class LayoutMemo:
    folder: Path
    # The style's repr (~0.1 ms) by id, with the style itself so that the id cannot be reused: every
    # page's key hashes the same frozen Style.
    _style_reprs: dict[int, tuple[Style, bytes]] = dataclasses.field(default_factory=dict, repr=False)

    def key(self, *parts: object) -> str:
        """parts are hashed by repr; a Case also by its line map (left out of its repr)."""
        parts = tuple(p for part in parts for p in ((part, sorted(part.lines.items())) if isinstance(part, Case) else (part,)))
        digest = hashlib.sha256(f"{FORMAT} {code_version()}".encode())
        digest.update(language().encode())  # an entry keeps its warnings as text, in one language
        for part in parts:
            digest.update(self._style_repr(part) if isinstance(part, Style) else repr(part).encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()

    def _style_repr(self, style: Style) -> bytes:
        held = self._style_reprs.get(id(style))
        if held is None or held[0] is not style:
            held = self._style_reprs[id(style)] = (style, repr(style).encode("utf-8"))
        return held[1]

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> object | None:
        try:
            return decode(json.loads(self._file(key).read_text(encoding="utf-8")), {})
        except Exception:  # noqa: BLE001 - a missing or damaged entry is a miss, never an error
            return None

    def put(self, key: str, value: object) -> None:
        try:
            text = json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return  # something the memo does not store: laid out again next time
        store(self._file(key), text.encode("utf-8"))


# ---- values: JSON scalars, or lists tagged by their first element (see the module docstring) ----

_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (frames.Text, frames.Box, frames.Rule, frames.Polygon, frames.Circle, frames.Picture, frames.Icon,
                frames.Link, frames.Group, frames.Page, frames.Where, Issue)
}
# Field names by class, looked up once: encode() meets every value of every entry written.
_FIELDS: dict[type, tuple[str, ...]] = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in _CLASSES.values()}
_SCALARS = frozenset((str, int, float, bool, type(None)))
_NUMBERS = frozenset((int, float, bool))  # equal across types (1 == 1.0 == True): never one dictionary entry
_FLOAT = {float}
_SWAP = sys.byteorder == "big"  # numbers are written little-endian


def encode(value: Any) -> Any:
    """Pages, issues and their parts as JSON values that decode() turns back into equal objects."""
    kind = type(value)
    if kind is str or kind is float or kind is int or kind is bool or value is None:  # most values: checked first
        return value
    names = _FIELDS.get(kind)
    if names is not None:
        if kind is frames.Page:
            return ["Page", *[_stored(value.items) if name == "items" else encode(getattr(value, name)) for name in names]]
        return [kind.__name__, *[encode(getattr(value, name)) for name in names]]
    if isinstance(value, tuple):
        return ["t", *map(encode, value)]
    if isinstance(value, list):
        return ["l", *map(encode, value)]
    if isinstance(value, Path):
        return ["p", str(value)]
    if isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"{type(value).__name__} is not stored in the layout memo")


def decode(value: Any, same: dict[Any, Any] | None = None) -> Any:
    """encode() undone; anything else raises (KeyError for a class name outside _CLASSES). Equal short
    number tuples (colours, points) are made one object through `same`, as on a page just laid out."""
    if type(value) is not list:
        if type(value) is dict:
            raise ValueError("not a value of the layout memo")
        return value
    tag = value[0]
    if tag == "t":
        made = tuple([decode(v, same) for v in value[1:]])
        if same is not None and len(made) <= 4 and all(type(v) is float or type(v) is int for v in made):
            return same.setdefault(made, made)
        return made
    if tag == "l":
        return [decode(v, same) for v in value[1:]]
    if tag == "p":
        return _path(value[1])
    if tag == "i":
        _, packed, crc, pictures = value
        if zlib.crc32(packed.encode("ascii")) != crc:
            raise ValueError("damaged page items")
        return StoredItems(packed, decode(pictures, same))
    return _CLASSES[tag](*[decode(v, same) for v in value[1:]])


@functools.lru_cache(maxsize=8192)
def _path(text: str) -> Path:
    """One Path per file named in the entries read (a warm 1000-case build reads ~12,000 paths, ~4000 distinct)."""
    return Path(text)


# ---- a page's items, by columns ----
#
# [shape, columns]: `shape` lists the items in drawing order, depth first: a sequence of items is its length,
# then each item's class number (its place in _ITEMS), a Group's number followed by the sequence of its
# own items. `columns` has, for each class in _ITEMS, null (no such item on the page) or one column per
# field (a Group's x and y only), listing that field of the class's items in shape order:
#   ["f", base64]                        floats, as little-endian IEEE doubles (exact, and no float repr)
#   ["s", [values…]]                     JSON scalars, as they are
#   ["e", [values…]]                     values as encode() writes them
#   ["d", column, "B" or "H", base64]    a column of the distinct values (one of the above), and each item's
#                                        value by its place among them: little-endian bytes or 16-bit numbers
# A dictionary column shares one object among equal values, as a page just laid out mostly does (a
# thousand decoded pages would otherwise hold a copy of every colour, size and font name per item). Its
# values are told apart by equality, so, as when equal values were shared on reading, -0.0 is stored as a
# 0.0 of the same column and a tuple's 1 as its 1.0; numbers of different types in one column (a Box's x
# may be 0 or 0.0) are never put in one dictionary.

_ITEMS: tuple[type, ...] = (frames.Text, frames.Box, frames.Rule, frames.Polygon, frames.Circle, frames.Picture,
                            frames.Icon, frames.Link, frames.Group)
_NUMBER: dict[type, int] = {cls: n for n, cls in enumerate(_ITEMS)}
_GROUP = _NUMBER[frames.Group]
# A column's values read field by field (map of an attrgetter: C), not item by item and transposed.
_COLUMNS: dict[type, list[Any]] = {cls: [operator.attrgetter(name) for name in _FIELDS[cls] if name != "items"] for cls in _ITEMS}


def _stored(items: Sequence[Any]) -> list[Any]:
    items = tuple(items)
    packed = pack(json.dumps(_columns(items), ensure_ascii=False, separators=(",", ":")))
    return ["i", packed, zlib.crc32(packed.encode("ascii")), encode(tuple(frames.pictures_in(items)))]


def _columns(items: tuple[Any, ...]) -> list[Any]:
    shape: list[int] = []
    members: dict[type, list[Any]] = {cls: [] for cls in _ITEMS}

    def walk(items: tuple[Any, ...]) -> None:
        if type(items) is not tuple:
            raise TypeError("a Group's items are stored as a tuple")
        shape.append(len(items))
        for item in items:
            kind = type(item)
            if kind not in _NUMBER:
                raise TypeError(f"{kind.__name__} is not stored in the layout memo")
            shape.append(_NUMBER[kind])
            members[kind].append(item)
            if kind is frames.Group:
                walk(item.items)

    walk(items)
    return [shape, [[_column(list(map(field, found))) for field in _COLUMNS[cls]] if found else None
                    for cls, found in members.items()]]


def _column(values: Collection[Any]) -> list[Any]:
    kinds = set(map(type, values))
    if len(kinds & _NUMBERS) <= 1 and len(values) > 1:
        try:
            distinct = dict.fromkeys(values)
        except TypeError:  # an unhashable value (a list): written value by value
            distinct = {}
        if 0 < len(distinct) <= 65536 and (len(distinct) < len(values) or not kinds <= _SCALARS):
            place = dict(zip(distinct, range(len(distinct)))).__getitem__
            if len(distinct) <= 256:  # bytes() from numbers: faster than an array
                return ["d", _plain(distinct, kinds), "B", base64.b64encode(bytes(map(place, values))).decode("ascii")]
            return ["d", _plain(distinct, kinds), "H", _bytes(array.array("H", list(map(place, values))))]
    return _plain(values, kinds)


def _plain(values: Collection[Any], kinds: set[type]) -> list[Any]:
    if kinds == _FLOAT:
        return ["f", _bytes(array.array("d", values))]
    return ["s", list(values)] if kinds <= _SCALARS else ["e", [encode(v) for v in values]]


def _bytes(numbers: array.array) -> str:
    if _SWAP:
        numbers.byteswap()
    return base64.b64encode(numbers.tobytes()).decode("ascii")


def _numbers(width: str, text: str) -> Sequence[Any]:
    if width == "B":
        return base64.b64decode(text, validate=True)
    numbers = array.array(width)
    numbers.frombytes(base64.b64decode(text, validate=True))  # ValueError unless a whole number of them
    if _SWAP:
        numbers.byteswap()
    return numbers


def _values(column: list[Any], same: dict[Any, Any], distinct: bool = False) -> list[Any]:
    """A column's values; `distinct`: a dictionary's, shared with equal ones of the page's other columns."""
    form = column[0]
    if form == "f" and len(column) == 2:
        values = _numbers("d", column[1]).tolist()
        return [same.setdefault(v, v) for v in values] if distinct else values
    if form == "s" and len(column) == 2 and type(column[1]) is list:
        values = column[1]
        return [same.setdefault(v, v) if type(v) is str else v for v in values] if distinct else values
    if form == "e" and len(column) == 2 and type(column[1]) is list:
        return [decode(v, same) if type(v) is list else v for v in column[1]]
    if form == "d" and len(column) == 4 and column[2] in ("B", "H") and not distinct:
        return list(map(_values(column[1], same, True).__getitem__, _numbers(column[2], column[3])))
    raise ValueError("not a column of the layout memo")


def _items(packed: str) -> tuple[Any, ...]:
    """_columns() undone: the page's items, each made by its class's own __init__ (from C: map)."""
    shape, columns = json.loads(unpack(packed))
    same: dict[Any, Any] = {}
    made: list[Iterator[Any]] = []
    for cls, fields in zip(_ITEMS, columns, strict=True):
        values = [_values(column, same) for column in fields] if fields is not None else [()]
        made.append(zip(*values) if cls is frames.Group else map(cls, *values))
    numbers = iter(shape)
    take, group, groups = numbers.__next__, frames.Group, made[_GROUP].__next__
    leaf = {n: found.__next__ for n, found in enumerate(made) if n != _GROUP}  # KeyError for any other number

    def sequence() -> tuple[Any, ...]:
        out = []
        for _ in range(take()):
            number = take()
            if number == _GROUP:
                x, y = groups()
                out.append(group(x, y, sequence()))
            else:
                out.append(leaf[number]())
        return tuple(out)

    try:
        found = sequence()
    except StopIteration:
        raise ValueError("fewer items than the page's shape") from None
    if next(numbers, None) is not None or any(next(rest, None) is not None for rest in made):
        raise ValueError("more items than the page's shape")
    return found


class StoredItems(Sequence):
    """A stored page's items, decoded on first use. A warm build whose page drawings are kept
    (render.pagecache) never looks at them: decoding a thousand pages took seconds of every rebuild.
    `pictures` lists the page's pictures without decoding (the image store needs them every build)."""

    __slots__ = ("_packed", "_items", "pictures")

    def __init__(self, packed: str, pictures: tuple[frames.Picture, ...]) -> None:
        self._packed: str | None = packed  # _columns() packed: compressed, under half their JSON
        self._items: tuple | None = None
        self.pictures = pictures

    def _decoded(self) -> tuple:
        if self._items is None:
            self._items = _items(self._packed or "")
            self._packed = None
        return self._items

    def __iter__(self) -> Iterator[Any]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._decoded())

    def __getitem__(self, index: Any) -> Any:
        return self._decoded()[index]

    def __eq__(self, other: object) -> bool:
        return self._decoded() == (other._decoded() if isinstance(other, StoredItems) else other)

    def __hash__(self) -> int:
        return hash(self._decoded())

    def __repr__(self) -> str:
        return repr(self._decoded())

    def __add__(self, other: tuple) -> tuple:
        return self._decoded() + other


def pack(text: str) -> str:
    """JSON text compressed, as text that can stand in JSON (base64 of zlib: the C codec; base85's is Python)."""
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 1)).decode("ascii")


def unpack(packed: str) -> str:
    return zlib.decompress(base64.b64decode(packed, validate=True)).decode("utf-8")
