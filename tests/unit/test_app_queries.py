"""The read models the views show (coopdesk/app): plain data out of the example database, no ORM object.

The views (ui/) import neither SQLAlchemy nor the models; what they show is read here, so each query is
checked against the example document of interchange.md (tests/fixtures/interchange_example.json).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from coopdesk.app.application import Application
from coopdesk.app.attendance import MonthSheetView
from coopdesk.app.districts import DistrictListView, DistrictView, TariffListView
from coopdesk.app.members import MemberEditorView, MemberListView, SaveMember
from coopdesk.app.settings import ClosureDaysView, CooperativeSettingsView, WorkAreaListView, WorkAreaView
from coopdesk.app.supervisors import (
    HoursVersionView,
    Lock,
    SupervisorFiguresView,
    SupervisorsPageView,
    SupervisorView,
    SupervisorWeekView,
)
from coopdesk.core.actor import Actor
from coopdesk.core.calendar import Month
from coopdesk.core.errors import ConflictError
from coopdesk.core.models import Base, Member
from coopdesk.storage.database import Database
from tests.conftest import TODAY

MAY_20 = dt.date(2026, 5, 20)  # Anna Andersson at 75 %, Monday–Thursday, placed with Norrmalm
MAY = Month.of(MAY_20)
GONE = 999_999  # an id no row has


@pytest.fixture
def app(example_db: Database, actor: Actor) -> Application:
    return Application(example_db, actor, clock=lambda: TODAY)


def assert_plain(value: object, path: str = "result") -> None:
    """No ORM object anywhere in ``value``: what a view gets cannot lazy-load on the GUI thread."""
    assert not isinstance(value, Base), f"{path} is an ORM object: {value!r}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            assert_plain(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            assert_plain(key, f"{path} key")
            assert_plain(item, f"{path}[{key!r}]")
    elif isinstance(value, list | tuple | set | frozenset):
        for i, item in enumerate(value):
            assert_plain(item, f"{path}[{i}]")


def ids(app: Application) -> dict[str, int]:
    """The example's ids by name: the member, the districts, the work areas, the supervisor."""
    with app.db.session() as session:
        found = {name: area_id for area_id, name, _version in WorkAreaListView().run(session, TODAY)}
        found.update({d.name: d.id for d in DistrictListView().run(session, TODAY)})
        found["Anna Andersson"] = session.scalars(select(Member.id)).one()
        found.update({s.name: s.id for s in SupervisorsPageView().run(session, TODAY).supervisors})
    return found


# --- members ---------------------------------------------------------------------------------------


def test_the_member_list_says_what_is_true_on_the_day(app: Application) -> None:
    rows = app.read(MemberListView(MAY_20))
    assert_plain(rows)
    [row] = rows
    assert (row.name, row.personal_number, row.district, row.area) == (
        "Anna Andersson",
        "19800101-0019",
        "Norrmalm",
        "Kopiering",
    )
    assert row.active and row.percent == 75 and row.placement_end is None
    before = app.read(MemberListView(dt.date(2025, 12, 1)))[0]  # the placement starts 2026-01-01
    assert not before.active and before.district is None and before.percent is None
    assert before.next_start == dt.date(2026, 1, 1)


def test_the_member_editor_reads_the_member_and_its_choices(app: Application) -> None:
    known = ids(app)
    data = app.read(MemberEditorView(known["Anna Andersson"], MAY_20))
    assert_plain(data)
    assert [name for _id, name in data.areas] == ["Kopiering", "Glasverkstad", "Kaffestuga"]
    assert {name for _id, name in data.districts} == {"Norrmalm", "Södermalm", "Tyresö kommun"}
    assert data.opening == frozenset({1, 2, 3, 4, 5})
    details = data.details
    assert details is not None and details.primary_work_area_id == known["Kopiering"]
    assert [(p.district, p.decision_ref, p.case_worker) for p in details.placements] == [
        ("Norrmalm", "NOR-2026-0012", "Karl Karlsson")
    ]
    assert [(c.valid_from, c.percent, c.weekdays) for c in details.capacities] == [
        (dt.date(2026, 1, 1), 50, frozenset({1, 2, 3, 4, 5})),
        (dt.date(2026, 5, 18), 75, frozenset({1, 2, 3, 4})),
    ]
    newest = details.attendance[:3]  # newest first; the Saturday 16th was registered though not planned
    assert [(a.day, a.status, a.hours, a.areas) for a in newest] == [
        (MAY_20, "present", Decimal("7.5"), "Kopiering"),
        (dt.date(2026, 5, 19), "absent_notified", Decimal(0), ""),
        (dt.date(2026, 5, 18), "leave", Decimal(0), ""),
    ]
    days = [a.day for a in details.attendance]
    assert dt.date(2026, 5, 16) in days and dt.date(2026, 5, 15) not in days  # the 15th is a closure day
    assert data.month is not None


def test_a_new_member_has_no_details_and_is_saved_by_one_command(app: Application) -> None:
    data = app.read(MemberEditorView(None, MAY_20))
    assert data.details is None and data.month is None and len(data.areas) == 3
    changes = app.execute(SaveMember(None, "Bo Berg", "19800101-0027", None, MAY_20))
    assert "members" in changes.kinds
    new_id = changes.result
    assert isinstance(new_id, int)
    assert {r.name for r in app.read(MemberListView(MAY_20))} == {"Anna Andersson", "Bo Berg"}
    saved = app.read(MemberEditorView(new_id, MAY_20)).details
    assert saved is not None
    app.execute(SaveMember(new_id, "Bo Bergström", "19800101-0027", None, MAY_20, saved.version))
    with pytest.raises(ConflictError):  # the version the form showed is no longer the stored one
        app.execute(SaveMember(new_id, "Bo Berg", "19800101-0027", None, MAY_20, saved.version))
    assert {r.name for r in app.read(MemberListView(MAY_20))} == {"Anna Andersson", "Bo Bergström"}


