"""Clusters for line breaking: one run of text between forced breaks -> measured, linked clusters.

A cluster is what may never be split except as a last resort: one CJK character (with any combining
marks), one ASCII bracket, or one run of Latin letters, digits and word punctuation. Spaces are not
clusters; they become the gap before the next cluster. Each cluster also records what lies between
it and the previous one: may a line break there (kinsoku, 分離禁止, number + unit word, Latin
binding), how wide is the gap (spaces or 和欧間), and may justification widen it.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, TypeVar

from casebook_pdf.record import record
from .classes import (
    ABRACKET,
    ALNUM,
    CJK,
    CLOSING,
    DIGIT,
    INSEPARABLE,
    LATIN,
    MARK,
    NO_END,
    NO_START,
    OPENING,
    SPACE,
    UNIT_WORDS,
    WA,
    ZERO_WIDTH,
    flags_of,
)

if TYPE_CHECKING:
    from .breaking import Measure

WA_SPACE_EM = 0.25  # 和欧間: natural space between Japanese and a Latin letter
WA_MIN_EM = 0.125  # ... and how far 追い込み may shrink it
# Between Japanese and a digit (約1.5倍, 1日) a quarter em reads as a gap in the number's phrase;
# an eighth keeps 「1日」 together while the digits still do not touch the kanji.
WA_DIGIT_EM = 0.125
WA_DIGIT_MIN_EM = 0.0
PUNCT_MIN_EM = 0.5  # a punctuation mark's advance is never compressed below half an em
# How far justification may widen a gap, in JIS X 4051 order: word spaces and 和欧間 first, then
# the gaps between Japanese characters by at most an eighth of an em each. JIS lets 和欧間 grow to
# half an em, but on the page a half-em 和欧間 reads as a typed space, so it grows by an eighth.
SPACE_GROW_EM = 0.25
WA_GROW_EM = 0.125
WA_DIGIT_GROW_EM = 0.0625
CHAR_GROW_EM = 0.125

T = TypeVar("T")
_UNIT_FIRST = frozenset(w[0] for w in UNIT_WORDS)
_KINDS = CJK | LATIN | ABRACKET


@record
class Segment:
    """A run of text between forced breaks, with per-character style, class flags and advance (points)."""

    text: str
    bolds: list[bool]
    flags: list[int]
    advs: list[float]


class Cluster:
    """An unbreakable run of characters text[start:end], plus what lies between it and the previous one."""

    __slots__ = (
        "start", "end", "kind", "first", "last", "adv", "shift", "cap", "gap", "gap_cap", "brk", "stretch", "grow", "spaced"
    )

    def __init__(self, start: int, end: int, first: int, last: int) -> None:
        self.start = start
        self.end = end
        self.kind = first & _KINDS or LATIN  # a stray combining mark counts as Latin
        self.first = first  # class flags of the first and last character
        self.last = last
        self.adv = 0.0  # advance in points, after adjacent-punctuation compression
        self.shift = 0.0  # compression taken from the blank left half (opening brackets): draw this far left
        self.cap = 0.0  # how much more 追い込み may compress it
        self.gap = 0.0  # space before it: spaces or 和欧間 (dropped at a line start)
        self.gap_cap = 0.0  # how much 追い込み may shrink that gap
        self.brk = True  # a line may break before it
        self.stretch = False  # justification may widen the gap before it
        self.grow = 0.0  # ... by at most this much (points)
        self.spaced = False  # ... and that gap is a word space or 和欧間 (widened first), not 字間


def shape(text: str, bolds: list[bool], size: float, measure: Measure) -> tuple[Segment, tuple[Cluster, ...]]:
    """A segment's characters classified and measured at `size`, and its clusters with the
    boundaries between them.

    Memoised: composing a page sets the same text at the same size in several widths (plans, photo
    grids, badge measures), and at several sizes. The result is shared, so callers copy the clusters
    into a list of their own and never change a cluster (split_cluster replaces one)."""
    weights = tuple(bolds)
    key = (text, weights, size)
    shaped = _recall(_SHAPES, key, measure)
    if shaped is None:
        classes = _recall(_CLASSES, (text, weights), measure)
        if classes is None:
            classes = _remember(_CLASSES, (text, weights), measure, _classify(text, bolds, measure))
        seg = Segment(text, bolds, classes.flags, [em * size for em in classes.ems])
        shaped = _remember(_SHAPES, key, measure, (seg, tuple(_build_clusters(seg, classes.bounds, size))))
    return shaped


@record
class _Classes:
    """What a segment's text and weights give at any size."""

    flags: list[int]  # class flags of each character
    ems: list[float]  # advance of each character in em
    bounds: list[tuple[int, int, int, int]]  # each cluster's start, end, and flags of its first and last character


