"""Small pieces the register-keeping views share: a change whose error is shown next to the input,
a form dialog with Spara/Avbryt, and plain read-only tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.core.errors import CoopdeskError
from coopdesk.ui.context import AppContext
from coopdesk.ui.errors import language
from coopdesk.ui.widgets import Banner

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 2
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
MUTED = "color: #6b7280;"  # notes and status text beside a form


def attempt(ctx: AppContext, action: Callable[[Any], T], kind: str) -> tuple[T | None, CoopdeskError | None]:
    """Like ``ctx.change``, but a known error is handed back so it can be shown next to the input.

    What was typed stays in the form. After another PC's change (a conflict) the views reload, so the
    new value is seen; when the server cannot be reached, the window says so until it answers again.
    """
    return ctx.attempt(action, kind)


def message(error: CoopdeskError) -> str:
    return error.message(language())


def plain_table(model: QAbstractItemModel, name: str, parent: QWidget | None = None) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    return table


def fit_rows(table: QTableView) -> None:
    """A small table exactly as tall as its rows: no empty area, no scroll bar."""
    rows = table.model().rowCount()
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 2
    height += sum(table.rowHeight(r) for r in range(rows)) if rows else table.verticalHeader().defaultSectionSize()
    table.setFixedHeight(height)


def _fields(layout: QLayout) -> list[QWidget]:
    """The widgets of *layout* in reading order (nested layouts too)."""
    found: list[QWidget] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is not None:
            found.append(item.widget())
        elif item.layout() is not None:
            found.extend(_fields(item.layout()))
    return found


def focus_first_field(dialog: QDialog, form: QFormLayout, buttons: QDialogButtonBox) -> None:
    """A form dialog opens with the focus in its first field, not on Spara.

    The button box is made before the fields, so it comes first in Qt's focus chain: typing went
    nowhere and Enter saved the untouched values (a placement ended today instead of the date typed).
    A field the dialog focused itself is kept."""
    focused = dialog.focusWidget()
    if focused is not None and focused is not buttons and not buttons.isAncestorOf(focused):
        return
    for widget in _fields(form):
        target = widget.focusProxy() or widget
        if target.isEnabled() and target.isVisibleTo(dialog) and target.focusPolicy() & Qt.FocusPolicy.TabFocus:
            target.setFocus(Qt.FocusReason.TabFocusReason)
            return


class FormDialog(QDialog):
    """A form with Spara/Avbryt. ``save()`` does the change; a refused value's message stays in the dialog.

    Tests build the dialog, fill it and call ``save()`` (or ``accept()``): nothing waits on ``exec()``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.error = Banner(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Spara"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def save(self) -> bool:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        focus_first_field(self, self.form, self.buttons)

    def show_result(self, error: CoopdeskError | None) -> bool:
        if error is not None:
            self.error.show_message(message(error), "error")
            self.adjustSize()
            return False
        self.error.clear_message()
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()


class DisplayRowsModel(QAbstractTableModel):
    """A read-only table of prepared display rows: (key, cells). For small lists in forms."""

    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list[tuple[Any, tuple[str, ...]]] = []

    def set_rows(self, rows: list[tuple[Any, tuple[str, ...]]]) -> None:
        if [key for key, _ in rows] == [key for key, _ in self.rows]:
            changed = [i for i, (old, new) in enumerate(zip(self.rows, rows, strict=True)) if old != new]
            self.rows = rows
            for i in changed:
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.headers) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def key(self, row: int) -> Any:
        return self.rows[row][0] if 0 <= row < len(self.rows) else None

    def row_of(self, key: Any) -> int:
        return next((i for i, (k, _) in enumerate(self.rows) if k == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        key, cells = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cells[index.column()]
        if role == ID_ROLE:
            return key
        return None
