"""Attest (lock) a month, and the check every change makes before it touches a day.

Once a month is attested nothing that touches one of its days may change, whatever the face
(GUI, CLI, import into an empty database being the one exception: it takes locked data as it
stands and locks afterwards). Only an administrator reopens a month, and must say why.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core import audit
from coopdesk.core.calendar import Month
from coopdesk.core.errors import LockedMonthError, ValidationError
from coopdesk.core.models import (
    Attendance,
    Cooperative,
    Member,
    MonthLock,
    Placement,
    SupervisorHours,
    TimeReport,
)
from coopdesk.core.permissions import require_admin
from coopdesk.core.services import lookups
from coopdesk.core.text import swedish_key


def _locked_error(lock: MonthLock, field: str, value: object) -> LockedMonthError:
    month = Month.parse(lock.month)
    name_sv = month.name_sv()
    return LockedMonthError(
        field,
        value,
        f"{name_sv[0].upper()}{name_sv[1:]} är attesterad av {lock.attested_by} {lock.attested_at.date()} och kan inte "
        "ändras. En administratör kan öppna månaden igen.",
        f"{month.name_en()} was attested by {lock.attested_by} on {lock.attested_at.date()} and cannot be changed. "
        "An administrator can reopen the month.",
    )


def _serialise_with_attest(session: Session, *, attest: bool = False) -> None:
    """Edits and attests of one database take turns: an edit holds a shared lock on the settings row
    until it commits, an attest (or reopen) an exclusive one. So on a database server an attest takes
    effect for every PC at once: no edit that checked the month before the attest can commit into it
    after. (PostgreSQL: FOR SHARE / FOR UPDATE; SQLite, one writer at a time, ignores the clause.)"""
    session.execute(select(Cooperative.id).order_by(Cooperative.id).limit(1).with_for_update(read=not attest))


def ensure_unlocked(
    session: Session, first: dt.date, last: dt.date | None = None, *, field: str = "date", value: object = None
) -> None:
    """Refuse a change that touches any day from ``first`` to ``last`` (open-ended if None) of a locked month."""
    _serialise_with_attest(session)
    query = select(MonthLock).where(MonthLock.month >= str(Month.of(first)))
    if last is not None:
        query = query.where(MonthLock.month <= str(Month.of(last)))
    lock = session.scalar(query.order_by(MonthLock.month).limit(1))
    if lock is not None:
        raise _locked_error(lock, field, first.isoformat() if value is None else value)


def after_last_attested(session: Session) -> dt.date | None:
    """The first day after the last attested month (None when no month is attested)."""
    last = session.scalar(select(MonthLock.month).order_by(MonthLock.month.desc()).limit(1))
    return Month.parse(last).next().first if last is not None else None


def default_valid_from(session: Session, today: dt.date | None = None) -> dt.date:
    """When a dated setting's change takes effect unless the user says otherwise: the first day of
    the month after the last attested month, or of the current month if that is later."""
    this_month = Month.of(today or dt.date.today()).first
    after = after_last_attested(session)
    return max(this_month, after) if after is not None else this_month


def ensure_dated_change_allowed(
    session: Session, valid_from: dt.date, until: dt.date | None, *, field: str = "valid_from"
) -> None:
    """Refuse a dated setting's change in force from ``valid_from`` to ``until`` (open-ended if None)
    that would reach into an attested month: the message names the month and the first day the
    change may take effect from instead."""
    _serialise_with_attest(session)
    query = select(MonthLock).where(MonthLock.month >= str(Month.of(valid_from)))
    if until is not None:
        query = query.where(MonthLock.month <= str(Month.of(until)))
    lock = session.scalar(query.order_by(MonthLock.month).limit(1))
    if lock is None:
        return
    month = Month.parse(lock.month)
    name_sv = month.name_sv()
    after = after_last_attested(session)
    raise LockedMonthError(
        field,
        valid_from.isoformat(),
        f"{name_sv[0].upper()}{name_sv[1:]} är attesterad av {lock.attested_by} {lock.attested_at.date()}, och "
        f"ändringen från {valid_from} skulle ändra den månadens redovisning. Ändringen kan gälla från och med "
        f"{after}.",
        f"{month.name_en()} was attested by {lock.attested_by} on {lock.attested_at.date()}, and the change from "
        f"{valid_from} would alter that month's statement. The change can take effect from {after} on.",
    )


def ensure_days_unlocked(session: Session, days: set[dt.date], *, field: str = "date") -> None:
    if days:
        _serialise_with_attest(session)
        months = {str(Month.of(d)) for d in days}
        lock = session.scalar(select(MonthLock).where(MonthLock.month.in_(months)).order_by(MonthLock.month).limit(1))
        if lock is not None:
            first = min(d for d in days if str(Month.of(d)) == lock.month)
            raise _locked_error(lock, field, first.isoformat())


def lock_of(session: Session, month: Month) -> MonthLock | None:
    return session.get(MonthLock, str(month))


def unregistered_days(session: Session, month: Month) -> list[tuple[str, dt.date]]:
    """Planned days of the month without an attendance record: (member name, day), by name then day."""
    plan = lookups.work_plan(session, month.first, month.last)
    members = dict(
        session.execute(
            select(Member.id, Member.name)
            .join(Placement, Placement.member_id == Member.id)
            .where(Placement.start <= month.last, (Placement.end.is_(None)) | (Placement.end >= month.first))
        ).all()
    )
    plans = lookups.member_plans(session, members)
    registered = set(
        session.execute(
            select(Attendance.member_id, Attendance.day).where(
                Attendance.day >= month.first, Attendance.day <= month.last
            )
        )
    )
    missing = [
        (name, day)
        for member_id, name in members.items()
        for day in month.days()
        if plan.planned_hours(plans[member_id], day) and (member_id, day) not in registered
    ]
    return sorted(missing, key=lambda item: (swedish_key(item[0]), item[1]))


def _nothing_in(session: Session, month: Month) -> bool:
    """No placement active in the month and nothing registered in it: attesting it would only issue
    empty statements that can never be removed (a typed 1999 for 2026, say)."""
    first, last = month.first, month.last
    placed = select(Placement.id).where(Placement.start <= last, (Placement.end.is_(None)) | (Placement.end >= first))
    for query in (
        placed,
        select(Attendance.member_id).where(Attendance.day >= first, Attendance.day <= last),
        select(SupervisorHours.id).where(SupervisorHours.day >= first, SupervisorHours.day <= last),
        select(TimeReport.id).where(TimeReport.day >= first, TimeReport.day <= last),
    ):
        if session.execute(query.limit(1)).first() is not None:
            return False
    return True


def attest_month(session: Session, actor: audit.Actor, month: Month, *, now: dt.datetime | None = None) -> MonthLock:
    now = now or dt.datetime.now()
    _serialise_with_attest(session, attest=True)
    existing = lock_of(session, month)
    if existing is not None:
        raise _locked_error(existing, "month", str(month))
    if month.first > now.date():
        raise ValidationError(
            "month",
            str(month),
            f"{month.name_sv()} har inte börjat än och kan inte attesteras.",
            f"{month.name_en()} has not begun yet and cannot be attested.",
        )
    if _nothing_in(session, month):
        raise ValidationError(
            "month",
            str(month),
            f"{month.name_sv()} har inget att attestera: inget beslut gäller då, och ingen närvaro, "
            "handledartid eller tidrapport finns. Kontrollera årtalet.",
            f"{month.name_en()} has nothing to attest: no placement is active then, and there is no attendance, "
            "supervisor time or time report. Check the year.",
        )
    lock = MonthLock(month=str(month), attested_by=actor.name, attested_at=now.replace(microsecond=0))
    session.add(lock)
    audit.record(
        session,
        actor,
        "attest",
        "month",
        str(month),
        summary=f"Attesterade {month.name_sv()}",
        new={"attested_by": lock.attested_by, "attested_at": lock.attested_at},
    )
    session.flush()
    return lock


def reopen_month(session: Session, actor: audit.Actor, month: Month, reason: str) -> None:
    require_admin(actor, "öppna en attesterad månad igen", "reopen an attested month")
    if not reason or not reason.strip():
        raise ValidationError(
            "reason",
            reason,
            "Ange varför månaden öppnas igen.",
            "Give the reason for reopening the month.",
        )
    _serialise_with_attest(session, attest=True)
    lock = lock_of(session, month)
    if lock is None:
        raise ValidationError(
            "month",
            str(month),
            f"{month.name_sv()} är inte attesterad.",
            f"{month.name_en()} is not attested.",
        )
    audit.record(
        session,
        actor,
        "reopen",
        "month",
        str(month),
        summary=f"Öppnade {month.name_sv()} igen: {reason.strip()}",
        old={"attested_by": lock.attested_by, "attested_at": lock.attested_at},
        new={"reason": reason.strip()},
    )
    session.delete(lock)
    session.flush()
