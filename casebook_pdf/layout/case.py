"""A case page: header band, headline, before/after, photos and blocks, label rows, folio.

The zones follow LAYOUT.md. Heights are negotiated top-down: the label rows at the bottom take what
their text needs (shrinking if they would take more than their share), the middle gets the rest, and
there the before/after pair and the blocks shrink together until everything fits or the floor is hit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from casebook_pdf.fonts import Fonts
from casebook_pdf.frames import Box, Circle, Icon, Item, Page, Rule, Text, flatten, mm
from casebook_pdf.layout import photos
from casebook_pdf.layout.blocks import ARROW_W, arrow_right, layout_block
from casebook_pdf.layout.report import Report
from casebook_pdf.layout.style import Style
from casebook_pdf.messages import N_
from casebook_pdf.layout.textset import ASCENT, SetBlock, Type, fit, set_body, set_spans, set_text, spread, stack
from casebook_pdf.model import Case
from casebook_pdf.text.inline import Span

BAND_H = mm(15)
HEADLINE_H = mm(14)  # the same on every page, headline or not, so the grid never shifts
BADGE_D = mm(14)
BADGE_SIZE = 9.5
FOLIO_BASELINE = mm(7.5)  # from the paper edge: clear of office printers' unprintable margin
LABEL_W = mm(22)
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
    items += _headline(case, fonts, s, top, HEADLINE_H, report)
    top += HEADLINE_H + mm(2)
    area = Frame(s.margin_x, top, s.content_w, s.page_h - s.margin_bottom - top)
    items += _body(case, fonts, s, area, report)
    items += _folio(fonts, s, folio)
    return Page(s.page_w, s.page_h, tuple(items), bookmark=f"{folio}. 【{case.category}】{case.title}", key=f"case-{folio}")


def _body(case: Case, fonts: Fonts, s: Style, area: Frame, report: Report) -> list[Item]:
    """Label rows and middle zone at one body size for the whole page, shrinking both together."""
    size = s.body
    while True:
        rows = _label_rows(case, fonts, s, size)
        middle = Frame(area.x, area.y, area.w, area.h - rows.height - s.gap)
        plan = _plan_middle(case, fonts, s, middle, size)
        if plan.fits or size - 0.5 < s.body_floor - 1e-6:
            break
        size -= 0.5
    if not plan.fits or size < s.body:
        key, zone, hint = _culprit(case, rows, plan)
        if plan.fits:
            report.shrunk(case.where(key), zone, size, s.body)
        else:
            over = rows.height + s.gap + plan.need - area.h
            report.overflow(case.where(key), zone, max(1, math.ceil(over / (size * s.leading))), s.body_floor, hint)
    items = rows.at(area.x, area.y + area.h - rows.height)
    return items + _draw_middle(case, fonts, s, middle, plan, report)


def _header(case: Case, fonts: Fonts, s: Style, top: float, report: Report) -> list[Item]:
    c, x0, w = s.colors, s.margin_x, s.content_w
    pad = mm(4)
    items: list[Item] = [Box(x0, top, w, BAND_H, fill=c.navy), Box(x0, top + BAND_H, w, mm(0.8), fill=c.teal)]
    dept = set_text(fonts, case.department, w * 0.38, Type(s.department, c.white, align="right", leading=1.25))
    dept_w = min(fonts.width(case.department, s.department), w * 0.38)
    spans = [Span(f"【{case.category}】"), Span(case.title)]
    title_w = w - 2 * pad - dept_w - mm(6)
    t = Type(s.header_title, c.white, bold=True, align="left", leading=1.2)
    fitted = fit(lambda size: set_spans(fonts, spans, title_w, t.scaled(size)), BAND_H - mm(2), s.header_title, 11.0, 1.2)
    _note_fit(report, case, "title", N_("ページの見出し"), fitted, s.header_title, 11.0, N_("題名か担当部署を短くしてください。"))
    items += fitted.block.at(x0 + pad, top + (BAND_H - fitted.block.height) / 2)
    items += dept.at(x0 + w - pad - w * 0.38, top + (BAND_H - dept.height) / 2)
    return items


def _headline(case: Case, fonts: Fonts, s: Style, top: float, row_h: float, report: Report) -> list[Item]:
    c, x0, w = s.colors, s.margin_x, s.content_w
    items: list[Item] = []
    text_w = w - (BADGE_D + mm(4) if case.badge else 0)
    headline = case.headline
    if headline:
        t = Type(s.headline, c.teal, bold=True, align="left", leading=1.25)
        mark = s.headline * 1.1
        fitted = fit(lambda size: set_text(fonts, headline, text_w - mark, t.scaled(size)), row_h, s.headline, 11.0, 1.25)
        _note_fit(report, case, "headline", N_("題名の下の見出し"), fitted, s.headline, 11.0, N_("headline を短くしてください。"))
        y = top + (row_h - fitted.block.height) / 2
        items.append(Icon("arrow", x0, y + (fitted.size * 1.25 - fitted.size) / 2, fitted.size, c.accent))
        items += fitted.block.at(x0 + mark, y)
    items.append(Rule(x0, top + row_h + mm(0.8), x0 + text_w, top + row_h + mm(0.8), c.line, 0.6, (2, 2)))
    if case.badge:
        items += _badge(case.badge, fonts, s, x0 + w - BADGE_D / 2, top + row_h / 2)
    return items


def _badge(text: str, fonts: Fonts, s: Style, cx: float, cy: float) -> list[Item]:
    """A round badge at one size on every page (two lines at most, no lone character), shrinking only
    when a long badge needs it."""
    c = s.colors
    inner = BADGE_D * 0.72
    block = None
    size = BADGE_SIZE
    while size >= 6.0:
        block = set_text(fonts, text, inner, Type(size, c.white, bold=True, align="center", leading=1.15))
        rows: dict[float, int] = {}
        for item in flatten(block.items):
            if isinstance(item, Text):
                rows[round(item.y, 1)] = rows.get(round(item.y, 1), 0) + len(item.text)
        lonely = len(rows) > 1 and min(rows.values()) == 1 and len(text) > 2
        if len(rows) <= 2 and block.height <= inner and not lonely:
            break
        size -= 0.5
    assert block is not None
    return [
        Circle(cx, cy, BADGE_D / 2, fill=c.accent_dark, stroke=c.white, line_width=1.5),
        *block.at(cx - inner / 2, cy - block.height / 2),
    ]


def _label_rows(case: Case, fonts: Fonts, s: Style, size: float) -> SetBlock:
    """概要 / 効果 / 気づき: a spread label cell beside each section's text."""
    text_w = s.content_w - LABEL_W - 2 * s.pad
    rows = []
    for label, key in SECTIONS:
        body = getattr(case, key)
        if not body:
            continue
        content = set_body(fonts, body, text_w, Type(size, s.colors.ink, leading=s.leading), "○", s.colors.teal)
        h = max(content.height + 2 * s.pad, mm(9))
        lab = spread(fonts, label, mm(13), Type(s.label, s.colors.white, bold=True))
        row = [
            Box(0, 0, LABEL_W, h, fill=s.colors.navy),
            Box(LABEL_W, 0, s.content_w - LABEL_W, h, fill=s.colors.pale),
            *lab.at((LABEL_W - mm(13)) / 2, (h - lab.height) / 2),
            *content.at(LABEL_W + s.pad, s.pad),
        ]
        rows.append(SetBlock(s.content_w, h, tuple(row), content.lines))
    return stack(rows, mm(1))


