"""The cover: date line, title, subtitle and the letter-spaced issuer."""

from __future__ import annotations

from casebook_pdf.era import format_date
from casebook_pdf.fonts import Fonts
from casebook_pdf.frames import Box, Item, Page, Rule, Text
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
    title_size, subtitle_size, date_size, issuer_size = s.scale.cover, s.scale.display, s.scale.heading, s.scale.display
    x0, w, g = s.margin_x, s.content_w, s.cover
    items: list[Item] = [
        Box(0, 0, s.page_w, g.top_band, fill=c.navy, role="band"),
        Box(0, g.top_band, s.page_w, g.band_rule, fill=c.teal, role="band"),
        Box(0, s.page_h - g.bottom_band, s.page_w, g.bottom_band, fill=c.navy, role="band"),
    ]
    date = date_line(edition)
    date_w = fonts.width(date, date_size, True)
    items.append(Text(x0 + w - date_w, g.date_top + ASCENT * date_size, date, date_size, c.navy, bold=True))

    panel_top, panel_h = g.panel_top, g.panel_h
    items.append(Box(g.panel_x, panel_top, s.page_w - 2 * g.panel_x, panel_h, fill=c.pale, radius=g.panel_radius))
    for y in (panel_top + g.rule_inset, panel_top + panel_h - g.rule_inset):
        items.append(Rule(g.rule_x, y, s.page_w - g.rule_x, y, c.teal, 1.2))

    lines = list(edition.title)
    pitch = title_size * 1.45
    block_h = pitch * len(lines) + (subtitle_size * 1.6 if edition.subtitle else 0)
    y = panel_top + (panel_h - block_h) / 2
    inner_x, inner_w = g.rule_x, s.page_w - 2 * g.rule_x
    for line in lines:
        text, size = _centred(fonts, line, y + (pitch - title_size) / 2, title_size, inner_w, inner_x, c.navy)
        items.append(text)
        y += pitch
    if edition.subtitle:
        text, _ = _centred(fonts, edition.subtitle, y + subtitle_size * 0.3, subtitle_size, inner_w, inner_x, c.teal_ink)
        items.append(text)

    items.extend(_spaced(fonts, edition.issuer, g.issuer_top, issuer_size, s.page_w / 2, c.navy))
    return Page(s.page_w, s.page_h, tuple(items), bookmark=None, key="cover")
