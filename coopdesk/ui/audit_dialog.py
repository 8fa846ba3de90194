"""Visa → Händelselogg: the audit log with filters for member, user and period (read-only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.core.errors import CoopdeskError
from coopdesk.core.services import audit_log
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext
from coopdesk.ui.date_field import DateField

Index = QModelIndex | QPersistentModelIndex


class AuditModel(QAbstractTableModel):
    WHEN, WHO, WHAT, OLD, NEW = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str, str, str, str]] = []

    def set_rows(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            formats.tr("Tid"),
            formats.tr("Användare"),
            formats.tr("Händelse"),
            formats.tr("Före"),
            formats.tr("Efter"),
        ][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        return None


class AuditDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Händelselogg"))
        self.member = QLineEdit()
        self.member.setPlaceholderText(self.tr("Namn eller personnummer"))
        self.user = QComboBox()
        self.user.addItem(self.tr("Alla användare"), None)
        for name in ctx.read(audit_log.actors):
            self.user.addItem(name, name)
        today = dt.date.today()
        self.first = DateField(QDate(today.year, today.month, 1).addMonths(-1))
        self.last = DateField(today)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b91c1c;")
        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("&Medlem:"), self.member),
            (self.tr("An&vändare:"), self.user),
            (self.tr("&Från:"), self.first),
            (self.tr("&Till:"), self.last),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget, 1 if widget is self.member else 0)
        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(AuditModel.WHAT, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.count = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.member.returnPressed.connect(self.refresh)
        self.member.editingFinished.connect(self.refresh)
        self.user.currentIndexChanged.connect(lambda _i: self.refresh())
        self.first.dateChanged.connect(lambda _d: self.refresh())
        self.last.dateChanged.connect(lambda _d: self.refresh())
        self.resize(980, 560)
        self.refresh()

    def refresh(self) -> None:
        text = self.member.text().strip()
        first, last = self.first.date().toPython(), self.last.date().toPython()
        try:

            def load(session):
                ids = audit_log.member_ids_matching(session, text) if text else None
                return [
                    (
                        f"{e.at:%Y-%m-%d %H:%M:%S}",
                        e.actor,
                        audit_log.describe_sv(e).removeprefix(e.actor + " "),
                        e.old or "",
                        e.new or "",
                    )
                    for e in audit_log.entries(
                        session, member_ids=ids, actor=self.user.currentData(), first=first, last=last
                    )
                ]

            rows = self.ctx.read(load)
        except CoopdeskError as error:
            self.message.setText(error.message("sv"))
            self.model.set_rows([])
        else:
            self.message.clear()
            self.model.set_rows(rows)
        self.count.setText(self.tr("%1 händelser").replace("%1", str(self.model.rowCount())))
        self.table.resizeColumnToContents(AuditModel.WHEN)
        self.table.resizeColumnToContents(AuditModel.WHO)
