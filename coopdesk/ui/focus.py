"""After a dialog, the keyboard focus is back where it was: on the cell or field that caused it.

A message box shown while hours are typed into a table cell (say "högst 24 timmar") closes the
cell's editor while the main window is not active. Qt then forgets where the focus was (the
editor is gone), and when the window is activated again it gives the focus to the first widget in
the window — the navigation list, where the next keys switch views. So one application-wide
filter, installed once (``keep_focus_after_dialogs``), does two things for every modal dialog and
message box of the program:

* when the dialog opens it notes the widget that had the focus, and when it closes it gives the
  focus back to that widget (or, if that was a cell editor that is gone, to its table, on the same
  cell);
* when a table's cell editor that has its window's focus is hidden while the window is not active
  (the case above), the focus goes to the table, not to the start of the window.

Code after ``exec()`` that moves the focus on purpose (a form putting it on the field to correct)
still wins: the filter acts when the dialog hides, before ``exec()`` returns.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QWidget

_WATCHED = frozenset({QEvent.Type.Show, QEvent.Type.Hide})


def _alive(widget: QObject | None) -> bool:
    return widget is not None and shiboken6.isValid(widget)


def editor_view(widget: QWidget | None) -> QAbstractItemView | None:
    """The table or list whose cell editor ``widget`` is (or is inside); None for anything else."""
    parent = widget.parentWidget() if widget is not None else None
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QAbstractItemView):
            return parent if parent.viewport().isAncestorOf(widget) else None
        parent = parent.parentWidget()
    return None


@dataclass
class _Before:
    dialog: QDialog
    focus: QWidget | None
    view: QAbstractItemView | None  # when the focus was in a cell editor: its view and cell
    cell: QPersistentModelIndex


class FocusKeeper(QObject):
    """The application-wide filter; see the module's docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open: list[_Before] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _WATCHED or not isinstance(watched, QWidget):
            return False
        with contextlib.suppress(RuntimeError):  # a wrapper whose widget is being deleted
            if isinstance(watched, QDialog) and watched.isModal() and watched.isWindow():
                if kind == QEvent.Type.Show:
                    self._opened(watched)
                else:
                    self._closed(watched)
            elif kind == QEvent.Type.Hide and not watched.isWindow():
                self._hidden(watched)
        return False

    def _opened(self, dialog: QDialog) -> None:
        self._open = [e for e in self._open if _alive(e.dialog)]  # one deleted while it was open
        if any(entry.dialog is dialog for entry in self._open):
            return
        focus = QApplication.focusWidget()
        if focus is None or focus.window() is dialog:
            parent = dialog.parentWidget()
            owner = parent.window() if parent is not None else QApplication.activeWindow()
            focus = owner.focusWidget() if owner is not None and owner is not dialog else None
        view = editor_view(focus)
        cell = QPersistentModelIndex(view.currentIndex()) if view is not None else QPersistentModelIndex()
        self._open.append(_Before(dialog, focus, view, cell))

    def _closed(self, dialog: QDialog) -> None:
        entry = next((e for e in reversed(self._open) if e.dialog is dialog), None)
        if entry is None:
            return
        self._open.remove(entry)
        focus = entry.focus
        if _alive(focus) and focus.isVisible() and focus.isEnabled():  # type: ignore[union-attr]
            focus.setFocus(Qt.FocusReason.OtherFocusReason)  # type: ignore[union-attr]
        elif _alive(entry.view) and entry.view.isVisible():  # type: ignore[union-attr]
            self._back_to_cell(entry.view, entry.cell)  # type: ignore[arg-type]

    def _hidden(self, widget: QWidget) -> None:
        """A cell editor with its window's focus hidden while the window is inactive: focus the table."""
        window = widget.window()
        focus = window.focusWidget()
        if focus is None or QApplication.focusWidget() is focus or not (focus is widget or widget.isAncestorOf(focus)):
            return
        view = editor_view(widget)
        if view is not None and view.isVisible():
            self._back_to_cell(view, QPersistentModelIndex(view.currentIndex()))

    @staticmethod
    def _back_to_cell(view: QAbstractItemView, cell: QPersistentModelIndex) -> None:
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        if cell.isValid() and view.currentIndex() != cell:
            view.setCurrentIndex(view.model().index(cell.row(), cell.column(), cell.parent()))


def keep_focus_after_dialogs(app: QApplication | None = None) -> FocusKeeper:
    """Install the filter on the application, once; returns it."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    assert app is not None
    keeper = app.findChild(FocusKeeper)
    if keeper is None:
        keeper = FocusKeeper(app)
        app.installEventFilter(keeper)
    return keeper
