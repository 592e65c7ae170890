"""Press geometry: the sheet around the trimmed page, bleed (塗り足し) and Japanese トンボ.

The laid-out page is the trim (仕上がり). A print build draws it on a larger sheet with `SLUG` of
room on every side: fills that touch the trim are extended by `BLEED` past it
(nothing is moved or rescaled), and the double corner marks and centre marks are drawn outside the
bleed in registration colour. Page boxes: TrimBox = the page, BleedBox = trim + BLEED.
"""

from __future__ import annotations

import dataclasses

from reportlab.pdfgen.canvas import Canvas

from casebook_pdf.frames import Box, mm
from casebook_pdf.record import record
from casebook_pdf.render.colour import REGISTRATION

BLEED = mm(3)
SLUG = mm(15)  # room for the marks beyond the bleed
MARK_LEN = mm(10)  # how far each mark reaches out from where it starts
MARK_WIDTH = 0.3  # points: about 0.1 mm, as Japanese print shops draw トンボ
CENTRE_ARM = mm(5)  # half the length of the centre mark's cross bar
SAFE = mm(3)  # text and marks that must not be cut stay this far inside the trim (preflight checks it)
EDGE = 0.5  # points: an item this close to the trim edge touches it
BLEEDS = frozenset({"band"})  # box roles that may run off the page


@record
class Sheet:
    """Where the trimmed page sits on the PDF page (all in points, PDF coordinates, y up)."""

    trim_w: float
    trim_h: float
    slug: float = 0.0

    @property
    def media(self) -> tuple[float, float]:
        return (self.trim_w + 2 * self.slug, self.trim_h + 2 * self.slug)

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        return (self.slug, self.slug, self.slug + self.trim_w, self.slug + self.trim_h)

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.trim_box
        return (x0 - BLEED, y0 - BLEED, x1 + BLEED, y1 + BLEED)


def bled(box: Box, trim_w: float, trim_h: float) -> Box:
    """A filled box with every edge that touches the trim moved out by BLEED (top-down page space).

    Any plain fill on the trim is a background or band meant to reach the paper's edge; a box with an
    outline only when marked as a band, since moving it would carry its outline off the page."""
    if box.fill is None or (box.stroke is not None and box.role not in BLEEDS):
        return box
    x0, y0, x1, y1 = box.x, box.y, box.x + box.w, box.y + box.h
    if x0 <= EDGE:
        x0 = min(x0, 0.0) - BLEED
    if y0 <= EDGE:
        y0 = min(y0, 0.0) - BLEED
    if x1 >= trim_w - EDGE:
        x1 = max(x1, trim_w) + BLEED
    if y1 >= trim_h - EDGE:
        y1 = max(y1, trim_h) + BLEED
    return dataclasses.replace(box, x=x0, y=y0, w=x1 - x0, h=y1 - y0)


def draw_marks(c: Canvas, sheet: Sheet) -> None:
    """Japanese corner marks (trim and bleed, each an L) and centre marks, all outside the bleed."""
    c.saveState()
    c.setStrokeColorCMYK(*REGISTRATION)
    c.setLineWidth(MARK_WIDTH)
    c.setLineCap(0)
    x0, y0, x1, y1 = sheet.trim_box
    for cx, sx in ((x0, -1), (x1, 1)):
        for cy, sy in ((y0, -1), (y1, 1)):
            _corner(c, cx, cy, sx, sy)
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    for y, s in ((y0, -1), (y1, 1)):
        start, end = y + s * (BLEED + mm(1)), y + s * (BLEED + MARK_LEN)
        c.line(mx, start, mx, end)
        bar = y + s * (BLEED + MARK_LEN / 2)
        c.line(mx - CENTRE_ARM, bar, mx + CENTRE_ARM, bar)
    for x, s in ((x0, -1), (x1, 1)):
        start, end = x + s * (BLEED + mm(1)), x + s * (BLEED + MARK_LEN)
        c.line(start, my, end, my)
        bar = x + s * (BLEED + MARK_LEN / 2)
        c.line(bar, my - CENTRE_ARM, bar, my + CENTRE_ARM)
    c.restoreState()


def _corner(c: Canvas, x: float, y: float, sx: int, sy: int) -> None:
    """One corner: (x, y) is the trim corner, (sx, sy) point away from the page."""
    bx, by = x + sx * BLEED, y + sy * BLEED
    # The trim lines start at the bleed edge; the bleed lines start at the bleed corner.
    c.line(bx, y, bx + sx * MARK_LEN, y)
    c.line(x, by, x, by + sy * MARK_LEN)
    c.line(bx, by, bx + sx * MARK_LEN, by)
    c.line(bx, by, bx, by + sy * MARK_LEN)
