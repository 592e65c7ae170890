"""The one door every user-facing text goes through: `_("…{n} 件").format(n=3)`.

Texts are written Japanese-first and formatted after the lookup (the gettext convention). The English
texts live in the gettext catalog casebook_pdf/locale/en/LC_MESSAGES/casebook_pdf.po, compiled to the
.mo beside it that ships in the package (README, 開発者向け, says how to add a text). Japanese is the
default; English is chosen by `--lang en`, by CASEBOOK_LANG=en, or by an English locale (the first set
of LC_ALL, LC_MESSAGES, LANG starting with "en").

The language is looked up at each call, not at import, so `N_` marks a text to translate later (help
texts made at import time, tables of labels): `_(TEXT)` at the moment it is shown.
"""

from __future__ import annotations

import functools
import gettext
import os
from pathlib import Path

DOMAIN = "casebook_pdf"
CLICK_DOMAIN = "click"  # click's own texts (Usage:, Options, its error messages), translated to Japanese
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"

_chosen: str | None = None


def choose_language(language: str | None) -> None:
    """Fix the language for this process (the CLI's --lang); None goes back to the environment."""
    global _chosen
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _chosen = language


def language() -> str:
    """ja or en: --lang, else CASEBOOK_LANG, else the locale of the environment, else Japanese."""
    if _chosen:
        return _chosen
    wanted = _language_of(os.environ.get("CASEBOOK_LANG", ""))
    if wanted:
        return wanted
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):  # the POSIX order: the first one set decides
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def _language_of(value: str) -> str | None:
    value = value.strip().lower()
    return next((lang for lang in LANGUAGES if value.startswith(lang)), None)


@functools.cache
def catalog(language: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The compiled catalog of one language; a language or domain without one translates nothing."""
    return gettext.translation(domain, LOCALE_DIR, languages=[language], fallback=True)


def _(text: str) -> str:
    return catalog(language()).gettext(text)


def N_(text: str) -> str:  # the name gettext extractors look for
    """Mark a text for the catalog without translating it now (it is passed to `_` when shown)."""
    return text


def click_gettext(text: str) -> str:
    return catalog(language(), CLICK_DOMAIN).gettext(text)


def click_ngettext(singular: str, plural: str, n: int) -> str:
    return catalog(language(), CLICK_DOMAIN).ngettext(singular, plural, n)
