"""The seed's lines, and how the ones the PDF extraction glued together split into our boxes.

The seed is text extracted from the original PDF, so a few of its lines run several boxes together
in an order no reader follows (a title followed by its category, two block titles side by side).
For those lines the test checks each piece on its own.
"""

from __future__ import annotations

import re
from pathlib import Path

DECORATION = "\U0001F4A1\uF0D8"  # 💡 and the symbol-font arrow: drawn as icons, not text

GLUED: dict[str, list[str]] = {
    "停電発生時における公用スマホを活用した防災対応災害対応": ["停電発生時における公用スマホを活用した防災対応", "【災害対応】"],
    "～これから～～これまで～": ["～これから～", "～これまで～"],
    "（活用例）（1日のスケジュール例）": ["（活用例）", "（1日のスケジュール例）"],
    "使用可能使用不能": ["使用可能", "使用不能"],
}


_HALF = str.maketrans("０１２３４５６７８９", "0123456789")
_SEPARATOR = re.compile(r"(?<=[0-9])[．，：](?=[0-9])")


def normalise(text: str) -> str:
    """No spaces, no decorations, and digits in one width: the seed has full-width digits, the PDF
    prints them in the edition's digit form (half-width by default; the cover date full-width)."""
    text = re.sub(r"\s+", "", text).translate({ord(c): None for c in DECORATION}).translate(_HALF)
    return _SEPARATOR.sub(lambda m: {"．": ".", "，": ",", "：": ":"}[m.group()], text)


def seed_pieces(seed: Path) -> list[str]:
    """Every non-empty seed line, normalised, with glued lines split into their pieces."""
    pieces: list[str] = []
    for line in seed.read_text(encoding="utf-8").splitlines():
        norm = normalise(line)
        if norm:
            pieces.extend(GLUED.get(norm, [norm]))
    return pieces
