"""Pixels: one picture file made into the bytes a PDF embeds at the size it prints, with Pillow alone.

Per picture: open (format and pixel count checked before decoding), EXIF orientation, transparency
composited on white, CMYK/palette converted, cropped to fill its frame (`cover`) or kept whole
(`contain`), downsampled to at most `dpi` at its printed size (never upsampled), then encoded as JPEG,
or as PNG when that is smaller for flat line art. A file those steps would not change (already no larger
than its frame needs, nothing to crop or turn, a JPEG or PNG a PDF takes as it is) is embedded from its
own bytes without being decoded.

These steps and the constants that decide the output's bytes, and nothing else of a build (no cache,
no messages, no other casebook_pdf module): the image store (images.py) runs them on its threads; a
program that only wants pictures processed (a browser preview, a second process) needs Pillow alone.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import IO

from PIL import Image, ImageOps

MAX_PIXELS = 100_000_000  # a 100-megapixel image is not a photo for a casebook page
# Pillow's own bomb guard starts at ~89 million pixels; the README promises photos up to MAX_PIXELS.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
JPEG_QUALITY = 82
LINE_ART_COLOURS = 4096  # at most this many colours: try lossless PNG too
# The best PNG compression (slow) is tried only when the default one is at most this much larger than
# the JPEG: the best is 0.86-0.98 of the default on flat charts, the bundled illustrations and camera
# photos, so above 1.2 the PNG cannot win.
PNG_HOPE = 1.2
# Downsampling filter: bicubic is within 50-54 dB PSNR of Lanczos on the bundled illustrations at their
# frame sizes, far below what JPEG quality 82 changes (37-42 dB), and takes a quarter less time.
RESAMPLE = Image.Resampling.BICUBIC

# A processed picture: its encoded bytes, "jpeg" or "png", its pixel size, the resolution it prints at.
Encoded = tuple[bytes, str, tuple[int, int], float]


class TooManyPixels(Exception):
    """More pixels than MAX_PIXELS: `size` (width, height) when the header gave it, else None."""

    def __init__(self, size: tuple[int, int] | None) -> None:
        super().__init__(size)
        self.size = size


def open_image(source: Path | IO[bytes]) -> Image.Image:
    """Open lazily (header only) and refuse absurd pixel counts before anything is decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(source)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise TooManyPixels(None) from None
    if img.width * img.height > MAX_PIXELS:
        raise TooManyPixels(img.size)
    return img


def flatten(img: Image.Image) -> Image.Image:
    """RGB (or L) on white: transparency composited, CMYK/palette/16-bit converted."""
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        return img.point(lambda v: v / 256).convert("L")
    if img.mode not in ("RGB", "L"):
        return img.convert("RGB")
    return img


def crop_to_aspect(img: Image.Image, aspect: float) -> Image.Image:
    """The largest centred region of img with width/height == aspect (img itself when that is all of it)."""
    box = crop_box(img.size, aspect)
    return img if box == (0, 0, *img.size) else img.crop(box)


def crop_box(size: tuple[int, int], aspect: float) -> tuple[int, int, int, int]:
    w, h = size
    if w / h > aspect:
        new_w = max(1, round(h * aspect))
        left = (w - new_w) // 2
        return (left, 0, left + new_w, h)
    new_h = max(1, round(w / aspect))
    top = (h - new_h) // 2
    return (0, top, w, top + new_h)


def contained(size: tuple[int, int], w_pt: float, h_pt: float) -> tuple[float, float]:
    scale = min(w_pt / size[0], h_pt / size[1])
    return size[0] * scale, size[1] * scale


def placement(size: tuple[int, int], x: float, y: float, w: float, h: float, fit: str) -> tuple[float, float, float, float]:
    """Where the processed image goes inside its frame: the whole frame for cover, centred for contain."""
    if fit == "cover":
        return x, y, w, h
    cw, ch = contained(size, w, h)
    return x + (w - cw) / 2, y + (h - ch) / 2, cw, ch


def oriented(img: Image.Image) -> Image.Image:
    """The pixels as they are seen: EXIF orientation applied, flattened to RGB or L on white.
    In place: without an orientation tag, exif_transpose's copy would be the same pixels again."""
    ImageOps.exif_transpose(img, in_place=True)
    return flatten(img)


def decoded(data: bytes) -> Image.Image:
    """A file's pixels as they are seen (oriented, flattened), for a format decoded the same at any
    size (not a JPEG, which pixels_for decodes at a reduced scale for its frame)."""
    img = open_image(io.BytesIO(data))
    img.decodermaxblock = max(img.decodermaxblock, len(data))  # one call into the decoder: one wait for the GIL
    img.load()
    return oriented(img)


