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
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO, cast

import click

from casebook_pdf.build import Workspace
from casebook_pdf.images import ImageStore
from casebook_pdf.drawncache import DrawnPages
from casebook_pdf.messages import _

if TYPE_CHECKING:
    from casebook_pdf.workflow.pagememo import PageMemo

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


@dataclass
class CountingStore(ImageStore):
    """The image store, counting each picture as it is done."""

    tick: Callable[[], None] = lambda: None

    def finished_one(self) -> None:
        self.tick()


def workspace(cache_dir: Path | None, dpi: int, display: Display | None = None) -> Workspace:
    """A workspace whose memo and store report to `display` (and keep pages in memory for a rebuild)."""
    shown = display or Display(quiet=True)
    store = CountingStore(cache_dir / "images" if cache_dir else None, dpi, tick=shown.advance)
    return Workspace(store, shown, DrawnPages(cache_dir / "pages" if cache_dir else None),
                     new_memo=lambda: _page_memo(cache_dir / "layout" if cache_dir else None, shown.advance))


def _page_memo(folder: Path | None, tick: Callable[[], None]) -> PageMemo:
    from casebook_pdf.workflow.pagememo import PageMemo

    return PageMemo(folder, tick=tick)
