"""User accounts with roles, and the idle time after which the app locks.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

A database from before accounts has no user yet: the first start (or ``coopdesk init --admin``)
creates its first administrator.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("role IN ('handledare', 'administratör')", name=op.f("ck_user_account_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("login", name=op.f("uq_user_account_login")),
        sa.UniqueConstraint("name", name=op.f("uq_user_account_name")),
    )
    with op.batch_alter_table("cooperative") as batch:
        batch.add_column(sa.Column("idle_lock_minutes", sa.Integer(), nullable=False, server_default="10"))


def downgrade() -> None:
    with op.batch_alter_table("cooperative") as batch:
        batch.drop_column("idle_lock_minutes")
    op.drop_table("user_account")
