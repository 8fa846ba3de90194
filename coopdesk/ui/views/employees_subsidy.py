"""Anställda → Rekvisition and Prognos: the month's request basis of every employee, and the outlook of
the next 24 months as a chart with the total per year and the steps and ends listed.

Both read the application layer's queries on the database worker; the files are the bytes of
``coopdesk subsidy --format pdf|xlsx`` (reports/subsidy_files.py), so the printout, the saved PDF, the
workbook and the command line always agree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from coopdesk.app.employees import TIME_KINDS, SubsidyBasis, SubsidyMonthView, SubsidyOutlookView
from coopdesk.core.calendar import Month
from coopdesk.reports.subsidy_files import subsidy_bytes
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext
from coopdesk.ui.views.employees_chart import OutlookChart
from coopdesk.ui.views.employees_model import RequestModel, kind_name
from coopdesk.ui.views.employees_output import Outputs
from coopdesk.ui.views.form_kit import MUTED, DisplayRowsModel, fit_rows, plain_table

OUTLOOK_MONTHS = 24
translate = QCoreApplication.translate


def output_buttons(
    print_: Callable[[], object], pdf: Callable[[], object], xlsx: Callable[[], object]
) -> tuple[tuple[QPushButton, ...], QHBoxLayout]:
    """Skriv ut, Spara som PDF and Exportera till Excel in a row (the same words in both tabs)."""
    buttons = (
        QPushButton(translate("SubsidyOutputs", "Skriv &ut…")),
        QPushButton(translate("SubsidyOutputs", "Spara som &PDF…")),
        QPushButton(translate("SubsidyOutputs", "E&xportera till Excel…")),
    )
    for button, slot in zip(buttons, (print_, pdf, xlsx), strict=True):
        button.clicked.connect(slot)
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return buttons, row


class RequestTab(QWidget):
    """The month's request basis (rekvisitionsunderlag), with the time reports summed beside it."""

    def __init__(self, ctx: AppContext, outputs: Outputs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.outputs = ctx, outputs
        self.today: Callable[[], dt.date] = dt.date.today
        self.month = Month.of(self.today()).previous()
        self.basis: SubsidyBasis | None = None
        self.title = QLabel()
        self.title.setObjectName("requestTitle")
        self.title.setStyleSheet("QLabel#requestTitle { font-size: 13pt; font-weight: 600; }")
        previous = QPushButton(self.tr("◂"))
        previous.setToolTip(self.tr("Föregående månad (Alt+Vänster)"))
        previous.clicked.connect(lambda: self.set_month(self.month.previous()))
        following = QPushButton(self.tr("▸"))
        following.setToolTip(self.tr("Nästa månad (Alt+Höger)"))
        following.clicked.connect(lambda: self.set_month(self.month.next()))
        for button in (previous, following):
            button.setFixedWidth(36)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(previous)
        top.addWidget(following)
        self.model = RequestModel(self)
        self.table = plain_table(self.model, "requestTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.total = QLabel()
        self.total.setObjectName("requestTotal")
        self.total.setStyleSheet("font-weight: 600;")
        note = QLabel(
            self.tr(
                "Bidraget: lägsta av lönekostnaden och taket (taket för heltid × sysselsättningsgraden), gånger "
                "nivån och de dagar beslutet gäller, avrundat till hela ören. * = månadens egen lönekostnad."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        self.time_model = DisplayRowsModel(
            [formats.tr("Anställd"), *(kind_name(k) for k in TIME_KINDS), formats.tr("Summa")], self
        )
        self.time_table = plain_table(self.time_model, "requestTimeTable")
        self.time_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.buttons, actions = output_buttons(self.print_basis, self.save_pdf, self.export_xlsx)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(note)
        time_title = QLabel(self.tr("Tidrapporterna i månaden (timmar)"))
        time_title.setStyleSheet("font-weight: 600;")
        layout.addWidget(time_title)
        layout.addWidget(self.time_table)
        layout.addLayout(actions)
        for keys, slot in (
            ("Alt+Left", lambda: self.set_month(self.month.previous())),
            ("Alt+Right", lambda: self.set_month(self.month.next())),
        ):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def set_month(self, month: Month) -> None:
        self.month = month
        self.reload()

    def reload(self) -> None:
        basis = self.ctx.query_or_keep(SubsidyMonthView(self.month))
        if basis is None:
            return
        self.basis = basis
        month = basis.months[0]
        self.title.setText(
            self.tr("Underlag för rekvisition – %1").replace("%1", formats.month_in_sentence(self.month))
        )
        self.model.set_items(list(month.lines))
        if month.lines:
            self.total.setText(self.tr("Summa att rekvirera: %1").replace("%1", formats.amount(month.total)))
        else:
            self.total.setText(self.tr("Inget beslut om lönebidrag gäller i månaden."))
        rows = []
        seen: dict[str, str] = {}
        for line in month.lines:
            seen.setdefault(line.personal_number, line.name)
        for number, name in seen.items():
            hours = basis.summaries.get(number, {})
            cells = [formats.hours(hours.get(k, Decimal(0))) for k in TIME_KINDS]
            rows.append((number, (name, *cells, formats.hours(sum(hours.values(), Decimal(0))))))
        self.time_model.set_rows(rows)
        fit_rows(self.time_table)
        for button in self.buttons:
            button.setEnabled(bool(month.lines))

    def _data(self, format: str) -> bytes | None:
        return None if self.basis is None else subsidy_bytes(self.basis, format, printed=self.today())

    def _name(self, extension: str) -> str:
        return f"{self.month} lönebidrag rekvisitionsunderlag.{extension}"

    def print_basis(self) -> int:
        data = self._data("pdf")
        return 0 if data is None else self.outputs.print_pdf(data, self._name("pdf"))

    def save_pdf(self) -> bool:
        data = self._data("pdf")
        return data is not None and self.outputs.save(data, self._name("pdf"), "pdf") is not None

    def export_xlsx(self) -> bool:
        data = self._data("xlsx")
        return data is not None and self.outputs.save(data, self._name("xlsx"), "xlsx") is not None


class OutlookTab(QWidget):
    """The next 24 months from the standing wage costs: the chart, the total per year, the steps and ends."""

    def __init__(self, ctx: AppContext, outputs: Outputs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.outputs = ctx, outputs
        self.today: Callable[[], dt.date] = dt.date.today
        self.basis: SubsidyBasis | None = None
        self.title = QLabel()
        self.title.setObjectName("outlookTitle")
        self.title.setStyleSheet("QLabel#outlookTitle { font-size: 13pt; font-weight: 600; }")
        self.chart = OutlookChart(self)
        self.years_model = DisplayRowsModel([formats.tr("År"), formats.tr("Månader"), formats.tr("Bidrag")], self)
        self.years_table = plain_table(self.years_model, "outlookYears")
        self.years_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.years_table.horizontalHeader().setStretchLastSection(True)
        self.years_table.setMinimumWidth(320)
        self.years_table.setMaximumWidth(420)
        self.changes = QListWidget()
        self.changes.setObjectName("outlookChanges")
        note = QLabel(
            self.tr(
                "Prognosen utgår från den stående lönekostnaden och beslutens nivåer. Streckade linjer: "
                "en nedtrappning eller ett slut."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        self.buttons, actions = output_buttons(self.print_outlook, self.save_pdf, self.export_xlsx)
        below = QHBoxLayout()
        years = QVBoxLayout()
        years_title = QLabel(self.tr("Summa per år"))
        years_title.setStyleSheet("font-weight: 600;")
        years.addWidget(years_title)
        years.addWidget(self.years_table)
        years.addStretch(1)
        changes = QVBoxLayout()
        changes_title = QLabel(self.tr("Nedtrappningar och slut"))
        changes_title.setStyleSheet("font-weight: 600;")
        changes.addWidget(changes_title)
        changes.addWidget(self.changes)
        below.addLayout(years)
        below.addLayout(changes, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.chart, 3)
        layout.addWidget(note)
        layout.addLayout(below, 1)
        layout.addLayout(actions)

    def reload(self) -> None:
        basis = self.ctx.query_or_keep(SubsidyOutlookView(OUTLOOK_MONTHS, Month.of(self.today()).next()))
        if basis is None:
            return
        self.basis = basis
        months = list(basis.months)
        self.title.setText(
            self.tr("Prognos %1 – %2")
            .replace("%1", formats.month_in_sentence(months[0].month))
            .replace("%2", formats.month_in_sentence(months[-1].month))
        )
        self.chart.set_outlook(months, list(basis.changes))
        per_year: dict[int, list[Decimal]] = defaultdict(list)
        for m in months:
            per_year[m.month.year].append(m.total)
        self.years_model.set_rows(
            [
                (year, (str(year), str(len(totals)), formats.amount(sum(totals, Decimal(0)))))
                for year, totals in sorted(per_year.items())
            ]
        )
        fit_rows(self.years_table)
        self.changes.clear()
        for change in basis.changes:
            if change.is_end:
                text = self.tr("%1: %2 – %3 slutar (sista dag)")
            else:
                text = self.tr("%1: %2 – %3 från %4 % till %5 %")
            self.changes.addItem(
                text.replace("%1", change.day.isoformat())
                .replace("%2", change.name)
                .replace("%3", change.ref)
                .replace("%4", str(change.before))
                .replace("%5", str(change.after))
            )
        for button in self.buttons:
            button.setEnabled(any(m.lines for m in months))

    def _data(self, format: str) -> bytes | None:
        return None if self.basis is None else subsidy_bytes(self.basis, format, printed=self.today())

    def _name(self, extension: str) -> str:
        first = self.basis.months[0].month if self.basis else Month.of(self.today())
        return f"{first} lönebidrag prognos.{extension}"

    def print_outlook(self) -> int:
        data = self._data("pdf")
        return 0 if data is None else self.outputs.print_pdf(data, self._name("pdf"))

    def save_pdf(self) -> bool:
        data = self._data("pdf")
        return data is not None and self.outputs.save(data, self._name("pdf"), "pdf") is not None

    def export_xlsx(self) -> bool:
        data = self._data("xlsx")
        return data is not None and self.outputs.save(data, self._name("xlsx"), "xlsx") is not None
