"""Render, the PDF writer: laid-out pages -> PDF bytes on a reportlab canvas.

This stage only paints what layout placed. It owns what is about output, not content: metadata,
outline, link destinations, embedding, and each output's own needs, chosen by `Output`: the colour
space (colour.py), bleed, boxes and トンボ for the press (marks.py), n-up handouts (impose.py).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import os
import zlib
from collections.abc import Mapping
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.utils import ImageReader, _digester
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFImageXObject, PDFName, PDFPage, PDFStream
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import _PDFColorSetter

from casebook_pdf import __version__
from casebook_pdf.drawncache import Drawn, DrawnPages
from casebook_pdf.fonts import REGULAR, Fonts
from casebook_pdf.glyphfont import GlyphFont
from casebook_pdf.frames import Box, Circle, Color, Group, Icon, Item, Link, Page, Picture, Polygon, Rule, Text
from casebook_pdf.images import JPEG_QUALITY, PngData, Processed, picture_key, placement, png_data
from casebook_pdf.layout.memo import decode, encode  # frames as JSON: the drawn-page cache's events
from casebook_pdf.record import record
from casebook_pdf.render.colour import PATTERNS, Ink, gray, hatch
from casebook_pdf.render.kind import Meta, Output
from casebook_pdf.render.marks import SLUG, Sheet, bled, draw_marks
from casebook_pdf.render.photobleed import bled_frame, bled_photo, trim_sides


@contextmanager
def _source_date(epoch: int) -> Iterator[None]:
    """reportlab stamps SOURCE_DATE_EPOCH when set; default it to the edition's date for stable bytes."""
    had = "SOURCE_DATE_EPOCH" in os.environ
    if not had:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if not had:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def render_pdf(
    pages: tuple[Page, ...], meta: Meta, fonts: Fonts, images: Mapping[tuple, Processed], outline: bool = True,
    output: Output = Output(), drawn: DrawnPages | None = None,
) -> bytes:
    """The PDF of the pages; `images` holds the processed bytes of every Picture on them. With `drawn`,
    pages drawn by an earlier build are copied from it, and the pages drawn now are kept in it."""
    buf = io.BytesIO()
    rl_config.useA85 = 0  # binary streams: ASCII85 would make every image a quarter larger
    with _source_date(meta.epoch):
        canvas = Canvas(
            buf,
            pagesize=(pages[0].width, pages[0].height),
            invariant=1,
            pageCompression=1,
            initialFontName=REGULAR,
            initialFontSize=10,
            lang=meta.lang,
        )
        canvas.setTitle(meta.title)
        canvas.setAuthor(meta.author)
        canvas.setSubject(meta.subject)
        canvas.setCreator(f"casebook-pdf {__version__}")
        canvas.setProducer(f"casebook-pdf {__version__} (reportlab)")
        ctx = DrawContext(fonts, [page.key for page in pages], images, output.ink, SLUG if output.press else 0.0, {},
                          drawn=drawn, kind=_kind(output))
        if output.handout:
            from casebook_pdf.render.impose import impose

            impose(canvas, pages, ctx, output.handout, meta.title)
        else:
            for page in pages:
                _draw_page(canvas, page, ctx)
            if outline:
                canvas.showOutline()
        if output.icc is not None and output.press:
            _output_intent(canvas, output.icc)
        canvas.save()
    return buf.getvalue()


class _Encoded(ImageReader):
    """An already-encoded image. reportlab names each image by a digest of its decoded pixels; for a
    JPEG, which goes into the PDF as it is, the encoded bytes identify it just as well, so the
    decoding (a third of render time with many photos) is skipped. A PNG goes in as it is too (its
    zlib stream with the PNG predictors, see _Later) rather than decoded and compressed again.
    Neither is opened with Pillow: what reportlab reads from the image it opens, the format and the
    size, the processed picture already knows (3000 photos: 0.12 s of a warm build)."""

    def __init__(self, done: Processed) -> None:
        self.png = png_data(done.data) if done.format == "png" else None
        self._encoded = done.data if done.format == "jpeg" or self.png is not None else None
        self._header = _Header(done.format.upper(), done.size) if self._encoded is not None else None
        super().__init__(io.BytesIO(done.data))
        self._dataA = None  # no alpha: transparency was composited on white when processing

    def _read_image(self, fp):  # noqa: ANN001, ANN202 - reportlab's signature
        return self._header if self._header is not None else super()._read_image(fp)

    def getRGBData(self):  # noqa: N802 - reportlab's name
        return self._encoded if self._encoded is not None else super().getRGBData()


