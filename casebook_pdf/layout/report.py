"""Diagnostics collected while laying out: warnings (text shrunk) and errors (text over its box).

Layout never stops at the first problem: it finishes every page and reports everything together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casebook_pdf.errors import FitError, Issue
from casebook_pdf.messages import _
from casebook_pdf.model import Where


@dataclass
class Report:
    """What laying out found: warnings (text shrunk to fit) and errors (text that does not fit)."""

    warnings: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)

    def shrunk(self, where: Where, zone: str, size: float, base: float) -> None:
        self.warnings.append(
            Issue(where.file, where.line, where.path, _("{zone}: 枠に収めるため、文字を {base:g} pt から {size:g} pt に小さくしました。").format(
                zone=_(zone), base=base, size=size))
        )

    def overflow(self, where: Where, zone: str, lines_over: int, floor: float, hint: str) -> None:
        """`zone` and `hint` are msgids (marked N_ where they are written), translated here."""
        self.errors.append(
            Issue(
                where.file,
                where.line,
                where.path,
                _("{zone}: {floor:g} pt まで小さくしても枠に収まりません（{n} 行あふれます）。").format(
                    zone=_(zone), floor=floor, n=lines_over),
                _(hint),
            )
        )

    def raise_errors(self) -> None:
        if self.errors:
            raise FitError(self.errors)
