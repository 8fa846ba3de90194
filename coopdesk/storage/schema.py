"""The schema version this program writes, known without importing alembic.

Opening a database that is already at this revision (the everyday case) then needs no alembic at
all, which keeps every command's start-up fast. tests/unit/test_storage.py checks that this matches
the newest migration in storage/migrations/versions. The alembic configuration is here too, so that
backups (which check a file's revision) and migrations both read it from the bottom of storage; alembic
itself is imported only inside the functions that need it (start-up time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopdesk.storage import paths

if TYPE_CHECKING:  # alembic is imported only when a migration has to run (start-up time)
    from alembic.config import Config
    from sqlalchemy import Engine

HEAD = "0008"


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    # ConfigParser interpolates "%": a folder such as C:\\Users\\Björn (percent-encoded in URLs) or a
    # name with "%" must not break the migrations, so every value is escaped.
    config.set_main_option("script_location", str(paths.migrations_dir()).replace("%", "%%"))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


def schema_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every schema revision this version of coopdesk can read (imports alembic)."""
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
