"""Read models of Inställningar: the cooperative's details and dated week, the work areas, the closure days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from coopdesk.app.application import Query
from coopdesk.core.models import ClosureDay, WorkArea
from coopdesk.core.rules import SettingsSpan
from coopdesk.core.services import lookups
from coopdesk.core.services import settings as service

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class ClosureDaysView(Query[list[dt.date]]):
    """Every closure day, oldest first."""

    def run(self, session: Session, today: dt.date) -> list[dt.date]:
        return list(session.scalars(select(ClosureDay.day).order_by(ClosureDay.day)))


class WorkAreaView(Query[tuple[str, int] | None]):
    """A work area's name and version (passed back with a rename); None when it is gone."""

    def __init__(self, area_id: int) -> None:
        self.area_id = area_id

    def run(self, session: Session, today: dt.date) -> tuple[str, int] | None:
        area = session.get(WorkArea, self.area_id)
        return (area.name, area.version) if area is not None else None


@dataclass(frozen=True)
class CooperativeSettings:
    """The cooperative's details (a fresh database: the defaults, ``version`` 0 until saved), the districts
    a host may be chosen from, the day a change of the week would hold from, and the dated weeks."""

    name: str
    org_number: str | None
    address: str | None
    idle_lock_minutes: int | None
    version: int
    districts: list[tuple[int, str]]
    valid_from: dt.date
    weeks: list[SettingsSpan]


class CooperativeSettingsView(Query[CooperativeSettings]):
    def run(self, session: Session, today: dt.date) -> CooperativeSettings:
        coop = lookups.cooperative(session)
        return CooperativeSettings(
            coop.name,
            coop.org_number,
            coop.address,
            coop.idle_lock_minutes,
            coop.version if coop.id else 0,
            [(d.id, d.name) for d in lookups.districts(session)],
            service.settings_valid_from_default(session, today),
            lookups.settings_history(session),
        )


class WorkAreaListView(Query[list[tuple[int, str, int]]]):
    """The work areas as (id, name, version), in the order they were added."""

    def run(self, session: Session, today: dt.date) -> list[tuple[int, str, int]]:
        return [(a.id, a.name, a.version) for a in lookups.work_areas(session)]
