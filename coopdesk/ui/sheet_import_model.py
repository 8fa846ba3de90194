"""The tables of Importera från kalkylblad: the sheets and what each was taken for, the columns of the
chosen sheet, and the problems of the preview (highlighted)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from coopdesk.app.sheets import FIELDS
from coopdesk.core.sheets.interpret import ColumnInfo, Problem, SheetInfo
from coopdesk.ui import formats
from coopdesk.ui.errors import language
from coopdesk.ui.rows_model import Index, ItemRowsModel

PROBLEM_BACKGROUND = QColor("#fde2e2")
LEFT_OUT_FOREGROUND = QColor("#6b7280")


def kind_text(info: SheetInfo) -> str:
    if info.kind == "members":
        return formats.tr("Medlemsblad")
    if info.kind == "month" and info.month is not None:
        return formats.tr("Månadsblad (%1)").replace("%1", month_name(info.month))
    if info.kind == "hidden":
        return formats.tr("Dolt blad, läses inte")
    if info.kind == "skipped":
        return formats.tr("Inte valt")
    return formats.tr("Läses inte (varken medlemsblad eller månadsblad)")


def month_name(month) -> str:
    return month.name_en() if language() == "en" else month.name_sv()


def field_text(key: str | None) -> str:
    if key is None:
        return formats.tr("(lämnas utanför)")
    if key == "who":
        return formats.tr("Medlem")
    if key.startswith("day:"):
        return formats.tr("Dag %1").replace("%1", key[4:])
    field = next(f for f in FIELDS if f.key == key)
    return field.en if language() == "en" else field.sv


class SheetsModel(ItemRowsModel):
    NAME, KIND, HEADER_ROW, LEFT_OUT = range(4)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[SheetInfo] = []

    def headers(self) -> list[str]:
        return [formats.tr("Blad"), formats.tr("Tolkas som"), formats.tr("Rubrikrad"), formats.tr("Lämnas utanför")]

    def set_sheets(self, sheets: list[SheetInfo]) -> None:
        self.replace_rows(sheets, key=lambda s: s.name)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        info = self.rows[index.row()]
        column = index.column()
        if column == self.NAME:
            return info.name
        if column == self.KIND:
            return kind_text(info)
        if column == self.HEADER_ROW:
            return "" if info.header_row is None else str(info.header_row)
        return ", ".join(info.unknown)


class ColumnsModel(ItemRowsModel):
    LETTER, HEADER, FIELD = range(3)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ColumnInfo] = []

    def headers(self) -> list[str]:
        return [formats.tr("Kolumn"), formats.tr("Rubrik"), formats.tr("Läses som")]

    def set_columns(self, columns: list[ColumnInfo]) -> None:
        self.replace_rows([c for c in columns if c.header or c.field], key=lambda c: c.letter)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and info.field is None:
            return QBrush(LEFT_OUT_FOREGROUND)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (info.letter, info.header, field_text(info.field))[index.column()]


class ProblemsModel(ItemRowsModel):
    SHEET, ROW, COLUMN, VALUE, RULE = range(5)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Problem] = []

    def headers(self) -> list[str]:
        return [formats.tr("Blad"), formats.tr("Rad"), formats.tr("Kolumn"), formats.tr("Värde"), formats.tr("Fel")]

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()  # a new preview: a new list, nothing to keep
        self.rows = list(problems)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        problem = self.rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(PROBLEM_BACKGROUND)
        text = problem.en if language() == "en" else problem.sv
        if role == Qt.ItemDataRole.ToolTipRole:
            return text
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        place = problem.place
        return (
            place.sheet,
            "" if place.row is None else str(place.row),
            place.column or "",
            problem.value,
            text,
        )[index.column()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)
