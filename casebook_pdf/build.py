"""The build pipeline, start to finish: edition file -> PDF file, written atomically.

load -> glyph check -> layout -> render -> write. Each step raises a CasebookError subclass naming
what the user must fix; the previous PDF is replaced only once the new one is complete.
"""

from __future__ import annotations

import calendar
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from casebook_pdf.errors import Issue, OutputError
from casebook_pdf.fonts import load_fonts
from casebook_pdf.images import DEFAULT_DPI, ImageStore, Processed
from casebook_pdf.glyphs import check_glyphs
from casebook_pdf.layout import Layout, layout_edition
from casebook_pdf.layout.memo import LayoutMemo
from casebook_pdf.layout.cover import date_line
from casebook_pdf.loader import load_edition
from casebook_pdf.model import Edition
from casebook_pdf.render import Meta, render_pdf


@dataclass(frozen=True)
class Result:
    output: Path | None
    pages: int
    size: int
    warnings: tuple[Issue, ...]


def meta_for(edition: Edition) -> Meta:
    title = "".join(edition.title) + (edition.subtitle or "")
    epoch = calendar.timegm(edition.date.timetuple())
    return Meta(title=title, author=edition.issuer, subject=f"{date_line(edition)} 事例{len(edition.cases)}件", epoch=epoch)


@dataclass(frozen=True)
class Prepared:
    edition: Edition
    layout: Layout
    images: dict[tuple, Processed]  # by images.picture_key
    warnings: tuple[Issue, ...]


def prepare(edition_file: Path, cache_dir: Path | None = None, dpi: int = DEFAULT_DPI) -> Prepared:
    """Load, check, lay out and process the images of an edition, writing nothing but the cache.

    With a cache folder, processed images (cache/images) and laid-out case pages (cache/layout) are
    reused when their inputs have not changed; the PDF is the same either way.
    """
    edition = load_edition(edition_file)
    fonts = load_fonts()
    check_glyphs(edition, fonts)
    memo = LayoutMemo(cache_dir / "layout") if cache_dir else None
    laid = layout_edition(edition, fonts, memo=memo)
    store = ImageStore(cache_dir / "images" if cache_dir else None, dpi)
    images, image_warnings = store.process_pages(laid.pages)
    return Prepared(edition, laid, images, laid.warnings + tuple(image_warnings))


def build(edition_file: Path, output: Path, cache_dir: Path | None = None, dpi: int = DEFAULT_DPI) -> Result:
    ready = prepare(edition_file, cache_dir, dpi)
    pdf = render_pdf(ready.layout.pages, meta_for(ready.edition), load_fonts(), ready.images)
    write_atomic(output, pdf)
    return Result(output, len(ready.layout.pages), len(pdf), ready.warnings)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename over it: readers never see half a PDF."""
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
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(Issue(path, None, None, f"cannot write the PDF: {exc.strerror or exc}.",
                                "Close the PDF if it is open in a viewer, or choose another file with -o.")) from exc
