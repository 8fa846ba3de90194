"""Visa → Händelselogg: the audit log in words, with filters for member, user, kind and period (read-only).

The list shows time, user, kind ("Närvaro ändrad"), member and what changed ("Status: närvarande →
sjuk; Kopiering 6,00 → 4,00 tim"); the pane below shows the chosen entry's sentence and its Före/Efter
field by field. The words come from ``core/audit_text.py``, the same as ``coopdesk audit`` prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.core import audit_text
from coopdesk.core.errors import CoopdeskError
from coopdesk.core.services import audit_log
from coopdesk.reports.xlsx import Column, Sheet
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext
from coopdesk.ui.date_field import DateField
from coopdesk.ui.table_export import export_sheets

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Row:
    when: str
    who: str
    kind: str
    member: str
    summary: str
    described: audit_text.Described


class AuditModel(QAbstractTableModel):
    WHEN, WHO, KIND, MEMBER, SUMMARY = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
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
            formats.tr("Medlem"),
            formats.tr("Vad"),
        ][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.when, row.who, row.kind, row.member, row.summary)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.described.sentence + (f"\n{row.described.summary}" if row.described.summary else "")
        return None


class ChangesModel(QAbstractTableModel):
    """Före/Efter of one entry, field by field; changed fields in bold."""

    FIELD, BEFORE, AFTER = range(3)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.changes: tuple[audit_text.Change, ...] = ()

    def set_changes(self, changes: tuple[audit_text.Change, ...]) -> None:
        self.beginResetModel()
        self.changes = changes
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.changes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [formats.tr("Fält"), formats.tr("Före"), formats.tr("Efter")][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.changes):
            return None
        change = self.changes[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (change.field, change.before, change.after)[index.column()]
        if role == Qt.ItemDataRole.FontRole and change.changed:
            font = QFont()
            font.setBold(True)
            return font
        return None


class AuditDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lang = "en" if formats.english() else "sv"
        self.setWindowTitle(self.tr("Händelselogg"))
        self.member = QLineEdit()
        self.member.setPlaceholderText(self.tr("Namn eller personnummer"))
        self.user = QComboBox()
        self.user.addItem(self.tr("Alla användare"), None)
        for name in ctx.read(audit_log.actors):
            self.user.addItem(name, name)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Alla händelser"), None)
        for key, name in audit_text.kind_names(self.lang):
            self.kind.addItem(name, key)
        today = dt.date.today()
        self.first = DateField(QDate(today.year, today.month, 1).addMonths(-1))
        self.last = DateField(today)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b91c1c;")
        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("&Medlem:"), self.member),
            (self.tr("An&vändare:"), self.user),
            (self.tr("&Händelse:"), self.kind),
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
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(AuditModel.SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_detail())

        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.changes = ChangesModel(self)
        self.changes_table = QTableView()
        self.changes_table.setModel(self.changes)
        self.changes_table.verticalHeader().setVisible(False)
        header = self.changes_table.horizontalHeader()
        header.setSectionResizeMode(ChangesModel.BEFORE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ChangesModel.AFTER, QHeaderView.ResizeMode.Stretch)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.sentence)
        detail_layout.addWidget(self.changes_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.count = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        role = QDialogButtonBox.ButtonRole.ActionRole
        self.excel_button = buttons.addButton(self.tr("Exportera till E&xcel…"), role)
        self.excel_button.clicked.connect(self.export_excel)
        #: where the workbook goes (replaced in tests)
        self.ask_save_file: Callable[[str, str], str] | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.member.returnPressed.connect(self.refresh)
        self.member.editingFinished.connect(self.refresh)
        self.user.currentIndexChanged.connect(lambda _i: self.refresh())
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.first.dateChanged.connect(lambda _d: self.refresh())
        self.last.dateChanged.connect(lambda _d: self.refresh())
        self.resize(1080, 680)
        self.refresh()

    def refresh(self) -> None:
        text = self.member.text().strip()
        first, last = self.first.date().toPython(), self.last.date().toPython()
        kind = self.kind.currentData()
        lang = self.lang

        def load(session):
            ids = audit_log.member_ids_matching(session, text) if text else None
            names = audit_log.lookup(session)
            rows = []
            for e in audit_log.entries(
                session,
                member_ids=ids,
                actor=self.user.currentData(),
                first=first,
                last=last,
                kinds=None if kind is None else [kind],
            ):
                described = audit_text.describe_entry(e, names, lang)
                what = described.subject
                if described.summary:
                    what = f"{what}: {described.summary}" if what else described.summary
                member = "" if e.member_id is None else names.members.get(e.member_id, "")
                rows.append(Row(f"{e.at:%Y-%m-%d %H:%M:%S}", e.actor, described.kind_name, member, what, described))
            return rows

        try:
            rows = self.ctx.read(load)
        except CoopdeskError as error:
            self.message.setText(error.message(lang))
            self.model.set_rows([])
        else:
            self.message.clear()
            self.model.set_rows(rows)
        self.count.setText(self.tr("%1 händelser").replace("%1", str(self.model.rowCount())))
        for column in (AuditModel.WHEN, AuditModel.WHO, AuditModel.KIND, AuditModel.MEMBER):
            self.table.resizeColumnToContents(column)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._show_detail()

    def export_excel(self) -> Path | None:
        """The entries as filtered, with the time as a date and time, to an Excel file — on the record
        itself (the log names members)."""
        heads = [str(self.model.headerData(c, Qt.Orientation.Horizontal)) for c in range(self.model.columnCount())]
        columns = [Column(heads[0], "datetime"), *(Column(h) for h in heads[1:])]
        rows = [[dt.datetime.fromisoformat(r.when), r.who, r.kind, r.member, r.summary] for r in self.model.rows]
        sheet = Sheet(self.tr("Händelselogg"), columns, rows)
        return export_sheets(self, self.ctx, [sheet], "händelselogg.xlsx", "Händelselogg", self.ask_save_file)

    def _show_detail(self) -> None:
        current = self.table.currentIndex()
        if not current.isValid() or not self.table.selectionModel().hasSelection():
            self.sentence.setText(self.tr("Välj en händelse för att se vad som ändrades."))
            self.changes.set_changes(())
            return
        row = self.model.rows[current.row()]
        described = row.described
        self.sentence.setText(f"{row.when}  {described.sentence}")
        self.changes.set_changes(described.changes)
        self.changes_table.resizeColumnToContents(ChangesModel.FIELD)
