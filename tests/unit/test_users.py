"""User accounts and roles: the services check the role themselves, passwords are only hashed, every
login (and every failed one) is in the audit log, and there is always an administrator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from coopdesk.core import passwords
from coopdesk.core.actor import ROLE_ADMIN, ROLE_SUPERVISOR, Actor
from coopdesk.core.calendar import Month
from coopdesk.core.errors import ValidationError
from coopdesk.core.models import AuditEntry, UserAccount
from coopdesk.core.permissions import PermissionDeniedError
from coopdesk.core.services import attendance, districts, locks, settings, supervisors, users
from coopdesk.storage.database import Database
from tests.conftest import TODAY, example_document
from tests.helpers import dump_rows

PASSWORD = "rätt-lösenord-9"


@pytest.fixture
def db(new_db) -> Database:
    """A database without any account yet (the shared fixture already has its administrator)."""
    from coopdesk.storage.database import open_database

    database = open_database(new_db("users.db", migrated=True))
    yield database
    database.close()


@pytest.fixture
def admin(db: Database) -> Actor:
    with db.session() as s:
        return users.create_first_admin(s, "Anna", "Anna Berg", PASSWORD)


@pytest.fixture
def supervisor(db: Database, admin: Actor) -> Actor:
    with db.session() as s:
        user = users.add_user(s, admin, "kim", "Kim Ek", ROLE_SUPERVISOR, "kims-lösen-1", must_change=False)
        return users.actor_for(user)


def entries(db: Database, action: str | None = None) -> list[AuditEntry]:
    with db.session() as s:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if action:
            query = query.where(AuditEntry.action == action)
        return list(s.scalars(query))


def test_the_first_administrator_is_created_once(db: Database, admin: Actor) -> None:
    assert admin == Actor("Anna Berg", ROLE_ADMIN, "anna")  # logins are lower case
    with db.session() as s, pytest.raises(ValidationError, match="already has users"):
        users.create_first_admin(s, "eva", "Eva Ek", PASSWORD)
    assert [e.summary for e in entries(db, "create")] == ["Första administratören Anna Berg"]


def test_passwords_are_stored_only_as_scrypt_hashes_and_never_logged(db: Database, admin: Actor) -> None:
    with db.session() as s:
        stored = s.scalar(select(UserAccount.password_hash))
    assert stored.startswith("scrypt$") and PASSWORD not in stored
    assert passwords.verify_password(PASSWORD, stored) and not passwords.verify_password("fel", stored)
    logged = " ".join(f"{e.summary} {e.old} {e.new}" for e in entries(db))
    assert PASSWORD not in logged and "scrypt" not in logged
    if db.sqlite_path is not None:  # and in no page of the file
        assert PASSWORD.encode() not in db.sqlite_path.read_bytes()


def test_login_succeeds_and_is_logged(db: Database, admin: Actor) -> None:
    with db.session() as s:
        result = users.authenticate(s, " ANNA ", PASSWORD)
    assert result.actor == admin and not result.must_change_password
    assert entries(db, "login")[-1].actor == "Anna Berg"


@pytest.mark.parametrize("login, password", [("anna", "fel-lösenord"), ("nobody", PASSWORD), ("", "")])
def test_a_wrong_login_or_password_is_refused_and_logged(db: Database, admin: Actor, login, password) -> None:
    with db.session() as s:
        assert users.authenticate(s, login, password).actor is None
    failed = entries(db, "login_failed")
    assert len(failed) == 1 and failed[0].entity == "user"
    assert (login.lower() or "?") in failed[0].summary


def test_an_inactive_account_cannot_log_in(db: Database, admin: Actor, supervisor: Actor) -> None:
    with db.session() as s:
        kim = users.find(s, "kim")
        users.update_user(s, admin, kim.id, active=False)
    with db.session() as s:
        assert users.authenticate(s, "kim", "kims-lösen-1").actor is None


def test_a_new_user_must_change_the_temporary_password(db: Database, admin: Actor) -> None:
    with db.session() as s:
        users.add_user(s, admin, "eva", "Eva Ek", ROLE_SUPERVISOR, "tillfälligt1")
    with db.session() as s:
        result = users.authenticate(s, "eva", "tillfälligt1")
        assert result.must_change_password
        users.change_own_password(s, result.actor, "tillfälligt1", "evas-eget-1")
    with db.session() as s:
        assert not users.authenticate(s, "eva", "evas-eget-1").must_change_password
        assert users.authenticate(s, "eva", "tillfälligt1").actor is None


def test_changing_ones_password_needs_the_current_one(db: Database, admin: Actor) -> None:
    with db.session() as s, pytest.raises(ValidationError) as refused:
        users.change_own_password(s, admin, "gissat", "nytt-lösen-1")
    assert refused.value.field == "current_password"


@pytest.mark.parametrize(
    "login, name, password, field",
    [
        ("a", "Eva Ek", "långt-nog-1", "login"),
        ("eva ek", "Eva Ek", "långt-nog-1", "login"),
        ("anna", "Eva Ek", "långt-nog-1", "login"),  # taken
        ("eva", "anna berg", "långt-nog-1", "name"),  # taken, whatever the case
        ("eva", "  ", "långt-nog-1", "name"),
        ("eva", "Eva Ek", "kort", "password"),
        ("eva", "Eva Ek", "eva", "password"),
        ("evaevaeva", "Eva Ek", "EVAEVAEVA", "password"),
    ],
)
def test_bad_accounts_are_refused_naming_the_field(db: Database, admin: Actor, login, name, password, field) -> None:
    with db.session() as s, pytest.raises(ValidationError) as refused:
        users.add_user(s, admin, login, name, ROLE_SUPERVISOR, password)
    assert refused.value.field == field
    with db.session() as s:
        assert [u.login for u in users.users(s)] == ["anna"]


def test_the_last_active_administrator_cannot_be_demoted_or_deactivated(db: Database, admin: Actor) -> None:
    with db.session() as s:
        anna = users.find(s, "anna")
        for change in ({"role": ROLE_SUPERVISOR}, {"active": False}):
            with pytest.raises(ValidationError, match="only active administrator"):
                users.update_user(s, admin, anna.id, **change)
        users.add_user(s, admin, "eva", "Eva Ek", ROLE_ADMIN, "evas-lösen-1")
        users.update_user(s, admin, anna.id, role=ROLE_SUPERVISOR)  # now there is another
        assert anna.role == ROLE_SUPERVISOR


# --- the role, checked by the services themselves ------------------------------------------------

ADMIN_ONLY: dict[str, Callable[..., object]] = {
    "add_user": lambda s, a: users.add_user(s, a, "eva", "Eva Ek", ROLE_ADMIN, "evas-lösen-1"),
    "update_user": lambda s, a: users.update_user(s, a, users.find(s, "kim").id, role=ROLE_ADMIN),
    "reset_password": lambda s, a: users.reset_password(s, a, users.find(s, "anna").id, "övertaget-1"),
    "add_district": lambda s, a: districts.add_district(s, a, "Kista"),
    "update_district": lambda s, a: districts.update_district(s, a, 1, name="Nytt namn"),
    "add_tariff": lambda s, a: districts.add_tariff(s, a, 1, dt.date(2027, 1, 1), "per_hour", hourly_amount="200"),
    "remove_tariff": lambda s, a: districts.remove_tariff(s, a, s.execute(text("SELECT max(id) FROM tariff")).scalar()),
    "save_cooperative": lambda s, a: settings.save_cooperative(s, a, name="Övertaget"),
    "add_closure_day": lambda s, a: settings.add_closure_day(s, a, dt.date(2027, 1, 7)),
    "add_work_area": lambda s, a: settings.add_work_area(s, a, "Snickeri"),
    "rename_work_area": lambda s, a: settings.rename_work_area(s, a, 1, "Kopia"),
    "save_idle_lock": lambda s, a: settings.save_idle_lock(s, a, 240),
    "add_supervisor": lambda s, a: supervisors.add_supervisor(s, a, "Ny Handledare", 50),
    "update_supervisor": lambda s, a: supervisors.update_supervisor(s, a, 1, fte_percent=100),
    "reopen_month": lambda s, a: locks.reopen_month(s, a, Month(2026, 5), "fel i maj"),
}


@pytest.fixture
def example_with_users(db: Database, admin: Actor, supervisor: Actor) -> Database:
    from coopdesk.core.exchange.importer import import_document

    with db.session() as s:
        import_document(s, example_document(), actor=admin, today=TODAY)
    with db.session() as s:
        locks.attest_month(s, admin, Month(2026, 5))
        districts.add_tariff(s, admin, 1, dt.date(2027, 6, 1), "per_hour", hourly_amount="210")
    return db


def snapshot(db: Database) -> list[str]:
    return dump_rows(db, skip=("audit_log",))


@pytest.mark.parametrize("action", sorted(ADMIN_ONLY))
def test_a_supervisor_cannot_do_an_administrators_action(
    example_with_users: Database, supervisor: Actor, admin: Actor, action: str
) -> None:
    before = snapshot(example_with_users)
    with example_with_users.session() as s, pytest.raises(PermissionDeniedError) as refused:
        ADMIN_ONLY[action](s, supervisor)
    assert "Bara en administratör" in refused.value.sv and "Kim Ek (handledare)" in refused.value.sv
    assert snapshot(example_with_users) == before
    with example_with_users.session() as s:  # the same call is fine for an administrator
        ADMIN_ONLY[action](s, admin)


def test_a_supervisor_cannot_import(db: Database, admin: Actor, supervisor: Actor) -> None:
    from coopdesk.core.exchange.importer import import_document

    with db.session() as s, pytest.raises(PermissionDeniedError):
        import_document(s, example_document(), actor=supervisor, today=TODAY)


def test_a_supervisor_registers_attendance_and_attests(example_with_users: Database, supervisor: Actor) -> None:
    with example_with_users.session() as s:
        member_id = s.execute(text("SELECT id FROM member ORDER BY id LIMIT 1")).scalar()
        attendance.register(s, supervisor, member_id, dt.date(2026, 6, 1), "sick")
        supervisors.log_hours(s, supervisor, 1, dt.date(2026, 6, 1), Decimal("7.5"), "supervision", 1)
        lock = locks.attest_month(s, supervisor, Month(2026, 6), now=dt.datetime(2026, 7, 1, 9, 0))
    assert lock.attested_by == "Kim Ek"
