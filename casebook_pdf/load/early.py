"""What a build can learn about an edition before YAML or the model is imported: where its edition file
is, and which picture files its first cases probably name.

A cold build of a small edition is mostly start-up, and its pictures are most of the work after it. They
are decoded on a second core (images.ImageStore.prefetch) while the first one goes on with the build, but
only once their names are known. Loading the edition to learn them means importing YAML and the model
first, on one core. So `picture_hints` reads the edition file and its first case files as plain text, as a
browser's preload scanner reads a page ahead of its parser: the `images:` folder, the `cases:` list and
each `image:` value written in the plain forms (a plain or quoted scalar on the key's own line).

A hint validates nothing and reports nothing (it reads regular files only: a named pipe would block). A picture it misses is decoded later, one it finds wrongly
(a key inside a multi-line text, say) is decoded in vain and dropped; the loaded edition alone decides what
is drawn (build.py), and every path is resolved exactly as the loader resolves it (load/edition.py,
load/fields.py), so that a hinted file and the loaded photo are the same Path.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from pathlib import Path

from casebook_pdf.load.reading import MAX_FILE_BYTES

EDITION_FILE = "casebook.yaml"
DEFAULT_IMAGES = "../images"
# Enough to keep the second core busy during start-up; the prefetch has its own pixel budget too.
HINTED_CASES = 24
HINTED_PICTURES = 32

_TOP_IMAGES = re.compile(r"^images:[ \t]*(.*)$", re.M)
_TOP_CASES = re.compile(r"^cases:[ \t]*(.*)$", re.M)
_LIST_ITEM = re.compile(r"^[ \t]*-[ \t]+(.*)$")
_IMAGE = re.compile(r"^[ \t]*(?:-[ \t]+)?image:[ \t]*(.*)$", re.M)
_PLAIN_START = set("[]{}&*!|>%@`#,?:-\"'")


def edition_file(path: Path) -> Path:
    """The edition file meant by `path`: the file itself, or in a folder its casebook.yaml, else its
    data/casebook.yaml (the layout of this repository and of an edition kept with its tools)."""
    path = Path(path)
    if not path.is_dir():
        return path
    inside = path / "data" / EDITION_FILE
    return inside if not (path / EDITION_FILE).exists() and inside.is_file() else path / EDITION_FILE


def written_path(folder: Path, written: str) -> Path:
    """A file or folder named as an edition writes it (either slash), relative to `folder`, resolved; as
    written when it cannot be followed (a link loop, a name too long), which the loader then names."""
    path = folder / written.replace("\\", "/")
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path


def is_full_path(written: str) -> bool:
    """A name written as a full path (/…, C:…): pictures are named inside the images folder instead."""
    relative = written.replace("\\", "/")
    return relative.startswith("/") or re.match(r"^[A-Za-z]:", relative) is not None


def picture_hints(path: Path) -> list[Path]:
    """The picture files the edition file's first cases name, as the loader will resolve them; [] for
    anything this simple reading does not follow (the loader then finds them)."""
    try:
        file = Path(path).absolute().resolve()
        text = _read(file)
        if text is None:
            return []
        images = _images_dir(text, file.parent)
        if images is None:
            return []
        found: list[Path] = []
        for case_file in _case_files(text, file.parent):
            case_text = _read(case_file)
            if case_text is not None:
                found += _pictures(case_text, images)
            if len(found) >= HINTED_PICTURES:
                break
        return list(dict.fromkeys(found))[:HINTED_PICTURES]
    except (OSError, RuntimeError, ValueError):  # a link loop, a name too long: the loader will say
        return []


def _regular(file: Path) -> bool:
    """A regular file (opening a named pipe would wait for a writer); the loader reports anything else."""
    try:
        return stat.S_ISREG(file.stat().st_mode)
    except (OSError, ValueError):
        return False


def _read(file: Path) -> str | None:
    if not _regular(file):
        return None
    try:
        with open(file, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        return data.decode("utf-8-sig") if len(data) <= MAX_FILE_BYTES else None
    except (OSError, UnicodeDecodeError):
        return None


def scalar(written: str) -> str | None:
    """The value of a YAML scalar written on one line in its simplest forms (plain, or quoted without
    escapes), without a trailing comment; None for any other form (a flow collection, an alias, a tag,
    a block scalar, an escape sequence)."""
    written = written.strip()
    if not written:
        return None
    quote = written[0]
    if quote in "\"'":
        end = written.find(quote, 1)
        while quote == "'" and end != -1 and written[end + 1:end + 2] == "'":
            end = written.find(quote, end + 2)
        if end == -1 or (quote == '"' and "\\" in written[:end]):
            return None
        rest = written[end + 1:].strip()
        if rest and not rest.startswith("#"):
            return None
        inner = written[1:end]
        return (inner.replace("''", "'") if quote == "'" else inner).strip() or None
    if quote in _PLAIN_START:
        return None
    value = re.split(r"[ \t]#", written, maxsplit=1)[0].strip()
    return value or None


def _images_dir(text: str, folder: Path) -> Path | None:
    match = _TOP_IMAGES.search(text)
    if match is None:
        return (folder / DEFAULT_IMAGES).resolve()
    written = scalar(match.group(1))
    return None if written is None else written_path(folder, written)


def _case_files(text: str, folder: Path) -> Iterator[Path]:
    match = _TOP_CASES.search(text)
    if match is None or match.group(1).strip() and not match.group(1).lstrip().startswith("#"):
        return  # no list, or a flow list on the key's line: left to the loader
    count = 0
    for line in text[match.end():].splitlines()[1:]:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        item = _LIST_ITEM.match(line)
        if item is None:
            return
        written = scalar(item.group(1))
        if written is not None:
            yield written_path(folder, written)
            count += 1
            if count >= HINTED_CASES:
                return


def _pictures(text: str, images: Path) -> Iterator[Path]:
    for match in _IMAGE.finditer(text):
        written = scalar(match.group(1))
        if written is None:
            continue
        if is_full_path(written):
            continue
        target = written_path(images, written)
        if target.is_relative_to(images) and _regular(target):
            yield target
