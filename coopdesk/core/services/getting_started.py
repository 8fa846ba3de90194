"""Kom igång: the first steps that make a new database ready for its first register, each done or not
as the database stands (the Idag view shows them as a checklist until every step is done).

The order is the order in which the data depends on itself: the cooperative's details (its name on
every statement, its opening weekdays and full-time week behind every planned hour), the districts
that place and pay for the members with their tariffs, the work areas where present hours go, the
members with their placements (and a capacity, without which nothing is planned), and the supervisors.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from coopdesk.core.models import Cooperative, District, Placement, Supervisor, Tariff, WorkArea

#: The steps, in order.
STEPS = ("cooperative", "districts", "work_areas", "members", "supervisors")
#: The name a database has until the cooperative's details are saved (services/lookups.py).
DEFAULT_NAME = "Kooperativet"


@dataclass(frozen=True)
class Step:
    key: str
    done: bool


def _cooperative_done(session: Session) -> bool:
    coop = session.scalar(select(Cooperative).limit(1))
    return coop is not None and (coop.name.strip() != DEFAULT_NAME or bool(coop.org_number) or bool(coop.address))


def steps(session: Session) -> list[Step]:
    """Each step of :data:`STEPS` with whether the database has it done."""
    done = {
        "cooperative": _cooperative_done(session),
        "districts": bool(session.scalar(select(exists().where(District.id.is_not(None)))))
        and bool(session.scalar(select(exists().where(Tariff.id.is_not(None))))),
        "work_areas": bool(session.scalar(select(exists().where(WorkArea.id.is_not(None))))),
        "members": bool(session.scalar(select(exists().where(Placement.id.is_not(None))))),
        "supervisors": bool(session.scalar(select(exists().where(Supervisor.id.is_not(None))))),
    }
    return [Step(key, done[key]) for key in STEPS]


def all_done(session: Session) -> bool:
    return all(step.done for step in steps(session))
