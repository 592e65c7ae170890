"""`new`: next year's edition from last year's, or a starter edition, made in a folder of its own.

From an edition: casebook.yaml and every listed case file are copied byte for byte, then casebook.yaml
gets the new date and an `images:` path that still points at last year's images folder (or at a copy,
with copy_images). Only those two values change; comments and formatting stay. The folder is made
under a temporary name and renamed at the end, so a failure leaves nothing half made.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path


from casebook_pdf.errors import DataError, Issue
from casebook_pdf.fonts import FILES, REGULAR, font_dir
from casebook_pdf.load.early import EDITION_FILE, edition_file
from casebook_pdf.load.edition import load_edition
from casebook_pdf.messages import _
from casebook_pdf.record import record
from casebook_pdf.workflow.templates import case_text, edition_text
from casebook_pdf.workflow.yamltext import YamlText

_DATE = re.compile(r"^\d{4}-\d{1,2}(-\d{1,2})?$")


@record
class Made:
    edition: Path  # the new casebook.yaml
    cases: int
    images: Path | None  # the images folder the new edition refers to
    copied_images: bool


def this_month() -> str:
    return dt.date.today().strftime("%Y-%m")


def check_date(text: str) -> str | None:
    """None when `text` is a date the edition file accepts (YYYY-MM or YYYY-MM-DD), else what is wrong."""
    if not _DATE.match(text):
        return _("日付は YYYY-MM（例: 2024-05）か YYYY-MM-DD の形で書いてください。")
    year, month, *day = (int(p) for p in text.split("-"))
    try:
        dt.date(year, month, day[0] if day else 1)
    except ValueError:
        return _("{date} という日付はありません。").format(date=text)
    return None


def new_from(source: Path, dest: Path, date: str, copy_images: bool) -> Made:
    old = load_edition(edition_file(source))  # last year's edition must be whole: its cases are copied
    with _fresh_folder(dest) as work:
        text = YamlText.read(old.file)
        moved = []
        for case, node in zip(old.cases, _case_nodes(text)):
            target = _case_target(Path(node.value.replace("\\", "/")), case.file, work)
            if target.as_posix() != node.value:
                moved.append((node, target.as_posix()))
            (work / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(case.file, work / target)
        for node, value in reversed(moved):  # from the end, so the earlier positions stay right
            text.replace_scalar(node, value)
        text.set_scalar("date", date)
        images = _images(old.images_dir, work, Path(dest).absolute(), copy_images)
        if images is not None:
            text.set_scalar("images", images, after="date", comment=_("画像のフォルダ（このファイルからの相対位置）"))
        text.write(work / EDITION_FILE)
        load_edition(work / EDITION_FILE)  # the new edition must load as the old one did
    return Made(Path(dest) / EDITION_FILE, len(old.cases), old.images_dir if old.images_dir.is_dir() else None, copy_images)


def _case_target(written: Path, file: Path, work: Path) -> Path:
    """Where a case file goes in the new edition: where it was when inside the old edition's folder,
    else cases/NAME (NAME-2 … when that name is taken)."""
    if not written.is_absolute() and ".." not in written.parts:
        return written
    target, n = Path("cases") / file.name, 1
    while (work / target).exists():
        n += 1
        target = Path("cases") / f"{file.stem}-{n}{file.suffix}"
    return target


def _case_nodes(text: YamlText) -> list:
    node = text.value("cases")
    return list(node.value) if node is not None else []


def _images(images_dir: Path, work: Path, dest: Path, copy: bool) -> str | None:
    """The `images:` value of the new edition: a copy's name, or the way from dest to the old folder."""
    if not images_dir.is_dir():
        return None
    if copy:
        shutil.copytree(images_dir, work / "images")
        return "images"
    try:
        return Path(os.path.relpath(images_dir, dest)).as_posix()
    except ValueError:  # another drive on Windows: only an absolute path reaches it
        return images_dir.as_posix()


def new_starter(dest: Path, date: str) -> Made:
    """A small edition that builds: casebook.yaml, one fully commented case and one example picture."""
    with _fresh_folder(dest) as work:
        case_file = "cases/01-example.yaml"
        (work / "cases").mkdir()
        (work / "images").mkdir()
        (work / EDITION_FILE).write_text(edition_text(date, case_file), encoding="utf-8", newline="\n")
        title = _("公用スマホで〇〇をした事例")
        (work / case_file).write_text(case_text(title, ["phone", "web", "mail"], ("phone", "web"), "example.png"), encoding="utf-8", newline="\n")
        example_picture(work / "images" / "example.png")
        load_edition(work / EDITION_FILE)
    return Made(Path(dest) / EDITION_FILE, 1, Path(dest) / "images", False)


def example_picture(path: Path) -> None:
    """A plain stand-in picture saying where a photo goes (drawn, so nothing binary ships)."""
    from PIL import Image, ImageDraw, ImageFont  # here: `check` and `build` import this module for edition_file

    img = Image.new("RGB", (800, 600), (222, 228, 236))
    draw = ImageDraw.Draw(img)
    draw.rectangle((40, 40, 759, 559), outline=(120, 135, 160), width=6)
    draw.line((40, 40, 759, 559), fill=(170, 180, 200), width=3)
    draw.line((40, 559, 759, 40), fill=(170, 180, 200), width=3)
    font = ImageFont.truetype(str(font_dir() / FILES[REGULAR]), 64)
    label = _("写真の例")
    box = draw.textbbox((0, 0), label, font=font)
    x, y = (800 - (box[2] - box[0])) // 2, (600 - (box[3] - box[1])) // 2
    draw.rectangle((x - 24, y - 16, x + box[2] - box[0] + 24, y + box[3] - box[1] + 32), fill=(255, 255, 255))
    draw.text((x, y), label, font=font, fill=(60, 70, 90))
    img.save(path, "PNG", optimize=True)


class _fresh_folder:
    """A temporary folder beside `dest`, renamed to `dest` when the block succeeds, removed otherwise."""

    def __init__(self, dest: Path) -> None:
        self.dest = Path(dest).absolute()

    def __enter__(self) -> Path:
        if self.dest.exists() and (not self.dest.is_dir() or any(self.dest.iterdir())):
            raise DataError(Issue(self.dest, None, None, _("{name} はもうあります。前の版を上書きしないよう、新しい版は空のフォルダに作ります。").format(name=self.dest.name),
                                  _("別のフォルダ名を指定してください（例: 2025）。")))
        self.dest.parent.mkdir(parents=True, exist_ok=True)
        self.work = Path(tempfile.mkdtemp(prefix=f".{self.dest.name}.", dir=self.dest.parent))
        os.chmod(self.work, 0o755)  # mkdtemp's folder is private; an edition folder is an ordinary one
        return self.work

    def __exit__(self, kind, exc, tb) -> None:
        if kind is not None:
            shutil.rmtree(self.work, ignore_errors=True)
            return
        if self.dest.exists():
            self.dest.rmdir()  # empty, checked on entry
        os.replace(self.work, self.dest)
