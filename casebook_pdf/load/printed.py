"""The one place that maps a printed model value back to its file, line and YAML path.

Loading keeps, for each file, a map from YAML path (`after[2]`, `blocks[0].via.1`) to line. Checks
that run after loading (glyph coverage, text fitting, images) ask here where a value came from, so no
other module builds YAML path strings of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from casebook_pdf.model import (
    Block,
    Case,
    ComparisonBlock,
    ContrastBlock,
    Edition,
    ExamplesBlock,
    FlowBlock,
    Item,
    ItemsBlock,
    ListBlock,
    NoteBlock,
    ScheduleBlock,
    ToolGroup,
    Where,
    locate,
)
from casebook_pdf.record import record


@record
class Printed:
    """One text that will appear on a page, and where it was written."""

    text: str
    where: Where


def edition_texts(edition: Edition) -> Iterator[Printed]:
    """Every printed text of the edition file (title, issuer, tool labels ...) with its position."""

    def at(path: str, text: str | None) -> Iterator[Printed]:
        if text:
            yield Printed(text, locate(edition.file, edition.lines, path))

    listed = "title[0]" in edition.lines
    for n, line in enumerate(edition.title):
        yield from at(f"title[{n}]" if listed else "title", line)
    yield from at("subtitle", edition.subtitle)
    yield from at("issuer", edition.issuer)
    yield from at("date_suffix", edition.date_suffix)
    for n, column in enumerate(edition.tools):
        if isinstance(column, ToolGroup):
            yield from at(f"tools[{n}].group", column.label)
            for m, tool in enumerate(column.tools):
                yield from at(f"tools[{n}].tools[{m}].label", tool.label)
        else:
            yield from at(f"tools[{n}].label", column.label)


def case_texts(case: Case) -> Iterator[Printed]:
    """Every printed text of one case with its position."""

    def at(path: str, text: str | None) -> Iterator[Printed]:
        if text:
            yield Printed(text, case.where(path))

    for key in ("category", "title", "department", "headline", "overview", "badge"):
        yield from at(key, getattr(case, key))
    for key in ("effects", "before", "after"):
        body = getattr(case, key)
        if isinstance(body, str):
            yield from at(key, body)
        else:
            yield from _items(body)
    yield from _items(case.notes)
    for n, photo in enumerate(case.photos):
        yield from at(f"photos[{n}].caption", photo.caption)
    for n, block in enumerate(case.blocks):
        for path, text in block_texts(block, case.lines, f"blocks[{n}]"):
            yield from at(path, text)


def _items(items: tuple[Item, ...]) -> Iterator[Printed]:
    for item in items:
        yield Printed(item.text, item.where)
        yield from _items(item.items)


def _one_or_list(lines: dict[str, int], path: str, texts: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """A key that takes one text or a list of texts (`plan`, `items` of a group, a flow step)."""
    listed = f"{path}[0]" in lines
    for n, text in enumerate(texts):
        yield (f"{path}[{n}]" if listed else path), text


def block_texts(block: Block, lines: dict[str, int], path: str) -> Iterator[tuple[str, str]]:
    """(YAML path, text) for every printed text of a block at `path`."""
    if block.title:
        yield f"{path}.title", block.title
    if isinstance(block, ItemsBlock):
        for n, group in enumerate(block.groups):
            yield f"{path}.groups[{n}].label", group.label
            yield from _one_or_list(lines, f"{path}.groups[{n}].items", group.items)
    elif isinstance(block, (ListBlock, ComparisonBlock)):
        lists = [block.items] if isinstance(block, ListBlock) else [col.items for col in block.columns]
        if isinstance(block, ComparisonBlock):
            for n, col in enumerate(block.columns):
                yield f"{path}.columns[{n}].label", col.label
        for items in lists:
            yield from ((p.where.path, p.text) for p in _items(items))
    elif isinstance(block, FlowBlock):
        for n, step in enumerate(block.steps):
            yield from _one_or_list(lines, f"{path}.steps[{n}]", step)
        for index, label in block.via:
            yield f"{path}.via.{index}", label
        if block.caption:
            yield f"{path}.caption", block.caption
    elif isinstance(block, ContrastBlock):
        yield f"{path}.before.caption", block.before.caption
        yield f"{path}.after.caption", block.after.caption
    elif isinstance(block, ExamplesBlock):
        for n, row in enumerate(block.rows):
            yield f"{path}.rows[{n}].case", row.case
            yield from _one_or_list(lines, f"{path}.rows[{n}].plan", row.plan)
    elif isinstance(block, ScheduleBlock):
        for n, segment in enumerate(block.segments):
            yield f"{path}.segments[{n}].label", segment.label
        for n, event in enumerate(block.events):
            yield f"{path}.events[{n}].label", event.label
        if block.note:
            yield f"{path}.note", block.note
    elif isinstance(block, NoteBlock):
        yield f"{path}.text", block.text


def photo_where(case: Case, index: int, part: str) -> Where:
    """Where photo `index` of a case names its image (`part="image"`) or its caption."""
    return case.where(f"photos[{index}].{part}")


def contrast_image_where(block: ContrastBlock, side: str) -> Where:
    """Where a contrast block names the image of its `before` or `after` side."""
    return Where(block.where.file, block.where.line, f"{block.where.path}.{side}.image")

