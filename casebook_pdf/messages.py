"""The one door every user-facing text goes through: `_("…{n} 件").format(n=3)`.

Texts are written Japanese-first where they are new and formatted after the lookup (the gettext
convention), so a catalog lookup behind `_` can translate them without touching the call sites.
Every module of the package (loader, layout, render, CLI, workflow) takes `_` from here.
"""

from __future__ import annotations


def _(text: str) -> str:
    return text
