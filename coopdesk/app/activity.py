"""Other PCs' changes, read from the audit log (no Qt).

Every change writes an audit entry in its own transaction, so ``max(audit_log.id)`` is a change
counter that works on SQLite and PostgreSQL alike; the entries after the last one seen tell which
kinds of data other PCs changed (an index range on the primary key, well under a millisecond).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from coopdesk.app.application import Query
from coopdesk.core.models import AuditEntry

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: What an audit entry's entity means for the views (kinds of ``Changes``); unknown entities: "all".
KINDS = {
    "attendance": "attendance",
    "member": "members",
    "placement": "members",
    "capacity": "members",
    "supervisor": "supervisors",
    "supervisor_hours": "supervisors",
    "district": "districts",
    "tariff": "districts",
    "cooperative": "settings",
    "work_area": "settings",
    "closure_day": "settings",
    "month": "locks",
    "journal_entry": "social",
    "care_plan": "social",
    "deviation": "social",
    "documentation": "social",
}
#: Entries that change nothing a view shows (someone opened a file, logged in or out, changed a password,
#: exported, printed or backed up).
QUIET_ACTIONS = frozenset({"read", "login", "login_failed", "logout", "password", "export", "print", "backup"})
#: At most this many entries per look; more means "everything changed" anyway.
PAGE = 1000


@dataclass(frozen=True)
class Entry:
    id: int
    entity: str
    action: str


class AuditEntriesAfter(Query[list[Entry]]):
    """The audit entries after ``last``; with ``last`` None, only the newest id (the starting point)."""

    def __init__(self, last: int | None) -> None:
        self.last = last

    def run(self, session: Session, today: dt.date) -> list[Entry]:
        if self.last is None:
            newest = session.scalar(select(func.max(AuditEntry.id))) or 0
            return [Entry(newest, "", "read")]
        query = (
            select(AuditEntry.id, AuditEntry.entity, AuditEntry.action)
            .where(AuditEntry.id > self.last)
            .order_by(AuditEntry.id)
            .limit(PAGE)
        )
        return [Entry(i, e, a) for i, e, a in session.execute(query)]


def kinds_of(entries: Iterable[Entry], own: set[int]) -> list[str]:
    """The kinds of data other PCs changed, each once, in order; ``own`` (a window's own entries) are
    skipped and removed from it."""
    kinds: list[str] = []
    for entry in entries:
        if entry.id in own:
            own.discard(entry.id)
        elif entry.action not in QUIET_ACTIONS and entry.entity != "user":
            kinds.append(KINDS.get(entry.entity, "all"))
    return list(dict.fromkeys(kinds))
