"""Colour for each output, as a property of drawing: screen RGB, press CMYK, or copier gray.

Layout speaks RGB (frames.Color). The render stage sets every fill and stroke through an `Ink`, which
writes the colour in the output's own colour space:

- "rgb": as layout gave it (the screen PDF);
- "cmyk": the palette's hand-chosen CMYK values (PRESS below), DeviceCMYK; black and grey as K only;
- "gray": DeviceGray with a tone curve that keeps white text on dark bands readable and pale tints
  visible on an office copier.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, fields
from typing import Literal, Protocol

from PIL import Image

from casebook_pdf.frames import Color

Mode = Literal["rgb", "cmyk", "gray"]
CMYK = tuple[float, float, float, float]

# The palette for press, chosen by hand per colour name (not a formula): what a Japanese offset
# printer would mix for each house colour on coated paper. Text and rule greys are K only, and the
# near-black ink is K100 so small type is printed in one ink, never rich black. Every field of
# layout.style.Palette must have an entry here (tests/test_press.py checks it).
PRESS: dict[str, CMYK] = {
    "ink": (0.0, 0.0, 0.0, 1.0),
    "muted": (0.0, 0.0, 0.0, 0.72),
    "navy": (0.95, 0.75, 0.30, 0.25),
    "teal": (0.80, 0.30, 0.38, 0.05),
    "pale": (0.07, 0.03, 0.0, 0.0),
    "pale_teal": (0.12, 0.0, 0.05, 0.0),
    "accent": (0.10, 0.55, 0.90, 0.0),
    "accent_dark": (0.20, 0.72, 1.0, 0.08),
    "pale_accent": (0.0, 0.08, 0.12, 0.0),
    "line": (0.0, 0.0, 0.0, 0.28),
    "white": (0.0, 0.0, 0.0, 0.0),
    "good": (0.80, 0.20, 0.75, 0.10),
    "pale_good": (0.10, 0.0, 0.08, 0.0),
    "bad": (0.20, 0.80, 0.75, 0.05),
    "pale_bad": (0.0, 0.12, 0.08, 0.0),
    "neutral": (0.0, 0.0, 0.0, 0.72),
    "pale_neutral": (0.0, 0.0, 0.0, 0.07),
    "office": (0.95, 0.75, 0.30, 0.25),
    "home": (0.80, 0.30, 0.38, 0.05),
    "leave": (0.20, 0.72, 1.0, 0.08),
    "rest": (0.0, 0.0, 0.0, 0.22),
    # Text inks on tints (layout.style: WCAG AA on screen): the house colours with more black.
    "teal_ink": (0.85, 0.35, 0.42, 0.25),
    "accent_ink": (0.20, 0.75, 1.0, 0.25),
    "good_ink": (0.82, 0.25, 0.78, 0.25),
    "bad_ink": (0.20, 0.82, 0.78, 0.18),
}

REGISTRATION: CMYK = (1.0, 1.0, 1.0, 1.0)  # all four inks: トンボ appear on every plate
GRAY_GAMMA = 1.4  # darkens mid tones (white text stays readable) and keeps pale tints off white
SOLID_BELOW = 0.08  # near-black ink (#222) prints solid: a 94 % screen would break small type into dots


def palette_cmyk() -> dict[Color, CMYK]:
    """Each palette colour (RGB, as layout uses it) with its hand-chosen press value."""
    from casebook_pdf.layout.style import Palette

    palette = Palette()
    return {getattr(palette, f.name): PRESS[f.name] for f in fields(palette) if f.name in PRESS}


_BY_RGB: dict[Color, CMYK] | None = None


def cmyk(color: Color) -> CMYK:
    """The press value of a layout colour: the palette's own CMYK, else K only for a grey."""
    global _BY_RGB
    if _BY_RGB is None:
        _BY_RGB = palette_cmyk()
    found = _BY_RGB.get(color)
    if found is not None:
        return found
    r, g, b = color
    if abs(r - g) < 0.02 and abs(g - b) < 0.02:
        return (0.0, 0.0, 0.0, round(1.0 - (r + g + b) / 3, 3))
    # A colour outside the palette (none today): the plain device formula, never rich black.
    k = 1.0 - max(r, g, b)
    return tuple(round((1.0 - v - k) / (1.0 - k), 3) for v in (r, g, b)) + (round(k, 3),)  # type: ignore[return-value]


