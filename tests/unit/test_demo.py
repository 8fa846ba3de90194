"""The demo document obeys docs/domain.md and docs/interchange.md §1 and §3 — checked here without a database.

Planned days are recomputed from the calendar functions and the document's own settings, not taken from
the generator, so a generator bug cannot hide behind its own arithmetic.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from coopdesk.core.calendar import holiday_name, is_working_day
from coopdesk.core.demo import demo_document
from coopdesk.core.personal_number import luhn_ok, normalize_personal_number

TODAY = date(2026, 5, 20)
YESTERDAY = TODAY - timedelta(days=1)

KEYS: dict[str, tuple[set[str], set[str]]] = {  # object: (required keys, optional keys)
    "document": (
        {"format", "cooperative", "work_areas", "districts", "members", "supervisors", "attendance",
         "supervisor_hours"},
        {"month_locks", "care_plans", "journal", "deviations"},
    ),
    "cooperative": (
        {"name", "opening_weekdays", "full_time_hours_per_week", "host_district"},
        {"org_number", "address", "closure_days", "invoicing"},
    ),
    "work_area": ({"name"}, set()),
    "district": ({"name", "kind"}, {"contact", "show_full_personal_number", "tariffs", "invoicing"}),
    "member": ({"key", "name", "personal_number", "placements", "capacity"}, {"primary_work_area"}),
    "placement": ({"district", "decision_ref", "start"}, {"case_worker", "end", "end_reason"}),
    "capacity": ({"valid_from", "percent"}, {"weekdays"}),
    "supervisor": ({"key", "name", "fte_percent"}, set()),
    "attendance": ({"member", "date", "status"}, {"hours"}),
    "supervisor_hours": ({"supervisor", "date", "hours", "activity"}, {"work_area"}),
    "month_lock": ({"month", "attested_by", "attested_at"}, set()),
}  # fmt: skip
TARIFF_KEYS = {
    "none": set(),
    "per_day": {"full_day_amount", "half_day_amount", "full_day_min_hours", "half_day_min_hours"},
    "per_hour": {"hourly_amount"},
    "per_month": {"bands"},
}
STATUSES = {"present", "sick", "absent_notified", "absent_unnotified", "leave"}
ACTIVITIES = {"supervision", "administration", "training", "vacation", "sick"}
NUMBER = re.compile(r"[0-9]+(\.[0-9]{1,2})?")
PERSONAL_NUMBER = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})-([0-9]{4})")


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return demo_document(TODAY)


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _hours(text: Any) -> Decimal:
    assert isinstance(text, str) and NUMBER.fullmatch(text), text
    return Decimal(text)


def _check_keys(obj: dict[str, Any], kind: str) -> None:
    required, optional = KEYS[kind]
    assert required <= obj.keys(), (kind, obj)
    assert obj.keys() <= required | optional, (kind, obj)


def _planned_days(doc: dict[str, Any], today: date) -> dict[str, set[date]]:
    """Every member's planned days up to yesterday, computed from domain.md §1–2 on its own."""
    coop = doc["cooperative"]
    opening = set(coop["opening_weekdays"])
    closures = {_d(c) for c in coop["closure_days"]}
    planned: dict[str, set[date]] = {}
    for member in doc["members"]:
        days: set[date] = set()
        periods = [(_d(c["valid_from"]), set(c.get("weekdays", opening))) for c in member["capacity"]]
        for placement in member["placements"]:
            d = _d(placement["start"])
            end = min(_d(placement["end"]) if placement["end"] else today, today - timedelta(days=1))
            while d <= end:
                weekdays = [w for start, w in periods if start <= d]
                if (
                    weekdays
                    and d.isoweekday() in weekdays[-1]
                    and d.isoweekday() in opening
                    and is_working_day(d)
                    and d not in closures
                ):
                    days.add(d)
                d += timedelta(days=1)
        planned[member["key"]] = days
    return planned


# --- the checks, shared by the default document and the other configurations ----------------------


