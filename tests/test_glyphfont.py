"""Fonts embedded by glyph id: codes, the embedded program, widths, ToUnicode and page independence."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pypdf
from fontTools.ttLib import TTFont as FontToolsFont
from reportlab.pdfbase.ttfonts import TTFontFace
from reportlab.pdfgen.canvas import Canvas

from casebook_pdf.fonts import BOLD, FILES, REGULAR, VERTICAL, font_dir, load_fonts
from casebook_pdf.glyphfont import subset_program, to_unicode


def _pdf(pages: list[list[tuple[str, str]]]) -> bytes:
    """A PDF with one page per list of (font name, text) lines."""
    load_fonts()
    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=1, pageCompression=0, initialFontName=REGULAR)
    for lines in pages:
        for n, (font, text) in enumerate(lines):
            canvas.setFont(font, 12)
            canvas.drawString(72, 700 - 20 * n, text)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _streams(pdf: bytes) -> list[bytes]:
    return [page.get_contents().get_data() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


class _Doc:
    """Stands for a reportlab document: the font keeps what each one used."""


def test_a_character_is_coded_by_its_glyph_id() -> None:
    font = load_fonts().regular
    face = font.face
    [(subset, codes)] = font.splitString("北海道A", _Doc())
    assert subset == 0
    assert list(struct.unpack(">4H", codes)) == [face.charToGlyph[ord(c)] for c in "北海道A"]


def test_a_page_is_drawn_the_same_whatever_comes_before_it() -> None:
    """What lets a page be kept between builds: its content stream does not depend on other pages."""
    page = [(REGULAR, "在宅勤務の活用による仕事と子育ての両立"), (BOLD, "ＷＥＢ会議で参加")]
    alone = _streams(_pdf([page]))[0]
    after = _streams(_pdf([[(BOLD, "停電時の公用スマホ活用"), (REGULAR, "両立と仕事、育て子")], page]))[1]
    assert alone == after


def test_text_reads_back_through_to_unicode() -> None:
    text = "令和５年５月更新　公用スマートフォン活用 ABC 123"
    pdf = _pdf([[(REGULAR, text), (BOLD, "北海道")]])
    read = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert text.replace("　", " ") in read.replace("　", " ") and "北海道" in read


def test_the_fonts_are_type0_identity_with_one_object_per_face() -> None:
    reader = pypdf.PdfReader(io.BytesIO(_pdf([[(REGULAR, "あいう"), (BOLD, "かき")], [(REGULAR, "えお")]])))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert sorted(fonts) == ["/FB", "/FR"]
    for ref in fonts.values():
        font = ref.get_object()
        assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H"
        cid = font["/DescendantFonts"][0].get_object()
        assert cid["/Subtype"] == "/CIDFontType2" and cid["/CIDToGIDMap"] == "/Identity"
        assert "/FontFile2" in cid["/FontDescriptor"]
        tag, name = str(font["/BaseFont"]).lstrip("/").split("+")
        assert len(tag) == 6 and tag.isupper() and name in ("BIZUDPGothic-Regular", "BIZUDPGothic-Bold")


def test_the_widths_are_the_ones_layout_measured_with() -> None:
    font = load_fonts().regular
    reader = pypdf.PdfReader(io.BytesIO(_pdf([[(REGULAR, "あ（Ａa1")]])))
    cid = reader.pages[0]["/Resources"]["/Font"]["/FR"].get_object()["/DescendantFonts"][0].get_object()
    widths: dict[int, float] = {}
    w = list(cid["/W"])
    while w:
        first, run, *w = w
        widths.update({first + i: float(v) for i, v in enumerate(run)})
    for ch in "あ（Ａa1":
        assert abs(widths[font.face.charToGlyph[ord(ch)]] - font.face.charWidths[ord(ch)]) < 0.01, ch


def test_the_embedded_program_keeps_glyph_ids_and_only_the_used_outlines() -> None:
    face = load_fonts().regular.face
    used = {face.charToGlyph[ord(c)] for c in "北海道ＡB"}
    program = FontToolsFont(io.BytesIO(subset_program(face, used)))
    original = FontToolsFont(str(font_dir() / FILES[REGULAR]))
    assert program["maxp"].numGlyphs == original["maxp"].numGlyphs
    ours, theirs = program.getGlyphOrder(), original.getGlyphOrder()  # the program has no glyph names
    kept = {gid for gid, name in enumerate(ours) if program["glyf"][name].numberOfContours != 0}
    assert kept == used | {0}
    for gid in used:
        a, b = program["glyf"][ours[gid]], original["glyf"][theirs[gid]]
        assert list(a.getCoordinates(program["glyf"])[0]) == list(b.getCoordinates(original["glyf"])[0])
        assert program["hmtx"][ours[gid]] == original["hmtx"][theirs[gid]]


def _composite_face(tmp_path: Path) -> tuple[TTFontFace, dict[str, int]]:
    """A small font whose 'Aring' is built from 'A' and 'ring' (the bundled fonts have no composites)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def box(size: int):
        pen = TTGlyphPen(None)
        pen.moveTo((0, 0)), pen.lineTo((0, size)), pen.lineTo((size, size)), pen.lineTo((size, 0)), pen.closePath()
        return pen.glyph()

    names = [".notdef", "A", "ring", "B", "Aring"]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({0x41: "A", 0x42: "B", 0xC5: "Aring"})
    pen = TTGlyphPen({"A": None, "ring": None})
    pen.addComponent("A", (1, 0, 0, 1, 0, 0))
    pen.addComponent("ring", (1, 0, 0, 1, 100, 700))
    fb.setupGlyf({".notdef": box(500), "A": box(600), "ring": box(200), "B": box(700), "Aring": pen.glyph()})
    fb.setupHorizontalMetrics({n: (600, 0) for n in names})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "Probe", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    path = tmp_path / "probe.ttf"
    fb.save(str(path))
    return TTFontFace(str(path)), {name: gid for gid, name in enumerate(names)}


