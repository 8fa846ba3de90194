"""The year in figures (verksamhetsstatistik, domain.md §8) as plain data.

Every hour, day and amount is a sum of what the twelve months' statements print (core/statement.py):
each statement's totals rounded as printed, then added up, so the yearly figures agree with the printed
statements to the öre and the hundredth of an hour. The member counts come from the placements and the
personal numbers. The JSON, PDF and XLSX forms are in reports/yearly_*.py; nothing here imports Qt.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core.calendar import Month
from coopdesk.core.models import ACTIVITIES, District, Member, MonthLock, Placement
from coopdesk.core.numbers import round_half_up
from coopdesk.core.personal_number import birth_date
from coopdesk.core.services import lookups
from coopdesk.core.services.month_to_date import days_through, grid_through, supervisors_to_date
from coopdesk.core.services.register import month_grid
from coopdesk.core.statement import Statement, attendance_rate, load_inputs, statements_for_all
from coopdesk.core.text import swedish_key
from coopdesk.core.vocabulary import END_REASONS

AGE_BANDS = ("-24", "25-34", "35-44", "45-54", "55-64", "65-")
GENDERS = ("kvinna", "man")
#: A member whose personal number was erased (gallrad): gender and age are no longer known.
UNKNOWN_GENDER = "okänd"
UNKNOWN_AGE = "okänd"
UNKNOWN_REASON = "unknown"
DAY_FIELDS = (
    "attended_days",
    "extra_days",
    "sick_days",
    "notified_absence_days",
    "unnotified_absence_days",
    "leave_days",
    "unregistered_days",
)


@dataclass(frozen=True)
class MemberFigures:
    total: int
    by_gender: dict[str, int]
    by_age: dict[str, int]
    #: age band → gender → members (the PDF's chart and table; not in the JSON)
    by_age_and_gender: dict[str, dict[str, int]]
    by_district: dict[str, int]
    came: int
    left: int
    left_by_reason: dict[str, int]


@dataclass(frozen=True)
class Figures:
    """Hours and days of a month or of the year: sums of the statements' printed totals."""

    planned_hours: Decimal
    attended_hours: Decimal
    attended_days: int
    extra_days: int
    sick_days: int
    notified_absence_days: int
    unnotified_absence_days: int
    leave_days: int
    unregistered_days: int
    hours_by_work_area: dict[str, Decimal]

    @property
    def attendance_rate(self) -> Decimal | None:
        return attendance_rate(self.attended_hours, Fraction(self.planned_hours))


@dataclass(frozen=True)
class MonthFigures(Figures):
    month: Month
    attested: bool
    members: int
    open_days: int


@dataclass(frozen=True)
class SupervisorFigures:
    funded_hours: Decimal
    worked_hours: Decimal
    absence_hours: Decimal
    hours_by_activity: dict[str, Decimal]  # always the five activities


@dataclass(frozen=True)
class Yearly:
    cooperative: str
    year: int
    members: MemberFigures
    months: tuple[MonthFigures, ...]
    totals: Figures
    supervisors: SupervisorFigures | None  # None: no host district in any month of the year
    amounts_by_district: dict[str, Decimal | None]  # None: a district without amounts all year
    #: the month's supervisor hours per activity (the PDF's per-month table); empty months have none
    supervisor_months: tuple[dict[str, Decimal], ...] = ()


# --- members ----------------------------------------------------------------------------------


def age_band(age: int) -> str:
    """The band of an age in completed years (domain.md §8)."""
    if age <= 24:
        return "-24"
    if age >= 65:
        return "65-"
    low = (age - 25) // 10 * 10 + 25
    return f"{low}-{low + 9}"


def gender(personal_number: str) -> str:
    """From the personal number's second-to-last digit, as Statistics Sweden does: odd is a man."""
    return "man" if int(personal_number[-2]) % 2 else "kvinna"


def age_at_year_end(personal_number: str, year: int) -> int:
    """Completed years on 31 December: every birthday of the year has been, the last day's included."""
    return year - birth_date(personal_number).year