def check_structure(doc: dict[str, Any]) -> None:
    assert doc["format"] == "coopdesk/2"
    assert json.loads(json.dumps(doc)) == doc  # plain JSON data, no dates or Decimals
    _check_keys(doc, "document")
    _check_keys(doc["cooperative"], "cooperative")
    for kind, items in (("work_area", "work_areas"), ("district", "districts"), ("member", "members"),
                        ("supervisor", "supervisors"), ("attendance", "attendance"),
                        ("supervisor_hours", "supervisor_hours"), ("month_lock", "month_locks")):  # fmt: skip
        for obj in doc[items]:
            _check_keys(obj, kind)
    for member in doc["members"]:
        for placement in member["placements"]:
            _check_keys(placement, "placement")
        for capacity in member["capacity"]:
            _check_keys(capacity, "capacity")
    for district in doc["districts"]:
        assert district["kind"] in {"stadsdel", "kommun"}
        for tariff in district.get("tariffs", []):
            assert tariff.keys() <= {"valid_from", "kind"} | TARIFF_KEYS[tariff["kind"]], tariff


def check_references(doc: dict[str, Any]) -> None:
    areas = {a["name"] for a in doc["work_areas"]}
    districts = {d["name"] for d in doc["districts"]}
    members = [m["key"] for m in doc["members"]]
    supervisors = [s["key"] for s in doc["supervisors"]]
    assert len(set(members)) == len(members) and len(set(supervisors)) == len(supervisors)
    assert doc["cooperative"]["host_district"] in districts
    for member in doc["members"]:
        assert member.get("primary_work_area", "Kopiering") in areas
        assert all(p["district"] in districts for p in member["placements"])
    for record in doc["attendance"]:
        assert record["member"] in members
        assert set(record.get("hours", {})) <= areas
    for entry in doc["supervisor_hours"]:
        assert entry["supervisor"] in supervisors
        assert entry.get("work_area", "Kopiering") in areas
    names = {s["name"] for s in doc["supervisors"]}
    assert all(lock["attested_by"] in names for lock in doc["month_locks"])


def check_numbers(doc: dict[str, Any], today: date) -> None:
    org = doc["cooperative"]["org_number"]
    assert re.fullmatch(r"[0-9]{6}-[0-9]{4}", org) and luhn_ok(org.replace("-", ""))
    numbers = [m["personal_number"] for m in doc["members"]]
    assert len(set(numbers)) == len(numbers)
    for number in numbers:
        match = PERSONAL_NUMBER.fullmatch(number)
        assert match, number
        born = date(int(match[1]), int(match[2]), int(match[3]))
        assert 1958 <= born.year <= 2002
        assert luhn_ok(number[2:8] + number[9:]), number
        assert normalize_personal_number(number, today) == number


def check_placements_and_capacity(doc: dict[str, Any]) -> None:
    opening = set(doc["cooperative"]["opening_weekdays"])
    for member in doc["members"]:
        placements = sorted(member["placements"], key=lambda p: p["start"])
        for p in placements:
            assert p["end"] is None or _d(p["start"]) <= _d(p["end"])
        for before, after in itertools.pairwise(placements):
            assert before["end"] is not None and _d(before["end"]) < _d(after["start"]), member["key"]
        capacity = member["capacity"]
        assert capacity[0]["valid_from"] == placements[0]["start"]
        starts = [_d(c["valid_from"]) for c in capacity]
        assert starts == sorted(set(starts)), member["key"]  # strictly increasing
        for c in capacity:
            assert c["percent"] in {25, 50, 75, 100}
            assert c["weekdays"] and set(c["weekdays"]) <= opening
            assert c["weekdays"] == sorted(set(c["weekdays"]))


