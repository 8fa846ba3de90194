"""Date helpers of the demo generator: closure days, café Saturdays, check digits."""

from __future__ import annotations

import random
from datetime import date, timedelta

from coopdesk.core.calendar import holiday_name, is_working_day


def luhn_digit(nine: str) -> str:
    """The check digit that makes ``nine`` + digit pass the Luhn test (Swedish ``YYMMDDNNN`` + C)."""
    total = 0
    for position, char in enumerate(nine):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def month_end(d: date) -> date:
    following = date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)
    return following - timedelta(days=1)


def between(rng: random.Random, lo: date, hi: date) -> date:
    return lo + timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def closure_days(first: date, last: date) -> list[date]:
    """Klämdagar (after Ascension Day, next to National Day), a planning day in August, Christmas week."""
    days: set[date] = set()
    for year in range(first.year, last.year + 1):
        ascension = next(
            date(year, 4, 30) + timedelta(days=i)
            for i in range(40)
            if (holiday_name(date(year, 4, 30) + timedelta(days=i)) or "").startswith("Kristi")
        )
        days.add(ascension + timedelta(days=1))
        national = date(year, 6, 6)
        if national.isoweekday() in (2, 4):
            days.add(national + timedelta(days=1 if national.isoweekday() == 4 else -1))
        august = date(year, 8, 15)
        days.add(august + timedelta(days=(4 - august.weekday()) % 7))  # planeringsdag, a Friday
        days.update(date(year, 12, day) for day in range(27, 31))
    return sorted(d for d in days if first <= d <= last and is_working_day(d))


def event_saturdays(first: date, last: date) -> set[date]:
    """The café's Saturday opening, once a month outside the summer: members may come as extra days."""
    events = set()
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        if month not in (7, 8):
            saturday = date(year, month, 1) + timedelta(days=(5 - date(year, month, 1).weekday()) % 7)
            if holiday_name(saturday) is not None:
                saturday += timedelta(days=7)
            if first <= saturday <= last:
                events.add(saturday)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return events