class _Header:
    """What ImageReader reads from the Pillow image it opens: its format (a JPEG's reader then hands
    the bytes to reportlab's own JPEG reader) and its size."""

    def __init__(self, format: str, size: tuple[int, int]) -> None:
        self.format, self.size = format, size
        self.fileName = ""


class _PngXObject(PDFImageXObject):
    """An image XObject holding a PNG's own zlib stream: FlateDecode with /DecodeParms telling the
    reader to undo the PNG row filters (Predictor 15), as PDF 1.2 and later readers do."""

    def __init__(self, name: str, png: PngData) -> None:
        super().__init__(name)
        self.width, self.height = png.width, png.height
        self.bitsPerComponent = 8
        self.colorSpace = "DeviceRGB" if png.colors == 3 else "DeviceGray"
        self.streamContent = png.stream
        self._filters = ("FlateDecode",)
        self.mask = None
        self._parms = PDFDictionary({"Predictor": 15, "Colors": png.colors, "BitsPerComponent": 8, "Columns": png.width})

    def format(self, document):  # noqa: ANN001, ANN201 - reportlab's signature
        stream = PDFStream(content=self.streamContent)
        d = stream.dictionary
        d["Type"] = PDFName("XObject")
        d["Subtype"] = PDFName("Image")
        d["Width"] = self.width
        d["Height"] = self.height
        d["BitsPerComponent"] = self.bitsPerComponent
        d["ColorSpace"] = PDFName(self.colorSpace)
        d["Filter"] = PDFName("FlateDecode")  # one filter, one parameter dictionary: no arrays (PDF 7.3.8.2)
        d["DecodeParms"] = self._parms
        d["Length"] = len(self.streamContent)
        return stream.format(document)


class _Later(PDFImageXObject):
    """A picture's image XObject, its bytes read when the PDF is written: the picture may still be
    processed on another thread while the pages are drawn, and writing the fonts and the pages before
    it overlaps that. Written as drawImage would write the processed image (a JPEG as it is, via
    reportlab's JPEG reader), or, for a PNG, its own zlib stream (_PngXObject)."""

    def __init__(self, name: str, fetch: Callable[[], Processed]) -> None:
        super().__init__(name)
        self._fetch = fetch

    def format(self, document):  # noqa: ANN001, ANN201 - reportlab's signature
        reader = _Encoded(self._fetch())
        if reader.png is not None:
            return _PngXObject(self.name, reader.png).format(document)
        self.loadImageFromSRC(reader)
        return super().format(document)


class _Named(ImageReader):
    """What drawImage is given for a picture registered already (_register). drawImage names an image by
    a digest of getRGBData() and finds it registered under that name: here the data is the picture's
    name, not its pixels, so a page can be drawn before its pictures are processed."""

    def __init__(self, token: bytes) -> None:  # nothing to open
        self._token = token
        self._dataA = None

    def getRGBData(self):  # noqa: N802, ANN201 - reportlab's name
        return self._token


def _register(c: Canvas, key: str, fetch: Callable[[], Processed]) -> _Named:
    """The picture whose processed image has store key `key` (images.Processed.key), registered with the
    document once: its XObject is named after the key, which is known before the image is made."""
    token = f"casebook-pdf picture {key}".encode()
    name = _digester(token + b"None")  # as drawImage names a reader without a mask
    reg = c._doc.getXObjectName(name)
    if c._doc.idToObject.get(reg) is None:
        obj = _Later(name, fetch)
        c._setXObjects(obj)
        c._doc.Reference(obj, reg)
        c._doc.addForm(name, obj)
    return _Named(token)


@record
class DrawContext:
    """What drawing a page needs besides the canvas: fonts, pictures, the ink and the sheet offset."""

    fonts: Fonts
    keys: list[str]  # page index -> destination name
    images: Mapping[tuple, Processed]
    ink: Ink
    slug: float  # the trimmed page's offset on the PDF page (press builds)
    converted: dict[tuple, ImageReader]  # photos already converted to gray or CMYK, by picture key
    trim: tuple[float, float] = (0.0, 0.0)
    links: bool = True
    drawn: DrawnPages | None = None  # kept page drawings (drawncache)
    kind: tuple = ()  # what, besides a page, its drawing depends on: the kind of PDF (see _kind)
    record: list[list[Any]] | None = None  # while a page is drawn to be kept: its pictures and links, in order


