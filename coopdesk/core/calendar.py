"""The Swedish calendar of docs/domain.md §1: holidays, working days, open days, months.

Working days decide the supervisors' funded hours and open days decide the members' planned hours, so
every statement walks every day of a month through these functions, for many months at a time. The
holiday table of a year is therefore built once and cached; after that each question is a dictionary
look-up. Nothing here knows about Qt or the database: the GUI shades its grid with :meth:`CoopCalendar.day_kind`
and the services count with :func:`working_days` and :meth:`CoopCalendar.open_days`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache
from types import MappingProxyType

from coopdesk.core import holiday_table
from coopdesk.core.errors import ValidationError

__all__ = [
    "CoopCalendar",
    "Month",
    "holiday_name",
    "is_holiday",
    "is_working_day",
    "iso_week",
    "working_days",
    "working_days_in",
]

SUNDAY_NAME = "Söndag"
"""The name :func:`holiday_name` gives an ordinary Sunday: in Sweden every Sunday is a holiday."""

_SATURDAY, _SUNDAY = 6, 7
_WEEKDAYS = frozenset({1, 2, 3, 4, 5})
_ALL_DAYS = frozenset(range(1, 8))

_MONTHS_SV = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def month_names_sv() -> tuple[str, ...]:
    """januari … december (lower case, as Swedish writes them inside a sentence)."""
    return _MONTHS_SV


_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# [0-9], not \d: \d would let other scripts' digits through to int().
_MONTH_TEXT = re.compile(r"([0-9]{4})-([0-9]{2})")


@cache
def _holidays_of(year: int) -> Mapping[date, str]:
    """The public and de facto holidays of ``year``, by date, with their Swedish names.

    The ``holidays`` library is slow to build (it computes Easter and loads translations) but a year's
    table is tiny, so one per year is kept for the life of the program. Ordinary Sundays are not in
    the table (the library leaves them out); :func:`holiday_name` adds them. The mapping is read-only
    because it is shared by every caller.
    """
    if holiday_table.FIRST_YEAR <= year <= holiday_table.LAST_YEAR:
        # The library's own answer, written down by scripts/holiday_table.py: importing the library costs
        # 85–390 ms, more than a whole statement, and a command line run would pay it every time.
        names = holiday_table.NAMES
        return MappingProxyType({date(year, m, d): names[n] for m, d, n in holiday_table.DAYS[year]})
    return MappingProxyType(library_holidays(year))


def library_holidays(year: int) -> dict[date, str]:
    """What the ``holidays`` library says of ``year`` (the source of the table, and the answer outside it)."""
    # The Sweden class directly: holidays.country_holidays() imports the registry of every country.
    from holidays.countries.sweden import Sweden

    table = Sweden(years=year, categories=("public", "de_facto"), language="sv")
    return {day: str(name) for day, name in table.items()}


def holiday_name(d: date) -> str | None:
    """The Swedish name of the holiday on ``d``, ``"Söndag"`` for an ordinary Sunday, else None.

    Names are as the ``holidays`` library writes them ("Kristi himmelsfärdsdag"), so they match what
    Swedish calendars print. A holiday that falls on a Sunday keeps its own name: "Påskdagen" says more
    than "Söndag". If two holidays share a date the library joins their names with "; ".
    """
    name = _holidays_of(d.year).get(d)
    if name is None and d.isoweekday() == _SUNDAY:
        return SUNDAY_NAME
    return name


def is_holiday(d: date) -> bool:
    """Whether ``d`` is a public or de facto holiday, every Sunday included (docs/domain.md §1)."""
    return holiday_name(d) is not None


def is_working_day(d: date) -> bool:
    """Monday–Friday and not a holiday: the days that supervisors' funded hours are counted on."""
    return d.isoweekday() < _SATURDAY and not is_holiday(d)


def iso_week(d: date) -> int:
    """The ISO 8601 week number, the one Swedish calendars and schedules print ("vecka 20")."""
    return d.isocalendar().week


def _month_error(text: str) -> ValidationError:
    return ValidationError(
        "month",
        text,
        f"Månaden {text} är inte giltig. Skriv den som ÅÅÅÅ-MM, till exempel 2026-05.",
        f"The month {text} is not valid. Write it as YYYY-MM, for example 2026-05.",
    )


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month: the unit of statements, locks and reports.

    Ordered by year, then month, so months can be sorted and compared (``Month(2026, 5) < Month(2026,
    6)``). Constructing an impossible month raises :class:`ValidationError` at once, so a ``Month``
    that exists is always valid and nothing downstream has to check again.
    """

    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1 <= self.year <= 9999 and 1 <= self.month <= 12):
            raise _month_error(f"{self.year:04d}-{self.month:02d}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read ``YYYY-MM`` (surrounding whitespace ignored), the form the CLI and files use.

        Strict on purpose: "2026-5" or "5/2026" could be read in more than one way by a human, and a
        statement for the wrong month is worse than a request to retype.
        """
        match = _MONTH_TEXT.fullmatch(text.strip())
        if match is None:
            raise _month_error(text.strip())
        year, month = int(match.group(1)), int(match.group(2))
        if year < 1 or not 1 <= month <= 12:
            raise _month_error(text.strip())
        return cls(year, month)

    @classmethod
    def of(cls, d: date) -> Month:
        """The month that ``d`` lies in."""
        return cls(d.year, d.month)

    @property
    def first(self) -> date:
        """The first day of the month."""
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        """The last day of the month (inclusive, like every period in the domain)."""
        return self.first + timedelta(days=self.number_of_days - 1)

    @property
    def number_of_days(self) -> int:
        """28–31; ``per_month`` tariffs prorate by it (docs/domain.md §4)."""
        if self.month == 12:
            return 31
        return (date(self.year, self.month + 1, 1) - self.first).days

    def days(self) -> list[date]:
        """Every date of the month, in order."""
        first = self.first
        return [first + timedelta(days=i) for i in range(self.number_of_days)]

    def next(self) -> Month:
        """The following month (December → January of the next year)."""
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def previous(self) -> Month:
        """The preceding month (January → December of the year before)."""
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def name_sv(self) -> str:
        """ "maj 2026": Swedish writes month names in lower case. Not locale-dependent on purpose."""
        return f"{_MONTHS_SV[self.month - 1]} {self.year}"

    def name_en(self) -> str:
        """ "May 2026"."""
        return f"{_MONTHS_EN[self.month - 1]} {self.year}"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@lru_cache(maxsize=512)
