"""Loading what many rules need at once: the cooperative's settings, calendar and members' plans."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core.calendar import CoopCalendar
from coopdesk.core.errors import NotFoundError
from coopdesk.core.models import (
    DEFAULT_WEEKDAYS,
    CapacityPeriod,
    ClosureDay,
    Cooperative,
    District,
    Member,
    Placement,
    WorkArea,
)
from coopdesk.core.rules import CapacitySpan, MemberPlan, PlacementSpan, WorkPlan
from coopdesk.core.text import swedish_key


def cooperative(session: Session) -> Cooperative:
    """The cooperative's settings; a fresh database has defaults until they are saved."""
    coop = session.scalar(select(Cooperative).limit(1))
    if coop is None:
        coop = Cooperative(name="Kooperativet", opening_weekdays=DEFAULT_WEEKDAYS, full_time_hours_per_week=Decimal(40))
    return coop


def work_plan(session: Session, first: dt.date | None = None, last: dt.date | None = None) -> WorkPlan:
    """The calendar with the closure days between ``first`` and ``last`` (all of them if not given)."""
    coop = cooperative(session)
    query = select(ClosureDay.day)
    if first is not None:
        query = query.where(ClosureDay.day >= first)
    if last is not None:
        query = query.where(ClosureDay.day <= last)
    closures = frozenset(session.scalars(query))
    calendar = CoopCalendar(opening_weekdays=frozenset(coop.opening_weekdays), closure_days=closures)
    return WorkPlan(calendar=calendar, full_time_week=coop.full_time_hours_per_week)


def member_plans(session: Session, member_ids: Iterable[int]) -> dict[int, MemberPlan]:
    """Placements and capacity history of the given members, two queries in all."""
    ids = list(set(member_ids))
    placements: dict[int, list[PlacementSpan]] = defaultdict(list)
    capacities: dict[int, list[CapacitySpan]] = defaultdict(list)
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        for p in session.execute(
            select(Placement.member_id, Placement.start, Placement.end, Placement.district_id, Placement.id).where(
                Placement.member_id.in_(chunk)
            )
        ):
            placements[p.member_id].append(PlacementSpan(p.start, p.end, p.district_id, p.id))
        for c in session.execute(
            select(
                CapacityPeriod.member_id, CapacityPeriod.valid_from, CapacityPeriod.percent, CapacityPeriod.weekdays
            ).where(CapacityPeriod.member_id.in_(chunk))
        ):
            capacities[c.member_id].append(CapacitySpan(c.valid_from, c.percent, frozenset(c.weekdays)))
    return {i: MemberPlan(placements[i], capacities[i]) for i in ids}


def district_by_name(session: Session, name: str) -> District:
    district = session.scalar(select(District).where(District.name == name))
    if district is None:
        for candidate in session.scalars(select(District)):
            if candidate.name.casefold() == name.strip().casefold():
                return candidate
        names = ", ".join(sorted((d.name for d in session.scalars(select(District))), key=swedish_key))
        raise NotFoundError(
            f"Beställaren {name!r} finns inte. Finns: {names or 'inga beställare ännu'}.",
            f"The district {name!r} does not exist. Known: {names or 'no districts yet'}.",
        )
    return district


def districts(session: Session) -> list[District]:
    return sorted(session.scalars(select(District)), key=lambda d: swedish_key(d.name))


def work_areas(session: Session) -> list[WorkArea]:
    return list(session.scalars(select(WorkArea).order_by(WorkArea.id)))


def member(session: Session, member_id: int) -> Member:
    found = session.get(Member, member_id)
    if found is None:
        raise NotFoundError(f"Medlemmen med id {member_id} finns inte.", f"No member with id {member_id}.")
    return found
