"""Storage: pragmas, migrations, refusing what is not ours, exact storage of hours and amounts.

On both backends, except the tests marked ``sqlite_only`` (PostgreSQL's own: test_postgres.py).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import DBAPIError

from coopdesk.core.errors import StorageError
from coopdesk.core.models import Base
from coopdesk.storage import paths
from coopdesk.storage.database import open_database, schema_head
from tests.backends import ON_POSTGRES
from tests.helpers import direct_sql


@pytest.mark.sqlite_only("SQLite's pragmas")
def test_pragmas_give_wal_full_sync_foreign_keys_and_busy_timeout(db) -> None:
    with db.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 5000


def test_migrations_create_exactly_the_models_schema(db) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == schema_head()
        assert compare_metadata(context, Base.metadata) == []


def test_every_table_has_the_indexes_a_month_query_needs(db) -> None:
    with db.engine.connect() as connection:
        inspector = sa.inspect(connection)
        indexes = {i["name"] for table in inspector.get_table_names() for i in inspector.get_indexes(table)}
    assert {"ix_attendance_day", "ix_supervisor_hours_day", "ix_placement_district_start"} <= indexes


def test_hours_and_amounts_are_stored_as_integer_hundredths(example_db) -> None:
    with example_db.engine.connect() as connection:
        hours = connection.execute(sa.text("SELECT hours FROM attendance_hours ORDER BY hours")).scalars().all()
        amounts = connection.execute(sa.text("SELECT full_day_amount FROM tariff WHERE kind='per_day'")).all()
        inspector = sa.inspect(connection)
        columns = {
            (table, c["name"]): c["type"]
            for table in ("attendance_hours", "tariff")
            for c in inspector.get_columns(table)
        }
    assert all(type(h) is int for h in hours)  # read past the models: no Decimal, no float
    assert hours == [50, 200, 325, 350, 750]
    assert amounts == [(45000,)] and type(amounts[0][0]) is int
    assert isinstance(columns["attendance_hours", "hours"], sa.Integer)
    assert isinstance(columns["tariff", "full_day_amount"], sa.Integer)


@pytest.mark.sqlite_only("file permissions")
def test_database_file_is_owner_only(db) -> None:
    mode = stat.S_IMODE(os.stat(db.sqlite_path).st_mode)
    assert mode == 0o600


def test_default_location_follows_coopdesk_home(data_home: Path) -> None:
    assert paths.default_db_path() == data_home / "coopdesk.db"
    assert paths.database_url() == f"sqlite:///{data_home / 'coopdesk.db'}"


def test_coopdesk_db_overrides_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOPDESK_DB", str(tmp_path / "other.db"))
    assert paths.database_url() == f"sqlite:///{tmp_path / 'other.db'}"
    assert paths.database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


@pytest.mark.sqlite_only("a database file (a missing server database: test_postgres.py)")
def test_missing_database_is_refused_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        open_database(str(tmp_path / "missing.db"), create=False)
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.sqlite_only("a file that is not a database")
def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"Inte en databas, bara anteckningar.\n" * 200)
    before = path.read_bytes()
    with pytest.raises(StorageError) as info:
        open_database(str(path))
    assert "ingen coopdesk-databas" in info.value.sv
    assert path.read_bytes() == before


def _behind_coopdesks_back(address: str, statement: str) -> None:
    engine = sa.create_engine(paths.database_url(address))
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(statement))
    finally:
        engine.dispose()


def test_another_programs_database_is_refused(new_db) -> None:
    address = new_db("other.db")
    _behind_coopdesks_back(address, "CREATE TABLE recipes (name TEXT)")
    with pytest.raises(StorageError, match="not a coopdesk database"):
        open_database(address)


def test_a_database_from_a_newer_coopdesk_is_refused(new_db) -> None:
    address = new_db("newer.db")
    open_database(address).close()
    _behind_coopdesks_back(address, "UPDATE alembic_version SET version_num = '9999_from_the_future'")
    with pytest.raises(StorageError) as info:
        open_database(address)
    assert "nyare version" in info.value.sv


def test_reopening_an_up_to_date_database_changes_nothing(example_db, db_address: str) -> None:
    example_db.close()
    again = open_database(db_address)
    with again.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM attendance").scalar() == 7
    again.close()


@pytest.mark.sqlite_only("SQLite's online backup (a server is backed up with pg_dump)")
def test_backup_before_migration_is_a_consistent_owner_only_copy(example_db, data_home: Path) -> None:
    # Taken with SQLite's online backup API while the database is open in WAL mode.
    from coopdesk.storage.database import backup_before_migration

    target = backup_before_migration(example_db, "0001")
    assert target is not None and target.parent == data_home / "backups"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM attendance").fetchone() == (7,)


def test_the_known_head_is_the_newest_migration() -> None:
    from coopdesk.storage.schema import HEAD

    assert schema_head() == HEAD


@pytest.mark.sqlite_only("SQLite's write lock and busy timeout")
def test_a_locked_database_waits_then_says_so_and_changes_nothing(example_db, monkeypatch) -> None:
    import datetime as dt

    from coopdesk.core.audit import Actor
    from coopdesk.core.errors import StorageError
    from coopdesk.core.services import attendance
    from coopdesk.storage import database as database_module

    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 300)  # read when a connection opens
    example_db.engine.dispose()
    other = sqlite3.connect(example_db.sqlite_path, timeout=0)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        with pytest.raises(StorageError) as info, example_db.session() as session:
            attendance.register(session, Actor("Sara"), 1, dt.date(2026, 5, 21), "sick")
        assert "låst" in info.value.sv and "Inget ändrades" in info.value.sv
    finally:
        other.rollback()
        other.close()
    with example_db.session() as session:
        assert attendance.find(session, 1, dt.date(2026, 5, 21)) is None


@pytest.mark.sqlite_only("SQLite's page limit stands in for a full disk")
def test_a_full_disk_is_a_clear_message_and_the_import_changes_nothing(tmp_path: Path) -> None:
    from sqlalchemy import event

    from coopdesk.core.audit import Actor
    from coopdesk.core.demo import demo_document
    from coopdesk.core.errors import StorageError
    from coopdesk.core.exchange.importer import database_is_empty, import_document
    from tests.conftest import TODAY

    database = open_database(str(tmp_path / "full.db"))
    with database.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    database.engine.dispose()
    # SQLite's page limit answers SQLITE_FULL exactly as a full disk does.
    event.listen(database.engine, "connect", lambda conn, _r: conn.execute(f"PRAGMA max_page_count = {pages + 4}"))
    with pytest.raises(StorageError) as info, database.session() as session:
        import_document(session, demo_document(TODAY), actor=Actor("t"), today=TODAY)
    assert "Disken är full" in info.value.sv
    with database.session() as session:
        assert database_is_empty(session)
    database.close()


@pytest.mark.sqlite_only("the released schemas are kept as SQLite files (PostgreSQL: test_postgres.py)")
def test_a_database_of_every_released_schema_migrates_with_a_backup_first(tmp_path: Path, data_home: Path) -> None:
    """tests/fixtures/schemas holds a real database of each released schema (style.md, TagStudio)."""
    from coopdesk.core.calendar import Month
    from coopdesk.core.statement import statement_for
    from coopdesk.reports.statement_json import statement_document
    from tests.conftest import FIXTURES

    fixtures = sorted((FIXTURES / "schemas").glob("coopdesk-*.db"))
    assert len(fixtures) == len(_schema_revisions()), fixtures  # a clean checkout once had none, and passed
    for fixture in fixtures:
        copy = tmp_path / fixture.name
        copy.write_bytes(fixture.read_bytes())
        before = _row_counts(copy)
        database = open_database(str(copy))
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == schema_head()
        after = _row_counts(copy)
        # every table of the old schema keeps its rows (new tables may come; migrations write no audit entry)
        assert {table: after.get(table) for table in before} == before, fixture.name
        assert before["attendance"] > 0 and before["member"] > 0, fixture.name
        with database.session() as session:
            document = statement_document(statement_for(session, "Norrmalm", Month(2026, 5)))
        assert document["rows"][0]["sick_days"] == 2  # the example's sick day and the one added later
        database.close()
        revision = fixture.stem.removeprefix("coopdesk-")
        if revision != schema_head():
            [made] = (data_home / "backups").glob(f"{copy.stem}-*-migration.db")
            with sqlite3.connect(made) as old:
                assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)


def _schema_revisions() -> list[str]:
    """Every revision under storage/migrations/versions, from alembic's own view of the scripts."""
    from alembic.script import ScriptDirectory

    from coopdesk.storage.database import alembic_config

    return sorted(script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions())


