"""The layout memo: same pages with or without it, only changed cases laid out again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import casebook_pdf.layout as layout_package
from casebook_pdf.build import build
from casebook_pdf.errors import FitError
from casebook_pdf.fonts import load_fonts
from casebook_pdf.layout import layout_edition
from casebook_pdf.layout.memo import LayoutMemo
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
        first = json.loads(entry.read_text(encoding="utf-8"))["t"][0]  # a case page, or the contents pages
        assert all(page["$"] == "Page" for page in first.get("t", [first]))
    with pytest.raises(KeyError):
        decode({"$": "Popen", "args": "echo hacked"})


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
