"""Character classes for Japanese line breaking: one character -> a set of bit flags.

The sets follow JLREQ (W3C, "Requirements for Japanese Text Layout") section 3.1 and Appendix A
(cl-01 opening brackets ... cl-11 small kana), narrowed to what the breaking engine needs.
"""

from __future__ import annotations

import unicodedata

# --- what kind of cluster a character belongs to -------------------------------------------
SPACE = 1 << 0  # breakable space: a break opportunity, dropped at line ends
CJK = 1 << 1  # a cluster of its own (kana, kanji, full-width punctuation, symbols)
LATIN = 1 << 2  # part of an unbreakable run of Latin letters, digits and word punctuation
ABRACKET = 1 << 3  # ASCII bracket: a cluster of its own that binds to adjacent Latin text
MARK = 1 << 4  # combining mark or joiner: attaches to the preceding cluster

# --- properties -------------------------------------------------------------------------------
NO_START = 1 << 5  # may not start a line (行頭禁則)
NO_END = 1 << 6  # may not end a line (行末禁則)
CLOSING = 1 << 7  # full-width closing mark whose blank right half may be compressed
OPENING = 1 << 8  # full-width opening bracket whose blank left half may be compressed
INSEPARABLE = 1 << 9  # no break between two of these (分離禁止: ……, ――)
WA = 1 << 10  # Japanese letter: takes 和欧間 space next to a Latin letter or digit
ALNUM = 1 << 11  # Latin letter or digit (the other side of 和欧間)
DIGIT = 1 << 12  # ASCII or full-width digit (binds to a following unit word)

FULLWIDTH_CLOSING_BRACKETS = "）」』】〕〉》］｝〙〗〟｠"
FULLWIDTH_OPENING_BRACKETS = "（「『【〔〈《［｛〘〖〝｟"
COMMAS_AND_STOPS = "、。，．"
CLOSING_BRACKETS = FULLWIDTH_CLOSING_BRACKETS + "”’)]}｣"
OPENING_BRACKETS = FULLWIDTH_OPENING_BRACKETS + "“‘([{｢"
SMALL_KANA = (
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
    + "".join(chr(c) for c in range(0x31F0, 0x3200))  # ㇰ-ㇿ
    + "ｧｨｩｪｫｬｭｮｯ"
)
ITERATION_MARKS = "々〻ゝゞヽヾ"
# Everything JLREQ forbids at a line start: closing brackets (cl-02), hyphens (cl-03), dividing
# punctuation (cl-04), middle dots (cl-05), full stops (cl-06), commas (cl-07), the leader dots
# of cl-08, iteration marks (cl-09), the prolonged sound mark (cl-10), small kana (cl-11) and
# postfixed abbreviations (cl-13).
LINE_START_PROHIBITED = (
    CLOSING_BRACKETS
    + COMMAS_AND_STOPS
    + ",.・：；!?！？‼⁇⁈⁉"
    + "‐゠–～〜…‥ー"
    + SMALL_KANA
    + ITERATION_MARKS
    + "％%〃°′″℃‰"
    + "｡､･ｰﾞﾟ゛゜"
)
# Opening brackets (cl-01) and prefixed currency signs (cl-12) may not end a line.
LINE_END_PROHIBITED = OPENING_BRACKETS + "￥＄￡€"
INSEPARABLES = "…‥―—"
ASCII_BRACKETS = "()[]{}"
SPACES = " \t\u200b"
ZERO_WIDTH = "\u200b"

# Words that stay on the line of the number before them ("24インチ", "3分").
UNIT_WORDS: tuple[str, ...] = tuple(
    sorted(
        ("インチ", "センチ", "ミリ", "キロ", "メートル", "時間", "分", "秒", "円", "人", "回", "件",
         "日", "月", "年", "台", "個", "枚", "歳", "%", "％"),
        key=len,
        reverse=True,
    )
)

_FLAGS: dict[str, int] = {}


def flags_of(ch: str) -> int:
    """The class flags of one character (cached)."""
    f = _FLAGS.get(ch)
    if f is None:
        f = _FLAGS[ch] = _compute_flags(ch)
    return f


def _kind(ch: str, category: str) -> int:
    if ch in SPACES:
        return SPACE
    if category in ("Mn", "Mc", "Me") or ch == "\u200d" or "\ufe00" <= ch <= "\ufe0f":
        return MARK
    if ch in ASCII_BRACKETS:
        return ABRACKET
    cp = ord(ch)
    if cp < 0x100:
        return LATIN
    if 0xFF61 <= cp <= 0xFF9F:  # half-width katakana and punctuation
        return CJK
    width = unicodedata.east_asian_width(ch)
    if width in ("W", "F") or (width == "A" and not category.startswith("L")):
        return CJK
    return LATIN


def _compute_flags(ch: str) -> int:
    category = unicodedata.category(ch)
    f = _kind(ch, category)
    if ch in LINE_START_PROHIBITED:
        f |= NO_START
    if ch in LINE_END_PROHIBITED:
        f |= NO_END
    if ch in FULLWIDTH_CLOSING_BRACKETS or ch in COMMAS_AND_STOPS:
        f |= CLOSING
    if ch in FULLWIDTH_OPENING_BRACKETS:
        f |= OPENING
    if ch in INSEPARABLES:
        f |= INSEPARABLE
    if f & CJK and category[0] in "LN":
        f |= WA
    if f & LATIN and ch.isalnum():
        f |= ALNUM
    if "0" <= ch <= "9" or "０" <= ch <= "９":
        f |= DIGIT
    return f
