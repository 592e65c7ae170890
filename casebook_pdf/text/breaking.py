"""Japanese line breaking: one paragraph of spans -> lines of positioned pieces.

Pure functions; widths come from a `Measure`. The rules follow JLREQ / JIS X 4051 as narrowed for
this project (clusters and what lies between them are built in clusters.py):

* Justified text (両端揃え) chooses its breaks for the whole paragraph at once (total fit): fewest
  lines first (boxes are sized by them), then the least shortfall of lines that cannot be
  justified, then no widow, then the least stretch and squeeze. A line is shortened by compressing
  punctuation blanks and 和欧間 (追い込み: a character is pulled in), or lengthened in JIS X 4051
  order: word spaces (by up to a quarter em) and 和欧間 (an eighth) first, then the gaps between
  Japanese characters by at most an eighth of an em each. A line that would need more is not
  letter-spaced: another break is chosen (a character pushed out or pulled in); only when every
  choice needs more (a long unbreakable word follows) does a line stop short, its gaps at their
  bounds.
* Breaks are only ever taken where kinsoku allows (clusters.py). When no choice of allowed breaks
  fits (a Latin run longer than the line), filling falls back to greedy with a last-resort split.
* Unjustified text (left, centred, right) is filled greedily: break before the cluster that does
  not fit if allowed; else push a run that may not start a line in (追い込み) if compression absorbs
  it; else push out (追い出し) to the last allowed break; else split as a last resort.
* The last line of a paragraph (or one ended by "\\n") is never stretched.
"""

from __future__ import annotations

import bisect
from typing import Protocol, Sequence

from casebook_pdf.record import record
from .classes import LATIN, MARK, NO_END, NO_START, SPACE
from .clusters import Cluster, Segment, shape, split_cluster
from .inline import NEWLINE, Span

EPS = 1e-9
# Total-fit costs, compared as tuples in this order (lines always first).
SQUEEZE_WEIGHT = 0.5  # a squeezed line is a little better than an equally loose one (JIS prefers 追い込み)
SHORT_TOLERANCE = 0.5  # points: a line ending a hairline short still reads as justified
SHORT_CHOICES = 4  # when some line must end short, breaks this many places earlier are weighed too


class Measure(Protocol):
    def advance(self, ch: str, bold: bool) -> float: ...  # advance width of one character in em (1.0 = font size)


@record
class Piece:
    text: str  # drawn as one run, no spacing inside it
    bold: bool
    x: float  # offset from the line's left edge, in points


@record
class TextLine:
    pieces: tuple[Piece, ...]
    width: float  # the x of the end of the last piece's ink advance, in points (<= max width)
    text: str  # the line's characters joined, as from the input (no added spaces, trailing breakable spaces dropped)


EMPTY_LINE = TextLine((), 0.0, "")


def break_lines(
    spans: Sequence[Span], width: float, size: float, measure: Measure, *, justify: bool = True, avoid_widows: bool = False
) -> list[TextLine]:
    """Break one paragraph into lines no wider than `width` points at font `size`.

    With avoid_widows, a last line of one or two characters (た。) is avoided when other breaks give
    as many lines within the justification bounds (justified text), or when filling the lines up to
    three ems narrower keeps their number (text that is not justified, or needs a last-resort split).

    Every "\\n" ends a line (so "\\n\\n" or a trailing "\\n" yields an empty line, as typed); an empty
    paragraph yields one empty line. A line is wider than `width` only if one character is.
    """
    return find_breaks(spans, width, size, measure, justify=justify, avoid_widows=avoid_widows).lines()


