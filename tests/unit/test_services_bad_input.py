"""Bad input to the services (docs/domain.md §6): one test per rule a service enforces.

Every refusal must name the field, show the offending value in the Swedish message and change
nothing. "Nothing" is checked twice, against a snapshot (the whole ``coopdesk/1`` export plus the
number of audit entries) taken before the call:

1. the error leaves the unit of work (``Database.session()`` rolls back), as the CLI does it;
2. the error is caught *inside* the unit of work, which then commits, as a GUI form that shows the
   message and carries on would do it. ValidationError promises "Nothing was changed", so a service
   must validate before it touches anything.

The data is the example document of interchange.md with a few additions (see ``case_db``): Anna
Andersson (m1) at Norrmalm from 2026-01-01, 50 % Mon–Fri, then 75 % Mon–Thu from 2026-05-18; Bo
Berg (m2) at Södermalm 2026-06-01..2026-08-31 at 100 %; April 2026 is attested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.core.audit import Actor
from coopdesk.core.calendar import Month
from coopdesk.core.errors import CoopdeskError, LockedMonthError, NotFoundError, ValidationError, shown
from coopdesk.core.exchange.exporter import export_document
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.models import AuditEntry, Member, Placement, SupervisorHours, Tariff
from coopdesk.core.services import attendance, districts, locks, members, settings, supervisors
from coopdesk.storage.database import Database
from tests.backends import PostgresServer
from tests.conftest import TODAY, example_document
from tests.helpers import SavedDatabase

D = dt.date

# Ids the import gives (in document order); checked once in ``case_db``.
ANNA, BO = 1, 2
NORRMALM, TYRESO, SODERMALM = 1, 2, 3
KOPIERING, GLASVERKSTAD, KAFFESTUGA = 1, 2, 3
SARA = 1
ANNA_PLACEMENT, BO_PLACEMENT = 1, 2
APRIL = Month(2026, 4)


def with_check_digit(nine: str) -> str:
    """The 10 digits ``nine`` + their Luhn check digit (computed here, not by the code under test)."""
    total = 0
    for i, char in enumerate(nine):
        value = int(char) * (2 if i % 2 == 0 else 1)
        total += value // 10 + value % 10
    return nine + str((10 - total % 10) % 10)


def personal_number(yyyymmdd: str, serial: str) -> str:
    """A valid 12-digit personal number ``YYYYMMDD-NNNN`` with the 3-digit ``serial``."""
    ten = with_check_digit(yyyymmdd[2:] + serial)
    return f"{yyyymmdd[:2]}{ten[:6]}-{ten[6:]}"


BO_NUMBER = personal_number("19900315", "123")
NEW_NUMBER = personal_number("19850704", "456")  # nobody has it yet
WRONG_CHECK_DIGIT = NEW_NUMBER[:-1] + str((int(NEW_NUMBER[-1]) + 1) % 10)


def case_document() -> dict[str, Any]:
    document = example_document()
    document["cooperative"]["closure_days"].append("2026-04-29")
    document["members"].append(
        {
            "key": "m2",
            "name": "Bo Berg",
            "personal_number": BO_NUMBER,
            "primary_work_area": "Glasverkstad",
            "placements": [
                {
                    "district": "Södermalm",
                    "decision_ref": "SÖD-2026-0007",
                    "case_worker": "Lisa Lund",
                    "start": "2026-06-01",
                    "end": "2026-08-31",
                }
            ],
            "capacity": [{"valid_from": "2026-06-01", "percent": 100}],
        }
    )
    document["attendance"] += [
        {"member": "m1", "date": "2026-04-07", "status": "present", "hours": {"Kopiering": "4"}},
        {"member": "m2", "date": "2026-06-02", "status": "present", "hours": {"Glasverkstad": "6"}},
    ]
    document["supervisor_hours"] += [
        {"supervisor": "s1", "date": "2026-04-08", "hours": "8", "activity": "supervision"},
        {"supervisor": "s1", "date": "2026-06-01", "hours": "20", "activity": "administration"},
    ]
    return document


@pytest.fixture(scope="module")
def saved_case(tmp_path_factory: pytest.TempPathFactory, pg_server: PostgresServer | None) -> Iterator[SavedDatabase]:
    address = pg_server.create(migrated=True) if pg_server else tmp_path_factory.mktemp("case") / "case.db"
    saved = SavedDatabase(address)
    db = saved.database
    with db.session() as session:
        import_document(session, case_document(), actor=Actor("Sara Svensson"), today=TODAY)
    with db.session() as session:
        assert session.get(Member, ANNA).name == "Anna Andersson"
        assert session.get(Member, BO).name == "Bo Berg"
        assert session.get(Placement, BO_PLACEMENT).member_id == BO
        assert [(h.id, h.day) for h in session.scalars(select(SupervisorHours).order_by(SupervisorHours.id))] == [
            (1, D(2026, 5, 4)),
            (2, D(2026, 4, 8)),
            (3, D(2026, 6, 1)),
        ]
        assert [(t.id, t.district_id) for t in session.scalars(select(Tariff).order_by(Tariff.id))] == [
            (1, NORRMALM),
            (2, TYRESO),
            (3, SODERMALM),
        ]
    saved.save()
    saved.state = state(db)
    yield saved
    saved.close()
    if pg_server:
        pg_server.release(str(address))


@pytest.fixture
def case_db(saved_case: SavedDatabase) -> Database:
    db = saved_case.restore()
    assert state(db) == saved_case.state  # no test sees another's changes
    return db


def state(db: Database) -> tuple[dict[str, Any], int]:
    with db.session() as session:
        return export_document(session), session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def refuse(
    db: Database,
    call: Callable[[Session], object],
    *,
    field: str | Iterable[str] | None,
    shows: Iterable[str] = (),
    error: type[CoopdeskError] = ValidationError,
    caught_inside: bool = True,
) -> CoopdeskError:
    """``call`` must raise ``error`` naming ``field``, with each of ``shows`` in its Swedish message,
    and leave the database exactly as it was."""
    before = state(db)
    with pytest.raises(error) as info, db.session() as session:
        call(session)
    refused = info.value
    if field is not None:
        fields = {field} if isinstance(field, str) else set(field)
        assert refused.field in fields, refused.en
    for text in shows:
        assert text in refused.sv, (text, refused.sv)
    assert refused.sv and refused.en and refused.sv != refused.en
    assert state(db) == before, "a refused change left traces"
    if caught_inside:
        with db.session() as session, pytest.raises(error):
            call(session)  # the form shows the message; the unit of work then commits
        assert state(db) == before, "the service changed data before it refused"
    return refused


HANDLEDARE = Actor("Sara Svensson", role="handledare")
A = Actor("Sara Svensson")


# --- members ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number, why",
    [
        (WRONG_CHECK_DIGIT, "kontrollsiffra"),
        ("19900230-1234", "datum som inte finns"),
        ("19900231-1234", "datum som inte finns"),
        ("19901301-1234", "datum som inte finns"),
        ("20270101-1234", "framtiden"),
        (personal_number("20261128", "123"), "framtiden"),  # born tomorrow
        ("1990-03-15", "fel format"),
        ("19900315", "fel format"),
        ("19900315-12345", "fel format"),
        ("19900315 1234", "fel format"),
        ("abcdefgh-ijkl", "fel format"),
    ],
)
def test_add_member_refuses_a_bad_personal_number(case_db: Database, number: str, why: str) -> None:
    refused = refuse(
        case_db,
        lambda s: members.add_member(s, A, "Cecilia Ek", number, today=TODAY),
        field="personal_number",
        shows=(number, why),
    )
    assert refused.value == number


@pytest.mark.parametrize(
    "name",
    # the bidi override and isolate: they make the name read differently on screen than it is stored
    ["Cecilia\x00Ek", "Cecilia\tEk", "Cecilia\nEk", "Cecilia \ud800", "Cecilia \u202eEk", "Cecilia \u2067Ek"],
)
def test_add_member_refuses_a_control_character_in_the_name(case_db: Database, name: str) -> None:
    refuse(
        case_db,
        lambda s: members.add_member(s, A, name, personal_number("19900315", "123"), today=TODAY),
        field="name",
        shows=("otillåtet tecken",),
    )


def test_add_member_refuses_an_empty_personal_number(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.add_member(s, A, "Cecilia Ek", "  ", today=TODAY),
        field="personal_number",
        shows=("saknas",),
    )


def test_update_member_refuses_a_bad_personal_number(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.update_member(s, A, BO, personal_number=WRONG_CHECK_DIGIT, today=TODAY),
        field="personal_number",
        shows=(WRONG_CHECK_DIGIT,),
    )


@pytest.mark.parametrize("spelling", ["19800101-0019", "198001010019", "800101-0019", "8001010019"])
def test_add_member_refuses_a_personal_number_that_belongs_to_another_member(case_db: Database, spelling: str) -> None:
    refuse(
        case_db,
        lambda s: members.add_member(s, A, "Cecilia Ek", spelling, today=TODAY),
        field="personal_number",
        shows=("19800101-0019", "Anna Andersson"),
    )


def test_update_member_refuses_a_personal_number_that_belongs_to_another_member(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.update_member(s, A, BO, personal_number="800101-0019", today=TODAY),
        field="personal_number",
        shows=("19800101-0019", "Anna Andersson"),
    )


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_add_member_refuses_an_empty_name(case_db: Database, name: str) -> None:
    refuse(
        case_db,
        lambda s: members.add_member(s, A, name, NEW_NUMBER, today=TODAY),
        field="name",
        shows=("Namnet",),
    )


def test_update_member_refuses_an_empty_name(case_db: Database) -> None:
    refuse(case_db, lambda s: members.update_member(s, A, BO, name=" "), field="name", shows=("Namnet",))


def test_add_member_refuses_a_too_long_name(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.add_member(s, A, "x" * 201, NEW_NUMBER, today=TODAY),
        field="name",
        shows=("201",),
    )


def test_add_member_refuses_an_unknown_primary_work_area(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.add_member(s, A, "Cecilia Ek", NEW_NUMBER, primary_work_area_id=99, today=TODAY),
        field="primary_work_area",
        shows=("99",),
    )


def test_a_valid_member_is_accepted_and_audited(case_db: Database) -> None:
    """The positive control: the same call with good input changes the data and the log."""
    before, audited = state(case_db)
    with case_db.session() as s:
        members.add_member(s, A, "Cecilia Ek", NEW_NUMBER, today=TODAY)
    after, audited_after = state(case_db)
    assert audited_after == audited + 1
    assert [m["personal_number"] for m in after["members"]] == [
        *(m["personal_number"] for m in before["members"]),
        NEW_NUMBER,
    ]


# --- placements ---------------------------------------------------------------------------------


def test_add_placement_refuses_an_end_before_the_start(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.add_placement(s, A, BO, TYRESO, "TYR-1", D(2026, 10, 1), D(2026, 9, 30)),
        field="end",
        shows=("2026-09-30", "2026-10-01"),
    )


def test_update_placement_refuses_an_end_before_the_start(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.update_placement(s, A, BO_PLACEMENT, end=D(2026, 5, 31)),
        field="end",
        shows=("2026-05-31", "2026-06-01"),
    )


def test_add_placement_refuses_an_overlap_with_an_open_placement(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.add_placement(s, A, ANNA, SODERMALM, "SÖD-9", D(2026, 6, 1)),
        field="start",
        shows=("2026-06-01", "Anna Andersson"),
    )


def test_add_placement_refuses_an_overlap_with_an_ended_placement(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.add_placement(s, A, BO, TYRESO, "TYR-1", D(2026, 8, 15), D(2026, 9, 30)),
        field="start",
        shows=("2026-08-15", "Bo Berg"),
    )


def test_update_placement_refuses_an_extension_into_another_placement(case_db: Database) -> None:
    with case_db.session() as s:
        members.add_placement(s, A, BO, TYRESO, "TYR-1", D(2026, 9, 1), D(2026, 9, 30))
    refuse(
        case_db,
        lambda s: members.update_placement(s, A, BO_PLACEMENT, end=D(2026, 9, 1)),
        field="start",
        shows=("2026-09-01",),
    )


def test_add_placement_refuses_an_unknown_district(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.add_placement(s, A, BO, 99, "X-1", D(2026, 9, 1)),
        field=None,
        shows=("99",),
        error=NotFoundError,
    )


def test_update_placement_refuses_an_unknown_district(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.update_placement(s, A, BO_PLACEMENT, district_id=99),
        field=None,
        shows=("99",),
        error=NotFoundError,
    )


def test_add_placement_refuses_an_empty_decision_reference(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.add_placement(s, A, BO, TYRESO, "  ", D(2026, 9, 1)),
        field="decision_ref",
        shows=("Beslutsnumret",),
    )


def test_move_to_district_refuses_a_move_on_or_before_the_current_start(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.move_to_district(s, A, BO, TYRESO, D(2026, 6, 1), "TYR-1"),
        field="start",
        shows=("2026-06-01",),
    )


def test_move_to_district_refuses_an_unknown_district(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.move_to_district(s, A, BO, 99, D(2026, 7, 1), "X-1"),
        field=None,
        shows=("99",),
        error=NotFoundError,
        caught_inside=False,  # refused before anything is written; see the test below
    )


def test_move_to_district_validates_before_it_changes_anything(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.move_to_district(s, A, BO, TYRESO, D(2026, 7, 1), "   "),
        field="decision_ref",
        shows=("Beslutsnumret",),
    )


def test_ending_a_placement_before_an_existing_record_is_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.end_placement(s, A, ANNA_PLACEMENT, D(2026, 5, 10)),
        field="placement",
        shows=("2026-05-16", "Anna Andersson"),
    )


def test_moving_a_placement_start_after_an_existing_record_is_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.update_placement(s, A, BO_PLACEMENT, start=D(2026, 6, 3)),
        field="placement",
        shows=("2026-06-02", "Bo Berg"),
    )


# --- capacity -----------------------------------------------------------------------------------


@pytest.mark.parametrize("percent", [0, 101, -5, True, False, 50.0, "50", None])
def test_add_capacity_period_refuses_a_bad_percentage(case_db: Database, percent: object) -> None:
    refused = refuse(
        case_db,
        lambda s: members.add_capacity_period(s, A, BO, D(2026, 7, 1), percent),  # type: ignore[arg-type]
        field="percent",
        shows=("(tom)" if percent is None else f"{percent} %", "1 till 100"),
    )
    assert refused.value is percent


@pytest.mark.parametrize(
    "weekdays, shows",
    [
        ([], "[]"),
        ((), "[]"),
        ([1, 1, 2], "[1, 1, 2]"),
        ([0], "[0]"),
        ([8], "[8]"),
        ([True], "[true]"),
        (["1"], '["1"]'),
        ([6], "lör"),
        ([1, 7], "sön"),
    ],
)
def test_add_capacity_period_refuses_bad_weekdays(case_db: Database, weekdays: list[object], shows: str) -> None:
    refuse(
        case_db,
        lambda s: members.add_capacity_period(s, A, BO, D(2026, 7, 1), 50, weekdays),  # type: ignore[arg-type]
        field="weekdays",
        shows=(shows,),
    )


def test_add_capacity_period_refuses_a_duplicate_valid_from(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.add_capacity_period(s, A, ANNA, D(2026, 5, 18), 60),
        field="valid_from",
        shows=("2026-05-18", "Anna Andersson"),
    )


def test_add_capacity_period_refuses_an_unknown_member(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: members.add_capacity_period(s, A, 99, D(2026, 7, 1), 50),
        field=None,
        shows=("99",),
        error=NotFoundError,
    )


@pytest.mark.parametrize(
    "valid_from, weekdays, shows",
    [
        (D(2026, 5, 19), [1, 3, 4], "2026-05-19"),  # absent_notified on Tuesday 19 May
        (D(2026, 5, 1), [1, 3, 4, 5], "2026-05-05"),  # sick on Tuesday 5 May
        (D(2026, 5, 25), [1, 2], None),  # nothing registered after 20 May: allowed
    ],
)
def test_a_capacity_change_that_leaves_an_absence_on_an_unplanned_day_is_refused(
    case_db: Database, valid_from: dt.date, weekdays: list[int], shows: str | None
) -> None:
    if shows is None:
        with case_db.session() as s:
            members.add_capacity_period(s, A, ANNA, valid_from, 60, weekdays)
        return
    refuse(
        case_db,
        lambda s: members.add_capacity_period(s, A, ANNA, valid_from, 60, weekdays),
        field="capacity",
        shows=(shows, "Anna Andersson"),
    )


# --- attendance ---------------------------------------------------------------------------------


def present(hours: dict[int, str]) -> Callable[[Session, int, dt.date], object]:
    return lambda s, member, day: attendance.register(s, A, member, day, "present", hours, today=TODAY)


def test_attendance_before_the_placement_starts_is_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: attendance.register(s, A, ANNA, D(2025, 12, 15), "present", {KOPIERING: "2"}, today=TODAY),
        field="date",
        shows=("2025-12-15", "Anna Andersson"),
    )


@pytest.mark.parametrize("status", ["present", "sick", "leave"])
def test_attendance_after_the_placement_ends_is_refused(case_db: Database, status: str) -> None:
    hours = {GLASVERKSTAD: "2"} if status == "present" else None
    refuse(
        case_db,
        lambda s: attendance.register(s, A, BO, D(2026, 9, 1), status, hours, today=TODAY),
        field="date",
        shows=("2026-09-01", "Bo Berg"),
    )


@pytest.mark.parametrize("status", ["present", "sick", "absent_unnotified"])
def test_attendance_of_what_happened_cannot_be_registered_ahead(case_db: Database, status: str) -> None:
    hours = {KOPIERING: "2"} if status == "present" else None
    refuse(
        case_db,
        lambda s: attendance.register(s, A, ANNA, D(2026, 11, 30), status, hours, today=TODAY),
        field="date",
        shows=("2026-11-30",),
    )


@pytest.mark.parametrize("status", ["leave", "absent_notified"])
def test_leave_and_notified_absence_may_be_registered_ahead(case_db: Database, status: str) -> None:
    before, audited = state(case_db)
    with case_db.session() as s:
        attendance.register(s, A, ANNA, D(2026, 11, 30), status, today=TODAY)
    after, audited_after = state(case_db)
    assert audited_after == audited + 1
    assert {"member": "m1", "date": "2026-11-30", "status": status} in after["attendance"]
    assert len(after["attendance"]) == len(before["attendance"]) + 1


def test_present_on_today_is_allowed(case_db: Database) -> None:
    with case_db.session() as s:
        attendance.register(s, A, ANNA, TODAY, "present", {KOPIERING: "1.5"}, today=TODAY)


@pytest.mark.parametrize("hours", [None, {}])
def test_present_without_hours_is_refused(case_db: Database, hours: dict[int, str] | None) -> None:
    refuse(
        case_db,
        lambda s: attendance.register(s, A, ANNA, D(2026, 6, 1), "present", hours, today=TODAY),
        field="hours",
        shows=("2026-06-01", "Anna Andersson"),
    )


@pytest.mark.parametrize("value", ["2.345", "0.001", "1.005", "7.501"])
def test_present_hours_with_three_decimals_are_refused(case_db: Database, value: str) -> None:
    refuse(
        case_db,
        lambda s: attendance.register(s, A, ANNA, D(2026, 6, 1), "present", {KOPIERING: value}, today=TODAY),
        field="hours.Kopiering",
        shows=(value, "två decimaler"),
    )


@pytest.mark.parametrize("value", ["0", "0.00", "-1", "-0.5"])
def test_present_hours_of_zero_or_less_are_refused(case_db: Database, value: str) -> None:
    refuse(
        case_db,
        lambda s: attendance.register(
            s, A, ANNA, D(2026, 6, 1), "present", {KOPIERING: "2", KAFFESTUGA: value}, today=TODAY
        ),
        field="hours.Kaffestuga",
        shows=(value, "större än 0"),
    )


@pytest.mark.parametrize("value", ["abc", "", "1,2,3", "NaN", "Infinity"])
def test_present_hours_that_are_not_numbers_are_refused(case_db: Database, value: str) -> None:
    refuse(
        case_db,
        lambda s: attendance.register(s, A, ANNA, D(2026, 6, 1), "present", {KOPIERING: value}, today=TODAY),
        field="hours.Kopiering",
        shows=(f"Timmarna för Kopiering {value or '(tom)'} är inget tal",),  # as written, no quote marks
    )


def test_present_hours_with_a_day_total_over_24_are_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: attendance.register(
            s, A, ANNA, D(2026, 6, 1), "present", {KOPIERING: "20", GLASVERKSTAD: "4.5"}, today=TODAY
        ),
        field="hours",
        shows=("24,5", "24 timmar", "2026-06-01"),  # the day total, computed: a comma
    )


def test_present_hours_of_exactly_24_are_allowed(case_db: Database) -> None:
    with case_db.session() as s:
        attendance.register(s, A, ANNA, D(2026, 6, 1), "present", {KOPIERING: "20", GLASVERKSTAD: "4"}, today=TODAY)


def test_present_hours_for_an_unknown_work_area_are_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: attendance.register(s, A, ANNA, D(2026, 6, 1), "present", {99: "2"}, today=TODAY),
        field="work_area",
        shows=("99",),
    )


@pytest.mark.parametrize(
    "day, status",
    [
        (D(2026, 6, 13), "sick"),  # a Saturday
        (D(2026, 6, 14), "absent_unnotified"),  # a Sunday
        (D(2026, 5, 14), "sick"),  # Ascension Day, a Thursday (Anna planned Mon–Fri then)
        (D(2026, 5, 1), "absent_notified"),  # första maj, a Friday
        (D(2026, 12, 24), "leave"),  # julafton, a Thursday: a de facto holiday, and ahead of time
        (D(2026, 5, 15), "sick"),  # the cooperative's closure day
        (D(2026, 5, 22), "leave"),  # a Friday: not among Anna's weekdays (Mon–Thu) from 18 May
    ],
)
def test_an_absence_on_a_day_that_is_not_planned_is_refused(case_db: Database, day: dt.date, status: str) -> None:
    refuse(
        case_db,
        lambda s: attendance.register(s, A, ANNA, day, status, today=TODAY),
        field="status",
        shows=(day.isoformat(), "Anna Andersson", "inte planerad"),
    )


def test_present_on_a_day_that_is_not_planned_is_an_extra_day(case_db: Database) -> None:
    with case_db.session() as s:
        attendance.register(s, A, ANNA, D(2026, 6, 13), "present", {KAFFESTUGA: "3"}, today=TODAY)


@pytest.mark.parametrize("status", ["sick", "absent_notified", "absent_unnotified", "leave"])
def test_an_absence_with_hours_is_refused(case_db: Database, status: str) -> None:
    refuse(
        case_db,
        lambda s: attendance.register(s, A, ANNA, D(2026, 6, 1), status, {KOPIERING: "2"}, today=TODAY),
        field="hours",
        shows=("timmar",),
    )


@pytest.mark.parametrize("status", ["holiday", "Present", "", None, "närvarande"])
def test_an_unknown_status_is_refused(case_db: Database, status: object) -> None:
    refuse(
        case_db,
        lambda s: attendance.register(s, A, ANNA, D(2026, 6, 1), status, today=TODAY),  # type: ignore[arg-type]
        field="status",
        shows=(shown(status),),
    )


def test_attendance_of_an_unknown_member_is_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: attendance.register(s, A, 99, D(2026, 6, 1), "sick", today=TODAY),
        field=None,
        shows=("99",),
        error=NotFoundError,
    )


# --- supervisor hours ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "-2", "0.00"])
def test_supervisor_hours_of_zero_or_less_are_refused(case_db: Database, value: str) -> None:
    refuse(
        case_db,
        lambda s: supervisors.log_hours(s, A, SARA, D(2026, 6, 2), value, "supervision"),
        field="hours",
        shows=(value, "större än 0"),
    )


@pytest.mark.parametrize("value", ["1.255", "0.001"])
def test_supervisor_hours_with_three_decimals_are_refused(case_db: Database, value: str) -> None:
    refuse(
        case_db,
        lambda s: supervisors.log_hours(s, A, SARA, D(2026, 6, 2), value, "supervision"),
        field="hours",
        shows=(value,),
    )


def test_supervisor_hours_over_24_in_a_day_across_two_entries_are_refused(case_db: Database) -> None:
    # 20 hours of administration are already logged on 2026-06-01.
    refuse(
        case_db,
        lambda s: supervisors.log_hours(s, A, SARA, D(2026, 6, 1), "4.25", "training"),
        field="hours",
        shows=("24,25", "2026-06-01", "Sara Svensson"),
    )


def test_supervisor_hours_up_to_24_in_a_day_are_allowed(case_db: Database) -> None:
    with case_db.session() as s:
        supervisors.log_hours(s, A, SARA, D(2026, 6, 1), "4", "training")


def test_moving_supervisor_hours_onto_a_full_day_is_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: supervisors.update_hours(s, A, 1, day=D(2026, 6, 1)),  # 8 h from 2026-05-04
        field="hours",
        shows=("28", "2026-06-01"),
    )


def test_raising_supervisor_hours_over_24_is_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: supervisors.update_hours(s, A, 3, hours="24.5"),
        field="hours",
        shows=("har 24,5 timmar",),  # the day total the check works out, not the typed "24.5"
    )


@pytest.mark.parametrize("activity", ["lunch", "Supervision", "", None, "handledning"])
def test_supervisor_hours_with_an_unknown_activity_are_refused(case_db: Database, activity: object) -> None:
    refuse(
        case_db,
        lambda s: supervisors.log_hours(s, A, SARA, D(2026, 6, 2), "2", activity),  # type: ignore[arg-type]
        field="activity",
        shows=(shown(activity),),
    )


def test_supervisor_hours_with_an_unknown_work_area_are_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: supervisors.log_hours(s, A, SARA, D(2026, 6, 2), "2", "supervision", 99),
        field="work_area",
        shows=("99",),
    )


def test_supervisor_hours_of_an_unknown_supervisor_are_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: supervisors.log_hours(s, A, 99, D(2026, 6, 2), "2", "supervision"),
        field=None,
        shows=("99",),
        error=NotFoundError,
    )


@pytest.mark.parametrize("fte", [0, 101, True, "100"])
def test_a_supervisor_with_a_bad_fte_percentage_is_refused(case_db: Database, fte: object) -> None:
    refuse(
        case_db,
        lambda s: supervisors.add_supervisor(s, A, "Olle Ort", fte),  # type: ignore[arg-type]
        field="fte_percent",
        shows=(f"{fte} %",),
    )


# --- tariffs ------------------------------------------------------------------------------------


def tariff(**kwargs: Any) -> Callable[[Session], object]:
    valid_from = kwargs.pop("valid_from", D(2026, 6, 1))
    district = kwargs.pop("district", SODERMALM)
    return lambda s: districts.add_tariff(s, A, district, valid_from, **kwargs)


@pytest.mark.parametrize("amount", [None, ""])
def test_a_per_day_tariff_without_full_day_amount_is_refused(case_db: Database, amount: str | None) -> None:
    refuse(
        case_db,
        tariff(kind="per_day", full_day_amount=amount, half_day_amount="200"),
        field="full_day_amount",
        shows=("Heldagsbeloppet",),
    )


def test_a_per_hour_tariff_without_hourly_amount_is_refused(case_db: Database) -> None:
    refuse(case_db, tariff(kind="per_hour"), field="hourly_amount", shows=("Timbeloppet",))


def test_a_per_month_tariff_without_bands_is_refused(case_db: Database) -> None:
    refuse(case_db, tariff(kind="per_month", bands=[]), field="bands", shows=("intervall",))


def test_a_per_month_tariff_with_a_duplicate_band_is_refused(case_db: Database) -> None:
    refuse(
        case_db,
        tariff(kind="per_month", bands=[(1, "4000"), (50, "7500"), (50, "8000")]),
        field="bands.min_percent",
        shows=("50 %",),
    )


@pytest.mark.parametrize("min_percent", [0, 101, True])
def test_a_per_month_band_with_a_bad_minimum_is_refused(case_db: Database, min_percent: object) -> None:
    refuse(
        case_db,
        tariff(kind="per_month", bands=[(min_percent, "4000")]),
        field="bands.min_percent",
        shows=(f"{min_percent} %",),
    )


@pytest.mark.parametrize(
    "kwargs, field, value",
    [
        ({"kind": "per_day", "full_day_amount": "-450"}, "full_day_amount", "-450"),
        ({"kind": "per_day", "full_day_amount": "450", "half_day_amount": "-0.01"}, "half_day_amount", "-0.01"),
        ({"kind": "per_hour", "hourly_amount": "-95.50"}, "hourly_amount", "-95.50"),
        ({"kind": "per_month", "bands": [(1, "-4000")]}, "bands.amount", "-4000"),
        ({"kind": "per_hour", "hourly_amount": "95.555"}, "hourly_amount", "95.555"),
        ({"kind": "per_day", "full_day_amount": "450", "full_day_min_hours": "-1"}, "full_day_min_hours", "-1"),
        ({"kind": "per_day", "full_day_amount": "450", "full_day_min_hours": "25"}, "full_day_min_hours", "25"),
        ({"kind": "per_day", "full_day_amount": "450", "half_day_min_hours": "abc"}, "half_day_min_hours", "abc"),
    ],
)
def test_a_tariff_with_a_bad_amount_is_refused(
    case_db: Database, kwargs: dict[str, Any], field: str, value: str
) -> None:
    refuse(case_db, tariff(**kwargs), field=field, shows=(value,))


def test_a_tariff_with_a_duplicate_valid_from_is_refused(case_db: Database) -> None:
    refuse(
        case_db,
        tariff(kind="none", district=TYRESO, valid_from=D(2026, 1, 1)),
        field="valid_from",
        shows=("2026-01-01", "Tyresö kommun"),
    )


def test_a_tariff_of_an_unknown_kind_is_refused(case_db: Database) -> None:
    refuse(case_db, tariff(kind="per_week"), field="kind", shows=("per dag",))


def test_the_unknown_tariff_kind_is_shown_in_the_message(case_db: Database) -> None:
    refuse(case_db, tariff(kind="per_week"), field="kind", shows=("per_week",))


def test_a_tariff_of_an_unknown_district_is_refused(case_db: Database) -> None:
    refuse(case_db, tariff(kind="none", district=99), field=None, shows=("99",), error=NotFoundError)


# --- attested (locked) months -------------------------------------------------------------------

LOCKED = ("April 2026", "attesterad", "Sara Svensson")


def test_a_locked_month_refuses_attendance(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: attendance.register(s, A, ANNA, D(2026, 4, 8), "sick", today=TODAY),
        field="date",
        shows=LOCKED,
        error=LockedMonthError,
    )


def test_a_locked_month_refuses_changing_an_attendance_record(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: attendance.register(s, A, ANNA, D(2026, 4, 7), "present", {KOPIERING: "5"}, today=TODAY),
        field="date",
        shows=LOCKED,
        error=LockedMonthError,
    )


def test_a_locked_month_refuses_clearing_an_attendance_record(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: attendance.clear(s, A, ANNA, D(2026, 4, 7)),
        field="date",
        shows=LOCKED,
        error=LockedMonthError,
    )


def test_a_locked_month_refuses_new_supervisor_hours(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: supervisors.log_hours(s, A, SARA, D(2026, 4, 9), "8", "supervision"),
        field="date",
        shows=LOCKED,
        error=LockedMonthError,
    )


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda s: supervisors.update_hours(s, A, 2, hours="7"), id="update-in-april"),
        pytest.param(lambda s: supervisors.update_hours(s, A, 2, day=D(2026, 6, 2)), id="move-out-of-april"),
        pytest.param(lambda s: supervisors.update_hours(s, A, 1, day=D(2026, 4, 9)), id="move-into-april"),
        pytest.param(lambda s: supervisors.delete_hours(s, A, 2), id="delete-in-april"),
    ],
)
def test_a_locked_month_refuses_changing_supervisor_hours(case_db: Database, change: Callable[..., object]) -> None:
    refuse(case_db, change, field="date", shows=LOCKED, error=LockedMonthError)


@pytest.mark.parametrize(
    "change, field",
    [
        pytest.param(
            lambda s: members.add_placement(s, A, BO, TYRESO, "TYR-1", D(2026, 3, 1), D(2026, 4, 15)),
            "start",
            id="add-ending-in-april",
        ),
        pytest.param(
            lambda s: members.add_placement(s, A, BO, TYRESO, "TYR-1", D(2026, 4, 30), D(2026, 5, 31)),
            "start",
            id="add-starting-in-april",
        ),
        pytest.param(
            lambda s: members.add_placement(s, A, BO, TYRESO, "TYR-1", D(2026, 1, 1), D(2026, 5, 31)),
            "start",
            id="add-spanning-april",
        ),
        pytest.param(lambda s: members.end_placement(s, A, ANNA_PLACEMENT, D(2026, 4, 20)), "end", id="end-in-april"),
        pytest.param(
            lambda s: members.update_placement(s, A, ANNA_PLACEMENT, start=D(2026, 4, 2)), "end", id="start-in-april"
        ),
        pytest.param(
            lambda s: members.update_placement(s, A, ANNA_PLACEMENT, district_id=SODERMALM),
            "district",
            id="change-district",
        ),
        pytest.param(
            lambda s: members.update_placement(s, A, ANNA_PLACEMENT, decision_ref="NOR-2026-0099"),
            "district",
            id="change-decision",
        ),
        pytest.param(
            lambda s: members.move_to_district(s, A, ANNA, SODERMALM, D(2026, 4, 15), "SÖD-1"),
            "start",  # the move is checked whole first: its start lies in April
            id="move-in-april",
        ),
    ],
)
def test_a_locked_month_refuses_a_placement_change_touching_it(
    case_db: Database, change: Callable[..., object], field: str
) -> None:
    refuse(case_db, change, field=field, shows=LOCKED, error=LockedMonthError)


def test_an_unlocked_month_allows_ending_a_placement_after_its_records(case_db: Database) -> None:
    with case_db.session() as s:
        members.end_placement(s, A, ANNA_PLACEMENT, D(2026, 5, 20))


@pytest.mark.parametrize(
    "member, valid_from",
    [
        (ANNA, D(2026, 3, 1)),  # holds until 17 May: covers April
        (ANNA, D(2026, 4, 20)),
        (ANNA, D(2026, 4, 1)),
        (BO, D(2026, 2, 1)),  # holds until Bo's first period (1 June)
    ],
)
def test_a_locked_month_refuses_a_capacity_period_reaching_into_it(
    case_db: Database, member: int, valid_from: dt.date
) -> None:
    refuse(
        case_db,
        lambda s: members.add_capacity_period(s, A, member, valid_from, 60),
        field="valid_from",
        shows=LOCKED,
        error=LockedMonthError,
    )


def test_a_capacity_period_after_a_locked_month_is_allowed(case_db: Database) -> None:
    with case_db.session() as s:
        members.add_capacity_period(s, A, ANNA, D(2026, 5, 1), 60)


def test_a_locked_month_refuses_a_closure_day_in_it(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: settings.add_closure_day(s, A, D(2026, 4, 8)),
        field=("day", "date"),
        shows=LOCKED,
        error=LockedMonthError,
    )


def test_a_locked_month_refuses_removing_a_closure_day_in_it(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: settings.remove_closure_day(s, A, D(2026, 4, 29)),
        field=("day", "date"),
        shows=LOCKED,
        error=LockedMonthError,
    )


def test_a_duplicate_closure_day_is_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: settings.add_closure_day(s, A, D(2026, 5, 15)),
        field="day",
        shows=("2026-05-15",),
    )


@pytest.mark.parametrize(
    "district, valid_from",
    [
        (TYRESO, D(2026, 4, 1)),  # governs April itself
        (SODERMALM, D(2026, 3, 15)),  # in effect on 1 April
        (NORRMALM, D(2026, 2, 1)),  # governs February until the end of time, April too
    ],
)
def test_a_locked_month_refuses_a_tariff_governing_it(case_db: Database, district: int, valid_from: dt.date) -> None:
    refuse(
        case_db,
        lambda s: districts.add_tariff(s, A, district, valid_from, "none"),
        field="valid_from",
        shows=LOCKED,
        error=LockedMonthError,
    )


def test_a_tariff_that_governs_only_months_before_a_locked_one_is_allowed(case_db: Database) -> None:
    """Before Södermalm's tariff of 2026-01-01: it governs December 2025 only."""
    with case_db.session() as s:
        districts.add_tariff(s, A, SODERMALM, D(2025, 12, 1), "none")