@dataclass(frozen=True)
class _Span:
    member_id: int
    district: str
    start: dt.date
    end: dt.date | None
    end_reason: str | None

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)


def _spans(session: Session) -> tuple[dict[int, list[_Span]], dict[int, str | None]]:
    """Every placement of all time by member (oldest first), and each member's personal number."""
    by_member: dict[int, list[_Span]] = defaultdict(list)
    query = (
        select(Placement.member_id, District.name, Placement.start, Placement.end, Placement.end_reason)
        .join(District, District.id == Placement.district_id)
        .order_by(Placement.member_id, Placement.start)
    )
    for member_id, district, start, end, reason in session.execute(query):
        by_member[member_id].append(_Span(member_id, district, start, end, reason))
    numbers = {member_id: pn for member_id, pn in session.execute(select(Member.id, Member.personal_number))}
    return by_member, numbers


def member_figures(spans: dict[int, list[_Span]], numbers: dict[int, str | None], year: int) -> MemberFigures:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    by_gender: Counter[str] = Counter({g: 0 for g in GENDERS})
    by_age: Counter[str] = Counter({b: 0 for b in AGE_BANDS})
    cross: dict[str, Counter[str]] = {b: Counter({g: 0 for g in GENDERS}) for b in AGE_BANDS}
    by_district: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    total = came = left = 0
    for member_id, placements in spans.items():
        in_year = [p for p in placements if p.overlaps(first, last)]
        if not in_year:
            continue
        total += 1
        number = numbers.get(member_id)
        sex = gender(number) if number else UNKNOWN_GENDER
        band = age_band(age_at_year_end(number, year)) if number else UNKNOWN_AGE
        by_gender[sex] += 1
        by_age[band] += 1
        cross.setdefault(band, Counter())[sex] += 1
        for district in {p.district for p in in_year}:
            by_district[district] += 1
        if first <= placements[0].start <= last:
            came += 1
        # The last placement day of all time, if every placement has ended (a move without a gap, or a
        # return after a gap, leaves the member with a later or open placement: not left).
        if all(p.end is not None for p in placements):
            ending = max(placements, key=lambda p: p.end or p.start)
            assert ending.end is not None
            if first <= ending.end <= last:
                left += 1
                reasons[ending.end_reason or UNKNOWN_REASON] += 1
    return MemberFigures(
        total=total,
        by_gender=dict(by_gender),
        by_age=dict(by_age),
        by_age_and_gender={band: dict(counts) for band, counts in cross.items()},
        by_district=dict(sorted(by_district.items(), key=lambda kv: swedish_key(kv[0]))),
        came=came,
        left=left,
        left_by_reason={r: reasons[r] for r in (*END_REASONS, UNKNOWN_REASON) if reasons[r]},
    )


#: A count of members this small, in a breakdown, could point out a person (docs/rules.md "Årsstatistik").
SMALL_COUNT = 3


def small_counts(members: MemberFigures) -> list[str]:
    """The member breakdowns with a count of 1 or 2, in Swedish (empty: no figure points anyone out).

    A count of 0 says nothing about anyone, and the totals of the year are not personal; hours and
    amounts are about the cooperative's work, but an amount per district is as small as its members,
    so the district breakdown is looked at too.
    """
    found = []
    cells = [n for counts in members.by_age_and_gender.values() for n in counts.values()]
    for name, counts in (
        ("ålder och kön", cells),
        ("beställare", list(members.by_district.values())),
        ("började och slutade", [members.came, members.left]),
        ("orsak till avslut", list(members.left_by_reason.values())),
    ):
        if any(0 < n < SMALL_COUNT for n in counts):
            found.append(name)
    return found


#: The hand-out version's merged groups (docs/rules.md "Årsstatistik"): districts and end reasons whose
#: counts of 1 or 2 were added together, and age bands joined with ``+`` (``25-34+35-44``).
OTHER_DISTRICTS = "Övriga beställare"
OTHER_REASONS = "merged"


