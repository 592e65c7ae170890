"""Content hashes of input files with a stat fast path, as git keeps its index: a file whose size,
modification time, inode and change time are those it had when hashed is not read to be hashed again.

Used for the pictures (cache/images/stat.json) and the font files (cache/fonts/stat.json). A hash is
trusted only when the file was already RACY seconds old when it was hashed, so a file rewritten twice
within one timestamp tick is read again; a file rewritten with its size and modification time put back
still has another change time (and often another inode). The fast path only ever decides cache hits:
a miss reads the file and hashes what it reads.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from pathlib import Path

from casebook_pdf.cachedir import store

RACY = 2.0  # seconds: a file changed this close to when it was hashed may change again unseen (same mtime)


def stat_key(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns]


class StatIndex:
    """SHA-256 digests of files by path, kept in `file` (JSON) between runs; no file: in memory only."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self._lock = threading.Lock()
        self._known: dict[str, list] | None = None  # path -> [size, mtime_ns, ino, ctime_ns, digest, hashed_at]
        self._changed = False

    def _table(self) -> dict[str, list]:
        if self._known is None:
            self._known = {}
            if self.file is not None:
                try:
                    data = json.loads(self.file.read_text(encoding="utf-8"))
                    if isinstance(data, dict):
                        self._known = {k: v for k, v in data.items() if isinstance(v, list) and len(v) == 6}
                except (OSError, ValueError):
                    pass  # no index yet, or a damaged one: every file is hashed
        return self._known

    def known(self, path: Path) -> str | None:
        """The file's hash if its stat says it is unchanged since it was hashed, else None."""
        try:
            stat = path.stat()
        except OSError:
            return None
        with self._lock:
            entry = self._table().get(str(path))
        if entry and entry[:4] == stat_key(stat) and entry[5] - stat.st_mtime_ns / 1e9 > RACY:
            return str(entry[4])
        return None

    def hash(self, path: Path, data: bytes | None = None) -> tuple[str, bytes]:
        """Hash the file's bytes (read now unless given) and remember its stat; returns (digest, bytes)."""
        before = path.stat()
        if data is None:
            data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if stat_key(path.stat()) == stat_key(before):  # not changed while being read
            with self._lock:
                self._table()[str(path)] = [*stat_key(before), digest, time.time()]
                self._changed = True
        return digest, data

    def save(self) -> None:
        if self.file is None or not self._changed:
            return
        with self._lock:
            text = json.dumps(self._table(), separators=(",", ":"))
            self._changed = False
        store(self.file, text.encode("utf-8"))
