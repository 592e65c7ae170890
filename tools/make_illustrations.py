#!/usr/bin/env python3
"""Draw the illustrative stand-in images used by the casebook examples.

The printed casebook (「公用スマートフォン活用 テレワーク実践事例集」) used
photographs supplied by the prefectural offices.  Those photos are not
available to this project, so every picture referenced by the example data is
a flat, vector-style ILLUSTRATION drawn by this script instead.  Each image
carries a small 「イラスト」 tag in its bottom-right corner so that nobody
mistakes it for a photograph of a real event.

Images written (paths relative to the repository root, 1200x900 RGB PNG):

    images/training/live-governor.png
    images/training/vehicle-inspection.png
    images/training/resident-inspection.png
    images/outage/monbetsu-office.png
    images/outage/fax-system.png
    images/outage/incident-map.png
    images/childcare/home-office.png
    examples/second-edition/images/web-meeting.png
    examples/second-edition/images/snow-patrol.png
    examples/second-edition/images/field-tablet.png

Usage (from the repository root; existing files are overwritten)::

    python tools/make_illustrations.py
    python tools/make_illustrations.py images/outage/fax-system.png   # just one

Only Pillow is needed.  Output is deterministic: every scene is drawn from
fixed coordinates (the few "random" details, such as falling snow, use a
seeded ``random.Random``), drawn at 4x and downsampled with LANCZOS, and saved
as an optimised PNG without any timestamp or text metadata, so running the
script twice yields byte-identical files.

The module can also be imported: ``SCENES`` maps each output path to the
function that draws it, and ``render(path)`` returns the finished image.
"""

from __future__ import annotations

import math
import random
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Sequence

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT_REGULAR = ROOT / "fonts" / "BIZUDPGothic-Regular.ttf"
FONT_BOLD = ROOT / "fonts" / "BIZUDPGothic-Bold.ttf"

W, H = 1200, 900  # logical (output) size
SCALE = 4  # supersampling factor

# --------------------------------------------------------------------------
# Palette
# --------------------------------------------------------------------------
NAVY = "#1F3A5F"
NAVY_DARK = "#172C48"
TEAL = "#2A7F8E"
TEAL_LIGHT = "#7FB7C0"
SOFT = "#DCE8F3"
SOFT_DARK = "#BFD3E6"
ACCENT = "#E39B3B"
ACCENT_LIGHT = "#F3C98E"
WHITE = "#FFFFFF"
GREY0 = "#F5F7F9"
GREY1 = "#ECEFF3"
GREY2 = "#DDE2E8"
GREY3 = "#C3CBD4"
GREY4 = "#8C97A3"
GREY5 = "#56616D"
INK = "#2B3440"
RED = "#D0503F"
GREEN = "#6E9E72"
SKIN = "#F2CBA7"
SKIN_DARK = "#E2AE86"
HAIR_DARK = "#3B3232"
HAIR_BROWN = "#6E4C37"
HAIR_GREY = "#B7BCC3"
SUIT = "#F3F5F7"
SUIT_LINE = "#BCC6D0"
GLOVE = "#3F8FB0"
WINDOW_GLASS = "#BFD6EA"
WOOD = "#D8C2A0"
WOOD_DARK = "#BFA47D"

Point = tuple[float, float]


def shade(color: str, f: float) -> str:
    """Darken (f < 1) or lighten towards white (f > 1) a ``#RRGGBB`` colour."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    if f <= 1:
        r, g, b = (round(v * f) for v in (r, g, b))
    else:
        t = min(f - 1, 1)
        r, g, b = (round(v + (255 - v) * t) for v in (r, g, b))
    return f"#{r:02X}{g:02X}{b:02X}"


def rgba(color: str, alpha: int) -> tuple[int, int, int, int]:
    """``#RRGGBB`` plus alpha (0-255) as an RGBA tuple (blended when drawn)."""
    return (int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16), alpha)


def smooth(points: Sequence[Point], steps: int = 12) -> list[Point]:
    """Catmull-Rom spline through ``points`` (end points are kept)."""
    if len(points) < 3:
        return list(points)
    pts = [points[0], *points, points[-1]]
    out: list[Point] = []
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for s in range(steps):
            t = s / steps
            t2, t3 = t * t, t * t * t
            out.append(tuple(
                0.5 * (2 * p1[j] + (-p0[j] + p2[j]) * t
                       + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                       + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3)
                for j in (0, 1)))
    out.append(points[-1])
    return out


# --------------------------------------------------------------------------
# Canvas: logical coordinates, supersampled drawing
# --------------------------------------------------------------------------
class Canvas:
    """A 4x supersampled drawing surface addressed in output pixels."""

    _fonts: dict[tuple[int, bool], ImageFont.FreeTypeFont] = {}

    def __init__(self, bg: str, w: int = W, h: int = H, s: int = SCALE):
        self.w, self.h, self.s = w, h, s
        self.img = Image.new("RGB", (w * s, h * s), bg)
        self.d = ImageDraw.Draw(self.img, "RGBA")
        self.ox = self.oy = 0.0  # origin shift while drawing into a clip

    # -- coordinate helpers -------------------------------------------------
    def _pts(self, pts: Iterable[Point]) -> list[tuple[float, float]]:
        return [((x - self.ox) * self.s, (y - self.oy) * self.s) for x, y in pts]

    def _box(self, x0: float, y0: float, x1: float, y1: float) -> list[float]:
        x0, x1 = sorted((x0 - self.ox, x1 - self.ox))
        y0, y1 = sorted((y0 - self.oy, y1 - self.oy))
        return [x0 * self.s, y0 * self.s, x1 * self.s, y1 * self.s]

    @contextmanager
    def clip(self, x0: float, y0: float, x1: float, y1: float):
        """Draw inside the block only within the given rectangle."""
        box = [round((v - o) * self.s) for v, o in
               ((x0, self.ox), (y0, self.oy), (x1, self.ox), (y1, self.oy))]
        saved = (self.img, self.d, self.ox, self.oy)
        layer = self.img.crop(box)
        self.img, self.d = layer, ImageDraw.Draw(layer, "RGBA")
        self.ox = saved[2] + box[0] / self.s
        self.oy = saved[3] + box[1] / self.s
        try:
            yield self
        finally:
            self.img, self.d, self.ox, self.oy = saved
            self.img.paste(layer, (box[0], box[1]))

    def _w(self, width: float) -> int:
        return max(1, round(width * self.s)) if width else 0

    # -- primitives ---------------------------------------------------------
    def rect(self, x0, y0, x1, y1, fill=None, outline=None, width=0):
        self.d.rectangle(self._box(x0, y0, x1, y1), fill=fill, outline=outline,
                         width=self._w(width) if outline else 0)

    def rrect(self, x0, y0, x1, y1, r, fill=None, outline=None, width=0,
              corners=None):
        box = self._box(x0, y0, x1, y1)
        rad = min(r * self.s, (box[2] - box[0]) / 2, (box[3] - box[1]) / 2)
        self.d.rounded_rectangle(box, radius=rad, fill=fill, outline=outline,
                                 width=self._w(width) if outline else 0,
                                 corners=corners)

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=None, width=0):
        self.d.ellipse(self._box(x0, y0, x1, y1), fill=fill, outline=outline,
                       width=self._w(width) if outline else 0)

    def circle(self, cx, cy, r, fill=None, outline=None, width=0):
        self.ellipse(cx - r, cy - r, cx + r, cy + r, fill, outline, width)

    def poly(self, pts, fill=None, outline=None, width=0):
        self.d.polygon(self._pts(pts), fill=fill, outline=outline,
                       width=self._w(width) if outline else 0)

    def line(self, pts, fill, width, cap=True):
        pts = list(pts)
        self.d.line(self._pts(pts), fill=fill, width=self._w(width),
                    joint="curve")
        if cap:
            for x, y in (pts[0], pts[-1]):
                self.circle(x, y, width / 2, fill=fill)

    def arc(self, cx, cy, r, start, end, fill, width, cap=True):
        self.d.arc(self._box(cx - r, cy - r, cx + r, cy + r), start, end,
                   fill=fill, width=self._w(width))
        if cap:
            rr = r - width / 2
            for a in (start, end):
                t = math.radians(a)
                self.circle(cx + rr * math.cos(t), cy + rr * math.sin(t),
                            width / 2, fill=fill)

    def pieslice(self, x0, y0, x1, y1, start, end, fill):
        self.d.pieslice(self._box(x0, y0, x1, y1), start, end, fill=fill)

    def chord(self, x0, y0, x1, y1, start, end, fill):
        self.d.chord(self._box(x0, y0, x1, y1), start, end, fill=fill)

    def font(self, size: float, bold: bool = False) -> ImageFont.FreeTypeFont:
        key = (round(size * self.s), bold)
        if key not in self._fonts:
            path = FONT_BOLD if bold else FONT_REGULAR
            self._fonts[key] = ImageFont.truetype(str(path), key[0])
        return self._fonts[key]

    def text_width(self, s: str, size: float, bold: bool = False) -> float:
        return self.font(size, bold).getlength(s) / self.s

    def text(self, x, y, s, size, fill, anchor="mm", bold=False):
        self.d.text(((x - self.ox) * self.s, (y - self.oy) * self.s), s, font=self.font(size, bold),
                    fill=fill, anchor=anchor)

    def finish(self) -> Image.Image:
        return self.img.resize((self.w, self.h), Image.Resampling.LANCZOS)


# --------------------------------------------------------------------------
# Shared pieces
# --------------------------------------------------------------------------
def illustration_tag(c: Canvas) -> None:
    """The small 「イラスト」 tag in the bottom-right corner of every image."""
    size, pad_x, pad_y, margin = 16, 11, 6, 14
    tw = c.text_width("イラスト", size)
    x1, y1 = c.w - margin, c.h - margin
    x0, y0 = x1 - tw - 2 * pad_x, y1 - size - 2 * pad_y
    c.rrect(x0 + 1.5, y0 + 2, x1 + 1.5, y1 + 2, (y1 - y0) / 2, fill=(0, 0, 0, 28))
    c.rrect(x0, y0, x1, y1, (y1 - y0) / 2, fill=(255, 255, 255, 225),
            outline=rgba(NAVY, 110), width=1.2)
    c.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.5, "イラスト", size, GREY5)


def hand(c: Canvas, pos: Point, k: float, color: str = SKIN) -> None:
    c.circle(pos[0], pos[1], 10 * k, fill=color)


