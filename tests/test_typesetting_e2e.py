"""Japanese line-breaking rules, checked on the built PDFs themselves with pdfplumber.

Characters are grouped into printed lines by baseline and by gaps (side-by-side columns share
baselines); vertical and turned text and list marks (drawn from their own font) are left out.
Every line start and end on every page is checked against 行頭禁則 / 行末禁則, and no two characters
may overlap.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from tests.pdfcheck import overlapping_chars

# The rule tables, written here from JIS X 4051 (and W3C JLREQ, its reading in English), not taken
# from the engine: a character dropped from the engine's own table must still fail this test.
CL01_OPENING = "‘“（〔［｛〈《「『【｟〘〖«〝([{"
CL02_CLOSING = "’”）〕］｝〉》」』】｠〙〗»〟)]}"
CL03_HYPHENS = "‐〜゠–～"
CL04_DIVIDING = "？！‼⁇⁈⁉?!"
CL05_MIDDLE_DOTS = "・：；:;"
CL06_FULL_STOPS = "。．."
CL07_COMMAS = "、，,"
CL09_ITERATION = "ヽヾゝゞ々〻"
CL10_PROLONGED = "ー"
CL11_SMALL_KANA = "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
CL12_PREFIXED = "￥＄￡¥$£#€№"
CL13_POSTFIXED = "°′″℃¢%‰％"
LINE_START_PROHIBITED = (CL02_CLOSING + CL03_HYPHENS + CL04_DIVIDING + CL05_MIDDLE_DOTS + CL06_FULL_STOPS
                         + CL07_COMMAS + CL09_ITERATION + CL10_PROLONGED + CL11_SMALL_KANA + CL13_POSTFIXED)
LINE_END_PROHIBITED = CL01_OPENING + CL12_PREFIXED


def printed_lines(page) -> list[list[dict]]:
    chars = [c for c in page.chars if c["upright"] and "Vertical" not in c["fontname"] and c["text"].strip()]
    rows: dict[float, list[dict]] = {}
    for c in chars:
        rows.setdefault(round(c["bottom"], 1), []).append(c)
    lines = []
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        current = [row[0]]
        for prev, c in zip(row, row[1:]):
            if c["x0"] - prev["x1"] > 1.2 * c["size"]:  # a column gap, not a word space
                lines.append(current)
                current = []
            current.append(c)
        lines.append(current)
    return lines


def _text_chars(line: list[dict]) -> list[dict]:
    return [c for c in line if "Mark" not in c["fontname"]]


# Text dense in characters that may not start or end a line (ー, small kana, 々, brackets, 、。), so
# that many line breaks fall next to one: the shipped editions alone hit too few of them.
DENSE = "ユーザーのサーバーとコーヒーメーカー、「データ」（メモ）をチェックしたっ。ァィゥ々ゝー" * 6


@pytest.fixture(scope="module")
def dense_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from casebook_pdf.build import build
    from tests.editions import CASE, make_edition

    root = tmp_path_factory.mktemp("dense")
    case = (CASE.replace("公用スマホを活用した事例。", DENSE[:300]).replace("時間が短縮された。", DENSE[:200])
            .replace("これまでは紙で回覧していた。", DENSE[:150]).replace("これからは公用スマホで共有できる。", DENSE[:150])
            + f"notes:\n  - {DENSE[:200]}\n  - {DENSE[20:220]}\n")
    build(make_edition(root, {"01-test.yaml": case}), root / "dense.pdf")
    return root / "dense.pdf"


# Figures with full-width digits (`digits: full`): number points set narrow between digits.
FIGURES = "作業時間が1.5時間から0.5時間に短縮され、年間120,000円の経費と3,000枚の紙を削減できた。"


@pytest.fixture(scope="module")
def figures_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from casebook_pdf.build import build
    from tests.editions import CASE, make_edition

    root = tmp_path_factory.mktemp("figures")
    case = (CASE.replace("公用スマホを活用した事例。", FIGURES * 4).replace("時間が短縮された。", FIGURES * 4)
            .replace("これまでは紙で回覧していた。", FIGURES * 3).replace("これからは公用スマホで共有できる。", FIGURES * 3)
            + f"notes:\n  - {FIGURES * 3}\n")
    edition = make_edition(root, {"01-test.yaml": case})
    edition.write_text(edition.read_text(encoding="utf-8").replace("date: 2024-04\n", "date: 2024-04\ndigits: full\n"), encoding="utf-8")
    build(edition, root / "figures.pdf")
    return root / "figures.pdf"


@pytest.fixture(scope="module", params=["bundled", "second", "dense", "figures"])
def pdf_path(request: pytest.FixtureRequest, bundled_pdf: Path, second_pdf: Path, dense_pdf: Path, figures_pdf: Path) -> Path:
    return {"bundled": bundled_pdf, "second": second_pdf, "dense": dense_pdf, "figures": figures_pdf}[request.param]


def test_the_figures_edition_sets_number_points_between_full_width_digits(figures_pdf: Path) -> None:
    with pdfplumber.open(figures_pdf) as pdf:
        text = "".join(c["text"] for page in pdf.pages for c in page.chars)
    assert "１．５" in text and "１２０，０００" in text


def broken_pairs(page) -> list[tuple[str, str]]:
    """(line, next line) for every line break inside a paragraph: the next line sits one line pitch
    lower with the same left edge (a paragraph's first line, a heading or a label is not a break)."""
    lines = [chars for chars in (_text_chars(line) for line in printed_lines(page)) if chars]
    pairs = []
    for upper in lines:
        size = upper[0]["size"]
        for lower in lines:
            drop = lower[0]["bottom"] - upper[0]["bottom"]
            if 1.0 * size < drop < 1.8 * size and abs(lower[0]["x0"] - upper[0]["x0"]) < 0.15 * size:
                pairs.append(("".join(c["text"] for c in upper), "".join(c["text"] for c in lower)))
    return pairs


def test_no_line_starts_or_ends_with_a_prohibited_character(pdf_path: Path) -> None:
    bad = []
    breaks = 0
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for upper, lower in broken_pairs(page):
                breaks += 1
                if upper[-1] in LINE_END_PROHIBITED or lower[0] in LINE_START_PROHIBITED:
                    bad.append((number, upper, lower))
    assert breaks >= 15, "the check found too few line breaks to mean anything"
    assert bad == []


def test_lines_were_found(bundled_pdf: Path) -> None:
    with pdfplumber.open(bundled_pdf) as pdf:
        assert len(printed_lines(pdf.pages[2])) > 30


def test_no_characters_overlap(pdf_path: Path) -> None:
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            assert overlapping_chars(page) == [], number


def test_the_overlap_check_lets_a_digit_over_a_number_points_blank_part_only() -> None:
    class Page:
        def __init__(self, *chars: tuple[str, float]) -> None:
            self.chars = [{"text": t, "x0": x, "x1": x + 10.0, "top": 0.0, "bottom": 10.0, "size": 10.0} for t, x in chars]

    assert overlapping_chars(Page(("１", 0.0), ("．", 10.0), ("５", 13.0))) == []  # the dot's advance: 3 of 10
    assert overlapping_chars(Page(("１", 0.0), ("．", 10.0), ("５", 11.0))) == [("．", "５")]  # over the dot itself
    assert overlapping_chars(Page(("あ", 0.0), ("い", 3.0))) == [("あ", "い")]
