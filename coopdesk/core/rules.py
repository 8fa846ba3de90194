"""The domain rules of docs/domain.md as pure functions: no database, no Qt.

The services (one change at a time, from the GUI or the CLI) and the import (a whole document at
once) both call these, so a rule is written once and every face refuses the same input with the
same message.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from coopdesk.core.calendar import CoopCalendar
from coopdesk.core.errors import ValidationError, shown
from coopdesk.core.models import ACTIVITIES, STATUSES
from coopdesk.core.numbers import fmt_hours_sv, normalized, parse_decimal
from coopdesk.core.text import invalid_character_at
from coopdesk.core.vocabulary import STATUS_SV

MAX_DAY_HOURS = Decimal(24)

#: Statuses that may be entered ahead of the day: planned leave, and an absence the member has
#: already told us about. Present, sick and unnotified absence describe what happened, so they
#: cannot lie in the future.
STATUSES_ALLOWED_AHEAD = frozenset({"leave", "absent_notified"})


@dataclass(frozen=True)
class PlacementSpan:
    start: dt.date
    end: dt.date | None
    district_id: int = 0
    id: int = 0

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)


@dataclass(frozen=True)
class CapacitySpan:
    valid_from: dt.date
    percent: int
    weekdays: frozenset[int]


@dataclass
class MemberPlan:
    """What is needed to know a member's planned hours on any day."""

    placements: list[PlacementSpan] = field(default_factory=list)
    capacities: list[CapacitySpan] = field(default_factory=list)  # sorted by valid_from

    def __post_init__(self) -> None:
        self.placements.sort(key=lambda p: p.start)
        self.capacities.sort(key=lambda c: c.valid_from)
        self._starts = [c.valid_from for c in self.capacities]

    def placement_on(self, day: dt.date) -> PlacementSpan | None:
        for placement in self.placements:
            if placement.active_on(day):
                return placement
        return None

    def capacity_on(self, day: dt.date) -> CapacitySpan | None:
        index = bisect.bisect_right(self._starts, day) - 1
        return self.capacities[index] if index >= 0 else None


@dataclass(frozen=True)
class SettingsSpan:
    """The cooperative's full-time week, opening weekdays and host district from ``valid_from``
    (models.SettingsPeriod)."""

    valid_from: dt.date
    full_time_week: Decimal
    opening_weekdays: frozenset[int]
    host_district_id: int | None = None


@dataclass(frozen=True)
class WorkPlan:
    """The cooperative's calendar and full-time week: what planned hours are computed from.

    ``full_time_week`` holds before the first of ``full_time_changes`` (valid-from, hours), each of
    which holds until the next: the full-time week is dated like the opening weekdays (the
    calendar's ``weekday_changes``), so a change never rewrites an attested month.
    """

    calendar: CoopCalendar
    full_time_week: Decimal
    full_time_changes: tuple[tuple[dt.date, Decimal], ...] = ()
    #: is_open_day by day, filled as asked: a year's statements ask it for every member and day, and the
    #: calendar's answer (weekday, closure days, the holiday table) never changes for this plan
    _open: dict[dt.date, bool] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    @classmethod
    def dated(cls, weeks: Sequence[SettingsSpan], closure_days: Iterable[dt.date] = ()) -> WorkPlan:
        """The plan of a dated history; the first entry holds for every day before it too."""
        ordered = sorted(weeks, key=lambda w: w.valid_from)
        first, later = ordered[0], ordered[1:]
        calendar = CoopCalendar(
            first.opening_weekdays, frozenset(closure_days), tuple((w.valid_from, w.opening_weekdays) for w in later)
        )
        return cls(calendar, first.full_time_week, tuple((w.valid_from, w.full_time_week) for w in later))

    def full_time_week_on(self, day: dt.date) -> Decimal:
        hours = self.full_time_week
        for since, value in self.full_time_changes:
            if since > day:
                break
            hours = value
        return hours

    def hours_per_planned_day(self, capacity: CapacitySpan, day: dt.date | None = None) -> Fraction:
        """percent / 100 × full-time week (in force on ``day``) / number of planned weekdays (domain.md §2)."""
        week = self.full_time_week if day is None else self.full_time_week_on(day)
        return _hours_per_planned_day(capacity.percent, len(capacity.weekdays), week)

    def is_open_day(self, day: dt.date) -> bool:
        found = self._open.get(day)
        if found is None:
            found = self._open[day] = self.calendar.is_open_day(day)
        return found

    def planned_hours(self, plan: MemberPlan, day: dt.date) -> Fraction:
        if not self.is_open_day(day) or plan.placement_on(day) is None:
            return Fraction(0)
        return self.planned_on_open_day(plan, day)

    def planned_on_open_day(self, plan: MemberPlan, day: dt.date) -> Fraction:
        """planned_hours() of a member placed on ``day``, an open day: a month's grid knows both for every
        cell already and asks this 6,000 times a month."""
        capacity = plan.capacity_on(day)
        if capacity is None or day.isoweekday() not in capacity.weekdays:
            return Fraction(0)
        return self.hours_per_planned_day(capacity, day)


