"""build --print (入稿): page boxes, トンボ, bleed, press colours, and the preflight report.

Facts are read back from the written PDF (pypdf, raw content streams), never from what render meant.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from casebook_pdf.build import build, meta_for, prepare, render_prepared
from casebook_pdf.cli import main
from casebook_pdf.fonts import load_fonts
from casebook_pdf.frames import mm
from casebook_pdf.images import ImageStore
from casebook_pdf.layout.edition import layout_edition
from casebook_pdf.layout.style import STYLE, Palette
from casebook_pdf.load.edition import load_edition
from casebook_pdf.pdfread import read_page
from casebook_pdf.preflight import preflight, summary
from casebook_pdf.render import Output
from casebook_pdf.render.pdf import render_pdf
from casebook_pdf.render.colour import PRESS, REGISTRATION, cmyk
from tests.conftest import BUNDLED, SECOND
from tests.editions import CASE, make_edition

A4_LONG, A4_SHORT = mm(297), mm(210)
PRESS_KIND = Output(press=True)


def _close(a: tuple[float, ...], b: tuple[float, ...], tol: float = 0.05) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b))


@pytest.fixture(scope="module")
def press_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("press") / "print.pdf"
    build(BUNDLED, out, kind=PRESS_KIND)
    return out


def test_every_palette_colour_has_a_hand_chosen_press_value() -> None:
    names = {f.name for f in dataclasses.fields(Palette)}
    assert names <= set(PRESS), f"no CMYK value for {sorted(names - set(PRESS))}: add them to render/colour.PRESS"
    assert PRESS["ink"] == (0.0, 0.0, 0.0, 1.0), "black text is K100"
    for grey in ("ink", "muted", "line", "rest", "neutral", "pale_neutral", "white"):
        assert PRESS[grey][:3] == (0.0, 0.0, 0.0), f"{grey} is a grey: K only"
    palette = Palette()
    for f in dataclasses.fields(palette):
        assert cmyk(getattr(palette, f.name)) == PRESS[f.name] or getattr(palette, f.name) in {
            getattr(palette, g.name) for g in dataclasses.fields(palette) if g.name != f.name}


def test_boxes_on_every_page(press_pdf: Path) -> None:
    reader = PdfReader(press_pdf)
    assert len(reader.pages) == 5
    for page in reader.pages:
        trim = [float(v) for v in page.trimbox]
        bleed = [float(v) for v in page.bleedbox]
        media = [float(v) for v in page.mediabox]
        assert _close((trim[2] - trim[0], trim[3] - trim[1]), (A4_LONG, A4_SHORT)), "TrimBox is A4"
        assert _close(tuple(bleed), (trim[0] - mm(3), trim[1] - mm(3), trim[2] + mm(3), trim[3] + mm(3)))
        assert media[0] <= bleed[0] - mm(10) and media[1] <= bleed[1] - mm(10)
        assert media[2] >= bleed[2] + mm(10) and media[3] >= bleed[3] + mm(10), "room for the marks"


def _outside(box: tuple[float, float, float, float], area: list[float]) -> bool:
    return box[2] <= area[0] + 1e-6 or box[0] >= area[2] - 1e-6 or box[3] <= area[1] + 1e-6 or box[1] >= area[3] - 1e-6


def test_crop_marks_are_registration_paths_outside_the_bleed(press_pdf: Path) -> None:
    reader = PdfReader(press_pdf)
    for page in reader.pages:
        bleed = [float(v) for v in page.bleedbox]
        trim = [float(v) for v in page.trimbox]
        paints = read_page(page).paints
        marks = [p for p in paints if p.stroke and p.stroke_colour == ("cmyk", REGISTRATION)]
        assert len(marks) == 4 * 4 + 4 * 2, "four double corner marks and four centre crosses"
        assert all(_outside(p.bbox, bleed) for p in marks)
        assert all(0.27 <= p.width <= 0.32 for p in marks), "about 0.1 mm"
        # Both trim lines and bleed lines are marked at the lower left corner.
        xs = {round(p.bbox[0], 2) for p in marks if p.bbox[0] == p.bbox[2]}
        assert round(trim[0], 2) in xs and round(bleed[0], 2) in xs
        # Nothing in registration colour inside the bleed: the marks never print on the page.
        inside = [p for p in paints if (p.stroke_colour == ("cmyk", REGISTRATION) or p.fill_colour == ("cmyk", REGISTRATION))
                  and not _outside(p.bbox, bleed)]
        assert inside == []


def test_cover_bands_run_into_the_bleed(press_pdf: Path) -> None:
    page = PdfReader(press_pdf).pages[0]
    bleed = [float(v) for v in page.bleedbox]
    navy = ("cmyk", PRESS["navy"])
    bands = [p for p in read_page(page).paints if p.fill and p.fill_colour == navy]
    full = [p for p in bands if abs(p.bbox[0] - bleed[0]) < 0.01 and abs(p.bbox[2] - bleed[2]) < 0.01]
    assert any(abs(p.bbox[3] - bleed[3]) < 0.01 for p in full), "top band reaches the top of the bleed"
    assert any(abs(p.bbox[1] - bleed[1]) < 0.01 for p in full), "foot band reaches the foot of the bleed"


def test_nothing_else_moves(press_pdf: Path, bundled_pdf: Path) -> None:
    """The same text at the same place relative to the trim as on the screen PDF."""
    screen = read_page(PdfReader(bundled_pdf).pages[2]).texts
    press_page = PdfReader(press_pdf).pages[2]
    x0, y0 = float(press_page.trimbox[0]), float(press_page.trimbox[1])
    press = read_page(press_page).texts
    assert [t.text for t in screen] == [t.text for t in press]
    for a, b in zip(screen, press):
        assert _close(a.bbox, (b.bbox[0] - x0, b.bbox[1] - y0, b.bbox[2] - x0, b.bbox[3] - y0), 0.01)


def _text_colour_ops(data: bytes) -> list[tuple[bytes, bytes]]:
    ops = []
    for block in re.findall(rb"BT\b(.*?)\bET", data, re.S):
        ops += re.findall(rb"((?:[\d.]+ ){1,4})(k|rg|g|sc|scn)\b", block)
    return ops


def test_text_is_cmyk_and_black_text_is_k_only(press_pdf: Path) -> None:
    reader = PdfReader(press_pdf)
    black = 0
    for page in reader.pages:
        data = page.get_contents().get_data()
        assert not re.search(rb"\b(rg|RG)\b", data), "no RGB colour in a press build"
        for values, op in _text_colour_ops(data):
            assert op == b"k", f"text colour {op!r}: CMYK expected"
            c, m, y, k = (float(v) for v in values.split())
            assert not (k > 0.5 and c + m + y > 0), "no rich black in text"
            black += (c, m, y, k) == (0, 0, 0, 1)
    assert black > 20, "body text in K100"


def test_bundled_press_build_passes_preflight(press_pdf: Path) -> None:
    found = preflight(press_pdf)
    assert [f for f in found if f.level == "error"] == []
    # What remains are the RGB photos, which the shop converts (or --icc does).
    assert all("RGB の画像" in f.message for f in found)


def test_preflight_flags_a_screen_pdf(bundled_pdf: Path) -> None:
    messages = [f.message for f in preflight(bundled_pdf) if f.level == "error"]
    assert any("TrimBox" in m for m in messages)
    assert any("RGB で指定された色" in m for m in messages)
    assert any("塗り足し" in m and "伸びていません" in m for m in messages), "the cover bands stop at the trim"


@pytest.mark.parametrize("pixels, level", [((490, 368), "error"), ((980, 735), "warning")])
def test_preflight_catches_a_low_resolution_photo(tmp_path: Path, pixels: tuple[int, int], level: str) -> None:
    """About 100 ppi at its placed size is an error, about 200 ppi a warning."""
    case = CASE + "photos:\n  - image: small.png\n    caption: 小さな写真\n"
    edition = make_edition(tmp_path, {"01-small.yaml": case})
    Image.new("RGB", pixels, (90, 120, 160)).save(tmp_path / "images" / "small.png")
    out = tmp_path / "small.pdf"
    build(edition, out, kind=PRESS_KIND)
    page = PdfReader(out).pages[2]
    placed = read_page(page).images
    assert len(placed) == 1 and placed[0].pixels == pixels
    ppi = round(placed[0].ppi)
    assert abs(ppi - (100 if level == "error" else 200)) <= 5
    found = [f for f in preflight(out) if "ppi" in f.message]
    assert len(found) == 1 and found[0].page == 3
    assert found[0].level == level and f"{ppi} ppi" in found[0].message


def test_preflight_names_text_in_the_safe_zone() -> None:
    edition = load_edition(BUNDLED)
    fonts = load_fonts()
    narrow = dataclasses.replace(STYLE, page=dataclasses.replace(STYLE.page, margin_x=mm(1.5)))  # text 1.5 mm from the trim
    pages = layout_edition(edition, fonts, narrow).pages
    images, _ = ImageStore(None).process_pages(pages)
    pdf = render_pdf(pages, meta_for(edition), fonts, images, output=PRESS_KIND)
    found = preflight(pdf)
    near = [f for f in found if "3 mm 以内" in f.message]
    assert {1, 3} <= {f.page for f in near}  # the cover and a case page
    assert "「令和５年５月更新」" in near[0].message, "the cover's date line is named"
    assert near[0].level == "warning"
    # The screen layout keeps every text out of the safe zone.
    assert not [f for f in preflight(render_prepared(prepare(BUNDLED), PRESS_KIND)) if "3 mm" in f.message]


def test_preflight_is_one_line_when_clean() -> None:
    assert summary([], 5) == ["入稿チェック: 問題はありません（5 ページ）。"]


def test_press_build_is_reproducible(press_pdf: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    build(BUNDLED, again, kind=PRESS_KIND)
    assert again.read_bytes() == press_pdf.read_bytes()


def test_second_edition_press_build(tmp_path: Path) -> None:
    out = tmp_path / "second.pdf"
    build(SECOND, out, kind=PRESS_KIND)
    assert [f for f in preflight(out) if f.level == "error"] == []
    assert all("/TrimBox" in page and "/BleedBox" in page for page in PdfReader(out).pages)


def test_cli_build_print_ends_with_the_report(tmp_path: Path) -> None:
    out = tmp_path / "p.pdf"
    result = CliRunner().invoke(main, ["build", str(BUNDLED), "-o", str(out), "--print", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("入稿チェック: エラー 0 件")


def test_cli_check_print_runs_preflight_without_writing(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(BUNDLED), "--print", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "入稿チェック:" in result.output
    assert list(tmp_path.iterdir()) == []


def test_cli_refuses_handout_with_print(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(BUNDLED), "-o", str(tmp_path / "x.pdf"), "--print", "--handout", "2"])
    assert result.exit_code == 2
    assert "--handout" in result.output and not (tmp_path / "x.pdf").exists()


def test_cli_refuses_an_rgb_profile(tmp_path: Path) -> None:
    from PIL import ImageCms

    srgb = tmp_path / "srgb.icc"
    srgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    result = CliRunner().invoke(main, ["build", str(BUNDLED), "-o", str(tmp_path / "x.pdf"), "--icc", str(srgb)])
    assert result.exit_code == 2
    assert "CMYK のプロファイルではありません" in result.output


@pytest.fixture(scope="module")
def icc_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.iccgen import cmyk_profile

    path = tmp_path_factory.mktemp("icc") / "test-cmyk.icc"
    path.write_bytes(cmyk_profile())
    return path


def _photo_mean(pdf: Path, page_index: int, box: tuple[float, float, float, float]) -> tuple[float, ...]:
    import pypdfium2 as pdfium
    from PIL import ImageStat

    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[page_index].render(scale=1).to_pil().convert("RGB")
    finally:
        doc.close()
    return tuple(ImageStat.Stat(image.crop(tuple(round(v) for v in box))).mean)


def test_icc_converts_photos_and_embeds_the_output_intent(icc_file: Path, press_pdf: Path, tmp_path: Path) -> None:
    out = tmp_path / "icc.pdf"
    result = CliRunner().invoke(main, ["build", str(BUNDLED), "-o", str(out), "--icc", str(icc_file), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "入稿チェック: 問題はありません（5 ページ）。", "a clean report is one line"
    reader = PdfReader(out)
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFX" and intent["/OutputConditionIdentifier"] == "casebook-pdf test CMYK"
    assert intent["/DestOutputProfile"].get_object().get_data() == icc_file.read_bytes()
    page = reader.pages[2]
    placed = read_page(page).images
    assert len(placed) == 3 and {i.space for i in placed} == {"cmyk"}
    # The CMYK photo looks like the RGB one (a wrongly inverted JPEG would show a negative).
    trim = [float(v) for v in page.trimbox]
    for image in placed:
        x0, y0, x1, y1 = image.bbox
        ph = float(page.mediabox.height)
        box = (x0 + 4, ph - y1 + 4, x1 - 4, ph - y0 - 4)
        cmyk_mean = _photo_mean(out, 2, box)
        rgb_mean = _photo_mean(press_pdf, 2, box)
        assert trim[0] < x0
        assert max(abs(a - b) for a, b in zip(cmyk_mean, rgb_mean)) < 40, (cmyk_mean, rgb_mean)


def test_cli_check_print_strict_counts_preflight_findings(icc_file: Path) -> None:
    loose = CliRunner().invoke(main, ["check", str(BUNDLED), "--print", "--strict", "--no-cache"])
    assert loose.exit_code == 1, "RGB photos are findings of the print shop's check"
    clean = CliRunner().invoke(main, ["check", str(BUNDLED), "--print", "--icc", str(icc_file), "--strict", "--no-cache"])
    assert clean.exit_code == 0, clean.output
    assert clean.output.strip().splitlines()[-1] == "入稿チェック: 問題はありません（5 ページ）。"


def _faulty_pdf() -> bytes:
    """A one-page press-shaped PDF with one of each fault preflight lists, drawn by hand."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    slug = mm(15)
    w, h = A4_LONG + 2 * slug, A4_SHORT + 2 * slug
    c = Canvas(buf, pagesize=(w, h), invariant=1)
    c.setTrimBox((slug, slug, w - slug, h - slug))  # and no BleedBox
    c.setFont("Helvetica", 5)  # a standard font: not embedded
    c.setFillColorRGB(0.2, 0.2, 0.2)  # RGB text
    c.drawString(slug + mm(20), slug + mm(100), "tiny")  # under 6 pt
    c.setFillColorCMYK(0.6, 0.5, 0.4, 1.0)
    c.drawString(slug + mm(20), slug + mm(90), "rich")  # rich black, small
    c.setFillColorCMYK(0, 0, 0, 1)
    c.drawString(slug - mm(2), slug + mm(80), "cut")  # across the trim
    c.setStrokeColorCMYK(0, 0, 0, 1)
    c.setLineWidth(0.1)
    c.line(slug + mm(30), slug + mm(30), slug + mm(60), slug + mm(30))  # hairline
    c.setFillColorCMYK(0.5, 0, 0, 0)
    c.rect(slug, h - slug - mm(10), A4_LONG, mm(10), stroke=0, fill=1)  # a band stopping at the trim
    c.showPage()
    c.save()
    return buf.getvalue()


