"""The contents pages (目次): one row per case (【category】title, leaders, page number) beside the
tool matrix, whose header has two tiers over the tool labels: 活用ツール over every tool column, then
each group's heading over its own tools.

Tool labels all stand vertical at one size, Latin runs turned 90° as in vertical Japanese. Row height
and type size follow the number of cases, so a short edition does not leave the page two-thirds
empty and a long one continues on further contents pages with rows of equal height. Rows link to
their case pages.
"""

from __future__ import annotations

import math

from casebook_pdf.era import fullwidth
from casebook_pdf.fonts import Fonts
from casebook_pdf.frames import Box, Circle, Item, Link, Page, Rule, Text, flatten, mm
from casebook_pdf.layout.report import Report
from casebook_pdf.layout.style import Style
from casebook_pdf.messages import N_
from casebook_pdf.layout.textset import ASCENT, Type, fit, set_spans
from casebook_pdf.layout.vertical import vertical_label
from casebook_pdf.model import Edition, Tool, ToolGroup
from casebook_pdf.record import record
from casebook_pdf.text.inline import Span

TOOLS_HEADING = "活用ツール"
TITLE_CAPTION = "分野・事例名"
PAGE_CAPTION = "ページ"
NO_TOOL = "—"
LABEL_PAD = mm(2)


@record
class Column:
    """A tool column and, for a grouped tool, its group's heading."""

    x: float
    w: float
    tool: Tool
    group: str | None = None


def _columns(edition: Edition, right: float, s: Style, fonts: Fonts) -> list[Column]:
    """The tool columns, right-aligned: each at least `tool_col` wide, wider where a group heading (or
    the 活用ツール heading over very few tools) would not fit over them at the body size."""
    heading = s.scale.body
    spans: list[tuple[list[Tool], str | None]] = []
    for col in edition.tools:
        if isinstance(col, ToolGroup):
            spans.append((list(col.tools), col.label))
        else:
            spans.append(([col], None))
    count = sum(len(tools) for tools, _ in spans)
    if not count:
        return []
    base = max(s.contents.tool_col, (fonts.width(TOOLS_HEADING, heading, True) + mm(4)) / count)
    widths: list[tuple[Tool, str | None, float]] = []
    for tools, group in spans:
        w = base if group is None else max(base, (fonts.width(group, heading, True) + mm(3)) / len(tools))
        widths.extend((tool, group, w) for tool in tools)
    # The matrix never takes more than 60 % of the width (or its narrowest form): wide headings
    # then step down in size instead of squeezing the titles.
    cap = max(0.6 * s.content_w, count * s.contents.tool_col)
    total = sum(w for _, _, w in widths)
    if total > cap:
        widths = [(tool, group, max(s.contents.tool_col, w * cap / total)) for tool, group, w in widths]
    x = right - sum(w for _, _, w in widths)
    out = []
    for tool, group, w in widths:
        out.append(Column(x, w, tool, group))
        x += w
    return out


@record
class Geometry:
    """Where the table goes on every contents page of this edition."""

    left: float
    right: float
    entry_w: float  # the title column
    columns: tuple[Column, ...]
    top: float
    tiers: tuple[float, ...]  # heights of the header tiers: 活用ツール, group headings (if any), labels
    label_size: float
    row_h: float
    row_size: float
    per_page: int

    @property
    def header_h(self) -> float:
        return sum(self.tiers)


