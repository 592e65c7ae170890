"""The house style: page geometry, colours and type sizes, in one place.

Layout modules take sizes from here instead of writing numbers inline, so a restyle (or a second
page format) is a change to this file alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from casebook_pdf.frames import Color, mm, rgb


@dataclass(frozen=True)
class Palette:
    ink: Color = rgb("#222222")
    muted: Color = rgb("#5B6670")
    navy: Color = rgb("#1F3A5F")
    teal: Color = rgb("#2A7F8E")
    pale: Color = rgb("#EEF3F8")
    pale_teal: Color = rgb("#E4F1F2")
    accent: Color = rgb("#D9822B")  # arrows and fills with no text on them
    accent_dark: Color = rgb("#B35A12")  # orange text, and fills behind white text (contrast ≥ 4.5:1)
    pale_accent: Color = rgb("#FBEFE2")
    line: Color = rgb("#B8C4CF")
    white: Color = (1.0, 1.0, 1.0)
    good: Color = rgb("#2E7D5B")
    pale_good: Color = rgb("#E6F2EC")
    bad: Color = rgb("#B5473A")
    pale_bad: Color = rgb("#F7E7E4")
    neutral: Color = rgb("#5B6670")
    pale_neutral: Color = rgb("#EEF0F2")
    office: Color = rgb("#1F3A5F")
    home: Color = rgb("#2A7F8E")
    leave: Color = rgb("#B35A12")
    rest: Color = rgb("#C9D1D8")


@dataclass(frozen=True)
class Style:
    page_w: float = mm(297)
    page_h: float = mm(210)
    margin_x: float = mm(11)
    margin_top: float = mm(9)
    margin_bottom: float = mm(12.5)
    gap: float = mm(4)  # between zones
    pad: float = mm(2.2)  # inside boxes
    # Type sizes in points; `floor` is the smallest a zone may shrink to before the build fails.
    body: float = 10.0
    body_floor: float = 8.0
    small: float = 8.5
    small_floor: float = 6.5
    leading: float = 1.5  # line pitch as a multiple of the size
    header_title: float = 17.0
    header_category: float = 13.0
    department: float = 10.0
    headline: float = 16.0
    label: float = 10.5
    folio: float = 9.0
    colors: Palette = Palette()

    @property
    def content_w(self) -> float:
        return self.page_w - 2 * self.margin_x


STYLE = Style()
