"""Laid-out pages: plain items at fixed positions, the boundary between layout and render.

Coordinates are points from the page's top-left corner, y growing downwards (the way the page is
read); render.py flips them for PDF. Text `y` is the baseline. Colours are RGB triples in 0..1, so a
grayscale or print filter in render can map them without layout knowing.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Iterator, Literal, Union

from casebook_pdf.model import Where
from casebook_pdf.record import record

Color = tuple[float, float, float]

MM = 72.0 / 25.4


def mm(value: float) -> float:
    """Millimetres to points."""
    return value * MM


def rgb(hex_colour: str) -> Color:
    """'#1F3A5F' -> (r, g, b) in 0..1."""
    h = hex_colour.lstrip("#")
    return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255)


@record
class Text:
    """A run of text at a baseline, in one font, size and colour."""

    x: float
    y: float  # baseline
    text: str
    size: float
    color: Color
    bold: bool = False
    angle: float = 0.0  # degrees clockwise around (x, y); used for Latin words in vertical text
    face: Literal["text", "vertical", "mark"] = "text"
    # "vertical": the vertical-forms font (縦書き glyphs of ー, 「」, small kana…);
    # "mark": a list mark (・○■※), drawn from a font of its own so the PDF tells marks from text.


@record
class Box:
    """A rectangle, filled and/or stroked, with optional rounded corners."""

    x: float
    y: float
    w: float
    h: float
    fill: Color | None = None
    stroke: Color | None = None
    line_width: float = 0.5
    radius: float = 0.0
    role: str = ""  # what the box is for, read by render: "band" may bleed; "kind-home", "tone-bad"… get
    # a grayscale pattern, since their colour carries meaning


@record
class Rule:
    """A straight line, solid or dashed."""

    x1: float
    y1: float
    x2: float
    y2: float
    color: Color
    width: float = 0.5
    dash: tuple[float, ...] = ()


@record
class Polygon:
    """A closed shape through the given points (arrow heads, chevrons)."""

    points: tuple[tuple[float, float], ...]
    fill: Color | None = None
    stroke: Color | None = None
    line_width: float = 0.5


@record
class Circle:
    """A circle around (cx, cy): the marks of the contents matrix."""

    cx: float
    cy: float
    r: float
    fill: Color | None = None
    stroke: Color | None = None
    line_width: float = 0.5


@record
class Picture:
    """An image file placed in a frame, cropped to fill it (cover) or fitted whole (contain)."""

    x: float
    y: float
    w: float
    h: float
    source: Path
    fit: Literal["cover", "contain"] = "cover"
    where: Where | None = None  # the YAML that named the image, for messages about it


@record
class Icon:
    """A built-in vector icon in an em square whose top-left corner is (x, y)."""

    name: str  # "bulb" | "arrow"
    x: float
    y: float
    size: float
    color: Color


@record
class Link:
    """A clickable area that jumps to another page (index into the page list) or opens a web address."""

    x: float
    y: float
    w: float
    h: float
    target: int | None = None
    uri: str | None = None


@record
class Group:
    """Items placed relative to (x, y): moving a measured block costs one Group, not a copy of each item."""

    x: float
    y: float
    items: tuple[Item, ...]


Item = Union[Text, Box, Rule, Polygon, Circle, Picture, Icon, Link, Group]


def moved(item: Item, dx: float, dy: float) -> Item:
    """A copy of a leaf item moved by (dx, dy)."""
    if isinstance(item, Rule):
        return dataclasses.replace(item, x1=item.x1 + dx, y1=item.y1 + dy, x2=item.x2 + dx, y2=item.y2 + dy)
    if isinstance(item, Polygon):
        return dataclasses.replace(item, points=tuple((x + dx, y + dy) for x, y in item.points))
    if isinstance(item, Circle):
        return dataclasses.replace(item, cx=item.cx + dx, cy=item.cy + dy)
    return dataclasses.replace(item, x=item.x + dx, y=item.y + dy)  # type: ignore[arg-type]


def leaves(items: tuple[Item, ...] | list[Item]) -> Iterator[Item]:
    """Every leaf item inside groups, positions left relative (cheap: nothing is copied)."""
    for item in items:
        if isinstance(item, Group):
            yield from leaves(item.items)
        else:
            yield item


def flatten(items: tuple[Item, ...] | list[Item], dx: float = 0.0, dy: float = 0.0) -> Iterator[Item]:
    """Every leaf item at its absolute position, groups dissolved (for checks and tests)."""
    for item in items:
        if isinstance(item, Group):
            yield from flatten(item.items, dx + item.x, dy + item.y)
        elif dx or dy:
            yield moved(item, dx, dy)
        else:
            yield item


def pictures_in(items: tuple[Item, ...]) -> list[Picture]:
    """Every Picture among the items, inside groups too, in drawing order (a plain walk: fast)."""
    found: list[Picture] = []

    def walk(items: tuple[Item, ...]) -> None:
        for item in items:
            kind = type(item)
            if kind is Group:
                walk(item.items)  # type: ignore[union-attr]
            elif kind is Picture:
                found.append(item)  # type: ignore[arg-type]

    walk(items)
    return found


@record
class Page:
    """One laid-out page: its size and items, with a key naming it (cover, contents-N, case-N)."""

    width: float
    height: float
    items: tuple[Item, ...]  # may contain Groups; flatten(page.items) gives absolute leaf items
    bookmark: str | None = None  # outline entry title, when the page has one
    key: str = ""  # a stable name for links and outline destinations
    # The layout memo's key for a page laid out from a case: everything the page depends on. Render keeps
    # the page's drawing under it. Not part of what the page is (equality, repr).
    memo: str = dataclasses.field(default="", compare=False, repr=False)
