"""Issued statements (domain.md §9): every attest issues each district's statement, kept as issued.

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-05

A new table only. Like the audit log (0002) it is append-only in the database itself: a trigger
refuses every UPDATE and DELETE (and TRUNCATE on PostgreSQL), whatever does it — a script, a database
tool or a bug — so a statement once issued can always be printed again exactly as it was sent.
The downgrade drops the table (and with it the issued versions: schema 0007 has no place for them).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "issued_statement is append-only: an issued version cannot be changed or removed"
TABLES = ("issued_statement",)


def upgrade() -> None:
    op.create_table(
        "issued_statement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("district", sa.String(length=200), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=200), nullable=False),
        sa.Column("fingerprint", sa.String(length=20), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_statement")),
        sa.UniqueConstraint("district_id", "month", "version", name=op.f("uq_issued_statement_district_id")),
    )
    op.create_index("ix_issued_statement_month", "issued_statement", ["month"])
    _append_only("issued_statement")


def _append_only(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$"
        )
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
            )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in reversed(TABLES):
        for event in ("update", "delete", "truncate"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{event}" + (f" ON {table}" if postgres else ""))
        if postgres:
            op.execute(f"DROP FUNCTION IF EXISTS {table}_append_only()")
    op.drop_index("ix_issued_statement_month", table_name="issued_statement")
    op.drop_table("issued_statement")
