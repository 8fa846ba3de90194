"""Statistik — the year in figures (domain.md §8): a year to choose, the key figures, the charts and the
tables, and the report printed, saved as PDF or exported to Excel.

The figures are read off the GUI thread (twelve months of statements take a second or two on a large
database). The charts are the printed report's own drawings and the tables the workbook's sheets, so the
view, the PDF and the spreadsheet show the same figures (docs/rules.md "Årsstatistik").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app.yearly import (
    MonthToDateFigures,
    MonthToDateView,
    RecordYearlyPrint,
    Yearly,
    YearlyFiguresView,
    save_yearly,
    small_counts,
)
from coopdesk.core.errors import CoopdeskError
from coopdesk.core.numbers import fmt_amount_sv, fmt_sv
from coopdesk.reports import yearly_charts as charts
from coopdesk.reports.yearly_pdf import yearly_pdf
from coopdesk.reports.yearly_xlsx import yearly_sheets, yearly_xlsx
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext
from coopdesk.ui.errors import show_error
from coopdesk.ui.printing import print_pdf_bytes
from coopdesk.ui.table_export import tell_if_unlogged
from coopdesk.ui.views.statistics_model import SheetModel, drawing_image
from coopdesk.ui.widgets import Banner

CHART_WIDTH = 460  # points of the drawing; shown at 1:1 logical pixels
CHARTS = (
    (charts.members_by_age_and_gender, 190),
    (charts.members_by_district, 150),
    (charts.attended_and_planned, 210),
    (charts.hours_by_work_area, 210),
    (charts.supervisor_activities, 150),
)


def file_name(year: int, extension: str) -> str:
    return f"{year} verksamhetsstatistik.{extension}"


class StatisticsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.yearly: Yearly | None = None
        self._generation = 0
        # The dialogs, replaced in tests.
        self.ask_save_file: Callable[[str, str], str] = self._ask_save_file
        self.ask_printer: Callable[[QPrinter], bool] = self._ask_printer

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(dt.date.today().year - 1)  # the annual report is of the year that has ended
        self.year.setAccessibleName(self.tr("År"))
        self.year.valueChanged.connect(lambda _year: self.rebuild())
        year_label = QLabel(self.tr("&År"))
        year_label.setBuddy(self.year)
        self.print_button = QPushButton(self.tr("Skriv &ut…"))
        self.save_button = QPushButton(self.tr("Spara som &PDF…"))
        self.excel_button = QPushButton(self.tr("Exportera till &Excel…"))
        # the report for an annual meeting: small counts merged, no sekretess mark (docs/rules.md)
        self.hand_out_button = QPushButton(self.tr("Spara för utlä&mning…"))
        self.hand_out_button.setToolTip(
            self.tr("En PDF att dela ut, till exempel på årsmötet: tal om 1 eller 2 medlemmar slås samman.")
        )
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_pdf)
        self.hand_out_button.clicked.connect(self.save_hand_out)
        self.excel_button.clicked.connect(self.export_excel)
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(year_label)
        bar.addWidget(self.year)
        for button in (self.print_button, self.save_button, self.hand_out_button, self.excel_button):
            bar.addWidget(button)

        self.status = QLabel()
        self.status.setStyleSheet("color: #555;")
        self.month_so_far = QLabel()  # the current month to date, in the same figures
        self.month_so_far.setWordWrap(True)
        self.month_so_far.setTextFormat(Qt.TextFormat.RichText)
        self.banner = Banner()
        self.key_figures = QGridLayout()
        self.key_labels: dict[str, QLabel] = {}
        self.chart_labels: list[QLabel] = []
        chart_grid = QGridLayout()
        for index, _chart in enumerate(CHARTS):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.chart_labels.append(label)
            chart_grid.addWidget(label, index // 2, index % 2)
        self.tables = QVBoxLayout()
        self.table_views: list[tuple[QLabel, QTableView, SheetModel]] = []

        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.banner)
        column.addLayout(self.key_figures)
        column.addWidget(self.month_so_far)
        column.addLayout(chart_grid)
        column.addLayout(self.tables)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        QShortcut(QKeySequence("F5"), self, self.rebuild)
        ctx.changed.connect(self._data_changed)
        self._set_actions_enabled(False)
        self.rebuild()

    @Slot(str)
    def _data_changed(self, _kind: str) -> None:
        if self.isVisible():
            self.rebuild()

    def _set_actions_enabled(self, enabled: bool) -> None:
        for button in (self.print_button, self.save_button, self.hand_out_button, self.excel_button):
            button.setEnabled(enabled)

    # --- building ------------------------------------------------------------------------------

    def rebuild(self) -> None:
        """Read the year's figures on the database worker, then show them (a newer choice wins)."""
        year = self.year.value()
        self.title.setText(self.tr("Statistik %1").replace("%1", str(year)))
        self._generation += 1
        generation = self._generation
        self._set_actions_enabled(False)
        self.status.setText(self.tr("Räknar fram årets siffror…"))
        app = self.ctx.app

        def done(read: tuple[Yearly, MonthToDateFigures]) -> None:
            if generation == self._generation:
                self.show_month_so_far(read[1])
                self.show_year(read[0])

        def work() -> tuple[Yearly, MonthToDateFigures]:
            return app.read(YearlyFiguresView(year)), app.read(MonthToDateView())

        self.ctx.run_in_background(self, work, done, self.tr("Statistik"))

    def show_month_so_far(self, so_far: MonthToDateFigures) -> None:
        f = so_far.figures
        rate = "–" if f.attendance_rate is None else f"{fmt_sv(f.attendance_rate, 1)} %"
        text = (
            self.tr(
                "<b>%1 hittills</b> (t.o.m. %2): %3 medlemmar, %4 närvarotimmar av %5 planerade (%6), "
                "%7 närvarodagar, %8 sjukdagar, %9 ej registrerade dagar."
            )
            .replace("%1", formats.month_title(f.month))
            .replace("%2", so_far.through.isoformat())
            .replace("%3", str(f.members))
            .replace("%4", fmt_sv(f.attended_hours))
            .replace("%5", fmt_sv(f.planned_hours))
            .replace("%6", rate)
            .replace("%7", str(f.attended_days))
            .replace("%8", str(f.sick_days))
            .replace("%9", str(f.unregistered_days))
        )
        self.month_so_far.setText(text)

    def show_year(self, yearly: Yearly) -> None:
        self.yearly = yearly
        attested = sum(m.attested for m in yearly.months)
        self.status.setText(
            self.tr("Summor av årets månadsredovisningar. %1 av 12 månader attesterade.").replace("%1", str(attested))
        )
        small = small_counts(yearly.members)
        if small:
            self.banner.show_message(
                self.tr(
                    "Små tal (1 eller 2 medlemmar) i %1 kan peka ut en enskild medlem: rapporten omfattas av "
                    "sekretess. ”Spara för utlämning” slår samman de små talen."
                ).replace("%1", ", ".join(small)),
                "locked",
            )
        else:
            self.banner.clear_message()
        self._show_key_figures(yearly)
        for label, (draw, height) in zip(self.chart_labels, CHARTS, strict=True):
            label.setPixmap(QPixmap.fromImage(drawing_image(draw(yearly, CHART_WIDTH, height))))
        self._show_tables(yearly)
        self._set_actions_enabled(True)

    def _show_key_figures(self, yearly: Yearly) -> None:
        m, t, s = yearly.members, yearly.totals, yearly.supervisors
        figures = [
            (self.tr("Medlemmar"), str(m.total)),
            (self.tr("Kvinnor / män"), f"{m.by_gender.get('kvinna', 0)} / {m.by_gender.get('man', 0)}"),
            (self.tr("Började / slutade"), f"{m.came} / {m.left}"),
            (self.tr("Närvarotimmar"), fmt_sv(t.attended_hours)),
            (self.tr("Planerade timmar"), fmt_sv(t.planned_hours)),
            (self.tr("Närvaro"), "–" if t.attendance_rate is None else f"{fmt_sv(t.attendance_rate, 1)} %"),
        ]
        if s is not None:
            figures.append((self.tr("Handledartid, arbetad"), fmt_sv(s.worked_hours)))
        amounts = [a for a in yearly.amounts_by_district.values() if a is not None]
        if amounts:
            figures.append((self.tr("Ersättning"), fmt_amount_sv(sum(amounts))))
        while self.key_figures.count():
            item = self.key_figures.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.key_labels = {}
        for index, (caption, value) in enumerate(figures):
            box = QLabel(f"<span style='color:#555'>{caption}</span><br/><b style='font-size:14pt'>{value}</b>")
            box.setTextFormat(Qt.TextFormat.RichText)
            box.setFrameShape(QFrame.Shape.StyledPanel)
            box.setContentsMargins(8, 4, 8, 4)
            self.key_labels[caption] = box
            self.key_figures.addWidget(box, index // 4, index % 4)

    def _show_tables(self, yearly: Yearly) -> None:
        sheets = yearly_sheets(yearly)[1:]  # the key figures are shown above
        while len(self.table_views) < len(sheets):
            heading = QLabel()
            heading.setStyleSheet("font-weight: 600; margin-top: 8px;")
            view = QTableView()
            model = SheetModel()
            view.setModel(model)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.verticalHeader().setVisible(False)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.tables.addWidget(heading)
            self.tables.addWidget(view)
            self.table_views.append((heading, view, model))
        for index, (heading, view, model) in enumerate(self.table_views):
            shown = index < len(sheets)
            heading.setVisible(shown)
            view.setVisible(shown)
            if shown:
                heading.setText(sheets[index].name)
                model.set_sheet(sheets[index])
                # the whole table, no scrolling inside the scrolling page
                rows = view.verticalHeader().length() + view.horizontalHeader().height()
                view.setFixedHeight(rows + 2 * view.frameWidth() + 2)

    # --- output --------------------------------------------------------------------------------

    def print_report(self) -> int:
        if self.yearly is None:
            return 0
        yearly = self.yearly
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(file_name(yearly.year, "pdf"))
        if not self.ask_printer(printer):
            return 0
        try:
            pages = print_pdf_bytes(yearly_pdf(yearly), printer)
            self.ctx.execute(self, RecordYearlyPrint(yearly.year, pages))  # a printout is on the record too
        except CoopdeskError as error:
            show_error(self, error)
            return 0
        return pages

    def save_pdf(self) -> Path | None:
        return self._save("pdf", yearly_pdf)

    def save_hand_out(self) -> Path | None:
        return self._save("pdf", lambda yearly: yearly_pdf(yearly, hand_out=True), self.tr("för utlämning"))

    def export_excel(self) -> Path | None:
        return self._save("xlsx", yearly_xlsx)

    def _save(self, extension: str, render: Callable[[Yearly], bytes], suffix: str = "") -> Path | None:
        if self.yearly is None:
            return None
        yearly = self.yearly
        suggested = file_name(yearly.year, extension)
        if suffix:
            suggested = suggested.replace(f".{extension}", f" {suffix}.{extension}")
        name = self.ask_save_file(suggested, extension)
        if not name:
            return None
        try:
            target = save_yearly(self.ctx.db, self.ctx.actor, yearly.year, extension, render(yearly), Path(name))
        except CoopdeskError as error:
            show_error(self, error)
            return None
        tell_if_unlogged(self, self.ctx.db)
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(self.tr("Sparade %1").replace("%1", str(target)), 8000)
        return target

    # --- the dialogs (replaced in tests) -------------------------------------------------------

    def _ask_save_file(self, suggested: str, extension: str) -> str:
        kind = "Excel" if extension == "xlsx" else extension.upper()
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Spara"), suggested, f"{kind} (*.{extension})")
        return name

    def _ask_printer(self, printer: QPrinter) -> bool:
        return QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted
