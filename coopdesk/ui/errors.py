"""Known errors get a clear message; bugs get logged (without personal numbers) and a dialog.

After qutebrowser's KnownError/BugError split: a bad input, a locked month or a database that
cannot be opened is told to the user in their language; anything else is a bug, written with its
traceback to the log file in the data folder and shown with a "Kopiera detaljer" button.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coopdesk.app import places
from coopdesk.core.errors import CoopdeskError

log = logging.getLogger("coopdesk")

# Personal numbers (10 or 12 digits, with or without separator) never reach the log file: the
# separator may be a hyphen, a plus, a dash (– — ‐ −) or a space, and the number may be glued to other
# text ("pnr8001010019", "id:19800101-0019x"): only more digits around it make it something else.
_PERSONAL_NUMBER = re.compile(r"(?<!\d)(\d{2})?(\d{6})(?:\s?[-+\u2010-\u2015\u2212]\s?|\s)?(\d{4})(?!\d)")


def scrub(text: str) -> str:
    return _PERSONAL_NUMBER.sub("[personnummer]", text)


class _ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def _private_open(path: str, encoding: str | None):  # -> TextIO
    """Open the log for appending, created owner-only (0600): tracebacks may name people."""
    import os

    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.chmod(path, 0o600)  # a log file from an earlier version may have been made readable for others
    return open(fd, "a", encoding=encoding)


def setup_logging() -> Path | None:
    """Log to ``coopdesk.log`` in the data folder; the log file, or None when it cannot be written.

    A data folder that is read-only, or cannot be made (its parent is a file, a full disk), must not
    stop the program: the log then goes to stderr only, with a warning saying why.
    """
    import logging.handlers

    if any(getattr(h, "coopdesk_log", False) for h in log.handlers):
        return log_file()

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        """A rotating log whose every file (the rotated ones are renamed, a new one opened) is 0600."""

        def _open(self):  # type: ignore[override]
            return _private_open(self.baseFilename, self.encoding)

    formatter = _ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        file: Path | None = places.log_dir() / "coopdesk.log"
        handler: logging.Handler = PrivateRotatingFileHandler(file, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        problem = None
    except (OSError, CoopdeskError) as exc:  # the folder cannot be made (CoopdeskError), or the file opened
        file, problem = None, exc
        handler = logging.StreamHandler(sys.stderr)
    handler.coopdesk_log = True  # type: ignore[attr-defined]
    handler.coopdesk_file = file  # type: ignore[attr-defined]
    handler.setFormatter(formatter)
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    if problem is not None:
        reason = problem.en if isinstance(problem, CoopdeskError) else f"{problem.filename}: {problem.strerror}"
        log.warning("The log file cannot be written (%s); the log goes to stderr only.", reason)
    return file


def log_file() -> Path | None:
    """Where the log is written (None: to stderr only)."""
    return next((h.coopdesk_file for h in log.handlers if getattr(h, "coopdesk_log", False)), None)  # type: ignore[attr-defined]


def language() -> str:
    app = QApplication.instance()
    return "en" if app is not None and app.property("coopdesk_language") == "en" else "sv"


def show_error(parent: QWidget | None, error: CoopdeskError, title: str | None = None) -> None:
    """A known error: its message in the interface language, nothing else."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or ("coopdesk"))
    box.setText(error.message(language()))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def show_bug(parent: QWidget | None, error: BaseException, details: str) -> None:
    log.error("Unexpected error: %s\n%s", error, details)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("coopdesk")
    if language() == "en":
        box.setText("Something unexpected went wrong. What you saved before is safe.")
        box.setInformativeText(f"The details are in the log: {log_file() or 'stderr'}")
        copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    else:
        box.setText("Något oväntat gick fel. Det du sparat tidigare finns kvar.")
        box.setInformativeText(f"Detaljerna finns i loggen: {log_file() or 'stderr'}")
        copy = box.addButton("Kopiera detaljer", QMessageBox.ButtonRole.ActionRole)
    box.setDetailedText(scrub(details))
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(scrub(details))


def install_excepthook(*, interactive: bool = True) -> list[str]:
    """Route uncaught errors to the log and a dialog (or, without a user, to stderr only).

    Returns the list that collects the non-interactive failures, so ``--screenshot`` can fail
    instead of waiting for somebody to close a dialog.
    """
    failures: list[str] = []

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, error, tb))
        if not interactive:
            log.error("Unexpected error: %s\n%s", error, details)
            print(scrub(details), file=sys.stderr)
            failures.append(str(error))
            return
        if isinstance(error, CoopdeskError):
            show_error(QApplication.activeWindow(), error)
            return
        show_bug(QApplication.activeWindow(), error, details)

    sys.excepthook = hook
    return failures
