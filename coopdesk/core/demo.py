"""A believable demo cooperative, as a ``coopdesk/1`` document (docs/interchange.md §1).

The demo is modelled on Kooperativet KOS in Norrmalm, Stockholm: about twenty members in copying, a
glass workshop and a café, placed by four funding districts, and 2.5 supervisors funded by the host
district. It serves three purposes: a first look at the program (``coopdesk import`` of the demo into
an empty database), realistic test data (every rule of docs/domain.md holds, so the importer must accept
it whole) and a benchmark (200 members over ten years is about half a million attendance records).

Everything is drawn from :class:`random.Random` instances seeded from ``seed`` and the member's
index, so the same arguments always give the same document (no clock, no hash order), and the first
twenty members always carry the same hand-picked names. The calendar is walked once: open days and
working days are computed for the whole range up front, and the per-member loops only look them up.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from coopdesk.core.calendar import CoopCalendar, is_working_day
from coopdesk.core.demo_calendar import between as _between
from coopdesk.core.demo_calendar import closure_days as _closure_days
from coopdesk.core.demo_calendar import event_saturdays as _event_saturdays
from coopdesk.core.demo_calendar import luhn_digit as _luhn_digit
from coopdesk.core.demo_calendar import monday as _monday
from coopdesk.core.demo_calendar import month_end as _month_end
from coopdesk.core.demo_invoicing import add_invoicing
from coopdesk.core.demo_people import DISTRICTS as _DISTRICTS
from coopdesk.core.demo_people import FEMALE as _FEMALE
from coopdesk.core.demo_people import MALE as _MALE
from coopdesk.core.demo_people import NAMED_MEMBERS as _NAMED_MEMBERS
from coopdesk.core.demo_people import STORY as _STORY
from coopdesk.core.demo_people import SUPERVISORS as _SUPERVISORS
from coopdesk.core.demo_people import SURNAMES as _SURNAMES
from coopdesk.core.demo_social import add_social_documentation

__all__ = ["demo_document"]

FORMAT = "coopdesk/2"
#: Why the demo's members left, in turn (domain.md §8): the yearly report has reasons to show. Chosen
#: by the member's number, not the random generator, so every other figure of the demo stays as it was.
_END_REASONS = ("work", "studies", "health", "own_choice", "other_activity", "moved", "other")
FULL_TIME_HOURS = 40
OPENING_WEEKDAYS = (1, 2, 3, 4, 5)
WORK_AREAS = ("Kopiering", "Glasverkstad", "Kaffestuga")
HOST = "Norrmalm"
_KAFFE = "Kaffestuga"


_PATTERNS = ((1, 2, 3, 4, 5),) * 20 + ((1, 2, 3, 4), (2, 3, 4, 5), (1, 2, 4, 5), (1, 3, 5), (1, 2, 3), (2, 4))
_PERCENT_WEIGHTS = {25: 2, 50: 4, 75: 3, 100: 2}
_MAX_PLANNED_QUARTERS = 32  # at most 8 planned hours a day: 100 % on three days would be 13 h 20 min

# Quarter hours → the shortest interchange text: 13 → "3.25", 16 → "4", 30 → "7.5".
_Q = tuple(f"{q // 4}{('', '.25', '.5', '.75')[q % 4]}" for q in range(97))


@dataclass
class _Member:
    key: str
    name: str
    personal_number: str
    area: str
    placements: list[dict[str, Any]] = field(default_factory=list)
    capacity: list[tuple[date, int, tuple[int, ...]]] = field(default_factory=list)


class _Days:
    """Every day of the data range with what the loops need, computed once."""

    def __init__(self, first: date, last: date, calendar: CoopCalendar, events: set[date]) -> None:
        self.first = first
        n = max(0, (last - first).days + 1)
        self.dates = [first + timedelta(days=i) for i in range(n)]
        self.iso = [d.isoformat() for d in self.dates]
        self.weekday = [d.isoweekday() for d in self.dates]
        self.open = [calendar.is_open_day(d) for d in self.dates]
        self.working = [is_working_day(d) for d in self.dates]
        self.event = [d in events for d in self.dates]

    def index(self, d: date) -> int:
        return (d - self.first).days


class _Generator:
    def __init__(self, today: date, members: int, years: float | None, seed: int, dense: bool = False) -> None:
        self.today, self.members, self.seed, self.dense = today, members, seed, dense
        self.last = today - timedelta(days=1)
        # No years: the whole of last calendar year and this one so far, with the story of _STORY.
        self.story = years is None
        if years is None:
            self.first = date(today.year - 1, 1, 1)
        else:
            self.first = (today - timedelta(days=round(years * 365.25))).replace(day=1)
        self.span = max(0, (self.last - self.first).days)
        self.closures = _closure_days(self.first, self.last)
        calendar = CoopCalendar(frozenset(OPENING_WEEKDAYS), frozenset(self.closures))
        self.days = _Days(self.first, self.last, calendar, _event_saturdays(self.first, self.last))
        self.used_numbers: set[str] = set()
        self.used_names: set[str] = set()
        self.used_refs: set[str] = set()

    def rng(self, *parts: object) -> random.Random:
        return random.Random(":".join(["coopdesk-demo", str(self.seed), *map(str, parts)]))

    # --- members -------------------------------------------------------------------------------

    def identity(self, i: int, rng: random.Random) -> tuple[str, str, date]:
        if i < len(_NAMED_MEMBERS):
            name, female = _NAMED_MEMBERS[i]
        else:
            while True:
                female = rng.random() < 0.5
                name = f"{rng.choice(_FEMALE if female else _MALE)} {rng.choice(_SURNAMES)}"
                if name not in self.used_names:
                    break
        self.used_names.add(name)
        born = date(rng.randint(1958, min(2002, self.first.year - 19)), 1, 1) + timedelta(days=rng.randint(0, 364))
        serial = rng.randint(0, 499) * 2 + (0 if female else 1)  # the ninth digit is even for women
        while True:
            nine = f"{born:%y%m%d}{serial:03d}"
            number = f"{born:%Y%m%d}-{nine[6:]}{_luhn_digit(nine)}"
            if number not in self.used_numbers:
                break
            serial = (serial + 2) % 1000
        self.used_numbers.add(number)
        return name, number, born

    def placement(self, rng: random.Random, district: int, start: date, end: date | None) -> dict[str, Any]:
        name, _, _, _, prefix, workers, _ = _DISTRICTS[district]
        while True:
            ref = f"{prefix}-{start.year}-{rng.randint(1, 2999):04d}"
            if ref not in self.used_refs:
                break
        self.used_refs.add(ref)
        return {
            "district": name,
            "decision_ref": ref,
            "case_worker": rng.choice(workers),
            "start": start,
            "end": end,
        }

    def member(self, i: int) -> _Member:
        rng = self.rng("member", i)
        name, number, born = self.identity(i, rng)
        area = rng.choices(WORK_AREAS, weights=(4, 3, 3))[0]
        m = _Member(f"m{i + 1}", name, number, area)
        district = rng.choices(range(len(_DISTRICTS)), weights=[d[6] for d in _DISTRICTS])[0]
        first, last, span = self.first, self.last, self.span
        adult = date(born.year + 18, born.month, min(born.day, 28) if born.month == 2 else born.day)

        story = _STORY.get(i) if self.story else None
        came = self.window(story, "came", last - timedelta(days=30))
        leaves = self.window(story, "left", last - timedelta(days=7))
        move = self.window(story, "moved", last - timedelta(days=1))
        late = i % 10 == 5 and span >= 60 and story is None
        if came is not None:
            start = _between(rng, *came)
        elif late:
            start = first + timedelta(days=rng.randint(span // 10, span * 2 // 5))
        else:
            start = first - timedelta(days=rng.randint(0, 1500))
        start = _monday(max(start, adult))
        if start < adult:
            start += timedelta(days=7)
        start = min(start, last)

        lo = max(start, first)
        changes = i % 10 == 3 or (i == 0 and self.members < 4) or move is not None
        ends = i % 10 == 7 and story is None
        if changes:
            if move is not None:
                moved = _month_end(_between(rng, max(move[0], lo + timedelta(days=30)), move[1]))
                moved = max(start, min(moved, last - timedelta(days=1)))
            elif (last - lo).days >= 60:
                moved = _month_end(
                    _between(
                        rng, lo + timedelta(days=(last - lo).days // 4), lo + timedelta(days=(last - lo).days * 3 // 4)
                    )
                )
                moved = max(start, min(moved, last - timedelta(days=1)))
            else:
                moved = lo + (last - lo) // 2
            other = (district + rng.randint(1, len(_DISTRICTS) - 1)) % len(_DISTRICTS)
            m.placements.append(self.placement(rng, district, start, moved))
            m.placements.append(self.placement(rng, other, moved + timedelta(days=1), None))
        else:
            end, reason = None, _END_REASONS[(i // 10) % len(_END_REASONS)]
            if story is not None and leaves is not None and leaves[1] >= lo + timedelta(days=60):
                end = _between(rng, max(leaves[0], lo + timedelta(days=60)), leaves[1])
                reason = str(story["left"][3])
            elif ends and (last - lo).days >= 60:
                end = _between(rng, lo + timedelta(days=(last - lo).days * 2 // 3), last - timedelta(days=7))
            m.placements.append(self.placement(rng, district, start, end))
            if end is not None:
                m.placements[-1]["end_reason"] = reason

        # Capacity: the first period at the placement start, then changes within the data range.
        active_end = min(m.placements[-1]["end"] or last, last)
        dates: set[date] = set()
        wanted = (1 if i % 3 == 1 else 0) + sum(rng.random() < 0.25 for _ in range(int(span / 365)))
        if changes and rng.random() < 0.5:
            dates.add(m.placements[1]["start"])
        for _ in range(wanted):
            if (active_end - lo).days > 60:
                dates.add(_monday(_between(rng, lo + timedelta(days=30), active_end - timedelta(days=14))))
        pattern, percent = self.capacity_choice(rng, None, self.dense)
        m.capacity.append((start, percent, pattern))
        for valid_from in sorted(d for d in dates if d > start):
            pattern, percent = self.capacity_choice(rng, (pattern, percent), self.dense)
            m.capacity.append((valid_from, percent, pattern))
        return m

    def window(self, story: dict[str, tuple[Any, ...]] | None, event: str, limit: date) -> tuple[date, date] | None:
        """A story event's months (year counted from the first year of data) as dates, up to ``limit``."""
        spec = story.get(event) if story else None
        if spec is None:
            return None
        year = self.first.year + spec[0]
        lo, hi = date(year, spec[1], 1), min(_month_end(date(year, spec[2], 1)), limit)
        return (lo, hi) if lo <= hi else None

    @staticmethod
    def capacity_choice(
        rng: random.Random, previous: tuple[tuple[int, ...], int] | None, dense: bool = False
    ) -> tuple[tuple[int, ...], int]:
        while True:
            pattern = rng.choice(_PATTERNS)
            if dense:
                pattern = OPENING_WEEKDAYS
            allowed = [p for p in _PERCENT_WEIGHTS if p * FULL_TIME_HOURS / 100 / len(pattern) <= 8]
            percent = rng.choices(allowed, weights=[_PERCENT_WEIGHTS[p] for p in allowed])[0]
            if (pattern, percent) != previous:
                return pattern, percent

    # --- attendance ----------------------------------------------------------------------------

    def leave_days(self, rng: random.Random) -> set[date]:
        """Summer vacation of 1–3 weeks each year, and for some a break around Christmas."""
        leave: set[date] = set()
        for year in range(self.first.year, self.last.year + 1):
            start = date.fromisocalendar(year, rng.randint(26, 31), 1)
            leave.update(start + timedelta(days=k) for k in range(7 * rng.choice((1, 2, 2, 3, 3)) - 2))
            if rng.random() < 0.45:
                leave.update(date(year, 12, day) for day in range(18, 24))
                leave.update(date(year + 1, 1, day) for day in range(2, 6))
        return leave

    def attendance(self, m: _Member, index: int, out: list[dict[str, Any]]) -> None:
        rng = self.rng("attendance", index)
        days, key, area = self.days, m.key, m.area
        others = [a for a in WORK_AREAS if a != area]
        leave = self.leave_days(rng)
        sickly = rng.uniform(0.5, 1.6)
        p_sick = 0.028 * sickly  # runs of 1–5 days, about 8 % of planned days on average
        p_short = rng.uniform(0.1, 0.3)  # how often the member goes home early
        p_cafe_event = 0.35 if area == _KAFFE else 0.1
        sick_left = 0
        capacity = m.capacity
        for placement in m.placements:
            lo = max(placement["start"], self.first)
            hi = min(placement["end"] or self.last, self.last)
            if hi < lo:
                continue
            c = 0
            for idx in range(days.index(lo), days.index(hi) + 1):
                d = days.dates[idx]
                while c + 1 < len(capacity) and capacity[c + 1][0] <= d:
                    c += 1
                _, percent, pattern = capacity[c]
                weekday = days.weekday[idx]
                if not (days.open[idx] and weekday in pattern):
                    # Not planned: now and then an extra day (a café Saturday, an unplanned weekday).
                    if days.event[idx] and rng.random() < p_cafe_event:
                        hours = {_KAFFE: _Q[rng.randint(12, 20)]}
                    elif days.open[idx] and rng.random() < 0.02:
                        hours = {area: _Q[rng.randint(8, 16)]}
                    else:
                        continue
                    out.append({"member": key, "date": days.iso[idx], "status": "present", "hours": hours})
                    continue
                if d in leave:
                    status = "leave"
                elif sick_left or rng.random() < p_sick:
                    sick_left = sick_left - 1 if sick_left else rng.choice((0, 0, 1, 1, 2, 3, 4))
                    status = "sick"
                else:
                    r = rng.random()
                    if r < 0.02 and not self.dense:
                        continue  # unregistered
                    status = (
                        "absent_notified"
                        if 0.02 <= r < 0.05
                        else "absent_unnotified"
                        if 0.05 <= r < 0.07
                        else "present"
                    )
                if status != "present":
                    out.append({"member": key, "date": days.iso[idx], "status": status})
                    continue
                n = 16 * percent  # planned quarters = percent / 100 × 40 h / days × 4, rounded half up
                planned = min(_MAX_PLANNED_QUARTERS, (2 * n + 10 * len(pattern)) // (20 * len(pattern)))
                r = rng.random()
                if r < p_short:
                    q = max(1, planned - rng.randint(1, 8))
                elif r > 0.9:
                    q = planned + rng.randint(1, 4)
                else:
                    q = planned
                if q >= 8 and rng.random() < 0.25:
                    part = rng.randint(2, min(8, q - 2))
                    hours = {area: _Q[q - part], rng.choice(others): _Q[part]}
                else:
                    hours = {area: _Q[q]}
                out.append({"member": key, "date": days.iso[idx], "status": "present", "hours": hours})

    # --- supervisors ---------------------------------------------------------------------------

    def supervisor_hours(self) -> list[dict[str, Any]]:
        days, out = self.days, []
        closed = set(self.closures)
        planning = {d for d in closed if d.month == 8}
        vacations = []
        for k, _ in enumerate(_SUPERVISORS):
            rng = self.rng("supervisor-vacation", k)
            vac = {d for d in closed if d not in planning}
            for year in range(self.first.year, self.last.year + 1):
                start = date.fromisocalendar(year, 27 + (0, 3, 1)[k] + rng.randint(0, 1), 1)
                vac.update(start + timedelta(days=j) for j in range(28))
                if rng.random() < 0.4:
                    start = date.fromisocalendar(year, rng.randint(7, 9), 1)
                    vac.update(start + timedelta(days=j) for j in range(7))
            vacations.append(vac)

        for k, (_, fte, own) in enumerate(_SUPERVISORS):
            rng, key, vac = self.rng("supervisor", k), f"s{k + 1}", vacations[k]
            full = 32 * fte // 100
            sick_left = 0
            for idx, d in enumerate(days.dates):
                iso = days.iso[idx]
                if days.event[idx] and idx % 3 == k and d not in vac:
                    out.append(self._entry(key, iso, 20, "supervision", _KAFFE))
                if not days.working[idx]:
                    continue
                if d in vac:
                    out.append(self._entry(key, iso, full, "vacation", None))
                    continue
                if sick_left or rng.random() < 0.012:
                    sick_left = sick_left - 1 if sick_left else rng.choice((0, 0, 1, 2, 3))
                    out.append(self._entry(key, iso, full, "sick", None))
                    continue
                if d in planning:
                    out.append(self._entry(key, iso, full, "administration", None))
                    continue
                if rng.random() < 0.02:
                    out.append(self._entry(key, iso, full, "training", None))
                    continue
                total = full + rng.choice((-2, -1, 0, 0, 0, 0, 0, 1, 2, 4))
                if rng.random() < 0.55:
                    admin = rng.randint(2, 6) * fte // 100
                    admin_area = rng.choice(WORK_AREAS) if rng.random() < 0.3 else None
                    out.append(self._entry(key, iso, admin, "administration", admin_area))
                    total -= admin
                if rng.random() < 0.03:
                    out.append(self._entry(key, iso, 8, "training", None))
                    total -= 8
                if total >= 12 and rng.random() < 0.2:
                    part = rng.randint(4, total - 8)
                    other = rng.choice([a for a in WORK_AREAS if a != own])
                    out.append(self._entry(key, iso, part, "supervision", other))
                    total -= part
                out.append(self._entry(key, iso, total, "supervision", own))
        return out

    @staticmethod
    def _entry(key: str, iso: str, quarters: int, activity: str, area: str | None) -> dict[str, Any]:
        entry = {"supervisor": key, "date": iso, "hours": _Q[quarters], "activity": activity}
        if area is not None:
            entry["work_area"] = area
        return entry

    # --- settings ------------------------------------------------------------------------------

    def districts(self, first_year: int) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = []
        for name, kind, contact, full_number, *_ in _DISTRICTS:
            result.append(
                {
                    "name": name,
                    "kind": kind,
                    "contact": contact,
                    "show_full_personal_number": full_number,
                    "tariffs": [],
                }
            )
        norrmalm, sodermalm, kungsholmen, tyreso = (d["tariffs"] for d in result)
        for year in range(first_year, self.today.year + 1):  # indexed every January
            full = round(450 * 1.025 ** (year - self.today.year))
            norrmalm.append(
                {
                    "valid_from": f"{year}-01-01",
                    "kind": "per_day",
                    "full_day_amount": f"{full}.00",
                    "half_day_amount": f"{round(full * 0.55)}.00",
                    "full_day_min_hours": "4",
                    "half_day_min_hours": "1",
                }
            )
        sodermalm.append({"valid_from": f"{first_year}-01-01", "kind": "per_hour", "hourly_amount": "88.00"})
        if self.today.year - 1 > first_year:
            sodermalm.append(
                {"valid_from": f"{self.today.year - 1}-07-01", "kind": "per_hour", "hourly_amount": "95.50"}
            )
        kungsholmen.append(
            {
                "valid_from": f"{first_year}-01-01",
                "kind": "per_day",
                "full_day_amount": "420.00",
                "full_day_min_hours": "3",
            }
        )
        tyreso.append(
            {
                "valid_from": f"{first_year}-01-01",
                "kind": "per_month",
                "bands": [
                    {"min_percent": 1, "amount": "4000.00"},
                    {"min_percent": 50, "amount": "7500.00"},
                    {"min_percent": 75, "amount": "9500.00"},
                ],
            }
        )
        return result

    def month_locks(self) -> list[dict[str, Any]]:
        rng, locks = self.rng("locks"), []
        last_month = self.today.replace(day=1) - timedelta(days=1)
        year, month = self.first.year, self.first.month
        while _month_end(date(year, month, 1)) < last_month.replace(day=1):
            following = _month_end(date(year, month, 1)) + timedelta(days=1)
            working = [d for d in (following + timedelta(days=j) for j in range(10)) if is_working_day(d)]
            at = working[rng.randint(1, 3)]
            by = _SUPERVISORS[rng.choice((0, 0, 1, 1, 2))][0]
            locks.append(
                {
                    "month": f"{year:04d}-{month:02d}",
                    "attested_by": by,
                    "attested_at": f"{at}T{rng.randint(8, 15):02d}:{rng.randint(0, 59):02d}:00",
                }
            )
            year, month = following.year, following.month
        return locks

    def document(self) -> dict[str, Any]:
        members = [self.member(i) for i in range(self.members)]
        attendance: list[dict[str, Any]] = []
        for i, m in enumerate(members):
            self.attendance(m, i, attendance)
        first_year = min(m.placements[0]["start"].year for m in members)
        return {
            "format": FORMAT,
            "cooperative": {
                "name": "Kooperativet KOS",
                "org_number": "802400-1235",
                "address": "Tegnérgatan 34, 113 59 Stockholm",
                "opening_weekdays": list(OPENING_WEEKDAYS),
                "full_time_hours_per_week": str(FULL_TIME_HOURS),
                "host_district": HOST,
                "closure_days": [d.isoformat() for d in self.closures],
            },
            "work_areas": [{"name": a} for a in WORK_AREAS],
            "districts": self.districts(first_year),
            "members": [
                {
                    "key": m.key,
                    "name": m.name,
                    "personal_number": m.personal_number,
                    "primary_work_area": m.area,
                    "placements": [
                        {**p, "start": p["start"].isoformat(), "end": p["end"] and p["end"].isoformat()}
                        for p in m.placements
                    ],
                    "capacity": [
                        {"valid_from": v.isoformat(), "percent": p, "weekdays": list(w)} for v, p, w in m.capacity
                    ],
                }
                for m in members
            ],
            "supervisors": [
                {"key": f"s{k + 1}", "name": name, "fte_percent": fte} for k, (name, fte, _) in enumerate(_SUPERVISORS)
            ],
            "attendance": attendance,
            "supervisor_hours": self.supervisor_hours(),
            "month_locks": self.month_locks(),
        }


def demo_document(
    today: date, *, members: int = 20, years: float | None = None, seed: int = 2026, dense: bool = False
) -> dict[str, Any]:
    """A complete, valid ``coopdesk/2`` document of a demo cooperative, as plain JSON-ready data.

    Attendance and supervisor hours run up to yesterday: by default (``years=None``) from 1 January of
    last year, so that last year's report (domain.md §8) is a whole year, with members who came and left
    in each of the two years (demo_people.STORY); with ``years`` from the first day of the month about
    that many years before ``today`` (the benchmarks' and tests' sizes, whose documents are unchanged by
    the default). Months older than last month are attested. Members are ``m1`` … ``mN``, supervisors
    ``s1`` … ``s3``. The same arguments always give the same document.

    ``dense=True`` is for benchmarks: every member works Monday–Friday and every planned day gets a
    record (no unregistered days), so 200 members over ten years come to about half a million
    attendance records. The default (``False``) document is unchanged by it.
    """
    if members < 1:
        raise ValueError(f"members must be at least 1, not {members}")
    if years is not None and years <= 0:
        raise ValueError(f"years must be positive, not {years}")
    document = add_invoicing(_Generator(today, members, years, seed, dense).document())
    add_social_documentation(document, today)  # plans, journal, a deviation (core/demo_social.py)
    return document


# --- employees with wage subsidy (domain.md §10) ------------------------------------------------

_EMPLOYEES = (  # name, birth date and serial (odd: a man), employment %
    ("Mikael Lundqvist", date(1979, 6, 14), 317, 75),
    ("Fatima Rahimi", date(1986, 2, 3), 482, 100),
)


def demo_employees(today: date) -> list[dict[str, Any]]:
    """The demo's two employees with wage subsidy, in the shape of ``coopdesk/2``'s ``employees``
    (interchange.md §3), dated from ``today``:

    - Mikael Lundqvist, 75 %, a ``lönebidrag för utveckling i anställning`` from 1 January last year
      that steps 80 → 60 → 40 % over three years (the 40 % step comes next January);
    - Fatima Rahimi, 100 %, a ``lönebidrag för trygghet i anställning`` that ends on 31 May next spring
      (this spring's, until February).

    Both have a standing wage cost (Mikael's raised this January, and one month of overtime as the
    month's own amount) and time reports from the first of the month three months ago up to yesterday.
    """
    last_year = date(today.year - 1, 1, 1)
    spring = today.year if today.month <= 2 else today.year + 1
    fatima_end = date(spring, 5, 31)
    fatima_start = date(spring - 2, 6, 1)
    first_report = date(today.year, today.month, 1)
    for _ in range(3):
        first_report = (first_report - timedelta(days=1)).replace(day=1)
    last_month = (date(today.year, today.month, 1) - timedelta(days=1)).strftime("%Y-%m")
    people: list[dict[str, Any]] = []
    for index, (name, born, serial, percent) in enumerate(_EMPLOYEES):
        nine = f"{born:%y%m%d}{serial:03d}"
        people.append(
            {
                "key": f"e{index + 1}",
                "name": name,
                "personal_number": f"{born:%Y%m%d}-{nine[6:]}{_luhn_digit(nine)}",
                "employment": [
                    {"valid_from": (last_year if index == 0 else fatima_start).isoformat(), "percent": percent}
                ],
            }
        )
    mikael, fatima = people
    mikael.update(
        {
            "start": last_year.isoformat(),
            "end": None,
            "wage_costs": [
                {"valid_from": last_year.isoformat(), "amount": "27400.00"},
                {"valid_from": f"{today.year}-01-01", "amount": "28300.00"},
            ],
            "wage_cost_months": [{"month": last_month, "amount": "29150.00"}],
            "subsidies": [
                {
                    "ref": f"AF-{last_year.year}-5561",
                    "kind": "lönebidrag för utveckling i anställning",
                    "start": last_year.isoformat(),
                    "end": f"{today.year + 1}-12-31",
                    "ceiling": "20000.00",
                    "steps": [
                        {"valid_from": last_year.isoformat(), "percent": 80},
                        {"valid_from": f"{today.year}-01-01", "percent": 60},
                        {"valid_from": f"{today.year + 1}-01-01", "percent": 40},
                    ],
                }
            ],
        }
    )
    fatima.update(
        {
            "start": fatima_start.isoformat(),
            "end": None,
            "wage_costs": [{"valid_from": fatima_start.isoformat(), "amount": "31800.00"}],
            "subsidies": [
                {
                    "ref": f"AF-{fatima_start.year}-0893",
                    "kind": "lönebidrag för trygghet i anställning",
                    "start": fatima_start.isoformat(),
                    "end": fatima_end.isoformat(),
                    "ceiling": "23000.00",
                    "steps": [
                        {"valid_from": fatima_start.isoformat(), "percent": 70},
                        {"valid_from": date(spring - 1, 6, 1).isoformat(), "percent": 65},
                    ],
                }
            ],
        }
    )
    for person, hours in ((mikael, 6), (fatima, 8)):
        rng = random.Random(f"coopdesk-demo-time:{person['key']}")
        time: list[dict[str, Any]] = []
        day = first_report
        while day < today:
            if is_working_day(day):
                roll = rng.random()
                kind = "sick" if roll < 0.04 else "vab" if roll < 0.06 else "vacation" if roll < 0.09 else "worked"
                time.append({"date": day.isoformat(), "kind": kind, "hours": str(hours)})
            day += timedelta(days=1)
        person["time"] = time
    return people


def add_demo_employees(session: Any, actor: Any, today: date) -> int:
    """Write :func:`demo_employees` into a new demo database (right after the demo's import): the
    employees, wage costs and decisions through the employees service, the time reports as the import
    writes attendance (the older months are attested already). Returns the number of employees."""
    from decimal import Decimal

    from coopdesk.core import audit
    from coopdesk.core.calendar import Month
    from coopdesk.core.models import TimeReport
    from coopdesk.core.services import employees as service

    people = demo_employees(today)
    for data in people:
        employment = data["employment"][0]
        person = service.add_employee(
            session,
            actor,
            data["name"],
            data["personal_number"],
            date.fromisoformat(data["start"]),
            percent=employment["percent"],
            today=today,
        )
        for cost in data["wage_costs"]:
            service.set_wage_cost(
                session, actor, person.id, cost["amount"], valid_from=date.fromisoformat(cost["valid_from"])
            )
        for cost in data.get("wage_cost_months", []):
            service.set_wage_cost(session, actor, person.id, cost["amount"], month=Month.parse(cost["month"]))
        for decision in data["subsidies"]:
            first, *later = decision["steps"]
            made = service.add_decision(
                session,
                actor,
                person.id,
                decision["ref"],
                decision["kind"],
                date.fromisoformat(decision["start"]),
                date.fromisoformat(decision["end"]),
                decision["ceiling"],
                first["percent"],
            )
            for step in later:
                service.add_step(session, actor, made.id, date.fromisoformat(step["valid_from"]), step["percent"])
        session.add_all(
            TimeReport(
                employee_id=person.id,
                day=date.fromisoformat(t["date"]),
                kind=t["kind"],
                hours=Decimal(t["hours"]),
            )
            for t in data["time"]
        )
        session.flush()
        audit.record(
            session,
            actor,
            "import",
            "time_report",
            person.id,
            summary=f"Demo: {len(data['time'])} dagar tidrapport för {person.name}",
        )
    return len(people)
