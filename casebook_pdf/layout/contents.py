"""The contents pages (目次): one row per case with its page number, beside the tool matrix.

Rows link to their case pages. Tool labels too long for a narrow column, and group headings, are set
vertically. Long editions continue on further contents pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from casebook_pdf.era import fullwidth
from casebook_pdf.fonts import Fonts
from casebook_pdf.frames import Box, Circle, Item, Link, Page, Rule, Text, mm
from casebook_pdf.layout.report import Report
from casebook_pdf.layout.style import Style
from casebook_pdf.messages import N_
from casebook_pdf.layout.textset import ASCENT, Type, fit, set_spans
from casebook_pdf.layout.vertical import set_vertical
from casebook_pdf.model import Edition, Tool, ToolGroup
from casebook_pdf.text.inline import Span

HEADING_SIZE = 22.0
ROW_SIZE = 13.0
ROW_FLOOR = 9.0
LABEL_SIZE = 9.0
LATIN_FLOOR = 6.5  # a Latin name that would need less stands turned 90°
LABEL_PAD = mm(1.2)
TOOL_COL = mm(14)
GROUP_COL = mm(7)
PAGE_COL = mm(16)
HEADER_H = mm(36)
ROW_H = mm(22)
MIN_ROW_H = mm(9)


@dataclass(frozen=True)
class Column:
    """A matrix column: a tool (with its id) or the narrow strip carrying a group heading."""

    x: float
    w: float
    tool: Tool | None
    group: str | None = None


def _columns(edition: Edition, right: float) -> list[Column]:
    widths: list[tuple[float, Tool | None, str | None]] = []
    for col in edition.tools:
        if isinstance(col, ToolGroup):
            widths.append((GROUP_COL, None, col.label))
            widths.extend((TOOL_COL, t, None) for t in col.tools)
        else:
            widths.append((TOOL_COL, col, None))
    x = right - sum(w for w, _, _ in widths)
    out = []
    for w, tool, group in widths:
        out.append(Column(x, w, tool, group))
        x += w
    return out


def latin_label_size(fonts: Fonts, columns: list[Column]) -> float:
    """One size for every upright Latin tool name: the largest at which all that can stand upright fit."""
    sizes = [
        min(LABEL_SIZE, (col.w - 2 * LABEL_PAD) / fonts.width(col.tool.label, 1.0, True))
        for col in columns
        if col.tool is not None and col.tool.label.isascii()
    ]
    upright = [size for size in sizes if size >= LATIN_FLOOR]
    return min(upright, default=LABEL_SIZE)


def _header_label(fonts: Fonts, col: Column, top: float, s: Style, latin_size: float) -> list[Item]:
    c = s.colors
    pad = mm(3)
    if col.group is not None:
        block = set_vertical(fonts, col.group, HEADER_H - 2 * pad, LABEL_SIZE, c.white, bold=True)
        items: list[Item] = [Box(col.x, top, col.w, HEADER_H, fill=c.teal)]
        return items + block.at(col.x + (col.w - block.width) / 2, top + (HEADER_H - block.height) / 2)
    label = col.tool.label  # type: ignore[union-attr]
    room = col.w - 2 * LABEL_PAD
    natural = fonts.width(label, 1.0, True)
    size = latin_size if label.isascii() else LABEL_SIZE
    if natural * size <= room + 1e-6:
        x = col.x + (col.w - natural * size) / 2
        return [Text(x, top + HEADER_H / 2 + size * 0.35, label, size, c.navy, bold=True)]
    if not label.isascii():
        block = set_vertical(fonts, label, HEADER_H - 2 * pad, LABEL_SIZE, c.navy, bold=True)
        return block.at(col.x + (col.w - block.width) / 2, top + (HEADER_H - block.height) / 2)
    # A long Latin label reads turned 90° clockwise, as Latin words do in vertical Japanese text.
    size = min(LABEL_SIZE, (HEADER_H - 2 * pad) / natural)
    x = col.x + (col.w - size) / 2 + size * 0.12
    return [Text(x, top + (HEADER_H - natural * size) / 2, label, size, c.navy, bold=True, angle=90.0)]


def _rows_per_page(avail: float, count: int) -> tuple[int, float]:
    """How many rows fit a page, and their height (shrinking rows before adding pages)."""
    if count * MIN_ROW_H <= avail:
        return count, min(ROW_H, avail / count)
    per_page = max(1, int(avail // MIN_ROW_H))
    rows = min(per_page, count)
    return rows, max(MIN_ROW_H, min(ROW_H, avail / rows))


def layout_contents(edition: Edition, fonts: Fonts, s: Style, first_case_page: int, report: Report | None = None) -> list[Page]:
    """The contents pages; rows link to page index first_case_page + n."""
    c = s.colors
    x0, right = s.margin_x, s.page_w - s.margin_x
    columns = _columns(edition, right)
    matrix_left = columns[0].x if columns else right
    entry_w = matrix_left - PAGE_COL - x0
    table_top = mm(34)
    avail = s.page_h - s.margin_bottom - table_top - HEADER_H
    per_page, row_h = _rows_per_page(avail, len(edition.cases))
    pages: list[Page] = []
    for start in range(0, len(edition.cases), per_page):
        items: list[Item] = _heading(fonts, s, start > 0)
        items += _table_header(fonts, s, columns, x0, entry_w, table_top)
        y = table_top + HEADER_H
        for n in range(start, min(start + per_page, len(edition.cases))):
            items += _row(fonts, s, edition, n, columns, x0, entry_w, y, row_h, first_case_page + n, report)
            y += row_h
        items.append(Rule(x0, y, right, y, c.navy, 1.0))
        pages.append(Page(s.page_w, s.page_h, tuple(items), key=f"contents-{len(pages) + 1}"))
    return pages


def _heading(fonts: Fonts, s: Style, continued: bool) -> list[Item]:
    c = s.colors
    title = "目次" + ("（続き）" if continued else "")
    top = mm(12)
    return [
        Box(s.margin_x, top, mm(2.2), HEADING_SIZE * 1.2, fill=c.teal),
        Text(s.margin_x + mm(5), top + ASCENT * HEADING_SIZE + HEADING_SIZE * 0.1, title, HEADING_SIZE, c.navy, bold=True),
    ]


def _table_header(fonts: Fonts, s: Style, columns: list[Column], x0: float, entry_w: float, top: float) -> list[Item]:
    c = s.colors
    right = s.page_w - s.margin_x
    items: list[Item] = [Box(x0, top, right - x0, HEADER_H, fill=c.pale)]
    items.append(Rule(x0, top, right, top, c.navy, 1.0))
    items.append(Rule(x0, top + HEADER_H, right, top + HEADER_H, c.navy, 0.8))
    latin_size = latin_label_size(fonts, columns)
    for col in columns:
        items.append(Rule(col.x, top, col.x, top + HEADER_H, c.line, 0.5))
        items += _header_label(fonts, col, top, s, latin_size)
    return items


def _row(fonts, s: Style, edition: Edition, n: int, columns, x0, entry_w, y, row_h, target: int, report: Report | None) -> list[Item]:
    c = s.colors
    case = edition.cases[n]
    right = s.page_w - s.margin_x
    items: list[Item] = []
    if n % 2:
        items.append(Box(x0, y, right - x0, row_h, fill=c.pale))
    pad = mm(3)
    spans = [Span(f"【{case.category}】", True), Span(case.title)]
    t = Type(ROW_SIZE, c.navy, align="left", leading=1.3)
    fitted = fit(lambda size: set_spans(fonts, spans, entry_w - 2 * pad, t.scaled(size)), row_h - mm(2), ROW_SIZE, ROW_FLOOR, 1.3)
    if report is not None and fitted.over > 0:
        report.overflow(case.where("title"), N_("目次の行"), fitted.lines_over, ROW_FLOOR, N_("題名か分類を短くしてください。"))
    block = fitted.block
    items += block.at(x0 + pad, y + (row_h - block.height) / 2)
    folio = fullwidth(str(n + 1))
    size = min(ROW_SIZE, fitted.size + 1)
    fw = fonts.width(folio, size, True)
    items.append(Text(x0 + entry_w + PAGE_COL - pad - fw, y + row_h / 2 + size * 0.35, folio, size, c.navy, bold=True))
    used = set(case.tools)
    for col in columns:
        items.append(Rule(col.x, y, col.x, y + row_h, c.line, 0.5))
        if col.group is not None:
            items.append(Box(col.x, y, col.w, row_h, fill=c.pale_teal))
        elif col.tool is not None and col.tool.id in used:
            items.append(Circle(col.x + col.w / 2, y + row_h / 2, mm(2.1), fill=c.navy))
    items.append(Rule(x0, y + row_h, right, y + row_h, c.line, 0.5))
    items.append(Link(x0, y, entry_w + PAGE_COL, row_h, target))
    return items
