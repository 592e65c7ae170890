"""Extra panels on a case page (FORMAT.md's blocks), each measured at a given width and type size.

Every function here turns one model block into a SetBlock (items relative to its top-left corner);
case.py decides where it goes and at which size, shrinking all blocks together when they do not fit.
"""

from __future__ import annotations

from typing import Callable

from casebook_pdf.fonts import Fonts
from casebook_pdf.frames import Box, Color, Item, Picture, Polygon, mm
from casebook_pdf.layout.schedule import layout_schedule
from casebook_pdf.load.printed import contrast_image_where
from casebook_pdf.layout.style import Style
from casebook_pdf.layout.textset import SetBlock, Type, set_items, set_marked, set_spans, set_text, stack
from casebook_pdf.model import (
    Block,
    ComparisonBlock,
    ContrastBlock,
    ExamplesBlock,
    FlowBlock,
    ItemsBlock,
    ListBlock,
    NoteBlock,
    ScheduleBlock,
    Where,
)
from casebook_pdf.text.inline import Span

ARROW_W = mm(5)


def arrow_right(x: float, y_mid: float, w: float, h: float, color: Color) -> Polygon:
    """A solid chevron-like arrow pointing right, centred vertically on y_mid."""
    return Polygon(((x, y_mid - h / 2), (x + w, y_mid), (x, y_mid + h / 2)), fill=color)


def _title(fonts: Fonts, text: str | None, width: float, t: Type) -> SetBlock | None:
    if not text:
        return None
    return set_text(fonts, text, width, Type(t.size * 1.05, t.color, bold=True, align="left"))


def _panel(content: SetBlock, width: float, pad: float, fill: Color | None, stroke: Color | None) -> SetBlock:
    items: list[Item] = [Box(0, 0, width, content.height + 2 * pad, fill=fill, stroke=stroke, radius=mm(1))]
    items += content.at(pad, pad)
    return SetBlock(width, content.height + 2 * pad, tuple(items), content.lines)


def _with_title(fonts: Fonts, title: str | None, body: SetBlock, width: float, t: Type, s: Style) -> SetBlock:
    head = _title(fonts, title, width, Type(t.size, s.colors.navy))
    return stack([head, body], mm(1.2)) if head else body