def person(c: Canvas, x: float, y: float, k: float = 1.0, *, shirt: str,
           pants: str = INK, skin: str = SKIN, hair: str = HAIR_DARK,
           hair_style: str = "short", face: float = 0, back: bool = False,
           arms: Sequence[Sequence[Point] | None] = (None, None),
           legs: str = "stand", shoes: str = "#3A4048",
           suit: bool = False, head_scale: float = 1.0,
           gloves: str | None = None, vest: str | None = None,
           tie: str | None = None, collar: str | None = None,
           show_hands: bool = True, look_down: bool = False) -> dict:
    """A friendly flat figure standing (or sitting) with its feet at (x, y).

    Body coordinates are in "figure units" (about 300 tall) scaled by ``k``;
    x grows to the viewer's right, y upwards is negative.  ``arms`` gives, for
    the viewer-left and viewer-right arm, the elbow/hand points in figure
    units (``None`` = hanging down).  Returns the hand and head positions in
    canvas coordinates so callers can put objects into the hands.
    """
    body_dy = 120 if legs == "floor" else 0

    def P(px: float, py: float) -> Point:  # upper body
        return (x + px * k, y + (py + body_dy) * k)

    def Q(px: float, py: float) -> Point:  # legs (ground coordinates)
        return (x + px * k, y + py * k)

    if suit:
        pants = SUIT
    edge = SUIT_LINE if suit else None
    ew = 1.4 if suit else 0
    sleeve = shade(shirt, 0.9) if not suit else SUIT
    hand_col = gloves or (GLOVE if suit else skin)
    hr = 26 * head_scale
    neck_y = -250
    hcx, hcy = P(0, neck_y - hr + 4)
    head_r = hr * k

    # long hair sits behind the head and shoulders
    if hair_style == "long" and not suit:
        c.rrect(hcx - head_r - 5 * k, hcy - head_r - 4 * k, hcx + head_r + 5 * k,
                hcy + head_r + 26 * k, 18 * k, fill=hair)

    # legs
    if legs == "stand":
        for sx in (-1, 1):
            a, b = Q(sx * 5, -142), Q(sx * 30, -8)
            c.rrect(a[0], a[1], b[0], b[1], 12 * k, fill=pants, outline=edge, width=ew)
        for sx in (-1, 1):
            a, b = Q(sx * 4, -16), Q(sx * 36, 0)
            c.rrect(a[0], a[1], b[0], b[1], 8 * k, fill=shoes)
    elif legs in ("sit_r", "sit_l"):
        d = 1 if legs == "sit_r" else -1
        a, b = Q(-d * 30, -152), Q(d * 98, -116)
        c.rrect(a[0], a[1], b[0], b[1], 16 * k, fill=pants, outline=edge, width=ew)
        a, b = Q(d * 72, -136), Q(d * 98, -12)
        c.rrect(a[0], a[1], b[0], b[1], 12 * k, fill=pants, outline=edge, width=ew)
        a, b = Q(d * 68, -16), Q(d * 122, 0)
        c.rrect(a[0], a[1], b[0], b[1], 8 * k, fill=shoes)
    elif legs == "floor":
        a, b = Q(-30, -34), Q(104, 0)
        c.rrect(a[0], a[1], b[0], b[1], 16 * k, fill=pants)
        a, b = Q(96, -40), Q(116, 0)
        c.rrect(a[0], a[1], b[0], b[1], 8 * k, fill=shoes)

    # torso
    a, b = P(-38, -248), P(38, -118)
    c.rrect(a[0], a[1], b[0], b[1], 30 * k, fill=shirt, outline=edge, width=ew)
    if collar and not back:
        c.poly([P(-14, -246), P(0, -222), P(14, -246)], fill=collar)
    if tie and not back:
        c.poly([P(-5, -236), P(5, -236), P(7, -180), P(0, -170), P(-7, -180)], fill=tie)
    if vest:
        a, b = P(-38, -232), P(38, -124)
        c.rrect(a[0], a[1], b[0], b[1], 22 * k, fill=vest)
        a, b = P(-38, -168), P(38, -158)
        c.rect(a[0], a[1], b[0], b[1], fill="#EEF2F4")
        if not back:
            c.poly([P(-12, -236), P(0, -200), P(12, -236)], fill=shirt)
    if suit and not back:
        c.line([P(0, -228), P(0, -130)], SUIT_LINE, 1.6 * k, cap=False)

    # neck and head
    a, b = P(-9, neck_y - 14), P(9, neck_y + 6)
    c.rect(a[0], a[1], b[0], b[1], fill=skin if not suit else SUIT)
    if suit:
        c.circle(hcx, hcy, head_r + 10 * k, fill=SUIT, outline=SUIT_LINE, width=1.4)
        c.circle(hcx, hcy + 2 * k, head_r * 0.78, fill=skin)
        if not back:
            c.rrect(hcx - head_r * 0.78, hcy - 8 * k, hcx + head_r * 0.78,
                    hcy + 4 * k, 5 * k, fill="#35566B")
            c.rrect(hcx - head_r * 0.55, hcy + 7 * k, hcx + head_r * 0.55,
                    hcy + head_r * 0.8, 6 * k, fill=WHITE, outline=SUIT_LINE, width=1)
    else:
        c.circle(hcx, hcy, head_r, fill=skin)
        if back:
            c.circle(hcx, hcy - 1 * k, head_r + 1.5 * k, fill=hair)
            for sx in (-1, 1):
                c.circle(hcx + sx * head_r * 0.98, hcy + 4 * k, head_r * 0.2, fill=skin)
            if hair_style == "bun":
                c.circle(hcx, hcy - head_r * 0.95, head_r * 0.42, fill=hair)
        else:
            if hair_style in ("short", "long", "bun"):
                c.chord(hcx - head_r - 2 * k, hcy - head_r - 3 * k, hcx + head_r + 2 * k,
                        hcy + head_r - 2 * k, 182, 358, fill=hair)
                if hair_style == "bun":
                    c.circle(hcx, hcy - head_r * 0.98, head_r * 0.42, fill=hair)
            elif hair_style == "side":  # side-parted / receding, for seniors
                c.chord(hcx - head_r - 2 * k, hcy - head_r - 2 * k, hcx + head_r + 2 * k,
                        hcy + head_r - 6 * k, 190, 350, fill=hair)
                c.pieslice(hcx - head_r - 2 * k, hcy - head_r - 2 * k,
                           hcx + head_r + 2 * k, hcy + head_r + 2 * k, 160, 200, fill=hair)
                c.pieslice(hcx - head_r - 2 * k, hcy - head_r - 2 * k,
                           hcx + head_r + 2 * k, hcy + head_r + 2 * k, 340, 380, fill=hair)
            elif hair_style == "cap":
                c.chord(hcx - head_r - 2 * k, hcy - head_r - 4 * k, hcx + head_r + 2 * k,
                        hcy + head_r - 4 * k, 180, 360, fill=hair)
                bx = hcx + face * 12 * k
                c.rrect(bx - head_r - 4 * k, hcy - 8 * k, bx + head_r + 4 * k,
                        hcy - 2 * k, 3 * k, fill=shade(hair, 0.85))
            elif hair_style == "helmet":
                c.chord(hcx - head_r - 4 * k, hcy - head_r - 6 * k, hcx + head_r + 4 * k,
                        hcy + head_r - 2 * k, 180, 360, fill=hair)
                c.rrect(hcx - head_r - 8 * k, hcy - 7 * k, hcx + head_r + 8 * k,
                        hcy - 1 * k, 3 * k, fill=shade(hair, 0.88))
            ex = face * 8 * k
            ey = (9 if look_down else 5) * k
            for sx in (-1, 1):
                c.circle(hcx + ex + sx * 9 * k * (1 - abs(face) * 0.25),
                         hcy + ey, 2.7 * k, fill=INK)

    # arms
    shoulders = (P(-27, -224), P(27, -224))
    defaults = ([(-42, -180), (-44, -132)], [(42, -180), (44, -132)])
    hands_out = []
    for i, spec in enumerate(arms):
        pts = [shoulders[i]] + [P(px, py) for px, py in (spec or defaults[i])]
        c.line(pts, sleeve, 19 * k)
        hands_out.append(pts[-1])
        if show_hands:
            hand(c, pts[-1], k, hand_col)
    return {"hands": hands_out, "head": (hcx, hcy, head_r), "k": k}


def chair_back(c: Canvas, cx: float, top: float, bottom: float, w: float,
               color: str = "#3C4A5C") -> None:
    c.rrect(cx - w / 2, top, cx + w / 2, bottom, w * 0.22, fill=color)


def laptop_front(c: Canvas, cx: float, base_y: float, w: float,
                 screen: Callable[[Canvas, float, float, float, float], None] | None = None,
                 body: str = "#4A5563", glass: str = "#E9F1F8") -> tuple:
    """Laptop seen from the front, screen facing the viewer."""
    h = w * 0.62
    x0, x1 = cx - w / 2, cx + w / 2
    y0 = base_y - h
    c.rrect(x0, y0, x1, base_y - w * 0.02, w * 0.03, fill=body)
    bez = w * 0.035
    sx0, sy0, sx1, sy1 = x0 + bez, y0 + bez, x1 - bez, base_y - w * 0.02 - bez
    c.rect(sx0, sy0, sx1, sy1, fill=glass)
    if screen:
        screen(c, sx0, sy0, sx1, sy1)
    c.circle(cx, y0 + bez / 2, w * 0.005, fill=GREY4)
    # keyboard deck as a thin trapezoid
    c.poly([(x0 - w * 0.06, base_y + w * 0.035), (x1 + w * 0.06, base_y + w * 0.035),
            (x1, base_y - w * 0.02), (x0, base_y - w * 0.02)], fill=shade(body, 1.45))
    c.rrect(x0 - w * 0.06, base_y + w * 0.028, x1 + w * 0.06, base_y + w * 0.05,
            w * 0.01, fill=shade(body, 1.15))
    c.rrect(cx - w * 0.08, base_y + w * 0.028, cx + w * 0.08, base_y + w * 0.036,
            w * 0.005, fill=shade(body, 0.85))
    return sx0, sy0, sx1, sy1


def laptop_back(c: Canvas, cx: float, base_y: float, w: float,
                color: str = "#9AA6B4") -> None:
    """Laptop lid seen from behind (the user faces the viewer)."""
    h = w * 0.64
    c.rrect(cx - w / 2, base_y - h, cx + w / 2, base_y, w * 0.04, fill=color)
    c.circle(cx, base_y - h / 2, w * 0.06, fill=shade(color, 1.25))
    c.rrect(cx - w / 2 - w * 0.04, base_y - w * 0.015, cx + w / 2 + w * 0.04,
            base_y + w * 0.03, w * 0.015, fill=shade(color, 0.85))


def phone(c: Canvas, x0: float, y0: float, x1: float, y1: float,
          glass: str = "#D9ECF7", body: str = INK) -> tuple:
    r = (x1 - x0) * 0.18
    c.rrect(x0, y0, x1, y1, r, fill=body)
    m = (x1 - x0) * 0.08
    c.rrect(x0 + m, y0 + m * 1.6, x1 - m, y1 - m * 1.6, r * 0.6, fill=glass)
    c.rrect((x0 + x1) / 2 - (x1 - x0) * 0.15, y0 + m * 0.5,
            (x0 + x1) / 2 + (x1 - x0) * 0.15, y0 + m * 1.1, m * 0.3, fill=shade(body, 1.4))
    return x0 + m, y0 + m * 1.6, x1 - m, y1 - m * 1.6


