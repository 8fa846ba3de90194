"""Two PCs on one database: optimistic concurrency never lets one silently overwrite the other.

Two Database objects on one database stand for two PCs (each its own engine and connections): one
SQLite file, or one PostgreSQL database in the suite's PostgreSQL run; issue 7's "done when" is the
first test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from coopdesk.core.actor import ROLE_ADMIN, Actor
from coopdesk.core.errors import ConflictError
from coopdesk.core.models import Attendance, Placement, SupervisorHours, Tariff, UserAccount
from coopdesk.core.services import attendance, districts, members, settings, supervisors, users
from coopdesk.storage.database import Database, open_database
from tests.helpers import row_counts

DAY = dt.date(2026, 11, 26)
TODAY = dt.date(2026, 11, 27)
ANNA = Actor("Anna Berg", ROLE_ADMIN, "anna")
BO = Actor("Bo Ek", ROLE_ADMIN, "bo")


@pytest.fixture
def two_pcs(new_db) -> Iterator[tuple[Database, Database, dict[str, int]]]:
    """Two PCs on one database with two members, a supervisor with an entry, a district with a tariff."""
    address = new_db("shared.db")
    first = open_database(address)
    ids: dict[str, int] = {}
    with first.session() as session:
        users.create_first_admin(session, "admin.test", "Test Administratör", "test-lösenord-1")
        settings.save_cooperative(session, ANNA, name="Kooperativet KOS")
        area = settings.add_work_area(session, ANNA, "Kopiering")
        district = districts.add_district(session, ANNA, "Norrmalm")
        tariff = districts.add_tariff(session, ANNA, district.id, dt.date(2026, 1, 1), "per_hour", hourly_amount="95")
        for key, name, number in (("anna", "Anna Andersson", "19800101-0019"), ("bertil", "Bertil Berg", None)):
            member = members.add_member(session, ANNA, name, number or "19700101-0011", today=TODAY)
            members.add_placement(session, ANNA, member.id, district.id, f"NOR-{key}", dt.date(2026, 1, 1))
            members.add_capacity_period(session, ANNA, member.id, dt.date(2026, 1, 1), 50)
            ids[key] = member.id
        supervisor = supervisors.add_supervisor(session, ANNA, "Sara Svensson", 100)
        entry = supervisors.log_hours(session, ANNA, supervisor.id, DAY, "4", "supervision")
        ids |= {"area": area.id, "district": district.id, "tariff": tariff.id}
        ids |= {"supervisor": supervisor.id, "entry": entry.id, "placement": member.placements[0].id}
    second = open_database(address)
    yield first, second, ids
    first.close()
    second.close()


def stored(db: Database, member_id: int, day: dt.date = DAY) -> tuple[str | None, int]:
    with db.session() as session:
        record = attendance.find(session, member_id, day)
        return (record.status, record.version) if record else (None, 0)


def test_two_pcs_editing_the_same_day_lose_nothing(two_pcs) -> None:
    pc1, pc2, ids = two_pcs
    # Both show the day with nothing registered (version 0).
    with pc1.session() as s:
        attendance.register(s, ANNA, ids["anna"], DAY, "sick", today=TODAY, expected_version=0)
    with pc2.session() as s:
        attendance.register(s, BO, ids["bertil"], DAY, "leave", today=TODAY, expected_version=0)
    # PC 2 had not seen PC 1's entry for Anna: its change is refused, naming who and when.
    with pytest.raises(ConflictError) as info, pc2.session() as s:
        attendance.register(s, BO, ids["anna"], DAY, "absent_notified", today=TODAY, expected_version=0)
    error = info.value
    assert error.by == "Anna Berg" and error.at is not None
    assert f"Anna Andersson {DAY}: ändrat av Anna Berg på en annan dator" in error.sv
    assert f"kl. {error.at:%H.%M}" in error.sv or f"{error.at:%Y-%m-%d} kl." in error.sv
    assert "Du ser nu det nya värdet; gör din ändring igen om den fortfarande behövs." in error.sv
    assert "changed by Anna Berg on another computer" in error.en
    assert stored(pc1, ids["anna"]) == ("sick", 1)
    assert stored(pc1, ids["bertil"]) == ("leave", 1)
    # Having seen the new value, PC 2 makes its change again: now it goes through.
    with pc2.session() as s:
        attendance.register(s, BO, ids["anna"], DAY, "absent_notified", today=TODAY, expected_version=1)
    assert stored(pc1, ids["anna"]) == ("absent_notified", 2)


def test_the_message_has_the_date_when_the_change_was_not_today() -> None:
    error = ConflictError(
        entity="attendance", by="Anna Berg", at=dt.datetime(2026, 11, 26, 10, 42), today=dt.date(2026, 11, 27)
    )
    assert error.sv.startswith("Ändrat av Anna Berg på en annan dator 2026-11-26 kl. 10.42. Du ser nu")
    same_day = ConflictError(entity="x", by="Anna Berg", at=dt.datetime(2026, 11, 27, 10, 42), today=TODAY)
    assert same_day.sv == (
        "Ändrat av Anna Berg på en annan dator kl. 10.42. Du ser nu det nya värdet; gör din ändring igen om den "
        "fortfarande behövs."
    )
    assert same_day.en.startswith("Changed by Anna Berg on another computer at 10:42. You now see the new value")


def test_the_same_value_from_two_pcs_is_no_conflict(two_pcs) -> None:
    pc1, pc2, ids = two_pcs
    for db, who in ((pc1, ANNA), (pc2, BO)):
        with db.session() as s:
            attendance.register(
                s, who, ids["anna"], DAY, "present", {ids["area"]: "4"}, today=TODAY, expected_version=0
            )
    assert stored(pc1, ids["anna"]) == ("present", 1)


def test_the_version_rises_with_every_change_even_of_the_hours_only(two_pcs) -> None:
    pc1, _pc2, ids = two_pcs
    versions = []
    for hours in ("4", "5", "5.5"):
        with pc1.session() as s:
            record = attendance.register(s, ANNA, ids["anna"], DAY, "present", {ids["area"]: hours}, today=TODAY)
            versions.append(record.version)
    assert versions == [1, 2, 3]
    with pc1.session() as s:
        entry = supervisors.update_hours(s, ANNA, ids["entry"], hours="5")
        assert entry.version == 2


def test_clearing_a_day_another_pc_changed_is_refused_and_one_it_cleared_is_just_gone(two_pcs) -> None:
    pc1, pc2, ids = two_pcs
    with pc1.session() as s:
        attendance.register(s, ANNA, ids["anna"], DAY, "sick", today=TODAY)
    with pc1.session() as s:
        attendance.register(s, ANNA, ids["anna"], DAY, "leave", today=TODAY, expected_version=1)
    with pytest.raises(ConflictError, match="Anna Berg"), pc2.session() as s:
        attendance.clear(s, BO, ids["anna"], DAY, expected_version=1)
    assert stored(pc1, ids["anna"]) == ("leave", 2)
    with pc1.session() as s:
        assert attendance.clear(s, ANNA, ids["anna"], DAY, expected_version=2)
    with pc2.session() as s:
        assert not attendance.clear(s, BO, ids["anna"], DAY, expected_version=2)
    # Registering over a record that another PC removed meanwhile: refused, and it says "removed".
    with pytest.raises(ConflictError) as info, pc2.session() as s:
        attendance.register(s, BO, ids["anna"], DAY, "sick", today=TODAY, expected_version=2)
    assert info.value.sv.startswith(f"Anna Andersson {DAY}: borttaget av Anna Berg")
    assert stored(pc1, ids["anna"]) == (None, 0)


def test_two_first_records_at_the_same_moment_are_a_conflict_not_a_traceback(two_pcs, monkeypatch) -> None:
    """PC 2 looks for the day's record, PC 1 saves its first record right then, PC 2 inserts: UNIQUE."""
    pc1, pc2, ids = two_pcs
    original = attendance.find

    def racing_find(session, member_id, day):
        found = original(session, member_id, day)
        monkeypatch.setattr(attendance, "find", original)
        with pc1.session() as other:
            attendance.register(other, ANNA, member_id, day, "sick", today=TODAY)
        return found

    monkeypatch.setattr(attendance, "find", racing_find)
    with pytest.raises(ConflictError) as info, pc2.session() as s:
        attendance.register(s, BO, ids["anna"], DAY, "leave", today=TODAY)
    assert info.value.by == "Anna Berg"
    assert stored(pc1, ids["anna"]) == ("sick", 1)


