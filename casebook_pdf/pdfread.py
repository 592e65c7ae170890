"""Read a written PDF's pages back as plain facts: painted paths, text runs and placed images.

A small content-stream interpreter on pypdf (graphics state, text matrices, form XObjects), so
preflight can judge what the file really holds rather than what the code meant to write.
Coordinates are PDF points on the page, y up.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from pypdf import PageObject

from casebook_pdf.pdftokens import operations
from casebook_pdf.record import record

Matrix = tuple[float, float, float, float, float, float]
Rect = tuple[float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention: the result maps a point through m first)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def bounds(points: list[tuple[float, float]]) -> Rect:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def scale_of(m: Matrix) -> float:
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


@record
class Paint:
    bbox: Rect
    fill: bool
    stroke: bool
    width: float  # stroke width in page points
    fill_colour: tuple[str, tuple[float, ...]]  # ("rgb" | "cmyk" | "gray" | other space name, values)
    stroke_colour: tuple[str, tuple[float, ...]]


@record
class TextRun:
    bbox: Rect
    text: str
    size: float  # in page points
    font: str  # BaseFont
    colour: tuple[str, tuple[float, ...]]


@record
class Placed:
    bbox: Rect
    pixels: tuple[int, int]
    space: str  # "rgb" | "cmyk" | "gray" | …
    ppi: float  # the lower of the two directions, at the placed size


@record
class FontFacts:
    name: str
    embedded: bool
    subset: bool


@dataclass
class PageFacts:
    paints: list[Paint] = field(default_factory=list)
    texts: list[TextRun] = field(default_factory=list)
    images: list[Placed] = field(default_factory=list)
    fonts: dict[str, FontFacts] = field(default_factory=dict)


SPACES = {"/DeviceRGB": "rgb", "/DeviceCMYK": "cmyk", "/DeviceGray": "gray", "/CalRGB": "rgb", "/CalGray": "gray"}


def _space(obj: Any) -> str:
    obj = obj.get_object() if hasattr(obj, "get_object") else obj
    if isinstance(obj, list) and obj:
        if obj[0] == "/ICCBased":
            n = obj[1].get_object().get("/N", 3)
            return {1: "gray", 3: "rgb", 4: "cmyk"}.get(int(n), "other")
        if obj[0] == "/Indexed":
            return _space(obj[1])
        return SPACES.get(str(obj[0]), str(obj[0]))
    return SPACES.get(str(obj), str(obj))


class _Font:
    """Widths and Unicode of one font resource (simple TrueType or Type0 with 2-byte codes)."""

    def __init__(self, font: Any) -> None:
        self.name = str(font.get("/BaseFont", "?"))
        self.two_byte = font.get("/Subtype") == "/Type0"
        self.widths: dict[int, float] = {}
        self.default = 1000.0 if self.two_byte else 0.0
        descriptor = None
        if self.two_byte:
            desc = font["/DescendantFonts"][0].get_object()
            self.default = float(desc.get("/DW", 1000))
            w = desc.get("/W", [])
            i = 0
            while i < len(w):
                start = int(w[i])
                if isinstance(w[i + 1], list):
                    for k, v in enumerate(w[i + 1]):
                        self.widths[start + k] = float(v)
                    i += 2
                else:
                    for code in range(start, int(w[i + 1]) + 1):
                        self.widths[code] = float(w[i + 2])
                    i += 3
            descriptor = desc.get("/FontDescriptor")
        else:
            first = int(font.get("/FirstChar", 0))
            for k, v in enumerate(font.get("/Widths", [])):
                self.widths[first + k] = float(v)
            if not self.widths:  # a standard 14 font, no widths in the file: half an em is near enough
                self.default = 500.0
            descriptor = font.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        self.facts = FontFacts(self.name, embedded, bool(re.match(r"^/?[A-Z]{6}\+", self.name)))
        self.unicode = _to_unicode(font.get("/ToUnicode"))

    def codes(self, data: bytes) -> list[int]:
        if self.two_byte:
            return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)]
        return list(data)

    def text(self, codes: list[int]) -> str:
        fallback = (lambda c: "?") if self.two_byte else chr  # a simple font without ToUnicode: Latin-1
        return "".join(self.unicode.get(c) or fallback(c) for c in codes)


def _to_unicode(stream: Any) -> dict[int, str]:
    if stream is None:
        return {}
    data = stream.get_object().get_data().decode("latin-1")
    out: dict[int, str] = {}

    def uni(hexstr: str) -> str:
        return bytes.fromhex(hexstr).decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = uni(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", block):
            targets = re.findall(r"<([0-9A-Fa-f]+)>", dst)
            for k, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                if dst.startswith("["):
                    out[code] = uni(targets[k]) if k < len(targets) else "?"
                else:
                    base = int(targets[0], 16) + k
                    out[code] = chr(base) if base < 0x110000 else "?"
    return out


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    width: float = 1.0
    fill: tuple[str, tuple[float, ...]] = ("gray", (0.0,))
    stroke: tuple[str, tuple[float, ...]] = ("gray", (0.0,))
    fill_space: str = "gray"
    stroke_space: str = "gray"
    font: _Font | None = None
    size: float = 0.0
    char_space: float = 0.0
    word_space: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0

    def copy(self) -> _State:
        return _State(**self.__dict__)


def read_page(page: PageObject) -> PageFacts:
    facts = PageFacts()
    contents = page.get_contents()
    _run(contents.get_data() if contents is not None else None, page.get("/Resources"), _State(), facts, page.pdf)
    return facts


def _run(contents: bytes | None, resources: Any, state: _State, facts: PageFacts, pdf: Any, depth: int = 0) -> None:
    if contents is None or depth > 8:
        return
    resources = resources.get_object() if resources is not None else {}
    fonts: dict[str, _Font] = {}
    stack: list[_State] = []
    path: list[tuple[float, float]] = []
    tm = tlm = IDENTITY
    for operands, o in operations(contents):
        if o == "q":
            stack.append(state.copy())
        elif o == "Q" and stack:
            state = stack.pop()
        elif o == "cm":
            state.ctm = mul(tuple(float(v) for v in operands), state.ctm)  # type: ignore[arg-type]
        elif o == "w":
            state.width = float(operands[0])
        elif o in ("rg", "k", "g"):
            state.fill = ({"rg": "rgb", "k": "cmyk", "g": "gray"}[o], tuple(float(v) for v in operands))
        elif o in ("RG", "K", "G"):
            state.stroke = ({"RG": "rgb", "K": "cmyk", "G": "gray"}[o], tuple(float(v) for v in operands))
        elif o in ("cs", "CS"):
            name = operands[0]
            named = resources.get("/ColorSpace", {}).get_object() if "/ColorSpace" in resources else {}
            space = _space(named[name]) if name in named else _space(name)
            if o == "cs":
                state.fill_space = space
            else:
                state.stroke_space = space
        elif o in ("sc", "scn"):
            state.fill = (state.fill_space, tuple(float(v) for v in operands if isinstance(v, (int, float))))
        elif o in ("SC", "SCN"):
            state.stroke = (state.stroke_space, tuple(float(v) for v in operands if isinstance(v, (int, float))))
        elif o == "m" or o == "l":
            path.append(apply(state.ctm, float(operands[0]), float(operands[1])))
        elif o == "c":
            for i in range(0, 6, 2):
                path.append(apply(state.ctm, float(operands[i]), float(operands[i + 1])))
        elif o in ("v", "y"):
            for i in range(0, 4, 2):
                path.append(apply(state.ctm, float(operands[i]), float(operands[i + 1])))
        elif o == "re":
            x, y, w, h = (float(v) for v in operands)
            path += [apply(state.ctm, x, y), apply(state.ctm, x + w, y), apply(state.ctm, x, y + h), apply(state.ctm, x + w, y + h)]
        elif o in ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"):
            if path and o != "n":
                stroke = o in ("S", "s", "B", "B*", "b", "b*")
                fill = o not in ("S", "s")
                facts.paints.append(Paint(bounds(path), fill, stroke, state.width * scale_of(state.ctm), state.fill, state.stroke))
            path = []
        elif o == "BT":
            tm = tlm = IDENTITY
        elif o == "Tf":
            key = operands[0]
            if key not in fonts:
                font_dict = resources["/Font"][key].get_object()
                fonts[key] = _Font(font_dict)
                facts.fonts[fonts[key].name] = fonts[key].facts
            state.font, state.size = fonts[key], float(operands[1])
        elif o == "Tc":
            state.char_space = float(operands[0])
        elif o == "Tw":
            state.word_space = float(operands[0])
        elif o == "Tz":
            state.scale = float(operands[0]) / 100
        elif o == "TL":
            state.leading = float(operands[0])
        elif o == "Ts":
            state.rise = float(operands[0])
        elif o == "Tm":
            tm = tlm = tuple(float(v) for v in operands)  # type: ignore[assignment]
        elif o in ("Td", "TD"):
            if o == "TD":
                state.leading = -float(operands[1])
            tm = tlm = mul((1, 0, 0, 1, float(operands[0]), float(operands[1])), tlm)
        elif o == "T*":
            tm = tlm = mul((1, 0, 0, 1, 0, -state.leading), tlm)
        elif o in ("Tj", "'", '"', "TJ"):
            if o in ("'", '"'):
                tm = tlm = mul((1, 0, 0, 1, 0, -state.leading), tlm)
            parts = operands[0] if o == "TJ" else [operands[-1]]
            tm = _show(parts, state, tm, facts)
        elif o == "Do":
            _do(operands[0], resources, state, facts, pdf, depth)
    return


def _show(parts: list[Any], state: _State, tm: Matrix, facts: PageFacts) -> Matrix:
    font = state.font
    if font is None:
        return tm
    start = tm
    codes_all: list[int] = []
    for part in parts:
        if isinstance(part, (int, float)):
            tm = mul((1, 0, 0, 1, -float(part) / 1000 * state.size * state.scale, 0), tm)
            continue
        data = bytes(part)
        codes = font.codes(data)
        codes_all += codes
        advance = 0.0
        for code in codes:
            w = font.widths.get(code, font.default)
            advance += (w / 1000 * state.size + state.char_space + (state.word_space if code == 32 and not font.two_byte else 0)) * state.scale
        tm = mul((1, 0, 0, 1, advance, 0), tm)
    if codes_all:
        full = mul(start, state.ctm)
        end = mul(tm, state.ctm)
        size = state.size
        low, high = state.rise - 0.12 * size, state.rise + 0.88 * size
        corners = [apply(full, 0, low), apply(full, 0, high)]
        corners += [apply(end, -state.char_space * state.scale, low), apply(end, -state.char_space * state.scale, high)]
        effective = size * scale_of(full)
        facts.texts.append(TextRun(bounds(corners), font.text(codes_all), effective, font.name, state.fill))
    return tm


def _do(name: Any, resources: Any, state: _State, facts: PageFacts, pdf: Any, depth: int) -> None:
    xobjects = resources.get("/XObject")
    if xobjects is None or name not in xobjects.get_object():
        return
    xo = xobjects.get_object()[name].get_object()
    if xo.get("/Subtype") == "/Image":
        corners = [apply(state.ctm, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
        a, b, c, d = state.ctm[:4]
        placed_w, placed_h = math.hypot(a, b), math.hypot(c, d)
        px = (int(xo["/Width"]), int(xo["/Height"]))
        ppi = min(px[0] / (placed_w / 72) if placed_w else math.inf, px[1] / (placed_h / 72) if placed_h else math.inf)
        space = _space(xo.get("/ColorSpace", "/DeviceGray"))
        facts.images.append(Placed(bounds(corners), px, space, ppi))
    elif xo.get("/Subtype") == "/Form":
        inner = state.copy()
        if "/Matrix" in xo:
            inner.ctm = mul(tuple(float(v) for v in xo["/Matrix"]), inner.ctm)  # type: ignore[arg-type]
        _run(xo.get_data(), xo.get("/Resources", resources), inner, facts, pdf, depth + 1)
