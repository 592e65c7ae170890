"""The font chain: bundled faces, advance widths and glyph coverage."""

from __future__ import annotations

import dataclasses

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


def test_missing_answers_the_same_once_characters_are_known_drawable() -> None:
    """missing() remembers drawable characters; a text of them and one missing character still names it."""
    fonts = dataclasses.replace(FONTS, _drawable=set())
    assert fonts.missing("訓練配信") == []
    assert fonts.missing("訓練配信") == []  # all known now
    assert fonts.missing("訓😀練\U0001F9EA配😀") == ["😀", "\U0001F9EA"]
    assert fonts.missing("訓😀練") == ["😀"]  # a missing character is never remembered as drawable


def test_vertical_forms_font_holds_the_designed_vertical_glyphs() -> None:
    from fontTools.ttLib import TTFont

    for ch in "ーッャ「」、。":
        assert FONTS.has_vertical_form(ch), ch
    assert not FONTS.has_vertical_form("A")
    vertical = TTFont(font_dir() / "BIZUDPGothic-Vertical-Regular.ttf")
    regular = TTFont(font_dir() / "BIZUDPGothic-Regular.ttf")
    # the outline under ー in the vertical font is the one the regular font's 'vert' feature names
    from tools.make_vertical_fonts import vertical_map

    def outline(font: TTFont, glyph: str) -> list:
        return list(font["glyf"][glyph].getCoordinates(font["glyf"])[0])

    turned = outline(vertical, vertical.getBestCmap()[ord("ー")])
    assert turned == outline(regular, vertical_map(regular)[ord("ー")])
    assert turned != outline(regular, regular.getBestCmap()[ord("ー")])


def test_vertical_layout_uses_vertical_forms_for_small_kana_and_long_vowel() -> None:
    from casebook_pdf.frames import Text, flatten
    from casebook_pdf.layout.vertical import set_vertical

    block = set_vertical(FONTS, "チャット・ボード", 200, 9.0, (0, 0, 0))
    texts = {t.text: t for t in flatten(block.items) if isinstance(t, Text)}
    assert texts["ャ"].face == texts["ッ"].face == texts["ー"].face == "vertical"
