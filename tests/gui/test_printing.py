"""Printing a statement PDF through Qt: QtPdf renders, QPrinter prints (here: to a PDF file)."""

from __future__ import annotations

import datetime as dt
import gc
import io
from pathlib import Path

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from coopdesk.core.calendar import Month
from coopdesk.core.statement import statement_for
from coopdesk.reports.statement_pdf import statement_pdf
from coopdesk.storage.database import Database
from coopdesk.ui.printing import PrintError, load_pdf, pdf_view, print_pdf, print_pdf_bytes

PRINTED = dt.date(2026, 6, 2)


@pytest.fixture
def landscape_and_portrait(example_db: Database) -> bytes:
    """The host district's May statement (landscape, two pages) followed by an empty one (portrait)."""
    with example_db.session() as session:
        host = statement_pdf(statement_for(session, "Norrmalm", Month(2026, 5)), printed=PRINTED)
        empty = statement_pdf(statement_for(session, "Tyresö kommun", Month(2026, 5)), printed=PRINTED)
    writer = pypdf.PdfWriter()
    for data in (host, empty):
        for page in pypdf.PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def orientations(reader: pypdf.PdfReader) -> list[str]:
    return ["landscape" if p.mediabox.width > p.mediabox.height else "portrait" for p in reader.pages]


def test_printing_gives_the_same_pages_in_their_own_orientation(
    qapp: QApplication, tmp_path: Path, landscape_and_portrait: bytes
) -> None:
    document = load_pdf(landscape_and_portrait, qapp)
    assert document.pageCount() == 3
    out = tmp_path / "printed.pdf"
    assert print_pdf(document, pdf_printer(out), max_dpi=100) == 3
    source = pypdf.PdfReader(io.BytesIO(landscape_and_portrait))
    printed = pypdf.PdfReader(out)
    assert len(printed.pages) == len(source.pages)
    assert orientations(printed) == orientations(source) == ["landscape", "landscape", "portrait"]
    for page in printed.pages:  # A4 either way round, in points
        assert sorted(round(float(v)) for v in (page.mediabox.width, page.mediabox.height)) == [595, 842]


def test_the_pdf_bytes_live_as_long_as_the_document(qapp: QApplication, landscape_and_portrait: bytes) -> None:
    document = load_pdf(bytes(landscape_and_portrait), qapp)
    gc.collect()
    image = document.render(2, document.pagePointSize(2).toSize())
    assert not image.isNull()


def test_print_pdf_bytes_in_one_go(qapp: QApplication, tmp_path: Path, landscape_and_portrait: bytes) -> None:
    out = tmp_path / "printed.pdf"
    assert print_pdf_bytes(landscape_and_portrait, pdf_printer(out), max_dpi=72) == 3
    assert len(pypdf.PdfReader(out).pages) == 3


def test_preview_shows_the_document(qtbot, qapp: QApplication, landscape_and_portrait: bytes) -> None:
    document = load_pdf(landscape_and_portrait, qapp)
    view = pdf_view(document)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    assert view.document() is document


def test_a_file_that_is_not_a_pdf_is_a_clear_error(qapp: QApplication) -> None:
    with pytest.raises(PrintError) as error:
        load_pdf(b"this is not a PDF", qapp)
    assert "PDF-filen kunde inte läsas" in error.value.message("sv")