def _draw_page(canvas: Canvas, page: Page, ctx: DrawContext) -> None:
    sheet = Sheet(page.width, page.height, ctx.slug)
    canvas.setPageSize(sheet.media)
    if ctx.slug:
        canvas.setTrimBox(sheet.trim_box)
        canvas.setBleedBox(sheet.bleed_box)
        draw_marks(canvas, sheet)
    canvas.bookmarkPage(page.key)
    if page.bookmark:
        canvas.addOutlineEntry(page.bookmark, page.key, level=0)
    finish = None
    if ctx.drawn is not None and page.memo:
        finish = _paint_kept(canvas, page, ctx, ctx.drawn)
    else:
        paint_page(canvas, page, ctx)
    canvas.showPage()
    if finish is not None:
        finish(canvas._doc.Pages.pages[-1])


def _kind(output: Output) -> tuple:
    icc = hashlib.sha256(output.icc).hexdigest() if output.icc else None
    return (output.ink.mode, icc, output.press, output.handout)


def _paint_kept(canvas: Canvas, page: Page, ctx: DrawContext, store: DrawnPages) -> Callable[[PDFPage], None] | None:
    """paint_page, or what it drew for this page in an earlier build, replayed. Returns what to do to the
    page once shown: give it the kept stream, or compress its stream and keep the page (None: not kept)."""
    key = store.key(page.memo, ctx.kind, ctx.slug, ctx.links, page.width, page.height)
    kept = store.get(key)
    if kept is not None and _replay(canvas, page, ctx, kept):
        return lambda shown: _give_stream(shown, kept.stream)
    events: list[list[Any]] = []
    GlyphFont.recording = {}
    try:
        paint_page(canvas, page, dataclasses.replace(ctx, record=events))
        fonts = GlyphFont.recording
    finally:
        GlyphFont.recording = None
    if canvas._colorsUsed or canvas._shadingUsed:  # page resources this cache does not replay
        return None
    glyphs = [[name, sorted(map(list, pdfmetrics.getFont(name).glyphs(chars).items()))] for name, chars in fonts.items()]
    return lambda shown: store.put(key, Drawn(_give_stream(shown, zlib.compress(shown.stream.encode("utf8"))), glyphs, events))


class _PageStream(PDFStream):
    """A page's content stream compressed already: written as reportlab writes its own page streams,
    /Filter [/FlateDecode] and the bytes zlib.compress made of the page's operators."""

    def __init__(self, data: bytes) -> None:
        super().__init__(PDFDictionary({"Filter": PDFArray([PDFName("FlateDecode")])}), data)
        self.__Comment__ = "page stream"


def _give_stream(shown: PDFPage, data: bytes) -> bytes:
    """The page's stream is `data` (its operators compressed, as reportlab would when saving)."""
    assert shown.compression
    shown.Contents = _PageStream(data)
    return data


def _replay(canvas: Canvas, page: Page, ctx: DrawContext, kept: Drawn) -> bool:
    """Do to the document what drawing the page did (fonts, pictures, links, in order); its stream is
    given to the page once shown. False, with nothing done, when a picture's processed image is not the
    one drawn then."""
    try:
        events = _kept_events(kept)
        fonts = [(pdfmetrics.getFont(name), _kept_glyphs(glyphs)) for name, glyphs in kept.fonts]
        pictures = [(ctx.images[picture_key(rest[0])], rest[3]) for kind, *rest in events if kind == "picture"]
    except (KeyError, TypeError, ValueError):  # a damaged entry (an ImageError, about the input, goes on up)
        return False
    if any(done.key != digest for done, digest in pictures):
        return False
    doc = canvas._doc
    for font, glyphs in fonts:
        font.replay(doc, glyphs)
    ctx = dataclasses.replace(ctx, trim=(page.width, page.height))
    for kind, *rest in events:
        if kind == "picture":  # registers the image with the document; its operators are in the kept stream
            mark = len(canvas._code)
            _picture(canvas, rest[0], page.height, ctx, rest[1], rest[2])
            del canvas._code[mark:]
        else:
            _link(canvas, rest[0], page.height, ctx)
    return True


