"""The main window: navigation on the left, one view at a time, menus, shortcuts, status bar.

Views are built the first time they are shown, so the window opens fast however large the
database is. Window geometry, splitter and the last view are kept in QSettings.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk import __version__
from coopdesk.core.errors import CoopdeskError
from coopdesk.ui.context import AppContext, admin_only, role_label
from coopdesk.ui.errors import language, show_error
from coopdesk.ui.widgets import Notice


@dataclass(frozen=True)
class ViewSpec:
    key: str
    module: str
    cls: str


VIEWS = (
    ViewSpec("idag", "coopdesk.ui.views.today", "TodayView"),
    ViewSpec("manad", "coopdesk.ui.views.month", "MonthView"),
    ViewSpec("medlemmar", "coopdesk.ui.views.members", "MembersView"),
    ViewSpec("handledare", "coopdesk.ui.views.supervisors", "SupervisorsView"),
    ViewSpec("bestallare", "coopdesk.ui.views.districts", "DistrictsView"),
    ViewSpec("redovisning", "coopdesk.ui.views.statements", "StatementsView"),
    ViewSpec("installningar", "coopdesk.ui.views.settings", "SettingsView"),
)

#: Buttons of other views that only an administrator can use, by their (source) text, with the end of
#: the tooltip "Bara en administratör kan …". The services refuse these changes anyway.
ADMIN_BUTTONS = {
    "handledare": (("&Ny handledare…", "add_supervisor"), ("&Ändra…", "edit_supervisor")),
    "bestallare": (
        ("&Ny beställare…", "add_district"),
        ("Än&dra…", "edit_district"),
        ("Ny er&sättning…", "tariffs"),
        ("&Ta bort ersättning", "tariffs"),
    ),
    "redovisning": (("Öppna månad &igen…", "reopen"),),
}


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
        column.addWidget(self.stack, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 1000])
        self.central = QStackedWidget()  # the views, or the lock screen (ui/idle_lock.py)
        self.central.addWidget(self.splitter)
        self.setCentralWidget(self.central)
        self.nav.currentRowChanged.connect(self._show_row)

        self._build_status_bar()
        self._build_menus()
        ctx.tasks.busy_changed.connect(self._busy)
        ctx.main_window = self
        ctx.sync.state_changed.connect(self._connection_changed)
        ctx.sync.refused.connect(self.show_conflict)
        self._was_offline = False
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
        from coopdesk.core.services import context as core_context

        self.ctx.db = database  # type: ignore[assignment]
        if self.backups is None and self.ctx.db.sqlite_path is not None:
            from coopdesk.ui.backups import BackupController

            self.backups = BackupController(self, self.ctx.db.sqlite_path)
        self.backup_action.setEnabled(self.backups is not None)
        self.restore_action.setEnabled(self.backups is not None)
        coop_name = self.ctx.read(lambda s: core_context.cooperative(s).name)
        self.setWindowTitle(f"coopdesk — {coop_name}")
        self.db_label.setText(self.tr("Databas: %1").replace("%1", self.ctx.db.describe()))
        self._show_user()
        self._apply_role()
        if self.lock_when_idle and self.idle_lock is None:
            from coopdesk.ui.idle_lock import IdleLock

            self.idle_lock = IdleLock(self, self.ctx)
        if VIEWS[max(self.nav.currentRow(), 0)].key not in self._views:
            self._show_row(self.nav.currentRow())
        if self.watch_other_pcs:
            self.ctx.sync.start()

    # --- several PCs ---------------------------------------------------------------------------

    def show_conflict(self, error: CoopdeskError) -> None:
        """Another PC's change (or a waiting change refused when it was applied), without a modal box."""
        self.conflict_notice.show_message(error.message(language()), "conflict", 60_000)

    @Slot()
    def _connection_changed(self) -> None:
        sync = self.ctx.sync
        count = len(sync.pending)
        if sync.offline:
            self._was_offline = True
            text = self.tr("Ingen kontakt med databasservern.")
            if count == 1:
                text += " " + self.tr("1 ändring väntar och sparas när kontakten är tillbaka.")
            elif count:
                text += " " + self.tr("%1 ändringar väntar och sparas när kontakten är tillbaka.").replace(
                    "%1", str(count)
                )
            else:
                text += " " + self.tr(
                    "Det du ser kan vara inaktuellt. coopdesk försöker igen med några sekunders mellanrum."
                )
            self.connection_notice.action.setVisible(True)
            self.connection_notice.show_message(text, "offline")
        elif self._was_offline:
            self._was_offline = False
            self.connection_notice.action.setVisible(False)
            self.connection_notice.show_message(
                self.tr("Kontakten med databasservern är tillbaka. Allt som väntade är sparat."), "info", 15_000
            )

    def log_in(self, session: object) -> None:
        """The user logged in at start (ui/login.py): their account, then the data."""
        self.ctx.user_session = session  # type: ignore[assignment]
        self.ctx.actor = session.actor  # type: ignore[attr-defined]
        self.attach_database(session.db)  # type: ignore[attr-defined]

    # --- roles ---------------------------------------------------------------------------------

    def _admin_tooltips(self) -> dict[str, str]:
        return {
            "add_supervisor": self.tr("Bara en administratör kan lägga till handledare."),
            "edit_supervisor": self.tr("Bara en administratör kan ändra handledarnas uppgifter."),
            "add_district": self.tr("Bara en administratör kan lägga till beställare."),
            "edit_district": self.tr("Bara en administratör kan ändra beställare."),
            "tariffs": self.tr("Bara en administratör kan ändra ersättningar."),
            "reopen": self.tr("Bara en administratör kan öppna en attesterad månad igen."),
            "import": self.tr("Bara en administratör kan importera."),
            "restore": self.tr("Bara en administratör kan återställa en säkerhetskopia."),
            "audit": self.tr("Bara en administratör kan läsa händelseloggen."),
            "users": self.tr("Bara en administratör kan hantera användare."),
            "erasure": self.tr("Bara en administratör kan gallra medlemmar."),
        }

    def _apply_role(self) -> None:
        tips = self._admin_tooltips()
        for action, key in (
            (self.import_action, "import"),
            (self.restore_action, "restore"),
            (self.audit_action, "audit"),
            (self.users_action, "users"),
            (self.erasure_action, "erasure"),
        ):
            admin_only(self.ctx.actor, action, tips[key])

    def _admin_buttons(self, key: str, widget: QWidget) -> None:
        from PySide6.QtWidgets import QPushButton

        if self.ctx.actor.is_admin or key not in ADMIN_BUTTONS:
            return
        tips = self._admin_tooltips()
        for source, tip in ADMIN_BUTTONS[key]:
            text = widget.tr(source)  # the view's own translation of its button
            for button in widget.findChildren(QPushButton):
                if button.text() == text:
                    admin_only(self.ctx.actor, button, tips[tip])

    def _refused(self, action_sv: str, action_en: str) -> bool:
        """True (and the message shown) when the user is not an administrator: a disabled action's slot
        can still be reached (a stale shortcut, a script), and the rule must hold there too."""
        from coopdesk.core.permissions import require_admin

        try:
            require_admin(self.ctx.actor, action_sv, action_en)
        except CoopdeskError as error:
            show_error(self, error)
            return True
        return False

    def _show_user(self) -> None:
        actor = self.ctx.actor
        self.user_label.setText(
            self.tr("Inloggad: %1 (%2)").replace("%1", actor.name).replace("%2", role_label(actor.role))
        )

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
        bar.addWidget(self.db_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.user_label)

    @Slot(bool, str)
    def _busy(self, busy: bool, label: str) -> None:
        self.progress.setVisible(busy)
        if busy and label:
            self.statusBar().showMessage(label)
        elif not busy:
            self.statusBar().clearMessage()

    def _action(self, text: str, shortcut: QKeySequence | str | None, slot, menu) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&Arkiv"))
        self.file_menu.setToolTipsVisible(True)  # a disabled item says why
        self.import_action = self._action(self.tr("&Importera…"), None, self._import, self.file_menu)
        self._action(self.tr("&Exportera…"), None, self._export, self.file_menu)
        self.file_menu.addSeparator()
        self.backup_action = self._action(
            self.tr("&Säkerhetskopiera nu"), "Ctrl+Shift+S", self._backup_now, self.file_menu
        )
        self.restore_action = self._action(
            self.tr("Å&terställ från säkerhetskopia…"), None, self._restore_backup, self.file_menu
        )
        self.backup_action.setEnabled(False)
        self.restore_action.setEnabled(False)
        self.erasure_action = self._action(self.tr("&Gallra tidigare medlemmar…"), None, self._erasure, self.file_menu)
        self.file_menu.addSeparator()
        self.users_action = self._action(self.tr("&Användare…"), None, self._users, self.file_menu)
        self.password_action = self._action(self.tr("&Byt lösenord…"), None, self._change_password, self.file_menu)
        self.lock_action = self._action(self.tr("&Lås nu"), "Ctrl+Shift+L", self.lock_now, self.file_menu)
        self.file_menu.addSeparator()
        self._action(self.tr("A&vsluta"), QKeySequence.StandardKey.Quit, self.close, self.file_menu)

        edit = bar.addMenu(self.tr("&Redigera"))
        undo = self.ctx.undo_stack.createUndoAction(self, self.tr("Ångra"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.ctx.undo_stack.createRedoAction(self, self.tr("Gör om"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addAction(undo)
        edit.addAction(redo)

        view_menu = bar.addMenu(self.tr("&Visa"))
        view_menu.setToolTipsVisible(True)
        self.audit_action = self._action(self.tr("&Händelselogg…"), "Ctrl+L", self._audit_log, view_menu)
        view_menu.addSeparator()
        for number, (spec, title) in enumerate(zip(VIEWS, self._titles(), strict=True), start=1):
            self._action(title, f"Ctrl+{number}", lambda _=False, key=spec.key: self.show_view(key), view_menu)

        self.statement_menu = bar.addMenu(self.tr("R&edovisning"))
        self._action(self.tr("Visa redovisning"), "Ctrl+R", lambda: self.show_view("redovisning"), self.statement_menu)

        help_menu = bar.addMenu(self.tr("&Hjälp"))
        self._action(self.tr("&Kortkommandon"), QKeySequence.StandardKey.HelpContents, self._shortcuts, help_menu)
        self._action(self.tr("&Om coopdesk"), None, self._about, help_menu)

    def _import(self) -> None:
        if self._refused("importera", "import"):
            return
        from coopdesk.ui.exchange_dialogs import import_file

        import_file(self)

    def _export(self) -> None:
        from coopdesk.ui.exchange_dialogs import export_file

        export_file(self)

    def _audit_log(self) -> None:
        if self._refused("läsa händelseloggen", "read the audit log"):
            return
        from coopdesk.ui.audit_dialog import AuditDialog

        AuditDialog(self.ctx, self).exec()

    def _users(self) -> None:
        if not self.ctx.has_database or self._refused("hantera användare", "manage users"):
            return
        from coopdesk.ui.users_dialog import UsersDialog

        UsersDialog(self.ctx, self).exec()

    def _change_password(self) -> None:
        if not self.ctx.has_database:
            return
        from coopdesk.ui.users_dialog import ChangePasswordDialog

        if ChangePasswordDialog(self.ctx.account(), parent=self).exec():
            self.statusBar().showMessage(self.tr("Lösenordet är bytt."), 10_000)

    def lock_now(self) -> None:
        if self.idle_lock is not None:
            self.idle_lock.lock()

    def _backup_now(self) -> None:
        if self.backups is not None:
            self.backups.backup_in_background(
                "manual",
                lambda target: self.statusBar().showMessage(
                    self.tr("Säkerhetskopian är gjord och kontrollerad: %1").replace("%1", str(target)), 10_000
                ),
            )

    def _erasure(self) -> None:
        if self.ctx.has_database and not self._refused("gallra medlemmar", "erase members"):
            from coopdesk.ui.erasure_dialog import open_erasure_dialog

            open_erasure_dialog(self, self.ctx)

    def _restore_backup(self) -> None:
        if self.backups is not None and not self._refused("återställa en säkerhetskopia", "restore a backup"):
            from coopdesk.ui.backups import restore_dialog

            restore_dialog(self.backups, self)

    def _shortcuts(self) -> None:
        QMessageBox.information(
            self,
            self.tr("Kortkommandon"),
            self.tr(
                "Ctrl+1 … Ctrl+7  byt vy\n"
                "Ctrl+Z / Ctrl+Y  ångra / gör om\n"
                "Ctrl+R  redovisning\n"
                "Ctrl+L  händelselogg, Ctrl+Shift+L  lås nu\n\n"
                "Idag:\n"
                "N S A O L  närvarande, sjuk, anmäld, oanmäld frånvaro, ledig\n"
                "Delete  ta bort registreringen\n"
                "siffror  skriv timmar direkt (Enter sparar)\n"
                "Ctrl+F eller /  hitta medlem (eller skriv namnets början)\n"
                "Ctrl+M  markera alla planerade som närvarande\n"
                "Alt+Vänster / Alt+Höger  föregående / nästa dag, Ctrl+T idag"
            ),
        )

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Om coopdesk"),
            self.tr(
                "coopdesk %1\n\nNärvaro, handledartid och månadsredovisningar för sociala arbetskooperativ."
            ).replace("%1", __version__),
        )

    # --- state ---------------------------------------------------------------------------------

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)) or self.height() < 400:
            self.resize(1200, 760)  # the first start, or a window saved too small to work in
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

    def ask_pending(self, count: int) -> str:
        """Changes wait for the server: "wait" (stay open and try again) or "export" (save them to a file)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Ändringar väntar"))
        box.setText(
            self.tr("%1 ändringar är inte sparade: databasservern går inte att nå.").replace("%1", str(count))
            if count != 1
            else self.tr("1 ändring är inte sparad: databasservern går inte att nå.")
        )
        box.setInformativeText(
            self.tr(
                "Vänta tills kontakten är tillbaka (coopdesk försöker igen hela tiden), eller spara ändringarna i "
                "en fil och avsluta. Filen kan lämnas till den som sköter databasen så att inget går förlorat."
            )
        )
        wait = box.addButton(self.tr("&Vänta"), QMessageBox.ButtonRole.RejectRole)
        export = box.addButton(self.tr("&Spara i en fil och avsluta…"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(wait)
        box.exec()
        return "export" if box.clickedButton() is export else "wait"

    def pending_file(self) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        from coopdesk.storage import paths

        default = paths.data_dir() / f"coopdesk-ej-sparat-{dt.datetime.now():%Y-%m-%d-%H%M}.json"
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Spara ändringarna som väntar"), str(default), self.tr("JSON-fil (*.json)")
        )
        return Path(name) if name else None

    def _may_close(self) -> bool:
        """Never close with changes that wait for the server, unless they are saved to a file first."""
        sync = self.ctx.sync
        if not sync.pending:
            return True
        sync.check(wait=True)  # the server may be back: then nothing waits any more
        while sync.pending:
            if self.ask_pending(len(sync.pending)) != "export":
                return False
            target = self.pending_file()
            if target is None:
                continue
            try:
                sync.export(target)
            except OSError as error:
                QMessageBox.warning(
                    self,
                    "coopdesk",
                    self.tr("Filen %1 kunde inte sparas: %2")
                    .replace("%1", str(target))
                    .replace("%2", error.strerror or ""),
                )
                continue
            return True
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close():
            event.ignore()
            return
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
