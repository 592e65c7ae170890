"""The caches change what an input change must change, and nothing else.

Fonts: a face from the font cache is the face reportlab parses. Images and pages: see below.
No timings here; bench/run.py measures them.
"""

from __future__ import annotations

import dataclasses

import copy
import os
import shutil
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfbase.ttfonts import TTFontFace

from casebook_pdf import fontcache, parsememo, pixels
from casebook_pdf import images as images_module
from casebook_pdf.build import build
from casebook_pdf.fonts import BOLD, FILES, REGULAR, VERTICAL, VERTICAL_BOLD, font_dir
from casebook_pdf.load.source import load_yaml, parse_yaml
from tests.conftest import BUNDLED, SECOND
from tests.editions import CASE, make_edition


def _font_bytes(face: TTFontFace) -> bytes:
    data = face._ttf_data
    return data.whole() if isinstance(data, fontcache.FontFile) else data


def _same_state(a: TTFontFace, b: TTFontFace) -> None:
    """Attribute for attribute equal, with the same types inside (an int advance is not a float); the
    tables a cached face builds when first read are read here."""
    skip = {"_pdfScale", "_pos", "_ttf_data"}
    assert _font_bytes(a) == _font_bytes(b)
    for face in (a, b):
        for name in fontcache.LATER:
            getattr(face, name)
    assert a.__dict__.keys() - {"_later"} == b.__dict__.keys() - {"_later"}
    for name in a.__dict__.keys() - skip:
        va, vb = getattr(a, name), getattr(b, name)
        assert va == vb, name
        assert type(va) is type(vb), name
        if name == "hmetrics":
            assert [tuple(map(type, x)) for x in va] == [tuple(map(type, x)) for x in vb]
        if name in ("charWidths", "charToGlyph"):
            assert list(va.items()) == list(vb.items())  # the parser's order too
    assert a._pdfScale(1234) == b._pdfScale(1234)
    assert a.name.ustr == b.name.ustr


@pytest.mark.parametrize("face", [REGULAR, VERTICAL])
def test_a_cached_face_is_the_parsed_face(tmp_path: Path, face: str) -> None:
    path = font_dir() / FILES[face]
    parsed = TTFontFace(str(path))
    first = fontcache.load_face(path, tmp_path)  # parses and stores
    assert len(list(tmp_path.glob("*.face"))) == 1
    again = fontcache.load_face(path, tmp_path)  # from the entry
    _same_state(parsed, first)
    _same_state(parsed, again)
    subset = list(range(32, 127)) + [ord(c) for c in "事例集の作り方、。"]
    assert again.makeSubset(subset) == parsed.makeSubset(subset)


def test_faces_with_the_same_table_share_it_and_no_other(tmp_path: Path) -> None:
    """The regular and bold faces map the same characters to the same glyphs: one dict for both,
    built once; their widths differ, and so does everything of the vertical face."""
    regular, bold, vertical = (fontcache.load_face(font_dir() / FILES[name], tmp_path) for name in (REGULAR, BOLD, VERTICAL))
    regular, bold, vertical = (fontcache.load_face(font_dir() / FILES[name], tmp_path) for name in (REGULAR, BOLD, VERTICAL))
    assert bold.charToGlyph is regular.charToGlyph
    assert bold.charWidths is not regular.charWidths and bold.charWidths != regular.charWidths
    assert vertical.charToGlyph is not regular.charToGlyph and vertical.charToGlyph != regular.charToGlyph


def test_the_cache_is_read_not_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = font_dir() / FILES[VERTICAL]
    fontcache.load_face(path, tmp_path)

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed although the cache holds the face")

    monkeypatch.setattr(fontcache, "TTFontFace", type("NoParse", (TTFontFace,), {"__init__": no_parsing}))
    assert fontcache.load_face(path, tmp_path).charToGlyph


def test_a_changed_font_file_is_parsed_afresh(tmp_path: Path) -> None:
    """The key is the file's content: another font under the same name never gets the old metrics."""
    font = tmp_path / "face.ttf"
    shutil.copy(font_dir() / FILES[VERTICAL], font)
    cache = tmp_path / "cache"
    vertical = fontcache.load_face(font, cache)
    shutil.copy(font_dir() / FILES[REGULAR], font)
    regular = fontcache.load_face(font, cache)
    assert len(list(cache.glob("*.face"))) == 2
    assert regular.name == b"BIZUDPGothic-Regular" and regular.charToGlyph != vertical.charToGlyph


