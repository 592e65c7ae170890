"""A case page: header band, headline, before/after, photos and blocks, label rows, folio.

Composition is driven by content. Every box takes the height its text needs (a before/after box at
least `CaseGrid.box_min`); blocks stack from the top of their column with one gap between them; the
label rows follow the middle zone. What room is left on the page goes, in this order, to a larger
type tier (a sparse page is set at 11 or 13 pt), to the photos, to a calmer rhythm (wider zone gaps)
and finally to centring the content between the header band and the folio zone, never to empty tint.

Two arrangements: with photos, before/after and some blocks on the left and the photos with the rest
on the right; without photos, before/after across the whole width and the blocks in two columns under
it. A crowded page shrinks its body text in half points to the floor, with a warning.
"""

from __future__ import annotations

import math
from typing import Callable

from casebook_pdf.fonts import Fonts
from casebook_pdf.frames import Box, Circle, Icon, Item, Page, Rule, Text, flatten, mm
from casebook_pdf.layout import photos
from casebook_pdf.layout.blocks import arrow_right, layout_block
from casebook_pdf.layout.report import Report
from casebook_pdf.layout.style import Style
from casebook_pdf.messages import N_
from casebook_pdf.layout.textset import ASCENT, SetBlock, Type, fit, indented, set_body, set_spans, set_text, spread, stack
from casebook_pdf.model import Case
from casebook_pdf.record import record
from casebook_pdf.text.inline import Span

BEFORE_TITLE = "～これまで～"
AFTER_TITLE = "～これから～"
SECTIONS = (("概要", "overview"), ("効果", "effects"), ("気づき", "notes"))
# A larger type tier is taken only if the page stays at most this full with it (13 pt, 11 pt);
# with photos the bar is lower, since the photos are the first to take a page's spare room.
SPARSE_FILL = {13.0: 0.9, 11.0: 0.95}
SPARSE_FILL_PHOTOS = {13.0: 0.7, 11.0: 0.8}


@record
class Frame:
    x: float
    y: float
    w: float
    h: float


def layout_case(case: Case, fonts: Fonts, s: Style, folio: int, report: Report) -> Page:
    g = s.case
    items: list[Item] = []
    top = s.margin_top
    items += _header(case, fonts, s, top, report)
    top += g.band_h + g.band_rule
    head_h = g.headline_h if case.headline or case.badge else 0.0
    area = Frame(s.margin_x, top + s.gap, s.content_w, s.page_h - s.margin_bottom - top - s.gap)
    items += _body(case, fonts, s, area, head_h, report)
    items += _folio(fonts, s, folio)
    return Page(s.page_w, s.page_h, tuple(items), bookmark=f"{folio}. 【{case.category}】{case.title}", key=f"case-{folio}")


@record
class Tier:
    """The sizes a page is set in: body text, and one step down and up the scale from it."""

    body: float
    small: float  # blocks, captions, notes
    lead: float  # before/after headings, section labels, block titles


def _tier(s: Style, body: float) -> Tier:
    return Tier(body, min(s.scale.below(body), body), min(s.scale.above(body), s.scale.heading))


def _tiers(s: Style) -> list[float]:
    """Body sizes to try, largest first: two steps up for sparse pages, then the body size, then
    half-point shrinking down to the floor."""
    sizes = [s.scale.heading, s.scale.lead, s.scale.body]
    size = s.scale.body - 0.5
    while size >= s.scale.floor - 1e-6:
        sizes.append(size)
        size -= 0.5
    return sizes


