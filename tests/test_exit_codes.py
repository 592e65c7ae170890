"""Exit codes 0 / 1 / 2 / 3 / 130, the output guards, and the atomic write under failure and signals.

The write tests stop the process inside the write (at fsync, after part of the new PDF is on disk)
rather than racing a timer, so they fail for the right reason: a build that wrote the PDF in place
would leave a damaged file behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from casebook_pdf.cli import EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_WARNINGS, main
from tests.conftest import ROOT
from tests.editions import CASE, make_edition

PHOTO_CASE = CASE + "photos:\n  - {image: photo.png, caption: 小さな写真}\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_codes_0_1_2(tmp_path: Path) -> None:
    edition = make_edition(tmp_path, {"01-test.yaml": PHOTO_CASE})  # a 400×300 photo prints below 150 dpi
    out = tmp_path / "book.pdf"
    code, text = run("build", str(edition), "-o", str(out))
    assert code == EXIT_OK and "警告:" in text, text
    out.unlink()
    code, text = run("build", str(edition), "-o", str(out), "--strict")
    assert code == EXIT_WARNINGS, text
    assert "--strict" in text and not out.exists()
    assert run("check", str(edition), "--strict")[0] == EXIT_WARNINGS
    assert run("check", str(edition))[0] == EXIT_OK
    (tmp_path / "data" / "cases" / "01-test.yaml").write_text(CASE.replace("title:", "titel:"), encoding="utf-8")
    assert run("build", str(edition), "-o", str(out), "--strict")[0] == EXIT_INPUT


def test_internal_error_is_one_line_asking_for_a_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import casebook_pdf.build

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero\nsecond line")

    monkeypatch.setattr(casebook_pdf.build, "build", broken)
    code, text = run("build", str(make_edition(tmp_path)), "-o", str(tmp_path / "x.pdf"))
    assert code == EXIT_INTERNAL
    assert text.count("\n") == 1 and "--debug" in text and "ZeroDivisionError" in text
    assert "Traceback" not in text


@pytest.mark.parametrize("target", ["data/casebook.yaml", "data/cases/01-test.yaml", "images/photo.png",
                                    "images/new.pdf", "images", "data"])
def test_output_never_overwrites_an_input(tmp_path: Path, target: str) -> None:
    edition = make_edition(tmp_path, {"01-test.yaml": PHOTO_CASE})
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    code, text = run("build", str(edition), "-o", str(tmp_path / target))
    assert code == EXIT_INPUT, text
    assert "-o:" in text and text.count("エラー:") == 1
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_output_through_a_symlink_to_an_input_is_refused(tmp_path: Path) -> None:
    edition = make_edition(tmp_path)
    (tmp_path / "link.pdf").symlink_to(edition)
    before = edition.read_bytes()
    code, text = run("build", str(edition), "-o", str(tmp_path / "link.pdf"))
    assert code == EXIT_INPUT, text
    assert edition.read_bytes() == before


# ---- the atomic write, stopped inside it --------------------------------------------------------

STOP_IN_FSYNC = """
import os, signal, sys
real_fsync = os.fsync
def fsync(fd):
    {action}
os.fsync = fsync
from casebook_pdf.cli import main
sys.argv = ["casebook-pdf", "build", {edition!r}, "-o", {out!r}, "--no-cache"]
main()
"""


def _stopped_build(tmp_path: Path, action: str) -> tuple[subprocess.CompletedProcess[str], bytes, bytes]:
    """Build once, edit the case, build again stopped inside fsync: (process, old PDF, PDF now on disk)."""
    edition = make_edition(tmp_path)
    out = tmp_path / "book.pdf"
    assert run("build", str(edition), "-o", str(out))[0] == 0
    old = out.read_bytes()
    (tmp_path / "data" / "cases" / "01-test.yaml").write_text(CASE.replace("テストの事例", "書き換えた事例"), encoding="utf-8")
    script = STOP_IN_FSYNC.format(action=action, edition=str(edition), out=str(out))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    return done, old, out.read_bytes()


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".book.pdf")]


def test_failure_mid_write_keeps_the_old_pdf_and_no_temporary_file(tmp_path: Path) -> None:
    done, old, now = _stopped_build(tmp_path, "raise OSError(28, 'No space left on device')")
    assert done.returncode == EXIT_INPUT, done.stderr
    assert "Traceback" not in done.stderr and "ディスクがいっぱいです" in done.stderr
    assert now == old
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("signum", ["SIGTERM", "SIGINT"])
def test_signal_mid_write_removes_the_temporary_file(tmp_path: Path, signum: str) -> None:
    done, old, now = _stopped_build(tmp_path, f"os.kill(os.getpid(), signal.{signum}); real_fsync(fd)")
    assert done.returncode == EXIT_INTERRUPTED, done.stderr
    assert "Traceback" not in done.stderr and "中断しました" in done.stderr
    assert now == old
    assert _leftovers(tmp_path) == []


def test_kill_mid_write_keeps_the_old_pdf(tmp_path: Path) -> None:
    """SIGKILL cannot be caught: the temporary file may stay, but the old PDF must be whole."""
    done, old, now = _stopped_build(tmp_path, "os.kill(os.getpid(), signal.SIGKILL)")
    assert done.returncode == -9
    assert now == old


STOP_IN_PREVIEW = """
import os, signal, sys
import casebook_pdf.workflow.preview as preview
real = preview._write_page
def write_page(document, number, *args):
    if number == 2:
        os.kill(os.getpid(), signal.SIGTERM)
    return real(document, number, *args)
