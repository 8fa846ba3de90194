"""PostgreSQL as the shared store: what only a server has (the rest of the suite runs on it too).

Most tests here need the server of COOPDESK_TEST_DB_URL (``postgres_only``); an unreachable server
needs none and runs on every run.
"""

from __future__ import annotations

import json
import os
import socket
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from coopdesk.core.calendar import Month
from coopdesk.core.errors import StorageError
from coopdesk.core.statement import statement_for
from coopdesk.reports.fingerprint import statement_fingerprint
from coopdesk.reports.statement_json import statement_document
from coopdesk.storage import database as database_module
from coopdesk.storage.database import ServerUnreachableError, make_url_safe, open_database
from tests.conftest import EXAMPLE, expected_statement
from tests.helpers import direct_sql
from tests.unit.test_cli import run


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- an unreachable server (no server needed) ------------------------------------------------------


def test_an_unreachable_server_is_a_clear_error_that_says_nothing_changed() -> None:
    url = f"postgresql+psycopg://coopdesk:hemligt@127.0.0.1:{_closed_port()}/kos"
    with pytest.raises(ServerUnreachableError) as info:
        open_database(url)
    assert isinstance(info.value, StorageError)
    assert "går inte att nå" in info.value.sv and "Inget ändrades; försök igen" in info.value.sv
    assert "cannot be reached" in info.value.en
    assert "hemligt" not in info.value.sv + info.value.en  # the password is never shown


def test_the_command_line_says_the_server_cannot_be_reached() -> None:
    code, out, err = run("--db", f"postgresql+psycopg://coopdesk:hemligt@127.0.0.1:{_closed_port()}/kos", "init")
    assert code == 1 and "cannot be reached" in err and "Traceback" not in err and "hemligt" not in err + out


def test_a_short_connect_timeout_unless_the_url_gives_one() -> None:
    default = database_module._pg_connect_args(sa.engine.make_url("postgresql+psycopg://u@h/db"))
    assert default["connect_timeout"] == database_module.CONNECT_TIMEOUT_S <= 10
    given = database_module._pg_connect_args(sa.engine.make_url("postgresql+psycopg://u@h/db?connect_timeout=20"))
    assert "connect_timeout" not in given  # the URL's own value reaches libpq as it stands
    assert make_url_safe("postgresql+psycopg://u:secret@h/db") == "postgresql+psycopg://u:***@h/db"


# --- on the server ---------------------------------------------------------------------------------

on_server = pytest.mark.postgres_only


@on_server
def test_a_connection_lost_mid_work_is_server_unreachable(example_db) -> None:
    import datetime as dt

    from coopdesk.core.audit import Actor
    from coopdesk.core.services import attendance

    with pytest.raises(ServerUnreachableError), example_db.session() as session:
        attendance.find(session, 1, dt.date(2026, 5, 21))
        pid = session.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        with example_db.engine.connect() as other:
            other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            other.commit()
        attendance.register(session, Actor("Sara"), 1, dt.date(2026, 5, 21), "sick")
    with example_db.session() as session:  # nothing half-saved, and the next unit of work just works
        assert attendance.find(session, 1, dt.date(2026, 5, 21)) is None


@on_server
def test_the_example_statement_is_identical_on_postgresql(example_db, actor, tmp_path: Path) -> None:
    """The interchange example's statement computed on the server equals the fixture, and its JSON,
    CSV and kontrollsumma equal those computed on an SQLite file from the same document."""
    from coopdesk.core.exchange.importer import import_document
    from coopdesk.reports.statement_csv import statement_csv
    from tests.conftest import TODAY, example_document

    def figures(db) -> tuple[dict, str, str]:
        with db.session() as session:
            statement = statement_for(session, "Norrmalm", Month(2026, 5))
        return statement_document(statement), statement_csv(statement), statement_fingerprint(statement)

    on_server = figures(example_db)
    assert example_db.engine.dialect.name == "postgresql"
    assert on_server[0] == expected_statement()
    sqlite = open_database(str(tmp_path / "file.db"))
    try:
        with sqlite.session() as session:
            import_document(session, example_document(), actor=actor, today=TODAY)
        assert figures(sqlite) == on_server
    finally:
        sqlite.close()


@on_server
def test_init_creates_the_schema_on_an_empty_server_database(new_db) -> None:
    address = new_db("kos")
    code, out, err = run("--db", address, "init", "--admin", "anna", "--name", "Anna Berg")
    assert code == 0, err
    assert "not encrypted" in out and "ready" in out
    code, out, _ = run("--db", address, "--user", "anna", "users", "list")
    assert code == 0 and out.startswith("anna")
    with sa.create_engine(address).connect() as connection:
        tables = set(sa.inspect(connection).get_table_names())
    assert {"alembic_version", "member", "attendance", "audit_log", "user_account"} <= tables


