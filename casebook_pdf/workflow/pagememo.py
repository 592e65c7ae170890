"""The layout memo of a whole watch session: pages kept in memory as well, and counted for the progress display."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from casebook_pdf.layout.memo import LayoutMemo


@dataclass(eq=False)
class PageMemo(LayoutMemo):
    """The layout memo with a layer in memory, kept for a whole watch session, that counts each page.

    `folder` None keeps pages in memory only (--no-cache). `sweep()` after a build forgets pages that
    build did not use, so editing for an hour does not grow the memory.
    """

    folder: Path | None = None  # type: ignore[assignment]
    tick: Callable[[], None] = lambda: None
    _kept: dict[str, object] = field(default_factory=dict, repr=False)
    _used: dict[str, object] = field(default_factory=dict, repr=False)

    def get(self, key: str) -> object | None:
        value = self._kept.get(key)
        if value is None and self.folder is not None:
            value = super().get(key)
        if value is not None:
            self._used[key] = value
            self.tick()
        return value

    def put(self, key: str, value: object) -> None:
        self._used[key] = value
        if self.folder is not None:
            super().put(key, value)
        self.tick()

    def sweep(self) -> None:
        self._kept, self._used = self._used, {}
