"""The full-time week, the opening weekdays, the host district and the supervisors' FTE become dated history.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

Changing them used to rewrite every month, attested ones included (issue 13, point 6). Now:

- ``settings_period`` (valid_from, full_time_hours_per_week, opening_weekdays, host_district_id): the
  cooperative's dated settings from a date until the next entry's date. The cooperative's values
  move in as one entry valid from 1900-01-01 (``HISTORY_START``): early enough for every date a
  database can hold, so every existing statement keeps its figures. ``cooperative.opening_weekdays``,
  ``cooperative.full_time_hours_per_week`` and ``cooperative.host_district_id`` are dropped.
- ``supervisor_fte`` (supervisor_id, valid_from, fte_percent): each supervisor's FTE the same way,
  one entry per supervisor valid from 1900-01-01; ``supervisor.fte_percent`` (and its CHECK) is
  dropped; the CHECK moves to the new table.

The downgrade puts the columns back with the value in force today (the newest entry not in the
future, else the first) and drops the history; on SQLite the columns come back at the end of the
table with a DEFAULT (SQLite's ADD COLUMN needs one for NOT NULL), which schema 0005 never relies on.

No table is rebuilt on SQLite: ``supervisor`` is referenced by ``supervisor_hours`` with ON DELETE
CASCADE, and a rebuild (DROP TABLE with foreign keys on, which cannot be switched off inside the
migration's transaction) would delete every supervisor hour (see 0003). The CHECK on
``fte_percent`` and the FOREIGN KEY of ``host_district_id`` are removed from the tables' definitions
in place (SQLite's documented "simpler procedure": neither changes how rows are stored), then
``ALTER TABLE … DROP COLUMN``.
"""

import datetime as dt
import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HISTORY_START = dt.date(1900, 1, 1)
_FTE_CHECK = "fte_percent BETWEEN 1 AND 100"