def test_a_locked_month_refuses_removing_the_tariff_governing_it(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: districts.remove_tariff(s, A, 1),
        field="valid_from",
        shows=LOCKED,
        error=LockedMonthError,
    )


def test_a_tariff_from_after_the_first_of_a_locked_month_is_allowed(case_db: Database) -> None:
    """The tariff in effect on a month's first day applies: one from 2 April first governs May."""
    with case_db.session() as s:
        districts.add_tariff(s, A, SODERMALM, D(2026, 4, 2), "per_hour", hourly_amount="100")


def test_attesting_an_attested_month_is_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: locks.attest_month(s, A, APRIL),
        field="month",
        shows=LOCKED,
        error=LockedMonthError,
    )


def test_attesting_a_month_that_has_not_begun_is_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: locks.attest_month(s, A, Month(2099, 1)),
        field="month",
        shows=("januari 2099",),
    )


def test_attesting_a_month_with_nothing_in_it_is_refused(case_db: Database) -> None:
    """Found typing 1999-01 for 2026-11: the month was attested and every district's statement of it
    issued — versions that can never be removed (issued statements are append-only) of a month with no
    placement, no hours and no time at all. Such a month is refused: there is nothing to attest."""
    refuse(
        case_db,
        lambda s: locks.attest_month(s, A, Month(1999, 1)),
        field="month",
        shows=("januari 1999", "inget"),
    )


