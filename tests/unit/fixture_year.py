"""A small cooperative's 2025, whose yearly figures are worked out by hand below (tests/unit/test_yearly.py).

Everyone but one is planned 10 % on Mondays only (4 h on each open Monday); David is 10 % Mon–Wed,
4/3 h a day, so a month's planned hours are not whole and rounding shows. 2025 has 50 open Mondays
(6 Jan and 21 April are holidays): by month 3 4 5 3 4 5 4 4 5 4 4 5. Mon–Wed open days by month (for
David; 1 Jan, 24 and 31 Dec are holidays): 11 12 13 13 12 13 14 12 14 13 12 13 (152).

- Anna (woman, born 1980-01-01: 45): Norrmalm until 30 June, then Södermalm — a move, not an ending.
- Bertil (man, 1990-06-15: 35): leaves on 31 May 2025 for work.
- Cecilia (woman, samordningsnummer, born 2001-03-05: 24): comes on 6 October 2025 (Kungsholmen).
- David (man, born 31 December 1960: 65 on the last day of the year, not 64).
- Frida (woman, 1995-05-05: 30): Södermalm 3 February – 31 March 2025, ended without a reason.
- Erik (man): left in 2024; not a member of 2025.
"""

from __future__ import annotations

from typing import Any

from coopdesk.core.demo_calendar import luhn_digit


def number(born: str, serial: str, *, coordination: bool = False) -> str:
    """A valid personal number (a samordningsnummer adds 60 to the day)."""
    year, month, day = born.split("-")
    if coordination:
        day = f"{int(day) + 60:02d}"
    nine = f"{year[2:]}{month}{day}{serial}"
    return f"{year}{month}{day}-{serial}{luhn_digit(nine)}"


MONDAYS = [1]
WEEK = [1, 2, 3]


def _member(key: str, name: str, pn: str, placements: list[dict[str, Any]], weekdays: list[int]) -> dict[str, Any]:
    return {
        "key": key,
        "name": name,
        "personal_number": pn,
        "placements": placements,
        "capacity": [{"valid_from": placements[0]["start"], "percent": 10, "weekdays": weekdays}],
    }


def _placement(district: str, ref: str, start: str, end: str | None = None, reason: str | None = None) -> dict:
    return {"district": district, "decision_ref": ref, "start": start, "end": end, "end_reason": reason}


def document() -> dict[str, Any]:
    present = "present"
    return {
        "format": "coopdesk/2",
        "cooperative": {
            "name": "Kooperativet Året",
            "opening_weekdays": [1, 2, 3, 4, 5],
            "full_time_hours_per_week": "40",
            "host_district": "Norrmalm",
        },
        "work_areas": [{"name": "Kopiering"}, {"name": "Glasverkstad"}, {"name": "Kaffestuga"}],
        "districts": [
            {"name": "Norrmalm", "kind": "stadsdel", "tariffs": [
                {"valid_from": "2020-01-01", "kind": "per_day", "full_day_amount": "450.00",
                 "half_day_amount": "250.00", "full_day_min_hours": "4", "half_day_min_hours": "1"}]},
            {"name": "Södermalm", "kind": "stadsdel", "tariffs": [
                {"valid_from": "2020-01-01", "kind": "per_hour", "hourly_amount": "100.00"}]},
            {"name": "Kungsholmen", "kind": "stadsdel", "tariffs": []},
        ],
        "members": [
            _member("a", "Anna Andersson", number("1980-01-01", "002"), [
                _placement("Norrmalm", "N-1", "2024-01-01", "2025-06-30"),
                _placement("Södermalm", "S-1", "2025-07-01")], MONDAYS),
            _member("b", "Bertil Berg", number("1990-06-15", "013"), [
                _placement("Norrmalm", "N-2", "2023-03-01", "2025-05-31", "work")], MONDAYS),
            _member("c", "Cecilia Castro", number("2001-03-05", "024", coordination=True), [
                _placement("Kungsholmen", "K-1", "2025-10-06")], MONDAYS),
            _member("d", "David Dahl", number("1960-12-31", "035"), [
                _placement("Norrmalm", "N-3", "2020-01-01")], WEEK),
            _member("f", "Frida Falk", number("1995-05-05", "046"), [
                _placement("Södermalm", "S-2", "2025-02-03", "2025-03-31")], MONDAYS),
            _member("e", "Erik Ek", number("1970-02-02", "057"), [
                _placement("Norrmalm", "N-4", "2022-01-03", "2024-06-30", "studies")], MONDAYS),
        ],
        "supervisors": [{"key": "s", "name": "Sara Svensson", "fte_percent": 100}],
        "attendance": [
            {"member": "a", "date": "2025-01-13", "status": present, "hours": {"Kopiering": "3.5"}},
            {"member": "a", "date": "2025-01-20", "status": "sick"},
            {"member": "a", "date": "2025-07-07", "status": present, "hours": {"Kaffestuga": "4"}},
            {"member": "a", "date": "2025-07-12", "status": present, "hours": {"Kaffestuga": "2.25"}},
            {"member": "b", "date": "2025-05-05", "status": present, "hours": {"Glasverkstad": "5"}},
            {"member": "b", "date": "2025-05-12", "status": "absent_notified"},
            {"member": "b", "date": "2025-05-19", "status": "absent_unnotified"},
            {"member": "b", "date": "2025-05-26", "status": "leave"},
            {"member": "d", "date": "2025-01-14", "status": present, "hours": {"Kopiering": "1.5"}},
            {"member": "d", "date": "2025-12-31", "status": present, "hours": {"Kopiering": "2"}},
            {"member": "c", "date": "2025-10-06", "status": present, "hours": {"Glasverkstad": "3"}},
            {"member": "f", "date": "2025-02-03", "status": present, "hours": {"Kopiering": "4.25"}},
            {"member": "f", "date": "2025-03-31", "status": "sick"},
        ],
        "supervisor_hours": [
            {"supervisor": "s", "date": "2025-03-03", "hours": "8", "work_area": "Glasverkstad",
             "activity": "supervision"},
            {"supervisor": "s", "date": "2025-03-04", "hours": "8", "activity": "vacation"},
            {"supervisor": "s", "date": "2025-11-10", "hours": "2.5", "activity": "administration"},
        ],
        "month_locks": [
            {"month": "2025-01", "attested_by": "Sara Svensson", "attested_at": "2025-02-03T10:00:00"},
            {"month": "2025-02", "attested_by": "Sara Svensson", "attested_at": "2025-03-03T10:00:00"},
        ],
    }  # fmt: skip
