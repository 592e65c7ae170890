"""Fonts: the bundled TTFs registered once, glyph coverage and advance widths.

Measurement is pure (a dict lookup per character), so layout can call it freely; the same objects
are what render.py draws with. Characters no font has but for which we draw a vector icon (💡, the
arrow mark of the original's symbol font) are part of the chain too: see ICONS.
"""

from __future__ import annotations

import copy
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFace

from casebook_pdf.cachedir import default_cache_dir
from casebook_pdf.fontcache import INDEX, FontDigests, load_face
from casebook_pdf.glyphfont import GlyphFont

REGULAR = "BIZUDPGothic"
BOLD = "BIZUDPGothic-Bold"
VERTICAL = "BIZUDPGothic-Vertical"  # the fonts' 'vert' glyphs under their own characters (tools/make_vertical_fonts.py)
VERTICAL_BOLD = "BIZUDPGothic-Vertical-Bold"
MARK = "BIZUDPGothic-Mark"  # the regular face again, under a name reserved for list marks
MARK_BOLD = "BIZUDPGothic-Mark-Bold"
# Each face's font resource on every page: fixed, so no page's drawing depends on the others.
RESOURCES = {MARK: "FM", MARK_BOLD: "FMB", REGULAR: "FR", BOLD: "FB", VERTICAL: "FV", VERTICAL_BOLD: "FVB"}
FILES = {
    MARK: "BIZUDPGothic-Regular.ttf",
    MARK_BOLD: "BIZUDPGothic-Bold.ttf",
    REGULAR: "BIZUDPGothic-Regular.ttf",
    BOLD: "BIZUDPGothic-Bold.ttf",
    VERTICAL: "BIZUDPGothic-Vertical-Regular.ttf",
    VERTICAL_BOLD: "BIZUDPGothic-Vertical-Bold.ttf",
}

# Characters drawn as built-in vector icons instead of font glyphs (advance: 1 em).
ICONS: dict[str, str] = {
    "\U0001F4A1": "bulb",  # 💡
    "\uF0D8": "arrow",  # the original's symbol-font arrow mark (private use)
}


def font_dir() -> Path:
    """The folder of the bundled fonts: inside the installed package, or fonts/ in a source checkout."""
    here = Path(__file__).resolve().parent
    for folder in (here / "fonts", here.parent / "fonts"):
        if (folder / FILES[REGULAR]).is_file():
            return folder
    import importlib.resources  # only then: an installed package keeps its fonts inside (~1.5 ms of imports)

    return Path(str(importlib.resources.files("casebook_pdf.fonts")))


@dataclass
class Fonts:
    """The font chain: regular and bold faces, then vector icons."""

    regular: GlyphFont
    bold: GlyphFont
    vertical: GlyphFont
    vertical_bold: GlyphFont
    _cache: dict[tuple[str, bool], float] = field(default_factory=dict, repr=False)
    _drawable: set[str] = field(default_factory=set, repr=False)  # characters covers() said yes to

    def name(self, bold: bool, face: str = "text") -> str:
        if face == "vertical":
            return VERTICAL_BOLD if bold else VERTICAL
        if face == "mark":
            return MARK_BOLD if bold else MARK
        return BOLD if bold else REGULAR

    def has_vertical_form(self, ch: str, bold: bool = False) -> bool:
        """True when the font designs a vertical form of ch (ー, brackets, small kana, 、。)."""
        return ord(ch) in (self.vertical_bold if bold else self.vertical).face.charToGlyph

    def advance(self, ch: str, bold: bool) -> float:
        """Advance width of one character in em (1.0 = the font size)."""
        key = (ch, bold)
        width = self._cache.get(key)
        if width is None:
            if ch in ICONS:
                width = 1.0
            else:
                face = (self.bold if bold else self.regular).face
                width = face.charWidths.get(ord(ch), face.defaultWidth) / 1000.0
            self._cache[key] = width
        return width

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Natural width of a run of text in points, without any inter-character spacing."""
        return sum(self.advance(ch, bold) for ch in text) * size

    def covers(self, ch: str) -> bool:
        """True when the chain can draw the character (a control newline counts as drawable)."""
        if ch in ICONS or ch in "\n\t":
            return True
        return ord(ch) in self.regular.face.charToGlyph and ord(ch) in self.bold.face.charToGlyph

    def missing(self, text: str) -> list[str]:
        """Characters of text that no font in the chain can draw, in order of first appearance."""
        drawable = self._drawable
        if drawable.issuperset(text):  # nearly every text: one pass in C over characters seen before
            return []
        out = []
        for ch in dict.fromkeys(text):
            if ch in drawable:
                continue
            if self.covers(ch):
                drawable.add(ch)
            else:
                out.append(ch)
        return out


def font_cache_dir() -> Path | None:
    """fonts/ in the default cache folder: parsed faces, derived from the shipped font files alone, so
    they are kept even for --no-cache and --cache-dir builds (like Python's own .pyc files);
    CASEBOOK_FONT_CACHE=0 turns them off."""
    if os.environ.get("CASEBOOK_FONT_CACHE") == "0":
        return None
    return default_cache_dir() / "fonts"


@functools.lru_cache(maxsize=1)
def load_fonts() -> Fonts:
    """Register the bundled fonts with reportlab (once per process) and return the chain.

    Each file is parsed once (the mark faces share the text faces' tables), or not at all when the
    font cache holds its parse."""
    folder = font_dir()
    cache = font_cache_dir()
    digests = FontDigests(cache / INDEX) if cache else None
    parsed: dict[str, TTFontFace] = {}
    faces = {}
    for name, filename in FILES.items():
        if filename not in parsed:
            parsed[filename] = load_face(folder / filename, cache, digests)
        face = parsed[filename]
        if name in (MARK, MARK_BOLD):  # its own PostScript name, so list marks are recognisable in the PDF
            face = copy.copy(face)  # the same (read-only) tables under another name
            face.name = face.name.replace(b"BIZUDPGothic", b"BIZUDPGothicMark")
        font = GlyphFont(name, face, RESOURCES[name])
        pdfmetrics.registerFont(font)
        faces[name] = font
    if digests is not None:
        digests.save()
    return Fonts(faces[REGULAR], faces[BOLD], faces[VERTICAL], faces[VERTICAL_BOLD])
