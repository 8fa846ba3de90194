"""Stopping long file work part-way: a backup or an integrity check the user should not wait for.

Closing the window must not wait for the check at start or a backup of a large database (seconds on
ten years of data). Such work takes a :class:`Cancel`; it is asked between SQLite's steps (the backup
API's page batches, the progress handler of a ``PRAGMA`` check) and the work then stops with
:class:`Cancelled`, leaving nothing half-made: a cut backup's partial file is removed and the next start
takes the backup again; a cut check is simply run again at the next start.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from coopdesk.core.errors import StorageError

#: SQLite's progress handler is called every this many virtual-machine steps. An integrity check of an
#: encrypted database does much work per step (decrypting pages): 20,000 steps let a cancel wait 0.27 s
#: there, 1,000 about 10 ms, at no cost measurable in the check's time.
PROGRESS_STEPS = 1_000
SQLITE_INTERRUPT = 9


class Cancelled(StorageError):
    """The work was stopped on request (closing the app) or because its time was up."""

    def __init__(self) -> None:
        super().__init__("Avbrutet.", "Cancelled.")


class Cancel:
    """Asked by long work whether to stop: set by another thread, or by a deadline passing."""

    def __init__(self, seconds: float | None = None) -> None:
        self._event = threading.Event()
        self._deadline = None if seconds is None else time.monotonic() + seconds

    def set(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set() or (self._deadline is not None and time.monotonic() >= self._deadline)

    def check(self) -> None:
        """Raise :class:`Cancelled` when the work should stop."""
        if self.cancelled:
            raise Cancelled()

    def watch(self, connection: Any) -> None:
        """Interrupt the statements of a DB-API SQLite connection (sqlite3 or sqlcipher3) once cancelled:
        they then fail with SQLITE_INTERRUPT, which :func:`interrupted` recognises."""
        connection.set_progress_handler(lambda: 1 if self.cancelled else 0, PROGRESS_STEPS)


def interrupted(error: BaseException) -> bool:
    """``error`` is a SQLite statement stopped by a :meth:`Cancel.watch` progress handler."""
    return getattr(error, "sqlite_errorcode", None) == SQLITE_INTERRUPT or str(error) == "interrupted"
