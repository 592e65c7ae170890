"""Fonts embedded by glyph id: one Type 0 font (Identity-H) per face instead of reportlab's 256-glyph subsets.

reportlab's TrueType embedding numbers the characters of each font in the order the document first
uses them, 256 to a subset font. A page's content stream then depends on every page before it, so
no page can be kept from one build to the next. Here a character's code on the page is its glyph id
in the font file, the same in every document: a page's drawing depends on that page alone, and the
document has one font object per face instead of a dozen subsets.

The embedded program keeps the glyph ids of the original file (glyphs not used are left empty), so
no renumbering is needed; a ToUnicode map gives text extraction and search back their characters.
"""

from __future__ import annotations

import hashlib
import struct
import sys
from array import array
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC, FF_SYMBOLIC, GF_ARG_1_AND_2_ARE_WORDS, GF_MORE_COMPONENTS, GF_WE_HAVE_A_SCALE,
    GF_WE_HAVE_A_TWO_BY_TWO, GF_WE_HAVE_AN_X_AND_Y_SCALE, TTEncoding, TTFontFace, TTFontMaker,
)

from casebook_pdf.fontcache import FontFile

# Tables a CIDFontType2 program needs (PDF 32000-1, 9.9), and the few small ones viewers like to see.
LITTLE_ENDIAN = sys.byteorder == "little"
COPIED = ("cvt ", "fpgm", "prep", "hhea", "maxp", "OS/2", "name")