def test_a_row_changed_between_read_and_write_is_a_conflict(two_pcs) -> None:
    """The version check of the UPDATE itself (StaleDataError) catches a race the expected version cannot."""
    pc1, pc2, ids = two_pcs
    with pc1.session() as s:
        attendance.register(s, ANNA, ids["anna"], DAY, "sick", today=TODAY)
    with pytest.raises(ConflictError) as info, pc2.session() as s:
        record = s.scalar(select(Attendance).where(Attendance.member_id == ids["anna"]))  # read: version 1
        with pc1.session() as other:  # meanwhile PC 1 writes
            attendance.register(other, ANNA, ids["anna"], DAY, "leave", today=TODAY)
        assert record is not None and record.version == 1
        attendance.register(s, BO, ids["anna"], DAY, "absent_notified", today=TODAY)  # no expectation given
    assert info.value.by == "Anna Berg"
    assert stored(pc1, ids["anna"]) == ("leave", 2)
    with pytest.raises(ConflictError), pc2.session() as s:
        entry = s.get(SupervisorHours, ids["entry"])
        with pc1.session() as other:
            supervisors.update_hours(other, ANNA, ids["entry"], hours="6")
        supervisors.delete_hours(s, BO, ids["entry"])
    with pc1.session() as s:
        entry = s.get(SupervisorHours, ids["entry"])
        assert entry is not None and entry.hours == Decimal(6)


