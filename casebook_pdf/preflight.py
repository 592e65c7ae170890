"""Preflight: what a print shop's check would flag in a written PDF, read back from the file itself.

Per page: page boxes (TrimBox, BleedBox = trim + 3 mm), fonts embedded and subset, photos under
300 ppi at their placed size (under 150: error), RGB colours in a press build, rich black in small
type, hairlines under 0.1 mm, text under 6 pt, text crossing the trim or inside the 3 mm safe zone,
fills that stop at the trim instead of running into the bleed. Clean -> one line saying so.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Literal

from pypdf import PdfReader

from casebook_pdf.frames import mm
from casebook_pdf.messages import _
from casebook_pdf.pdfread import PageFacts, Rect, read_page
from casebook_pdf.record import record
from casebook_pdf.render.marks import BLEED, SAFE

HAIRLINE = mm(0.1)
SMALL_TEXT = 6.0
PPI_WARN, PPI_ERROR = 300, 150
TOLERANCE = 0.5  # points
RICH_BLACK_BELOW = 12.0  # points: smaller black text must be K only
NAMED = 5  # items named per page and kind before "and N more"


@record
class Finding:
    page: int  # 1-based; 0 for the whole document
    level: Literal["error", "warning"]
    message: str

    def __str__(self) -> str:
        where = _("{n} ページ").format(n=self.page) if self.page else _("文書")
        label = _("エラー") if self.level == "error" else _("注意")
        return f"{label}: {where}: {self.message}"


def preflight(pdf: bytes | Path) -> list[Finding]:
    """Everything a print shop would flag, page by page, read from the PDF's own objects."""
    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    reader = PdfReader(io.BytesIO(data))
    found: list[Finding] = []
    for number, page in enumerate(reader.pages, start=1):
        boxes, trim = _boxes(page)
        found += [Finding(number, "error", m) for m in boxes]
        facts = read_page(page)
        for level, message in _page(facts, trim):
            found.append(Finding(number, level, message))
    return found


def summary(found: list[Finding], pages: int) -> list[str]:
    """The report's lines: one when clean, else every finding and a count."""
    if not found:
        return [_("入稿チェック: 問題はありません（{n} ページ）。").format(n=pages)]
    errors = sum(1 for f in found if f.level == "error")
    lines = [str(f) for f in found]
    lines.append(_("入稿チェック: エラー {e} 件、注意 {w} 件（{n} ページ）。").format(e=errors, w=len(found) - errors, n=pages))
    return lines


def _boxes(page) -> tuple[list[str], Rect]:  # type: ignore[no-untyped-def]
    media = tuple(float(v) for v in page.mediabox)
    problems = []
    if "/TrimBox" not in page:
        problems.append(_("仕上がり（TrimBox）がありません。--print で作り直してください。"))
        return problems, media  # type: ignore[return-value]
    trim = tuple(float(v) for v in page.trimbox)
    want = (trim[0] - BLEED, trim[1] - BLEED, trim[2] + BLEED, trim[3] + BLEED)
    if "/BleedBox" not in page:
        problems.append(_("塗り足し（BleedBox）がありません。--print で作り直してください。"))
    else:
        bleed = tuple(float(v) for v in page.bleedbox)
        if any(abs(a - b) > TOLERANCE for a, b in zip(bleed, want)):
            problems.append(_("塗り足し（BleedBox）が仕上がりの 3 mm 外になっていません。"))
    if not (media[0] <= want[0] + TOLERANCE and media[1] <= want[1] + TOLERANCE
            and media[2] >= want[2] - TOLERANCE and media[3] >= want[3] - TOLERANCE):
        problems.append(_("用紙（MediaBox）が塗り足しより小さく、トンボが入りません。"))
    return problems, trim  # type: ignore[return-value]


def _inside(box: Rect, area: Rect) -> bool:
    return box[0] >= area[0] - TOLERANCE and box[1] >= area[1] - TOLERANCE and box[2] <= area[2] + TOLERANCE and box[3] <= area[3] + TOLERANCE


def _overlaps(box: Rect, area: Rect) -> bool:
    return box[0] < area[2] and box[2] > area[0] and box[1] < area[3] and box[3] > area[1]


def _named(items: list[str]) -> str:
    shown = "、".join(f"「{t}」" for t in items[:NAMED])
    return shown + (_(" ほか {n} 件").format(n=len(items) - NAMED) if len(items) > NAMED else "")


