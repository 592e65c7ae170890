"""Where the cache lives when the command line does not say: a module of its own, light to import."""

from __future__ import annotations

import os
from pathlib import Path


def default_cache_dir() -> Path:
    """$CASEBOOK_CACHE, else the platform's cache folder for casebook-pdf (platformdirs: ~/.cache/casebook-pdf
    on Linux, honouring $XDG_CACHE_HOME; %LOCALAPPDATA%\\casebook-pdf\\Cache on Windows; ~/Library/Caches on macOS)."""
    if os.environ.get("CASEBOOK_CACHE"):
        return Path(os.environ["CASEBOOK_CACHE"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("casebook-pdf", appauthor=False))
