"""The wage subsidy of a month and the outlook (domain.md §10), as plain data: no database, no Qt.

:func:`month_subsidy` is the rule, written once: for an employee and a decision covering the month,
min(wage cost, ceiling × employment % / 100) × step % / 100 × covered days / days of the month,
computed exactly (:class:`~fractions.Fraction`) and rounded half up to öre only at the end. The
outlook is the same rule month after month from the standing wage cost (the per-month overrides are
the actual costs of past months, not a forecast). :func:`subsidy_document` is ``coopdesk-subsidy/1``
(interchange.md §6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any, TypeVar

from coopdesk.core.calendar import Month
from coopdesk.core.numbers import fmt, round_half_up
from coopdesk.core.text import swedish_key

FORMAT = "coopdesk-subsidy/1"
T = TypeVar("T")


@dataclass(frozen=True)
class Decision:
    """A subsidy decision: ``start``..``end`` inclusive, the full-time ceiling and the dated steps
    ``(valid_from, percent)``, oldest first."""

    ref: str
    kind: str
    start: dt.date
    end: dt.date
    ceiling: Decimal
    steps: tuple[tuple[dt.date, int], ...]

    def covered_days(self, month: Month, employed: tuple[dt.date, dt.date | None]) -> tuple[dt.date, int] | None:
        """The first day of ``month`` this decision covers while the person is employed, and how many."""
        first = max(month.first, self.start, employed[0])
        last = min(month.last, self.end, employed[1] or month.last)
        return None if last < first else (first, (last - first).days + 1)

    def percent_on(self, day: dt.date) -> int | None:
        return in_force(self.steps, day)


@dataclass(frozen=True)
class EmployeeTerms:
    """What the rule needs of one employee: employment, dated percentages and wage costs, overrides by
    month ('2026-05'), decisions."""

    name: str
    personal_number: str
    start: dt.date
    end: dt.date | None
    employment: tuple[tuple[dt.date, int], ...]
    wage_costs: tuple[tuple[dt.date, Decimal], ...]
    decisions: tuple[Decision, ...]
    wage_cost_months: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class SubsidyLine:
    """One employee and one decision in one month: the row of the request basis."""

    name: str
    personal_number: str
    decision: Decision
    employment_percent: int
    wage_cost: Decimal
    ceiling: Fraction  # the full-time ceiling × employment % / 100, exact
    percent: int
    covered_days: int
    days_in_month: int
    subsidy: Decimal
    wage_cost_is_override: bool = False


@dataclass(frozen=True)
class SubsidyMonth:
    month: Month
    lines: tuple[SubsidyLine, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.subsidy for line in self.lines), Decimal("0.00"))


def in_force(history: Sequence[tuple[dt.date, T]], day: dt.date) -> T | None:
    """The value of the newest entry from ``day`` or before; None before the first entry."""
    found = None
    for valid_from, value in history:
        if valid_from > day:
            break
        found = value
    return found


def _in_force_or_first_in(history: Sequence[tuple[dt.date, Any]], first: dt.date, last: dt.date) -> Any:
    """The entry in force on ``first``; if none is yet, the first one that begins by ``last``."""
    found = in_force(history, first)
    if found is None:
        found = next((value for valid_from, value in history if valid_from <= last), None)
    return found


def subsidy_amount(wage_cost: Decimal, ceiling: Fraction, percent: int, covered: int, days: int) -> Decimal:
    """min(wage cost, ceiling) × percent / 100 × covered / days, rounded half up to öre."""
    return round_half_up(min(Fraction(wage_cost), ceiling) * percent / 100 * covered / days, 2)


def employee_lines(terms: EmployeeTerms, month: Month, *, overrides: bool = True) -> list[SubsidyLine]:
    """The month's lines of one employee, one per decision covering the month (by the decision's start)."""
    lines = []
    for decision in sorted(terms.decisions, key=lambda d: d.start):
        covered = decision.covered_days(month, (terms.start, terms.end))
        if covered is None:
            continue
        first_covered, days = covered
        percent = decision.percent_on(first_covered)
        if percent is None:  # no step in force yet (steps lie inside the decision: cannot happen)
            continue
        employment = _in_force_or_first_in(terms.employment, month.first, month.last) or 0
        override = terms.wage_cost_months.get(str(month)) if overrides else None
        wage_cost = override
        if wage_cost is None:
            wage_cost = _in_force_or_first_in(terms.wage_costs, month.first, month.last) or Decimal("0.00")
        ceiling = Fraction(decision.ceiling) * employment / 100
        lines.append(
            SubsidyLine(
                name=terms.name,
                personal_number=terms.personal_number,
                decision=decision,
                employment_percent=employment,
                wage_cost=wage_cost,
                ceiling=ceiling,
                percent=percent,
                covered_days=days,
                days_in_month=month.number_of_days,
                subsidy=subsidy_amount(wage_cost, ceiling, percent, days, month.number_of_days),
                wage_cost_is_override=override is not None,
            )
        )
    return lines


def month_subsidy(employees: Iterable[EmployeeTerms], month: Month, *, overrides: bool = True) -> SubsidyMonth:
    """The month's request basis: every employee and decision covering the month, in Swedish
    alphabetical order of the name (then personal number), then by the decision's start."""
    ordered = sorted(employees, key=lambda t: (swedish_key(t.name), t.personal_number))
    return SubsidyMonth(month, tuple(line for t in ordered for line in employee_lines(t, month, overrides=overrides)))


def outlook(employees: Iterable[EmployeeTerms], first: Month, count: int) -> list[SubsidyMonth]:
    """``count`` months from ``first``, from the standing wage cost and the decisions' steps."""
    terms = list(employees)
    months, month = [], first
    for _ in range(count):
        months.append(month_subsidy(terms, month, overrides=False))
        month = month.next()
    return months


def line_document(line: SubsidyLine) -> dict[str, Any]:
    return {
        "name": line.name,
        "decision_ref": line.decision.ref,
        "employment_percent": line.employment_percent,
        "wage_cost": fmt(line.wage_cost),
        "ceiling": fmt(line.ceiling),
        "percent": line.percent,
        "covered_days": line.covered_days,
        "subsidy": fmt(line.subsidy),
    }


def subsidy_document(cooperative: str, months: Iterable[SubsidyMonth]) -> dict[str, Any]:
    """``coopdesk-subsidy/1`` (interchange.md §6): exactly its keys, money as '9000.00'."""
    return {
        "format": FORMAT,
        "cooperative": cooperative,
        "months": [
            {
                "month": str(m.month),
                "employees": [line_document(line) for line in m.lines],
                "total": fmt(m.total),
            }
            for m in months
        ],
    }


@dataclass(frozen=True)
class SubsidyChange:
    """A step or an end of an employee's subsidy: ``day`` is the first day at the new level (a step) or
    the last day paid (an end); ``before`` and ``after`` the percentages (``after`` None: it ends)."""

    day: dt.date
    name: str
    personal_number: str
    ref: str
    before: int | None
    after: int | None

    @property
    def is_end(self) -> bool:
        return self.after is None


def subsidy_changes(employees: Iterable[EmployeeTerms], first: dt.date, last: dt.date) -> list[SubsidyChange]:
    """Every step and end from ``first`` to ``last`` (inclusive), by day then name.

    A step is a dated step after a decision's first (its level changes from that day). An end is the
    decision's last day, or the last day of employment when that comes first; a decision followed the
    next day by another of the same employee is no end (the next one goes on; its first step shows as
    a step when the level changes)."""
    found: list[SubsidyChange] = []
    for terms in employees:
        decisions = sorted(terms.decisions, key=lambda d: d.start)
        for i, decision in enumerate(decisions):
            levels: list[tuple[dt.date, int | None]] = list(decision.steps)
            previous = decisions[i - 1] if i else None
            if previous is not None and previous.end + dt.timedelta(days=1) == decision.start and levels:
                # a decision that carries straight on: its first level is a step from the previous one's last
                levels.insert(0, (previous.end, previous.percent_on(previous.end)))
            for (_, before), (day, percent) in pairwise(levels):
                if before != percent and first <= day <= last and (terms.end is None or day <= terms.end):
                    found.append(SubsidyChange(day, terms.name, terms.personal_number, decision.ref, before, percent))
            end = min(decision.end, terms.end) if terms.end is not None else decision.end
            following = decisions[i + 1] if i + 1 < len(decisions) else None
            continued = following is not None and following.start == decision.end + dt.timedelta(days=1)
            if decision.start <= end and first <= end <= last and not (continued and end == decision.end):
                found.append(
                    SubsidyChange(end, terms.name, terms.personal_number, decision.ref, decision.percent_on(end), None)
                )
    return sorted(found, key=lambda c: (c.day, swedish_key(c.name), c.ref))
