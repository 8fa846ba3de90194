"""The generated holiday table (coopdesk/core/holiday_table.py) says what the ``holidays`` library says."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from coopdesk.core import calendar, holiday_table


def test_the_table_equals_the_library_for_every_year_it_holds() -> None:
    # After an upgrade of ``holidays`` this fails until scripts/holiday_table.py is run again.
    for year in range(holiday_table.FIRST_YEAR, holiday_table.LAST_YEAR + 1):
        assert dict(calendar._holidays_of(year)) == calendar.library_holidays(year), year


@pytest.mark.parametrize("year", [holiday_table.FIRST_YEAR - 1, holiday_table.LAST_YEAR + 1, 2090])
def test_years_outside_the_table_are_asked_of_the_library(year: int) -> None:
    assert year not in holiday_table.DAYS
    days = dict(calendar._holidays_of(year))
    assert days == calendar.library_holidays(year)
    assert days[date(year, 12, 25)] == "Juldagen"
    assert calendar.holiday_name(date(year, 1, 1)) == "Nyårsdagen"


def test_the_calendar_does_not_import_the_library_within_the_table() -> None:
    code = (
        "import sys, datetime; from coopdesk.core import calendar; "
        "assert calendar.is_holiday(datetime.date(2026, 12, 25)); print('holidays' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_script_writes_the_committed_table() -> None:
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "scripts" / "holiday_table.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
