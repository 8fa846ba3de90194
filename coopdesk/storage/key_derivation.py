"""The login's key derivation on a thread of its own: the one way a login overlaps other work with it.

scrypt releases the GIL, so while it derives the key on this thread the caller's own work runs on the
machine's other core: the command line loads what a command needs next (access.login's ``meanwhile``),
the login dialog lets the rest of the database layer's import go on (ui/login.py, started at Return,
before SQLAlchemy may be imported). Either way it is the login's one derivation, not an extra one.
Only the standard library and light storage modules, like database_file: the login dialog uses it
before the database layer is loaded.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from coopdesk.storage.database_file import unwrap_key

#: The derivation's thread, named so that a test can see where the derivation ran.
THREAD_NAME = "coopdesk-key-derivation"


class KeyDerivation:
    """``derive()`` started on a thread at once; result() waits for it and gives its key or raises its
    error (a WrongPasswordError, a MissingKeyFileError), as if it had run on the caller's thread."""

    def __init__(self, derive: Callable[[], bytes | None]) -> None:
        self._derive = derive
        self._key: bytes | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
        self._thread.start()

    @classmethod
    def of_file(cls, db: str | None, login: str, password: str) -> KeyDerivation:
        """database_file.unwrap_key() for ``db``: its result() is None when the file is not encrypted."""
        return cls(lambda: unwrap_key(db, login, password))

    def _run(self) -> None:
        try:
            self._key = self._derive()
        except BaseException as error:  # given to the caller's thread by result()
            self._error = error

    def result(self) -> bytes | None:
        """The key (None: nothing to derive); the derivation's error raised here."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._key
