"""The house style: page geometry, colours and type sizes, in one place.

Layout modules take every size and position from here instead of writing numbers inline, so a
restyle, another paper size or a print-shop trim is a change to this file alone.

Type uses one scale of six sizes (plus the cover title as a display size); a page that needs more
room shrinks its body text in half points (with a warning) but never below `Scale.floor`.
Colours for text on a tint are the `*_ink` entries, chosen to reach WCAG AA (4.5:1) on that tint.
"""

from __future__ import annotations

from dataclasses import field

from casebook_pdf.frames import Color, mm, rgb
from casebook_pdf.record import record


@record
class Palette:
    """The publication's colours."""

    ink: Color = rgb("#222222")
    muted: Color = rgb("#5B6670")
    navy: Color = rgb("#1F3A5F")
    teal: Color = rgb("#2A7F8E")  # fills and rules; white on it reads at 4.6:1
    teal_ink: Color = rgb("#1F6673")  # teal text on white or on pale tints (≥ 4.5:1 on pale_teal)
    pale: Color = rgb("#EEF3F8")
    pale_teal: Color = rgb("#E4F1F2")
    accent: Color = rgb("#D9822B")  # arrows and fills with no text on them
    accent_dark: Color = rgb("#B35A12")  # fills behind white text (4.8:1)
    accent_ink: Color = rgb("#9A4A0C")  # orange text on white or on pale_accent (≥ 4.5:1)
    pale_accent: Color = rgb("#FBEFE2")
    line: Color = rgb("#B8C4CF")
    white: Color = (1.0, 1.0, 1.0)
    good: Color = rgb("#2E7D5B")
    good_ink: Color = rgb("#276B4E")  # on pale_good
    pale_good: Color = rgb("#E6F2EC")
    bad: Color = rgb("#B5473A")
    bad_ink: Color = rgb("#A03E32")  # on pale_bad
    pale_bad: Color = rgb("#F7E7E4")
    neutral: Color = rgb("#5B6670")
    pale_neutral: Color = rgb("#EEF0F2")
    office: Color = rgb("#1F3A5F")
    home: Color = rgb("#2A7F8E")
    leave: Color = rgb("#B35A12")
    rest: Color = rgb("#C9D1D8")


@record
class Scale:
    """The six type sizes in points, smallest first, and the floor text may shrink to when crowded."""

    caption: float = 9.0  # photo captions, schedule labels and times, notes, folio, matrix labels
    body: float = 10.0  # running text
    lead: float = 11.0  # panel headings, 概要/効果/気づき labels, the step up for sparse pages
    heading: float = 13.0  # contents rows, cover date
    title: float = 17.0  # page title, headline
    display: float = 22.0  # contents heading, cover subtitle and issuer
    cover: float = 36.0  # the cover title only
    floor: float = 8.0
    leading: float = 1.5  # line pitch as a multiple of the size

    @property
    def steps(self) -> tuple[float, ...]:
        return (self.caption, self.body, self.lead, self.heading, self.title, self.display)

    def below(self, size: float) -> float:
        """The next smaller size of the scale (or `size` itself at the bottom, never under the floor)."""
        return max(max((x for x in self.steps if x < size - 1e-6), default=size), self.floor)

    def above(self, size: float) -> float:
        """The next larger size of the scale (or `size` itself at the top)."""
        return min((x for x in self.steps if x > size + 1e-6), default=size)


@record
class Page:
    """Paper and margins. Trim and bleed for the print shop are added outside this area by render."""

    width: float = mm(297)
    height: float = mm(210)
    margin_x: float = mm(11)
    margin_top: float = mm(9)
    margin_bottom: float = mm(14)  # the last row of content ends here; the folio sits below it
    folio_baseline: float = mm(6)  # from the paper's bottom edge: clear of office printers' margin


@record
class Gaps:
    """Spacing: one gap between zones and blocks, one inside boxes, one between stacked rows."""

    zone: float = mm(4)  # between zones and between blocks in a column
    pad: float = mm(2.2)  # inside boxes
    row: float = mm(1)  # between label rows, list groups, stacked lines of a panel
    rhythm_max: float = mm(8)  # the widest a zone gap grows on a sparse page