def _kept_events(kept: Drawn) -> list[tuple]:
    """The entry's events with their frames decoded; ValueError for anything drawing never records."""
    events: list[tuple] = []
    for kind, *rest in kept.events:
        try:
            decoded = tuple(map(decode, rest))
        except Exception as exc:  # noqa: BLE001 - whatever a damaged value makes decode raise
            raise ValueError("a damaged event") from exc
        if kind == "picture" and len(decoded) == 4 and isinstance(decoded[0], Picture) and isinstance(decoded[3], str) \
                and all(isinstance(v, (int, float)) for v in decoded[1:3]):
            events.append((kind, *decoded))
        elif kind == "link" and len(decoded) == 1 and isinstance(decoded[0], Link):
            events.append((kind, *decoded))
        else:
            raise ValueError(f"not an event: {kind!r}")
    return events


def _kept_glyphs(glyphs: list) -> list[tuple[int, int]]:
    """[glyph id, character code] pairs; ValueError for a code no character has."""
    pairs = [(int(gid), int(code)) for gid, code in glyphs]
    if any(not 0 <= code <= 0x10FFFF for _gid, code in pairs):
        raise ValueError("a character code out of range")
    return pairs


def paint_page(canvas: Canvas, page: Page, ctx: DrawContext) -> None:
    """The page's items, its top-left corner at (slug, slug) from the PDF page's top-left corner."""
    ctx = dataclasses.replace(ctx, trim=(page.width, page.height))
    canvas.saveState()
    if ctx.slug:
        canvas.translate(ctx.slug, ctx.slug)
    _draw_items(canvas, page.items, page.height, ctx)
    canvas.restoreState()


def _draw_items(canvas: Canvas, items: tuple[Item, ...], ph: float, ctx: DrawContext, ox: float = 0.0, oy: float = 0.0) -> None:
    run: list[Text] = []
    for item in items:
        if isinstance(item, Text) and not item.angle:
            run.append(item)
            continue
        if run:
            _texts(canvas, run, ph, ctx)
            run = []
        if isinstance(item, Group):
            # Top-down y: a group at (x, y) shifts its children right by x and down the page by y.
            canvas.saveState()
            canvas.translate(item.x, -item.y)
            _draw_items(canvas, item.items, ph, ctx, ox + item.x, oy + item.y)
            canvas.restoreState()
        elif isinstance(item, Link):  # link rectangles are in page space, untouched by translate()
            _link(canvas, Link(item.x + ox, item.y + oy, item.w, item.h, item.target, item.uri), ph, ctx)
        elif isinstance(item, Picture) and ctx.slug:  # a press build bleeds photos on the trim: needs the absolute frame
            _picture(canvas, item, ph, ctx, ox, oy)
        elif isinstance(item, Box) and ctx.slug:  # and fills: whether a box touches the trim is asked in page space
            _box(canvas, item, ph, ctx, ox, oy)
        else:
            DRAW[type(item)](canvas, item, ph, ctx)
    if run:
        _texts(canvas, run, ph, ctx)


def _texts(c: Canvas, run: list[Text], ph: float, ctx: DrawContext) -> None:
    """Consecutive upright text items in one text object; pieces evenly spaced on one baseline
    (justified Japanese, one piece per character) become one string with character spacing.

    The operators are the very ones reportlab's text object (beginText) writes for setFont,
    setCharSpace, setTextOrigin, setFillColor and textOut, written here without its bookkeeping
    per call (the cursor's width, font look-ups, swapped state)."""
    code = ["BT", "1 0 0 1 0 0 Tm"]  # a text object starts at the origin
    doc = c._doc
    font: Any = None
    tf = ""  # the font operators, written before the first string in a new font or size
    shown_face: tuple | None = None
    shown_colour: Color | None = None
    shown_spacing = 0.0
    for first, text, spacing in _chunks(run, ctx.fonts):
        face = (first.bold, first.face, first.size)
        if face != shown_face:
            font = pdfmetrics.getFont(ctx.fonts.name(first.bold, first.face))
            tf = f"{fp_str(first.size)} Tf {fp_str(first.size * 1.2)} TL "  # reportlab's leading: 1.2 × size
            shown_face = face
        if first.color != shown_colour:
            code.append(_fill(ctx.ink, first.color))
            shown_colour = first.color
        if spacing != shown_spacing:
            code.append(f"{fp_str(spacing)} Tc")
            shown_spacing = spacing
        code.append(f"1 0 0 1 {fp_str(first.x, ph - first.y)} Tm")
        string = font.pdf_string(text, doc)
        if tf:
            code.append(f"{font.getSubsetInternalName(0, doc)} {tf}({string}) Tj")
            tf = ""
        else:
            code.append(f"({string}) Tj")
    code.append("ET")
    c._code.append(" ".join(code))


