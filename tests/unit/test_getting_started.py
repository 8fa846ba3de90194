"""Kom igång: each first step is done as the database stands, in the order the data depends on."""

from __future__ import annotations

import datetime as dt

import pytest

from coopdesk.core.actor import ROLE_ADMIN, Actor
from coopdesk.core.services import districts, getting_started, members, settings, supervisors
from coopdesk.storage.database import Database, open_database

ADMIN = Actor("Anna Berg", ROLE_ADMIN, "anna")


@pytest.fixture
def db(new_db) -> Database:
    database = open_database(new_db("start.db", migrated=True))
    yield database
    database.close()


def done(db: Database) -> dict[str, bool]:
    with db.session() as s:
        return {step.key: step.done for step in getting_started.steps(s)}


def test_a_new_database_has_no_step_done_and_each_is_done_by_its_own_data(db: Database) -> None:
    assert list(done(db)) == list(getting_started.STEPS)
    assert not any(done(db).values())
    with db.session() as s:
        settings.save_cooperative(s, ADMIN, name="Kooperativet KOS")
    assert done(db)["cooperative"] and not done(db)["districts"]
    with db.session() as s:
        district = districts.add_district(s, ADMIN, "Norrmalm")
        district_id = district.id
    assert not done(db)["districts"], "a district without a tariff is half the step"
    with db.session() as s:
        districts.add_tariff(s, ADMIN, district_id, dt.date(2026, 1, 1), "per_day", full_day_amount="350")
    assert done(db)["districts"]
    with db.session() as s:
        area = settings.add_work_area(s, ADMIN, "Kopiering")
        area_id = area.id
    assert done(db)["work_areas"]
    with db.session() as s:
        member = members.add_member(s, ADMIN, "Anna Andersson", "19800101-0001", primary_work_area_id=area_id)
        member_id = member.id
    assert not done(db)["members"], "a member without a placement is not yet in any register"
    with db.session() as s:
        members.add_placement(s, ADMIN, member_id, district_id, "B-1", dt.date(2026, 1, 1))
        supervisors.add_supervisor(s, ADMIN, "Sara Svensson", 100)
    assert all(done(db).values())
    with db.session() as s:
        assert getting_started.all_done(s)


def test_the_default_name_alone_is_not_the_cooperatives_details(db: Database) -> None:
    with db.session() as s:
        settings.save_cooperative(s, ADMIN, name=getting_started.DEFAULT_NAME)
    assert not done(db)["cooperative"]