preview._write_page = write_page
from casebook_pdf.cli import main
sys.argv = ["casebook-pdf", "preview", {edition!r}, "-o", {out!r}, "--no-cache"]
main()
"""


def test_sigterm_during_preview_leaves_no_temporary_files(tmp_path: Path) -> None:
    edition = make_edition(tmp_path)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    out = tmp_path / "png"
    script = STOP_IN_PREVIEW.format(edition=str(edition), out=str(out))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(scratch)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == EXIT_INTERRUPTED, done.stderr
    assert "Traceback" not in done.stderr and "中断しました" in done.stderr and "PNG" in done.stderr
    assert list(scratch.iterdir()) == []  # the temporary PDF's folder removed
    assert sorted(p.name for p in out.iterdir()) == ["page-01.png"]  # written before the signal; no half-written page


# ---- the command itself: cli.run() ends the process without Python's teardown ------------------


def _buffered_env() -> dict[str, str]:
    """The environment with output buffered as on a user's machine (some set PYTHONUNBUFFERED)."""
    return {**{k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}, "PYTHONPATH": str(ROOT)}


def _command(*args: str) -> subprocess.CompletedProcess[str]:
    env = _buffered_env()
    return subprocess.run([sys.executable, "-m", "casebook_pdf", *args], capture_output=True, text=True, env=env, timeout=300)


def test_the_command_exits_with_its_code_and_everything_written_and_said(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from casebook_pdf import __version__

    edition = make_edition(tmp_path, {"01-test.yaml": PHOTO_CASE})
    out, cache = tmp_path / "book.pdf", tmp_path / "cache"
    done = _command("build", str(edition), "-o", str(out), "--cache-dir", str(cache))
    assert done.returncode == EXIT_OK, done.stderr
    said = done.stdout + done.stderr
    assert "book.pdf" in said and "警告:" in said  # the last lines, flushed before the process ended
    assert len(PdfReader(out).pages) == 3
    assert list((cache / "pages").rglob("*.z")) and list((cache / "layout").rglob("*.json"))
    missing = _command("build", str(tmp_path / "none.yaml"), "-o", str(out))
    assert missing.returncode == EXIT_INPUT and "none.yaml" in missing.stderr and "Traceback" not in missing.stderr
    version = _command("--version")
    assert version.returncode == EXIT_OK and __version__ in version.stdout


RUN_WITH_A_THREAD = """
import sys, threading, time
import casebook_pdf.cli as cli

def main(prog_name):
    def work():
        time.sleep(0.3)
        open({flag!r}, "w").write("done")
    threading.Thread(target=work).start()
    raise SystemExit(3)

cli.main = main
cli.run()
"""


def test_a_thread_still_at_work_when_the_command_ends_is_waited_for(tmp_path: Path) -> None:
    flag = tmp_path / "flag"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", RUN_WITH_A_THREAD.format(flag=str(flag))], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 3, done.stderr
    assert flag.read_text() == "done"


RUN_PRINTING = """
import casebook_pdf.cli as cli

def main(prog_name):
    print("まだ書き出していない行")  # buffered: stdout is a pipe

cli.main = main
cli.run()
"""


def test_what_the_command_printed_last_is_not_lost() -> None:
    env = _buffered_env()
    done = subprocess.run([sys.executable, "-c", RUN_PRINTING], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == EXIT_OK and done.stdout == "まだ書き出していない行\n"
