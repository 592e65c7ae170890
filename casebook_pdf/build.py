"""The build pipeline, start to finish: edition file -> PDF file, written atomically.

load -> glyph check -> layout -> render -> write. Each step raises a CasebookError subclass naming
what the user must fix; the previous PDF is replaced only once the new one is complete.

Only loading is imported with this module. The fonts, the layout and the drawing are imported once the
edition is loaded and its pictures are being decoded on a worker thread, so that on a small edition
the second core starts on the pictures while the first is still importing (a cold build is mostly
start-up).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from casebook_pdf import parsememo
from casebook_pdf.drawncache import DrawnPages
from casebook_pdf.errors import Issue, OutputError, StrictWarnings
from casebook_pdf.images import DEFAULT_DPI, ImageStore, Processed, pictures
from casebook_pdf.load.early import picture_hints
from casebook_pdf.messages import _
from casebook_pdf.output import guard_output
from casebook_pdf.record import record

if TYPE_CHECKING:  # imported where they are used, after loading (see the module docstring)
    from casebook_pdf.model import Edition
    from casebook_pdf.layout.edition import Layout
    from casebook_pdf.layout.memo import LayoutMemo
    from casebook_pdf.render import Meta, Output


@record
class Result:
    """What a build made: the PDF's path, page count and size, and what it has to tell the user."""

    output: Path | None
    pages: int
    size: int
    warnings: tuple[Issue, ...]
    notices: tuple[Issue, ...] = ()  # results to show even under -q: the PDF went to another name


def meta_for(edition: Edition) -> Meta:
    from casebook_pdf.layout.cover import date_line
    from casebook_pdf.render import Meta

    title = "".join(edition.title) + (edition.subtitle or "")
    epoch = (edition.date - dt.date(1970, 1, 1)).days * 86400  # 0:00 UTC of the date, as calendar.timegm gives
    return Meta(title=title, author=edition.issuer, subject=f"{date_line(edition)} 事例{len(edition.cases)}件", epoch=epoch)


@record
class Prepared:
    """An edition loaded, laid out and its pictures processed: everything drawing needs."""

    edition: Edition
    layout: Layout
    images: Mapping[tuple, Processed]  # by images.picture_key (while building: images.Pending)
    warnings: tuple[Issue, ...]


class Progress(Protocol):
    """Told how far a build is: stage(name, total) around each long step; the step's helpers advance it."""

    def stage(self, name: str, total: int) -> contextlib.AbstractContextManager[None]: ...


class _Silent:
    def stage(self, name: str, total: int) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()


@dataclass
class Workspace:
    """What a build works with besides its input: the layout memo, the image store and a progress display.

    One build makes a fresh one; `build --watch` keeps one for the whole session, so a rebuild finds
    the fonts, laid-out pages and processed images of the previous one still in memory. The memo is
    made by `new_memo` when the pages are first laid out: its module imports the layout's.
    """

    store: ImageStore
    progress: Progress = field(default_factory=_Silent)
    drawn: DrawnPages | None = None  # pages drawn by earlier builds
    new_memo: Callable[[], LayoutMemo | None] = lambda: None

    @functools.cached_property
    def memo(self) -> LayoutMemo | None:
        return self.new_memo()

    @classmethod
    def fresh(cls, cache_dir: Path | None, dpi: int = DEFAULT_DPI) -> Workspace:
        return cls(ImageStore(cache_dir / "images" if cache_dir else None, dpi),
                   drawn=DrawnPages(cache_dir / "pages") if cache_dir else None,
                   new_memo=lambda: _layout_memo(cache_dir / "layout") if cache_dir else None)


def _layout_memo(folder: Path) -> LayoutMemo:
    from casebook_pdf.layout.memo import LayoutMemo

    return LayoutMemo(folder)


def prepare(edition_file: Path, cache_dir: Path | None = None, dpi: int = DEFAULT_DPI, work: Workspace | None = None,
            output: Path | None = None) -> Prepared:
    """Load, check, lay out and process the images of an edition, writing nothing but the cache.

    With a cache folder, processed images (cache/images) and laid-out case pages (cache/layout) are
    reused when their inputs have not changed; the PDF is the same either way. An `output` about to
    be written is checked right after loading, before any expensive step.
    """
    work = work or Workspace.fresh(cache_dir, dpi)
    edition, laid = _laid_out(edition_file, cache_dir, work, output)
    with work.progress.stage("images", count_pictures(laid)):
        images, image_warnings = work.store.process_pages(laid.pages)
    return Prepared(edition, laid, images, laid.warnings + tuple(image_warnings))


def _laid_out(edition_file: Path, cache_dir: Path | None, work: Workspace, output: Path | None) -> tuple[Edition, Layout]:
    if output is not None:
        guard_output(output, None, edition_file)
    work.store.abandon()  # nothing a build that stopped early started may stand for this one's pictures (--watch)
    # The pictures the edition probably names start decoding on a worker thread before YAML and the
    # model are imported (load/early.py); those the loaded edition adds, or the hints missed, after it.
    work.store.prefetch(picture_hints(edition_file))
    try:
        return _load_and_lay_out(edition_file, cache_dir, work, output)
    except BaseException:
        work.store.abandon()
        raise