def _body(case: Case, fonts: Fonts, s: Style, area: Frame, head_h: float, report: Report) -> list[Item]:
    """Choose the type tier, then place headline, middle and label rows with the spare room shared out."""
    chosen = None
    for size in _tiers(s):
        tier = _tier(s, size)
        rows = _label_rows(case, fonts, s, tier)
        room = area.h - head_h - (s.gap if head_h else 0.0) - rows.height - s.gap
        bar = (SPARSE_FILL_PHOTOS if case.photos else SPARSE_FILL).get(size, 0.0)
        sparse = size > s.scale.body
        if sparse and _need(s, head_h, _middle_floor(case, fonts, s, area.w, tier), rows) > area.h * bar:
            continue  # too full for the larger tier whichever plan is chosen: no need to plan it
        plan = _plan_middle(case, fonts, s, area.w, room, tier)
        need = _need(s, head_h, plan.need, rows)
        chosen = (tier, rows, plan, room, need)
        if sparse and need > area.h * bar:
            continue
        if plan.need <= room + 1e-6:
            break
    assert chosen is not None
    tier, rows, plan, room, need = chosen
    if plan.need > room + 1e-6 or tier.body < s.scale.body:
        key, zone, hint = _culprit(case, rows, plan)
        if plan.need <= room + 1e-6:
            report.shrunk(case.where(key), zone, tier.body, s.scale.body)
        else:
            over = plan.need - room
            report.overflow(case.where(key), zone, max(1, math.ceil(over / (tier.body * s.leading))), s.scale.floor, hint)
    middle_h = plan.grown_height(room)
    spare = max(0.0, room - middle_h)
    # Spare room: first a calmer rhythm (the zone gaps grow up to rhythm_max), then centring the
    # body (middle and label rows) in the room under the headline, which stays with the header band;
    # boxes never grow into empty tint.
    n_gaps = 2 if head_h else 1
    grow = min(spare / n_gaps, s.gaps.rhythm_max - s.gap)
    gap = s.gap + grow
    offset = (spare - grow * n_gaps) / 2
    y = area.y
    items: list[Item] = []
    if head_h:
        items += _headline(case, fonts, s, y, head_h, report)
        y += head_h + gap
    y += offset
    items += _draw_middle(case, fonts, s, Frame(area.x, y, area.w, middle_h), plan, report)
    y += middle_h + gap
    items += rows.at(area.x, y)
    return items


def _need(s: Style, head_h: float, middle_h: float, rows: SetBlock) -> float:
    """The height of the page's body: headline, middle zone and label rows with the gaps between them."""
    return head_h + (s.gap if head_h else 0.0) + middle_h + s.gap + rows.height


def _header(case: Case, fonts: Fonts, s: Style, top: float, report: Report) -> list[Item]:
    c, g, x0, w = s.colors, s.case, s.margin_x, s.content_w
    pad = mm(4)
    items: list[Item] = [Box(x0, top, w, g.band_h, fill=c.navy), Box(x0, top + g.band_h, w, g.band_rule, fill=c.teal)]
    dept_size = s.scale.body
    dept = set_text(fonts, case.department, w * 0.38, Type(dept_size, c.white, align="right", leading=1.25))
    dept_w = min(fonts.width(case.department, dept_size), w * 0.38)
    spans = [Span(f"【{case.category}】"), Span(case.title)]
    title_w = w - 2 * pad - dept_w - mm(6)
    size, floor = s.scale.title, s.scale.lead
    t = Type(size, c.white, bold=True, align="left", leading=1.2)
    fitted = fit(lambda sz: set_spans(fonts, spans, title_w, t.scaled(sz)), g.band_h - mm(2), size, floor, 1.2)
    _note_fit(report, case, "title", N_("ページの見出し"), fitted, size, floor, N_("題名か担当部署を短くしてください。"))
    items += fitted.block.at(x0 + pad, top + (g.band_h - fitted.block.height) / 2)
    items += dept.at(x0 + w - pad - w * 0.38, top + (g.band_h - dept.height) / 2)
    return items


def _headline(case: Case, fonts: Fonts, s: Style, top: float, row_h: float, report: Report) -> list[Item]:
    """The headline with its arrow mark and a dashed rule under it; the badge at the right. Only drawn
    for a case that has a headline or a badge (an absent headline closes its band)."""
    c, g, x0, w = s.colors, s.case, s.margin_x, s.content_w
    items: list[Item] = []
    text_w = w - (g.badge_d + mm(4) if case.badge else 0)
    headline = case.headline
    if headline:
        size, floor = s.scale.title, s.scale.lead
        t = Type(size, c.teal_ink, bold=True, align="left", leading=1.25)
        mark = size * 1.1
        fitted = fit(lambda sz: set_text(fonts, headline, text_w - mark, t.scaled(sz)), row_h, size, floor, 1.25)
        _note_fit(report, case, "headline", N_("題名の下の見出し"), fitted, size, floor, N_("headline を短くしてください。"))
        y = top + (row_h - fitted.block.height) / 2
        items.append(Icon("arrow", x0, y + (fitted.size * 1.25 - fitted.size) / 2, fitted.size, c.accent))
        items += fitted.block.at(x0 + mark, y)
        items.append(Rule(x0, top + row_h, x0 + text_w, top + row_h, c.line, 0.6, (2, 2)))
    if case.badge:
        items += _badge(case.badge, fonts, s, x0 + w - g.badge_d / 2, top + row_h / 2)
    return items


