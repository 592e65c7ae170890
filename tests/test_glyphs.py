"""Glyph coverage of a whole edition, reported with file, line, YAML path and code point."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook_pdf.errors import GlyphError
from casebook_pdf.fonts import load_fonts
from casebook_pdf.glyphs import check_glyphs
from casebook_pdf.load.edition import load_edition
from tests.conftest import BUNDLED, SECOND
from tests.editions import CASE, make_edition


@pytest.mark.parametrize("edition", [BUNDLED, SECOND], ids=["bundled", "second"])
def test_shipped_editions_are_fully_covered(edition: Path) -> None:
    check_glyphs(load_edition(edition), load_fonts())


def test_uncovered_characters_are_all_reported_where_they_are(tmp_path: Path) -> None:
    case = CASE.replace("- これからは", "- 😀これからは") + "notes:\n  - {text: 見出し, items: [付箋\U0001F9EA]}\n"
    edition = load_edition(make_edition(tmp_path, {"01-test.yaml": case}))
    with pytest.raises(GlyphError) as caught:
        check_glyphs(edition, load_fonts())
    found = [(i.line, i.path, i.message.split("「")[1].split("」")[0]) for i in caught.value.issues]
    assert found == [(8, "after[0]", "😀"), (12, "notes[0].items[0]", "\U0001F9EA")]
    assert "U+1F600" in str(caught.value.issues[0])


def test_the_lightbulb_is_drawn_not_an_error(tmp_path: Path) -> None:
    edition = load_edition(make_edition(tmp_path, {"01-test.yaml": CASE.replace("時間が", "\U0001F4A1時間が")}))
    check_glyphs(edition, load_fonts())


def test_a_flow_arrow_label_names_its_real_yaml_path(tmp_path: Path) -> None:
    """`via: {1: ...}` is the key path `via.1`, not the model's tuple index `via[0][1]`."""
    block = "blocks:\n  - type: flow\n    steps: [一, 二, 三]\n    via:\n      1: 停電\U0001F9EA時\n"
    edition = load_edition(make_edition(tmp_path, {"01-test.yaml": CASE + block}))
    with pytest.raises(GlyphError) as caught:
        check_glyphs(edition, load_fonts())
    assert [(i.line, i.path) for i in caught.value.issues] == [(15, "blocks[0].via.1")]


def test_a_character_in_the_edition_file_names_its_line_and_key(tmp_path: Path) -> None:
    edition_file = make_edition(tmp_path)
    edition_file.write_text(edition_file.read_text(encoding="utf-8").replace("label: Mail", "label: M\U0001F9EAil"), encoding="utf-8")
    with pytest.raises(GlyphError) as caught:
        check_glyphs(load_edition(edition_file), load_fonts())
    issue = caught.value.issues[0]
    assert (issue.file, issue.line, issue.path) == (edition_file.resolve(), 8, "tools[1].tools[0].label")