@functools.lru_cache(maxsize=1024)
def _hours_per_planned_day(percent: int, weekdays: int, full_time_week: Decimal) -> Fraction:
    # Cached: a statement asks this for every day of every member, and Fraction arithmetic is slow.
    return Fraction(percent, 100) * Fraction(full_time_week) / weekdays


# --- single-value rules -------------------------------------------------------------------------


def require_text(value: object, field: str, what_sv: str, what_en: str, max_length: int = 200) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(field, value, f"{what_sv} måste fyllas i.", f"{what_en} must be filled in.")
    text = value.strip()
    bad = invalid_character_at(text)
    if bad is not None:
        raise ValidationError(
            field,
            value,
            f"{what_sv} innehåller ett otillåtet tecken (ett styrtecken, position {bad + 1}).",
            f"{what_en} holds a character that is not allowed (a control character, position {bad + 1}).",
        )
    if len(text) > max_length:
        raise ValidationError(
            field,
            value,
            f"{what_sv} har för många tecken ({len(text)}); högst {max_length}.",
            f"{what_en} is too long ({len(text)} characters); at most {max_length}.",
        )
    return text


def optional_text(value: object, field: str, what_sv: str, what_en: str, max_length: int = 300) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return require_text(value, field, what_sv, what_en, max_length)


def check_percent(value: object, field: str, what_sv: str = "Omfattningen", what_en: str = "The capacity") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        shown = "(tom)" if value is None or value == "" else f"{value} %"
        shown_en = "(empty)" if value is None or value == "" else f"{value} %"
        raise ValidationError(
            field,
            value,
            f"{what_sv} {shown} är inte giltig. Ange ett heltal från 1 till 100.",
            f"{what_en} {shown_en} is not valid. Give a whole number from 1 to 100.",
        )
    return value


def check_weekdays(value: object, field: str, opening: frozenset[int]) -> frozenset[int]:
    names = ["mån", "tis", "ons", "tor", "fre", "lör", "sön"]
    if (
        not isinstance(value, list | tuple | set | frozenset)
        or not value
        or any(isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= 7 for d in value)
        or len(set(value)) != len(value)
    ):
        raise ValidationError(
            field,
            value,
            f"Planerade veckodagar {shown(value)} är inte giltiga. Ange minst en veckodag (1 = måndag … 7 = söndag), "
            "var och en en gång.",
            f"Planned weekdays {shown(value)} are not valid. Give at least one weekday (1 = Monday … 7 = Sunday), "
            "each once.",
        )
    days = frozenset(value)
    outside = sorted(days - opening)
    if outside:
        raise ValidationError(
            field,
            value,
            f"Planerade veckodagar får bara vara öppetdagar; kooperativet har inte öppet "
            f"{', '.join(names[d - 1] for d in outside)}.",
            f"Planned weekdays must be opening weekdays; the cooperative is not open on weekday(s) "
            f"{', '.join(str(d) for d in outside)}.",
        )
    return days


def check_status(value: object, field: str) -> str:
    if value not in STATUSES:
        raise ValidationError(
            field,
            value,
            f"Statusen {shown(value)} finns inte. Välj en av: {', '.join(STATUSES)}.",
            f"The status {shown(value)} does not exist. Choose one of: {', '.join(STATUSES)}.",
        )
    return str(value)


def check_activity(value: object, field: str) -> str:
    if value not in ACTIVITIES:
        raise ValidationError(
            field,
            value,
            f"Aktiviteten {shown(value)} finns inte. Välj en av: {', '.join(ACTIVITIES)}.",
            f"The activity {shown(value)} does not exist. Choose one of: {', '.join(ACTIVITIES)}.",
        )
    return str(value)


def check_period(start: dt.date, end: dt.date | None, field: str) -> None:
    if end is not None and end < start:
        raise ValidationError(
            field,
            end.isoformat(),
            f"Slutdatumet {end} ligger före startdatumet {start}.",
            f"The end date {end} is before the start date {start}.",
        )


def check_no_overlap(member_name: str, spans: Sequence[PlacementSpan], field: str) -> None:
    """A member has at most one placement active on any day."""
    ordered = sorted(spans, key=lambda p: p.start)
    for earlier, later in itertools.pairwise(ordered):
        if earlier.end is None or earlier.end >= later.start:
            raise ValidationError(
                field,
                later.start.isoformat(),
                f"{member_name} har redan ett beslut som gäller {later.start}. "
                "Ett beslut i taget: avsluta det förra beslutet först.",
                f"{member_name} already has a placement active on {later.start}. "
                "One placement at a time: end the earlier one first.",
            )


