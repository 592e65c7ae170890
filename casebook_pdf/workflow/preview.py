"""`preview`: the pages of an edition as PNG pictures, one file per page, each written atomically.

The PDF is made by the ordinary build (into a temporary folder), so the pictures show exactly what
`build` prints; pypdfium2 (PDFium, the PDF engine of Chrome, shipped as a wheel) draws the pages.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from casebook_pdf.build import Result, Workspace, build
from casebook_pdf.messages import _

PAGE_NAME = "page-{n:02d}.png"
_STALE = re.compile(r"^page-\d+\.png$")


class PageChoiceError(ValueError):
    """--pages names a page that is not there or cannot be read."""


def parse_pages(text: str) -> list[int]:
    """`1,3-5` -> [1, 3, 4, 5] (page numbers from 1, in the order written, each once)."""
    pages: list[int] = []
    for part in text.replace(" ", "").split(","):
        m = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not m or int(m.group(1)) < 1 or (m.group(2) and int(m.group(2)) < int(m.group(1))):
            raise PageChoiceError(_("ページの指定「{part}」が読めません。1,3-5 のように書いてください。").format(part=part))
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        pages += [n for n in range(first, last + 1) if n not in pages]
    return pages


def preview(edition: Path, out_dir: Path, dpi: int, pages: list[int] | None, cache_dir: Path | None,
            image_dpi: int, work: Workspace | None = None, colors: int | None = None) -> tuple[Result, list[Path]]:
    """Build the edition and write the chosen pages (all by default) as PNG files; returns them.

    `colors` makes palette PNGs of at most that many colours: a third of the size, for documents."""
    with tempfile.TemporaryDirectory(prefix="casebook-preview-") as tmp:
        result = build(edition, Path(tmp) / "preview.pdf", cache_dir, image_dpi, work)
        document = pdfium.PdfDocument(str(result.output))
        try:
            wanted = pages or list(range(1, len(document) + 1))
            beyond = [n for n in wanted if n > len(document)]
            if beyond:
                raise PageChoiceError(_("{n} ページ目はありません（この事例集は {total} ページです）。").format(n=beyond[0], total=len(document)))
            written = [_write_page(document, n, out_dir, dpi, colors) for n in wanted]
        finally:
            document.close()
    if pages is None:
        _remove_stale(out_dir, written)
    return result, written


def _write_page(document: pdfium.PdfDocument, number: int, out_dir: Path, dpi: int, colors: int | None) -> Path:
    page = document[number - 1]
    try:
        image = page.render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        page.close()
    if colors:
        image = image.quantize(colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.FLOYDSTEINBERG)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True, dpi=(dpi, dpi))
    target = Path(out_dir) / PAGE_NAME.format(n=number)
    write_file(target, buffer.getvalue())
    return target


def write_file(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale(out_dir: Path, written: list[Path]) -> None:
    """Pages of an earlier, longer preview would pass for pages of this one: remove them."""
    keep = {p.name for p in written}
    for old in Path(out_dir).iterdir():
        if _STALE.match(old.name) and old.name not in keep:
            old.unlink()
