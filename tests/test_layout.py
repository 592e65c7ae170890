"""Layout, tested with numbers: positions and sizes on the laid-out pages, no PDF involved."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from casebook_pdf.fonts import load_fonts
from casebook_pdf.frames import flatten, Box, Link, Picture, Text, mm
from casebook_pdf.layout.edition import layout_edition
from casebook_pdf.layout.style import STYLE
from casebook_pdf.layout.textset import ASCENT, Type, fit, set_marked, set_text, spread
from casebook_pdf.layout.vertical import split_columns
from casebook_pdf.load.edition import load_edition
from tests.conftest import BUNDLED, SECOND

FONTS = load_fonts()


STRESS = BUNDLED.parent.parent / "examples" / "stress"


@pytest.fixture(
    scope="module",
    params=[BUNDLED, SECOND, *(STRESS / name / "casebook.yaml" for name in ("sparse", "full", "many"))],
    ids=["bundled", "second", "sparse", "full", "many"],
)
def laid(request: pytest.FixtureRequest):
    return layout_edition(load_edition(request.param), FONTS)


def _text_box(t: Text) -> tuple[float, float, float, float]:
    w = FONTS.width(t.text, t.size, t.bold)
    if t.angle:
        return (t.x - t.size * 0.2, t.y, t.x + t.size, t.y + w)
    return (t.x, t.y - ASCENT * t.size, t.x + w, t.y + (1 - ASCENT) * t.size)


def test_everything_lies_on_the_page(laid) -> None:
    for page in laid.pages:
        for item in flatten(page.items):
            if isinstance(item, Text):
                x0, y0, x1, y1 = _text_box(item)
                assert 0 <= x0 and x1 <= page.width + 0.01 and 0 <= y0 and y1 <= page.height, item
            elif isinstance(item, (Box, Picture, Link)):
                assert item.x >= -0.01 and item.x + item.w <= page.width + 0.01, item
                assert item.y >= -0.01 and item.y + item.h <= page.height + 0.01, item


def test_text_stays_within_the_margins_on_case_pages(laid) -> None:
    for page in laid.pages[2:]:
        for item in flatten(page.items):
            if isinstance(item, Text):
                x0, y0, x1, y1 = _text_box(item)
                assert STYLE.margin_x - 0.01 <= x0 and x1 <= page.width - STYLE.margin_x + 0.5, item
                assert y0 >= STYLE.margin_top - 0.01, item


def test_no_text_overlaps_other_text(laid) -> None:
    for page in laid.pages:
        texts = sorted((t for t in flatten(page.items) if isinstance(t, Text)), key=lambda t: _text_box(t)[1])
        for ta, tb in itertools.combinations(texts, 2):
            a, b = _text_box(ta), _text_box(tb)
            if b[1] >= a[3] - 0.3:
                continue
            # Punctuation set with its blank half compressed (。」) may touch its neighbour's em box.
            slack = 0.15 * max(ta.size, tb.size)
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert overlap_x < slack or overlap_y < 0.3, (ta, tb)


def test_cover_contents_then_one_page_per_case_with_folios(laid) -> None:
    pages = laid.pages
    contents = [p for p in pages if p.key.startswith("contents")]
    assert pages[0].key == "cover" and list(pages[1 : 1 + len(contents)]) == contents
    for n, page in enumerate(pages[1 + len(contents) :], start=1):
        assert page.key == f"case-{n}"
        folio = [t for t in flatten(page.items) if isinstance(t, Text) and t.y > page.height - mm(8)]
        assert [t.text for t in folio] == [str(n)]


def test_contents_rows_link_to_the_case_pages(laid) -> None:
    contents = [p for p in laid.pages if p.key.startswith("contents")]
    links = [item.target for page in contents for item in flatten(page.items) if isinstance(item, Link)]
    assert links == list(range(1 + len(contents), len(laid.pages)))


def test_fit_shrinks_in_half_points_and_reports_what_is_over() -> None:
    text = "公用スマホを活用した。" * 30
    t = Type(10.0, (0, 0, 0))
    make = lambda size: set_text(FONTS, text, mm(100), t.scaled(size))  # noqa: E731
    natural = make(10.0).height
    fitted = fit(make, natural - 1, 10.0, 8.0)
    assert fitted.size == 9.5 and fitted.over == 0
    hopeless = fit(make, 20.0, 10.0, 8.0)
    assert hopeless.size == 8.0 and hopeless.over > 0 and hopeless.lines_over >= 1


def test_spread_label_fills_its_width_exactly() -> None:
    block = spread(FONTS, "概要", mm(13), Type(10.5, (1, 1, 1), bold=True))
    texts = list(flatten(block.items))
    first, last = texts[0], texts[-1]
    assert first.x == pytest.approx(0)
    assert last.x + FONTS.width(last.text, 10.5, True) == pytest.approx(mm(13))
    three = spread(FONTS, "気づき", mm(13), Type(10.5, (1, 1, 1), bold=True))
    assert list(flatten(three.items))[-1].x + FONTS.width("き", 10.5, True) == pytest.approx(mm(13))


def test_bullet_continuation_lines_hang_under_the_text() -> None:
    t = Type(10.0, (0, 0, 0))
    block = set_marked(FONTS, "・", "原子力防災訓練では、様々な場所に分かれて同時並行的に訓練が行われている。" * 2, mm(60), t)
    texts = [i for i in flatten(block.items) if isinstance(i, Text)]
    mark, body = texts[0], texts[1:]
    indent = FONTS.width("・", 10.0)
    line_starts = {}
    for item in body:
        line_starts.setdefault(round(item.y, 2), item.x)
    assert mark.x == 0
    assert len(line_starts) >= 3
    assert all(x == pytest.approx(indent) for x in line_starts.values())


def test_vertical_columns_break_where_the_script_changes() -> None:
    assert split_columns("総合文書管理システム", 9) == ["総合文書管理", "システム"]
    assert split_columns("その他", 9) == ["その他"]
    assert all(len(c) <= 4 for c in split_columns("あいうえおかきくけこ", 4))


def test_schedule_segments_are_proportional_to_time() -> None:
    edition = load_edition(BUNDLED)
    page = layout_edition(edition, FONTS).pages[4]
    labels = {t.text: t for t in flatten(page.items) if isinstance(t, Text) and ":" in t.text}
    x = {k: v.x + FONTS.width(k, v.size) / 2 for k, v in labels.items()}
    hour = x["13:00"] - x["12:00"]
    assert x["15:30"] - x["13:00"] == pytest.approx(2.5 * hour, rel=0.02)
    assert x["12:00"] - x["11:00"] == pytest.approx(hour, rel=0.02)


def test_photos_keep_their_frames_inside_the_right_column() -> None:
    page = layout_edition(load_edition(BUNDLED), FONTS).pages[2]
    pictures = [p for p in flatten(page.items) if isinstance(p, Picture)]
    assert len(pictures) == 3
    for p in pictures:
        assert p.w / p.h == pytest.approx(4 / 3, rel=0.01)
        assert p.x > page.width * 0.5


def _one_case(tmp_path: Path, **changes: str):
    from tests.editions import CASE, make_edition

    text = CASE
    for old, new in changes.items():
        text = text.replace(old, new)
    return load_edition(make_edition(tmp_path, {"01-test.yaml": text}))


def test_crowded_page_shrinks_with_a_warning_naming_the_zone(tmp_path: Path) -> None:
    long_item = "これまでは紙の資料を回覧し、確認までに数日を要していた。" * 40
    laid = layout_edition(_one_case(tmp_path, **{"これまでは紙で回覧していた。": long_item}), FONTS)
    assert len(laid.warnings) == 1
    warning = laid.warnings[0]
    assert warning.path == "before" and warning.line == 5 and "10 pt から" in warning.message


def test_hopeless_text_fails_naming_file_path_and_lines_over(tmp_path: Path) -> None:
    from casebook_pdf.errors import FitError

    long_item = "これまでは紙の資料を回覧し、確認までに数日を要していた。" * 70
    with pytest.raises(FitError) as caught:
        layout_edition(_one_case(tmp_path, **{"これまでは紙で回覧していた。": long_item}), FONTS)
    issue = caught.value.issues[0]
    assert issue.file.name == "01-test.yaml" and issue.path == "before"
    assert "8 pt まで小さくしても" in issue.message and "行あふれます" in issue.message


def test_case_pages_are_handed_over_as_laid_out_and_warnings_stay_in_page_order(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Case pages are laid out before the cover and contents (a build starts their pictures meanwhile);
    what the user reads still comes in page order: the contents' warnings before the cases'."""
    from casebook_pdf.errors import Issue
    from casebook_pdf.layout import edition as layout

    real = layout.layout_contents

    def contents(*args, report=None, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if report is not None:
            report.warnings.append(Issue(tmp_path / "casebook.yaml", 1, "cases", "目次の警告"))
        return real(*args, report=report, **kwargs)

    monkeypatch.setattr(layout, "layout_contents", contents)
    handed: list = []
    long_item = "これまでは紙の資料を回覧し、確認までに数日を要していた。" * 40
    laid = layout_edition(_one_case(tmp_path, **{"これまでは紙で回覧していた。": long_item}), FONTS, on_case_page=handed.append)
    assert handed == [laid.pages[-1]] and handed[0].key == "case-1"
    assert [w.message for w in laid.warnings][0] == "目次の警告" and laid.warnings[1].path == "before"
