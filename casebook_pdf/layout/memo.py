"""A disk memo of laid-out case pages, so that editing one case re-lays out only that case.

layout_case is a pure function of the case (its text, items, photo paths and their YAML lines),
its page number, the style and this package's layout code; the key hashes exactly those. Entries are
pickles written atomically in the user's own cache folder; an unreadable entry is simply a miss.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import threading
from dataclasses import dataclass
from pathlib import Path

import casebook_pdf
from casebook_pdf.messages import language

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
        digest = hashlib.sha256(code_version().encode())
        digest.update(language().encode())  # an entry keeps its warnings as text, in one language
        for part in parts:
            digest.update(repr(part).encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> object | None:
        try:
            with open(self._file(key), "rb") as fh:
                return pickle.load(fh)
        except Exception:  # noqa: BLE001 - a missing or damaged entry is a miss, never an error
            return None

    def put(self, key: str, value: object) -> None:
        file = self._file(key)
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            tmp = file.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, file)
        except OSError:
            pass  # the memo is an optimisation; a full or read-only disk must not fail the build
