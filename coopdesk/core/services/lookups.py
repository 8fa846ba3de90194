"""Loading what many rules need at once: the cooperative's settings, calendar and members' plans."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core.errors import NotFoundError
from coopdesk.core.models import (
    DEFAULT_FULL_TIME_WEEK,
    DEFAULT_WEEKDAYS,
    HISTORY_START,
    CapacityPeriod,
    ClosureDay,
    Cooperative,
    District,
    Member,
    Placement,
    SettingsPeriod,
    SupervisorFte,
    WorkArea,
)
from coopdesk.core.rules import CapacitySpan, MemberPlan, PlacementSpan, SettingsSpan, WorkPlan
from coopdesk.core.text import swedish_key


def cooperative(session: Session) -> Cooperative:
    """The cooperative's settings; a fresh database has defaults until they are saved."""
    coop = session.scalar(select(Cooperative).limit(1))
    if coop is None:
        coop = Cooperative(name="Kooperativet")
    return coop


def settings_history(session: Session) -> list[SettingsSpan]:
    """The full-time week, opening weekdays and host district, dated, oldest first; a database that has
    never saved its settings has the defaults (40 hours, Monday–Friday, no host district) from the start."""
    weeks = [
        SettingsSpan(w.valid_from, w.full_time_hours_per_week, frozenset(w.opening_weekdays), w.host_district_id)
        for w in session.scalars(select(SettingsPeriod).order_by(SettingsPeriod.valid_from))
    ]
    return weeks or [SettingsSpan(HISTORY_START, DEFAULT_FULL_TIME_WEEK, DEFAULT_WEEKDAYS)]


def settings_in_force(weeks: list[SettingsSpan], day: dt.date) -> SettingsSpan:
    """The entry in force on ``day`` (the first one for a day before it)."""
    found = weeks[0]
    for week in weeks:
        if week.valid_from > day:
            break
        found = week
    return found


def settings_on(session: Session, day: dt.date) -> SettingsSpan:
    """The full-time week, opening weekdays and host district in force on ``day``."""
    return settings_in_force(settings_history(session), day)


def host_district(session: Session, month_first: dt.date) -> District | None:
    """The host district of the month that begins on ``month_first`` (the one in force that day)."""
    host_id = settings_on(session, month_first).host_district_id
    return session.get(District, host_id) if host_id is not None else None


def opening_weekdays_during(session: Session, first: dt.date, last: dt.date | None) -> frozenset[int]:
    """The weekdays open on every day from ``first`` to ``last`` (open-ended if None)."""
    weeks = settings_history(session)
    opening = settings_in_force(weeks, first).opening_weekdays
    for week in weeks:
        if week.valid_from > first and (last is None or week.valid_from <= last):
            opening &= week.opening_weekdays
    return opening


def work_plan(
    session: Session,
    first: dt.date | None = None,
    last: dt.date | None = None,
    *,
    weeks: list[SettingsSpan] | None = None,
) -> WorkPlan:
    """The dated calendar and full-time week, with the closure days between ``first`` and ``last``
    (all of them if not given). ``weeks``: the settings_history() the caller has read already."""
    query = select(ClosureDay.day)
    if first is not None:
        query = query.where(ClosureDay.day >= first)
    if last is not None:
        query = query.where(ClosureDay.day <= last)
    return WorkPlan.dated(settings_history(session) if weeks is None else weeks, session.scalars(query))


def fte_history(session: Session) -> dict[int, list[tuple[dt.date, int]]]:
    """Every supervisor's FTE percentages, (valid-from, percent) oldest first, by supervisor id."""
    history: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for supervisor_id, valid_from, percent in session.execute(
        select(SupervisorFte.supervisor_id, SupervisorFte.valid_from, SupervisorFte.fte_percent).order_by(
            SupervisorFte.supervisor_id, SupervisorFte.valid_from
        )
    ):
        history[supervisor_id].append((valid_from, percent))
    return history


def fte_on(history: list[tuple[dt.date, int]], day: dt.date) -> int | None:
    """The FTE in force on ``day``; None before the supervisor's first entry (not on the staff yet)."""
    found = None
    for valid_from, percent in history:
        if valid_from > day:
            break
        found = percent
    return found


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