@pytest.mark.parametrize("damage", [b"", b"\x00\x00\x00\x00", b"garbage" * 100, None])
def test_damaged_font_entries_are_misses(tmp_path: Path, damage: bytes | None) -> None:
    path = font_dir() / FILES[VERTICAL]
    fontcache.load_face(path, tmp_path)
    (entry,) = tmp_path.glob("*.face")
    raw = entry.read_bytes()
    entry.write_bytes(raw[:-7] if damage is None else damage)  # None: cut short
    _same_state(TTFontFace(str(path)), fontcache.load_face(path, tmp_path))


def test_a_cached_face_builds_the_tables_a_build_does_not_read_only_when_read(tmp_path: Path) -> None:
    path = font_dir() / FILES[VERTICAL]
    parsed = TTFontFace(str(path))
    fontcache.load_face(path, tmp_path)
    cached = fontcache.load_face(path, tmp_path)
    mark = copy.copy(cached)  # as fonts.load_fonts makes the list-mark faces
    assert not set(fontcache.LATER) & cached.__dict__.keys()
    assert mark.glyphToChar == parsed.glyphToChar and mark.hmetrics == parsed.hmetrics
    assert cached.glyphToChar is mark.glyphToChar and cached.hmetrics is mark.hmetrics  # built once, shared
    with pytest.raises(AttributeError):
        cached.no_such_attribute  # noqa: B018


