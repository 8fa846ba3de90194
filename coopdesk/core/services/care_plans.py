"""Implementation plans (genomförandeplaner, domain.md §7): versions of a placement's plan.

A version is written as a draft or put in force at once. Putting a version in force marks the one in
force before it ``replaced`` (kept and readable); a draft can be changed, a version in force cannot —
what changes is written as a new version. The follow-up (uppföljning) is recorded on the version in
force, with a date and a note. A plan in force whose follow-up date has passed is *due* (Att göra).
Nothing is deleted but by gallring.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.core import audit, conflicts
from coopdesk.core.actor import Actor
from coopdesk.core.errors import NotFoundError, ValidationError
from coopdesk.core.models import CarePlan, CarePlanGoal, Placement
from coopdesk.core.services import lookups
from coopdesk.core.services.journal import _member
from coopdesk.core.social import PLAN_IN_FORCE, long_text

ENTITY = "care_plan"


@dataclass(frozen=True)
class Goal:
    """One goal as typed: the goal, what support, who does what, how, and when."""

    goal: str
    support: str = ""
    who: str = ""
    how: str = ""
    when: str = ""


def plan(session: Session, plan_id: int) -> CarePlan:
    found = session.get(CarePlan, plan_id)
    if found is None:
        raise NotFoundError(f"Genomförandeplan {plan_id} finns inte.", f"No implementation plan {plan_id}.")
    return found


def _goal_text(value: str, number: int, name: str, sv: str, en: str, *, required: bool = False) -> str:
    return (
        long_text(value, f"goals[{number}].{name}", f"Mål {number}: {sv}", f"Goal {number}: {en}", required=required)
        or ""
    )


def _goals(goals: list[Goal]) -> list[CarePlanGoal]:
    if not goals:
        raise ValidationError("goals", [], "Planen behöver minst ett mål.", "The plan needs at least one goal.")
    return [
        CarePlanGoal(
            position=n,
            goal=_goal_text(goal.goal, n, "goal", "målet", "the goal", required=True),
            support=_goal_text(goal.support, n, "support", "insatsen", "the support"),
            who=_goal_text(goal.who, n, "who", "vem gör vad", "who does what"),
            how=_goal_text(goal.how, n, "how", "hur", "how"),
            timing=_goal_text(goal.when, n, "when", "när", "when"),
        )
        for n, goal in enumerate(goals, start=1)
    ]


def snapshot(row: CarePlan) -> dict[str, object]:
    return {
        "number": row.number,
        "status": row.status,
        "participation": row.participation,
        "follow_up_on": row.follow_up_on,
        "goals": [
            {"goal": g.goal, "support": g.support, "who": g.who, "how": g.how, "when": g.timing} for g in row.goals
        ],
    }


def in_force(session: Session, placement_id: int) -> CarePlan | None:
    return session.scalar(
        select(CarePlan)
        .where(CarePlan.placement_id == placement_id, CarePlan.status.in_(PLAN_IN_FORCE))
        .order_by(CarePlan.number.desc())
        .limit(1)
    )


def _put_in_force(session: Session, actor: Actor, row: CarePlan, today: dt.date, now: dt.datetime) -> None:
    before = in_force(session, row.placement_id)
    if before is not None and before.id != row.id:
        before.status = "replaced"
        audit.record(
            session,
            actor,
            "update",
            "care_plan",
            before.id,
            summary=f"Version {before.number} ersatt av version {row.number}",
            old={"status": "in_force"},
            new={"status": "replaced"},
            member_id=before.member_id,
            at=now,
        )
    row.status = "in_force"
    row.in_force_from = today


def new_version(
    session: Session,
    actor: Actor,
    placement_id: int,
    goals: list[Goal],
    participation: str,
    follow_up_on: dt.date,
    *,
    now: dt.datetime,
    draft: bool = False,
) -> CarePlan:
    """A new version of the placement's plan, in force at once unless ``draft``."""
    placement = session.get(Placement, placement_id)
    if placement is None:
        raise NotFoundError(f"Beslutet med id {placement_id} finns inte.", f"No placement with id {placement_id}.")
    member = _member(session, placement.member_id)
    today = now.date()
    _check_follow_up(follow_up_on, today)
    number = (session.scalar(select(func.max(CarePlan.number)).where(CarePlan.placement_id == placement_id)) or 0) + 1
    row = CarePlan(
        member_id=member.id,
        placement_id=placement_id,
        number=number,
        status="draft",
        participation=long_text(participation, "participation", "Medlemmens delaktighet", "The member's participation"),
        follow_up_on=follow_up_on,
        created_at=now.replace(microsecond=0),
        created_by=actor.name,
        goals=_goals(goals),
    )
    session.add(row)
    session.flush()
    if not draft:
        _put_in_force(session, actor, row, today, now)
    conflicts.flush(session, ENTITY, row.id)
    audit.record(
        session,
        actor,
        "create",
        "care_plan",
        row.id,
        summary=f"{member.name} {placement.decision_ref} version {number}",
        new=snapshot(row),
        member_id=member.id,
        at=now,
    )
    return row


