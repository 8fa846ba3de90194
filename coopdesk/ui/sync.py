"""Several PCs on one database: other PCs' changes, and changes waiting for an unreachable server.

**Refresh.** Every change writes an audit log entry in its own transaction, so ``max(audit_log.id)``
is a change counter that works on SQLite and PostgreSQL alike. Every few seconds the monitor asks
for the entries after the last one it has seen (an index range on the primary key, well under a
millisecond); entries this window wrote itself are skipped, the rest become ``ctx.changed`` kinds and
the views refresh (a view with an open editor waits until it closes). LISTEN/NOTIFY would need a
connection held open per PC and a trigger per table, for no gain a supervisor would notice.

**Offline.** When the database server cannot be reached (``ServerUnreachableError``), a register
change is kept here, in order, as the service call it was (a closure plus its parameters for the
record); a banner says how many changes wait. The monitor retries every few seconds, off the GUI
thread, and applies them in order when the server answers again. A change another PC has made to the
same day meanwhile is a conflict, shown like any other.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from coopdesk.core.errors import CoopdeskError
from coopdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coopdesk.ui.context import AppContext

POLL_MS = 4_000
#: What an audit entry's entity means for the views (``ctx.changed`` kinds); unknown entities: "all".
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
}
#: Entries that change nothing a view shows (someone opened a file, logged in or out, changed a password,
#: exported, printed or backed up).
QUIET_ACTIONS = frozenset({"read", "login", "login_failed", "logout", "password", "export", "print", "backup"})


def is_unreachable(error: BaseException) -> bool:
    """The database server cannot be reached (storage/database.py's ServerUnreachableError)."""
    return any(cls.__name__ == "ServerUnreachableError" for cls in type(error).__mro__)


@dataclass
class PendingChange:
    """A register change that waits for the server.

    ``apply(session, versions)`` makes it through the services; ``versions`` holds the record versions
    that earlier pending changes produced (so a second change of the same day made offline does not
    conflict with the first), and it returns the versions it produced itself. ``days`` maps each
    (member id, date) it changes to the state it sets, for the views to show until it is saved;
    ``record`` is the same as plain JSON, for the file a user may save the pending changes to.
    """

    label: str
    kind: str
    apply: Callable[[Session, dict[Any, int]], dict[Any, int]]
    days: dict[tuple[int, dt.date], Any] = field(default_factory=dict)
    record: list[dict[str, Any]] = field(default_factory=list)
    queued_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))


