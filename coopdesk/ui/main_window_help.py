"""The main window's help for beginners: the "Kom igång" checklist above Idag while a new database is
not ready (ui/views/getting_started.py), its links to the views, and F1, the user guide on the page
of the view in use (ui/help.py).

A new database opens on Idag with the checklist, whatever view was last used on this computer.

``WindowHelp`` is a part of ``MainWindow`` (ui/main_window.py). It is handed the window (whose dialogs' F1 it
answers and on which ui/help.py keeps the guide's window), the context, the column the checklist goes into,
and the window's ``show_view`` and ``current_key``; it owns the checklist panel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QDialog, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from coopdesk.ui.context import AppContext

if TYPE_CHECKING:
    from coopdesk.ui.views.getting_started import GettingStarted

#: Where each step of the checklist is done: the view, and the widget there that gets the focus (its
#: attribute path from the view, dotted through the view's parts).
STEP_TARGETS = {
    "cooperative": ("installningar", "cooperative_box.name"),
    "districts": ("bestallare", None),
    "work_areas": ("installningar", "work_areas_box.add_button"),
    "members": ("medlemmar", "new_button"),
    "supervisors": ("handledare", None),
}
#: F1 in a dialog: the guide's page about what the dialog does, by the dialog's class name.
DIALOG_PAGES = {
    "PlacementDialog": "beslut.html",
    "EndPlacementDialog": "beslut.html",
    "MoveDialog": "beslut.html",
    "CapacityDialog": "omfattning.html",
    "TariffDialog": "taxor.html",
    "DistrictDialog": "bestallare.html",
    "RestoreDialog": "backup.html",
    "UsersDialog": "anvandare.html",
    "ChangePasswordDialog": "anvandare.html",
    "HoursDialog": "handledare.html",
    "SupervisorDialog": "handledare.html",
    "WorkAreaDialog": "installningar.html",
    "ClosureDayDialog": "installningar.html",
}
#: The member editor's tabs (Uppgifter, Beslut, Omfattning, Närvaro).
EDITOR_TAB_PAGES = ("medlemmar.html", "beslut.html", "omfattning.html", "medlemmar.html")
#: Changes that cannot make a step done or undone: the checklist is not read again for them.
_NOT_STEPS = frozenset({"attendance", "attendance_day", "locks"})


class WindowHelp(QObject):
    """Kom igång above Idag, F1 on the view in use, and F1 in the window's dialogs."""

    def __init__(
        self,
        window: QWidget,
        ctx: AppContext,
        column: QVBoxLayout,
        *,
        show_view: Callable[[str], QWidget],
        current_key: Callable[[], str],
    ) -> None:
        super().__init__(window)
        self.window, self.ctx, self._column = window, ctx, column
        self._show_view, self._current_key = show_view, current_key
        #: The checklist (ui/views/getting_started.py), once a database is attached.
        self.getting_started: GettingStarted | None = None
        # F1 in a dialog opens the page about it (a dialog takes the keys, so the menu's F1 is quiet).
        self._dialog_help = _DialogHelp(window)
        QApplication.instance().installEventFilter(self._dialog_help)

    def show_help(self, page: str | None = None) -> QWidget:
        """F1: the guide on ``page``, or on the page of the view in use."""
        from coopdesk.ui.help import show_help

        helper = show_help(self.window, None if page else self._current_key())
        if page:
            helper.show_page(page)
        return helper

    # --- Kom igång -----------------------------------------------------------------------------

    def attach_getting_started(self) -> None:
        """A database is attached: the checklist read (and built, the first time)."""
        if self.getting_started is None:
            from coopdesk.ui.views.getting_started import GettingStarted

            panel = GettingStarted(self.ctx, self.window)
            panel.step_chosen.connect(self.open_step)
            panel.help_wanted.connect(lambda: self.show_help("kom-igang.html"))
            holder = QWidget()  # in line with the view below it
            holder.setObjectName("gettingStartedHolder")
            QVBoxLayout(holder).setContentsMargins(9, 9, 9, 0)
            holder.layout().addWidget(panel)
            holder.setVisible(False)
            self._column.insertWidget(2, holder)  # under the notices, above the views
            self.ctx.changed.connect(self._steps_changed)
            self.getting_started = panel
        self.getting_started.refresh()  # type: ignore[attr-defined]
        if self.getting_started.wanted:  # type: ignore[attr-defined]
            self._show_view("idag")
        self.place_getting_started()

    def _steps_changed(self, kind: str) -> None:
        panel = self.getting_started
        if panel is None or kind in _NOT_STEPS or not self.ctx.has_database or not self.ctx.actor.name:
            return
        if panel.steps and (panel.complete or panel.dismissed):  # type: ignore[attr-defined]
            return  # once done, done: nothing makes the checklist come back
        panel.refresh()
        self.place_getting_started()

    def place_getting_started(self) -> None:
        """Shown above Idag only, while there is a step left and it has not been hidden."""
        panel = self.getting_started
        if panel is not None:
            panel.parentWidget().setVisible(bool(panel.wanted) and self._current_key() == "idag")  # type: ignore[union-attr]

    def open_step(self, key: str) -> None:
        """A step's link: its view, with the focus where the step starts."""
        view_key, focus = STEP_TARGETS[key]
        widget: object = self._show_view(view_key)
        for name in focus.split(".") if focus else ():
            widget = getattr(widget, name, None)
        if focus and isinstance(widget, QWidget):
            parent = widget.parentWidget()
            while parent is not None and not isinstance(parent, QAbstractScrollArea):
                parent = parent.parentWidget()
            if isinstance(parent, QScrollArea):  # Inställningar scrolls on a small screen
                parent.ensureWidgetVisible(widget)
            widget.setFocus()


def dialog_page(dialog: QWidget) -> str | None:
    """The guide's page for ``dialog``, None for a dialog the guide has no page about."""
    name = type(dialog).__name__
    if name == "MemberEditor":
        tabs = dialog.findChild(QTabWidget)
        return EDITOR_TAB_PAGES[tabs.currentIndex()] if tabs is not None else "medlemmar.html"
    return DIALOG_PAGES.get(name)


class _DialogHelp(QObject):
    """F1 pressed in one of the window's dialogs."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def _ours(self, dialog: QWidget) -> bool:
        parent = dialog.parentWidget()
        while parent is not None and parent is not self.window:
            parent = parent.parentWidget()
        return parent is self.window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_F1:
            return False
        if not isinstance(watched, QWidget):
            return False
        dialog = watched.window()
        if not isinstance(dialog, QDialog) or dialog.objectName() == "helpWindow" or not self._ours(dialog):
            return False
        page = dialog_page(dialog)
        if page is None:
            return False
        from coopdesk.ui.help import show_dialog_help

        show_dialog_help(dialog, page)
        return True
