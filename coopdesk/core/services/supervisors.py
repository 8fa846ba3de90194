"""Supervisors and their hours by activity (domain.md §3, §4 supervisor section)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import EllipsisType

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from coopdesk.core import audit, conflicts
from coopdesk.core.errors import NotFoundError, ValidationError
from coopdesk.core.models import HISTORY_START, Supervisor, SupervisorFte, SupervisorHours, WorkArea
from coopdesk.core.numbers import parse_decimal
from coopdesk.core.permissions import require_admin
from coopdesk.core.rules import check_activity, check_percent, check_supervisor_day_total, require_text
from coopdesk.core.services.locks import (
    after_last_attested,
    default_valid_from,
    ensure_dated_change_allowed,
    ensure_unlocked,
)
from coopdesk.core.services.lookups import fte_on
from coopdesk.core.text import swedish_key


def _supervisor(session: Session, supervisor_id: int) -> Supervisor:
    found = session.get(Supervisor, supervisor_id)
    if found is None:
        raise NotFoundError(
            f"Handledaren {supervisor_id} finns inte.", f"The supervisor {supervisor_id} does not exist."
        )
    return found


def supervisors(session: Session) -> list[Supervisor]:
    return sorted(session.scalars(select(Supervisor)), key=lambda s: swedish_key(s.name))


def add_supervisor(
    session: Session, actor: audit.Actor, name: str, fte_percent: int, *, valid_from: dt.date | None = None
) -> Supervisor:
    """A new supervisor on the staff from ``valid_from``: by default the first day after the last
    attested month (from the start when none is), so adding one never changes an attested month."""
    require_admin(actor, "lägga till handledare", "add supervisors")
    clean_name = require_text(name, "name", "Namnet", "The name")
    fte = check_percent(fte_percent, "fte_percent", "Tjänstgöringsgraden", "The FTE percentage")
    if valid_from is None:
        valid_from = fte_valid_from_default(session, new=True)
    ensure_dated_change_allowed(session, valid_from, None)
    supervisor = Supervisor(name=clean_name)
    supervisor.fte_history.append(SupervisorFte(valid_from=valid_from, fte_percent=fte))
    session.add(supervisor)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "supervisor",
        supervisor.id,
        summary=supervisor.name,
        new={"name": supervisor.name, "fte_percent": fte, "valid_from": valid_from},
    )
    return supervisor


def fte_valid_from_default(session: Session, *, new: bool = False, today: dt.date | None = None) -> dt.date:
    """From when an FTE holds unless the user says otherwise. A new supervisor: the first day after the
    last attested month (from the start when none is). A change: the first day after the last attested
    month, or of the current month if later."""
    if new:
        return after_last_attested(session) or HISTORY_START
    return default_valid_from(session, today)


def fte_history(session: Session, supervisor_id: int) -> list[tuple[dt.date, int]]:
    """A supervisor's FTE percentages, (valid-from, percent), oldest first."""
    return sorted((e.valid_from, e.fte_percent) for e in _supervisor(session, supervisor_id).fte_history)


def update_supervisor(
    session: Session,
    actor: audit.Actor,
    supervisor_id: int,
    *,
    name: str | None = None,
    fte_percent: int | None = None,
    valid_from: dt.date | None = None,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> Supervisor:
    """Change the name, and the FTE from ``valid_from`` (default: the first day after the last attested
    month, or the current month if later) until the next dated FTE. An FTE equal to the one in force
    on ``valid_from`` changes nothing; one that would change an attested month is refused."""
    require_admin(actor, "ändra handledarnas uppgifter", "change supervisors' details")
    supervisor = _supervisor(session, supervisor_id)
    conflicts.check(session, supervisor, expected_version, "supervisor", supervisor.id, subject=supervisor.name)
    when = valid_from or fte_valid_from_default(session, today=today)
    history = sorted((e.valid_from, e.fte_percent) for e in supervisor.fte_history)
    old = {"name": supervisor.name, "fte_percent": fte_on(history, when)}
    new_name = supervisor.name if name is None else require_text(name, "name", "Namnet", "The name")
    fte = None
    if fte_percent is not None:
        fte = check_percent(fte_percent, "fte_percent", "Tjänstgöringsgraden", "The FTE percentage")
    fte_changed = fte is not None and fte != old["fte_percent"]
    if fte is not None and fte_changed:
        later = [e.valid_from for e in supervisor.fte_history if e.valid_from > when]
        ensure_dated_change_allowed(session, when, min(later) - dt.timedelta(days=1) if later else None)
        same_day = next((e for e in supervisor.fte_history if e.valid_from == when), None)
        if same_day is None:
            supervisor.fte_history.append(SupervisorFte(valid_from=when, fte_percent=fte))
        else:
            same_day.fte_percent = fte
    if new_name == supervisor.name and not fte_changed:
        return supervisor  # saved unchanged: nothing to write, nothing to log
    supervisor.name = new_name
    flag_modified(supervisor, "name")  # the version moves with the dated FTE too
    conflicts.flush(session, "supervisor", supervisor.id, subject=old["name"])
    new: dict[str, object] = {"name": supervisor.name, "fte_percent": fte if fte_changed else old["fte_percent"]}
    if fte_changed:
        new["valid_from"] = when
    audit.record(session, actor, "update", "supervisor", supervisor.id, summary=supervisor.name, old=old, new=new)
    return supervisor


def _snapshot(entry: SupervisorHours) -> dict[str, object]:
    return {
        "supervisor_id": entry.supervisor_id,
        "date": entry.day,
        "hours": entry.hours,
        "activity": entry.activity,
        "work_area_id": entry.work_area_id,
    }


def _validate(
    session: Session,
    supervisor: Supervisor,
    day: dt.date,
    hours: Decimal | str,
    activity: str,
    work_area_id: int | None,
    replacing: SupervisorHours | None = None,
) -> Decimal:
    value = parse_decimal(
        hours, "hours", what_sv="Timmarna", what_en="The hours", minimum=Decimal(0), exclusive_minimum=True
    )
    check_activity(activity, "activity")
    if work_area_id is not None and session.get(WorkArea, work_area_id) is None:
        raise ValidationError(
            "work_area",
            work_area_id,
            f"Arbetsområdet {work_area_id} finns inte.",
            f"The work area {work_area_id} does not exist.",
        )
    # The day's total is a rule across rows: two PCs logging hours for one supervisor at once must
    # take turns, or both could pass the check and together exceed it. The supervisor's row is the
    # lock (PostgreSQL: SELECT … FOR UPDATE; SQLite has one writer at a time and ignores the clause).
    session.execute(select(Supervisor.id).where(Supervisor.id == supervisor.id).with_for_update())
    query = select(SupervisorHours.hours).where(
        SupervisorHours.supervisor_id == supervisor.id, SupervisorHours.day == day
    )
    if replacing is not None:
        query = query.where(SupervisorHours.id != replacing.id)
    others = sum(session.scalars(query), Decimal(0))
    check_supervisor_day_total(supervisor.name, day, others + value, "hours")
    ensure_unlocked(session, day, day)
    return value


def _recheck_day_total(session: Session, supervisor: Supervisor, day: dt.date) -> None:
    """The day's total again, now that this write holds the write lock: on SQLite the check before it
    read outside the write transaction, so another PC's entry committed meanwhile shows only here."""
    total = sum(
        session.scalars(
            select(SupervisorHours.hours).where(
                SupervisorHours.supervisor_id == supervisor.id, SupervisorHours.day == day
            )
        ),
        Decimal(0),
    )
    check_supervisor_day_total(supervisor.name, day, total, "hours")


def log_hours(
    session: Session,
    actor: audit.Actor,
    supervisor_id: int,
    day: dt.date,
    hours: Decimal | str,
    activity: str,
    work_area_id: int | None = None,
) -> SupervisorHours:
    supervisor = _supervisor(session, supervisor_id)
    value = _validate(session, supervisor, day, hours, activity, work_area_id)
    entry = SupervisorHours(
        supervisor_id=supervisor.id, day=day, hours=value, activity=activity, work_area_id=work_area_id
    )
    session.add(entry)
    session.flush()
    _recheck_day_total(session, supervisor, day)
    audit.record(
        session, actor, "create", "supervisor_hours", entry.id, summary=f"{supervisor.name} {day}", new=_snapshot(entry)
    )
    return entry


def update_hours(
    session: Session,
    actor: audit.Actor,
    entry_id: int,
    *,
    day: dt.date | None = None,
    hours: Decimal | str | None = None,
    activity: str | None = None,
    work_area_id: int | EllipsisType | None = ...,  # ...: keep the work area as it is
    expected_version: int | None = None,
) -> SupervisorHours:
    entry = _entry(session, entry_id, expected_version)
    old = _snapshot(entry)
    ensure_unlocked(session, entry.day, entry.day)
    new_day = day or entry.day
    area = entry.work_area_id if work_area_id is ... else work_area_id
    value = _validate(
        session,
        entry.supervisor,
        new_day,
        entry.hours if hours is None else hours,
        activity or entry.activity,
        area,
        replacing=entry,
    )
    entry.day, entry.hours, entry.activity, entry.work_area_id = new_day, value, activity or entry.activity, area
    if _snapshot(entry) == old:  # saved unchanged: nothing to write, nothing to log
        return entry
    conflicts.flush(session, "supervisor_hours", entry.id, subject=f"{entry.supervisor.name} {old['date']}")
    _recheck_day_total(session, entry.supervisor, new_day)
    audit.record(
        session,
        actor,
        "update",
        "supervisor_hours",
        entry.id,
        summary=f"{entry.supervisor.name} {new_day}",
        old=old,
        new=_snapshot(entry),
    )
    return entry


def _entry(session: Session, entry_id: int, expected_version: int | None) -> SupervisorHours:
    """The entry to change; one another PC has removed or changed since the user saw it is a conflict."""
    entry = session.get(SupervisorHours, entry_id)
    if entry is None and expected_version is not None:
        raise conflicts.conflict(session, "supervisor_hours", entry_id)
    if entry is None:
        raise NotFoundError(f"Posten {entry_id} finns inte.", f"The entry {entry_id} does not exist.")
    subject = f"{entry.supervisor.name} {entry.day}"
    conflicts.check(session, entry, expected_version, "supervisor_hours", entry.id, subject=subject)
    return entry


def delete_hours(session: Session, actor: audit.Actor, entry_id: int, *, expected_version: int | None = None) -> None:
    entry = _entry(session, entry_id, expected_version)
    ensure_unlocked(session, entry.day, entry.day)
    audit.record(
        session,
        actor,
        "delete",
        "supervisor_hours",
        entry.id,
        summary=f"{entry.supervisor.name} {entry.day}",
        old=_snapshot(entry),
    )
    session.delete(entry)
    conflicts.flush(session, "supervisor_hours", entry_id)