class _FontHashes:
    """Which font files the font cache reads to hash, and which it parses."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.hashed: list[str] = []
        self.parsed: list[str] = []
        real_hash, real_parse = fontcache.FontDigests.hash, fontcache._parse

        def counting_hash(digests: fontcache.FontDigests, path: Path, data: bytes | None = None) -> tuple[str, bytes]:
            self.hashed.append(path.name)
            return real_hash(digests, path, data)

        monkeypatch.setattr(fontcache.FontDigests, "hash", counting_hash)
        monkeypatch.setattr(fontcache, "_parse", lambda path, data: self.parsed.append(path.name) or real_parse(path, data))


def test_an_unchanged_font_file_is_not_hashed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font = tmp_path / "face.ttf"
    shutil.copy(font_dir() / FILES[VERTICAL], font)
    _age(tmp_path)
    cache = tmp_path / "cache"
    counter = _FontHashes(monkeypatch)
    first = fontcache.load_face(font, cache)
    assert counter.hashed == ["face.ttf"] and counter.parsed == ["face.ttf"] and (cache / fontcache.INDEX).is_file()
    again = fontcache.load_face(font, cache)
    assert counter.hashed == ["face.ttf"] and counter.parsed == ["face.ttf"]  # the stat fast path: read, not hashed
    _same_state(first, again)
    assert isinstance(again._ttf_data, fontcache.FontFile)  # nor read whole: see the next test
    assert again._ttf_data[0:len(again._ttf_data)] == font.read_bytes()


def test_a_cached_face_reads_what_it_embeds_and_refuses_a_font_changed_since(tmp_path: Path) -> None:
    from casebook_pdf.errors import FontError
    from casebook_pdf.glyphfont import subset_program

    font = tmp_path / "face.ttf"
    shutil.copy(font_dir() / FILES[VERTICAL], font)
    _age(tmp_path)
    fontcache.load_face(font, tmp_path / "cache")
    face = fontcache.load_face(font, tmp_path / "cache")
    data, original = face._ttf_data, font.read_bytes()
    assert isinstance(data, fontcache.FontFile) and len(data) == len(original)
    assert data.ranges([(0, 12), (100, 164), (5, 5)]) == [original[0:12], original[100:164], b""]
    assert data[-10:] == original[-10:] and data[len(original) - 3:len(original) + 50] == original[-3:]
    used = {face.charToGlyph[ord(c)] for c in "「」（）ー〜" if ord(c) in face.charToGlyph}
    assert used and subset_program(face, used) == subset_program(TTFontFace(str(font)), used)

    os.utime(font)  # touched: another signature, the same bytes, so still the font that was parsed
    assert data[0:12] == original[0:12]

    font.write_bytes(original[:100] + bytes(reversed(original[100:200])) + original[200:])
    fresh = fontcache.FontFile(font, data._digest, fontcache.stat_key(font.stat()))
    assert fresh[0:4] == original[0:4]  # its signature is the file's: read as it is
    os.utime(font, ns=(1, 1))
    with pytest.raises(FontError) as caught:
        fresh[0:4]
    assert caught.value.issues[0].file == font and "書き換えられました" in caught.value.issues[0].message
    font.unlink()
    with pytest.raises(FontError, match="読めません"):
        fontcache.FontFile(font, data._digest, data._signature)[0:4]


def test_a_font_rewritten_with_its_size_and_time_put_back_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The change time (and the inode, for a copy put in its place) tells the rewrite apart."""
    regular, bold = (font_dir() / FILES[name] for name in (VERTICAL, VERTICAL_BOLD))
    size = max(regular.stat().st_size, bold.stat().st_size)
    padded = {path: path.read_bytes().ljust(size, b"\0") for path in (regular, bold)}  # a font's tail is not read
    font = tmp_path / "face.ttf"
    font.write_bytes(padded[regular])
    _age(tmp_path)
    cache = tmp_path / "cache"
    fontcache.load_face(font, cache)
    stat = font.stat()
    font.write_bytes(padded[bold])
    os.utime(font, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (font.stat().st_size, font.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    counter = _FontHashes(monkeypatch)
    face = fontcache.load_face(font, cache)
    assert counter.hashed == ["face.ttf"] and counter.parsed == ["face.ttf"]
    _same_state(TTFontFace(str(font)), face)
    assert face.name == b"BIZUDPGothicVertical-Bold"
    assert len(list(cache.glob("*.face"))) == 2


def test_a_font_just_written_is_hashed_each_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Within RACY seconds of its last change a file may change again in the same timestamp tick."""
    font = tmp_path / "face.ttf"
    shutil.copy(font_dir() / FILES[VERTICAL], font)
    cache = tmp_path / "cache"
    fontcache.load_face(font, cache)
    counter = _FontHashes(monkeypatch)
    fontcache.load_face(font, cache)
    assert counter.hashed == ["face.ttf"] and counter.parsed == []  # hashed again, still the stored parse


# --- Images and pages: what an input change must change, and nothing else -------------------------




PHOTO_CASE = CASE + "photos:\n  - {image: one.png, caption: 一枚目}\n  - {image: two.png, caption: 二枚目}\n"


def _photo_edition(root: Path) -> Path:
    edition = make_edition(root, {"01-a.yaml": PHOTO_CASE, "02-b.yaml": CASE.replace("テストの事例", "二つ目の事例")}, photo=False)
    Image.new("RGB", (900, 600), (40, 90, 140)).save(root / "images" / "one.png")
    Image.effect_noise((900, 600), 40).convert("RGB").save(root / "images" / "two.png")
    _age(root / "images")
    return edition


def _age(folder: Path) -> None:
    """Files last modified an hour ago: old enough for the stat fast path to trust (see images.RACY)."""
    past = time.time() - 3600
    for file in folder.iterdir():
        os.utime(file, (past, past))


class _Counter:
    """Counts what the image store processes and which files it reads to hash."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.processed: list[str] = []
        self.hashed: list[str] = []
        real_pixels, real_hash = pixels.pixels_for, images_module.Digests.hash
        monkeypatch.setattr(pixels, "pixels_for", lambda src, *a: self.processed.append("x") or real_pixels(src, *a))

        def counting_hash(digests: images_module.Digests, path: Path, data: bytes | None = None) -> tuple[str, bytes]:
            self.hashed.append(path.name)
            return real_hash(digests, path, data)

        monkeypatch.setattr(images_module.Digests, "hash", counting_hash)

    def reset(self) -> None:
        self.processed.clear()
        self.hashed.clear()


def test_an_unchanged_photo_is_neither_processed_nor_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    counter = _Counter(monkeypatch)
    build(edition, tmp_path / "a.pdf", cache)
    assert len(counter.processed) == 2 and sorted(counter.hashed) == ["one.png", "two.png"]
    counter.reset()
    build(edition, tmp_path / "b.pdf", cache)
    assert counter.processed == [] and counter.hashed == []  # the stat fast path: no file read
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a_photo_whose_bytes_change_is_processed_again_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    build(edition, tmp_path / "a.pdf", cache)
    counter = _Counter(monkeypatch)
    photo = tmp_path / "images" / "one.png"
    stat = photo.stat()
    Image.new("RGB", (900, 600), (140, 40, 40)).save(photo)  # same size in bytes and pixels, another colour
    os.utime(photo, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even the modification time put back
    build(edition, tmp_path / "b.pdf", cache)
    assert counter.processed == ["x"] and "one.png" in counter.hashed and "two.png" not in counter.hashed
    build(edition, tmp_path / "fresh.pdf")
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes()
    assert (tmp_path / "b.pdf").read_bytes() != (tmp_path / "a.pdf").read_bytes()


def test_a_photo_just_written_is_not_trusted_by_its_stat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Within RACY seconds of its last change a file may change again in the same timestamp tick."""
    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    Image.new("RGB", (900, 600), (10, 200, 10)).save(tmp_path / "images" / "one.png")
    build(edition, tmp_path / "a.pdf", cache)
    counter = _Counter(monkeypatch)
    build(edition, tmp_path / "b.pdf", cache)
    assert counter.hashed == ["one.png"] and counter.processed == []  # read and hashed, still a cache hit


def test_a_damaged_stat_index_only_costs_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    build(edition, tmp_path / "a.pdf", cache)
    (cache / "images" / "stat.json").write_text("{not json", encoding="utf-8")
    counter = _Counter(monkeypatch)
    build(edition, tmp_path / "b.pdf", cache)
    assert sorted(counter.hashed) == ["one.png", "two.png"] and counter.processed == []
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a_comment_line_changes_no_byte_of_the_pdf(tmp_path: Path) -> None:
    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    build(edition, tmp_path / "a.pdf", cache)
    case = tmp_path / "data" / "cases" / "02-b.yaml"
    case.write_text("# 担当: 総務部\n" + case.read_text(encoding="utf-8"), encoding="utf-8")
    build(edition, tmp_path / "b.pdf", cache)
    build(edition, tmp_path / "fresh.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes()


def test_a_text_edit_changes_the_pdf_as_a_fresh_build_does(tmp_path: Path) -> None:
    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    build(edition, tmp_path / "a.pdf", cache)
    case = tmp_path / "data" / "cases" / "02-b.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("時間が短縮", "作業が短縮"), encoding="utf-8")
    build(edition, tmp_path / "b.pdf", cache)
    build(edition, tmp_path / "fresh.pdf")
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes() != (tmp_path / "a.pdf").read_bytes()


# --- Parsed YAML ---------------------------------------------------------------------------------



def _yaml_files() -> list[Path]:
    return sorted({*BUNDLED.parent.rglob("*.yaml"), *SECOND.parent.rglob("*.yaml")})


def test_parsed_files_read_back_from_disk_are_what_the_parser_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsememo, "_memory", parsememo.OrderedDict())
    files = _yaml_files()
    with parsememo.stored_in(tmp_path):
        first = [load_yaml(f) for f in files]
    assert len(list(tmp_path.rglob("*.json"))) == len(files)
    parsememo._memory.clear()  # as a new process would
    monkeypatch.setattr("casebook_pdf.load.source.parse_yaml", lambda *a: pytest.fail("parsed again"))
    with parsememo.stored_in(tmp_path):
        again = [load_yaml(f) for f in files]
    for f, a, b in zip(files, first, again):
        fresh = parse_yaml(f.read_text(encoding="utf-8-sig"), f)
        assert a == fresh and b == fresh, f
        assert repr(b.data) == repr(fresh.data)  # the same types too (dates, ints, floats)


def test_dates_times_and_numbers_survive_the_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsememo, "_memory", parsememo.OrderedDict())
    file = tmp_path / "x.yaml"
    file.write_text("a: 2024-04-01\nb: 2024-04-01 10:30:00\nc: 8:45\nd: 0123\ne: 1.5\nf: yes\ng: [1, .inf]\n"
                    "h: {\"\\0odd\": 1}\n", encoding="utf-8")
    with parsememo.stored_in(tmp_path / "memo"):
        first = load_yaml(file)
    parsememo._memory.clear()
    with parsememo.stored_in(tmp_path / "memo"):
        again = load_yaml(file)
    assert repr(again) == repr(first)


def test_a_changed_text_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsememo, "_memory", parsememo.OrderedDict())
    file = tmp_path / "x.yaml"
    file.write_text("title: 一\n", encoding="utf-8")
    with parsememo.stored_in(tmp_path / "memo"):
        assert load_yaml(file).data == {"title": "一"}
        file.write_text("# 注記\ntitle: 一\n", encoding="utf-8")
        changed = load_yaml(file)
    assert changed.data == {"title": "一"} and changed.lines == {"title": 2}


# --- Drawn pages (drawncache) and stored page items ----------------------------------------------


class _Painted:
    """Counts the pages render draws (those not copied from the drawn-page cache), by page key."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from casebook_pdf.render import pdf as render_pdf_module

        self.keys: list[str] = []
        real = render_pdf_module.paint_page
        monkeypatch.setattr(render_pdf_module, "paint_page", lambda canvas, page, ctx: self.keys.append(page.key) or real(canvas, page, ctx))


def _case_keys(keys: list[str]) -> list[str]:
    return [k for k in keys if k.startswith("case")]


def test_a_warm_build_copies_every_case_page_and_changes_no_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    painted = _Painted(monkeypatch)
    build(edition, tmp_path / "a.pdf", cache)
    assert len(_case_keys(painted.keys)) == 2
    painted.keys.clear()
    build(edition, tmp_path / "b.pdf", cache)
    assert _case_keys(painted.keys) == []  # both case pages replayed from the cache
    build(edition, tmp_path / "fresh.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes()


def test_editing_one_case_draws_that_page_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    build(edition, tmp_path / "a.pdf", cache)
    case = tmp_path / "data" / "cases" / "02-b.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("時間が短縮", "作業が大幅に短縮"), encoding="utf-8")  # new characters
    painted = _Painted(monkeypatch)
    build(edition, tmp_path / "b.pdf", cache)
    assert len(_case_keys(painted.keys)) == 1
    build(edition, tmp_path / "fresh.pdf")
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes() != (tmp_path / "a.pdf").read_bytes()


def test_a_photo_changed_under_the_same_name_redraws_its_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    build(edition, tmp_path / "a.pdf", cache)
    photo = tmp_path / "images" / "one.png"
    Image.new("RGB", (900, 600), (140, 40, 40)).save(photo)
    _age(tmp_path / "images")
    painted = _Painted(monkeypatch)
    build(edition, tmp_path / "b.pdf", cache)
    assert len(_case_keys(painted.keys)) == 1  # the page with the photo; the other one is copied
    build(edition, tmp_path / "fresh.pdf")
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes() != (tmp_path / "a.pdf").read_bytes()


@pytest.mark.parametrize("kind", ["press", "grayscale"])
def test_kept_pages_are_kept_per_kind_of_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    from casebook_pdf.render import Output

    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    output = Output(press=True) if kind == "press" else Output(grayscale=True)
    build(edition, tmp_path / "screen.pdf", cache)
    painted = _Painted(monkeypatch)
    build(edition, tmp_path / "a.pdf", cache, kind=output)
    assert len(_case_keys(painted.keys)) == 2  # the screen PDF's drawings are not this PDF's
    painted.keys.clear()
    build(edition, tmp_path / "b.pdf", cache, kind=output)
    assert _case_keys(painted.keys) == []
    build(edition, tmp_path / "fresh.pdf", kind=output)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes()


def test_a_damaged_drawn_page_is_drawn_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    build(edition, tmp_path / "a.pdf", cache)
    entries = sorted((cache / "pages").rglob("*.z"))
    assert len(entries) == 3  # the contents page and two case pages; the cover is drawn every time
    for entry, damage in zip(entries, (b"not zlib", zlib.compress(b"{not json"), b"")):
        entry.write_bytes(damage)
    painted = _Painted(monkeypatch)
    build(edition, tmp_path / "b.pdf", cache)
    assert len(_case_keys(painted.keys)) + painted.keys.count("contents-1") == 3
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def _spoil_picture(drawn) -> None:
    drawn.events[0][1] = ["Box", 1]  # not a frame the memo can decode


def _spoil_kind(drawn) -> None:
    drawn.events[0][0] = "sound"


def _spoil_picture_key(drawn) -> None:  # a picture that is not on this page
    from casebook_pdf.layout.memo import decode, encode

    picture = decode(drawn.events[0][1])
    drawn.events[0][1] = encode(dataclasses.replace(picture, w=picture.w + 1))


def _spoil_font(drawn) -> None:
    drawn.fonts[0][0] = "NoSuchFont"


def _spoil_glyph(drawn) -> None:
    drawn.fonts[0][1][0][1] = -5


@pytest.mark.parametrize("spoil", [_spoil_picture, _spoil_kind, _spoil_picture_key, _spoil_font, _spoil_glyph])
def test_a_drawn_page_whose_events_or_fonts_are_damaged_is_drawn_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spoil) -> None:
    """Damage inside well-formed JSON: the entry is a miss before anything is done to the document."""
    from casebook_pdf.drawncache import Drawn

    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    build(edition, tmp_path / "a.pdf", cache)
    spoilt = 0
    for entry in sorted((cache / "pages").rglob("*.z")):
        drawn = Drawn.unpack(entry.read_bytes())
        if any(kind == "picture" for kind, *_ in drawn.events):
            spoil(drawn)
            entry.write_bytes(drawn.pack())
            spoilt += 1
    assert spoilt == 1  # the case page with photos
    painted = _Painted(monkeypatch)
    build(edition, tmp_path / "b.pdf", cache)
    assert len(_case_keys(painted.keys)) == 1
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_the_bundled_editions_copied_from_the_cache_are_the_fresh_bytes(tmp_path: Path) -> None:
    for edition in (BUNDLED, SECOND):
        build(edition, tmp_path / "a.pdf", tmp_path / "cache")
        build(edition, tmp_path / "b.pdf", tmp_path / "cache")
        build(edition, tmp_path / "fresh.pdf")
        assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes()


def test_a_stored_page_lists_its_pictures_without_decoding_its_items(tmp_path: Path) -> None:
    from casebook_pdf.fonts import load_fonts
    from casebook_pdf.images import pictures
    from casebook_pdf.layout.edition import layout_edition
    from casebook_pdf.layout.memo import LayoutMemo, StoredItems
    from casebook_pdf.load.edition import load_edition

    edition = load_edition(_photo_edition(tmp_path))
    memo = LayoutMemo(tmp_path / "layout")
    fresh = layout_edition(edition, load_fonts(), memo=memo).pages
    stored = layout_edition(edition, load_fonts(), memo=memo).pages
    items = stored[-2].items
    assert isinstance(items, StoredItems)
    assert list(pictures(stored)) == list(pictures(fresh)) and len(pictures(fresh)) == 2
    assert items._items is None  # listing the pictures decoded nothing
    assert stored == fresh and [p.memo for p in stored] == [p.memo for p in fresh]
    assert tuple(items) == fresh[-2].items and items._items is not None


def test_another_output_profile_draws_the_pages_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casebook_pdf.render import Output
    from tests.iccgen import cmyk_profile

    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    build(edition, tmp_path / "a.pdf", cache, kind=Output(press=True, icc=cmyk_profile("one")))
    painted = _Painted(monkeypatch)
    other = Output(press=True, icc=cmyk_profile("two"))
    build(edition, tmp_path / "b.pdf", cache, kind=other)
    assert len(_case_keys(painted.keys)) == 2
    build(edition, tmp_path / "fresh.pdf", kind=other)
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes()


def test_a_cache_entry_is_written_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casebook_pdf.cachedir import store

    store(tmp_path / "a" / "entry", b"first")
    assert (tmp_path / "a" / "entry").read_bytes() == b"first"

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    store(tmp_path / "a" / "entry", b"second")  # no error: the cache is an optimisation
    assert (tmp_path / "a" / "entry").read_bytes() == b"first"
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["entry"]  # no temporary file left
    (tmp_path / "file").write_bytes(b"")
    store(tmp_path / "file" / "entry", b"x")  # a folder that cannot be made: nothing written, no error


def test_a_drawn_page_entry_gives_back_the_same_stream_and_refuses_a_damaged_one() -> None:
    """An entry keeps a page's content stream as the PDF holds it, with a CRC: a changed byte is a miss."""
    from casebook_pdf.drawncache import Drawn

    fonts, events = [["BIZUDPGothic", [[1190, 21271]]]], [["link", [1.5, 2.0, 30.0, 12.0, 2, None]]]
    for stream in (b"", zlib.compress(b"BT 1 0 0 1 0 0 Tm (\\(\\)\\\\\\000) Tj ET\n"), bytes(range(256))):
        packed = Drawn(stream, fonts, events).pack()
        back = Drawn.unpack(packed)
        assert (back.stream, back.fonts, back.events) == (stream, fonts, events)
        if stream:
            with pytest.raises(ValueError):
                Drawn.unpack(packed[:-1] + bytes([packed[-1] ^ 1]))


def test_a_kept_page_whose_stream_was_altered_is_drawn_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    build(edition, tmp_path / "a.pdf", cache)
    for entry in sorted((cache / "pages").rglob("*.z")):
        data = entry.read_bytes()
        entry.write_bytes(data[:-5] + bytes([data[-5] ^ 0x40]) + data[-4:])  # inside the stream, not its CRC
    painted = _Painted(monkeypatch)
    build(edition, tmp_path / "b.pdf", cache)
    assert len(_case_keys(painted.keys)) == 2
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a_copied_page_is_neither_decompressed_nor_compressed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm build takes a kept page's stream as the PDF holds it (a tenth of a warm 1000-case build
    went to compressing the copied pages' streams again, as much again to decompressing their operators)."""
    import reportlab.pdfbase.pdfdoc as pdfdoc

    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    compressed: list[str] = []
    real = pdfdoc.PDFZCompress.encode
    monkeypatch.setattr(pdfdoc.PDFZCompress, "encode", lambda text: compressed.append(text) or real(text))
    build(edition, tmp_path / "fresh.pdf")  # no cache: reportlab compresses every page's stream
    fresh, compressed[:] = list(compressed), []
    build(edition, tmp_path / "a.pdf", cache)
    painted, compressed[:] = _Painted(monkeypatch), []
    build(edition, tmp_path / "b.pdf", cache)
    assert painted.keys == ["cover"]  # the cover is drawn every time; the other three pages are copied
    assert len(fresh) - len(compressed) == 3  # the copied pages' streams: not compressed again
    assert (tmp_path / "fresh.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a_warm_build_takes_its_cached_pictures_on_the_drawing_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cached pictures are read where they are drawn, not handed to the picture threads (whose every
    system call waits for the GIL while the pages are drawn); a changed one still goes to them, and the
    progress display counts both."""
    import threading

    from casebook_pdf.workflow.progress import Display, workspace

    edition, cache = _photo_edition(tmp_path), tmp_path / "cache"
    build(edition, tmp_path / "a.pdf", cache)
    threads: list[str] = []
    real = images_module.ImageStore._attempt
    monkeypatch.setattr(images_module.ImageStore, "_attempt", lambda self, p: threads.append(threading.current_thread().name) or real(self, p))
    ticks: list[str] = []
    display = Display(quiet=True)
    monkeypatch.setattr(display, "advance", lambda: ticks.append(display._name))  # the stage under way
    build(edition, tmp_path / "b.pdf", cache, work=workspace(cache, 300, display))
    assert threads == [] and ticks.count("images") == 2
    one = tmp_path / "images" / "one.png"
    Image.new("RGB", (900, 600), (140, 40, 40)).save(one)
    os.utime(one, (time.time() - 3600,) * 2)  # only this file's stat changes
    build(edition, tmp_path / "c.pdf", cache)
    assert len(threads) == 1 and threads[0] != threading.main_thread().name  # the changed photo, processed on a thread
    build(edition, tmp_path / "fresh.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert (tmp_path / "c.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes()
