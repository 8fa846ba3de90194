"""At start, before anyone logs in: a database that is missing, empty or cannot be opened, while
backups of it exist, is offered its newest backup instead of a new, empty database.

An encrypted backup needs a login and password that open a keys file (the database's own, or the one
beside the backup); the restore is on the record either way (``coopdesk/restoring.py``). The questions
are methods that the tests replace, so nothing waits on a dialog there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from coopdesk.core.actor import Actor
from coopdesk.core.errors import CoopdeskError
from coopdesk.ui.errors import language, show_error

translate = QCoreApplication.translate


class RestoreAtStart:
    """Offers the newest backup of a database that cannot be used (see the module's doc)."""

    def __init__(self, db: str | None, parent: QWidget | None) -> None:
        self.db = db
        self.parent = parent

    def offer(self, error: CoopdeskError | None = None) -> bool:
        """True when a backup was restored. ``error``: why the database cannot be opened (None: it is missing
        or empty)."""
        from coopdesk.app.backups import restorable_backups
        from coopdesk.app.start_plan import sqlite_path
        from coopdesk.restoring import unopenable

        path = sqlite_path(self.db)
        if path is None or (error is not None and not unopenable(path, error)):  # type: ignore[arg-type]
            return False
        found = restorable_backups(path)
        if not found:
            return False
        newest = found[0]
        from coopdesk.app.database import MissingKeyFileError

        if isinstance(error, MissingKeyFileError) and self._keys_only(path, error, newest.taken_at):
            return True
        why = (
            error.message(language())
            if error is not None
            else translate("RestoreAtStart", "Databasen %1 finns inte (eller är tom).")
        )
        question = (
            translate("RestoreAtStart", "%1\n\nDet finns en säkerhetskopia av den från %2. Vill du återställa den nu?")
            .replace("%1", why.replace("%1", str(path)))
            .replace("%2", f"{newest.taken_at:%Y-%m-%d %H:%M}")
        )
        if not self.ask(question):
            return False
        try:
            return self._restore(path, newest.path, newest.encrypted)
        except CoopdeskError as failed:
            show_error(self.parent, failed)
            return False

    def _keys_only(self, path: Path, error: CoopdeskError, taken_at: object) -> bool:
        """The database is intact, only its keys file is gone: put back a backup's keys file, no restore."""
        from coopdesk.restoring import put_back_keys

        question = (
            translate(
                "RestoreAtStart",
                "%1\n\nEn kopia av nyckelfilen finns bredvid säkerhetskopian från %2. Vill du lägga tillbaka "
                "den nu? Databasen ändras inte.",
            )
            .replace("%1", error.message(language()))
            .replace("%2", f"{taken_at:%Y-%m-%d %H:%M}")
        )
        if not self.ask(question):
            return False
        given = self.credentials()
        return given is not None and put_back_keys(path, *given) is not None

    def _restore(self, path: Path, source: Path, encrypted: bool) -> bool:
        from coopdesk.restoring import backup_admin, key_for_restore, restore_database

        key = None
        actor = None
        if encrypted:
            given = self.credentials()
            if given is None:
                return False
            login, password = given
            key = key_for_restore(path, login, password, source)
            actor = backup_admin(source, key, login, password)
        if actor is None:
            who = Actor.system_user()
            actor = Actor(name=f"{who.name} (före inloggning)", role="", login="")
        restore_database(path, source, actor=actor, key=key, note="återställd vid start, före inloggningen")
        return True

    # --- the questions (replaced in the tests) --------------------------------------------------

    def ask(self, question: str) -> bool:
        answer = QMessageBox.question(self.parent, translate("RestoreAtStart", "Återställ säkerhetskopia"), question)
        return answer == QMessageBox.StandardButton.Yes

    def credentials(self) -> tuple[str, str] | None:
        """A login and password that open the backup's keys file."""
        login, ok = QInputDialog.getText(
            self.parent,
            translate("RestoreAtStart", "Återställ säkerhetskopia"),
            translate("RestoreAtStart", "Säkerhetskopian är krypterad. Ditt användarnamn:"),
        )
        if not ok or not login.strip():
            return None
        password, ok = QInputDialog.getText(
            self.parent,
            translate("RestoreAtStart", "Återställ säkerhetskopia"),
            translate("RestoreAtStart", "Ditt lösenord:"),
            QLineEdit.EchoMode.Password,
        )
        return (login.strip(), password) if ok and password else None
