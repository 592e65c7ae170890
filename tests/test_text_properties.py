"""Property tests for casebook_pdf.text.breaking over random mixed Japanese / Latin text.

The kinsoku oracle here is written from the JLREQ lists directly (not imported from the engine). A
line may start with a prohibited character, or end with an opening bracket, only when the line
before it was a forced split: one on which no break was allowed at all.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook_pdf.text import Span, TextLine, break_lines

SIZES = (8.0, 10.5, 12.0)

CLOSING_MARKS = "）」』】〕〉》］｝、。，．"
NO_START = set(
    "）」』】〕〉》］｝”’)]}、。，．,.・：；！？!?‐ー～〜…‥"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
    + "".join(chr(c) for c in range(0x31F0, 0x3200))
    + "々〻ゝゞヽヾ％%〃"
)
NO_END = set("（「『【〔〈《［｛“‘([{")
UNIT_WORDS = ["インチ", "センチ", "ミリ", "キロ", "メートル", "時間", "分", "秒", "円", "人", "回", "件",
              "日", "月", "年", "台", "個", "枚", "歳", "%", "％"]
KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん" \
       "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
KANJI = "原子力防災訓練様場所同時並行的把握事職公用接続活現地中継可能分間日年円人回"
LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
DIGITS = "0123456789"
WORD_PUNCT = ".,:/-_@%&?=#+~'"
# Characters between which the engine must allow a break (kana and kanji not part of a unit word).
PLAIN_CJK = set(KANA + KANJI) - set("".join(UNIT_WORDS)) - NO_START - NO_END


class FakeMeasure:
    def __init__(self, bracket: float = 0.5) -> None:
        self.bracket = bracket

    def advance(self, ch: str, bold: bool) -> float:
        if ch in "、。":
            return 0.6
        if ch in "（）「」『』【】〔〕〈〉《》［］｛｝":
            return self.bracket
        if ch == " ":
            return 0.33
        if ord(ch) < 0x100:
            return 0.55 + (0.05 if bold else 0.0)
        return 1.0


FAKE = FakeMeasure()
WIDE_BRACKETS = FakeMeasure(bracket=1.0)  # exercises adjacent-bracket compression
measures = st.sampled_from([FAKE, WIDE_BRACKETS])

tokens = st.one_of(
    st.sampled_from(KANA),
    st.sampled_from(KANJI),
    st.sampled_from(sorted(NO_START | NO_END) + ["……", "――", "　"]),
    st.text(st.sampled_from(LATIN), min_size=1, max_size=8),
    st.text(st.sampled_from(DIGITS), min_size=1, max_size=4),
    st.text(st.sampled_from(LATIN + DIGITS + WORD_PUNCT), min_size=1, max_size=30),
    st.sampled_from(UNIT_WORDS),
    st.sampled_from(["https://www.pref.hokkaido.lg.jp/", "17:30", "Wi-Fi", "24インチ", "(テザリング)", "DoMEET"]),
    st.just(" "),
    st.just("  "),
)
styled_tokens = st.tuples(tokens, st.booleans())
paragraphs = st.one_of(
    st.lists(styled_tokens, max_size=10), st.lists(styled_tokens, min_size=20, max_size=100)
).map(lambda parts: [Span(text, bold) for text, bold in parts])
# Narrow measures make many lines; the full 3-40 em range is covered too.
widths_em = st.one_of(st.floats(min_value=3.0, max_value=12.0), st.floats(min_value=3.0, max_value=40.0))

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def source_of(spans: list[Span]) -> tuple[str, list[bool]]:
    text = "".join(s.text for s in spans)
    bolds = [s.bold for s in spans for _ in s.text]
    return text, bolds


def line_starts(result: list[TextLine], text: str) -> list[int]:
    """Where each line's text begins in the source; asserts lines cover it in order, dropping only spaces."""
    starts = []
    pos = 0
    for line in result:
        while pos < len(text) and text[pos] == " ":
            pos += 1
        assert text.startswith(line.text, pos), (line.text, text[pos:])
        starts.append(pos)
        pos += len(line.text)
    assert text[pos:].strip(" ") == ""
    return starts


def has_certain_break(line: str) -> bool:
    """Whether the oracle sees an allowed break point between two characters of the line."""
    prev = None
    spaced = False
    for ch in line:
        if ch == " ":
            spaced = True
            continue
        if prev is not None and prev not in NO_END and ch not in NO_START:
            if spaced or (prev in PLAIN_CJK and ch in PLAIN_CJK):
                return True
        prev, spaced = ch, False
    return False


def piece_advance_bounds(text: str, bold: bool, size: float) -> tuple[float, float]:
    natural = sum(FAKE.advance(ch, bold) for ch in text) * size
    if len(text) == 1 and text in CLOSING_MARKS:
        return min(natural, 0.5 * size), natural  # compressed to its ink half at most
    return natural, natural


