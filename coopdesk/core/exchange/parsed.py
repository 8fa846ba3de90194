"""The validated document as rows ready for bulk insert, shared by the validation modules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from coopdesk.core.errors import shown
from coopdesk.core.exchange import reader as r
from coopdesk.core.exchange.employee_rows import EmployeeRows
from coopdesk.core.exchange.issued_rows import IssuedRows
from coopdesk.core.rules import (
    MemberPlan,
)


@dataclass
class Parsed:
    """The validated document, as rows ready for bulk insert (ids assigned here)."""

    format: str = "coopdesk/1"  # which of exchange.READABLE_FORMATS: version 2's keys are unknown in version 1
    cooperative: dict[str, Any] = field(default_factory=dict)
    closure_days: list[dt.date] = field(default_factory=list)
    work_areas: dict[str, int] = field(default_factory=dict)
    districts: list[dict[str, Any]] = field(default_factory=list)
    district_ids: dict[str, int] = field(default_factory=dict)
    tariffs: list[dict[str, Any]] = field(default_factory=list)
    bands: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    member_ids: dict[str, int] = field(default_factory=dict)
    member_names: dict[int, str] = field(default_factory=dict)
    plans: dict[int, MemberPlan] = field(default_factory=dict)
    placements: list[dict[str, Any]] = field(default_factory=list)
    capacities: list[dict[str, Any]] = field(default_factory=list)
    supervisors: list[dict[str, Any]] = field(default_factory=list)
    supervisor_ids: dict[str, int] = field(default_factory=dict)
    attendance: list[dict[str, Any]] = field(default_factory=list)
    attendance_hours: list[dict[str, Any]] = field(default_factory=list)
    supervisor_hours: list[dict[str, Any]] = field(default_factory=list)
    month_locks: list[dict[str, Any]] = field(default_factory=list)
    employees: EmployeeRows | None = None  # coopdesk/2's employees with wage subsidy (exchange/employees.py)
    issued: IssuedRows | None = None  # coopdesk/2's invoicing, issued statements, invoices (exchange/issued_part.py)


def unique(seen: set[Any], key: Any, path: str, value: Any, what_sv: str, what_en: str) -> None:
    if key in seen:
        raise r.fail(
            path,
            value,
            f"{what_sv} {value!r} finns redan tidigare i filen.",
            f"{what_en} {value!r} occurs earlier in the file.",
        )
    seen.add(key)


def member_key(value: Any, path: str, members: dict[str, int]) -> int:
    """The id of the member a document row names by its key in ``members``, or a clear error at ``path``."""
    if not isinstance(value, str) or value not in members:
        raise r.fail(
            path,
            value,
            f"Medlemmen {shown(value)} finns inte i members.",
            f"The member {shown(value)} is not in members.",
        )
    return members[value]


def optional_list(value: Any) -> Any:
    """An optional list: absent or null means empty; anything else (even false or 0) is checked as it is."""
    return [] if value is None else value
