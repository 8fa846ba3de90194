"""Starting the desktop app: the application object, translations, the database, the window.

``coopdesk gui --screenshot FILE.png`` renders the window on the current database offscreen and
exits, for the README and for looking at the views without a display. It logs in without a dialog,
as COOPDESK_USER with COOPDESK_PASSWORD (on a demo database without them: as the demo's administrator).

Otherwise the user logs in after the window is painted (ui/login.py): a new database, or one from
before accounts, gets its first administrator instead.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
import time
from pathlib import Path

from coopdesk.core.actor import Actor
from coopdesk.core.errors import CoopdeskError, StorageError

SCREENSHOT_WAIT = 60.0  # seconds a view may take to load its data for --screenshot
SCREENSHOT_VIEWS = (
    "idag",
    "manad",
    "medlemmar",
    "handledare",
    "bestallare",
    "redovisning",
    "attgora",
    "avvikelser",
    "anstallda",
    "statistik",
    "installningar",
)


def display_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc", "eglfs", "linuxfb")):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def run(
    db: str | None,
    *,
    screenshot: Path | None = None,
    view: str | None = None,
    day: dt.date | None = None,
    size: tuple[int, int] = (1280, 800),
) -> int:
    if screenshot is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if not display_available():
        print(
            "coopdesk: Det finns ingen skärm att visa fönstret på (DISPLAY är inte satt). "
            "Starta programmet i en grafisk session, eller använd kommandona: coopdesk --help\n"
            "coopdesk: There is no display to show the window on (DISPLAY is not set). "
            "Start it in a graphical session, or use the commands: coopdesk --help",
            file=sys.stderr,
        )
        return 1

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from coopdesk import __version__
    from coopdesk.app.places import resource, sqlite_file
    from coopdesk.ui import errors, i18n
    from coopdesk.ui.context import AppContext
    from coopdesk.ui.main_window import MainWindow

    QCoreApplication.setOrganizationName("coopdesk")
    QCoreApplication.setApplicationName("coopdesk")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from coopdesk.ui.collector import GarbageCollector

    GarbageCollector(app)  # cycles are collected on the GUI thread, never on the database worker
    app.setWindowIcon(QIcon(str(resource("icons", "coopdesk-256.png"))))
    app.setDesktopFileName("io.github.coopdesk.Coopdesk")  # the menu entry (installer/linux), for Wayland
    i18n.install(app, i18n.chosen_language())
    errors.setup_logging()
    failures = errors.install_excepthook(interactive=screenshot is None)
    if screenshot is not None:  # nobody is there to close a dialog: one that opens is a failure
        dialogs = dialogs_fail(failures, app)
        app.installEventFilter(dialogs)
    ctx = AppContext(None, Actor(name="", role=""))  # nobody until the login (ui/login.py)
    instance = None
    if screenshot is None:
        from coopdesk.ui.single_instance import SingleInstance, ask_first_instance_to_show

        try:
            db_path = sqlite_file(db)
        except CoopdeskError as error:  # the default database's folder cannot be made: say so in a window
            errors.show_error(None, error)
            return 1
        if db_path is not None:
            instance = SingleInstance(db_path)
            if not instance.start():
                if ask_first_instance_to_show(db_path):
                    print(
                        "coopdesk är redan igång med den databasen; fönstret visas. "
                        "coopdesk is already running on that database; its window is shown."
                    )
                    return 0
                errors.show_error(
                    None,
                    StorageError(
                        f"coopdesk är redan igång med databasen {db_path}. Stäng det andra fönstret först.",
                        f"coopdesk is already running on the database {db_path}. Close the other window first.",
                    ),
                )
                return 1
    window = MainWindow(ctx)
    if instance is not None:
        instance.show_requested.connect(lambda: (window.showNormal(), window.raise_(), window.activateWindow()))

    def open_and_fill() -> bool:
        # The database layer (SQLAlchemy, the models) loads here, after the window is on screen. The
        # full integrity check runs in the background below; a damaged file met while opening is
        # offered its newest sound backup before anyone logs in.
        from coopdesk.ui import login

        if screenshot is None and not window.isVisible():
            # Closed in the moment between its first paint and this: open nothing, ask for nothing (a
            # login dialog of a window that is gone would wait, unseen, for ever).
            app.exit(0)
            return False
        try:
            if screenshot is not None:
                session = login.screenshot_session(db)
            else:
                session = login.log_in_at_start(db, window, restore_at_start)
        except CoopdeskError as error:
            errors.show_error(window if screenshot is None else None, error)
            if screenshot is not None:
                print(f"coopdesk: {error.message('sv')}", file=sys.stderr)
            app.exit(1)
            return False
        if session is None:  # Avsluta in a start dialog
            window.persist_state = False
            window.close()
            app.exit(0)
            return False
        window.log_in(session)
        if window.backups is not None and screenshot is None:
            window.backups.check_in_background()  # then a daily backup, if none was taken today
            window.backups.backup_if_due()
        gc.freeze()  # what start-up built lives as long as the window: keep it out of every collection
        return True

    if screenshot is not None:
        window.persist_state = False
        window.lock_when_idle = False
        window.watch_other_pcs = False
        window.resize(*size)
        window.show()
        if not open_and_fill():
            return 1
        window.go_to(view or "idag", day)
        deadline = time.monotonic() + SCREENSHOT_WAIT
        # Let background work (the statement PDF) finish first; a failure (an uncaught error, or a
        # dialog that opened: dialogs_fail closed it) ends the wait at once.
        while ctx.tasks.busy and not failures and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        if ctx.tasks.busy and not failures:
            failures.append(f"the view was still loading after {SCREENSHOT_WAIT:.0f} s")
        settle = time.monotonic() + 1.0  # QPdfView renders its pages on a thread of its own
        while time.monotonic() < settle and not failures:
            app.processEvents()
            time.sleep(0.02)
        if failures:
            print(f"coopdesk: --screenshot of {view or 'idag'} failed, nothing was saved:", file=sys.stderr)
            for failure in failures:
                print(f"  {failure}", file=sys.stderr)
            if not ctx.tasks.wait(5_000):
                # Work still running on the worker would hold up closing the window (it waits for the
                # worker) and then hang the interpreter's shutdown (see the end of run()): leave at
                # once, as a killed process would; no file was written.
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(1)
            window.close()
            ctx.db.close()
            return 1
        ok = window.grab().save(str(screenshot))
        window.close()
        ctx.db.close()
        if not ok:
            print(f"coopdesk: kunde inte spara {screenshot}", file=sys.stderr)
            return 1
        print(f"Sparade {screenshot}")
        return 0
    # The window is painted first (navigation, menus, "Öppnar databasen…"), then the database layer
    # is imported and the data loaded: the window is there at once, as a desktop program should be.
    window.first_painted.connect(open_and_fill)
    from coopdesk.ui.login import preload, preloaded

    preload()  # the database layer is imported while Qt paints the window and the login dialog
    window.show()
    code = app.exec()
    # A backup or check may still run on the worker: let it finish before the interpreter shuts down
    # (a Python task on a Qt thread during interpreter shutdown hangs the process). The same for the
    # preload's imports, when the window was closed within the first half second.
    ctx.tasks.wait(120_000)
    preloaded()
    if ctx.has_database:
        ctx.db.close()
    if instance is not None:
        instance.stop()
    return code


def dialogs_fail(failures: list[str], parent: object) -> object:
    """For ``--screenshot``: an application event filter that closes every dialog as it opens and notes
    its text in ``failures``. Offscreen, nobody can close an error dialog, and its ``exec()`` would wait
    for ever (a statement PDF that fails without its fonts did exactly that)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QDialog, QMessageBox

    class _DialogsFail(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
                if isinstance(watched, QMessageBox):
                    parts = [watched.text(), watched.informativeText(), watched.detailedText()]
                else:
                    parts = [f"a dialog opened: {watched.windowTitle() or type(watched).__name__}"]
                failures.append("\n".join(p.strip() for p in parts if p.strip()))
                # closed from the event loop, not inside its own show event
                QTimer.singleShot(0, watched, lambda: watched.done(QDialog.DialogCode.Rejected.value))
            return False

    return _DialogsFail(parent)  # type: ignore[arg-type]  # the class is made here: Qt is imported late


def restore_at_start(damaged: object) -> bool:
    """A damaged database found while opening: offer the newest sound backup (Swedish dialog)."""
    from PySide6.QtWidgets import QMessageBox

    from coopdesk.core.actor import Actor
    from coopdesk.restoring import restore_database

    answer = QMessageBox.question(
        None,
        "coopdesk",
        f"{damaged.message('sv')}\n\nVill du återställa säkerhetskopian nu? Den skadade databasen sparas först.",  # type: ignore[attr-defined]
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    who = Actor.system_user()  # nobody has logged in yet: the computer's user is on the record
    restore_database(
        damaged.path,  # type: ignore[attr-defined]
        damaged.backup,  # type: ignore[attr-defined]
        actor=Actor(name=f"{who.name} (före inloggning)", role="", login=""),
        note="databasen var skadad; återställd vid start, före inloggningen",
    )
    return True
