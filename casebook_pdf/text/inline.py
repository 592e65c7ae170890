"""Inline markup: user text -> paragraphs of styled spans.

Paragraphs are separated by blank lines (lines holding only whitespace). A single newline inside a
paragraph is a forced line break and becomes a Span of exactly "\\n". `**x**` marks x bold (it may
run across a forced break; the "\\n" span itself is never bold); a `**` without a partner is kept
literally.
"""

from __future__ import annotations

import re

from casebook_pdf.record import record

NEWLINE = "\n"

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


@record
class Span:
    """A piece of a paragraph in one weight (`**bold**` marks split a paragraph into spans)."""

    text: str
    bold: bool = False


def parse_paragraphs(text: str) -> list[list[Span]]:
    """User text -> paragraphs (split at blank lines) of spans; `**x**` marks bold. A single newline inside a
    paragraph is a forced line break: represent it as a Span containing exactly "\\n". Unclosed ** is kept literally."""
    return [parse_inline(p) for p in split_paragraphs(text)]


def split_paragraphs(text: str) -> list[str]:
    """Text -> paragraph texts: lines joined by "\\n", trailing spaces and tabs of each line removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.rstrip(" "))
        elif current:
            paragraphs.append(NEWLINE.join(current))
            current = []
    if current:
        paragraphs.append(NEWLINE.join(current))
    return paragraphs


def parse_inline(paragraph: str) -> list[Span]:
    """One paragraph's text -> spans: bold runs from `**`, every "\\n" a Span of its own."""
    spans: list[Span] = []
    pos = 0
    for m in _BOLD.finditer(paragraph):
        _append(spans, paragraph[pos : m.start()], False)
        _append(spans, m.group(1), True)
        pos = m.end()
    _append(spans, paragraph[pos:], False)
    return spans


def _append(spans: list[Span], text: str, bold: bool) -> None:
    """Add text to spans, splitting out newlines and merging with a previous span of the same style."""
    for i, part in enumerate(text.split(NEWLINE)):
        if i:
            spans.append(Span(NEWLINE))
        if not part:
            continue
        last = spans[-1] if spans else None
        if last is not None and last.bold == bold and last.text != NEWLINE:
            spans[-1] = Span(last.text + part, bold)
        else:
            spans.append(Span(part, bold))