class SyncMonitor(QObject):
    """The change counter, the offline state and the pending changes of one window."""

    #: Offline or online, or the number of pending changes, changed.
    state_changed = Signal()
    #: A known error of a change applied later (a conflict, a month attested meanwhile).
    refused = Signal(object)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.pending: list[PendingChange] = []
        self.offline = False
        self.last_seen: int | None = None
        self._own: set[int] = set()
        self._checking = False
        #: Server databases are asked off the GUI thread (a lost network may take seconds to time out);
        #: a local SQLite file answers in microseconds, so it is asked right away.
        self.runner = TaskRunner(self)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.check)

    # --- the change counter --------------------------------------------------------------------

    def start(self) -> None:
        if self.last_seen is None and self.ctx.has_database:
            try:
                self.last_seen = self.ctx.read(_newest_id)
            except CoopdeskError as error:
                if not is_unreachable(error):
                    raise
                self.went_offline()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.runner.wait(10_000)

    def note_own(self, ids: list[int]) -> None:
        """Audit entries this window wrote: its own changes need no refresh from the database."""
        self._own.update(ids)

    def check(self, *, wait: bool = False) -> None:
        """Look for other PCs' changes; offline, try the server again and apply what waits.

        Off the GUI thread for a server database (``wait`` blocks until done: tests); inline for SQLite.
        """
        if self._checking or not self.ctx.has_database:
            return
        self._checking = True
        database, last, pending = self.ctx.db, self.last_seen, list(self.pending)

        def work() -> tuple[list[tuple[int, str, str]], list[tuple[PendingChange, BaseException | None]]]:
            replayed = _replay(database, pending)
            if replayed and replayed[-1][1] is not None and is_unreachable(replayed[-1][1]):
                return [], replayed
            with database.session() as session:
                return _entries_after(session, last), replayed

        def failed(error: BaseException, details: str) -> None:
            self._checking = False
            if is_unreachable(error):
                self.went_offline()
            elif isinstance(error, CoopdeskError):
                self.refused.emit(error)
            else:
                from coopdesk.ui.errors import show_bug

                show_bug(None, error, details)

        if database.is_sqlite or wait:
            try:
                result = work()
            except BaseException as error:
                import traceback

                failed(error, traceback.format_exc())
                return
            self._done(result, pending)
        else:
            self.runner.run(work, lambda result: self._done(result, pending), failed)

    def _done(
        self,
        result: tuple[list[tuple[int, str, str]], list[tuple[PendingChange, BaseException | None]]],
        sent: list[PendingChange],
    ) -> None:
        self._checking = False
        entries, replayed = result
        kinds: list[str] = []
        for change, error in replayed:
            if error is not None and is_unreachable(error):
                break  # still offline: this one and the rest wait
            self.pending = [p for p in self.pending if p is not change]
            kinds.append(change.kind)
            if error is not None:
                self.refused.emit(error)
        offline_still = bool(replayed) and replayed[-1][1] is not None and is_unreachable(replayed[-1][1])
        if offline_still:
            self.went_offline()
        elif self.offline or replayed:
            self.offline = False
            self.state_changed.emit()
        for change, _error in replayed:
            if change in self.pending:
                continue
            for member_id, day in change.days:
                self.ctx.day_changed.emit(member_id, day)
        if entries:
            self.last_seen = max(self.last_seen or 0, *(entry_id for entry_id, _e, _a in entries))
        for entry_id, entity, action in entries:
            if entry_id in self._own:
                self._own.discard(entry_id)
            elif action not in QUIET_ACTIONS and entity != "user":
                kinds.append(KINDS.get(entity, "all"))
        for kind in dict.fromkeys(kinds):  # each kind once, in order
            self.ctx.changed.emit(kind)

    # --- offline -------------------------------------------------------------------------------

    def went_offline(self) -> None:
        if not self.offline:
            self.offline = True
            self.state_changed.emit()
        if not self.timer.isActive() and self.ctx.has_database:
            self.timer.start()

    def add(self, change: PendingChange) -> None:
        self.pending.append(change)
        self.went_offline()
        self.state_changed.emit()

    def pending_days(self) -> dict[tuple[int, dt.date], Any]:
        """The register days that wait to be saved, with the state each will get (the newest wins)."""
        days: dict[tuple[int, dt.date], Any] = {}
        for change in self.pending:
            days.update(change.days)
        return days

    def export(self, path: Path) -> None:
        """The pending changes as a JSON file: nothing typed is lost, even if the server never answers."""
        document = {
            "format": "coopdesk/pending-changes/1",
            "database": self.ctx.db.describe() if self.ctx.has_database else None,
            "user": self.ctx.actor.name,
            "saved_at": dt.datetime.now().replace(microsecond=0).isoformat(),
            "changes": [
                {"label": c.label, "queued_at": c.queued_at.isoformat(), "changes": c.record} for c in self.pending
            ],
        }
        from coopdesk.storage.files import write_atomic

        # Owner-only and whole (it names members and their days), like every file coopdesk writes.
        write_atomic(path, (json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8"))


def _newest_id(session: Session) -> int:
    from sqlalchemy import func, select

    from coopdesk.core.models import AuditEntry

    return session.scalar(select(func.max(AuditEntry.id))) or 0


def _entries_after(session: Session, last: int | None) -> list[tuple[int, str, str]]:
    from sqlalchemy import select

    from coopdesk.core.models import AuditEntry

    if last is None:
        return [(_newest_id(session), "", "read")]
    query = (
        select(AuditEntry.id, AuditEntry.entity, AuditEntry.action)
        .where(AuditEntry.id > last)
        .order_by(AuditEntry.id)
        .limit(1000)
    )
    return [(i, e, a) for i, e, a in session.execute(query)]


def _replay(database: Any, pending: list[PendingChange]) -> list[tuple[PendingChange, BaseException | None]]:
    """Apply the pending changes in order, each in its own unit of work; stop at the first that finds
    the server still unreachable. A refused one (a conflict, say) is reported and the rest go on."""
    versions: dict[Any, int] = {}
    done: list[tuple[PendingChange, BaseException | None]] = []
    for change in pending:
        try:
            with database.session() as session:
                versions.update(change.apply(session, versions))
        except CoopdeskError as error:  # a conflict, a month attested meanwhile, or still no server
            done.append((change, error))
            if is_unreachable(error):
                break
            continue
        done.append((change, None))
    return done
