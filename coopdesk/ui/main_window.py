"""The main window: navigation on the left, one view at a time, menus, shortcuts, status bar.

Views are built the first time they are shown, so the window opens fast however large the
database is. Window geometry and splitter are kept in QSettings; after a login the window opens on Idag.

The window's other parts are objects it creates and holds, one module each, each handed what it needs
(the window, the context, callbacks) and owning its own state; the window wires their signals:

- ``roles``: ``RoleGuard`` (ui/main_window_roles.py), what the user's role allows;
- ``menus``: ``WindowMenus`` (ui/main_window_menus.py), the menus and what their items do;
- ``connection``: ``ConnectionWatch`` (ui/main_window_connection.py), the database server out of reach and
  the changes that wait for it;
- ``user_switch``: ``UserSwitch`` (ui/main_window_session.py), logging out so that another user can log in;
- ``help``: ``WindowHelp`` (ui/main_window_help.py), the Kom igång checklist and F1.

No part reads another part: what one needs of another (the role check for the menus, the view's key for
the help) it is handed by the window.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
import time
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

from coopdesk.core.errors import CoopdeskError
from coopdesk.ui.context import AppContext
from coopdesk.ui.focus import keep_focus_after_dialogs
from coopdesk.ui.main_window_connection import ConnectionWatch
from coopdesk.ui.main_window_help import WindowHelp
from coopdesk.ui.main_window_menus import WindowMenus
from coopdesk.ui.main_window_roles import RoleGuard
from coopdesk.ui.main_window_session import UserSwitch


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
    ViewSpec("attgora", "coopdesk.ui.views.todo", "TodoView"),
    ViewSpec("avvikelser", "coopdesk.ui.views.deviations", "DeviationsView"),
    ViewSpec("anstallda", "coopdesk.ui.views.employees", "EmployeesView"),
    ViewSpec("statistik", "coopdesk.ui.views.statistics", "StatisticsView"),
    # Ctrl+1 … Ctrl+9 and Ctrl+0 go to the views in this order; Inställningar, last, has Ctrl+, (docs/gui.md)
    ViewSpec("installningar", "coopdesk.ui.views.settings", "SettingsView"),
)


class MainWindow(QMainWindow):
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
        self.help_window: QWidget | None = None  # the guide's own window, kept here by ui/help.py
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
        self.connection = ConnectionWatch(self, ctx)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.connection.connection_notice)
        column.addWidget(self.connection.conflict_notice)
        column.addWidget(self.stack, 1)  # above it, once the database is open: Kom igång (main_window_help.py)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 1000])
        self.central = QStackedWidget()  # the views, or the lock screen (ui/idle_lock.py)
        self.central.addWidget(self.splitter)
        self.user_switch = UserSwitch(self, ctx, is_locked=self._locked, open_views=lambda: list(self._views.values()))
        self.user_switch.logged_out.connect(self._logged_out)
        self.user_switch.logged_in.connect(self._logged_in_again)
        self.central.addWidget(self.user_switch.page)  # after Logga ut / Byt användare
        self.setCentralWidget(self.central)
        self.nav.currentRowChanged.connect(self._show_row)

        self._build_status_bar()
        self.roles = RoleGuard(self, ctx)
        self.menus = WindowMenus(
            self,
            ctx,
            self.roles,
            [(spec.key, title) for spec, title in zip(VIEWS, self._titles(), strict=True)],
            show_view=self.show_view,
            show_help=self.show_help,
            lock_now=self.lock_now,
            log_out=self.log_out,
        )
        ctx.tasks.busy_changed.connect(self._busy)
        self.todo_timer = QTimer(self)
        self.todo_timer.setSingleShot(True)
        self.todo_timer.setInterval(800)
        self.todo_timer.timeout.connect(self.update_todo_count)
        ctx.changed.connect(self._count_changed)
        ctx.main_window = self
        keep_focus_after_dialogs()  # after any message box the focus is back on the cell or field (ui/focus.py)
        ctx.sync.state_changed.connect(self.connection.connection_changed)
        ctx.sync.refused.connect(self.show_conflict)
        self.help = WindowHelp(self, ctx, column, show_view=self.show_view, current_key=self.current_key)
        self.watch_other_pcs = True  # off for --screenshot
        self._restore()
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
            self.tr("Att göra"),
            self.tr("Avvikelser"),
            self.tr("Anställda"),
            self.tr("Statistik"),
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
            self.roles.admin_buttons(key, widget)
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
        self.menus.set_backups(self.backups)
        coop_name = self.ctx.read(lambda s: lookups.cooperative(s).name)
        self.setWindowTitle(f"coopdesk — {coop_name}")
        self.db_label.setText(self.tr("Databas: %1").replace("%1", self.ctx.db.describe()))
        self.user_label.setText(self.roles.user_text())
        self.menus.apply_role()
        self.help.attach_getting_started()
        if self.lock_when_idle and self.idle_lock is None:
            from coopdesk.ui.idle_lock import IdleLock

            self.idle_lock = IdleLock(self, self.ctx)
        if VIEWS[max(self.nav.currentRow(), 0)].key not in self._views:
            self._show_row(self.nav.currentRow())
        if self.watch_other_pcs:
            self.ctx.sync.start()
        self.update_todo_count()

    def update_todo_count(self) -> None:
        """The navigation's "Att göra (3)": how many lines the list has. Read on the worker without
        waiting (a register typed at speed must not wait for the count), the newest answer shown."""
        if not self.ctx.has_database:
            return
        from coopdesk.app.todo import TodoList

        app, query = self.ctx.app, TodoList(self.ctx.actor)
        self.ctx.tasks.run(lambda: app.read(query), self._show_todo_count, lambda _e, _d: None, quiet=True)

    def _show_todo_count(self, items: list) -> None:
        index = [spec.key for spec in VIEWS].index("attgora")
        title = self._titles()[index]
        self.nav.item(index).setText(f"{title} ({len(items)})" if items else title)

    def _count_changed(self, kind: str) -> None:
        if kind != "audit":
            self.todo_timer.start()  # once after a burst of changes

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
        from coopdesk.app import places
        from coopdesk.ui.errors import language, log

        warning = places.exposure_warning(getattr(db, "sqlite_path", None))
        self.exposure_label.setVisible(warning is not None)
        if warning is not None:
            log.warning(warning[1])
            self.exposure_label.setText(warning[0] if language() == "sv" else warning[1])

    def _drop_views(self) -> None:
        """The built views away (their member data with them); each is built again when shown."""
        for key, widget in list(self._views.items()):
            index = self.stack.indexOf(widget)
            self.stack.insertWidget(index, QWidget())
            self.stack.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
            del self._views[key]

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
        self.help.place_getting_started()
        focus = getattr(widget, "focus_target", None)
        (focus() if callable(focus) else widget).setFocus()

    def current_key(self) -> str:
        return VIEWS[max(self.nav.currentRow(), 0)].key

    # --- the parts' faces: names the rest of the program and the tests use -----------------------

    def show_help(self, page: str | None = None) -> QWidget:
        """F1: the guide on ``page``, or on the page of the view in use (ui/main_window_help.py)."""
        return self.help.show_help(page)

    @property
    def getting_started(self) -> QWidget | None:
        """The Kom igång checklist, once a database is attached."""
        return self.help.getting_started

    def show_conflict(self, error: CoopdeskError) -> None:
        """Another PC's change, without a modal box (called by ui/context.py too)."""
        self.connection.show_conflict(error)

    def lock_now(self) -> None:
        if self.idle_lock is not None:
            self.idle_lock.lock()

    def _locked(self) -> bool:
        return bool(self.idle_lock is not None and self.idle_lock.locked)

    def log_out(self) -> bool:
        """Arkiv → Logga ut / Byt användare, and "Annan användare" on the lock screen (ui/idle_lock.py)."""
        return self.user_switch.log_out()

    @property
    def logged_out(self) -> bool:
        return self.user_switch.waiting_for_login

    @property
    def login_dialog(self) -> QWidget | None:
        """The login dialog shown after a logout (tests fill it and call its ``attempt()``)."""
        return self.user_switch.login_dialog

    @Slot()
    def _logged_out(self) -> None:
        """Nobody is logged in: no lock to unlock, no view with member data, only the page."""
        if self.idle_lock is not None:
            self.idle_lock.release()
            self.idle_lock.paused = True
        self._drop_views()
        self.user_label.setText("")
        self.menuBar().setEnabled(False)
        self.central.setCurrentWidget(self.user_switch.page)

    @Slot(object)
    def _logged_in_again(self, session: object) -> None:
        self.menuBar().setEnabled(True)
        self.central.setCurrentWidget(self.splitter)
        if self.idle_lock is not None:
            self.idle_lock.paused = False
            self.idle_lock.last_input = self.idle_lock.clock()
        self.log_in(session)

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
        began = time.monotonic()
        # Hours half typed in Idag or Månad: asked, never saved without a word. (No register view was
        # opened when its module is not loaded: the views load lazily, see VIEWS.)
        keys = sys.modules.get("coopdesk.ui.views.register_keys")
        if keys is not None and not keys.settle_open_edits(self):
            event.ignore()
            return
        if not self.connection.may_close():
            event.ignore()
            return
        if self.help_window is not None:  # a window of its own (ui/help.py): it goes with this one
            self.help_window.close()
            self.help_window.deleteLater()
            self.help_window = None
        self.ctx.sync.stop()
        if self.backups is not None:
            self.backups.cancel_background()  # the check and a daily backup stop within milliseconds
        if self.ctx.tasks.busy:
            # Never cut an import or export in half, and never lose the last keypress of Idag: its edit is
            # saved (or its refusal shown) before the window goes.
            self.ctx.tasks.settle(60_000)
        if not self.persist_state:
            super().closeEvent(event)
            return
        if self.backups is not None:
            from coopdesk.ui.backups import CLOSE_BUDGET

            self.backups.backup_on_close(CLOSE_BUDGET - (time.monotonic() - began))
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