def check_attendance(doc: dict[str, Any], today: date) -> None:
    planned = _planned_days(doc, today)
    placements = {m["key"]: m["placements"] for m in doc["members"]}
    seen: set[tuple[str, str]] = set()
    for record in doc["attendance"]:
        key, d = record["member"], _d(record["date"])
        assert (key, record["date"]) not in seen, record
        seen.add((key, record["date"]))
        assert d < today, record
        assert any(_d(p["start"]) <= d and (p["end"] is None or d <= _d(p["end"])) for p in placements[key]), record
        assert record["status"] in STATUSES
        if record["status"] == "present":
            hours = [_hours(h) for h in record["hours"].values()]
            assert hours and all(h > 0 for h in hours) and sum(hours) <= 24, record
        else:
            assert "hours" not in record
            assert d in planned[key], record
    assert sum(len(days) for days in planned.values()) > 0


def check_supervisor_hours(doc: dict[str, Any], today: date) -> None:
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for entry in doc["supervisor_hours"]:
        hours = _hours(entry["hours"])
        assert hours > 0 and _d(entry["date"]) < today
        assert entry["activity"] in ACTIVITIES
        totals[entry["supervisor"], entry["date"]] += hours
    assert all(total <= 24 for total in totals.values())
    first = min(_d(e["date"]) for e in doc["supervisor_hours"])
    working = [first + timedelta(days=i) for i in range((today - first).days)]
    working = [d for d in working if is_working_day(d)]
    for supervisor in doc["supervisors"]:
        days = {d for (s, d) in totals if s == supervisor["key"]}
        assert all(d.isoformat() in days for d in working), supervisor  # every working day is filled in
        worked = sum(t for (s, _), t in totals.items() if s == supervisor["key"])
        funded = Decimal(supervisor["fte_percent"]) * 8 / 100 * len(working)
        assert abs(worked - funded) < funded * Decimal("0.1"), (supervisor, worked, funded)
    assert sum(s["fte_percent"] for s in doc["supervisors"]) == 250


def check_calendar_settings(doc: dict[str, Any], today: date) -> None:
    first = min(_d(e["date"]) for e in doc["supervisor_hours"])
    closures = [_d(c) for c in doc["cooperative"]["closure_days"]]
    assert closures == sorted(set(closures))
    assert all(is_working_day(d) and first <= d < today for d in closures)


def check_month_locks(doc: dict[str, Any], today: date) -> None:
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    months = [lock["month"] for lock in doc["month_locks"]]
    assert months == sorted(set(months))
    if months:
        assert months[-1] == (last_month - timedelta(days=1)).strftime("%Y-%m")
    for lock in doc["month_locks"]:
        at = datetime.strptime(lock["attested_at"], "%Y-%m-%dT%H:%M:%S")
        month_end = (date.fromisoformat(lock["month"] + "-01") + timedelta(days=32)).replace(day=1)
        assert month_end <= at.date() < today and at.date() - month_end < timedelta(days=15)


def check_tariffs(doc: dict[str, Any]) -> None:
    for district in doc["districts"]:
        starts = [_d(t["valid_from"]) for t in district.get("tariffs", [])]
        assert starts == sorted(set(starts))
        for tariff in district.get("tariffs", []):
            for name in TARIFF_KEYS[tariff["kind"]] - {"bands"}:
                if name in tariff:
                    _hours(tariff[name])
            for band in tariff.get("bands", []):
                assert 1 <= band["min_percent"] <= 100 and _hours(band["amount"]) > 0


def check_all(doc: dict[str, Any], today: date) -> None:
    check_structure(doc)
    check_references(doc)
    check_numbers(doc, today)
    check_placements_and_capacity(doc)
    check_attendance(doc, today)
    check_supervisor_hours(doc, today)
    check_calendar_settings(doc, today)
    check_month_locks(doc, today)
    check_tariffs(doc)


# --- the default demo --------------------------------------------------------------------------------


def test_structure_and_known_keys(doc: dict[str, Any]) -> None:
    check_structure(doc)
    check_references(doc)


def test_numbers_carry_valid_check_digits(doc: dict[str, Any]) -> None:
    check_numbers(doc, TODAY)
    assert len(doc["members"]) == 20
    assert any(set(m["name"]) & set("åäöÅÄÖ") for m in doc["members"])