def _load_and_lay_out(edition_file: Path, cache_dir: Path | None, work: Workspace, output: Path | None) -> tuple[Edition, Layout]:
    from casebook_pdf.load.edition import load_edition

    with parsememo.stored_in(cache_dir / "yaml" if cache_dir else None):
        edition = load_edition(edition_file)
    if output is not None:
        guard_output(output, edition)
    work.store.prefetch(image_files(edition))  # decoded on a worker thread while the rest is imported and laid out
    from casebook_pdf.fonts import load_fonts
    from casebook_pdf.glyphs import check_glyphs
    from casebook_pdf.layout.edition import layout_edition

    fonts = load_fonts()
    check_glyphs(edition, fonts)
    with work.progress.stage("pages", len(edition.cases)):
        laid = layout_edition(edition, fonts, memo=work.memo, on_case_page=work.store.begin)
    return edition, laid


def image_files(edition: Edition) -> list[Path]:
    """Every picture file the edition names, in the order of its cases (photos, then the contrast blocks')."""
    from casebook_pdf.model import ContrastBlock

    files = []
    for case in edition.cases:
        files.extend(photo.image for photo in case.photos)
        for block in case.blocks:
            if isinstance(block, ContrastBlock):
                files.extend(side.image for side in (block.before, block.after) if side.image is not None)
    return files


def count_pictures(laid: Layout) -> int:
    return len(pictures(laid.pages))


def build(edition_file: Path, output: Path, cache_dir: Path | None = None, dpi: int = DEFAULT_DPI,
          work: Workspace | None = None, strict: bool = False, kind: Output | None = None) -> Result:
    """The whole pipeline; with `strict`, any warning stops it before the PDF is written. `kind`
    chooses the PDF: for the screen (default), the press, a gray copy or handouts."""
    if strict:  # every warning must be known before anything is drawn
        ready = prepare(edition_file, cache_dir, dpi, work, output)
        if ready.warnings:
            raise StrictWarnings(list(ready.warnings))
        pdf = render_prepared(ready, kind, work)
    else:  # the pages are drawn while the pictures further on are still being processed
        work = work or Workspace.fresh(cache_dir, dpi)
        edition, laid = _laid_out(edition_file, cache_dir, work, output)
        with work.progress.stage("images", count_pictures(laid)):
            pending = work.store.start(laid.pages)
            try:
                pdf = render_prepared(Prepared(edition, laid, pending, laid.warnings), kind, work)
            finally:
                images, image_warnings = pending.finish()  # raises ImageError: then nothing is written
        ready = Prepared(edition, laid, images, laid.warnings + tuple(image_warnings))
    written, notes = write_pdf(output, pdf)
    return Result(written, len(ready.layout.pages), len(pdf), ready.warnings, notes)


def render_prepared(ready: Prepared, kind: Output | None = None, work: Workspace | None = None) -> bytes:
    from casebook_pdf.fonts import load_fonts
    from casebook_pdf.render import Output
    from casebook_pdf.render.pdf import render_pdf

    kind = kind or Output()
    return render_pdf(ready.layout.pages, meta_for(ready.edition), load_fonts(), ready.images,
                      outline=not kind.handout, output=kind, drawn=work.drawn if work else None)


class _InUse(Exception):
    """The old file could not be replaced: on Windows, a PDF viewer holds it open."""


def write_pdf(path: Path, data: bytes) -> tuple[Path, tuple[Issue, ...]]:
    """Write the PDF; when a viewer holds the old one open, write NAME-1.pdf beside it and say so."""
    path = Path(path)
    for n in range(10):
        target = path if n == 0 else path.with_name(f"{path.stem}-{n}{path.suffix}")
        try:
            write_atomic(target, data)
        except _InUse:
            continue
        if n == 0:
            return path, ()
        note = _("{old} は他のソフト（PDF ビューアなど）で開かれているため、置き換えられませんでした。"
                 "代わりに {new} に書き出しました。").format(old=path.name, new=target.name)
        return target, (Issue(path, None, None, note, _("ビューアを閉じてから、もう一度作成してください。")),)
    raise OutputError(Issue(path, None, None, _("PDF を書き出せません。{name} と同じ名前のファイルがすべて開かれています。").format(name=path.name),
                            _("PDF ビューアを閉じるか、-o で別の名前を指定してください。")))


def _os_reason(exc: OSError) -> str:
    """The system's reason for a failed write, in words for the user."""
    reasons = {
        errno.ENOSPC: _("ディスクがいっぱいです"),
        errno.EACCES: _("書き込みの権限がありません"),
        errno.EPERM: _("書き込みの権限がありません"),
        errno.EROFS: _("読み取り専用の場所です"),
        errno.ENOENT: _("その場所にはファイルを作れません"),
        errno.ENAMETOOLONG: _("ファイル名が長すぎます"),
    }
    return reasons.get(exc.errno or 0, str(exc.strerror or exc))


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename over it: readers never see half a PDF."""
    import tempfile  # here, not at the top: a build imports it once the PDF is made, after its pictures have started

    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
            try:
                os.replace(tmp, path)
            except PermissionError:
                if not path.exists():
                    raise
                raise _InUse(path) from None
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(Issue(path, None, None, _("PDF を書き出せません（{reason}）。").format(reason=_os_reason(exc)),
                                _("書き込めるフォルダを -o で指定してください。PDF がビューアで開かれていれば閉じてください。"))) from exc
