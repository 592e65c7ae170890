"""Glyph coverage: every character the edition will print, checked against the font chain.

Runs after loading and before layout, so a character no font has is reported with its file, line,
YAML path and code point instead of printing as a blank box. Positions come from load.printed.
"""

from __future__ import annotations

import unicodedata
from itertools import chain

from casebook_pdf.errors import GlyphError, Issue
from casebook_pdf.fonts import Fonts
from casebook_pdf.load.printed import case_texts, edition_texts
from casebook_pdf.messages import _
from casebook_pdf.model import Edition, Where


def invisible_name(ch: str) -> str | None:
    """What an invisible character is, in words; None for a character that shows."""
    code = ord(ch)
    if 0xFE00 <= code <= 0xFE0F:
        return _("字形を選ぶ異体字セレクタ")
    if 0xE0100 <= code <= 0xE01EF:
        return _("字形を選ぶ IVS の異体字セレクタ")
    if code in (0x200B, 0x2060, 0xFEFF):
        return _("ゼロ幅スペース")
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 or code in (0x200E, 0x200F):
        return _("文字の向きを変える制御文字")
    if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Mn", "Me"):
        return _("書式用の制御文字")
    return None


def _issue(where: Where, ch: str) -> Issue:
    invisible = invisible_name(ch)
    if invisible is not None:
        return Issue(where.file, where.line, where.path,
                     _("見えない文字 U+{code:04X}（{what}）が入っていて、印刷できません。").format(what=invisible, code=ord(ch)),
                     _("その文字を消してください（ほかの文書から貼り付けたときに紛れ込みます。前の字はふつうの形で印刷されます）。"))
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
