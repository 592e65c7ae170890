"""Drawn pages kept between builds, so a rebuild copies an unchanged page's drawing instead of drawing it.

A case page's content stream depends only on the page (fonts are embedded by glyph id, see
glyphfont.py; images are named by their content), so what drawing it produced can be kept under
the page's layout memo key (everything the page depends on), the drawing code and the kind of PDF.
An entry holds the page's content stream as the PDF holds it (compressed: a copied page is neither
decompressed nor compressed again) and what drawing did to the document besides it, in order:
the fonts and glyphs it used, the pictures it placed (with a digest of their processed bytes, so a
photo changed under the same name is drawn again) and its links. render.pdf replays those, so a
kept page leaves the document exactly as drawing it would (tests/test_cache.py compares the bytes).

Entries are zlib-compressed JSON and the stream's bytes (with their CRC) in the cache folder's pages/, never
pickle; a damaged entry is a miss.
A build's entries are also kept in memory (compressed) for the next rebuild of a `--watch` session.
"""

from __future__ import annotations

import functools
import hashlib
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casebook_pdf.cachedir import store
import casebook_pdf

# Code whose change changes what a page's drawing is.
CODE = ("render", "glyphfont.py", "fonts.py", "frames.py", "images.py", "drawncache.py", "layout/memo.py")
# 2: events' frames in layout.memo's positional encoding; 3: the operators as text after the JSON;
# 4: the page's compressed content stream after the compressed JSON
FORMAT = "4"


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    import reportlab

    root = Path(casebook_pdf.__file__).parent
    digest = hashlib.sha256(f"{FORMAT} {casebook_pdf.__version__} {reportlab.Version}".encode())
    for name in CODE:
        target = root / name
        for file in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


@dataclass
class Drawn:
    """One page's drawing: `stream` its content stream as the PDF holds it (FlateDecode: the canvas's
    preamble and the page's operators); `fonts` (font name, [[glyph id, character], …]) in the order
    the page first used them; `events` in drawing order: ["picture", picture, ox, oy, digest] and
    ["link", link] (frames as layout.memo encodes them)."""

    stream: bytes
    fonts: list[list[Any]] = field(default_factory=list)
    events: list[list[Any]] = field(default_factory=list)

    def pack(self) -> bytes:
        """The JSON's length, the JSON (fonts, events and the stream's CRC) compressed, then the stream."""
        head = json.dumps({"fonts": self.fonts, "events": self.events, "crc": zlib.crc32(self.stream)},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        head = zlib.compress(head, 1)
        return len(head).to_bytes(4, "big") + head + self.stream

    @classmethod
    def unpack(cls, data: bytes) -> Drawn:
        size = int.from_bytes(data[:4], "big")
        body = json.loads(zlib.decompress(data[4 : 4 + size]).decode("utf-8"))
        stream = data[4 + size :]
        if zlib.crc32(stream) != body["crc"]:
            raise ValueError("a damaged page stream")
        return cls(stream, body["fonts"], body["events"])


@dataclass
class DrawnPages:
    """Kept page drawings: on disk in `folder` (None: in memory only) and in memory for the session."""

    folder: Path | None
    _kept: dict[str, bytes] = field(default_factory=dict, repr=False)
    _used: dict[str, bytes] = field(default_factory=dict, repr=False)

    def key(self, memo_key: str, *output: object) -> str:
        digest = hashlib.sha256(code_version().encode())
        digest.update(memo_key.encode())
        digest.update(repr(output).encode())
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.z"

    def get(self, key: str) -> Drawn | None:
        data = self._kept.get(key) or self._used.get(key)
        if data is None and self.folder is not None:
            try:
                data = self._file(key).read_bytes()
            except OSError:
                return None
        if data is None:
            return None
        try:
            drawn = Drawn.unpack(data)
        except Exception:  # noqa: BLE001 - a damaged entry is a miss, never an error
            return None
        self._used[key] = data
        return drawn

    def put(self, key: str, drawn: Drawn) -> None:
        data = drawn.pack()
        self._used[key] = data
        if self.folder is None:
            return
        store(self._file(key), data)

    def sweep(self) -> None:
        """After a build: keep in memory only what that build used."""
        self._kept, self._used = self._used, {}
