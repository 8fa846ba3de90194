"""A district's tariff as plain terms, and what a day is billed as under it (domain.md §4).

Its own module because both the statement and the plausibility checks read the terms: in statement.py
they tied the two modules into a circle (the statement uses the checks, the checks used its terms).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core.calendar import Month
from coopdesk.core.models import Tariff


@dataclass(frozen=True)
class TariffTerms:
    """The tariff in effect on the first day of the month, for the printed explanation."""

    kind: str
    valid_from: dt.date | None = None
    full_day_amount: Decimal | None = None
    half_day_amount: Decimal | None = None
    full_day_min_hours: Decimal | None = None
    half_day_min_hours: Decimal | None = None
    hourly_amount: Decimal | None = None
    bands: tuple[tuple[int, Decimal], ...] = ()


def billed_per_hour(session: Session, district_id: int, month: Month) -> bool:
    """The district's tariff of ``month`` pays per hour: its hours are shown to the hundredth."""
    return tariff_on(session, district_id, month.first).kind == "per_hour"


def tariff_on(session: Session, district_id: int, day: dt.date) -> TariffTerms:
    tariff = session.scalar(
        select(Tariff)
        .where(Tariff.district_id == district_id, Tariff.valid_from <= day)
        .order_by(Tariff.valid_from.desc())
        .limit(1)
    )
    return terms_of(tariff)


def terms_of(tariff: Tariff | None) -> TariffTerms:
    """A stored tariff as plain terms (none: a district without a tariff yet)."""
    if tariff is None:
        return TariffTerms(kind="none")
    return TariffTerms(
        kind=tariff.kind,
        valid_from=tariff.valid_from,
        full_day_amount=tariff.full_day_amount,
        half_day_amount=tariff.half_day_amount,
        full_day_min_hours=tariff.full_day_min_hours,
        half_day_min_hours=tariff.half_day_min_hours,
        hourly_amount=tariff.hourly_amount,
        bands=tuple((b.min_percent, b.amount) for b in tariff.bands),
    )


def billed_day(tariff: TariffTerms, hours: Decimal) -> str | None:
    """What a present day of ``hours`` is billed as under a per-day tariff: 'full', 'half' or None (not billed)."""
    if hours >= (tariff.full_day_min_hours or 0):
        return "full"
    if tariff.half_day_amount is not None and hours >= (tariff.half_day_min_hours or 0):
        return "half"
    return None