class Breaks:
    """Where a paragraph's lines break, before they are positioned: `count` lines, made by lines().

    Setting text measures far more than it draws (sizes and plans tried and dropped), and a line's
    pieces cost more than finding its breaks, so they are made only when asked for."""

    def __init__(self, width: float, justify: bool) -> None:
        self.width = width
        self.justify = justify
        self.count = 0
        self._segments: list[tuple[Segment, list[Cluster], list[tuple[int, int, float]]]] = []
        self._lines: list[TextLine] | None = None

    def add(self, seg: Segment, clusters: list[Cluster], spans: list[tuple[int, int, float]]) -> None:
        """One segment's breaks (no spans: an empty segment, one empty line)."""
        self._segments.append((seg, clusters, spans))
        self.count += max(len(spans), 1)

    def lines(self) -> list[TextLine]:
        """The positioned lines (made once)."""
        if self._lines is None:
            self._lines = []
            for seg, clusters, spans in self._segments:
                self._lines.extend(_positioned(seg, clusters, spans, self.width, self.justify))
        return self._lines


def find_breaks(
    spans: Sequence[Span], width: float, size: float, measure: Measure, *, justify: bool = True, avoid_widows: bool = False
) -> Breaks:
    """break_lines, the lines not yet positioned."""
    text = "".join(s.text for s in spans)
    bolds: list[bool] = []
    for s in spans:
        bolds.extend([s.bold] * len(s.text))
    breaks = Breaks(width, justify)
    start = 0
    while True:
        end = text.find(NEWLINE, start)
        stop = len(text) if end < 0 else end
        segment, clusters = shape(text[start:stop], bolds[start:stop], size, measure)
        breaks.add(segment, *_break_segment(segment, clusters, width, size, justify, avoid_widows))
        if end < 0:
            return breaks
        start = end + 1


def _break_segment(
    seg: Segment, shared: Sequence[Cluster], width: float, size: float, justify: bool, avoid_widows: bool
) -> tuple[list[Cluster], list[tuple[int, int, float]]]:
    """The segment's lines as (first cluster, end cluster, squeeze), and the clusters they index."""
    clusters = list(shared)  # filling may split a cluster in this list
    if not clusters:
        return clusters, []
    spans = _total_fit(clusters, seg, width, avoid_widows) if justify else None
    if spans is None:
        spans = _fill(clusters, seg, width)
        if avoid_widows and len(spans) > 1 and _lonely(clusters, spans[-1], seg):
            clusters, spans = _fewer_lonely(seg, shared, width, size, clusters, spans)
    return clusters, spans


def _positioned(
    seg: Segment, clusters: list[Cluster], spans: list[tuple[int, int, float]], width: float, justify: bool
) -> list[TextLine]:
    if not spans:
        return [EMPTY_LINE]
    last = len(spans) - 1
    return [
        _layout(clusters, s, e, squeeze, seg, width, justify and n < last)
        for n, (s, e, squeeze) in enumerate(spans)
    ]


# --- total fit (justified text) -------------------------------------------------------------------


def _total_fit(
    clusters: list[Cluster], seg: Segment, width: float, avoid_widows: bool
) -> list[tuple[int, int, float]] | None:
    """The best breaks for justified text, or None when no choice of allowed breaks fits.

    A line s..e is possible when its natural width less everything 追い込み may take is within the
    measure. Most paragraphs can be set with every line justified in the fewest lines: the cheap
    search over justifiable lines only (a few ends per start) finds that, and the wider one runs
    only when it does not."""
    if any(c.adv + c.shift > width + EPS for c in clusters):
        return None  # a run wider than the line: only the greedy filler splits it
    fit = _Fit(clusters, seg, width, avoid_widows)
    found = fit.search(justified_only=True)
    if found is not None and len(found) == fit.fewest_lines():
        return found
    return fit.search(justified_only=False)