def _script(ch: str) -> str:
    code = ord(ch)
    if 0x3040 <= code <= 0x309F:
        return "hiragana"
    if 0x30A0 <= code <= 0x30FF:
        return "katakana"
    if 0x4E00 <= code <= 0x9FFF or ch in "々〆":
        return "kanji"
    return "latin" if ch.isascii() and ch.isalnum() else "other"


def badge_words(text: str) -> list[str]:
    """A short badge cut into words without a dictionary: where the script changes, hiragana kept
    with the word before it (WLBも|充実), a long kanji run cut into two-character compounds (移動|時間)."""
    runs: list[str] = []
    for ch in text:
        if runs and (_script(ch) == _script(runs[-1][-1]) or _script(ch) in ("hiragana", "other")):
            runs[-1] += ch
        else:
            runs.append(ch)
    words: list[str] = []
    for run in runs:
        if _script(run[0]) == "kanji" and len(run) > 3:
            head = len(run) - len(run.rstrip("ぁ-ゟ"))  # trailing kana stay on the last piece
            core, tail = run[: len(run) - head], run[len(run) - head :]
            pieces = [core[i : i + 2] for i in range(0, len(core), 2)]
            pieces[-1] += tail
            words.extend(pieces)
        else:
            words.append(run)
    return words


def _badge_lines(fonts: Fonts, text: str, width: float, size: float) -> list[str] | None:
    """The badge's words packed into lines no wider than `width`, or None if a word is too wide."""
    lines: list[str] = []
    for word in badge_words(text):
        if fonts.width(word, size, True) > width:
            return None
        if lines and fonts.width(lines[-1] + word, size, True) <= width:
            lines[-1] += word
        else:
            lines.append(word)
    return lines


def badge_text(fonts: Fonts, text: str, s: Style) -> SetBlock:
    """The badge's text at the body size, broken onto up to three lines with no lone last character
    (a narrower measure balances 印刷ゼ|ロ into 印刷|ゼロ); only a badge too long for that steps down,
    in half points, to the floor."""
    inner = s.case.badge_d * 0.74
    size = s.scale.body
    t = Type(size, s.colors.white, bold=True, align="center", leading=1.15)
    lines = _badge_lines(fonts, text, inner, size)
    if lines and len(lines) <= 3 and len(lines) * t.pitch <= inner * 1.05:
        block = set_text(fonts, "\n".join(lines), inner, t)
        if block.lines == len(lines):  # no line wider than measured (和欧間 is added when set)
            return block
    while True:
        for k in range(10, 3, -1):  # the full measure first, then narrower ones to balance the lines
            block = set_text(fonts, text, inner * k / 10, Type(size, s.colors.white, bold=True, align="center", leading=1.15))
            rows: dict[float, int] = {}
            for item in flatten(block.items):
                if isinstance(item, Text):
                    rows[round(item.y, 1)] = rows.get(round(item.y, 1), 0) + len(item.text)
            lonely = len(rows) > 1 and min(rows.values()) == 1 and len(text) > 2
            if len(rows) <= 3 and block.height <= inner * 1.05 and not lonely:
                return block
        if size - 0.5 < s.scale.floor - 1e-6:
            return block
        size -= 0.5


def _badge(text: str, fonts: Fonts, s: Style, cx: float, cy: float) -> list[Item]:
    c, d = s.colors, s.case.badge_d
    block = badge_text(fonts, text, s)
    return [
        Circle(cx, cy, d / 2, fill=c.accent_dark, stroke=c.white, line_width=1.5),
        *block.at(cx - block.width / 2, cy - block.height / 2),
    ]