def _before_after(case: Case, fonts: Fonts, s: Style, width: float, size: float) -> tuple[SetBlock, SetBlock]:
    """The ～これまで～ and ～これから～ columns (heading with 💡 icon, then the body)."""
    c = s.colors
    col_w = (width - ARROW_W - mm(3)) / 2
    out = []
    for title, body, strong in ((BEFORE_TITLE, case.before, c.muted), (AFTER_TITLE, case.after, c.accent_dark)):
        hs = size * 1.1
        head = SetBlock(
            col_w,
            hs * 1.6,
            (
                Icon("bulb", mm(1.5), hs * 0.3, hs, strong),
                Text(mm(1.5) + hs * 1.15, hs * 0.3 + ASCENT * hs, title, hs, strong, bold=True),
                Rule(0, hs * 1.6, col_w, hs * 1.6, strong, 1.2),
            ),
            1,
        )
        text = set_body(fonts, body, col_w - 2 * s.pad, Type(size, c.ink, leading=s.leading), "■", strong)
        out.append(stack([head, SetBlock(col_w, text.height + mm(3), tuple(text.at(s.pad, mm(1.5))), text.lines)]))
    return out[0], out[1]


@dataclass(frozen=True)
class MiddlePlan:
    """How the middle zone is shared: before/after and blocks[:split] left, photos and the rest right."""

    left_w: float
    before: SetBlock
    after: SetBlock
    left_blocks: tuple[SetBlock, ...]
    right_blocks: tuple[SetBlock, ...]
    photos_min: float
    fits: bool
    need: float  # the height the fuller column needs


def _plan_middle(case: Case, fonts: Fonts, s: Style, f: Frame, size: float) -> MiddlePlan:
    has_right = bool(case.photos or case.blocks)
    left_w = f.w * 0.53 if has_right else f.w
    right_w = f.w - left_w - s.gap
    before, after = _before_after(case, fonts, s, left_w, size)
    ba_h = max(before.height, after.height)
    photos_min = photos.min_height(case, fonts, s, right_w) if case.photos else 0.0
    block_size = size * 0.92
    lefts = [layout_block(b, fonts, left_w, block_size, s) for b in case.blocks]
    rights = [layout_block(b, fonts, right_w, block_size, s) for b in case.blocks] if has_right else []
    best: MiddlePlan | None = None
    best_score = math.inf
    for split in range(len(case.blocks) + 1) if has_right else [0]:
        left = ba_h + sum(s.gap + b.height for b in lefts[:split])
        blocks_right = sum(b.height for b in rights[split:]) + s.gap * max(0, len(rights[split:]) - 1)
        right = blocks_right + (photos_min + (s.gap if rights[split:] else 0.0) if case.photos else 0.0)
        need = max(left, right)
        plan = MiddlePlan(left_w, before, after, tuple(lefts[:split]), tuple(rights[split:]), photos_min, need <= f.h + 1e-6, need)
        score = _emptiness(case, fonts, s, f, right_w, left, right, blocks_right)
        if best is None or (plan.fits, -score) > (best.fits, -best_score) or (not best.fits and need < best.need):
            best, best_score = plan, score
    assert best is not None
    return best


