"""Glyph coverage: every character the edition will print, checked against the font chain.

Runs after loading and before layout, so a character no font has is reported with its file, line,
YAML path and code point instead of printing as a blank box.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Iterator

from casebook_pdf.errors import GlyphError, Issue
from casebook_pdf.fonts import Fonts
from casebook_pdf.messages import _
from casebook_pdf.model import Case, Edition, Item, Where

# Model field names that differ from the YAML keys they came from.
YAML_NAMES = {"start": "from", "end": "to"}
SKIP = {"file", "lines", "where", "image", "kind", "tone", "fit", "tools"}


def _texts(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(YAML path, text) for every printed string inside a model value."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Item):
        yield value.where.path, value.text
        for n, sub in enumerate(value.items):
            yield f"{value.where.path}.items[{n}]", sub.text
    elif isinstance(value, tuple):
        for n, part in enumerate(value):
            yield from _texts(part, f"{path}[{n}]")
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            if f.name in SKIP:
                continue
            name = YAML_NAMES.get(f.name, f.name)
            yield from _texts(getattr(value, f.name), f"{path}.{name}" if path else name)


def _case_issues(case: Case, fonts: Fonts) -> list[Issue]:
    issues = []
    for path, text in _texts(case, ""):
        for ch in fonts.missing(text):
            where = case.where(path)
            issues.append(_issue(where, ch))
    return issues


def _issue(where: Where, ch: str) -> Issue:
    return Issue(
        where.file,
        where.line,
        where.path,
        _("文字「{ch}」（U+{code:04X}）はどのフォントにもなく、印刷できません。").format(ch=ch, code=ord(ch)),
        _("よく使われる文字（たとえば全角の同じ意味の文字）に置き換えるか、消してください。"),
    )


def check_glyphs(edition: Edition, fonts: Fonts) -> None:
    """Raise GlyphError listing every character that cannot be drawn."""
    issues: list[Issue] = []
    head = [*edition.title, edition.subtitle or "", edition.issuer, edition.date_suffix or ""]
    head += [t.label for t in edition.all_tools]
    head += [col.label for col in edition.tools if not hasattr(col, "id")]
    for text in head:
        for ch in fonts.missing(text):
            issues.append(_issue(Where(edition.file, None, "edition"), ch))
    for case in edition.cases:
        issues += _case_issues(case, fonts)
    if issues:
        raise GlyphError(issues)
