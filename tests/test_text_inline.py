"""Tests for casebook_pdf.text.inline: user text -> paragraphs of spans."""

from __future__ import annotations

import pytest

from casebook_pdf.text import Span, parse_paragraphs
from casebook_pdf.text.inline import parse_inline, split_paragraphs

NL = Span("\n")


class TestParagraphs:
    def test_empty_text_has_no_paragraphs(self) -> None:
        assert parse_paragraphs("") == []
        assert parse_paragraphs("\n \n\t\n") == []

    def test_single_paragraph_is_one_plain_span(self) -> None:
        assert parse_paragraphs("訓練を実施した。") == [[Span("訓練を実施した。")]]

    def test_blank_line_splits_paragraphs(self) -> None:
        assert parse_paragraphs("一つ目。\n\n二つ目。") == [[Span("一つ目。")], [Span("二つ目。")]]

    def test_several_blank_and_whitespace_lines_are_one_separator(self) -> None:
        text = "\n\n一つ目。\n  \n\t\n\n二つ目。\n\n"
        assert parse_paragraphs(text) == [[Span("一つ目。")], [Span("二つ目。")]]

    def test_single_newline_is_a_forced_break_span(self) -> None:
        assert parse_paragraphs("一行目\n二行目") == [[Span("一行目"), NL, Span("二行目")]]

    def test_newline_span_is_exactly_a_newline_and_not_bold(self) -> None:
        (para,) = parse_paragraphs("**a\nb**")
        assert para == [Span("a", True), Span("\n", False), Span("b", True)]

    @pytest.mark.parametrize("newline", ["\r\n", "\r"])
    def test_windows_and_old_mac_newlines(self, newline: str) -> None:
        text = f"a{newline}b{newline}{newline}c"
        assert parse_paragraphs(text) == [[Span("a"), NL, Span("b")], [Span("c")]]

    def test_trailing_spaces_of_a_line_are_removed_leading_kept(self) -> None:
        assert split_paragraphs("　字下げ  \n  次の行 ") == ["　字下げ\n  次の行"]

    def test_tabs_become_spaces(self) -> None:
        assert split_paragraphs("a\tb") == ["a b"]

    def test_ideographic_space_only_line_is_blank(self) -> None:
        assert len(parse_paragraphs("a\n\u3000\nb")) == 2


class TestBold:
    def test_bold_marks(self) -> None:
        assert parse_inline("前**太字**後") == [Span("前"), Span("太字", True), Span("後")]

    def test_bold_at_both_ends(self) -> None:
        assert parse_inline("**a**b**c**") == [Span("a", True), Span("b"), Span("c", True)]

    def test_adjacent_bold_runs_merge(self) -> None:
        assert parse_inline("**a****b**") == [Span("ab", True)]

    def test_unclosed_marker_is_literal(self) -> None:
        assert parse_inline("a**b") == [Span("a**b")]

    def test_third_marker_is_literal(self) -> None:
        assert parse_inline("**a**b**c") == [Span("a", True), Span("b**c")]

    def test_empty_marker_pair_is_literal(self) -> None:
        assert parse_inline("a****b") == [Span("a****b")]

    def test_single_asterisks_are_plain_text(self) -> None:
        assert parse_inline("*注 a*b") == [Span("*注 a*b")]

    def test_bold_across_forced_break(self) -> None:
        assert parse_inline("x**a\nb**y") == [Span("x"), Span("a", True), NL, Span("b", True), Span("y")]

    def test_bold_does_not_cross_paragraphs(self) -> None:
        assert parse_paragraphs("**a\n\nb**") == [[Span("**a")], [Span("b**")]]

    def test_bold_with_newline_only_content(self) -> None:
        assert parse_inline("a**\n**b") == [Span("a"), NL, Span("b")]


class TestRoundTrip:
    @pytest.mark.parametrize(
        "text",
        ["職場PCと**公用スマホ**との接続", "a\nb\nc", "**全部太字**", "記号*と**", "1行\n**2行**\n3行"],
    )
    def test_text_without_markers_is_preserved(self, text: str) -> None:
        (para,) = parse_paragraphs(text)
        joined = "".join(s.text for s in para)
        assert joined == _strip_pairs(text)
        assert all(s.text for s in para)
        assert all(s.text == "\n" or "\n" not in s.text for s in para)


def _strip_pairs(text: str) -> str:
    import re

    return re.sub(r"\*\*(.+?)\*\*", r"\1", text, flags=re.DOTALL)