def _label_rows(case: Case, fonts: Fonts, s: Style, tier: Tier) -> SetBlock:
    """概要 / 効果 / 気づき: a spread label cell beside each section's text."""
    c, g = s.colors, s.case
    text_w = s.content_w - g.label_w - 2 * s.pad
    label_size = tier.lead
    label_w = min(g.label_w - 2 * s.pad, max(mm(13), 3 * label_size * 1.2))
    rows = []
    for label, key in SECTIONS:
        body = getattr(case, key)
        if not body:
            continue
        content = set_body(fonts, body, text_w, Type(tier.body, c.ink, leading=s.leading), "○", c.teal_ink)
        h = max(content.height + 2 * s.pad, g.label_row_min)
        rows.append(SetBlock(s.content_w, h, lines=content.lines, make=_label_row(fonts, s, label, label_w, label_size, content, h)))
    return stack(rows, s.gaps.row)


def _label_row(
    fonts: Fonts, s: Style, label: str, label_w: float, label_size: float, content: SetBlock, h: float
) -> Callable[[], list[Item]]:
    """What makes the items of one label row: the label cell and the section's text beside it."""
    c, g = s.colors, s.case

    def make() -> list[Item]:
        lab = spread(fonts, label, label_w, Type(label_size, c.white, bold=True))
        return [
            Box(0, 0, g.label_w, h, fill=c.navy),
            Box(g.label_w, 0, s.content_w - g.label_w, h, fill=c.pale),
            *lab.at((g.label_w - label_w) / 2, (h - lab.height) / 2),
            *content.at(g.label_w + s.pad, (h - content.height) / 2),
        ]

    return make


def _before_after(case: Case, fonts: Fonts, s: Style, width: float, tier: Tier) -> tuple[SetBlock, SetBlock]:
    """The ～これまで～ and ～これから～ columns (heading with 💡 icon, then the body), unboxed."""
    c = s.colors
    col_w = (width - s.case.arrow_w - mm(3)) / 2
    out = []
    for title, body, strong, ink in (
        (BEFORE_TITLE, case.before, c.muted, c.muted),
        (AFTER_TITLE, case.after, c.accent_dark, c.accent_ink),
    ):
        hs = tier.lead
        head = SetBlock(
            col_w,
            hs * 1.6,
            (
                Icon("bulb", mm(1.5), hs * 0.3, hs, ink),
                Text(mm(1.5) + hs * 1.15, hs * 0.3 + ASCENT * hs, title, hs, ink, bold=True),
                Rule(0, hs * 1.6, col_w, hs * 1.6, strong, 1.2),
            ),
            1,
        )
        text = set_body(fonts, body, col_w - 2 * s.pad, Type(tier.body, c.ink, leading=s.leading), "■", ink)
        out.append(stack([head, indented(text, s.pad, col_w, text.height + mm(1.5) + s.pad, mm(1.5))]))
    return out[0], out[1]


