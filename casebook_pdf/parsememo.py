"""Parsed YAML files remembered by their text, so a rebuild parses only the files that changed.

PyYAML's pure-Python scanner (which the loader extends) is the slowest part of loading: a few
milliseconds a case file, seconds for a thousand. parse_yaml is a pure function of a file's text, its
name and the loader's code, so its result is kept:
- in memory for the whole process (build --watch: unchanged case files cost a read and a lookup);
- on disk in the cache folder's yaml/, as JSON (never pickle: an entry must not be able to run code),
  keyed by the SHA-256 of the loader's code, the file name and the text. A damaged entry is a miss.
Only files that parsed without problems are kept; a file with problems is parsed again every time,
so its messages come from the parser itself.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import functools
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casebook_pdf.cachedir import store
import casebook_pdf

if TYPE_CHECKING:  # load.source imports this module
    from casebook_pdf.load.source import Source

CODE = ("load", "text")  # the packages whose code decides what a file parses to
KEEP = 2000  # files remembered in memory (a 1000-case edition twice over)
TAG = "\x00"  # marks a value JSON has no type for; a key starting with it is never written by a user

_folder: contextvars.ContextVar[Path | None] = contextvars.ContextVar("parse_memo_folder", default=None)
_memory: OrderedDict[tuple[str, str], Any] = OrderedDict()
_lock = threading.Lock()


@contextlib.contextmanager
def stored_in(folder: Path | None) -> Iterator[None]:
    """Keep parsed files on disk in `folder` (None: in memory only) while the block runs."""
    token = _folder.set(folder)
    try:
        yield
    finally:
        _folder.reset(token)


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    from casebook_pdf.load.pyyaml import yaml

    root = Path(casebook_pdf.__file__).parent
    digest = hashlib.sha256(f"{casebook_pdf.__version__}|{yaml.__version__}".encode())
    for name in CODE:
        for file in sorted((root / name).rglob("*.py")):
            digest.update(file.relative_to(root).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def parsed(file: Path, text: str, parse: Callable[[str, Path], Source]) -> Source:
    """parse(text, file), or what it gave for this very text before."""
    key = (str(file), text)
    with _lock:
        hit = _memory.get(key)
    if hit is not None:
        return hit
    folder = _folder.get()
    entry = folder / _digest(file, text) if folder is not None else None
    source = _read(entry, file) if entry is not None else None
    if source is None:
        source = parse(text, file)
        if entry is not None:
            _write(entry, source)
    with _lock:
        _memory[key] = source
        while len(_memory) > KEEP:
            _memory.popitem(last=False)
    return source


def _digest(file: Path, text: str) -> str:
    digest = hashlib.sha256(code_version().encode())
    digest.update(str(file).encode("utf-8", "surrogatepass") + b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    name = digest.hexdigest()
    return f"{name[:2]}/{name}.json"


class _Unstorable(Exception):
    pass


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        if any(not isinstance(k, str) or k.startswith(TAG) for k in value):
            raise _Unstorable()
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, datetime.datetime):
        return {TAG + "datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {TAG + "date": value.isoformat()}
    raise _Unstorable()


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, inner),) = value.items()
            if key == TAG + "date":
                return datetime.date.fromisoformat(inner)
            if key == TAG + "datetime":
                return datetime.datetime.fromisoformat(inner)
        return {k: _decode(v) for k, v in value.items()}
    return value


def _read(entry: Path, file: Path) -> Source | None:
    from casebook_pdf.load.source import Source

    try:
        stored = json.loads(entry.read_text(encoding="utf-8"))
        return Source(file, _decode(stored["data"]), dict(stored["lines"]), dict(stored["raw"]))
    except Exception:  # noqa: BLE001 - a missing or damaged entry is a miss
        return None


def _write(entry: Path, source: Source) -> None:
    try:
        text = json.dumps({"data": _encode(source.data), "lines": source.lines, "raw": source.raw},
                          ensure_ascii=False, separators=(",", ":"))
    except (_Unstorable, ValueError, TypeError):
        return
    store(entry, text.encode("utf-8"))