def _row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables}


def test_every_schema_revision_has_its_fixture_database() -> None:
    """A new migration needs the database of the schema before it, made by the release that had it
    (scripts/schema_fixture.py REV --commit SHA); the migration test opens each one."""
    from tests.conftest import FIXTURES

    revisions = _schema_revisions()
    assert revisions[0] == "0001" and schema_head() in revisions
    missing = [rev for rev in revisions if not (FIXTURES / "schemas" / f"coopdesk-{rev}.db").is_file()]
    assert missing == [], f"make them with scripts/schema_fixture.py REV --commit SHA: {missing}"
    for rev in revisions:
        with sqlite3.connect(FIXTURES / "schemas" / f"coopdesk-{rev}.db") as fixture:
            assert fixture.execute("SELECT version_num FROM alembic_version").fetchall() == [(rev,)]


def test_the_audit_log_refuses_changes_even_through_direct_sql(example_db) -> None:
    count = "SELECT count(*) FROM audit_log"
    with example_db.engine.connect() as connection:
        before = connection.execute(sa.text(count)).scalar()
    refused = ["UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"]
    if ON_POSTGRES:
        refused.append("TRUNCATE audit_log")  # SQLite has no TRUNCATE (its DELETE without WHERE is refused)
    for statement in refused:
        with pytest.raises(DBAPIError, match="append-only"):
            direct_sql(example_db, statement)
    with example_db.engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO audit_log (at, actor, action, entity) VALUES ('2026-11-27 10:00:00', 'x', 'note', 't')"
            )
        )
    with example_db.engine.connect() as connection:
        assert connection.execute(sa.text(count)).scalar() == before + 1


