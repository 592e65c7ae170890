"""Tests for casebook_pdf.text.breaking: JLREQ-style line breaking, spacing and justification.

Most tests use a fake font (CJK 1 em, 、。 0.6 em, full-width brackets 0.5 em, Latin 0.55 em,
space 0.33 em) at 10 pt, so positions are easy to reason about; TestRealFont measures with the
bundled BIZ UDPGothic.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook_pdf.text import Piece, Span, TextLine, break_lines, parse_paragraphs
from casebook_pdf.text.inline import parse_inline

SIZE = 10.0
FONTS = Path(__file__).resolve().parent.parent / "fonts"
FULLWIDTH_BRACKETS = "（）「」『』【】〔〕〈〉《》［］｛｝"


class FakeMeasure:
    """A monospace-ish fake: CJK 1.0 em, 、。 0.6, full-width brackets 0.5, Latin 0.55, space 0.33."""

    def __init__(self, bracket: float = 0.5) -> None:
        self.bracket = bracket

    def advance(self, ch: str, bold: bool) -> float:
        if ch in "、。":
            return 0.6
        if ch in FULLWIDTH_BRACKETS:
            return self.bracket
        if ch == " ":
            return 0.33
        if ord(ch) < 0x100:
            return 0.55
        return 1.0


FAKE = FakeMeasure()
WIDE_BRACKETS = FakeMeasure(bracket=1.0)  # a font whose brackets are full-width, blank half included


def em(n: float) -> float:
    return n * SIZE


def lines(text: str, width_em: float, *, justify: bool = True, measure: object = FAKE) -> list[TextLine]:
    return break_lines(parse_inline(text), em(width_em), SIZE, measure, justify=justify)  # type: ignore[arg-type]


def texts(text: str, width_em: float, **kw: object) -> list[str]:
    return [line.text for line in lines(text, width_em, **kw)]  # type: ignore[arg-type]


def piece(line: TextLine, text: str) -> Piece:
    (found,) = [p for p in line.pieces if p.text == text]
    return found


def natural(p: Piece, measure: object = FAKE) -> float:
    return sum(measure.advance(ch, p.bold) for ch in p.text) * SIZE  # type: ignore[attr-defined]


def check_invariants(result: list[TextLine], source: str, width: float) -> None:
    """Lines fit, keep every character in order, and have ordered pieces spelling the line."""
    rest = source
    for line in result:
        assert line.width <= width + 1e-6
        assert line.text == line.text.strip(" ")
        assert "".join(p.text for p in line.pieces) == line.text.replace(" ", "")
        xs = [p.x for p in line.pieces]
        assert xs == sorted(xs)
        rest = rest.lstrip(" ")
        assert rest.startswith(line.text)
        rest = rest[len(line.text) :]
    assert rest.strip(" ") == ""


# --- rule 2 and 3: kinsoku, push-in, push-out -------------------------------------------------

LINE_START_PROHIBITED = (
    "）」』】〕〉》］｝”’)]}、。，．,.・：；！？!?‐ー～〜…‥"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇿ々〻ゝゞヽヾ％%〃"
)
LINE_END_PROHIBITED = "（「『【〔〈《［｛“‘([{"


class TestKinsoku:
    def test_full_stop_pushed_in_when_its_blank_absorbs_the_overflow(self) -> None:
        (line,) = lines("あいうえおかきくけ。", 9.55)
        assert line.width == pytest.approx(em(9.55))
        assert piece(line, "。").x == pytest.approx(em(9))

    def test_push_in_compresses_every_comma_and_stop_proportionally(self) -> None:
        (line,) = lines("あ、いうえおかきく。", 9.05)  # natural 9.2 em, capacity 0.1 + 0.1
        assert line.width == pytest.approx(em(9.05))
        assert piece(line, "い").x - piece(line, "、").x == pytest.approx(em(0.525))

    def test_full_stop_pushes_previous_character_out_when_compression_is_not_enough(self) -> None:
        result = lines("あいうえおかきくけこ。", 10)
        assert [l.text for l in result] == ["あいうえおかきくけ", "こ。"]
        assert result[0].width == pytest.approx(em(10))  # justified after pushing out

    def test_closing_bracket_without_blank_is_pushed_out(self) -> None:
        assert texts("あいうえおかきくけ」", 9.4) == ["あいうえおかきく", "け」"]

    def test_push_in_shrinks_wa_space(self) -> None:
        # あ + 1/4 + A + 。 = 2.4 em; 。 may give 0.1 em and 和欧間 0.125 em.
        for width in (2.3, 2.2):
            (line,) = lines("あA。", width)
            assert line.width == pytest.approx(em(width))
        assert texts("あA。", 2.1) == ["あ", "A。"]

    def test_no_push_in_for_an_ordinary_character(self) -> None:
        assert texts("あいうえおかきくけこさ", 10.05) == ["あいうえおかきくけこ", "さ"]

    @pytest.mark.parametrize("mark", list(LINE_START_PROHIBITED))
    def test_prohibited_characters_never_start_a_line(self, mark: str) -> None:
        source = "あ" * 9 + mark + "いうえお"
        for width in (8.5, 9, 9.3, 10):
            result = lines(source, width)
            check_invariants(result, source, em(width))
            assert all(not l.text.startswith(mark) for l in result[1:]), [l.text for l in result]

    @pytest.mark.parametrize("bracket", list(LINE_END_PROHIBITED))
    def test_opening_brackets_never_end_a_line(self, bracket: str) -> None:
        source = "あ" * 8 + bracket + "いうえお"
        for width in (8.5, 9, 9.3):
            result = lines(source, width)
            check_invariants(result, source, em(width))
            assert all(not l.text.endswith(bracket) for l in result), [l.text for l in result]

    @pytest.mark.parametrize("pair", ["……", "‥‥", "――"])
    def test_inseparable_pairs_stay_together(self, pair: str) -> None:
        source = "あ" * 8 + pair + "いうえ"
        for width in (8.5, 9, 9.5):
            assert any(pair in t for t in texts(source, width))

    def test_chain_longer_than_line_is_forced_apart(self) -> None:
        for source in ("」" * 30, "あ" + "」" * 30, "「" * 30 + "あ", "…" * 12):
            result = lines(source, 3)
            check_invariants(result, source, em(3))
            assert len(result) > 1

    def test_line_narrower_than_a_character_puts_one_per_line(self) -> None:
        assert texts("あいう", 0.5) == ["あ", "い", "う"]


# --- rule 1: units ------------------------------------------------------------------------------


class TestUnits:
    @pytest.mark.parametrize(
        "unit", ["24インチ", "27H", "24V", "17:30", "Wi-Fi", "3.5", "3分", "10時間", "500円", "50%", "２４インチ"]
    )
    def test_units_never_split_when_shorter_than_the_line(self, unit: str) -> None:
        for offset in range(10):
            source = "あ" * offset + unit + "です。"
            result = lines(source, 6)
            check_invariants(result, source, em(6))
            assert any(unit in l.text for l in result), (offset, [l.text for l in result])

    def test_url_never_split_when_shorter_than_the_line(self) -> None:
        url = "https://www.pref.hokkaido.lg.jp/"
        for offset in range(25):
            source = "あ" * offset + url + "を参照。"
            result = lines(source, 20)
            check_invariants(result, source, em(20))
            assert any(url in l.text for l in result)

    def test_url_longer_than_the_line_is_split_by_character(self) -> None:
        url = "https://www.pref.hokkaido.lg.jp/"
        for width in (5, 7.5, 11, 15):
            source = "詳細は" + url + "を参照。"
            result = lines(source, width)
            check_invariants(result, source, em(width))
            assert result[0].text == "詳細は"  # pushed out first, then split
            assert all(not l.text.startswith(".") for l in result)

    def test_a_long_address_splits_after_a_separator_when_one_is_near(self) -> None:
        url = "https://www.pref.hokkaido.lg.jp/"
        for width in (9, 11, 15):
            result = lines("詳細は" + url + "を参照。", width)
            parts = [l.text for l in result[1:]]
            inside = [p for p in parts[:-1] if p.isascii()]  # lines that end inside the address
            assert inside and all(p.endswith(("/", ".")) for p in inside), parts  # …pref. | hokkaido…
            assert "".join(parts) == url + "を参照。"

    def test_forced_split_avoids_starting_a_line_with_a_dot(self) -> None:
        source = "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t"
        for width in (3, 3.3, 4, 4.5, 5, 6):
            result = lines(source, width)
            check_invariants(result, source, em(width))
            assert len(result) > 1
            assert not any(l.text.startswith(".") for l in result)

    def test_unit_word_needs_a_number_before_it(self) -> None:
        # Without a number 時間 may be split like any kanji pair.
        assert texts("あああああ時間", 6) == ["あああああ時", "間"]
        assert texts("あああああ3時間", 6) == ["あああああ", "3時間"]

    def test_latin_words_break_at_spaces(self) -> None:
        source = "The quick brown fox jumps over the lazy dog"
        result = lines(source, 8)
        check_invariants(result, source, em(8))
        assert " ".join(l.text for l in result) == source
        words = set(source.split())
        assert all(set(l.text.split()) <= words for l in result)

    def test_typographic_apostrophe_stays_inside_the_word(self) -> None:
        (line,) = lines("Don’t stop", 20)
        assert [p.text for p in line.pieces] == ["Don’t", "stop"]

    def test_after_punctuation_the_mark_is_a_closing_quote_as_at_a_line_start(self) -> None:
        """A line's pieces do not depend on the line before it: after a web address's / the mark
        closes a quote, as it does when the line starts with it (hypothesis found the difference)."""
        (alone,) = lines("’!A", 20)
        (after,) = lines("/’!A", 20)
        assert [p.text for p in alone.pieces] == ["’", "!A"]
        assert [p.text for p in after.pieces][-2:] == ["’", "!A"]

    def test_spaces_are_dropped_at_line_ends(self) -> None:
        assert texts("  あいう  ", 10) == ["あいう"]
        result = lines("あいうえ   おかき", 4.5)
        assert [l.text for l in result] == ["あいうえ", "おかき"]
        assert all(" " not in p.text for l in result for p in l.pieces)

    def test_ascii_parentheses_attached_to_katakana_are_brackets(self) -> None:
        source = "職場PCと公用スマホ(テザリング)接続"
        for width in range(3, 20):
            result = lines(source, width)
            check_invariants(result, source, em(width))
            assert not any(l.text.endswith("(") for l in result)
            assert not any(l.text.startswith(")") for l in result[1:])

    def test_ascii_parentheses_bind_to_latin_words(self) -> None:
        source = "と言う foo(bar) を使う"
        for width in range(5, 12):
            assert any("foo(bar)" in t for t in texts(source, width))


# --- rule 4: spacing ------------------------------------------------------------------------------


class TestSpacing:
    def test_quarter_em_between_latin_and_kana(self) -> None:
        (line,) = lines("DoMEETを", 20, justify=False)
        word = piece(line, "DoMEET")
        assert piece(line, "を").x == pytest.approx(word.x + natural(word) + em(0.25))

    def test_quarter_em_between_kana_and_latin(self) -> None:
        (line,) = lines("によりDoMEET", 20, justify=False)
        assert piece(line, "DoMEET").x == pytest.approx(em(3.25))

    def test_no_space_next_to_brackets_and_punctuation(self) -> None:
        (line,) = lines("（DoMEET）、「PC」", 20, justify=False)
        word = piece(line, "DoMEET")
        assert word.x == pytest.approx(em(0.5))
        assert piece(line, "）").x == pytest.approx(word.x + natural(word))
        assert piece(line, "PC").x == pytest.approx(piece(line, "「").x + em(0.5))

    def test_space_replaces_wa_space(self) -> None:
        (line,) = lines("DoMEET を", 20, justify=False)
        word = piece(line, "DoMEET")
        assert piece(line, "を").x == pytest.approx(word.x + natural(word) + em(0.33))

    def test_digits_get_an_eighth_em_wa_space(self) -> None:
        (line,) = lines("第3回", 20, justify=False)
        assert [p.x for p in line.pieces] == pytest.approx([0, em(1.125), em(1.8)])

    def test_letters_get_a_quarter_em_and_digits_an_eighth(self) -> None:
        (line,) = lines("版PC版1版", 20, justify=False)
        pc, one = piece(line, "PC"), piece(line, "1")
        second = [p for p in line.pieces if p.text == "版"][1]
        assert pc.x == pytest.approx(em(1.25))
        assert second.x == pytest.approx(pc.x + natural(pc) + em(0.25))
        assert one.x == pytest.approx(second.x + em(1.125))

    def test_no_wa_space_at_line_start_or_end(self) -> None:
        result = lines("あああああABCDを", 7.5)
        assert [l.text for l in result] == ["あああああABCD", "を"]
        assert result[1].pieces[0].x == 0
        assert result[0].width <= em(7.5) + 1e-9

    def test_comma_before_closing_bracket_is_compressed_to_half_em(self) -> None:
        (line,) = lines("あ、」い", 20, justify=False)
        assert piece(line, "」").x - piece(line, "、").x == pytest.approx(em(0.5))
        (line,) = lines("あ。」い", 20, justify=False)
        assert piece(line, "」").x - piece(line, "。").x == pytest.approx(em(0.5))

    def test_no_compression_when_separated_by_a_space(self) -> None:
        (line,) = lines("あ、 」", 20, justify=False)
        assert piece(line, "」").x - piece(line, "、").x == pytest.approx(em(0.6 + 0.33))

    def test_wide_closing_then_opening_bracket_compressed(self) -> None:
        (line,) = lines("あ」「い", 20, justify=False, measure=WIDE_BRACKETS)
        assert [p.x for p in line.pieces] == pytest.approx([0, em(1), em(1.5), em(2.5)])

    def test_wide_opening_after_opening_is_drawn_into_its_blank_half(self) -> None:
        (line,) = lines("「「あ", 20, justify=False, measure=WIDE_BRACKETS)
        # The second bracket's box is [1.0, 1.5] em; its glyph (blank left half) starts 0.5 em earlier.
        assert [p.x for p in line.pieces] == pytest.approx([0, em(0.5), em(1.5)])
        assert line.width == pytest.approx(em(2.5))

    def test_opening_bracket_at_a_forced_line_start_keeps_its_blank(self) -> None:
        result = lines("「" * 8, 3, measure=WIDE_BRACKETS)
        assert [l.text for l in result] == ["「" * 5, "「" * 3]
        assert [p.x for p in result[1].pieces] == pytest.approx([0, em(0.5), em(1.0)])
        assert result[1].width == pytest.approx(em(2))

    def test_half_em_brackets_are_not_compressed(self) -> None:
        (line,) = lines("あ」「い", 20, justify=False)
        assert [p.x for p in line.pieces] == pytest.approx([0, em(1), em(1.5), em(2)])


# --- rule 5: justification ----------------------------------------------------------------------


class TestJustification:
    SOURCE = "原子力防災訓練では、様々な場所に分かれて同時並行的に訓練が行われている。"

    def test_all_but_last_line_end_exactly_at_width(self) -> None:
        result = lines(self.SOURCE, 10.3)
        assert len(result) > 2
        for line in result[:-1]:
            assert line.width == pytest.approx(em(10.3), abs=1e-9)
            last = line.pieces[-1]
            assert last.x + natural(last) == pytest.approx(em(10.3))
        assert result[-1].width < em(10.3)

    def test_last_line_is_natural(self) -> None:
        result = lines(self.SOURCE, 10.3)
        assert [p.x for p in result[-1].pieces] == pytest.approx([em(i) for i in range(len(result[-1].pieces))])

    def test_justify_false_leaves_lines_natural(self) -> None:
        result = lines(self.SOURCE, 10.3, justify=False)
        assert result[0].text == "原子力防災訓練では、"
        assert result[0].width == pytest.approx(em(9.6))
        assert [l.text for l in result] == [l.text for l in lines(self.SOURCE, 10.3)]

    def test_slack_is_spread_evenly_over_cjk_gaps(self) -> None:
        line = lines("あいうえおかきくけこさ", 10.5)[0]
        steps = [b.x - a.x for a, b in zip(line.pieces, line.pieces[1:])]
        assert steps == pytest.approx([em(1 + 0.5 / 9)] * 9)

    def test_line_end_full_stop_keeps_its_natural_position(self) -> None:
        line = lines("あいうえおかきく。けこさし", 9.3)[0]
        assert line.text == "あいうえおかきく。"
        assert piece(line, "。").x == pytest.approx(em(9.3 - 0.6))
        assert piece(line, "。").x - piece(line, "く").x == pytest.approx(em(1))  # nothing added before 。

    def test_latin_units_are_never_spread(self) -> None:
        line = lines("職場のPCとDoMEETを使った中継が可能", 9.7)[0]
        assert line.width == pytest.approx(em(9.7))
        for p in line.pieces:
            if p.text.isascii():
                assert len(p.text) > 1  # a unit stays one piece

    def test_spaces_and_wa_gaps_take_the_slack(self) -> None:
        line = lines("ab cd ef gh ij kl", 6)[0]
        assert line.text == "ab cd ef gh"
        assert line.width == pytest.approx(em(6))
        assert [p.text for p in line.pieces] == ["ab", "cd", "ef", "gh"]

    def test_a_loose_line_is_rebroken_rather_than_letter_spaced(self) -> None:
        # Filled greedily, the second line would be 8 em of kana in 10 em (a quarter em per gap).
        result = lines("あ" * 18 + "DoMEETああ", 10)
        assert [l.text for l in result] == ["あ" * 9, "あ" * 9, "DoMEETああ"]
        for line in result[:2]:
            assert line.width == pytest.approx(em(10))
            assert [b.x - a.x for a, b in zip(line.pieces, line.pieces[1:])] == pytest.approx([em(1.125)] * 8)

    def test_spaces_and_wa_take_the_slack_before_the_gaps_between_characters(self) -> None:
        first = lines("あいうPCえおかきくけこさしすせそ", 8.8)[0]
        assert first.text == "あいうPCえおかき"
        xs = [p.x for p in first.pieces]
        assert xs[:3] == pytest.approx([0, em(1), em(2)])  # 字間 untouched
        assert piece(first, "PC").x == pytest.approx(em(3 + 0.25 + 0.1))  # 和欧間 0.25 + 0.1
        assert piece(first, "え").x == pytest.approx(em(3.35 + 1.1 + 0.35))
        assert first.width == pytest.approx(em(8.8))

    def test_a_line_that_cannot_be_justified_widens_its_gaps_only_to_their_bounds(self) -> None:
        result = lines("あいうえお" + "ABCDEFGHIJKLMNOP", 9)
        assert result[0].text == "あいうえお"
        assert [p.x for p in result[0].pieces] == pytest.approx([em(1.125 * i) for i in range(5)])
        assert result[0].width == pytest.approx(em(5.5))

    def test_line_without_gaps_is_left_aligned(self) -> None:
        result = lines("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 5)
        assert len(result) > 1
        assert all(len(l.pieces) == 1 and l.pieces[0].x == 0 for l in result)

    def test_forced_break_line_is_not_justified(self) -> None:
        result = lines("あ" * 15 + "\nい", 10.5)
        assert [l.text for l in result] == ["あ" * 10, "あ" * 5, "い"]
        assert [l.width for l in result] == pytest.approx([em(10.5), em(5), em(1)])


# --- "\n", empty input, pieces ------------------------------------------------------------------


class TestStructure:
    def test_forced_break(self) -> None:
        (para,) = parse_paragraphs("一行目\n二行目")
        result = break_lines(para, em(20), SIZE, FAKE)
        assert [l.text for l in result] == ["一行目", "二行目"]

    def test_newline_inside_a_span_also_breaks(self) -> None:
        assert [l.text for l in break_lines([Span("あ\nい")], em(20), SIZE, FAKE)] == ["あ", "い"]

    def test_newlines_as_typed(self) -> None:
        spans = [Span("\n"), Span("あ"), Span("\n"), Span("\n"), Span("い")]
        assert [l.text for l in break_lines(spans, em(20), SIZE, FAKE)] == ["", "あ", "", "い"]

    @pytest.mark.parametrize("spans", [[], [Span("")], [Span("   ")]])
    def test_empty_paragraph_is_one_empty_line(self, spans: list[Span]) -> None:
        assert break_lines(spans, em(20), SIZE, FAKE) == [TextLine((), 0.0, "")]

    def test_one_piece_per_cjk_character_and_per_latin_unit(self) -> None:
        (line,) = lines("職場PCと17:30に", 20)
        assert [p.text for p in line.pieces] == ["職", "場", "PC", "と", "17:30", "に"]

    def test_bold_spans_produce_bold_pieces(self) -> None:
        spans = [Span("職場"), Span("PCと公用", True), Span("スマホ")]
        (line,) = break_lines(spans, em(20), SIZE, FAKE)
        assert [(p.text, p.bold) for p in line.pieces] == [
            ("職", False), ("場", False), ("PC", True), ("と", True), ("公", True), ("用", True),
            ("ス", False), ("マ", False), ("ホ", False),
        ]

    def test_bold_change_inside_a_word_splits_the_piece_without_gap(self) -> None:
        (line,) = break_lines([Span("Do"), Span("MEET", True), Span("を")], em(20), SIZE, FAKE)
        do, meet, wo = line.pieces
        assert (do.text, do.bold, meet.text, meet.bold) == ("Do", False, "MEET", True)
        assert meet.x == pytest.approx(do.x + natural(do))
        assert wo.x == pytest.approx(meet.x + natural(meet) + em(0.25))

    def test_bold_word_is_still_one_unit(self) -> None:
        spans = [Span("あ" * 5), Span("Wi-"), Span("Fi", True)]
        assert [l.text for l in break_lines(spans, em(7), SIZE, FAKE)] == ["あ" * 5, "Wi-Fi"]

    def test_width_is_end_of_last_piece(self) -> None:
        (line,) = lines("あいDoMEET", 20)
        last = line.pieces[-1]
        assert line.width == pytest.approx(last.x + natural(last))


# --- the real font ------------------------------------------------------------------------------


class FontMeasure:
    """Advance widths from the bundled BIZ UDPGothic (hmtx advance / unitsPerEm)."""

    def __init__(self) -> None:
        from fontTools.ttLib import TTFont

        self._fonts = {}
        for bold, name in ((False, "BIZUDPGothic-Regular.ttf"), (True, "BIZUDPGothic-Bold.ttf")):
            font = TTFont(FONTS / name)
            upm = font["head"].unitsPerEm
            metrics = font["hmtx"].metrics
            self._fonts[bold] = (font.getBestCmap(), metrics, upm)
        self._cache: dict[tuple[str, bool], float] = {}

    def advance(self, ch: str, bold: bool) -> float:
        key = (ch, bold)
        adv = self._cache.get(key)
        if adv is None:
            cmap, metrics, upm = self._fonts[bold]
            glyph = cmap.get(ord(ch), ".notdef")
            adv = self._cache[key] = metrics[glyph][0] / upm
        return adv


@pytest.fixture(scope="module")
def font() -> FontMeasure:
    return FontMeasure()


SENTENCES = [
    "・原子力防災訓練では、様々な場所に分かれて同時並行的に訓練が行われているため、"
    "すべての訓練の様子をリアルタイムに把握する事ができなかった。",
    "職場PCと公用スマホとのテザリング接続により、DoMEETを活用した現地からのリアルタイムの中継が可能。",
    "**職場PC**と公用スマホ(テザリング)で、24インチのモニタ（27H）に「DoMEET」を17:30から表示した。",
    "詳細はhttps://www.pref.hokkaido.lg.jp/を参照（Wi-Fi環境が必要）。",
]


class TestRealFont:
    @pytest.mark.parametrize("sentence", SENTENCES)
    @pytest.mark.parametrize("width_em", [6, 8.5, 12, 17.3, 23, 31, 40])
    def test_sentences(self, font: FontMeasure, sentence: str, width_em: float) -> None:
        size = 10.5
        width = width_em * size
        spans = parse_inline(sentence)
        source = "".join(s.text for s in spans)
        result = break_lines(spans, width, size, font)
        check_invariants(result, source, width)
        for prev, line in zip(result, result[1:]):
            assert line.text[0] not in LINE_START_PROHIBITED, [l.text for l in result]
            assert prev.text[-1] not in LINE_END_PROHIBITED
        for unit in ("DoMEET", "17:30", "24インチ", "27H", "Wi-Fi"):
            if unit in source and width_em >= 8.5:
                assert any(unit in l.text for l in result)
        left_aligned = break_lines(spans, width, size, font, justify=False)
        assert len(result) <= len(left_aligned)
        for line in result[:-1]:
            for a, b in zip(line.pieces, line.pieces[1:]):
                if _kana_or_kanji(a.text) and _kana_or_kanji(b.text):  # 字間: an eighth of an em at most
                    assert b.x - a.x <= font.advance(a.text, a.bold) * size + size / 8 + 1e-6, line.text
        assert result[-1].width == pytest.approx(_natural_width(result[-1], font, size), abs=1e-6)

    def test_bold_pieces_are_measured_with_the_bold_font(self, font: FontMeasure) -> None:
        (line,) = break_lines([Span("あ", True), Span("い")], 100.0, 10.0, font, justify=False)
        assert line.pieces[1].x == pytest.approx(font.advance("あ", True) * 10.0)
        assert font.advance("あ", True) != font.advance("あ", False)

    def test_comma_compressed_before_bracket_by_measurement(self, font: FontMeasure) -> None:
        (line,) = break_lines([Span("あ、」「い")], 100.0, 10.0, font, justify=False)
        xs = {p.text: p.x for p in line.pieces}
        assert font.advance("、", False) > 0.5
        assert xs["」"] - xs["、"] == pytest.approx(5.0)
        assert xs["「"] - xs["」"] == pytest.approx(5.0)  # brackets already half width: unchanged

    def test_wa_space_in_real_sentence(self, font: FontMeasure) -> None:
        (line,) = break_lines([Span("によりDoMEETを")], 200.0, 10.0, font, justify=False)
        xs = {p.text: p.x for p in line.pieces}
        word = sum(font.advance(ch, False) for ch in "DoMEET") * 10.0
        assert xs["を"] - xs["DoMEET"] == pytest.approx(word + 2.5)
        assert xs["DoMEET"] - xs["り"] == pytest.approx(font.advance("り", False) * 10.0 + 2.5)


def _kana_or_kanji(text: str) -> bool:
    return len(text) == 1 and ("\u3041" <= text <= "\u30fa" or "\u4e00" <= text <= "\u9fff")


def _natural_width(line: TextLine, measure: object, size: float) -> float:
    """Width of a left-aligned line whose pieces sit at their natural positions (for the last line)."""
    last = line.pieces[-1]
    return last.x + sum(measure.advance(ch, last.bold) for ch in last.text) * size  # type: ignore[attr-defined]


class TestWidows:
    """avoid_widows: a paragraph should not end on a line holding a single character."""

    def test_lonely_last_character_is_joined_by_the_one_before(self) -> None:
        text = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほた。"
        plain = break_lines([Span(text)], em(10), SIZE, FAKE)
        assert plain[-1].text == "た。"
        fixed = break_lines([Span(text)], em(10), SIZE, FAKE, avoid_widows=True)
        assert len(fixed) == len(plain)
        assert len(fixed[-1].text) > 3
        assert "".join(l.text for l in fixed) == text
        for line in fixed[:-1]:
            assert line.width == pytest.approx(em(10))  # still justified to the full measure

    def test_a_widow_is_avoided_within_the_gap_bound_without_a_new_line(self) -> None:
        text = "あ" * 90 + "い"  # ten full lines and one character: two lines of nine fit at 1/8 em
        result = break_lines([Span(text)], em(10), SIZE, FAKE, avoid_widows=True)
        assert len(result) == 10 and len(result[-1].text) > 1
        for line in result[:-1]:
            assert line.width == pytest.approx(em(10))
            steps = [b.x - a.x for a, b in zip(line.pieces, line.pieces[1:])]
            assert max(steps) <= em(1.125) + 1e-9

    def test_nothing_changes_when_the_line_count_would_grow(self) -> None:
        text = "あ" * 50 + "い"  # ten full lines: any other break needs an eleventh
        result = break_lines([Span(text)], em(5), SIZE, FAKE, avoid_widows=True)
        assert len(result) == 11 and result[-1].text == "い"

    def test_a_widow_stays_when_avoiding_it_would_letter_space(self) -> None:
        text = "あ" * 5 + "い"  # four kana in five ems would need a third of an em per gap
        result = break_lines([Span(text)], em(5), SIZE, FAKE, avoid_widows=True)
        assert [l.text for l in result] == ["あ" * 5, "い"]


def test_a_widow_refill_does_not_squeeze_a_last_line_that_fits():
    """The widow refill measures narrower than the line; a line it ends must not keep the 追い込み
    that only the narrower measure needed (found by hypothesis: 、 squeezed on a short last line)."""
    chars = list("あああ あ ああ あ!") + ["0000"] * 3 + ["ミリ", "あ", "、", "‐", " ", " "]
    lines = break_lines([Span(c, False) for c in chars], 5.5 * 8.0, 8.0, FAKE, avoid_widows=True)
    (natural,) = break_lines([Span(c, False) for c in lines[-1].text], 1e9, 8.0, FAKE, justify=False)
    assert lines[-1].width <= 5.5 * 8.0
    assert [p.x for p in lines[-1].pieces] == pytest.approx([p.x for p in natural.pieces])
