"""Composition, measured on the laid-out frames of the bundled, second and stress editions.

What a proof-reader checks by eye, as numbers: tinted boxes carry text rather than empty colour,
blocks in a column are one gap apart, the folio has its own zone, type stays on the scale and at
8 pt or more, and every text colour reads at WCAG AA (4.5:1) on whatever is painted behind it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook_pdf.fonts import load_fonts
from casebook_pdf.frames import Box, Circle, Color, Group, Item, Link, Page, Picture, Text, flatten, leaves, mm
from casebook_pdf.layout.edition import layout_edition
from casebook_pdf.layout.style import STYLE
from casebook_pdf.layout.textset import ASCENT
from casebook_pdf.load.edition import load_edition
from tests.conftest import BUNDLED, ROOT, SECOND

FONTS = load_fonts()
STRESS = ROOT / "examples" / "stress"
EDITIONS = {
    "bundled": BUNDLED,
    "second": SECOND,
    "sparse": STRESS / "sparse" / "casebook.yaml",
    "full": STRESS / "full" / "casebook.yaml",
    "many": STRESS / "many" / "casebook.yaml",
}


@pytest.fixture(scope="module", params=sorted(EDITIONS), ids=sorted(EDITIONS))
def laid(request: pytest.FixtureRequest):
    return layout_edition(load_edition(EDITIONS[request.param]), FONTS)


def _case_pages(laid) -> list[Page]:
    return [p for p in laid.pages if p.key.startswith("case-")]


def _luminance(c: Color) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Color, b: Color) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _text_box(t: Text) -> tuple[float, float, float, float]:
    w = FONTS.width(t.text, t.size, t.bold)
    if t.angle:
        return (t.x - t.size * 0.2, t.y, t.x + t.size, t.y + w)
    return (t.x, t.y - ASCENT * t.size, t.x + w, t.y + (1 - ASCENT) * t.size)


def _behind(painted: list[Item], x: float, y: float) -> Color:
    """The colour last painted under the point (x, y), white paper if nothing was."""
    for item in reversed(painted):
        if isinstance(item, Box) and item.x <= x <= item.x + item.w and item.y <= y <= item.y + item.h:
            return item.fill  # type: ignore[return-value]
        if isinstance(item, Circle) and (x - item.cx) ** 2 + (y - item.cy) ** 2 <= item.r**2:
            return item.fill  # type: ignore[return-value]
    return (1.0, 1.0, 1.0)


def test_contrast_table_is_right() -> None:
    assert contrast((0, 0, 0), (1, 1, 1)) == pytest.approx(21.0)
    assert contrast((1, 1, 1), (1, 1, 1)) == pytest.approx(1.0)


def test_every_text_colour_reads_at_wcag_aa_on_what_is_behind_it(laid) -> None:
    for page in laid.pages:
        painted: list[Item] = []
        for item in flatten(page.items):
            if isinstance(item, (Box, Circle)) and item.fill is not None:
                painted.append(item)
            elif isinstance(item, Text) and item.text.strip():
                x0, y0, x1, y1 = _text_box(item)
                back = _behind(painted, (x0 + x1) / 2, (y0 + y1) / 2)
                ratio = contrast(item.color, back)
                assert ratio >= 4.5, f"{page.key}: {item.text!r} at {ratio:.2f}:1"


def test_type_stays_on_the_scale_and_never_under_8_pt(laid) -> None:
    scale = set(STYLE.scale.steps) | {STYLE.scale.cover}
    for page in laid.pages:
        sizes = {item.size for item in flatten(page.items) if isinstance(item, Text)}
        assert min(sizes) >= STYLE.scale.floor, (page.key, sorted(sizes))
        assert len(sizes) <= 6, (page.key, sorted(sizes))
        if not laid.warnings:  # nothing shrunk to fit: every size is one of the scale
            assert sizes <= scale, (page.key, sorted(sizes - scale))


def test_folio_has_its_own_zone_5_mm_clear_of_the_last_row(laid) -> None:
    for page in _case_pages(laid):
        items = list(flatten(page.items))
        folio = items[-1]  # drawn last
        assert isinstance(folio, Text) and folio.text == page.key.split("-")[1]
        rest = [i for i in items if i is not folio and isinstance(i, (Box, Text, Picture))]
        bottom = max(i.y + i.h if isinstance(i, (Box, Picture)) else _text_box(i)[3] for i in rest)
        assert _text_box(folio)[1] - bottom >= mm(5) - 0.01, page.key


def _fill_is_tint(c: Color | None) -> bool:
    return c is not None and min(c) > 0.85 and c != (1.0, 1.0, 1.0)


def test_no_tinted_box_is_more_than_half_empty_unless_at_its_minimum(laid) -> None:
    minimum = STYLE.case.box_min
    for page in _case_pages(laid):
        items = list(flatten(page.items))
        texts = [_text_box(t) for t in items if isinstance(t, Text)]
        for box in items:
            if not isinstance(box, Box) or not _fill_is_tint(box.fill) or box.h <= minimum + 0.01:
                continue
            inside = [t for t in texts if box.x <= (t[0] + t[2]) / 2 <= box.x + box.w and box.y <= (t[1] + t[3]) / 2 <= box.y + box.h]
            if not inside:
                continue
            used = max(t[3] for t in inside) - box.y
            assert used >= box.h / 2, f"{page.key}: box at y={box.y / mm(1):.0f} mm, {box.h / mm(1):.0f} mm tall, text ends {used / mm(1):.0f} mm down"


def _extent(item: Item) -> tuple[float, float, float, float]:
    boxes = []
    for leaf in flatten([item]):
        if isinstance(leaf, Text):
            boxes.append(_text_box(leaf))
        elif isinstance(leaf, (Box, Picture)):
            boxes.append((leaf.x, leaf.y, leaf.x + leaf.w, leaf.y + leaf.h))
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _modules(page: Page) -> list[list[float]]:
    """The middle zone's modules as [x0, top, x1, bottom]: boxes and blocks narrower than the page,
    those that overlap merged (a before/after box and its text are one module)."""
    found: list[list[float]] = []
    # The middle zone starts with the ～これまで～ box (header, headline and badge lie above it).
    middle_top = min(i.y for i in page.items if isinstance(i, Box) and i.fill == STYLE.colors.pale_neutral)
    for item in page.items:
        if isinstance(item, Group) and any(isinstance(leaf, (Text, Box, Picture)) for leaf in leaves(item.items)):
            x0, y0, x1, y1 = _extent(item)
        elif isinstance(item, Box) and item.fill is not None:
            x0, y0, x1, y1 = item.x, item.y, item.x + item.w, item.y + item.h
        else:
            continue
        if x1 - x0 > 0.9 * STYLE.content_w or y0 < middle_top - 0.5:
            continue  # header band, headline, badge, label rows
        for m in found:
            if x0 < m[2] - 0.5 and x1 > m[0] + 0.5 and y0 < m[3] - 0.5 and y1 > m[1] + 0.5:
                m[0], m[1], m[2], m[3] = min(m[0], x0), min(m[1], y0), max(m[2], x1), max(m[3], y1)
                break
        else:
            found.append([x0, y0, x1, y1])
    return found


def test_blocks_in_a_column_stack_one_gap_apart(laid) -> None:
    """Each module sits one gap under the lowest module above it in its column: no holes."""
    for page in _case_pages(laid):
        mods = _modules(page)
        for m in mods:
            above = [o[3] for o in mods if o is not m and o[3] <= m[1] + 0.5 and o[0] < m[2] - 1 and o[2] > m[0] + 1]
            if above:  # glyph boxes sit a little inside their line pitch, hence the tolerance
                gap = m[1] - max(above)
                assert STYLE.gap - 1.0 <= gap <= STYLE.gap + 6.0, f"{page.key}: module at x={m[0]:.0f}, y={m[1]:.0f}: gap {gap:.1f} pt"


def test_a_case_without_headline_has_no_headline_band_or_rule() -> None:
    page = _case_pages(layout_edition(load_edition(EDITIONS["sparse"]), FONTS))[0]
    from casebook_pdf.frames import Rule

    assert not [r for r in flatten(page.items) if isinstance(r, Rule) and r.dash]


def test_a_sparse_page_takes_a_larger_type_tier_and_a_full_page_keeps_the_body_size() -> None:
    sparse = _case_pages(layout_edition(load_edition(EDITIONS["sparse"]), FONTS))[0]
    bundled = _case_pages(layout_edition(load_edition(BUNDLED), FONTS))[0]

    def body_size(page: Page) -> float:  # the size most of the page's characters are set in
        counts: dict[float, int] = {}
        for t in flatten(page.items):
            if isinstance(t, Text):
                counts[t.size] = counts.get(t.size, 0) + len(t.text)
        return max(counts, key=lambda size: counts[size])

    assert body_size(sparse) > STYLE.scale.body
    assert body_size(bundled) == STYLE.scale.body


def test_badge_text_breaks_onto_lines_before_it_shrinks() -> None:
    from casebook_pdf.layout.case import badge_text

    for text in ("WLBも充実", "移動時間ゼロ", "テレワークで時間短縮"):
        block = badge_text(FONTS, text, STYLE)
        sizes = {t.size for t in flatten(block.items) if isinstance(t, Text)}
        lines = {round(t.y, 1) for t in flatten(block.items) if isinstance(t, Text)}
        assert min(sizes) >= STYLE.scale.floor
        if len(text) <= 6:
            assert sizes == {STYLE.scale.body} and len(lines) >= 2, text


def test_stress_editions_hold_their_promises() -> None:
    """The stress data stays what it claims: one line per field, 12 full cases, 30 cases."""
    sparse = load_edition(EDITIONS["sparse"])
    assert len(sparse.cases) == 1 and not sparse.cases[0].photos and not sparse.cases[0].blocks and not sparse.cases[0].headline
    full = load_edition(EDITIONS["full"])
    assert len(full.cases) == 12 and all(c.photos and c.blocks and c.badge and c.notes for c in full.cases)
    many = load_edition(EDITIONS["many"])
    assert len(many.cases) == 30
    assert sorted(len(getattr(col, "tools", ())) for col in many.tools if hasattr(col, "tools")) == [1, 6]


def test_wide_arrangement_without_photos_puts_blocks_under_before_after(tmp_path: Path) -> None:
    page = _case_pages(layout_edition(load_edition(BUNDLED), FONTS))[2]  # case 3: blocks, no photo
    assert not [p for p in flatten(page.items) if isinstance(p, Picture)]
    boxes = [b for b in flatten(page.items) if isinstance(b, Box) and b.fill in (STYLE.colors.pale_neutral, STYLE.colors.pale_accent)]
    before, after = sorted(boxes[:2], key=lambda b: b.x)
    assert after.x + after.w == pytest.approx(STYLE.page_w - STYLE.margin_x)


def _contents_pages(key: str) -> list[Page]:
    laid = layout_edition(load_edition(EDITIONS[key]), FONTS)
    return [p for p in laid.pages if p.key.startswith("contents-")]


@pytest.mark.parametrize("key, pages, rows", [("sparse", 1, 1), ("full", 1, 12), ("many", 3, 30)])
def test_contents_rows_share_the_pages_evenly_and_use_them(key: str, pages: int, rows: int) -> None:
    found = _contents_pages(key)
    assert len(found) == pages
    links = [[i for i in flatten(p.items) if isinstance(i, Link)] for p in found]
    assert sum(len(page_links) for page_links in links) == rows
    assert max(len(x) for x in links) - min(len(x) for x in links) <= 1, "rows shared evenly"
    if rows >= 12:  # a full table reaches down into the last fifth of the page
        for page in found:
            bottom = max(i.y + i.h for i in flatten(page.items) if isinstance(i, Link))
            assert bottom >= STYLE.page_h * 0.8, page.key


@pytest.mark.parametrize("key", ["sparse", "bundled"])
def test_a_short_contents_table_sits_under_its_heading_not_in_the_middle_of_the_page(key: str) -> None:
    """One or a few rows: the table starts at most drop_max below table_top, where a fuller table starts."""
    page = _contents_pages(key)[0]
    top = min(r.y for r in flatten(page.items) if isinstance(r, Box) and r.y >= STYLE.contents.table_top)
    assert STYLE.contents.table_top <= top <= STYLE.contents.table_top + STYLE.contents.drop_max + 0.01


def test_contents_header_has_two_tiers_vertical_labels_captions_and_leaders() -> None:
    from casebook_pdf.frames import Rule
    from casebook_pdf.layout.contents import NO_TOOL, PAGE_CAPTION, TITLE_CAPTION, TOOLS_HEADING

    page = _contents_pages("many")[0]
    edition = load_edition(EDITIONS["many"])
    texts = [t for t in flatten(page.items) if isinstance(t, Text)]
    strings = [t.text for t in texts]
    assert strings.count(TOOLS_HEADING) == 1 and TITLE_CAPTION in strings and PAGE_CAPTION in strings
    groups = [col.label for col in edition.tools if hasattr(col, "tools")]
    heading = next(t for t in texts if t.text == TOOLS_HEADING)
    for label in groups:  # each group heading once, on the tier under 活用ツール
        (g,) = [t for t in texts if t.text == label]
        assert g.y > heading.y
    # Every tool label at one size: Latin turned 90°, Japanese upright one character a line.
    latin = [t for t in texts if t.text in {"Teams", "DOWKAI", "DoCHAT", "Mail", "Zoom", "OPSWAT"}]
    assert len(latin) == 6 and all(t.angle == 90.0 for t in latin)
    header_bottom = min(i.y for i in flatten(page.items) if isinstance(i, Link))
    label_sizes = {t.size for t in latin} | {t.size for t in texts if t.text in set("公用スマホ総合文書管理") and t.y < header_bottom}
    assert len(label_sizes) == 1
    # Rows without a tool say so; every row has a dotted leader.
    no_tool = sum(1 for case in edition.cases[:10] if not case.tools)
    assert strings.count(NO_TOOL) == no_tool > 0
    leaders = [r for r in flatten(page.items) if isinstance(r, Rule) and r.dash]
    assert len(leaders) == 10


@pytest.mark.parametrize(
    "text, lines",
    [("移動時間ゼロ", ["移動", "時間", "ゼロ"]), ("WLBも充実", ["WLB", "も充実"]), ("印刷ゼロ", ["印刷", "ゼロ"])],
)
def test_badge_lines_break_between_words(text: str, lines: list[str]) -> None:
    from casebook_pdf.layout.case import badge_text

    block = badge_text(FONTS, text, STYLE)
    rows: dict[float, list[Text]] = {}
    for t in flatten(block.items):
        if isinstance(t, Text):
            rows.setdefault(round(t.y, 1), []).append(t)
    assert ["".join(t.text for t in sorted(row, key=lambda t: t.x)) for _, row in sorted(rows.items())] == lines


def test_a_single_block_without_photos_spans_the_page_under_both_boxes(tmp_path: Path) -> None:
    from tests.editions import CASE, make_edition

    text = CASE + "blocks:\n  - type: flow\n    steps: [紙の回覧, スキャン, 庁内チャット, [全員が閲覧, 保存]]\n"
    page = _case_pages(layout_edition(load_edition(make_edition(tmp_path, {"01-test.yaml": text})), FONTS))[0]
    tints = [b for b in page.items if isinstance(b, Box) and b.fill in (STYLE.colors.pale_neutral, STYLE.colors.pale_accent)]
    boxes_bottom = max(b.y + b.h for b in tints)
    from casebook_pdf.frames import Polygon

    (flow,) = [g for g in page.items if isinstance(g, Group) and any(isinstance(i, Polygon) for i in leaves(g.items))]
    x0, y0, x1, _ = _extent(flow)
    assert x0 == pytest.approx(STYLE.margin_x, abs=0.5) and x1 - x0 > 0.95 * STYLE.content_w
    assert y0 - boxes_bottom == pytest.approx(STYLE.gap, abs=0.5)
