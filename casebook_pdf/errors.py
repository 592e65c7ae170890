"""Errors as data: every problem the user can fix is an Issue naming file, line and YAML path.

Only cli.py turns these into messages and exit codes; library code raises, never exits.
"""

from __future__ import annotations

import os
from pathlib import Path

from casebook_pdf.record import record


def display_path(path: Path | str | None) -> str:
    """Path as the user would type it: relative to the working directory when inside it."""
    if path is None:
        return "<input>"
    path = Path(path)
    try:
        return os.path.relpath(path) if path.is_absolute() and not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


@record
class Issue:
    """One problem in the input: where it is, what is wrong, what to do."""

    file: Path | None
    line: int | None
    path: str | None
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = display_path(self.file)
        if self.line is not None:
            where += f":{self.line}"
        text = f"{where}: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        if self.hint:
            text += f" {self.hint}"
        # One problem, one line: a line break quoted from the user's text is shown as ↵.
        return text.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵")


class CasebookError(Exception):
    """Base of every error the user can act on. Carries one or more issues."""

    def __init__(self, issues: Issue | list[Issue]) -> None:
        self.issues: list[Issue] = [issues] if isinstance(issues, Issue) else list(issues)
        super().__init__("\n".join(str(i) for i in self.issues))


class DataError(CasebookError):
    """The YAML is broken or does not follow the format."""


class FitError(CasebookError):
    """Text does not fit its box even at the smallest allowed size."""


class GlyphError(CasebookError):
    """A character that no font in the chain can draw."""


class FontError(CasebookError):
    """A bundled font file changed, or could not be read, while the build was using it."""


class ImageError(CasebookError):
    """An image is missing, unreadable, too large or outside the images folder."""


class OutputError(CasebookError):
    """The PDF could not be written, or the output path would destroy an input."""


class StrictWarnings(CasebookError):
    """`--strict`: the build had warnings, so it stops before writing (exit code 1)."""
