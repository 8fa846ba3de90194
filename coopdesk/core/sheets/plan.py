"""What importing a read workbook would create, checked against the database: the preview.

Every rule of domain.md §2–6 that the services apply one change at a time is applied here to the whole
file at once, and every break is collected as a :class:`Problem` with its place, instead of stopping
at the first: the user fixes the sheet once, not once per mistake. Only a plan without problems is
ever written (``write.apply_plan``), and it is made again inside the writing transaction.

What the database already holds is not created again (so importing the same file twice changes
nothing): a member with the same personal number, a placement with the same district and start, a
capacity already in force, a day registered the same way. The same thing stored differently is a
problem, never overwritten.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core.calendar import Month
from coopdesk.core.errors import ValidationError
from coopdesk.core.models import Attendance, District, Member, MonthLock, Placement, WorkArea
from coopdesk.core.personal_number import normalize_personal_number
from coopdesk.core.rules import (
    CapacitySpan,
    MemberPlan,
    PlacementSpan,
    SettingsSpan,
    WorkPlan,
    check_day,
    check_weekdays,
)
from coopdesk.core.services import lookups
from coopdesk.core.sheets.headers import normal
from coopdesk.core.sheets.interpret import DayCell, Interpretation, MemberRow, Place, Problem, SheetInfo, who_key
from coopdesk.core.text import swedish_key


@dataclass(frozen=True)
class NewMember:
    personal_number: str
    name: str
    work_area_id: int | None
    place: Place


@dataclass(frozen=True)
class NewPlacement:
    personal_number: str
    district_id: int
    district: str
    decision_ref: str
    start: dt.date
    end: dt.date | None
    case_worker: str | None
    case_worker_phone: str | None
    case_worker_email: str | None
    place: Place


@dataclass(frozen=True)
class NewCapacity:
    personal_number: str
    valid_from: dt.date
    percent: int
    weekdays: frozenset[int]
    place: Place


@dataclass(frozen=True)
class NewDay:
    personal_number: str
    day: dt.date
    status: str
    hours: dict[int, Decimal]  # by work area id; empty for an absence
    place: Place


@dataclass
class ImportPlan:
    """The preview: what would be created, what is there already, and every problem."""

    file_name: str
    sheets: list[SheetInfo]
    members: list[NewMember] = field(default_factory=list)
    placements: list[NewPlacement] = field(default_factory=list)
    capacities: list[NewCapacity] = field(default_factory=list)
    days: list[NewDay] = field(default_factory=list)
    known: Counter[str] = field(default_factory=Counter)  # "members", "placements", "capacities", "days"
    problems: list[Problem] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # personal number → name, for the preview
    #: Members with a problem on the member sheet: their days are not checked until it is fixed (a
    #: district misspelt would otherwise repeat as "no placement" on every day of the year).
    troubled: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def empty(self) -> bool:
        return not (self.members or self.placements or self.capacities or self.days)

    def days_per_month(self) -> list[tuple[Month, int, int]]:
        """(month, present days, absences) of the attendance to be created, in order."""
        present: Counter[Month] = Counter()
        absent: Counter[Month] = Counter()
        for day in self.days:
            (present if day.status == "present" else absent)[Month.of(day.day)] += 1
        return [(m, present[m], absent[m]) for m in sorted(set(present) | set(absent))]


@dataclass
class _Known:
    """The database as the plan needs it, read once."""

    districts: dict[str, tuple[int, str]]
    areas: dict[str, tuple[int, str]]
    area_names: dict[int, str]
    members: dict[str, tuple[int, str, int | None]]  # personal number → id, name, work area id
    plans: dict[int, MemberPlan]
    placements: dict[int, list[Placement]]
    locks: set[str]


def _load(session: Session) -> _Known:
    districts = {normal(d.name): (d.id, d.name) for d in session.scalars(select(District))}
    areas = {normal(a.name): (a.id, a.name) for a in session.scalars(select(WorkArea))}
    members = {
        m.personal_number: (m.id, m.name, m.primary_work_area_id)
        for m in session.scalars(select(Member).where(Member.personal_number.is_not(None)))
        if m.personal_number
    }
    ids = [i for i, _, _ in members.values()]
    placements: dict[int, list[Placement]] = defaultdict(list)
    for p in session.scalars(select(Placement)):
        placements[p.member_id].append(p)
    return _Known(
        districts=districts,
        areas=areas,
        area_names={i: n for i, n in areas.values()},
        members=members,
        plans=lookups.member_plans(session, ids),
        placements=placements,
        locks=set(session.scalars(select(MonthLock.month))),
    )


def _locked_month(known: _Known, first: dt.date, last: dt.date | None) -> str | None:
    """The first locked month from ``first`` to ``last`` (open-ended: any later one)."""
    low, high = str(Month.of(first)), str(Month.of(last)) if last else "9999-99"
    return min((m for m in known.locks if low <= m <= high), default=None)


def _locked_problem(place: Place, value: str, month: str) -> Problem:
    name = Month.parse(month)
    return Problem(
        place,
        value,
        f"{name.name_sv().capitalize()} är attesterad (låst); inget i den månaden kan ändras. "
        "En administratör kan öppna månaden igen.",
        f"{name.name_en()} is attested (locked); nothing in that month can change. An administrator can reopen it.",
        "lock",
    )


def make_plan(session: Session, reading: Interpretation, file_name: str, today: dt.date) -> ImportPlan:
    plan = ImportPlan(file_name, list(reading.sheets), problems=list(reading.problems))
    known = _load(session)
    settings = lookups.settings_history(session)
    work_plan = lookups.work_plan(session)
    groups: dict[str, list[MemberRow]] = defaultdict(list)
    for row in reading.member_rows:
        groups[row.personal_number].append(row)
    member_plans: dict[str, MemberPlan] = {}
    member_areas: dict[str, int | None] = {}
    for number, rows in groups.items():
        rows.sort(key=lambda r: r.start)
        _plan_member(plan, known, number, rows, settings, member_plans, member_areas)
    for number, (member_id, name, area) in known.members.items():
        if number not in member_plans:
            member_plans[number] = known.plans.get(member_id, MemberPlan())
            member_areas[number] = area
            plan.names[number] = name
    aliases = {(normal(r.name), r.personal_number) for r in reading.member_rows}
    _plan_days(
        session,
        plan,
        known,
        reading.day_cells,
        member_plans,
        member_areas,
        work_plan,
        today,
        aliases,
        reading.unreadable,
    )
    plan.problems.sort(key=lambda p: (_sheet_order(plan, p.place.sheet), p.place.row or 0, _column_key(p.place.column)))
    return plan


def _sheet_order(plan: ImportPlan, sheet: str) -> int:
    return next((i for i, s in enumerate(plan.sheets) if s.name == sheet), -1)


def _column_key(column: str | None) -> tuple[int, str]:
    return (len(column or ""), column or "")


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _plan_member(
    plan: ImportPlan,
    known: _Known,
    number: str,
    rows: list[MemberRow],
    settings: list[SettingsSpan],
    member_plans: dict[str, MemberPlan],
    member_areas: dict[str, int | None],
) -> None:
    first = rows[0]
    existing = known.members.get(number)
    name = existing[1] if existing else first.name
    plan.names[number] = name
    before = len(plan.problems)
    for row in rows:
        if not _same_name(row.name, name):
            whose = "i databasen" if existing else f"på rad {first.row}"
            whose_en = "in the database" if existing else f"on row {first.row}"
            plan.problems.append(
                Problem(
                    row.place("name"),
                    row.name,
                    f"Personnumret {number} tillhör {name} {whose}, inte {row.name}. Kontrollera personnumret.",
                    f"The personal number {number} belongs to {name} {whose_en}, not {row.name}. Check the number.",
                    "personal_number",
                )
            )
    # The member's work area: the latest placement row that names one.
    area_id: int | None = existing[2] if existing else None
    if not existing:
        for row in reversed(rows):
            if row.work_area:
                found = known.areas.get(normal(row.work_area))
                if found is None:
                    plan.problems.append(_unknown(row, "work_area", row.work_area, known.areas))
                else:
                    area_id = found[0]
                break
    member_areas[number] = area_id
    old_placements = known.placements.get(existing[0], []) if existing else []
    spans: list[tuple[PlacementSpan, MemberRow | None]] = [
        (PlacementSpan(p.start, p.end, p.district_id), None) for p in old_placements
    ]
    new_placements: list[NewPlacement] = []
    for row, end in _placements_of(rows):
        district = known.districts.get(normal(row.district))
        if district is None:
            plan.problems.append(_unknown(row, "district", row.district, known.districts))
            continue
        same = next((p for p in old_placements if p.start == row.start and p.district_id == district[0]), None)
        if same is not None:
            if same.decision_ref != row.decision_ref or same.end != end:
                plan.problems.append(
                    Problem(
                        row.place("decision_ref"),
                        row.decision_ref,
                        f"{name} har redan ett beslut från {row.start} hos {district[1]} med andra uppgifter "
                        f"(beslut {same.decision_ref}, till {same.end or 'tills vidare'}). Ändra det i coopdesk, "
                        "eller rätta raden.",
                        f"{name} already has a placement from {row.start} with {district[1]} with other details "
                        f"(decision {same.decision_ref}, until {same.end or 'further notice'}). Change it in coopdesk, "
                        "or correct the row.",
                        "exists",
                    )
                )
            else:
                plan.known["placements"] += 1
            continue
        locked = _locked_month(known, row.start, end)
        if locked:
            plan.problems.append(_locked_problem(row.place("start"), row.start.isoformat(), locked))
            continue
        spans.append((PlacementSpan(row.start, end, district[0]), row))
        new_placements.append(
            NewPlacement(
                number,
                district[0],
                district[1],
                row.decision_ref,
                row.start,
                end,
                row.case_worker,
                row.case_worker_phone,
                row.case_worker_email,
                row.place(),
            )
        )
    spans.sort(key=lambda s: s[0].start)
    for (earlier, earlier_row), (later, later_row) in itertools.pairwise(spans):
        if earlier.end is None or earlier.end >= later.start:
            culprit = later_row or earlier_row
            assert culprit is not None  # two stored placements never overlap
            plan.problems.append(
                Problem(
                    culprit.place("start"),
                    culprit.start.isoformat(),
                    f"{name} har redan ett beslut som gäller {later.start} (från {earlier.start}). Ett beslut i taget: "
                    "det förra beslutet måste sluta innan nästa börjar.",
                    f"{name} already has a placement active on {later.start} (from {earlier.start}). One placement "
                    "at a time: the earlier one must end before the next begins.",
                    "overlap",
                )
            )
    capacities = _plan_capacities(plan, known, number, name, rows, settings, existing)
    if len(plan.problems) > before:
        plan.troubled.add(number)
    else:
        if existing:
            plan.known["members"] += 1
        else:
            plan.members.append(NewMember(number, first.name, area_id, first.place("name")))
        plan.placements.extend(new_placements)
        plan.capacities.extend(capacities)
    old_plan = known.plans.get(existing[0], MemberPlan()) if existing else MemberPlan()
    member_plans[number] = MemberPlan(
        [s for s, _ in spans],
        [*old_plan.capacities, *(CapacitySpan(c.valid_from, c.percent, c.weekdays) for c in capacities)],
    )


def _placements_of(rows: list[MemberRow]) -> list[tuple[MemberRow, dt.date | None]]:
    """The placements the rows of one member give: (first row, end). Rows with the same district and
    decision reference, each starting the day after the one before ends, are one placement whose capacity
    changes on that day: the layout has one capacity per row, so this is how a capacity history within
    one decision is written (and how export-sheet writes it)."""
    result: list[tuple[MemberRow, dt.date | None]] = []
    last: MemberRow | None = None
    for row in rows:
        if (
            result
            and last is not None
            and last.end is not None
            and last.end + dt.timedelta(days=1) == row.start
            and normal(last.district) == normal(row.district)
            and last.decision_ref == row.decision_ref
        ):
            result[-1] = (result[-1][0], row.end)
        else:
            result.append((row, row.end))
        last = row
    return result


def _plan_capacities(
    plan: ImportPlan,
    known: _Known,
    number: str,
    name: str,
    rows: list[MemberRow],
    settings: list[SettingsSpan],
    existing: tuple[int, str, int | None] | None,
) -> list[NewCapacity]:
    """A capacity per placement row; one that changes between two placements begins a new period
    (capacity history, domain.md §2). A row without a capacity keeps the one before it."""
    old = known.plans.get(existing[0], MemberPlan()) if existing else MemberPlan()
    result: list[NewCapacity] = []
    current: tuple[int, frozenset[int]] | None = None
    for row in rows:
        opening = lookups.settings_in_force(settings, row.start).opening_weekdays
        if row.percent is None:
            if current is None and old.capacity_on(row.start) is None:
                plan.problems.append(
                    Problem(
                        row.place("percent"),
                        "",
                        f"Omfattning saknas för {name}s första beslut. Ange den i procent (1–100).",
                        f"The capacity of {name}'s first placement is missing. Give it in per cent (1–100).",
                        "percent",
                    )
                )
            continue
        try:
            days = check_weekdays(sorted(row.weekdays), "weekdays", opening) if row.weekdays else opening
        except ValidationError as error:
            plan.problems.append(
                Problem(
                    row.place("weekdays"),
                    ",".join(map(str, sorted(row.weekdays or ()))),
                    error.sv,
                    error.en,
                    "weekdays",
                )
            )
            continue
        wanted = (row.percent, days)
        if wanted == current:
            continue
        current = wanted
        in_force = old.capacity_on(row.start)
        if in_force is not None and (in_force.percent, frozenset(in_force.weekdays)) == wanted:
            plan.known["capacities"] += 1
            continue
        if any(c.valid_from == row.start for c in old.capacities):
            plan.problems.append(
                Problem(
                    row.place("percent"),
                    f"{row.percent} %",
                    f"{name} har redan en annan omfattning från {row.start} i databasen.",
                    f"{name} already has another capacity from {row.start} in the database.",
                    "exists",
                )
            )
            continue
        later = [c.valid_from for c in old.capacities if c.valid_from > row.start]
        locked = _locked_month(known, row.start, min(later) - dt.timedelta(days=1) if later else None)
        if locked:
            plan.problems.append(_locked_problem(row.place("percent"), f"{row.percent} %", locked))
            continue
        result.append(NewCapacity(number, row.start, row.percent, days, row.place("percent")))
    return result


def _unknown(row: MemberRow, key: str, value: str, names: dict[str, tuple[int, str]]) -> Problem:
    listed = ", ".join(sorted((n for _, n in names.values()), key=swedish_key)) or "inga"
    listed_en = ", ".join(sorted((n for _, n in names.values()), key=swedish_key)) or "none"
    what_sv, what_en = ("Beställaren", "The district") if key == "district" else ("Arbetsområdet", "The work area")
    return Problem(
        row.place(key),
        value,
        f"{what_sv} {value} finns inte i coopdesk. Finns: {listed}. Lägg till den först, eller rätta namnet.",
        f"{what_en} {value} does not exist in coopdesk. Known: {listed_en}. Add it first, or correct the name.",
        key,
    )


def _who(cell: DayCell, by_name: dict[str, set[str]], numbers: set[str], today: dt.date) -> str | Problem:
    """The personal number of the member a month row names (by personal number or by name)."""
    digits = cell.who.replace("-", "").replace("+", "").replace(" ", "")
    place = Place(cell.sheet, cell.row, cell.who_column)
    if digits.isdigit() and len(digits) in (10, 12):
        try:
            number = normalize_personal_number(cell.who, today)
        except ValidationError as error:
            return Problem(place, cell.who, error.sv, error.en, "personal_number")
        if number in numbers:
            return number
    else:
        found = by_name.get(normal(cell.who), set())
        if len(found) == 1:
            return next(iter(found))
        if len(found) > 1:
            return Problem(
                place,
                cell.who,
                f"Det finns {len(found)} medlemmar som heter {cell.who}; skriv personnumret i stället för namnet.",
                f"There are {len(found)} members called {cell.who}; write the personal number instead of the name.",
                "member",
            )
    return Problem(
        place,
        cell.who,
        f"{cell.who} finns varken i medlemsbladet eller i coopdesk. Lägg till medlemmen i medlemsbladet, "
        "eller rätta namnet.",
        f"{cell.who} is neither in the member sheet nor in coopdesk. Add the member to the member sheet, "
        "or correct the name.",
        "member",
    )


def _plan_days(
    session: Session,
    plan: ImportPlan,
    known: _Known,
    day_cells: list[DayCell],
    member_plans: dict[str, MemberPlan],
    member_areas: dict[str, int | None],
    work_plan: WorkPlan,
    today: dt.date,
    aliases: set[tuple[str, str]],
    unreadable: set[str],
) -> None:
    if not day_cells:
        return
    # A month row names a member as the database or any member row does (a name written two ways).
    by_name: dict[str, set[str]] = defaultdict(set)
    for number, name in plan.names.items():
        by_name[normal(name)].add(number)
    for name, number in aliases:
        by_name[name].add(number)
    existing_days = _existing_days(session, known, day_cells)
    told_rows: set[tuple[str, int]] = set()
    told_locks: set[str] = set()
    gathered: dict[tuple[str, dt.date], _Day] = {}
    for cell in day_cells:
        who = _who(cell, by_name, set(member_plans), today)
        if isinstance(who, Problem):
            if who_key(cell.who, today) in unreadable:
                continue  # its member row has a problem of its own
            if (cell.sheet, cell.row) not in told_rows:
                told_rows.add((cell.sheet, cell.row))
                plan.problems.append(who)
            continue
        if who in plan.troubled:
            continue
        month = str(Month.of(cell.day))
        if month in known.locks:
            if cell.sheet not in told_locks:
                told_locks.add(cell.sheet)
                plan.problems.append(_locked_problem(cell.place(), cell.written, month))
            continue
        _gather(plan, known, gathered, who, cell)
    for (who, day), found in gathered.items():
        if found.main is None and not found.areas:
            continue  # its only cell was refused
        _plan_day(
            plan, known, who, day, found, member_plans[who], member_areas.get(who), work_plan, today, existing_days
        )


@dataclass
class _Day:
    """One member-day as the month sheets give it: the month sheet's cell, and cells of area sheets."""

    main: DayCell | None = None
    areas: dict[int, DayCell] = field(default_factory=dict)

    @property
    def first(self) -> DayCell:
        return self.main or next(iter(self.areas.values()))