def wifi(c: Canvas, cx: float, cy: float, size: float, color, width: float,
         arcs: int = 3) -> None:
    """Wi-Fi / tethering symbol: a dot and concentric arcs opening upwards."""
    c.circle(cx, cy, width * 0.8, fill=color)
    for i in range(1, arcs + 1):
        r = size * i / arcs
        c.arc(cx, cy, r + width / 2, 225, 315, color, width)


def cone(c: Canvas, x: float, y: float, h: float) -> None:
    """Traffic cone standing on the ground at (x, y)."""
    bw, tw = h * 0.5, h * 0.12
    c.rrect(x - h * 0.36, y - h * 0.09, x + h * 0.36, y, h * 0.03, fill=shade(ACCENT, 0.78))
    top, bot = y - h, y - h * 0.08

    def at(t: float) -> tuple[float, float]:
        yy = top + (bot - top) * t
        half = tw / 2 + (bw / 2 - tw / 2) * t
        return yy, half

    c.poly([(x - tw / 2, top), (x + tw / 2, top), (x + bw / 2, bot), (x - bw / 2, bot)],
           fill=ACCENT)
    for t0, t1 in ((0.28, 0.44), (0.62, 0.78)):
        (ya, ha), (yb, hb) = at(t0), at(t1)
        c.poly([(x - ha, ya), (x + ha, ya), (x + hb, yb), (x - hb, yb)], fill=WHITE)
    c.rrect(x - tw / 2 - 1, top - 3, x + tw / 2 + 1, top + 4, 3, fill=shade(ACCENT, 0.9))


def car(c: Canvas, x: float, y: float, w: float, color: str, facing: int = 1,
        stripe: str | None = None, lightbar: bool = False, snow: bool = False) -> None:
    """Side view of a small sedan / patrol car; (x, y) = rear-left, ground."""
    u = w / 100

    def X(px: float) -> float:
        return x + (px if facing == 1 else 100 - px) * u

    def p(px: float, py: float) -> Point:
        return (X(px), y + py * u)

    dark = shade(color, 0.72)
    c.poly([p(17, -27), p(31, -44.5), p(66, -44.5), p(81, -27)], fill=color)
    c.rrect(X(0), y - 31 * u, X(100), y - 8 * u, 7 * u, fill=color)
    c.poly([p(0, -27), p(17, -29.5), p(81, -29.5), p(100, -24), p(100, -22), p(0, -22)],
           fill=color)
    if snow:
        c.rrect(X(31), y - 47.5 * u, X(66), y - 43.5 * u, 2 * u, fill=WHITE)
    if lightbar:
        c.rrect(X(42), y - 46 * u, X(58), y - 44 * u, 1 * u, fill=INK)
        c.rrect(X(43), y - 49.5 * u, X(57), y - 45.5 * u, 1.6 * u, fill=ACCENT)
        c.rrect(X(48.5), y - 49.5 * u, X(51.5), y - 45.5 * u, 0.6 * u, fill=ACCENT_LIGHT)
    c.poly([p(21.5, -29.5), p(32.5, -42), p(48, -42), p(48, -29.5)], fill=WINDOW_GLASS)
    c.poly([p(51, -29.5), p(51, -42), p(65, -42), p(76.5, -29.5)], fill=WINDOW_GLASS)
    c.poly([p(36, -42), p(40, -42), p(33, -33), p(29, -33)], fill=(255, 255, 255, 110))
    if stripe:
        c.rect(X(1), y - 19 * u, X(99), y - 15.5 * u, fill=stripe)
    c.line([p(49.5, -29), p(49.5, -11)], dark, 0.5 * u, cap=False)
    c.line([p(17, -29), p(18, -11)], dark, 0.5 * u, cap=False)
    c.line([p(81, -29), p(80, -11)], dark, 0.5 * u, cap=False)
    c.rrect(X(40), y - 25 * u, X(45), y - 23.5 * u, 0.6 * u, fill=dark)
    c.rrect(X(70), y - 25 * u, X(75), y - 23.5 * u, 0.6 * u, fill=dark)
    c.rrect(X(96), y - 27 * u, X(100.4), y - 23 * u, 1 * u, fill="#F7E3A1")
    c.rrect(X(-0.4), y - 28 * u, X(3), y - 24 * u, 1 * u, fill=RED)
    c.rrect(X(-1), y - 12 * u, X(9), y - 7.5 * u, 2 * u, fill=GREY4)
    c.rrect(X(91), y - 12 * u, X(101), y - 7.5 * u, 2 * u, fill=GREY4)
    for wx in (20, 80):
        c.circle(X(wx), y - 9 * u, 11.5 * u, fill=dark)
        c.circle(X(wx), y - 9 * u, 9 * u, fill="#2E3540")
        c.circle(X(wx), y - 9 * u, 4.2 * u, fill=GREY3)
        c.circle(X(wx), y - 9 * u, 1.6 * u, fill=GREY4)


def conifer(c: Canvas, x: float, y: float, h: float, color: str,
            snow: bool = False) -> None:
    c.rect(x - h * 0.04, y - h * 0.14, x + h * 0.04, y, fill="#6B5A4A")
    tiers = ((0.10, 0.55, 0.46), (0.38, 0.78, 0.36), (0.62, 1.0, 0.25))
    for lo, hi, half in tiers:
        yb, yt = y - h * lo, y - h * hi
        c.poly([(x - h * half, yb), (x + h * half, yb), (x, yt)], fill=color)
        if snow:  # snow resting on each tier: a white cap with a flat hem
            f = 0.4
            yc = yt + (yb - yt) * f
            c.poly([(x - h * half * f, yc), (x, yt), (x + h * half * f, yc)], fill=WHITE)



def round_tree(c: Canvas, x: float, y: float, h: float, leaf: str,
               trunk: str = "#8A7058") -> None:
    c.rrect(x - h * 0.05, y - h * 0.45, x + h * 0.05, y, h * 0.03, fill=trunk)
    c.circle(x, y - h * 0.68, h * 0.32, fill=leaf)
    c.circle(x - h * 0.2, y - h * 0.52, h * 0.2, fill=leaf)
    c.circle(x + h * 0.2, y - h * 0.5, h * 0.22, fill=leaf)


def cloud(c: Canvas, x: float, y: float, s: float, color: str = WHITE) -> None:
    c.rrect(x - 60 * s, y - 14 * s, x + 60 * s, y + 14 * s, 14 * s, fill=color)
    c.circle(x - 22 * s, y - 12 * s, 24 * s, fill=color)
    c.circle(x + 16 * s, y - 18 * s, 30 * s, fill=color)
    c.rect(x - 60 * s, y, x + 60 * s, y + 14 * s, fill=color)


def leaf(c: Canvas, x: float, y: float, length: float, width: float,
         angle: float, color: str) -> None:
    """A pointed leaf growing from (x, y); angle in degrees, 0 = straight up."""
    t_ = math.radians(angle)
    dx, dy = math.sin(t_), -math.cos(t_)
    nx, ny = -dy, dx
    left, right = [], []
    for i in range(17):
        t = i / 16
        half = width / 2 * math.sin(math.pi * t) ** 0.85
        bx, by = x + dx * length * t, y + dy * length * t
        left.append((bx + nx * half, by + ny * half))
        right.append((bx - nx * half, by - ny * half))
    c.poly(left + right[::-1], fill=color)


def plant(c: Canvas, x: float, y: float, h: float, pot: str = "#C98C52",
          color: str = "#5E9A86") -> None:
    """Potted plant standing at (x, y), h = total height."""
    top = y - h * 0.34
    dark, light = shade(color, 0.82), shade(color, 1.18)
    for ang, ln, col in ((-64, 0.5, dark), (64, 0.48, dark), (-38, 0.62, color),
                         (40, 0.6, color), (-14, 0.68, dark), (16, 0.66, color),
                         (0, 0.52, light)):
        leaf(c, x, top + h * 0.02, h * ln, h * 0.17, ang, col)
    c.poly([(x - h * 0.19, top), (x + h * 0.19, top), (x + h * 0.14, y), (x - h * 0.14, y)],
           fill=pot)
    c.rect(x - h * 0.21, top - h * 0.02, x + h * 0.21, top + h * 0.05, fill=shade(pot, 0.88))


def glow(c: Canvas, cx: float, cy: float, rx: float, ry: float, color: str,
         steps: int = 14, alpha: int = 6) -> None:
    """Soft light: stacked translucent ellipses, brightest in the middle."""
    for i in range(steps):
        f = 1 - i / steps
        c.ellipse(cx - rx * f, cy - ry * f, cx + rx * f, cy + ry * f, fill=rgba(color, alpha))


def mug(c: Canvas, x: float, y: float, s: float, color: str = WHITE) -> None:
    """Coffee mug standing at (x, y), s = height."""
    c.arc(x + s * 0.38, y - s * 0.55, s * 0.24, 270, 90, shade(color, 0.88), s * 0.1)
    c.rrect(x - s * 0.38, y - s, x + s * 0.38, y, s * 0.12, fill=color)
    c.rect(x - s * 0.38, y - s * 0.72, x + s * 0.38, y - s * 0.6, fill=TEAL)


def snowfall(c: Canvas, seed: int, box: tuple[float, float, float, float], n: int,
             rmin: float = 2, rmax: float = 5, color=WHITE) -> None:
    rng = random.Random(seed)
    x0, y0, x1, y1 = box
    for _ in range(n):
        r = rng.uniform(rmin, rmax)
        c.circle(rng.uniform(x0, x1), rng.uniform(y0, y1), r, fill=color)


def map_pin(c: Canvas, x: float, y: float, s: float, color: str,
            inner: str = WHITE, shadow: bool = True) -> None:
    """Teardrop map marker whose tip is at (x, y)."""
    r = 16 * s
    cy = y - 30 * s
    if shadow:
        c.ellipse(x - 10 * s, y - 3 * s, x + 10 * s, y + 3 * s, fill=(0, 0, 0, 40))
    c.poly([(x - r * 0.78, cy + r * 0.6), (x + r * 0.78, cy + r * 0.6), (x, y)], fill=color)
    c.circle(x, cy, r, fill=color)
    c.circle(x, cy, r * 0.42, fill=inner)


