"""Social documentation (domain.md §7): implementation plans with their goals, journal entries and
deviations (avvikelser, klagomål, lex Sarah).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05

New tables only; no existing table changes, so nothing is rebuilt on SQLite. The tables a user edits
have the ``version`` column of 0005 (optimistic concurrency). Texts are ``Text`` (a journal note has no
useful limit). The downgrade drops the tables, and with them the documentation: schema 0007 has no
place for it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id_and_version(table: str) -> list[object]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def _member_fk(table: str, *, nullable: bool = False) -> list[object]:
    return [
        sa.Column("member_id", sa.Integer(), nullable=nullable),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f(f"fk_{table}_member_id_member"), ondelete="CASCADE"
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "care_plan",
        *_id_and_version("care_plan"),
        *_member_fk("care_plan"),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("participation", sa.Text(), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("in_force_from", sa.Date(), nullable=True),
        sa.Column("followed_up_at", sa.Date(), nullable=True),
        sa.Column("follow_up_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["placement_id"], ["placement.id"], name=op.f("fk_care_plan_placement_id_placement"), ondelete="CASCADE"
        ),
        sa.UniqueConstraint("placement_id", "number", name=op.f("uq_care_plan_placement_id")),
        sa.CheckConstraint(
            "status IN ('draft', 'in_force', 'followed_up', 'replaced')", name=op.f("ck_care_plan_status")
        ),
    )
    op.create_index("ix_care_plan_member", "care_plan", ["member_id"])
    op.create_table(
        "care_plan_goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("support", sa.Text(), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("how", sa.Text(), nullable=False),
        sa.Column("timing", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_plan_goal")),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["care_plan.id"], name=op.f("fk_care_plan_goal_plan_id_care_plan"), ondelete="CASCADE"
        ),
        sa.UniqueConstraint("plan_id", "position", name=op.f("uq_care_plan_goal_plan_id")),
    )
    op.create_table(
        "journal_entry",
        *_id_and_version("journal_entry"),
        *_member_fk("journal_entry"),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_login", sa.String(length=40), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=True),
        sa.Column("struck_at", sa.DateTime(), nullable=True),
        sa.Column("struck_by", sa.String(length=200), nullable=True),
        sa.Column("strike_reason", sa.Text(), nullable=True),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["replaces_id"], ["journal_entry.id"], name=op.f("fk_journal_entry_replaces_id_journal_entry")
        ),
        sa.CheckConstraint(
            "kind IN ('conversation', 'event', 'follow_up', 'case_worker_contact', 'other')",
            name=op.f("ck_journal_entry_kind"),
        ),
    )
    op.create_index("ix_journal_entry_member_day", "journal_entry", ["member_id", "event_date"])
    op.create_table(
        "deviation",
        *_id_and_version("deviation"),
        *_member_fk("deviation", nullable=True),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("reported_by", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=24), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("ivo_sent_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint(
            "category IN ('deviation', 'complaint', 'lex_sarah_misconduct', 'lex_sarah_risk')",
            name=op.f("ck_deviation_category"),
        ),
        sa.CheckConstraint(
            "status IN ('received', 'investigated', 'remedied', 'closed')", name=op.f("ck_deviation_status")
        ),
    )
    op.create_index("ix_deviation_member", "deviation", ["member_id"])


def downgrade() -> None:
    op.drop_index("ix_deviation_member", table_name="deviation")
    op.drop_table("deviation")
    op.drop_index("ix_journal_entry_member_day", table_name="journal_entry")
    op.drop_table("journal_entry")
    op.drop_table("care_plan_goal")
    op.drop_index("ix_care_plan_member", table_name="care_plan")
    op.drop_table("care_plan")
