"""The one door every text of the workflow commands goes through on its way to the user.

Texts are written in Japanese first and formatted after the lookup (`_("{n} 件").format(n=3)`), the
gettext convention, so that the catalog step of issue 13 can make `_` a catalog lookup and extract
the texts by their `_(...)` calls without touching the call sites.
"""

from __future__ import annotations


def _(text: str) -> str:
    return text
