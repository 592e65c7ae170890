"""Step 2 of loading, for a case's `blocks`: parsed YAML -> model blocks (issues collected).

Each block has `type` and an optional `title`, plus the keys of its type (FORMAT.md, "Blocks").
Schedule times are read here into minutes since 0:00 and checked against each other.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from casebook_pdf.load.fields import MISSING, Checker, describe, suggest
from casebook_pdf.model import (
    Block,
    ComparisonBlock,
    ComparisonColumn,
    ContrastBlock,
    ContrastSide,
    Event,
    ExampleRow,
    ExamplesBlock,
    FlowBlock,
    ItemGroup,
    ItemsBlock,
    ListBlock,
    NoteBlock,
    ScheduleBlock,
    Segment,
    Where,
)
from casebook_pdf.load.source import child_path
from casebook_pdf.messages import _

# type -> (its keys, the required ones); every block may also have `type` and `title`.
BLOCK_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "items": (("groups",), ("groups",)),
    "list": (("items",), ("items",)),
    "comparison": (("columns",), ("columns",)),
    "flow": (("steps", "via", "caption"), ("steps",)),
    "contrast": (("before", "after"), ("before", "after")),
    "examples": (("rows",), ("rows",)),
    "schedule": (("segments", "events", "note"), ("segments",)),
    "note": (("text",), ("text",)),
}
BLOCK_TYPES = tuple(BLOCK_KEYS)
COMMON_KEYS = ("type", "title")
TONES = ("good", "bad", "neutral")
KINDS = ("office", "home", "leave", "break")
MIN_FLOW_STEPS = 2

_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_TIME_HINT = _("時刻は 8:45 や 17:30 のように「時:分」で書いてください（0:00〜24:00）。")

# key -> the block types that use it, for "'columns' belongs in a comparison block".
_OWNERS: dict[str, str] = {}
for _type, (_keys, _required) in BLOCK_KEYS.items():
    for _key in _keys:
        _OWNERS[_key] = (_OWNERS[_key] + "・" if _key in _OWNERS else "") + f"「{_type}」ブロック"


def read_blocks(c: Checker, value: Any, path: str, images_dir: Path | None) -> tuple[Block, ...]:
    """The `blocks` list of a case; invalid blocks are reported and left out."""
    entries = c.sequence(value, path, required=False) or []
    blocks = [read_block(c, entry, child_path(path, i), images_dir) for i, entry in enumerate(entries)]
    return tuple(b for b in blocks if b is not None)


def read_block(c: Checker, value: Any, path: str, images_dir: Path | None) -> Block | None:
    """One block; None (after reporting) when anything in it is wrong."""
    before = len(c.issues)
    if not isinstance(value, dict):
        c.report(path, _("ここはブロック（「type: …」とそのキー）を書く場所ですが、{found}が書かれています。").format(found=describe(value)),
                 _("「- type: note」のように、type から書き始めてください。"))
        return None
    if value.get("type") is None:
        c.report(child_path(path, "type"), _("ブロックに type がありません。"),
                 _("次のどれかを書いてください: {names}。").format(names=", ".join(BLOCK_TYPES)))
        return None
    kind = c.text(value["type"], child_path(path, "type"))
    if kind is None:
        return None
    if kind not in BLOCK_TYPES:
        c.report(child_path(path, "type"), _("「{kind}」という種類のブロックはありません。").format(kind=kind), suggest(kind, BLOCK_TYPES))
        return None
    keys, required = BLOCK_KEYS[kind]
    others = {k: v for k, v in _OWNERS.items() if k not in keys}
    c.mapping(value, path, COMMON_KEYS + keys, required, _("（{kind} ブロックの中）").format(kind=kind), others)
    title = c.text(value.get("title", MISSING), child_path(path, "title"), required=False)
    block = _READERS[kind](c, value, path, title, c.where(path), images_dir)
    return block if len(c.issues) == before else None


def _get(data: dict[str, Any], key: str) -> Any:
    return data.get(key, MISSING)


def _sub_mappings(
    c: Checker, value: Any, path: str, keys: tuple[str, ...], required: tuple[str, ...], what: str, min_len: int = 1
) -> list[tuple[str, dict[str, Any]]]:
    """(path, mapping) for each entry of a list of mappings; bad entries are reported."""
    out = []
    for i, entry in enumerate(c.sequence(value, path, min_len=min_len, required=min_len > 0) or []):
        entry_path = child_path(path, i)
        data = c.mapping(entry, entry_path, keys, required, what)
        if data is not None:
            out.append((entry_path, data))
    return out


# ---- one reader per type: (checker, block mapping, block path, title, where, images folder) ----


def _items(c: Checker, d: dict[str, Any], path: str, title: str | None, where: Where, images: Path | None) -> Block:
    groups = []
    for p, g in _sub_mappings(
        c, _get(d, "groups"), child_path(path, "groups"), ("label", "items"), ("label", "items"), _("（グループの中）")
    ):
        label = c.text(_get(g, "label"), child_path(p, "label"))
        items = c.strings(_get(g, "items"), child_path(p, "items"), single_ok=True)
        groups.append(ItemGroup(label or "", items or ()))
    return ItemsBlock(tuple(groups), where, title)


def _list(c: Checker, d: dict[str, Any], path: str, title: str | None, where: Where, images: Path | None) -> Block:
    return ListBlock(c.items(_get(d, "items"), child_path(path, "items")) or (), where, title)


def _comparison(c: Checker, d: dict[str, Any], path: str, title: str | None, where: Where, images: Path | None) -> Block:
    columns = []
    keys = ("label", "tone", "items")
    for p, col in _sub_mappings(
        c, _get(d, "columns"), child_path(path, "columns"), keys, ("label", "items"), _("（列の中）")
    ):
        label = c.text(_get(col, "label"), child_path(p, "label"))
        tone = c.choice(_get(col, "tone"), child_path(p, "tone"), TONES, "neutral")
        items = c.items(_get(col, "items"), child_path(p, "items"))
        columns.append(ComparisonColumn(label or "", tone or "neutral", items or ()))  # type: ignore[arg-type]
    return ComparisonBlock(tuple(columns), where, title)


def _flow(c: Checker, d: dict[str, Any], path: str, title: str | None, where: Where, images: Path | None) -> Block:
    steps_path = child_path(path, "steps")
    entries = c.sequence(_get(d, "steps"), steps_path, min_len=MIN_FLOW_STEPS) or []
    steps = []
    for i, entry in enumerate(entries):
        step_path = child_path(steps_path, i)
        step = c.strings(entry, step_path) if isinstance(entry, list) else _one(c.text(entry, step_path))
        steps.append(step or ())
    via = _via(c, _get(d, "via"), child_path(path, "via"), len(entries))
    caption = c.text(_get(d, "caption"), child_path(path, "caption"), required=False)
    return FlowBlock(tuple(steps), where, via, caption, title)


def _one(text: str | None) -> tuple[str, ...] | None:
    return (text,) if text is not None else None


def _via(c: Checker, value: Any, path: str, step_count: int) -> tuple[tuple[int, str], ...]:
    """{index: label}: a label on the arrow leaving step `index` (counted from 0)."""
    if value is MISSING or value is None:
        return ()
    if not isinstance(value, dict):
        c.report(path, _("ここは「番号: 文」の行を書く場所ですが、{found}が書かれています。").format(found=describe(value)),
                 _("例: via: {1: 停電時}"))
        return ()
    last = step_count - 2
    if last < 0:  # too few steps: already reported
        return ()
    arrows = _("矢印が出るのは 0〜{last} 番目の段階からです（段階は 0 から数えます）。").format(last=last)
    labels: dict[int, str] = {}
    for key, label_value in value.items():
        key_path = child_path(path, key)
        label = c.text(label_value, key_path)
        if not re.fullmatch(r"\d+", key):
            c.report(key_path, _("「{key}」は段階の番号ではありません。").format(key=key), arrows)
        elif not 0 <= int(key) <= last:
            c.report(key_path, _("{n} 番目の段階の後ろには矢印がありません。").format(n=int(key)), arrows)
        elif int(key) in labels:
            c.report(key_path, _("{n} 番目の段階が 2 回書かれています。").format(n=int(key)), _("どちらかの行を消してください。"))
        elif label is not None:
            labels[int(key)] = label
    return tuple(sorted(labels.items()))


def _contrast(c: Checker, d: dict[str, Any], path: str, title: str | None, where: Where, images: Path | None) -> Block:
    before = _contrast_side(c, _get(d, "before"), child_path(path, "before"), images)
    after = _contrast_side(c, _get(d, "after"), child_path(path, "after"), images)
    return ContrastBlock(before or ContrastSide(""), after or ContrastSide(""), where, title)


def _contrast_side(c: Checker, value: Any, path: str, images: Path | None) -> ContrastSide | None:
    data = c.mapping(value, path, ("caption", "image"), ("caption",), _("（{side} の中）").format(side=path.rsplit(".", 1)[-1]))
    if data is None:
        return None
    caption = c.text(_get(data, "caption"), child_path(path, "caption"))
    image = c.image(data["image"], child_path(path, "image"), images) if "image" in data else None
    return ContrastSide(caption, image) if caption is not None else None


def _examples(c: Checker, d: dict[str, Any], path: str, title: str | None, where: Where, images: Path | None) -> Block:
    rows = []
    for p, row in _sub_mappings(
        c, _get(d, "rows"), child_path(path, "rows"), ("case", "plan"), ("case", "plan"), _("（行の中）")
    ):
        case = c.text(_get(row, "case"), child_path(p, "case"))
        plan = c.strings(_get(row, "plan"), child_path(p, "plan"), single_ok=True)
        rows.append(ExampleRow(case or "", plan or ()))
    return ExamplesBlock(tuple(rows), where, title)


def _note(c: Checker, d: dict[str, Any], path: str, title: str | None, where: Where, images: Path | None) -> Block:
    return NoteBlock(c.text(_get(d, "text"), child_path(path, "text")) or "", where, title)


# ---- schedule ----


def read_time(c: Checker, value: Any, path: str) -> int | None:
    """H:MM or HH:MM between 0:00 and 24:00 -> minutes since 0:00 (full-width digits accepted)."""
    if value is MISSING:
        return None
    if not isinstance(value, str) or not value.strip():
        shown = c.raw.get(path) if value is not None else None
        message = (_("「{written}」は時刻として読めません。").format(written=shown) if shown
                   else _("ここは時刻を書く場所ですが、{found}が書かれています。").format(found=describe(value)))
        c.report(path, message, _TIME_HINT)
        return None
    written = value.strip()
    match = _TIME.match(unicodedata.normalize("NFKC", written))
    if match is None:
        c.report(path, _("「{written}」は時刻として読めません。").format(written=written), _TIME_HINT)
        return None
    hours, minutes = int(match[1]), int(match[2])
    if minutes > 59 or hours > 24 or (hours == 24 and minutes > 0):
        c.report(path, _("「{written}」という時刻はありません。").format(written=written), _TIME_HINT)
        return None
    return hours * 60 + minutes


def format_time(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _schedule(c: Checker, d: dict[str, Any], path: str, title: str | None, where: Where, images: Path | None) -> Block:
    segments_path = child_path(path, "segments")
    keys = ("from", "to", "label", "kind")
    segments: list[Segment] = []
    timed: list[tuple[str, int, int]] = []  # (segment path, start, end) of segments with valid times
    all_timed = True
    for p, s in _sub_mappings(c, _get(d, "segments"), segments_path, keys, keys, _("（時間帯の中）")):
        start = read_time(c, _get(s, "from"), child_path(p, "from"))
        end = read_time(c, _get(s, "to"), child_path(p, "to"))
        label = c.text(_get(s, "label"), child_path(p, "label"))
        kind = c.choice(_get(s, "kind"), child_path(p, "kind"), KINDS, None)
        if start is None or end is None:
            all_timed = False
        elif end <= start:
            all_timed = False
            c.report(
                child_path(p, "to"),
                _("この時間帯は {end} に終わり、始まり（{start}）より後になっていません。").format(end=format_time(end), start=format_time(start)),
                _("to は from より後の時刻にしてください。"),
            )
        else:
            timed.append((p, start, end))
        segments.append(Segment(start or 0, end or 0, label or "", kind or "office"))  # type: ignore[arg-type]
    _check_overlaps(c, timed)
    events = _events(c, _get(d, "events"), child_path(path, "events"), timed if all_timed else [])
    note = c.text(_get(d, "note"), child_path(path, "note"), required=False)
    return ScheduleBlock(tuple(segments), where, events, note, title)


def _check_overlaps(c: Checker, timed: list[tuple[str, int, int]]) -> None:
    """Segments may be given in any order; sorted by start, each must begin after all before it end."""
    latest: tuple[str, int, int] | None = None  # the segment reaching furthest so far
    for seg in sorted(timed, key=lambda s: (s[1], s[2])):
        path, start, end = seg
        if latest is not None and start < latest[2]:
            other = latest[0].rsplit(".", 1)[-1]
            c.report(
                child_path(path, "from"),
                _("この時間帯（{start}-{end}）が {other}（{o_start}-{o_end}）と重なっています。").format(
                    start=format_time(start), end=format_time(end), other=other,
                    o_start=format_time(latest[1]), o_end=format_time(latest[2])),
                _("時間帯が重ならないように時刻を直してください。"),
            )
        if latest is None or end > latest[2]:
            latest = seg


def _events(c: Checker, value: Any, path: str, timed: list[tuple[str, int, int]]) -> tuple[Event, ...]:
    """Events must lie within the day: from the first segment's start to the last one's end."""
    events = []
    span = (min(s[1] for s in timed), max(s[2] for s in timed)) if timed else None
    keys = ("at", "label")
    for p, e in _sub_mappings(c, value, path, keys, keys, _("（できごとの中）"), min_len=0):
        at = read_time(c, _get(e, "at"), child_path(p, "at"))
        label = c.text(_get(e, "label"), child_path(p, "label"))
        if at is not None and span is not None and not span[0] <= at <= span[1]:
            c.report(
                child_path(p, "at"),
                _("{at} のできごとが、一日の時間帯（{start}-{end}）の外にあります。").format(
                    at=format_time(at), start=format_time(span[0]), end=format_time(span[1])),
                _("時間帯の中の時刻にするか、時間帯を延ばしてください。"),
            )
        if at is not None and label is not None:
            events.append(Event(at, label))
    return tuple(events)


_READERS: dict[str, Callable[..., Block]] = {
    "items": _items,
    "list": _list,
    "comparison": _comparison,
    "flow": _flow,
    "contrast": _contrast,
    "examples": _examples,
    "schedule": _schedule,
    "note": _note,
}