def _classify(text: str, bolds: list[bool], measure: Measure) -> _Classes:
    """Classify and measure every character of a segment (spaces measured as " ", zero-width ones as 0).

    A full-width ．or ， inside a number (１．５, １２０，０００) is measured as its half-width form: its
    dot sits at the left of a full-width cell, and the blank right half would read as 「１. ５」."""
    flags = [flags_of(ch) for ch in text]
    advance = measure.advance
    ems = [
        0.0 if f & SPACE and ch in ZERO_WIDTH else advance(" " if f & SPACE else ch, b)
        for ch, b, f in zip(text, bolds, flags)
    ]
    for i in _number_points(text, flags):
        ems[i] = advance(NUMBER_POINTS[text[i]], bolds[i])
        flags[i] &= ~CLOSING
    return _Classes(flags, ems, _cluster_bounds(text, flags))


NUMBER_POINTS = {"．": ".", "，": ","}
NUMBER_JOINERS = "．，："  # full-width marks that hold the digits on both sides together (１７：３０)


def _number_points(text: str, flags: list[int]) -> list[int]:
    """Positions of full-width ．， with a digit on each side."""
    return [
        i
        for i in range(1, len(text) - 1)
        if text[i] in NUMBER_POINTS and flags[i - 1] & DIGIT and flags[i + 1] & DIGIT
    ]


# Both memos are pure and keyed by everything their results depend on (the measure by identity, kept
# alive with the entry so that its identity is not reused), so entries kept from an earlier build
# cannot change a build.
_SHAPES: dict[tuple, tuple[Measure, tuple[Segment, tuple[Cluster, ...]]]] = {}
_CLASSES: dict[tuple, tuple[Measure, _Classes]] = {}
MEMO_KEEP = 1024


def _recall(memo: dict[tuple, tuple[Measure, T]], key: tuple, measure: Measure) -> T | None:
    known = memo.get(key)
    return known[1] if known is not None and known[0] is measure else None


def _remember(memo: dict[tuple, tuple[Measure, T]], key: tuple, measure: Measure, value: T) -> T:
    memo[key] = (measure, value)
    if len(memo) > MEMO_KEEP:
        del memo[next(iter(memo))]  # the oldest
    return value


def _build_clusters(seg: Segment, bounds: list[tuple[int, int, int, int]], size: float) -> list[Cluster]:
    """Segment -> clusters with advances, compression capacities and the boundaries between them."""
    clusters = [Cluster(start, end, first, last) for start, end, first, last in bounds]
    _measure(clusters, seg.advs, size)
    _link(clusters, seg.advs, size)
    _bind_numbers(clusters, seg.text)
    return clusters


def split_cluster(clusters: list[Cluster], k: int, cut: int, seg: Segment) -> None:
    """Split the Latin run clusters[k] before character `cut`; a line may break between the halves.

    Both halves are new clusters: the run itself may be shared (shape)."""
    c = clusters[k]
    head = copy.copy(c)
    head.adv = sum(seg.advs[c.start : cut])
    head.end = cut
    head.last = seg.flags[cut - 1]
    rest = Cluster(cut, c.end, seg.flags[cut], c.last)
    rest.kind = c.kind
    rest.adv = c.adv - head.adv
    clusters[k : k + 1] = [head, rest]


def _cluster_bounds(text: str, fl: list[int]) -> list[tuple[int, int, int, int]]:
    """Characters -> clusters: one per CJK character or ASCII bracket, one per Latin run; spaces skipped."""
    n = len(text)
    out: list[tuple[int, int, int, int]] = []
    i = 0
    while i < n:
        f = fl[i]
        if f & SPACE:
            i += 1
            continue
        j = i + 1
        if f & LATIN:
            while j < n and (fl[j] & (LATIN | MARK) or _is_apostrophe(text, fl, j)):
                j += 1
        while j < n and fl[j] & MARK:
            j += 1
        last = j - 1
        while last > i and fl[last] & MARK:
            last -= 1
        out.append((i, j, f, fl[last]))
        i = j
    return out


def _is_apostrophe(text: str, fl: list[int], j: int) -> bool:
    """A typographic apostrophe inside a Latin word (don’t) belongs to the word: between a letter or
    digit and Latin text. After punctuation (a web address's /) it is a closing quote, as at the start
    of a line: a line's clusters must not depend on the line before it."""
    return text[j] == "’" and j + 1 < len(text) and bool(fl[j + 1] & LATIN) and text[j - 1].isalnum()


