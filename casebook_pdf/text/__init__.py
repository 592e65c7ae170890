"""Text: user markup -> styled spans (inline) -> broken, justified, positioned lines (breaking).

The names below are read from their modules when first used (PEP 562): loading an edition needs only
text.normalise, and a build starts its pictures before it imports the line breaker (see build.py)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {"Measure": "breaking", "Piece": "breaking", "TextLine": "breaking", "break_lines": "breaking",
          "Span": "inline", "parse_paragraphs": "inline"}

__all__ = ["Measure", "Piece", "Span", "TextLine", "break_lines", "parse_paragraphs"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
