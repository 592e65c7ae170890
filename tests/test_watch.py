"""build --watch in a real process: rebuilds after a change, survives a bad edit, ends on Ctrl-C."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT, SECOND

pytestmark = pytest.mark.skipif(os.name == "nt", reason="drives the process with SIGINT")


class Watcher:
    def __init__(self, edition: Path, output: Path, *options: str) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen([sys.executable, "-m", "casebook_pdf", *options, "build", str(edition), "-o", str(output), "--watch"],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8", env=env)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, seconds: float = 60) -> str | None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            self.seen.append(line)
            if re.search(pattern, line):
                return line
        return None

    def change_until(self, file: Path, text: str, pattern: str) -> str:
        """Write the file, then again if no matching line follows soon: the watcher may start a moment
        after it says it is watching."""
        for attempt in range(10):
            file.write_text(text + f"# {attempt}\n", encoding="utf-8")
            line = self.wait_for(pattern, seconds=3)
            if line:
                return line
        raise AssertionError(f"no line matching {pattern!r} after changing {file.name}; output so far: {self.seen}")


def test_watch_rebuilds_after_a_change_and_keeps_running_after_a_bad_edit(tmp_path: Path) -> None:
    folder = tmp_path / "edition"
    shutil.copytree(SECOND.parent, folder)
    edition, case = folder / "casebook.yaml", folder / "cases" / "01-snow-patrol.yaml"
    output = tmp_path / "book.pdf"
    original = case.read_text(encoding="utf-8")
    w = Watcher(edition, output)
    try:
        assert w.wait_for(r"book\.pdf を作りました（6 ページ"), w.seen
        assert w.wait_for("変更を見張っています"), w.seen
        first = output.read_bytes()

        line = w.change_until(case, original.replace("title: ", "title: 改訂・", 1), r"を作りました.*01-snow-patrol\.yaml")
        assert re.match(r"\d\d:\d\d:\d\d ", line) and "警告 0 件" in line
        assert output.read_bytes() != first

        rebuilt = output.read_bytes()
        w.change_until(case, original + "overview: [unclosed\n", r"問題が 1 件あります")
        assert any("01-snow-patrol.yaml:" in s and s.startswith("エラー:") for s in w.seen), w.seen
        assert w.proc.poll() is None, "the watch goes on after a bad edit"
        assert output.read_bytes() == rebuilt, "the last good PDF stays"

        w.change_until(case, original, r"を作りました.*01-snow-patrol\.yaml")
        picture = folder / "images" / "snow-patrol.png"
        for attempt in range(10):  # a picture changed is a rebuild too
            Image.new("RGB", (640, 480), (20 * attempt, 90, 140)).save(picture)
            if w.wait_for(r"を作りました.*snow-patrol\.png", seconds=3):
                break
        else:
            raise AssertionError(f"no rebuild after the picture changed: {w.seen}")
        w.proc.send_signal(signal.SIGINT)
        assert w.proc.wait(timeout=30) == 0
        assert w.wait_for("見張りを終わりました", seconds=10), w.seen
        assert not any("Traceback" in s for s in w.seen), w.seen
    finally:
        if w.proc.poll() is None:
            w.proc.kill()
            w.proc.wait()


def test_watch_on_the_bundled_edition_in_english(tmp_path: Path) -> None:
    """The repository's own layout (data/ beside images/), given as a folder, with --lang en."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "images", tmp_path / "images")
    case = tmp_path / "data" / "cases" / "02-power-outage.yaml"
    original = case.read_text(encoding="utf-8")
    output = tmp_path / "book.pdf"
    w = Watcher(tmp_path, output, "--lang", "en")
    try:
        assert w.wait_for(r"built .*book\.pdf \(pages: 5, warnings: 0"), w.seen
        assert w.wait_for("watching for changes"), w.seen
        first = output.read_bytes()
        w.change_until(case, original.replace("title: ", "title: 改訂・", 1), r"built .*02-power-outage\.yaml")
        assert output.read_bytes() != first
        w.change_until(case, original + "overview: [unclosed\n", r"problems found: 1\. The PDF is unchanged")
        assert any("02-power-outage.yaml:" in s and s.startswith("error:") for s in w.seen), w.seen
        assert w.proc.poll() is None, "the watch goes on after a bad edit"
        w.proc.send_signal(signal.SIGINT)
        assert w.proc.wait(timeout=30) == 0
        assert w.wait_for("watch ended", seconds=10), w.seen
        assert not any("Traceback" in s for s in w.seen), w.seen
    finally:
        if w.proc.poll() is None:
            w.proc.kill()
            w.proc.wait()