def _stale_calls(ids: dict[str, int]) -> list[tuple[str, object]]:
    """Every service that takes an expected version, called with a stale one (the rows are at 2)."""
    return [
        (
            "attendance",
            lambda s: attendance.register(s, BO, ids["anna"], DAY, "leave", today=TODAY, expected_version=1),
        ),
        ("attendance", lambda s: attendance.clear(s, BO, ids["anna"], DAY, expected_version=1)),
        ("supervisor_hours", lambda s: supervisors.update_hours(s, BO, ids["entry"], hours="2", expected_version=1)),
        ("supervisor_hours", lambda s: supervisors.delete_hours(s, BO, ids["entry"], expected_version=1)),
        ("supervisor", lambda s: supervisors.update_supervisor(s, BO, ids["supervisor"], name="X", expected_version=1)),
        ("member", lambda s: members.update_member(s, BO, ids["anna"], name="X", expected_version=1)),
        (
            "placement",
            lambda s: members.end_placement(s, BO, ids["placement"], dt.date(2026, 12, 31), expected_version=1),
        ),
        ("district", lambda s: districts.update_district(s, BO, ids["district"], contact="X", expected_version=1)),
        ("tariff", lambda s: districts.remove_tariff(s, BO, ids["tariff"], expected_version=1)),
        ("cooperative", lambda s: settings.save_cooperative(s, BO, name="X", expected_version=1)),
        ("work_area", lambda s: settings.rename_work_area(s, BO, ids["area"], "X", expected_version=1)),
        ("user", lambda s: users.update_user(s, BO, ids["user"], name="X", expected_version=1)),
    ]


def test_every_service_refuses_a_stale_version_and_changes_nothing(two_pcs) -> None:
    pc1, pc2, ids = two_pcs
    with pc1.session() as s:  # PC 1 changes everything once: every row is now at version 2
        attendance.register(s, ANNA, ids["anna"], DAY, "absent_notified", today=TODAY)
        attendance.register(s, ANNA, ids["anna"], DAY, "sick", today=TODAY)  # (the same again changes nothing)
        supervisors.update_hours(s, ANNA, ids["entry"], hours="3")
        supervisors.update_supervisor(s, ANNA, ids["supervisor"], fte_percent=80)
        members.update_member(s, ANNA, ids["anna"], name="Anna Andersson-Ek")
        members.update_placement(s, ANNA, ids["placement"], case_worker="Karl")
        districts.update_district(s, ANNA, ids["district"], contact="08-1")
        flag_modified(s.get(Tariff, ids["tariff"]), "kind")  # no service changes a tariff: a new version
        settings.save_cooperative(s, ANNA, name="Kooperativet KOS AB")
        settings.rename_work_area(s, ANNA, ids["area"], "Kopiering och tryck")
        user = s.scalar(select(UserAccount))
        assert user is not None
        ids["user"] = user.id
        users.update_user(s, ANNA, user.id, name="Test Admin")
    before = row_counts(pc1)
    for entity, call in _stale_calls(ids):
        with pytest.raises(ConflictError) as info, pc2.session() as s:
            call(s)
        assert info.value.entity == entity
        assert "på en annan dator" in info.value.sv, entity
    assert row_counts(pc1) == before
    with pc1.session() as s:
        assert s.get(Placement, ids["placement"]).end is None  # type: ignore[union-attr]
        assert stored(pc1, ids["anna"]) == ("sick", 2)


def test_the_right_version_goes_through(two_pcs) -> None:
    pc1, _pc2, ids = two_pcs
    with pc1.session() as s:
        member = members.update_member(s, ANNA, ids["anna"], name="Anna A", expected_version=1)
        assert member.version == 2
        entry = supervisors.update_hours(s, ANNA, ids["entry"], hours="6", expected_version=1)
        assert entry.version == 2
        district = districts.update_district(s, ANNA, ids["district"], contact="08-2", expected_version=1)
        assert district.version == 2


