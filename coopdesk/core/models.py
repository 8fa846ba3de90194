"""The tables of a coopdesk database (SQLAlchemy 2 typed ORM).

Hours and amounts are stored as integer hundredths (:class:`Hundredths`) so that no figure is ever a
binary float, and they read back as :class:`~decimal.Decimal`. Dates are ``Date`` columns. Every index
here exists so that one month's queries touch only that month's rows, however many years the database
holds (bench/bench_statement.py measures it).
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from coopdesk.core.numbers import from_hundredths, to_hundredths

# The stored values of the closed sets (and HISTORY_START) are defined in core/vocabulary.py, where the
# views read them without SQLAlchemy; re-exported here for the services that import them from models.
from coopdesk.core.vocabulary import ABSENCE_ACTIVITIES as ABSENCE_ACTIVITIES
from coopdesk.core.vocabulary import ABSENCE_STATUSES as ABSENCE_STATUSES
from coopdesk.core.vocabulary import ACTIVITIES as ACTIVITIES
from coopdesk.core.vocabulary import DISTRICT_KINDS as DISTRICT_KINDS
from coopdesk.core.vocabulary import END_REASONS as END_REASONS
from coopdesk.core.vocabulary import HISTORY_START as HISTORY_START
from coopdesk.core.vocabulary import STATUSES as STATUSES
from coopdesk.core.vocabulary import TARIFF_KINDS as TARIFF_KINDS
from coopdesk.core.vocabulary import WORKED_ACTIVITIES as WORKED_ACTIVITIES

DEFAULT_WEEKDAYS = frozenset({1, 2, 3, 4, 5})
DEFAULT_FULL_TIME_WEEK = Decimal(40)


def next_version(current: int | None) -> int:
    """A row's next version (optimistic concurrency, core/conflicts.py): each change adds 1, and a new
    row starts at a random number rather than 1. SQLite gives a removed newest row's id to the next
    new row; a PC still showing the removed row (say id 7, version 1) must not match the new row 7,
    and with a random start it does not (a chance of about one in a billion)."""
    return _first_version() if current is None else current + 1


def _first_version() -> int:
    return secrets.randbelow(2**30) + 1


class Hundredths(TypeDecorator[Decimal]):
    """A Decimal with at most 2 decimals, stored as an integer number of hundredths."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: object) -> int | None:
        return None if value is None else to_hundredths(Decimal(value))

    def process_result_value(self, value: int | None, dialect: object) -> Decimal | None:
        return None if value is None else from_hundredths(value)


class WeekdaySet(TypeDecorator[frozenset[int]]):
    """A set of ISO weekdays stored as digits: {1, 2, 3, 4, 5} ↔ '12345'."""

    impl = String(7)
    cache_ok = True

    def process_bind_param(self, value: frozenset[int] | None, dialect: object) -> str | None:
        return None if value is None else "".join(str(d) for d in sorted(value))

    def process_result_value(self, value: str | None, dialect: object) -> frozenset[int] | None:
        return None if value is None else frozenset(int(c) for c in value)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Cooperative(Base):
    """The cooperative's settings: one row per database."""

    __tablename__ = "cooperative"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    name: Mapped[str] = mapped_column(String(200))
    org_number: Mapped[str | None] = mapped_column(String(11))
    address: Mapped[str | None] = mapped_column(String(300))
    # The full-time week, the opening weekdays and the host district are dated: SettingsPeriod (0006).
    # Years after a member's last placement ended before the member may be erased (gallras); SoL
    # documentation is normally gallrad five years after the matter ended.
    retention_years: Mapped[int] = mapped_column(default=5, server_default="5")
    idle_lock_minutes: Mapped[int] = mapped_column(default=10, server_default="10")


