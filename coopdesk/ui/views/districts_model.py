"""Beställare: the districts, their dated tariffs in words, and the editable bands of a per-month tariff."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from coopdesk.app.districts import DistrictItem, TariffItem
from coopdesk.ui import formats
from coopdesk.ui.rows_model import ItemRowsModel
from coopdesk.ui.views.form_kit import ID_ROLE, RIGHT, Index


def kind_name(kind: str) -> str:
    return {"stadsdel": formats.tr("Stadsdel"), "kommun": formats.tr("Kommun")}[kind]


def tariff_kind_name(kind: str) -> str:
    return {
        "none": formats.tr("Ingen"),
        "per_day": formats.tr("Per dag"),
        "per_hour": formats.tr("Per timme"),
        "per_month": formats.tr("Per månad"),
    }[kind]


def _minimum(hours: Decimal | None) -> str:
    return formats.tr(" (minst %1 tim)").replace("%1", formats.hours(hours)) if hours else ""


def tariff_text(t: TariffItem) -> str:
    """'Per dag: heldag 450,00 kr (minst 4 tim), halvdag 250,00 kr (minst 1 tim)' and the like."""
    if t.kind == "per_day":
        parts = [
            formats.tr("heldag %1").replace("%1", formats.amount(t.full_day_amount)) + _minimum(t.full_day_min_hours)
        ]
        if t.half_day_amount is not None:
            half = formats.tr("halvdag %1").replace("%1", formats.amount(t.half_day_amount))
            parts.append(half + _minimum(t.half_day_min_hours))
        return f"{tariff_kind_name(t.kind)}: {', '.join(parts)}"
    if t.kind == "per_hour":
        return f"{tariff_kind_name(t.kind)}: {formats.amount(t.hourly_amount)}"
    if t.kind == "per_month":
        bands = ", ".join(
            formats.tr("från %1 % %2").replace("%1", str(p)).replace("%2", formats.amount(a)) for p, a in t.bands
        )
        return f"{tariff_kind_name(t.kind)}: {bands}"
    return tariff_kind_name(t.kind)


class _Rows(ItemRowsModel):
    def set_items(self, rows: list) -> None:
        self.replace_rows(rows)


class DistrictsModel(_Rows):
    NAME, KIND, CONTACT, FULL_NUMBER = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[DistrictItem] = []

    def headers(self) -> list[str]:
        return [
            formats.tr("Namn"),
            formats.tr("Typ"),
            formats.tr("Kontakt"),
            formats.tr("Visa fullständigt personnummer"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        d, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return d.name
            if column == self.KIND:
                return kind_name(d.kind) + (formats.tr(" · värdstadsdel") if d.is_host else "")
            if column == self.CONTACT:
                return d.contact or "–"
            return formats.tr("Ja") if d.show_full_personal_number else formats.tr("Nej")
        if role == ID_ROLE:
            return d.id
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CONTACT and d.contact:
            return d.contact
        return None


class TariffsModel(_Rows):
    FROM, UNTIL, TARIFF = range(3)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[TariffItem] = []
        self.today = dt.date.today()

    def headers(self) -> list[str]:
        return [formats.tr("Från"), formats.tr("Till och med"), formats.tr("Ersättning")]

    def current(self) -> TariffItem | None:
        """The tariff in effect on the first day of this month."""
        first = self.today.replace(day=1)
        return next((t for t in reversed(self.rows) if t.valid_from <= first), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        t, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.FROM:
                return t.valid_from.isoformat()
            if column == self.UNTIL:
                return t.until.isoformat() if t.until else formats.tr("tills vidare")
            return tariff_text(t)
        if role == ID_ROLE:
            return t.id
        if role == Qt.ItemDataRole.FontRole and t == self.current():
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and t == self.current():
            return formats.tr("Gäller denna månad")
        return None


class BandsModel(QAbstractTableModel):
    """The bands of a new per-month tariff, as typed: (lägsta omfattning %, belopp)."""

    PERCENT, AMOUNT = range(2)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[list[str]] = [["", ""]]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [formats.tr("Lägsta omfattning (%)"), formats.tr("Belopp (kr)")][section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        self.rows[index.row()][index.column()] = str(value).strip()
        self.dataChanged.emit(index, index)
        return True

    def add_row(self) -> int:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(["", ""])
        self.endInsertRows()
        return len(self.rows) - 1

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def bands(self) -> list[tuple[int | str, str]]:
        """The typed bands; a percentage that is not a whole number goes on as text for the service to refuse."""
        result: list[tuple[int | str, str]] = []
        for percent, amount in self.rows:
            if not percent and not amount:
                continue
            clean = percent.replace("%", "").strip()
            result.append((int(clean) if clean.isdigit() else clean, number_text(amount)))
        return result


def number_text(text: str) -> str:
    """'4 000,00 kr' → '4000.00': the form the services parse (they refuse the rest with a message)."""
    clean = text.strip().removesuffix("kr").strip()
    return clean.replace(" ", "").replace("\u00a0", "").replace(",", ".")
