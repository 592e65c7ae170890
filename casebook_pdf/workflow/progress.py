"""How far a build is: a bar on a terminal, one plain line per long step elsewhere, nothing under -q.

A step only shows once it has taken more than a moment (MOMENT seconds), so the small edition builds
as silently as before. Case pages are counted by the layout memo as each page is settled (taken from
the memo or laid out and stored), images by the image store as each one is processed; both happen
on worker threads too, hence the lock.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TextIO, cast

import click

from casebook_pdf.build import Workspace
from casebook_pdf.frames import Picture
from casebook_pdf.images import ImageStore, Processed
from casebook_pdf.drawncache import DrawnPages
from casebook_pdf.layout.memo import LayoutMemo
from casebook_pdf.messages import _

MOMENT = 0.5  # seconds a step runs before it is shown

LABELS = {"pages": lambda: _("ページを組んでいます"), "images": lambda: _("画像を処理しています")}
DONE = {"pages": lambda: _("ページ {n} 件を組みました（{s:.1f} 秒）"), "images": lambda: _("画像 {n} 枚を処理しました（{s:.1f} 秒）")}


class Display:
    """The progress of one build, shown on `stream` (stderr by default)."""

    def __init__(self, stream: IO[str] | None = None, terminal: bool | None = None, quiet: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = _is_terminal(self.stream) if terminal is None else terminal
        self.quiet = quiet
        self._lock = threading.Lock()
        self._name = ""
        self._total = self._done = 0
        self._start = 0.0
        self._bar: Any = None

    @contextlib.contextmanager
    def stage(self, name: str, total: int) -> Iterator[None]:
        with self._lock:
            self._name, self._total, self._done, self._start, self._bar = name, total, 0, time.perf_counter(), None
        try:
            yield
        finally:
            with self._lock:
                self._finish()

    def advance(self) -> None:
        with self._lock:
            if not self._name:
                return
            self._done = min(self._total, self._done + 1)
            if self._bar is None and self._shows():
                self._bar = click.progressbar(length=self._total, label=LABELS[self._name](), file=cast(TextIO, self.stream), width=30,
                                              show_eta=False, show_percent=False, show_pos=True)
                self._bar.__enter__()
                self._bar.update(self._done)
            elif self._bar is not None:
                self._bar.update(1)

    def _shows(self) -> bool:
        return self.terminal and not self.quiet and time.perf_counter() - self._start > MOMENT

    def _finish(self) -> None:
        seconds = time.perf_counter() - self._start
        if self._bar is not None:
            self._bar.update(self._total - self._bar.pos)
            self._bar.__exit__(None, None, None)
        elif not self.terminal and not self.quiet and seconds > MOMENT and self._total:
            print(DONE[self._name]().format(n=self._total, s=seconds), file=self.stream, flush=True)
        self._name, self._bar = "", None


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


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


@dataclass
class CountingStore(ImageStore):
    """The image store, counting each picture as it is done."""

    tick: Callable[[], None] = lambda: None

    def get(self, picture: Picture) -> Processed:
        try:
            return super().get(picture)
        finally:
            self.tick()


def workspace(cache_dir: Path | None, dpi: int, display: Display | None = None) -> Workspace:
    """A workspace whose memo and store report to `display` (and keep pages in memory for a rebuild)."""
    display = display or Display(quiet=True)
    memo = PageMemo(cache_dir / "layout" if cache_dir else None, tick=display.advance)
    store = CountingStore(cache_dir / "images" if cache_dir else None, dpi, tick=display.advance)
    return Workspace(memo, store, display, DrawnPages(cache_dir / "pages" if cache_dir else None))
