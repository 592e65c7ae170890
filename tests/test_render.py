"""Render: icons and pictures really reach the page, and pages match reference PNGs.

Reference PNGs (tests/visual/ref) are the bundled edition rendered with pypdfium2 at 40 dpi in
grayscale. After an intended layout change, regenerate them with `UPDATE_REFS=1 python -m pytest
tests/test_render.py`; a failing comparison writes the actual page and a diff to tests/visual/actual.
"""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageStat

from casebook_pdf.fonts import load_fonts
from casebook_pdf.frames import flatten, Icon, Picture
from casebook_pdf.layout.edition import layout_edition
from casebook_pdf.load.edition import load_edition
from tests.conftest import BUNDLED

HERE = Path(__file__).parent / "visual"
DPI = 40
PAGES = {0: "cover", 1: "contents", 2: "case-1", 3: "case-2", 4: "case-3"}


def _render(pdf: Path, index: int, dpi: int = DPI) -> Image.Image:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return doc[index].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        doc.close()


@pytest.fixture(scope="module")
def pages():
    return layout_edition(load_edition(BUNDLED), load_fonts()).pages


def _ink(image: Image.Image, box: tuple[float, float, float, float], dpi: int) -> float:
    """Mean darkness (0 white .. 255 black) of a region given in points from the top-left."""
    k = dpi / 72
    region = image.crop(tuple(round(v * k) for v in box))
    return 255 - ImageStat.Stat(region).mean[0]


def test_lightbulb_icons_are_painted(bundled_pdf: Path, pages) -> None:
    icons = [i for i in flatten(pages[2].items) if isinstance(i, Icon) and i.name == "bulb"]
    assert len(icons) == 2
    image = _render(bundled_pdf, 2, dpi=200)
    for icon in icons:
        assert _ink(image, (icon.x, icon.y, icon.x + icon.size, icon.y + icon.size), 200) > 40


def test_photos_are_painted_where_layout_put_them(bundled_pdf: Path, pages) -> None:
    image = _render(bundled_pdf, 2, dpi=72)
    for pic in [i for i in flatten(pages[2].items) if isinstance(i, Picture)]:
        inside = image.crop((round(pic.x) + 3, round(pic.y) + 3, round(pic.x + pic.w) - 3, round(pic.y + pic.h) - 3))
        assert ImageStat.Stat(inside).stddev[0] > 10, "an illustration, not a blank frame"


@pytest.mark.parametrize("index", sorted(PAGES), ids=list(PAGES.values()))
def test_page_matches_reference(bundled_pdf: Path, index: int) -> None:
    actual = _render(bundled_pdf, index)
    ref_path = HERE / "ref" / f"{PAGES[index]}.png"
    if os.environ.get("UPDATE_REFS") or not ref_path.exists():
        ref_path.parent.mkdir(parents=True, exist_ok=True)
        actual.save(ref_path, optimize=True)
        if not os.environ.get("UPDATE_REFS"):
            pytest.fail(f"no reference for {PAGES[index]}: wrote {ref_path}; check it and commit it")
        return
    ref = Image.open(ref_path).convert("L")
    assert ref.size == actual.size
    diff = ImageChops.difference(ref, actual)
    changed = sum(diff.point(lambda v: 255 if v > 64 else 0).histogram()[255:]) / (ref.width * ref.height)
    if changed > 0.002:
        out = HERE / "actual"
        out.mkdir(exist_ok=True)
        actual.save(out / f"{PAGES[index]}.png")
        diff.point(lambda v: min(255, v * 4)).save(out / f"{PAGES[index]}-diff.png")
        pytest.fail(f"{PAGES[index]}: {changed:.2%} of pixels differ from the reference (see {out})")


def test_pages_are_drawn_while_their_pictures_are_still_processed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A picture that fills its frame is named by its store key, known before it is processed, so every
    page is drawn and the fonts embedded while the pictures are still being made; writing the PDF waits
    for them. No picture here is processed before the PDF is being written, and the bytes are those of
    a build where every picture was ready before its page was drawn."""
    import threading

    from reportlab.pdfbase import pdfdoc

    from casebook_pdf import pixels
    from casebook_pdf.build import build

    ready = tmp_path / "ready.pdf"
    build(BUNDLED, ready)
    writing = threading.Event()
    real_format, real_process = pdfdoc.PDFDocument.format, pixels.process

    def format_document(document):  # noqa: ANN001, ANN202 - reportlab's signature
        writing.set()
        return real_format(document)

    def process(*args):  # noqa: ANN002, ANN202
        assert writing.wait(20), "a page waited for its picture before the PDF was written"
        return real_process(*args)

    monkeypatch.setattr(pdfdoc.PDFDocument, "format", format_document)
    monkeypatch.setattr(pixels, "process", process)
    late = tmp_path / "late.pdf"
    build(BUNDLED, late)
    assert late.read_bytes() == ready.read_bytes()


def test_a_picture_failing_after_its_page_was_drawn_stops_the_pdf(tmp_path: Path) -> None:
    from casebook_pdf.build import build
    from casebook_pdf.errors import ImageError
    from tests.editions import CASE, make_edition

    edition = make_edition(tmp_path, {"01.yaml": CASE + "photos:\n  - {image: cut.png, caption: 途中で切れた画像}\n"})
    whole = tmp_path / "images" / "photo.png"
    (tmp_path / "images" / "cut.png").write_bytes(whole.read_bytes()[:200])  # its header, then nothing
    out = tmp_path / "out.pdf"
    out.write_bytes(b"%PDF- the previous one")
    with pytest.raises(ImageError) as caught:
        build(edition, out)
    assert "cut.png" in str(caught.value.issues[0].message) and out.read_bytes() == b"%PDF- the previous one"


def test_one_picture_in_two_frames_of_one_size_is_embedded_once(tmp_path: Path) -> None:
    import pypdf

    from casebook_pdf.build import build
    from tests.editions import CASE, make_edition

    photos = "photos:\n  - {image: photo.png, caption: 一枚目}\n  - {image: photo.png, caption: 二枚目}\n"
    edition = make_edition(tmp_path, {"01.yaml": CASE + photos})
    out = tmp_path / "out.pdf"
    build(edition, out)
    page = pypdf.PdfReader(out).pages[-1]
    named = page["/Resources"]["/XObject"]
    assert len(named) == 1 and page.extract_text().count("枚目") == 2
