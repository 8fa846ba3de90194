"""Typed dates are read whole (issue 12 point 3): coopdesk.core.dates.parse_typed_date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.core.dates import FIRST_YEAR, LAST_YEAR, parse_typed_date

TODAY = dt.date(2026, 12, 4)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2027-01-15", dt.date(2027, 1, 15)),
        ("2027-06-30", dt.date(2027, 6, 30)),
        ("  2027-06-30 ", dt.date(2027, 6, 30)),
        ("2027-1-5", dt.date(2027, 1, 5)),
        ("20270115", dt.date(2027, 1, 15)),
        ("15/1 2027", dt.date(2027, 1, 15)),
        ("15/1-2027", dt.date(2027, 1, 15)),
        ("15/1 - 2027", dt.date(2027, 1, 15)),
        ("15/1 27", dt.date(2027, 1, 15)),
        ("15/1-27", dt.date(2027, 1, 15)),
        ("30/6 2027", dt.date(2027, 6, 30)),
        ("15/1", dt.date(2026, 1, 15)),  # the year of today
        ("1/12", dt.date(2026, 12, 1)),
        ("29/2 2028", dt.date(2028, 2, 29)),
    ],
)
def test_accepted_forms(text: str, day: dt.date) -> None:
    assert parse_typed_date(text, TODAY) == day


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "2027",
        "2027-06",
        "2027-02-30",  # no such day: never moved to 2 March or 28 February
        "2027-13-01",
        "2027-00-10",
        "29/2 2027",
        "32/1 2027",
        "15/13",
        "0027-01-15",  # an impossible year is a typing error
        "2200-01-01",
        "1899-12-31",
        "15/1 202",
        "15/1/2027",
        "1/15 2027",
        "2027-06-30x",
        "2027.06.30",
        "igår",
        "270115",
        "2027061",
    ],
)
def test_refused_text_is_no_date(text: str) -> None:
    assert parse_typed_date(text, TODAY) is None


@given(st.dates(min_value=dt.date(FIRST_YEAR, 1, 1), max_value=dt.date(LAST_YEAR, 12, 31)), st.dates())
def test_iso_round_trip(day: dt.date, today: dt.date) -> None:
    assert parse_typed_date(day.isoformat(), today) == day
    assert parse_typed_date(day.strftime("%Y%m%d"), today) == day
    assert parse_typed_date(f"{day.day}/{day.month} {day.year}", today) == day


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_short_form_without_year_takes_the_year_of_today(today: dt.date) -> None:
    day = dt.date(today.year, 3, 1)
    assert parse_typed_date("1/3", today) == day
    assert parse_typed_date(f"1/3 {today.year % 100:02d}", today) == day
