"""Handouts: the pages placed n-up on A4 sheets in reading order, for training sessions.

Each page is drawn once as a form XObject and placed scaled on its sheet, so the handout stays
vector (sharp text, small file). 2: two pages one above the other on a portrait sheet; 3: three
pages down the left of a portrait sheet with ruled note lines beside each; 4: a 2 × 2 grid on a
landscape sheet. A thin frame around each page, and a footer with the edition title and sheet number.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from casebook_pdf.frames import Page, mm
from casebook_pdf.layout.style import STYLE
from casebook_pdf.record import record

if TYPE_CHECKING:
    from casebook_pdf.render.pdf import DrawContext

MARGIN = mm(12)
FOOTER = mm(10)  # room kept at the foot of the sheet for the footer line
GAP = mm(7)
FRAME_WIDTH = 0.4
NOTE_PITCH = mm(8)
FOOTER_SIZE = 8.0
CHOICES = (2, 3, 4)


@record
class Slot:
    """Where one page goes on a sheet: its frame's bottom-left corner (PDF coordinates) and scale."""

    x: float
    y: float
    scale: float
    notes: tuple[float, float, float, float] | None = None  # x0, y0, x1, y1 of the note area


def sheet_size(n: int) -> tuple[float, float]:
    w, h = A4
    return (h, w) if n == 4 else (w, h)


def slots(n: int, page_w: float, page_h: float) -> list[Slot]:
    """The n places on a sheet, in reading order (left to right, top to bottom)."""
    sw, sh = sheet_size(n)
    top, bottom = sh - MARGIN, MARGIN + FOOTER
    if n == 2:
        cell_w, cell_h = sw - 2 * MARGIN, (top - bottom - GAP) / 2
        cells = [(MARGIN, top - cell_h), (MARGIN, bottom)]
    elif n == 3:
        cell_w, cell_h = (sw - 2 * MARGIN) * 0.56, (top - bottom - 2 * GAP) / 3
        cells = [(MARGIN, top - (i + 1) * cell_h - i * GAP) for i in range(3)]
    elif n == 4:
        cell_w, cell_h = (sw - 2 * MARGIN - GAP) / 2, (top - bottom - GAP) / 2
        cells = [(MARGIN + col * (cell_w + GAP), top - (row + 1) * cell_h - row * GAP) for row in range(2) for col in range(2)]
    else:
        raise ValueError(f"handout: {n} pages per sheet (2, 3 or 4)")
    scale = min(cell_w / page_w, cell_h / page_h)
    w, h = page_w * scale, page_h * scale
    out = []
    for cx, cy in cells:
        x, y = cx + (cell_w - w) / 2 if n != 3 else cx, cy + (cell_h - h) / 2
        notes = (x + w + GAP, y, sw - MARGIN, y + h) if n == 3 else None
        out.append(Slot(x, y, scale, notes))
    return out


def sheet_count(pages: int, n: int) -> int:
    return math.ceil(pages / n)


def impose(canvas: Canvas, pages: tuple[Page, ...], ctx: DrawContext, n: int, title: str) -> None:
    """Draw the handout: every page as a form, placed n to a sheet."""
    from casebook_pdf.render.pdf import paint_page

    ctx = dataclasses.replace(ctx, slug=0.0, links=False)
    total = sheet_count(len(pages), n)
    for number in range(total):
        chunk = pages[number * n:(number + 1) * n]
        canvas.setPageSize(sheet_size(n))
        names = []
        for i, page in enumerate(chunk):
            name = f"page{number * n + i + 1}"
            canvas.beginForm(name, 0, 0, page.width, page.height)
            paint_page(canvas, page, ctx)
            canvas.endForm()
            names.append(name)
        for slot, page, name in zip(slots(n, chunk[0].width, chunk[0].height), chunk, names):
            _place(canvas, slot, page, name, ctx)
        _footer(canvas, ctx, title, number + 1, total, n)
        canvas.showPage()


def _place(canvas: Canvas, slot: Slot, page: Page, name: str, ctx: DrawContext) -> None:
    line = STYLE.colors.line
    canvas.saveState()
    canvas.translate(slot.x, slot.y)
    canvas.scale(slot.scale, slot.scale)
    canvas.doForm(name)
    canvas.restoreState()
    w, h = page.width * slot.scale, page.height * slot.scale
    canvas.saveState()
    ctx.ink.stroke(canvas, STYLE.colors.muted)
    canvas.setLineWidth(FRAME_WIDTH)
    canvas.rect(slot.x, slot.y, w, h, stroke=1, fill=0)
    if slot.notes:
        x0, y0, x1, y1 = slot.notes
        ctx.ink.stroke(canvas, line)
        y = y1 - NOTE_PITCH
        while y >= y0:
            canvas.line(x0, y, x1, y)
            y -= NOTE_PITCH
    canvas.restoreState()


def _footer(canvas: Canvas, ctx: DrawContext, title: str, number: int, total: int, n: int) -> None:
    sw, _ = sheet_size(n)
    font = ctx.fonts.name(False, "text")
    canvas.saveState()
    ctx.ink.fill(canvas, STYLE.colors.muted)
    canvas.setFont(font, FOOTER_SIZE)
    baseline = MARGIN
    canvas.drawString(MARGIN, baseline, title)
    canvas.drawRightString(sw - MARGIN, baseline, f"{number} / {total}")
    canvas.restoreState()
