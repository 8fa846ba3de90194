"""The one database worker (after Anki's taskman and Vorta's single worker).

Every command and query of the application layer runs here, on one worker thread, so database work
is serialised (a replay of offline changes can never write while an import runs) and the GUI thread
never waits on SQLite or a server. Each task opens its own Session (never one shared between threads).
The result or the error comes back on the GUI thread through a signal.

``run`` is asynchronous. ``call`` is for the few places that need the answer before they can go on (a
dialog's first fill, say): it runs the work on the same worker and the GUI thread waits for it, so
it never runs beside another task (a replay of offline changes, an import).
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, QThread, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)
T = TypeVar("T")


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

    #: Shown as a busy indicator: only for work a user asked for and waits on (not for quiet reads).
    busy_changed = Signal(bool, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one worker: database work is serialised
        self.pool.setExpiryTimeout(-1)  # the worker thread lives as long as the window (no restart cost)
        self._running: set[_Task] = set()
        self._loud: set[_Task] = set()
        self._thread: QThread | None = None

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None],
        label: str = "",
        *,
        quiet: bool = False,
    ) -> None:
        task = _Task(self._on_worker(work))
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
        if not quiet:
            self._loud.add(task)
            if len(self._loud) == 1:
                self.busy_changed.emit(True, label)
        self.pool.start(task)

    def _on_worker(self, work: Callable[[], Any]) -> Callable[[], Any]:
        def noted() -> Any:
            self._thread = QThread.currentThread()
            return work()

        return noted

    def _finish(self, task: _Task) -> None:
        self._running.discard(task)
        if task in self._loud:
            self._loud.discard(task)
            if not self._loud:
                self.busy_changed.emit(False, "")

    def on_worker(self) -> bool:
        return self._thread is not None and QThread.currentThread() is self._thread

    def call(self, work: Callable[[], T]) -> T:
        """``work`` on the worker, waiting for it; its error is raised here. Called from the worker itself
        (a task that needs a read), it runs inline: the one worker cannot wait on itself.

        The GUI thread waits without an event loop of its own. A nested loop here (the first design) ran
        events in the middle of the caller — a dialog's accept(), a view's constructor — and deleted
        widgets still in use up the stack (segmentation faults in the test run); blocking is what the
        synchronous callers did before, only now the database work is serialised with everything else.
        """
        if self.on_worker() or QThread.currentThread() is not self.thread():
            return work()
        outcome: list[tuple[bool, Any]] = []
        finished = threading.Event()

        def waited_for() -> None:
            try:
                outcome.append((True, work()))
            except BaseException as error:  # raised again on the GUI thread, below
                outcome.append((False, error))
            finally:
                finished.set()

        task = _Task(self._on_worker(waited_for))
        self.pool.start(task)
        finished.wait()
        ok, value = outcome[0]
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the worker to finish everything queued (the results are delivered later, by events)."""
        return self.pool.waitForDone(msecs)

    def settle(self, msecs: int = 10_000) -> bool:
        """Wait until every task has finished and reported back on the GUI thread (tests, closing)."""
        deadline = time.monotonic() + msecs / 1000
        while self._running:
            if time.monotonic() > deadline:
                return False
            self.pool.waitForDone(10)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        return True
