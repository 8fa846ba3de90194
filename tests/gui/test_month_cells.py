"""Månad's prepared cells and measured headers (issue 20.3) say exactly what the grid said before.

The grid's model prepares what Qt paints (text, font, alignment, colours, flags) once per row and hands it
over in one ``multiData`` call per cell; its headers find their size hint without Qt measuring every
section. These tests compare both, on the demo's months, with what is computed afresh for every cell and
role (``reference_data``, the model's per-role code) and with Qt's own header measurement.
"""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from coopdesk.app.attendance import MonthSheetView
from coopdesk.core.calendar import Month
from coopdesk.core.services.register import GridRow, MonthGrid
from coopdesk.ui.context import AppContext
from coopdesk.ui.views.month import MonthView
from coopdesk.ui.views.month_model import (
    DAY_ROLE,
    KIND_ROLE,
    MEMBER_ID_ROLE,
    PLANNED_ROLE,
    STATUS_ROLE,
    MeasuredHeader,
    MonthModel,
)
from tests.gui.conftest import GUI_TODAY

NOVEMBER = Month(2026, 11)  # the demo's current month: the month-to-date totals are shown
OCTOBER = Month(2026, 10)  # has days with plausibility warnings
ROLES = [*range(int(Qt.ItemDataRole.UserRole)), MEMBER_ID_ROLE, DAY_ROLE, KIND_ROLE, PLANNED_ROLE, STATUS_ROLE]


class ReferenceModel(MonthModel):
    """The same grid answered role by role, as before the prepared cells: Qt's own multiData (one data()
    call per role) over the per-role code."""

    multiData = QAbstractTableModel.multiData

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return self.reference_data(index, role)

    def flags(self, index):
        return self.reference_flags(index)


def models(ctx: AppContext, month: Month, *, locked_by: str | None = None) -> tuple[MonthModel, MonthModel]:
    ctx.clock = lambda: GUI_TODAY
    sheet = ctx.app.read(MonthSheetView(month))
    if locked_by is not None:
        sheet.grid.locked_by = locked_by
    pair = []
    for cls in (MonthModel, ReferenceModel):
        model = cls()
        model.today = ctx.clock
        model.set_grid(sheet.grid, sheet.areas, sheet.primary_areas)
        pair.append(model)
    return pair[0], pair[1]


def every_index(model: MonthModel):
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            yield model.index(row, column)


def role_data(model: MonthModel, index, role: int) -> object:
    """What ``multiData`` puts in a span of one role."""
    data = QModelRoleData(role)
    model.multiData(index, QModelRoleDataSpan(data))
    return data.data()


@pytest.mark.parametrize(
    ("month", "locked_by"), [(NOVEMBER, None), (OCTOBER, None), (OCTOBER, "Sara Svensson 2026-11-02")]
)
def test_every_cell_and_role_is_what_the_per_role_code_computes(ctx: AppContext, month: Month, locked_by) -> None:
    model, _reference = models(ctx, month, locked_by=locked_by)
    assert model.rowCount() > 10
    assert (model.through is not None) == (month == NOVEMBER)
    kinds: Counter[str] = Counter()
    for index in every_index(model):
        for role in ROLES:
            expected = model.reference_data(index, role)
            assert model.data(index, role) == expected, (index.row(), index.column(), role)
            assert role_data(model, index, role) == expected, (index.row(), index.column(), role)
        assert model.flags(index) == model.reference_flags(index), (index.row(), index.column())
        entry = model.entry(index)
        kinds[
            "warned"
            if entry and entry.warnings
            else "editable"
            if model.flags(index) & Qt.ItemFlag.ItemIsEditable
            else "other"
        ] += 1
    # The months chosen cover what the cells can be: editable or not, warned days, totals to date.
    assert kinds["editable"] == 0 if locked_by else kinds["editable"] > 0
    assert month != OCTOBER or kinds["warned"] > 0


def test_the_delegate_paints_the_same_cells_from_one_call_per_cell(ctx: AppContext) -> None:
    model, reference = models(ctx, OCTOBER)
    delegate = QStyledItemDelegate()
    asked: Counter[int] = Counter()
    counted = model.reference_data

    def counting(index, role=Qt.ItemDataRole.DisplayRole):
        asked[role] += 1
        return counted(index, role)

    model.reference_data = counting  # type: ignore[method-assign]
    for index in every_index(model):
        ours, theirs = QStyleOptionViewItem(), QStyleOptionViewItem()
        delegate.initStyleOption(ours, index)
        delegate.initStyleOption(theirs, reference.index(index.row(), index.column()))
        where = (index.row(), index.column())
        assert ours.text == theirs.text, where
        assert ours.font == theirs.font, where
        assert ours.displayAlignment == theirs.displayAlignment, where
        assert ours.backgroundBrush == theirs.backgroundBrush, where
        assert ours.palette.text() == theirs.palette.text(), where
        assert ours.features == theirs.features, where
    assert not asked  # every role the delegate asks for came from the prepared cells


def test_a_changed_row_is_prepared_again(ctx: AppContext) -> None:
    model, _reference = models(ctx, OCTOBER)
    row = next(i for i, r in enumerate(model.rows) if any(d is not None and d.status == "present" for d in r.days))
    i = next(i for i, d in enumerate(model.rows[row].days) if d is not None and d.status == "present")
    index = model.index(row, model.FIRST_DAY + i)
    totals = model.index(row, model.planned_column + 1)
    before = model.data(index), model.data(totals)  # prepared now
    days = list(model.rows[row].days)
    days[i] = type(days[i])(planned=days[i].planned, status="sick")
    assert model.update_row(GridRow(model.rows[row].member_id, model.rows[row].name, days))
    assert model.data(index) == "S" != before[0]
    assert model.data(totals) == model.reference_data(totals) != before[1]
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) == model.reference_data(
        index, Qt.ItemDataRole.BackgroundRole
    )


