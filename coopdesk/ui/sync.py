"""Several PCs on one database: other PCs' changes, and changes waiting for an unreachable server.

**Refresh.** Every few seconds the monitor asks the application layer for the audit entries after the
last one it has seen (app/activity.py); entries this window wrote itself are skipped, the rest become
``changed`` kinds and the views refresh (a view with an open editor waits until it closes).
LISTEN/NOTIFY would need a connection held open per PC and a trigger per table, for no gain a
supervisor would notice.

**Offline.** When the database server cannot be reached, a register change is kept here, in order, as
the command it was (app/offline.py); a banner says how many changes wait. The monitor retries every few
seconds on the one database worker and replays them in order when the server answers again. A change
another PC has made to the same day meanwhile is a conflict, shown like any other.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from coopdesk.core.errors import CoopdeskError

if TYPE_CHECKING:
    from coopdesk.app.application import Application
    from coopdesk.app.attendance import DayState
    from coopdesk.app.offline import PendingChange
    from coopdesk.ui.tasks import TaskRunner

POLL_MS = 4_000


class SyncHost(Protocol):
    """What the monitor needs of the window's context (ui/context.py)."""

    tasks: TaskRunner
    changed: SignalInstance
    day_changed: SignalInstance

    @property
    def has_database(self) -> bool: ...

    @property
    def app(self) -> Application: ...

    def describe_database(self) -> str | None: ...

    def user_name(self) -> str: ...


class SyncMonitor(QObject):
    """The change counter, the offline state and the pending changes of one window."""

    #: Offline or online, or the number of pending changes, changed.
    state_changed = Signal()
    #: A known error of a change applied later (a conflict, a month attested meanwhile).
    refused = Signal(object)

    def __init__(self, host: SyncHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.pending: list[PendingChange] = []
        self.offline = False
        self.last_seen: int | None = None
        self._own: set[int] = set()
        self._checking = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.check)

    # --- the change counter --------------------------------------------------------------------

    def start(self) -> None:
        if self.last_seen is None and self.host.has_database:
            try:
                self.last_seen = self._look(None)[0][0]
            except CoopdeskError as error:
                if not _unreachable(error):
                    raise
                self.went_offline()
        self.timer.start()

    def _look(self, last: int | None) -> list[tuple[int, str, str]]:
        from coopdesk.app.activity import AuditEntriesAfter

        app = self.host.app
        return [(e.id, e.entity, e.action) for e in self.host.tasks.call(lambda: app.read(AuditEntriesAfter(last)))]

    def stop(self) -> None:
        self.timer.stop()

    def note_own(self, ids: list[int] | tuple[int, ...]) -> None:
        """Audit entries this window wrote: its own changes need no refresh from the database."""
        self._own.update(ids)

    def check(self, *, wait: bool = False) -> None:
        """Look for other PCs' changes; offline, try the server again and apply what waits.

        On the database worker; ``wait`` blocks until done (tests, "Försök nu").
        """
        if self._checking or not self.host.has_database:
            return
        if wait:
            self.host.tasks.settle()  # this window's own edits on their way are noted as its own first
        self._checking = True
        app, last, pending = self.host.app, self.last_seen, list(self.pending)

        def work() -> tuple[list[Any], list[tuple[PendingChange, BaseException | None]]]:
            from coopdesk.app.activity import AuditEntriesAfter
            from coopdesk.app.offline import replay

            replayed = replay(app, pending, executed=self._own.update)
            if replayed and replayed[-1][1] is not None and _unreachable(replayed[-1][1]):
                return [], replayed
            return app.read(AuditEntriesAfter(last)), replayed

        if wait:
            try:
                result = self.host.tasks.call(work)
            except BaseException as error:
                import traceback

                self._failed(error, traceback.format_exc())
                return
            self._done(result)
        else:
            self.host.tasks.run(work, self._done, self._failed, quiet=True)

    def _failed(self, error: BaseException, details: str) -> None:
        self._checking = False
        if _unreachable(error):
            self.went_offline()
        elif isinstance(error, CoopdeskError):
            self.refused.emit(error)
        else:
            from coopdesk.ui.errors import show_bug

            show_bug(None, error, details)

    def _done(self, result: tuple[list[Any], list[tuple[PendingChange, BaseException | None]]]) -> None:
        from coopdesk.app.activity import kinds_of

        self._checking = False
        entries, replayed = result
        kinds: list[str] = []
        for change, error in replayed:
            if error is not None and _unreachable(error):
                break  # still offline: this one and the rest wait
            self.pending = [p for p in self.pending if p is not change]
            kinds.append(change.kind)
            if error is not None:
                self.refused.emit(error)
        offline_still = bool(replayed) and replayed[-1][1] is not None and _unreachable(replayed[-1][1])
        if offline_still:
            self.went_offline()
        elif self.offline or replayed:
            self.offline = False
            self.state_changed.emit()
        for change, _error in replayed:
            if change in self.pending:
                continue
            for member_id, day in change.days:
                self.host.day_changed.emit(member_id, day)
        if entries:
            self.last_seen = max(self.last_seen or 0, *(entry.id for entry in entries))
        kinds.extend(kinds_of(entries, self._own))
        for kind in dict.fromkeys(kinds):  # each kind once, in order
            self.host.changed.emit(kind)

    # --- offline -------------------------------------------------------------------------------

    def went_offline(self) -> None:
        if not self.offline:
            self.offline = True
            self.state_changed.emit()
        if not self.timer.isActive() and self.host.has_database:
            self.timer.start()

    def add(self, change: PendingChange) -> None:
        self.pending.append(change)
        self.went_offline()
        self.state_changed.emit()

    def pending_days(self) -> dict[tuple[int, dt.date], DayState]:
        """The register days that wait to be saved, with the state each will get (the newest wins)."""
        days: dict[tuple[int, dt.date], DayState] = {}
        for change in self.pending:
            days.update(change.days)
        return days

    def export(self, path: Path) -> None:
        """The pending changes as a JSON file: nothing typed is lost, even if the server never answers."""
        from coopdesk.app.files import write_private
        from coopdesk.app.offline import document

        data = document(self.pending, self.host.describe_database(), self.host.user_name())
        write_private(path, (json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8"))


def _unreachable(error: BaseException) -> bool:
    """The database server cannot be reached (by class name: importing storage here would load the
    database layer before the window is painted)."""
    return any(cls.__name__ == "ServerUnreachableError" for cls in type(error).__mro__)
