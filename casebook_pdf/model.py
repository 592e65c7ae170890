"""The model: typed, immutable objects for an edition and its cases.

Everything here has been validated by the load package; layout and render trust it completely.
Text values are as printed after text.normalise (line joins, 和欧間 spaces, one digit width);
`**bold**` marks and blank-line paragraph breaks are interpreted by the text module, not here.
Times are minutes since 0:00.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Union

from casebook_pdf.record import record


@dataclass(frozen=True)
class Where:
    """Where a value came from, for messages raised after loading (fitting, glyphs, images)."""

    file: Path
    line: int | None
    path: str  # YAML path such as "after[2]" or "blocks[0].columns[1].items[0]"


def locate(file: Path, lines: dict[str, int], path: str) -> Where:
    """The source position of a YAML path, falling back to its parent's line (a missing key has none)."""
    probe = path
    while probe:
        if probe in lines:
            return Where(file, lines[probe], path)
        cut = max(probe.rfind("."), probe.rfind("["))
        probe = probe[:cut] if cut > 0 else ""
    return Where(file, None, path)


@record
class Item:
    """A list item: plain text, or a heading (drawn with ○/■), usually with its own sub-items.

    A heading is written as a mapping {text, items}; `items` may be left out for a heading alone.
    """

    text: str
    where: Where
    items: tuple[Item, ...] = ()
    heading: bool = False

    @property
    def is_heading(self) -> bool:
        return self.heading or bool(self.items)


# A section body: free text (paragraphs) or a list of items.
Body = Union[str, tuple[Item, ...]]


@record
class Tool:
    """A tool column of the contents matrix: its id (named in a case's `tools`) and printed label."""

    id: str
    label: str


@record
class ToolGroup:
    """Several tool columns under one heading (その他), the heading set vertically."""

    label: str
    tools: tuple[Tool, ...]


@record
class Photo:
    """A photo of a case, with its caption and how it fills its frame."""

    image: Path  # absolute, resolved, inside the edition's images folder
    caption: str
    where: Where
    fit: Literal["cover", "contain"] = "cover"


# ---- blocks -------------------------------------------------------------------------------


@record
class ItemGroup:
    """One 【label】a、b、c row of an ItemsBlock."""

    label: str  # drawn as 【label】
    items: tuple[str, ...]  # joined with 、


@record
class ItemsBlock:
    """◆title◆ followed by 【label】a、b、c rows."""

    groups: tuple[ItemGroup, ...]
    where: Where
    title: str | None = None


@record
class ListBlock:
    """A list of items (with headings and sub-items) under an optional title."""

    items: tuple[Item, ...]
    where: Where
    title: str | None = None


Tone = Literal["good", "bad", "neutral"]


@record
class ComparisonColumn:
    """One column of a comparison, its tone colouring the heading (good, bad or neutral)."""

    label: str
    tone: Tone
    items: tuple[Item, ...]


@record
class ComparisonBlock:
    """Columns compared side by side (before and after, or options)."""

    columns: tuple[ComparisonColumn, ...]
    where: Where
    title: str | None = None


@record
class FlowBlock:
    """Boxes joined by arrows; a step with several strings is drawn as parallel boxes."""

    steps: tuple[tuple[str, ...], ...]
    where: Where
    via: tuple[tuple[int, str], ...] = ()  # (index of the arrow's source step, label on the arrow)
    caption: str | None = None
    title: str | None = None


@record
class ContrastSide:
    """One side of a before/after contrast: a caption and an optional picture."""

    caption: str
    image: Path | None = None


@record
class ContrastBlock:
    """A before/after pair drawn side by side with an arrow between them."""

    before: ContrastSide
    after: ContrastSide
    where: Where
    title: str | None = None


@record
class ExampleRow:
    """One row of an examples table: the case and its plan, step by step."""

    case: str
    plan: tuple[str, ...]


@record
class ExamplesBlock:
    """A table of example cases and their plans."""

    rows: tuple[ExampleRow, ...]
    where: Where
    title: str | None = None


SegmentKind = Literal["office", "home", "leave", "break"]


@record
class Segment:
    """A stretch of a day's schedule: where the time was spent, from start to end."""

    start: int  # minutes since 0:00
    end: int
    label: str
    kind: SegmentKind


@record
class Event:
    """A moment marked on a schedule's time line."""

    at: int
    label: str


@record
class ScheduleBlock:
    """A day's time line: segments (office, home, leave, break) and events."""

    segments: tuple[Segment, ...]
    where: Where
    events: tuple[Event, ...] = ()
    note: str | None = None
    title: str | None = None


@record
class NoteBlock:
    """A free-text note panel under an optional title."""

    text: str
    where: Where
    title: str | None = None


Block = Union[
    ItemsBlock, ListBlock, ComparisonBlock, FlowBlock, ContrastBlock, ExamplesBlock, ScheduleBlock, NoteBlock
]


# ---- case and edition ------------------------------------------------------------------------


@record
class Case:
    """One case report: one page of the casebook."""

    file: Path  # absolute path of the case file
    category: str
    title: str
    department: str
    overview: str
    effects: Body
    before: Body
    after: Body
    headline: str | None = None
    tools: tuple[str, ...] = ()
    notes: tuple[Item, ...] = ()
    photos: tuple[Photo, ...] = ()
    blocks: tuple[Block, ...] = ()
    badge: str | None = None
    # YAML path -> line, for messages about this case after loading ("after[2]" -> 14).
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def where(self, path: str) -> Where:
        """The source position of a YAML path in this case, falling back to its parent's line."""
        return locate(self.file, self.lines, path)


@record
class Edition:
    """A whole edition: the cover's text, the contents matrix's tools and the cases in order."""

    file: Path  # absolute path of casebook.yaml
    title: tuple[str, ...]
    issuer: str
    date: dt.date
    date_precision: Literal["month", "day"]
    images_dir: Path
    cases: tuple[Case, ...]
    subtitle: str | None = None
    date_suffix: str | None = None
    tools: tuple[Tool | ToolGroup, ...] = ()
    digits: Literal["half", "full"] = "half"  # the one width of digits in every printed text
    # YAML path -> line in the edition file, for messages about it after loading ("issuer" -> 2).
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def all_tools(self) -> tuple[Tool, ...]:
        """Matrix columns in order, groups flattened."""
        out: list[Tool] = []
        for col in self.tools:
            out.extend(col.tools if isinstance(col, ToolGroup) else (col,))
        return tuple(out)