@record
class Plan:
    """How the middle zone is shared out.

    wide: before/after span the whole width and the blocks sit under them in two columns;
    otherwise before/after and `left_blocks` fill the left column, photos and `right_blocks` the right.
    """

    wide: bool
    left_w: float
    right_w: float
    tier: Tier
    before: SetBlock
    after: SetBlock
    left_blocks: tuple[SetBlock, ...]
    right_blocks: tuple[SetBlock, ...]
    photos_min: float
    captions: photos.Captions | None  # with photos: their captions' heights, measured once per width
    has_photos: bool
    gap: float
    box_min: float
    case: Case
    fonts: Fonts
    style: Style
    span: bool = False  # wide, with its one block across the whole width under both boxes

    @property
    def box_h(self) -> float:
        """The taller before/after box: its text, at least the minimum."""
        return max(self.before.height, self.after.height, self.box_min)

    def box_heights(self, target: float | None = None) -> tuple[float, float]:
        """Each box reaches `target` (default: the taller box) only while its text still fills at
        least half of it; a short text keeps a shorter box rather than a box of empty tint."""
        target = self.box_h if target is None else target
        return tuple(  # type: ignore[return-value]
            max(b.height, self.box_min, min(target, 2 * (b.height - self.style.pad - mm(2)))) for b in (self.before, self.after)
        )

    def column_heights(self, photos_h: float | None = None) -> tuple[float, float]:
        g = self.gap
        left = sum(g + b.height for b in self.left_blocks)
        right = sum(g + b.height for b in self.right_blocks)
        if self.wide:  # each column: its before/after box, then its blocks
            before_h, after_h = self.box_heights()
            if self.span:
                return max(before_h, after_h) + left, 0.0
            return before_h + left, after_h + right
        if self.has_photos:
            right += self.photos_min if photos_h is None else photos_h
        else:
            right = max(0.0, right - g)
        return self.box_h + left, right

    @property
    def need(self) -> float:
        return max(self.column_heights())

    def photo_grid(self, room: float) -> photos.Grid | None:
        """The largest photo grid the right column has room for (None: no photos, or no room)."""
        if not self.has_photos:
            return None
        blocks = sum(self.gap + b.height for b in self.right_blocks)
        assert self.captions is not None
        return photos.best_grid(self.case, self.style, self.right_w, room - blocks, self.captions)

    def photos_h(self, room: float) -> float:
        grid = self.photo_grid(room)
        return grid.height if grid else self.photos_min

    def grown_height(self, room: float) -> float:
        """The middle zone's height once the photos have grown into the room the page leaves."""
        left, right = self.column_heights(self.photos_h(room) if self.has_photos else None)
        return max(left, right)


def _middle_floor(case: Case, fonts: Fonts, s: Style, width: float, tier: Tier) -> float:
    """The least height any plan of the middle zone takes at this tier: the taller before/after box,
    and with photos the row of photos at its smallest (Plan.need is never less)."""
    if not case.photos:
        before, after = _before_after(case, fonts, s, width, tier)
        return max(before.height, after.height, s.case.box_min)
    left_w = width * s.case.left_share
    before, after = _before_after(case, fonts, s, left_w, tier)
    captions = photos.Captions(fonts, s, case.photos, tier.small)
    return max(before.height, after.height, s.case.box_min, photos.min_height(case, s, width - left_w - s.gap, captions))


def _plan_middle(case: Case, fonts: Fonts, s: Style, width: float, room: float, tier: Tier) -> Plan:
    c_min = s.case.box_min
    g = s.gap
    if not case.photos:
        before, after = _before_after(case, fonts, s, width, tier)
        col_w = before.width  # block columns on the before/after grid
        blocks = [layout_block(b, fonts, col_w, tier.small, s) for b in case.blocks]
        best: Plan | None = None
        for split in range(len(blocks) + 1):
            left, right = blocks[:split], blocks[split:]
            if len(case.blocks) > 1 and not left:
                continue
            plan = Plan(True, width, col_w, tier, before, after, tuple(left), tuple(right), 0.0, None, False, g, c_min, case, fonts, s)
            if best is None or plan.need < best.need - 1e-6:
                best = plan
        assert best is not None
        if len(case.blocks) == 1:
            # A single block reads better across the page under both boxes, unless that costs height.
            full = layout_block(case.blocks[0], fonts, width, tier.small, s)
            span = Plan(True, width, width, tier, before, after, (full,), (), 0.0, None, False, g, c_min, case, fonts, s, span=True)
            if span.need <= best.need + mm(10):
                return span
        return best
    left_w = width * s.case.left_share
    right_w = width - left_w - g
    before, after = _before_after(case, fonts, s, left_w, tier)
    captions = photos.Captions(fonts, s, case.photos, tier.small)
    photos_min = photos.min_height(case, s, right_w, captions)
    lefts = [layout_block(b, fonts, left_w, tier.small, s) for b in case.blocks]
    rights = [layout_block(b, fonts, right_w, tier.small, s) for b in case.blocks]
    best = None
    best_key: tuple[float, float] | None = None
    for split in range(len(case.blocks) + 1):
        plan = Plan(False, left_w, right_w, tier, before, after, tuple(lefts[:split]), tuple(rights[split:]), photos_min, captions, True, g, c_min, case, fonts, s)
        # Fit first; then the least white: the page's spare room plus the hole under the shorter
        # column, once the photos have grown into the room they are given.
        left, _ = plan.column_heights()
        left_grown, right_grown = plan.column_heights(plan.photos_h(room))  # the photo grid searched once
        grown = max(left_grown, right_grown)  # plan.grown_height(room)
        white = max(0.0, room - grown) + abs(grown - left) + abs(grown - right_grown)
        key = (0.0 if plan.need <= room + 1e-6 else plan.need, white)
        if best_key is None or key < best_key:
            best, best_key = plan, key
    assert best is not None
    return best




