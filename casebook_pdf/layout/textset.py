"""Setting text into boxes: paragraphs and bullet lists -> positioned Text/Icon items.

This is the bridge between the pure line breaker (casebook_pdf.text) and page layout: it adds
bullet marks with hanging indents, line pitch, alignment, and shrink-to-fit. Everything is measured
first and returned as a SetBlock whose items are relative to its own top-left corner.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Callable, Iterable, Literal, Sequence

from casebook_pdf.fonts import ICONS, Fonts
from casebook_pdf.frames import Color, Group, Icon, Item, Link, Text
from casebook_pdf.model import Body
from casebook_pdf.model import Item as ListItem
from casebook_pdf.record import record
from casebook_pdf.text.breaking import TextLine, find_breaks
from casebook_pdf.text.inline import Span, parse_paragraphs

Align = Literal["justify", "left", "center", "right"]

ASCENT = 0.88  # of the em box above the baseline, for CJK faces
PARAGRAPH_GAP = 0.35  # extra space between paragraphs and list items, in lines
BULLET = "・"


class SetBlock:
    """Measured content: its size and its items relative to its own top-left corner.

    Composing a page tries several sizes and plans and keeps one: most of what is set is only
    measured. So the items may be given as a function (`make`) instead, called once, the first time
    they are asked for. Either way the block does not change once made."""

    __slots__ = ("width", "height", "lines", "_items", "_make")

    def __init__(
        self,
        width: float,
        height: float,
        items: tuple[Item, ...] = (),
        lines: int = 0,
        *,
        make: Callable[[], Iterable[Item]] | None = None,
    ) -> None:
        self.width = width
        self.height = height
        self.lines = lines
        self._items = items
        self._make = make

    @property
    def items(self) -> tuple[Item, ...]:
        if self._make is not None:
            self._items = tuple(self._make())
            self._make = None
        return self._items

    def at(self, x: float, y: float) -> list[Item]:
        """The block's items placed with its top-left corner at (x, y)."""
        if not self.items:
            return []
        return [Group(x, y, self.items)]

    def __repr__(self) -> str:
        return f"SetBlock(width={self.width!r}, height={self.height!r}, lines={self.lines!r})"


def stack(blocks: Sequence[SetBlock], gap: float = 0.0) -> SetBlock:
    """Blocks one under another, left-aligned, `gap` apart."""
    tops: list[float] = []
    y = 0.0
    width = 0.0
    for i, block in enumerate(blocks):
        if i:
            y += gap
        tops.append(y)
        y += block.height
        width = max(width, block.width)
    placed = tuple(zip(blocks, tops))
    return SetBlock(width, y, lines=sum(b.lines for b in blocks), make=lambda: _stacked_items(placed))


def _stacked_items(placed: Iterable[tuple[SetBlock, float]]) -> list[Item]:
    """The items of blocks, each placed at the left edge with its top at the given height."""
    items: list[Item] = []
    for block, top in placed:
        items.extend(block.at(0, top))
    return items


@dataclass(frozen=True)
class Type:
    """How a piece of text is set: size, colour, weight, alignment, line pitch."""

    size: float
    color: Color
    bold: bool = False
    align: Align = "justify"
    leading: float = 1.5

    def __post_init__(self) -> None:
        # Sizes derived by ratios (block text, titles, notes) fall on half points, rounded down so
        # that a size chosen to fit never grows: a page then uses a handful of sizes, not dozens.
        object.__setattr__(self, "size", math.floor(self.size * 2 + 1e-6) / 2)

    @property
    def pitch(self) -> float:
        return self.size * self.leading

    def scaled(self, size: float) -> Type:
        return Type(size, self.color, self.bold, self.align, self.leading)


def _line_items(fonts: Fonts, line: TextLine, x: float, baseline: float, t: Type) -> list[Item]:
    out: list[Item] = []
    size, color, top = t.size, t.color, baseline - ASCENT * t.size
    for piece in line.pieces:
        px = x + piece.x
        text = piece.text
        bold = t.bold or piece.bold
        if len(text) == 1:  # most pieces: one Japanese character
            icon = ICONS.get(text)
            out.append(Icon(icon, px, top, size, color) if icon else Text(px, baseline, text, size, color, bold))
        else:
            out.append(Text(px, baseline, text, size, color, bold))
            if text.startswith(("https://", "http://")):  # web addresses stay clickable in the PDF
                out.append(Link(px, top, fonts.width(text, size, bold), size, uri=text.rstrip(".,)")))
    return out


def _with_weight(spans: list[Span], bold: bool) -> list[Span]:
    return [Span(s.text, True) for s in spans] if bold else spans


def set_spans(fonts: Fonts, spans: Sequence[Span], width: float, t: Type) -> SetBlock:
    """One paragraph of spans broken into lines of at most `width` points."""
    breaks = find_breaks(
        _with_weight(list(spans), t.bold), width, t.size, fonts, justify=t.align == "justify", avoid_widows=t.align == "justify"
    )
    if t.align == "left":  # the block is as wide as its longest line
        width_used = max((line.width for line in breaks.lines()), default=0.0)
    else:
        width_used = width
    make = lambda: _lines_items(fonts, breaks.lines(), width, t)  # noqa: E731
    return SetBlock(width_used, breaks.count * t.pitch, lines=breaks.count, make=make)


