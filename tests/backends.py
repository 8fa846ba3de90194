"""The database backend the test suite runs on: SQLite files (default) or a PostgreSQL server.

``COOPDESK_TEST_DB_URL=postgresql+psycopg://postgres@127.0.0.1:PORT/coopdesk_test`` (a role that may
create databases; ``scripts/pg-test-cluster.sh start`` prints one) runs the suite on that server:
every database a test asks for is a database of its own on it, as new. ``CREATE DATABASE`` costs
about 0.2 s (a clone of a migrated template as much), so a database a test is done with is put back
and used again: emptied (``TRUNCATE … RESTART IDENTITY``, triggers held off) when its schema is still
exactly the newest one, or else reset to an empty database (``DROP SCHEMA public CASCADE``); both
take about 20 ms. A database that cannot be put back is dropped.
"""

from __future__ import annotations

import itertools
import os

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

TEST_DB_URL = os.environ.get("COOPDESK_TEST_DB_URL") or None
ON_POSTGRES = TEST_DB_URL is not None
BACKEND = "postgresql" if ON_POSTGRES else "sqlite"


class PostgresServer:
    """Hands out test databases on one server (names unique to this process) and takes them back."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        if self.url.get_backend_name() != "postgresql":
            raise ValueError(f"COOPDESK_TEST_DB_URL must be a PostgreSQL URL, not {self.url.get_backend_name()}")
        self.admin: Engine = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.prefix = f"coopdesk_t{os.getpid()}_"
        self._names = itertools.count(1)
        self._template: str | None = None
        self._free: dict[bool, list[str]] = {True: [], False: []}  # migrated → databases to use again
        self._all: set[str] = set()

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, *, migrated: bool = False) -> str:
        """A database as new (empty, or at the newest schema) and its URL."""
        if self._free[migrated]:
            return self._free[migrated].pop()
        name = f"{self.prefix}{next(self._names)}"
        template = self.template() if migrated else "template0"
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        url = self.url_of(name)
        self._all.add(url)
        return url

    def release(self, url: str) -> None:
        """A test is done with ``url``: put it back as new for the next one, or drop it."""
        name = make_url(url).database
        with self.admin.connect() as connection:  # connections a test left open (a failure half-way)
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
                {"name": name},
            )
        try:
            migrated = self._reset(url)
        except Exception:
            self.drop(url)
            return
        self._free[migrated].append(url)

    def _reset(self, url: str) -> bool:
        from coopdesk.core.models import Base
        from coopdesk.storage.schema import HEAD

        tables = {t.name for t in Base.metadata.sorted_tables}
        engine = create_engine(url, poolclass=NullPool)
        try:
            with engine.begin() as connection:
                found = set(
                    connection.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars()
                )
                intact = found == tables | {"alembic_version"}
                if intact:
                    version = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
                    triggers = connection.execute(
                        text(
                            "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal"
                        )
                    ).scalar()
                    intact = version == [HEAD] and triggers == 3
                if intact:
                    connection.execute(text("SET LOCAL session_replication_role = replica"))
                    connection.execute(text(f"TRUNCATE {', '.join(sorted(tables))} RESTART IDENTITY"))
                    return True
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
                return False
        finally:
            engine.dispose()

    def drop(self, url: str) -> None:
        name = make_url(url).database
        for free in self._free.values():
            if url in free:
                free.remove(url)
        self._all.discard(url)
        with self.admin.connect() as connection:
            # FORCE: a test that failed half-way may have left a connection open.
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def template(self) -> str:
        if self._template is None:
            from coopdesk.storage.database import open_database

            name = f"{self.prefix}template"
            with self.admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0'))
            open_database(self.url_of(name)).close()
            self._template = name
        return self._template

    def close(self) -> None:
        for url in list(self._all):
            self.drop(url)
        if self._template is not None:
            self.drop(self.url_of(self._template))
        self.admin.dispose()
