"""Where the cache lives when the command line does not say: a module of its own, light to import."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def default_cache_dir() -> Path:
    """$CASEBOOK_CACHE, else the platform's cache folder for casebook-pdf (platformdirs: ~/.cache/casebook-pdf
    on Linux, honouring $XDG_CACHE_HOME; %LOCALAPPDATA%\\casebook-pdf\\Cache on Windows; ~/Library/Caches on macOS)."""
    if os.environ.get("CASEBOOK_CACHE"):
        return Path(os.environ["CASEBOOK_CACHE"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("casebook-pdf", appauthor=False))


def store(path: Path, data: bytes) -> None:
    """Write a cache entry whole or not at all (a temporary file renamed over it, so a reader never sees
    half an entry). A cache is an optimisation: a full or read-only disk leaves the entry unwritten."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