def _lines_items(fonts: Fonts, lines: list[TextLine], width: float, t: Type) -> list[Item]:
    """The items of lines set `width` points wide, one line pitch apart."""
    items: list[Item] = []
    for n, line in enumerate(lines):
        if t.align == "center":
            x = (width - line.width) / 2
        elif t.align == "right":
            x = width - line.width
        else:
            x = 0.0
        baseline = n * t.pitch + (t.pitch - t.size) / 2 + ASCENT * t.size
        items.extend(_line_items(fonts, line, x, baseline, t))
    return items


def set_text(fonts: Fonts, text: str, width: float, t: Type) -> SetBlock:
    """User text (paragraphs, **bold**, line breaks) set in a column `width` points wide."""
    key: tuple | None = (id(fonts), text, width, t)
    try:
        known = _SET.get(key)  # type: ignore[arg-type]
    except TypeError:  # an unhashable style: no memo
        key, known = None, None
    if known is not None and known[0] is fonts:
        return known[1]
    paras = [set_spans(fonts, spans, width, t) for spans in parse_paragraphs(text)]
    block = stack(paras, PARAGRAPH_GAP * t.pitch)
    if key is not None:
        _SET[key] = (fonts, block)
        if len(_SET) > _SET_KEEP:
            del _SET[next(iter(_SET))]
    return block


# set_text is pure and its result immutable, and composing a case page tries the same text at the same
# width and size many times over (photo grids, caption sizes, fit): a small memo spares most of it.
_SET: dict[tuple, tuple[Fonts, SetBlock]] = {}
_SET_KEEP = 4096


def set_marked(fonts: Fonts, mark: str, text: str, width: float, t: Type, mark_color: Color | None = None) -> SetBlock:
    """A list item: a mark, then text whose continuation lines hang under the text, not the mark."""
    indent = fonts.width(mark, t.size, t.bold)
    body = set_text(fonts, text, max(width - indent, t.size), t)
    baseline = (t.pitch - t.size) / 2 + ASCENT * t.size
    mark_item = Text(0.0, baseline, mark, t.size, mark_color or t.color, bold=t.bold, face="mark")
    return SetBlock(width, body.height, lines=body.lines, make=lambda: (mark_item, *body.at(indent, 0)))


def indented(block: SetBlock, x: float, width: float, height: float | None = None, y: float = 0) -> SetBlock:
    """A block `width` wide (and `height` tall: default the block's own) holding `block` at (x, y)."""
    height = block.height if height is None else height
    return SetBlock(width, height, lines=block.lines, make=lambda: block.at(x, y))


def set_items(
    fonts: Fonts,
    items: Sequence[ListItem],
    width: float,
    t: Type,
    heading_mark: str = "○",
    mark_color: Color | None = None,
) -> SetBlock:
    """A bullet list: ・ before each item; headings get `heading_mark`, bold, with their items under them."""
    blocks: list[SetBlock] = []
    for item in items:
        if item.is_heading:
            blocks.append(set_marked(fonts, heading_mark, item.text, width, dataclasses.replace(t, bold=True), mark_color))
            indent = fonts.width(heading_mark, t.size, True)  # sub-items hang under the heading's text
            for sub in item.items:
                marked = set_marked(fonts, BULLET, sub.text, width - indent, t, mark_color)
                blocks.append(indented(marked, indent, width))
        else:
            blocks.append(set_marked(fonts, BULLET, item.text, width, t, mark_color))
    return stack(blocks, PARAGRAPH_GAP * t.pitch * 0.6)


def set_body(
    fonts: Fonts, body: Body, width: float, t: Type, heading_mark: str = "○", mark_color: Color | None = None
) -> SetBlock:
    """A section body: free text, or a list of items."""
    if isinstance(body, str):
        return set_text(fonts, body, width, t)
    return set_items(fonts, body, width, t, heading_mark, mark_color)


def spread(fonts: Fonts, label: str, width: float, t: Type) -> SetBlock:
    """均等割り: the label's characters spread so the label fills `width` exactly."""
    chars = list(label)
    natural = fonts.width(label, t.size, t.bold)
    gap = (width - natural) / (len(chars) - 1) if len(chars) > 1 else 0.0
    x = (width - natural) / 2 if len(chars) == 1 else 0.0
    baseline = (t.pitch - t.size) / 2 + ASCENT * t.size
    items: list[Item] = []
    for ch in chars:
        items.append(Text(x, baseline, ch, t.size, t.color, bold=t.bold))
        x += fonts.advance(ch, t.bold) * t.size + gap
    return SetBlock(width, t.pitch, tuple(items), 1)


@record
class Fitted:
    block: SetBlock
    size: float
    over: float  # height still over the box at the floor size (0 when it fits)
    pitch: float

    @property
    def lines_over(self) -> int:
        return math.ceil(self.over / self.pitch - 1e-6) if self.over > 0 else 0


def fit(make: Callable[[float], SetBlock], box_h: float, base: float, floor: float, pitch: float = 1.5) -> Fitted:
    """Shrink in 0.5 pt steps from `base` to `floor` until make(size) is no taller than box_h."""
    size = base
    while True:
        block = make(size)
        if block.height <= box_h + 1e-6:
            return Fitted(block, size, 0.0, size * pitch)
        if size - 0.5 < floor - 1e-6:
            return Fitted(block, size, block.height - box_h, size * pitch)
        size -= 0.5
