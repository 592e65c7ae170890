"""Guards on the output path: the PDF never overwrites the edition's own files.

Checked before loading (a folder, a file that is not a PDF) and again right after (the edition file,
a case file, anything inside the images folder), so a wrong `-o` fails before any expensive work.
"""

from __future__ import annotations

from pathlib import Path

from casebook_pdf.errors import Issue, OutputError, display_path
from casebook_pdf.messages import _
from casebook_pdf.model import ContrastBlock, Edition

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
    files = {edition.file}
    for case in edition.cases:
        files.add(case.file)
        files.update(photo.image for photo in case.photos)
        for block in case.blocks:
            if isinstance(block, ContrastBlock):
                files.update(side.image for side in (block.before, block.after) if side.image is not None)
    return {_resolved(f) for f in files}


def guard_output(output: Path, edition: Edition | None) -> None:
    """Raise OutputError when writing `output` would destroy something; `edition` None = before loading."""
    target = _resolved(output)
    shown = display_path(output)
    try:
        if target.is_dir():
            raise _refuse(output, _("{name} はフォルダです。").format(name=shown),
                          _("PDF のファイル名まで指定してください（例: -o {name}/casebook.pdf）。").format(name=shown))
        if target.is_file() and target.stat().st_size > 0:
            with open(target, "rb") as fh:
                if not fh.read(5).startswith(b"%PDF-"):
                    raise _refuse(output, _("{name} は PDF ではない既存のファイルです。上書きすると中身が失われるため、書き出しません。")
                                  .format(name=shown))
    except OSError:
        pass  # unreadable or odd: writing will report it with the reason
    if edition is None:
        return
    if target in inputs_of(edition):
        raise _refuse(output, _("{name} はこの版の入力ファイルです。上書きすると元のデータが消えるため、書き出しません。").format(name=shown))
    if target.is_relative_to(_resolved(edition.images_dir)):
        raise _refuse(output, _("{name} は画像フォルダの中です。PDF は画像フォルダの外に書き出してください。").format(name=shown))
