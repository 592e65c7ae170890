"""Text as people type it: YAML line joins, 和欧間 spaces and one digit form, end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook_pdf.errors import DataError
from casebook_pdf.fonts import load_fonts
from casebook_pdf.frames import Page, Text, flatten
from casebook_pdf.layout.edition import layout_edition
from casebook_pdf.load import load_edition
from casebook_pdf.load.source import parse_yaml
from casebook_pdf.text.normalise import drop_wa_spaces, join_folds, normalise, unify_digits, FOLD
from tests.editions import CASE, make_edition

FONTS = load_fonts()


def parsed(text: str) -> object:
    return parse_yaml(text, Path("x.yaml")).data


# ---- line joins -----------------------------------------------------------------------------


def test_plain_multiline_scalar_joins_japanese_without_a_space() -> None:
    data = parsed("a: 訓練中の話し声や\n  各自の\n  モバイルPCと\n  公用スマホ\n")
    assert data == {"a": "訓練中の話し声や各自のモバイルPCと公用スマホ"}


def test_folded_scalar_joins_japanese_and_keeps_latin_word_spaces() -> None:
    data = parsed("a: >-\n  各自の\n  モバイルPC\n  and the\n  Latin words\n")
    assert data == {"a": "各自のモバイルPC and the Latin words"}


def test_quoted_scalars_fold_the_same_way() -> None:
    assert parsed('a: "各自の\n  モバイルPC"\n') == {"a": "各自のモバイルPC"}
    assert parsed("a: '各自の\n  PC は\n  not here'\n") == {"a": "各自のPC はnot here"}


def test_a_join_next_to_latin_on_one_side_only_drops_the_space() -> None:
    # Japanese on either side: the line breaker sets the 和欧間 itself.
    assert parsed("a: DoMEETを\n  活用し\n  Zoom\n  で配信\n") == {"a": "DoMEETを活用しZoomで配信"}


def test_literal_blocks_and_blank_lines_keep_their_breaks() -> None:
    assert parsed("a: |-\n  一行目\n  二行目\n") == {"a": "一行目\n二行目"}
    assert parsed("a: >-\n  一段落目\n\n  二段落目\n") == {"a": "一段落目\n二段落目"}


def test_spaces_typed_inside_a_line_are_not_line_joins() -> None:
    assert parsed("a: 令和5年度 実績 と English words\n") == {"a": "令和5年度 実績 と English words"}


def test_join_folds_looks_at_both_neighbours() -> None:
    assert join_folds(f"abc{FOLD}def") == "abc def"
    assert join_folds(f"abc{FOLD}での") == "abcでの"
    assert join_folds(f"（注）{FOLD}abc") == "（注）abc"
    assert join_folds("no marks") == "no marks"


# ---- typed spaces and digits ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("各自の PC", "各自のPC"),
        ("1 日", "1日"),
        ("約 120,000 枚", "約120,000枚"),
        ("の **PC** を", "の**PC**を"),  # bold marks are looked through
        ("三件目: 題名", "三件目: 題名"),  # a space after Latin punctuation is the writer's
        ("令和5年度 実績", "令和5年度 実績"),  # between two Japanese words: intentional
        ("全角\u3000空白", "全角\u3000空白"),
    ],
)
def test_spaces_between_japanese_and_latin_are_dropped(typed: str, printed: str) -> None:
    assert drop_wa_spaces(typed) == printed


@pytest.mark.parametrize(
    ("typed", "half", "full"),
    [
        ("約１．５倍", "約1.5倍", "約１．５倍"),
        ("約1.5倍", "約1.5倍", "約１．５倍"),
        ("１，０００円", "1,000円", "１，０００円"),
        ("８：４５～17:30", "8:45～17:30", "８：４５～１７：３０"),
        ("令和５年度", "令和5年度", "令和５年度"),
        ("A４用紙", "A4用紙", "A4用紙"),  # glued to a letter: the letter's width
        ("ＭＰ3", "ＭＰ３", "ＭＰ３"),
        ("Windows10", "Windows10", "Windows10"),
        ("https://example.jp/a/123 を見る", "https://example.jp/a/123 を見る", "https://example.jp/a/123 を見る"),
        ("1.5。", "1.5。", "１．５。"),
    ],
)
def test_one_digit_form(typed: str, half: str, full: str) -> None:
    assert unify_digits(typed, "half") == half
    assert unify_digits(typed, "full") == full


def test_normalise_is_idempotent() -> None:
    for text in ("約 １．５ 倍の PC を 1 日", "各自の\x00モバイルPC", "A 4 と B5", "Ａ ４ と ５ 日"):
        once = normalise(text)
        assert normalise(once) == once
        once_full = normalise(text, "full")
        assert normalise(once_full, "full") == once_full


# ---- the loader: digits setting and every printed text -------------------------------------------


def _edition(tmp_path: Path, case: str = CASE, head: str = "") -> Path:
    edition = make_edition(tmp_path, {"01-test.yaml": case})
    if head:
        edition.write_text(head + edition.read_text(encoding="utf-8"), encoding="utf-8")
    return edition


def test_digits_default_to_half_width_in_every_text(tmp_path: Path) -> None:
    case = CASE.replace("時間が短縮された。", "作業時間が約１．５倍\n  速くなった。").replace(
        "title: テストの事例", "title: 第２回の事例"
    )
    edition = load_edition(_edition(tmp_path, case))
    assert edition.digits == "half"
    (loaded,) = edition.cases
    assert loaded.effects == "作業時間が約1.5倍速くなった。"
    assert loaded.title == "第2回の事例"


def test_digits_full_keeps_tool_ids_and_file_names(tmp_path: Path) -> None:
    case = CASE.replace("tools: [phone]", "tools: [phone2]").replace("時間が短縮された。", "約1.5倍になった。")
    path = _edition(tmp_path, case, "digits: full\n")
    path.write_text(path.read_text(encoding="utf-8").replace("id: phone,", "id: phone2,"), encoding="utf-8")
    edition = load_edition(path)
    assert edition.digits == "full"
    assert edition.cases[0].tools == ("phone2",)
    assert edition.cases[0].effects == "約１．５倍になった。"
    assert edition.cases[0].file.name == "01-test.yaml"


@pytest.mark.parametrize("written", ["zenkaku", "2", "yes"])
def test_a_wrong_digits_setting_names_file_line_and_the_choices(tmp_path: Path, written: str) -> None:
    path = _edition(tmp_path, head=f"digits: {written}\n")
    with pytest.raises(DataError) as caught:
        load_edition(path)
    (issue,) = caught.value.issues
    assert (issue.file, issue.line, issue.path) == (path, 1, "digits")
    assert "数字の書き方" in issue.message and "half" in (issue.hint or "") and "full" in (issue.hint or "")


def test_the_cover_date_keeps_full_width_digits(tmp_path: Path) -> None:
    laid = layout_edition(load_edition(_edition(tmp_path)), FONTS)
    cover_texts = [i.text for i in flatten(laid.pages[0].items) if isinstance(i, Text)]
    assert "令和６年４月" in cover_texts


# ---- the same text typed two ways prints the same -------------------------------------------------

TYPED_ONE_WAY = """\
category: テスト
title: 第１回　研修の事例
department: 総務部テスト課
tools: [phone]
headline: >-
  各自の
  モバイルPCで
  研修を受講