def test_preflight_catches_each_fault_it_lists() -> None:
    found = preflight(_faulty_pdf())
    errors = {f.message for f in found if f.level == "error"}
    warnings = {f.message for f in found if f.level == "warning"}
    assert any("BleedBox" in m for m in errors)
    assert any("Helvetica" in m and "埋め込まれていません" in m for m in errors)
    assert any("RGB で指定された色が 1 か所" in m for m in errors)
    assert any("切れる文字" in m and "「cut」" in m for m in errors)
    assert any("塗り足し（3 mm）まで伸びていません" in m for m in errors)
    assert any("6 pt 未満" in m and "「tiny」" in m for m in warnings)
    assert any("リッチブラック" in m and "「rich」" in m and "「tiny」" not in m for m in warnings)
    assert any("0.1 mm より細い線が 1 本" in m for m in warnings)
    assert all(f.page == 1 for f in found)
    assert summary(found, 1)[-1] == f"入稿チェック: エラー {len(errors)} 件、注意 {len(warnings)} 件（1 ページ）。"


def test_press_build_keeps_links_and_outline(press_pdf: Path, bundled_pdf: Path) -> None:
    press, screen = PdfReader(press_pdf), PdfReader(bundled_pdf)
    assert len(press.outline) == len(screen.outline) == 3
    slug = float(press.pages[1].trimbox[0])
    links = [a.get_object() for a in press.pages[1].get("/Annots", [])]
    plain = [a.get_object() for a in screen.pages[1].get("/Annots", [])]
    assert len(links) == len(plain) >= 3
    for a, b in zip(links, plain):
        assert _close(tuple(float(v) - slug for v in a["/Rect"]), tuple(float(v) for v in b["/Rect"]), 0.01), "links sit on their rows"


