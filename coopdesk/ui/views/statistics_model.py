"""The Statistik view's pieces without a window: the tables (the workbook's sheets, shown) and the charts
(the printed report's reportlab drawings, rendered to an image through QtPdf).

Why this way (docs/rules.md "Årsstatistik"): the drawing that is printed is the one shown, so screen and
paper cannot disagree, and nothing is added to the installer — reportlab and QtPdf are there already.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QImage

from coopdesk.core.numbers import fmt_sv
from coopdesk.reports.xlsx import Sheet
from coopdesk.ui.printing import load_pdf

Index = QModelIndex | QPersistentModelIndex
NUMERIC = ("int", "decimal", "money", "hours", "percent")


def cell_text(value: object, kind: str) -> str:
    """A figure as the report prints it: decimal comma, two decimals for hours and amounts."""
    if value is None or value == "":
        return "–" if kind in NUMERIC else ""
    if isinstance(value, bool | str):
        return str(value)
    if isinstance(value, int) and kind in ("int", "percent"):
        return str(value)
    if isinstance(value, int | Decimal | Fraction | float):
        places = 1 if kind == "decimal" and not isinstance(value, int) and Decimal(value).as_tuple()[2] == -1 else 2
        text = fmt_sv(value, places)
        return f"{text} kr" if kind == "money" else text
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class SheetModel(QAbstractTableModel):
    """One table of the yearly figures: a workbook sheet's columns and rows, read-only, the totals last."""

    def __init__(self, sheet: Sheet | None = None) -> None:
        super().__init__()
        self.sheet: Sheet | None = None
        self._rows: list[list[object]] = []
        if sheet is not None:
            self.set_sheet(sheet)

    def set_sheet(self, sheet: Sheet) -> None:
        self.beginResetModel()  # a new year: every row and column may differ
        self.sheet = sheet
        self._rows = [list(r) for r in sheet.rows] + ([list(sheet.totals)] if sheet.totals is not None else [])
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.sheet is None else len(self.sheet.columns)

    def is_total(self, row: int) -> bool:
        return self.sheet is not None and self.sheet.totals is not None and row == len(self._rows) - 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.sheet is None:
            return None
        row, column = self._rows[index.row()], self.sheet.columns[index.column()]
        value = row[index.column()] if index.column() < len(row) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(value, column.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.kind in NUMERIC else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.is_total(index.row()):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self.sheet is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.sheet.columns[section].header if section < len(self.sheet.columns) else None
        return None


def drawing_image(drawing: Any, scale: float = 2.0) -> QImage:
    """A reportlab Drawing as an image ``scale`` times its size in points (sharp on a high-dpi screen):
    drawn to a one-page PDF by reportlab and rendered by QtPdf, as the printed report is."""
    from reportlab.graphics import renderPDF  # the charts load reportlab only when the view is first shown

    document = load_pdf(renderPDF.drawToString(drawing))
    try:
        size = document.pagePointSize(0)
        image = document.render(0, QSize(round(size.width() * scale), round(size.height() * scale)))
    finally:
        document.close()
        document.deleteLater()
    image.setDevicePixelRatio(scale)
    return image
