"""What every view needs, passed explicitly (no god object): the database, the user, undo, tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QWidget

from coopdesk.core.actor import ROLE_ADMIN, ROLE_SUPERVISOR, Actor
from coopdesk.core.errors import ConflictError, CoopdeskError
from coopdesk.ui.errors import show_bug, show_error
from coopdesk.ui.sync import PendingChange, SyncMonitor, is_unreachable
from coopdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the database layer loads after the window has been painted (see ui/gui.py)
    from sqlalchemy.orm import Session

    from coopdesk import access
    from coopdesk.storage.database import Database

T = TypeVar("T")


class _Pending:
    """What ``AppContext.change`` returns for a change kept to be saved when the server answers."""

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return "PENDING"


PENDING: Any = _Pending()


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
        #: The logged-in account (coopdesk.access.Session): for changing the own password and unlocking.
        self.user_session: access.Session | None = None
        self.undo_stack = QUndoStack(self)
        self.tasks = TaskRunner(self)
        self.sync = SyncMonitor(self)
        #: The main window, once there is one: it shows conflicts no view on the way shows (undo, say).
        self.main_window: QWidget | None = None
        # Today, for the figures that depend on it (Hittills i månaden); tests set a fixed day.
        self.clock: Callable[[], dt.date] = dt.date.today

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

    def account(self) -> access.Session:
        """The logged-in account; tools and tests that set only ``actor`` get one made from it."""
        from coopdesk import access

        if self.user_session is None or self.user_session.db is not self.db or self.user_session.actor != self.actor:
            self.user_session = access.Session(self.db, self.actor)
        return self.user_session

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    def read(self, query: Callable[[Session], T]) -> T:
        try:
            with self.db.session() as session:
                return query(session)
        except CoopdeskError as error:
            if is_unreachable(error):
                self.sync.went_offline()
            raise

    def read_or_keep(self, query: Callable[[Session], T]) -> T | None:
        """``read``, or None when the server cannot be reached: the view keeps what it shows, and the
        window's banner says why."""
        try:
            return self.read(query)
        except CoopdeskError as error:
            if is_unreachable(error):
                return None
            raise

    def change(
        self,
        parent: QWidget | None,
        action: Callable[[Session], T],
        kind: str,
        *,
        day: tuple[int, Any] | None = None,
        offline: PendingChange | None = None,
    ) -> T | None:
        """Run one change in its own unit of work. A known error is shown and nothing is saved.

        ``day`` = (member id, date) names the one register day a change touched, so the views can
        update a single row instead of reloading the day or the month.

        Another PC's change of the same thing (ConflictError) is shown without a modal box where a view
        can show it (``show_conflict``, else the main window's), and the views reload, so the user sees
        the new value. When the server cannot be reached, a change with ``offline`` is kept to be saved
        later and PENDING is returned; any other change keeps what the user typed in its form and says
        why.
        """
        try:
            with self.db.session() as session:
                own = note_audit_ids(session)
                result = action(session)
            self.sync.note_own(own)  # this window's own changes: no refresh from the database for them
        except ConflictError as error:
            self.show_conflict(parent, error)
            self._emit_changed(kind, day)
            return None
        except CoopdeskError as error:
            if is_unreachable(error):
                if offline is not None:
                    self.sync.add(offline)
                    return PENDING
                self.sync.went_offline()
            show_error(parent, error)
            return None
        self._emit_changed(kind, day)
        return result

    def _emit_changed(self, kind: str, day: tuple[int, Any] | None) -> None:
        if day is not None:
            self.day_changed.emit(*day)
            self.changed.emit("attendance_day")
        else:
            self.changed.emit(kind)

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


def note_audit_ids(session: Session) -> list[int]:
    """The ids of the audit entries ``session`` writes, as they are written."""
    from sqlalchemy import event

    from coopdesk.core.models import AuditEntry

    ids: list[int] = []

    def written(_session: Session, instance: object) -> None:
        if isinstance(instance, AuditEntry):
            ids.append(instance.id)

    event.listen(session, "pending_to_persistent", written)
    return ids


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