def test_photos_on_the_trim_bleed_at_the_same_scale(tmp_path: Path) -> None:
    """A cover photo whose frame touches the trim gets 3 mm more of itself; inside the trim it is the
    same picture at the same scale as on the screen PDF."""
    import pypdfium2 as pdfium
    from PIL import ImageChops, ImageStat

    from casebook_pdf.frames import Group, Page, Picture

    source = tmp_path / "photo.png"
    gradient = Image.linear_gradient("L").resize((1200, 900))
    Image.merge("RGB", (gradient, gradient.rotate(90), Image.radial_gradient("L").resize((1200, 900)))).save(source)
    w, h = mm(120), mm(80)
    page = Page(A4_LONG, A4_SHORT, (Picture(0, 0, w, h, source, "cover"),
                                    Group(A4_LONG - w, A4_SHORT - h, (Picture(0, 0, w, h, source, "cover"),))), key="p")
    images, _ = ImageStore(None).process_pages((page,))
    fonts = load_fonts()
    meta = meta_for(load_edition(BUNDLED))
    screen = render_pdf((page,), meta, fonts, images)
    press = render_pdf((page,), meta, fonts, images, output=PRESS_KIND)
    reader = PdfReader(__import__("io").BytesIO(press))
    trim = [float(v) for v in reader.pages[0].trimbox]
    bleed = [float(v) for v in reader.pages[0].bleedbox]
    placed = sorted(read_page(reader.pages[0]).images, key=lambda i: i.bbox[0])
    plain = read_page(PdfReader(__import__("io").BytesIO(screen)).pages[0]).images
    assert len(placed) == 2
    top_left, foot_right = placed
    assert _close(top_left.bbox, (bleed[0], trim[3] - h, trim[0] + w, bleed[3]), 0.01), "out to the bleed on the left and top"
    assert _close(foot_right.bbox, (trim[2] - w, bleed[1], bleed[2], trim[1] + h), 0.01), "and on the right and foot"
    for image in placed:
        assert abs(image.ppi - plain[0].ppi) / plain[0].ppi < 0.01, "the same scale: nothing rescaled"
    assert not [f for f in preflight(press) if "塗り足し" in f.message]

    def draw(pdf: bytes, box: tuple[float, float, float, float]):  # noqa: ANN202
        doc = pdfium.PdfDocument(pdf)
        try:
            return doc[0].render(scale=1).to_pil().convert("RGB").crop(tuple(round(v) for v in box))
        finally:
            doc.close()

    slug = trim[0]
    for x, y in ((0.0, 0.0), (A4_LONG - w, A4_SHORT - h)):
        on_screen = draw(screen, (x, y, x + w, y + h))
        on_press = draw(press, (x + slug, y + slug, x + slug + w, y + slug + h))
        difference = ImageStat.Stat(ImageChops.difference(on_screen, on_press)).mean
        assert max(difference) < 4, difference


