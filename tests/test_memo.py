"""The layout memo: same pages with or without it, only changed cases laid out again."""

from __future__ import annotations

from pathlib import Path

import pytest

import casebook_pdf.layout as layout_package
from casebook_pdf.build import build
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
    for entry in (tmp_path / "layout").rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert layout_edition(edition, FONTS, memo=memo) == expected


def test_cached_and_uncached_builds_give_the_same_bytes(tmp_path: Path) -> None:
    build(BUNDLED, tmp_path / "a.pdf", cache_dir=tmp_path / "cache")
    build(BUNDLED, tmp_path / "b.pdf", cache_dir=tmp_path / "cache")
    build(BUNDLED, tmp_path / "c.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes() == (tmp_path / "c.pdf").read_bytes()
