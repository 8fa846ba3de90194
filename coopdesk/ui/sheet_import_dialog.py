"""Arkiv → Importera från kalkylblad…: choose the file, see its sheets and the columns recognised, name a
column that was not recognised with a drop-down, see the preview with every problem highlighted, and
import (all or nothing) with progress on the database worker (app/sheets.py).

The file is read on the GUI thread (a cooperative's workbook is read in milliseconds); the preview and the
import run on the one database worker. The question for the file is a module function so that tests
can answer it without a blocking dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app.sheets import FIELDS, ImportSheet, PreviewSheetImport, read_sheets
from coopdesk.core.errors import CoopdeskError
from coopdesk.core.sheets.headers import normal
from coopdesk.core.sheets.interpret import Interpretation
from coopdesk.core.sheets.plan import ImportPlan
from coopdesk.ui import formats
from coopdesk.ui.errors import language, show_bug
from coopdesk.ui.sheet_import_model import ColumnsModel, ProblemsModel, SheetsModel, month_name


def ask_sheet_file(parent: QWidget) -> str:
    name, _ = QFileDialog.getOpenFileName(
        parent, formats.tr("Importera från kalkylblad"), "", formats.tr("Kalkylblad (*.xlsx *.ods *.csv)")
    )
    return name


def plan_summary(plan: ImportPlan) -> str:
    """The preview in words: what will be created, what is there already, and whether it can be imported."""
    lines = [
        formats.tr("Skapas: %1 medlemmar, %2 beslut, %3 omfattningar.")
        .replace("%1", str(len(plan.members)))
        .replace("%2", str(len(plan.placements)))
        .replace("%3", str(len(plan.capacities)))
    ]
    for month, present, absent in plan.days_per_month():
        lines.append(
            formats.tr("Närvaro %1: %2 dagar närvarande, %3 frånvarodagar.")
            .replace("%1", month_name(month))
            .replace("%2", str(present))
            .replace("%3", str(absent))
        )
    if plan.known:
        lines.append(
            formats.tr("Finns redan och skapas inte igen: %1 medlemmar, %2 närvarodagar.")
            .replace("%1", str(plan.known["members"]))
            .replace("%2", str(plan.known["days"]))
        )
    if plan.problems:
        lines.append(
            formats.tr("%1 fel: inget kan importeras förrän de är rättade i kalkylbladet.").replace(
                "%1", str(len(plan.problems))
            )
        )
    elif plan.empty:
        lines.append(formats.tr("Inget nytt att importera: allt i filen finns redan."))
    else:
        lines.append(formats.tr("Inga fel. Allt importeras på en gång, eller inget."))
    return "\n".join(lines)


class SheetImportDialog(QDialog):
    #: (done, total) from the database worker: delivered on the GUI thread (a queued connection).
    progressed = Signal(int, int)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path | None = None
        self.mapping: dict[str, str] = {}
        self.reading: Interpretation | None = None
        self.plan: ImportPlan | None = None
        self.setWindowTitle(self.tr("Importera från kalkylblad"))
        self.resize(980, 720)

        self.file_label = QLabel(self.tr("Ingen fil vald."))
        choose = QPushButton(self.tr("&Välj fil…"))
        choose.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)

        self.sheets = SheetsModel()
        self.sheets_view = self._table(self.sheets)
        self.sheets_view.selectionModel().currentRowChanged.connect(lambda current, _old: self._show_columns())
        self.columns = ColumnsModel()
        self.columns_view = self._table(self.columns)

        self.column_choice = QComboBox()
        self.field_choice = QComboBox()
        for field in FIELDS:
            self.field_choice.addItem(field.en if language() == "en" else field.sv, field.key)
        self.apply_button = QPushButton(self.tr("&Använd"))
        self.apply_button.clicked.connect(self.apply_mapping)
        mapping = QHBoxLayout()
        mapping.addWidget(QLabel(self.tr("Rätta en kolumn:")))
        mapping.addWidget(self.column_choice, 1)
        mapping.addWidget(QLabel(self.tr("läses som")))
        mapping.addWidget(self.field_choice)
        mapping.addWidget(self.apply_button)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        self.problems = ProblemsModel()
        self.problems_view = self._table(self.problems)
        self.problems_view.horizontalHeader().setSectionResizeMode(ProblemsModel.RULE, QHeaderView.ResizeMode.Stretch)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.import_button = QPushButton(self.tr("&Importera"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        close = QPushButton(self.tr("Stäng"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("Blad:")))
        layout.addWidget(self.sheets_view, 2)
        layout.addWidget(QLabel(self.tr("Kolumner i det valda bladet:")))
        layout.addWidget(self.columns_view, 2)
        layout.addLayout(mapping)
        layout.addWidget(QLabel(self.tr("Förhandsgranskning:")))
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.problems_view, 3)
        layout.addLayout(buttons)
        self.progressed.connect(self._progress)

    def _table(self, model) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    # --- reading and the preview -------------------------------------------------------------------

    def choose_file(self) -> None:
        name = ask_sheet_file(self)
        if name:
            self.mapping = {}
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read ``path`` with the mapping so far and show its sheets and the preview."""
        self.path = path
        self.file_label.setText(str(path))
        self.message.clear()
        self.message.setStyleSheet("color: #b91c1c;")
        try:
            self.reading = read_sheets(path, self.ctx.clock(), self.mapping)
            self.plan = self.ctx.query(PreviewSheetImport(self.reading, path.name))
        except CoopdeskError as error:
            self.reading = self.plan = None
            self.message.setText(error.message(language()))
            self.sheets.set_sheets([])
            self.problems.set_problems([])
            self.summary.clear()
            self._show_columns()
            self.import_button.setEnabled(False)
            return
        self.sheets.set_sheets(self.plan.sheets)
        self.problems.set_problems(self.plan.problems)
        self.summary.setText(plan_summary(self.plan))
        self.import_button.setEnabled(self.plan.ok and not self.plan.empty)
        self._fill_column_choice()
        first = next((i for i, s in enumerate(self.plan.sheets) if s.kind == "members"), 0)
        if self.plan.sheets:
            self.sheets_view.selectRow(first)
        self._show_columns()

    def _show_columns(self) -> None:
        row = self.sheets_view.currentIndex().row()
        infos = self.sheets.rows
        self.columns.set_columns(list(infos[row].columns) if 0 <= row < len(infos) else [])

    def _fill_column_choice(self) -> None:
        """The member sheets' column headers: any of them may be named anew (a month sheet's columns are
        days, and its member column is found by itself)."""
        self.column_choice.clear()
        assert self.plan is not None
        seen: set[str] = set()
        for info in self.plan.sheets:
            for column in info.columns if info.kind in ("members", "ignored") else ():
                if column.header and normal(column.header) not in seen:
                    seen.add(normal(column.header))
                    self.column_choice.addItem(f"{info.name} {column.letter}: {column.header}", column.header)
        self.apply_button.setEnabled(self.column_choice.count() > 0)

    def apply_mapping(self) -> None:
        header = self.column_choice.currentData()
        if header is None or self.path is None:
            return
        self.mapping[normal(header)] = self.field_choice.currentData()
        self.load(self.path)

    # --- the import ----------------------------------------------------------------------------------

    def start_import(self) -> None:
        if self.reading is None or self.path is None or self.plan is None or not self.plan.ok:
            return
        self.import_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        app = self.ctx.app
        command = ImportSheet(self.reading, self.path.name, progress=self.progressed.emit)
        self.ctx.tasks.run(
            lambda: app.execute(command), self._imported, self._failed, self.tr("Importerar kalkylblad…")
        )

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _imported(self, changes) -> None:
        self.ctx.apply(changes)
        self.progress.setVisible(False)
        result = changes.result
        text = (
            self.tr("Importerat: %1 medlemmar, %2 beslut, %3 omfattningar, %4 närvarodagar.")
            .replace("%1", str(result.members))
            .replace("%2", str(result.placements))
            .replace("%3", str(result.capacities))
            .replace("%4", str(result.days))
        )
        if self.path is not None:
            self.load(self.path)  # the preview again: now everything is there already
        self.message.setStyleSheet("color: #166534;")
        self.message.setText(text)

    def _failed(self, error: BaseException, details: str) -> None:
        self.progress.setVisible(False)
        if not isinstance(error, CoopdeskError):
            show_bug(self, error, details)
            return
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setText(error.message(language()))
        if self.path is not None:
            self.load(self.path)


def import_sheet(window) -> None:
    """Arkiv → Importera från kalkylblad…"""
    dialog = SheetImportDialog(window.ctx, window)
    name = ask_sheet_file(window)
    if name:
        dialog.load(Path(name))
    dialog.exec()
    dialog.deleteLater()
