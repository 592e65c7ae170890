"""Bleed for photos that touch the trim: more of the same photo, at the same scale, 3 mm past the edge.

A `cover` photo shows the centred crop of its source that fills its frame (images.py). For a press
build, a frame edge lying on the trim is pushed out by BLEED and the crop grows by the same distance
in source pixels, so what lies inside the trim is exactly what the screen PDF shows (nothing moves or
is rescaled). Where the crop already reaches the source's own edge, the missing strip is the photo's
edge mirrored: it is cut off anyway, and a mirror has no seam at the trim.
"""

from __future__ import annotations

import io
import math

from PIL import Image, ImageOps

from casebook_pdf.frames import Picture
from casebook_pdf.images import JPEG_QUALITY
from casebook_pdf.record import record
from casebook_pdf.render.marks import BLEED, EDGE


@record
class Sides:
    """Which sides of a picture touch the trim, and so are extended into the bleed."""

    left: bool
    top: bool
    right: bool
    bottom: bool

    def any(self) -> bool:
        return self.left or self.top or self.right or self.bottom


def trim_sides(p: Picture, trim_w: float, trim_h: float) -> Sides:
    """Which edges of a cover photo's frame (absolute, top-down page space) lie on the trim."""
    if p.fit != "cover":
        return Sides(False, False, False, False)
    return Sides(p.x <= EDGE, p.y <= EDGE, p.x + p.w >= trim_w - EDGE, p.y + p.h >= trim_h - EDGE)


def bled_frame(p: Picture, s: Sides) -> tuple[float, float, float, float]:
    """The photo's frame with each trim edge moved out by BLEED: x, y, w, h (top-down)."""
    x0 = p.x - BLEED * s.left
    y0 = p.y - BLEED * s.top
    x1 = p.x + p.w + BLEED * s.right
    y1 = p.y + p.h + BLEED * s.bottom
    return x0, y0, x1 - x0, y1 - y0


def bled_photo(p: Picture, s: Sides, out_width: int) -> bytes:
    """JPEG of the photo for its bled frame; `out_width` is the pixel width of the processed photo
    for the unbled frame, which fixes the scale (pixels per point) kept in the bled one."""
    with Image.open(p.source) as opened:
        img = ImageOps.exif_transpose(opened)
        img = img.convert("RGBA") if img.mode in ("RGBA", "LA", "PA", "P") else img.convert("RGB")
    if img.mode == "RGBA":  # transparency on white, as images.py does
        white = Image.new("RGBA", img.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, img).convert("RGB")
    w, h = img.size
    aspect = p.w / p.h
    if w / h > aspect:  # the same centred crop as images._crop_to_aspect
        cw, ch = max(1, round(h * aspect)), h
        left, top = (w - cw) // 2, 0
    else:
        cw, ch = w, max(1, round(w / aspect))
        left, top = 0, (h - ch) // 2
    per_pt = cw / p.w
    grow = BLEED * per_pt
    box = (left - grow * s.left, top - grow * s.top, left + cw + grow * s.right, top + ch + grow * s.bottom)
    pad = min(math.ceil(grow) + 1, w, h)
    region = _mirrored(img, pad).crop(tuple(round(v + pad) for v in box))  # type: ignore[arg-type]
    target_w = max(1, round(out_width * (box[2] - box[0]) / cw))
    if region.width > target_w:
        region = region.resize((target_w, max(1, round(region.height * target_w / region.width))), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    region.save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buf.getvalue()


def _mirrored(img: Image.Image, pad: int) -> Image.Image:
    """img with `pad` pixels of its own edge mirrored on every side."""
    w, h = img.size
    out = Image.new(img.mode, (w + 2 * pad, h + 2 * pad))
    out.paste(img, (pad, pad))
    out.paste(img.crop((0, 0, pad, h)).transpose(Image.Transpose.FLIP_LEFT_RIGHT), (0, pad))
    out.paste(img.crop((w - pad, 0, w, h)).transpose(Image.Transpose.FLIP_LEFT_RIGHT), (w + pad, pad))
    out.paste(out.crop((0, pad, w + 2 * pad, 2 * pad)).transpose(Image.Transpose.FLIP_TOP_BOTTOM), (0, 0))
    out.paste(out.crop((0, h, w + 2 * pad, h + pad)).transpose(Image.Transpose.FLIP_TOP_BOTTOM), (0, h + pad))
    return out
