"""load.early: the edition file's location and the picture hints a build reads before loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook_pdf.build import build, image_files
from casebook_pdf.errors import CasebookError
from casebook_pdf.load import early
from casebook_pdf.load.early import HINTED_PICTURES, picture_hints, scalar
from casebook_pdf.load.edition import load_edition
from tests.conftest import BUNDLED, ROOT
from tests.editions import CASE, make_edition

PHOTOS = "photos:\n  - image: {a}\n    caption: 一枚目\n  - image: {b}\n    caption: 二枚目\n"


def _editions() -> list[Path]:
    """Every edition in the repository that loads."""
    found = []
    for file in sorted(ROOT.rglob("casebook.yaml")):
        if ".git" in file.parts or "build" in file.relative_to(ROOT).parts[:1]:
            continue
        try:
            load_edition(file)
        except CasebookError:
            continue
        found.append(file)
    return found


def test_the_bundled_edition_is_hinted_exactly_as_loaded() -> None:
    hints = picture_hints(BUNDLED)
    assert len(hints) == 6 and hints == image_files(load_edition(BUNDLED))


@pytest.mark.parametrize("file", _editions(), ids=lambda f: str(f.relative_to(ROOT).parent))
def test_every_hint_is_a_picture_the_loaded_edition_names(file: Path) -> None:
    loaded = image_files(load_edition(file))
    hints = picture_hints(file)
    assert set(hints) <= set(loaded)  # the same Path objects the loader makes: prefetch finds them by equality
    if len(set(loaded)) <= HINTED_PICTURES:
        assert set(hints) == set(loaded)  # the repository's editions are written in the plain forms


@pytest.mark.parametrize(("written", "value"), [
    ("photo.png", "photo.png"),
    ("photo.png   # the old one", "photo.png"),
    ("dir/my photo.png", "dir/my photo.png"),
    ('"quoted #1.png"', "quoted #1.png"),
    ("'it''s.png'  # comment", "it's.png"),
    ("' padded.png '", "padded.png"),
    ('"escaped\\t.png"', None),  # an escape sequence: left to the YAML parser
    ('"unterminated.png', None),
    ("'quoted' trailing", None),
    ("[a.png, b.png]", None),
    ("{x: y}", None),
    ("*alias", None),
    ("!tag a.png", None),
    ("|", None),
    ("", None),
    ("# only a comment", None),
])
def test_scalar_reads_only_the_plain_forms(written: str, value: str | None) -> None:
    assert scalar(written) == value


def test_hints_follow_the_images_folder_and_skip_comments_and_outside_paths(tmp_path: Path) -> None:
    case = CASE + PHOTOS.format(a="'photo.png'", b="photo2.png  # second") + "# image: commented.png\n"
    edition = make_edition(tmp_path, {"01.yaml": case, "02.yaml": CASE + PHOTOS.format(a="../outside.png", b="/abs.png"),
                                      "03.yaml": CASE + PHOTOS.format(a="missing.png", b="photo.png")})
    (tmp_path / "outside.png").write_bytes(b"")
    (tmp_path / "images" / "photo2.png").write_bytes((tmp_path / "images" / "photo.png").read_bytes())
    images = (tmp_path / "images").resolve()
    assert picture_hints(edition) == [images / "photo.png", images / "photo2.png"]

    text = edition.read_text(encoding="utf-8")
    (tmp_path / "images").rename(tmp_path / "pictures")
    edition.write_text("images: ../pictures\n" + text, encoding="utf-8")
    assert picture_hints(edition) == [(tmp_path / "pictures").resolve() / "photo.png", (tmp_path / "pictures").resolve() / "photo2.png"]


@pytest.mark.parametrize("change", [
    lambda text: text.replace(b"cases:\n", b"cases: [cases/01.yaml]\n#"),  # a flow list: not followed
    lambda text: text.replace(b"cases:\n", b"cases: &list\n"),  # an anchor, a tag: anything on the key's line
    lambda text: b"images: [a, b]\n" + text,  # not a folder name
    lambda text: b"\xff\xfe" + text,  # not UTF-8 text
])
def test_what_the_scanner_does_not_follow_gives_no_hint(tmp_path: Path, change) -> None:  # noqa: ANN001
    edition = make_edition(tmp_path, {"01.yaml": CASE + PHOTOS.format(a="photo.png", b="photo.png")})
    assert picture_hints(edition) == [(tmp_path / "images" / "photo.png").resolve()]
    edition.write_bytes(change(edition.read_bytes()))
    assert picture_hints(edition) == []


def test_hints_stop_after_the_first_cases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(early, "HINTED_CASES", 2)
    cases = {f"{n:02}.yaml": CASE + PHOTOS.format(a=f"p{n}a.png", b=f"p{n}b.png") for n in range(5)}
    edition = make_edition(tmp_path, cases)
    for n in range(5):
        for side in "ab":
            (tmp_path / "images" / f"p{n}{side}.png").write_bytes(b"")
    assert [p.name for p in picture_hints(edition)] == ["p0a.png", "p0b.png", "p1a.png", "p1b.png"]
    assert picture_hints(tmp_path / "missing.yaml") == []


def test_wrong_hints_do_not_change_the_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hint names a file the edition does not use, or misses one: the PDF is the same bytes."""
    edition = make_edition(tmp_path, {"01.yaml": CASE + PHOTOS.format(a="photo.png", b="other.png")})
    from PIL import Image

    Image.new("RGB", (1200, 900), (200, 60, 20)).save(tmp_path / "images" / "other.png")
    Image.new("RGB", (1200, 900), (0, 0, 0)).save(tmp_path / "images" / "unused.png")
    build(edition, tmp_path / "right.pdf", tmp_path / "c1")
    monkeypatch.setattr("casebook_pdf.build.picture_hints", lambda _file: [(tmp_path / "images" / "unused.png").resolve()])
    build(edition, tmp_path / "wrong.pdf", tmp_path / "c2")
    assert (tmp_path / "wrong.pdf").read_bytes() == (tmp_path / "right.pdf").read_bytes()
