"""In-place YAML edits: one value or one list entry changes, every other character stays."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from casebook_pdf.load.source import CasebookLoader
from casebook_pdf.workflow.yamltext import YamlText, scalar


def test_set_scalar_keeps_quotes_and_comment() -> None:
    text = YamlText("title: 事例集\ndate: '2023-05'   # 発行年月\ncases: [a.yaml]\n")
    text.set_scalar("date", "2024-06")
    assert text.text == "title: 事例集\ndate: '2024-06'   # 発行年月\ncases: [a.yaml]\n"


def test_set_scalar_adds_a_missing_key_after_another() -> None:
    text = YamlText("date: 2023-05\r\ntools: []\r\ncases:\r\n  - a.yaml\r\n")
    text.set_scalar("images", "../old images/#1", after="date", comment="画像")  # plain: no " #" in it
    assert text.text == 'date: 2023-05\r\nimages: ../old images/#1  # 画像\r\ntools: []\r\ncases:\r\n  - a.yaml\r\n'
    assert yaml.load(text.text, Loader=CasebookLoader)["images"] == "../old images/#1"


def test_append_entry_block_list_keeps_following_comments() -> None:
    text = YamlText("cases:\n- cases/01.yaml   # 一件目\n# - cases/99-draft.yaml\ntools: []")
    text.append_entry("cases", "cases/02: 題名.yaml")
    assert text.text == 'cases:\n- cases/01.yaml   # 一件目\n- "cases/02: 題名.yaml"\n# - cases/99-draft.yaml\ntools: []'


def test_append_entry_at_the_end_of_a_file_without_final_newline() -> None:
    text = YamlText("cases:\n  - a.yaml")
    text.append_entry("cases", "b.yaml")
    assert text.text == "cases:\n  - a.yaml\n  - b.yaml\n"


def test_append_entry_refuses_a_list_it_cannot_extend_line_by_line() -> None:
    with pytest.raises(ValueError):
        YamlText("cases: a.yaml\n").append_entry("cases", "b.yaml")


def test_bom_is_kept(tmp_path: Path) -> None:
    file = tmp_path / "casebook.yaml"
    file.write_bytes("\ufeffdate: 2023-05\n".encode())
    text = YamlText.read(file)
    text.set_scalar("date", "2024-05")
    text.write(file)
    assert file.read_bytes() == "\ufeffdate: 2024-05\n".encode()


@pytest.mark.parametrize("value", ["2024-05", "2024-05-07", "../images", "C:/写真/2024", "yes", "8:45", "a: b", "#1", "'q'", " x"])
def test_scalar_reads_back_as_written(value: str) -> None:
    read = yaml.load(f"key: {scalar(value)}", Loader=CasebookLoader)["key"]
    assert read == value or (value == "2024-05-07" and str(read) == value)
