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
)
from casebook_pdf.text.classes import LINE_END_PROHIBITED, LINE_START_PROHIBITED
from casebook_pdf.text.inline import Span

def arrow_right(x: float, y_mid: float, w: float, h: float, color: Color) -> Polygon:
    """A solid chevron-like arrow pointing right, centred vertically on y_mid."""
    return Polygon(((x, y_mid - h / 2), (x + w, y_mid), (x, y_mid + h / 2)), fill=color)


def title_size(s: Style, size: float) -> float:
    """Block titles: one step up the scale from the block text, bold navy (the one panel-heading
    style besides the ～これまで～/～これから～ headings)."""
    return s.scale.above(size)


def _title(fonts: Fonts, text: str | None, width: float, t: Type, s: Style) -> SetBlock | None:
    if not text:
        return None
    return set_text(fonts, text, width, Type(title_size(s, t.size), s.colors.navy, bold=True, align="left", leading=1.3))


def _panel(content: SetBlock, width: float, pad: float, fill: Color | None, stroke: Color | None, radius: float = 0.0) -> SetBlock:
    box = Box(0, 0, width, content.height + 2 * pad, fill=fill, stroke=stroke, radius=radius)
    return SetBlock(width, content.height + 2 * pad, lines=content.lines, make=lambda: (box, *content.at(pad, pad)))


def _with_title(fonts: Fonts, title: str | None, body: SetBlock, width: float, t: Type, s: Style) -> SetBlock:
    head = _title(fonts, title, width, t, s)
    return stack([head, body], s.gaps.row) if head else body


