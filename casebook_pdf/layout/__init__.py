"""Layout: the model -> laid-out pages (frames), a pure computation that never touches a canvas.

Order: cover, contents (one or more pages), one page per case. Contents rows link to case pages, so
the number of contents pages is settled before the cases are placed.
"""

from __future__ import annotations

from dataclasses import dataclass

from casebook_pdf.errors import Issue
from casebook_pdf.fonts import Fonts
from casebook_pdf.frames import Page
from casebook_pdf.layout.case import layout_case
from casebook_pdf.layout.contents import layout_contents
from casebook_pdf.layout.cover import layout_cover
from casebook_pdf.layout.report import Report
from casebook_pdf.layout.style import STYLE, Style
from casebook_pdf.model import Edition


@dataclass(frozen=True)
class Layout:
    pages: tuple[Page, ...]
    warnings: tuple[Issue, ...]


def layout_edition(edition: Edition, fonts: Fonts, style: Style = STYLE) -> Layout:
    """All pages of the edition. Raises FitError listing every box whose text does not fit."""
    report = Report()
    cover = layout_cover(edition, fonts, style)
    contents = layout_contents(edition, fonts, style, first_case_page=0)
    first = 1 + len(contents)
    contents = layout_contents(edition, fonts, style, first_case_page=first, report=report)
    cases = [layout_case(case, fonts, style, n + 1, report) for n, case in enumerate(edition.cases)]
    report.raise_errors()
    return Layout((cover, *contents, *cases), tuple(report.warnings))
