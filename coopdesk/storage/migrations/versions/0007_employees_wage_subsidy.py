"""Employees with wage subsidy (domain.md §10): employees, their dated employment percentage and wage
cost, per-month wage-cost overrides, subsidy decisions with dated steps, and time reports.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

New tables only; no existing table changes, so nothing is rebuilt on SQLite. Every table a user edits
has the ``version`` column of 0005 (optimistic concurrency). Amounts and hours are integer hundredths.
The downgrade drops the tables (and with them every employee: schema 0006 has no place for them).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id_and_version() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
    ]


def _employee_fk(table: str) -> list[object]:
    return [
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f(f"fk_{table}_employee_id_employee"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "employee",
        *_id_and_version(),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("personal_number", sa.String(length=13), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employee")),
        sa.UniqueConstraint("personal_number", name=op.f("uq_employee_personal_number")),
    )
    op.create_table(
        "employment_period",
        *_id_and_version(),
        *_employee_fk("employment_period"),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.CheckConstraint("percent BETWEEN 1 AND 100", name=op.f("ck_employment_period_percent")),
        sa.UniqueConstraint("employee_id", "valid_from", name=op.f("uq_employment_period_employee_id")),
    )
    op.create_table(
        "wage_cost",
        *_id_and_version(),
        *_employee_fk("wage_cost"),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.UniqueConstraint("employee_id", "valid_from", name=op.f("uq_wage_cost_employee_id")),
    )
    op.create_table(
        "wage_cost_month",
        *_id_and_version(),
        *_employee_fk("wage_cost_month"),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.UniqueConstraint("employee_id", "month", name=op.f("uq_wage_cost_month_employee_id")),
    )
    op.create_table(
        "subsidy_decision",
        *_id_and_version(),
        *_employee_fk("subsidy_decision"),
        sa.Column("ref", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=200), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("ceiling", sa.Integer(), nullable=False),
    )
    op.create_index("ix_subsidy_decision_employee_start", "subsidy_decision", ["employee_id", "start"])
    op.create_table(
        "subsidy_step",
        *_id_and_version(),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.CheckConstraint("percent BETWEEN 1 AND 100", name=op.f("ck_subsidy_step_percent")),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["subsidy_decision.id"],
            name=op.f("fk_subsidy_step_decision_id_subsidy_decision"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subsidy_step")),
        sa.UniqueConstraint("decision_id", "valid_from", name=op.f("uq_subsidy_step_decision_id")),
    )
    op.create_table(
        "time_report",
        *_id_and_version(),
        *_employee_fk("time_report"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('worked', 'sick', 'vacation', 'vab', 'leave', 'other')", name=op.f("ck_time_report_kind")
        ),
        sa.UniqueConstraint("employee_id", "day", "kind", name=op.f("uq_time_report_employee_id")),
    )
    op.create_index("ix_time_report_day", "time_report", ["day"])


def downgrade() -> None:
    op.drop_index("ix_time_report_day", table_name="time_report")
    op.drop_table("time_report")
    op.drop_table("subsidy_step")
    op.drop_index("ix_subsidy_decision_employee_start", table_name="subsidy_decision")
    op.drop_table("subsidy_decision")
    op.drop_table("wage_cost_month")
    op.drop_table("wage_cost")
    op.drop_table("employment_period")
    op.drop_table("employee")
