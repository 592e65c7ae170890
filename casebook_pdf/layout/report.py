"""Diagnostics collected while laying out: warnings (text shrunk) and errors (text over its box).

Layout never stops at the first problem: it finishes every page and reports everything together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casebook_pdf.errors import FitError, Issue
from casebook_pdf.model import Where


@dataclass
class Report:
    warnings: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)

    def shrunk(self, where: Where, zone: str, size: float, base: float) -> None:
        self.warnings.append(
            Issue(where.file, where.line, where.path, f"{zone}: text shrunk from {base:g} pt to {size:g} pt to fit its box.")
        )

    def overflow(self, where: Where, zone: str, lines_over: int, floor: float, hint: str) -> None:
        lines = "line" if lines_over == 1 else "lines"
        self.errors.append(
            Issue(
                where.file,
                where.line,
                where.path,
                f"{zone}: text does not fit its box even at {floor:g} pt ({lines_over} {lines} over).",
                hint,
            )
        )

    def raise_errors(self) -> None:
        if self.errors:
            raise FitError(self.errors)
