"""The layout memo: same pages with or without it, only changed cases laid out again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import casebook_pdf.layout.edition as layout_package
from casebook_pdf.build import build
from casebook_pdf.errors import FitError
from casebook_pdf.fonts import load_fonts
from casebook_pdf.layout.edition import layout_edition
from casebook_pdf.layout.memo import LayoutMemo
from casebook_pdf.errors import Issue
from casebook_pdf.frames import Box, Circle, Group, Icon, Link, Page, Picture, Polygon, Rule, Text, flatten, pictures_in
from casebook_pdf.model import Where
from casebook_pdf.load.edition import load_edition
from tests.conftest import BUNDLED
from tests.editions import CASE, make_edition

FONTS = load_fonts()


def test_memoised_pages_equal_fresh_ones(tmp_path: Path) -> None:
    edition = load_edition(BUNDLED)
    fresh = layout_edition(edition, FONTS)
    memo = LayoutMemo(tmp_path / "layout")
    first = layout_edition(edition, FONTS, memo=memo)
    again = layout_edition(edition, FONTS, memo=memo)
    assert first == fresh and again == fresh


def test_only_changed_cases_are_laid_out_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = {"01-a.yaml": CASE, "02-b.yaml": CASE.replace("テストの事例", "二つ目の事例")}
    edition_file = make_edition(tmp_path, cases)
    memo = LayoutMemo(tmp_path / "cache")
    layout_edition(load_edition(edition_file), FONTS, memo=memo)
    calls: list[str] = []
    real = layout_package.layout_case
    monkeypatch.setattr(layout_package, "layout_case", lambda case, *a: calls.append(case.title) or real(case, *a))
    (tmp_path / "data" / "cases" / "02-b.yaml").write_text(cases["02-b.yaml"].replace("時間が短縮", "作業が短縮"), encoding="utf-8")
    layout_edition(load_edition(edition_file), FONTS, memo=memo)
    assert calls == ["二つ目の事例"]


def test_damaged_memo_entries_are_misses(tmp_path: Path) -> None:
    edition = load_edition(BUNDLED)
    memo = LayoutMemo(tmp_path / "layout")
    expected = layout_edition(edition, FONTS, memo=memo)
    entries = list((tmp_path / "layout").rglob("*.json"))
    assert entries
    for n, entry in enumerate(entries):
        entry.write_text(['not json', '{"$": "system", "command": "echo hacked"}', '[1, 2'][n % 3], encoding="utf-8")
    assert layout_edition(edition, FONTS, memo=memo) == expected


def test_cached_and_uncached_builds_give_the_same_bytes(tmp_path: Path) -> None:
    build(BUNDLED, tmp_path / "a.pdf", cache_dir=tmp_path / "cache")
    build(BUNDLED, tmp_path / "b.pdf", cache_dir=tmp_path / "cache")
    build(BUNDLED, tmp_path / "c.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes() == (tmp_path / "c.pdf").read_bytes()


def test_entries_are_plain_json_that_cannot_name_other_classes(tmp_path: Path) -> None:
    from casebook_pdf.layout.memo import decode

    layout_edition(load_edition(BUNDLED), FONTS, memo=LayoutMemo(tmp_path / "layout"))
    for entry in (tmp_path / "layout").rglob("*.json"):
        tag, first, *_ = json.loads(entry.read_text(encoding="utf-8"))  # (page or pages, warnings, errors)
        assert tag == "t"
        assert all(page[0] == "Page" for page in (first[1:] if first[0] == "t" else [first]))
    with pytest.raises(KeyError):
        decode(["Popen", "echo hacked"])


def test_the_key_covers_the_style_whose_repr_it_keeps(tmp_path: Path) -> None:
    import dataclasses

    from casebook_pdf.layout.style import STYLE

    memo = LayoutMemo(tmp_path)
    same = dataclasses.replace(STYLE)
    other = dataclasses.replace(STYLE, contents=dataclasses.replace(STYLE.contents, row_max=STYLE.contents.row_max + 1))
    assert memo.key("case", 1, STYLE) == memo.key("case", 1, same) == LayoutMemo(tmp_path).key("case", 1, STYLE)
    assert memo.key("case", 1, other) != memo.key("case", 1, STYLE)
    assert memo.key("case", 1, STYLE) != memo.key("case", 2, STYLE)


def test_the_key_covers_line_numbers(tmp_path: Path) -> None:
    """A comment line added above a text moves the line its message names, with the cache warm."""
    long = "公用スマホで情報を共有した。" * 200  # over its box: an error naming overview's line
    # Bodies as text, not lists: list items carry their own lines, which would change the key anyway.
    text_only = CASE.replace("before:\n  - ", "before: ").replace("after:\n  - ", "after: ")
    case_file = tmp_path / "data" / "cases" / "01-test.yaml"
    edition = make_edition(tmp_path, {"01-test.yaml": text_only.replace("公用スマホを活用した事例。", long)})

    def overview_lines() -> list[int | None]:
        with pytest.raises(FitError) as caught:
            build(edition, tmp_path / "a.pdf", cache_dir=tmp_path / "cache")
        return [i.line for i in caught.value.issues if i.path == "overview"]

    assert overview_lines() == [7]
    case_file.write_text("# 注記を 1 行足した\n" + case_file.read_text(encoding="utf-8"), encoding="utf-8")
    assert overview_lines() == [8]


# ---- the encoding of entries ----

def _every_item() -> Page:
    where = Where(Path("data/cases/01.yaml"), 12, "photos[0].image")
    white, red = (1.0, 1.0, 1.0), (0.8, 0.1, 0.1)
    inner = (Text(1.5, 2.0, "字", 9.0, red, bold=True, face="vertical"), Text(0, 2.0, "A", 9.0, red, angle=90.0),
             Rule(0, 0.0, 5, 5.5, white, 0.25, (1.0, 2.0, 3.0, 4.0, 5.0)))
    items = (
        Text(10.25, 20.5, "「", 12.0, white), Text(22.25, 20.5, "」", 12.0, (1.0, 1.0, 1.0), face="mark"),
        Box(0, 0.0, 100.5, 20, fill=red, stroke=None, role="band"), Box(0.0, 0, 3.0, 4.0, None, white, 1.0, 2.0, "tone-bad"),
        Rule(1.0, 2.0, 3.0, 4.0, red),
        Polygon(((0.0, 0.0), (10.0, 0.0), (5, 8.5)), fill=white), Polygon(((1.0, 1.0), (2.0, 2.0)), stroke=red),
        Circle(5.0, 5.0, 2.5, fill=red), Circle(6, 6, 1, stroke=white, line_width=0.75),
        Picture(1.0, 2.0, 30.0, 40.0, Path("images/a.png"), "contain", where), Picture(1.0, 2.0, 30.0, 40.0, Path("b.jpg")),
        Icon("bulb", 3.0, 4.0, 10.0, red), Icon("arrow", 3.0, 4.0, 12.0, white),
        Link(0.0, 0.0, 10.0, 10.0, target=3), Link(0.0, 0.0, 10.0, 10.0, uri="https://example.com/"),
        Group(4.0, 5, inner), Group(0, 0.0, (Group(1.0, 1.0, inner), Group(2.0, 2.0, ()))),
    )
    return Page(841.9, 595.3, items, bookmark="事例", key="case-1")


def test_every_item_class_comes_back_equal_and_of_the_same_types(tmp_path: Path) -> None:
    page = _every_item()
    issues = [Issue(Path("a.yaml"), 3, "title", "長すぎます。", None), Issue(None, None, None, "x", "y")]
    memo = LayoutMemo(tmp_path)
    memo.put("k", (page, issues, []))
    back, warnings, errors = memo.get("k")  # type: ignore[misc]
    assert back == page and warnings == issues and errors == []
    assert back.items.pictures == tuple(pictures_in(page.items))
    for old, new in zip(flatten(page.items), flatten(back.items), strict=True):
        assert [type(v) for v in vars(old).values()] == [type(v) for v in vars(new).values()]  # 0 stays an int
    groups = [item for item in back.items if isinstance(item, Group)]
    assert type(groups[0].items) is tuple and groups[1].items[1].items == ()
    colours = [item.color for item in back.items[:2]]
    assert colours[0] is colours[1]  # equal values of a page are one object


def test_damaged_entries_are_misses(tmp_path: Path) -> None:
    memo = LayoutMemo(tmp_path)
    memo.put("k", (_every_item(), [], []))
    good = memo._file("k").read_text(encoding="utf-8")
    assert '"Where"' in good
    packed = json.loads(good)[1][3][1]
    damaged = [
        good[: len(good) // 2],
        good.replace(packed, packed[:40] + ("A" if packed[40] != "A" else "B") + packed[41:]),  # items changed, CRC not
        good.replace('"Page"', '"Popen"'),  # a class outside the list
        good.replace('"Where"', '"subprocess.Popen"'),  # a class outside the list, in the pictures
        good.replace('["p",', '["Path",'),
        '{"$": "system", "command": "echo hacked"}',
        '["t", {"$": "Page"}, ["l"], ["l"]]',
        "",
    ]
    for text in damaged:
        memo._file("k").write_text(text, encoding="utf-8")
        assert memo.get("k") is None, text[:80]


def test_items_naming_no_listed_class_or_out_of_shape_do_not_decode(tmp_path: Path) -> None:
    from casebook_pdf.layout.memo import _columns, _items, pack

    items = _every_item().items
    shape, columns = _columns(items)
    assert _items(pack(json.dumps([shape, columns]))) == items
    for bad in ([shape[:-1], columns], [shape + [0], columns], [[1, 99], columns], [[1, -1], columns],
                [shape, columns[:-1]], [shape, [["x", []]] + columns[1:]], [shape, [[["f", "AAAA"]]] + columns[1:]],
                [shape, [[["d", ["s", ["a"]], "B", "BQ=="]]] + columns[1:]],  # index 5 of one value
                [shape, [[["d", ["s", ["a"]], "Q", "AAAAAAAAAAA="]]] + columns[1:]]):
        with pytest.raises((ValueError, TypeError, IndexError, KeyError)):
            _items(pack(json.dumps(bad)))


def test_what_the_memo_cannot_store_is_not_written(tmp_path: Path) -> None:
    memo = LayoutMemo(tmp_path)
    memo.put("k", (Page(1.0, 1.0, (object(),)), [], []))
    memo.put("l", (Page(1.0, 1.0, (Group(0.0, 0.0, [Text(0.0, 0.0, "a", 1.0, (0.0, 0.0, 0.0))]),)), [], []))  # type: ignore[arg-type]
    assert memo.get("k") is None and memo.get("l") is None


def test_numbers_are_written_little_endian_on_any_machine() -> None:
    import array
    import base64

    from casebook_pdf.layout.memo import _bytes, _numbers

    assert base64.b64decode(_bytes(array.array("H", [1, 258]))) == b"\x01\x00\x02\x01"
    assert base64.b64decode(_bytes(array.array("d", [1.0]))) == b"\x00\x00\x00\x00\x00\x00\xf0\x3f"
    assert _numbers("d", _bytes(array.array("d", [-0.0, 2.5]))).tolist() == [-0.0, 2.5]