def _snippet(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 16 else text[:15] + "…"


def _page(facts: PageFacts, trim: Rect) -> list[tuple[Literal["error", "warning"], str]]:
    out: list[tuple[Literal["error", "warning"], str]] = []
    for font in facts.fonts.values():
        name = font.name.lstrip("/")
        if not font.embedded:
            out.append(("error", _("フォント {f} が埋め込まれていません。").format(f=name)))
        elif not font.subset:
            out.append(("warning", _("フォント {f} がサブセット化されていません。").format(f=name)))
    out += _images(facts, trim)
    out += _colours(facts, trim)
    out += _lines_and_text(facts, trim)
    out += _edges(facts, trim)
    return out


def _images(facts: PageFacts, trim: Rect) -> list[tuple[Literal["error", "warning"], str]]:
    out: list[tuple[Literal["error", "warning"], str]] = []
    rgb = 0
    for n, image in enumerate(facts.images, start=1):
        if not _overlaps(image.bbox, trim):
            continue
        w, h = image.pixels
        if image.ppi < PPI_ERROR:
            out.append(("error", _("画像 {n}（{w}×{h} ピクセル）は実寸で {ppi} ppi しかありません（{min} ppi 未満）。"
                                   "もっと大きな元画像に差し替えてください。").format(n=n, w=w, h=h, ppi=round(image.ppi), min=PPI_ERROR)))
        elif image.ppi < PPI_WARN - 1:
            out.append(("warning", _("画像 {n}（{w}×{h} ピクセル）は実寸で {ppi} ppi です（印刷には {want} ppi が目安）。").format(
                n=n, w=w, h=h, ppi=round(image.ppi), want=PPI_WARN)))
        rgb += image.space == "rgb"
    if rgb:
        out.append(("warning", _("RGB の画像が {n} 点あります。印刷所で CMYK に変換されます（--icc でプロファイルを指定すると、ここで変換します）。").format(n=rgb)))
    return out


def _colours(facts: PageFacts, trim: Rect) -> list[tuple[Literal["error", "warning"], str]]:
    out: list[tuple[Literal["error", "warning"], str]] = []
    rgb = sum(1 for p in facts.paints if (p.fill and p.fill_colour[0] == "rgb") or (p.stroke and p.stroke_colour[0] == "rgb"))
    rgb_text = [t for t in facts.texts if t.colour[0] == "rgb"]
    if rgb or rgb_text:
        out.append(("error", _("RGB で指定された色が {n} か所あります（印刷用は CMYK）。").format(n=rgb + len(rgb_text))))
    rich = [_snippet(t.text) for t in facts.texts if t.size < RICH_BLACK_BELOW and t.colour[0] == "cmyk"
            and len(t.colour[1]) == 4 and t.colour[1][3] >= 0.9 and sum(t.colour[1][:3]) > 0.0]
    if rich:
        out.append(("warning", _("小さな黒文字が 4 色の黒（リッチブラック）です: {items}。K100 にしてください。").format(items=_named(rich))))
    return out


def _lines_and_text(facts: PageFacts, trim: Rect) -> list[tuple[Literal["error", "warning"], str]]:
    out: list[tuple[Literal["error", "warning"], str]] = []
    thin = [p for p in facts.paints if p.stroke and p.width < HAIRLINE - 1e-3 and _overlaps(p.bbox, trim)]
    if thin:
        out.append(("warning", _("0.1 mm より細い線が {n} 本あります（最も細いもの {w:.2f} mm）。印刷でかすれることがあります。").format(
            n=len(thin), w=min(p.width for p in thin) / mm(1))))
    small = [t for t in facts.texts if t.size < SMALL_TEXT - 1e-3 and _overlaps(t.bbox, trim)]
    if small:
        out.append(("warning", _("{size} pt 未満の文字があります: {items}（最小 {min:.1f} pt）。").format(
            size=round(SMALL_TEXT), items=_named([_snippet(t.text) for t in small]), min=min(t.size for t in small))))
    return out


def _edges(facts: PageFacts, trim: Rect) -> list[tuple[Literal["error", "warning"], str]]:
    out: list[tuple[Literal["error", "warning"], str]] = []
    safe = (trim[0] + SAFE, trim[1] + SAFE, trim[2] - SAFE, trim[3] - SAFE)
    cut = [_snippet(t.text) for t in facts.texts if _overlaps(t.bbox, trim) and not _inside(t.bbox, trim)]
    if cut:
        out.append(("error", _("仕上がり線で切れる文字があります: {items}。").format(items=_named(cut))))
    near = [_snippet(t.text) for t in facts.texts if _inside(t.bbox, trim) and not _inside(t.bbox, safe)]
    if near:
        out.append(("warning", _("仕上がりから 3 mm 以内（断裁で切れるおそれ）に文字があります: {items}。").format(items=_named(near))))
    bleed = (trim[0] - BLEED, trim[1] - BLEED, trim[2] + BLEED, trim[3] + BLEED)
    short = [p for p in facts.paints if p.fill and not _white(p.fill_colour) and _touches_trim(p.bbox, trim, bleed)]
    short_images = [i for i in facts.images if _touches_trim(i.bbox, trim, bleed)]
    if short or short_images:
        out.append(("error", _("仕上がり線まである塗り・画像が {n} 個、塗り足し（3 mm）まで伸びていません。").format(n=len(short) + len(short_images))))
    return out


def _white(colour: tuple[str, tuple[float, ...]]) -> bool:
    space, values = colour
    if space == "cmyk":
        return not any(values)
    if space in ("rgb", "gray"):
        return all(v >= 0.999 for v in values)
    return False


def _touches_trim(box: Rect, trim: Rect, bleed: Rect) -> bool:
    """An edge of the item lies on the trim line (not short of it, not out to the bleed)."""
    if not _overlaps(box, trim):
        return False
    near = [abs(box[0] - trim[0]), abs(box[1] - trim[1]), abs(trim[2] - box[2]), abs(trim[3] - box[3])]
    return any(d <= TOLERANCE for d in near)
