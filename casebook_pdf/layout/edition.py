"""An edition laid out: its cover, contents (one or more pages) and one page per case, in that order.

Contents rows link to case pages, so the number of contents pages is settled before the cases are placed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from casebook_pdf.errors import Issue
from casebook_pdf.fonts import Fonts
from casebook_pdf.frames import Page
from casebook_pdf.layout.case import layout_case
from casebook_pdf.layout.contents import layout_contents
from casebook_pdf.layout.cover import layout_cover
from casebook_pdf.layout.memo import LayoutMemo
from casebook_pdf.layout.report import Report
from casebook_pdf.layout.style import STYLE, Style
from casebook_pdf.model import Case, Edition
from casebook_pdf.record import record


@record
class Layout:
    """The laid-out pages of an edition, in order, with the warnings laying them out gave."""

    pages: tuple[Page, ...]
    warnings: tuple[Issue, ...]


def layout_edition(edition: Edition, fonts: Fonts, style: Style = STYLE, memo: LayoutMemo | None = None,
                   on_case_page: Callable[[Page], None] | None = None) -> Layout:
    """All pages of the edition. Raises FitError listing every box whose text does not fit.
    With a memo, case pages whose inputs have not changed are taken from it instead of laid out again.

    The case pages are laid out first (nothing in them depends on the cover or the contents), each handed
    to `on_case_page` as soon as it is made: a build starts processing its pictures, whose frame sizes
    are known from then on, while the other pages are laid out. Warnings and errors come in page order.
    """
    report = Report()
    cases = []
    for n, case in enumerate(edition.cases):
        page, made = _case_page(case, fonts, style, n + 1, report, memo)
        cases.append(page)
        if on_case_page is not None:
            on_case_page(page)
        if memo and made is not None:  # stored once the page's pictures have begun (~2.5 ms of encoding)
            memo.put(page.memo, made)
    front = Report()
    cover = layout_cover(edition, fonts, style)
    contents = _contents(edition, fonts, style, front, memo)
    report.warnings[:0] = front.warnings
    report.errors[:0] = front.errors
    report.raise_errors()
    return Layout((cover, *contents, *cases), tuple(report.warnings))


def _contents(edition: Edition, fonts: Fonts, style: Style, report: Report, memo: LayoutMemo | None) -> list[Page]:
    """The contents pages, from the memo when no row changed (editing a case's text leaves them as they were)."""
    rows = tuple((case.category, case.title, case.tools, case.where("title")) for case in edition.cases)
    key = memo.key("contents", edition.tools, rows, style) if memo else ""
    found = memo.get(key) if memo else None
    if isinstance(found, tuple) and len(found) == 3 and all(isinstance(p, Page) for p in found[0]):
        pages, warnings, errors = found
    else:
        own = Report()
        first = 1 + len(layout_contents(edition, fonts, style, first_case_page=0))
        pages = tuple(layout_contents(edition, fonts, style, first_case_page=first, report=own))
        warnings, errors = own.warnings, own.errors
        if memo:
            memo.put(key, (pages, warnings, errors))
    report.warnings.extend(warnings)
    report.errors.extend(errors)
    return [dataclasses.replace(page, memo=f"{key}-{n}") if memo else page for n, page in enumerate(pages)]


def _case_page(case: Case, fonts: Fonts, style: Style, folio: int, report: Report,
               memo: LayoutMemo | None) -> tuple[Page, tuple | None]:
    """The case's page, from the memo or laid out; for one laid out, also the memo's entry for it."""
    key = memo.key(case, folio, style) if memo else ""
    found = memo.get(key) if memo else None
    made = None
    if isinstance(found, tuple) and len(found) == 3 and isinstance(found[0], Page):
        page, warnings, errors = found
    else:
        own = Report()
        page = layout_case(case, fonts, style, folio, own)
        warnings, errors = own.warnings, own.errors
        made = (page, warnings, errors)
    if memo:
        page = dataclasses.replace(page, memo=key)
    report.warnings.extend(warnings)
    report.errors.extend(errors)
    return page, made