def _check_follow_up(follow_up_on: object, today: dt.date) -> None:
    if not isinstance(follow_up_on, dt.date):
        raise ValidationError("follow_up", follow_up_on, "Ange datum för uppföljning.", "Give the follow-up date.")


def update_draft(
    session: Session,
    actor: Actor,
    plan_id: int,
    goals: list[Goal],
    participation: str,
    follow_up_on: dt.date,
    *,
    now: dt.datetime,
    expected_version: int | None = None,
) -> CarePlan:
    row = plan(session, plan_id)
    conflicts.check(session, row, expected_version, ENTITY, plan_id)
    if row.status != "draft":
        raise ValidationError(
            "plan",
            plan_id,
            f"Version {row.number} är inte ett utkast och kan inte ändras. Skriv en ny version.",
            f"Version {row.number} is not a draft and cannot be changed. Write a new version.",
        )
    _check_follow_up(follow_up_on, now.date())
    old = snapshot(row)
    row.goals = _goals(goals)
    row.participation = (
        long_text(participation, "participation", "Medlemmens delaktighet", "The member's participation") or ""
    )
    row.follow_up_on = follow_up_on
    conflicts.flush(session, ENTITY, plan_id)
    new = snapshot(row)
    if new != old:
        audit.record(
            session,
            actor,
            "update",
            "care_plan",
            row.id,
            summary=f"Utkast version {row.number}",
            old=old,
            new=new,
            member_id=row.member_id,
            at=now,
        )
    return row


def make_in_force(
    session: Session, actor: Actor, plan_id: int, *, now: dt.datetime, expected_version: int | None = None
) -> CarePlan:
    """Put a draft in force (the version in force before it is replaced)."""
    row = plan(session, plan_id)
    conflicts.check(session, row, expected_version, ENTITY, plan_id)
    if row.status != "draft":
        raise ValidationError(
            "plan", plan_id, f"Version {row.number} är inte ett utkast.", f"Version {row.number} is not a draft."
        )
    _put_in_force(session, actor, row, now.date(), now)
    conflicts.flush(session, ENTITY, plan_id)
    audit.record(
        session,
        actor,
        "update",
        "care_plan",
        row.id,
        summary=f"Version {row.number} gäller från {now.date()}",
        old={"status": "draft"},
        new={"status": "in_force"},
        member_id=row.member_id,
        at=now,
    )
    return row


def follow_up(
    session: Session,
    actor: Actor,
    plan_id: int,
    note: str,
    *,
    now: dt.datetime,
    on: dt.date | None = None,
    expected_version: int | None = None,
) -> CarePlan:
    """Record the follow-up of the version in force: the date and what came of it."""
    row = plan(session, plan_id)
    conflicts.check(session, row, expected_version, ENTITY, plan_id)
    if row.status not in PLAN_IN_FORCE:
        raise ValidationError(
            "plan",
            plan_id,
            f"Bara planen som gäller kan följas upp (version {row.number} är {row.status}).",
            f"Only the plan in force can be followed up (version {row.number} is {row.status}).",
        )
    day = on or now.date()
    if day > now.date():
        raise ValidationError(
            "date", day, "Uppföljningen kan inte dateras efter i dag.", "A follow-up cannot be dated after today."
        )
    old = {"status": row.status, "followed_up_at": row.followed_up_at, "follow_up_note": row.follow_up_note}
    row.status = "followed_up"
    row.followed_up_at = day
    row.follow_up_note = long_text(note, "note", "Uppföljningen", "The follow-up")
    conflicts.flush(session, ENTITY, plan_id)
    audit.record(
        session,
        actor,
        "follow_up",
        "care_plan",
        row.id,
        summary=f"Version {row.number} uppföljd {day}",
        old=old,
        new={"status": row.status, "followed_up_at": day, "follow_up_note": row.follow_up_note},
        member_id=row.member_id,
        at=now,
    )
    return row


def plans_of_member(session: Session, member_id: int) -> list[CarePlan]:
    """Every version of every plan of the member: newest placement first, newest version first."""
    return list(
        session.scalars(
            select(CarePlan)
            .join(Placement, Placement.id == CarePlan.placement_id)
            .where(CarePlan.member_id == member_id)
            .order_by(Placement.start.desc(), CarePlan.number.desc())
        )
    )


def placement_of(session: Session, member_id: int, today: dt.date) -> Placement:
    """The placement a new plan is for: the one active today, else the newest."""
    member = lookups.member(session, member_id)
    if not member.placements:
        raise ValidationError(
            "placement",
            member_id,
            f"{member.name} har inget beslut. En genomförandeplan hör till ett beslut: lägg till beslutet först.",
            f"{member.name} has no placement. A plan belongs to a placement: add the placement first.",
        )
    active = [p for p in member.placements if p.start <= today and (p.end is None or today <= p.end)]
    return active[-1] if active else max(member.placements, key=lambda p: p.start)
