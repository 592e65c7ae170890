"""build --grayscale (monochrome copier) and --handout 2|3|4 (n-up training handouts)."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from PIL import ImageChops, ImageStat
from pypdf import PdfReader

from casebook_pdf.build import build
from casebook_pdf.cli import main
from casebook_pdf.fonts import load_fonts
from casebook_pdf.frames import Box, Picture, flatten, mm
from casebook_pdf.layout.edition import layout_edition
from casebook_pdf.layout.style import Palette
from casebook_pdf.load.edition import load_edition
from casebook_pdf.pdfread import read_page
from casebook_pdf.render import Output
from casebook_pdf.render.colour import gray
from casebook_pdf.render.impose import sheet_count
from tests.conftest import BUNDLED, SECOND
from tests.editions import make_edition

# A text found on one page of the bundled edition only: cover, contents, the three cases.
MARKERS = ["令和５年５月更新", "目次", "危機対策局原子力", "網走建設管理部", "中標津地域保健室"]


def _build(tmp: Path, name: str, kind: Output, edition: Path = BUNDLED) -> Path:
    out = tmp / f"{name}.pdf"
    build(edition, out, kind=kind)
    return out


def _max_chroma(pdf: Path, dpi: int = 36) -> int:
    """The largest difference between the colour channels of any pixel on any page."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        worst = 0
        for page in doc:
            image = page.render(scale=dpi / 72).to_pil().convert("RGB")
            r, g, b = image.split()
            for a, c in ((r, g), (g, b), (r, b)):
                worst = max(worst, ImageStat.Stat(ImageChops.difference(a, c)).extrema[0][1])
        return worst
    finally:
        doc.close()


@pytest.fixture(scope="module")
def gray_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("gray"), "gray", Output(grayscale=True))


def test_grayscale_has_no_coloured_pixel(gray_pdf: Path, bundled_pdf: Path) -> None:
    assert _max_chroma(bundled_pdf) > 60, "the screen PDF is in colour"
    assert _max_chroma(gray_pdf) <= 2


def test_grayscale_writes_gray_only(gray_pdf: Path) -> None:
    for page in PdfReader(gray_pdf).pages:
        facts = read_page(page)
        assert {p.fill_colour[0] for p in facts.paints if p.fill} <= {"gray"}
        assert {p.stroke_colour[0] for p in facts.paints if p.stroke} <= {"gray"}
        assert {t.colour[0] for t in facts.texts} <= {"gray"}
        assert {i.space for i in facts.images} <= {"gray"}


