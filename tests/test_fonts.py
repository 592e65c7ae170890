"""The font chain: bundled faces, advance widths and glyph coverage."""

from __future__ import annotations

import pytest

from casebook_pdf.fonts import ICONS, font_dir, load_fonts

FONTS = load_fonts()


def test_bundled_fonts_and_licence_are_present() -> None:
    folder = font_dir()
    assert (folder / "BIZUDPGothic-Regular.ttf").is_file()
    assert (folder / "BIZUDPGothic-Bold.ttf").is_file()
    assert "SIL Open Font License" in (folder / "OFL.txt").read_text(encoding="utf-8")


def test_fonts_register_once() -> None:
    assert load_fonts() is FONTS


def test_advances_come_from_the_font() -> None:
    assert FONTS.advance("漢", False) == pytest.approx(1.0)
    assert FONTS.advance("、", False) == pytest.approx(0.6, abs=0.01)  # proportional punctuation
    assert FONTS.advance("A", False) < 1.0
    assert FONTS.width("ああ", 10.0) == pytest.approx(2 * 10.0 * FONTS.advance("あ", False))


def test_icons_count_as_covered_and_one_em_wide() -> None:
    for ch in ICONS:
        assert FONTS.covers(ch)
        assert FONTS.advance(ch, True) == 1.0


def test_missing_lists_each_uncovered_character_once() -> None:
    assert FONTS.missing("あ😀い😀\U0001F9EA") == ["😀", "\U0001F9EA"]
    assert FONTS.missing("公用スマホ・ＤｏＭＥＥＴ①〜") == []