def test_cli_quiet_print_build_shows_preflight_errors_only(tmp_path: Path) -> None:
    out = tmp_path / "q.pdf"
    clean = CliRunner().invoke(main, ["build", str(BUNDLED), "-o", str(out), "--print", "-q", "--no-cache"])
    assert clean.exit_code == 0 and clean.output == "", "RGB photo notes are not errors: nothing to say"
    case = CASE + "photos:\n  - image: small.png\n    caption: 小さな写真\n"
    edition = make_edition(tmp_path, {"01-small.yaml": case})
    Image.new("RGB", (200, 150), (90, 120, 160)).save(tmp_path / "images" / "small.png")
    low = CliRunner().invoke(main, ["build", str(edition), "-o", str(out), "--print", "-q", "--no-cache"])
    assert low.exit_code == 0
    assert [line.split(":")[0] for line in low.output.strip().splitlines()] == ["エラー"]


@pytest.mark.parametrize("name", ["full", "many", "sparse"])
def test_stress_editions_pass_preflight(tmp_path: Path, name: str) -> None:
    """However full the pages, nothing is cut, nothing sits in the safe zone, every fill on the trim bleeds."""
    out = tmp_path / f"{name}.pdf"
    build(SECOND.parent.parent / "stress" / name / "casebook.yaml", out, kind=PRESS_KIND)
    found = preflight(out)
    assert [f for f in found if f.level == "error"] == []
    assert not [f for f in found if "3 mm 以内" in f.message or "pt 未満" in f.message or "細い線" in f.message]


