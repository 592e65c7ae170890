"""End to end: build real editions and read the PDFs back (text, fonts, boxes, metadata, links)."""

from __future__ import annotations

import os
from pathlib import Path

import pypdf
import pytest

from casebook_pdf.build import build
from tests.conftest import BUNDLED, SECOND, SEED
from tests.seed_lines import normalise, seed_pieces

A4_LANDSCAPE = (841.89, 595.28)


def _text(pdf: Path) -> str:
    reader = pypdf.PdfReader(pdf)
    return "".join(normalise(page.extract_text()) for page in reader.pages)


def _fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(BaseFont, has embedded font file) for every font on every page."""
    out = []
    for page in pypdf.PdfReader(pdf).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            desc = font.get("/FontDescriptor")
            desc = desc.get_object() if desc else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out.append((str(font["/BaseFont"]), embedded))
    return out


def test_bundled_has_cover_contents_and_three_cases(bundled_pdf: Path) -> None:
    reader = pypdf.PdfReader(bundled_pdf)
    assert len(reader.pages) == 5


@pytest.mark.skipif(not SEED.exists(), reason="the seed text lives in ../shared")
def test_every_seed_line_is_in_the_pdf(bundled_pdf: Path) -> None:
    text = _text(bundled_pdf)
    missing = [piece for piece in seed_pieces(SEED) if piece not in text]
    assert missing == []


def test_no_private_use_or_emoji_characters_are_drawn_as_text(bundled_pdf: Path) -> None:
    text = _text(bundled_pdf)
    assert "\uF0D8" not in text and "\U0001F4A1" not in text


def test_pages_are_a4_landscape(bundled_pdf: Path) -> None:
    for page in pypdf.PdfReader(bundled_pdf).pages:
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(A4_LANDSCAPE, abs=0.1)


def test_every_font_is_an_embedded_subset(bundled_pdf: Path) -> None:
    fonts = _fonts(bundled_pdf)
    assert fonts, "no fonts found"
    for name, embedded in fonts:
        assert embedded, f"{name} is not embedded"
        assert "+" in name, f"{name} is not a subset"
        assert "Helvetica" not in name


def test_metadata_outline_and_language(bundled_pdf: Path) -> None:
    reader = pypdf.PdfReader(bundled_pdf)
    meta = reader.metadata
    assert meta.title == "公用スマートフォン活用テレワーク実践事例集（番外編）"
    assert meta.author == "北海道"
    assert "令和５年５月更新" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "ja-JP"
    titles = [item.title for item in reader.outline]
    assert titles == [
        "1. 【訓練配信】訓練実施場所からの中継等",
        "2. 【災害対応】停電発生時における公用スマホを活用した防災対応",
        "3. 【業務改革】在宅勤務の活用による仕事と子育ての両立",
    ]


def test_contents_rows_link_to_their_case_pages(bundled_pdf: Path) -> None:
    reader = pypdf.PdfReader(bundled_pdf)
    targets = []
    for annot in reader.pages[1].get("/Annots", []):
        annot = annot.get_object()
        if annot.get("/Subtype") == "/Link":
            dest = annot["/Dest"] if "/Dest" in annot else annot["/A"]["/D"]
            if isinstance(dest, (str, pypdf.generic.TextStringObject, pypdf.generic.NameObject)):
                dest = reader.named_destinations[str(dest)]
                targets.append(reader.get_destination_page_number(dest))
            else:
                targets.append(reader.get_page_number(dest[0].get_object() if hasattr(dest[0], "get_object") else dest[0]))
    assert sorted(targets) == [2, 3, 4]


def test_case_pages_carry_folios_and_cover_contents_do_not(bundled_pdf: Path) -> None:
    import pdfplumber

    with pdfplumber.open(bundled_pdf) as pdf:
        for index, page in enumerate(pdf.pages):
            bottom = [w["text"] for w in page.extract_words() if w["top"] > page.height - 30]
            if index < 2:
                assert bottom == []
            else:
                assert bottom == [str(index - 1)]


def test_same_input_gives_same_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    build(BUNDLED, a)
    build(BUNDLED, b)
    assert a.read_bytes() == b.read_bytes()


def test_source_date_epoch_sets_the_creation_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    out = tmp_path / "a.pdf"
    build(BUNDLED, out)
    assert pypdf.PdfReader(out).metadata["/CreationDate"].startswith("D:20231114221320")


def test_second_edition_builds_with_its_own_tools_and_date(second_pdf: Path) -> None:
    reader = pypdf.PdfReader(second_pdf)
    assert len(reader.pages) == 2 + 4
    text = _text(second_pdf)
    cover = "".join(reader.pages[0].extract_text().split())
    assert "令和元年５月７日" in cover  # the cover date keeps full-width digits whatever `digits:` says
    assert "庁内システム" in text
    assert all(embedded for _, embedded in _fonts(second_pdf))


def test_text_stays_inside_the_page(bundled_pdf: Path, second_pdf: Path) -> None:
    import pdfplumber

    for pdf_path in (bundled_pdf, second_pdf):
        with pdfplumber.open(pdf_path) as pdf:
            for page in pdf.pages:
                for ch in page.chars:
                    assert 0 <= ch["x0"] and ch["x1"] <= page.width
                    assert 0 <= ch["top"] and ch["bottom"] <= page.height


def test_web_addresses_in_text_are_clickable(second_pdf: Path) -> None:
    uris = []
    for page in pypdf.PdfReader(second_pdf).pages:
        for annot in page.get("/Annots", []):
            action = annot.get_object().get("/A")
            if action and action.get("/S") == "/URI":
                uris.append(str(action["/URI"]))
    assert uris == ["https://www.pref.hokkaido.lg.jp/"]
