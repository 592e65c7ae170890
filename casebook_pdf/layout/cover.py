"""The cover: date line, title, subtitle and the letter-spaced issuer."""

from __future__ import annotations

from casebook_pdf.era import format_date
from casebook_pdf.fonts import Fonts
from casebook_pdf.frames import Box, Item, Page, Rule, Text, mm
from casebook_pdf.layout.style import Style
from casebook_pdf.layout.textset import ASCENT

def date_line(edition) -> str:
    return format_date(edition.date, edition.date_precision) + (edition.date_suffix or "")


def _centred(fonts: Fonts, text: str, top: float, size: float, width: float, x0: float, color, bold=True) -> tuple[Text, float]:
    """One line centred in [x0, x0+width], shrunk to fit the width; returns the item and its size."""
    natural = fonts.width(text, 1.0, bold)
    size = min(size, width / natural) if natural else size
    x = x0 + (width - natural * size) / 2
    return Text(x, top + ASCENT * size, text, size, color, bold=bold), size


def _spaced(fonts: Fonts, text: str, top: float, size: float, centre: float, color) -> list[Item]:
    """A short name set one em apart (北 海 道); a longer one more lightly, centred on `centre`."""
    advances = [fonts.advance(ch, True) * size for ch in text]
    gap = size * (1.0 if len(text) <= 4 else 0.25)
    total = sum(advances) + gap * (len(text) - 1)
    x = centre - total / 2
    items: list[Item] = []
    for ch, adv in zip(text, advances):
        items.append(Text(x, top + ASCENT * size, ch, size, color, bold=True))
        x += adv + gap
    return items


def layout_cover(edition, fonts: Fonts, s: Style) -> Page:
    c = s.colors
    TITLE_SIZE, SUBTITLE_SIZE, DATE_SIZE, ISSUER_SIZE = s.scale.cover, s.scale.display, s.scale.heading, s.scale.display
    x0, w = s.margin_x, s.content_w
    items: list[Item] = [
        Box(0, 0, s.page_w, mm(14), fill=c.navy, role="band"),
        Box(0, mm(14), s.page_w, mm(1.2), fill=c.teal, role="band"),
        Box(0, s.page_h - mm(10), s.page_w, mm(10), fill=c.navy, role="band"),
    ]
    date = date_line(edition)
    date_w = fonts.width(date, DATE_SIZE, True)
    items.append(Text(x0 + w - date_w, mm(27) + ASCENT * DATE_SIZE, date, DATE_SIZE, c.navy, bold=True))

    panel_top, panel_h = mm(48), mm(96)
    items.append(Box(mm(30), panel_top, s.page_w - mm(60), panel_h, fill=c.pale, radius=mm(3)))
    items.append(Rule(mm(45), panel_top + mm(8), s.page_w - mm(45), panel_top + mm(8), c.teal, 1.2))
    items.append(Rule(mm(45), panel_top + panel_h - mm(8), s.page_w - mm(45), panel_top + panel_h - mm(8), c.teal, 1.2))

    lines = list(edition.title)
    pitch = TITLE_SIZE * 1.45
    block_h = pitch * len(lines) + (SUBTITLE_SIZE * 1.6 if edition.subtitle else 0)
    y = panel_top + (panel_h - block_h) / 2
    inner_x, inner_w = mm(45), s.page_w - mm(90)
    for line in lines:
        text, size = _centred(fonts, line, y + (pitch - TITLE_SIZE) / 2, TITLE_SIZE, inner_w, inner_x, c.navy)
        items.append(text)
        y += pitch
    if edition.subtitle:
        text, _ = _centred(fonts, edition.subtitle, y + SUBTITLE_SIZE * 0.3, SUBTITLE_SIZE, inner_w, inner_x, c.teal_ink)
        items.append(text)

    items.extend(_spaced(fonts, edition.issuer, mm(165), ISSUER_SIZE, s.page_w / 2, c.navy))
    return Page(s.page_w, s.page_h, tuple(items), bookmark=None, key="cover")