def _working_days_of(month: Month) -> tuple[date, ...]:
    """Cached per month: statements ask for the same months over and over."""
    return tuple(d for d in month.days() if is_working_day(d))


def working_days(month: Month) -> int:
    """How many working days ``month`` has (funded supervisor hours are per working day)."""
    return len(_working_days_of(month))


def working_days_in(month: Month) -> list[date]:
    """The working days of ``month``, in order."""
    return list(_working_days_of(month))


@dataclass(frozen=True)
class CoopCalendar:
    """The cooperative's own calendar on top of the Swedish one.

    An **open day** is a working day whose weekday is one of ``opening_weekdays`` and that is not one of
    ``closure_days`` (docs/domain.md §1). Weekdays are ISO numbers, 1 = Monday … 7 = Sunday.

    Because an open day must first be a working day, Saturday and Sunday are never open days, even if
    they are listed in ``opening_weekdays``: domain.md defines working days as Monday–Friday, and a
    member's planned hours follow open days. Listing 6 or 7 is allowed (a cooperative may keep the
    setting) but has no effect; a weekend event is registered as an extra day instead.

    The opening weekdays are dated: ``opening_weekdays`` hold before the first of ``weekday_changes``
    (valid-from, weekdays, in date order), and each of those until the next.
    """

    opening_weekdays: frozenset[int] = field(default=_WEEKDAYS)
    closure_days: frozenset[date] = field(default_factory=frozenset)
    weekday_changes: tuple[tuple[date, frozenset[int]], ...] = ()

    def __post_init__(self) -> None:
        # Accept any iterable from callers (a set from a form, a list from JSON) but store frozensets,
        # so the calendar stays hashable and cannot be changed behind a cached statement's back.
        weekdays = frozenset(self.opening_weekdays)
        object.__setattr__(self, "opening_weekdays", weekdays)
        object.__setattr__(self, "closure_days", frozenset(self.closure_days))
        changes = tuple(sorted((since, frozenset(days)) for since, days in self.weekday_changes))
        object.__setattr__(self, "weekday_changes", changes)
        if not weekdays or not weekdays <= _ALL_DAYS:
            shown = ", ".join(str(w) for w in sorted(weekdays, key=str))
            raise ValidationError(
                "opening_weekdays",
                sorted(weekdays, key=str),
                f"Öppetdagarna [{shown}] är inte giltiga. Välj minst en veckodag, 1 (måndag) till 7 (söndag).",
                f"The opening weekdays [{shown}] are not valid. Choose at least one weekday, 1 (Monday) to 7 (Sunday).",
            )

    def opening_weekdays_on(self, d: date) -> frozenset[int]:
        """The opening weekdays in force on ``d``."""
        weekdays = self.opening_weekdays
        for since, days in self.weekday_changes:
            if since > d:
                break
            weekdays = days
        return weekdays

    def is_open_day(self, d: date) -> bool:
        """Whether members work on ``d``: their planned hours are counted only on open days."""
        return d.isoweekday() in self.opening_weekdays_on(d) and d not in self.closure_days and is_working_day(d)

    def open_days(self, month: Month) -> list[date]:
        """The open days of ``month``, in order; their number is shown on every statement."""
        return [d for d in _working_days_of(month) if self.is_open_day(d)]

    def day_kind(self, d: date) -> str:
        """Why ``d`` is open or closed, for shading the attendance grid.

        One of ``"open"``, ``"holiday"`` (a named public or de facto holiday, whatever its weekday),
        ``"weekend"`` (an ordinary Saturday or Sunday), ``"closure"`` (a closure day on a working day)
        or ``"closed_weekday"`` (a working day whose weekday is not an opening weekday). The order
        makes the most general reason win: a closure day set on Midsummer Eve is shown as the holiday
        it is anyway.
        """
        if self.is_open_day(d):
            return "open"
        if _holidays_of(d.year).get(d) is not None:
            return "holiday"
        if d.isoweekday() >= _SATURDAY:
            return "weekend"
        if d in self.closure_days:
            return "closure"
        return "closed_weekday"
