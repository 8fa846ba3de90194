"""What every view needs, passed explicitly (no god object): the application, the user, undo, tasks.

Views speak to the application layer (coopdesk/app/) through this context: ``execute`` runs a command
on the one database worker and turns its ``Changes`` into signals; ``read`` runs a query there. Known
errors are shown here, once, the same way for every view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from coopdesk.core.actor import ROLE_ADMIN, ROLE_SUPERVISOR, Actor
from coopdesk.core.errors import ConflictError, CoopdeskError
from coopdesk.ui.errors import show_bug, show_error
from coopdesk.ui.sync import SyncMonitor
from coopdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the database layer loads after the window has been painted (see ui/gui.py)
    from coopdesk import access
    from coopdesk.app.application import Application, Command, Query
    from coopdesk.app.changes import Changes
    from coopdesk.app.database import Database
    from coopdesk.app.offline import PendingChange

T = TypeVar("T")


class _Pending:
    """What ``AppContext.execute`` returns for a change kept to be saved when the server answers."""

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return "PENDING"


PENDING: Any = _Pending()


class UndoStack(QUndoStack):
    """The undo stack, knowing whether its index moves because a new step was added or because of
    Ctrl+Z / Ctrl+Y: an edit saved by the worker is pushed after the view has said it, and that push
    must not be said again as "Gjort om" (register_keys.UndoEcho)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.adding = False  # a push (or a macro's end) is moving the index, not undo or redo
        #: Per (member id, day): the register command whose change the record shows (ui/undo.py).
        self.writers: dict[tuple[int, dt.date], Any] = {}

    def clear(self) -> None:
        self.writers.clear()
        super().clear()

    def _adding(self, add: Callable[[], None]) -> None:
        before, self.adding = self.adding, True
        try:
            add()
        finally:
            self.adding = before

    def push(self, cmd: QUndoCommand) -> None:
        self._adding(lambda: super(UndoStack, self).push(cmd))

    def endMacro(self) -> None:
        self._adding(lambda: super(UndoStack, self).endMacro())