def gray(color: Color) -> float:
    """Copier gray (1 white .. 0 black) of a layout colour: luma with mid tones darkened."""
    r, g, b = color
    luma = 0.299 * r + 0.587 * g + 0.114 * b
    tone = luma**GRAY_GAMMA
    return 0.0 if tone < SOLID_BELOW else round(tone, 4)


class _Painter(Protocol):
    def setFillColorRGB(self, r: float, g: float, b: float) -> None: ...  # noqa: N802
    def setFillColorCMYK(self, c: float, m: float, y: float, k: float) -> None: ...  # noqa: N802
    def setFillGray(self, gray: float) -> None: ...  # noqa: N802


@dataclass(frozen=True)
class Ink:
    """Writes colours in the output's colour space; `icc` (a CMYK output profile) converts photos."""

    mode: Mode = "rgb"
    icc: bytes | None = None

    def fill(self, c: _Painter, color: Color) -> None:
        if self.mode == "cmyk":
            c.setFillColorCMYK(*cmyk(color))
        elif self.mode == "gray":
            c.setFillGray(gray(color))
        else:
            c.setFillColorRGB(*color)

    def stroke(self, c, color: Color) -> None:  # type: ignore[no-untyped-def]
        if self.mode == "cmyk":
            c.setStrokeColorCMYK(*cmyk(color))
        elif self.mode == "gray":
            c.setStrokeGray(gray(color))
        else:
            c.setStrokeColorRGB(*color)

    def converts_images(self) -> bool:
        return self.mode == "gray" or (self.mode == "cmyk" and self.icc is not None)

    def image(self, data: bytes) -> Image.Image:
        """A photo in the output's colour space: gray with the same tone curve, or CMYK through the profile."""
        img = Image.open(io.BytesIO(data))
        img.load()
        if self.mode == "gray":
            lut = [round(255 * (v / 255) ** GRAY_GAMMA) for v in range(256)]
            return img.convert("L").point(lut)
        assert self.icc is not None
        from PIL import ImageCms  # colour management: only CMYK outputs need it

        source = ImageCms.createProfile("sRGB")
        target = ImageCms.ImageCmsProfile(io.BytesIO(self.icc))
        return ImageCms.profileToProfile(img.convert("RGB"), source, target, outputMode="CMYK",
                                         renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


# Where colour alone told two things apart (comparison tones, schedule kinds), a gray copy hatches
# the box (by its frames.Box role) with lines at these angles, a little lighter than the fill, under its label.
PATTERNS: dict[str, tuple[float, ...]] = {
    "tone-bad": (45.0,),
    "kind-home": (45.0,),
    "kind-leave": (45.0, -45.0),
}
PATTERN_PITCH = 3.0
PATTERN_LIFT = 0.16  # how much lighter the hatch lines are than the fill


def hatch(c, rect: tuple[float, float, float, float], angles: tuple[float, ...], base: float) -> None:  # type: ignore[no-untyped-def]
    """Hatch rect (x, y, w, h in PDF coordinates, y up) on canvas c, clipped to it."""
    x0, y0, w, h = rect
    c.saveState()
    path = c.beginPath()
    path.rect(x0, y0, w, h)
    c.clipPath(path, stroke=0, fill=0)
    c.setStrokeGray(min(1.0, base + PATTERN_LIFT))
    c.setLineWidth(0.6)
    for angle in angles:
        slope = 1.0 if angle > 0 else -1.0
        x = x0 - h
        while x < x0 + w + h:
            c.line(x, y0, x + slope * h, y0 + h)
            x += PATTERN_PITCH
    c.restoreState()