def fax_machine(c: Canvas, x0: float, y0: float, w: float, body: str = GREY2,
                accent: str = TEAL) -> None:
    """Flat fax machine icon; (x0, y0) is the top-left of its body."""
    h = w * 0.52
    # paper going in at the back and coming out at the front
    c.poly([(x0 + w * 0.22, y0 - w * 0.02), (x0 + w * 0.66, y0 - w * 0.02),
            (x0 + w * 0.62, y0 - w * 0.34), (x0 + w * 0.26, y0 - w * 0.34)], fill=WHITE,
           outline=GREY3, width=1.5)
    for i in range(3):
        yy = y0 - w * (0.28 - i * 0.07)
        c.line([(x0 + w * 0.33, yy), (x0 + w * (0.55 - i * 0.05), yy)], GREY3, w * 0.012)
    c.rrect(x0, y0, x0 + w, y0 + h, w * 0.07, fill=body)
    c.rrect(x0, y0 + h * 0.72, x0 + w, y0 + h, w * 0.07, fill=shade(body, 0.9),
            corners=(False, False, True, True))
    # handset
    c.rrect(x0 + w * 0.04, y0 - w * 0.06, x0 + w * 0.2, y0 + h * 0.62, w * 0.06,
            fill=shade(body, 0.7))
    # display and keypad
    c.rrect(x0 + w * 0.27, y0 + h * 0.12, x0 + w * 0.62, y0 + h * 0.36, w * 0.02,
            fill=accent)
    for row in range(3):
        for col in range(3):
            bx = x0 + w * (0.7 + col * 0.09)
            by = y0 + h * (0.14 + row * 0.18)
            c.rrect(bx, by, bx + w * 0.06, by + h * 0.11, w * 0.012, fill=WHITE)
    c.rrect(x0 + w * 0.27, y0 + h * 0.48, x0 + w * 0.62, y0 + h * 0.58, w * 0.02,
            fill=shade(body, 0.82))
    # printed page leaving the front slot
    c.poly([(x0 + w * 0.3, y0 + h * 0.53), (x0 + w * 0.59, y0 + h * 0.53),
            (x0 + w * 0.63, y0 + h * 0.95), (x0 + w * 0.26, y0 + h * 0.95)], fill=WHITE)


def video_person(c: Canvas, x0: float, y0: float, x1: float, y1: float, bg: str,
                 shirt: str, hair: str = HAIR_DARK, hair_style: str = "short",
                 skin: str = SKIN) -> None:
    """A participant tile of a video call: head and shoulders, clipped."""
    with c.clip(x0, y0, x1, y1):
        w, h = x1 - x0, y1 - y0
        c.rect(x0, y0, x1, y1, fill=bg)
        # a shelf with books behind the participant
        c.rect(x0 + w * 0.06, y0 + h * 0.36, x0 + w * 0.3, y0 + h * 0.39, fill=shade(bg, 0.85))
        for i, (bw, bh) in enumerate(((0.035, 0.14), (0.03, 0.11), (0.04, 0.16))):
            bx = x0 + w * (0.08 + i * 0.05)
            c.rect(bx, y0 + h * (0.36 - bh), bx + w * bw, y0 + h * 0.36,
                   fill=shade(bg, 0.72 + i * 0.06))
        k = h / 210
        person(c, (x0 + x1) / 2, y0 + h * 0.45 + 272 * k, k, shirt=shirt, hair=hair,
               hair_style=hair_style, skin=skin, legs="none", show_hands=False)


# --------------------------------------------------------------------------
# Scenes
# --------------------------------------------------------------------------
def scene_live_governor() -> Canvas:
    """A senior official at a desk watching a live feed on a large monitor."""
    c = Canvas("#EAF0F6")
    c.rect(0, 610, W, H, fill="#D3DBE4")
    c.rect(0, 602, W, 612, fill="#C3CDD8")
    # wall clock and framed picture
    c.circle(140, 150, 46, fill=WHITE, outline=GREY3, width=5)
    c.line([(140, 150), (140, 120)], INK, 4)
    c.line([(140, 150), (162, 160)], INK, 4)
    c.circle(140, 150, 4, fill=INK)
    c.rrect(70, 250, 210, 420, 6, fill="#D4E1ED", outline=GREY3, width=4)
    c.poly([(80, 410), (130, 330), (160, 370), (180, 345), (200, 410)], fill="#A9C3D6")
    c.circle(175, 290, 14, fill=ACCENT_LIGHT)
    # big monitor on a stand
    mx0, my0, mx1, my1 = 330, 80, 1090, 520
    c.rect(690, 520, 730, 575, fill=GREY4)
    c.rrect(620, 566, 800, 584, 6, fill=GREY5)
    c.rrect(mx0 + 6, my0 + 8, mx1 + 6, my1 + 8, 14, fill=(31, 58, 95, 40))
    c.rrect(mx0, my0, mx1, my1, 14, fill="#26313F")
    sx0, sy0, sx1, sy1 = mx0 + 16, my0 + 16, mx1 - 16, my1 - 16
    # application window: title bar with "DoMEET"
    c.rect(sx0, sy0, sx1, sy0 + 40, fill=NAVY)
    c.rrect(sx0 + 14, sy0 + 10, sx0 + 34, sy0 + 30, 5, fill=TEAL)
    c.rrect(sx0 + 19, sy0 + 16, sx0 + 29, sy0 + 24, 2, fill=WHITE)
    c.text(sx0 + 44, sy0 + 21, "DoMEET", 20, WHITE, anchor="lm", bold=True)
    for i, col in enumerate((GREY3, GREY3, "#E8857A")):
        c.circle(sx1 - 70 + i * 24, sy0 + 20, 7, fill=col)
    vx0, vy0, vx1, vy1 = sx0, sy0 + 40, sx1, sy1 - 44
    # live video feed: an outdoor checkpoint
    with c.clip(vx0, vy0, vx1, vy1):
        c.rect(vx0, vy0, vx1, vy1, fill="#CFE2EF")
        cloud(c, vx0 + 250, vy0 + 60, 0.55)
        c.poly([(vx0, vy1 - 150), (vx0 + 160, vy1 - 215), (vx0 + 320, vy1 - 160),
                (vx0 + 470, vy1 - 230), (vx1, vy1 - 150), (vx1, vy1), (vx0, vy1)],
               fill="#A7C7CF")
        c.rect(vx0, vy1 - 120, vx1, vy1, fill="#B8C9B0")
        c.rect(vx0, vy1 - 70, vx1, vy1, fill="#9FA9B4")
        for i in range(6):
            c.rect(vx0 + 30 + i * 130, vy1 - 38, vx0 + 90 + i * 130, vy1 - 32, fill=WHITE)
        c.poly([(vx0 + 60, vy1 - 190), (vx0 + 300, vy1 - 190), (vx0 + 330, vy1 - 150),
                (vx0 + 30, vy1 - 150)], fill=WHITE)
        c.rect(vx0 + 30, vy1 - 150, vx0 + 330, vy1 - 132, fill=TEAL)
        for px in (vx0 + 40, vx0 + 320):
            c.rect(px - 3, vy1 - 132, px + 3, vy1 - 70, fill=GREY4)
        car(c, vx0 + 420, vy1 - 54, 220, "#7E9DBA", facing=-1)
        info = person(c, vx0 + 350, vy1 - 46, 0.5, shirt=SUIT, suit=True, shoes="#6B8796",
                      face=1, arms=(None, [(45, -200), (90, -175)]))
        hx, hy = info["hands"][1]
        c.line([(hx, hy), (hx + 32, hy + 14)], GREY5, 3)
        c.line([(hx + 32, hy + 14), (hx + 44, hy + 20)], INK, 8)
        hand(c, (hx, hy), 0.5, GLOVE)
        cone(c, vx0 + 680, vy1 - 50, 44)
        cone(c, vx0 + 200, vy1 - 46, 40)
    # LIVE badge
    c.rrect(vx0 + 18, vy0 + 18, vx0 + 116, vy0 + 54, 8, fill=RED)
    c.circle(vx0 + 38, vy0 + 36, 7, fill=WHITE)
    c.text(vx0 + 52, vy0 + 37, "LIVE", 20, WHITE, anchor="lm", bold=True)
    # self view tile
    video_person(c, vx1 - 170, vy0 + 16, vx1 - 16, vy0 + 124, "#E4ECF3", NAVY,
                 hair=HAIR_GREY, hair_style="side")
    c.rect(vx1 - 170, vy0 + 16, vx1 - 16, vy0 + 124, outline=WHITE, width=3)
    # control bar
    c.rect(sx0, sy1 - 44, sx1, sy1, fill="#2F3B4A")
    mid = (sx0 + sx1) / 2
    for i in range(3):
        c.circle(mid - 60 + i * 40, sy1 - 22, 12, fill=GREY4)
    c.rrect(mid + 70, sy1 - 34, mid + 120, sy1 - 10, 12, fill=RED)
    # desk
    c.rrect(150, 584, 1150, 610, 6, fill=WOOD)
    c.rect(170, 610, 1130, 770, fill=WOOD_DARK)
    c.rect(170, 610, 1130, 624, fill=shade(WOOD_DARK, 0.9))
    c.poly([(850, 592), (990, 586), (995, 598), (855, 604)], fill=WHITE)
    c.poly([(870, 584), (1000, 580), (1003, 592), (872, 596)], fill="#F1F4F7")
    mug(c, 1060, 592, 40)
    c.rrect(230, 566, 330, 590, 6, fill=NAVY)
    c.rrect(236, 558, 322, 572, 4, fill="#3C5A80")
    plant(c, 1050, 850, 280)
    # senior official seen from behind, in a chair
    px, py = 470, 880
    person(c, px, py, 1.45, shirt=NAVY, hair=HAIR_GREY, back=True, legs="none",
           arms=([(-52, -172)], [(52, -172)]), show_hands=False)
    chair_back(c, px, 690, 870, 200, "#3A4656")
    c.rrect(px - 100, 690, px + 100, 706, 8, fill="#465365")
    c.rect(px - 10, 870, px + 10, 900, fill=GREY5)
    illustration_tag(c)
    return c


def survey_meter(c: Canvas, hx: float, hy: float, k: float) -> Point:
    """Survey meter hanging from a hand at (hx, hy); returns the cable socket."""
    c.arc(hx, hy + 8 * k, 14 * k, 180, 360, GREY5, 5 * k)
    x0, y0, x1, y1 = hx - 26 * k, hy + 8 * k, hx + 26 * k, hy + 52 * k
    c.rrect(x0, y0, x1, y1, 7 * k, fill=ACCENT)
    c.rrect(x0 + 6 * k, y0 + 6 * k, x1 - 6 * k, y0 + 22 * k, 3 * k, fill="#F7EED8")
    c.line([(x0 + 10 * k, y0 + 16 * k), (x0 + 24 * k, y0 + 12 * k)], INK, 2 * k, cap=False)
    c.circle(x0 + 14 * k, y1 - 11 * k, 4 * k, fill=INK)
    c.circle(x1 - 14 * k, y1 - 11 * k, 4 * k, fill=INK)
    return (x1 - 4 * k, y1 - 6 * k)


