"""Glyph coverage: every character the edition will print, checked against the font chain.

Runs after loading and before layout, so a character no font has is reported with its file, line,
YAML path and code point instead of printing as a blank box. Positions come from load.printed.
"""

from __future__ import annotations

from itertools import chain

from casebook_pdf.errors import GlyphError, Issue
from casebook_pdf.fonts import Fonts
from casebook_pdf.load.printed import case_texts, edition_texts
from casebook_pdf.messages import _
from casebook_pdf.model import Edition, Where


def _issue(where: Where, ch: str) -> Issue:
    return Issue(
        where.file,
        where.line,
        where.path,
        _("文字「{ch}」(U+{code:04X}) は同梱のフォントにないため、印刷できません。").format(ch=ch, code=ord(ch)),
        _("よく使われる文字（たとえば全角の同じ文字）に置き換えるか、削除してください。"),
    )


def check_glyphs(edition: Edition, fonts: Fonts) -> None:
    """Raise GlyphError listing every character that cannot be drawn."""
    issues: list[Issue] = []
    texts = chain(edition_texts(edition), *(case_texts(case) for case in edition.cases))
    for printed in texts:
        for ch in fonts.missing(printed.text):
            issues.append(_issue(printed.where, ch))
    if issues:
        raise GlyphError(issues)
