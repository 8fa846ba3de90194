"""Statistik: the year in figures opens on the demo data with the same figures as the JSON form; the
report printed, saved as PDF and exported to Excel."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from python_calamine import CalamineWorkbook

from coopdesk.app.yearly import MonthToDateView, YearlyFiguresView
from coopdesk.core.services import audit_log
from coopdesk.reports.yearly_json import yearly_document
from coopdesk.ui.views.statistics import StatisticsView
from coopdesk.ui.views.statistics_model import SheetModel

YEAR = 2025  # the demo's last whole year, the annual report's (GUI_TODAY is in November 2026)


@pytest.fixture
def view(qtbot, ctx):
    widget = StatisticsView(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.year.setValue(YEAR)
    qtbot.waitUntil(lambda: widget.yearly is not None and widget.yearly.year == YEAR, timeout=30_000)
    return widget


def test_the_view_shows_the_figures_of_the_json_form(view, ctx) -> None:
    document = yearly_document(ctx.query(YearlyFiguresView(YEAR)))
    assert view.title.text() == "Statistik 2025"
    members = view.key_labels["Medlemmar"].text()
    assert f"<b style='font-size:14pt'>{document['members']['total']}</b>" in members
    attended = Decimal(document["totals"]["attended_hours"])
    assert f"{attended:,.2f}".replace(",", "\u00a0").replace(".", ",") in view.key_labels["Närvarotimmar"].text()
    assert all(not label.pixmap().isNull() and label.pixmap().width() > 100 for label in view.chart_labels)
    headings = [heading.text() for heading, table, _model in view.table_views if table.isVisibleTo(view)]
    assert headings == ["Ålder och kön", "Beställare", "Avslut", "Månader", "Arbetsområden", "Handledare"]
    months = next(model for heading, _table, model in view.table_views if heading.text() == "Månader")
    assert months.rowCount() == 13  # twelve months and the year

    def shown(row: int, column: int) -> Decimal:  # "1 769,33" as the view shows it
        return Decimal(months.index(row, column).data().replace("\u00a0", "").replace(",", "."))

    for row, figures in enumerate(document["months"]):
        assert shown(row, 4) == Decimal(figures["planned_hours"])
        assert shown(row, 5) == Decimal(figures["attended_hours"])
        assert months.index(row, 7).data() == str(figures["attended_days"])
    assert "attesterade" in view.status.text()
    so_far = ctx.query(MonthToDateView())  # the current month to date, above the charts
    assert f"{so_far.figures.members} medlemmar" in view.month_so_far.text()
    assert f"t.o.m. {so_far.through.isoformat()}" in view.month_so_far.text()
    assert view.print_button.isEnabled() and view.excel_button.isEnabled()
    assert all(m["attested"] for m in document["months"]) and document["totals"]["attended_days"] > 3000
    assert "Spara för utlämning" in view.banner.text()  # the demo's small counts, and the way out


def test_save_for_hand_out_merges_the_small_counts_and_is_on_the_record(view, ctx, tmp_path: Path) -> None:
    from coopdesk.reports.yearly_pdf import SECRECY_MARK

    view.ask_save_file = lambda suggested, ext: str(tmp_path / suggested)
    pdf = view.save_hand_out()
    assert pdf is not None and pdf.name == "2025 verksamhetsstatistik för utlämning.pdf"
    text = " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages).split())
    assert "Version för utlämning" in text and SECRECY_MARK not in text
    with ctx.db.session() as session:
        logged = [e.summary for e in audit_log.entries(session, kinds=["yearly_report.export"])]
    assert logged == ["Årsstatistik 2025 (PDF) till 2025 verksamhetsstatistik för utlämning.pdf"]


def test_every_table_model_passes_the_model_tester(view, qtmodeltester) -> None:
    for _heading, _table, model in view.table_views:
        qtmodeltester.check(model)
    qtmodeltester.check(SheetModel())


def test_save_as_pdf_and_export_to_excel_are_on_the_record(view, ctx, tmp_path: Path) -> None:
    view.ask_save_file = lambda suggested, ext: str(tmp_path / suggested)
    pdf = view.save_pdf()
    assert pdf is not None and pdf.name == "2025 verksamhetsstatistik.pdf"
    assert "Verksamhetsstatistik 2025" in pypdf.PdfReader(pdf).pages[0].extract_text()
    xlsx = view.export_excel()
    assert xlsx is not None and xlsx.suffix == ".xlsx"
    assert CalamineWorkbook.from_path(str(xlsx)).sheet_names[0] == "Nyckeltal"
    with ctx.db.session() as session:
        logged = [e.summary for e in audit_log.entries(session, kinds=["yearly_report.export"])]
    assert sorted(logged) == [
        "Årsstatistik 2025 (PDF) till 2025 verksamhetsstatistik.pdf",
        "Årsstatistik 2025 (XLSX) till 2025 verksamhetsstatistik.xlsx",
    ]


def test_print_goes_through_qprinter_and_is_logged(view, ctx, tmp_path: Path) -> None:
    target = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    view.ask_printer = to_file
    pages = view.print_report()
    assert pages >= 3 and len(pypdf.PdfReader(target).pages) == pages
    with ctx.db.session() as session:
        [entry] = audit_log.entries(session, kinds=["yearly_report.print"])
    assert entry.summary == f"Årsstatistik 2025, {pages} sidor"
