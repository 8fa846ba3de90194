"""The application layer (coopdesk/app): one command, one transaction, what changed; refused commands
write nothing; the CLI's register goes the same way as Idag's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from coopdesk.app import offline
from coopdesk.app.activity import AuditEntriesAfter, kinds_of
from coopdesk.app.application import Application, Command, SessionCall, Work
from coopdesk.app.attendance import DayChange, DayRegisterView, DayState, RegisterDays, state_of
from coopdesk.app.changes import Changes
from coopdesk.core.actor import ROLE_SUPERVISOR, Actor
from coopdesk.core.errors import ConflictError, CoopdeskError, LockedMonthError, ValidationError
from coopdesk.core.models import AuditEntry, Member
from coopdesk.core.services import attendance, lookups
from coopdesk.storage.database import Database
from tests.conftest import TEST_LOGIN, TEST_PASSWORD, TODAY
from tests.transactions import counted
from tests.unit.test_cli import run

MONDAY = dt.date(2026, 6, 1)  # planned for Anna Andersson, the example's member; June is not attested
NAME = "Anna Andersson"


@pytest.fixture
def app(example_db: Database, actor: Actor) -> Application:
    return Application(example_db, actor, clock=lambda: TODAY)


def member_id(db: Database) -> int:
    with db.session() as session:
        return session.scalars(select(Member.id)).one()


def area_id(db: Database, name: str) -> int:
    with db.session() as session:
        return next(a.id for a in lookups.work_areas(session) if a.name == name)


def stored(db: Database, day: dt.date = MONDAY) -> tuple[DayState, int]:
    with db.session() as session:
        return state_of(session, member_id(db), day)


def audit_count(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_a_command_is_one_transaction_and_says_what_it_changed(app: Application) -> None:
    member = member_id(app.db)
    with counted(app.db) as transactions:
        changes = app.execute(RegisterDays([DayChange(member, MONDAY, "present", {"Kopiering": "3,5"})]))
    assert len(transactions.committed) == 1  # the command alone: no read before or after it
    assert "attendance" in transactions.writing[0] and "audit_log" in transactions.writing[0]
    assert isinstance(changes, Changes)
    assert changes.days == {(member, MONDAY)} and changes.months == {dt.date(2026, 6, 1)}
    assert not changes.empty and len(changes.audit_ids) == 1
    [done] = changes.result
    assert done.name == NAME and done.old == DayState() and done.version == 1
    assert done.new == DayState("present", {area_id(app.db, "Kopiering"): Decimal("3.50")})
    assert stored(app.db) == (done.new, 1)


def test_registering_a_day_as_it_stands_is_an_empty_change(app: Application) -> None:
    member = member_id(app.db)
    app.execute(RegisterDays([DayChange(member, MONDAY, "sick")]))
    before = audit_count(app.db)
    changes = app.execute(RegisterDays([DayChange(member, MONDAY, "sick", expected=1)]))
    assert changes.empty and changes.audit_ids == ()
    assert audit_count(app.db) == before


def test_many_days_are_one_unit_of_work_and_a_refused_one_saves_none(app: Application) -> None:
    """The second day is in April, which the example has attested: neither day is saved."""
    member = member_id(app.db)
    before = audit_count(app.db)
    april = dt.date(2026, 4, 7)
    april_before = stored(app.db, april)
    with counted(app.db) as transactions, pytest.raises(LockedMonthError):
        app.execute(RegisterDays([DayChange(member, MONDAY, "sick"), DayChange(member, april, "sick")]))
    assert transactions.writing == [] and transactions.rolled_back >= 1
    assert stored(app.db) == (DayState(), 0)
    assert stored(app.db, april) == april_before
    assert audit_count(app.db) == before


def test_a_stale_version_is_a_conflict_and_changes_nothing(app: Application) -> None:
    member = member_id(app.db)
    app.execute(RegisterDays([DayChange(member, MONDAY, "sick")]))
    with pytest.raises(ConflictError):
        app.execute(RegisterDays([DayChange(member, MONDAY, "leave", expected=0)]))  # saw no record
    assert stored(app.db)[0].status == "sick"


def test_names_are_resolved_in_the_command_and_unknown_ones_refused(app: Application) -> None:
    changes = app.execute(RegisterDays([DayChange("19800101-0019", MONDAY, "present", {" kaffestuga ": "2"})]))
    assert changes.result[0].name == NAME
    with pytest.raises(ValidationError) as error:
        app.execute(RegisterDays([DayChange(NAME, MONDAY, "present", {"Snickeri": "2"})]))
    assert "Snickeri" in error.value.message("sv") and "Kopiering" in error.value.message("sv")
    with pytest.raises(CoopdeskError):
        app.execute(RegisterDays([DayChange("Ingen Alls", MONDAY, "sick")]))


def test_hours_with_another_status_are_refused_not_dropped(app: Application) -> None:
    with pytest.raises(ValidationError):
        app.execute(RegisterDays([DayChange(NAME, MONDAY, "sick", {"Kopiering": "2"})]))
    assert stored(app.db) == (DayState(), 0)


def test_an_admin_only_command_is_refused_before_it_reads(example_db: Database) -> None:
    ran: list[bool] = []

    class Reopen(Command[None]):
        kinds = frozenset({"locks"})
        admin_only = ("öppna en attesterad månad", "reopen an attested month")

        def run(self, work: Work) -> None:
            ran.append(True)

    supervisor = Application(example_db, Actor("Kim Ek", ROLE_SUPERVISOR), clock=lambda: TODAY)
    with counted(example_db) as transactions, pytest.raises(CoopdeskError) as error:
        supervisor.execute(Reopen())
    assert "Bara en administratör kan öppna en attesterad månad" in error.value.message("sv")
    assert ran == [] and transactions.committed == []
    assert Application(example_db, Actor("Sara Svensson"), clock=lambda: TODAY).execute(Reopen()).kinds == {"locks"}


def test_a_session_call_names_its_kind(app: Application) -> None:
    changes = app.execute(SessionCall(lambda session: lookups.cooperative(session).name, "settings"))
    assert changes.kinds == {"settings"} and changes.result == "Kooperativet KOS" and changes.empty


def test_a_query_reads_in_one_transaction_and_writes_nothing(app: Application) -> None:
    with counted(app.db) as transactions:
        register, areas = app.read(DayRegisterView(MONDAY))
    assert len(transactions.committed) <= 1 and transactions.writing == []
    assert [row.name for row in register.rows] == [NAME]
    assert sorted(areas.values()) == ["Glasverkstad", "Kaffestuga", "Kopiering"]


def test_other_pcs_changes_are_told_by_kind_and_own_entries_skipped(app: Application) -> None:
    [start] = app.read(AuditEntriesAfter(None))
    own = app.execute(RegisterDays([DayChange(NAME, MONDAY, "sick")]))
    other = Application(app.db, Actor("Kim Ek"), clock=lambda: TODAY)
    other.execute(SessionCall(lambda s: lookups.member(s, member_id(app.db)), "members"))  # reads only
    with app.db.session() as session:
        attendance.register(session, Actor("Kim Ek"), member_id(app.db), dt.date(2026, 6, 2), "leave", today=TODAY)
    entries = app.read(AuditEntriesAfter(start.id))
    assert kinds_of(entries, set(own.audit_ids)) == ["attendance"]
    assert kinds_of(entries[:1], set(own.audit_ids)) == []  # the window's own change alone: nothing to reload


def test_offline_changes_replay_in_order_passing_on_versions(app: Application) -> None:
    member = member_id(app.db)
    first = offline.PendingChange("Anna sjuk", RegisterDays([DayChange(member, MONDAY, "sick", expected=0)]))
    # The second change of the same day was made offline after the first: it expects the first's version,
    # which only the replay knows.
    second = offline.PendingChange("Anna ledig", RegisterDays([DayChange(member, MONDAY, "leave", expected=None)]))
    saved: list[list[int]] = []
    outcome = offline.replay(app, [first, second], executed=saved.append)
    assert [error for _, error in outcome] == [None, None]
    assert stored(app.db) == (DayState("leave"), 2) and len(saved) == 2
    document = offline.document([first], "test.db", "Sara Svensson")
    assert document["format"] == "coopdesk/pending-changes/1"
    assert document["changes"][0]["changes"][0] == {
        "member_id": member,
        "member": "",
        "date": "2026-06-01",
        "status": "sick",
        "hours": {},
        "expected_version": 0,
    }


def test_a_refused_offline_change_is_reported_and_the_rest_go_on(app: Application) -> None:
    member = member_id(app.db)
    app.execute(RegisterDays([DayChange(member, MONDAY, "sick")]))  # another PC, while this one was offline
    stale = offline.PendingChange("Anna ledig", RegisterDays([DayChange(member, MONDAY, "leave", expected=0)]))
    later = offline.PendingChange(
        "Anna tisdag", RegisterDays([DayChange(member, dt.date(2026, 6, 2), "present", {"Kopiering": "4"})])
    )
    outcome = offline.replay(app, [stale, later])
    assert isinstance(outcome[0][1], ConflictError) and outcome[1][1] is None
    assert stored(app.db)[0].status == "sick"
    assert stored(app.db, dt.date(2026, 6, 2))[0].status == "present"


def test_the_cli_registers_through_the_same_command_in_one_transaction(
    example_db: Database, db_address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`coopdesk register` is RegisterDays on the Application: the one write path (issue 14)."""
    commands: list[RegisterDays] = []
    real_run = RegisterDays.run

    def spy(self: RegisterDays, work: Work):
        commands.append(self)
        return real_run(self, work)

    monkeypatch.setattr(RegisterDays, "run", spy)
    monkeypatch.setenv("COOPDESK_USER", TEST_LOGIN)
    monkeypatch.setenv("COOPDESK_PASSWORD", TEST_PASSWORD)
    writes: list[list[str]] = []
    real_execute = Application.execute

    def count(self: Application, command):
        with counted(self.db) as transactions:
            result = real_execute(self, command)
        writes.extend(transactions.writing)
        return result

    monkeypatch.setattr(Application, "execute", count)
    code, out, err = run(
        "--db", db_address, "register", "--member", NAME, "--day", "2026-06-01", "--status", "present",
        "--hours", "kopiering=3,5", "--hours", "Kaffestuga=0,5",
    )  # fmt: skip
    assert code == 0, err
    assert "Registrerade Anna Andersson 2026-06-01: närvarande" in out or "Registered Anna Andersson" in out
    assert len(commands) == 1 and len(writes) == 1
    assert stored(example_db) == (
        DayState(
            "present",
            {area_id(example_db, "Kopiering"): Decimal("3.50"), area_id(example_db, "Kaffestuga"): Decimal("0.50")},
        ),
        1,
    )
    code, _, err = run("--db", db_address, "register", "--member", NAME, "--day", "2026-06-02", "--status", "sick",
                       "--hours", "Kopiering=2")  # fmt: skip
    assert code != 0 and stored(example_db, dt.date(2026, 6, 2)) == (DayState(), 0)
