"""The command line in the user's language: help texts translated when shown, click's own texts too.

click builds its commands at import, before --lang is read, so the help texts are kept as msgids
(marked with N_) and translated by the command classes below each time help is printed. click's own
texts ("Usage:", "Options", "Missing argument", …) go through gettext.gettext imported into each click
module; `localize_click` points those names at the click catalog of this package, so they follow the
chosen language too.
"""

from __future__ import annotations

import contextlib
import importlib
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

import click

from casebook_pdf.messages import N_, _, click_gettext, click_ngettext

# The click modules whose texts the click catalog translates (tests/test_messages.py checks the list
# against click's source). Not shell_completion and _termui_impl: none of their texts is in it, and
# importing them only to route their texts took ~2 ms of every command's start.
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")
HELP_OPTION_TEXT = N_("この説明を表示して終わります。")


def localize_click() -> None:
    """Route click's own texts through the click catalog (idempotent)."""
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a module a future click no longer has
            continue
        if hasattr(module, "_"):
            module._ = click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = click_ngettext  # type: ignore[attr-defined]


@contextlib.contextmanager
def _translated(objects: list[Any], *attributes: str) -> Iterator[None]:
    """Translate the given text attributes for the duration of the block, then put the msgids back."""
    saved = [(obj, name, getattr(obj, name, None)) for obj in objects for name in attributes]
    try:
        for obj, name, value in saved:
            if isinstance(value, str) and value:
                setattr(obj, name, _(value))
        yield
    finally:
        for obj, name, value in saved:
            setattr(obj, name, value)


NO_LINE_START = set("、。，．）」』】〕〉》・：；？！ー…％]")  # kinsoku: never the first character of a line
NO_LINE_END = set("（「『【〔〈《[")  # never the last


def display_width(text: str) -> int:
    """Columns on a terminal: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pieces(paragraph: str) -> list[str]:
    """The paragraph cut where a line may break: at spaces and between Japanese characters, a closing
    mark kept with what precedes it and an opening one with what follows."""
    pieces: list[str] = []
    glue_next = False
    for ch in paragraph:
        wide = display_width(ch) == 2
        if ch == " ":
            pieces.append(" ")
        elif pieces and (glue_next or ch in NO_LINE_START or not (wide or display_width(pieces[-1][-1]) == 2 or pieces[-1] == " ")):
            pieces[-1] += ch
        else:
            pieces.append(ch)
        glue_next = ch in NO_LINE_END
    return pieces


def wrap(text: str, width: int, indent: str = "", first_indent: str | None = None) -> list[str]:
    """Lines of at most `width` columns (a piece wider than that stands alone); blank lines separate
    paragraphs, and the lines inside a paragraph are joined as click joins them."""
    lines: list[str] = []
    for n, paragraph in enumerate(p for p in text.split("\n\n") if p.strip()):
        if n:
            lines.append("")
        line = first_indent if first_indent is not None and not lines else indent
        start = len(line)
        for piece in _pieces(" ".join(paragraph.split())):
            if piece == " " and len(line) == start:
                continue
            if len(line) > start and display_width(line) + display_width(piece.rstrip()) > width:
                lines.append(line.rstrip())
                line = indent
                start = len(line)
                if piece == " ":
                    continue
            line += piece
        lines.append(line.rstrip())
    return lines


class HelpFormatter(click.HelpFormatter):
    """click's help layout, wrapped by terminal columns so that Japanese lines fit the window."""

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write("\n".join(wrap(text, self.width, indent)) + "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((display_width(first) for first, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - self.current_indent, 10))
            pad = " " * (first_col + self.current_indent)
            self.write("\n".join([lines[0], *(pad + line if line else "" for line in lines[1:])]) + "\n")


class Context(click.Context):
    formatter_class = HelpFormatter


class _Localized:
    """Mixin for click commands whose help, short help and option help texts are msgids."""

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated([self], "short_help", "help"):
            return super().get_short_help_str(limit)  # type: ignore[misc]

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated([self], "help"):
            super().format_help_text(ctx, formatter)  # type: ignore[misc]

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated(list(self.get_params(ctx)), "help"):  # type: ignore[attr-defined]
            super().format_options(ctx, formatter)  # type: ignore[misc]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        fresh = getattr(self, "_help_option", None) is None
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if fresh and option is not None:
            option.help = HELP_OPTION_TEXT  # click wrote its text in the language of the moment; keep a msgid
        return option


class Command(_Localized, click.Command):
    context_class = Context


class Group(_Localized, click.Group):
    command_class = Command
    context_class = Context
