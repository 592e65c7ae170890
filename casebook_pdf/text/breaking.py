"""Japanese line breaking: one paragraph of spans -> lines of positioned pieces.

Pure functions; widths come from a `Measure`. The rules follow JLREQ / JIS X 4051 as narrowed for
this project (clusters and what lies between them are built in clusters.py):

* Filling is greedy per line. When the next cluster does not fit: break before it if allowed; else,
  if it may not start a line, push it in (追い込み) when compressing the line's punctuation blanks and
  和欧間 absorbs the overflow; else push out (追い出し) to the last allowed break; else, with no
  allowed break on the line at all, split as a last resort (a long Latin run by character).
* Lines other than a paragraph's last (or one ended by "\\n") are justified (両端揃え) over the gaps
  between CJK characters, 和欧間 and spaces, unless that needs more than half an em per gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

from .classes import LATIN, MARK, NO_END, NO_START, SPACE
from .clusters import Cluster, Segment, build_clusters, make_segment, split_cluster
from .inline import NEWLINE, Span

EPS = 1e-9
MAX_STRETCH_EM = 0.5  # justification gives up (left-aligns) beyond this much per gap


class Measure(Protocol):
    def advance(self, ch: str, bold: bool) -> float: ...  # advance width of one character in em (1.0 = font size)


@dataclass(frozen=True)
class Piece:
    text: str  # drawn as one run, no spacing inside it
    bold: bool
    x: float  # offset from the line's left edge, in points


@dataclass(frozen=True)
class TextLine:
    pieces: tuple[Piece, ...]
    width: float  # the x of the end of the last piece's ink advance, in points (<= max width)
    text: str  # the line's characters joined, as from the input (no added spaces, trailing breakable spaces dropped)


EMPTY_LINE = TextLine((), 0.0, "")


def break_lines(
    spans: Sequence[Span], width: float, size: float, measure: Measure, *, justify: bool = True, avoid_widows: bool = False
) -> list[TextLine]:
    """Break one paragraph into lines no wider than `width` points at font `size`.

    With avoid_widows, a last line of one or two characters (た。) is avoided when filling the lines up
    to three ems narrower keeps their number; the lines are still justified to the full width.

    Every "\\n" ends a line (so "\\n\\n" or a trailing "\\n" yields an empty line, as typed); an empty
    paragraph yields one empty line. A line is wider than `width` only if one character is.
    """
    text = "".join(s.text for s in spans)
    bolds: list[bool] = []
    for s in spans:
        bolds.extend([s.bold] * len(s.text))
    lines: list[TextLine] = []
    start = 0
    while True:
        end = text.find(NEWLINE, start)
        stop = len(text) if end < 0 else end
        segment = make_segment(text[start:stop], bolds[start:stop], size, measure)
        lines.extend(_break_segment(segment, width, size, justify, avoid_widows))
        if end < 0:
            return lines
        start = end + 1


def _break_segment(seg: Segment, width: float, size: float, justify: bool, avoid_widows: bool) -> list[TextLine]:
    clusters = build_clusters(seg, size)
    if not clusters:
        return [EMPTY_LINE]
    spans = _fill(clusters, seg, width)
    if avoid_widows and len(spans) > 1 and _lonely(clusters, spans[-1], seg):
        clusters, spans = _fewer_lonely(seg, width, size, clusters, spans)
    last = len(spans) - 1
    return [
        _layout(clusters, s, e, squeeze, seg, width, size, justify and n < last)
        for n, (s, e, squeeze) in enumerate(spans)
    ]


# --- filling lines ----------------------------------------------------------------------------

LONELY_TRIES = 3  # narrow the measure by up to this many ems to pull more onto a short last line
LONELY_CHARS = 2  # a last line with at most this many characters (closing punctuation aside) is a widow


def _lonely(clusters: list[Cluster], span: tuple[int, int, float], seg: Segment) -> bool:
    """A last line of one or two characters, closing punctuation aside (た。 / いる。): a widow."""
    start, end = clusters[span[0]].start, clusters[span[1] - 1].end
    core = [m for m in range(start, end) if not seg.flags[m] & (NO_START | SPACE)]
    return len(core) <= LONELY_CHARS


def _fewer_lonely(
    seg: Segment, width: float, size: float, clusters: list[Cluster], spans: list[tuple[int, int, float]]
) -> tuple[list[Cluster], list[tuple[int, int, float]]]:
    """Refill a little narrower (the lines are still justified to the full width) when that keeps
    the number of lines and gives the last line more than LONELY_CHARS characters."""
    for k in range(1, LONELY_TRIES + 1):
        trial_clusters = build_clusters(seg, size)
        trial = _fill(trial_clusters, seg, width - k * size)
        if len(trial) == len(spans) and not _lonely(trial_clusters, trial[-1], seg):
            return trial_clusters, trial
    return clusters, spans


def _fill(clusters: list[Cluster], seg: Segment, width: float) -> list[tuple[int, int, float]]:
    """Clusters -> lines as (first cluster, end cluster, 追い込み squeeze in points). May split clusters."""
    lines: list[tuple[int, int, float]] = []
    s = 0
    while s < len(clusters):
        e, squeeze = _fill_line(clusters, s, seg, width)
        lines.append((s, e, squeeze))
        s = e
    return lines


def _fill_line(clusters: list[Cluster], s: int, seg: Segment, width: float) -> tuple[int, float]:
    """Fill one line from cluster s: returns (end cluster, squeeze)."""
    first = clusters[s]
    w = first.adv + first.shift  # an opening bracket keeps its blank half at a line start
    if w > width + EPS:
        if first.kind & LATIN and first.end - first.start > 1:
            split_cluster(clusters, s, _cut(first, width, seg, force=True), seg)
        return s + 1, 0.0
    n = len(clusters)
    cap = first.cap
    last_break = -1
    i = s + 1
    while i < n:
        c = clusters[i]
        nw = w + c.gap + c.adv
        if nw <= width + EPS:
            if c.brk:
                last_break = i
            w = nw
            cap += c.cap + c.gap_cap
            i += 1
            continue
        if c.brk:
            return i, 0.0
        if c.first & NO_START:
            pushed = _push_in(clusters, i, w, cap, width)
            if pushed is not None:
                return pushed
        if last_break > s:
            return last_break, 0.0
        # No allowed break on this line at all: split the overflowing Latin run, or break before it.
        if c.kind & LATIN and c.end - c.start > 1:
            cut = _cut(c, width - w - c.gap, seg, force=False)
            if cut > c.start:
                split_cluster(clusters, i, cut, seg)
                return i + 1, 0.0
        return i, 0.0
    return n, 0.0


def _push_in(clusters: list[Cluster], i: int, w: float, cap: float, width: float) -> tuple[int, float] | None:
    """追い込み: keep the run that may not start a line (clusters i.. up to the next break) on this line,
    if compressing punctuation and 和欧間 absorbs the overflow. Returns (end, squeeze) or None."""
    n = len(clusters)
    j = i
    while True:
        c = clusters[j]
        w += c.gap + c.adv
        cap += c.cap + c.gap_cap
        j += 1
        if j >= n or clusters[j].brk:
            break
    over = w - width
    return (j, max(over, 0.0)) if over <= cap + EPS else None


def _cut(c: Cluster, room: float, seg: Segment, *, force: bool) -> int:
    """Where to split a Latin run so its head fits in `room`: the last-resort character split.

    Prefers a cut that respects kinsoku (not before "." nor after "("); with `force`, keeps at least
    one character. Returns c.start when nothing fits and not forced."""
    advs, fl = seg.advs, seg.flags
    cut = c.start
    total = 0.0
    for m in range(c.start, c.end - 1):
        total += advs[m]
        if total > room + EPS:
            break
        cut = m + 1
    if cut == c.start:
        return c.start + 1 if force else c.start
    good = cut
    while good > c.start and (fl[good] & (NO_START | MARK) or fl[good - 1] & NO_END):
        good -= 1
    return good if good > c.start else cut


# --- positioning ------------------------------------------------------------------------------


def _layout(
    clusters: list[Cluster], s: int, e: int, squeeze: float, seg: Segment, width: float, size: float, justify: bool
) -> TextLine:
    """Clusters s..e-1 -> a TextLine: compress by `squeeze`, or stretch to `width` when justifying."""
    natural = clusters[s].adv + clusters[s].shift
    cap = clusters[s].cap
    gaps = 0
    for k in range(s + 1, e):
        c = clusters[k]
        natural += c.gap + c.adv
        cap += c.cap + c.gap_cap
        gaps += c.stretch
    shrink = squeeze / cap if squeeze > 0.0 and cap > 0.0 else 0.0
    extra = 0.0
    if justify and not squeeze and gaps:
        slack = width - natural
        if EPS < slack <= MAX_STRETCH_EM * size * gaps:
            extra = slack / gaps
    pieces: list[Piece] = []
    head = clusters[s]
    _emit(pieces, head, 0.0, seg)
    x = head.adv + head.shift - shrink * head.cap
    for k in range(s + 1, e):
        c = clusters[k]
        x += c.gap - shrink * c.gap_cap
        if c.stretch:
            x += extra
        _emit(pieces, c, x - c.shift, seg)
        x += c.adv - shrink * c.cap
    if (extra or shrink) and abs(x - width) < 1e-6:
        x = width  # remove float noise: these lines end exactly at the measure
    return TextLine(tuple(pieces), x, seg.text[clusters[s].start : clusters[e - 1].end])


def _emit(pieces: list[Piece], c: Cluster, x: float, seg: Segment) -> None:
    """Append the cluster's pieces, drawn from x: one per CJK character, one per Latin run and bold state."""
    text, bolds = seg.text, seg.bolds
    start, end = c.start, c.end
    bold = bolds[start]
    if c.kind & LATIN and end - start > 1:
        advs = seg.advs
        for m in range(start + 1, end):
            if bolds[m] != bold:
                pieces.append(Piece(text[start:m], bold, x))
                x += sum(advs[start:m])
                start, bold = m, bolds[m]
    pieces.append(Piece(text[start:end], bold, x))
