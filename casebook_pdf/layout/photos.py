"""Photos on a case page: a grid as large as the room allows, each photo 4:3 with its caption."""

from __future__ import annotations

import math

from casebook_pdf.fonts import Fonts
from casebook_pdf.frames import Box, Item, Picture, mm
from casebook_pdf.layout.report import Report
from casebook_pdf.load.printed import photo_where
from casebook_pdf.layout.style import Style
from casebook_pdf.messages import N_
from casebook_pdf.layout.textset import SetBlock, Type, fit, set_text
from casebook_pdf.model import Case, Photo
from casebook_pdf.record import record

ASPECT = 0.75  # height / width
CAPTION_LINES = 3


@record
class Grid:
    """The arrangement of a case's photos: columns and rows, each photo's size and its caption's height."""

    cols: int
    rows: int
    pw: float
    ph: float
    caption_h: float
    gap: float

    @property
    def height(self) -> float:
        return self.rows * (self.ph + self.caption_h) + (self.rows - 1) * self.gap


def _caption_type(s: Style, size: float) -> Type:
    return Type(size, s.colors.ink, align="center", leading=1.3)


def _caption(fonts: Fonts, s: Style, photo: Photo, width: float, size: float):
    t = _caption_type(s, size)
    box_h = CAPTION_LINES * size * t.leading
    return fit(lambda sz: set_text(fonts, photo.caption, width, t.scaled(sz)), box_h, size, s.scale.floor, t.leading)


def _caption_h(fonts: Fonts, s: Style, photos: tuple[Photo, ...], width: float, size: float) -> float:
    return max(min(_caption(fonts, s, p, width, size).block.height, CAPTION_LINES * size * 1.3) for p in photos) + mm(1.2)


class Captions:
    """The height of a case's captions at each photo width, at one size, each width measured once:
    the grid search asks for the same few widths for every room it is given."""

    def __init__(self, fonts: Fonts, s: Style, photos: tuple[Photo, ...], size: float) -> None:
        self.fonts, self.style, self.photos, self.size = fonts, s, photos, size
        self._heights: dict[float, float] = {}

    def height(self, width: float) -> float:
        known = self._heights.get(width)
        if known is None:
            known = self._heights[width] = _caption_h(self.fonts, self.style, self.photos, width, self.size)
        return known


def best_grid(case: Case, s: Style, width: float, height: float, captions: Captions) -> Grid | None:
    """The grid giving the largest photos within width x height, or None if even the smallest does not fit."""
    n = len(case.photos)
    gap, min_h = s.case.photo_gap, s.case.photo_min_h
    best: Grid | None = None
    for rows in range(1, n + 1):
        cols = math.ceil(n / rows)
        pw = (width - gap * (cols - 1)) / cols
        cap_h = captions.height(pw)
        ph = min(pw * ASPECT, (height - (rows - 1) * gap) / rows - cap_h)
        if ph < min_h:
            continue
        # A photo narrowed to fit the height has a narrower caption, which may need another line.
        narrow_cap = captions.height(min(pw, ph / ASPECT))
        if narrow_cap > cap_h + 1e-6:
            cap_h = narrow_cap
            ph = min(pw * ASPECT, (height - (rows - 1) * gap) / rows - cap_h)
            if ph < min_h:
                continue
        grid = Grid(cols, rows, min(pw, ph / ASPECT), ph, cap_h, gap)
        if best is None or grid.pw * grid.ph > best.pw * best.ph + 1e-6:
            best = grid
    return best


def min_height(case: Case, s: Style, width: float, captions: Captions) -> float:
    """The height of one row of photos at the size they get when room is short."""
    n = len(case.photos)
    pw = (width - s.case.photo_gap * (n - 1)) / n
    ph = max(min(pw * ASPECT, mm(30)), s.case.photo_min_h)
    return ph + captions.height(pw)


def layout_photos(case: Case, fonts: Fonts, s: Style, grid: Grid, width: float, report: Report, size: float) -> SetBlock:
    items: list[Item] = []
    row_w = grid.cols * grid.pw + (grid.cols - 1) * grid.gap
    for i, photo in enumerate(case.photos):
        row, col = divmod(i, grid.cols)
        in_row = min(grid.cols, len(case.photos) - row * grid.cols)
        offset = (width - (in_row * grid.pw + (in_row - 1) * grid.gap)) / 2 if in_row < grid.cols else (width - row_w) / 2
        x = offset + col * (grid.pw + grid.gap)
        y = row * (grid.ph + grid.caption_h + grid.gap)
        items.append(Picture(x, y, grid.pw, grid.ph, photo.image, photo.fit, photo_where(case, i, "image")))
        items.append(Box(x, y, grid.pw, grid.ph, stroke=s.colors.line, line_width=0.5))
        fitted = _caption(fonts, s, photo, grid.pw, size)
        where = photo_where(case, i, "caption")
        if fitted.over > 0:
            report.overflow(where, N_("写真の説明"), fitted.lines_over, s.scale.floor, N_("写真の説明（caption）を短くしてください。"))
        elif fitted.size < size:
            report.shrunk(where, N_("写真の説明"), fitted.size, size)
        items += fitted.block.at(x, y + grid.ph + mm(1.2))
    return SetBlock(width, grid.height, tuple(items), 0)