def _gather(
    plan: ImportPlan, known: _Known, gathered: dict[tuple[str, dt.date], _Day], who: str, cell: DayCell
) -> None:
    """A cell to its member-day. A sheet named after a work area as well as the month (``2026-05
    Glasverkstad``) holds hours in that area; the month sheet itself, hours in the member's own area."""
    found = gathered.setdefault((who, cell.day), _Day())
    area = known.areas.get(normal(cell.label)) if cell.label else None
    name = plan.names[who]
    other = found.main if area is None else found.areas.get(area[0])
    if other is not None:
        plan.problems.append(
            Problem(
                cell.place(),
                cell.written,
                f"{name} {cell.day} står redan i {other.place().text('sv')}.",
                f"{name} {cell.day} is already given in {other.place().text('en')}.",
                "duplicate",
            )
        )
        return
    if area is None:
        found.main = cell
    elif cell.status != "present":
        plan.problems.append(
            Problem(
                cell.place(),
                cell.written,
                f"Bladet för {area[1]} tar bara timmar; frånvaro skrivs på månadens eget blad.",
                f"The sheet of {area[1]} takes hours only; an absence goes on the month's own sheet.",
                "hours",
            )
        )
    else:
        found.areas[area[0]] = cell


def _plan_day(
    plan: ImportPlan,
    known: _Known,
    who: str,
    day: dt.date,
    found: _Day,
    member_plan: MemberPlan,
    area: int | None,
    work_plan: WorkPlan,
    today: dt.date,
    existing_days: dict[tuple[str, dt.date], tuple[str, dict[int, Decimal]]],
) -> None:
    name = plan.names[who]
    cell = found.first
    main = found.main
    status = main.status if main is not None else "present"
    hours: dict[int, Decimal | str] = {a: c.hours for a, c in found.areas.items() if c.hours is not None}
    if main is not None and main.status == "present" and main.hours is not None:
        if area is None:
            plan.problems.append(
                Problem(
                    main.place(),
                    main.written,
                    f"{name} har inget arbetsområde; timmarna hamnar i medlemmens arbetsområde. Fyll i kolumnen "
                    "Arbetsområde i medlemsbladet.",
                    f"{name} has no work area; the hours go into the member's work area. Fill in the column "
                    "Arbetsområde in the member sheet.",
                    "work_area",
                )
            )
            return
        if area in hours:
            other = found.areas[area]
            plan.problems.append(
                Problem(
                    other.place(),
                    other.written,
                    f"{name} {day}: timmarna i {known.area_names[area]} står redan på {main.place().text('sv')}.",
                    f"{name} {day}: the hours in {known.area_names[area]} are already given in "
                    f"{main.place().text('en')}.",
                    "duplicate",
                )
            )
            return
        hours[area] = main.hours
    try:
        parsed = check_day(
            member_name=name,
            day=day,
            status=status,
            hours=hours,
            area_names=known.area_names,
            placement_active=member_plan.placement_on(day) is not None,
            planned=work_plan.planned_hours(member_plan, day),
            today=today,
        )
    except ValidationError as error:
        plan.problems.append(Problem(cell.place(), cell.written, error.sv, error.en, "day"))
        return
    stored = existing_days.get((who, day))
    if stored is not None:
        if stored == (status, parsed):
            plan.known["days"] += 1
        else:
            plan.problems.append(
                Problem(
                    cell.place(),
                    cell.written,
                    f"{name} {day} är redan registrerad på annat sätt i coopdesk; ändra dagen i Månad, "
                    "eller rätta cellen.",
                    f"{name} {day} is already registered differently in coopdesk; change the day in Månad, "
                    "or correct the cell.",
                    "exists",
                )
            )
        return
    plan.days.append(NewDay(who, day, status, parsed, cell.place()))


def _existing_days(
    session: Session, known: _Known, cells: list[DayCell]
) -> dict[tuple[str, dt.date], tuple[str, dict[int, Decimal]]]:
    """The stored records of the known members in the file's months: (number, day) → (status, hours)."""
    if not known.members:
        return {}
    first, last = min(c.day for c in cells), max(c.day for c in cells)
    numbers = {member_id: number for number, (member_id, _, _) in known.members.items()}
    result: dict[tuple[str, dt.date], tuple[str, dict[int, Decimal]]] = {}
    for record in session.scalars(select(Attendance).where(Attendance.day >= first, Attendance.day <= last)):
        number = numbers.get(record.member_id)
        if number is not None:
            result[(number, record.day)] = (record.status, {h.work_area_id: h.hours for h in record.hours})
    return result
