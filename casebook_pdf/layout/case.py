"""A case page: header band, headline, before/after, photos and blocks, label rows, folio.

The zones follow LAYOUT.md. Heights are negotiated top-down: the label rows at the bottom take what
their text needs (shrinking if they would take more than their share), the middle gets the rest, and
there the before/after pair and the blocks shrink together until everything fits or the floor is hit.
"""

from __future__ import annotations

from dataclasses import dataclass

from casebook_pdf.fonts import Fonts
from casebook_pdf.frames import Box, Circle, Icon, Item, Page, Picture, Rule, Text, mm
from casebook_pdf.layout.blocks import ARROW_W, arrow_right, layout_block
from casebook_pdf.layout.report import Report
from casebook_pdf.layout.style import Style
from casebook_pdf.layout.textset import ASCENT, SetBlock, Type, fit, set_body, set_spans, set_text, spread, stack
from casebook_pdf.model import Case
from casebook_pdf.text.inline import Span

BAND_H = mm(15)
HEADLINE_H = mm(12)
BADGE_D = mm(17)
LABEL_W = mm(22)
BOTTOM_SHARE = 0.40  # the label rows may take at most this share of the page below the headline
BEFORE_TITLE = "～これまで～"
AFTER_TITLE = "～これから～"
SECTIONS = (("概要", "overview"), ("効果", "effects"), ("気づき", "notes"))


@dataclass(frozen=True)
class Frame:
    x: float
    y: float
    w: float
    h: float


def layout_case(case: Case, fonts: Fonts, s: Style, folio: int, report: Report) -> Page:
    items: list[Item] = []
    top = s.margin_top
    items += _header(case, fonts, s, top, report)
    top += BAND_H + mm(2.5)
    row_h = BADGE_D if case.badge else HEADLINE_H
    items += _headline(case, fonts, s, top, row_h, report)
    top += row_h + mm(2)
    folio_top = s.page_h - s.margin_bottom
    bottom_cap = (folio_top - top) * BOTTOM_SHARE
    rows, rows_h = _label_rows(case, fonts, s, bottom_cap, report)
    items += rows.at(s.margin_x, folio_top - rows_h)
    middle = Frame(s.margin_x, top, s.content_w, folio_top - rows_h - s.gap - top)
    items += _middle(case, fonts, s, middle, report)
    items += _folio(fonts, s, folio)
    return Page(s.page_w, s.page_h, tuple(items), bookmark=f"{folio}. 【{case.category}】{case.title}", key=f"case-{folio}")


def _header(case: Case, fonts: Fonts, s: Style, top: float, report: Report) -> list[Item]:
    c, x0, w = s.colors, s.margin_x, s.content_w
    pad = mm(4)
    items: list[Item] = [Box(x0, top, w, BAND_H, fill=c.navy), Box(x0, top + BAND_H, w, mm(0.8), fill=c.teal)]
    dept = set_text(fonts, case.department, w * 0.38, Type(s.department, c.white, align="right", leading=1.25))
    dept_used = max((it.x for it in dept.items if isinstance(it, Text)), default=w) if dept.items else 0.0
    dept_w = w * 0.38 - min(dept_used, w * 0.38)
    spans = [Span(f"【{case.category}】"), Span(case.title)]
    title_w = w - 2 * pad - dept_w - mm(6)
    t = Type(s.header_title, c.white, bold=True, align="left", leading=1.2)
    fitted = fit(lambda size: set_spans(fonts, spans, title_w, t.scaled(size)), BAND_H - mm(2), s.header_title, 11.0, 1.2)
    _note_fit(report, case, "title", "page heading", fitted, s.header_title, 11.0, "Shorten the title or the department.")
    items += fitted.block.at(x0 + pad, top + (BAND_H - fitted.block.height) / 2)
    items += dept.at(x0 + w - pad - w * 0.38, top + (BAND_H - dept.height) / 2)
    return items


def _headline(case: Case, fonts: Fonts, s: Style, top: float, row_h: float, report: Report) -> list[Item]:
    c, x0, w = s.colors, s.margin_x, s.content_w
    items: list[Item] = []
    text_w = w - (BADGE_D + mm(4) if case.badge else 0)
    if case.headline:
        t = Type(s.headline, c.teal, bold=True, align="left", leading=1.25)
        mark = s.headline * 1.1
        fitted = fit(lambda size: set_text(fonts, case.headline, text_w - mark, t.scaled(size)), row_h, s.headline, 11.0, 1.25)
        _note_fit(report, case, "headline", "headline", fitted, s.headline, 11.0, "Shorten the headline.")
        y = top + (row_h - fitted.block.height) / 2
        items.append(Icon("arrow", x0, y + (fitted.size * 1.25 - fitted.size) / 2, fitted.size, c.accent))
        items += fitted.block.at(x0 + mark, y)
        items.append(Rule(x0, top + row_h + mm(0.8), x0 + text_w, top + row_h + mm(0.8), c.line, 0.6, (2, 2)))
    if case.badge:
        items += _badge(case.badge, fonts, s, x0 + w - BADGE_D / 2, top + row_h / 2)
    return items


