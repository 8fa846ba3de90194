"""What every view needs, passed explicitly (no god object): the database, the user, undo, tasks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from coopdesk.core.audit import Actor
from coopdesk.core.errors import CoopdeskError
from coopdesk.storage.database import Database
from coopdesk.ui.errors import show_bug, show_error
from coopdesk.ui.tasks import TaskRunner

T = TypeVar("T")


class AppContext(QObject):
    """Shared by the views. ``changed`` tells every view that data of a kind has changed."""

    #: kinds: "attendance", "members", "supervisors", "districts", "settings", "locks", "all"
    changed = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.undo_stack = QUndoStack(self)
        self.tasks = TaskRunner(self)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    def read(self, query: Callable[[Session], T]) -> T:
        with self.db.session() as session:
            return query(session)

    def change(self, parent: QWidget | None, action: Callable[[Session], T], kind: str) -> T | None:
        """Run one change in its own unit of work. A known error is shown and nothing is saved."""
        try:
            with self.db.session() as session:
                result = action(session)
        except CoopdeskError as error:
            show_error(parent, error)
            return None
        self.changed.emit(kind)
        return result

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