before:
  - これまでは会場まで片道
    約１．５時間かけて
    移動していた。
  - 資料を１２０，０００枚
    印刷していた。
after:
  - 各自の PC から 1 日 2 回まで
    受講できる。
overview: >-
  公用スマホと
  DoMEET
  を活用した事例。
effects: 移動時間が１人あたり約１．５時間短縮された。
"""

TYPED_ANOTHER_WAY = """\
category: テスト
title: 第1回　研修の事例
department: 総務部テスト課
tools: [phone]
headline: 各自のモバイルPCで研修を受講
before:
  - これまでは会場まで片道約1.5時間かけて移動していた。
  - 資料を120,000枚印刷していた。
after:
  - 各自のPCから1日2回まで受講できる。
overview: 公用スマホとDoMEETを活用した事例。
effects: 移動時間が1人あたり約1.5時間短縮された。
"""


@pytest.mark.parametrize(("digits", "expected"), [("half", "約1.5時間"), ("full", "約１．５時間")])
def test_the_same_text_typed_two_ways_gives_the_same_glyphs_and_positions(
    tmp_path: Path, digits: str, expected: str
) -> None:
    head = f"digits: {digits}\n"
    one = layout_edition(load_edition(_edition(tmp_path / "one", TYPED_ONE_WAY, head)), FONTS)
    other = layout_edition(load_edition(_edition(tmp_path / "other", TYPED_ANOTHER_WAY, head)), FONTS)
    assert len(one.pages) == len(other.pages) == 3
    for a, b in zip(one.pages, other.pages):
        assert _glyphs(a) == _glyphs(b)
    printed = "".join(t for t, *_ in _glyphs(one.pages[2]))
    assert expected in printed and "モバイルPC" in printed
    assert one.pages == other.pages  # every frame, not only the text


def _glyphs(page: Page) -> list[tuple[str, float, float, float]]:
    return [(i.text, round(i.x, 3), round(i.y, 3), i.size) for i in flatten(page.items) if isinstance(i, Text)]


# ---- full-width numbers in the line breaker ----------------------------------------------------


def test_a_full_width_point_inside_a_number_is_set_as_narrow_as_a_half_width_one() -> None:
    from casebook_pdf.text import Span, break_lines

    (line,) = break_lines([Span("約１．５倍、１２０，０００枚")], 500.0, 10.0, FONTS, justify=False)
    x = {p.text: p.x for p in line.pieces}
    assert x["５"] - x["．"] == pytest.approx(FONTS.advance(".", False) * 10.0)
    assert x["，"] + FONTS.advance(",", False) * 10.0 == pytest.approx([p.x for p in line.pieces if p.text == "０"][1])
    # A full stop that ends a sentence keeps its full cell.
    (end,) = break_lines([Span("１．あ")], 500.0, 10.0, FONTS, justify=False)
    assert end.pieces[2].x - end.pieces[1].x == pytest.approx(FONTS.advance("．", False) * 10.0)


def test_a_full_width_number_is_neither_broken_nor_spaced_out() -> None:
    from casebook_pdf.text import Span, break_lines

    text = "資料は毎回１２０，０００枚を印刷し、１７：３０まで残っていた。" * 3
    for width in (60.0, 75.0, 90.0, 110.0, 130.0):
        lines = break_lines([Span(text)], width, 10.0, FONTS)
        for line in lines:
            assert not line.text.startswith(("２", "０", "，", "３", "：")), [l.text for l in lines]
            for a, b in zip(line.pieces, line.pieces[1:]):
                if a.text in "１２０，" and b.text in "１２０，":  # within one number: natural spacing
                    natural = FONTS.advance({"，": ","}.get(a.text, a.text), False) * 10.0
                    assert b.x - a.x == pytest.approx(natural), line.text


# ---- properties over random text ------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(
    ["あ", "漢", "ー", "、", "。", "「", "」", "A", "PC", "Wi-Fi", "1", "２", "０", "．", "，", ".", ",", ":", "：",
     " ", "  ", "\u3000", "**", "https://a.jp/12", FOLD, "\n"]
)
_TEXTS = st.lists(_PIECES, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.sampled_from(["half", "full"]))
def test_normalising_twice_changes_nothing(text: str, digits: str) -> None:
    once = normalise(text, digits)  # type: ignore[arg-type]
    assert FOLD not in once
    assert normalise(once, digits) == once  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_normalising_keeps_every_character_but_joins_spaces_and_widths(text: str) -> None:
    """Only spaces and line-join marks disappear; every other character stays, in order, in one of its
    two widths."""
    fold = str.maketrans("０１２３４５６７８９．，：", "0123456789.,:")
    for digits in ("half", "full"):
        out = normalise(text, digits)  # type: ignore[arg-type]
        kept = [ch for ch in text.translate(fold) if ch not in (" ", FOLD)]
        assert [ch for ch in out.translate(fold) if ch != " "] == kept
        assert "\u3000" * text.count("\u3000") == "".join(ch for ch in out if ch == "\u3000")


# ---- half-width digits in vertical labels ------------------------------------------------------------


def test_a_short_number_in_a_vertical_label_stands_upright_in_one_cell() -> None:
    from casebook_pdf.layout.vertical import vertical_label

    size = 10.0
    block = vertical_label(FONTS, "第2庁舎", 100.0, size, (0, 0, 0))
    texts = [i for i in block.items if isinstance(i, Text)]
    assert [t.text for t in texts] == ["第", "2", "庁", "舎"]
    assert all(t.angle == 0.0 for t in texts)  # the digit is not turned like a Latin word
    two = [i for i in vertical_label(FONTS, "第12回", 100.0, size, (0, 0, 0)).items if isinstance(i, Text)][1]
    assert two.text == "12" and two.angle == 0.0
    assert FONTS.width("12", two.size, True) <= size + 1e-6 and two.size < size  # condensed into one cell
    assert block.height == pytest.approx(4 * size)
    word = [i for i in vertical_label(FONTS, "Office365", 100.0, size, (0, 0, 0)).items if isinstance(i, Text)]
    assert [(t.text, t.angle) for t in word] == [("Office365", 90.0)]  # a word with digits still turns
    year = [i for i in vertical_label(FONTS, "2024年", 100.0, size, (0, 0, 0)).items if isinstance(i, Text)]
    assert (year[0].text, year[0].angle) == ("2024", 90.0)
