"""Validation of a whole ``coopdesk/1`` document in memory, before anything is written.

Each section is checked with the rules of core/rules.py (the same ones the services use) and turned
into rows with ids assigned, ready for bulk insert. The first broken rule raises a ValidationError
whose field is the JSON path, such as ``members[3].placements[0].start``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from coopdesk.core.calendar import CoopCalendar, Month
from coopdesk.core.errors import ValidationError, shown
from coopdesk.core.exchange import FORMAT, READABLE_FORMATS, end_reasons, issued_part, social_part
from coopdesk.core.exchange import reader as r
from coopdesk.core.exchange.employees import validate_employees
from coopdesk.core.exchange.parsed import Parsed, member_key
from coopdesk.core.exchange.parsed import optional_list as _optional_list
from coopdesk.core.exchange.parsed import unique as _unique
from coopdesk.core.exchange.validation_districts import districts as _districts
from coopdesk.core.personal_number import normalize_org_number, normalize_personal_number
from coopdesk.core.rules import (
    CapacitySpan,
    MemberPlan,
    PlacementSpan,
    WorkPlan,
    check_activity,
    check_attendance,
    check_hours_by_area,
    check_no_overlap,
    check_percent,
    check_period,
    check_status,
    check_supervisor_day_total,
    check_weekdays,
)

__all__ = ["Parsed", "validate"]

TOP_KEYS = (
    "format",
    "cooperative",
    "work_areas",
    "districts",
    "members",
    "supervisors",
    "attendance",
    "supervisor_hours",
)


def validate(document: Any, today: dt.date) -> Parsed:
    version = document.get("format") if isinstance(document, dict) else None
    later: tuple[str, ...] = ("employees",) if version == FORMAT else ()  # what coopdesk/2 adds to coopdesk/1
    later += social_part.TOP_KEYS if version == FORMAT else ()  # checked and written by exchange/social_part.py
    later += issued_part.top_keys(version)  # checked and written by exchange/issued_part.py
    doc = r.obj(document, "", ("format", *TOP_KEYS[1:]), ("month_locks", *later))
    if doc["format"] not in READABLE_FORMATS:
        wanted = " eller ".join(repr(f) for f in READABLE_FORMATS)
        wanted_en = " or ".join(repr(f) for f in READABLE_FORMATS)
        raise r.fail(
            "format",
            doc["format"],
            f"Formatet {shown(doc['format'])} känns inte igen; det måste vara {wanted}.",
            f"The format {shown(doc['format'])} is not recognised; it must be {wanted_en}.",
        )
    parsed = Parsed(format=doc["format"])
    _work_areas(doc["work_areas"], parsed)
    coop = r.obj(
        doc["cooperative"],
        "cooperative",
        ("name", "opening_weekdays", "full_time_hours_per_week"),
        ("host_district", "org_number", "address", "closure_days", *issued_part.invoicing_key(parsed.format)),
    )
    opening = _opening_weekdays(coop["opening_weekdays"], "cooperative.opening_weekdays")
    _districts(doc["districts"], parsed)
    _cooperative(coop, opening, parsed)
    plan = WorkPlan(
        CoopCalendar(opening, frozenset(parsed.closure_days)), parsed.cooperative["full_time_hours_per_week"]
    )
    _members(doc["members"], opening, parsed, today)
    _supervisors(doc["supervisors"], parsed)
    _attendance(doc["attendance"], plan, today, parsed)
    _supervisor_hours(doc["supervisor_hours"], parsed)
    _month_locks(doc.get("month_locks"), parsed)
    parsed.employees = validate_employees(doc.get("employees"), today)
    parsed.issued = issued_part.validate_part(doc, parsed)
    return parsed


def _work_areas(value: Any, parsed: Parsed) -> None:
    seen: set[str] = set()
    for path, item in r.items(value, "work_areas"):
        area = r.obj(item, path, ("name",))
        name = r.text(area["name"], f"{path}.name", 100)
        assert name is not None
        _unique(seen, name.casefold(), f"{path}.name", name, "Arbetsområdet", "The work area")
        parsed.work_areas[name] = len(parsed.work_areas) + 1


def _opening_weekdays(value: Any, path: str) -> frozenset[int]:
    try:
        return check_weekdays(value, path, frozenset(range(1, 8)))
    except ValidationError as error:
        raise r.wrap(path, error) from None


def _cooperative(coop: dict[str, Any], opening: frozenset[int], parsed: Parsed) -> None:
    org = None
    if coop.get("org_number") is not None:
        try:
            org = normalize_org_number(r.expect(coop["org_number"], str, "cooperative.org_number"))
        except ValidationError as error:
            raise r.wrap("cooperative.org_number", error) from None
    full_time = r.decimal(
        coop["full_time_hours_per_week"], "cooperative.full_time_hours_per_week", positive=True, maximum=Decimal(168)
    )
    # A cooperative that has not chosen its host district yet exports null; that must import again.
    host = r.text(coop.get("host_district"), "cooperative.host_district", required=False)
    if host is not None and host not in parsed.district_ids:
        raise r.fail(
            "cooperative.host_district",
            host,
            f"Värdstadsdelen {shown(host)} finns inte bland beställarna (districts).",
            f"The host district {shown(host)} is not among the districts.",
        )
    seen: set[dt.date] = set()
    for path, item in r.items(_optional_list(coop.get("closure_days")), "cooperative.closure_days"):
        day = r.date(item, path)
        assert day is not None
        _unique(seen, day, path, item, "Stängningsdagen", "The closure day")
        parsed.closure_days.append(day)
    parsed.cooperative = {
        "id": 1,
        "name": r.text(coop["name"], "cooperative.name"),
        "org_number": org,
        "address": r.text(coop.get("address"), "cooperative.address", 300, required=False),
        "opening_weekdays": opening,
        "full_time_hours_per_week": full_time,
        "host_district_id": parsed.district_ids[host] if host is not None else None,
    }


def _members(value: Any, opening: frozenset[int], parsed: Parsed, today: dt.date) -> None:
    numbers: set[str] = set()
    for path, item in r.items(value, "members"):
        m = r.obj(item, path, ("key", "name", "personal_number"), ("primary_work_area", "placements", "capacity"))
        key = r.text(m["key"], f"{path}.key", 100)
        if key in parsed.member_ids:
            raise r.fail(
                f"{path}.key",
                key,
                f"Nyckeln {key!r} finns redan tidigare i filen.",
                f"The key {key!r} occurs earlier in the file.",
            )
        name = r.text(m["name"], f"{path}.name")
        assert key is not None and name is not None
        # null: an erased (gallrad) member, whose placements must all have ended (checked below)
        number: str | None = None
        if m["personal_number"] is not None:
            try:
                number = normalize_personal_number(
                    r.expect(m["personal_number"], str, f"{path}.personal_number"), today
                )
            except ValidationError as error:
                raise r.wrap(f"{path}.personal_number", error) from None
            _unique(
                numbers, number, f"{path}.personal_number", m["personal_number"], "Personnumret", "The personal number"
            )
        area = m.get("primary_work_area")
        if area is not None and (not isinstance(area, str) or area not in parsed.work_areas):
            raise r.fail(
                f"{path}.primary_work_area",
                area,
                f"Arbetsområdet {shown(area)} finns inte i work_areas.",
                f"The work area {shown(area)} is not in work_areas.",
            )
        member_id = len(parsed.members) + 1
        parsed.member_ids[key] = member_id
        parsed.member_names[member_id] = name
        parsed.members.append(
            {
                "id": member_id,
                "name": name,
                "personal_number": number,
                "primary_work_area_id": parsed.work_areas.get(area) if area else None,
                # coopdesk/1 has no time of erasure: an erased member counts as erased from the import day
                "erased_at": None if number is not None else dt.datetime.combine(today, dt.time()),
            }
        )
        spans = _placements(_optional_list(m.get("placements")), f"{path}.placements", member_id, name, parsed)
        if number is None and (not spans or any(s.end is None or s.end >= today for s in spans)):
            raise r.fail(
                f"{path}.personal_number",
                None,
                "Personnumret saknas. Bara en gallrad medlem, vars alla beslut har upphört, kan sakna personnummer.",
                "The personal number is missing. Only an erased member, all of whose placements have ended, may "
                "have none.",
            )
        capacities = _capacity(_optional_list(m.get("capacity")), f"{path}.capacity", member_id, opening, parsed)
        parsed.plans[member_id] = MemberPlan(spans, capacities)


def _placements(value: Any, path: str, member_id: int, name: str, parsed: Parsed) -> list[PlacementSpan]:
    spans: list[PlacementSpan] = []
    for ppath, item in r.items(value, path):
        extra = end_reasons.placement_keys(parsed.format)
        p = r.obj(item, ppath, ("district", "decision_ref", "start"), ("case_worker", "end", *extra))
        district = p["district"]
        if not isinstance(district, str) or district not in parsed.district_ids:
            raise r.fail(
                f"{ppath}.district",
                district,
                f"Beställaren {shown(district)} finns inte i districts.",
                f"The district {shown(district)} is not in districts.",
            )
        start = r.date(p["start"], f"{ppath}.start")
        end = r.date(p.get("end"), f"{ppath}.end", required=False)
        assert start is not None
        try:
            check_period(start, end, f"{ppath}.end")
        except ValidationError as error:
            raise r.wrap(f"{ppath}.end", error) from None
        span = PlacementSpan(start, end, parsed.district_ids[district], len(parsed.placements) + 1)
        try:
            check_no_overlap(name, [*spans, span], f"{ppath}.start")
        except ValidationError as error:
            raise r.wrap(f"{ppath}.start", error) from None
        spans.append(span)
        parsed.placements.append(
            {
                "id": span.id,
                "member_id": member_id,
                "district_id": span.district_id,
                "decision_ref": r.text(p["decision_ref"], f"{ppath}.decision_ref", 100),
                "case_worker": r.text(p.get("case_worker"), f"{ppath}.case_worker", required=False),
                "start": start,
                "end": end,
                "end_reason": end_reasons.read_end_reason(p, ppath, end),
            }
        )
    return spans


def _capacity(value: Any, path: str, member_id: int, opening: frozenset[int], parsed: Parsed) -> list[CapacitySpan]:
    spans: list[CapacitySpan] = []
    seen: set[dt.date] = set()
    for cpath, item in r.items(value, path):
        c = r.obj(item, cpath, ("valid_from", "percent"), ("weekdays",))
        valid_from = r.date(c["valid_from"], f"{cpath}.valid_from")
        assert valid_from is not None
        _unique(seen, valid_from, f"{cpath}.valid_from", c["valid_from"], "Omfattningen från", "A capacity from")
        try:
            percent = check_percent(c["percent"], f"{cpath}.percent")
        except ValidationError as error:
            raise r.wrap(f"{cpath}.percent", error) from None
        weekdays = opening
        if c.get("weekdays") is not None:
            try:
                weekdays = check_weekdays(c["weekdays"], f"{cpath}.weekdays", opening)
            except ValidationError as error:
                raise r.wrap(f"{cpath}.weekdays", error) from None
        spans.append(CapacitySpan(valid_from, percent, weekdays))
        parsed.capacities.append(
            {"member_id": member_id, "valid_from": valid_from, "percent": percent, "weekdays": weekdays}
        )
    return spans


def _supervisors(value: Any, parsed: Parsed) -> None:
    for path, item in r.items(value, "supervisors"):
        s = r.obj(item, path, ("key", "name", "fte_percent"))
        key = r.text(s["key"], f"{path}.key", 100)
        if key in parsed.supervisor_ids:
            raise r.fail(
                f"{path}.key",
                key,
                f"Nyckeln {key!r} finns redan tidigare i filen.",
                f"The key {key!r} occurs earlier in the file.",
            )
        try:
            fte = check_percent(s["fte_percent"], f"{path}.fte_percent", "Tjänstgöringsgraden", "The FTE percentage")
        except ValidationError as error:
            raise r.wrap(f"{path}.fte_percent", error) from None
        supervisor_id = len(parsed.supervisors) + 1
        assert key is not None
        parsed.supervisor_ids[key] = supervisor_id
        parsed.supervisors.append({"id": supervisor_id, "name": r.text(s["name"], f"{path}.name"), "fte_percent": fte})


def _attendance(value: Any, plan: WorkPlan, today: dt.date, parsed: Parsed) -> None:
    seen: set[tuple[int, dt.date]] = set()
    for path, item in r.items(value, "attendance"):
        r.expect(item, dict, path)
        status = item.get("status")
        required = ("member", "date", "status", "hours") if status == "present" else ("member", "date", "status")
        a = r.obj(item, path, required, () if status == "present" else ("hours",))
        member_id = member_key(a["member"], f"{path}.member", parsed.member_ids)
        day = r.date(a["date"], f"{path}.date")
        assert day is not None
        if (member_id, day) in seen:
            raise r.fail(
                f"{path}.date",
                a["date"],
                f"{parsed.member_names[member_id]} har redan en närvaropost {day} tidigare i filen.",
                f"{parsed.member_names[member_id]} already has an attendance record on {day} earlier in the file.",
            )
        seen.add((member_id, day))
        try:
            check_status(status, f"{path}.status")
        except ValidationError as error:
            raise r.wrap(f"{path}.status", error) from None
        hours: dict[str, Decimal] = {}
        if status == "present":
            r.expect(a["hours"], dict, f"{path}.hours")
            for area, raw in a["hours"].items():
                if area not in parsed.work_areas:
                    raise r.fail(
                        f"{path}.hours.{area}",
                        area,
                        f"Arbetsområdet {shown(area)} finns inte i work_areas.",
                        f"The work area {shown(area)} is not in work_areas.",
                    )
                hours[area] = r.decimal(raw, f"{path}.hours.{area}", positive=True)
        name = parsed.member_names[member_id]
        member_plan = parsed.plans[member_id]
        try:
            if status == "present":
                check_hours_by_area(hours, "hours", name, day)
            check_attendance(
                member_name=name,
                day=day,
                status=status,
                has_hours=bool(hours) or a.get("hours") is not None,
                placement_active=member_plan.placement_on(day) is not None,
                planned=plan.planned_hours(member_plan, day),
                today=today,
            )
        except ValidationError as error:
            raise r.wrap(f"{path}.{error.field}", error) from None
        attendance_id = len(parsed.attendance) + 1
        parsed.attendance.append({"id": attendance_id, "member_id": member_id, "day": day, "status": status})
        for area, h in hours.items():
            parsed.attendance_hours.append(
                {"attendance_id": attendance_id, "work_area_id": parsed.work_areas[area], "hours": h}
            )


def _supervisor_hours(value: Any, parsed: Parsed) -> None:
    totals: dict[tuple[int, dt.date], Decimal] = defaultdict(Decimal)
    names = {s["id"]: s["name"] for s in parsed.supervisors}
    for path, item in r.items(value, "supervisor_hours"):
        h = r.obj(item, path, ("supervisor", "date", "hours", "activity"), ("work_area",))
        supervisor_id = parsed.supervisor_ids.get(h["supervisor"]) if isinstance(h["supervisor"], str) else None
        if supervisor_id is None:
            raise r.fail(
                f"{path}.supervisor",
                h["supervisor"],
                f"Handledaren {shown(h['supervisor'])} finns inte i supervisors.",
                f"The supervisor {shown(h['supervisor'])} is not in supervisors.",
            )
        day = r.date(h["date"], f"{path}.date")
        assert day is not None
        hours = r.decimal(h["hours"], f"{path}.hours", positive=True)
        try:
            activity = check_activity(h["activity"], f"{path}.activity")
        except ValidationError as error:
            raise r.wrap(f"{path}.activity", error) from None
        area = h.get("work_area")
        if area is not None and (not isinstance(area, str) or area not in parsed.work_areas):
            raise r.fail(
                f"{path}.work_area",
                area,
                f"Arbetsområdet {shown(area)} finns inte i work_areas.",
                f"The work area {shown(area)} is not in work_areas.",
            )
        totals[supervisor_id, day] += hours
        try:
            check_supervisor_day_total(names[supervisor_id], day, totals[supervisor_id, day], f"{path}.hours")
        except ValidationError as error:
            raise r.wrap(f"{path}.hours", error) from None
        parsed.supervisor_hours.append(
            {
                "supervisor_id": supervisor_id,
                "day": day,
                "hours": hours,
                "activity": activity,
                "work_area_id": parsed.work_areas.get(area) if area else None,
            }
        )


def _month_locks(value: Any, parsed: Parsed) -> None:
    seen: set[str] = set()
    for path, item in r.items(_optional_list(value), "month_locks"):
        lock = r.obj(item, path, ("month", "attested_by", "attested_at"))
        try:
            month = Month.parse(r.expect(lock["month"], str, f"{path}.month"))
        except ValidationError as error:
            raise r.wrap(f"{path}.month", error) from None
        _unique(seen, str(month), f"{path}.month", lock["month"], "Månaden", "The month")
        parsed.month_locks.append(
            {
                "month": str(month),
                "attested_by": r.text(lock["attested_by"], f"{path}.attested_by"),
                "attested_at": r.datetime(lock["attested_at"], f"{path}.attested_at"),
            }
        )