def test_a_reload_that_locks_the_month_takes_the_editing_away(ctx: AppContext) -> None:
    model, _reference = models(ctx, OCTOBER)
    editable = [i for i in every_index(model) if model.flags(i) & Qt.ItemFlag.ItemIsEditable]
    assert editable
    sheet = ctx.app.read(MonthSheetView(OCTOBER))
    sheet.grid.locked_by = "Sara Svensson 2026-11-02"
    model.set_grid(sheet.grid, sheet.areas, sheet.primary_areas)  # same month and members: no reset
    assert not any(model.flags(i) & Qt.ItemFlag.ItemIsEditable for i in editable)


def qt_size_hint(header: QHeaderView):
    """Qt's own measurement (QHeaderView::sizeHint, every sampled section through the model)."""
    return QHeaderView.sizeHint(header)


@pytest.fixture
def view(ctx: AppContext, qtbot) -> MonthView:
    ctx.clock = lambda: GUI_TODAY
    widget = MonthView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_headers_measure_what_qt_measures(view: MonthView) -> None:
    headers = [view.table.verticalHeader(), view.table.horizontalHeader(), view.totals.horizontalHeader()]
    assert all(isinstance(h, MeasuredHeader) for h in headers)
    for month in (NOVEMBER, OCTOBER, Month(2026, 2), Month(2025, 12)):
        view.set_month(month)
        for header in headers:
            assert header.sizeHint() == qt_size_hint(header), (month, header.orientation())
            assert header.sizeHint() == qt_size_hint(header)  # from the kept hint
    # The names' column is as wide as Qt would make it.
    assert view.table.verticalHeader().width() == qt_size_hint(view.table.verticalHeader()).width()


def test_the_headers_behave_as_the_ones_qt_makes(view: MonthView) -> None:
    plain = QTableView()
    for ours, theirs in (
        (view.table.verticalHeader(), plain.verticalHeader()),
        (view.table.horizontalHeader(), plain.horizontalHeader()),
    ):
        assert ours.sectionsClickable() == theirs.sectionsClickable()
        assert ours.orientation() == theirs.orientation()
    assert view.table.verticalHeader().highlightSections()
    assert view.table.horizontalHeader().highlightSections()


def test_many_members_are_sampled_as_qt_samples_them(ctx: AppContext, qtbot) -> None:
    """Past 200 rows Qt measures the first and the last 100 names only: a longer name between them does
    not widen the column, with the measured header as with Qt's."""
    sheet = ctx.app.read(MonthSheetView(OCTOBER))
    template = sheet.grid.rows[0]
    rows = [GridRow(1000 + i, f"Medlem {i:03d}", template.days) for i in range(260)]
    rows[130] = GridRow(2000, "Ett mycket långt namn som ingen av de andra har " * 2, template.days)
    grid = MonthGrid(OCTOBER, sheet.grid.day_kinds, sheet.grid.holidays, None, rows)
    model = MonthModel()
    model.today = lambda: GUI_TODAY
    model.set_grid(grid, sheet.areas, {})
    table = QTableView()
    qtbot.addWidget(table)
    header = MeasuredHeader(Qt.Orientation.Vertical, table)
    table.setVerticalHeader(header)
    table.setModel(model)
    table.show()
    assert header.sizeHint() == qt_size_hint(header)
    rows = list(rows)  # another month's members: one of the first 100 has the long name
    rows[5] = GridRow(3000, "Ett mycket långt namn som ingen av de andra har " * 2, template.days)
    model.set_grid(MonthGrid(OCTOBER, grid.day_kinds, grid.holidays, None, rows), sheet.areas, {})
    assert header.sizeHint().width() > 300
    assert header.sizeHint() == qt_size_hint(header)


def test_a_repaint_asks_python_once_per_cell(view: MonthView) -> None:
    """The delegate's seven roles come in one multiData call; data() is not called for a painted cell."""
    view.set_month(OCTOBER)
    asked: Counter[str] = Counter()
    model = view.model
    data, multi = model.data, model.multiData

    def counting_data(index, role=Qt.ItemDataRole.DisplayRole):
        asked["data"] += 1
        return data(index, role)

    def counting_multi(index, span):
        asked["multiData"] += 1
        return multi(index, span)

    model.data = counting_data  # type: ignore[method-assign]
    model.multiData = counting_multi  # type: ignore[method-assign]
    view.table.viewport().repaint()
    assert asked["multiData"] > 50
    assert asked["data"] == 0


def test_the_month_name_does_not_resize_the_view(view: MonthView) -> None:
    """Every month's name fits its label, and the view's narrowest width is the same all year: at that
    width the window no longer grows and shrinks with the name, painting the grid twice."""
    widths = set()
    for number in range(1, 13):
        view.set_month(Month(2026, number))
        title = view.title
        assert (
            title.text()
            and title.minimumWidth()
            >= QLabel(title.text(), styleSheet=title.styleSheet(), objectName=title.objectName())
            .minimumSizeHint()
            .width()
        )
        widths.add(view.minimumSizeHint().width())
    assert len(widths) == 1
