"""Text: user markup -> styled spans (inline) -> broken, justified, positioned lines (breaking)."""

from .breaking import Measure, Piece, TextLine, break_lines
from .inline import Span, parse_paragraphs

__all__ = ["Measure", "Piece", "Span", "TextLine", "break_lines", "parse_paragraphs"]
