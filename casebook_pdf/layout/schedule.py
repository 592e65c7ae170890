"""The one-day timeline (１日のスケジュール例): proportional segments, times at the boundaries,
events marked above the bar, and an optional ※ note below."""

from __future__ import annotations

from casebook_pdf.fonts import Fonts
from casebook_pdf.frames import Box, Item, Polygon, Rule, Text, flatten, mm
from casebook_pdf.layout.style import Style
from casebook_pdf.layout.textset import SetBlock, Type, set_marked, set_text, stack
from casebook_pdf.model import ScheduleBlock

def small_size(size: float) -> float:
    """The times under the bar: the block's text size (the smallest size of the scale already)."""
    return size


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _segment_colors(s: Style, kind: str):
    c = s.colors
    return {
        "office": (c.office, c.white),
        "home": (c.home, c.white),
        "leave": (c.leave, c.white),
        "break": (c.rest, c.ink),
    }[kind]


def _events(b: ScheduleBlock, fonts: Fonts, x_of, width: float, t: Type, s: Style) -> SetBlock:
    """Event labels above the bar, each with a pointer; a label that would collide with the one
    before it moves up a row instead of printing over it."""
    items: list[Item] = []
    small = Type(t.size, s.colors.accent_ink, bold=True, align="center", leading=1.25)
    placed: list[tuple[float, float, SetBlock, int]] = []  # (x0, pointer x, label, row)
    row_ends: list[float] = []
    for e in b.events:
        x = x_of(e.at)
        label = set_text(fonts, e.label, s.panels.event_w, small)
        texts = [it for it in flatten(label.items) if isinstance(it, Text)]
        left = min(it.x for it in texts)
        ink_w = max(it.x + fonts.width(it.text, it.size, it.bold) for it in texts) - left
        x0 = min(max(x - ink_w / 2, 0.0), width - ink_w)
        row = next((r for r, end in enumerate(row_ends) if x0 > end + mm(1.5)), len(row_ends))
        if row == len(row_ends):
            row_ends.append(0.0)
        row_ends[row] = x0 + ink_w
        placed.append((x0 - left, x, label, row))
    if not placed:
        return SetBlock(width, 0.0, (), 0)
    label_h = max(label.height for _, _, label, _ in placed)
    height = label_h * len(row_ends)
    for x0, x, label, row in placed:
        items += label.at(x0, height - label_h * row - label.height)
        items.append(Polygon(((x - mm(1.3), height + mm(0.4)), (x + mm(1.3), height + mm(0.4)), (x, height + mm(2.4))), fill=s.colors.accent))
    return SetBlock(width, height + mm(2.6), tuple(items), 0)


def _times(marks: list[int], x_of, fonts: Fonts, width: float, size: float, s: Style) -> SetBlock:
    items: list[Item] = []
    row_ends = [-1e9, -1e9]  # right edge of the last label on each of two staggered rows
    rows_used = 1
    for m in marks:
        text = clock(m)
        w = fonts.width(text, size)
        x = min(max(x_of(m) - w / 2, 0.0), width - w)
        row = 0 if x > row_ends[0] + mm(0.8) else 1
        rows_used = max(rows_used, row + 1)
        row_ends[row] = x + w
        items.append(Text(x, mm(1.2) + size * 0.9 + row * size * 1.2, text, size, s.colors.ink))
        items.append(Rule(x_of(m), 0, x_of(m), mm(1), s.colors.muted, 0.6))
    return SetBlock(width, mm(1.2) + size * 1.2 * rows_used, tuple(items), rows_used)


def layout_schedule(b: ScheduleBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    start = min(seg.start for seg in b.segments)
    end = max(seg.end for seg in b.segments)
    pad = mm(0.8)

    def x_of(minute: int) -> float:
        return (minute - start) / (end - start) * width

    label_t = Type(t.size, s.colors.white, bold=True, align="center", leading=1.2)
    labels = []
    for seg in b.segments:
        w = x_of(seg.end) - x_of(seg.start)
        fill, ink = _segment_colors(s, seg.kind)
        size = label_t.size
        longest = max(fonts.width(line, 1.0, True) for line in seg.label.split("\n"))
        # A label too long for its segment steps down to the floor, then wraps.
        size = max(min(size, (w - 2 * pad) / longest), s.scale.floor) if longest else size
        labels.append((seg, w, fill, set_text(fonts, seg.label, max(w - 2 * pad, size), Type(size, ink, True, "center", 1.2))))
    bar_h = max(mm(9), max(lb.height for *_, lb in labels) + 2 * pad)
    bar_items: list[Item] = []
    for seg, w, fill, label in labels:
        x = x_of(seg.start)
        bar_items.append(Box(x, 0, w, bar_h, fill=fill, stroke=s.colors.white, line_width=0.8, role=f"kind-{seg.kind}"))
        bar_items += label.at(x + pad, (bar_h - label.height) / 2)
    bar = SetBlock(width, bar_h, tuple(bar_items), 1)
    marks = sorted({seg.start for seg in b.segments} | {seg.end for seg in b.segments})
    parts = [_events(b, fonts, x_of, width, t, s), bar, _times(marks, x_of, fonts, width, small_size(t.size), s)]
    if b.note:
        note = b.note[1:] if b.note.startswith("※") else b.note
        parts.append(set_marked(fonts, "※", note, width, Type(t.size, s.colors.ink, align="justify")))
    return stack([p for p in parts if p.height > 0], mm(0.8))