def wand(c: Canvas, hx: float, hy: float, tx: float, ty: float, k: float) -> None:
    """Detector wand held at (hx, hy) with its probe head ending at (tx, ty)."""
    dx, dy = tx - hx, ty - hy
    ln = math.hypot(dx, dy)
    ux, uy = dx / ln, dy / ln
    mx, my = tx - ux * 40 * k, ty - uy * 40 * k
    c.line([(hx - ux * 14 * k, hy - uy * 14 * k), (mx, my)], GREY5, 7 * k)
    c.line([(mx, my), (tx - ux * 10 * k, ty - uy * 10 * k)], INK, 22 * k)
    c.line([(mx + ux * 4 * k, my + uy * 4 * k), (tx - ux * 12 * k, ty - uy * 12 * k)],
           GREY4, 12 * k)


def scan_waves(c: Canvas, x: float, y: float, angle: float, k: float,
               color: str = ACCENT) -> None:
    """Three short arcs radiating from (x, y) in direction angle (degrees)."""
    for i in range(3):
        c.arc(x, y, (16 + i * 13) * k, angle - 35, angle + 35, rgba(color, 235 - i * 55),
              4.5 * k)


def scene_vehicle_inspection() -> Canvas:
    """Evacuation checkpoint: an inspector scans a car with a survey meter."""
    c = Canvas(SOFT)
    cloud(c, 220, 110, 1.0)
    cloud(c, 900, 80, 0.8)
    cloud(c, 620, 180, 0.5)
    c.poly([(0, 330), (140, 250), (300, 310), (470, 220), (650, 300), (820, 230),
            (1000, 290), (1200, 240), (1200, 440), (0, 440)], fill="#B7D1D6")
    c.poly([(0, 380), (220, 320), (420, 370), (640, 310), (900, 360), (1200, 320),
            (1200, 460), (0, 460)], fill="#9EC2BF")
    c.rect(0, 420, W, 480, fill="#C7DCC0")
    for i, x in enumerate(range(30, 1200, 90)):
        conifer(c, x, 440, 80 + (i * 37) % 30, "#7FA894")
    c.rect(0, 470, W, 805, fill="#A5AFBA")
    c.rect(0, 466, W, 476, fill="#C9D0D8")
    for x in range(20, 1200, 160):
        c.rect(x, 640, x + 90, 648, fill=WHITE)
    c.rect(0, 805, W, H, fill="#D5DBE1")
    c.rect(0, 801, W, 809, fill="#BCC5CF")
    # checkpoint tent in the background
    c.poly([(70, 300), (330, 300), (360, 350), (40, 350)], fill=WHITE)
    c.rect(40, 350, 360, 372, fill=TEAL)
    for px in (50, 350):
        c.rect(px - 4, 372, px + 4, 490, fill=GREY4)
    c.rrect(110, 420, 290, 438, 4, fill=GREY2)
    c.rect(120, 438, 128, 490, fill=GREY4)
    c.rect(272, 438, 280, 490, fill=GREY4)
    # barrier arm
    c.rect(1010, 370, 1024, 480, fill=GREY5)
    c.rrect(1000, 466, 1034, 484, 3, fill=GREY5)
    for i in range(6):
        c.rect(1024 + i * 32, 378, 1056 + i * 32, 392, fill=ACCENT if i % 2 == 0 else WHITE)
    # the car, facing left
    car(c, 500, 790, 640, "#6F93B3", facing=-1)
    # inspector in protective suit
    k = 1.45
    info = person(c, 235, 835, k, shirt=SUIT, suit=True, shoes="#6B8796", face=1,
                  arms=([(-44, -176), (-40, -132)], [(70, -196), (118, -160)]))
    (lx, ly), (rx, ry) = info["hands"]
    tip = (rx + 122, ry + 56)
    socket = survey_meter(c, lx, ly, k)
    c.line(smooth([socket, (socket[0] + 40, socket[1] + 50), (rx + 10, ry + 70),
                   (rx - 6, ry + 8)]), GREY5, 3)
    hand(c, (lx, ly), k, GLOVE)
    wand(c, rx, ry, tip[0], tip[1], k)
    hand(c, (rx, ry), k, GLOVE)
    scan_waves(c, tip[0], tip[1], 25, k)
    cone(c, 70, 850, 100)
    cone(c, 440, 875, 90)
    cone(c, 1150, 830, 100)
    illustration_tag(c)
    return c


def scene_resident_inspection() -> Canvas:
    """Residents queue at a tent checkpoint while one is scanned."""
    c = Canvas(SOFT)
    cloud(c, 180, 110, 0.9)
    cloud(c, 440, 200, 0.55)
    c.poly([(0, 430), (200, 360), (380, 420), (600, 340), (800, 410), (1000, 350),
            (1200, 400), (1200, 520), (0, 520)], fill="#B7D1D6")
    c.rect(0, 500, W, H, fill="#C9D1D9")
    c.rect(0, 500, W, 512, fill="#B7C1CB")
    for y in range(580, 900, 90):
        c.rect(0, y, W, y + 3, fill="#BDC6D0")
    # tent
    tx0, tx1 = 560, 1160
    c.poly([(tx0 + 50, 150), (tx1 - 50, 150), (tx1, 235), (tx0, 235)], fill=WHITE,
           outline=GREY3, width=2)
    c.poly([((tx0 + tx1) / 2, 118), (tx1 - 50, 150), (tx0 + 50, 150)], fill=GREY1,
           outline=GREY3, width=2)
    c.rect(tx0 + 10, 300, tx1 - 10, 770, fill=(255, 255, 255, 80))
    c.rect(tx0, 235, tx1, 300, fill=TEAL)
    for i in range(12):
        x = tx0 + i * 50
        c.pieslice(x, 276, x + 50, 324, 0, 180, fill=TEAL)
    for px in (tx0 + 12, tx1 - 12):
        c.rect(px - 6, 300, px + 6, 770, fill=GREY4)
        c.rrect(px - 16, 764, px + 16, 774, 3, fill=GREY5)
    sx = (tx0 + tx1) / 2
    c.rrect(sx - 110, 242, sx + 110, 294, 8, fill=WHITE, outline=NAVY, width=3)
    c.text(sx, 269, "検査場", 34, NAVY, bold=True)
    # queue guide rope behind the line of residents
    for x in (50, 245, 440):
        c.rect(x - 4, 640, x + 4, 736, fill=GREY5)
        c.circle(x, 638, 8, fill=GREY5)
        c.ellipse(x - 18, 732, x + 18, 742, fill=GREY5)
    for xa, xb in ((50, 245), (245, 440)):
        c.line(smooth([(xa, 646), ((xa + xb) / 2, 672), (xb, 646)], 8), RED, 5)
    # residents waiting in line (facing right)
    person(c, 110, 790, 0.95, shirt="#9DB7CF", pants="#5A6B7D", hair=HAIR_GREY,
           hair_style="side", face=0.8)
    person(c, 240, 800, 1.0, shirt=ACCENT, pants=INK, hair=HAIR_DARK, hair_style="long",
           face=0.8, arms=(None, [(44, -180), (52, -140)]))
    person(c, 322, 808, 0.62, shirt="#7FB7A4", pants="#4B5A6A", hair=HAIR_DARK,
           head_scale=1.25, face=0.8, arms=([(-34, -186), (-62, -170)], None))
    person(c, 440, 818, 1.05, shirt="#5C7FA6", pants=INK, hair=HAIR_BROWN, face=0.8)
    # resident being scanned, arms raised sideways
    person(c, 690, 835, 1.1, shirt="#8FB3B0", pants="#4B5A6A", hair=HAIR_BROWN,
           hair_style="bun", face=0.5,
           arms=([(-68, -222), (-104, -248)], [(68, -222), (104, -248)]))
    # inspector with survey meter and wand
    k = 1.15
    info = person(c, 935, 845, k, shirt=SUIT, suit=True, shoes="#6B8796", face=-1,
                  arms=([(-66, -192), (-112, -176)], [(44, -176), (42, -132)]))
    (lx, ly), (rx, ry) = info["hands"]
    tip = (lx - 118, ly + 6)
    socket = survey_meter(c, rx, ry, k)
    c.line(smooth([socket, (socket[0] - 10, socket[1] + 50), (lx + 30, ly + 60),
                   (lx + 6, ly + 6)]), GREY5, 3)
    hand(c, (rx, ry), k, GLOVE)
    wand(c, lx, ly, tip[0], tip[1], k)
    hand(c, (lx, ly), k, GLOVE)
    scan_waves(c, tip[0], tip[1], 180, k)
    illustration_tag(c)
    return c


