"""The cooperative's settings, work areas and closure days (domain.md §1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from types import EllipsisType

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from coopdesk.core import audit, conflicts
from coopdesk.core.errors import NotFoundError, ValidationError
from coopdesk.core.models import (
    DEFAULT_FULL_TIME_WEEK,
    DEFAULT_WEEKDAYS,
    HISTORY_START,
    Attendance,
    CapacityPeriod,
    ClosureDay,
    Cooperative,
    District,
    Member,
    SettingsPeriod,
    WorkArea,
)
from coopdesk.core.numbers import parse_decimal
from coopdesk.core.permissions import require_admin
from coopdesk.core.personal_number import normalize_org_number
from coopdesk.core.rules import SettingsSpan, check_weekdays, optional_text, require_text
from coopdesk.core.services import locks, lookups
from coopdesk.core.services.locks import ensure_unlocked
from coopdesk.core.vocabulary import STATUS_SV


def _snapshot(c: Cooperative, week: SettingsSpan) -> dict[str, object]:
    return {
        "name": c.name,
        "org_number": c.org_number,
        "address": c.address,
        "opening_weekdays": week.opening_weekdays,
        "full_time_hours_per_week": week.full_time_week,
        "host_district_id": week.host_district_id,
    }


def save_cooperative(
    session: Session,
    actor: audit.Actor,
    *,
    name: str,
    org_number: str | None = None,
    address: str | None = None,
    opening_weekdays: Iterable[int] | None = None,
    full_time_hours_per_week: Decimal | str | None = None,
    valid_from: dt.date | None = None,
    host_district_id: int | EllipsisType | None = ...,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> Cooperative:
    """Save the settings. The full-time week, the opening weekdays and the host district are dated
    (docs/rules.md, "Dated settings"): a new value holds from ``valid_from`` until the next dated
    value, and is refused if it would change an attested month. ``valid_from`` defaults to the first
    day after the last attested month, or the current month if later (a database whose settings were
    never saved, and that has no attested month, takes its first values from the start). None for
    ``opening_weekdays`` or ``full_time_hours_per_week``, ``...`` for ``host_district_id``: as in
    force on ``valid_from``."""
    require_admin(actor, "ändra inställningarna", "change the settings")
    coop = lookups.cooperative(session)
    stored = list(session.scalars(select(SettingsPeriod).order_by(SettingsPeriod.valid_from)))
    weeks = lookups.settings_history(session)
    if valid_from is None:
        valid_from = settings_valid_from_default(session, today)
    current = lookups.settings_in_force(weeks, valid_from)
    old = _snapshot(coop, current) if coop.id else None
    # A fresh database's settings are not stored yet: version 0, like an attendance day not registered.
    conflicts.check(session, coop if coop.id else None, expected_version, "cooperative", coop.id)
    # Validate everything before touching the stored row, so a refused save leaves no trace.
    clean_name = require_text(name, "name", "Kooperativets namn", "The cooperative's name")
    clean_org = normalize_org_number(org_number) if org_number and org_number.strip() else None
    clean_address = optional_text(address, "address", "Adressen", "The address")
    opening = current.opening_weekdays
    if opening_weekdays is not None:
        opening = check_weekdays(list(opening_weekdays), "opening_weekdays", frozenset(range(1, 8)))
    full_time = current.full_time_week
    if full_time_hours_per_week is not None:
        full_time = parse_decimal(
            full_time_hours_per_week,
            "full_time_hours_per_week",
            what_sv="Heltidsveckan",
            what_en="The full-time week",
            minimum=Decimal(0),
            exclusive_minimum=True,
            maximum=Decimal(168),
        )
    if host_district_id is ...:  # not given: keep the host district as it is
        host_district_id = current.host_district_id
    if host_district_id is not None and session.get(District, host_district_id) is None:
        raise ValidationError(
            "host_district",
            host_district_id,
            "Värdstadsdelen finns inte bland beställarna.",
            "The host district is not among the districts.",
        )
    new_week = SettingsSpan(valid_from, full_time, opening, host_district_id)
    week_changed = (opening, full_time, host_district_id) != (
        current.opening_weekdays,
        current.full_time_week,
        current.host_district_id,
    )
    if week_changed:
        later = [w.valid_from for w in stored if w.valid_from > valid_from]
        until = min(later) - dt.timedelta(days=1) if later else None
        locks.ensure_dated_change_allowed(session, valid_from, until)
        _check_capacity_within_opening(session, opening, valid_from, until)
        _store_week(session, stored, new_week)
    coop.name, coop.org_number, coop.address = clean_name, clean_org, clean_address
    session.add(coop)
    if week_changed and coop.id:
        flag_modified(coop, "name")  # the settings' version moves with their dated values too
    conflicts.flush(session, "cooperative", coop.id)
    new = _snapshot(coop, new_week)
    if week_changed:
        new["valid_from"] = valid_from
    audit.record(
        session,
        actor,
        "update" if old else "create",
        "cooperative",
        coop.id,
        summary=coop.name if not week_changed else f"{coop.name}: inställningar från {valid_from}",
        old=old,
        new=new,
    )
    return coop


def settings_valid_from_default(session: Session, today: dt.date | None = None) -> dt.date:
    """From when a change of the full-time week, opening weekdays or host district holds unless the user says
    otherwise: the first day after the last attested month, or of the current month if later; from
    the start for a database that has never stored them and has no attested month."""
    if session.scalar(select(SettingsPeriod.id).limit(1)) is None and locks.after_last_attested(session) is None:
        return HISTORY_START
    return locks.default_valid_from(session, today)


def _store_week(session: Session, stored: list[SettingsPeriod], week: SettingsSpan) -> None:
    """Add the dated entry, or change the one of the same date. A database whose settings were never
    stored first gets the defaults it has used so far, from the start."""
    if not stored and week.valid_from > HISTORY_START:
        session.add(
            SettingsPeriod(
                valid_from=HISTORY_START,
                full_time_hours_per_week=DEFAULT_FULL_TIME_WEEK,
                opening_weekdays=DEFAULT_WEEKDAYS,
                host_district_id=None,
            )
        )
    same_day = next((w for w in stored if w.valid_from == week.valid_from), None)
    if same_day is None:
        same_day = SettingsPeriod(valid_from=week.valid_from)
        session.add(same_day)
    same_day.full_time_hours_per_week, same_day.opening_weekdays = week.full_time_week, week.opening_weekdays
    same_day.host_district_id = week.host_district_id


def _check_capacity_within_opening(
    session: Session, opening: frozenset[int], first: dt.date = HISTORY_START, until: dt.date | None = None
) -> None:
    """Planned weekdays must stay opening weekdays (domain.md §2): closing a weekday that members are
    planned on would silently unplan their days, absences included. Only the capacity periods in
    force from ``first`` to ``until`` (open-ended if None) are concerned."""
    names = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
    periods = list(
        session.scalars(select(CapacityPeriod).order_by(CapacityPeriod.member_id, CapacityPeriod.valid_from))
    )
    for index, period in enumerate(periods):
        following = periods[index + 1] if index + 1 < len(periods) else None
        ends = following.valid_from if following is not None and following.member_id == period.member_id else None
        if (until is not None and period.valid_from > until) or (ends is not None and ends <= first):
            continue
        outside = sorted(set(period.weekdays) - opening)
        if outside:
            raise ValidationError(
                "opening_weekdays",
                sorted(opening),
                f"{period.member.name} är planerad på {names[outside[0] - 1]} (omfattning från {period.valid_from}). "
                "Ändra medlemmens planerade veckodagar först.",
                f"{period.member.name} is planned on weekday {outside[0]} (capacity from {period.valid_from}). "
                "Change the member's planned weekdays first.",
            )


def add_closure_day(session: Session, actor: audit.Actor, day: dt.date) -> None:
    require_admin(actor, "ändra stängningsdagar", "change closure days")
    if session.get(ClosureDay, day) is not None:
        raise ValidationError(
            "day", day.isoformat(), f"{day} är redan en stängningsdag.", f"{day} is already a closure day."
        )
    ensure_unlocked(session, day, day, field="day")
    absent = session.execute(
        select(Member.name, Attendance.status)
        .join(Attendance, Attendance.member_id == Member.id)
        .where(Attendance.day == day, Attendance.status != "present")
        .limit(1)
    ).first()
    if absent is not None:
        # A closure day is not planned, and absences are only allowed on planned days (domain.md §3).
        raise ValidationError(
            "day",
            day.isoformat(),
            f"{absent.name} har {STATUS_SV[absent.status].lower()} registrerad {day}. En stängningsdag är inte "
            "planerad, så ändra registreringen först.",
            f"{absent.name} has {absent.status} registered on {day}. A closure day is not planned, so change "
            "that record first.",
        )
    session.add(ClosureDay(day=day))
    session.flush()
    audit.record(session, actor, "create", "closure_day", day.isoformat(), summary=f"Stängningsdag {day}")


def remove_closure_day(session: Session, actor: audit.Actor, day: dt.date) -> None:
    require_admin(actor, "ändra stängningsdagar", "change closure days")
    closure = session.get(ClosureDay, day)
    if closure is None:
        raise NotFoundError(f"{day} är ingen stängningsdag.", f"{day} is not a closure day.")
    ensure_unlocked(session, day, day, field="day")
    session.delete(closure)
    session.flush()
    audit.record(session, actor, "delete", "closure_day", day.isoformat(), summary=f"Stängningsdag {day}")


def add_work_area(session: Session, actor: audit.Actor, name: str) -> WorkArea:
    require_admin(actor, "ändra arbetsområden", "change work areas")
    clean = require_text(name, "name", "Arbetsområdets namn", "The work area's name", 100)
    if any(a.name.casefold() == clean.casefold() for a in session.scalars(select(WorkArea))):
        raise ValidationError(
            "name", clean, f"Arbetsområdet {clean} finns redan.", f"The work area {clean} already exists."
        )
    area = WorkArea(name=clean)
    session.add(area)
    session.flush()
    audit.record(session, actor, "create", "work_area", area.id, summary=clean, new={"name": clean})
    return area


def rename_work_area(
    session: Session, actor: audit.Actor, area_id: int, name: str, *, expected_version: int | None = None
) -> WorkArea:
    require_admin(actor, "ändra arbetsområden", "change work areas")
    area = session.get(WorkArea, area_id)
    if area is None:
        raise NotFoundError(f"Arbetsområdet {area_id} finns inte.", f"The work area {area_id} does not exist.")
    conflicts.check(session, area, expected_version, "work_area", area.id, subject=area.name)
    clean = require_text(name, "name", "Arbetsområdets namn", "The work area's name", 100)
    if any(a.name.casefold() == clean.casefold() and a.id != area_id for a in session.scalars(select(WorkArea))):
        raise ValidationError(
            "name", clean, f"Arbetsområdet {clean} finns redan.", f"The work area {clean} already exists."
        )
    old = area.name
    area.name = clean
    conflicts.flush(session, "work_area", area.id, subject=old)
    audit.record(session, actor, "update", "work_area", area.id, summary=clean, old={"name": old}, new={"name": clean})
    return area


IDLE_LOCK_RANGE = (1, 240)


def save_idle_lock(
    session: Session, actor: audit.Actor, minutes: int, *, expected_version: int | None = None
) -> Cooperative:
    """After how many idle minutes the app locks itself (the screen of a shared office PC).

    ``expected_version``: of the cooperative's row, as for :func:`save_cooperative` (0: not stored yet).
    """
    require_admin(actor, "ändra inställningarna", "change the settings")
    low, high = IDLE_LOCK_RANGE
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not low <= minutes <= high:
        raise ValidationError(
            "idle_lock_minutes",
            minutes,
            f"Låstiden anges i hela minuter, {low}–{high}.",
            f"The idle lock time is whole minutes, {low}–{high}.",
        )
    coop = lookups.cooperative(session)
    conflicts.check(session, coop if coop.id else None, expected_version, "cooperative", coop.id)
    old = coop.idle_lock_minutes if coop.id else 10
    coop.idle_lock_minutes = minutes
    session.add(coop)
    conflicts.flush(session, "cooperative", coop.id)
    if old != minutes:
        audit.record(
            session,
            actor,
            "update",
            "cooperative",
            coop.id,
            summary=f"Låses efter {minutes} minuter utan aktivitet",
            old={"idle_lock_minutes": old},
            new={"idle_lock_minutes": minutes},
        )
    return coop