class GlyphFont:
    """A TrueType face drawn with 2-byte glyph ids. Duck-types what reportlab's canvas and text
    objects ask of a "dynamic" TTFont: splitString, getSubsetInternalName, addObjects, stringWidth."""

    _dynamicFont = 1
    _multiByte = 0
    shapable = False
    substitutionFonts: list = []
    # While a page is drawn to be kept (drawncache): font name -> the characters that page drew with it.
    recording: dict[str, set[str]] | None = None

    def __init__(self, name: str, face: TTFontFace, resource: str) -> None:
        self.fontName = name
        self.face = face
        self.resource = resource  # the fixed resource name on every page (/FR, /FB…): no document order in it
        self.encoding = TTEncoding()
        self._drawn: WeakKeyDictionary = WeakKeyDictionary()  # document -> the characters drawn in it
        self._escaped: dict[str, str] = {}  # character -> its 2-byte code as written in a PDF string

    # -- what drawing asks --------------------------------------------------------------------------
    def drawn(self, doc) -> set[str]:
        drawn = self._drawn.get(doc)
        if drawn is None:
            drawn = self._drawn[doc] = set()
        return drawn

    def used(self, doc) -> dict[int, int]:
        """glyph id -> the character it reads as: of the characters drawn with it, the lowest."""
        return self.glyphs(self.drawn(doc))

    def glyphs(self, chars: set[str]) -> dict[int, int]:
        c2g = self.face.charToGlyph
        used: dict[int, int] = {}
        for code in sorted(map(ord, chars), reverse=True):  # the lowest code of a glyph written last
            used[c2g.get(code, 0)] = code
        return used

    def glyph_ids(self, text: str) -> list[int]:
        c2g = self.face.charToGlyph
        return [c2g.get(ord(ch), 0) for ch in text.replace("\xa0", " ")]

    def _note(self, text: str, doc) -> str:
        """The text as drawn (a no-break space is a space), its characters noted for the document and
        for the page being kept."""
        text = text.replace("\xa0", " ")
        self.drawn(doc).update(text)
        if GlyphFont.recording is not None:
            GlyphFont.recording.setdefault(self.fontName, set()).update(text)
        return text

    def splitString(self, text: str, doc, encoding: str = "utf-8") -> list[tuple[int, bytes]]:  # noqa: N802
        gids = self.glyph_ids(self._note(text, doc))
        return [(0, struct.pack(f">{len(gids)}H", *gids))]

    def pdf_string(self, text: str, doc) -> str:
        """What reportlab's canvas writes between ( and ) for splitString's codes: escapePDF escapes
        byte by byte, so each character's escaped code is kept and joined."""
        text = self._note(text, doc)
        escaped = self._escaped
        try:
            return "".join([escaped[ch] for ch in text])
        except KeyError:
            c2g = self.face.charToGlyph
            for ch in set(text).difference(escaped):
                escaped[ch] = escapePDF(struct.pack(">H", c2g.get(ord(ch), 0)))
            return "".join([escaped[ch] for ch in text])

    def replay(self, doc, glyphs: list[list[int]]) -> None:
        """What drawing a kept page's text did: the font taken into the document, its glyphs used."""
        self.getSubsetInternalName(0, doc)
        self.drawn(doc).update(chr(code) for _gid, code in glyphs)

    def getSubsetInternalName(self, subset: int, doc) -> str:  # noqa: N802
        mapping = doc.fontMapping
        if self.fontName not in mapping:
            mapping[self.fontName] = "/" + self.resource
            doc.delayedFonts.append(self)
        return "/" + self.resource

    def stringWidth(self, text: str, size: float, encoding: str = "utf-8") -> float:  # noqa: N802
        widths, default = self.face.charWidths, self.face.defaultWidth
        return sum(widths.get(ord(ch), default) for ch in text) * 0.001 * size

    # -- the font objects, written once the document is complete ----------------------------------
    def addObjects(self, doc) -> None:  # noqa: N802
        used = dict(sorted(self.used(doc).items()))
        used.setdefault(0, 0)
        face = self.face
        base = f"{_tag(self.fontName, used)}+{face.name.decode('latin1')}"
        program = PDFStream(content=subset_program(face, set(used)))
        program.dictionary["Length1"] = len(program.content)
        program.filters = [pdfdoc.PDFZCompress]
        flags = (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
        descriptor = PDFDictionary({
            "Type": PDFName("FontDescriptor"), "FontName": PDFName(base), "Flags": flags,
            "FontBBox": PDFArray(face.bbox), "ItalicAngle": face.italicAngle, "Ascent": face.ascent,
            "Descent": face.descent, "CapHeight": face.capHeight, "StemV": face.stemV,
            "FontFile2": doc.Reference(program, f"fontFile:{self.resource}"),
        })
        cid = PDFDictionary({
            "Type": PDFName("Font"), "Subtype": PDFName("CIDFontType2"), "BaseFont": PDFName(base),
            "CIDSystemInfo": PDFDictionary({"Registry": PDFString("Adobe"), "Ordering": PDFString("Identity"), "Supplement": 0}),
            "FontDescriptor": doc.Reference(descriptor, f"fontDescriptor:{self.resource}"),
            "DW": face.defaultWidth, "W": _widths(face, used), "CIDToGIDMap": PDFName("Identity"),
        })
        cmap = PDFStream(content=to_unicode({g: c for g, c in used.items() if c}).encode("ascii"))
        cmap.filters = [pdfdoc.PDFZCompress]
        font = PDFDictionary({
            "Type": PDFName("Font"), "Subtype": PDFName("Type0"), "BaseFont": PDFName(base),
            "Encoding": PDFName("Identity-H"), "DescendantFonts": PDFArray([doc.Reference(cid, f"cidFont:{self.resource}")]),
            "ToUnicode": doc.Reference(cmap, f"toUnicode:{self.resource}"),
        })
        doc.idToObject["BasicFonts"].dict[self.resource] = doc.Reference(font, f"font:{self.resource}")
        del self._drawn[doc]


def _tag(name: str, used: dict[int, int]) -> str:
    """The six capital letters before a subset's name: differ when the glyph set differs (PDF 9.6.4)."""
    digest = hashlib.sha256(name.encode() + array("H", used).tobytes()).digest()
    return "".join(chr(65 + b % 26) for b in digest[:6])


def _widths(face: TTFontFace, used: dict[int, int]) -> bytes:
    """The W array: [first [w w …] first [w …] …] over runs of consecutive glyph ids, in 1/1000 em,
    the very widths layout measured with (reportlab's charWidths of the character drawn). Written
    as reportlab formats a PDFArray of PDFArrays, without an object and a format call per number."""
    if not used:
        return _array([]).encode("ascii")
    widths, default = face.charWidths, face.defaultWidth
    gids = list(used)
    firsts = fp_str(*gids).split(" ")  # fp_str formats each number and joins them with spaces
    values = fp_str(*[widths.get(code, default) if code else default for code in used.values()]).split(" ")
    out: list[str] = []
    start = 0
    for n in range(1, len(gids) + 1):
        if n == len(gids) or gids[n] != gids[n - 1] + 1:
            out += [firsts[start], _array(values[start:n])]
            start = n
    return _array(out).encode("ascii")


def _array(items: list[str]) -> str:
    """PDFArray.format's text for formatted items: on one line, a line break before every tenth."""
    if rl_config.pdfMultiLine:
        return "[ " + "\n ".join(items) + " ]"
    if len(items) <= 10:
        return "[ " + " ".join(items) + " ]"
    return "[ " + " \n  ".join(" ".join(items[i:i + 10]) for i in range(0, len(items), 10)) + " ]"


def to_unicode(glyphs: dict[int, int]) -> str:
    """A ToUnicode CMap from 2-byte glyph ids to the characters they were drawn for."""
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    items = sorted(glyphs.items())
    for start in range(0, len(items), 100):  # at most 100 entries per block
        block = items[start:start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines += [f"<{gid:04X}> <{_utf16(code)}>" for gid, code in block]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def _utf16(code: int) -> str:
    """The character's UTF-16BE code units in hexadecimal: a BMP character's is its own number."""
    if code < 0xD800 or 0xE000 <= code < 0x10000:
        return f"{code:04X}"
    return chr(code).encode("utf-16-be").hex().upper()


def _outlines(face: TTFontFace, wanted: set[int], count: int) -> dict[int, bytes]:
    """The outlines of the wanted glyphs and of every glyph their composite glyphs are built from, by
    glyph id, read from the font file (a cached face reads only these: fontcache.FontFile)."""
    base = face.get_table_pos("glyf")[0]
    pos = face.glyphPos
    found: dict[int, bytes] = {}
    todo = sorted(g for g in wanted if g < count)
    while todo:
        spans = [(base + pos[gid], base + pos[gid + 1]) for gid in todo]
        data = face._ttf_data
        read = data.ranges(spans) if isinstance(data, FontFile) else [bytes(data[start:end]) for start, end in spans]
        found.update(zip(todo, read))
        todo = sorted({part for gid in todo for part in _parts(found[gid]) if part < count} - found.keys())
    return found


def _parts(outline: bytes) -> list[int]:
    """The glyphs a composite glyph is built from ([] for a simple glyph)."""
    if len(outline) < 10 or struct.unpack_from(">h", outline, 0)[0] >= 0:
        return []
    parts = []
    at = 10
    flags = GF_MORE_COMPONENTS
    while flags & GF_MORE_COMPONENTS:
        flags, part = struct.unpack_from(">HH", outline, at)
        parts.append(part)
        at += 4 + (4 if flags & GF_ARG_1_AND_2_ARE_WORDS else 2)
        at += 2 if flags & GF_WE_HAVE_A_SCALE else 4 if flags & GF_WE_HAVE_AN_X_AND_Y_SCALE else 8 if flags & GF_WE_HAVE_A_TWO_BY_TWO else 0
    return parts


def subset_program(face: TTFontFace, used: set[int]) -> bytes:
    """The font file with only the used glyphs' outlines, every glyph keeping its id."""
    count = len(face.glyphPos) - 1
    outlines = _outlines(face, used | {0}, count)
    keep = sorted(outlines)
    loca = array("I", [0]) * (count + 1)
    parts = []
    at = 0
    prev = -1
    for gid in keep:
        loca[prev + 1:gid + 1] = array("I", [at]) * (gid - prev)  # empty glyphs up to this one
        outline = outlines[gid]
        parts.append(outline)
        pad = -len(outline) % 4
        if pad:
            parts.append(b"\0" * pad)
        at += len(outline) + pad
        loca[gid + 1] = at
        prev = gid
    loca[prev + 1:] = array("I", [at]) * (count - prev)
    hmtx = _hmtx(face, set(keep), count)
    if LITTLE_ENDIAN:  # TrueType tables are big-endian
        loca.byteswap()
    maker = TTFontMaker()
    for tag in COPIED:
        try:
            maker.add(tag, face.get_table(tag))
        except KeyError:
            pass
    head = bytearray(face.get_table("head"))
    struct.pack_into(">h", head, 50, 1)  # long loca offsets
    maker.add("head", bytes(head))
    maker.add("loca", loca.tobytes())
    maker.add("glyf", b"".join(parts))
    maker.add("hmtx", hmtx)
    maker.add("post", b"\x00\x03\x00\x00" + face.get_table("post")[4:16] + b"\x00" * 16)
    return maker.makeStream()


def _hmtx(face: TTFontFace, keep: set[int], count: int) -> bytes:
    """The metrics table of the original layout, zero for glyphs not kept (they compress to nothing)."""
    raw = face.get_table("hmtx")
    metrics = struct.unpack_from(">H", face.get_table("hhea"), 34)[0]
    values = array("H", raw[:2 * (2 * metrics + (count - metrics))])
    if LITTLE_ENDIAN:  # TrueType tables are big-endian
        values.byteswap()
    out = array("H", bytes(len(values) * 2))
    for gid in keep:
        if gid < metrics:
            out[2 * gid] = values[2 * gid]
            out[2 * gid + 1] = values[2 * gid + 1]
        else:
            out[2 * metrics + gid - metrics] = values[2 * metrics + gid - metrics]
    if LITTLE_ENDIAN:  # TrueType tables are big-endian
        out.byteswap()
    return out.tobytes()
