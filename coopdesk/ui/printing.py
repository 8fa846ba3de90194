"""Preview and print a statement PDF: QtPdf renders the pages, QPrinter prints them.

The PDF that :func:`coopdesk.reports.statement_pdf.statement_pdf` builds is what gets printed, so
the paper copy is the same document as "Spara som PDF" — page for page, with the same fingerprint.
Each page is rendered as an image at the printer's resolution (capped, so that a 1200 dpi printer
does not need half a gigabyte per page) and drawn onto the paper in the page's own orientation.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QObject, QRectF, QSize, QTimer
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from coopdesk.core.errors import CoopdeskError

__all__ = ["MAX_DPI", "PrintError", "load_pdf", "pdf_view", "print_pdf", "print_pdf_bytes"]

MAX_DPI = 600
"""Pages are rendered at the printer's resolution, but at most this: 600 dpi is more than laser
printers resolve for text, and an A4 page at 600 dpi is already a 140 MB image."""

LOAD_TIMEOUT_MS = 10_000


class PrintError(CoopdeskError):
    """The PDF could not be read, or the printer could not be started."""


def load_pdf(data: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A QPdfDocument over the PDF bytes, ready to show in a :class:`QPdfView` or to print.

    The bytes are held by a QBuffer that is a child of the document, so they live exactly as long
    as the document does (QPdfDocument reads from the device whenever it renders a page).
    """
    document = QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() == QPdfDocument.Status.Loading:  # loading from a device may finish later
        loop = QEventLoop()
        document.statusChanged.connect(lambda _status: loop.quit())
        QTimer.singleShot(LOAD_TIMEOUT_MS, loop.quit)
        while document.status() == QPdfDocument.Status.Loading:
            loop.exec()
            if document.status() == QPdfDocument.Status.Loading:
                break  # timed out
    if document.status() != QPdfDocument.Status.Ready:
        error = document.error()
        document.deleteLater()
        raise PrintError(
            f"PDF-filen kunde inte läsas ({error.name}).",
            f"The PDF could not be read ({error.name}).",
        )
    return document


def pdf_view(document: QPdfDocument, parent: QWidget | None = None) -> QPdfView:
    """A preview ("Förhandsgranska"): all pages one below the other, as wide as the view."""
    view = QPdfView(parent)
    view.setPageMode(QPdfView.PageMode.MultiPage)
    view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
    view.setDocument(document)
    return view


def _orientation(document: QPdfDocument, page: int) -> QPageLayout.Orientation:
    size = document.pagePointSize(page)
    if size.width() > size.height():
        return QPageLayout.Orientation.Landscape
    return QPageLayout.Orientation.Portrait


def print_pdf(document: QPdfDocument, printer: QPrinter, *, max_dpi: int = MAX_DPI) -> int:
    """Print every page of ``document`` on ``printer``; returns the number of pages printed.

    Each page goes on paper in its own orientation (the printer's orientation is set page by page;
    on PDF output and most drivers a change takes effect from the next page). The page is drawn on
    the whole sheet at its true size when the paper matches (A4), else scaled to fit and centred.
    The printer is switched to full-page mode, since the PDF brings its own margins.
    """
    pages = document.pageCount()
    if pages == 0:
        return 0
    printer.setFullPage(True)
    painter = QPainter()
    for page in range(pages):
        printer.setPageOrientation(_orientation(document, page))
        if page == 0:
            if not painter.begin(printer):
                raise PrintError(
                    "Utskriften kunde inte startas. Kontrollera skrivaren och försök igen.",
                    "Printing could not be started. Check the printer and try again.",
                )
        elif not printer.newPage():
            painter.end()
            raise PrintError(f"Utskriften avbröts vid sida {page + 1}.", f"Printing stopped at page {page + 1}.")
        _draw_page(document, page, printer, painter, max_dpi)
    painter.end()
    return pages


def _draw_page(document: QPdfDocument, page: int, printer: QPrinter, painter: QPainter, max_dpi: int) -> None:
    dpi = min(printer.resolution(), max_dpi)
    points = document.pagePointSize(page)
    image = document.render(page, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)))
    sheet = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
    sheet.moveTo(0, 0)
    scale = min(sheet.width() / image.width(), sheet.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    target = QRectF((sheet.width() - width) / 2, (sheet.height() - height) / 2, width, height)
    painter.drawImage(target, image)


def print_pdf_bytes(data: bytes, printer: QPrinter, *, max_dpi: int = MAX_DPI) -> int:
    """Load and print PDF bytes in one go (the document is released afterwards)."""
    document = load_pdf(data)
    try:
        return print_pdf(document, printer, max_dpi=max_dpi)
    finally:
        document.close()
        document.deleteLater()
