"""Which PDF a build writes (Output) and the document information it carries (Meta).

Apart from the writer, so that the command line can settle what it was asked for before the writer
(reportlab, the fonts, the layout's classes) is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casebook_pdf.record import record

if TYPE_CHECKING:
    from casebook_pdf.render.colour import Ink


@record
class Output:
    """Which PDF to write. `press`: bleed, トンボ, boxes and CMYK (入稿); `grayscale`: everything in
    gray for a monochrome copier; `handout`: 2, 3 or 4 pages per A4 sheet (0: one page per page)."""

    press: bool = False
    grayscale: bool = False
    handout: int = 0
    icc: bytes | None = None  # a CMYK output profile: photos converted, the profile embedded

    @property
    def ink(self) -> Ink:
        from casebook_pdf.render.colour import Ink

        if self.grayscale:
            return Ink("gray")
        return Ink("cmyk", self.icc) if self.press else Ink("rgb")


@record
class Meta:
    title: str
    author: str
    subject: str
    epoch: int  # creation date (seconds since 1970) when SOURCE_DATE_EPOCH is not set
    lang: str = "ja-JP"
