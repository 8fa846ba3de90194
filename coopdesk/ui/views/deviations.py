"""Avvikelser — every deviation, complaint and lex Sarah report of the cooperative, newest first.

Ctrl+N registers one, Enter changes the current one. A lex Sarah case shows its IVO due date until it is
marked sent. Listing the deviations is a read of each member's documentation it shows, and is logged.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.app.members import MemberListView
from coopdesk.app.social import OpenDeviations
from coopdesk.ui.context import AppContext
from coopdesk.ui.views.form_kit import message, plain_table
from coopdesk.ui.views.social_kit import DeviationDialog, DeviationsModel, run
from coopdesk.ui.widgets import Banner


class DeviationsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: DeviationDialog | None = None
        self.model = DeviationsModel(self)
        self.table = plain_table(self.model, "deviationsTable", self)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _i: self.change_current())
        self.open_only = QCheckBox(self.tr("Bara &öppna"))
        self.open_only.toggled.connect(lambda _c: self.refresh())
        self.new_button = QPushButton(self.tr("&Ny avvikelse…"))
        self.new_button.clicked.connect(self.new_deviation)
        shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.new_deviation)
        self.banner = Banner(self)
        title = QLabel(self.tr("Avvikelser och klagomål"))
        title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.open_only)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        ctx.changed.connect(self._data_changed)
        self.refresh()

    def focus_target(self) -> QWidget:
        return self.table

    def refresh(self) -> None:
        rows, error = run(self.ctx, OpenDeviations(open_only=self.open_only.isChecked()))
        if error is not None:
            self.banner.show_message(message(error), "error")
            return
        self.model.set_items(rows)
        due = [r for r in rows if r.ivo_due is not None]
        if due:
            first = min(r.ivo_due for r in due if r.ivo_due is not None)
            self.banner.show_message(
                self.tr("%1 lex Sarah-ärenden ska anmälas till IVO, det första senast %2.")
                .replace("%1", str(len(due)))
                .replace("%2", first.isoformat()),
                "locked",  # the yellow of a thing that waits on someone
            )
        else:
            self.banner.clear_message()

    def _data_changed(self, kind: str) -> None:
        if kind in ("social", "all") and self.isVisible():
            self.refresh()

    def select(self, deviation_id: int) -> None:
        row = self.model.row_of(deviation_id)
        if row < 0 and self.open_only.isChecked():
            self.open_only.setChecked(False)
            row = self.model.row_of(deviation_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.setFocus()

    def _members(self) -> list[tuple[int, str]]:
        rows = self.ctx.query(MemberListView(self.ctx.clock()))
        return [(r.member_id, r.name) for r in rows]

    def new_deviation(self) -> DeviationDialog:
        dialog = DeviationDialog(self.ctx, members=self._members(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def change_current(self) -> DeviationDialog | None:
        item = self.model.item(self.table.currentIndex().row())
        if item is None:
            return None
        members = [(item.member_id, item.member or "")] if item.member_id is not None else []
        dialog = DeviationDialog(self.ctx, member_id=item.member_id, deviation=item, members=members, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog
