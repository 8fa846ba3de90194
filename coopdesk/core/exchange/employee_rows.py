"""The validated ``employees`` of a ``coopdesk/2`` document as rows (exchange/employees.py makes them,
the importer writes them; kept apart so that parsed.py can name the type without an import circle)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class EmployeeRows:
    """The validated ``employees``, as rows with their ids, ready for bulk insert."""

    employees: list[dict[str, Any]] = field(default_factory=list)
    employment: list[dict[str, Any]] = field(default_factory=list)
    wage_costs: list[dict[str, Any]] = field(default_factory=list)
    wage_cost_months: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)
    time: list[dict[str, Any]] = field(default_factory=list)
