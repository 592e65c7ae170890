"""era.py: Japanese era names, years and the cover date text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook_pdf.era import format_date, fullwidth, to_era


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2019, 5, 1), ("令和", 1)),
        (dt.date(2023, 5, 1), ("令和", 5)),
        (dt.date(2019, 4, 30), ("平成", 31)),
        (dt.date(1989, 1, 8), ("平成", 1)),
        (dt.date(1990, 1, 1), ("平成", 2)),
    ],
)
def test_to_era(day: dt.date, expected: tuple[str, int]) -> None:
    assert to_era(day) == expected


def test_before_heisei_raises() -> None:
    with pytest.raises(ValueError, match="1989-01-07"):
        to_era(dt.date(1989, 1, 7))


def test_datetime_accepted() -> None:
    assert to_era(dt.datetime(2019, 5, 1, 0, 0)) == ("令和", 1)


def test_fullwidth() -> None:
    assert fullwidth("0123456789") == "０１２３４５６７８９"
    assert fullwidth("令和5年12月") == "令和５年１２月"
    assert fullwidth("abc-") == "abc-"


@pytest.mark.parametrize(
    ("day", "precision", "text"),
    [
        (dt.date(2023, 5, 1), "month", "令和５年５月"),
        (dt.date(2019, 5, 1), "month", "令和元年５月"),
        (dt.date(2019, 5, 1), "day", "令和元年５月１日"),
        (dt.date(2019, 4, 1), "month", "平成３１年４月"),
        (dt.date(2024, 12, 25), "day", "令和６年１２月２５日"),
        (dt.date(1989, 1, 8), "day", "平成元年１月８日"),
    ],
)
def test_format_date(day: dt.date, precision: str, text: str) -> None:
    assert format_date(day, precision) == text  # type: ignore[arg-type]


def test_format_date_default_is_month() -> None:
    assert format_date(dt.date(2023, 5, 9)) == "令和５年５月"


def test_format_date_bad_precision() -> None:
    with pytest.raises(ValueError):
        format_date(dt.date(2023, 5, 1), "year")  # type: ignore[arg-type]


@given(st.dates(min_value=dt.date(1989, 1, 8), max_value=dt.date(2200, 12, 31)))
def test_era_year_counts_from_era_start(day: dt.date) -> None:
    name, year = to_era(day)
    start = 2019 if name == "令和" else 1989
    assert year == day.year - start + 1
    assert (name == "令和") == (day >= dt.date(2019, 5, 1))
    text = format_date(day, "day")
    assert text.isascii() is False and not any(ch.isascii() and ch.isdigit() for ch in text)
