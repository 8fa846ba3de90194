"""Undo and redo of register and grid edits (QUndoStack, Ctrl+Z / Ctrl+Y).

A change is applied through the services first; only a change that succeeded is pushed, so the
stack never holds an edit the database refused. Undo applies the old state through the same
services, so it obeys the same rules (an attested month cannot be changed by undo either).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from coopdesk.core.services import attendance
from coopdesk.ui.context import AppContext
from coopdesk.ui.formats import status_name, tr


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


def _apply(session: Session, ctx: AppContext, member_id: int, day: dt.date, state: DayState) -> None:
    if state.status is None:
        attendance.clear(session, ctx.actor, member_id, day)
    else:
        attendance.register(
            session, ctx.actor, member_id, day, state.status, state.hours if state.status == "present" else None
        )


class AttendanceCommand(QUndoCommand):
    def __init__(self, ctx: AppContext, member_id: int, name: str, day: dt.date, old: DayState, new: DayState):
        super().__init__(f"{name} {day}: {status_name(new.status)}")
        self.ctx, self.member_id, self.day, self.old, self.new = ctx, member_id, day, old, new
        self._applied = True  # the change was made before the command was pushed

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.ctx.change(
            None,
            lambda s: _apply(s, self.ctx, self.member_id, self.day, self.new),
            "attendance",
            day=(self.member_id, self.day),
        )

    def undo(self) -> None:
        self.ctx.change(
            None,
            lambda s: _apply(s, self.ctx, self.member_id, self.day, self.old),
            "attendance",
            day=(self.member_id, self.day),
        )


def set_day(ctx: AppContext, parent: QWidget | None, member_id: int, name: str, day: dt.date, new: DayState) -> bool:
    """Apply ``new`` to a member's day and push it on the undo stack. False if it was refused."""

    def action(session: Session) -> DayState:
        old = current_state(session, member_id, day)
        _apply(session, ctx, member_id, day, new)
        return old

    old = ctx.change(parent, action, "attendance", day=(member_id, day))
    if old is None:
        return False
    if old != new:
        ctx.undo_stack.push(AttendanceCommand(ctx, member_id, name, day, old, new))
    return True


def set_many(
    ctx: AppContext, parent: QWidget | None, changes: list[tuple[int, str, dt.date, DayState]], text: str
) -> int:
    """Several days in one unit of work and one undo step (e.g. "mark all planned as present")."""

    def action(session: Session) -> list[DayState]:
        olds = []
        for member_id, _name, day, new in changes:
            olds.append(current_state(session, member_id, day))
            _apply(session, ctx, member_id, day, new)
        return olds

    olds = ctx.change(parent, action, "attendance")
    if olds is None:
        return 0
    ctx.undo_stack.beginMacro(text or tr("Flera ändringar"))
    for (member_id, name, day, new), old in zip(changes, olds, strict=True):
        if old != new:
            ctx.undo_stack.push(AttendanceCommand(ctx, member_id, name, day, old, new))
    ctx.undo_stack.endMacro()
    return len(changes)