def _badge(text: str, fonts: Fonts, s: Style, cx: float, cy: float) -> list[Item]:
    c = s.colors
    inner = BADGE_D * 0.78
    size = 11.0
    block = set_text(fonts, text, inner, Type(size, c.white, bold=True, align="center", leading=1.15))
    while (block.height > inner or block.lines > 2) and size > 6:
        size -= 0.5
        block = set_text(fonts, text, inner, Type(size, c.white, bold=True, align="center", leading=1.15))
    return [
        Circle(cx, cy, BADGE_D / 2, fill=c.accent, stroke=c.white, line_width=1.5),
        *block.at(cx - inner / 2, cy - block.height / 2),
    ]


def _label_rows(case: Case, fonts: Fonts, s: Style, cap: float, report: Report) -> tuple[SetBlock, float]:
    sections = [(label, key, getattr(case, key)) for label, key in SECTIONS if getattr(case, key)]
    text_w = s.content_w - LABEL_W - 2 * s.pad
    gap = mm(1)

    def make(size: float) -> SetBlock:
        rows = []
        for label, key, body in sections:
            t = Type(size, s.colors.ink, leading=s.leading)
            content = set_body(fonts, body, text_w, t, heading_mark="○", mark_color=s.colors.teal)
            h = max(content.height + 2 * s.pad, mm(9))
            lab = spread(fonts, label, mm(13), Type(s.label, s.colors.white, bold=True))
            row = [
                Box(0, 0, LABEL_W, h, fill=s.colors.navy),
                Box(LABEL_W, 0, s.content_w - LABEL_W, h, fill=s.colors.pale),
                *lab.at((LABEL_W - mm(13)) / 2, (h - lab.height) / 2),
                *content.at(LABEL_W + s.pad, s.pad),
            ]
            rows.append(SetBlock(s.content_w, h, tuple(row), content.lines))
        return stack(rows, gap)

    fitted = fit(make, cap, s.body, s.body_floor, s.leading)
    where_key = sections[-1][1] if sections else "overview"
    _note_fit(report, case, where_key, "概要/効果/気づき rows", fitted, s.body, s.body_floor, "Shorten the text or move part of it to a block.")
    return fitted.block, min(fitted.block.height, cap) if fitted.over else fitted.block.height


def _before_after(case: Case, fonts: Fonts, s: Style, width: float, size: float) -> tuple[SetBlock, SetBlock]:
    c = s.colors
    col_w = (width - ARROW_W - mm(3)) / 2
    out = []
    for title, body, strong in ((BEFORE_TITLE, case.before, c.muted), (AFTER_TITLE, case.after, c.accent)):
        head_size = size * 1.1
        head = SetBlock(
            col_w,
            head_size * 1.6,
            (
                Icon("bulb", mm(1.5), head_size * 0.3, head_size, strong),
                Text(mm(1.5) + head_size * 1.15, head_size * 0.3 + ASCENT * head_size, title, head_size, strong, bold=True),
                Rule(0, head_size * 1.6, col_w, head_size * 1.6, strong, 1.2),
            ),
            1,
        )
        text = set_body(fonts, body, col_w - 2 * s.pad, Type(size, c.ink, leading=s.leading), heading_mark="■", mark_color=strong)
        out.append(stack([head, SetBlock(col_w, text.height + mm(1.5), tuple(text.at(s.pad, mm(1.5))), text.lines)], 0))
    return out[0], out[1]


