"""Images: open with Pillow, honour EXIF orientation, flatten onto white, crop or fit to the box
they print in, and downsample to at most the target resolution at that printed size."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PIL import Image, ImageOps

from casebook_pdf.frames import MM

DEFAULT_DPI = 300


def _flatten(img: Image.Image) -> Image.Image:
    """RGB on white: transparency composited, CMYK/grayscale/palette converted."""
    if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    if img.mode != "RGB":
        return img.convert("RGB")
    return img


def _crop_to_aspect(img: Image.Image, aspect: float) -> Image.Image:
    """The largest centred region of img with width/height == aspect."""
    w, h = img.size
    if w / h > aspect:
        new_w = round(h * aspect)
        left = (w - new_w) // 2
        return img.crop((left, 0, left + new_w, h))
    new_h = round(w / aspect)
    top = (h - new_h) // 2
    return img.crop((0, top, w, top + new_h))


def prepare(path: Path, w_pt: float, h_pt: float, fit: Literal["cover", "contain"] = "cover", dpi: int = DEFAULT_DPI) -> Image.Image:
    """The pixels to place in a w_pt x h_pt box: cropped (cover) or whole (contain), never upsampled."""
    with Image.open(path) as src:
        img = _flatten(ImageOps.exif_transpose(src))
    if fit == "cover":
        img = _crop_to_aspect(img, w_pt / h_pt)
    box_w, box_h = (w_pt, h_pt) if fit == "cover" else _contained(img.size, w_pt, h_pt)
    max_w = round(box_w / 72 * dpi)
    if img.width > max_w:
        img = img.resize((max_w, max(1, round(img.height * max_w / img.width))), Image.LANCZOS)
    return img


def _contained(size: tuple[int, int], w_pt: float, h_pt: float) -> tuple[float, float]:
    scale = min(w_pt / size[0], h_pt / size[1])
    return size[0] * scale, size[1] * scale


def placement(size: tuple[int, int], x: float, y: float, w: float, h: float, fit: str) -> tuple[float, float, float, float]:
    """Where the prepared image goes inside its box: the whole box for cover, centred for contain."""
    if fit == "cover":
        return x, y, w, h
    cw, ch = _contained(size, w, h)
    return x + (w - cw) / 2, y + (h - ch) / 2, cw, ch


__all__ = ["prepare", "placement", "DEFAULT_DPI", "MM"]
