"""Att göra — one list of everything that needs doing (core/todo.py), overdue first.

Each line is a link to the place where the thing is done: Enter or a double click goes there (a
member's Genomförandeplan or Beslut, a deviation, a day in Idag, a month in Månad). Any part's source
shows here; a target this window does not know is left as a line to read.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from coopdesk.app.todo import TodoList
from coopdesk.core.calendar import Month
from coopdesk.core.todo import TodoItem
from coopdesk.ui.context import AppContext
from coopdesk.ui.views.form_kit import DisplayRowsModel, plain_table

OVERDUE = QColor("#9b1c1c")


class TodoModel(DisplayRowsModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__([self.tr("Senast"), self.tr("Att göra")], parent)
        self.items: list[TodoItem] = []

    def set_items(self, items: list[TodoItem]) -> None:
        self.items = items
        self.set_rows([((i.kind, i.target, i.text), (i.due.isoformat() if i.due else "", i.text)) for i in items])

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and self.items[index.row()].overdue:
            return QBrush(OVERDUE)
        return super().data(index, role)


class TodoView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = TodoModel(self)
        self.table = plain_table(self.model, "todoTable", self)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda index: self.go(self.model.items[index.row()].target))
        self.summary = QLabel()
        title = QLabel(self.tr("Att göra"))
        title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        ctx.changed.connect(self._data_changed)
        self.refresh()

    def focus_target(self) -> QWidget:
        return self.table

    def refresh(self) -> None:
        items = self.ctx.query_or_keep(TodoList(self.ctx.actor))
        if items is None:
            return
        self.model.set_items(items)
        if items and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        overdue = sum(1 for i in items if i.overdue)
        self.summary.setText(
            self.tr("%1 att göra, varav %2 försenade.").replace("%1", str(len(items))).replace("%2", str(overdue))
            if items
            else self.tr("Inget att göra.")
        )

    def _data_changed(self, kind: str) -> None:
        if kind != "audit" and self.isVisible():
            self.refresh()

    def go(self, target: str) -> QWidget | None:
        """Show the place ``target`` names ("member:12:plan", "deviation:3", "day:2026-06-03", "month:2026-05",
        "employee:2")."""
        window = self.window()
        show = getattr(window, "show_view", None)
        if show is None:
            return None
        place, _, rest = target.partition(":")
        if place == "member":
            member_id, _, tab = rest.partition(":")
            editor = show("medlemmar").open_member(int(member_id))
            return editor.show_tab(tab or "details")
        if place == "deviation":
            view = show("avvikelser")
            view.select(int(rest))
            return view.change_current()
        if place == "day":
            view = show("idag")
            view.set_date(dt.date.fromisoformat(rest))
            return view
        if place == "employee":
            view = show("anstallda")
            view.show_employee(int(rest.partition(":")[0]))
            return view
        if place == "month":
            view = show("manad")
            year, month = rest.split("-")
            view.set_month(Month(int(year), int(month)))
            return view
        from coopdesk.ui.main_window import VIEWS

        return show(place) if place in {spec.key for spec in VIEWS} else None
