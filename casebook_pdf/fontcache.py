"""Parsed TrueType faces kept on disk, so the fonts are parsed once per installation, not per run.

reportlab's TTF reader is pure Python: parsing the bundled faces took about 0.3 s of every build, more
than everything else a small edition needs. What it produces is plain data (cmap, advance widths, glyph
offsets, names, a few numbers), so it is stored as data only (never pickle or marshal: loading a cache
entry must not be able to run code) in the cache folder's fonts/, keyed by the SHA-256 of the font file
and reportlab's version: a JSON header for the small attributes, then the big tables as raw arrays of
numbers (reading them is a copy, not a parse: a face loads in a few milliseconds; the two tables a
build never reads, glyphToChar and hmetrics, only when read). The font bytes themselves are read from
the shipped file where the embedding uses them (FontFile: a few tables and the drawn glyphs' outlines),
and a face from the cache is attribute for attribute the face reportlab would parse
(tests/test_cache.py checks that). An unreadable or foreign entry is a miss: the font is parsed again.

Hashing the 9.4 MB of bundled fonts on every run is spared by a stat index beside the entries (stat.json,
see statindex): a font file whose size, modification time, inode and change time are those it had when
hashed keeps its hash; a changed file is hashed and parsed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import sys
import threading
from array import array
from pathlib import Path
from typing import Any

import reportlab
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace

from casebook_pdf.cachedir import store
from casebook_pdf.errors import FontError, Issue
from casebook_pdf.messages import _
from casebook_pdf.statindex import StatIndex, stat_key

FORMAT = 2
INDEX = "stat.json"  # the font files' hashes by path, beside the entries
# Attributes rebuilt on load, or not worth keeping: the file's bytes, the read position, the scale function.
SKIP = {"_ttf_data", "_pos", "_pdfScale", "filename", "_later"}
# The large tables: name -> the array type codes of their columns (unsigned 32-bit, double, signed 32-bit).
TABLES = {"charToGlyph": "II", "charWidths": "Id", "glyphToChar": "II", "hmetrics": "idi", "glyphPos": "I"}
# Tables a build does not read (reportlab's own subsetter and text splitting do; the glyph-id subset in
# glyphfont.py does not): built from the entry only if read, sparing ~10 ms of every build.
LATER = ("glyphToChar", "hmetrics")


class _Unstorable(Exception):
    """An attribute this module does not know how to store: such a face is simply not cached."""


def _encode(value: Any) -> Any:
    """Plain JSON for the small attributes; the non-JSON types reportlab uses are tagged."""
    if isinstance(value, TTFNameBytes):
        return {"name": value.ustr}
    if isinstance(value, bytes):
        return {"bytes": value.decode("latin1")}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, tuple):
        return {"tuple": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"dict": {k: _encode(v) for k, v in value.items()}}
    raise _Unstorable(type(value).__name__)


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    (tag, inner), = value.items()
    if tag == "name":
        return TTFNameBytes(inner.encode("utf8"))
    if tag == "bytes":
        return inner.encode("latin1")
    if tag == "tuple":
        return tuple(_decode(v) for v in inner)
    if tag == "dict":
        return {k: _decode(v) for k, v in inner.items()}
    raise ValueError(f"unknown tag {tag!r}")


def _columns(name: str, value: Any) -> list[list[Any]]:
    if name in ("charToGlyph", "charWidths"):
        return [list(value.keys()), list(value.values())]
    if name == "glyphToChar":  # glyph -> [chars], as (glyph, char) pairs in the parser's order
        pairs = [(glyph, char) for glyph, chars in value.items() for char in chars]
        return [[g for g, _c in pairs], [c for _g, c in pairs]]
    if name == "hmetrics":  # advances: the leading ints, then the scaled floats (see _int_advances)
        n = _int_advances(value)
        return [[aw for aw, _l in value[:n]], [aw for aw, _l in value[n:]], [lsb for _a, lsb in value]]
    return [list(value)]


def _table(name: str, columns: list[array]) -> Any:
    lists = [column.tolist() for column in columns]
    if name in ("charToGlyph", "charWidths"):
        return dict(zip(*lists))
    if name == "glyphToChar":
        table: dict[int, list[int]] = {}
        for glyph, char in zip(*lists):
            table.setdefault(glyph, []).append(char)
        return table
    if name == "hmetrics":
        return list(zip(lists[0] + lists[1], lists[2]))
    return lists[0]


def _shared_table(name: str, columns: list[array]) -> Any:
    """_table's table, the very object another face loaded in this process has when their columns are
    the same bytes: the regular and bold faces map the same characters to the same glyphs, and building
    that dict of ~11,700 entries takes ~2.3 ms. The tables are read-only (reportlab fills them while
    parsing, then only reads them), as the copies load_fonts makes for the list marks already share."""
    digest = hashlib.sha256()
    for column in columns:
        digest.update(column)
    key = (name, digest.digest())
    table = _SHARED.get(key)
    if table is None:
        table = _SHARED[key] = _table(name, columns)
    return table


# Tables built in this process, by name and the SHA-256 of their columns (a few faces' worth).
_SHARED: dict[tuple[str, bytes], Any] = {}


def _int_advances(hmetrics: list[tuple[Any, int]]) -> int:
    """reportlab keeps the advances of the first numberOfHMetrics glyphs as ints, the rest scaled (floats):
    how many lead as ints, so that loading restores the same types."""
    n = 0
    while n < len(hmetrics) and type(hmetrics[n][0]) is int:
        n += 1
    if any(type(aw) is not float for aw, _lsb in hmetrics[n:]):
        raise _Unstorable("hmetrics")
    return n


def face_bytes(face: TTFontFace) -> bytes:
    """The parsed state of a face (without the font file's bytes) as a cache entry."""
    small = {name: _encode(value) for name, value in face.__dict__.items() if name not in SKIP and name not in TABLES}
    blobs: list[bytes] = []
    lengths: dict[str, int] = {}
    for name, codes in TABLES.items():
        columns = _columns(name, getattr(face, name))
        lengths.update({f"{name}.{n}": len(column) for n, column in enumerate(columns)})
        try:
            blobs += [array(code, column).tobytes() for code, column in zip(codes, columns)]
        except (OverflowError, TypeError) as exc:
            raise _Unstorable(name) from exc
    header = json.dumps({"small": small, "lengths": lengths}, ensure_ascii=False, separators=(",", ":")).encode()
    return struct.pack("<I", len(header)) + header + b"".join(blobs)


def face_from_bytes(entry: bytes, filename: str, data: bytes | FontFile) -> TTFontFace:
    """A TTFontFace as reportlab's parser leaves it, from face_bytes's entry and the font's bytes (a
    CachedFace: LATER's tables are built when first read)."""
    (size,) = struct.unpack_from("<I", entry)
    header = json.loads(entry[4:4 + size])
    attrs: dict[str, Any] = {name: _decode(value) for name, value in header["small"].items()}
    view, at = memoryview(entry), 4 + size
    later: dict[str, _Once] = {}
    for name, codes in TABLES.items():
        columns = []
        for n, code in enumerate(codes):
            column = array(code)
            end = at + header["lengths"][f"{name}.{n}"] * column.itemsize
            column.frombytes(view[at:end])
            columns.append(column)
            at = end
        if name in LATER:
            later[name] = _Once(name, columns)
        else:
            attrs[name] = _shared_table(name, columns)
    if at != len(entry):
        raise ValueError("cache entry of the wrong length")
    attrs["tables"] = [attrs["table"][record["tag"]] for record in attrs["tables"]]  # the same records, as parsed
    attrs.update(filename=filename, _ttf_data=data, _pos=0, _pdfScale=_scale(attrs["unitsPerEm"]), _later=later)
    face = CachedFace.__new__(CachedFace)
    face.__dict__.update(attrs)
    return face


class CachedFace(TTFontFace):
    """A face from the cache: reportlab's parsed face, except that the tables in LATER are built when
    first read. A copy (the list-mark faces are copies) shares them, as copies of a parsed face do."""

    def __getattr__(self, name: str) -> Any:  # only for an attribute not (yet) in the instance
        later = self.__dict__.get("_later")
        if later is None or name not in later:
            raise AttributeError(name)
        value = later[name]()
        self.__dict__[name] = value
        return value


class _Once:
    """One table's columns, turned into the table on the first call; the same object on every call."""

    def __init__(self, name: str, columns: list[array]) -> None:
        self._name, self._columns, self._lock, self._value = name, columns, threading.Lock(), None

    def __call__(self) -> Any:
        with self._lock:
            if self._value is None:
                self._value = _table(self._name, self._columns)
                self._columns = []
            return self._value


def _scale(units_per_em: int):
    """reportlab's own font-unit -> 1/1000 em function, the same arithmetic so widths agree to the bit."""
    if units_per_em == 1000:
        return lambda x: x
    mult = 1000 / units_per_em
    return lambda x: x * mult


class FontDigests(StatIndex):
    """The font files' content hashes, kept in the font cache's stat.json."""


def cache_key(digest: str) -> str:
    """The entry for the font file whose SHA-256 is digest, with all an entry's reading depends on: its
    format, reportlab's parser, the machine's byte order and array sizes."""
    return hashlib.sha256(f"{FORMAT}|{reportlab.Version}|{sys.byteorder}|{array('I').itemsize}|{digest}".encode()).hexdigest()


def load_face(path: Path, cache_dir: Path | None, digests: FontDigests | None = None) -> TTFontFace:
    """The parsed face of the font file at path: from the cache when it holds this file's parse.
    digests: the cache's stat index, shared by several calls (the caller saves it); else this call's own."""
    path = Path(path)
    if cache_dir is None:
        return _parse(path, path.read_bytes())
    index = digests if digests is not None else FontDigests(cache_dir / INDEX)
    digest = index.known(path)
    data: bytes | FontFile | None = None
    if digest is not None:  # unchanged since hashed: neither read nor hashed now (FontFile reads what is used)
        signature = _signature(path)
        data = FontFile(path, digest, signature) if signature is not None else None
    if data is None:
        digest, data = index.hash(path)
    if digests is None:
        index.save()
    entry = cache_dir / f"{cache_key(digest)}.face"
    try:
        return face_from_bytes(entry.read_bytes(), str(path), data)
    except Exception:  # noqa: BLE001, S110 - a missing, damaged or foreign entry is a miss: parse
        pass
    if isinstance(data, FontFile):
        data = data.whole()
    face = _parse(path, data)
    _store(entry, face)
    return face


def _signature(path: Path) -> list[int] | None:
    try:
        return stat_key(path.stat())
    except OSError:
        return None


class FontFile:
    """The bytes of a font file whose parse came from the cache, read where they are used.

    A build reads a few small tables and the outlines of the glyphs it draws, a few hundred KB of the
    9.4 MB of bundled fonts: reading both text faces whole took ~2,200 page faults and ~7 ms of every
    build. Slicing (what reportlab's get_table does) reads that range; `ranges` reads many with one open.
    Every read checks that the file is still the one hashed: by its stat signature, or else by hashing
    it again; a font file whose content changed since raises FontError instead of mixing two fonts."""

    def __init__(self, path: Path, digest: str, signature: list[int]) -> None:
        self._path, self._digest, self._signature = path, digest, signature
        self._data: bytes | None = None  # the whole file, once its signature changed but not its content

    def __len__(self) -> int:
        return self._signature[0]

    def __getitem__(self, key: slice) -> bytes:
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("FontFile supports contiguous slices only")
        start, stop, _step = key.indices(len(self))
        return self.ranges([(start, max(start, stop))])[0]

    def ranges(self, spans: list[tuple[int, int]]) -> list[bytes]:
        """The bytes of each (start, end) span of the file."""
        if self._data is not None:
            return [self._data[start:end] for start, end in spans]
        try:
            with open(self._path, "rb") as handle:
                if stat_key(os.fstat(handle.fileno())) != self._signature:
                    self._data = self._checked(handle.read())
                    return self.ranges(spans)
                out = []
                for start, end in spans:
                    handle.seek(start)
                    out.append(handle.read(end - start))
                return out
        except OSError as exc:
            raise self._error(_("フォントファイルを読めません（{reason}）。").format(reason=exc.strerror or exc)) from None

    def whole(self) -> bytes:
        """The whole file, checked against its hash."""
        if self._data is None:
            try:
                self._data = self._checked(self._path.read_bytes())
            except OSError as exc:
                raise self._error(_("フォントファイルを読めません（{reason}）。").format(reason=exc.strerror or exc)) from None
        return self._data

    def _checked(self, data: bytes) -> bytes:
        if hashlib.sha256(data).hexdigest() != self._digest:
            raise self._error(_("フォントファイルが、作成の途中で書き換えられました。"))
        return data

    def _error(self, message: str) -> FontError:
        return FontError(Issue(self._path, None, None, message,
                               _("もう一度作成してください（--watch で見張っている間なら、いったん止めてから始め直してください）。")))


def _parse(path: Path, data: bytes) -> TTFontFace:
    face = TTFontFace(str(path))
    face._ttf_data = data  # reportlab read the same file; keep one copy of its bytes
    return face


def _store(entry: Path, face: TTFontFace) -> None:
    try:
        blob = face_bytes(face)
    except _Unstorable:
        return
    store(entry, blob)