def _middle(case: Case, fonts: Fonts, s: Style, f: Frame, report: Report) -> list[Item]:
    has_right = bool(case.photos or case.blocks)
    left_w = f.w * 0.53 if has_right else f.w
    right_x, right_w = f.x + left_w + s.gap, f.w - left_w - s.gap
    photos_h = _photos_height(case, fonts, s, right_w, f.h) if case.photos else 0.0
    size = s.body
    while True:
        before, after = _before_after(case, fonts, s, left_w, size)
        ba_h = max(before.height, after.height)
        placed = _place_blocks(case, fonts, s, size * 0.92, [(f.x, f.y + ba_h + s.gap, left_w, f.h - ba_h - s.gap), (right_x, f.y + photos_h, right_w, f.h - photos_h)])
        if ba_h <= f.h and placed is not None:
            break
        if size - 0.5 < s.body_floor - 1e-6:
            _report_middle(case, s, f, ba_h, size, report)
            placed = placed or []
            break
        size -= 0.5
    if size < s.body:
        report.shrunk(case.where("before"), "before/after and blocks", size, s.body)
    items = _draw_before_after(before, after, s, f, left_w, ba_h if placed and any(p[0] == 0 for p in placed) else f.h)
    for _, x, y, block in placed:
        items += block.at(x, y)
    if case.photos:
        items += _photos(case, fonts, s, right_x, f.y, right_w, f.h, report)
    return items


def _draw_before_after(before: SetBlock, after: SetBlock, s: Style, f: Frame, left_w: float, h: float) -> list[Item]:
    c = s.colors
    col_w = before.width
    items: list[Item] = [
        Box(f.x, f.y, col_w, h, fill=c.pale_neutral),
        Box(f.x + left_w - col_w, f.y, col_w, h, fill=c.pale_accent),
    ]
    items += before.at(f.x, f.y)
    items += after.at(f.x + left_w - col_w, f.y)
    items.append(arrow_right(f.x + col_w + mm(1.5), f.y + min(h, mm(60)) / 2, ARROW_W, mm(8), c.accent))
    return items


def _place_blocks(case, fonts, s, size, columns) -> list[tuple[int, float, float, SetBlock]] | None:
    """Blocks in order, filling the left column's rest first, then the right. None when they do not fit."""
    placed = []
    col = 0
    used = [0.0] * len(columns)
    for block in case.blocks:
        while col < len(columns):
            x, y, w, h = columns[col]
            if w <= 0:
                col += 1
                continue
            laid = layout_block(block, fonts, w, size, s)
            gap = s.gap if used[col] else 0.0
            if used[col] + gap + laid.height <= h + 1e-6:
                placed.append((col, x, y + used[col] + gap, laid))
                used[col] += gap + laid.height
                break
            col += 1
        else:
            return None
    return placed


def _report_middle(case: Case, s: Style, f: Frame, ba_h: float, size: float, report: Report) -> None:
    pitch = size * s.leading
    if ba_h > f.h:
        over = max(1, int((ba_h - f.h) / pitch + 0.999))
        report.overflow(case.where("before"), "before/after", over, s.body_floor, "Shorten ～これまで～/～これから～ or move part of it to notes.")
    else:
        report.overflow(case.where("blocks"), "blocks", 1, s.body_floor, "Remove a block or shorten its text; photos also take room.")


def _photos_height(case: Case, fonts: Fonts, s: Style, width: float, avail: float) -> float:
    n = len(case.photos)
    pw = (width - mm(2.5) * (n - 1)) / n
    ph = min(pw * 0.75, avail * 0.45)
    return ph + _caption_height(case, fonts, s, pw) + s.gap


def _caption_height(case: Case, fonts: Fonts, s: Style, pw: float) -> float:
    t = Type(s.small, s.colors.ink, align="center", leading=1.3)
    return max(set_text(fonts, p.caption, pw, t).height for p in case.photos) + mm(1.2)


def _photos(case: Case, fonts: Fonts, s: Style, x: float, y: float, width: float, avail: float, report: Report) -> list[Item]:
    n = len(case.photos)
    gap = mm(2.5)
    pw = (width - gap * (n - 1)) / n
    ph = min(pw * 0.75, avail * 0.45)
    items: list[Item] = []
    for i, photo in enumerate(case.photos):
        px = x + i * (pw + gap)
        items.append(Picture(px, y, pw, ph, photo.image, photo.fit))
        items.append(Box(px, y, pw, ph, stroke=s.colors.line, line_width=0.5))
        t = Type(s.small, s.colors.ink, align="center", leading=1.3)
        cap = set_text(fonts, photo.caption, pw, t)
        items += cap.at(px, y + ph + mm(1.2))
    return items


def _folio(fonts: Fonts, s: Style, folio: int) -> list[Item]:
    text = str(folio)
    w = fonts.width(text, s.folio)
    return [Text((s.page_w - w) / 2, s.page_h - mm(5), text, s.folio, s.colors.muted)]


def _note_fit(report: Report, case: Case, key: str, zone: str, fitted, base: float, floor: float, hint: str) -> None:
    if fitted.over > 0:
        report.overflow(case.where(key), zone, fitted.lines_over, floor, hint)
    elif fitted.size < base:
        report.shrunk(case.where(key), zone, fitted.size, base)
