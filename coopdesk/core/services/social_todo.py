"""The Att göra sources of domain.md §7 (core/todo.py): plans to follow up, placements without a plan,
decisions ending, lex Sarah reports to send to IVO, planned days not registered, a month not attested.

Registered when this module is imported (app/todo.py imports it). Each source is a plain function over
the ORM; the lines name where the thing is done (``target``), which the Att göra view turns into
navigation: ``member:ID:plan``, ``member:ID:placements``, ``deviation:ID``, ``day:YYYY-MM-DD``,
``month:YYYY-MM``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core.actor import Actor
from coopdesk.core.calendar import Month
from coopdesk.core.models import Attendance, CarePlan, Deviation, Member, Placement
from coopdesk.core.services import lookups
from coopdesk.core.services.locks import lock_of
from coopdesk.core.social import LEX_SARAH, PLAN_IN_FORCE, ivo_due
from coopdesk.core.todo import TodoItem, register_source

#: A placement must have a plan in force this many days after its start (domain.md §7).
PLAN_WITHIN_DAYS = 30
#: A decision ending within this many days is on the list.
ENDING_WITHIN_DAYS = 30
#: Planned days not registered are looked for this far back (today not included: it is still going on).
UNREGISTERED_DAYS_BACK = 7
#: The last month is to be attested by this day of the next month.
ATTEST_BY_DAY = 5


def _active_placements(session: Session, today: dt.date) -> list[tuple[Placement, str]]:
    return list(
        session.execute(
            select(Placement, Member.name)
            .join(Member, Member.id == Placement.member_id)
            .where(Member.erased_at.is_(None), Placement.start <= today)
            .where((Placement.end.is_(None)) | (Placement.end >= today))
        ).all()
    )


def plans_due(session: Session, actor: Actor, today: dt.date) -> list[TodoItem]:
    """Plans in force whose follow-up day has come; placements without a plan in force 30 days in."""
    items = []
    live = {
        plan.placement_id: plan
        for plan in session.scalars(
            select(CarePlan).where(CarePlan.status.in_(PLAN_IN_FORCE)).order_by(CarePlan.number)
        )
    }
    for placement, name in _active_placements(session, today):
        plan = live.get(placement.id)
        if plan is None:
            due = placement.start + dt.timedelta(days=PLAN_WITHIN_DAYS)
            if due <= today:
                items.append(
                    TodoItem(
                        "plan_missing",
                        f"{name}: ingen genomförandeplan ({placement.decision_ref}, sedan {placement.start})",
                        f"member:{placement.member_id}:plan",
                        due,
                        due < today,
                        placement.member_id,
                    )
                )
        elif plan.status == "in_force" and plan.follow_up_on <= today:
            items.append(
                TodoItem(
                    "plan_follow_up",
                    f"{name}: följ upp genomförandeplanen (version {plan.number})",
                    f"member:{placement.member_id}:plan",
                    plan.follow_up_on,
                    plan.follow_up_on < today,
                    placement.member_id,
                )
            )
    return items


def decisions_ending(session: Session, actor: Actor, today: dt.date) -> list[TodoItem]:
    last = today + dt.timedelta(days=ENDING_WITHIN_DAYS)
    rows = session.execute(
        select(Placement, Member.name)
        .join(Member, Member.id == Placement.member_id)
        .where(Member.erased_at.is_(None), Placement.end.is_not(None), Placement.end >= today, Placement.end <= last)
    )
    followers = {(p.member_id, p.start) for p in session.scalars(select(Placement).where(Placement.start > today))}
    items = []
    for placement, name in rows:
        assert placement.end is not None
        if (placement.member_id, placement.end + dt.timedelta(days=1)) in followers:
            continue  # a new decision takes over the next day: nothing to do
        items.append(
            TodoItem(
                "decision_ending",
                f"{name}: beslutet {placement.decision_ref} upphör {placement.end}",
                f"member:{placement.member_id}:placements",
                placement.end,
                False,
                placement.member_id,
            )
        )
    return items


def ivo_reports(session: Session, actor: Actor, today: dt.date) -> list[TodoItem]:
    names = dict(session.execute(select(Member.id, Member.name)).all())
    items = []
    for case in session.scalars(
        select(Deviation).where(Deviation.category.in_(LEX_SARAH), Deviation.ivo_sent_on.is_(None))
    ):
        due = ivo_due(case.reported_on)
        about = names.get(case.member_id, "") if case.member_id is not None else "hela kooperativet"
        items.append(
            TodoItem(
                "ivo_report",
                f"Lex Sarah ({about}, rapporterad {case.reported_on}): anmäl till IVO senast {due}",
                f"deviation:{case.id}",
                due,
                due < today,
                case.member_id,
            )
        )
    return items


def unregistered_days(session: Session, actor: Actor, today: dt.date) -> list[TodoItem]:
    """One line per day of the last week with planned members not registered (the register of that day)."""
    first, last = today - dt.timedelta(days=UNREGISTERED_DAYS_BACK), today - dt.timedelta(days=1)
    plan = lookups.work_plan(session, first, last)
    active = dict(
        session.execute(
            select(Member.id, Member.name)
            .join(Placement, Placement.member_id == Member.id)
            .where(Member.erased_at.is_(None), Placement.start <= last)
            .where((Placement.end.is_(None)) | (Placement.end >= first))
        ).all()
    )
    plans = lookups.member_plans(session, active)
    registered = set(
        session.execute(select(Attendance.member_id, Attendance.day).where(Attendance.day.between(first, last))).all()
    )
    items = []
    day = first
    while day <= last:
        missing = [m for m in active if plan.planned_hours(plans[m], day) and (m, day) not in registered]
        if missing:
            count = len(missing)
            items.append(
                TodoItem(
                    "unregistered_days",
                    f"{day}: {count} {'planerade medlemmar' if count > 1 else 'planerad medlem'} utan registrering",
                    f"day:{day.isoformat()}",
                    day,
                    True,
                )
            )
        day += dt.timedelta(days=1)
    return items


def month_to_attest(session: Session, actor: Actor, today: dt.date) -> list[TodoItem]:
    last_month = Month.of(today.replace(day=1) - dt.timedelta(days=1))
    if today.day <= ATTEST_BY_DAY or lock_of(session, last_month) is not None:
        return []
    due = today.replace(day=ATTEST_BY_DAY)
    return [
        TodoItem(
            "month_not_attested",
            f"{last_month.name_sv().capitalize()} är inte attesterad",
            f"month:{last_month}",
            due,
            True,
        )
    ]


register_source("social.plans", plans_due)
register_source("social.decisions_ending", decisions_ending)
register_source("social.ivo_reports", ivo_reports)
register_source("register.unregistered_days", unregistered_days)
register_source("register.month_to_attest", month_to_attest)
