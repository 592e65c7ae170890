"""Built-in vector icons for characters no bundled font has (💡, the original's arrow mark).

Each icon is drawn in an em square whose top-left corner is (x, top) in PDF coordinates (y up).
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from casebook_pdf.frames import Color
from casebook_pdf.render.colour import Ink


def _bulb(c: Canvas, x: float, top: float, s: float) -> None:
    cx, cy = x + s * 0.5, top - s * 0.40
    c.circle(cx, cy, s * 0.28, stroke=0, fill=1)
    path = c.beginPath()  # the neck narrowing to the base
    path.moveTo(cx - s * 0.20, cy - s * 0.18)
    path.lineTo(cx + s * 0.20, cy - s * 0.18)
    path.lineTo(cx + s * 0.13, cy - s * 0.38)
    path.lineTo(cx - s * 0.13, cy - s * 0.38)
    path.close()
    c.drawPath(path, stroke=0, fill=1)
    c.rect(cx - s * 0.13, cy - s * 0.47, s * 0.26, s * 0.06, stroke=0, fill=1)
    c.rect(cx - s * 0.10, cy - s * 0.56, s * 0.20, s * 0.06, stroke=0, fill=1)
    c.setLineWidth(s * 0.06)
    c.setLineCap(1)
    for dx, dy, ex, ey in ((-0.36, 0.0, -0.46, 0.0), (0.36, 0.0, 0.46, 0.0), (0.0, 0.36, 0.0, 0.46),
                           (-0.26, 0.26, -0.33, 0.33), (0.26, 0.26, 0.33, 0.33)):
        c.line(cx + dx * s, cy + dy * s, cx + ex * s, cy + ey * s)
    c.setLineCap(0)


def _arrow(c: Canvas, x: float, top: float, s: float) -> None:
    path = c.beginPath()
    path.moveTo(x + s * 0.15, top - s * 0.15)
    path.lineTo(x + s * 0.85, top - s * 0.5)
    path.lineTo(x + s * 0.15, top - s * 0.85)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


ICONS = {"bulb": _bulb, "arrow": _arrow}


def draw_icon(c: Canvas, name: str, x: float, top: float, size: float, color: Color, ink: Ink) -> None:
    c.saveState()
    ink.fill(c, color)
    ink.stroke(c, color)
    ICONS[name](c, x, top, size)
    c.restoreState()