def _emptiness(case: Case, fonts: Fonts, s: Style, f: Frame, right_w: float, left: float, right: float, blocks_right: float) -> float:
    """How much of the two columns would stay empty (squared, so that one very empty column costs most).

    Before/after boxes stretch to fill the left column, so its empty room shows as blank tint; photos
    grow into the room the right column has left.
    """
    if case.photos and right <= f.h:
        room = f.h - blocks_right - (s.gap if blocks_right else 0.0)
        grid = photos.best_grid(case, fonts, s, right_w, room)
        if grid is not None:  # photos at the size they will get, not their minimum
            right = f.h - room + grid.height
    return max(0.0, f.h - left) ** 2 + max(0.0, f.h - right) ** 2


def _draw_middle(case: Case, fonts: Fonts, s: Style, f: Frame, plan: MiddlePlan, report: Report) -> list[Item]:
    c = s.colors
    left_blocks_h = sum(s.gap + b.height for b in plan.left_blocks)
    ba_h = max(f.h - left_blocks_h, max(plan.before.height, plan.after.height))
    col_w = plan.before.width
    items: list[Item] = [
        Box(f.x, f.y, col_w, ba_h, fill=c.pale_neutral),
        Box(f.x + plan.left_w - col_w, f.y, col_w, ba_h, fill=c.pale_accent),
        *plan.before.at(f.x, f.y),
        *plan.after.at(f.x + plan.left_w - col_w, f.y),
        # centred on the text, not on boxes stretched far below it
        arrow_right(f.x + col_w + mm(1.5), f.y + max(plan.before.height, plan.after.height) / 2, ARROW_W, mm(8), c.accent),
    ]
    y = f.y + ba_h
    for block in plan.left_blocks:
        items += block.at(f.x, y + s.gap)
        y += s.gap + block.height
    x, w = f.x + plan.left_w + s.gap, f.w - plan.left_w - s.gap
    column: list[SetBlock] = []
    if case.photos:
        room = f.h - sum(s.gap + b.height for b in plan.right_blocks)
        grid = photos.best_grid(case, fonts, s, w, room) or photos.best_grid(case, fonts, s, w, plan.photos_min)
        if grid is not None:
            column.append(photos.layout_photos(case, fonts, s, grid, w, report))
    column += plan.right_blocks
    return items + _spread_down(column, x, f, s)


def _spread_down(column: list[SetBlock], x: float, f: Frame, s: Style) -> list[Item]:
    """Stack a column's parts; room left over widens the gaps so the column ends level with its
    neighbour (the left column's boxes always reach the bottom) instead of stopping short."""
    used = sum(part.height for part in column) + s.gap * max(0, len(column) - 1)
    extra = (f.h - used) / (len(column) - 1) if len(column) > 1 and f.h > used else 0.0
    items: list[Item] = []
    y = f.y
    for part in column:
        items += part.at(x, y)
        y += part.height + s.gap + extra
    return items


def _culprit(case: Case, rows: SetBlock, plan: MiddlePlan) -> tuple[str, str, str]:
    """The YAML key, zone name and advice for the zone that takes the most room on a crowded page."""
    if rows.height > plan.need:
        key = max(("overview", "effects", "notes"), key=lambda k: len(str(getattr(case, k))))
        return key, N_("概要/効果/気づき"), N_("文章を短くするか、一部を blocks に移してください。")
    if plan.left_blocks or max(plan.before.height, plan.after.height) >= plan.need - 1e-6:
        key = "before" if plan.before.height >= plan.after.height else "after"
        return key, N_("～これまで～/～これから～"), N_("項目を短くするか、一部を notes に移してください。")
    return "blocks", N_("写真と追加の枠"), N_("枠か写真を 1 つ減らすか、枠の文章を短くしてください。")


def _folio(fonts: Fonts, s: Style, folio: int) -> list[Item]:
    text = str(folio)
    w = fonts.width(text, s.folio)
    return [Text((s.page_w - w) / 2, s.page_h - FOLIO_BASELINE, text, s.folio, s.colors.muted)]


def _note_fit(report: Report, case: Case, key: str, zone: str, fitted, base: float, floor: float, hint: str) -> None:
    if fitted.over > 0:
        report.overflow(case.where(key), zone, fitted.lines_over, floor, hint)
    elif fitted.size < base:
        report.shrunk(case.where(key), zone, fitted.size, base)
