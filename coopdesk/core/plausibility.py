"""Plausibility warnings: figures the rules allow but a supervisor should look at twice.

They never block anything (saving, attesting, printing); they are shown next to the figures: in the
statement preview and the printed statement ("Att kontrollera"), and on the day's row in Idag and the
day's cell in Månad. The rules are in docs/rules.md ("Rimlighetsvarningar"):

- ``over_planned``: a planned day with more than :data:`OVER_PLANNED_MARGIN` hours above the planned hours;
- ``not_billed``: a present member whose day (per-day tariff) or period (per-month tariff) gives
  0,00 kr, with the reason: below the district's minimum time, or a capacity below the lowest band;
- ``no_work_area``: hours that are not on any work area, so they are left out of the hours per work area
  (a supervisor's supervision without a work area, summed per day, on the host district's statement;
  a present day without hours on any area, which the services refuse but older data may hold).

The billing decision itself is :func:`coopdesk.core.statement.billed_day`: the warnings never decide
again, differently, what a day is worth.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from coopdesk.core.numbers import fmt_sv, round_half_up
from coopdesk.core.tariffs import TariffTerms
from coopdesk.core.vocabulary import ACTIVITY_SV

#: "Well above the planned hours": more than this many hours above them (9 h for 6 h planned warns).
OVER_PLANNED_MARGIN = Decimal(2)

KINDS = ("over_planned", "not_billed", "no_work_area")


@dataclass(frozen=True)
class PlausibilityWarning:
    kind: str  # one of KINDS
    member: str  # the member's (or, for supervisor hours, the supervisor's) name
    date: dt.date
    sv: str  # the day's warning in full: "9,75 tim registrerade, 7,50 tim planerade (mer än 2,00 tim över)"
    en: str
    reason_sv: str = ""  # what days of the same kind share, for a list grouped by member
    reason_en: str = ""

    def message(self, language: str = "sv") -> str:
        return self.sv if language == "sv" else self.en


@dataclass(frozen=True)
class WarningGroup:
    """The warnings of one member (or supervisor) that share a reason, with their days."""

    kind: str
    member: str
    reason_sv: str
    reason_en: str
    dates: tuple[dt.date, ...]

    def message(self, language: str = "sv") -> str:
        """'Anna Andersson: mer än 2,00 tim över planerad tid – 2 dagar: 21, 26' (days of the month)."""
        days = ", ".join(str(d.day) for d in self.dates)
        if language == "sv":
            count = "1 dag" if len(self.dates) == 1 else f"{len(self.dates)} dagar"
            return f"{self.member}: {self.reason_sv} – {count}: {days}"
        count = "1 day" if len(self.dates) == 1 else f"{len(self.dates)} days"
        return f"{self.member}: {self.reason_en} – {count}: {days}"


def grouped(warnings: Iterable[PlausibilityWarning]) -> list[WarningGroup]:
    """The warnings grouped by member and reason, in the order each group first occurs."""
    groups: dict[tuple[str, str, str], list[PlausibilityWarning]] = {}
    for warning in warnings:
        groups.setdefault((warning.member, warning.kind, warning.reason_sv), []).append(warning)
    return [
        WarningGroup(kind, member, reason, found[0].reason_en, tuple(sorted({w.date for w in found})))
        for (member, kind, reason), found in groups.items()
    ]


def _h(value: Decimal | Fraction) -> str:
    return fmt_sv(value, 2)


def _h_en(value: Decimal | Fraction) -> str:
    return f"{round_half_up(value, 2):.2f}"


def below_minimum(tariff: TariffTerms) -> tuple[str, str, Decimal]:
    """Why a day below the per-day tariff's minimum is not billed: (sv, en, the minimum hours)."""
    if tariff.half_day_amount is not None:
        minimum = tariff.half_day_min_hours or Decimal(0)
        return (
            f"Under beställarens minsta tid för halvdag ({_h(minimum)} tim)",
            f"Below the district's minimum time for a half day ({_h_en(minimum)} h)",
            minimum,
        )
    minimum = tariff.full_day_min_hours or Decimal(0)
    return (
        f"Under beställarens minsta tid för heldag ({_h(minimum)} tim)",
        f"Below the district's minimum time for a full day ({_h_en(minimum)} h)",
        minimum,
    )


def _over_planned(total: Decimal, planned: Fraction) -> bool:
    return _over(total, planned.numerator, planned.denominator)


@functools.lru_cache(maxsize=4096)
def _over(total: Decimal, numerator: int, denominator: int) -> bool:
    # Cached: a month's grid asks this for every present day, with a handful of distinct values, and the
    # exact Fraction arithmetic is slow (hashing a Fraction too, hence its two integers as the key).
    # Equal values hash alike (Decimal("7.50") and Decimal("7.5")), and the answer depends on the value only.
    return Fraction(total) > Fraction(numerator, denominator) + Fraction(OVER_PLANNED_MARGIN)


def day_warnings(
    member: str,
    day: dt.date,
    *,
    planned: Fraction,
    status: str | None,
    hours: Mapping[Any, Decimal],
    tariff: TariffTerms,
    billed: str | None,
) -> list[PlausibilityWarning]:
    """The warnings of one member's day; ``billed`` is what :func:`~coopdesk.core.statement.billed_day` made of it."""
    if status != "present":
        return []
    warnings = []
    total = sum(hours.values(), Decimal(0))
    if planned and _over_planned(total, planned):
        warnings.append(
            PlausibilityWarning(
                "over_planned",
                member,
                day,
                f"{_h(total)} tim registrerade, {_h(planned)} tim planerade "
                f"(mer än {_h(OVER_PLANNED_MARGIN)} tim över)",
                f"{_h_en(total)} h registered, {_h_en(planned)} h planned "
                f"(more than {_h_en(OVER_PLANNED_MARGIN)} h above)",
                f"mer än {_h(OVER_PLANNED_MARGIN)} tim över planerad tid",
                f"more than {_h_en(OVER_PLANNED_MARGIN)} h above the planned hours",
            )
        )
    if not hours:
        warnings.append(
            PlausibilityWarning(
                "no_work_area",
                member,
                day,
                "Närvaro utan timmar på något arbetsområde",
                "Present without hours on any work area",
                "närvaro utan arbetsområde",
                "present without a work area",
            )
        )
    if tariff.kind == "per_day" and billed is None:
        sv, en, _minimum = below_minimum(tariff)
        warnings.append(
            PlausibilityWarning(
                "not_billed",
                member,
                day,
                f"Närvarande {_h(total)} tim men 0,00 kr: {sv[0].lower()}{sv[1:]}",
                f"Present {_h_en(total)} h but SEK 0.00: {en[0].lower()}{en[1:]}",
                f"0,00 kr, {sv[0].lower()}{sv[1:]}",
                f"SEK 0.00, {en[0].lower()}{en[1:]}",
            )
        )
    return warnings


def below_band_warning(
    member: str, day: dt.date, percent: int | None, tariff: TariffTerms
) -> PlausibilityWarning | None:
    """A per-month row with attendance that is billed 0,00 kr: no band for the capacity on its first day."""
    if tariff.kind != "per_month" or not tariff.bands:
        return None
    lowest = min(min_percent for min_percent, _amount in tariff.bands)
    if percent is not None and percent >= lowest:
        return None
    shown = "ingen omfattning" if percent is None else f"omfattningen {percent} %"
    shown_en = "no capacity" if percent is None else f"the capacity {percent} %"
    reason = f"{shown} är under beställarens lägsta nivå ({lowest} %)"
    reason_en = f"{shown_en} is below the district's lowest band ({lowest} %)"
    return PlausibilityWarning(
        "not_billed",
        member,
        day,
        f"Närvaro men 0,00 kr: {reason}",
        f"Present but SEK 0.00: {reason_en}",
        f"0,00 kr, {reason}",
        f"SEK 0.00, {reason_en}",
    )


#: Supervisor activities that happen in a work area; administration and training need none.
AREA_ACTIVITIES = frozenset({"supervision"})


def supervisor_without_area(name: str, day: dt.date, hours: Decimal, activity: str) -> PlausibilityWarning:
    """A supervisor's day of supervision without a work area: the host statement's hours per work area
    leave those hours out."""
    return PlausibilityWarning(
        "no_work_area",
        name,
        day,
        f"{ACTIVITY_SV[activity]} {_h(hours)} tim utan arbetsområde: räknas inte in i tid per arbetsområde",
        f"{activity.capitalize()} {_h_en(hours)} h without a work area: left out of the hours per work area",
        f"{ACTIVITY_SV[activity].lower()} utan arbetsområde (räknas inte in i tid per arbetsområde)",
        f"{activity} without a work area (left out of the hours per work area)",
    )