def _draw_middle(case: Case, fonts: Fonts, s: Style, f: Frame, plan: Plan, report: Report) -> list[Item]:
    c, g = s.colors, plan.gap
    col_w = plan.before.width
    after_x = f.x + plan.left_w - col_w
    if plan.wide:
        before_h, after_h = plan.box_heights()
    else:
        # The left column ends level with the right one only when that costs little (box_heights).
        left, _ = plan.column_heights()
        before_h, after_h = plan.box_heights(plan.box_h + max(0.0, f.h - left))
    items: list[Item] = [
        Box(f.x, f.y, col_w, before_h, fill=c.pale_neutral),
        Box(after_x, f.y, col_w, after_h, fill=c.pale_accent),
        *plan.before.at(f.x, f.y),
        *plan.after.at(after_x, f.y),
        arrow_right(f.x + col_w + mm(1.5), f.y + max(plan.before.height, plan.after.height) / 2, s.case.arrow_w, mm(8), c.accent),
    ]
    if plan.span:
        y = f.y + max(before_h, after_h)
        for block in plan.left_blocks:
            items += block.at(f.x, y + g)
            y += g + block.height
        return items
    if plan.wide:
        for x, y, column in ((f.x, f.y + before_h, plan.left_blocks), (after_x, f.y + after_h, plan.right_blocks)):
            for block in column:
                items += block.at(x, y + g)
                y += g + block.height
        return items
    y = f.y + max(before_h, after_h)
    for block in plan.left_blocks:
        items += block.at(f.x, y + g)
        y += g + block.height
    x = f.x + plan.left_w + g
    y = f.y
    grid = plan.photo_grid(f.h)
    if grid is not None:
        part = photos.layout_photos(case, fonts, s, grid, plan.right_w, report, plan.tier.small)
        items += part.at(x, y)
        y += part.height + g
    for block in plan.right_blocks:
        items += block.at(x, y)
        y += block.height + g
    return items


def _culprit(case: Case, rows: SetBlock, plan: Plan) -> tuple[str, str, str]:
    """The YAML key, zone name and advice for the zone that takes the most room on a crowded page."""
    if rows.height > plan.need:
        key = max(("overview", "effects", "notes"), key=lambda k: len(str(getattr(case, k))))
        return key, N_("概要/効果/気づき"), N_("文章を短くするか、一部を blocks に移してください。")
    if plan.left_blocks or max(plan.before.height, plan.after.height) >= plan.need - 1e-6:
        key = "before" if plan.before.height >= plan.after.height else "after"
        return key, N_("～これまで～/～これから～"), N_("項目を短くするか、一部を notes に移してください。")
    return "blocks", N_("写真と追加の枠"), N_("枠か写真を 1 つ減らすか、枠の文章を短くしてください。")


def _folio(fonts: Fonts, s: Style, folio: int) -> list[Item]:
    """The page number, centred in its own zone under the bottom margin."""
    text = str(folio)
    size = s.scale.caption
    w = fonts.width(text, size)
    return [Text((s.page_w - w) / 2, s.page_h - s.page.folio_baseline, text, size, s.colors.muted)]


def _note_fit(report: Report, case: Case, key: str, zone: str, fitted, base: float, floor: float, hint: str) -> None:
    if fitted.over > 0:
        report.overflow(case.where(key), zone, fitted.lines_over, floor, hint)
    elif fitted.size < base:
        report.shrunk(case.where(key), zone, fitted.size, base)