def test_reopening_needs_an_administrator(case_db: Database) -> None:
    from coopdesk.core.permissions import PermissionDeniedError

    with case_db.session() as s, pytest.raises(PermissionDeniedError) as refused:
        locks.reopen_month(s, HANDLEDARE, APRIL, "Fel i närvaron")
    assert "Bara en administratör kan öppna en attesterad månad igen" in refused.value.sv
    with case_db.session() as s:
        assert locks.lock_of(s, APRIL) is not None


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_reopening_needs_a_reason(case_db: Database, reason: str | None) -> None:
    refuse(
        case_db,
        lambda s: locks.reopen_month(s, A, APRIL, reason),  # type: ignore[arg-type]
        field="reason",
        shows=("varför",),
    )


def test_reopening_a_month_that_is_not_attested_is_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: locks.reopen_month(s, A, Month(2026, 5), "Fel"),
        field="month",
        shows=("maj 2026",),
    )


def test_an_administrator_reopens_with_a_reason_and_then_the_month_can_change(case_db: Database) -> None:
    _, audited = state(case_db)
    with case_db.session() as s:
        locks.reopen_month(s, A, APRIL, "Fel i närvaron")
    with case_db.session() as s:
        attendance.register(s, A, ANNA, D(2026, 4, 8), "sick", today=TODAY)
    document, audited_after = state(case_db)
    assert audited_after == audited + 2
    assert document["month_locks"] == []


