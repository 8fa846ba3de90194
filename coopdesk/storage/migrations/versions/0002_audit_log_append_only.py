"""The audit log is append-only: the database itself refuses to change or remove an entry; and
each entry names the member it concerns, so "who did what to whose file" is one indexed query.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

No code path of coopdesk updates or deletes audit entries; these triggers make sure that nothing
else does either (a script, a database tool, a bug), on SQLite and later on PostgreSQL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "audit_log is append-only: entries cannot be changed or removed"


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("member_id", sa.Integer(), nullable=True))
        batch.create_index("ix_audit_log_member", ["member_id", "at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$"
        )
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
            )
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def downgrade() -> None:
    for event in ("update", "delete", "truncate"):
        op.execute(
            f"DROP TRIGGER IF EXISTS audit_log_no_{event}"
            + (" ON audit_log" if op.get_bind().dialect.name == "postgresql" else "")
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_index("ix_audit_log_member")
        batch.drop_column("member_id")