class _Fit:
    """Prefix sums over the clusters, for O(1) measurement of any line, and the search over them."""

    def __init__(self, clusters: list[Cluster], seg: Segment, width: float, avoid_widows: bool) -> None:
        n = len(clusters)
        self.clusters, self.seg, self.width, self.avoid_widows, self.n = clusters, seg, width, avoid_widows, n
        nat = self.nat = [0.0] * (n + 1)  # over clusters[:k]: gap + advance, compression, growth
        cap = self.cap = [0.0] * (n + 1)
        spaced = self.spaced = [0.0] * (n + 1)
        chars = self.chars = [0.0] * (n + 1)
        for k, c in enumerate(clusters):
            nat[k + 1] = nat[k] + c.gap + c.adv
            cap[k + 1] = cap[k] + c.cap + c.gap_cap
            grow = c.grow if c.stretch else 0.0
            spaced[k + 1] = spaced[k] + (grow if c.spaced else 0.0)
            chars[k + 1] = chars[k] + (0.0 if c.spaced else grow)
        self.ends = [k for k in range(1, n) if clusters[k].brk] + [n]

    def fewest_lines(self) -> int:
        """The fewest lines any choice of breaks can give: fill each line as far as 追い込み allows."""
        nat, cap, ends, clusters = self.nat, self.cap, self.ends, self.clusters
        lines, s, i = 0, 0, 0
        while s < self.n:
            head = clusters[s]
            limit = self.width + EPS + (nat[s] + head.gap - head.shift) - (cap[s] + head.gap_cap)
            j = bisect.bisect_left(ends, True, lo=i, key=lambda e: nat[e] - cap[e] > limit) - 1
            j = max(j, i)  # (cannot happen: every cluster fits the measure on its own)
            lines, s, i = lines + 1, ends[j], j + 1
        return lines

    def search(self, justified_only: bool) -> list[tuple[int, int, float]] | None:
        n, width, ends, clusters = self.n, self.width, self.ends, self.clusters
        nat, cap, spaced, chars = self.nat, self.cap, self.spaced, self.chars
        best: dict[int, tuple[tuple[float, ...], int, float]] = {0: ((0.0, 0.0, 0.0, 0.0), -1, 0.0)}
        for i, s in enumerate([0, *ends[:-1]]):
            found = best.get(s)
            if found is None:
                continue
            lines, short, widow, bad = found[0]
            head = clusters[s]
            base_nat = nat[s] + head.gap - head.shift  # the gap before a line's first cluster is dropped
            base_cap = cap[s] + head.gap_cap
            base_spaced, base_chars = spaced[s + 1], chars[s + 1]
            # The first end whose line is long enough once fully widened: shorter lines end short.
            reach = width - SHORT_TOLERANCE - EPS + base_nat + base_spaced + base_chars
            first = bisect.bisect_left(ends, True, lo=i, key=lambda e: nat[e] + spaced[e] + chars[e] >= reach)
            if not justified_only:
                first = max(i, first - SHORT_CHOICES)
            first = min(first, len(ends) - 1)  # the last line (ends[-1] == n) may be short
            for e in ends[first:]:
                natural = nat[e] - base_nat
                room = cap[e] - base_cap
                if natural - room > width + EPS:
                    break  # and every later end is wider still
                last = e == n
                line_bad, line_short = _line_cost(natural, room, width, spaced[e] - base_spaced, chars[e] - base_chars, last)
                if line_short and justified_only:
                    continue
                lonely = 1.0 if last and self.avoid_widows and s > 0 and _lonely(clusters, (s, e, 0.0), self.seg) else 0.0
                cost = (lines + 1, short + line_short, widow + lonely, bad + line_bad)
                old = best.get(e)
                if old is None or cost < old[0]:
                    best[e] = (cost, s, natural - width if natural > width else 0.0)
        if n not in best:
            return None
        spans: list[tuple[int, int, float]] = []
        e = n
        while e > 0:
            _, s, squeeze = best[e]
            spans.append((s, e, squeeze))
            e = s
        spans.reverse()
        return spans


def _line_cost(natural: float, room: float, width: float, spaced: float, chars: float, last: bool) -> tuple[float, float]:
    """(badness, shortfall) of a possible line. Badness is the squared share of its compression, or
    of its 字間 growth, that the line uses (word spaces and 和欧間 widen for free). The shortfall is
    how far the line still ends short of the measure with every gap at its bound: such a line is
    not letter-spaced further; it ends short (flush left), which is the first thing to avoid."""
    if natural > width:
        over = natural - width
        return (SQUEEZE_WEIGHT * (over / room) ** 2 if room > 0.0 else 0.0), 0.0
    if last:
        return 0.0, 0.0
    slack = width - natural - spaced
    if slack <= EPS:
        return 0.0, 0.0
    if slack > chars + EPS:
        short = slack - chars
        return 1.0, (short if short > SHORT_TOLERANCE else 0.0)
    return (slack / chars) ** 2, 0.0


