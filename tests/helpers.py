"""Helpers shared by the tests: a database put back to empty in a millisecond, and backend-neutral
ways to look at every row or to run SQL behind coopdesk's back (SQLite or PostgreSQL alike)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, select, text

from coopdesk.core.models import Base
from coopdesk.storage.database import Database, open_database
from tests.backends import PostgresServer


def row_counts(db: Database) -> dict[str, int]:
    """Rows in every table of the schema (the audit log included)."""
    with db.session() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def dump_rows(db: Database, *, skip: tuple[str, ...] = ()) -> list[str]:
    """Every row of every table (but ``skip``), as text in primary-key order: two databases hold the
    same data exactly when their dumps are equal, on either backend."""
    lines: list[str] = []
    with db.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in skip:
                continue
            for row in connection.execute(select(table).order_by(*table.primary_key.columns)):
                lines.append(f"{table.name}: {tuple(row)!r}")
    return lines


def direct_sql(db: Database, statement: str) -> int:
    """Run ``statement`` on a connection of its own, as another program would, and roll it back;
    returns the rows it touched. The database's refusals come through as sqlalchemy's DBAPIError."""
    with db.engine.connect() as connection:
        try:
            return connection.execute(text(statement)).rowcount
        finally:
            connection.rollback()


class SavedDatabase:
    """One open database shared by many tests and put back to a saved state before each.

    A new database (and engine) per case would be correct too, but it costs the migrations and the
    compilation of every query again. On SQLite the saved pages are copied back (about 1 ms); on
    PostgreSQL (``address`` a server URL) the saved rows are: every table emptied and refilled and its
    id sequence set, in one transaction with triggers held off (``session_replication_role``, so the
    audit log's append-only triggers too: the test server's role is a superuser).
    """

    def __init__(self, address: Path | str) -> None:
        self.database = open_database(str(address))
        self.sqlite: sqlite3.Connection | None = None
        self.rows: dict[str, list[dict]] = {}
        self.state: object = None  # what a test module wants to remember of the saved state
        if self.database.is_sqlite:
            self.sqlite = sqlite3.connect(":memory:")

    def save(self) -> None:
        if self.sqlite is not None:
            raw = self.database.engine.raw_connection()
            try:
                raw.driver_connection.backup(self.sqlite)
            finally:
                raw.close()
            return
        with self.database.engine.connect() as connection:
            self.rows = {
                table.name: [dict(row) for row in connection.execute(select(table)).mappings()]
                for table in Base.metadata.sorted_tables
            }

    def restore(self) -> Database:
        if self.sqlite is not None:
            raw = self.database.engine.raw_connection()
            try:
                self.sqlite.backup(raw.driver_connection)
            finally:
                raw.close()
            return self.database
        tables = Base.metadata.sorted_tables
        with self.database.engine.begin() as connection:
            connection.execute(text("SET LOCAL session_replication_role = replica"))
            connection.execute(text(f"TRUNCATE {', '.join(t.name for t in tables)} RESTART IDENTITY"))
            for table in tables:
                rows = self.rows.get(table.name)
                if rows:
                    connection.execute(table.insert(), rows)
                    if "id" in table.c and table.c.id.primary_key:
                        connection.execute(
                            text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), :next, false)"),
                            {"next": max(r["id"] for r in rows) + 1},
                        )
        return self.database

    def close(self) -> None:
        if self.sqlite is not None:
            self.sqlite.close()
        self.database.close()


class EmptyDatabase(SavedDatabase):
    """A SavedDatabase saved empty (just migrated): ``fresh()`` before each case."""

    def __init__(self, address: Path | str) -> None:
        super().__init__(address)
        self.save()

    def fresh(self) -> Database:
        self.restore()
        assert not any(row_counts(self.database).values())
        return self.database


@contextlib.contextmanager
def empty_database_pair(folder: Path, server: PostgresServer | None) -> Iterator[tuple[EmptyDatabase, EmptyDatabase]]:
    """Two EmptyDatabases: files in ``folder``, or two new databases on the test server."""
    addresses = (
        [server.create(migrated=True) for _ in range(2)] if server else [folder / "first.db", folder / "second.db"]
    )
    first, second = EmptyDatabase(addresses[0]), EmptyDatabase(addresses[1])
    try:
        yield first, second
    finally:
        first.close()
        second.close()
        if server is not None:
            for address in addresses:
                server.release(str(address))