class _FillOps(_PDFColorSetter):
    """What a text object writes for a fill colour: reportlab's own colour setters, on a list."""

    def __init__(self) -> None:
        self._code: list[str] = []


@functools.lru_cache(maxsize=256)
def _fill(ink: Ink, color: Color) -> str:
    """The operator Ink.fill writes on a text object for this colour, worked out once per colour."""
    ops = _FillOps()
    ink.fill(ops, color)
    return " ".join(ops._code)


def _chunks(run: list[Text], fonts: Fonts) -> Iterator[tuple[Text, str, float]]:
    """Split a run into chunks drawable as one string each: (first piece, text, the spacing between
    their characters)."""
    advance = fonts.advance
    chunk: list[str] = []
    first = last = run[0]
    spacing = 0.0
    for t in run:
        if chunk:
            if (len(t.text) == 1 and len(last.text) == 1 and t.y == last.y and t.size == last.size
                    and t.bold == last.bold and t.face == last.face and t.color == last.color):
                # one character's advance times the size: fonts.width's very arithmetic, without its loop
                gap = t.x - (last.x + advance(last.text, last.bold) * last.size)
                if len(chunk) == 1:
                    spacing = gap
                    chunk.append(t.text)
                    last = t
                    continue
                if abs(gap - spacing) < 0.005:
                    chunk.append(t.text)
                    last = t
                    continue
            yield first, "".join(chunk), (spacing if len(chunk) > 1 else 0.0)
        chunk, spacing, first, last = [t.text], 0.0, t, t
    if chunk:
        yield first, "".join(chunk), (spacing if len(chunk) > 1 else 0.0)


def _text(c: Canvas, t: Text, ph: float, ctx: DrawContext) -> None:
    ctx.ink.fill(c, t.color)
    c.setFont(ctx.fonts.name(t.bold, t.face), t.size)
    if t.angle:
        c.saveState()
        c.translate(t.x, ph - t.y)
        c.rotate(-t.angle)
        c.drawString(0, 0, t.text)
        c.restoreState()
    else:
        c.drawString(t.x, ph - t.y, t.text)


def _colours(c: Canvas, fill, stroke, width: float, ink: Ink) -> tuple[int, int]:
    if fill is not None:
        ink.fill(c, fill)
    if stroke is not None:
        ink.stroke(c, stroke)
        c.setLineWidth(width)
    return int(fill is not None), int(stroke is not None)


def _box(c: Canvas, b: Box, ph: float, ctx: DrawContext, ox: float = 0.0, oy: float = 0.0) -> None:
    if ctx.slug:  # (ox, oy): where the enclosing groups put the box's own coordinates on the page
        grown = bled(dataclasses.replace(b, x=b.x + ox, y=b.y + oy), *ctx.trim)
        b = dataclasses.replace(grown, x=grown.x - ox, y=grown.y - oy)
    fill, stroke = _colours(c, b.fill, b.stroke, b.line_width, ctx.ink)
    if b.radius:
        c.roundRect(b.x, ph - b.y - b.h, b.w, b.h, b.radius, stroke=stroke, fill=fill)
    else:
        c.rect(b.x, ph - b.y - b.h, b.w, b.h, stroke=stroke, fill=fill)
    if ctx.ink.mode == "gray" and b.fill is not None and b.role in PATTERNS:
        hatch(c, (b.x, ph - b.y - b.h, b.w, b.h), PATTERNS[b.role], gray(b.fill))


def _rule(c: Canvas, r: Rule, ph: float, ctx: DrawContext) -> None:
    ctx.ink.stroke(c, r.color)
    c.setLineWidth(r.width)
    c.setDash(list(r.dash) if r.dash else [])
    c.line(r.x1, ph - r.y1, r.x2, ph - r.y2)
    c.setDash([])


def _polygon(c: Canvas, p: Polygon, ph: float, ctx: DrawContext) -> None:
    fill, stroke = _colours(c, p.fill, p.stroke, p.line_width, ctx.ink)
    path = c.beginPath()
    (x0, y0), *rest = p.points
    path.moveTo(x0, ph - y0)
    for x, y in rest:
        path.lineTo(x, ph - y)
    path.close()
    c.drawPath(path, stroke=stroke, fill=fill)