# --- districts -------------------------------------------------------------------------------------


def test_the_districts_with_the_host_marked(app: Application) -> None:
    districts = app.read(DistrictListView())
    assert_plain(districts)
    by_name = {d.name: d for d in districts}
    assert set(by_name) == {"Norrmalm", "Södermalm", "Tyresö kommun"}
    assert [name for name, d in by_name.items() if d.is_host] == ["Norrmalm"]
    assert by_name["Tyresö kommun"].kind == "kommun"
    assert by_name["Norrmalm"].contact == "Beställarenheten, 08-000 00 00"
    assert app.read(DistrictView(by_name["Södermalm"].id)) == by_name["Södermalm"]
    assert app.read(DistrictView(GONE)) is None


def test_a_districts_tariffs(app: Application) -> None:
    known = ids(app)
    [per_day] = app.read(TariffListView(known["Norrmalm"]))
    assert_plain(per_day)
    assert (per_day.kind, per_day.valid_from, per_day.until) == ("per_day", dt.date(2026, 1, 1), None)
    assert (per_day.full_day_amount, per_day.half_day_amount) == (Decimal("450.00"), Decimal("250.00"))
    [per_month] = app.read(TariffListView(known["Tyresö kommun"]))
    assert per_month.bands == ((1, Decimal("4000.00")), (50, Decimal("7500.00")))
    assert app.read(TariffListView(known["Södermalm"]))[0].hourly_amount == Decimal("95.50")
    assert app.read(TariffListView(GONE)) == []


# --- the month, the settings -----------------------------------------------------------------------


def test_the_month_sheet_has_the_grid_the_area_names_and_primary_areas(app: Application) -> None:
    known = ids(app)
    sheet = app.read(MonthSheetView(MAY))
    assert_plain(sheet)
    assert sheet.grid.month == MAY and [r.member_id for r in sheet.grid.rows] == [known["Anna Andersson"]]
    assert sorted(sheet.areas.values()) == ["Glasverkstad", "Kaffestuga", "Kopiering"]
    assert sheet.primary_areas == {known["Anna Andersson"]: known["Kopiering"]}


def test_the_settings_read_as_plain_data(app: Application) -> None:
    assert app.read(ClosureDaysView()) == [dt.date(2026, 5, 15)]
    areas = app.read(WorkAreaListView())
    assert [name for _id, name, _version in areas] == ["Kopiering", "Glasverkstad", "Kaffestuga"]
    area_id, name, version = areas[1]
    assert app.read(WorkAreaView(area_id)) == (name, version)
    assert app.read(WorkAreaView(GONE)) is None
    coop = app.read(CooperativeSettingsView())
    assert_plain(coop)
    assert (coop.name, coop.org_number, coop.address) == (
        "Kooperativet KOS",
        "802400-1235",
        "Exempelgatan 1, 111 22 Stockholm",
    )
    assert coop.version >= 1 and coop.weeks and coop.weeks[-1].full_time_week == Decimal(40)
    assert {name for _id, name in coop.districts} == {"Norrmalm", "Södermalm", "Tyresö kommun"}


def test_a_fresh_database_shows_the_default_cooperative_unsaved(db: Database, actor: Actor) -> None:
    coop = Application(db, actor, clock=lambda: TODAY).read(CooperativeSettingsView())
    assert (coop.name, coop.version, coop.districts) == ("Kooperativet", 0, [])


# --- supervisors -----------------------------------------------------------------------------------


def test_the_supervisors_and_a_week_of_hours_with_its_locked_months(app: Application) -> None:
    known = ids(app)
    page = app.read(SupervisorsPageView())
    assert_plain(page)
    [sara] = page.supervisors
    assert (sara.name, sara.fte_percent) == ("Sara Svensson", 100)
    assert app.read(SupervisorView(sara.id)) == sara and app.read(SupervisorView(GONE)) is None
    week = app.read(SupervisorWeekView(sara.id, dt.date(2026, 5, 4)))
    assert_plain(week)
    [entry] = week.entries
    assert (entry.day, entry.hours, entry.activity, entry.area_name) == (
        dt.date(2026, 5, 4),
        Decimal(8),
        "supervision",
        "Glasverkstad",
    )
    assert entry.work_area_id == known["Glasverkstad"] and week.locks == []
    across = app.read(SupervisorWeekView(None, dt.date(2026, 4, 27)))  # April (attested) into May
    assert across.entries == []
    assert across.locks == [Lock("2026-04", "Sara Svensson", dt.date(2026, 5, 3))]
    assert app.read(HoursVersionView(entry.id)) == entry.version
    assert app.read(HoursVersionView(GONE)) is None


def test_the_supervisor_figures_of_a_month(app: Application) -> None:
    figures = app.read(SupervisorFiguresView(MAY, TODAY))
    assert_plain(figures)
    assert figures.full_time_week == Decimal(40)
    [row] = figures.section.rows
    assert (row.name, row.worked_hours) == ("Sara Svensson", Decimal(8))
    assert figures.to_date is None  # May is over by the example's today: no month to date