def test_icc_and_gray_press_builds_are_reproducible(icc_file: Path, tmp_path: Path) -> None:
    for kind in (Output(press=True, icc=icc_file.read_bytes()), Output(press=True, grayscale=True)):
        first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
        build(BUNDLED, first, kind=kind)
        build(BUNDLED, second, kind=kind)
        assert first.read_bytes() == second.read_bytes()
        assert [f for f in preflight(first) if f.level == "error"] == []


@pytest.mark.parametrize("edition", [BUNDLED, SECOND, SECOND.parent.parent / "stress" / "full" / "casebook.yaml"])
def test_every_colour_laid_out_has_a_press_value(edition: Path) -> None:
    """Layout colours come from the palette, so the press build never falls back to a formula."""
    from casebook_pdf.frames import flatten
    from casebook_pdf.render.colour import palette_cmyk

    known = palette_cmyk()
    used = set()
    for page in layout_edition(load_edition(edition), load_fonts()).pages:
        for item in flatten(page.items):
            used |= {getattr(item, a) for a in ("color", "fill", "stroke") if getattr(item, a, None) is not None}
    assert len(used) >= 10 and used <= set(known), sorted(used - set(known))


def test_any_plain_fill_on_the_trim_bleeds_but_an_outlined_box_stays() -> None:
    from casebook_pdf.frames import Box, Page
    from casebook_pdf.render.marks import bled

    navy, teal = Palette().navy, Palette().teal
    side = Box(A4_LONG - mm(8), mm(20), mm(8), mm(100), fill=navy)  # a role-less strip on the right edge
    framed = Box(0, mm(50), mm(40), mm(20), fill=teal, stroke=navy)  # an outlined box on the left edge
    grown = bled(side, A4_LONG, A4_SHORT)
    assert (grown.x, grown.y, grown.h) == (side.x, side.y, side.h) and grown.w == pytest.approx(mm(11))
    assert bled(framed, A4_LONG, A4_SHORT) == framed
    page = Page(A4_LONG, A4_SHORT, (side,), key="p")
    pdf = render_pdf((page,), meta_for(load_edition(BUNDLED)), load_fonts(), {}, output=PRESS_KIND)
    assert not [f for f in preflight(pdf) if f.level == "error"]


