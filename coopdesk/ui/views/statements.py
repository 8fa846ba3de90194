"""Redovisning — choose a month and a district (or all), preview the statement, print it, save it
as PDF, export CSV, and attest the month (after listing every planned day still unregistered).

Attesting issues every district's statement (app/issued.py). For one district the view lists the
issued versions of the month beside the current statement: an issued version previews, prints and
saves exactly as it was issued, and with two or more the correction (Rättelse) of the last two.
The current statement of a month that changed or was reopened since it was issued says so.

The PDF is built off the GUI thread; the preview, the printout and the saved file are the same
bytes, so they show the same pages and the same fingerprint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app import issued as issued_statements
from coopdesk.app.files import check_output_folder, check_output_path, safe_file_name, write_logged
from coopdesk.core.calendar import Month
from coopdesk.core.errors import CoopdeskError
from coopdesk.core.plausibility import grouped
from coopdesk.core.services import locks, lookups, outputs
from coopdesk.core.statement import Statement, compute_statement
from coopdesk.reports.correction_pdf import correction_pdf
from coopdesk.reports.fingerprint import statement_fingerprint
from coopdesk.reports.statement_csv import csv_bytes
from coopdesk.reports.statement_pdf import statement_pdf
from coopdesk.reports.statement_xlsx import xlsx_bytes
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext
from coopdesk.ui.errors import language, show_error
from coopdesk.ui.printing import load_pdf, pdf_view, print_pdf
from coopdesk.ui.widgets import Banner

ALL = -1
CURRENT = 0  # the version choice: the statement as it stands (an issued version is its number)
CORRECTION = -1  # the version choice: the correction of the last two issued versions


@dataclass(frozen=True)
class Built:
    """The statements of one choice, with the first one's PDF for the preview.

    ``shown`` says what the preview is: CURRENT, an issued version's number, or CORRECTION (then the
    PDF is the correction's and the statement the newer version's); ``versions`` are the issued
    versions of the one district chosen; ``notice`` is the current statement's note since its issue."""

    month: Month
    statements: tuple[Statement, ...]
    pdfs: tuple[bytes, ...]
    shown: int = CURRENT
    versions: tuple[issued_statements.IssuedVersion, ...] = ()
    notice: str | None = None


def file_name(month: Month, district: str, extension: str, shown: int = CURRENT) -> str:
    if shown == CORRECTION:
        return f"{month} {safe_file_name(district)} rättelse.{extension}"
    if shown != CURRENT:
        return f"{month} {safe_file_name(district)} månadsredovisning version {shown}.{extension}"
    return f"{month} {safe_file_name(district)} månadsredovisning.{extension}"


class StatementsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.month = Month.of(dt.date.today()).previous()
        self.built: Built | None = None
        self.document: QPdfDocument | None = None
        self._generation = 0
        # Dialogs are attributes so that tests can answer them without a blocking exec().
        self.ask_save_file: Callable[[str, str], str] = self._ask_save_file
        self.ask_folder: Callable[[], str] = self._ask_folder
        self.confirm_replace: Callable[[list[Path]], bool] = self._confirm_replace
        self.confirm_attest: Callable[[Month, list[tuple[str, dt.date]]], bool] = self._confirm_attest
        self.ask_reason: Callable[[], str | None] = self._ask_reason
        self.ask_printer: Callable[[QPrinter], bool] = self._ask_printer

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        previous = QPushButton(self.tr("◂ Föregående"))
        previous.setToolTip(self.tr("Föregående månad (Alt+Vänster)"))
        previous.clicked.connect(lambda: self.set_month(self.month.previous()))
        following = QPushButton(self.tr("Nästa ▸"))
        following.setToolTip(self.tr("Nästa månad (Alt+Höger)"))
        following.clicked.connect(lambda: self.set_month(self.month.next()))
        self.district = QComboBox()
        self.district.setMinimumContentsLength(18)
        self.district.currentIndexChanged.connect(lambda _i: self.rebuild())
        district_label = QLabel(self.tr("&Beställare:"))
        district_label.setBuddy(self.district)
        # The issued versions of the month (one district): the current statement, each version, the correction.
        self.version = QComboBox()
        self.version.setObjectName("statementVersion")
        # Room for "Utfärdad version 1 (2026-12-05, <the attester's name>)": at 16 characters the real
        # window cut it to "Utfärdad version 1 (2026"; the row has the room since the outputs moved below.
        self.version.setMinimumContentsLength(44)
        self.version.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.version.currentIndexChanged.connect(lambda _i: self.rebuild(keep_version=True))
        self.version_label = QLabel(self.tr("&Version:"))
        self.version_label.setBuddy(self.version)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(previous)
        top.addWidget(following)
        top.addSpacing(12)
        top.addWidget(district_label)
        top.addWidget(self.district)

        self.print_button = QPushButton(self.tr("Skriv &ut…"))
        self.print_button.setToolTip("Ctrl+P")
        self.print_button.clicked.connect(self.print_statements)
        self.save_button = QPushButton(self.tr("Spara som &PDF…"))
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self.save_pdf)
        self.csv_button = QPushButton(self.tr("Exportera &CSV…"))
        self.csv_button.setToolTip("Ctrl+E")
        self.csv_button.clicked.connect(self.export_csv)
        self.invoice_button = QPushButton(self.tr("E-&faktura…"))
        self.invoice_button.setToolTip(
            self.tr("Peppol-faktura (XML) av den utfärdade versionen som visas, eller av rättelsen")
        )
        self.invoice_button.clicked.connect(self.write_invoice)
        self.xlsx_button = QPushButton(self.tr("Exportera E&xcel…"))
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.attest_button = QPushButton(self.tr("A&ttestera månad…"))
        self.attest_button.clicked.connect(self.attest)
        self.reopen_button = QPushButton(self.tr("Öppna månad &igen…"))
        self.reopen_button.clicked.connect(self.reopen)
        # Two rows, so that Redovisning fits a 1366-pixel screen with longer (English) labels: which
        # version and the month's attest above, what can be made of the version shown below.
        versions = QHBoxLayout()
        versions.addWidget(self.version_label)
        versions.addWidget(self.version)
        versions.addStretch(1)
        versions.addWidget(self.attest_button)
        versions.addWidget(self.reopen_button)
        actions = QHBoxLayout()
        for button in (self.print_button, self.save_button, self.csv_button, self.xlsx_button, self.invoice_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.banner = Banner()
        self.status = QLabel()
        self.status.setObjectName("statementStatus")
        # Plausibility warnings of the statement shown (core/plausibility.py): to look at, never blocking.
        self.checks_title = QLabel()
        self.checks_title.setObjectName("statementChecksTitle")
        self.checks = QListWidget()
        self.checks.setObjectName("statementChecks")
        self.checks.setAlternatingRowColors(True)
        self.checks_title.setBuddy(self.checks)
        self.checks_title.hide()
        self.checks.hide()
        self.preview_holder = QVBoxLayout()
        self.placeholder = QLabel(self.tr("Förhandsgranskningen visas här."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_holder.addWidget(self.placeholder, 1)
        self.preview = None

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(versions)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        layout.addWidget(self.status)
        layout.addWidget(self.checks_title)
        layout.addWidget(self.checks)
        layout.addLayout(self.preview_holder, 1)

        for keys, slot in (
            ("Ctrl+P", self.print_statements),
            ("Ctrl+S", self.save_pdf),
            ("Ctrl+E", self.export_csv),
            ("Alt+Left", lambda: self.set_month(self.month.previous())),
            ("Alt+Right", lambda: self.set_month(self.month.next())),
            ("F5", self.rebuild),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        ctx.changed.connect(self._data_changed)
        self._fill_districts()
        self.rebuild()  # last month's statement, as soon as the view is first shown (built)

    # --- choosing ------------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.district

    def _fill_districts(self) -> None:
        current = self.district.currentData()
        districts = self.ctx.read(lambda s: [(d.id, d.name) for d in lookups.districts(s)])
        host = self.ctx.read(lambda s: lookups.settings_on(s, dt.date.today()).host_district_id)
        if current is None:
            current = host  # the host district's statement (with the supervisors) is the usual start
        self.district.blockSignals(True)
        self.district.clear()
        self.district.addItem(self.tr("Alla beställare"), ALL)
        for district_id, name in districts:
            self.district.addItem(name, district_id)
        index = self.district.findData(current) if current is not None else 1
        self.district.setCurrentIndex(index if index >= 0 else (1 if districts else 0))
        self.district.blockSignals(False)

    def set_month(self, month: Month) -> None:
        self.month = month
        self.rebuild()

    def set_date(self, day: dt.date) -> None:
        self.set_month(Month.of(day))

    def refresh(self) -> None:
        self._fill_districts()
        self.rebuild()

    @Slot(str)
    def _data_changed(self, kind: str) -> None:
        if kind in ("districts", "all"):
            self._fill_districts()
        if self.isVisible():
            self.rebuild()

    # --- building ------------------------------------------------------------------------------

    def rebuild(self, *, keep_version: bool = False) -> None:
        """Compute the statements and their PDFs off the GUI thread, then show the first.

        A new month or district shows the current statement; ``keep_version`` (the version list's own
        change) shows the version chosen there."""
        self.title.setText(self.tr("Redovisning %1").replace("%1", formats.month_title(self.month)))
        self._generation += 1
        generation, month, choice = self._generation, self.month, self.district.currentData()
        shown = (self.version.currentData() or CURRENT) if keep_version else CURRENT
        self._set_actions_enabled(False)
        self.status.setText(self.tr("Räknar fram redovisningen…"))

        def work() -> Built:
            with self.ctx.db.session() as session:
                districts = lookups.districts(session)
                chosen = [d for d in districts if choice in (ALL, d.id)]
                if len(chosen) == 1 and choice != ALL:
                    return self._one_district(session, month, chosen[0], shown)
                statements = tuple(compute_statement(session, d, month) for d in chosen)
            return Built(month, statements, tuple(statement_pdf(s) for s in statements))

        def done(built: Built) -> None:
            if generation == self._generation:  # a newer choice has been made meanwhile
                self._show(built)

        self.ctx.run_in_background(self, work, done, self.tr("Skapar PDF…"))

    @staticmethod
    def _one_district(session: object, month: Month, district: object, shown: int) -> Built:
        """One district's statement as chosen: the current one (with its note since issue), an issued
        version as issued, or the correction of the last two versions."""
        versions = tuple(issued_statements.versions(session, district.id, month))  # type: ignore[attr-defined]
        numbers = {v.version for v in versions}
        if shown == CORRECTION and len(versions) >= 2:
            document, older, newer = issued_statements.correction_of(session, district.id, month)  # type: ignore[attr-defined]
            pdf = correction_pdf(
                document,
                org_number=newer.statement.cooperative_org_number,
                issued_by=(older.version.issued_by, newer.version.issued_by),
            )
            return Built(month, (newer.statement,), (pdf,), CORRECTION, versions)
        if shown in numbers:
            found = issued_statements.issued(session, district.id, month, shown)  # type: ignore[attr-defined]
            pdf = statement_pdf(found.statement, issued=found.version.mark_sv())
            return Built(month, (found.statement,), (pdf,), shown, versions)
        statement = compute_statement(session, district, month)  # type: ignore[arg-type]
        since = issued_statements.since_issue(session, statement, district.id)  # type: ignore[attr-defined]
        notice = issued_statements.since_issue_sv(since) if since else None
        return Built(month, (statement,), (statement_pdf(statement, notice=notice),), CURRENT, versions, notice)

    def _fill_versions(self, built: Built) -> None:
        self.version.blockSignals(True)
        self.version.clear()
        self.version.addItem(self.tr("Aktuell redovisning"), CURRENT)
        for v in reversed(built.versions):  # the newest first
            self.version.addItem(
                self.tr("Utfärdad version %1 (%2, %3)")
                .replace("%1", str(v.version))
                .replace("%2", v.issued_at.date().isoformat())
                .replace("%3", v.issued_by),
                v.version,
            )
        if len(built.versions) >= 2:
            last = built.versions[-1].version
            self.version.addItem(
                self.tr("Rättelse: version %1 mot %2").replace("%1", str(last)).replace("%2", str(last - 1)),
                CORRECTION,
            )
        self.version.setCurrentIndex(max(0, self.version.findData(built.shown)))
        self.version.blockSignals(False)
        self.version.setEnabled(len(built.versions) > 0)
        self.version.setToolTip(
            self.tr("Månaden har inte attesterats: ingen redovisning är utfärdad.") if not built.versions else ""
        )

    def _show(self, built: Built) -> None:
        self.built = built
        self._fill_versions(built)
        if not built.statements:
            self.status.setText(self.tr("Det finns inga beställare ännu. Lägg till en under Beställare."))
            self._set_actions_enabled(False)
            return
        old, self.document = self.document, load_pdf(built.pdfs[0], self)
        if self.preview is None:
            self.preview = pdf_view(self.document, self)
            self.preview_holder.removeWidget(self.placeholder)
            self.placeholder.hide()
            self.preview_holder.addWidget(self.preview, 1)
        else:
            self.preview.setDocument(self.document)
        if old is not None:
            old.deleteLater()  # only once the view shows the new one
        first = built.statements[0]
        shown = {v.version: v for v in built.versions}.get(built.shown)
        if built.shown == CORRECTION:
            self.banner.show_message(
                self.tr("Rättelsen visar vad som ändrats mellan de två senast utfärdade versionerna."), "info"
            )
        elif shown is not None:
            self.banner.show_message(
                self.tr("Utfärdad version %1: så som den utfärdades %2 av %3.")
                .replace("%1", str(shown.version))
                .replace("%2", shown.issued_at.date().isoformat())
                .replace("%3", shown.issued_by),
                "locked",
            )
        elif built.notice:
            self.banner.show_message(built.notice, "error")
        elif first.attested and first.attested_at is not None:
            state = (
                self.tr("Attesterad %1 av %2")
                .replace("%1", first.attested_at.date().isoformat())
                .replace("%2", first.attested_by or "")
            )
            self.banner.show_message(state, "locked")
        else:
            self.banner.show_message(self.tr("Preliminär: månaden är inte attesterad."), "info")
        pages = self.document.pageCount()
        text = (
            self.tr("%1 · %2 sidor · kontrollsumma %3")
            .replace("%1", first.district)
            .replace("%2", str(pages))
            .replace("%3", statement_fingerprint(first))
        )
        if built.shown == CORRECTION:
            text = self.tr("%1 · rättelse · %2 sidor").replace("%1", first.district).replace("%2", str(pages))
        if len(built.statements) > 1:
            text += (
                self.tr(" · förhandsgranskningen visar %1; utskrift och sparande gäller alla %2 beställare")
                .replace("%1", first.district)
                .replace("%2", str(len(built.statements)))
            )
        self.status.setText(text)
        self._show_checks(first)
        self._set_actions_enabled(True)
        current = built.shown == CURRENT
        self.csv_button.setEnabled(built.shown != CORRECTION)  # a correction is a PDF (or the CLI's JSON)
        self.xlsx_button.setEnabled(built.shown != CORRECTION)
        self.attest_button.setEnabled(current and not first.attested)
        self.reopen_button.setEnabled(current and first.attested)
        self.invoice_button.setEnabled(not current)  # an issued version or the correction: what was sent

    def _show_checks(self, statement: Statement) -> None:
        groups = grouped(statement.warnings)
        self.checks.clear()
        self.checks_title.setVisible(bool(groups))
        self.checks.setVisible(bool(groups))
        if not groups:
            return
        self.checks_title.setText(
            self.tr("Att &kontrollera i %1 (%2) – hindrar inte attesten:")
            .replace("%1", statement.district)
            .replace("%2", str(len(groups)))
        )
        lang = language()
        for group in groups:
            self.checks.addItem(group.message(lang))
        rows = min(len(groups), 5)  # as high as its lines, up to five; the preview keeps the rest
        self.checks.setFixedHeight(rows * self.checks.sizeHintForRow(0) + 2 * self.checks.frameWidth() + 2)
        for index, group in enumerate(groups):  # each day in full in the tooltip
            days = [w for w in statement.warnings if w.member == group.member and w.reason_sv == group.reason_sv]
            self.checks.item(index).setToolTip("\n".join(f"{w.date.isoformat()}: {w.message(lang)}" for w in days))

    def _set_actions_enabled(self, enabled: bool) -> None:
        buttons = (self.print_button, self.save_button, self.csv_button, self.xlsx_button)
        for button in (*buttons, self.attest_button, self.reopen_button):
            button.setEnabled(enabled)
        self.invoice_button.setEnabled(False)  # enabled by _show for an issued version or a correction

    # --- output --------------------------------------------------------------------------------

    def print_statements(self) -> int:
        if self.built is None or not self.built.statements:
            return 0
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(file_name(self.built.month, self.built.statements[0].district, "pdf", self.built.shown))
        if not self.ask_printer(printer):
            return 0
        pages = 0
        for data in self.built.pdfs:
            document = load_pdf(data, self)
            try:
                pages += print_pdf(document, printer)
            finally:
                document.deleteLater()
        built = self.built
        try:  # a printout is a copy of the members' data too: on the record
            with self.ctx.db.session() as session:
                outputs.record_statement_print(
                    session, self.ctx.actor, built.month, [s.district for s in built.statements], pages
                )
        except CoopdeskError as error:
            show_error(self, error)
        return pages

    def save_pdf(self) -> list[Path]:
        return self._save("pdf", lambda i: self.built.pdfs[i])  # type: ignore[union-attr]

    def write_invoice(self) -> Path | None:
        """E-faktura…: the invoice of the issued version shown, or of the correction (statements_invoice.py)."""
        from coopdesk.ui.views.statements_invoice import write_einvoice

        if self.built is None or self.built.shown == CURRENT:
            return None
        correction = self.built.shown == CORRECTION
        return write_einvoice(self, correction=correction, version=None if correction else self.built.shown)

    def export_csv(self) -> list[Path]:
        return self._save("csv", lambda i: csv_bytes(self.built.statements[i]))  # type: ignore[union-attr]

    def export_xlsx(self) -> list[Path]:
        built = self.built
        # an issued version says so on its sheet, as its PDF does
        mark = next((v.mark_sv() for v in built.versions if v.version == built.shown), None) if built else None
        return self._save("xlsx", lambda i: xlsx_bytes(built.statements[i], issued=mark))  # type: ignore[union-attr]

    def _save(self, extension: str, data: Callable[[int], bytes]) -> list[Path]:
        if self.built is None or not self.built.statements:
            return []
        statements = self.built.statements
        db_path = self.ctx.db.sqlite_path
        try:
            if len(statements) == 1:
                suggested = file_name(self.built.month, statements[0].district, extension, self.built.shown)
                name = self.ask_save_file(suggested, extension)
                # the save dialog has asked about replacing a file; the database, its keys and backups never are
                targets = [check_output_path(name, force=True, db_path=db_path)] if name else []
            else:
                folder = self.ask_folder()
                if folder:
                    check_output_folder(folder)
                names = [file_name(self.built.month, s.district, extension) for s in statements] if folder else []
                targets = [check_output_path(Path(folder) / n, force=True, db_path=db_path) for n in names]
                existing = [t for t in targets if t.exists()]
                if existing and not self.confirm_replace(existing):
                    return []
            if not targets:
                return []
            built = self.built

            def make(session):  # the files and their audit entry in one unit of work
                names = [s.district for s in built.statements]
                what = {CURRENT: extension, CORRECTION: f"{extension}, rättelse"}.get(
                    built.shown, f"{extension}, utfärdad version {built.shown}"
                )
                outputs.record_statement_export(
                    session, self.ctx.actor, built.month, names, what, [t.name for t in targets]
                )
                return [(target, data(index)) for index, target in enumerate(targets)]

            write_logged(self.ctx.db.session(), make)
        except CoopdeskError as error:
            show_error(self, error)
            return []
        window = self.window()
        if targets and isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                self.tr("Sparade %1 fil(er) i %2")
                .replace("%1", str(len(targets)))
                .replace("%2", str(targets[0].parent)),
                8000,
            )
        return targets

    # --- attest --------------------------------------------------------------------------------

    def attest(self) -> bool:
        month = self.month
        missing = self.ctx.read(lambda s: locks.unregistered_days(s, month))
        if not self.confirm_attest(month, missing):
            return False
        # attesting issues every district's statement for the month, in the same unit of work
        result = self.ctx.change(self, lambda s: issued_statements.attest_and_issue(s, self.ctx.actor, month), "locks")
        return result is not None

    def reopen(self) -> bool:
        reason = self.ask_reason()
        if reason is None:
            return False
        result = self.ctx.change(
            self, lambda s: locks.reopen_month(s, self.ctx.actor, self.month, reason) or True, "locks"
        )
        return result is not None

    # --- the dialogs (replaced in tests) -------------------------------------------------------

    def _ask_save_file(self, suggested: str, extension: str) -> str:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Spara"), suggested, f"{extension.upper()} (*.{extension})")
        return name

    def _ask_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, self.tr("Välj mapp för filerna"))

    def _confirm_replace(self, existing: list[Path]) -> bool:
        names = "\n".join(p.name for p in existing[:10])
        answer = QMessageBox.question(
            self,
            self.tr("Ersätt filer"),
            self.tr("Dessa filer finns redan i mappen och ersätts:\n\n%1\n\nVill du ersätta dem?").replace("%1", names),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _ask_printer(self, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, self)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _confirm_attest(self, month: Month, missing: list[tuple[str, dt.date]]) -> bool:
        name = formats.month_in_sentence(month)
        if missing:
            shown = "\n".join(f"{member} {day.isoformat()}" for member, day in missing[:30])
            more = self.tr("\n… och %1 till").replace("%1", str(len(missing) - 30)) if len(missing) > 30 else ""
            text = (
                self.tr("Det finns %1 planerade dagar utan registrering i %2:")
                .replace("%1", str(len(missing)))
                .replace("%2", name)
                + "\n\n"
                + shown
                + more
                + "\n\n"
                + self.tr("Vill du attestera ändå? Månaden låses då för ändringar.")
            )
        else:
            text = self.tr("Attestera %1? Månaden låses då för ändringar.").replace("%1", name)
        answer = QMessageBox.question(self, self.tr("Attestera månad"), text)
        return answer == QMessageBox.StandardButton.Yes

    def _ask_reason(self) -> str | None:
        reason, ok = QInputDialog.getText(self, self.tr("Öppna månad igen"), self.tr("Varför öppnas månaden igen?"))
        return reason if ok else None
