"""A disk memo of laid-out case pages, so that editing one case re-lays out only that case.

layout_case is a pure function of the case (its text, items, photo paths and their YAML lines),
its page number, the style and this package's layout code; the key hashes exactly those. The case's
line map is part of the key even though Case leaves it out of its repr: a comment line added above a
text moves the line its warnings name, so the page must be laid out (and its messages made) again.

Entries are JSON written atomically in the user's cache folder, never pickle: a cache folder someone
else can write to must not let them run code. Only the plain classes of frames, model.Where and
errors.Issue can come back out of an entry; anything else, or a damaged entry, is simply a miss.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import json
import zlib
from dataclasses import dataclass
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from casebook_pdf.cachedir import store
import casebook_pdf
from casebook_pdf import frames
from casebook_pdf.errors import Issue
from casebook_pdf.messages import language
from casebook_pdf.model import Case

# Modules whose code decides what a case page looks like: a change to any of them is a new key.
CODE = ("layout", "text", "fonts.py", "frames.py", "model.py")


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

    def key(self, *parts: object) -> str:
        """parts are hashed by repr; a Case also by its line map (left out of its repr)."""
        parts = tuple(p for part in parts for p in ((part, sorted(part.lines.items())) if isinstance(part, Case) else (part,)))
        digest = hashlib.sha256(code_version().encode())
        digest.update(language().encode())  # an entry keeps its warnings as text, in one language
        for part in parts:
            digest.update(repr(part).encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> object | None:
        try:
            same: dict[Any, Any] = {}  # equal values of one page shared, as on a page just laid out

            def hook(value: dict[str, Any]) -> Any:
                return _object(value, same)

            return json.loads(self._file(key).read_text(encoding="utf-8"), object_hook=hook)
        except Exception:  # noqa: BLE001 - a missing or damaged entry is a miss, never an error
            return None

    def put(self, key: str, value: object) -> None:
        try:
            text = json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return  # something the memo does not store: laid out again next time
        store(self._file(key), text.encode("utf-8"))


# ---- plain JSON for pages: {"$": class name, field: value}, {"t": [...]} a tuple, {"p": "..."} a path ----

_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (frames.Text, frames.Box, frames.Rule, frames.Polygon, frames.Circle, frames.Picture, frames.Icon,
                frames.Link, frames.Group, frames.Page, frames.Where, Issue)
}
# Field names by class, looked up once: encode() meets every item of every page laid out cold.
_FIELDS: dict[type, tuple[str, ...]] = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in _CLASSES.values()}


class StoredItems(Sequence):
    """A stored page's items, decoded on first use. A warm build whose page drawings are kept
    (render.pagecache) never looks at them: decoding a thousand pages took seconds of every rebuild.
    `pictures` lists the page's pictures without decoding (the image store needs them every build)."""

    __slots__ = ("_packed", "_items", "pictures")

    def __init__(self, packed: str, pictures: tuple[frames.Picture, ...]) -> None:
        self._packed: str | None = packed  # pack(): compressed, a tenth of the JSON held for a thousand pages
        self._items: tuple | None = None
        self.pictures = pictures

    def _decoded(self) -> tuple:
        if self._items is None:
            same: dict[Any, Any] = {}
            self._items = json.loads(unpack(self._packed or ""), object_hook=lambda value: _object(value, same))
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
    """JSON text compressed, as text that can stand in JSON (base85 of zlib)."""
    return base64.b85encode(zlib.compress(text.encode("utf-8"), 1)).decode("ascii")


def unpack(packed: str) -> str:
    return zlib.decompress(base64.b85decode(packed)).decode("utf-8")


def encode(value: Any) -> Any:
    """Pages, issues and their parts as JSON values that decode() turns back into equal objects."""
    kind = type(value)
    if kind is str or kind is float or kind is int or kind is bool or value is None:  # most values: checked first
        return value
    if kind is frames.Page:  # its items as JSON text, decoded only when asked for (StoredItems)
        items = json.dumps(encode(tuple(value.items)), ensure_ascii=False, separators=(",", ":"))
        stored = {"lazy": pack(items), "pictures": encode(tuple(frames.pictures_in(value.items)))}
        return {"$": "Page", **{name: stored if name == "items" else encode(getattr(value, name)) for name in _FIELDS[kind]}}
    names = _FIELDS.get(kind)
    if names is not None:
        return {"$": kind.__name__, **{name: encode(getattr(value, name)) for name in names}}
    if isinstance(value, tuple):
        return {"t": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, Path):
        return {"p": str(value)}
    if isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"{type(value).__name__} is not stored in the layout memo")


def _object(value: dict[str, Any], same: dict[Any, Any]) -> Any:
    """decode() for one JSON object whose contents are decoded already: json.loads calls it bottom-up,
    so a page of thousands of items comes back in one pass of the C decoder (lists need no decoding).
    Equal numbers, texts and short number tuples are made one object through `same` (a thousand decoded pages
    otherwise hold a copy of every colour, size and font name per item: hundreds of MB)."""
    if "$" in value:
        cls = _CLASSES[value.pop("$")]  # KeyError for any other name: a miss
        return cls(**{k: same.setdefault(v, v) if type(v) is float or type(v) is str else v for k, v in value.items()})
    if "t" in value:
        t = tuple(value["t"])
        if len(t) <= 4 and all(type(v) is float or type(v) is int for v in t):  # colours, points, dashes
            return same.setdefault(t, t)
        return t
    if "lazy" in value:
        return StoredItems(value["lazy"], value["pictures"])
    return Path(value["p"])


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if "$" in value:
            cls = _CLASSES[value["$"]]  # KeyError for any other name: a miss
            return cls(**{k: decode(v) for k, v in value.items() if k != "$"})
        if "t" in value:
            return tuple(decode(v) for v in value["t"])
        if "lazy" in value:
            return StoredItems(value["lazy"], decode(value["pictures"]))
        return Path(value["p"])
    return value
