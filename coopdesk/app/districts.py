"""The read models of Beställare: the districts and a district's dated tariffs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from coopdesk.app.application import Query
from coopdesk.core.services import lookups

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class DistrictItem:
    id: int
    name: str
    kind: str
    contact: str | None
    show_full_personal_number: bool
    is_host: bool
    version: int = 1  # passed back when the district is changed (core/conflicts.py)


@dataclass(frozen=True)
class TariffItem:
    id: int
    valid_from: dt.date
    until: dt.date | None  # the day before the next tariff
    kind: str
    full_day_amount: Decimal | None = None
    half_day_amount: Decimal | None = None
    full_day_min_hours: Decimal | None = None
    half_day_min_hours: Decimal | None = None
    hourly_amount: Decimal | None = None
    bands: tuple[tuple[int, Decimal], ...] = ()
    version: int = 1  # passed back when the tariff is removed


class DistrictListView(Query[list[DistrictItem]]):
    """Every district, with the host district of today's settings marked."""

    def run(self, session: Session, today: dt.date) -> list[DistrictItem]:
        host = lookups.settings_on(session, today).host_district_id  # dated: today's
        return [
            DistrictItem(d.id, d.name, d.kind, d.contact, d.show_full_personal_number, d.id == host, d.version)
            for d in lookups.districts(session)
        ]


class DistrictView(Query[DistrictItem | None]):
    """One district as the list shows it; None when it is gone."""

    def __init__(self, district_id: int) -> None:
        self.district_id = district_id

    def run(self, session: Session, today: dt.date) -> DistrictItem | None:
        return next((d for d in DistrictListView().run(session, today) if d.id == self.district_id), None)


class TariffListView(Query[list[TariffItem]]):
    """A district's tariffs, oldest first, each with the day before the next one (none: a gone district)."""

    def __init__(self, district_id: int) -> None:
        self.district_id = district_id

    def run(self, session: Session, today: dt.date) -> list[TariffItem]:
        district = next((d for d in lookups.districts(session) if d.id == self.district_id), None)
        if district is None:
            return []
        tariffs = sorted(district.tariffs, key=lambda t: t.valid_from)
        return [
            TariffItem(
                t.id,
                t.valid_from,
                tariffs[i + 1].valid_from - dt.timedelta(days=1) if i + 1 < len(tariffs) else None,
                t.kind,
                t.full_day_amount,
                t.half_day_amount,
                t.full_day_min_hours,
                t.half_day_min_hours,
                t.hourly_amount,
                tuple((b.min_percent, b.amount) for b in t.bands),
                t.version,
            )
            for i, t in enumerate(tariffs)
        ]
