"""Vertical text (縦書き) for narrow headers: characters stacked top to bottom, columns right to left.

Characters whose horizontal form would look wrong upright (ー, brackets, dashes) are turned 90°.
"""

from __future__ import annotations

from casebook_pdf.fonts import Fonts
from casebook_pdf.frames import Color, Item, Text
from casebook_pdf.layout.textset import ASCENT, SetBlock

SIDEWAYS = set("ー－—―‐-～〜…‥（）「」『』【】〔〕［］｛｝()[]<>〈〉《》=＝")


def columns_needed(text: str, height: float, size: float) -> int:
    per_column = max(1, int(height // size))
    return -(-len(text) // per_column)


def set_vertical(fonts: Fonts, text: str, height: float, size: float, color: Color, bold: bool = False) -> SetBlock:
    """Text set vertically in columns of at most `height` points, first column on the right."""
    per_column = max(1, int(height // size))
    chunks = [text[i : i + per_column] for i in range(0, len(text), per_column)] or [""]
    col_pitch = size * 1.15
    width = size + col_pitch * (len(chunks) - 1)
    items: list[Item] = []
    for n, chunk in enumerate(chunks):
        left = width - size - n * col_pitch
        for row, ch in enumerate(chunk):
            top = row * size
            adv = fonts.advance(ch, bold) * size
            if ch in SIDEWAYS:
                # Turned clockwise around the glyph's left baseline point: place it so it stays in the cell.
                items.append(Text(left + size * (1 - ASCENT) , top + (size - adv) / 2, ch, size, color, bold, angle=90.0))
            else:
                items.append(Text(left + (size - adv) / 2, top + ASCENT * size, ch, size, color, bold))
    return SetBlock(width, size * max(len(c) for c in chunks), tuple(items), len(chunks))
