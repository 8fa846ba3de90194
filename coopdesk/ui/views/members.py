"""Medlemmar — the member list: find a member by name or personal number and open the editor.

The list shows personal numbers masked (19800101-****); the full number is shown only inside the
editor. A member whose placement ends within 30 days gets a warning mark ("Beslutet upphör snart"),
and a member without a placement active today is greyed ("Inget aktivt beslut").

Keys: Ctrl+F find, Ctrl+N new member, Enter (or a double-click) opens the selected member; in the
search field Enter opens the first match and Down moves into the list, Escape clears the search.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app.members import MemberListView
from coopdesk.ui.context import AppContext
from coopdesk.ui.table_export import export_sheets, model_sheet
from coopdesk.ui.views.member_editor import MemberEditor
from coopdesk.ui.views.members_model import ID_ROLE, MemberFilter, MembersModel


class MembersView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        #: The day the list is about; None means the real today (tests set a fixed day).
        self.today: dt.date | None = None
        self.editor: MemberEditor | None = None
        self.model = MembersModel(self)
        self.proxy = MemberFilter(self)
        self.proxy.setSourceModel(self.model)

        title = QLabel(self.tr("Medlemmar"))
        title.setObjectName("viewTitle")
        title.setStyleSheet("QLabel#viewTitle { font-size: 16pt; font-weight: 600; }")
        self.search = QLineEdit()
        self.search.setObjectName("memberSearch")
        self.search.setPlaceholderText(self.tr("Sök namn eller personnummer (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._open_first_match)
        self.new_button = QPushButton(self.tr("&Ny medlem"))
        self.new_button.setToolTip(self.tr("Lägg till en ny medlem (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_member)
        self.open_button = QPushButton(self.tr("Ö&ppna"))
        self.open_button.setToolTip(self.tr("Öppna den valda medlemmen (Enter)"))
        self.open_button.clicked.connect(self.open_current)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.search)
        top.addSpacing(12)
        top.addWidget(self.new_button)
        top.addWidget(self.open_button)
        self.excel_button = QPushButton(self.tr("Exportera till E&xcel…"))
        self.excel_button.clicked.connect(self.export_excel)
        top.addWidget(self.excel_button)
        #: where the workbook goes (replaced in tests)
        self.ask_save_file: Callable[[str, str], str] | None = None

        self.table = QTableView()
        self.table.setObjectName("memberTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(MembersModel.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.activated.connect(self.open_index)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MembersModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MembersModel.AREA, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (MembersModel.NUMBER, 140),
            (MembersModel.DISTRICT, 170),
            (MembersModel.END, 130),
            (MembersModel.CAPACITY, 110),
        ):
            self.table.setColumnWidth(column, width)

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        hint = QLabel(self.tr("⚠ Beslutet upphör inom 30 dagar · grå: inget aktivt beslut idag"))
        hint.setStyleSheet("color: #6b7280;")
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(hint)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.new_button)
        self.setTabOrder(self.new_button, self.open_button)

        for keys, slot in (
            ("Ctrl+F", self.focus_search),
            ("Ctrl+N", self.new_member),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        for key, slot in ((Qt.Key.Key_Escape, self._clear_search), (Qt.Key.Key_Down, self._into_table)):
            shortcut = QShortcut(QKeySequence(key), self.search)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        ctx.changed.connect(self._data_changed)
        self.refresh()

    # --- loading -------------------------------------------------------------------------------

    def current_day(self) -> dt.date:
        return self.today or dt.date.today()

    def focus_target(self) -> QWidget:
        return self.table

    def refresh(self) -> None:
        today = self.current_day()
        rows = self.ctx.query(MemberListView(today))
        current = self.current_member()
        if self.model.today != today:  # another day: the marks differ, rebuild
            self.model.beginResetModel()
            self.model.today, self.model.rows = today, rows
            self.model.endResetModel()
        else:
            self.model.set_rows(rows)
        self._restore_current(current)
        self._update_summary()

    @Slot(str)
    def _data_changed(self, kind: str) -> None:
        if kind in ("members", "all", "districts", "settings"):
            self.refresh()

    def _update_summary(self) -> None:
        total, soon, inactive = self.model.counts()
        shown = self.proxy.rowCount()
        parts = [
            self.tr("%1 medlemmar").replace("%1", str(total))
            if shown == total
            else self.tr("%1 av %2 medlemmar").replace("%1", str(shown)).replace("%2", str(total))
        ]
        if soon:
            parts.append(self.tr("%1 beslut upphör inom 30 dagar").replace("%1", str(soon)))
        if inactive:
            parts.append(self.tr("%1 utan aktivt beslut").replace("%1", str(inactive)))
        self.summary.setText(" · ".join(parts))

    # --- finding -------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _filter(self, text: str) -> None:
        current = self.current_member()
        self.proxy.set_text(text)
        self._restore_current(current)
        self._update_summary()

    def _restore_current(self, member_id: int | None) -> None:
        row = self.model.row_of(member_id) if member_id is not None else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        if not index.isValid() and self.proxy.rowCount():
            index = self.proxy.index(0, 0)
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _clear_search(self) -> None:
        self.search.clear()
        self.table.setFocus()

    def _into_table(self) -> None:
        self.table.setFocus()

    def _open_first_match(self) -> None:
        if self.proxy.rowCount():
            index = self.table.currentIndex()
            self.open_index(index if index.isValid() else self.proxy.index(0, 0))

    # --- opening -------------------------------------------------------------------------------

    def current_member(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    @Slot(QModelIndex)
    def open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_member(index.data(ID_ROLE))

    def export_excel(self) -> Path | None:
        """The list as shown (search and sort as chosen) to an Excel file, on the record."""
        sheet = model_sheet(self.proxy, self.tr("Medlemmar"))
        return export_sheets(self, self.ctx, [sheet], "medlemmar.xlsx", "Medlemmar", self.ask_save_file)

    def open_current(self) -> None:
        member_id = self.current_member()
        if member_id is not None:
            self.open_member(member_id)

    def new_member(self) -> MemberEditor:
        return self.open_member(None)

    def open_member(self, member_id: int | None) -> MemberEditor:
        """Open the editor (window-modal, not blocking); it is kept in ``self.editor``."""
        if self.editor is not None:
            self.editor.close()
        if member_id is not None:  # who opened whose file goes to the audit log (SOSFS 2014:5)
            from coopdesk.core.services.members import open_record

            self.ctx.change(self, lambda s: open_record(s, self.ctx.actor, member_id), "audit")
        editor = MemberEditor(self.ctx, member_id, self, today=self.current_day())
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.finished.connect(lambda _result, e=editor: self._editor_closed(e))
        self.editor = editor
        editor.open()
        return editor

    def _editor_closed(self, editor: MemberEditor) -> None:
        if self.editor is editor:
            self.editor = None
        if editor.member_id is not None:
            self._restore_current(editor.member_id)
        self.table.setFocus()