class AppContext(QObject):
    """Shared by the views. ``changed`` tells every view that data of a kind has changed."""

    #: kinds: "attendance", "members", "supervisors", "districts", "settings", "locks", "all";
    #: "attendance_day" follows ``day_changed`` (one member's day), which views can apply to one row.
    changed = Signal(str)
    day_changed = Signal(int, object)  # member id, date

    def __init__(self, db: Database | None, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.actor = actor
        #: The logged-in account (coopdesk.access): for changing the own password and unlocking.
        self.user_session: access.UserSession | None = None
        self.undo_stack = UndoStack(self)
        #: The one database worker: every command and query runs there (ui/tasks.py).
        self.tasks = TaskRunner(self)
        self.sync = SyncMonitor(self, self)
        #: The main window, once there is one: it shows conflicts no view on the way shows (undo, say).
        self.main_window: QWidget | None = None
        # Today, for the figures that depend on it (Hittills i månaden); tests set a fixed day.
        self.clock: Callable[[], dt.date] = dt.date.today
        self._app: Application | None = None

    @property
    def db(self) -> Database:
        assert self._db is not None, "the database is opened right after the window is shown"
        return self._db

    @db.setter
    def db(self, database: Database) -> None:
        self._db = database

    @property
    def has_database(self) -> bool:
        return self._db is not None

    @property
    def app(self) -> Application:
        """The application layer for this database and user (made anew when either changes)."""
        app = self._app
        if app is None or app.db is not self.db or app.actor != self.actor:
            # Imported here: the database layer loads after the window has been painted (ui/gui.py).
            from coopdesk.app.application import Application

            app = self._app = Application(self.db, self.actor, lambda: self.clock())
        return app

    def describe_database(self) -> str | None:
        return self.db.describe() if self.has_database else None

    def user_name(self) -> str:
        return self.actor.name

    def account(self) -> access.UserSession:
        """The logged-in account; tools and tests that set only ``actor`` get one made from it."""
        from coopdesk import access

        if self.user_session is None or self.user_session.db is not self.db or self.user_session.actor != self.actor:
            self.user_session = access.UserSession(self.db, self.actor)
        return self.user_session

    # --- reading ------------------------------------------------------------------------------

    def query(self, query: Query[T]) -> T:
        """A read model, read on the database worker."""
        app = self.app
        try:
            return self.tasks.call(lambda: app.read(query))
        except CoopdeskError as error:
            if _unreachable(error):
                self.sync.went_offline()
            raise

    def query_or_keep(self, query: Query[T]) -> T | None:
        """``query``, or None when the server cannot be reached: the view keeps what it shows, and the
        window's banner says why."""
        try:
            return self.query(query)
        except CoopdeskError as error:
            if _unreachable(error):
                return None
            raise

    def read(self, read: Callable[[Any], T]) -> T:
        """A read still written as a function of a Session (see app.application.SessionRead)."""
        from coopdesk.app.application import SessionRead

        return self.query(SessionRead(read))  # type: ignore[no-any-return]

    def read_or_keep(self, read: Callable[[Any], T]) -> T | None:
        from coopdesk.app.application import SessionRead

        return self.query_or_keep(SessionRead(read))  # type: ignore[no-any-return]

    # --- changing -----------------------------------------------------------------------------

    def execute(
        self, parent: QWidget | None, command: Command[Any], *, offline: PendingChange | None = None
    ) -> Changes | None:
        """Run ``command`` on the database worker, waiting for it; tell the views what changed.

        A known error is shown (a conflict where a view shows conflicts, else in a box) and None is
        returned: nothing was saved. When the server cannot be reached, a change with ``offline`` is
        kept to be saved later and PENDING is returned; any other change keeps what the user typed in
        its form and says why.
        """
        app = self.app
        try:
            changes = self.tasks.call(lambda: app.execute(command))
        except CoopdeskError as error:
            return self._refused(parent, error, command, offline)
        self.apply(changes)
        return changes

    def execute_later(
        self,
        parent: QWidget | None,
        command: Command[Any],
        on_done: Callable[[Changes], None],
        on_refused: Callable[[], None] | None = None,
        *,
        offline: PendingChange | None = None,
    ) -> None:
        """``execute`` without waiting: the view shows the change at once (optimistically) and hears
        back in ``on_done``; refused, the error is shown and ``on_refused`` undoes what the view showed.
        Kept offline, ``on_done`` is not called (the pending change shows in its row)."""
        app = self.app

        def done(changes: Changes) -> None:
            self.apply(changes)
            on_done(changes)

        def failed(error: BaseException, details: str) -> None:
            if not isinstance(error, CoopdeskError):
                if on_refused is not None:
                    on_refused()
                show_bug(parent, error, details)
                return
            kept = self._refused(parent, error, command, offline)
            if kept is None and on_refused is not None:
                on_refused()

        self.tasks.run(lambda: app.execute(command), done, failed, quiet=True)

    def _refused(
        self, parent: QWidget | None, error: CoopdeskError, command: Command[Any], offline: PendingChange | None
    ) -> Any:
        if isinstance(error, ConflictError):
            self.show_conflict(parent, error)
            for kind in sorted(command.kinds) or ["all"]:
                self.changed.emit(kind)  # the views read again: the user sees the other PC's value
            return None
        if _unreachable(error):
            if offline is not None:
                self.sync.add(offline)
                return PENDING
            self.sync.went_offline()
        show_error(parent, error)
        return None

    def undo(self) -> None:
        """Ctrl+Z: the edits still on their way to the database land on the undo stack first."""
        self.tasks.settle()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.tasks.settle()
        self.undo_stack.redo()

    def refuse(self, parent: QWidget | None, error: CoopdeskError) -> None:
        """Say why a change was refused before it went to the database (a view's own check)."""
        show_error(parent, error)

    def apply(self, changes: Changes) -> None:
        """Tell the views what a command changed: one member-day as ``day_changed`` (a view updates one
        row), everything else as ``changed(kind)``, each kind once."""
        self.sync.note_own(changes.audit_ids)  # this window's own changes: no refresh from the database
        if len(changes.days) == 1 and not changes.kinds:
            ((member_id, day),) = changes.days
            self.day_changed.emit(member_id, day)
            self.changed.emit("attendance_day")
            return
        kinds = set(changes.kinds)
        if changes.days:
            kinds.add("attendance")
        for kind in sorted(kinds):
            self.changed.emit(kind)

    def change(
        self,
        parent: QWidget | None,
        action: Callable[[Any], T],
        kind: str,
    ) -> T | None:
        """A change still written as a function of a Session (app.application.SessionCall): one unit of
        work on the database worker; a known error is shown and nothing is saved."""
        from coopdesk.app.application import SessionCall

        changes = self.execute(parent, SessionCall(action, kind))
        return None if changes is None else changes.result  # type: ignore[no-any-return]

    def attempt(self, action: Callable[[Any], T], kind: str) -> tuple[T | None, CoopdeskError | None]:
        """Like ``change``, but a known error is handed back (to be shown next to the input it is about)."""
        from coopdesk.app.application import SessionCall

        app = self.app
        try:
            changes = self.tasks.call(lambda: app.execute(SessionCall(action, kind)))
        except ConflictError as error:
            self.changed.emit(kind)
            return None, error
        except CoopdeskError as error:
            if _unreachable(error):
                self.sync.went_offline()
            return None, error
        self.apply(changes)
        return changes.result, None

    def show_conflict(self, parent: QWidget | None, error: CoopdeskError) -> None:
        """The nearest view from ``parent`` up that shows conflicts itself, else the main window; a form
        dialog, or no window at all, gets a message box."""
        widget = parent
        while widget is not None:
            shown = getattr(widget, "show_conflict", None)
            if callable(shown):
                shown(error)
                return
            if widget.isWindow() and widget.inherits("QDialog"):
                break
            widget = widget.parentWidget()
        window = self.main_window
        if widget is None and window is not None and window is not parent:
            window.show_conflict(error)  # type: ignore[attr-defined]
            return
        show_error(parent, error)

    def run_in_background(
        self,
        parent: QWidget | None,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        label: str = "",
    ) -> None:
        def failed(error: BaseException, details: str) -> None:
            if isinstance(error, CoopdeskError):
                show_error(parent, error)
            else:
                show_bug(parent, error, details)

        self.tasks.run(work, on_done, failed, label)


def _unreachable(error: BaseException) -> bool:
    """The database server cannot be reached (by class name: see ui/sync.py)."""
    return any(cls.__name__ == "ServerUnreachableError" for cls in type(error).__mro__)


def role_label(role: str) -> str:
    """The role as the interface names it (the stored value is the Swedish word)."""
    if role == ROLE_ADMIN:
        return QCoreApplication.translate("AppContext", "administratör")
    if role == ROLE_SUPERVISOR:
        return QCoreApplication.translate("AppContext", "handledare")
    return role


class _StaysDisabled(QObject):
    """Keeps an admin-only button disabled when its view enables it again (on a refresh, say)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.EnabledChange
            and isinstance(watched, QWidget)
            and watched.isEnabled()
            and watched.property("coopdesk_admin_only")
        ):
            watched.setEnabled(False)
        return False


READ_ONLY_STYLE = "QLineEdit { background: #f3f4f6; color: #374151; border: 1px solid #d1d5db; }"


def admin_read_only(actor: Actor, fields: list[QWidget], tooltip: str) -> None:
    """For a handledare: fields only an administrator may change look read-only (issue 12).

    Text fields become read-only and grey (the text can still be selected and copied); check boxes and
    lists are disabled through :func:`admin_only`. Each says why in its tooltip.
    """
    if actor.is_admin:
        return
    from PySide6.QtWidgets import QLineEdit

    for field in fields:
        if isinstance(field, QLineEdit):
            field.setReadOnly(True)
            field.setStyleSheet(READ_ONLY_STYLE)
            field.setToolTip(tooltip)
        else:
            admin_only(actor, field, tooltip)


def admin_only(actor: Actor, target: QWidget | QAction, tooltip: str) -> None:
    """For a handledare: ``target`` disabled for good, with ``tooltip`` ("Bara en administratör kan …").

    Only a hint: the services refuse the change themselves whatever the interface shows. For an
    administrator (the next user after a logout) a target disabled so is enabled again.
    """
    if actor.is_admin:
        if target.property("coopdesk_admin_only"):
            target.setProperty("coopdesk_admin_only", False)
            target.setEnabled(True)
            target.setToolTip("")
        return
    target.setEnabled(False)
    target.setToolTip(tooltip)
    if target.property("coopdesk_admin_only") is not None:  # its guard is in place (set or paused)
        target.setProperty("coopdesk_admin_only", True)
        return
    target.setProperty("coopdesk_admin_only", True)
    if isinstance(target, QAction):
        target.changed.connect(
            lambda: target.setEnabled(False) if target.isEnabled() and target.property("coopdesk_admin_only") else None
        )
    else:
        target.installEventFilter(_StaysDisabled(target))