@pytest.mark.sqlite_only("the released schemas are kept as SQLite files (PostgreSQL: test_postgres.py)")
def test_schema_0005_moves_its_settings_and_ftes_into_dated_history_and_back(tmp_path: Path, data_home: Path) -> None:
    """Migration 0006: the full-time week (38.5 h in the fixture), the opening weekdays, the host
    district and each supervisor's FTE (100 % and 75 %) become the first entries of their histories, valid from
    1900-01-01; every supervisor hour stays (no table is rebuilt); the downgrade puts them back."""
    import datetime as dt
    from decimal import Decimal

    from alembic import command

    from coopdesk.core.services import lookups
    from coopdesk.storage.database import alembic_config
    from tests.conftest import FIXTURES

    copy = tmp_path / "coopdesk-0005.db"
    copy.write_bytes((FIXTURES / "schemas" / "coopdesk-0005.db").read_bytes())
    database = open_database(str(copy))
    with database.session() as session:
        weeks = lookups.settings_history(session)
        assert [(w.valid_from, w.full_time_week, w.opening_weekdays, w.host_district_id) for w in weeks] == [
            (dt.date(1900, 1, 1), Decimal("38.5"), frozenset({1, 2, 3, 4, 5}), 1)
        ]
        history = lookups.fte_history(session)
        assert sorted(history.values()) == [[(dt.date(1900, 1, 1), 75)], [(dt.date(1900, 1, 1), 100)]]
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM supervisor_hours").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").first() is None
    config = alembic_config(database.engine)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    database.close()
    with sqlite3.connect(copy) as old:
        assert old.execute(
            "SELECT opening_weekdays, full_time_hours_per_week, host_district_id FROM cooperative"
        ).fetchall() == [("12345", 3850, 1)]
        assert old.execute("SELECT name, fte_percent FROM supervisor ORDER BY id").fetchall() == [
            ("Sara Svensson", 100),
            ("Olle Ek", 75),
        ]
        assert old.execute("SELECT count(*) FROM supervisor_hours").fetchone() == (1,)
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            old.execute("UPDATE supervisor SET fte_percent = 0")
