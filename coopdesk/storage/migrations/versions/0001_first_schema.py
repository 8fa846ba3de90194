"""first schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27

The first schema. Hours and amounts are integer hundredths; the types are spelled out here
(not imported from the models) so that this migration stays as it was when the models change.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=40), nullable=True),
        sa.Column("summary", sa.String(length=300), nullable=True),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_at", ["at"], unique=False)
        batch_op.create_index("ix_audit_log_entity", ["entity", "entity_id"], unique=False)

    op.create_table(
        "closure_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_closure_day")),
    )
    op.create_table(
        "district",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("contact", sa.String(length=300), nullable=True),
        sa.Column("show_full_personal_number", sa.Boolean(), nullable=False),
        sa.CheckConstraint("kind IN ('stadsdel', 'kommun')", name=op.f("ck_district_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_district")),
        sa.UniqueConstraint("name", name=op.f("uq_district_name")),
    )
    op.create_table(
        "month_lock",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("attested_by", sa.String(length=200), nullable=False),
        sa.Column("attested_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("month", name=op.f("pk_month_lock")),
    )
    op.create_table(
        "supervisor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("fte_percent", sa.Integer(), nullable=False),
        sa.CheckConstraint("fte_percent BETWEEN 1 AND 100", name=op.f("ck_supervisor_fte_percent")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervisor")),
    )
    op.create_table(
        "work_area",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_area")),
        sa.UniqueConstraint("name", name=op.f("uq_work_area_name")),
    )
    op.create_table(
        "cooperative",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("org_number", sa.String(length=11), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("opening_weekdays", sa.String(length=7), nullable=False),
        sa.Column("full_time_hours_per_week", sa.Integer(), nullable=False),
        sa.Column("host_district_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["host_district_id"], ["district.id"], name=op.f("fk_cooperative_host_district_id_district")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cooperative")),
    )
    op.create_table(
        "member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("personal_number", sa.String(length=13), nullable=False),
        sa.Column("primary_work_area_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["primary_work_area_id"], ["work_area.id"], name=op.f("fk_member_primary_work_area_id_work_area")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sa.UniqueConstraint("personal_number", name=op.f("uq_member_personal_number")),
    )
    op.create_table(
        "supervisor_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supervisor_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(length=20), nullable=False),
        sa.Column("work_area_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "activity IN ('supervision', 'administration', 'training', 'vacation', 'sick')",
            name=op.f("ck_supervisor_hours_activity"),
        ),
        sa.ForeignKeyConstraint(
            ["supervisor_id"],
            ["supervisor.id"],
            name=op.f("fk_supervisor_hours_supervisor_id_supervisor"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["work_area_id"], ["work_area.id"], name=op.f("fk_supervisor_hours_work_area_id_work_area")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervisor_hours")),
    )
    with op.batch_alter_table("supervisor_hours", schema=None) as batch_op:
        batch_op.create_index("ix_supervisor_hours_day", ["day"], unique=False)
        batch_op.create_index("ix_supervisor_hours_supervisor_day", ["supervisor_id", "day"], unique=False)

    op.create_table(
        "tariff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("full_day_amount", sa.Integer(), nullable=True),
        sa.Column("half_day_amount", sa.Integer(), nullable=True),
        sa.Column("full_day_min_hours", sa.Integer(), nullable=True),
        sa.Column("half_day_min_hours", sa.Integer(), nullable=True),
        sa.Column("hourly_amount", sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('none', 'per_day', 'per_hour', 'per_month')", name=op.f("ck_tariff_kind")),
        sa.ForeignKeyConstraint(
            ["district_id"], ["district.id"], name=op.f("fk_tariff_district_id_district"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tariff")),
        sa.UniqueConstraint("district_id", "valid_from", name=op.f("uq_tariff_district_id")),
    )
    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "status IN ('present', 'sick', 'absent_notified', 'absent_unnotified', 'leave')",
            name=op.f("ck_attendance_status"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_attendance_member_id_member"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("member_id", "day", name=op.f("uq_attendance_member_id")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index("ix_attendance_day", ["day"], unique=False)

    op.create_table(
        "capacity_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("weekdays", sa.String(length=7), nullable=False),
        sa.CheckConstraint("percent BETWEEN 1 AND 100", name=op.f("ck_capacity_period_percent")),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_capacity_period_member_id_member"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_capacity_period")),
        sa.UniqueConstraint("member_id", "valid_from", name=op.f("uq_capacity_period_member_id")),
    )
    op.create_table(
        "placement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("decision_ref", sa.String(length=100), nullable=False),
        sa.Column("case_worker", sa.String(length=200), nullable=True),
        sa.Column("case_worker_phone", sa.String(length=50), nullable=True),
        sa.Column("case_worker_email", sa.String(length=200), nullable=True),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["district_id"], ["district.id"], name=op.f("fk_placement_district_id_district")),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_placement_member_id_member"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_placement")),
    )
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.create_index("ix_placement_district_start", ["district_id", "start"], unique=False)
        batch_op.create_index("ix_placement_member_start", ["member_id", "start"], unique=False)

    op.create_table(
        "tariff_band",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tariff_id", sa.Integer(), nullable=False),
        sa.Column("min_percent", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tariff_id"], ["tariff.id"], name=op.f("fk_tariff_band_tariff_id_tariff"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tariff_band")),
        sa.UniqueConstraint("tariff_id", "min_percent", name=op.f("uq_tariff_band_tariff_id")),
    )
    op.create_table(
        "attendance_hours",
        sa.Column("attendance_id", sa.Integer(), nullable=False),
        sa.Column("work_area_id", sa.Integer(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attendance_id"],
            ["attendance.id"],
            name=op.f("fk_attendance_hours_attendance_id_attendance"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["work_area_id"], ["work_area.id"], name=op.f("fk_attendance_hours_work_area_id_work_area")
        ),
        sa.PrimaryKeyConstraint("attendance_id", "work_area_id", name=op.f("pk_attendance_hours")),
    )


def downgrade() -> None:

    op.drop_table("attendance_hours")
    op.drop_table("tariff_band")
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_index("ix_placement_member_start")
        batch_op.drop_index("ix_placement_district_start")

    op.drop_table("placement")
    op.drop_table("capacity_period")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index("ix_attendance_day")

    op.drop_table("attendance")
    op.drop_table("tariff")
    with op.batch_alter_table("supervisor_hours", schema=None) as batch_op:
        batch_op.drop_index("ix_supervisor_hours_supervisor_day")
        batch_op.drop_index("ix_supervisor_hours_day")

    op.drop_table("supervisor_hours")
    op.drop_table("member")
    op.drop_table("cooperative")
    op.drop_table("work_area")
    op.drop_table("supervisor")
    op.drop_table("month_lock")
    op.drop_table("district")
    op.drop_table("closure_day")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_entity")
        batch_op.drop_index("ix_audit_log_at")

    op.drop_table("audit_log")