def _sqlite_set_table_sql(table: str, change: "re.Pattern[str]", replacement: str) -> None:
    """Edit a table's CREATE statement in sqlite_master (only for changes that leave the rows as stored)."""
    bind = op.get_bind()
    sql = bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).scalar()
    changed, count = change.subn(replacement, sql)
    if count != 1:
        raise RuntimeError(f"unexpected definition of table {table}: {sql}")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        bind.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (changed, table))
        bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    settings_period = op.create_table(
        "settings_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("full_time_hours_per_week", sa.Integer(), nullable=False),
        sa.Column("opening_weekdays", sa.String(length=7), nullable=False),
        sa.Column("host_district_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["host_district_id"], ["district.id"], name=op.f("fk_settings_period_host_district_id_district")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settings_period")),
        sa.UniqueConstraint("valid_from", name=op.f("uq_settings_period_valid_from")),
    )
    supervisor_fte = op.create_table(
        "supervisor_fte",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("supervisor_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("fte_percent", sa.Integer(), nullable=False),
        sa.CheckConstraint(_FTE_CHECK, name=op.f("ck_supervisor_fte_fte_percent")),
        sa.ForeignKeyConstraint(
            ["supervisor_id"],
            ["supervisor.id"],
            name=op.f("fk_supervisor_fte_supervisor_id_supervisor"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervisor_fte")),
        sa.UniqueConstraint("supervisor_id", "valid_from", name=op.f("uq_supervisor_fte_supervisor_id")),
    )
    assert settings_period is not None and supervisor_fte is not None
    start = sa.literal(HISTORY_START, sa.Date())
    cooperative = sa.table(
        "cooperative",
        sa.column("id", sa.Integer()),
        sa.column("full_time_hours_per_week", sa.Integer()),
        sa.column("opening_weekdays", sa.String()),
        sa.column("host_district_id", sa.Integer()),
    )
    supervisor = sa.table("supervisor", sa.column("id", sa.Integer()), sa.column("fte_percent", sa.Integer()))
    first_cooperative = sa.select(sa.func.min(cooperative.c.id)).scalar_subquery()
    op.execute(
        settings_period.insert().from_select(
            ["valid_from", "full_time_hours_per_week", "opening_weekdays", "host_district_id"],
            sa.select(
                start,
                cooperative.c.full_time_hours_per_week,
                cooperative.c.opening_weekdays,
                cooperative.c.host_district_id,
            ).where(cooperative.c.id == first_cooperative),
        )
    )
    op.execute(
        supervisor_fte.insert().from_select(
            ["supervisor_id", "valid_from", "fte_percent"],
            sa.select(supervisor.c.id, start, supervisor.c.fte_percent),
        )
    )
    if sqlite:
        _sqlite_set_table_sql(
            "supervisor",
            # a table constraint (schema 0001), or a column constraint (0006's downgrade)
            re.compile(r"(,\s*|\s+)CONSTRAINT ck_supervisor_fte_percent CHECK \(fte_percent BETWEEN 1 AND 100\)"),
            "",
        )
        op.execute("ALTER TABLE supervisor DROP COLUMN fte_percent")
        op.execute("ALTER TABLE cooperative DROP COLUMN opening_weekdays")
        op.execute("ALTER TABLE cooperative DROP COLUMN full_time_hours_per_week")
        _sqlite_set_table_sql(
            "cooperative",
            re.compile(
                r"(,\s*CONSTRAINT fk_cooperative_host_district_id_district FOREIGN KEY\s*\(host_district_id\)"
                r"|\s+CONSTRAINT fk_cooperative_host_district_id_district)\s*REFERENCES district \(id\)"
            ),
            "",
        )
        op.execute("ALTER TABLE cooperative DROP COLUMN host_district_id")
        if op.get_bind().exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
            raise RuntimeError("foreign keys broken after migration 0006")
    else:
        op.drop_column("supervisor", "fte_percent")  # its CHECK goes with it
        op.drop_column("cooperative", "opening_weekdays")
        op.drop_column("cooperative", "full_time_hours_per_week")
        op.drop_column("cooperative", "host_district_id")  # its FOREIGN KEY goes with it


def _in_force_today(entries: list[tuple[int, dt.date, object]]) -> dict[int, object]:
    """Per owner: the value of the newest entry not in the future, else of the first entry."""
    today = dt.date.today()
    chosen: dict[int, tuple[dt.date, object]] = {}
    for owner, valid_from, value in sorted(entries, key=lambda e: (e[0], e[1])):
        if owner not in chosen or valid_from <= today:
            chosen[owner] = (valid_from, value)
    return {owner: value for owner, (_from, value) in chosen.items()}


def _as_date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def downgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    weeks = _in_force_today(
        [
            (0, _as_date(valid_from), (hours, weekdays, host))
            for valid_from, hours, weekdays, host in bind.execute(
                sa.text(
                    "SELECT valid_from, full_time_hours_per_week, opening_weekdays, host_district_id "
                    "FROM settings_period"
                )
            )
        ]
    )
    hours, weekdays, host = weeks.get(0, (4000, "12345", None))
    ftes = _in_force_today(
        [
            (supervisor_id, _as_date(valid_from), fte)
            for supervisor_id, valid_from, fte in bind.execute(
                sa.text("SELECT supervisor_id, valid_from, fte_percent FROM supervisor_fte")
            )
        ]
    )
    if sqlite:
        op.execute("ALTER TABLE cooperative ADD COLUMN opening_weekdays VARCHAR(7) NOT NULL DEFAULT '12345'")
        op.execute("ALTER TABLE cooperative ADD COLUMN full_time_hours_per_week INTEGER NOT NULL DEFAULT 4000")
        op.execute(
            "ALTER TABLE cooperative ADD COLUMN host_district_id INTEGER "
            "CONSTRAINT fk_cooperative_host_district_id_district REFERENCES district (id)"
        )
        op.execute(
            "ALTER TABLE supervisor ADD COLUMN fte_percent INTEGER NOT NULL DEFAULT 100 "
            f"CONSTRAINT ck_supervisor_fte_percent CHECK ({_FTE_CHECK})"
        )
    else:
        op.add_column(
            "cooperative", sa.Column("opening_weekdays", sa.String(7), nullable=False, server_default="12345")
        )
        op.add_column(
            "cooperative", sa.Column("full_time_hours_per_week", sa.Integer(), nullable=False, server_default="4000")
        )
        op.add_column("supervisor", sa.Column("fte_percent", sa.Integer(), nullable=False, server_default="100"))
        op.add_column("cooperative", sa.Column("host_district_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_cooperative_host_district_id_district"), "cooperative", "district", ["host_district_id"], ["id"]
        )
    bind.execute(
        sa.text(
            "UPDATE cooperative SET opening_weekdays = :weekdays, full_time_hours_per_week = :hours, "
            "host_district_id = :host"
        ),
        {"weekdays": weekdays, "hours": hours, "host": host},
    )
    for supervisor_id, fte in ftes.items():
        bind.execute(
            sa.text("UPDATE supervisor SET fte_percent = :fte WHERE id = :id"), {"fte": fte, "id": supervisor_id}
        )
    if not sqlite:
        for table, column in (
            ("cooperative", "opening_weekdays"),
            ("cooperative", "full_time_hours_per_week"),
            ("supervisor", "fte_percent"),
        ):
            op.alter_column(table, column, server_default=None)
        op.create_check_constraint(op.f("ck_supervisor_fte_percent"), "supervisor", _FTE_CHECK)
    op.drop_table("supervisor_fte")
    op.drop_table("settings_period")
