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
from collections.abc import Iterator
from typing import Any

import click

from casebook_pdf.messages import N_, _, click_gettext, click_ngettext

CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils",
                 "shell_completion", "_termui_impl")
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
    pass


class Group(_Localized, click.Group):
    command_class = Command
