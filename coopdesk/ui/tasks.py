"""One way to run slow work off the GUI thread (after Anki's QueryOp and taskman).

Work runs on a single worker thread, so database writes are serialised; each task opens its own
Session (never one shared between threads). The result or the error comes back on the GUI thread
through a signal, and a busy indicator shows while anything runs.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object, str)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:  # runs on the worker thread
        try:
            result = self.work()
        except BaseException as error:
            self.signals.failed.emit(error, traceback.format_exc())
        else:
            self.signals.done.emit(result)


class TaskRunner(QObject):
    """``run(work, on_done, on_error)``: ``work`` runs on the worker; the callbacks on the GUI thread."""

    busy_changed = Signal(bool, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running: set[_Task] = set()

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None],
        label: str = "",
    ) -> None:
        task = _Task(work)
        self._running.add(task)  # keep a reference until it has reported back

        @Slot(object)
        def finished(result: Any) -> None:
            self._finish(task)
            on_done(result)

        @Slot(object, str)
        def failed(error: BaseException, details: str) -> None:
            self._finish(task)
            on_error(error, details)

        task.signals.done.connect(finished)
        task.signals.failed.connect(failed)
        self.busy_changed.emit(True, label)
        self.pool.start(task)

    def _finish(self, task: _Task) -> None:
        self._running.discard(task)
        if not self._running:
            self.busy_changed.emit(False, "")

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