def test_placements_and_capacity(doc: dict[str, Any]) -> None:
    check_placements_and_capacity(doc)


def test_attendance_rules(doc: dict[str, Any]) -> None:
    check_attendance(doc, TODAY)


def test_supervisor_hours(doc: dict[str, Any]) -> None:
    check_supervisor_hours(doc, TODAY)


def test_settings_locks_and_tariffs(doc: dict[str, Any]) -> None:
    check_calendar_settings(doc, TODAY)
    check_month_locks(doc, TODAY)
    check_tariffs(doc)
    coop = doc["cooperative"]
    assert coop["host_district"] == "Norrmalm" and coop["opening_weekdays"] == [1, 2, 3, 4, 5]
    assert "2026-05-15" in coop["closure_days"]  # the Friday after Ascension Day
    assert {a["name"] for a in doc["work_areas"]} == {"Kopiering", "Glasverkstad", "Kaffestuga"}
    assert any(len(d.get("tariffs", [])) >= 2 for d in doc["districts"])
    assert any(d.get("show_full_personal_number") for d in doc["districts"])
    kinds = {t["kind"] for d in doc["districts"] for t in d["tariffs"]}
    assert kinds == {"per_day", "per_hour", "per_month"}
    assert doc["month_locks"][0]["month"] == "2025-01" and doc["month_locks"][-1]["month"] == "2026-03"


def test_the_story_has_its_events(doc: dict[str, Any]) -> None:
    members = doc["members"]
    movers = [m for m in members if len(m["placements"]) > 1]
    assert movers
    for m in movers:
        first, second = m["placements"][:2]
        assert _d(second["start"]) == _d(first["end"]) + timedelta(days=1)
        assert first["district"] != second["district"]
    assert any(len(m["capacity"]) > 1 for m in members)
    assert any(m["placements"][-1]["end"] and _d(m["placements"][-1]["end"]) < TODAY for m in members)
    assert any(_d(m["placements"][0]["start"]) > date(2025, 5, 1) for m in members)  # a new member

    planned = _planned_days(doc, TODAY)
    extra = [r for r in doc["attendance"] if _d(r["date"]) not in planned[r["member"]]]
    assert extra and all(r["status"] == "present" for r in extra)
    assert any(_d(r["date"]).isoweekday() == 6 for r in extra)  # the café's Saturday
    assert all(holiday_name(_d(r["date"])) is None for r in extra if _d(r["date"]).isoweekday() < 6)


def test_status_mix_is_believable(doc: dict[str, Any]) -> None:
    records = doc["attendance"]
    share = {status: n / len(records) for status, n in Counter(r["status"] for r in records).items()}
    assert set(share) == STATUSES
    assert share["present"] > 0.75
    assert 0.04 < share["sick"] < 0.12
    assert 0.01 < share["absent_notified"] < 0.06 and 0.005 < share["absent_unnotified"] < 0.04
    assert 0.02 < share["leave"] < 0.1
    planned = _planned_days(doc, TODAY)
    registered = {(r["member"], _d(r["date"])) for r in records}
    first = min(_d(r["date"]) for r in records)
    total = [(k, d) for k, days in planned.items() for d in days if d >= first]
    unregistered = sum((k, d) not in registered for k, d in total) / len(total)
    assert 0.005 < unregistered < 0.05
    assert any(len(r["hours"]) > 1 for r in records if r["status"] == "present")


def test_size(doc: dict[str, Any]) -> None:
    assert 5000 <= len(doc["attendance"]) <= 6500  # 20 members from 1 January last year


def _events(doc: dict[str, Any], year: int) -> tuple[list[str], list[tuple[str, str | None]], list[str]]:
    """Who came, who left (and why) and who moved between districts in ``year``, as domain.md §8 counts."""
    came, left, moved = [], [], []
    for member in doc["members"]:
        placements = member["placements"]
        if _d(placements[0]["start"]).year == year:
            came.append(member["key"])
        last = placements[-1]
        if last["end"] and _d(last["end"]).year == year:
            left.append((member["key"], last.get("end_reason")))
        if any(_d(p["start"]).year == year for p in placements[1:]):
            moved.append(member["key"])
    return came, left, moved


