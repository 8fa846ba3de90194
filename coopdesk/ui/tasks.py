"""The one database worker (after Anki's taskman and Vorta's single worker).

Every command and query of the application layer runs here, on one worker thread, so database work
is serialised (a replay of offline changes can never write while an import runs) and the GUI thread
never waits on SQLite or a server. Each task opens its own Session (never one shared between threads).
The result or the error comes back on the GUI thread through a signal.

``run`` is asynchronous. ``call`` is for the few places that need the answer before they can go on (a
dialog's first fill, say): it runs the work on the same worker and the GUI thread waits for it, so
it never runs beside another task (a replay of offline changes, an import).

The worker is a plain Python thread fed by a queue, not a QThreadPool: a QRunnable and the QObject
that carried its signals were released on the worker when it let go of them last, and a Qt object
destroyed outside its thread crashed the app now and then. Here the worker holds nothing but the
work function, and drops it before it reports; every callback stays on the GUI thread, in a table
the worker never touches.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import queue
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal, Slot

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class _Job:
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException, str], None]
    loud: bool
    work: Callable[[], Any]  # kept here, on the GUI side, so that the worker never holds the last reference


class _Waiter:
    """What ``call`` waits for: the outcome, set by the worker."""

    def __init__(self) -> None:
        self.finished = threading.Event()
        self.ok = False
        self.value: Any = None


class TaskRunner(QObject):
    """``run(work, on_done, on_error)``: ``work`` runs on the worker; the callbacks on the GUI thread."""

    #: Shown as a busy indicator: only for work a user asked for and waits on (not for quiet reads).
    busy_changed = Signal(bool, str)
    #: (job id, ok, result or error, details): emitted by the worker, delivered on the GUI thread.
    _reported = Signal(int, bool, object, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.SimpleQueue[tuple[int, Callable[[], Any], _Waiter | None] | None] = queue.SimpleQueue()
        self._jobs: dict[int, _Job] = {}
        self._ids = itertools.count(1)
        self._pending = 0  # queued or running, reported or not (guarded by _lock)
        self._lock = threading.Condition()
        self._reported.connect(self._deliver)  # queued: the worker emits, the GUI thread delivers
        self._worker = threading.Thread(target=self._serve, name="coopdesk-database", daemon=True)
        self._worker.start()
        self.destroyed.connect(lambda: self._queue.put(None))  # the worker ends with its runner

    # --- the worker ---------------------------------------------------------------------------

    def _serve(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            job_id, work, waiter = item
            del item
            try:
                ok, value, details = True, work(), ""
            except BaseException as error:  # a task's error goes to its caller, never ends the worker
                ok, value, details = False, error, traceback.format_exc()
            del work  # the GUI side still holds it: released there, never here
            if waiter is not None:
                waiter.ok, waiter.value = ok, value
                del value
                waiter.finished.set()
                del waiter
            else:
                report = (job_id, ok, value, details)
                del value
                with contextlib.suppress(RuntimeError):  # the runner is gone (window closed): nobody to tell
                    self._reported.emit(*report)
                del report
            with self._lock:
                self._pending -= 1
                self._lock.notify_all()

    # --- the GUI thread -----------------------------------------------------------------------

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None],
        label: str = "",
        *,
        quiet: bool = False,
    ) -> None:
        job_id = next(self._ids)
        self._jobs[job_id] = _Job(on_done, on_error, not quiet, work)
        if not quiet and sum(1 for job in self._jobs.values() if job.loud) == 1:
            self.busy_changed.emit(True, label)
        with self._lock:
            self._pending += 1
        self._queue.put((job_id, work, None))

    @Slot(int, bool, object, str)
    def _deliver(self, job_id: int, ok: bool, value: Any, details: str) -> None:
        job = self._jobs.pop(job_id, None)
        if job is None:
            return
        if job.loud and not any(other.loud for other in self._jobs.values()):
            self.busy_changed.emit(False, "")
        if ok:
            job.on_done(value)
        else:
            job.on_error(value, details)

    def on_worker(self) -> bool:
        return threading.current_thread() is self._worker

    def call(self, work: Callable[[], T]) -> T:
        """``work`` on the worker, waiting for it; its error is raised here. Called from the worker itself
        (a task that needs a read), it runs inline: the one worker cannot wait on itself.

        The GUI thread waits without an event loop of its own. A nested loop here (the first design) ran
        events in the middle of the caller — a dialog's accept(), a view's constructor — and deleted
        widgets still in use up the stack; blocking is what the synchronous callers did before, only now
        the database work is serialised with everything else.
        """
        if self.on_worker() or threading.current_thread() is not threading.main_thread():
            return work()
        waiter = _Waiter()
        with self._lock:
            self._pending += 1
        self._queue.put((0, work, waiter))
        waiter.finished.wait()
        if not waiter.ok:
            raise waiter.value
        return waiter.value  # type: ignore[no-any-return]

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the worker to finish everything queued (the results are delivered later, by events)."""
        deadline = time.monotonic() + msecs / 1000
        with self._lock:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def settle(self, msecs: int = 10_000) -> bool:
        """Wait until every task has finished and reported back on the GUI thread (tests, closing)."""
        deadline = time.monotonic() + msecs / 1000
        while self._jobs:
            if time.monotonic() > deadline:
                return False
            self.wait(10)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        return True