class SettingsPeriod(Base):
    """The cooperative's full-time week, opening weekdays and host district from ``valid_from`` until
    the next entry's valid_from (domain.md §1, §4): dated, so that a change never rewrites an attested
    month."""

    __tablename__ = "settings_period"
    __table_args__ = (UniqueConstraint("valid_from"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    valid_from: Mapped[dt.date] = mapped_column(Date)
    full_time_hours_per_week: Mapped[Decimal] = mapped_column(Hundredths())
    opening_weekdays: Mapped[frozenset[int]] = mapped_column(WeekdaySet())
    host_district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"))


class ClosureDay(Base):
    __tablename__ = "closure_day"
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)


class WorkArea(Base):
    __tablename__ = "work_area"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    name: Mapped[str] = mapped_column(String(100), unique=True)


class District(Base):
    """A funding district (beställare): a stadsdel of Stockholm or a municipality."""

    __tablename__ = "district"
    __table_args__ = (CheckConstraint("kind IN ('stadsdel', 'kommun')", name="kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(10), default="stadsdel")
    contact: Mapped[str | None] = mapped_column(String(300))
    show_full_personal_number: Mapped[bool] = mapped_column(default=False)

    tariffs: Mapped[list[Tariff]] = relationship(
        back_populates="district", order_by="Tariff.valid_from", cascade="all, delete-orphan"
    )


class Tariff(Base):
    """What a district pays, from ``valid_from`` until the next tariff's valid_from."""

    __tablename__ = "tariff"
    __table_args__ = (
        UniqueConstraint("district_id", "valid_from"),
        CheckConstraint("kind IN ('none', 'per_day', 'per_hour', 'per_month')", name="kind"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id", ondelete="CASCADE"))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))
    full_day_amount: Mapped[Decimal | None] = mapped_column(Hundredths())
    half_day_amount: Mapped[Decimal | None] = mapped_column(Hundredths())
    full_day_min_hours: Mapped[Decimal | None] = mapped_column(Hundredths())
    half_day_min_hours: Mapped[Decimal | None] = mapped_column(Hundredths())
    hourly_amount: Mapped[Decimal | None] = mapped_column(Hundredths())

    district: Mapped[District] = relationship(back_populates="tariffs")
    bands: Mapped[list[TariffBand]] = relationship(order_by="TariffBand.min_percent", cascade="all, delete-orphan")


class TariffBand(Base):
    """A per-month tariff's band: ``amount`` for a capacity of at least ``min_percent``."""

    __tablename__ = "tariff_band"
    __table_args__ = (UniqueConstraint("tariff_id", "min_percent"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tariff_id: Mapped[int] = mapped_column(ForeignKey("tariff.id", ondelete="CASCADE"))
    min_percent: Mapped[int] = mapped_column()
    amount: Mapped[Decimal] = mapped_column(Hundredths())


class Member(Base):
    __tablename__ = "member"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    name: Mapped[str] = mapped_column(String(200))
    personal_number: Mapped[str | None] = mapped_column(String(13), unique=True)  # None once erased
    primary_work_area_id: Mapped[int | None] = mapped_column(ForeignKey("work_area.id"))
    erased_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # set by erasure (gallring)

    primary_work_area: Mapped[WorkArea | None] = relationship()
    placements: Mapped[list[Placement]] = relationship(
        back_populates="member", order_by="Placement.start", cascade="all, delete-orphan"
    )
    capacity_periods: Mapped[list[CapacityPeriod]] = relationship(
        back_populates="member", order_by="CapacityPeriod.valid_from", cascade="all, delete-orphan"
    )


class Placement(Base):
    """A social-services decision (biståndsbeslut) placing a member, ``start``..``end`` inclusive."""

    __tablename__ = "placement"
    __table_args__ = (
        Index("ix_placement_district_start", "district_id", "start"),
        Index("ix_placement_member_start", "member_id", "start"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"))
    decision_ref: Mapped[str] = mapped_column(String(100))
    case_worker: Mapped[str | None] = mapped_column(String(200))
    case_worker_phone: Mapped[str | None] = mapped_column(String(50))
    case_worker_email: Mapped[str | None] = mapped_column(String(200))
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    #: Why it ended (END_REASONS, domain.md §8); only with an end, and None where nobody said.
    end_reason: Mapped[str | None] = mapped_column(String(20))

    member: Mapped[Member] = relationship(back_populates="placements")
    district: Mapped[District] = relationship()


class CapacityPeriod(Base):
    """A member's capacity (omfattning) from ``valid_from`` until the next period."""

    __tablename__ = "capacity_period"
    __table_args__ = (
        UniqueConstraint("member_id", "valid_from"),
        CheckConstraint("percent BETWEEN 1 AND 100", name="percent"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    percent: Mapped[int] = mapped_column()
    weekdays: Mapped[frozenset[int]] = mapped_column(WeekdaySet())

    member: Mapped[Member] = relationship(back_populates="capacity_periods")


class Attendance(Base):
    """One member's attendance on one day; ``present`` carries hours per work area."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("member_id", "day"),
        Index("ix_attendance_day", "day"),
        CheckConstraint(
            "status IN ('present', 'sick', 'absent_notified', 'absent_unnotified', 'leave')",
            name="status",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    day: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))

    member: Mapped[Member] = relationship()
    hours: Mapped[list[AttendanceHours]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="AttendanceHours.work_area_id"
    )


class AttendanceHours(Base):
    __tablename__ = "attendance_hours"
    attendance_id: Mapped[int] = mapped_column(ForeignKey("attendance.id", ondelete="CASCADE"), primary_key=True)
    work_area_id: Mapped[int] = mapped_column(ForeignKey("work_area.id"), primary_key=True)
    hours: Mapped[Decimal] = mapped_column(Hundredths())

    work_area: Mapped[WorkArea] = relationship(lazy="joined")


class Supervisor(Base):
    __tablename__ = "supervisor"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    name: Mapped[str] = mapped_column(String(200))

    fte_history: Mapped[list[SupervisorFte]] = relationship(
        back_populates="supervisor", order_by="SupervisorFte.valid_from", cascade="all, delete-orphan"
    )


class SupervisorFte(Base):
    """A supervisor's FTE percentage (tjänstgöringsgrad) from ``valid_from`` until the next entry's.
    Before the first entry the supervisor is not on the staff (not on any statement)."""

    __tablename__ = "supervisor_fte"
    __table_args__ = (
        UniqueConstraint("supervisor_id", "valid_from"),
        CheckConstraint("fte_percent BETWEEN 1 AND 100", name="fte_percent"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("supervisor.id", ondelete="CASCADE"))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    fte_percent: Mapped[int] = mapped_column()

    supervisor: Mapped[Supervisor] = relationship(back_populates="fte_history")


class SupervisorHours(Base):
    __tablename__ = "supervisor_hours"
    __table_args__ = (
        Index("ix_supervisor_hours_day", "day"),
        Index("ix_supervisor_hours_supervisor_day", "supervisor_id", "day"),
        CheckConstraint(
            "activity IN ('supervision', 'administration', 'training', 'vacation', 'sick')",
            name="activity",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("supervisor.id", ondelete="CASCADE"))
    day: Mapped[dt.date] = mapped_column(Date)
    hours: Mapped[Decimal] = mapped_column(Hundredths())
    activity: Mapped[str] = mapped_column(String(20))
    work_area_id: Mapped[int | None] = mapped_column(ForeignKey("work_area.id"))

    supervisor: Mapped[Supervisor] = relationship()
    work_area: Mapped[WorkArea | None] = relationship()


class MonthLock(Base):
    """An attested month ('2026-05'): nothing that touches it may change until it is reopened."""

    __tablename__ = "month_lock"
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    attested_by: Mapped[str] = mapped_column(String(200))
    attested_at: Mapped[dt.datetime] = mapped_column(DateTime)


class IssuedStatement(Base):
    """One issued version of a district's statement for a month (domain.md §9): what was sent, kept as sent.

    Append-only like the audit log (migration 0010's triggers): attesting issues a new version, nothing
    changes or removes one. ``document`` is the coopdesk-statement/1 JSON as issued; ``snapshot`` holds
    the rest the printed forms need (core/issued_snapshot.py). No foreign key: a version outlives a
    district's rename or removal, like the log outlives its rows."""

    __tablename__ = "issued_statement"
    __table_args__ = (UniqueConstraint("district_id", "month", "version"), Index("ix_issued_statement_month", "month"))
    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column()
    district: Mapped[str] = mapped_column(String(200))
    month: Mapped[str] = mapped_column(String(7))
    version: Mapped[int] = mapped_column()
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime)
    issued_by: Mapped[str] = mapped_column(String(200))
    fingerprint: Mapped[str] = mapped_column(String(20))
    document: Mapped[str] = mapped_column(Text)
    snapshot: Mapped[str] = mapped_column(Text)


class InvoicingSettings(Base):
    """The cooperative's invoicing details (domain.md §9): one row. Name, org number and address are
    the cooperative's own (``Cooperative``); these are what an e-invoice needs besides."""

    __tablename__ = "invoicing_settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    peppol_id: Mapped[str | None] = mapped_column(String(60))  # "0007:8024001235" (scheme:identifier)
    vat_number: Mapped[str | None] = mapped_column(String(20))
    f_tax: Mapped[bool] = mapped_column(default=False)  # Godkänd för F-skatt
    street: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(100))
    bankgiro: Mapped[str | None] = mapped_column(String(12))
    plusgiro: Mapped[str | None] = mapped_column(String(12))
    payment_days: Mapped[int] = mapped_column(default=30, server_default="30")
    number_prefix: Mapped[str] = mapped_column(String(10), default="", server_default="")
    next_number: Mapped[int] = mapped_column(default=1, server_default="1")


class DistrictInvoicing(Base):
    """A district's invoicing details: where its e-invoices go and whom they name."""

    __tablename__ = "district_invoicing"
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    org_number: Mapped[str | None] = mapped_column(String(11))
    peppol_id: Mapped[str | None] = mapped_column(String(60))
    buyer_reference: Mapped[str | None] = mapped_column(String(100))
    street: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(100))


class Invoice(Base):
    """An e-invoice (or credit note) written from an issued statement or a correction; kept as written,
    append-only (migration 0010), so its number is never used again and it can be written again."""

    __tablename__ = "invoice"
    __table_args__ = (UniqueConstraint("district_id", "month", "statement_version", "basis"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    district_id: Mapped[int] = mapped_column()
    district: Mapped[str] = mapped_column(String(200))
    month: Mapped[str] = mapped_column(String(7))
    statement_version: Mapped[int] = mapped_column()
    basis: Mapped[str] = mapped_column(String(12))  # statement | correction
    kind: Mapped[str] = mapped_column(String(12))  # invoice | credit_note
    issue_date: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[str] = mapped_column(String(20))  # the payable amount as written, e.g. "1400.00"
    written_by: Mapped[str] = mapped_column(String(200))
    written_at: Mapped[dt.datetime] = mapped_column(DateTime)
    xml: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """One change: who, when, what, the old and the new value (JSON text). Append-only."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_entity", "entity", "entity_id"),
        Index("ix_audit_log_member", "member_id", "at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(40))
    member_id: Mapped[int | None] = mapped_column()  # whose file (no foreign key: the log outlives rows)
    summary: Mapped[str | None] = mapped_column(String(300))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)


class UserAccount(Base):
    """Someone who may log in: a supervisor (handledare) or an administrator.

    ``password_hash`` is a memory-hard scrypt hash (coopdesk.core.passwords); the password itself is
    never stored. ``name`` is what the audit log, the status bar and an attest show, so it is unique
    too. An account is never deleted (the audit log names it); it is made inactive instead.
    """

    __tablename__ = "user_account"
    __table_args__ = (CheckConstraint("role IN ('handledare', 'administratör')", name="role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    login: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


TIME_KINDS = ("worked", "sick", "vacation", "vab", "leave", "other")
ABSENCE_KINDS = TIME_KINDS[1:]


class Employee(Base):
    """One of the cooperative's employees (not a member, not a supervisor) who may have a wage subsidy
    (domain.md §10), employed from ``start`` to ``end`` (inclusive; None: until further notice)."""

    __tablename__ = "employee"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    name: Mapped[str] = mapped_column(String(200))
    personal_number: Mapped[str] = mapped_column(String(13), unique=True)
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)

    employment: Mapped[list[EmploymentPeriod]] = relationship(
        back_populates="employee", order_by="EmploymentPeriod.valid_from", cascade="all, delete-orphan"
    )
    wage_costs: Mapped[list[WageCost]] = relationship(order_by="WageCost.valid_from", cascade="all, delete-orphan")
    wage_cost_months: Mapped[list[WageCostMonth]] = relationship(
        order_by="WageCostMonth.month", cascade="all, delete-orphan"
    )
    subsidies: Mapped[list[SubsidyDecision]] = relationship(
        back_populates="employee", order_by="SubsidyDecision.start", cascade="all, delete-orphan"
    )


class EmploymentPeriod(Base):
    """An employee's employment percentage (sysselsättningsgrad) from ``valid_from`` until the next entry's."""

    __tablename__ = "employment_period"
    __table_args__ = (
        UniqueConstraint("employee_id", "valid_from"),
        CheckConstraint("percent BETWEEN 1 AND 100", name="percent"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id", ondelete="CASCADE"))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    percent: Mapped[int] = mapped_column()

    employee: Mapped[Employee] = relationship(back_populates="employment")


class WageCost(Base):
    """The employer's standing monthly wage cost (salary plus fees) from ``valid_from`` until the next one."""

    __tablename__ = "wage_cost"
    __table_args__ = (UniqueConstraint("employee_id", "valid_from"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id", ondelete="CASCADE"))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Hundredths())


class WageCostMonth(Base):
    """One month's wage cost ('2026-05') in place of the standing amount."""

    __tablename__ = "wage_cost_month"
    __table_args__ = (UniqueConstraint("employee_id", "month"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id", ondelete="CASCADE"))
    month: Mapped[str] = mapped_column(String(7))
    amount: Mapped[Decimal] = mapped_column(Hundredths())


class SubsidyDecision(Base):
    """A wage subsidy decided by Arbetsförmedlingen, ``start``..``end`` inclusive, with its full-time
    monthly wage-cost ceiling (lönekostnadstak) and its dated steps."""

    __tablename__ = "subsidy_decision"
    __table_args__ = (Index("ix_subsidy_decision_employee_start", "employee_id", "start"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id", ondelete="CASCADE"))
    ref: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(200))
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date] = mapped_column(Date)
    ceiling: Mapped[Decimal] = mapped_column(Hundredths())

    employee: Mapped[Employee] = relationship(back_populates="subsidies")
    steps: Mapped[list[SubsidyStep]] = relationship(
        back_populates="decision", order_by="SubsidyStep.valid_from", cascade="all, delete-orphan"
    )


class SubsidyStep(Base):
    """The share of the wage cost a decision pays from ``valid_from`` until the next step."""

    __tablename__ = "subsidy_step"
    __table_args__ = (
        UniqueConstraint("decision_id", "valid_from"),
        CheckConstraint("percent BETWEEN 1 AND 100", name="percent"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    decision_id: Mapped[int] = mapped_column(ForeignKey("subsidy_decision.id", ondelete="CASCADE"))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    percent: Mapped[int] = mapped_column()

    decision: Mapped[SubsidyDecision] = relationship(back_populates="steps")


class TimeReport(Base):
    """An employee's hours of one kind on one day (worked, or an absence): the time report (§10)."""

    __tablename__ = "time_report"
    __table_args__ = (
        UniqueConstraint("employee_id", "day", "kind"),
        Index("ix_time_report_day", "day"),
        CheckConstraint("kind IN ('worked', 'sick', 'vacation', 'vab', 'leave', 'other')", name="kind"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id", ondelete="CASCADE"))
    day: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))
    hours: Mapped[Decimal] = mapped_column(Hundredths())

    employee: Mapped[Employee] = relationship()


# --- social documentation (domain.md §7) -----------------------------------------------------------
# The stored values and their words are in core/social.py; the CHECK constraints repeat them.


class CarePlan(Base):
    """One version of a placement's implementation plan (genomförandeplan).

    A placement's versions are numbered 1, 2, …; a new version put in force marks the one it replaces
    ``replaced``, so at most one version of a placement is in force (``in_force`` or ``followed_up``).
    Versions are never deleted (only by gallring, with the member).
    """

    __tablename__ = "care_plan"
    __table_args__ = (
        UniqueConstraint("placement_id", "number"),
        Index("ix_care_plan_member", "member_id"),
        CheckConstraint("status IN ('draft', 'in_force', 'followed_up', 'replaced')", name="status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column()
    status: Mapped[str] = mapped_column(String(12))
    participation: Mapped[str] = mapped_column(Text)  # the member's own view and part in the plan
    follow_up_on: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    in_force_from: Mapped[dt.date | None] = mapped_column(Date)
    followed_up_at: Mapped[dt.date | None] = mapped_column(Date)
    follow_up_note: Mapped[str | None] = mapped_column(Text)

    goals: Mapped[list[CarePlanGoal]] = relationship(
        order_by="CarePlanGoal.position", cascade="all, delete-orphan", lazy="selectin"
    )
    placement: Mapped[Placement] = relationship()


class CarePlanGoal(Base):
    """One goal of a plan version: what support, who does what, how and when."""

    __tablename__ = "care_plan_goal"
    __table_args__ = (UniqueConstraint("plan_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("care_plan.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column()
    goal: Mapped[str] = mapped_column(Text)
    support: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(Text)
    how: Mapped[str] = mapped_column(Text)
    timing: Mapped[str] = mapped_column(Text)  # when ("when" is an SQL word)


class JournalEntry(Base):
    """One journal note about a member. Changed only by its author until the end of the day after it was
    written; after that corrected by felmarkering (``struck_at`` with a reason), never deleted."""

    __tablename__ = "journal_entry"
    __table_args__ = (
        Index("ix_journal_entry_member_day", "member_id", "event_date"),
        CheckConstraint("kind IN ('conversation', 'event', 'follow_up', 'case_worker_contact', 'other')", name="kind"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    event_date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    author_login: Mapped[str] = mapped_column(String(40))
    author_name: Mapped[str] = mapped_column(String(200))
    written_at: Mapped[dt.datetime] = mapped_column(DateTime)
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    struck_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    struck_by: Mapped[str | None] = mapped_column(String(200))
    strike_reason: Mapped[str | None] = mapped_column(Text)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entry.id"))


class Deviation(Base):
    """A deviation, complaint or lex Sarah report (avvikelse, klagomål, lex Sarah), about one member or
    (``member_id`` None) the cooperative as a whole."""

    __tablename__ = "deviation"
    __table_args__ = (
        Index("ix_deviation_member", "member_id"),
        CheckConstraint(
            "category IN ('deviation', 'complaint', 'lex_sarah_misconduct', 'lex_sarah_risk')", name="category"
        ),
        CheckConstraint("status IN ('received', 'investigated', 'remedied', 'closed')", name="status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # see core/conflicts.py
    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}  # noqa: RUF012
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    reported_on: Mapped[dt.date] = mapped_column(Date)
    reported_by: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(24))
    description: Mapped[str] = mapped_column(Text)
    measures: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12))
    ivo_sent_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(200))