@record
class CaseGrid:
    """Case page zones (heights of bands, widths of columns), in points."""

    band_h: float = mm(15)  # header band with category, title and department
    band_rule: float = mm(0.8)
    headline_h: float = mm(12)  # only when the case has a headline or a badge
    badge_d: float = mm(16)
    label_w: float = mm(22)  # 概要/効果/気づき label cells
    label_row_min: float = mm(9)
    box_min: float = mm(24)  # the smallest a ～これまで～/～これから～ box gets
    left_share: float = 0.53  # of the content width, when photos or blocks take a right column
    arrow_w: float = mm(5)
    photo_gap: float = mm(2.5)
    photo_min_h: float = mm(18)  # below this a photo grid is not used


@record
class Panels:
    """Inside the blocks: arrows between boxes, small insets and the corners of flow steps."""

    arrow_w: float = mm(5)  # the room an arrow between two boxes takes
    arrow_gap: float = mm(2)  # beside an arrow, between the two boxes it joins
    column_gap: float = mm(2)  # between the columns of a comparison
    inset: float = mm(1.2)  # inside flow steps; the coloured edge of a contrast side
    cell_pad: float = mm(1.5)  # inside examples rows and caption tags
    step_gap: float = mm(1.5)  # between parallel flow steps
    radius: float = mm(1)  # corners of flow steps (tint panels are square)
    event_w: float = mm(30)  # the widest an event label over a schedule runs


@record
class CoverGrid:
    """Cover: bands at the paper's edges (they bleed in the print-shop build), date, title panel, issuer."""

    top_band: float = mm(14)
    band_rule: float = mm(1.2)
    bottom_band: float = mm(10)
    date_top: float = mm(27)
    panel_top: float = mm(48)
    panel_h: float = mm(96)
    panel_x: float = mm(30)  # from each side of the paper
    panel_radius: float = mm(3)
    rule_x: float = mm(45)  # the panel's rules and the title measure, from each side of the paper
    rule_inset: float = mm(8)  # from the panel's top and bottom
    issuer_top: float = mm(165)


@record
class ContentsGrid:
    """Contents page: heading, matrix header and rows."""

    heading_top: float = mm(12)
    table_top: float = mm(32)
    drop_max: float = mm(10)  # how far a short table may sit below table_top
    group_h: float = mm(9)  # the upper header tier: 活用ツール and group headings
    label_h: float = mm(30)  # the lower header tier: vertical tool labels
    tool_col: float = mm(12)
    page_col: float = mm(16)
    row_max: float = mm(30)
    row_min: float = mm(9)


@record
class Style:
    """Everything a page's look depends on: page size, gaps, type scale, grids, panels and colours."""

    page: Page = field(default_factory=Page)
    gaps: Gaps = field(default_factory=Gaps)
    scale: Scale = field(default_factory=Scale)
    case: CaseGrid = field(default_factory=CaseGrid)
    cover: CoverGrid = field(default_factory=CoverGrid)
    panels: Panels = field(default_factory=Panels)
    contents: ContentsGrid = field(default_factory=ContentsGrid)
    colors: Palette = field(default_factory=Palette)

    # Shorthands used everywhere in layout.
    @property
    def page_w(self) -> float:
        return self.page.width

    @property
    def page_h(self) -> float:
        return self.page.height

    @property
    def margin_x(self) -> float:
        return self.page.margin_x

    @property
    def margin_top(self) -> float:
        return self.page.margin_top

    @property
    def margin_bottom(self) -> float:
        return self.page.margin_bottom

    @property
    def content_w(self) -> float:
        return self.page.width - 2 * self.page.margin_x

    @property
    def gap(self) -> float:
        return self.gaps.zone

    @property
    def pad(self) -> float:
        return self.gaps.pad

    @property
    def body(self) -> float:
        return self.scale.body

    @property
    def body_floor(self) -> float:
        return self.scale.floor

    @property
    def small(self) -> float:
        return self.scale.caption

    @property
    def small_floor(self) -> float:
        return self.scale.floor

    @property
    def leading(self) -> float:
        return self.scale.leading


STYLE = Style()
