"""Erasure (gallring) of former members: a member can be anonymised, and the audit log lets exactly
that member's entries be redacted, nothing else.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

- ``member.erased_at``: when the member was erased (NULL for everyone else).
- ``member.personal_number`` becomes nullable: an erased member has none. UNIQUE still holds for the
  others (SQL lets any number of NULLs through a UNIQUE constraint).
- ``cooperative.retention_years``, default 5: social documentation under SoL is normally gallrad five
  years after the matter ended, so a member becomes a candidate five years after the last placement.
- The audit log stays append-only, with one narrow exception: an entry whose ``member_id`` names an
  erased member may have its ``summary`` set to ``REDACTED_SUMMARY`` and ``old``/``new`` to NULL, and
  no other column changed. Every other UPDATE, and every DELETE, is still refused by the database.

On SQLite the NOT NULL is removed in place, not by alembic's batch rebuild of ``member``, which
would cascade-delete every placement and attendance record (see ``_sqlite_personal_number_nullable``).
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "audit_log is append-only: entries cannot be changed or removed"
REDACTED_SUMMARY = "[gallrad]"

# The columns a redaction must leave as they were.
_KEPT = ("id", "at", "actor", "action", "entity", "entity_id", "member_id")

_PG_REDACT_ONLY = f"""
CREATE FUNCTION audit_log_redact_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF {" AND ".join(f"NEW.{c} IS NOT DISTINCT FROM OLD.{c}" for c in _KEPT)}
       AND NEW.summary = '{REDACTED_SUMMARY}' AND NEW.old IS NULL AND NEW.new IS NULL
       AND OLD.member_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM member WHERE member.id = OLD.member_id AND member.erased_at IS NOT NULL)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '{MESSAGE}';
END $$
"""

_SQLITE_REDACT_ONLY = f"""
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (
    {" AND ".join(f"NEW.{c} IS OLD.{c}" for c in _KEPT)}
    AND NEW.summary IS '{REDACTED_SUMMARY}' AND NEW.old IS NULL AND NEW.new IS NULL
    AND OLD.member_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM member WHERE member.id = OLD.member_id AND member.erased_at IS NOT NULL)
)
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
"""

_SQLITE_APPEND_ONLY = (
    f"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
)


def _sqlite_personal_number_nullable(nullable: bool) -> None:
    """Drop (or put back) NOT NULL on ``member.personal_number`` on SQLite, in place.

    alembic's batch mode would rebuild ``member``: copy it, DROP it, rename the copy. coopdesk
    always enforces foreign keys, ``PRAGMA foreign_keys`` cannot be switched off inside the
    migration's transaction, and with them enforced SQLite's DROP TABLE first deletes every row, so
    ON DELETE CASCADE would take every placement, capacity period and attendance record with it
    (and a rename would repoint the other tables' REFERENCES). Removing a NOT NULL does not change
    how rows are stored, so SQLite's documented procedure for it (lang_altertable.html, "simpler
    procedure") edits the table's definition in place instead, inside the same transaction. Putting
    NOT NULL back is refused first if any row has no number (``_refuse_if_erased``).
    """
    bind = op.get_bind()
    sql = bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'member'").scalar()
    pattern = re.compile(
        r"(personal_number\s+VARCHAR\(13\))\s+NOT NULL" if nullable else r"(personal_number\s+VARCHAR\(13\))(?=\s*,)"
    )
    changed, count = pattern.subn(r"\1" if nullable else r"\1 NOT NULL", sql)
    if count != 1:
        raise RuntimeError(f"unexpected definition of table member: {sql}")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        bind.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'member'", (changed,))
        bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")
    if bind.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
        raise RuntimeError("foreign keys broken after changing table member")


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table("cooperative") as batch:
        batch.add_column(sa.Column("retention_years", sa.Integer(), nullable=False, server_default="5"))
    if postgresql:
        with op.batch_alter_table("member") as batch:
            batch.add_column(sa.Column("erased_at", sa.DateTime(), nullable=True))
            batch.alter_column("personal_number", existing_type=sa.String(length=13), nullable=True)
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log")
        op.execute(_PG_REDACT_ONLY)
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_redact_only()"
        )
        return
    _sqlite_personal_number_nullable(True)
    op.execute("ALTER TABLE member ADD COLUMN erased_at DATETIME")
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    op.execute(_SQLITE_REDACT_ONLY)


def _refuse_if_erased() -> None:
    erased = op.get_bind().exec_driver_sql("SELECT count(*) FROM member WHERE personal_number IS NULL").scalar()
    if erased:
        raise RuntimeError(
            f"{erased} erased member(s) have no personal number, which schema 0002 requires. Restore a backup instead."
        )


def downgrade() -> None:
    _refuse_if_erased()
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_redact_only()")
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )
        with op.batch_alter_table("member") as batch:
            batch.alter_column("personal_number", existing_type=sa.String(length=13), nullable=False)
            batch.drop_column("erased_at")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        _sqlite_personal_number_nullable(False)
        op.execute("ALTER TABLE member DROP COLUMN erased_at")
        op.execute(_SQLITE_APPEND_ONLY)
    with op.batch_alter_table("cooperative") as batch:
        batch.drop_column("retention_years")