def items_block(b: ItemsBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    pad = s.pad
    inner = width - 2 * pad
    rows = [
        set_spans(fonts, [Span(f"【{g.label}】", True), Span("、".join(g.items))], inner, t)
        for g in b.groups
    ]
    parts = []
    if b.title:
        parts.append(set_text(fonts, f"◆{b.title}◆", inner, Type(t.size * 1.05, s.colors.navy, bold=True, align="left")))
    parts += rows
    return _panel(stack(parts, mm(1)), width, pad, s.colors.pale, s.colors.line)


def list_block(b: ListBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    c, pad = s.colors, s.pad
    parts: list[SetBlock] = []
    if b.title:
        head = set_text(fonts, b.title, width - 2 * pad, Type(t.size * 1.05, c.white, bold=True, align="left"))
        bar = SetBlock(width, head.height + 2 * mm(1.2), (Box(0, 0, width, head.height + 2 * mm(1.2), fill=c.teal),) + tuple(head.at(pad, mm(1.2))), head.lines)
        parts.append(bar)
    body = set_items(fonts, b.items, width - 2 * pad, t, mark_color=c.teal)
    parts.append(_panel(body, width, pad, c.pale_teal, None))
    return stack(parts)


def _tone(s: Style, tone: str) -> tuple[Color, Color]:
    c = s.colors
    return {"good": (c.good, c.pale_good), "bad": (c.bad, c.pale_bad)}.get(tone, (c.neutral, c.pale_neutral))


def comparison_block(b: ComparisonBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    gap, pad = mm(2), s.pad
    n = len(b.columns)
    col_w = (width - gap * (n - 1)) / n
    heads, bodies = [], []
    for col in b.columns:
        strong, _ = _tone(s, col.tone)
        heads.append(set_text(fonts, col.label, col_w - 2 * pad, Type(t.size, s.colors.white, bold=True, align="center")))
        bodies.append(set_items(fonts, col.items, col_w - 2 * pad, t, mark_color=strong))
    head_h = max(h.height for h in heads) + 2 * mm(1)
    body_h = max(bd.height for bd in bodies) + 2 * pad
    items: list[Item] = []
    for i, col in enumerate(b.columns):
        strong, pale = _tone(s, col.tone)
        x = i * (col_w + gap)
        items += [Box(x, 0, col_w, head_h, fill=strong, role=f"tone-{col.tone}"), Box(x, head_h, col_w, body_h, fill=pale)]
        items += heads[i].at(x + pad, mm(1))
        items += bodies[i].at(x + pad, head_h + pad)
    grid = SetBlock(width, head_h + body_h, tuple(items), max(bd.lines for bd in bodies))
    return _with_title(fonts, b.title, grid, width, t, s)


FLOW_PAD = mm(1.2)


def _flow_step(fonts: Fonts, texts: tuple[str, ...], w: float, t: Type, s: Style) -> list[SetBlock]:
    out = []
    for text in texts:
        body = set_text(fonts, text, w - 2 * FLOW_PAD, Type(t.size, s.colors.navy, bold=True, align="center"))
        out.append(_panel(body, w, FLOW_PAD, s.colors.white, s.colors.teal))
    return out


def _flow_widths(fonts: Fonts, steps: tuple[tuple[str, ...], ...], width: float, size: float) -> list[float]:
    """Box widths: each step's longest line at its natural width, the spare room shared equally;
    when the row is too narrow, every box gets the same share of the room and its text wraps."""
    room = width - ARROW_W * (len(steps) - 1)
    natural = [
        max(fonts.width(line, size, True) for text in step for line in text.split("\n")) + 2 * FLOW_PAD + 1.0
        for step in steps
    ]
    if sum(natural) > room:
        return [room / len(steps)] * len(steps)
    spare = (room - sum(natural)) / len(steps)
    return [w + spare for w in natural]


def flow_block(b: FlowBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    c = s.colors
    n = len(b.steps)
    t = t.scaled(t.size * 0.92)
    widths = _flow_widths(fonts, b.steps, width - 2 * s.pad, t.size)
    slots = [_flow_step(fonts, step, w, t, s) for step, w in zip(b.steps, widths)]
    gap = mm(1.5)
    slot_h = [sum(p.height for p in slot) + gap * (len(slot) - 1) for slot in slots]
    row_h = max(slot_h)
    small = Type(t.size * 0.85, c.muted, align="center")
    xs = [sum(widths[:i]) + ARROW_W * i for i in range(n)]
    via_labels = {i: set_text(fonts, label, widths[i] / 2 + widths[i + 1] / 2 + ARROW_W, small) for i, label in b.via}
    via_h = max((v.height for v in via_labels.values()), default=0.0)
    top = via_h
    items: list[Item] = []
    for i, slot in enumerate(slots):
        x = xs[i]
        y = top + (row_h - slot_h[i]) / 2
        for panel in slot:
            items += panel.at(x, y)
            y += panel.height + gap
        if i < n - 1:
            items.append(arrow_right(x + widths[i] + mm(1), top + row_h / 2, ARROW_W - mm(2), mm(4), c.accent))
        if i in via_labels:  # just above the taller of the two boxes the arrow joins
            v = via_labels[i]
            boxes_top = top + (row_h - max(slot_h[i], slot_h[i + 1])) / 2
            items += v.at(x + widths[i] + ARROW_W / 2 - v.width / 2, boxes_top - v.height)
    body = SetBlock(width, top + row_h, tuple(items), max(p.lines for slot in slots for p in slot))
    if b.caption:
        tag = set_text(fonts, b.caption, width, Type(t.size * 0.85, c.white, bold=True, align="left"))
        tag_w = tag.width + 2 * mm(1.5)
        tag_box = SetBlock(tag_w, tag.height, (Box(0, 0, tag_w, tag.height, fill=c.muted, radius=mm(0.8)),) + tuple(tag.at(mm(1.5), 0)), 1)
        body = stack([tag_box, body], mm(1))
    panel = _panel(body, width, s.pad, c.pale, None)
    return _with_title(fonts, b.title, panel, width, t, s)


def contrast_block(b: ContrastBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    c, pad = s.colors, s.pad
    side_w = (width - ARROW_W - mm(2)) / 2
    sides = []
    for name, side, (strong, pale) in (("before", b.before, (c.muted, c.pale_neutral)), ("after", b.after, (c.teal, c.pale_teal))):
        parts: list[SetBlock] = []
        if side.image is not None:
            img_h = (side_w - 2 * pad) * 0.5
            where = contrast_image_where(b, name)
            parts.append(SetBlock(side_w - 2 * pad, img_h, (Picture(0, 0, side_w - 2 * pad, img_h, side.image, "contain", where),), 0))
        parts.append(set_text(fonts, side.caption, side_w - 2 * pad - mm(1.2), Type(t.size, c.ink, align="justify")))
        sides.append((stack(parts, mm(1)), strong, pale))
    h = max(content.height for content, _, _ in sides) + 2 * pad
    items: list[Item] = []
    for i, (content, strong, pale) in enumerate(sides):
        x = i * (side_w + ARROW_W + mm(2))
        items += [Box(x, 0, side_w, h, fill=pale), Box(x, 0, mm(1.2), h, fill=strong)]
        items += content.at(x + pad + mm(1.2), pad)
    items.append(arrow_right(side_w + mm(1), h / 2, ARROW_W, mm(6), c.accent))
    body = SetBlock(width, h, tuple(items), max(content.lines for content, _, _ in sides))
    return _with_title(fonts, b.title, body, width, t, s)


def examples_block(b: ExamplesBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    c, pad = s.colors, mm(1.5)
    case_w = width * 0.42
    plan_w = width - case_w - ARROW_W - mm(2)
    rows: list[SetBlock] = []
    for row in b.rows:
        case = set_text(fonts, row.case, case_w - 2 * pad, Type(t.size, c.navy, bold=True, align="left"))
        plan = stack([set_text(fonts, p, plan_w - 2 * pad, Type(t.size, c.ink, align="left")) for p in row.plan])
        h = max(case.height, plan.height) + 2 * pad
        items: list[Item] = [Box(0, 0, case_w, h, fill=c.pale_accent), Box(case_w + ARROW_W + mm(2), 0, plan_w, h, fill=c.pale)]
        items += case.at(pad, (h - case.height) / 2)
        items += plan.at(case_w + ARROW_W + mm(2) + pad, (h - plan.height) / 2)
        items.append(arrow_right(case_w + mm(1), h / 2, ARROW_W, mm(3.5), c.accent))
        rows.append(SetBlock(width, h, tuple(items), max(case.lines, plan.lines)))
    body = stack(rows, mm(1.2))
    head = _title(fonts, f"（{b.title}）" if b.title else None, width, Type(t.size, c.navy))
    return stack([head, body], mm(1.2)) if head else body


def note_block(b: NoteBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    text = b.text[1:] if b.text.startswith("※") else b.text
    body = set_marked(fonts, "※", text, width, Type(t.size * 0.95, s.colors.ink, align="justify"))
    return _with_title(fonts, b.title, body, width, t, s)


def schedule_block(b: ScheduleBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    body = layout_schedule(b, fonts, width, t, s)
    head = _title(fonts, f"（{b.title}）" if b.title else None, width, Type(t.size, s.colors.navy))
    return stack([head, body], mm(1.2)) if head else body


LAYOUTS: dict[type, Callable[..., SetBlock]] = {
    ItemsBlock: items_block,
    ListBlock: list_block,
    ComparisonBlock: comparison_block,
    FlowBlock: flow_block,
    ContrastBlock: contrast_block,
    ExamplesBlock: examples_block,
    ScheduleBlock: schedule_block,
    NoteBlock: note_block,
}


def layout_block(block: Block, fonts: Fonts, width: float, size: float, s: Style) -> SetBlock:
    """One block set `width` points wide with body text at `size`."""
    return LAYOUTS[type(block)](block, fonts, width, Type(size, s.colors.ink, align="justify"), s)
