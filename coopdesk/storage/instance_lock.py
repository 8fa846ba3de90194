"""One running desktop app per database: an advisory lock on a file beside it.

The desktop app holds the lock while it runs; a second app on the same database, and a restore
from the command line, see it and say so instead of pulling the file away from under the first.
The operating system drops the lock when the process ends, however it ends (even SIGKILL).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType


class InstanceLock:
    def __init__(self, db_path: Path) -> None:
        self.path = Path(str(db_path) + ".lock")
        self._fd: int | None = None

    @property
    def acquired(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return False
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.release()


def is_in_use(db_path: Path) -> bool:
    lock = InstanceLock(db_path)
    if lock.acquire():
        lock.release()
        return False
    return True
