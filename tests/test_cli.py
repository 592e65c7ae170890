"""The command line: exit codes, one-line messages, and the previous PDF kept on failure."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from casebook_pdf.cli import main
from tests.conftest import ROOT
from tests.editions import CASE, make_edition


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_help_lists_the_commands() -> None:
    code, out = run("--help")
    assert code == 0
    for command in ("build", "check", "preview", "new"):
        assert command in out


def test_build_defaults_to_data_casebook_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_edition(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out = run("build")
    assert code == 0, out
    assert (tmp_path / "casebook.pdf").read_bytes().startswith(b"%PDF-")
    assert "casebook.pdf を書き出しました（3 ページ" in out


def test_build_writes_where_o_says(tmp_path: Path) -> None:
    edition = make_edition(tmp_path)
    code, out = run("build", str(edition), "-o", str(tmp_path / "out" / "x.pdf"))
    assert code == 0, out
    assert (tmp_path / "out" / "x.pdf").exists()


def _fails_keeping_old_pdf(tmp_path: Path, case_text: str) -> str:
    edition = make_edition(tmp_path, {"01-test.yaml": CASE})
    out = tmp_path / "book.pdf"
    assert run("build", str(edition), "-o", str(out))[0] == 0
    before = out.read_bytes()
    (tmp_path / "data" / "cases" / "01-test.yaml").write_text(case_text, encoding="utf-8")
    code, message = run("build", str(edition), "-o", str(out))
    assert code == 2, message
    assert "Traceback" not in message
    assert out.read_bytes() == before, "the previous PDF must stay intact"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".book.pdf")] == []
    return message


def test_broken_yaml_names_file_and_line(tmp_path: Path) -> None:
    message = _fails_keeping_old_pdf(tmp_path, CASE + "overview: [unclosed\n")
    assert "01-test.yaml:" in message
    assert "何も書き出していません" in message


def test_typo_in_a_key_suggests_the_right_one(tmp_path: Path) -> None:
    message = _fails_keeping_old_pdf(tmp_path, CASE.replace("overview:", "overveiw:"))
    assert "01-test.yaml:" in message and "overview" in message


def test_missing_image_is_named(tmp_path: Path) -> None:
    message = _fails_keeping_old_pdf(tmp_path, CASE + "photos:\n  - {image: nothere.png, caption: 写真}\n")
    assert "nothere.png" in message and "01-test.yaml:12: photos[0].image" in message


def test_character_without_glyph_names_code_point_and_line(tmp_path: Path) -> None:
    message = _fails_keeping_old_pdf(tmp_path, CASE.replace("時間が短縮された。", "時間が短縮された😀"))
    assert "U+1F600" in message and "01-test.yaml:10: effects" in message


def test_text_too_long_for_its_box_fails_with_lines_over(tmp_path: Path) -> None:
    long = "公用スマホで情報を共有した。" * 200  # under the 5000-character limit, far over the box
    message = _fails_keeping_old_pdf(tmp_path, CASE.replace("公用スマホを活用した事例。", long))
    assert "01-test.yaml:" in message and "行あふれます" in message


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    edition = make_edition(tmp_path, {"01-test.yaml": CASE + "overview: [unclosed\n"})
    result = CliRunner().invoke(main, ["build", str(edition), "--debug", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code != 0 and result.exception is not None


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    edition = make_edition(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, message = run("build", str(edition), "-o", str(blocker / "x.pdf"))
    assert code == 2 and "はファイルなので、その中には書き出せません" in message


def test_check_reports_ok_without_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_edition(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out = run("check")
    assert code == 0 and "問題ありません: 事例 1 件、3 ページ" in out
    assert not (tmp_path / "casebook.pdf").exists()


@pytest.mark.skipif(shutil.which("casebook-pdf") is None, reason="package not installed")
def test_installed_command_works_from_any_directory(tmp_path: Path) -> None:
    """The console script finds its bundled fonts wherever it is run from."""
    out = tmp_path / "book.pdf"
    env = {**os.environ, "PYTHONPATH": ""}
    done = subprocess.run(
        ["casebook-pdf", "build", str(ROOT / "data" / "casebook.yaml"), "-o", str(out)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 10_000


def test_damaged_photo_stops_the_build_naming_case_line_and_image(tmp_path: Path) -> None:
    edition = make_edition(tmp_path, {"01-test.yaml": CASE})
    out = tmp_path / "book.pdf"
    assert run("build", str(edition), "-o", str(out), "--no-cache")[0] == 0
    before = out.read_bytes()
    (tmp_path / "images" / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    (tmp_path / "data" / "cases" / "01-test.yaml").write_text(
        CASE + "photos:\n  - {image: broken.jpg, caption: 写真}\n", encoding="utf-8"
    )
    code, message = run("build", str(edition), "-o", str(out), "--no-cache")
    assert code == 2 and "Traceback" not in message
    assert "01-test.yaml:12: photos[0].image: broken.jpg:" in message
    assert out.read_bytes() == before


@pytest.mark.parametrize("layout", ["edition-folder", "repository-folder"])
def test_build_and_check_take_an_edition_folder(tmp_path: Path, layout: str) -> None:
    """A folder stands for its casebook.yaml, or for data/casebook.yaml (this repository's layout)."""
    edition = make_edition(tmp_path)
    folder = edition.parent if layout == "edition-folder" else tmp_path
    code, out = run("check", str(folder))
    assert code == 0 and "問題ありません: 事例 1 件" in out, out
    code, out = run("build", str(folder), "-o", str(tmp_path / "x.pdf"))
    assert code == 0, out
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF-")


def test_a_folder_without_an_edition_file_is_named(tmp_path: Path) -> None:
    code, out = run("check", str(tmp_path))
    assert code == 2 and "casebook.yaml" in out and "Traceback" not in out


def test_commands_run_inside_an_edition_folder_without_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a folder made by `new` (casebook.yaml at its top), `check` and `build` find the edition."""
    assert run("new", str(tmp_path / "2025"), "--date", "2025-04")[0] == 0
    monkeypatch.chdir(tmp_path / "2025")
    code, out = run("check")
    assert code == 0 and "問題ありません: 事例 1 件" in out, out
    assert run("add", "二件目")[0] == 0
    assert run("build")[0] == 0 and (tmp_path / "2025" / "casebook.pdf").exists()
    assert "cases/02-case.yaml" in (tmp_path / "2025" / "casebook.yaml").read_text(encoding="utf-8")