def test_an_attest_from_another_pc_stops_the_next_edit(two_pcs) -> None:
    from coopdesk.core.calendar import Month
    from coopdesk.core.errors import LockedMonthError
    from coopdesk.core.services import locks

    pc1, pc2, ids = two_pcs
    with pc1.session() as s:
        locks.attest_month(s, ANNA, Month.of(DAY), now=dt.datetime(2026, 12, 1, 9, 0))
    with pytest.raises(LockedMonthError, match="Anna Berg"), pc2.session() as s:
        attendance.register(s, BO, ids["anna"], DAY, "sick", today=TODAY, expected_version=0)
    with pytest.raises(LockedMonthError, match="Anna Berg"), pc2.session() as s:
        locks.attest_month(s, BO, Month.of(DAY), now=dt.datetime(2026, 12, 1, 9, 1))


def test_two_pcs_cannot_together_push_a_supervisors_day_past_24_hours(two_pcs) -> None:
    """A rule across rows (the day's total) holds under concurrency: the second PC waits for the first
    and then sees its entry (found by bench/bench_load.py)."""
    import threading
    import time

    from coopdesk.core.errors import ValidationError

    first, second, ids = two_pcs
    outcome: list[BaseException | None] = []

    def second_pc() -> None:
        try:
            with second.session() as session:
                supervisors.log_hours(session, BO, ids["supervisor"], DAY, "11", "supervision")
            outcome.append(None)
        except BaseException as error:
            outcome.append(error)

    with first.session() as session:
        supervisors.log_hours(session, ANNA, ids["supervisor"], DAY, "11", "supervision")  # 4 + 11 = 15 h
        waiting = threading.Thread(target=second_pc)
        waiting.start()
        time.sleep(0.5)  # the second PC is now waiting for the first one's write to end
    waiting.join(timeout=30)
    assert len(outcome) == 1 and isinstance(outcome[0], ValidationError), outcome
    with first.session() as session:
        total = sum(session.scalars(select(SupervisorHours.hours).where(SupervisorHours.day == DAY)), Decimal(0))
    assert total == Decimal(15)


def test_saving_supervisor_hours_unchanged_writes_nothing(two_pcs) -> None:
    first, _second, ids = two_pcs
    with first.session() as session:
        before = row_counts(first)["audit_log"], session.get(SupervisorHours, ids["entry"]).version
    with first.session() as session:
        supervisors.update_hours(session, ANNA, ids["entry"], hours="4", expected_version=before[1])
    with first.session() as session:
        assert (row_counts(first)["audit_log"], session.get(SupervisorHours, ids["entry"]).version) == before


def test_registering_a_day_unchanged_writes_nothing(two_pcs) -> None:
    """Seen in the real window: hours typed again as they stood ("6" over 6) wrote a "changed" entry
    that changed nothing, and a new version that made another PC's edit a conflict."""
    first, _second, ids = two_pcs
    with first.session() as session:
        record = attendance.register(session, ANNA, ids["anna"], DAY, "present", {ids["area"]: "6"}, today=TODAY)
        seen = record.version
    before = row_counts(first)["audit_log"]
    with first.session() as session:
        again = attendance.register(
            session, ANNA, ids["anna"], DAY, "present", {ids["area"]: "6.00"}, today=TODAY, expected_version=seen
        )
        assert again.version == seen
    assert row_counts(first)["audit_log"] == before


@pytest.mark.random_versions
def test_a_row_that_gets_a_removed_rows_id_does_not_match_the_removed_rows_version(two_pcs) -> None:
    """SQLite gives the next new row the id of a removed newest row. A PC still showing the removed
    tariff (its id and version) must not remove the new tariff that got the same id."""
    pc1, pc2, ids = two_pcs
    with pc1.session() as s:
        old = districts.add_tariff(s, ANNA, ids["district"], dt.date(2027, 1, 1), "per_hour", hourly_amount="100")
        seen = old.id, old.version  # what PC 2 shows
    with pc1.session() as s:
        districts.remove_tariff(s, ANNA, seen[0], expected_version=seen[1])
        new = districts.add_tariff(s, ANNA, ids["district"], dt.date(2027, 2, 1), "per_hour", hourly_amount="110")
        reused = new.id == seen[0]
    with pytest.raises(ConflictError), pc2.session() as s:
        districts.remove_tariff(s, BO, seen[0], expected_version=seen[1])
    with pc1.session() as s:
        assert s.get(Tariff, new.id) is not None
    assert reused or pc1.engine.dialect.name == "postgresql"  # SQLite reuses the id; the server does not
