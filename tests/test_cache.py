"""The caches change what an input change must change, and nothing else.

Fonts: a face from the font cache is the face reportlab parses. Images and pages: see below.
No timings here; bench/run.py measures them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFontFace

from casebook_pdf import fontcache
from casebook_pdf.fonts import FILES, REGULAR, VERTICAL, font_dir


def _same_state(a: TTFontFace, b: TTFontFace) -> None:
    """Attribute for attribute equal, with the same types inside (an int advance is not a float)."""
    skip = {"_pdfScale", "_pos"}
    assert a.__dict__.keys() == b.__dict__.keys()
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
    assert len(list(tmp_path.iterdir())) == 1
    again = fontcache.load_face(path, tmp_path)  # from the entry
    _same_state(parsed, first)
    _same_state(parsed, again)
    subset = list(range(32, 127)) + [ord(c) for c in "事例集の作り方、。"]
    assert again.makeSubset(subset) == parsed.makeSubset(subset)


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
    assert len(list(cache.iterdir())) == 2
    assert regular.name == b"BIZUDPGothic-Regular" and regular.charToGlyph != vertical.charToGlyph


@pytest.mark.parametrize("damage", [b"", b"\x00\x00\x00\x00", b"garbage" * 100, None])
def test_damaged_font_entries_are_misses(tmp_path: Path, damage: bytes | None) -> None:
    path = font_dir() / FILES[VERTICAL]
    fontcache.load_face(path, tmp_path)
    (entry,) = tmp_path.iterdir()
    raw = entry.read_bytes()
    entry.write_bytes(raw[:-7] if damage is None else damage)  # None: cut short
    _same_state(TTFontFace(str(path)), fontcache.load_face(path, tmp_path))


def test_fonts_made_around_a_cached_face_are_what_reportlab_makes() -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    from casebook_pdf.fonts import _ttfont

    path = font_dir() / FILES[VERTICAL]
    ours, theirs = _ttfont("Probe", TTFontFace(str(path))), TTFont("Probe", str(path))
    assert ours.__dict__.keys() == theirs.__dict__.keys()
    for name in ours.__dict__.keys() - {"face", "state", "encoding"}:
        assert getattr(ours, name) == getattr(theirs, name), name
    assert type(ours.encoding) is type(theirs.encoding) and ours.encoding.__dict__ == theirs.encoding.__dict__
    assert ours.shapable == theirs.shapable