def _measure(clusters: list[Cluster], advs: list[float], size: float) -> None:
    """Set advances, with JLREQ adjacent-punctuation compression (」「 、」 「「) where the font's mark is
    wider than half an em, and the 追い込み capacity of closing marks."""
    half = PUNCT_MIN_EM * size
    for c in clusters:
        c.adv = advs[c.start] if c.end - c.start == 1 else sum(advs[c.start : c.end])
    last = len(clusters) - 1
    for k, c in enumerate(clusters):
        if c.adv <= half:
            continue
        if c.first & CLOSING:
            nxt = clusters[k + 1] if k < last else None
            if nxt is not None and nxt.start == c.end and nxt.first & (CLOSING | OPENING):
                c.adv = half
            c.cap = c.adv - half
        elif c.first & OPENING and k > 0:
            prev = clusters[k - 1]
            if prev.end == c.start and prev.first & OPENING:
                c.shift = c.adv - half
                c.adv = half


def _link(clusters: list[Cluster], advs: list[float], size: float) -> None:
    """Decide, for each pair of neighbours, break opportunity, gap and stretchability."""
    wa_gap = WA_SPACE_EM * size
    wa_cap = (WA_SPACE_EM - WA_MIN_EM) * size
    digit_gap = WA_DIGIT_EM * size
    digit_cap = (WA_DIGIT_EM - WA_DIGIT_MIN_EM) * size
    char_grow = CHAR_GROW_EM * size
    for k in range(1, len(clusters)):
        a, b = clusters[k - 1], clusters[k]
        fa, fb = a.last, b.first
        brk = not (fb & NO_START or fa & NO_END)
        if a.end < b.start:  # only spaces lie between clusters
            b.gap = sum(advs[a.end : b.start])
            b.brk = brk
            b.stretch = True
            b.spaced = b.gap > 0.0  # a zero-width space widens like the gap between two characters
            b.grow = (SPACE_GROW_EM if b.spaced else CHAR_GROW_EM) * size
            continue
        if fa & INSEPARABLE and fb & INSEPARABLE:
            brk = False
        elif not (a.kind & CJK or b.kind & CJK):
            brk = False  # Latin words and the ASCII brackets around them: foo(bar)
        b.brk = brk
        if (fa & WA and fb & ALNUM) or (fa & ALNUM and fb & WA):
            digit = (fb if fa & WA else fa) & DIGIT
            b.gap = digit_gap if digit else wa_gap
            b.gap_cap = digit_cap if digit else wa_cap
            b.stretch = b.spaced = True
            b.grow = (WA_DIGIT_GROW_EM if digit else WA_GROW_EM) * size
        elif a.kind & CJK and b.kind & CJK:
            # Not after an opening bracket, nor before closing punctuation (but before small kana, ー, 々).
            b.stretch = brk or bool(fb & WA and not fa & NO_END)
            b.grow = char_grow if b.stretch else 0.0


def _bind_numbers(clusters: list[Cluster], text: str) -> None:
    """Keep a number with the unit word after it (24インチ, 3分) and full-width digits together."""
    n = len(clusters)
    for k in range(n - 1):
        c = clusters[k]
        nxt = clusters[k + 1]
        if not c.last & DIGIT or nxt.start != c.end:
            continue
        if c.kind & CJK and nxt.kind & CJK and _is_fullwidth_alnum(text[nxt.start]):
            nxt.brk = nxt.stretch = False  # one number: neither broken nor spaced out
            nxt.grow = 0.0
            continue
        if nxt.end == nxt.start + 1 and text[nxt.start] in NUMBER_JOINERS and k + 2 < n:
            after = clusters[k + 2]
            if after.start == nxt.end and after.first & DIGIT:  # １．５: the digits after the point too
                nxt.brk = nxt.stretch = after.brk = after.stretch = False
                nxt.grow = after.grow = 0.0
                continue
        if text[c.end] not in _UNIT_FIRST:
            continue
        for word in UNIT_WORDS:
            if text.startswith(word, c.end):
                stop = c.end + len(word)
                m = k + 1
                while m < n and clusters[m].start < stop:
                    clusters[m].brk = False
                    m += 1
                break


def _is_fullwidth_alnum(ch: str) -> bool:
    return "０" <= ch <= "９" or "Ａ" <= ch <= "Ｚ" or "ａ" <= ch <= "ｚ"