@SETTINGS
@given(paragraphs, widths_em, st.sampled_from(SIZES), measures, st.booleans())
def test_lines_fit_and_keep_every_character(
    spans: list[Span], width_em: float, size: float, measure: FakeMeasure, avoid_widows: bool
) -> None:
    text, _ = source_of(spans)
    width = width_em * size
    result = break_lines(spans, width, size, measure, avoid_widows=avoid_widows)
    assert result
    line_starts(result, text)
    for line in result:
        assert line.width <= width + 1e-6
        assert line.text == line.text.strip(" ")
        assert line.text or len(result) == 1
        xs = [p.x for p in line.pieces]
        assert xs == sorted(xs) and all(x >= 0.0 for x in xs)
    if not text.strip(" "):
        assert result == [TextLine((), 0.0, "")]


@SETTINGS
@given(paragraphs, widths_em, st.sampled_from(SIZES), measures, st.booleans())
def test_kinsoku_holds_except_after_a_forced_split(
    spans: list[Span], width_em: float, size: float, measure: FakeMeasure, avoid_widows: bool
) -> None:
    result = break_lines(spans, width_em * size, size, measure, avoid_widows=avoid_widows)
    for prev, line in zip(result, result[1:]):
        if line.text[0] in NO_START or prev.text[-1] in NO_END:
            assert not has_certain_break(prev.text), (prev.text, line.text)


@SETTINGS
@given(paragraphs, widths_em, st.sampled_from(SIZES))
def test_pieces_are_ordered_and_do_not_overlap(spans: list[Span], width_em: float, size: float) -> None:
    text, bolds = source_of(spans)
    width = width_em * size
    result = break_lines(spans, width, size, FAKE)
    for line, start in zip(result, line_starts(result, text)):
        assert "".join(p.text for p in line.pieces) == line.text.replace(" ", "")
        positions = [start + i for i, ch in enumerate(line.text) if ch != " "]
        flat = [p for p in line.pieces for _ in p.text]
        assert [p.bold for p in flat] == [bolds[i] for i in positions]
        if not line.pieces:
            continue
        assert line.pieces[0].x == 0.0
        for a, b in zip(line.pieces, line.pieces[1:]):
            low, _ = piece_advance_bounds(a.text, a.bold, size)
            assert b.x >= a.x + low - 1e-6
        last = line.pieces[-1]
        low, high = piece_advance_bounds(last.text, last.bold, size)
        assert last.x + low - 1e-6 <= line.width <= last.x + high + 1e-6


@SETTINGS
@given(paragraphs, widths_em, st.sampled_from(SIZES), st.booleans())
def test_justification_takes_no_more_lines_and_keeps_each_gap_within_its_bound(
    spans: list[Span], width_em: float, size: float, avoid_widows: bool
) -> None:
    """Justified text chooses its own breaks, but never more lines than plain filling, and widens a
    gap between two Japanese letters by at most an eighth of an em, any other gap by at most a quarter."""
    text, bolds = source_of(spans)
    width = width_em * size
    justified = break_lines(spans, width, size, FAKE, avoid_widows=avoid_widows)
    plain = break_lines(spans, width, size, FAKE, justify=False)
    assert len(justified) <= len(plain)
    for n, (line, start) in enumerate(zip(justified, line_starts(justified, text))):
        own = [Span(ch, bolds[start + i]) for i, ch in enumerate(line.text)]
        (natural,) = break_lines(own, 1e9, size, FAKE, justify=False)
        if natural.width > width + 1e-6:
            continue  # squeezed by 追い込み, not stretched
        assert [p.text for p in line.pieces] == [p.text for p in natural.pieces]
        if n == len(justified) - 1:  # the last line is never stretched
            assert [p.x for p in line.pieces] == pytest.approx([p.x for p in natural.pieces])
            continue
        ends, pos = [], 0
        for p in line.pieces:
            pos = line.text.index(p.text, pos) + len(p.text)
            ends.append(pos)
        pairs = zip(line.pieces, line.pieces[1:], natural.pieces, natural.pieces[1:], ends)
        for a, b, na, nb, a_end in pairs:
            widened = (b.x - a.x) - (nb.x - na.x)
            assert widened >= -1e-6
            touching = line.text.startswith(b.text, a_end)  # no space typed between them
            bound = 0.125 if touching and a.text in PLAIN_CJK and b.text in PLAIN_CJK else 0.25
            assert widened <= bound * size + 1e-6, (line.text, a.text, b.text, widened / size)


@SETTINGS
@given(st.lists(paragraphs, min_size=1, max_size=4), widths_em, st.sampled_from(SIZES))
def test_forced_breaks_split_like_separate_paragraphs(
    segments: list[list[Span]], width_em: float, size: float
) -> None:
    width = width_em * size
    joined: list[Span] = []
    for n, seg in enumerate(segments):
        if n:
            joined.append(Span("\n"))
        joined.extend(seg)
    whole = break_lines(joined, width, size, FAKE)
    separate = [line for seg in segments for line in break_lines(seg, width, size, FAKE)]
    assert [l.text for l in whole] == [l.text for l in separate]
    assert [l.pieces for l in whole] == [l.pieces for l in separate]
