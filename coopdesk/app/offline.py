"""Changes that wait for an unreachable database server, and their replay (no Qt).

A register change made while the server cannot be reached is kept, in order, as the command it was;
``replay`` runs them when the server answers again, each in its own unit of work, passing on the
record versions earlier ones produced (so a second offline change of the same day does not conflict
with the first). ``document`` is the file a user may save them to, so nothing typed is lost even if
the server never answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coopdesk.app.application import Application, is_unreachable
from coopdesk.app.attendance import DayDone, DayState, RegisterDays
from coopdesk.core.errors import CoopdeskError

FORMAT = "coopdesk/pending-changes/1"


@dataclass
class PendingChange:
    """A register command that waits for the server, with the label the interface shows for it."""

    label: str
    command: RegisterDays
    queued_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    kind: str = "attendance"

    @property
    def days(self) -> dict[tuple[int, dt.date], DayState]:
        """Each (member id, date) it sets, with the state it sets: the views show these until saved."""
        return {
            (int(change.member), change.day): DayState(change.status, {int(a): v for a, v in change.hours.items()})  # type: ignore[misc]
            for change in self.command.days
        }

    def record(self) -> list[dict[str, Any]]:
        """The change as plain JSON, for the file of pending changes."""
        return [
            {
                "member_id": change.member,
                "member": change.name,
                "date": change.day.isoformat(),
                "status": change.status,
                "hours": {str(area): str(hours) for area, hours in change.hours.items()},
                "expected_version": change.expected,
            }
            for change in self.command.days
        ]


def document(pending: list[PendingChange], database: str | None, user: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "database": database,
        "user": user,
        "saved_at": dt.datetime.now().replace(microsecond=0).isoformat(),
        "changes": [{"label": c.label, "queued_at": c.queued_at.isoformat(), "changes": c.record()} for c in pending],
    }


def replay(
    app: Application,
    pending: list[PendingChange],
    executed: Callable[[list[int]], None] | None = None,
) -> list[tuple[PendingChange, BaseException | None]]:
    """Apply the pending changes in order, each in its own unit of work; stop at the first that finds
    the server still unreachable. A refused one (a conflict, a month attested meanwhile) is reported and
    the rest go on. ``executed`` gets the audit ids each saved change wrote."""
    versions: dict[tuple[int, dt.date], int] = {}
    done: list[tuple[PendingChange, BaseException | None]] = []
    for change in pending:
        command = RegisterDays(change.command.days, versions={**change.command.versions, **versions})
        try:
            changes = app.execute(command)
        except CoopdeskError as error:
            done.append((change, error))
            if is_unreachable(error):
                break
            continue
        result: list[DayDone] = changes.result
        versions.update({(d.member_id, d.day): d.version for d in result})
        if executed is not None:
            executed(list(changes.audit_ids))
        done.append((change, None))
    return done