def _circle(c: Canvas, o: Circle, ph: float, ctx: DrawContext) -> None:
    fill, stroke = _colours(c, o.fill, o.stroke, o.line_width, ctx.ink)
    c.circle(o.cx, ph - o.cy, o.r, stroke=stroke, fill=fill)


def _picture(c: Canvas, p: Picture, ph: float, ctx: DrawContext, ox: float = 0.0, oy: float = 0.0) -> None:
    key = picture_key(p)
    name = _key_now(p, key, ctx)
    done = ctx.images[key] if name is None else None
    if ctx.record is not None:
        ctx.record.append(["picture", encode(p), ox, oy, name or done.key])  # type: ignore[union-attr]
    if done is None:  # cover: drawn in its frame whatever its pixel size
        c.drawImage(_register(c, name, lambda: ctx.images[key]), p.x, ph - p.y - p.h, p.w, p.h)  # type: ignore[arg-type]
        return
    if ctx.slug:
        sides = trim_sides(Picture(p.x + ox, p.y + oy, p.w, p.h, p.source, p.fit), *ctx.trim)
        if sides.any():
            x, y, w, h = bled_frame(p, sides)
            bkey = (*key, sides)
            if bkey not in ctx.converted:
                data = bled_photo(p, sides, done.size[0])
                ctx.converted[bkey] = _reader(Processed(data, "jpeg", (0, 0), done.dpi), bkey, ctx)
            c.drawImage(ctx.converted[bkey], x, ph - y - h, w, h)
            return
    x, y, w, h = placement(done.size, p.x, p.y, p.w, p.h, p.fit)
    if ctx.ink.converts_images():
        c.drawImage(_reader(done, key, ctx), x, ph - y - h, w, h)
    else:
        c.drawImage(_register(c, done.key or hashlib.sha256(done.data).hexdigest(), lambda: done), x, ph - y - h, w, h)


def _key_now(p: Picture, key: tuple, ctx: DrawContext) -> str | None:
    """The store key of a picture that can be drawn before it is processed (images.Pending.key_now): one
    that fills its frame (cover), in its own colours, not bled on a press sheet; else None."""
    if p.fit != "cover" or ctx.slug or ctx.ink.converts_images():
        return None
    key_now = getattr(ctx.images, "key_now", None)  # a build's pictures in progress; a plain mapping has them all
    return key_now(key) if key_now is not None else None


def _reader(done: Processed, key: tuple, ctx: DrawContext) -> ImageReader:
    if not ctx.ink.converts_images():
        return _Encoded(done)  # a bled photo, which stays a JPEG
    if key not in ctx.converted:
        image = ctx.ink.image(done.data)
        if done.format == "jpeg":  # a photo stays a JPEG (reportlab writes CMYK JPEGs with Adobe's inverted Decode)
            buf = io.BytesIO()
            image.save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
            ctx.converted[key] = ImageReader(io.BytesIO(buf.getvalue()))
        else:
            ctx.converted[key] = ImageReader(image)
    return ctx.converted[key]


def _icon(c: Canvas, i: Icon, ph: float, ctx: DrawContext) -> None:
    from casebook_pdf.render.icons import draw_icon

    draw_icon(c, i.name, i.x, ph - i.y, i.size, i.color, ctx.ink)


def _link(c: Canvas, lk: Link, ph: float, ctx: DrawContext) -> None:
    if not ctx.links:  # handout sheets: pictures of pages, not a document to click through
        return
    if ctx.record is not None:
        ctx.record.append(["link", encode(lk)])
    s = ctx.slug
    rect = (lk.x + s, ph - lk.y - lk.h + s, lk.x + lk.w + s, ph - lk.y + s)
    if lk.uri:
        c.linkURL(lk.uri, rect, thickness=0, relative=0)
    elif lk.target is not None:
        c.linkAbsolute("", ctx.keys[lk.target], Rect=rect, thickness=0)


DRAW: dict[type, Callable[[Canvas, Any, float, DrawContext], None]] = {
    Text: _text,
    Box: _box,
    Rule: _rule,
    Polygon: _polygon,
    Circle: _circle,
    Picture: _picture,
    Icon: _icon,
    Link: _link,
}


def _output_intent(canvas: Canvas, icc: bytes) -> None:
    """The CMYK profile as the document's output intent (what the colours were separated for)."""
    from casebook_pdf.render.intent import add_output_intent

    add_output_intent(canvas, icc)