def _geometry(edition: Edition, fonts: Fonts, s: Style) -> Geometry:
    g, sc = s.contents, s.scale
    left, right = s.margin_x, s.page_w - s.margin_x
    columns = _columns(edition, right, s, fonts)
    matrix_left = columns[0].x if columns else right
    entry_w = matrix_left - g.page_col - left
    label_size = sc.body
    longest = max((vertical_label(fonts, c.tool.label, mm(60), label_size, (0, 0, 0)).height for c in columns), default=0.0)
    label_h = min(g.label_h, max(mm(14), longest + 2 * LABEL_PAD))
    grouped = any(c.group for c in columns)
    tiers = (g.group_h, g.group_h, label_h) if grouped else (g.group_h, label_h) if columns else (g.group_h,)
    avail = s.page_h - s.margin_bottom - g.table_top - sum(tiers)
    count = max(1, len(edition.cases))
    per_fit = max(1, int(avail // g.row_min))
    pages = math.ceil(count / per_fit)
    per_page = math.ceil(count / pages)  # rows shared evenly between pages
    row_h = max(g.row_min, min(g.row_max, avail / per_page))
    # Type follows the row: large rows for a short edition, a step above the body for a long one;
    # a larger size only when every entry still fits on one line at it.
    row_size = sc.lead
    for size in (sc.title, sc.heading):
        if row_h >= size * 1.3 + mm(4) and all(
            fonts.width(f"【{case.category}】{case.title}", size, True) <= entry_w - mm(6) for case in edition.cases
        ):
            row_size = size
            break
    return Geometry(left, right, entry_w, tuple(columns), g.table_top, tiers, label_size, row_h, row_size, per_page)


def layout_contents(edition: Edition, fonts: Fonts, s: Style, first_case_page: int, report: Report | None = None) -> list[Page]:
    """The contents pages; rows link to page index first_case_page + n."""
    geo = _geometry(edition, fonts, s)
    pages: list[Page] = []
    cases = edition.cases
    for start in range(0, max(1, len(cases)), geo.per_page):
        rows = range(start, min(start + geo.per_page, len(cases)))
        table_h = geo.header_h + geo.row_h * len(rows)
        # A short table sits a little lower, between the heading and the foot, not under the heading;
        # a table of one or two rows no further than drop_max, or it floats in the middle of the page.
        room = s.page_h - s.margin_bottom - geo.top - table_h
        top = geo.top + min(room / 3, s.contents.drop_max)
        items: list[Item] = _heading(s, start > 0)
        items += _table_header(fonts, s, geo, top)
        y = top + geo.header_h
        for n in rows:
            items += _row(fonts, s, edition, n, geo, y, first_case_page + n, report)
            y += geo.row_h
        items.append(Rule(geo.left, y, geo.right, y, s.colors.navy, 1.0))
        pages.append(Page(s.page_w, s.page_h, tuple(items), key=f"contents-{len(pages) + 1}"))
    return pages


def _heading(s: Style, continued: bool) -> list[Item]:
    c, size = s.colors, s.scale.display
    title = "目次" + ("（続き）" if continued else "")
    top = s.contents.heading_top
    return [
        Box(s.margin_x, top, mm(2.2), size * 1.2, fill=c.teal),
        Text(s.margin_x + mm(5), top + ASCENT * size + size * 0.1, title, size, c.navy, bold=True),
    ]


def _centred_text(fonts: Fonts, text: str, x: float, w: float, y_mid: float, size: float, color, bold: bool = True) -> Text:
    tw = fonts.width(text, size, bold)
    return Text(x + (w - tw) / 2, y_mid + size * (ASCENT - 0.5), text, size, color, bold=bold)


def _table_header(fonts: Fonts, s: Style, geo: Geometry, top: float) -> list[Item]:
    c, sc = s.colors, s.scale
    h = geo.header_h
    items: list[Item] = [Box(geo.left, top, geo.right - geo.left, h, fill=c.pale)]
    cols = geo.columns
    # Captions over the title and page-number columns, on the header's last tier.
    label_top = top + h - geo.tiers[-1]
    cap_y = top + h - LABEL_PAD - sc.caption * (1 - ASCENT)
    items.append(Text(geo.left + mm(3), cap_y, TITLE_CAPTION, sc.caption, c.navy, bold=True))
    pw = fonts.width(PAGE_CAPTION, sc.caption, True)
    page_right = geo.left + geo.entry_w + s.contents.page_col
    items.append(Text(page_right - mm(3) - pw, cap_y, PAGE_CAPTION, sc.caption, c.navy, bold=True))
    if cols:
        x0, x1 = cols[0].x, cols[-1].x + cols[-1].w
        tier = geo.tiers[0]
        items.append(Box(x0, top, x1 - x0, tier, fill=c.navy))
        items.append(_centred_text(fonts, TOOLS_HEADING, x0, x1 - x0, top + tier / 2, sc.body, c.white))
        if len(geo.tiers) == 3:
            y = top + tier
            n = 0
            while n < len(cols):
                m = n
                while m + 1 < len(cols) and cols[m + 1].group == cols[n].group and cols[n].group is not None:
                    m += 1
                if cols[n].group is not None:
                    gx, gw = cols[n].x, cols[m].x + cols[m].w - cols[n].x
                    items.append(Box(gx, y, gw, geo.tiers[1], fill=c.teal))
                    size = min(sc.body, max(sc.floor, (gw - mm(1.5)) / max(1e-6, fonts.width(cols[n].group, 1.0, True))))
                    size = math.floor(size * 2) / 2
                    items.append(_centred_text(fonts, cols[n].group or "", gx, gw, y + geo.tiers[1] / 2, size, c.white))
                    items.append(Rule(gx, y, gx, y + geo.tiers[1], c.white, 0.8))
                n = m + 1
        for i, col in enumerate(cols):
            block = vertical_label(fonts, col.tool.label, geo.tiers[-1] - 2 * LABEL_PAD, geo.label_size, c.navy)
            items += block.at(col.x + (col.w - block.width) / 2, label_top + LABEL_PAD)
            # Rules between tools of one group start under the group's heading.
            inside_group = i > 0 and col.group is not None and cols[i - 1].group == col.group
            ruled_from = top if i == 0 else label_top if inside_group else top + geo.tiers[0]
            items.append(Rule(col.x, ruled_from, col.x, top + h, c.line, 0.5))
    items.append(Rule(geo.left, top, geo.right, top, c.navy, 1.0))
    items.append(Rule(geo.left, top + h, geo.right, top + h, c.navy, 0.8))
    return items


def _row(fonts: Fonts, s: Style, edition: Edition, n: int, geo: Geometry, y: float, target: int, report: Report | None) -> list[Item]:
    c, sc = s.colors, s.scale
    case = edition.cases[n]
    row_h = geo.row_h
    items: list[Item] = []
    if n % 2:
        items.append(Box(geo.left, y, geo.right - geo.left, row_h, fill=c.pale))
    pad = mm(3)
    folio = fullwidth(str(n + 1))
    size = geo.row_size
    page_w = fonts.width(folio, size, True)
    text_w = geo.entry_w - 2 * pad
    spans = [Span(f"【{case.category}】", True), Span(case.title)]
    t = Type(size, c.navy, align="left", leading=1.3)
    fitted = fit(lambda sz: set_spans(fonts, spans, text_w, t.scaled(sz)), row_h - mm(2), size, sc.floor, 1.3)
    if report is not None and fitted.over > 0:
        report.overflow(case.where("title"), N_("目次の行"), fitted.lines_over, sc.floor, N_("題名か分類を短くしてください。"))
    block = fitted.block
    top = y + (row_h - block.height) / 2
    items += block.at(geo.left + pad, top)
    # Leaders from the end of the title's last line to the page number, on that line's baseline.
    texts = [t for t in flatten(block.items) if isinstance(t, Text)]
    baseline = max(t.y for t in texts)
    end = max(t.x + fonts.width(t.text, t.size, t.bold) for t in texts if t.y == baseline)
    page_right = geo.left + geo.entry_w + s.contents.page_col - pad
    line_y = top + baseline
    lead_from, lead_to = geo.left + pad + end + mm(2), page_right - page_w - mm(2)
    if lead_to - lead_from > mm(4):
        items.append(Rule(lead_from, line_y - fitted.size * 0.3, lead_to, line_y - fitted.size * 0.3, c.muted, 1.0, (1.0, 2.5)))
    items.append(Text(page_right - page_w, line_y, folio, size, c.navy, bold=True))
    used = set(case.tools)
    cols = geo.columns
    if cols and not used & {col.tool.id for col in cols}:
        x0, x1 = cols[0].x, cols[-1].x + cols[-1].w
        items.append(Rule(x0, y, x0, y + row_h, c.line, 0.5))
        items.append(_centred_text(fonts, NO_TOOL, x0, x1 - x0, y + row_h / 2, geo.row_size, c.muted, bold=False))
    else:
        for col in cols:
            items.append(Rule(col.x, y, col.x, y + row_h, c.line, 0.5))
            if col.tool.id in used:
                items.append(Circle(col.x + col.w / 2, y + row_h / 2, min(mm(2.1), row_h / 4), fill=c.navy))
    items.append(Rule(geo.left, y + row_h, geo.right, y + row_h, c.line, 0.5))
    items.append(Link(geo.left, y, geo.entry_w + s.contents.page_col, row_h, target))
    return items
