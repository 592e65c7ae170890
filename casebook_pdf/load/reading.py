"""Step 0 of loading: a file name -> its text, refusing early what is not a small UTF-8 text file.

Checked before anything is parsed, so a bad input fails in well under a second: the path (a folder,
a pipe, a link loop, a name too long), the size (MAX_FILE_BYTES), and the encoding (Shift_JIS/CP932
and UTF-16 are named, with how to save the file again as UTF-8; a UTF-8 BOM is accepted).
"""

from __future__ import annotations

import errno
import stat
import unicodedata
from pathlib import Path

from casebook_pdf.errors import DataError, Issue
from casebook_pdf.messages import _

MAX_FILE_BYTES = 512 * 1024  # the largest real case file is ~6 KB, the edition file ~2 KB

_RESAVE = _("メモ帳なら「名前を付けて保存」で文字コードを「UTF-8」にして保存し直してください。")


def visible(name: str) -> str:
    """A name as it can be shown in a message: invisible characters written as U+XXXX."""
    return "".join(f"<U+{ord(ch):04X}>" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in name)


def _fail(path: Path, message: str, hint: str | None = None, line: int | None = None) -> DataError:
    return DataError(Issue(path, line, None, message, hint))


def file_problem(path: Path) -> str | None:
    """Why `path` cannot be read as a YAML file (missing, a folder, a pipe, ...), or None if it can."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return _("ファイルが見つかりません。")
    except ValueError:  # a NUL character in the name
        return _("ファイル名に使えない文字（NUL）が入っています。")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _("シンボリックリンクが自分自身を指していて（ループ）、たどれません。")
        if exc.errno == errno.ENAMETOOLONG:
            return _("ファイル名が長すぎて、このコンピュータでは扱えません。")
        if exc.errno == errno.ENOTDIR:
            return _("ファイルが見つかりません（途中のフォルダ名がファイルです）。")
        return _("ファイルを開けません（{reason}）。").format(reason=exc.strerror or exc)
    if stat.S_ISDIR(info.st_mode):
        return _("これはフォルダで、ファイルではありません。")
    if not stat.S_ISREG(info.st_mode):
        return _("普通のファイルではありません（名前付きパイプや装置など）。")
    return None


def read_text(path: Path) -> str:
    """The file's text as UTF-8 (a leading BOM is allowed); DataError naming the file otherwise."""
    problem = file_problem(path)
    if problem is not None:
        raise _fail(path, problem, _("ファイル名と置き場所を確かめてください。"))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _fail(path, _("ファイルが大きすぎます（{kb} KB。上限は {limit} KB）。").format(
            kb=size // 1024, limit=MAX_FILE_BYTES // 1024), _("中身を減らしてください（事例は 1 件ずつ別のファイルに書きます。写真はファイルに入れず images フォルダに置きます）。"))
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _fail(path, _("ファイルを読めません（{reason}）。").format(reason=exc.strerror or exc)) from None
    return decode(data, path)


def decode(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        raise _fail(path, _("ファイルが UTF-16 で保存されています。"), _RESAVE, 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        if _is_cp932(data):
            raise _fail(path, _("ファイルが Shift_JIS（CP932）で保存されています。UTF-8 で保存してください。"), _RESAVE, line) from None
        raise _fail(path, _("ファイルが UTF-8 の文字になっていません（壊れているか、別の文字コードです）。"), _RESAVE, line) from None


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of ASCII text is NUL."""
    head = data[:200]
    return len(head) >= 4 and head.count(0) >= len(head) // 3


def _is_cp932(data: bytes) -> bool:
    try:
        data.decode("cp932")
    except UnicodeDecodeError:
        return False
    return True
