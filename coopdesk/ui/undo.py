"""Undo and redo of register and grid edits (QUndoStack, Ctrl+Z / Ctrl+Y).

A change is applied through the services first; only a change that succeeded is pushed, so the
stack never holds an edit the database refused. Undo applies the old state through the same
services, so it obeys the same rules (an attested month cannot be changed by undo either), and with
the version its own change left: undo never overwrites what another PC has changed since.

Every register change passes the version of the record the view showed (``expected``), so a day
another PC has changed meanwhile is refused with a message instead of overwritten. When the database
server cannot be reached, the change is kept to be saved later (ui/sync.py) and is not undoable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from coopdesk.core.actor import Actor
from coopdesk.core.services import attendance
from coopdesk.ui.context import PENDING, AppContext
from coopdesk.ui.formats import status_name, tr
from coopdesk.ui.sync import PendingChange


@dataclass(frozen=True)
class DayState:
    """A member's record of a day: no status means unregistered."""

    status: str | None = None
    hours: dict[int, Decimal] = field(default_factory=dict)


def current_state(session: Session, member_id: int, day: dt.date) -> DayState:
    record = attendance.find(session, member_id, day)
    if record is None:
        return DayState()
    return DayState(record.status, {h.work_area_id: h.hours for h in record.hours})


def _apply(
    session: Session, actor: Actor, member_id: int, day: dt.date, state: DayState, expected: int | None = None
) -> int:
    """Set the day to ``state``; the record's new version (0: no record)."""
    if state.status is None:
        attendance.clear(session, actor, member_id, day, expected_version=expected)
        return 0
    record = attendance.register(
        session,
        actor,
        member_id,
        day,
        state.status,
        state.hours if state.status == "present" else None,
        expected_version=expected,
    )
    return record.version


#: One day to change: (member id, name, date, new state, the version the view showed or None).
Change = tuple[int, str, dt.date, DayState, int | None]


def _pending(actor: Actor, changes: list[Change], label: str) -> PendingChange:
    """The changes as a pending change, for when the server cannot be reached (ui/sync.py)."""

    def apply(session: Session, versions: dict[Any, int]) -> dict[Any, int]:
        made = {}
        for member_id, _name, day, state, expected in changes:
            key = (member_id, day)
            made[key] = _apply(session, actor, member_id, day, state, versions.get(key, expected))
        return made

    record = [
        {
            "member_id": member_id,
            "member": name,
            "date": day.isoformat(),
            "status": state.status,
            "hours": {str(area): str(hours) for area, hours in state.hours.items()},
            "expected_version": expected,
        }
        for member_id, name, day, state, expected in changes
    ]
    days = {(member_id, day): state for member_id, _name, day, state, _expected in changes}
    return PendingChange(label, "attendance", apply, days, record)


class AttendanceCommand(QUndoCommand):
    def __init__(
        self,
        ctx: AppContext,
        member_id: int,
        name: str,
        day: dt.date,
        old: DayState,
        new: DayState,
        version: int,
    ):
        super().__init__(f"{name} {day}: {status_name(new.status)}")
        self.ctx, self.member_id, self.day, self.old, self.new = ctx, member_id, day, old, new
        self.version = version  # of the record as this command's last change left it
        self._applied = True  # the change was made before the command was pushed

    def _set(self, state: DayState) -> None:
        actor, member_id, day, expected = self.ctx.actor, self.member_id, self.day, self.version
        version = self.ctx.change(
            None,
            lambda s: _apply(s, actor, member_id, day, state, expected),
            "attendance",
            day=(member_id, day),
        )
        if version is not None:
            self.version = version

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)


def set_day(
    ctx: AppContext,
    parent: QWidget | None,
    member_id: int,
    name: str,
    day: dt.date,
    new: DayState,
    expected: int | None = None,
) -> bool:
    """Apply ``new`` to a member's day and push it on the undo stack. False if it was refused.

    ``expected`` is the version of the record the view showed (0: none). True too when the server
    cannot be reached and the change waits to be saved.
    """
    actor = ctx.actor

    def action(session: Session) -> tuple[DayState, int]:
        old = current_state(session, member_id, day)
        return old, _apply(session, actor, member_id, day, new, expected)

    label = f"{name} {day}: {status_name(new.status)}"
    result = ctx.change(
        parent,
        action,
        "attendance",
        day=(member_id, day),
        offline=_pending(actor, [(member_id, name, day, new, expected)], label),
    )
    if result is None:
        return False
    if result is PENDING:
        return True
    old, version = result
    if old != new:
        ctx.undo_stack.push(AttendanceCommand(ctx, member_id, name, day, old, new, version))
    return True


def set_many(ctx: AppContext, parent: QWidget | None, changes: list[Change], text: str) -> int:
    """Several days in one unit of work and one undo step (e.g. "mark all planned as present")."""
    actor = ctx.actor

    def action(session: Session) -> list[tuple[DayState, int]]:
        done = []
        for member_id, _name, day, new, expected in changes:
            old = current_state(session, member_id, day)
            done.append((old, _apply(session, actor, member_id, day, new, expected)))
        return done

    label = text or tr("Flera ändringar")
    results = ctx.change(parent, action, "attendance", offline=_pending(actor, changes, label))
    if results is None:
        return 0
    if results is PENDING:
        return len(changes)
    ctx.undo_stack.beginMacro(label)
    for (member_id, name, day, new, _expected), (old, version) in zip(changes, results, strict=True):
        if old != new:
            ctx.undo_stack.push(AttendanceCommand(ctx, member_id, name, day, old, new, version))
    ctx.undo_stack.endMacro()
    return len(changes)