def test_a_box_in_a_group_bleeds_only_where_the_page_puts_it_on_the_trim() -> None:
    """A box at the top-left of its group is not on the trim unless the group is: a tinted block under a
    heading stayed under it (it had grown 3 mm up over the heading in the press PDF)."""
    from casebook_pdf.frames import Box, Group, Page

    teal = Palette().teal
    inside = Group(mm(40), mm(60), (Box(0, 0, mm(50), mm(20), fill=teal),))
    edge = Group(0, mm(120), (Box(0, 0, mm(50), mm(20), fill=teal),))
    page = Page(A4_LONG, A4_SHORT, (inside, edge), key="p")
    pdf = render_pdf((page,), meta_for(load_edition(BUNDLED)), load_fonts(), {}, output=PRESS_KIND)
    reader = PdfReader(__import__("io").BytesIO(pdf))
    trim = [float(v) for v in reader.pages[0].trimbox]
    bleed = [float(v) for v in reader.pages[0].bleedbox]
    boxes = sorted((p.bbox for p in read_page(reader.pages[0]).paints if p.fill), key=lambda b: b[0])
    assert len(boxes) == 2
    at_edge, in_page = boxes
    top = trim[3] - mm(60)
    assert _close(in_page, (trim[0] + mm(40), top - mm(20), trim[0] + mm(90), top), 0.01), "not moved"
    assert _close(at_edge, (bleed[0], trim[3] - mm(140), trim[0] + mm(50), trim[3] - mm(120)), 0.01), "left edge into the bleed"
