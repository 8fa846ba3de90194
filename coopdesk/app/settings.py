"""Read models of Inställningar: the closure days and one work area."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select

from coopdesk.app.application import Query
from coopdesk.core.models import ClosureDay, WorkArea

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
