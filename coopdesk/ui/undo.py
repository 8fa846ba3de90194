"""Undo and redo of register and grid edits (QUndoStack, Ctrl+Z / Ctrl+Y).

Every edit is the application layer's ``RegisterDays`` command (app/attendance.py) — the same command
``coopdesk register`` runs. Only a change that succeeded is pushed, so the stack never holds an edit the
database refused. Undo applies the old state through the same command, so it obeys the same rules (an
attested month cannot be changed by undo either), and with the version its own change left: undo never
overwrites what another PC has changed since.

Every change passes the version of the record the view showed (``expected``), so a day another PC has
changed meanwhile is refused with a message instead of overwritten. When the database server cannot be
reached, the change is kept to be saved later (app/offline.py) and is not undoable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from coopdesk.app.attendance import DayChange, DayDone, DayState, RegisterDays
from coopdesk.app.offline import PendingChange
from coopdesk.ui.context import PENDING, AppContext
from coopdesk.ui.formats import status_name, tr

if TYPE_CHECKING:
    from coopdesk.app.changes import Changes

__all__ = ["AttendanceCommand", "Change", "DayState", "set_day", "set_many"]

#: One day to change: (member id, name, date, new state, the version the view showed or None).
Change = tuple[int, str, dt.date, DayState, int | None]


def register_command(changes: Sequence[Change], *, with_rows: bool = False) -> RegisterDays:
    return RegisterDays(
        [DayChange.of(member_id, day, state, expected, name) for member_id, name, day, state, expected in changes],
        with_rows=with_rows,
    )


class AttendanceCommand(QUndoCommand):
    """One member-day changed by this window. ``expected`` is the version the change was made over:
    when that is the version this window's previous change of the same day left (nobody else changed
    the day in between), the two are linked, and undoing this one gives the previous one the version
    its undo must expect. Unlinked, Ctrl+M then S on the same member then Ctrl+Z twice was refused as
    a change "på en annan dator": the first undo had moved the record's version itself."""

    def __init__(self, ctx: AppContext, done: DayDone, expected: int | None = None) -> None:
        super().__init__(f"{done.name} {done.day}: {status_name(done.new.status)}")
        self.ctx, self.member_id, self.name, self.day = ctx, done.member_id, done.name, done.day
        self.old, self.new = done.old, done.new
        self.version = done.version  # of the record as this command's last change left it
        self._applied = True  # the change was made before the command was pushed
        last = _last_writers(ctx).get((self.member_id, self.day))
        # The same window's previous change of this day, when nothing came in between.
        self.before = last if last is not None and expected is not None and last.version == expected else None
        _last_writers(ctx)[(self.member_id, self.day)] = self

    def _set(self, state: DayState) -> bool:
        self.ctx.tasks.settle()  # an edit still on its way is saved before it is undone
        command = RegisterDays([DayChange.of(self.member_id, self.day, state, self.version, self.name)])
        changes = self.ctx.execute(None, command)
        if changes is None or changes is PENDING:
            return False
        self.version = changes.result[0].version
        return True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        if self.before is not None:  # the day is as the previous change left it (redone just now)
            self.version = self.before.version
        if self._set(self.new):
            _last_writers(self.ctx)[(self.member_id, self.day)] = self

    def undo(self) -> None:
        if self._set(self.old):
            writers = _last_writers(self.ctx)
            if self.before is not None:  # the day is as the previous change left it, at this version
                self.before.version = self.version
                writers[(self.member_id, self.day)] = self.before
            else:
                writers.pop((self.member_id, self.day), None)


def _last_writers(ctx: AppContext) -> dict[tuple[int, dt.date], Any]:
    """Per member-day, this window's command whose change the record now shows (see AttendanceCommand)."""
    return ctx.undo_stack.writers


def push_done(ctx: AppContext, done: list[DayDone], label: str, changes: Sequence[Change] = ()) -> None:
    """Put what was done on the undo stack: one step, whatever the number of days. ``changes`` are the
    changes asked for, with the versions they were made over (to link them, see AttendanceCommand)."""
    expected = {(member_id, day): version for member_id, _name, day, _state, version in changes}
    steps = [d for d in done if d.old != d.new]
    if len(steps) > 1:
        ctx.undo_stack.beginMacro(label)
    for step in steps:
        ctx.undo_stack.push(AttendanceCommand(ctx, step, expected.get((step.member_id, step.day))))
    if len(steps) > 1:
        ctx.undo_stack.endMacro()


def set_day(
    ctx: AppContext,
    parent: QWidget | None,
    member_id: int,
    name: str,
    day: dt.date,
    new: DayState,
    expected: int | None = None,
    *,
    on_done: Callable[[DayDone], None] | None = None,
    on_refused: Callable[[], None] | None = None,
) -> bool:
    """Apply ``new`` to a member's day and push it on the undo stack. False if it was refused.

    ``expected`` is the version of the record the view showed (0: none). True too when the server
    cannot be reached and the change waits to be saved. With ``on_done``, the change runs without
    waiting (the view has shown it already): ``on_done`` gets what was done, with the register row as it
    now stands; ``on_refused`` is called when it was refused (the error has been shown).
    """
    label = f"{name} {day}: {status_name(new.status)}"
    change: Change = (member_id, name, day, new, expected)
    offline = PendingChange(label, register_command([change]))
    if on_done is not None:

        def saved(changes: Changes) -> None:
            push_done(ctx, changes.result, label, [change])
            on_done(changes.result[0])

        ctx.execute_later(parent, register_command([change], with_rows=True), saved, on_refused, offline=offline)
        return True
    result = ctx.execute(parent, register_command([change]), offline=offline)
    if result is None:
        return False
    if result is not PENDING:
        push_done(ctx, result.result, label, [change])
    return True


def set_many(ctx: AppContext, parent: QWidget | None, changes: list[Change], text: str) -> int:
    """Several days in one unit of work and one undo step (e.g. "mark all planned as present")."""
    label = text or tr("Flera ändringar")
    result = ctx.execute(parent, register_command(changes), offline=PendingChange(label, register_command(changes)))
    if result is None:
        return 0
    if result is not PENDING:
        push_done(ctx, result.result, label, changes)
    return len(changes)
