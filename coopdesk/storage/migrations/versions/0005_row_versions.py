"""A version number on every row a user edits (optimistic concurrency, several PCs on one database).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

SQLAlchemy's ``version_id_col`` raises it on every change; a change made from a value another PC has
changed since is refused instead of silently overwriting it (coopdesk/core/conflicts.py). Existing
rows start at 1. Plain ``add_column`` (no batch mode): on SQLite a batch recreates the table, and
with foreign keys on, dropping the old one would cascade to the rows that refer to it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "member",
    "placement",
    "capacity_period",
    "attendance",
    "supervisor",
    "supervisor_hours",
    "district",
    "tariff",
    "cooperative",
    "work_area",
    "user_account",
)


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in TABLES:
        op.drop_column(table, "version")
