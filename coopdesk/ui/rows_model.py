"""The base of the small read-only tables: rows of plain items, headers, targeted updates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class ItemRowsModel(QAbstractTableModel):
    """A table of plain items, one per row (each with an ``id``); subclasses give ``headers()`` and ``data()``."""

    rows: list

    def headers(self) -> list[str]:
        return []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def replace_rows(self, rows: list, key: Callable[[Any], object] = lambda r: r.id) -> None:
        """The same rows (by key): targeted dataChanged, keeping selection and scroll; otherwise a reset."""
        old = self.rows
        if [key(r) for r in old] == [key(r) for r in rows]:
            self.rows = rows
            for i, (a, b) in enumerate(zip(old, rows, strict=True)):
                if a != b:
                    self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_of(self, item_id: int | None) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == item_id), -1)