def scene_monbetsu_office() -> Canvas:
    """Office in a power outage: laptop tethered to a smartphone, snow outside."""
    c = Canvas("#1D2A3E")
    # ceiling with switched-off lights
    c.rect(0, 0, W, 110, fill="#172235")
    c.rect(0, 106, W, 112, fill="#233149")
    for x in (110, 470, 830):
        c.rrect(x, 40, x + 260, 66, 6, fill="#2C3A52")
        c.rrect(x + 10, 46, x + 250, 60, 4, fill="#34445E")
    # window: dark town, snow falling
    wx0, wy0, wx1, wy1 = 700, 150, 1130, 500
    c.rrect(wx0 - 14, wy0 - 14, wx1 + 14, wy1 + 14, 6, fill="#2A3850")
    with c.clip(wx0, wy0, wx1, wy1):
        c.rect(wx0, wy0, wx1, wy1, fill="#34496B")
        buildings = ((-10, 90, 330), (90, 175, 285), (175, 205, 380), (205, 300, 350),
                     (300, 385, 300), (385, 440, 360))
        for bx0, bx1, top in buildings:
            c.rect(wx0 + bx0, top, wx0 + bx1, wy1, fill="#263A5A")
            c.rrect(wx0 + bx0 - 3, top - 6, wx0 + bx1 + 3, top + 5, 4, fill="#D5E0EC")
            for yy in range(top + 22, wy1 - 50, 30):
                for xx in range(int(wx0 + bx0 + 14), int(wx0 + bx1 - 20), 26):
                    c.rect(xx, yy, xx + 12, yy + 14, fill="#1E2F4B")
        c.poly(smooth([(wx0 - 10, wy1 - 48), (wx0 + 110, wy1 - 60), (wx0 + 250, wy1 - 46),
                       (wx0 + 360, wy1 - 62), (wx1 + 10, wy1 - 50)], 8)
               + [(wx1 + 10, wy1), (wx0 - 10, wy1)], fill="#C9D6E6")
        snowfall(c, 7, (wx0, wy0, wx1, wy1 - 40), 90, 1.8, 4.2, "#E8EFF7")
    c.rect((wx0 + wx1) / 2 - 6, wy0, (wx0 + wx1) / 2 + 6, wy1, fill="#2A3850")
    c.rect(wx0, (wy0 + wy1) / 2 - 6, wx1, (wy0 + wy1) / 2 + 6, fill="#2A3850")
    c.rrect(wx0 - 30, wy1 + 10, wx1 + 30, wy1 + 28, 4, fill="#2F3F59")
    # background desks with dark monitors
    c.rect(0, 560, W, H, fill="#18233A")
    for x in (60, 330):
        c.rrect(x, 420, x + 200, 540, 8, fill="#111A2A")
        c.rrect(x + 8, 428, x + 192, 532, 4, fill="#1A2539")
        c.rect(x + 92, 540, x + 108, 566, fill="#111A2A")
        c.rrect(x + 60, 562, x + 140, 572, 3, fill="#111A2A")
    c.rect(20, 570, 660, 590, fill="#27344C")
    c.rect(40, 590, 640, 640, fill="#202C42")
    # foreground desk
    c.rect(0, 690, W, 720, fill="#2B3A53")
    c.rect(0, 720, W, H, fill="#202D43")
    lcx, lbase, lw = 420, 700, 380
    glow(c, lcx, 570, 340, 250, "#9CCBEA", 22, 4)
    glow(c, lcx, 712, 300, 30, "#9CCBEA", 10, 8)

    def laptop_screen(cv: Canvas, x0, y0, x1, y1):
        cv.rect(x0, y0, x1, y1, fill="#D6EBF8")
        cv.rect(x0, y0, x1, y0 + 26, fill=TEAL)
        wifi(cv, x1 - 22, y0 + 20, 12, WHITE, 2.6)
        cv.rrect(x0 + 14, y0 + 40, x0 + 110, y1 - 14, 4, fill="#BFDDF0")
        for i in range(4):
            cv.rrect(x0 + 126, y0 + 44 + i * 34, x1 - 20 - (i % 2) * 60, y0 + 60 + i * 34,
                     5, fill="#A9CDE5")
        cv.rrect(x1 - 90, y1 - 36, x1 - 18, y1 - 14, 6, fill=ACCENT)

    laptop_front(c, lcx, lbase, lw, laptop_screen, body="#3A4659", glass="#D6EBF8")
    # smartphone on a stand, sharing its connection
    px0, py0, px1, py1 = 700, 520, 790, 688
    glow(c, (px0 + px1) / 2, (py0 + py1) / 2, 120, 130, "#9CCBEA", 14, 4)
    c.poly([(px0 + 4, py1 + 10), (px1 - 4, py1 + 10), (px1 - 22, py1 - 40),
            (px0 + 22, py1 - 40)], fill="#3A4659")
    gx0, gy0, gx1, gy1 = phone(c, px0, py0, px1, py1, glass="#D6EBF8", body="#0F1724")
    wifi(c, (gx0 + gx1) / 2, (gy0 + gy1) / 2 + 20, 30, TEAL, 6)
    for i in range(3):
        c.arc(px0 - 4, 600, 24 + i * 20, 145, 215, rgba("#CFE8F7", 230 - i * 60), 5)
    # mug and papers in the dark
    mug(c, 1000, 706, 50, "#3C4B63")
    c.poly([(880, 708), (1060, 700), (1066, 712), (886, 720)], fill="#34445E")
    c.poly([(96, 710), (250, 704), (254, 714), (100, 720)], fill="#34445E")
    illustration_tag(c)
    return c


def scene_fax_system() -> Canvas:
    """Flat UI mock of a web-based fax sending system."""
    c = Canvas("#E4EAF1")
    bx0, by0, bx1, by1 = 60, 56, 1140, 850
    c.rrect(bx0 + 8, by0 + 12, bx1 + 8, by1 + 12, 18, fill=(31, 58, 95, 35))
    c.rrect(bx0, by0, bx1, by1, 18, fill=WHITE)
    # browser chrome
    c.rrect(bx0, by0, bx1, by0 + 56, 18, fill=GREY2, corners=(True, True, False, False))
    for i, col in enumerate(("#E38D80", "#E9C46A", "#8CC08F")):
        c.circle(bx0 + 30 + i * 26, by0 + 28, 8, fill=col)
    c.rrect(bx0 + 130, by0 + 13, bx1 - 40, by0 + 43, 15, fill=WHITE)
    c.rrect(bx0 + 150, by0 + 22, bx0 + 162, by0 + 34, 3, fill=GREY4)
    c.rrect(bx0 + 176, by0 + 24, bx0 + 460, by0 + 32, 4, fill=GREY3)
    # app header
    hy0, hy1 = by0 + 56, by0 + 126
    c.rect(bx0, hy0, bx1, hy1, fill=NAVY)
    fax_machine(c, bx0 + 30, hy0 + 30, 58, body=WHITE, accent=TEAL)
    c.text(bx0 + 110, (hy0 + hy1) / 2, "FAX送信", 28, WHITE, anchor="lm", bold=True)
    c.circle(bx1 - 50, (hy0 + hy1) / 2, 20, fill=TEAL_LIGHT)
    c.circle(bx1 - 50, (hy0 + hy1) / 2 - 5, 7, fill=WHITE)
    c.pieslice(bx1 - 63, (hy0 + hy1) / 2 + 3, bx1 - 37, (hy0 + hy1) / 2 + 25, 180, 360,
               fill=WHITE)
    # sidebar
    c.rrect(bx0, hy1, bx0 + 230, by1, 18, fill=GREY0, corners=(False, False, False, True))
    for i in range(5):
        y = hy1 + 40 + i * 62
        if i == 0:
            c.rrect(bx0 + 14, y - 20, bx0 + 216, y + 24, 10, fill=SOFT)
            c.rect(bx0 + 14, y - 20, bx0 + 20, y + 24, fill=TEAL)
        c.rrect(bx0 + 34, y - 8, bx0 + 54, y + 12, 5, fill=TEAL if i == 0 else GREY3)
        c.rrect(bx0 + 68, y - 2, bx0 + 68 + (120 - (i * 23) % 50), y + 6, 4,
                fill=NAVY if i == 0 else GREY3)
    # form card
    fx0, fy0, fx1, fy1 = bx0 + 270, hy1 + 40, bx0 + 700, by1 - 40
    c.rrect(fx0, fy0, fx1, fy1, 14, fill=WHITE, outline=GREY2, width=2)
    c.rrect(fx0 + 30, fy0 + 30, fx0 + 190, fy0 + 44, 7, fill=NAVY)
    for i, lab in enumerate(("宛先", "件名", "添付")):
        y = fy0 + 92 + i * 100
        c.text(fx0 + 30, y, lab, 22, GREY5, anchor="lm", bold=True)
        c.rrect(fx0 + 30, y + 20, fx1 - 30, y + 66, 8, fill=GREY0, outline=GREY3, width=2)
        if lab == "添付":
            c.rrect(fx0 + 42, y + 29, fx0 + 190, y + 57, 14, fill=SOFT)
            c.rrect(fx0 + 52, y + 35, fx0 + 68, y + 51, 2, fill=RED)
            c.rrect(fx0 + 78, y + 40, fx0 + 176, y + 46, 3, fill=GREY4)
        else:
            c.rrect(fx0 + 46, y + 39, fx0 + 46 + (230 if i == 0 else 170), y + 47, 4,
                    fill=GREY3)
    y = fy0 + 390
    c.rrect(fx0 + 30, y, fx1 - 30, y + 96, 8, fill=GREY0, outline=GREY3, width=2)
    for j, ln in enumerate((300, 260, 180)):
        c.rrect(fx0 + 46, y + 20 + j * 24, fx0 + 46 + ln, y + 28 + j * 24, 4, fill=GREY3)
    # buttons
    btn = (fx1 - 200, fy1 - 80, fx1 - 30, fy1 - 26)
    c.rrect(btn[0] + 3, btn[1] + 5, btn[2] + 3, btn[3] + 5, 12, fill=(0, 0, 0, 30))
    c.rrect(*btn, 12, fill=ACCENT)
    cxb, cyb = btn[0] + 46, (btn[1] + btn[3]) / 2
    c.poly([(cxb - 16, cyb - 4), (cxb + 14, cyb - 14), (cxb + 4, cyb + 14), (cxb - 2, cyb + 2)],
           fill=WHITE)
    c.text(btn[0] + 110, cyb + 1, "送信", 26, WHITE, bold=True)
    c.rrect(fx0 + 30, fy1 - 80, fx0 + 170, fy1 - 26, 12, fill=WHITE, outline=GREY3, width=2)
    c.rrect(fx0 + 66, fy1 - 57, fx0 + 134, fy1 - 49, 4, fill=GREY3)
    # right panel: fax machine + sent list
    rx0, rx1 = fx1 + 30, bx1 - 40
    c.rrect(rx0, fy0, rx1, fy0 + 330, 14, fill=SOFT)
    fax_machine(c, rx0 + 70, fy0 + 150, (rx1 - rx0) - 140, body=WHITE, accent=TEAL)
    c.circle(rx1 - 70, fy0 + 80, 30, fill=TEAL)
    c.line([(rx1 - 84, fy0 + 80), (rx1 - 74, fy0 + 92), (rx1 - 54, fy0 + 68)], WHITE, 7)
    for i in range(3):
        y = fy0 + 370 + i * 80
        c.rrect(rx0, y, rx1, y + 62, 10, fill=WHITE, outline=GREY2, width=2)
        c.circle(rx0 + 30, y + 31, 11, fill=TEAL if i < 2 else ACCENT)
        c.rrect(rx0 + 56, y + 18, rx0 + 56 + (160 - i * 30), y + 26, 4, fill=GREY4)
        c.rrect(rx0 + 56, y + 36, rx0 + 56 + (110 + i * 20), y + 44, 4, fill=GREY3)
    illustration_tag(c)
    return c


