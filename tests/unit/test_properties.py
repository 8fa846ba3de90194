"""Properties over generated data (hypothesis): statement totals, export/import round trip, and
all-or-nothing import.

The generator builds small valid ``coopdesk/1`` documents: 1–6 members across 2–3 districts with
tariffs of every kind, capacity histories, placement changes, closure days, attendance only on
days where the rules allow it (present on past days inside a placement, absences on planned days,
leave and notified absence also ahead of time), supervisor hours and attested months.

Each example gets a fresh, empty database. Rather than open a new file per example (a new engine
compiles every query again, which costs more than the test itself), two databases are opened once
per module and put back to their empty state before each example by restoring the saved pages.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from coopdesk.core.audit import Actor
from coopdesk.core.calendar import CoopCalendar, Month
from coopdesk.core.demo import demo_document
from coopdesk.core.errors import ValidationError
from coopdesk.core.exchange.exporter import export_document
from coopdesk.core.exchange.importer import database_is_empty, import_document
from coopdesk.core.models import AuditEntry
from coopdesk.core.numbers import fmt
from coopdesk.core.rules import CapacitySpan, MemberPlan, PlacementSpan, WorkPlan
from coopdesk.core.statement import statements_for_all
from coopdesk.reports.statement_json import statement_document
from coopdesk.storage.database import Database
from tests.backends import PostgresServer
from tests.conftest import TODAY
from tests.helpers import EmptyDatabase, empty_database_pair

D = dt.date
ONE_DAY = dt.timedelta(days=1)
ACTOR = Actor("Sara Svensson")

FIRST, LAST = D(2026, 8, 1), D(2026, 12, 31)  # attendance range; TODAY is 2026-11-27
MONTHS = [Month(2026, m) for m in range(8, 13)]
AREAS = ["Kopiering", "Glasverkstad", "Kaffestuga"]
DISTRICTS = [("Norrmalm", "stadsdel"), ("Södermalm", "stadsdel"), ("Tyresö kommun", "kommun")]
FIRST_NAMES = ["Anna", "Åsa", "Östen", "Zlatan", "Ärla", "Bo", "Émile", "Yvonne"]
LAST_NAMES = ["Andersson", "Öberg", "Zetterlund", "Åkesson", "Ek", "Ängström"]
TOP_LEVEL = re.compile(r"^(format|cooperative|work_areas|districts|members|supervisors|attendance|"
                       r"supervisor_hours|month_locks)(\.|\[|$)")  # fmt: skip

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- fresh databases, cheaply -------------------------------------------------------------------


@pytest.fixture(scope="module")
def databases(
    tmp_path_factory: pytest.TempPathFactory, pg_server: PostgresServer | None
) -> Iterator[tuple[EmptyDatabase, EmptyDatabase]]:
    with empty_database_pair(tmp_path_factory.mktemp("properties"), pg_server) as pair:
        yield pair


def is_empty(db: Database) -> bool:
    with db.session() as session:
        return database_is_empty(session) and not session.scalar(select(func.count()).select_from(AuditEntry))


def imported(db: Database, document: dict[str, Any]) -> Database:
    with db.session() as session:
        import_document(session, document, actor=ACTOR, today=TODAY)
    return db


def exported(db: Database) -> dict[str, Any]:
    with db.session() as session:
        return export_document(session)


# --- the generator ------------------------------------------------------------------------------


def days_between(first: dt.date, last: dt.date) -> st.SearchStrategy[dt.date]:
    return st.integers(0, (last - first).days).map(lambda n: first + dt.timedelta(days=n))


def iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def with_check_digit(nine: str) -> str:
    total = 0
    for i, char in enumerate(nine):
        value = int(char) * (2 if i % 2 == 0 else 1)
        total += value // 10 + value % 10
    return nine + str((10 - total % 10) % 10)


amounts = st.integers(0, 1_500_000).map(lambda cents: f"{Decimal(cents).scaleb(-2):.2f}")
hour_values = st.integers(0, 32).map(lambda quarters: str(Decimal(quarters * 25).scaleb(-2).normalize()))


@st.composite
def tariffs(draw: st.DrawFn) -> list[dict[str, Any]]:
    # the first one in effect from August (the first month of the data) or before, most of the time
    first = draw(days_between(D(2026, 1, 1), D(2026, 8, 1)) | days_between(D(2026, 8, 2), D(2026, 12, 31)))
    later = draw(st.lists(days_between(first + ONE_DAY, D(2027, 3, 31)), max_size=2, unique=True))
    result = []
    for valid_from in sorted([first, *later]):
        kind = draw(st.sampled_from(["none", "per_day", "per_hour", "per_month"]))
        tariff: dict[str, Any] = {"valid_from": iso(valid_from), "kind": kind}
        if kind == "per_day":
            tariff["full_day_amount"] = draw(amounts)
            for key, values in (
                ("half_day_amount", amounts),
                ("full_day_min_hours", hour_values),
                ("half_day_min_hours", hour_values),
            ):
                if draw(st.booleans()):
                    tariff[key] = draw(values)
        elif kind == "per_hour":
            tariff["hourly_amount"] = draw(amounts)
        elif kind == "per_month":
            percents = draw(st.lists(st.integers(1, 100), min_size=1, max_size=3, unique=True))
            tariff["bands"] = [{"min_percent": p, "amount": draw(amounts)} for p in percents]
        result.append(tariff)
    return result


@st.composite
def members(draw: st.DrawFn, i: int, district_names: list[str], opening: list[int]) -> dict[str, Any]:
    born = draw(days_between(D(1940, 1, 1), D(2005, 12, 31)))
    day = born.day + (60 if draw(st.booleans()) else 0)  # a samordningsnummer now and then
    nine = f"{born:%y%m}{day:02d}{100 + i:03d}"
    ten = with_check_digit(nine)
    number = f"{born.year // 100}{ten[:6]}-{ten[6:]}"

    start = draw(days_between(D(2026, 6, 1), D(2026, 11, 30)))
    district = draw(st.sampled_from(district_names))
    shape = draw(st.sampled_from(["open", "ended", "change"]))
    placements = []
    if shape == "change":
        change = start + dt.timedelta(days=draw(st.integers(1, 90)))
        gap = dt.timedelta(days=draw(st.integers(0, 10)))
        other = draw(st.sampled_from(district_names))
        end = draw(st.none() | days_between(change + gap, D(2027, 3, 31)))
        placements = [(district, start, change - ONE_DAY), (other, change + gap, end)]
    else:
        end = None if shape == "open" else draw(days_between(start, D(2027, 3, 31)))
        placements = [(district, start, end)]

    valid_froms = draw(st.lists(days_between(D(2026, 5, 1), D(2026, 12, 31)), min_size=1, max_size=3, unique=True))
    capacity = []
    for valid_from in sorted(valid_froms):
        period: dict[str, Any] = {"valid_from": iso(valid_from), "percent": draw(st.integers(1, 100))}
        if draw(st.booleans()):
            period["weekdays"] = sorted(draw(st.sets(st.sampled_from(opening), min_size=1)))
        capacity.append(period)

    member: dict[str, Any] = {
        "key": f"m{i + 1}",
        "name": f"{draw(st.sampled_from(FIRST_NAMES))} {draw(st.sampled_from(LAST_NAMES))}",
        "personal_number": number,
        "placements": [
            {
                "district": name,
                "decision_ref": f"B-{i}-{j}",
                "case_worker": draw(st.none() | st.just("Karl Karlsson")),
                "start": iso(first),
                "end": iso(last),
            }
            for j, (name, first, last) in enumerate(placements)
        ],
        "capacity": capacity,
    }
    if draw(st.booleans()):
        member["primary_work_area"] = draw(st.sampled_from(AREAS))
    return member


def member_plan(member: dict[str, Any], opening: frozenset[int]) -> MemberPlan:
    return MemberPlan(
        [
            PlacementSpan(D.fromisoformat(p["start"]), p["end"] and D.fromisoformat(p["end"]))
            for p in member["placements"]
        ],
        [
            CapacitySpan(D.fromisoformat(c["valid_from"]), c["percent"], frozenset(c.get("weekdays") or opening))
            for c in member["capacity"]
        ],
    )


def work_plan(document: dict[str, Any]) -> WorkPlan:
    coop = document["cooperative"]
    calendar = CoopCalendar(
        frozenset(coop["opening_weekdays"]), frozenset(D.fromisoformat(d) for d in coop.get("closure_days") or [])
    )
    return WorkPlan(calendar, Decimal(coop["full_time_hours_per_week"]))


def present_hours(rng: random.Random) -> dict[str, Any]:
    areas = rng.sample(AREAS, rng.choice((1, 1, 2)))
    hours: dict[str, Any] = {}
    for area in areas:
        cents = rng.choice((rng.randint(1, 40) * 25, rng.randint(1, 1000)))
        value = Decimal(cents).scaleb(-2)
        hours[area] = int(value) if value == value.to_integral_value() and rng.random() < 0.3 else str(value)
    return hours


def attendance_of(document: dict[str, Any], rng: random.Random, density: float) -> list[dict[str, Any]]:
    plan = work_plan(document)
    opening = frozenset(document["cooperative"]["opening_weekdays"])
    records = []
    for member in document["members"]:
        mp = member_plan(member, opening)
        day = FIRST
        while day <= LAST:
            if mp.placement_on(day) is not None and rng.random() < density:
                planned = plan.planned_hours(mp, day) > 0
                if day <= TODAY:
                    choices = ["present"] * 3 + (
                        ["sick", "absent_notified", "absent_unnotified", "leave"] if planned else []
                    )
                else:
                    choices = ["leave", "absent_notified"] if planned else []
                if choices:
                    status = rng.choice(choices)
                    record: dict[str, Any] = {"member": member["key"], "date": iso(day), "status": status}
                    if status == "present":
                        record["hours"] = present_hours(rng)
                    records.append(record)
            day += ONE_DAY
    rng.shuffle(records)  # the import must not depend on the order of the records
    return records


def supervisor_hours_of(supervisors: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    entries = []
    for supervisor in supervisors:
        days = sorted(rng.sample(range((LAST - FIRST).days + 1), 25))
        for offset in days:
            left = Decimal(24)
            for _ in range(rng.choice((1, 1, 2, 3))):
                hours = min(left, Decimal(rng.randint(1, 1000)).scaleb(-2))
                if hours <= 0:
                    break
                left -= hours
                entry: dict[str, Any] = {
                    "supervisor": supervisor["key"],
                    "date": iso(FIRST + dt.timedelta(days=offset)),
                    "hours": str(hours),
                    "activity": rng.choice(["supervision", "administration", "training", "vacation", "sick"]),
                }
                if rng.random() < 0.7:
                    entry["work_area"] = rng.choice(AREAS)
                entries.append(entry)
    return entries


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    chosen = DISTRICTS[: draw(st.integers(2, 3))]
    names = [name for name, _ in chosen]
    opening = draw(st.sampled_from([[1, 2, 3, 4, 5], [1, 2, 3, 4], [2, 3, 4, 5], [1, 2, 3, 4, 5, 6]]))
    closure_days = draw(st.lists(days_between(FIRST, LAST), max_size=4, unique=True))
    document: dict[str, Any] = {
        "format": "coopdesk/1",
        "cooperative": {
            "name": "Kooperativet KOS",
            "org_number": "802400-1235",
            "opening_weekdays": opening,
            "full_time_hours_per_week": draw(st.sampled_from(["40", "37.5", "35", "38.25"])),
            "host_district": draw(st.sampled_from(names)),
            "closure_days": [iso(d) for d in sorted(closure_days)],
        },
        "work_areas": [{"name": a} for a in AREAS],
        "districts": [
            {
                "name": name,
                "kind": kind,
                "show_full_personal_number": draw(st.booleans()),
                "tariffs": draw(tariffs()),
            }
            for name, kind in chosen
        ],
        "members": [draw(members(i, names, opening)) for i in range(draw(st.integers(1, 6)))],
        "supervisors": [
            {"key": f"s{k + 1}", "name": name, "fte_percent": draw(st.integers(1, 100))}
            for k, name in enumerate(["Sara Svensson", "Örjan Ödman"][: draw(st.integers(1, 2))])
        ],
    }
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    document["attendance"] = attendance_of(document, rng, density=draw(st.sampled_from([0.1, 0.3, 0.6])))
    document["supervisor_hours"] = supervisor_hours_of(document["supervisors"], rng)
    locked = draw(st.sets(st.sampled_from(["2026-08", "2026-09", "2026-10"])))
    document["month_locks"] = [
        {"month": m, "attested_by": "Sara Svensson", "attested_at": f"2026-11-0{i + 2}T10:00:00"}
        for i, m in enumerate(sorted(locked))
    ]
    return document


# --- property: statement totals are the sums of the rows ----------------------------------------

INTEGER_FIELDS = (
    "planned_days",
    "attended_days",
    "extra_days",
    "sick_days",
    "notified_absence_days",
    "unnotified_absence_days",
    "leave_days",
    "unregistered_days",
)
ABSENCES = {"sick": "sick_days", "absent_notified": "notified_absence_days",
            "absent_unnotified": "unnotified_absence_days", "leave": "leave_days"}  # fmt: skip


def expected_from_document(document: dict[str, Any], month: Month) -> dict[str, dict[str, Any]]:
    """Per district, figures of ``month`` counted straight from the generated document."""
    plan = work_plan(document)
    opening = frozenset(document["cooperative"]["opening_weekdays"])
    figures: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    records = {(a["member"], a["date"]): a for a in document["attendance"]}
    for member in document["members"]:
        mp = member_plan(member, opening)
        for day in month.days():
            placement = next(
                (
                    p
                    for p in member["placements"]
                    if p["start"] <= iso(day) and (p["end"] is None or iso(day) <= p["end"])  # type: ignore[operator]
                ),
                None,
            )
            if placement is None:
                continue
            f = figures[placement["district"]]
            planned = plan.planned_hours(mp, day)
            f["planned_hours"] = f["planned_hours"] + planned
            f["planned_days"] += planned > 0
            record = records.get((member["key"], iso(day)))
            if record is None:
                f["unregistered_days"] += planned > 0
            elif record["status"] == "present":
                f["attended_days"] += 1
                f["extra_days"] += planned == 0
                f["attended_hours"] = f["attended_hours"] + sum(Decimal(str(h)) for h in record["hours"].values())
            else:
                f[ABSENCES[record["status"]]] += 1
    return figures


@SETTINGS
@given(document=documents(), month=st.sampled_from(MONTHS))
def test_statement_totals_are_the_sums_of_the_rows(
    databases: tuple[EmptyDatabase, EmptyDatabase], document: dict[str, Any], month: Month
) -> None:
    db = imported(databases[0].fresh(), document)
    with db.session() as session:
        statements = statements_for_all(session, month)
    assert [s.district for s in statements] == sorted(d["name"] for d in document["districts"])
    expected = expected_from_document(document, month)
    for statement in statements:
        out = statement_document(statement)
        rows, totals = out["rows"], out["totals"]
        event(f"tariff {statement.tariff.kind}, {'with' if rows else 'no'} rows")
        assert totals["rows"] == len(rows) == len(statement.rows)
        for name in INTEGER_FIELDS:
            assert totals[name] == sum(r[name] for r in rows), name
        assert totals["planned_hours"] == fmt(sum((r.planned_hours for r in statement.rows), Fraction(0)))
        assert totals["attended_hours"] == fmt(sum((r.attended_hours for r in statement.rows), Decimal(0)))
        if statement.tariff.kind == "none":
            assert totals["amount"] is None and all(r["billing"]["amount"] is None for r in rows)
        else:
            assert Decimal(totals["amount"]) == sum((Decimal(r["billing"]["amount"]) for r in rows), Decimal(0))
            assert all(re.fullmatch(r"-?\d+\.\d\d", r["billing"]["amount"]) for r in rows)

        for row, shown in zip(statement.rows, rows, strict=True):
            # every planned day is registered (present or absent) or unregistered; absences only on planned days
            absences = shown["sick_days"] + shown["notified_absence_days"]
            absences += shown["unnotified_absence_days"] + shown["leave_days"]
            assert (
                shown["planned_days"]
                == shown["unregistered_days"] + shown["attended_days"] - shown["extra_days"] + absences
            )
            assert row.attended_hours == sum(row.hours_by_work_area.values(), Decimal(0))
            assert (shown["attendance_rate"] is None) == (row.planned_hours == 0)

        # the same figures counted straight from the generated document
        figures = expected.get(statement.district, {})
        for name in INTEGER_FIELDS:
            assert totals[name] == figures.get(name, 0), (statement.district, name)
        assert totals["planned_hours"] == fmt(figures.get("planned_hours", Fraction(0)))
        assert totals["attended_hours"] == fmt(figures.get("attended_hours", Decimal(0)))

        if statement.supervisors is not None:
            section = out["supervisors"]
            srows = statement.supervisors.rows
            assert section["totals"]["funded_hours"] == fmt(sum((r.funded_hours for r in srows), Fraction(0)))
            assert section["totals"]["worked_hours"] == fmt(sum((r.worked_hours for r in srows), Decimal(0)))
            assert section["totals"]["absence_hours"] == fmt(sum((r.absence_hours for r in srows), Decimal(0)))
            assert section["totals"]["difference"] == fmt(sum((r.difference for r in srows), Fraction(0)))
            assert sum((Decimal(v) for v in section["by_activity"].values()), Decimal(0)) == sum(
                (r.worked_hours + r.absence_hours for r in srows), Decimal(0)
            )


# --- property: export → import → export is the identity ----------------------------------------


def attendance_facts(document: dict[str, Any]) -> Counter[tuple[Any, ...]]:
    """Attendance as comparable facts: (personal number, date, status, hours by area as Decimals)."""
    numbers = {m["key"]: m["personal_number"] for m in document["members"]}
    return Counter(
        (
            numbers[a["member"]],
            a["date"],
            a["status"],
            tuple(sorted((area, Decimal(str(h))) for area, h in (a.get("hours") or {}).items())),
        )
        for a in document["attendance"]
    )


def supervisor_facts(document: dict[str, Any]) -> Counter[tuple[Any, ...]]:
    names = {s["key"]: s["name"] for s in document["supervisors"]}
    return Counter(
        (names[h["supervisor"]], h["date"], Decimal(str(h["hours"])), h["activity"], h.get("work_area"))
        for h in document["supervisor_hours"]
    )


def check_round_trip(databases: tuple[EmptyDatabase, EmptyDatabase], document: dict[str, Any]) -> dict[str, Any]:
    first = exported(imported(databases[0].fresh(), document))
    second = exported(imported(databases[1].fresh(), copy.deepcopy(first)))
    assert second == first
    # and nothing was lost on the way in
    assert attendance_facts(first) == attendance_facts(document)
    assert supervisor_facts(first) == supervisor_facts(document)
    assert [m["personal_number"] for m in first["members"]] == [m["personal_number"] for m in document["members"]]
    assert [len(m["placements"]) for m in first["members"]] == [len(m["placements"]) for m in document["members"]]
    assert [len(m["capacity"]) for m in first["members"]] == [len(m["capacity"]) for m in document["members"]]
    assert [len(d["tariffs"]) for d in first["districts"]] == [
        len(d.get("tariffs") or []) for d in document["districts"]
    ]
    assert [lock["month"] for lock in first["month_locks"]] == sorted(lock["month"] for lock in document["month_locks"])
    return first


@SETTINGS
@given(document=documents(), month=st.sampled_from(MONTHS))
def test_export_import_export_is_the_identity(
    databases: tuple[EmptyDatabase, EmptyDatabase], document: dict[str, Any], month: Month
) -> None:
    check_round_trip(databases, document)
    # the statements of the copy are the statements of the original
    shown = []
    for holder in databases:
        with holder.database.session() as session:
            shown.append([statement_document(s) for s in statements_for_all(session, month)])
    assert shown[0] == shown[1]


@pytest.mark.parametrize("seed", [1, 7, 2026])
def test_demo_documents_survive_the_round_trip(databases: tuple[EmptyDatabase, EmptyDatabase], seed: int) -> None:
    check_round_trip(databases, demo_document(TODAY, members=4, years=0.5, seed=seed))


def test_a_database_without_a_host_district_survives_the_round_trip(
    databases: tuple[EmptyDatabase, EmptyDatabase],
) -> None:
    from coopdesk.core.services import districts, settings

    db = databases[0].fresh()
    with db.session() as session:
        districts.add_district(session, ACTOR, "Norrmalm")
        settings.save_cooperative(session, ACTOR, name="Kooperativet KOS")
    document = exported(db)
    assert exported(imported(databases[1].fresh(), copy.deepcopy(document))) == document


# --- property: an import applies whole or not at all -------------------------------------------

BAD_DATES = ["2026-02-30", "2026-13-01", "2026-00-10", "2026-1-5", "26-05-04", "2026-05-04T00:00"]


def _path(*parts: Any) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _objects(document: dict[str, Any]) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    """Every object of the document with its path, the document itself first."""
    found: list[tuple[tuple[Any, ...], dict[str, Any]]] = [((), document), (("cooperative",), document["cooperative"])]
    for name in ("work_areas", "districts", "members", "supervisors", "attendance", "supervisor_hours", "month_locks"):
        for i, item in enumerate(document.get(name) or []):
            found.append(((name, i), item))
    for i, district in enumerate(document["districts"]):
        for j, tariff in enumerate(district.get("tariffs") or []):
            found.append((("districts", i, "tariffs", j), tariff))
            for b, band in enumerate(tariff.get("bands") or []):
                found.append((("districts", i, "tariffs", j, "bands", b), band))
    for i, member in enumerate(document["members"]):
        for j, placement in enumerate(member["placements"]):
            found.append((("members", i, "placements", j), placement))
        for j, period in enumerate(member["capacity"]):
            found.append((("members", i, "capacity", j), period))
    return found


REQUIRED = {
    (): ("format", "cooperative", "work_areas", "districts", "members", "supervisors", "attendance",
         "supervisor_hours"),
    ("cooperative",): ("name", "opening_weekdays", "full_time_hours_per_week"),  # host_district may be null
    ("work_areas",): ("name",),
    ("districts",): ("name", "kind"),
    ("districts", "tariffs"): ("valid_from", "kind"),
    ("districts", "tariffs", "bands"): ("min_percent", "amount"),
    ("members",): ("key", "name", "personal_number"),
    ("members", "placements"): ("district", "decision_ref", "start"),
    ("members", "capacity"): ("valid_from", "percent"),
    ("supervisors",): ("key", "name", "fte_percent"),
    ("attendance",): ("member", "date", "status"),
    ("supervisor_hours",): ("supervisor", "date", "hours", "activity"),
    ("month_locks",): ("month", "attested_by", "attested_at"),
}  # fmt: skip


def _shape(path: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(p for p in path if isinstance(p, str))


Mutation = tuple[str, tuple[Any, ...], Any, str, bool]


def mutations(document: dict[str, Any]) -> list[Mutation]:
    """Candidate mistakes: (kind, path of the key, new value or DELETE/APPEND, expected field, exact?).

    With ``exact`` the error must name exactly the expected field; otherwise (a deleted key) it must
    lie inside the object that lost the key.
    """
    found: list[Mutation] = []

    def add(kind: str, path: tuple[Any, ...], value: Any, field: str | None = None) -> None:
        found.append((kind, path, value, field or _path(*path), True))

    for path, obj in _objects(document):
        keys = list(REQUIRED[_shape(path)])
        if _shape(path) == ("attendance",) and obj["status"] == "present":
            keys.append("hours")
        if _shape(path) == ("districts", "tariffs"):
            keys += {"per_day": ["full_day_amount"], "per_hour": ["hourly_amount"], "per_month": ["bands"]}.get(
                obj["kind"], []
            )
        for key in keys:
            found.append(("delete", (*path, key), DELETE, _path(*path, key), False))
        add("unknown key", (*path, "x_comment"), "hej")

    add("type", ("format",), 1)
    add("type", ("cooperative", "opening_weekdays"), "12345")
    add("type", ("cooperative", "full_time_hours_per_week"), True)
    add("type", ("members",), {})
    add("type", ("attendance",), "none")
    add("unknown reference", ("cooperative", "host_district"), "Atlantis")
    for i, district in enumerate(document["districts"]):
        add("type", ("districts", i, "show_full_personal_number"), "yes")
        for j in range(len(district.get("tariffs") or [])):
            for bad in BAD_DATES:
                add("date", ("districts", i, "tariffs", j, "valid_from"), bad)
    for i, member in enumerate(document["members"]):
        m = ("members", i)
        add("type", (*m, "name"), 42)
        add("type", (*m, "personal_number"), 198001010019)
        add("unknown reference", (*m, "primary_work_area"), "Snickeri")
        for j in range(len(member["placements"])):
            p = (*m, "placements", j)
            add("unknown reference", (*p, "district"), "Atlantis")
            add("type", (*p, "start"), None)
            for bad in BAD_DATES:
                add("date", (*p, "start"), bad)
                add("date", (*p, "end"), bad)
        for j in range(len(member["capacity"])):
            c = (*m, "capacity", j)
            add("type", (*c, "percent"), "50")
            add("type", (*c, "percent"), 50.0)
            add("type", (*c, "weekdays"), "12345")
            for bad in BAD_DATES:
                add("date", (*c, "valid_from"), bad)
        add("duplicate", ("members",), APPEND(m), _path("members", len(document["members"]), "key"))
    for i in range(len(document["supervisors"])):
        s = ("supervisors", i)
        add("type", (*s, "fte_percent"), 50.5)
        add("duplicate", ("supervisors",), APPEND(s), _path("supervisors", len(document["supervisors"]), "key"))
    for k, record in enumerate(document["attendance"]):
        a = ("attendance", k)
        add("unknown reference", (*a, "member"), "nobody")
        add("type", (*a, "date"), 20260504)
        for bad in BAD_DATES:
            add("date", (*a, "date"), bad)
        if record["status"] == "present":
            add("type", (*a, "hours"), ["Kopiering"])
            add("unknown reference", (*a, "hours", "Snickeri"), "2")
        add("duplicate", ("attendance",), APPEND(a), _path("attendance", len(document["attendance"]), "date"))
    for k in range(len(document["supervisor_hours"])):
        h = ("supervisor_hours", k)
        add("unknown reference", (*h, "supervisor"), "s99")
        add("unknown reference", (*h, "work_area"), "Snickeri")
        add("type", (*h, "hours"), True)
        for bad in BAD_DATES:
            add("date", (*h, "date"), bad)
    for k in range(len(document.get("month_locks") or [])):
        add("date", ("month_locks", k, "month"), "2026-13")
    return found


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


DELETE = _Marker("DELETE")


class APPEND:
    """Append a copy of the node at ``source`` to the list the mutation names."""

    def __init__(self, source: tuple[Any, ...]) -> None:
        self.source = source

    def __repr__(self) -> str:
        return f"APPEND({self.source})"


def apply(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = document
    for step in path[:-1]:
        node = node[step]
    if value is DELETE:
        del node[path[-1]]
    elif isinstance(value, APPEND):
        source: Any = document
        for step in value.source:
            source = source[step]
        node[path[-1]].append(copy.deepcopy(source))
    else:
        node[path[-1]] = value


MUTATION_KINDS = ["delete", "unknown key", "type", "date", "unknown reference", "duplicate"]


@st.composite
def broken_documents(draw: st.DrawFn, kind: str) -> tuple[dict[str, Any], tuple[str, tuple[Any, ...], Any, str, bool]]:
    document = draw(documents())
    mutation = draw(st.sampled_from([c for c in mutations(document) if c[0] == kind]))
    apply(document, mutation[1], mutation[2])
    return document, mutation


@pytest.mark.parametrize("kind", MUTATION_KINDS)
@settings(SETTINGS, max_examples=12)
@given(data=st.data())
def test_an_import_with_one_mistake_changes_nothing(
    databases: tuple[EmptyDatabase, EmptyDatabase], kind: str, data: st.DataObject
) -> None:
    document, (_kind, _path_of_key, _value, field, exact) = data.draw(broken_documents(kind))
    db = databases[0].fresh()
    with pytest.raises(ValidationError) as info, db.session() as session:
        import_document(session, document, actor=ACTOR, today=TODAY)
    error = info.value
    top_level_key = kind == "unknown key" and field == "x_comment"
    assert TOP_LEVEL.match(error.field) or (top_level_key and error.field == field), error.field
    if exact:
        assert error.field == field, (kind, error.en)
    else:
        assert error.field.startswith(field.rsplit(".", 1)[0]), (kind, field, error.en)
    assert error.sv.startswith(f"{error.field}: ") and error.en.startswith(f"{error.field}: ")
    assert is_empty(db)
    # also when the caller catches the error inside its unit of work and commits
    with db.session() as session, pytest.raises(ValidationError):
        import_document(session, document, actor=ACTOR, today=TODAY)
    assert is_empty(db)