def check_hours_by_area(hours: Mapping[str, Decimal], field: str, member_name: str, day: dt.date) -> Decimal:
    """Present hours: at least one area, each > 0 (already parsed), a day total of at most 24."""
    if not hours:
        raise ValidationError(
            field,
            {},
            f"Närvaro {member_name} {day} saknar timmar. Ange timmar för minst ett arbetsområde.",
            f"Attendance of {member_name} on {day} has no hours. Give hours for at least one work area.",
        )
    for area, value in hours.items():
        if value <= 0:
            raise ValidationError(
                f"{field}.{area}",
                normalized(value),
                f"Timmarna {normalized(value)} för {area} måste vara större än 0.",
                f"The hours {normalized(value)} for {area} must be greater than 0.",
            )
    total = sum(hours.values(), Decimal(0))
    if total > MAX_DAY_HOURS:
        raise ValidationError(
            field,
            normalized(total),
            f"{member_name} har {fmt_hours_sv(total)} timmar {day}; en dag har högst 24 timmar.",
            f"{member_name} has {normalized(total)} hours on {day}; a day has at most 24 hours.",
        )
    return total


def check_day(
    *,
    member_name: str,
    day: dt.date,
    status: str,
    hours: Mapping[int, Decimal | str],
    area_names: Mapping[int, str],
    placement_active: bool,
    planned: Fraction | Decimal,
    today: dt.date,
) -> dict[int, Decimal]:
    """Everything that decides whether a member-day may be set that needs no database: the status, each
    area's hours (parsed), the day's total, and the rules of check_attendance. Idag runs it at once,
    before the change goes to the database worker, so a typing error is said where it was typed; the
    service runs it again in its transaction. The hours are returned parsed, by work area id."""
    check_status(status, "status")
    parsed: dict[int, Decimal] = {}
    for area_id, value in hours.items():
        if area_id not in area_names:
            raise ValidationError(
                "work_area", area_id, f"Arbetsområdet {area_id} finns inte.", f"The work area {area_id} does not exist."
            )
        parsed[area_id] = parse_decimal(
            value,
            f"hours.{area_names[area_id]}",
            what_sv=f"Timmarna för {area_names[area_id]}",
            what_en=f"The hours for {area_names[area_id]}",
            minimum=Decimal(0),
            exclusive_minimum=True,
        )
    if status == "present":
        check_hours_by_area({area_names[a]: h for a, h in parsed.items()}, "hours", member_name, day)
    check_attendance(
        member_name=member_name,
        day=day,
        status=status,
        has_hours=bool(parsed),
        placement_active=placement_active,
        planned=planned,
        today=today,
    )
    return parsed


def check_attendance(
    *,
    member_name: str,
    day: dt.date,
    status: str,
    has_hours: bool,
    placement_active: bool,
    planned: Fraction | Decimal,
    today: dt.date,
    field: str = "",
) -> None:
    """The attendance rules of domain.md §3 that need the member's plan and today's date."""

    def at(name: str) -> str:
        return f"{field}.{name}" if field else name

    if not placement_active:
        raise ValidationError(
            at("date"),
            day.isoformat(),
            f"{member_name} har inget beslut som gäller {day}. Lägg till ett beslut först.",
            f"{member_name} has no placement active on {day}. Add a placement first.",
        )
    if day > today and status not in STATUSES_ALLOWED_AHEAD:
        raise ValidationError(
            at("date"),
            day.isoformat(),
            f"{day} har inte varit än; {STATUS_SV[status].lower()} kan inte registreras i förväg "
            "(bara ledighet och anmäld frånvaro).",
            f"{day} is in the future; {status} cannot be registered ahead (only leave and notified absence).",
        )
    if status == "present":
        return
    if has_hours:
        raise ValidationError(
            at("hours"),
            True,
            f"{STATUS_SV[status]} har inga timmar. Ta bort timmarna eller välj Närvarande.",
            f"{status} carries no hours. Remove the hours or choose present.",
        )
    if planned == 0:
        raise ValidationError(
            at("status"),
            status,
            f"{member_name} är inte planerad {day}; frånvaro ({STATUS_SV[status].lower()}) kan bara "
            "registreras på planerade dagar.",
            f"{member_name} is not planned on {day}; an absence ({status}) can only be registered on planned days.",
        )


def check_supervisor_day_total(name: str, day: dt.date, total: Decimal, field: str) -> None:
    if total > MAX_DAY_HOURS:
        raise ValidationError(
            field,
            normalized(total),
            f"{name} har {fmt_hours_sv(total)} timmar {day}; en dag har högst 24 timmar.",
            f"{name} has {normalized(total)} hours on {day}; a day has at most 24 hours.",
        )


def unique_names(names: Iterable[str]) -> set[str]:
    return {n.casefold() for n in names}