def scene_incident_map() -> Canvas:
    """Simplified coastal town map with incident pins and a legend."""
    sea, land = "#C9DDED", "#E6ECF0"
    c = Canvas(sea)
    coast = smooth([(0, 300), (120, 270), (230, 300), (330, 250), (430, 240), (520, 280),
                    (600, 250), (690, 215), (800, 240), (900, 200), (1010, 175),
                    (1100, 190), (1200, 150)], 10)
    c.poly(coast + [(W, H), (0, H)], fill=land)
    # forest / park areas
    green = "#D3E4D9"
    c.poly(smooth([(0, 560), (120, 520), (260, 560), (330, 660), (260, 760), (120, 790),
                   (0, 760)], 8), fill=green)
    c.poly(smooth([(860, 600), (1000, 540), (1160, 560), (1200, 620), (1200, 900),
                   (960, 900), (880, 780)], 8), fill=green)
    # town blocks east of the river mouth
    for gx in range(5):
        for gy in range(3):
            x, y = 700 + gx * 46, 348 + gy * 46
            c.rrect(x, y, x + 36, y + 36, 4, fill="#DCE3EB")
    # outage zones
    c.poly(smooth([(640, 300), (780, 285), (930, 320), (950, 470), (820, 520), (680, 505),
                   (620, 400)], 8), fill=rgba(ACCENT, 55), outline=rgba(ACCENT, 170), width=3)
    c.poly(smooth([(160, 360), (300, 340), (360, 430), (290, 500), (170, 480)], 8),
           fill=rgba(ACCENT, 55), outline=rgba(ACCENT, 170), width=3)
    river = smooth([(560, 900), (590, 800), (530, 700), (600, 600), (650, 500), (630, 400),
                    (660, 330), (652, 240)], 12)
    c.line(river + [(653, 200)], "#8DB8D8", 14, cap=False)
    c.poly(coast + [(W, 0), (0, 0)], fill=sea)  # trims the river mouth at the shore
    roads = [
        (smooth([(0, 360), (200, 330), (420, 330), (600, 320), (800, 300), (1000, 260),
                 (1200, 230)], 12), 16, "#F6E4C5"),
        (smooth([(740, 305), (745, 480), (700, 650), (760, 900)], 12), 12, WHITE),
        (smooth([(230, 340), (260, 520), (200, 700), (240, 900)], 12), 12, WHITE),
        (smooth([(260, 560), (480, 560), (700, 620), (960, 560), (1200, 600)], 12), 10, WHITE),
    ]
    for pts, w, col in roads:
        c.line(pts, col, w)
    c.circle(470, 560, 15, fill=WHITE, outline=RED, width=4)
    c.line([(461, 551), (479, 569)], RED, 4)
    c.line([(479, 551), (461, 569)], RED, 4)
    for x, y, s_, col in ((790, 440, 1.3, NAVY), (880, 380, 1.1, ACCENT),
                          (240, 420, 1.1, ACCENT), (330, 630, 1.1, TEAL),
                          (990, 680, 1.1, TEAL)):
        map_pin(c, x, y, s_, col, shadow=False)
    # legend
    lx0, ly0, lx1, ly1 = 890, 30, 1170, 230
    c.rrect(lx0 + 4, ly0 + 6, lx1 + 4, ly1 + 6, 12, fill=(31, 58, 95, 30))
    c.rrect(lx0, ly0, lx1, ly1, 12, fill=WHITE, outline=GREY3, width=2)
    entries = (("pin", NAVY, "対策本部"), ("pin", ACCENT, "停電"), ("pin", TEAL, "避難所"),
               ("x", RED, "通行止め"))
    for i, (kind, col, lab) in enumerate(entries):
        y = ly0 + 36 + i * 44
        if kind == "pin":
            map_pin(c, lx0 + 36, y + 14, 0.75, col, shadow=False)
        else:
            c.circle(lx0 + 36, y, 11, fill=WHITE, outline=col, width=3)
            c.line([(lx0 + 29, y - 7), (lx0 + 43, y + 7)], col, 3)
            c.line([(lx0 + 43, y - 7), (lx0 + 29, y + 7)], col, 3)
        c.text(lx0 + 70, y, lab, 22, INK, anchor="lm")
    nx, ny = 70, 90
    c.poly([(nx, ny - 28), (nx + 12, ny + 14), (nx, ny + 6), (nx - 12, ny + 14)], fill=NAVY)
    c.text(nx, ny - 46, "N", 20, NAVY, bold=True)
    c.rect(40, 846, 240, 856, fill=WHITE, outline=GREY5, width=2)
    c.rect(40, 846, 90, 856, fill=GREY5)
    c.rect(140, 846, 190, 856, fill=GREY5)
    illustration_tag(c)
    return c


def scene_home_office() -> Canvas:
    """A parent working on a laptop at home while a child plays nearby."""
    c = Canvas("#F2EEE7")
    c.rect(0, 640, W, H, fill="#DCC8A8")
    c.rect(0, 632, W, 644, fill="#C9B290")
    for x in range(-40, W, 150):
        c.line([(x, 644), (x + 60, H)], "#D2BC98", 3, cap=False)
    # window with curtains
    wx0, wy0, wx1, wy1 = 420, 90, 800, 400
    c.rect(wx0 - 10, wy0 - 10, wx1 + 10, wy1 + 10, fill=WHITE)
    with c.clip(wx0, wy0, wx1, wy1):
        c.rect(wx0, wy0, wx1, wy1, fill="#CFE3F1")
        cloud(c, 540, 180, 0.6)
        round_tree(c, 720, 430, 220, "#A9CBB6")
        c.rect(wx0, 372, wx1, wy1, fill="#BFD8B0")
    c.rect((wx0 + wx1) / 2 - 5, wy0, (wx0 + wx1) / 2 + 5, wy1, fill=WHITE)
    c.rect(wx0 - 20, wy1 + 6, wx1 + 20, wy1 + 22, fill="#E6DED2")
    c.rect(wx0 - 40, 60, wx1 + 40, 72, fill=GREY4)
    for side in (-1, 1):
        x = wx0 - 40 if side < 0 else wx1 + 40
        c.poly([(x, 70), (x - side * 70, 70), (x - side * 50, 250), (x - side * 78, 430),
                (x, 430)], fill=TEAL_LIGHT)
        c.line([(x - side * 30, 80), (x - side * 30, 420)], shade(TEAL_LIGHT, 0.9), 4)
    # shelf with books, framed picture
    c.rect(60, 250, 300, 262, fill=WOOD_DARK)
    x = 80
    for w, h, col in ((22, 70, NAVY), (18, 60, TEAL), (26, 76, ACCENT), (20, 64, "#9DB7CF"),
                      (24, 72, GREY4)):
        c.rrect(x, 250 - h, x + w, 250, 2, fill=col)
        x += w + 4
    plant(c, 250, 250, 100)
    c.rrect(80, 320, 220, 420, 4, fill=WHITE, outline=WOOD_DARK, width=6)
    c.circle(150, 365, 24, fill=ACCENT_LIGHT)
    c.poly([(92, 410), (140, 360), (208, 410)], fill="#A9CBB6")
    # chair, parent, table
    px = 860
    chair_back(c, px, 470, 660, 200, "#7C8C9E")
    person(c, px, 800, 1.35, shirt="#5C7FA6", hair=HAIR_BROWN, hair_style="long",
           look_down=True, arms=([(-46, -170), (-30, -150)], [(46, -170), (30, -150)]),
           legs="none", show_hands=False)
    c.rrect(560, 640, 1160, 664, 6, fill=WOOD)
    c.rect(590, 664, 612, 880, fill=WOOD_DARK)
    c.rect(1108, 664, 1130, 880, fill=WOOD_DARK)
    laptop_back(c, px, 640, 200)
    mug(c, 1060, 642, 46)
    c.poly([(640, 641), (740, 634), (746, 641)], fill=WHITE)
    c.rect(630, 636, 730, 642, fill=WHITE)
    # rug and child playing with blocks
    c.ellipse(50, 720, 560, 880, fill="#C8DCEB")
    c.ellipse(80, 735, 530, 865, outline=rgba(WHITE, 200), width=4)
    person(c, 180, 828, 0.85, shirt=ACCENT, pants="#5C7FA6", hair=HAIR_BROWN,
           head_scale=1.3, face=0.8, legs="floor",
           arms=([(20, -192), (72, -172)], [(58, -208), (112, -196)]))
    for bx, by, col in ((340, 818, TEAL), (386, 818, "#E8857A"), (363, 774, ACCENT_LIGHT),
                        (460, 832, NAVY)):
        c.rrect(bx - 21, by - 42, bx + 21, by, 5, fill=col)
        c.circle(bx, by - 21, 6, fill=rgba(WHITE, 150))
    c.circle(110, 846, 20, fill="#E8857A")
    c.arc(110, 846, 20, 200, 340, WHITE, 4, cap=False)
    illustration_tag(c)
    return c


