"""Text runs: render writes the very operators reportlab's text object writes for them (render.pdf._texts)."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from casebook_pdf.fonts import BOLD, MARK, REGULAR, VERTICAL, Fonts, load_fonts
from casebook_pdf.frames import Text
from casebook_pdf.render.colour import Ink
from casebook_pdf.render.pdf import DrawContext, _chunks, _texts

NAVY, INK, WHITE = (0.12, 0.23, 0.37), (0.13, 0.13, 0.13), (1.0, 1.0, 1.0)


def _with_text_object(c: Canvas, run: list[Text], ph: float, ctx: DrawContext) -> None:
    """What _texts stands for: each chunk through reportlab's text object."""
    obj = c.beginText()
    shown: dict[str, object] = {}
    for first, text, spacing in _chunks(run, ctx.fonts):
        if shown.get("font") != (first.bold, first.face, first.size):
            obj.setFont(ctx.fonts.name(first.bold, first.face), first.size)
            shown["font"] = (first.bold, first.face, first.size)
        if shown.get("colour") != first.color:
            ctx.ink.fill(obj, first.color)
            shown["colour"] = first.color
        if shown.get("spacing", 0.0) != spacing:
            obj.setCharSpace(spacing)
            shown["spacing"] = spacing
        obj.setTextOrigin(first.x, ph - first.y)
        obj.textOut(text)
    c.drawText(obj)


def _justified(fonts: Fonts, text: str, x: float, y: float, size: float, gap: float, **style) -> list[Text]:
    """One piece per character, evenly spaced: what layout makes of a justified Japanese line."""
    pieces = []
    for ch in text:
        pieces.append(Text(x, y, ch, size, style.pop("color", INK) if not pieces else pieces[0].color, **style))
        x += fonts.advance(ch, style.get("bold", False)) * size + gap
    return pieces


def _runs(fonts: Fonts) -> list[list[Text]]:
    return [
        _justified(fonts, "在宅勤務の活用による仕事と子育ての両立", 40.0, 100.0, 10.5, 0.731),
        [Text(40.0, 120.0, "令和５年\xa0更新 (A\\B)", 9.0, NAVY, bold=True), Text(150.5, 120.0, "公用スマホ", 9.0, NAVY),
         Text(210.25, 120.0, "ー", 9.0, NAVY, face="vertical"), Text(220.0, 120.0, "・", 9.0, INK, face="mark"),
         Text(230.0, 120.0, "※", 12.0, INK, face="mark"), Text(250.0, 120.0, "白", 12.0, WHITE)],
        _justified(fonts, "事例", 40.0, 140.0, 14.0, 2.5, bold=True) + _justified(fonts, "概要", 90.0, 140.0, 14.0, 0.0)
        + [Text(140.0, 140.0, "単独", 14.0, INK)],
    ]


@pytest.mark.parametrize("mode", ["rgb", "cmyk", "gray"])
def test_a_run_is_written_as_the_text_object_writes_it(mode: str) -> None:
    fonts = load_fonts()
    ctx = DrawContext(fonts, [], {}, Ink(mode), 0.0, {})
    ours, theirs = Canvas(io.BytesIO()), Canvas(io.BytesIO())
    for run in _runs(fonts):
        _texts(ours, run, 800.0, ctx)
        _with_text_object(theirs, run, 800.0, ctx)
    assert ours._code == theirs._code
    assert ours._doc.fontMapping == theirs._doc.fontMapping
    assert [f.fontName for f in ours._doc.delayedFonts] == [f.fontName for f in theirs._doc.delayedFonts]
    for name in (REGULAR, BOLD, VERTICAL, MARK):
        font = pdfmetrics.getFont(name)
        assert font.used(ours._doc) == font.used(theirs._doc)