def _contrast(a: float, b: float) -> float:
    def lum(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    hi, lo = max(lum(a), lum(b)), min(lum(a), lum(b))
    return (hi + 0.05) / (lo + 0.05)


def test_grayscale_keeps_contrast() -> None:
    c = Palette()
    for dark in (c.navy, c.teal, c.accent_dark, c.good, c.bad, c.muted, c.office, c.home, c.leave):
        assert _contrast(gray(c.white), gray(dark)) >= 4.5, "white text on a dark band stays readable"
    assert _contrast(gray(c.ink), gray(c.rest)) >= 4.5
    for tint in (c.pale, c.pale_teal, c.pale_accent, c.pale_good, c.pale_bad, c.pale_neutral):
        assert gray(tint) <= 0.95, "a pale tint still shows on a copier"
    assert _contrast(gray(c.ink), gray(c.pale_teal)) >= 7
    assert gray(c.ink) == 0.0, "black text is solid black, not a screen of dots"


def test_grayscale_patterns_where_colour_carried_meaning(tmp_path: Path, gray_pdf: Path) -> None:
    """Schedule kinds whose grays are close get a hatched strip; the colour PDF has none."""
    c = Palette()
    assert abs(gray(c.home) - gray(c.leave)) < 0.1, "home and leave would look alike without a pattern"
    pages = layout_edition(load_edition(BUNDLED), load_fonts()).pages
    page_h = pages[4].height
    boxes = [b for b in flatten(pages[4].items) if isinstance(b, Box) and b.role in ("kind-home", "kind-leave")]
    assert boxes, "the bundled edition's schedule has home and leave segments"

    def hatch_in(pdf: Path, box: Box) -> int:
        paints = read_page(PdfReader(pdf).pages[4]).paints
        x0, x1, y0, y1 = box.x - 4, box.x + box.w + 4, page_h - box.y - box.h - 4, page_h - box.y + 4
        return sum(1 for p in paints if p.stroke and not p.fill and x0 <= p.bbox[0] and p.bbox[2] <= x1 and y0 <= p.bbox[1] and p.bbox[3] <= y1
                   and p.bbox[0] != p.bbox[2] and p.bbox[1] != p.bbox[3])

    colour = _build(tmp_path, "colour", Output())
    for box in boxes:
        assert hatch_in(gray_pdf, box) >= 5
        assert hatch_in(colour, box) == 0


@pytest.mark.parametrize("n, landscape", [(2, False), (3, False), (4, True)])
def test_handout_sheets_and_reading_order(tmp_path: Path, n: int, landscape: bool) -> None:
    out = _build(tmp_path, f"h{n}", Output(handout=n))
    reader = PdfReader(out)
    assert len(reader.pages) == sheet_count(5, n) == math.ceil(5 / n)
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert (w > h) == landscape
        assert round(min(w, h) / mm(1)) == 210 and round(max(w, h) / mm(1)) == 297, "A4 sheets"
        assert "/Annots" not in page, "handouts drop the links"
    with pdfplumber.open(out) as pdf:
        for number, sheet in enumerate(pdf.pages):
            markers = MARKERS[number * n:(number + 1) * n]
            spots = []
            for marker in markers:
                found = sheet.search(marker)
                assert len(found) == 1, f"{marker} once on sheet {number + 1}"
                rows, cols = {2: (2, 1), 3: (3, 1), 4: (2, 2)}[n]
                spots.append((int(found[0]["top"] // (sheet.height / rows)), int(found[0]["x0"] // (sheet.width / cols))))
            assert spots == [divmod(i, cols) for i in range(len(markers))], "reading order: by rows, then left to right"
            text = sheet.extract_text()
            assert f"{number + 1} / {len(pdf.pages)}" in text
            assert "公用スマートフォン活用テレワーク実践事例集" in text, "the footer names the edition"


def test_handout_is_vector(tmp_path: Path) -> None:
    out = _build(tmp_path, "h4", Output(handout=4))
    pages = layout_edition(load_edition(BUNDLED), load_fonts()).pages
    for number, sheet in enumerate(PdfReader(out).pages):
        xobjects = sheet["/Resources"]["/XObject"]
        forms = [k for k, v in xobjects.items() if v.get_object()["/Subtype"] == "/Form"]
        assert len(forms) == len(pages[number * 4:(number + 1) * 4]), "each page placed as a form XObject"
        photos = [i for page in pages[number * 4:(number + 1) * 4] for i in flatten(page.items) if isinstance(i, Picture)]
        assert len(read_page(sheet).images) == len(photos), "only the photos are images: nothing rasterised"


def test_handout_three_has_note_lines(tmp_path: Path) -> None:
    out = _build(tmp_path, "h3", Output(handout=3))
    sheet = PdfReader(out).pages[0]
    width = float(sheet.mediabox.width)
    lines = [p for p in read_page(sheet).paints if p.stroke and p.bbox[1] == p.bbox[3] and p.bbox[0] > width / 2]
    assert len(lines) >= 3 * 6, "ruled note lines beside each of the three pages"


def test_grayscale_handout_is_gray_and_reproducible(tmp_path: Path) -> None:
    kind = Output(handout=4, grayscale=True)
    first = _build(tmp_path, "a", kind)
    second = _build(tmp_path, "b", kind)
    assert first.read_bytes() == second.read_bytes()
    assert _max_chroma(first) <= 2


def test_other_editions(tmp_path: Path) -> None:
    small = make_edition(tmp_path / "small")
    for name, edition, pages in (("second", SECOND, None), ("small", small, 3)):
        out = _build(tmp_path, f"{name}-h3", Output(handout=3, grayscale=True), edition)
        total = pages or len(layout_edition(load_edition(edition), load_fonts()).pages)
        assert len(PdfReader(out).pages) == math.ceil(total / 3)
        gray_only = _build(tmp_path, f"{name}-gray", Output(grayscale=True), edition)
        assert _max_chroma(gray_only) <= 2


def test_cli_handout_and_grayscale(tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    result = CliRunner().invoke(main, ["build", str(BUNDLED), "-o", str(out), "--handout", "2", "--grayscale", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert len(PdfReader(out).pages) == 3
    assert "（5 ページを A4 3 枚に、" in result.output
    bad = CliRunner().invoke(main, ["build", str(BUNDLED), "-o", str(out), "--handout", "5"])
    assert bad.exit_code == 2


def test_output_is_a_frozen_choice() -> None:
    kind = Output(grayscale=True)
    assert kind.ink.mode == "gray" and Output(press=True).ink.mode == "cmyk" and Output().ink.mode == "rgb"
    with pytest.raises(dataclasses.FrozenInstanceError):
        kind.press = True  # type: ignore[misc]
