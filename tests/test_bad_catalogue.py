"""The catalogue of bad input: tests/bad/NAME.yaml changes a small edition, NAME.expected is what the user sees.

Each NAME.yaml (see tests/bad/README.md) edits the edition written by tests.editions.make_edition,
then runs `casebook-pdf build` through the CLI from the edition's folder. Every case must:
- exit with its code (2 unless the case says otherwise: some odd inputs are accepted and build);
- print exactly NAME.expected (one `エラー: file:line: path: problem. what to do.` line per problem);
- show no traceback, overwrite nothing (every file of the edition and the old PDF byte-identical),
  and leave no temporary file behind.
`UPDATE_BAD=1 python3 -m pytest tests/test_bad_catalogue.py` rewrites the .expected files; read the diff.
"""

from __future__ import annotations

import codecs
import os
import re
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from PIL import Image

from casebook_pdf.cli import main
from tests.editions import make_edition

BAD = Path(__file__).parent / "bad"
CASES = sorted(p.stem for p in BAD.glob("*.yaml"))
OLD_PDF = b"%PDF-1.4\n% the previous build, which a failed build must leave alone\n%%EOF\n"
ERROR_LINE = re.compile(r"^エラー: [^:\n]+(?::\d+)?: \S")


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares a size but holds no pixels: enough for a pixel-count guard to judge it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def _write(path: Path, text: str, encoding: str | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if encoding in (None, "utf-8"):
        path.write_bytes(text.encode("utf-8"))
    elif encoding == "utf-8-bom":
        path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    elif encoding == "utf-16-nobom":
        path.write_bytes(text.encode("utf-16-le"))
    else:
        path.write_bytes(text.encode(encoding))


def _edit(root: Path, edit: dict[str, Any]) -> None:
    target = root / edit.get("file", "data/cases/01-test.yaml")
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    if "text" in edit:
        text = edit["text"]
    for old, new in edit.get("replace", []):
        assert old in text, f"{old!r} is not in {target.name}"
        text = text.replace(old, new, 1)
    for insert in edit.get("insert", []):
        assert insert["after"] in text, f"{insert['after']!r} is not in {target.name}"
        text = text.replace(insert["after"], insert["after"] + insert["text"] * insert.get("times", 1), 1)
    text += edit.get("append", "") * edit.get("times", 1)
    if edit.get("newline"):
        text = text.replace("\n", edit["newline"])
    _write(target, text, edit.get("encoding"))


def _make(root: Path, item: dict[str, Any]) -> None:
    path = root / item["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    kind = item["kind"]
    if kind == "symlink":
        path.symlink_to(item["to"])
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dir":
        path.mkdir()
    elif kind == "bytes":
        path.write_bytes(bytes.fromhex(item.get("hex", "")) * item.get("times", 1))
    elif kind == "text":
        path.write_text(item["text"], encoding="utf-8")
    elif kind == "image":
        w, h = item.get("size", [400, 300])
        color = item.get("color", 128)
        image = Image.new(item.get("mode", "RGB"), (w, h), tuple(color) if isinstance(color, list) else color)
        image.save(path, item.get("format"))
        if "cut" in item:  # keep only the first part of the file: a photo copied off a failing card
            path.write_bytes(path.read_bytes()[: item["cut"]])
    elif kind == "png-header":
        path.write_bytes(_png_header(*item["size"]))
    else:
        raise ValueError(f"unknown kind {kind}")


def _snapshot(root: Path) -> dict[str, bytes]:
    files = {}
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
            files[str(path.relative_to(root))] = path.read_bytes()
    return files


def _run(root: Path, spec: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(root)
    args = ["build", spec.get("edition", "data/casebook.yaml"), "--no-cache", "-q"]
    args += spec.get("args", ["-o", "out.pdf"])
    result = CliRunner().invoke(main, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = yaml.safe_load((BAD / f"{name}.yaml").read_text(encoding="utf-8"))
    root = tmp_path / "ed"
    make_edition(root)
    for edit in spec.get("edit", []):
        _edit(root, edit)
    for item in spec.get("make", []):
        _make(root, item)
    (root / "out.pdf").write_bytes(OLD_PDF)
    before = _snapshot(root)

    code, output = _run(root, spec, monkeypatch)

    expected_file = BAD / f"{name}.expected"
    if os.environ.get("UPDATE_BAD"):
        expected_file.write_text(output, encoding="utf-8")
    assert output == expected_file.read_text(encoding="utf-8"), output
    assert code == spec.get("exit", 2), output
    assert "Traceback" not in output
    if code == 2:
        errors = output.splitlines()[:-1]
        assert errors and all(ERROR_LINE.match(line) for line in errors), output
        assert _snapshot(root) == before, "a failed build must not change any file"
    assert [p.name for p in root.rglob(".*") if ".tmp" in p.name] == [], "temporary file left behind"


def test_the_catalogue_is_large_and_every_case_has_its_message() -> None:
    assert len(CASES) >= 80
    assert sorted(p.stem for p in BAD.glob("*.expected")) == CASES