def _fold(counts: dict[str, int], other: str) -> tuple[dict[str, int], set[str]]:
    """Counts of 1 or 2 added into ``other``; while ``other`` is itself 1 or 2, the smallest remaining
    count goes in too. Returns the new counts (``other`` last) and the keys folded in."""
    folded = {k for k, n in counts.items() if 0 < n < SMALL_COUNT}
    while folded and 0 < sum(counts[k] for k in folded) < SMALL_COUNT:
        rest = [k for k in counts if k not in folded and counts[k]]
        if not rest:
            break
        folded.add(min(rest, key=lambda k: (counts[k], swedish_key(k))))
    result = {k: n for k, n in counts.items() if k not in folded}
    if folded:
        result[other] = sum(counts[k] for k in folded)
    return result, folded


def _merge_bands(cross: dict[str, dict[str, int]]) -> dict[str, dict[str, int]] | None:
    """Adjacent age bands joined until no gender's count in a band is 1 or 2; None when not even all
    bands together are safe (1 or 2 members of a gender in the year: the split is not shown)."""
    groups: list[tuple[list[str], Counter[str]]] = []
    current: tuple[list[str], Counter[str]] | None = None
    for band, counts in cross.items():
        if current is None:
            current = ([], Counter())
        current[0].append(band)
        current[1].update(counts)
        if all(n == 0 or n >= SMALL_COUNT for n in current[1].values()):
            groups.append(current)
            current = None
    if current is not None:
        if not groups:
            return None
        groups[-1][0].extend(current[0])
        groups[-1][1].update(current[1])
    while len(groups) > 1 and not all(n == 0 or n >= SMALL_COUNT for n in groups[-1][1].values()):
        last = groups.pop()
        groups[-1][0].extend(last[0])
        groups[-1][1].update(last[1])
    if not all(n == 0 or n >= SMALL_COUNT for n in groups[-1][1].values()):
        return None
    return {"+".join(bands): dict(counts) for bands, counts in groups}


@dataclass(frozen=True)
class HandOut:
    """The year made fit to hand out (an annual meeting, a funder): no breakdown of members has a count
    of 1 or 2 (docs/rules.md "Årsstatistik"). The figures are those of ``yearly`` added together, never
    hidden: every total stays as it is."""

    yearly: Yearly  # with the merged members and amounts
    #: age band (merged: ``+``-joined) → gender → members; None: the gender split is left out
    by_age_and_gender: dict[str, dict[str, int]] | None
    folded_districts: tuple[str, ...]  # the districts added into OTHER_DISTRICTS
    #: came or left being 1 or 2 is printed as "färre än 3"; the reasons are left out below 3 who left
    came_small: bool
    left_small: bool


def for_hand_out(yearly: Yearly) -> HandOut:
    """The figures of ``yearly`` with every member breakdown's counts of 1 or 2 merged (see HandOut)."""
    m = yearly.members
    cross = _merge_bands(m.by_age_and_gender)
    by_district, folded = _fold(m.by_district, OTHER_DISTRICTS)
    grouped: dict[str, list[Decimal | None]] = defaultdict(list)
    for district, amount in yearly.amounts_by_district.items():
        grouped[OTHER_DISTRICTS if district in folded else district].append(amount)
    if OTHER_DISTRICTS in grouped:  # last, as in by_district
        grouped[OTHER_DISTRICTS] = grouped.pop(OTHER_DISTRICTS)
    amounts = {  # None only for a district (or group) without amounts all year, as in Yearly
        key: sum((a for a in values if a is not None), Decimal("0.00")) if any(a is not None for a in values) else None
        for key, values in grouped.items()
    }
    reasons: dict[str, int] = {}
    if m.left >= SMALL_COUNT:
        reasons, _ = _fold(m.left_by_reason, OTHER_REASONS)
    members = replace(
        m,
        by_age={k: sum(v.values()) for k, v in cross.items()} if cross is not None else m.by_age,
        by_age_and_gender=cross if cross is not None else {},
        by_district=by_district,
        left_by_reason=reasons,
    )
    return HandOut(
        yearly=replace(yearly, members=members, amounts_by_district=amounts),
        by_age_and_gender=cross,
        folded_districts=tuple(sorted(folded, key=swedish_key)),
        came_small=0 < m.came < SMALL_COUNT,
        left_small=0 < m.left < SMALL_COUNT,
    )