def test_the_default_demo_covers_last_year_whole_with_comings_and_goings() -> None:
    """Last year's report (domain.md §8) needs a whole year of data and a year's events: members who
    came, moved and left for work and studies, in last year and in this one."""
    today = date(2026, 12, 5)
    doc = demo_document(today)
    check_all(doc, today)
    dates = sorted(r["date"] for r in doc["attendance"])
    assert dates[0] == "2025-01-02" and dates[-1] == "2026-12-04"  # 1 January is a holiday
    assert min(e["date"] for e in doc["supervisor_hours"]) == "2025-01-02"
    assert [lock["month"] for lock in doc["month_locks"]][::21] == ["2025-01", "2026-10"]
    for year in (2025, 2026):
        came, left, moved = _events(doc, year)
        assert len(came) >= 1 and len(left) >= 2 and len(moved) == 1, (year, came, left, moved)
    reasons = {reason for year in (2025, 2026) for _, reason in _events(doc, year)[1]}
    assert {"work", "studies"} <= reasons
    # a member present in every month of last year, at least one day a month
    months = {r["date"][:7] for r in doc["attendance"] if r["date"].startswith("2025") and r["status"] == "present"}
    assert len(months) == 12


@pytest.mark.parametrize("today", [date(2026, 1, 2), date(2026, 2, 20), date(2026, 12, 31)])
def test_the_default_demo_obeys_the_rules_on_any_day(today: date) -> None:
    """Early in the year this year's events do not fit yet: they are left out, not pushed past yesterday."""
    doc = demo_document(today)
    check_all(doc, today)
    assert min(r["date"] for r in doc["attendance"]) < f"{today.year - 1}-01-08"


def test_deterministic(doc: dict[str, Any]) -> None:
    assert demo_document(TODAY) == doc
    assert demo_document(TODAY, seed=1) != doc


@pytest.mark.parametrize(
    ("today", "members", "years"),
    [(date(2026, 1, 2), 3, 0.5), (date(2025, 8, 1), 45, 2.5), (date(2024, 3, 1), 1, 1.0)],
)
def test_other_configurations_obey_the_rules(today: date, members: int, years: float) -> None:
    doc = demo_document(today, members=members, years=years, seed=11)
    assert len(doc["members"]) == members
    check_all(doc, today)
    assert any(len(m["placements"]) > 1 for m in doc["members"])


def test_the_social_documentation_leaves_two_things_to_do(doc: dict[str, Any]) -> None:
    """Plans in force for all members placed more than 30 days ago but one; one plan due; a felmarkerad
    journal entry with its replacement; one deviation (core/demo_social.py)."""
    in_force = {(p["member"], p["placement_start"]): p for p in doc["care_plans"] if p["status"] == "in_force"}
    placed = [
        (m["key"], p["start"])
        for m in doc["members"]
        for p in m["placements"]
        if (TODAY - _d(p["start"])).days > 30 and (p["end"] is None or _d(p["end"]) >= TODAY)
    ]
    assert len(placed) - len(in_force) == 1 and set(in_force) < set(placed)
    assert [_d(p["follow_up_on"]) <= TODAY for p in in_force.values()].count(True) == 1
    for plan in doc["care_plans"]:
        assert _d(plan["in_force_from"]) < _d(plan["follow_up_on"]) and plan["goals"]
        assert plan["status"] == "in_force" or _d(plan["followed_up_at"]) <= TODAY
    journal = doc["journal"]
    assert 5 <= len(journal) <= 10 and all(_d(e["date"]) < TODAY for e in journal)
    [struck] = [e for e in journal if e["struck"]]
    assert [e["replaces"] for e in journal if e["replaces"]] == [struck["key"]]
    assert [d["category"] for d in doc["deviations"]] == ["deviation"]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        demo_document(TODAY, members=0)
    with pytest.raises(ValueError):
        demo_document(TODAY, years=0)
