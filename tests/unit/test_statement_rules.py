"""Statement figures for June 2026, worked out by hand from domain.md (see each test's comments).

June 2026: 22 weekdays, 19 June is Midsommarafton (a de facto holiday) → 21 working days; the
cooperative closes on Friday 12 June → 20 open days. Björn moves from Norrmalm (per day) to
Södermalm (per hour) on 16 June; Åsa starts at Tyresö (per month) on 10 June with 50 % on Mon/Wed/Fri
and goes up to 80 % Mon–Fri on 22 June; Zoran is at Tyresö all month at 25 %; Örjan has a placement
but no capacity, so nothing is planned for him.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from coopdesk.core.calendar import Month
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.statement import statement_for
from coopdesk.reports.statement_json import statement_document
from tests.conftest import TODAY


def present(member: str, date: str, **hours: str) -> dict[str, Any]:
    return {"member": member, "date": date, "status": "present", "hours": hours}


def status(member: str, date: str, value: str) -> dict[str, Any]:
    return {"member": member, "date": date, "status": value}


DOCUMENT: dict[str, Any] = {
    "format": "coopdesk/1",
    "cooperative": {
        "name": "Kooperativet KOS",
        "org_number": "802400-1235",
        "opening_weekdays": [1, 2, 3, 4, 5],
        "full_time_hours_per_week": "40",
        "host_district": "Norrmalm",
        "closure_days": ["2026-06-12"],
    },
    "work_areas": [{"name": "Kopiering"}, {"name": "Glasverkstad"}, {"name": "Kaffestuga"}],
    "districts": [
        {
            "name": "Norrmalm",
            "kind": "stadsdel",
            "tariffs": [
                {
                    "valid_from": "2026-01-01",
                    "kind": "per_day",
                    "full_day_amount": "450.00",
                    "half_day_amount": "250.00",
                    "full_day_min_hours": "4",
                    "half_day_min_hours": "1",
                },
                {"valid_from": "2026-06-15", "kind": "per_hour", "hourly_amount": "100.00"},
            ],
        },
        {
            "name": "Södermalm",
            "kind": "stadsdel",
            "show_full_personal_number": True,
            "tariffs": [{"valid_from": "2026-01-01", "kind": "per_hour", "hourly_amount": "95.50"}],
        },
        {
            "name": "Tyresö kommun",
            "kind": "kommun",
            "tariffs": [
                {
                    "valid_from": "2026-01-01",
                    "kind": "per_month",
                    "bands": [
                        {"min_percent": 1, "amount": "4000.00"},
                        {"min_percent": 50, "amount": "7500.00"},
                        {"min_percent": 75, "amount": "9500.00"},
                    ],
                }
            ],
        },
        {"name": "Kungsholmen", "kind": "stadsdel"},
    ],
    "members": [
        {
            "key": "bjorn",
            "name": "Björn Berg",
            "personal_number": "19750315-1230",
            "placements": [
                {"district": "Norrmalm", "decision_ref": "NOR-1", "start": "2026-01-01", "end": "2026-06-15"},
                {"district": "Södermalm", "decision_ref": "SÖD-7", "start": "2026-06-16"},
            ],
            "capacity": [{"valid_from": "2026-01-01", "percent": 75}],
        },
        {
            "key": "asa",
            "name": "Åsa Öberg",
            "personal_number": "19900520-2388",
            "placements": [{"district": "Tyresö kommun", "decision_ref": "TYR-2", "start": "2026-06-10"}],
            "capacity": [
                {"valid_from": "2026-06-10", "percent": 50, "weekdays": [1, 3, 5]},
                {"valid_from": "2026-06-22", "percent": 80},
            ],
        },
        {
            "key": "zoran",
            "name": "Zoran Zetterlund",
            "personal_number": "19660101-1239",
            "placements": [{"district": "Tyresö kommun", "decision_ref": "TYR-1", "start": "2025-01-01"}],
            "capacity": [{"valid_from": "2025-01-01", "percent": 25}],
        },
        {
            "key": "orjan",
            "name": "Örjan Ek",
            "personal_number": "19581224-5552",
            "placements": [{"district": "Tyresö kommun", "decision_ref": "TYR-3", "start": "2026-06-01"}],
        },
    ],
    "supervisors": [
        {"key": "sara", "name": "Sara Svensson", "fte_percent": 100},
        {"key": "leila", "name": "Leila Haddad", "fte_percent": 50},
    ],
    "attendance": [
        present("bjorn", "2026-06-01", Kopiering="6"),  # full day
        present("bjorn", "2026-06-02", Kopiering="3.5"),  # half day (≥ 1, < 4)
        status("bjorn", "2026-06-03", "sick"),
        present("bjorn", "2026-06-04", Kopiering="0.5"),  # below the half-day minimum: not billed
        status("bjorn", "2026-06-05", "leave"),
        status("bjorn", "2026-06-08", "absent_unnotified"),
        present("bjorn", "2026-06-09", Kopiering="4"),  # exactly the full-day minimum
        present("bjorn", "2026-06-10", Kopiering="6"),
        # 11 June: planned, nothing registered
        present("bjorn", "2026-06-12", Kaffestuga="2"),  # closure day: an extra (half) day
        present("bjorn", "2026-06-15", Kopiering="6"),
        present("bjorn", "2026-06-16", Glasverkstad="5.25", Kaffestuga="0.5"),  # Södermalm from here
        present("bjorn", "2026-06-17", Glasverkstad="6"),
        present("bjorn", "2026-06-29", Glasverkstad="3.34"),
        present("asa", "2026-06-10", Kaffestuga="6.67"),
        present("asa", "2026-06-11", Kaffestuga="2"),  # Thursday, not planned: extra day
        status("asa", "2026-06-15", "sick"),
        status("asa", "2026-06-17", "absent_notified"),
        present("asa", "2026-06-22", Kaffestuga="6.4"),
    ],
    "supervisor_hours": [
        {"supervisor": "sara", "date": "2026-06-01", "hours": "8", "work_area": "Kopiering", "activity": "supervision"},
        {"supervisor": "sara", "date": "2026-06-02", "hours": "6", "activity": "administration"},
        {"supervisor": "sara", "date": "2026-06-02", "hours": "2", "work_area": "Glasverkstad", "activity": "training"},
        {"supervisor": "sara", "date": "2026-06-03", "hours": "8", "activity": "vacation"},
        {
            "supervisor": "leila",
            "date": "2026-06-01",
            "hours": "4",
            "work_area": "Kaffestuga",
            "activity": "supervision",
        },
        {
            "supervisor": "leila",
            "date": "2026-06-06",
            "hours": "3",
            "work_area": "Kaffestuga",
            "activity": "supervision",
        },
        {"supervisor": "leila", "date": "2026-06-04", "hours": "4", "activity": "sick"},
    ],
}


@pytest.fixture
def june_db(db, actor):
    with db.session() as session:
        import_document(session, copy.deepcopy(DOCUMENT), actor=actor, today=TODAY)
    return db


JUNE = Month(2026, 6)


def statement(db, district: str, month: Month = JUNE) -> dict[str, Any]:
    with db.session() as session:
        return statement_document(statement_for(session, district, month))


def test_june_calendar(june_db) -> None:
    document = statement(june_db, "Norrmalm")
    assert document["open_days"] == 20
    assert document["supervisors"]["working_days"] == 21


def test_norrmalm_row_until_the_move_per_day_with_half_days(june_db) -> None:
    # Björn: 75 % Mon–Fri = 6 h/day; open days 1–15 June except the closure day 12 June: 10 days, 60 h.
    # Present 1, 2, 4, 9, 10, 12 (extra), 15: 6 + 3.5 + 0.5 + 4 + 6 + 2 + 6 = 28 h. Rate 28/60 = 46.7 %.
    # Full days (≥ 4 h): 1, 9, 10, 15 → 4 × 450; half days (≥ 1 h): 2, 12 → 2 × 250; 4 June not billed.
    [row] = statement(june_db, "Norrmalm")["rows"]
    assert row == {
        "member": "Björn Berg",
        "personal_number": "19750315-****",
        "decision_ref": "NOR-1",
        "period": {"from": "2026-06-01", "to": "2026-06-15"},
        "capacity": [{"from": "2026-06-01", "percent": 75}],
        "planned_days": 10,
        "planned_hours": "60.00",
        "attended_days": 7,
        "attended_hours": "28.00",
        "extra_days": 1,
        "sick_days": 1,
        "notified_absence_days": 0,
        "unnotified_absence_days": 1,
        "leave_days": 1,
        "unregistered_days": 1,
        "attendance_rate": "46.7",
        "hours_by_work_area": {"Kaffestuga": "2.00", "Kopiering": "26.00"},
        "billing": {"tariff": "per_day", "full_days": 4, "half_days": 2, "hours": None, "amount": "2300.00"},
    }


def test_sodermalm_row_after_the_move_per_hour_rounds_half_up(june_db) -> None:
    # 16–30 June: open days 16, 17, 18, 22–26, 29, 30 (19 June is Midsommarafton) = 10 days, 60 h.
    # Present 5.75 + 6 + 3.34 = 15.09 h; 15.09 × 95.50 = 1441.095 → 1441.10 kr. Rate 25.15 → 25.2 %.
    document = statement(june_db, "Södermalm")
    [row] = document["rows"]
    assert row["personal_number"] == "19750315-1230"  # Södermalm asks for full numbers
    assert row["period"] == {"from": "2026-06-16", "to": "2026-06-30"}
    assert (row["planned_days"], row["planned_hours"]) == (10, "60.00")
    assert (row["attended_days"], row["attended_hours"], row["extra_days"]) == (3, "15.09", 0)
    assert row["unregistered_days"] == 7
    assert row["attendance_rate"] == "25.2"
    assert row["hours_by_work_area"] == {"Glasverkstad": "14.59", "Kaffestuga": "0.50"}
    assert row["billing"] == {
        "tariff": "per_hour",
        "full_days": None,
        "half_days": None,
        "hours": "15.09",
        "amount": "1441.10",
    }
    assert document["totals"]["amount"] == "1441.10"
    assert document["supervisors"] is None


def test_tyreso_per_month_bands_proration_capacity_change_and_order(june_db) -> None:
    document = statement(june_db, "Tyresö kommun")
    rows = document["rows"]
    # Swedish order: Z before Å before Ö.
    assert [r["member"] for r in rows] == ["Zoran Zetterlund", "Åsa Öberg", "Örjan Ek"]
    zoran, asa, orjan = rows
    # Zoran: 25 % Mon–Fri = 2 h on each of the 20 open days; nothing registered. Band 1 % → 4000 for the
    # whole month.
    assert (zoran["planned_days"], zoran["planned_hours"], zoran["unregistered_days"]) == (20, "40.00", 20)
    assert zoran["attendance_rate"] == "0.0"
    assert zoran["billing"]["amount"] == "4000.00"
    # Åsa: from 10 June, 50 % Mon/Wed/Fri = 6 2/3 h on 10, 15, 17 (12 closed, 19 holiday) = 20 h; from
    # 22 June 80 % Mon–Fri = 6.4 h on 22–26, 29, 30 = 44.8 h. Total 10 days, 64.8 h.
    assert asa["period"] == {"from": "2026-06-10", "to": "2026-06-30"}
    assert asa["capacity"] == [{"from": "2026-06-10", "percent": 50}, {"from": "2026-06-22", "percent": 80}]
    assert (asa["planned_days"], asa["planned_hours"]) == (10, "64.80")
    assert (asa["attended_days"], asa["attended_hours"], asa["extra_days"]) == (3, "15.07", 1)
    assert (asa["sick_days"], asa["notified_absence_days"], asa["unregistered_days"]) == (1, 1, 6)
    assert asa["attendance_rate"] == "23.3"
    # Band by the capacity on the period's first day (50 % → 7500), prorated 21 of 30 days = 5250.
    assert asa["billing"] == {
        "tariff": "per_month",
        "full_days": None,
        "half_days": None,
        "hours": None,
        "amount": "5250.00",
    }
    # Örjan: a placement without capacity plans nothing; the rate does not apply; no band → 0.
    assert (orjan["planned_days"], orjan["planned_hours"], orjan["attendance_rate"]) == (0, "0.00", None)
    assert orjan["billing"]["amount"] == "0.00"
    totals = document["totals"]
    assert totals["rows"] == 3
    assert totals["amount"] == "9250.00"
    assert totals["planned_hours"] == "104.80"
    assert totals["unregistered_days"] == 26


def test_district_without_tariff_has_no_amounts(june_db) -> None:
    document = statement(june_db, "Kungsholmen")
    assert document["rows"] == []
    assert document["totals"]["amount"] is None


def test_supervisor_section_on_host_district(june_db) -> None:
    # Funded: 100 % × 40 / 5 × 21 = 168 h, 50 % → 84 h. Worked = supervision + administration + training.
    section = statement(june_db, "Norrmalm")["supervisors"]
    assert section == {
        "working_days": 21,
        "rows": [
            {
                "name": "Leila Haddad",
                "fte_percent": 50,
                "funded_hours": "84.00",
                "worked_hours": "7.00",
                "absence_hours": "4.00",
                "difference": "-77.00",
            },
            {
                "name": "Sara Svensson",
                "fte_percent": 100,
                "funded_hours": "168.00",
                "worked_hours": "16.00",
                "absence_hours": "8.00",
                "difference": "-152.00",
            },
        ],
        "by_work_area": {"Glasverkstad": "2.00", "Kaffestuga": "7.00", "Kopiering": "8.00"},
        "by_activity": {
            "supervision": "15.00",
            "administration": "6.00",
            "training": "2.00",
            "vacation": "8.00",
            "sick": "4.00",
        },
        "totals": {
            "funded_hours": "252.00",
            "worked_hours": "23.00",
            "absence_hours": "12.00",
            "difference": "-229.00",
        },
    }


def test_tariff_in_effect_on_the_first_day_decides_the_month(june_db) -> None:
    # Norrmalm's per-hour tariff starts 15 June: June stays per day, July is per hour. Björn has left
    # Norrmalm by July, so the July statement is empty but names the tariff.
    assert statement(june_db, "Norrmalm")["rows"][0]["billing"]["tariff"] == "per_day"
    july = statement(june_db, "Norrmalm", Month(2026, 7))
    assert july["rows"] == [] and july["totals"]["amount"] == "0.00"


def test_planned_hours_are_exact_fractions_rounded_once(june_db) -> None:
    # Åsa's 3 days at 6 2/3 h are exactly 20 h; rounding each day first would give 20.01.
    with june_db.session() as session:
        row = statement_for(session, "Tyresö kommun", Month(2026, 6)).rows[1]
    assert row.member == "Åsa Öberg"
    assert row.planned_hours == pytest.approx(64.8)
    assert str(row.planned_hours) == "324/5"


def test_unregistered_days_before_attest_match_the_statements(june_db) -> None:
    from coopdesk.core.services.locks import unregistered_days

    with june_db.session() as session:
        missing = unregistered_days(session, JUNE)
    # Björn: 11 June (Norrmalm) and 7 days at Södermalm; Zoran 20; Åsa 6; Örjan none.
    names = [name for name, _day in missing]
    assert names.count("Björn Berg") == 8
    assert names.count("Zoran Zetterlund") == 20
    assert names.count("Åsa Öberg") == 6
    assert "Örjan Ek" not in names
    assert ("Björn Berg", dt.date(2026, 6, 11)) in missing
    assert names == sorted(names, key=lambda n: ["Björn Berg", "Zoran Zetterlund", "Åsa Öberg"].index(n))
