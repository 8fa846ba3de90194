"""Figures the program computes are printed the Swedish way in Swedish messages (ui-sv.md: decimal
comma), the English message keeps the point; a value quoted from the user's input stays as typed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from coopdesk.core.errors import ValidationError
from coopdesk.core.rules import check_hours_by_area, check_supervisor_day_total

DAY = dt.date(2026, 11, 27)


def test_a_day_over_24_hours_split_over_areas_says_the_total_with_a_comma() -> None:
    hours = {"Kopiering": Decimal("12.5"), "Glasverkstad": Decimal("12")}
    with pytest.raises(ValidationError) as caught:
        check_hours_by_area(hours, "hours", "Anna Andersson", DAY)
    assert caught.value.sv == "Anna Andersson har 24,5 timmar 2026-11-27; en dag har högst 24 timmar."
    assert caught.value.en == "Anna Andersson has 24.5 hours on 2026-11-27; a day has at most 24 hours."


def test_a_supervisors_day_over_24_hours_says_the_total_with_a_comma() -> None:
    with pytest.raises(ValidationError) as caught:
        check_supervisor_day_total("Karin Sjöström", DAY, Decimal("24.25"), "hours")
    assert "har 24,25 timmar" in caught.value.sv and "has 24.25 hours" in caught.value.en