def members_in(spans: dict[int, list[_Span]], month: Month) -> int:
    return sum(any(p.overlaps(month.first, month.last) for p in placements) for placements in spans.values())


# --- the months, from the statements ----------------------------------------------------------


def _printed(value: Fraction | Decimal) -> Decimal:
    """A figure as the statement prints it (2 decimals, half up)."""
    return round_half_up(value, 2)


def month_figures(
    statements: list[Statement], month: Month, *, attested: bool, members: int, open_days: int
) -> MonthFigures:
    areas: dict[str, Decimal] = defaultdict(Decimal)
    for statement in statements:
        for row in statement.rows:
            for area, hours in row.hours_by_work_area.items():
                areas[area] += hours
    days = {name: sum(getattr(s.totals, name) for s in statements) for name in DAY_FIELDS}
    return MonthFigures(
        month=month,
        attested=attested,
        members=members,
        open_days=open_days,
        planned_hours=sum((_printed(s.totals.planned_hours) for s in statements), Decimal("0.00")),
        attended_hours=sum((_printed(s.totals.attended_hours) for s in statements), Decimal("0.00")),
        hours_by_work_area=_areas(areas),
        **days,
    )


def _areas(areas: dict[str, Decimal]) -> dict[str, Decimal]:
    return {a: _printed(h) for a, h in sorted(areas.items(), key=lambda kv: swedish_key(kv[0])) if h}


def _sum_figures(months: tuple[MonthFigures, ...]) -> Figures:
    areas: dict[str, Decimal] = defaultdict(Decimal)
    for m in months:
        for area, hours in m.hours_by_work_area.items():
            areas[area] += hours
    return Figures(
        planned_hours=sum((m.planned_hours for m in months), Decimal("0.00")),
        attended_hours=sum((m.attended_hours for m in months), Decimal("0.00")),
        hours_by_work_area=_areas(areas),
        **{name: sum(getattr(m, name) for m in months) for name in DAY_FIELDS},
    )


def _supervisors(host: list[Statement | None]) -> tuple[SupervisorFigures | None, tuple[dict[str, Decimal], ...]]:
    sections = [s.supervisors if s is not None else None for s in host]
    if all(section is None for section in sections):
        return None, ()
    funded = worked = absent = Decimal("0.00")
    activity = {a: Decimal("0.00") for a in ACTIVITIES}
    per_month = []
    for section in sections:
        month_activity = {a: Decimal("0.00") for a in ACTIVITIES}
        if section is not None:
            funded += _printed(section.funded_hours)
            worked += _printed(section.worked_hours)
            absent += _printed(section.absence_hours)
            for name, hours in section.by_activity.items():
                activity[name] += _printed(hours)
                month_activity[name] += _printed(hours)
        per_month.append(month_activity)
    return SupervisorFigures(funded, worked, absent, activity), tuple(per_month)


def _amounts(by_month: list[list[Statement]]) -> dict[str, Decimal | None]:
    """Per district with a statement row in the year: the sum of its twelve printed total amounts."""
    with_rows = {s.district for month in by_month for s in month if s.rows}
    amounts: dict[str, Decimal | None] = {}
    for district in sorted(with_rows, key=swedish_key):
        printed = [s.totals.amount for month in by_month for s in month if s.district == district]
        known = [a for a in printed if a is not None]
        amounts[district] = sum(known, Decimal("0.00")) if known else None
    return amounts


