"""Bringing a database's schema up to date with alembic, after a backup of the database as it was.

The everyday case (the schema already at :data:`schema.HEAD`) is decided with one query and no
alembic at all: alembic is imported only when a migration has to run, or when a caller asks for the
known revisions, which keeps every command's start-up fast. A database written by a newer coopdesk
is refused rather than damaged. ``database.py`` re-exports the public names;
the alembic configuration is in ``schema.py``.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from coopdesk.core.errors import StorageError
from coopdesk.storage.backup import make_backup
from coopdesk.storage.database_errors import OpenDatabase
from coopdesk.storage.schema import HEAD, alembic_config

# An advisory lock held while a PostgreSQL schema is migrated, so that two PCs upgrading at the same
# moment take turns instead of both altering the tables (the number is arbitrary but fixed).
PG_MIGRATION_LOCK = 0x636F6F70  # "coop"


def _current_revision(database: OpenDatabase) -> str | None:
    with database.engine.connect() as connection:
        if "alembic_version" not in inspect(connection).get_table_names():
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(database: OpenDatabase) -> None:
    """Bring the schema to the newest version; back up an existing database first."""
    if _current_revision(database) == HEAD:
        return  # the everyday case, decided without importing alembic
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    with database.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        tables = set(inspect(connection).get_table_names())
    if current == head:
        return
    if current is None and tables - {"alembic_version"}:
        raise StorageError(
            f"Filen {database.describe()} är en databas, men ingen coopdesk-databas.",
            f"The file {database.describe()} is a database, but not a coopdesk database.",
        )
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise StorageError(
            f"Databasen {database.describe()} är skapad av en nyare version av coopdesk. "
            "Uppdatera programmet innan du öppnar den.",
            f"The database {database.describe()} was written by a newer version of coopdesk. "
            "Update the program before you open it.",
        )
    if current is not None:
        backup_before_migration(database, current)
    config = alembic_config(database.engine)
    with database.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Another PC may be migrating the same database right now: wait for it; then alembic
            # finds the schema already at head and does nothing.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def backup_before_migration(database: OpenDatabase, revision: str) -> Path | None:
    """A checked backup of the database as it was, before its schema changes.

    SQLite only: a server database is backed up on the server (pg_dump, see README), and its
    migration runs in one transaction (PostgreSQL's DDL is transactional), so a failed one changes
    nothing.
    """
    source = database.sqlite_path
    return make_backup(source, reason="migration", key=database.key) if source is not None else None