# --- changes that would leave existing data invalid ---------------------------------------------


def test_a_closure_day_that_leaves_an_absence_on_an_unplanned_day_is_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: settings.add_closure_day(s, A, D(2026, 5, 5)),  # Anna is sick on 5 May
        field="day",
        shows=("2026-05-05",),
    )


def test_opening_weekdays_that_leave_capacity_outside_them_are_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: settings.save_cooperative(
            s,
            A,
            name="Kooperativet KOS",
            opening_weekdays=(1, 2, 3, 4),
            valid_from=D(2026, 5, 1),  # dated: the capacity periods in force from then on are checked
            host_district_id=NORRMALM,
        ),
        field="opening_weekdays",
        shows=("Anna Andersson", "fredag"),
    )


# --- cooperative settings and work areas --------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, field, shows",
    [
        # a good name with a bad field after it: the name must not be saved either
        (
            {"name": "Nytt namn", "host_district_id": NORRMALM, "full_time_hours_per_week": "0"},
            "full_time_hours_per_week",
            "0",
        ),
        ({"name": " "}, "name", "namn"),
        ({"name": "K", "opening_weekdays": ()}, "opening_weekdays", "[]"),
        ({"name": "K", "opening_weekdays": (1, 1)}, "opening_weekdays", "[1, 1]"),
        ({"name": "K", "full_time_hours_per_week": "0"}, "full_time_hours_per_week", "0"),
        ({"name": "K", "full_time_hours_per_week": "169"}, "full_time_hours_per_week", "169"),
        ({"name": "K", "full_time_hours_per_week": "37.555"}, "full_time_hours_per_week", "37.555"),
        ({"name": "K", "org_number": "802400-1234"}, "org_number", "802400-1234"),
        ({"name": "K", "host_district_id": 99}, "host_district", "Värdstadsdelen"),
    ],
)
def test_save_cooperative_refuses_bad_settings(
    case_db: Database, kwargs: dict[str, Any], field: str, shows: str
) -> None:
    refuse(
        case_db,
        lambda s: settings.save_cooperative(s, A, **kwargs),
        field=field,
        shows=(shows,),
    )