def pixels_for(source: Path | IO[bytes] | Image.Image, w_pt: float, h_pt: float, fit: str, dpi: int) -> Image.Image:
    """The picture's pixels for its frame. `source` is the file, or its pixels already decoded and
    oriented (see `decoded`: only formats whose decoding does not depend on the size)."""
    if isinstance(source, Image.Image):
        img = source
    else:
        img = open_image(source)
        printed_w = w_pt if fit == "cover" else contained(img.size, w_pt, h_pt)[0]
        want_w = round(printed_w / 72 * dpi)
        if img.format == "JPEG":  # decode at a reduced scale when that still leaves enough pixels
            img.draft(img.mode, (want_w, round(want_w * img.height / img.width)))
        img = oriented(img)
    if fit == "cover":
        img = crop_to_aspect(img, w_pt / h_pt)
    printed_w = w_pt if fit == "cover" else contained(img.size, w_pt, h_pt)[0]
    max_w = max(1, round(printed_w / 72 * dpi))
    if img.width > max_w:
        img = img.resize((max_w, max(1, round(img.height * max_w / img.width))), RESAMPLE)
    return img


def png_parts(data: bytes) -> tuple[int, int, int, bytes] | None:
    """(width, height, colours, zlib stream of the IDAT chunks joined) when a PDF can take the PNG as it
    is: 8-bit RGB or gray, not interlaced, no transparency (no alpha channel, no tRNS colour key). None
    for anything else, or not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    depth, colour, interlace = data[24], data[25], data[28]
    if depth != 8 or colour not in (0, 2) or interlace != 0:
        return None
    idat: list[bytes] = []
    pos = 8
    while pos + 8 <= len(data):
        length, kind = int.from_bytes(data[pos : pos + 4], "big"), data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat.append(data[pos + 8 : pos + 8 + length])
        elif kind == b"tRNS":
            return None
        elif kind == b"IEND":
            return (width, height, 3 if colour == 2 else 1, b"".join(idat)) if idat else None
        pos += 12 + length
    return None  # cut short: let the ordinary path report it


def as_it_is(data: bytes, w_pt: float, h_pt: float, fit: str, dpi: int) -> Encoded | None:
    """The file itself when processing would not change its pixels: no more pixels than the frame needs
    at `dpi`, nothing to crop (fit: contain, or the frame's very aspect), no orientation to apply, no
    transparency or colour conversion, and a form a PDF embeds directly (a baseline JPEG, RGB or gray;
    a PNG that png_parts accepts). Nothing is decoded: only the header is read."""
    img = open_image(io.BytesIO(data))
    if img.format == "JPEG":
        if img.mode not in ("RGB", "L") or "progressive" in img.info or "progression" in img.info:
            return None
        if img.getexif().get(0x0112, 1) != 1:
            return None
        fmt = "jpeg"
    elif img.format == "PNG" and png_parts(data) is not None:
        fmt = "png"
    else:
        return None
    if fit == "cover" and crop_box(img.size, w_pt / h_pt) != (0, 0, *img.size):
        return None
    printed_w = w_pt if fit == "cover" else contained(img.size, w_pt, h_pt)[0]
    if img.width > max(1, round(printed_w / 72 * dpi)):
        return None
    return data, fmt, img.size, img.width / (printed_w / 72)


def encode(img: Image.Image) -> tuple[bytes, str]:
    """The pixels as a JPEG, or as a PNG for flat line art (few colours) when that is no larger."""
    jpeg = io.BytesIO()
    img.save(jpeg, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=False)
    best, fmt = jpeg.getvalue(), "jpeg"
    if img.getcolors(LINE_ART_COLOURS) is not None:
        png = io.BytesIO()
        img.save(png, "PNG")  # zlib's default level: a quarter of the time of the best compression
        if png.tell() <= len(best) * PNG_HOPE:
            png = io.BytesIO()
            img.save(png, "PNG", optimize=True)
            if png.tell() <= len(best):
                best, fmt = png.getvalue(), "png"
    return best, fmt


def process(data: bytes, pixels: Image.Image | None, w_pt: float, h_pt: float, fit: str, dpi: int) -> Encoded:
    """The picture in a frame of w_pt x h_pt points: its file's bytes, and its pixels if they were
    decoded already (`decoded`). Raises what Pillow raises for a file it cannot read, and TooManyPixels."""
    # Pixels decoded early with more of them both ways than the frame's width takes at this dpi cannot
    # go in as they are, whatever their orientation: not opened again to be asked.
    surplus = pixels is not None and min(pixels.size) > max(1, round(w_pt / 72 * dpi))
    passed = None if surplus else as_it_is(data, w_pt, h_pt, fit, dpi)
    if passed is not None:
        return passed
    img = pixels_for(io.BytesIO(data) if pixels is None else pixels, w_pt, h_pt, fit, dpi)
    encoded, fmt = encode(img)
    printed_w = w_pt if fit == "cover" else contained(img.size, w_pt, h_pt)[0]
    return encoded, fmt, img.size, img.width / (printed_w / 72)
