"""A member's social documentation as plain data, the logging of every read of it, and its gallring.

:func:`documentation` gives the plans, the journal and the deviations of one member as a JSON-ready dict;
the register extract (member_record.py), the personakt PDF and the CLI's JSON all read it, so they hold
the same data. :func:`log_read` writes who opened whose documentation (SOSFS 2014:5: the member's file
is read only by those who need it, and the log shows who did). :func:`last_note` and :func:`erase` are
what gallring (erasure.py) needs: the documentation is gallrad five years after its last note, with the
member, and then it is deleted, not anonymised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from coopdesk.core import audit
from coopdesk.core.actor import Actor
from coopdesk.core.models import CarePlan, CarePlanGoal, Deviation, JournalEntry
from coopdesk.core.services import lookups
from coopdesk.core.services.care_plans import plans_of_member
from coopdesk.core.services.deviations import deviations
from coopdesk.core.services.journal import entries
from coopdesk.core.social import LEX_SARAH, ivo_due

#: What a read opened, in the audit log's summary.
PARTS_SV = {
    "plan": "Genomförandeplan",
    "journal": "Journal",
    "deviations": "Avvikelser",
    "all": "Personakt",
}


def log_read(session: Session, actor: Actor, member_id: int, part: str, *, at: dt.datetime | None = None) -> None:
    """Who opened which part of whose documentation, and when."""
    member = lookups.member(session, member_id)
    audit.record(
        session,
        actor,
        "read",
        "documentation",
        member_id,
        summary=f"{PARTS_SV[part]}: {member.name}",
        member_id=member_id,
        at=at,
    )


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def plan_dict(row: CarePlan) -> dict[str, Any]:
    return {
        "id": row.id,
        "decision_ref": row.placement.decision_ref,
        "placement_start": _iso(row.placement.start),
        "number": row.number,
        "status": row.status,
        "participation": row.participation,
        "follow_up_on": _iso(row.follow_up_on),
        "in_force_from": _iso(row.in_force_from),
        "followed_up_at": _iso(row.followed_up_at),
        "follow_up_note": row.follow_up_note,
        "created_at": _iso(row.created_at),
        "created_by": row.created_by,
        "goals": [
            {"goal": g.goal, "support": g.support, "who": g.who, "how": g.how, "when": g.timing} for g in row.goals
        ],
    }


def entry_dict(row: JournalEntry) -> dict[str, Any]:
    return {
        "id": row.id,
        "date": _iso(row.event_date),
        "type": row.kind,
        "text": row.text,
        "author": row.author_name,
        "written_at": _iso(row.written_at),
        "changed_at": _iso(row.changed_at),
        "struck": None
        if row.struck_at is None
        else {"at": _iso(row.struck_at), "by": row.struck_by, "reason": row.strike_reason},
        "replaces": row.replaces_id,
    }


def deviation_dict(row: Deviation) -> dict[str, Any]:
    lex_sarah = row.category in LEX_SARAH
    return {
        "id": row.id,
        "reported_on": _iso(row.reported_on),
        "reported_by": row.reported_by,
        "category": row.category,
        "description": row.description,
        "measures": row.measures,
        "status": row.status,
        "ivo_due": _iso(ivo_due(row.reported_on)) if lex_sarah else None,
        "ivo_sent_on": _iso(row.ivo_sent_on),
    }


def documentation(
    session: Session, member_id: int, *, first: dt.date | None = None, last: dt.date | None = None
) -> dict[str, Any]:
    """Every plan version, journal entry (``first``..``last`` if given) and deviation of the member."""
    return {
        "plans": [plan_dict(p) for p in plans_of_member(session, member_id)],
        "journal": [entry_dict(e) for e in entries(session, member_id, first=first, last=last)],
        "deviations": [deviation_dict(d) for d in deviations(session, member_id=member_id)],
    }


def last_note(session: Session, member_ids: Iterable[int]) -> dict[int, dt.date]:
    """The day of each member's last note in the documentation (written, struck, planned, followed up,
    reported); members without any are left out."""
    ids = list(member_ids)
    found: dict[int, dt.date] = {}

    def keep(rows: Iterable[Any]) -> None:
        for member_id, value in rows:
            if value is None:
                continue
            day = value.date() if isinstance(value, dt.datetime) else value
            if member_id not in found or day > found[member_id]:
                found[member_id] = day

    if not ids:
        return found
    for column in (JournalEntry.written_at, JournalEntry.struck_at, JournalEntry.changed_at):
        keep(
            session.execute(
                select(JournalEntry.member_id, func.max(column))
                .where(JournalEntry.member_id.in_(ids))
                .group_by(JournalEntry.member_id)
            )
        )
    plan_columns: tuple[Any, ...] = (CarePlan.created_at, CarePlan.followed_up_at)  # a datetime and a date
    for column in plan_columns:
        keep(
            session.execute(
                select(CarePlan.member_id, func.max(column))
                .where(CarePlan.member_id.in_(ids))
                .group_by(CarePlan.member_id)
            )
        )
    keep(
        session.execute(
            select(Deviation.member_id, func.max(Deviation.created_at))
            .where(Deviation.member_id.in_(ids))
            .group_by(Deviation.member_id)
        )
    )
    return found


def erase(session: Session, member_ids: Iterable[int]) -> int:
    """Delete the members' documentation (gallring); the number of rows deleted."""
    ids = list(member_ids)
    if not ids:
        return 0
    # The replacing entries point at the struck ones: loosen that first, so no order of deletion matters.
    session.execute(
        update(JournalEntry)
        .where(JournalEntry.member_id.in_(ids))
        .values(replaces_id=None)
        .execution_options(synchronize_session=False)
    )
    total = 0
    plan_ids = select(CarePlan.id).where(CarePlan.member_id.in_(ids))
    for statement in (
        delete(CarePlanGoal).where(CarePlanGoal.plan_id.in_(plan_ids)),
        delete(CarePlan).where(CarePlan.member_id.in_(ids)),
        delete(JournalEntry).where(JournalEntry.member_id.in_(ids)),
        delete(Deviation).where(Deviation.member_id.in_(ids)),
    ):
        result = session.execute(statement.execution_options(synchronize_session=False))
        total += getattr(result, "rowcount", 0) or 0
    session.expire_all()
    return total