def scene_web_meeting() -> Canvas:
    """A web meeting with four participant tiles on a laptop screen."""
    c = Canvas("#E9EFF5")
    c.rect(0, 690, W, H, fill=WOOD)
    c.rect(0, 684, W, 694, fill=WOOD_DARK)
    plant(c, 1085, 690, 260)
    c.rrect(60, 180, 200, 320, 6, fill=WHITE, outline=GREY3, width=5)
    c.poly([(72, 308), (120, 250), (150, 280), (170, 262), (188, 308)], fill="#A9C3D6")

    def meeting(cv: Canvas, x0, y0, x1, y1):
        cv.rect(x0, y0, x1, y1, fill="#26313F")
        cv.rect(x0, y0, x1, y0 + 30, fill=NAVY)
        cv.text(x0 + 16, y0 + 16, "DoMEET", 15, WHITE, anchor="lm", bold=True)
        gx0, gy0, gx1, gy1 = x0 + 14, y0 + 42, x1 - 14, y1 - 56
        gap = 10
        tw, th = (gx1 - gx0 - gap) / 2, (gy1 - gy0 - gap) / 2
        tiles = (("#E4ECF3", NAVY, HAIR_GREY, "side", SKIN),
                 ("#F3E9DC", TEAL, HAIR_DARK, "long", SKIN_DARK),
                 ("#E3EFEA", "#7C6AA6", HAIR_BROWN, "short", SKIN),
                 ("#EDE7F0", ACCENT, HAIR_DARK, "bun", SKIN))
        for i, (bg, shirt, hair, style, skin) in enumerate(tiles):
            tx = gx0 + (i % 2) * (tw + gap)
            ty = gy0 + (i // 2) * (th + gap)
            video_person(cv, tx, ty, tx + tw, ty + th, bg, shirt, hair, style, skin)
            cv.rrect(tx + 8, ty + th - 26, tx + 90, ty + th - 8, 5, fill=rgba(INK, 150))
            cv.rrect(tx + 16, ty + th - 19, tx + 70, ty + th - 15, 2, fill=rgba(WHITE, 200))
            if i == 1:
                cv.rect(tx, ty, tx + tw, ty + th, outline=ACCENT, width=4)
        cy = y1 - 28
        mid = (x0 + x1) / 2
        for j in range(3):
            cv.circle(mid - 90 + j * 50, cy, 15, fill=GREY5)
        cv.rrect(mid + 55, cy - 15, mid + 120, cy + 15, 15, fill=RED)
        cv.rrect(mid - 94, cy - 8, mid - 86, cy + 4, 4, fill=WHITE)
        cv.rrect(mid - 48, cy - 6, mid - 34, cy + 6, 2, fill=WHITE)
        cv.poly([(mid - 34, cy), (mid - 28, cy - 6), (mid - 28, cy + 6)], fill=WHITE)
        cv.poly([(mid + 10, cy - 9), (mid + 17, cy - 1), (mid + 13, cy - 1), (mid + 13, cy + 7),
                 (mid + 7, cy + 7), (mid + 7, cy - 1), (mid + 3, cy - 1)], fill=WHITE)

    laptop_front(c, 590, 660, 760, meeting, body="#495566")
    mug(c, 120, 700, 64)
    c.poly([(960, 760), (1150, 744), (1170, 840), (980, 858)], fill=WHITE)
    for j in range(4):
        c.line([(990, 782 + j * 18), (1140, 769 + j * 18)], GREY2, 3, cap=False)
    c.line([(1000, 850), (1130, 780)], NAVY, 8)
    c.poly([(180, 800), (300, 792), (306, 850), (186, 858)], fill=INK)
    c.poly([(188, 806), (294, 799), (298, 844), (192, 851)], fill="#3D4B5E")
    illustration_tag(c)
    return c


def scene_snow_patrol() -> Canvas:
    """Road patrol on a snowy road; a staff member photographs a snow drift."""
    c = Canvas("#DCE5EE")
    c.poly([(0, 380), (160, 230), (300, 340), (460, 200), (640, 350), (800, 240),
            (980, 330), (1200, 220), (1200, 470), (0, 470)], fill="#B3C4D6")
    for px, py in ((160, 230), (460, 200), (800, 240)):
        c.poly([(px, py), (px + 42, py + 34), (px + 20, py + 30), (px + 4, py + 44),
                (px - 16, py + 30), (px - 40, py + 36)], fill=WHITE)
    c.rect(0, 450, W, 560, fill="#EEF3F8")
    for i, x in enumerate(range(-20, 1240, 84)):
        conifer(c, x, 520 + (i % 3) * 6, 120 + (i * 29) % 50, "#4E7383", snow=True)
    c.rect(0, 520, W, 600, fill="#F3F7FB")
    # road
    c.rect(0, 600, W, 780, fill="#9FAEBE")
    for y in (640, 735):
        c.rect(0, y, W, y + 8, fill="#B9C6D3")
    c.rect(0, 580, W, 606, fill=WHITE)
    c.rect(0, 780, W, H, fill="#F5F8FB")
    c.poly(smooth([(0, 790), (200, 770), (420, 785), (700, 772), (1000, 786), (1200, 770)], 8)
           + [(1200, 800), (0, 800)], fill="#F5F8FB")
    # snow poles with downward arrows (矢羽根)
    for x in (80, 620, 1140):
        c.rect(x - 4, 450, x + 4, 590, fill=RED)
        for j in range(3):
            c.rect(x - 4, 470 + j * 40, x + 4, 490 + j * 40, fill=WHITE)
        c.poly([(x - 22, 440), (x + 22, 440), (x, 470)], fill=RED)
    car(c, 580, 745, 540, "#F4F6F8", facing=-1, stripe=ACCENT, lightbar=True, snow=True)
    # snow drift on the road, framed as in a camera viewfinder
    c.poly(smooth([(70, 765), (120, 712), (210, 690), (300, 705), (350, 740), (372, 765)], 8),
           fill=WHITE)
    c.poly(smooth([(130, 722), (210, 704), (290, 716)], 6) + [(250, 738), (170, 740)],
           fill="#E2EAF3")
    c.line([(230, 700), (262, 676), (280, 668)], "#6B5A4A", 6)
    c.line([(262, 676), (270, 660)], "#6B5A4A", 4)
    fx0, fy0, fx1, fy1, ln = 50, 640, 392, 788, 28
    for (x, y, sx, sy) in ((fx0, fy0, 1, 1), (fx1, fy0, -1, 1), (fx0, fy1, 1, -1),
                           (fx1, fy1, -1, -1)):
        c.line([(x + sx * ln, y), (x, y), (x, y + sy * ln)], rgba(NAVY, 200), 5)
    snowfall(c, 11, (0, 0, W, H), 80, 2.2, 4.8, WHITE)
    # staff member taking the photo
    k = 1.2
    info = person(c, 500, 870, k, shirt=NAVY, pants=INK, hair="#2F4A6E", hair_style="cap",
                  face=-1, vest=ACCENT, gloves="#2B3440",
                  arms=([(-76, -214), (-138, -236)], [(-30, -204), (-112, -230)]))
    (lx, ly), (rx, ry) = info["hands"]
    cx, cy = (lx + rx) / 2, (ly + ry) / 2
    c.rrect(cx - 20, cy - 36, cx + 20, cy + 30, 7, fill=INK)
    c.circle(cx - 8, cy - 24, 4, fill=GREY4)
    hand(c, (lx, ly), k, "#2B3440")
    hand(c, (rx, ry), k, "#2B3440")
    illustration_tag(c)
    return c


def scene_field_tablet() -> Canvas:
    """A staff member in a farm field using a tablet, mountains behind."""
    c = Canvas(SOFT)
    cloud(c, 250, 120, 0.9)
    cloud(c, 980, 90, 0.7)
    c.poly([(0, 430), (180, 250), (320, 360), (520, 200), (700, 340), (860, 240),
            (1040, 330), (1200, 260), (1200, 520), (0, 520)], fill="#9DB4CB")
    c.poly([(520, 200), (575, 245), (545, 240), (520, 262), (495, 236), (470, 243)],
           fill=WHITE)
    c.poly([(0, 470), (200, 380), (420, 450), (620, 370), (860, 440), (1200, 380),
            (1200, 560), (0, 560)], fill="#6FA3A8")
    for i, x in enumerate(range(10, 1200, 58)):
        conifer(c, x, 540 + (i % 2) * 8, 70 + (i * 17) % 30, "#4D8A84")
    c.rect(0, 530, W, H, fill="#B9D3A6")
    # crop rows in perspective: bands that widen towards the viewer
    y, gap = 572.0, 10.0
    while y < H:
        c.rect(0, y, W, y + gap * 0.45, fill="#A5C791")
        y += gap
        gap *= 1.17
    c.rect(0, 530, W, 562, fill="#A9CB95")
    # barn and silo in the distance
    c.rect(80, 460, 200, 545, fill="#C46F52")
    c.poly([(70, 465), (140, 420), (210, 465)], fill="#8E4E3B")
    c.rect(125, 500, 155, 545, fill="#F2E6D8")
    c.rrect(215, 430, 255, 545, 20, fill=GREY2)
    # fence and tree
    for x in range(800, 1210, 60):
        c.rect(x - 4, 500, x + 4, 560, fill=WOOD_DARK)
    c.rect(790, 515, W, 521, fill=WOOD_DARK)
    c.rect(790, 536, W, 542, fill=WOOD_DARK)
    round_tree(c, 1080, 760, 300, "#7FAF88")
    # staff member looking at a tablet held at their side
    k, px, py = 1.5, 520, 870

    def B(bx: float, by: float) -> Point:  # body units -> canvas
        return (px + bx * k, py + by * k)

    person(c, px, py, k, shirt=TEAL, pants="#40536A", hair=WHITE, hair_style="helmet",
           face=0.6, look_down=True,
           arms=([(-30, -160), (34, -162)], [(78, -168), (128, -180)]), show_hands=False)
    quad = (B(28, -216), B(124, -230), B(132, -160), B(36, -148))

    def Qp(u: float, v: float) -> Point:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad
        tx, ty = x0 + (x1 - x0) * u, y0 + (y1 - y0) * u
        bx, by = x3 + (x2 - x3) * u, y3 + (y2 - y3) * u
        return (tx + (bx - tx) * v, ty + (by - ty) * v)

    def area(u0: float, v0: float, u1: float, v1: float, fill) -> None:
        c.poly([Qp(u0, v0), Qp(u1, v0), Qp(u1, v1), Qp(u0, v1)], fill=fill)

    c.poly(quad, fill=INK)
    area(0.06, 0.08, 0.94, 0.92, "#D9ECF7")
    area(0.06, 0.08, 0.94, 0.22, TEAL)
    area(0.11, 0.3, 0.48, 0.85, "#CFE3C4")
    mx, my = Qp(0.3, 0.52)
    c.circle(mx, my, 5, fill=ACCENT)
    for j in range(3):
        area(0.55, 0.32 + j * 0.19, 0.88 - j * 0.08, 0.41 + j * 0.19, "#A9CDE5")
    hand(c, Qp(0.02, 0.78), k)
    hand(c, Qp(0.98, 0.7), k)
    # what is on the screen, enlarged: a map with a pin and a check list
    bx0, by0, bx1, by1 = px + 110, 250, px + 350, 420
    tail = Qp(0.55, 0.0)
    c.poly([(bx0 + 40, by1 - 2), (bx0 + 84, by1 - 2), (tail[0] + 4, tail[1] - 14)], fill=WHITE)
    c.rrect(bx0 + 4, by0 + 6, bx1 + 4, by1 + 6, 16, fill=(31, 58, 95, 30))
    c.rrect(bx0, by0, bx1, by1, 16, fill=WHITE)
    c.poly([(bx0 + 40, by1 - 2), (bx0 + 84, by1 - 2), (tail[0] + 4, tail[1] - 14)], fill=WHITE)
    c.rrect(bx0 + 16, by0 + 16, bx0 + 116, by1 - 16, 8, fill="#CFE3C4")
    c.line(smooth([(bx0 + 16, by0 + 100), (bx0 + 60, by0 + 80), (bx0 + 116, by0 + 96)], 6),
           "#8DB8D8", 6, cap=False)
    map_pin(c, bx0 + 66, by0 + 74, 0.8, ACCENT)
    for j in range(3):
        yy = by0 + 36 + j * 40
        c.circle(bx0 + 142, yy, 10, fill=TEAL)
        c.line([(bx0 + 137, yy), (bx0 + 141, yy + 4), (bx0 + 148, yy - 4)], WHITE, 3)
        c.rrect(bx0 + 162, yy - 4, bx1 - 18 - j * 14, yy + 4, 4, fill=GREY3)
    illustration_tag(c)
    return c


SCENES: dict[str, Callable[[], Canvas]] = {
    "images/training/live-governor.png": scene_live_governor,
    "images/training/vehicle-inspection.png": scene_vehicle_inspection,
    "images/training/resident-inspection.png": scene_resident_inspection,
    "images/outage/monbetsu-office.png": scene_monbetsu_office,
    "images/outage/fax-system.png": scene_fax_system,
    "images/outage/incident-map.png": scene_incident_map,
    "images/childcare/home-office.png": scene_home_office,
    "examples/second-edition/images/web-meeting.png": scene_web_meeting,
    "examples/second-edition/images/snow-patrol.png": scene_snow_patrol,
    "examples/second-edition/images/field-tablet.png": scene_field_tablet,
}


def render(rel_path: str) -> Image.Image:
    """Draw one scene and return the finished 1200x900 RGB image."""
    return SCENES[rel_path]().finish()


def save_png(img: Image.Image, path: Path) -> None:
    """Save without metadata (no tIME/tEXt chunks) so the bytes are stable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    img.info.clear()
    img.save(path, format="PNG", optimize=True)


def main(argv: Sequence[str] | None = None) -> int:
    wanted = list(argv if argv is not None else sys.argv[1:]) or list(SCENES)
    for rel in wanted:
        if rel not in SCENES:
            print(f"unknown image: {rel}", file=sys.stderr)
            return 2
        out = ROOT / rel
        save_png(render(rel), out)
        print(f"{rel}  {out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
