"""Redovisning's E-faktura: the Peppol BIS 3 invoice of the issued version shown, or the correction's invoice
or credit note (app/invoices.py), saved as an XML file for the district's e-invoice service.

A function of the view rather than part of it (statements.py is long enough): the file and the invoice are
made in one unit of work, so a refused invoice (a missing setting, a rule broken) writes no file and takes
no number; an invoice written before is the same file again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from coopdesk.app import invoices
from coopdesk.app.files import check_output_path, safe_file_name, write_logged
from coopdesk.core.errors import CoopdeskError
from coopdesk.ui.errors import show_error


class InvoiceHost(Protocol):
    """What the invoice needs of Redovisning (ui/views/statements.py, which imports this module: a
    protocol rather than an import back keeps the imports running one way)."""

    built: Any
    ctx: Any

    def ask_save_file(self, name: str, suffix: str) -> str | None: ...

    def window(self) -> Any: ...


translate = QCoreApplication.translate


def invoice_file_name(month: object, district: str, correction: bool) -> str:
    what = "e-faktura rättelse" if correction else "e-faktura"
    return f"{month} {safe_file_name(district)} {what}.xml"


def write_einvoice(view: InvoiceHost, *, correction: bool, version: int | None) -> Path | None:
    """Ask for the file, write the invoice into it; the path written, or None (cancelled or refused)."""
    built = view.built
    if built is None or not built.statements:
        return None
    district = built.statements[0].district
    name = view.ask_save_file(invoice_file_name(built.month, district, correction), "xml")
    if not name:
        return None
    written: list[Any] = []
    try:
        target = check_output_path(name, force=True, db_path=view.ctx.db.sqlite_path)

        def make(session: Any) -> list[tuple[Path, bytes]]:
            found = invoices.write_invoice(
                session,
                view.ctx.actor,
                district,
                built.month,
                correction=correction,
                version=None if correction else version,
                today=dt.date.today(),
            )
            written.append(found)
            return [(target, found.xml)]

        write_logged(view.ctx.db.session(), make)
    except CoopdeskError as error:
        show_error(view, error)
        return None
    found = written[0]
    window = view.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(
            translate("StatementsView", "E-faktura %1 (%2 kr) sparad i %3")
            .replace("%1", found.number)
            .replace("%2", found.amount.replace(".", ","))
            .replace("%3", str(target)),
            10000,
        )
    return target