def test_a_duplicate_work_area_is_refused(case_db: Database) -> None:
    refuse(case_db, lambda s: settings.add_work_area(s, A, " kopiering "), field="name", shows=("kopiering",))


def test_an_empty_work_area_name_is_refused(case_db: Database) -> None:
    refuse(case_db, lambda s: settings.add_work_area(s, A, ""), field="name", shows=("namn",))


def test_a_duplicate_district_is_refused(case_db: Database) -> None:
    refuse(
        case_db,
        lambda s: districts.add_district(s, A, "norrmalm"),
        field="name",
        shows=("norrmalm",),
    )


def test_a_district_of_an_unknown_kind_is_refused(case_db: Database) -> None:
    refuse(case_db, lambda s: districts.add_district(s, A, "Solna", "region"), field="kind", shows=("kommun",))


# --- unknown ids and the lock check itself ------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda s: members.update_member(s, A, 99, name="X"), id="update_member"),
        pytest.param(lambda s: members.update_placement(s, A, 99, end=D(2026, 12, 31)), id="update_placement"),
        pytest.param(lambda s: members.end_placement(s, A, 99, D(2026, 12, 31)), id="end_placement"),
        pytest.param(lambda s: members.move_to_district(s, A, 99, TYRESO, D(2026, 12, 1), "T-1"), id="move"),
        pytest.param(lambda s: supervisors.update_hours(s, A, 99, hours="2"), id="update_hours"),
        pytest.param(lambda s: supervisors.delete_hours(s, A, 99), id="delete_hours"),
        pytest.param(lambda s: districts.remove_tariff(s, A, 99), id="remove_tariff"),
        pytest.param(lambda s: settings.remove_closure_day(s, A, D(2026, 6, 3)), id="remove_closure_day"),
        pytest.param(lambda s: attendance.clear(s, A, 99, D(2026, 6, 1)), id="clear"),
    ],
)
def test_a_change_of_something_that_does_not_exist_is_refused(case_db: Database, change: Callable[..., object]) -> None:
    refuse(case_db, change, field=None, error=NotFoundError)


@pytest.mark.parametrize(
    "first, last, locked",
    [
        (D(2026, 4, 30), D(2026, 4, 30), True),
        (D(2026, 3, 1), D(2026, 3, 31), False),
        (D(2026, 3, 31), D(2026, 4, 1), True),
        (D(2026, 5, 1), None, False),  # open-ended, after the lock
        (D(2026, 1, 1), None, True),  # open-ended, through the lock
    ],
)
def test_ensure_unlocked_refuses_any_range_touching_a_locked_month(
    case_db: Database, first: dt.date, last: dt.date | None, locked: bool
) -> None:
    with case_db.session() as s:
        if locked:
            with pytest.raises(LockedMonthError) as info:
                locks.ensure_unlocked(s, first, last)
            assert info.value.field == "date" and info.value.value == first.isoformat()
            assert "April 2026" in info.value.sv
        else:
            locks.ensure_unlocked(s, first, last)
