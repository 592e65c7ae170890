"""Vertical text (縦書き) for narrow headers: characters stacked top to bottom, columns right to left.

Characters with a vertical form in the font (ー, brackets, small kana, 、。) use it, from the
vertical-forms font; the few others that would look wrong upright (ASCII brackets, hyphens) are
turned 90°.
"""

from __future__ import annotations

import math

from casebook_pdf.fonts import Fonts
from casebook_pdf.frames import Color, Item, Text
from casebook_pdf.layout.textset import ASCENT, SetBlock

TCY_WIDTH = 1.0  # of the em: two upright digits are set smaller to fit one cell
SIDEWAYS = set("ー－—―‐-～〜…‥（）「」『』【】〔〕［］｛｝()[]<>〈〉《》=＝")


def columns_needed(text: str, height: float, size: float) -> int:
    per_column = max(1, int(height // size))
    return -(-len(text) // per_column)


def _script(ch: str) -> str:
    code = ord(ch)
    if 0x30A0 <= code <= 0x30FF:
        return "katakana"
    if 0x3040 <= code <= 0x309F:
        return "hiragana"
    if 0x4E00 <= code <= 0x9FFF or ch in "々〆":
        return "kanji"
    return "other"


def split_columns(text: str, per_column: int) -> list[str]:
    """Columns of at most per_column characters, preferring breaks where the script changes
    (総合文書管理 | システム) over breaks inside a word."""
    if len(text) <= per_column:
        return [text]
    count = -(-len(text) // per_column)
    for cut in range(min(per_column, len(text) - 1), 0, -1):
        if _script(text[cut - 1]) != _script(text[cut]) and -(-(len(text) - cut) // per_column) == count - 1:
            return [text[:cut], *split_columns(text[cut:], per_column)]
    size = -(-len(text) // count)  # balanced columns
    return [text[i : i + size] for i in range(0, len(text), size)]


def set_vertical(fonts: Fonts, text: str, height: float, size: float, color: Color, bold: bool = False) -> SetBlock:
    """Text set vertically in columns of at most `height` points, first column on the right."""
    per_column = max(1, int(height // size))
    chunks = split_columns(text, per_column) if text else [""]
    col_pitch = size * 1.15
    width = size + col_pitch * (len(chunks) - 1)
    items: list[Item] = []
    for n, chunk in enumerate(chunks):
        left = width - size - n * col_pitch
        for row, ch in enumerate(chunk):
            items.append(_cell(fonts, ch, left, row * size, size, color, bold))
    return SetBlock(width, size * max(len(c) for c in chunks), tuple(items), len(chunks))


def _cell(fonts: Fonts, ch: str, left: float, top: float, size: float, color: Color, bold: bool) -> Text:
    """One Japanese character in its square cell: the font's vertical form where it has one, turned
    90° where upright would look wrong (ASCII brackets, hyphens), else upright and centred."""
    adv = fonts.advance(ch, bold) * size
    if fonts.has_vertical_form(ch, bold):
        return Text(left, top + ASCENT * size, ch, size, color, bold, face="vertical")
    if ch in SIDEWAYS:
        # Turned clockwise around the glyph's left baseline point: placed so it stays in the cell.
        return Text(left + size * (1 - ASCENT), top + (size - adv) / 2, ch, size, color, bold, angle=90.0)
    return Text(left + (size - adv) / 2, top + ASCENT * size, ch, size, color, bold)


def _is_latin(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


def _upright_number(run: str) -> bool:
    """One or two half-width digits on their own (第2庁舎): set upright in one cell (縦中横), as the
    full-width digits that the edition's half-width digit policy replaced would have stood."""
    return len(run) <= 2 and run.isascii() and run.isdigit()


def vertical_label(fonts: Fonts, text: str, height: float, size: float, color: Color, bold: bool = True) -> SetBlock:
    """A label set vertically in columns of at most `height`: Japanese upright (vertical forms where
    the font has them), runs of Latin letters and digits turned 90° clockwise as one word, but a
    number of one or two digits upright in one cell (縦中横)."""
    runs: list[str] = []
    for ch in text:
        if runs and _is_latin(ch) and _is_latin(runs[-1][-1]):
            runs[-1] += ch
        else:
            runs.append(ch)

    def length(run: str) -> float:
        return fonts.width(run, size, bold) if _is_latin(run[0]) and not _upright_number(run) else size

    # Columns: split where the script changes (総合文書管理|システム), never inside a Latin run.
    total = sum(length(r) for r in runs)
    if total <= height:
        columns = [runs]
    else:
        chars = "".join(r if not _is_latin(r[0]) else "\0" * max(1, math.ceil(length(r) / size)) for r in runs)
        per = max(1, int(height // size))
        pieces = split_columns(chars, per)
        columns, queue = [], list(runs)
        for piece in pieces:
            col, used = [], 0
            while queue and used < len(piece):
                run = queue.pop(0)
                col.append(run)
                used += max(1, math.ceil(length(run) / size)) if _is_latin(run[0]) else 1
            columns.append(col)
        if queue:
            columns[-1].extend(queue)
    pitch = size * 1.15
    width = size + pitch * (len(columns) - 1)
    items: list[Item] = []
    tallest = 0.0
    for n, col in enumerate(columns):
        left = width - size - n * pitch
        top = 0.0
        for run in col:
            if _upright_number(run):
                natural = fonts.width(run, size, bold)
                small = min(size, size * TCY_WIDTH * size / natural) if natural else size
                drawn = fonts.width(run, small, bold)
                # Centred in the cell: a digit's ink rises about 0.8 of its size above the baseline.
                items.append(Text(left + (size - drawn) / 2, top + size / 2 + 0.4 * small, run, small, color, bold))
                top += size
            elif _is_latin(run[0]):
                # Turned clockwise around its left baseline point; the baseline sits left of centre.
                items.append(Text(left + size * (1 - ASCENT) + size * 0.05, top, run, size, color, bold, angle=90.0))
                top += fonts.width(run, size, bold)
            else:
                items.append(_cell(fonts, run, left, top, size, color, bold))
                top += size
        tallest = max(tallest, top)
    return SetBlock(width, tallest, tuple(items), len(columns))