def items_block(b: ItemsBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    pad = s.pad
    inner = width - 2 * pad
    rows = [
        set_spans(fonts, [Span(f"【{g.label}】", True), Span("、".join(g.items))], inner, t)
        for g in b.groups
    ]
    panel = _panel(stack(rows, s.gaps.row), width, pad, s.colors.pale, None)
    return _with_title(fonts, f"◆{b.title}◆" if b.title else None, panel, width, t, s)


def list_block(b: ListBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    c, pad = s.colors, s.pad
    body = set_items(fonts, b.items, width - 2 * pad, t, mark_color=c.teal_ink)
    return _with_title(fonts, b.title, _panel(body, width, pad, c.pale_teal, None), width, t, s)


def _tone(s: Style, tone: str) -> tuple[Color, Color, Color]:
    """A tone's fill (behind white text), tint, and ink (marks and text on the tint)."""
    c = s.colors
    return {"good": (c.good, c.pale_good, c.good_ink), "bad": (c.bad, c.pale_bad, c.bad_ink)}.get(
        tone, (c.neutral, c.pale_neutral, c.neutral)
    )


def comparison_block(b: ComparisonBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    gap, pad = s.panels.column_gap, s.pad
    n = len(b.columns)
    col_w = (width - gap * (n - 1)) / n
    heads, bodies = [], []
    for col in b.columns:
        _, _, ink = _tone(s, col.tone)
        heads.append(set_text(fonts, col.label, col_w - 2 * pad, Type(t.size, s.colors.white, bold=True, align="center")))
        bodies.append(set_items(fonts, col.items, col_w - 2 * pad, t, mark_color=ink))
    head_h = max(h.height for h in heads) + 2 * mm(1)
    body_h = max(bd.height for bd in bodies) + 2 * pad
    items: list[Item] = []
    for i, col in enumerate(b.columns):
        strong, pale, _ = _tone(s, col.tone)
        x = i * (col_w + gap)
        items += [Box(x, 0, col_w, head_h, fill=strong, role=f"tone-{col.tone}"), Box(x, head_h, col_w, body_h, fill=pale)]
        items += heads[i].at(x + pad, mm(1))
        items += bodies[i].at(x + pad, head_h + pad)
    grid = SetBlock(width, head_h + body_h, tuple(items), max(bd.lines for bd in bodies))
    return _with_title(fonts, b.title, grid, width, t, s)


def _script(ch: str) -> str:
    code = ord(ch)
    if 0x30A0 <= code <= 0x30FF:
        return "katakana"
    if ch.isascii() and (ch.isalnum() or ch in "-_.'"):
        return "latin"
    return "other"


def wrap_label(fonts: Fonts, text: str, width: float, size: float, bold: bool = True) -> str:
    """A short label broken where its script changes (防災対応|システム, Web|カメラ) rather than inside
    a katakana or Latin word, by inserting line breaks; a run longer than the width is left whole for
    the line breaker."""
    lines_out = []
    for line in text.split("\n"):
        if fonts.width(line, size, bold) <= width:
            lines_out.append(line)
            continue
        runs: list[str] = []
        for ch in line:
            joined = runs and (
                _script(ch) == _script(runs[-1][-1]) != "other"
                or ch in LINE_START_PROHIBITED  # 禁則: ）。、 stay with what precedes them
                or runs[-1][-1] in LINE_END_PROHIBITED  # （「 stay with what follows them
            )
            if joined:
                runs[-1] += ch
            else:
                runs.append(ch)
        current = ""
        for run in runs:
            if current and fonts.width(current + run, size, bold) > width:
                lines_out.append(current)
                current = run
            else:
                current += run
        lines_out.append(current)
    return "\n".join(lines_out)


def _flow_step(fonts: Fonts, texts: tuple[str, ...], w: float, t: Type, s: Style) -> list[SetBlock]:
    out = []
    for text in texts:
        inset = s.panels.inset
        text = wrap_label(fonts, text, w - 2 * inset, t.size)
        body = set_text(fonts, text, w - 2 * inset, Type(t.size, s.colors.navy, bold=True, align="center"))
        out.append(_panel(body, w, inset, s.colors.white, s.colors.teal, radius=s.panels.radius))
    return out


def _flow_widths(fonts: Fonts, steps: tuple[tuple[str, ...], ...], width: float, size: float, s: Style) -> list[float]:
    """Box widths: each step's longest line at its natural width, the spare room shared equally;
    when the row is too narrow, every box is narrowed in proportion and its text wraps."""
    room = width - s.panels.arrow_w * (len(steps) - 1)
    natural = [
        max(fonts.width(line, size, True) for text in step for line in text.split("\n")) + 2 * s.panels.inset + 1.0
        for step in steps
    ]
    if sum(natural) > room:  # every box narrowed in proportion, so long labels keep the most room
        return [room * w / sum(natural) for w in natural]
    spare = (room - sum(natural)) / len(steps)
    return [w + spare for w in natural]


def _via_width(fonts: Fonts, label: str, widths: list[float], i: int, room: float, size: float, arrow_w: float) -> float:
    """An arrow label spans the arrow and half of each box it joins; a label longer than that gets its
    natural width (within the row) rather than breaking inside a word (Webカメ|ラ)."""
    span = widths[i] / 2 + widths[i + 1] / 2 + arrow_w
    natural = max(fonts.width(line, size) for line in label.split("\n")) + size  # with room for 和欧間
    return max(span, min(natural, room))


def flow_block(b: FlowBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    c, arrow_w = s.colors, s.panels.arrow_w
    n = len(b.steps)
    widths = _flow_widths(fonts, b.steps, width - 2 * s.pad, t.size, s)
    slots = [_flow_step(fonts, step, w, t, s) for step, w in zip(b.steps, widths)]
    gap = s.panels.step_gap
    slot_h = [sum(p.height for p in slot) + gap * (len(slot) - 1) for slot in slots]
    row_h = max(slot_h)
    small = Type(t.size, c.muted, align="center")
    xs = [sum(widths[:i]) + arrow_w * i for i in range(n)]
    via_labels = {
        i: set_text(fonts, label, _via_width(fonts, label, widths, i, width - 2 * s.pad, t.size, arrow_w), small) for i, label in b.via
    }
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
            items.append(arrow_right(x + widths[i] + mm(1), top + row_h / 2, arrow_w - mm(2), mm(4), c.accent))
        if i in via_labels:  # just above the taller of the two boxes the arrow joins
            v = via_labels[i]
            boxes_top = top + (row_h - max(slot_h[i], slot_h[i + 1])) / 2
            vx = min(max(x + widths[i] + arrow_w / 2 - v.width / 2, 0.0), width - 2 * s.pad - v.width)
            items += v.at(vx, boxes_top - v.height)
    body = SetBlock(width, top + row_h, tuple(items), max(p.lines for slot in slots for p in slot))
    if b.caption:
        tag = set_text(fonts, b.caption, width, Type(t.size, c.white, bold=True, align="left"))
        tag_pad = s.panels.cell_pad
        tag_w = tag.width + 2 * tag_pad
        tag_box = SetBlock(tag_w, tag.height, (Box(0, 0, tag_w, tag.height, fill=c.muted, radius=mm(0.8)),) + tuple(tag.at(tag_pad, 0)), 1)
        body = stack([tag_box, body], mm(1))
    panel = _panel(body, width, s.pad, c.pale, None)
    return _with_title(fonts, b.title, panel, width, t, s)


def contrast_block(b: ContrastBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    c, pad = s.colors, s.pad
    arrow_w, arrow_gap, inset = s.panels.arrow_w, s.panels.arrow_gap, s.panels.inset
    side_w = (width - arrow_w - arrow_gap) / 2
    sides = []
    for name, side, (strong, pale) in (("before", b.before, (c.muted, c.pale_neutral)), ("after", b.after, (c.teal_ink, c.pale_teal))):
        parts: list[SetBlock] = []
        if side.image is not None:
            img_h = (side_w - 2 * pad) * 0.5
            where = contrast_image_where(b, name)
            parts.append(SetBlock(side_w - 2 * pad, img_h, (Picture(0, 0, side_w - 2 * pad, img_h, side.image, "contain", where),), 0))
        parts.append(set_text(fonts, side.caption, side_w - 2 * pad - inset, Type(t.size, c.ink, align="justify")))
        sides.append((stack(parts, mm(1)), strong, pale))
    h = max(content.height for content, _, _ in sides) + 2 * pad
    items: list[Item] = []
    for i, (content, strong, pale) in enumerate(sides):
        x = i * (side_w + arrow_w + arrow_gap)
        items += [Box(x, 0, side_w, h, fill=pale), Box(x, 0, inset, h, fill=strong)]
        items += content.at(x + pad + inset, pad)
    items.append(arrow_right(side_w + arrow_gap / 2, h / 2, arrow_w, mm(6), c.accent))
    body = SetBlock(width, h, tuple(items), max(content.lines for content, _, _ in sides))
    return _with_title(fonts, b.title, body, width, t, s)


def examples_block(b: ExamplesBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    c, pad = s.colors, s.panels.cell_pad
    arrow_w, arrow_gap = s.panels.arrow_w, s.panels.arrow_gap
    case_w = width * 0.42
    plan_w = width - case_w - arrow_w - arrow_gap
    rows: list[SetBlock] = []
    for row in b.rows:
        case = set_text(fonts, row.case, case_w - 2 * pad, Type(t.size, c.navy, bold=True, align="left"))
        plan = stack([set_text(fonts, p, plan_w - 2 * pad, Type(t.size, c.ink, align="left")) for p in row.plan])
        h = max(case.height, plan.height) + 2 * pad
        items: list[Item] = [Box(0, 0, case_w, h, fill=c.pale_accent), Box(case_w + arrow_w + arrow_gap, 0, plan_w, h, fill=c.pale)]
        items += case.at(pad, (h - case.height) / 2)
        items += plan.at(case_w + arrow_w + arrow_gap + pad, (h - plan.height) / 2)
        items.append(arrow_right(case_w + arrow_gap / 2, h / 2, arrow_w, mm(3.5), c.accent))
        rows.append(SetBlock(width, h, tuple(items), max(case.lines, plan.lines)))
    body = stack(rows, mm(1.2))
    return _with_title(fonts, f"（{b.title}）" if b.title else None, body, width, t, s)


def note_block(b: NoteBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    text = b.text[1:] if b.text.startswith("※") else b.text
    body = set_marked(fonts, "※", text, width, Type(t.size, s.colors.ink, align="justify"))
    return _with_title(fonts, b.title, body, width, t, s)


def schedule_block(b: ScheduleBlock, fonts: Fonts, width: float, t: Type, s: Style) -> SetBlock:
    body = layout_schedule(b, fonts, width, t, s)
    return _with_title(fonts, f"（{b.title}）" if b.title else None, body, width, t, s)


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