def yearly_figures(session: Session, year: int) -> Yearly:
    """The year's figures from its twelve months' statements of every district."""
    months = [Month(year, m) for m in range(1, 13)]
    spans, numbers = _spans(session)
    # One pass of queries for the whole year, shared by its 12 × districts statements (issue 16.7); its
    # work plan, month locks and cooperative serve the year's own figures too.
    inputs = load_inputs(session, months[0].first, months[-1].last)
    by_month = [statements_for_all(session, month, warnings=False, inputs=inputs) for month in months]
    figures = tuple(
        month_figures(
            statements,
            month,
            attested=str(month) in inputs.locks,
            members=members_in(spans, month),
            open_days=len(inputs.plan.calendar.open_days(month)),
        )
        for month, statements in zip(months, by_month, strict=True)
    )
    host = [next((s for s in statements if s.supervisors is not None), None) for statements in by_month]
    supervisors, supervisor_months = _supervisors(host)
    return Yearly(
        cooperative=inputs.cooperative.name,
        year=year,
        members=member_figures(spans, numbers, year),
        months=figures,
        totals=_sum_figures(figures),
        supervisors=supervisors,
        amounts_by_district=_amounts(by_month),
        supervisor_months=supervisor_months,
    )


# --- the current month to date (the Statistik view's month overview) ---------------------------


@dataclass(frozen=True)
class MonthToDateFigures:
    """The current month from the 1st through ``through`` (docs/rules.md "Hittills i månaden")."""

    figures: MonthFigures  # the days through ``through``; ``members`` has a placement day in the month
    through: dt.date
    supervisors: SupervisorFigures | None


_STATUS_FIELDS = {
    "sick": "sick_days",
    "absent_notified": "notified_absence_days",
    "absent_unnotified": "unnotified_absence_days",
    "leave": "leave_days",
}


def month_to_date(session: Session, today: dt.date) -> MonthToDateFigures:
    """Today's month so far, from the same grid as Månad: up to today once everyone planned today is
    registered, else up to yesterday. No statement is printed mid-month, so the hours are the exact
    sums rounded once (not sums of printed district totals, as the year's are)."""
    month = Month.of(today)
    grid = month_grid(session, month)
    through = grid_through(grid, today) or today
    count = days_through(month, through)
    areas = {a.id: a.name for a in lookups.work_areas(session)}
    days = dict.fromkeys(DAY_FIELDS, 0)
    by_area: dict[str, Decimal] = defaultdict(Decimal)
    planned, attended = Fraction(0), Decimal(0)
    for row in grid.rows:
        for entry in row.days[:count]:
            if entry is None:
                continue
            planned += entry.planned
            if entry.status == "present":
                days["attended_days"] += 1
                days["extra_days"] += not entry.planned
                attended += entry.total_hours
                for area_id, hours in entry.hours.items():
                    by_area[areas.get(area_id, str(area_id))] += hours
            elif entry.status is not None:
                days[_STATUS_FIELDS[entry.status]] += 1
            elif entry.planned:
                days["unregistered_days"] += 1
    plan = lookups.work_plan(session, month.first, month.last)
    figures = MonthFigures(
        month=month,
        attested=session.get(MonthLock, str(month)) is not None,
        members=sum(any(d is not None for d in row.days) for row in grid.rows),
        open_days=sum(d <= through for d in plan.calendar.open_days(month)),
        planned_hours=_printed(planned),
        attended_hours=_printed(attended),
        hours_by_work_area=_areas(by_area),
        **days,
    )
    section = supervisors_to_date(session, month, today)
    supervisors = None
    if section is not None and lookups.host_district(session, month.first) is not None:
        activity = {a: _printed(section[1].by_activity.get(a, Decimal(0))) for a in ACTIVITIES}
        supervisors = SupervisorFigures(
            _printed(section[1].funded_hours),
            _printed(section[1].worked_hours),
            _printed(section[1].absence_hours),
            activity,
        )
    return MonthToDateFigures(figures, through, supervisors)
