"""Dates in the Japanese era calendar, as printed on the cover (令和５年５月).

Used by the loader (a date the era table cannot name is a data error) and by the cover layout.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

# Newest first: the first era whose start is on or before a date names it.
ERAS: tuple[tuple[str, dt.date], ...] = (
    ("令和", dt.date(2019, 5, 1)),
    ("平成", dt.date(1989, 1, 8)),
)

_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def to_era(date: dt.date) -> tuple[str, int]:
    """(era name, year of the era) for a date; ValueError if the era table cannot name it."""
    day = date.date() if isinstance(date, dt.datetime) else date
    for name, start in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    oldest_name, oldest_start = ERAS[-1]
    raise ValueError(f"{day.isoformat()} is before {oldest_name} (which starts on {oldest_start.isoformat()})")


def fullwidth(s: str) -> str:
    """ASCII digits -> full-width digits (０-９); everything else unchanged."""
    return s.translate(_FULLWIDTH_DIGITS)


def era_year(year: int) -> str:
    """The year of an era as printed: 元 for the first year, full-width digits otherwise."""
    return "元" if year == 1 else fullwidth(str(year))


def format_date(date: dt.date, precision: Literal["month", "day"] = "month") -> str:
    """令和５年５月 (precision "month") or 令和元年５月１日 (precision "day")."""
    if precision not in ("month", "day"):
        raise ValueError(f"precision must be 'month' or 'day', not {precision!r}")
    name, year = to_era(date)
    text = f"{name}{era_year(year)}年{fullwidth(str(date.month))}月"
    if precision == "day":
        text += f"{fullwidth(str(date.day))}日"
    return text
