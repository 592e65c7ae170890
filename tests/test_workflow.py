"""The yearly workflow end to end through the CLI: new, add, preview, progress and a PDF held open."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from PIL import Image

from casebook_pdf.cli import main
from casebook_pdf.images import default_cache_dir
from tests.conftest import BUNDLED, SECOND

EDITIONS = pytest.mark.parametrize("source", [BUNDLED, SECOND], ids=["bundled", "second"])


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def comments(text: str) -> list[str]:
    return [line[line.index("#"):] for line in text.splitlines() if "#" in line]


def cover_text(pdf: Path) -> str:
    with pdfplumber.open(pdf) as doc:
        return doc.pages[0].extract_text()


# ---- new -------------------------------------------------------------------------------------------


@EDITIONS
def test_new_from_last_year_builds_with_the_new_date_and_keeps_comments(source: Path, tmp_path: Path) -> None:
    dest = tmp_path / "2025"
    code, out = run("new", dest, "--from", source, "--date", "2025-06")
    assert code == 0, out
    assert "次にすること" in out and "casebook-pdf build" in out
    old, new = source.read_text(encoding="utf-8"), (dest / "casebook.yaml").read_text(encoding="utf-8")
    assert comments(new) == comments(old), "every comment of the edition file stays"
    assert re.search(r"^date: 2025-06$", new, re.MULTILINE)
    changed = [(a, b) for a, b in zip(old.splitlines(), new.splitlines()) if a != b]
    assert [a.split(":")[0] for a, _b in changed] == ["date", "images"], "only the date and the images path change"
    for case in (source.parent / "cases").glob("*.yaml"):
        assert (dest / "cases" / case.name).read_bytes() == case.read_bytes()
    code, out = run("build", dest / "casebook.yaml", "-o", tmp_path / "new.pdf")
    assert code == 0, out
    assert "令和７年６月" in cover_text(tmp_path / "new.pdf")


def test_new_refers_to_the_old_images_unless_copied(tmp_path: Path) -> None:
    assert run("new", tmp_path / "a", "--from", SECOND.parent, "--date", "2025-04")[0] == 0
    images = re.search(r"^images: (.+)$", (tmp_path / "a" / "casebook.yaml").read_text(encoding="utf-8"), re.MULTILINE).group(1)
    assert (tmp_path / "a" / images).resolve() == (SECOND.parent / "images").resolve()
    assert not (tmp_path / "a" / "images").exists()
    code, out = run("new", tmp_path / "b", "--from", SECOND, "--date", "2025-04", "--copy-images")
    assert code == 0, out
    assert re.search(r"^images: images$", (tmp_path / "b" / "casebook.yaml").read_text(encoding="utf-8"), re.MULTILINE)
    assert sorted(p.name for p in (tmp_path / "b" / "images").iterdir()) == sorted(p.name for p in (SECOND.parent / "images").iterdir())
    assert run("check", tmp_path / "b" / "casebook.yaml")[0] == 0


def test_new_adds_the_images_path_when_the_old_edition_used_the_default(tmp_path: Path) -> None:
    from tests.editions import CASE, make_edition

    old = make_edition(tmp_path / "old", {"01-test.yaml": CASE + "photos:\n  - {image: photo.png, caption: 写真}\n"})
    assert "images:" not in old.read_text(encoding="utf-8")
    code, out = run("new", tmp_path / "new", "--from", old, "--date", "2025-01")
    assert code == 0, out
    text = (tmp_path / "new" / "casebook.yaml").read_text(encoding="utf-8")
    assert re.search(r"^date: 2025-01\nimages: \.\./old/images  # ", text, re.MULTILINE), text
    assert run("build", tmp_path / "new" / "casebook.yaml", "-o", tmp_path / "new.pdf")[0] == 0


def test_new_brings_cases_from_outside_the_edition_folder_inside(tmp_path: Path) -> None:
    from tests.editions import CASE, make_edition

    old = make_edition(tmp_path / "old", {"01-test.yaml": CASE})
    for n, folder in enumerate(("a", "b")):
        (tmp_path / "old" / folder).mkdir()
        (tmp_path / "old" / folder / "x.yaml").write_text(CASE.replace("テストの事例", f"外の事例{n}"), encoding="utf-8")
    text = old.read_text(encoding="utf-8").replace("  - cases/01-test.yaml", "  - ../a/x.yaml\n  - cases/01-test.yaml\n  - ../b/x.yaml")
    old.write_text(text, encoding="utf-8")
    code, out = run("new", tmp_path / "new", "--from", old, "--date", "2025-01")
    assert code == 0, out
    new = (tmp_path / "new" / "casebook.yaml").read_text(encoding="utf-8")
    assert "  - cases/x.yaml\n  - cases/01-test.yaml\n  - cases/x-2.yaml\n" in new
    code, out = run("check", tmp_path / "new" / "casebook.yaml")
    assert code == 0 and re.search(r"1\s+外の事例0.*\n.*\n\s+3\s+外の事例1", out), out


def test_new_never_writes_into_a_folder_that_has_files(tmp_path: Path) -> None:
    (tmp_path / "2025").mkdir()
    (tmp_path / "2025" / "memo.txt").write_text("keep", encoding="utf-8")
    code, out = run("new", tmp_path / "2025", "--from", BUNDLED)
    assert code == 2 and "Traceback" not in out
    assert os.listdir(tmp_path / "2025") == ["memo.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["2025"], "no half-made folder is left behind"


def test_new_refuses_a_date_that_is_not_one(tmp_path: Path) -> None:
    code, out = run("new", tmp_path / "x", "--from", BUNDLED, "--date", "2025-13")
    assert code == 2 and "2025-13" in out
    assert not (tmp_path / "x").exists()


def test_starter_edition_builds_and_explains_every_key(tmp_path: Path) -> None:
    code, out = run("new", tmp_path / "first", "--date", "2025-04")
    assert code == 0, out
    case = (tmp_path / "first" / "cases" / "01-example.yaml").read_text(encoding="utf-8")
    keys = [line for line in case.splitlines() if re.match(r"^#? ?[a-z_]+:", line)]
    assert {k.lstrip("# ").split(":")[0] for k in keys} >= {"category", "title", "headline", "department", "tools", "before",
                                                             "after", "overview", "effects", "notes", "photos", "blocks", "badge"}
    assert all("#" in line.lstrip("# ") for line in keys), [k for k in keys if "#" not in k.lstrip("# ")]
    code, out = run("build", tmp_path / "first" / "casebook.yaml", "-o", tmp_path / "first.pdf")
    assert code == 0, out
    assert "（3 ページ" in out and "令和７年４月" in cover_text(tmp_path / "first.pdf")


# ---- add -------------------------------------------------------------------------------------------


@EDITIONS
def test_add_then_check_lists_the_new_case(source: Path, tmp_path: Path) -> None:
    assert run("new", tmp_path / "ed", "--from", source, "--date", "2025-05")[0] == 0
    edition = tmp_path / "ed" / "casebook.yaml"
    before = edition.read_text(encoding="utf-8")
    count = before.count("  - cases/")
    code, out = run("add", "スマホで現場確認", edition)
    assert code == 0, out
    name = f"{count + 1:02d}-case.yaml"
    assert (tmp_path / "ed" / "cases" / name).is_file()
    after = edition.read_text(encoding="utf-8")
    assert after.replace(f"  - cases/{name}\n", "", 1) == before, "one line added, nothing else touched"
    code, out = run("check", edition)
    assert code == 0, out
    assert f"問題ありません: 事例 {count + 1} 件" in out
    assert re.search(rf"{count + 1}\s+スマホで現場確認\s+\(.*{name}\)", out)


def test_add_twice_numbers_on_and_keeps_a_flow_list(tmp_path: Path) -> None:
    assert run("new", tmp_path / "ed", "--date", "2025-05")[0] == 0
    edition = tmp_path / "ed" / "casebook.yaml"
    edition.write_text(re.sub(r"cases:.*\n  - (\S+)\n", r"cases: [\1]  # 一覧\n", edition.read_text(encoding="utf-8")), encoding="utf-8")
    assert run("add", "二件目", edition)[0] == 0
    assert run("add", "三件目: 題名にコロン", tmp_path / "ed")[0] == 0
    assert "cases: [cases/01-example.yaml, cases/02-case.yaml, cases/03-case.yaml]  # 一覧" in edition.read_text(encoding="utf-8")
    code, out = run("check", edition)
    assert code == 0 and "三件目: 題名にコロン" in out, out


# ---- preview ---------------------------------------------------------------------------------------


@EDITIONS
def test_preview_writes_one_png_per_page_at_the_asked_resolution(source: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "pages"
    (out_dir).mkdir()
    (out_dir / "page-99.png").write_bytes(b"stale")
    code, out = run("preview", source, "-o", out_dir, "--dpi", "50")
    assert code == 0, out
    files = sorted(out_dir.iterdir())
    with pdfplumber.open(_built(source, tmp_path)) as doc:
        sizes = [(float(p.width), float(p.height)) for p in doc.pages]
    assert [f.name for f in files] == [f"page-{n:02d}.png" for n in range(1, len(sizes) + 1)], "one file per page, no temporary or stale ones"
    for file, (w, h) in zip(files, sizes):
        with Image.open(file) as img:
            assert abs(img.width - w * 50 / 72) <= 1 and abs(img.height - h * 50 / 72) <= 1
            assert img.getextrema() != ((255, 255), (255, 255), (255, 255)), "the page is drawn, not blank"


def _built(source: Path, tmp_path: Path) -> Path:
    pdf = tmp_path / "built.pdf"
    assert run("build", source, "-o", pdf, "-q")[0] == 0
    return pdf


def test_preview_pages_option_chooses_pages(tmp_path: Path) -> None:
    code, out = run("preview", BUNDLED, "-o", tmp_path, "--pages", "1,3-4", "--dpi", "30")
    assert code == 0, out
    assert sorted(p.name for p in tmp_path.glob("*.png")) == ["page-01.png", "page-03.png", "page-04.png"]
    code, out = run("preview", BUNDLED, "-o", tmp_path, "--pages", "9")
    assert code == 2 and "9" in out


# ---- progress ----------------------------------------------------------------------------------------


def test_progress_bar_absent_when_output_is_not_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("casebook_pdf.workflow.progress.MOMENT", -1.0)  # every step counts as long
    code, out = run("build", SECOND, "-o", tmp_path / "a.pdf", "--no-cache")
    assert code == 0, out
    assert "\r" not in out and "[#" not in out and "[-" not in out
    assert re.search(r"ページ 4 件を組みました", out) and re.search(r"画像 \d+ 枚を処理しました", out)
    code, out = run("build", SECOND, "-o", tmp_path / "b.pdf", "--no-cache", "-q")
    assert code == 0 and out == ""


def test_progress_bar_drawn_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casebook_pdf.build import build
    from casebook_pdf.workflow.progress import Display, workspace

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("casebook_pdf.workflow.progress.MOMENT", -1.0)
    screen = Terminal()
    build(SECOND, tmp_path / "a.pdf", None, 300, workspace(None, 300, Display(screen)))
    assert "\r" in screen.getvalue() and "[##############################]  4/4" in screen.getvalue()
    quiet = Terminal()
    build(SECOND, tmp_path / "b.pdf", None, 300, workspace(None, 300, Display(quiet, quiet=True)))
    assert quiet.getvalue() == ""


# ---- Windows: a PDF held open by a viewer; the cache folder -------------------------------------------


def test_pdf_held_open_is_written_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "casebook.pdf"
    out.write_bytes(b"%PDF- the old one, open in a viewer")
    real_replace = os.replace

    def replace(src: str, dst: str | Path) -> None:
        if Path(dst).resolve() == out.resolve():
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        real_replace(src, dst)

    monkeypatch.setattr("casebook_pdf.build.os.replace", replace)
    monkeypatch.chdir(tmp_path)
    code, message = run("build", SECOND, "-o", "casebook.pdf")
    assert code == 0, message
    assert out.read_bytes() == b"%PDF- the old one, open in a viewer"
    assert (tmp_path / "casebook-1.pdf").read_bytes().startswith(b"%PDF-")
    assert "開かれている" in message and "casebook-1.pdf" in message
    assert "casebook-1.pdf を書き出しました" in message
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_cache_folder_is_the_platforms_unless_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import platformdirs

    monkeypatch.setenv("CASEBOOK_CACHE", str(tmp_path))
    assert default_cache_dir() == tmp_path
    monkeypatch.delenv("CASEBOOK_CACHE")
    assert default_cache_dir() == Path(platformdirs.user_cache_dir("casebook-pdf", appauthor=False))


# ---- the README's guide --------------------------------------------------------------------------


def test_the_annotated_case_in_the_readme_builds(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- annotated-case -->\n```yaml\n(.*?)```\n<!-- /annotated-case -->", readme, re.DOTALL)
    assert block, "the README keeps its annotated case between the markers"
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "01.yaml").write_text(block.group(1), encoding="utf-8")
    edition = BUNDLED.read_text(encoding="utf-8")
    edition = re.sub(r"^images: .*$", f"images: {(ROOT / 'images').as_posix()}", edition, flags=re.MULTILINE)
    edition = edition[: edition.index("cases:")] + "cases: [cases/01.yaml]\n"
    (tmp_path / "casebook.yaml").write_text(edition, encoding="utf-8")
    code, out = run("build", tmp_path / "casebook.yaml", "-o", tmp_path / "a.pdf")
    assert code == 0, out
    assert "警告" not in out, out


def test_a_rebuild_from_memory_gives_the_same_pdf_as_a_fresh_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    import casebook_pdf.layout.edition as layout
    from casebook_pdf.build import build
    from casebook_pdf.workflow.progress import workspace

    laid_out: list[str] = []
    real = layout.layout_case
    monkeypatch.setattr(layout, "layout_case", lambda case, *a, **k: laid_out.append(case.file.name) or real(case, *a, **k))

    shutil.copytree(SECOND.parent, tmp_path / "ed")
    edition, case = tmp_path / "ed" / "casebook.yaml", tmp_path / "ed" / "cases" / "02-farm-web-meeting.yaml"
    work = workspace(None, 300)
    build(edition, tmp_path / "first.pdf", None, 300, work)
    work.memo.sweep()
    case.write_text(case.read_text(encoding="utf-8").replace("overview: ", "overview: 追記。", 1), encoding="utf-8")
    laid_out.clear()
    build(edition, tmp_path / "again.pdf", None, 300, work)
    assert laid_out == ["02-farm-web-meeting.yaml"], "only the edited case is laid out again"
    build(edition, tmp_path / "fresh.pdf", None, 300)
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes()
    assert (tmp_path / "again.pdf").read_bytes() != (tmp_path / "first.pdf").read_bytes()
    assert len(work.memo._kept) == 5, "the memo keeps the pages of the last build only (4 cases, the contents)"


def test_quiet_build_still_tells_that_the_pdf_went_to_another_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """-q hides progress, warnings and the summary, not the result that the PDF is not where it was asked."""
    out = tmp_path / "casebook.pdf"
    out.write_bytes(b"%PDF- the old one, open in a viewer")
    real_replace = os.replace

    def replace(src: str, dst: str | Path) -> None:
        if Path(dst).resolve() == out.resolve():
            raise PermissionError(13, "used by another process")
        real_replace(src, dst)

    monkeypatch.setattr("casebook_pdf.build.os.replace", replace)
    monkeypatch.chdir(tmp_path)
    code, message = run("build", SECOND, "-o", "casebook.pdf", "-q")
    assert code == 0, message
    assert message.startswith("お知らせ: casebook.pdf: ") and "casebook-1.pdf に書き出しました" in message, message
    assert "を書き出しました（" not in message, "the summary stays hidden"
    code, message = run("--lang", "en", "build", SECOND, "-o", "casebook.pdf", "-q")
    assert code == 0 and message.startswith("notice: casebook.pdf: ") and "written to casebook-1.pdf" in message, message


def test_an_output_that_is_an_input_under_another_name_is_refused(tmp_path: Path) -> None:
    """The same file on disk by another path: through a linked folder, and by a hard link."""
    import shutil

    shutil.copytree(SECOND.parent, tmp_path / "ed")
    photo = next((tmp_path / "ed" / "images").iterdir())
    (tmp_path / "pictures").symlink_to(tmp_path / "ed" / "images")
    os.link(photo, tmp_path / "same.pdf")
    for output in (tmp_path / "pictures" / photo.name, tmp_path / "same.pdf"):
        code, out = run("build", tmp_path / "ed" / "casebook.yaml", "-o", output)
        assert code != 0 and "入力ファイル" in out, out
    assert (tmp_path / "same.pdf").read_bytes() == photo.read_bytes()
    code, out = run("build", tmp_path / "ed" / "casebook.yaml", "-o", tmp_path / "new.pdf")
    assert code == 0 and (tmp_path / "new.pdf").is_file(), out