def test_composite_glyphs_bring_their_components(tmp_path: Path) -> None:
    face, gid = _composite_face(tmp_path)
    program = FontToolsFont(io.BytesIO(subset_program(face, {gid["Aring"]})))
    glyf, order = program["glyf"], program.getGlyphOrder()
    drawn = {n for n, name in enumerate(order) if glyf[name].numberOfContours != 0}
    assert drawn == {gid[".notdef"], gid["A"], gid["ring"], gid["Aring"]}  # not B
    assert [c.glyphName for c in glyf[order[gid["Aring"]]].components] == [order[gid["A"]], order[gid["ring"]]]


def test_the_vertical_face_embeds_too() -> None:
    font = load_fonts().vertical
    gid = font.face.charToGlyph[ord("ー")]
    program = FontToolsFont(io.BytesIO(subset_program(font.face, {gid})))
    assert program["glyf"][program.getGlyphOrder()[gid]].numberOfContours > 0
    assert FILES[VERTICAL].startswith("BIZUDPGothic-Vertical")


def test_to_unicode_maps_each_glyph_to_its_character_beyond_the_bmp_too() -> None:
    cmap = to_unicode({1: ord("あ"), 2: 0x20BB7})
    assert "<0001> <3042>" in cmap and "<0002> <D842DFB7>" in cmap
    many = to_unicode({n: 0x4E00 + n for n in range(1, 251)})
    assert many.count("beginbfchar") == 3  # at most 100 entries a block


def _escaped_characters(face) -> str:
    """Characters whose 2-byte codes hold bytes a PDF string escapes: ( ) \\ and non-printing bytes."""
    quoted = {0x28, 0x29, 0x5C}
    glyphs = sorted(face.charToGlyph.items())
    low = [c for c, g in glyphs if g & 0xFF in quoted][:8]
    high = [c for c, g in glyphs if g >> 8 in quoted][:8]
    control = [c for c, g in glyphs if g >> 8 < 0x20 or g >> 8 >= 0x7F][:8]
    assert low and high and control
    return "".join(map(chr, low + high + control))


def test_pdf_string_is_the_escaped_split_string() -> None:
    """What render writes between ( and ) is what reportlab's canvas writes for splitString's codes."""
    from reportlab.lib.rl_accel import escapePDF

    font = load_fonts().regular
    text = "北海道 A\xa0B（１）" + _escaped_characters(font.face) + "\uFFFF"
    assert font.pdf_string(text, _Doc()) == escapePDF(font.splitString(text, _Doc())[0][1])


def test_the_glyphs_used_read_as_their_lowest_character() -> None:
    font, doc = load_fonts().regular, _Doc()
    font.splitString("A\xa0 ", doc)  # a no-break space is drawn as a space
    used = font.used(doc)
    assert used[font.face.charToGlyph[32]] == 32 and used[font.face.charToGlyph[ord("A")]] == ord("A")


def test_the_w_array_is_formatted_as_reportlab_formats_it() -> None:
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.pdfdoc import PDFArray

    from casebook_pdf.glyphfont import _widths

    face = load_fonts().regular.face
    doc = pdfdoc.PDFDocument()
    codes = sorted(face.charToGlyph)
    for picked in ([], codes[:1], codes[:10], codes[:11], codes[:45], codes[::7][:60], codes[100:125] + codes[500:503]):
        used: dict[int, int] = {}
        for code in sorted(picked, reverse=True):
            used[face.charToGlyph[code]] = code
        used = dict(sorted(used.items()))
        runs: list = []
        for gid, code in used.items():  # reportlab's objects: [first PDFArray([w …]) …]
            width = face.charWidths.get(code, face.defaultWidth) if code else face.defaultWidth
            if runs and gid == runs[-2] + len(runs[-1].sequence):
                runs[-1].sequence.append(width)
            else:
                runs += [gid, PDFArray([width])]
        assert _widths(face, used) == pdfdoc.format(PDFArray(runs), doc)
