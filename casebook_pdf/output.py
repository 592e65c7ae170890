"""Guards on the output path: the PDF never overwrites the edition's own files.

Checked before loading (a folder, a file that is not a PDF) and again right after (the edition file,
a case file, anything inside the images folder), so a wrong `-o` fails before any expensive work.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from casebook_pdf.errors import Issue, OutputError, display_path
from casebook_pdf.messages import _

if TYPE_CHECKING:  # a build checks its output before the model is imported (build.py)
    from casebook_pdf.model import Edition

_KEEP_HINT = _("別の名前（例: -o casebook.pdf）を指定してください。")


def _refuse(output: Path, message: str, hint: str = _KEEP_HINT) -> OutputError:
    return OutputError(Issue(output, None, "-o", message, hint))


def _resolved(path: Path) -> Path:
    try:
        return path.absolute().resolve()
    except (OSError, RuntimeError):  # a link loop: compare the path as written
        return path.absolute()


def inputs_of(edition: Edition) -> set[Path]:
    """Every file the edition reads: the edition file, its case files and the images they name."""
    from casebook_pdf.model import ContrastBlock

    files = {edition.file}
    for case in edition.cases:
        files.add(case.file)
        files.update(photo.image for photo in case.photos)
        for block in case.blocks:
            if isinstance(block, ContrastBlock):
                files.update(side.image for side in (block.before, block.after) if side.image is not None)
    return files


def _is_input(target: Path, edition: Edition) -> bool:
    """Whether `target` is one of the edition's files on disk, by any path (a link, another spelling):
    the same device and inode. A target not there yet is none of them, since every input exists once
    the edition is loaded. (Resolving the 4000 paths of a 1000-case edition instead took ~0.1 s.)"""
    try:
        wanted = target.stat()
    except OSError:
        return False
    if not wanted.st_ino:  # a file system without inode numbers (some network drives): compare the paths
        return target in {_resolved(f) for f in inputs_of(edition)}
    for file in inputs_of(edition):
        try:
            found = os.stat(file)
        except OSError:
            continue
        if (found.st_dev, found.st_ino) == (wanted.st_dev, wanted.st_ino):
            return True
    return False


def guard_output(output: Path, edition: Edition | None, edition_file: Path | None = None) -> None:
    """Raise OutputError when writing `output` would destroy something.

    Before loading (`edition` None): a folder, a path inside a file, the edition file itself.
    After loading: any input of the edition, anything inside its images folder, and any existing
    file that is not a PDF (a YAML file not listed in the edition, a document, a picture).
    """
    target = _resolved(output)
    if _is_dir(target):
        raise _refuse(output, _("ここはフォルダです。"),
                      _("PDF のファイル名まで指定してください（例: -o {name}/casebook.pdf）。").format(name=display_path(output)))
    blocking = next((p for p in target.parents if p.exists() and not _is_dir(p)), None)
    if blocking is not None:
        raise _refuse(output, _("{name} はファイルなので、その中には書き出せません。").format(name=display_path(blocking)),
                      _("書き出すフォルダを -o で指定し直してください。"))
    if edition_file is not None and target == _resolved(edition_file):
        raise _refuse(output, _INPUT)
    if edition is None:
        return
    if _is_input(target, edition):
        raise _refuse(output, _INPUT)
    if target.is_relative_to(_resolved(edition.images_dir)):
        raise _refuse(output, _("画像フォルダの中です。PDF は画像フォルダの外に書き出してください。"))
    if not _is_pdf_or_new(target):
        raise _refuse(output, _("PDF ではない既存のファイルです。上書きすると中身が失われるため、書き出しません。"))


_INPUT = _("この版の入力ファイル（casebook.yaml・事例ファイル・写真）です。上書きすると元のデータが消えるため、書き出しません。")


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _is_pdf_or_new(path: Path) -> bool:
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return True
        with open(path, "rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return True  # unreadable or odd: writing will report it with the reason