@on_server
def test_a_database_missing_on_the_server_is_named(pg_server) -> None:
    url = pg_server.url_of("ingen_sadan_databas")
    with pytest.raises(StorageError) as info:
        open_database(url, create=False)
    assert "does not exist on the server" in info.value.en and not isinstance(info.value, ServerUnreachableError)


@on_server
def test_the_audit_log_triggers_are_postgresqls_own(example_db) -> None:
    with example_db.engine.connect() as connection:
        triggers = set(
            connection.execute(
                sa.text("SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal")
            ).scalars()
        )
    assert triggers == {"audit_log_no_update", "audit_log_no_delete", "audit_log_no_truncate"}
    for statement in ("TRUNCATE audit_log", "TRUNCATE audit_log CASCADE", "DELETE FROM audit_log WHERE id = 1"):
        with pytest.raises(DBAPIError, match="append-only"):
            direct_sql(example_db, statement)


@on_server
def test_migrations_go_down_and_up_again_on_postgresql(new_db) -> None:
    from alembic import command

    from coopdesk.storage.database import alembic_config, schema_head

    database = open_database(new_db("migrations"))
    try:
        config = alembic_config(database.engine)
        for target in ("0001", "base", "head"):
            with database.engine.begin() as connection:
                config.attributes["connection"] = connection
                (command.downgrade if target != "head" else command.upgrade)(config, target)
        with database.engine.connect() as connection:
            assert connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == schema_head()
    finally:
        database.close()


@on_server
def test_backup_on_a_server_is_a_consistent_owner_only_export(example_db, db_address: str, tmp_path: Path) -> None:
    code, out, err = run("--db", db_address, "backup")
    assert code == 0, err
    assert "pg_dump" in out
    code, out, _ = run("--db", db_address, "backup", "--list")
    [line] = out.strip().splitlines()
    export = Path(line.split("export  ")[1])
    extra = export.with_name(export.name.removesuffix(".json") + ".audit.json")
    for made in (export, extra):
        assert stat.S_IMODE(os.stat(made).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(export.parent).st_mode) == 0o700
    document = json.loads(export.read_text(encoding="utf-8"))
    assert document["format"] == "coopdesk/2"
    logged = json.loads(extra.read_text(encoding="utf-8"))
    assert logged["audit_log"] and all("password_hash" not in u for u in logged["user_accounts"])
    # The export goes into a new, empty database, and gives the same statement.
    copy = tmp_path / "copy.db"  # a file: an export crosses backends
    assert run("--db", str(copy), "import", str(export), "--no-encryption")[0] == 0
    code, out, _ = run("--db", str(copy), "statement", "--month", "2026-05", "--district", "Norrmalm")
    assert code == 0 and json.loads(out) == expected_statement()


@on_server
def test_the_snapshot_does_not_see_a_change_made_while_it_reads(example_db) -> None:
    from coopdesk.core.models import AuditEntry

    with example_db.read_snapshot() as session:
        before = session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
        with example_db.engine.begin() as other:
            other.execute(sa.text("INSERT INTO audit_log (at, actor, action, entity) VALUES (now(), 'x', 'note', 't')"))
        assert session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == before
        with pytest.raises(DBAPIError, match="read-only"):
            session.execute(sa.text("DELETE FROM closure_day"))


@on_server
def test_restore_and_encrypt_on_a_server_refuse_clearly_and_change_nothing(example_db, db_address: str) -> None:
    code, _, err = run("--db", db_address, "restore", "--yes")
    assert code == 1 and "pg_restore" in err and "Nothing was changed" in err
    code, _, err = run("--db", db_address, "encrypt")
    assert code == 1 and "for SQLite files" in err and "sslmode" in err
    code, out, _ = run("--db", db_address, "statement", "--month", "2026-05", "--district", "Norrmalm")
    assert code == 0 and json.loads(out) == expected_statement()


@on_server
def test_ids_continue_after_an_import(new_db) -> None:
    """The import writes the document's ids; PostgreSQL's sequences must move past them."""
    address = new_db("ids")
    assert run("--db", address, "import", str(EXAMPLE))[0] == 0
    assert (
        run("--db", address, "register", "--member", "Anna Andersson", "--day", "2026-05-21", "--status", "sick")[0]
        == 0
    )
