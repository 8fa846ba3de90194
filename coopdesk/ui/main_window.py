"""The main window: navigation on the left, one view at a time, menus, shortcuts, status bar.

Views are built the first time they are shown, so the window opens fast however large the
database is. Window geometry and splitter are kept in QSettings; after a login the window opens on Idag.

The window's other parts are mixins, one module each: the menus and their actions
(ui/main_window_menus.py), what the user's role allows (ui/main_window_roles.py) and the connection to
the database server with the changes that wait for it (ui/main_window_connection.py), and logging
out so that another user can log in (ui/main_window_session.py), and the help: the Kom igång checklist
and F1 (ui/main_window_help.py).
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QPaintEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk.ui.context import AppContext
from coopdesk.ui.focus import keep_focus_after_dialogs
from coopdesk.ui.main_window_connection import ConnectionMixin
from coopdesk.ui.main_window_help import HelpMixin
from coopdesk.ui.main_window_menus import MenusMixin
from coopdesk.ui.main_window_roles import RolesMixin
from coopdesk.ui.main_window_session import SessionMixin
from coopdesk.ui.widgets import Notice


@dataclass(frozen=True)
class ViewSpec:
    key: str
    module: str
    cls: str


#: The first start's window, made smaller on a smaller screen (fit_to_screen): 1366×768 with a taskbar
#: leaves about 1366×728 for the window and its frame.
DEFAULT_SIZE = (1280, 760)
#: The title bar and borders when the window system has not told them yet (before the first show).
FRAME_ALLOWANCE = QSize(16, 38)

VIEWS = (
    ViewSpec("idag", "coopdesk.ui.views.today", "TodayView"),
    ViewSpec("manad", "coopdesk.ui.views.month", "MonthView"),
    ViewSpec("medlemmar", "coopdesk.ui.views.members", "MembersView"),
    ViewSpec("handledare", "coopdesk.ui.views.supervisors", "SupervisorsView"),
    ViewSpec("bestallare", "coopdesk.ui.views.districts", "DistrictsView"),
    ViewSpec("redovisning", "coopdesk.ui.views.statements", "StatementsView"),
    ViewSpec("installningar", "coopdesk.ui.views.settings", "SettingsView"),
)


class MainWindow(MenusMixin, RolesMixin, ConnectionMixin, SessionMixin, HelpMixin, QMainWindow):
    #: Emitted once, after the window's first paint: the moment to load the database (ui/gui.py).
    first_painted = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self._views: dict[str, QWidget] = {}
        self._painted = False
        self.persist_state = True  # off for --screenshot, which must not change the user's window
        self.backups = None  # a BackupController once a SQLite database is attached
        self.lock_when_idle = True  # off for --screenshot
        self.idle_lock = None  # an IdleLock once someone is logged in (ui/idle_lock.py)
        self.setWindowTitle("coopdesk")

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setMinimumWidth(150)
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 11pt; background: palette(window); }"
            "QListWidget#navigation::item { padding: 7px 12px; }"
            "QListWidget#navigation::item:selected { background: palette(highlight); color: palette(highlighted-text);"
            " border-radius: 4px; }"
        )
        for spec, title in zip(VIEWS, self._titles(), strict=True):
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        for _ in VIEWS:
            self.stack.addWidget(QWidget())  # replaced by the real view when first shown
        # Above every view: the database server out of reach (with the changes that wait), and another
        # PC's change that no view showed itself (an undo, say).
        self.connection_notice = Notice("connectionNotice", closable=False)
        self.connection_notice.action.setText(self.tr("Försök nu"))
        self.connection_notice.action.clicked.connect(lambda: self.ctx.sync.check())
        self.conflict_notice = Notice("windowConflictNotice")
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.connection_notice)
        column.addWidget(self.conflict_notice)
        column.addWidget(self.stack, 1)  # above it, once the database is open: Kom igång (main_window_help.py)
        self._right_column = column
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 1000])
        self.central = QStackedWidget()  # the views, or the lock screen (ui/idle_lock.py)
        self.central.addWidget(self.splitter)
        self._build_logged_out_page()  # after Logga ut / Byt användare (ui/main_window_session.py)
        self.setCentralWidget(self.central)
        self.nav.currentRowChanged.connect(self._show_row)

        self._build_status_bar()
        self._build_menus([(spec.key, title) for spec, title in zip(VIEWS, self._titles(), strict=True)])
        ctx.tasks.busy_changed.connect(self._busy)
        ctx.main_window = self
        keep_focus_after_dialogs()  # after any message box the focus is back on the cell or field (ui/focus.py)
        ctx.sync.state_changed.connect(self._connection_changed)
        ctx.sync.refused.connect(self.show_conflict)
        self._was_offline = False
        self.watch_other_pcs = True  # off for --screenshot
        self._restore()
        self._install_dialog_help()  # F1 in a dialog: its page of the guide
        if ctx.has_database:  # opened already (tests, tools); otherwise gui.run attaches it after the paint
            self.attach_database(ctx.db)

    # --- views ---------------------------------------------------------------------------------

    def _titles(self) -> list[str]:
        return [
            self.tr("Idag"),
            self.tr("Månad"),
            self.tr("Medlemmar"),
            self.tr("Handledare"),
            self.tr("Beställare"),
            self.tr("Redovisning"),
            self.tr("Inställningar"),
        ]

    def view(self, key: str) -> QWidget:
        """The view with ``key``, built on first use."""
        if key not in self._views:
            index = [spec.key for spec in VIEWS].index(key)
            spec = VIEWS[index]
            cls = getattr(importlib.import_module(spec.module), spec.cls)
            widget = cls(self.ctx, self)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._views[key] = widget
            self._admin_buttons(key, widget)
        return self._views[key]

    def show_view(self, key: str) -> QWidget:
        index = [spec.key for spec in VIEWS].index(key)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)  # → _show_row
        else:
            self._show_row(index)
        return self._views[key]

    def attach_database(self, database: object) -> None:
        """The database is opened after the window's first paint (ui/gui.py); now fill the window."""
        from coopdesk.core.services import lookups

        self.ctx.db = database  # type: ignore[assignment]
        if self.backups is None and self.ctx.db.sqlite_path is not None:
            from coopdesk.ui.backups import BackupController

            self.backups = BackupController(self, self.ctx.db.sqlite_path)
        self.backup_action.setEnabled(self.backups is not None)
        self.restore_action.setEnabled(self.backups is not None)
        coop_name = self.ctx.read(lambda s: lookups.cooperative(s).name)
        self.setWindowTitle(f"coopdesk — {coop_name}")
        self.db_label.setText(self.tr("Databas: %1").replace("%1", self.ctx.db.describe()))
        self._show_user()
        self._apply_role()
        self._attach_getting_started()
        if self.lock_when_idle and self.idle_lock is None:
            from coopdesk.ui.idle_lock import IdleLock

            self.idle_lock = IdleLock(self, self.ctx)
        if VIEWS[max(self.nav.currentRow(), 0)].key not in self._views:
            self._show_row(self.nav.currentRow())
        if self.watch_other_pcs:
            self.ctx.sync.start()

    def log_in(self, session: object) -> None:
        """The user logged in at start (ui/login.py): their account, then the data."""
        self.ctx.user_session = session  # type: ignore[assignment]
        self.ctx.actor = session.actor  # type: ignore[attr-defined]
        # After a login the day's register comes first, whatever view was open last (issue 12); no view
        # is built before the database is attached, so only Idag is built.
        self.nav.setCurrentRow(0)
        self.attach_database(session.db)  # type: ignore[attr-defined]
        self._warn_if_readable_by_others(session.db)  # type: ignore[attr-defined]

    def _warn_if_readable_by_others(self, db: object) -> None:
        """A data folder or database file others can read: a lasting warning in the status bar."""
        from coopdesk.storage import paths
        from coopdesk.ui.errors import language, log

        warning = paths.exposure_warning(getattr(db, "sqlite_path", None))
        self.exposure_label.setVisible(warning is not None)
        if warning is not None:
            log.warning(warning[1])
            self.exposure_label.setText(warning[0] if language() == "sv" else warning[1])

    @Slot(int)
    def _show_row(self, row: int) -> None:
        if row < 0 or not self.ctx.has_database:
            return
        key = VIEWS[row].key
        fresh = key not in self._views  # a view loads its data when it is built
        widget = self.view(key)
        self.stack.setCurrentWidget(widget)
        refresh = getattr(widget, "refresh", None)
        if refresh is not None and not fresh:
            refresh()
        self._place_getting_started()
        focus = getattr(widget, "focus_target", None)
        (focus() if callable(focus) else widget).setFocus()

    def current_key(self) -> str:
        return VIEWS[max(self.nav.currentRow(), 0)].key

    # --- chrome --------------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = QLabel(self.tr("Öppnar databasen…"))
        self.db_label.setObjectName("databaseLabel")
        self.user_label = QLabel()
        self.user_label.setObjectName("userLabel")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.setVisible(False)
        self.exposure_label = QLabel()
        self.exposure_label.setObjectName("exposureWarning")
        self.exposure_label.setStyleSheet("QLabel#exposureWarning { color: #8a1c1c; font-weight: 600; }")
        self.exposure_label.setWordWrap(True)
        self.exposure_label.setVisible(False)
        bar.addWidget(self.db_label, 1)
        bar.addWidget(self.exposure_label, 2)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.user_label)

    @Slot(bool, str)
    def _busy(self, busy: bool, label: str) -> None:
        self.progress.setVisible(busy)
        if busy and label:
            self.statusBar().showMessage(label)
        elif not busy:
            self.statusBar().clearMessage()

    # --- state ---------------------------------------------------------------------------------

    def available(self) -> QRect:
        """The screen's room for windows (without the taskbar)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)

    def fit_to_screen(self) -> None:
        """The window within the screen's room, its frame (title bar) included: at 1366×768 with a
        taskbar, a window saved on a larger screen, or the default size, is never partly off screen."""
        room = self.available()
        frame_w = max(self.frameGeometry().width() - self.width(), FRAME_ALLOWANCE.width())
        frame_h = max(self.frameGeometry().height() - self.height(), FRAME_ALLOWANCE.height())
        width = min(self.width(), room.width() - frame_w)
        height = min(self.height(), room.height() - frame_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
            self.move(room.topLeft())

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)) or self.height() < 400:
            self.resize(*DEFAULT_SIZE)  # the first start, or a window saved too small to work in
        self.fit_to_screen()
        splitter = settings.value("main/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        last = settings.value("main/view", "idag")
        keys = [spec.key for spec in VIEWS]
        self.nav.setCurrentRow(keys.index(last) if last in keys else 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)  # after this paint pass has finished

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close():
            event.ignore()
            return
        if self.help_window is not None:  # a window of its own (ui/help.py): it goes with this one
            self.help_window.close()
            self.help_window.deleteLater()
            self.help_window = None
        self.ctx.sync.stop()
        if self.ctx.tasks.busy:
            self.ctx.tasks.wait(60_000)  # never cut an import or export in half
        if not self.persist_state:
            super().closeEvent(event)
            return
        if self.backups is not None:
            self.backups.backup_on_close()
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/splitter", self.splitter.saveState())
        settings.setValue("main/view", self.current_key())
        super().closeEvent(event)

    def go_to(self, key: str, day: dt.date | None = None) -> QWidget:
        """Show a view, on a date where the view has one (used by --screenshot and tests)."""
        widget = self.show_view(key)
        if day is not None and hasattr(widget, "set_date"):
            widget.set_date(day)
        return widget