# --- filling lines ----------------------------------------------------------------------------

LONELY_TRIES = 3  # narrow the measure by up to this many ems to pull more onto a short last line
LONELY_CHARS = 2  # a last line with at most this many characters (closing punctuation aside) is a widow


def _lonely(clusters: list[Cluster], span: tuple[int, int, float], seg: Segment) -> bool:
    """A last line of one or two characters, closing punctuation aside (た。 / いる。): a widow."""
    start, end = clusters[span[0]].start, clusters[span[1] - 1].end
    core = [m for m in range(start, end) if not seg.flags[m] & (NO_START | SPACE)]
    return len(core) <= LONELY_CHARS


def _fewer_lonely(
    seg: Segment,
    shared: Sequence[Cluster],
    width: float,
    size: float,
    clusters: list[Cluster],
    spans: list[tuple[int, int, float]],
) -> tuple[list[Cluster], list[tuple[int, int, float]]]:
    """Refill a little narrower (the lines are still justified to the full width) when that keeps
    the number of lines and gives the last line more than LONELY_CHARS characters."""
    for k in range(1, LONELY_TRIES + 1):
        trial_clusters = list(shared)
        trial = _fill(trial_clusters, seg, width - k * size)
        if len(trial) == len(spans) and not _lonely(trial_clusters, trial[-1], seg):
            # 追い込み was measured against the narrower trial measure; the lines are set at full width
            return trial_clusters, [(s, e, max(q - k * size, 0.0)) for s, e, q in trial]
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
    if good <= c.start:
        return cut
    return _after_separator(seg.text, c.start, good)


SEPARATORS = "/.-_?&=#"  # in web addresses and file names: a long run splits after one of these


def _after_separator(text: str, start: int, cut: int) -> int:
    """Move a last-resort split back to just after a separator (…hokkaido. | lg.jp/, not hokka | ido…),
    keeping at least half of what fitted on the line."""
    floor = start + (cut - start + 1) // 2
    for m in range(cut - 1, floor - 1, -1):
        if text[m - 1] in SEPARATORS and text[m] not in SEPARATORS:
            return m
    return cut


# --- positioning ------------------------------------------------------------------------------


def _layout(
    clusters: list[Cluster], s: int, e: int, squeeze: float, seg: Segment, width: float, justify: bool
) -> TextLine:
    """Clusters s..e-1 -> a TextLine: compress by `squeeze`, or stretch to `width` when justifying."""
    natural = clusters[s].adv + clusters[s].shift
    cap = clusters[s].cap
    spaced = chars = 0.0
    for k in range(s + 1, e):
        c = clusters[k]
        natural += c.gap + c.adv
        cap += c.cap + c.gap_cap
        if c.stretch:
            if c.spaced:
                spaced += c.grow
            else:
                chars += c.grow
    shrink = squeeze / cap if squeeze > 0.0 and cap > 0.0 else 0.0
    spaced_share = chars_share = 0.0  # the share of each gap's growth that is used
    if justify and not squeeze:
        slack = width - natural
        if slack > EPS:  # word spaces and 和欧間 first, then 字間; never past their bounds
            spaced_share = min(slack / spaced, 1.0) if spaced > 0.0 else 0.0
            if slack > spaced and chars > 0.0:
                chars_share = min((slack - spaced) / chars, 1.0)
    pieces: list[Piece] = []
    head = clusters[s]
    _emit(pieces, head, 0.0, seg)
    x = head.adv + head.shift - shrink * head.cap
    for k in range(s + 1, e):
        c = clusters[k]
        x += c.gap - shrink * c.gap_cap
        if c.stretch:
            x += c.grow * (spaced_share if c.spaced else chars_share)
        _emit(pieces, c, x - c.shift, seg)
        x += c.adv - shrink * c.cap
    if (spaced_share or chars_share or shrink) and abs(x - width) < 1e-6:
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
