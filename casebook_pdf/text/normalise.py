"""Text as people type it -> one printed form, before anything is measured.

Three rules, applied to every text of an edition once it is loaded (normalise_edition):

* Line joins. YAML turns each line break inside a folded (`>-`) or plain multi-line scalar into a
  space. source.py marks those spaces with FOLD; join_folds drops one when either neighbour is
  Japanese (as CSS Text 3 does for segment breaks between East Asian characters) and keeps it, as a
  space, between two Latin words.
* Typed spaces between Japanese and Latin text ("各自の PC", "1 日") are dropped: the line breaker puts
  one 和欧間 there itself, so "1日" and "1 日" print alike.
* One digit form for the whole edition (`digits: half|full` in casebook.yaml, half by default as
  文化庁「公用文作成の考え方」 recommends): digits and the ．，： between them become half-width
  (約１．５倍 -> 約1.5倍, ８：４５ -> 8:45) or full-width. A number glued to Latin letters (A4, Windows10) and numbers in
  web addresses keep their form. Full-width spaces (U+3000) are never touched.

The cover date is not user text (era.format_date makes it) and keeps its full-width digits.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any, Literal, TypeVar

from .classes import ALNUM, CJK, DIGIT, WA, flags_of

Digits = Literal["half", "full"]
DIGIT_FORMS: tuple[Digits, ...] = ("half", "full")

# Where a YAML line fold stood. PyYAML's reader refuses control characters in a file, so this
# cannot come from what a user typed.
FOLD = "\x00"

_TO_HALF = str.maketrans("０１２３４５６７８９．，：", "0123456789.,:")
_TO_FULL = str.maketrans("0123456789.,:", "０１２３４５６７８９．，：")
_NUMBER = re.compile(r"[0-9０-９]+(?:[.,:．，：][0-9０-９]+)*")
_HALF_LETTER = re.compile(r"[A-Za-z]")
_FULL_LETTER = re.compile(r"[Ａ-Ｚａ-ｚ]")
_URL = re.compile(r"(?:https?://|www\.|[\w.+-]+@)[!-~]+")
_SPACES = re.compile(r" +")


def is_japanese(ch: str) -> bool:
    """Kana, kanji, full-width punctuation and symbols: a character set without word spaces."""
    return bool(flags_of(ch) & CJK)


def _kana_kanji(ch: str) -> bool:
    """A Japanese letter (kana, kanji, 々, ー); full-width digits are counted as digits."""
    f = flags_of(ch)
    return bool(f & WA and not f & DIGIT)


def _alnum(ch: str) -> bool:
    return bool(flags_of(ch) & (ALNUM | DIGIT))


def join_folds(text: str) -> str:
    """Resolve FOLD marks: nothing next to Japanese, a space between Latin words."""
    if FOLD not in text:
        return text
    out: list[str] = []
    parts = text.split(FOLD)
    for i, part in enumerate(parts):
        if i:
            before = out[-1][-1:] if out and out[-1] else ""
            after = part[:1]
            if before and after and not (is_japanese(before) or is_japanese(after)):
                out.append(" ")
        out.append(part)
    return "".join(out)


def drop_wa_spaces(text: str) -> str:
    """Remove typed spaces between a Japanese letter and a Latin letter or a digit of either width,
    where the line breaker sets its own 和欧間 (bold marks `**` between them are looked through)."""

    def keep(m: re.Match[str]) -> str:
        i, j = m.start() - 1, m.end()
        while i >= 0 and text[i] == "*":
            i -= 1
        while j < len(text) and text[j] == "*":
            j += 1
        a = text[i] if i >= 0 else ""
        b = text[j] if j < len(text) else ""
        if a and b and ((_kana_kanji(a) and _alnum(b)) or (_alnum(a) and _kana_kanji(b))):
            return ""
        return m.group()

    return _SPACES.sub(keep, text) if " " in text else text


def unify_digits(text: str, form: Digits) -> str:
    """Digits and the ．，： between them in one width. A number glued to letters takes the letters'
    width (A4, ＭＰ３, Windows10 under either form); numbers in web addresses stay half-width."""
    protected: list[tuple[int, int]] | None = None  # found with the first number: most texts have none

    def convert(m: re.Match[str]) -> str:
        nonlocal protected
        if protected is None:
            protected = [url.span() for url in _URL.finditer(text)]
        start, end = m.span()
        around = text[start - 1 : start] + text[end : end + 1]
        if any(a <= start < b for a, b in protected) or _HALF_LETTER.search(around):
            width = "half"
        elif _FULL_LETTER.search(around):
            width = "full"
        else:
            width = form
        return m.group().translate(_TO_HALF if width == "half" else _TO_FULL)

    return _NUMBER.sub(convert, text)


def normalise(text: str, digits: Digits = "half") -> str:
    """One text as printed: line joins resolved, 和欧間 spaces dropped, digits in one form."""
    return unify_digits(drop_wa_spaces(join_folds(text)), digits)


# ---- the whole edition ---------------------------------------------------------------------------

T = TypeVar("T")

# Fields that hold names the program matches, not printed text: left exactly as loaded.
_KEEP = {("Tool", "id"), ("Case", "tools"), ("Edition", "digits")}


def normalise_edition(edition: T, digits: Digits = "half") -> T:
    """Every printed text of a loaded edition (model objects) normalised; ids, paths, dates untouched."""
    return _walk(edition, digits)


def _walk(value: Any, digits: Digits) -> Any:
    """The value with its texts normalised; the very same object when nothing changed."""
    if isinstance(value, str):
        new = normalise(value, digits)
        return value if new == value else new
    if isinstance(value, tuple):
        walked = tuple(_walk(v, digits) for v in value)
        return value if all(a is b for a, b in zip(walked, value)) else walked
    names = _texts_of(type(value))
    if names:
        changes = {}
        for name in names:
            old = getattr(value, name)
            new = _walk(old, digits)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


@functools.cache
def _texts_of(kind: type) -> tuple[str, ...]:
    """The fields of a model class _walk goes into (its init fields but ids and names); none for a
    class that is not a dataclass, or for Where (a file and a line)."""
    if not dataclasses.is_dataclass(kind) or kind.__name__ == "Where":
        return ()
    return tuple(f.name for f in dataclasses.fields(kind) if f.init and (kind.__name__, f.name) not in _KEEP)
