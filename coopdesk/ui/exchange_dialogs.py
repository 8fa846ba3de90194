"""Arkiv → Importera / Exportera: the coopdesk/1 file, read or written off the GUI thread."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from coopdesk.core.errors import CoopdeskError
from coopdesk.core.exchange.exporter import export_document
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.exchange.reader import load_json_file
from coopdesk.storage.files import write_atomic
from coopdesk.storage.output_paths import check_output_path
from coopdesk.ui.errors import show_error
from coopdesk.ui.formats import tr


def import_file(window) -> None:
    name, _ = QFileDialog.getOpenFileName(window, tr("Importera"), "", tr("coopdesk-fil (*.json)"))
    if not name:
        return
    ctx = window.ctx

    def work():
        document = load_json_file(Path(name))
        with ctx.db.session() as session:
            return import_document(session, document, actor=ctx.actor)

    def done(summary) -> None:
        ctx.changed.emit("all")
        QMessageBox.information(window, tr("Importera"), tr("Importerade %1.").replace("%1", summary.describe_sv()))

    ctx.run_in_background(window, work, done, tr("Importerar…"))


def export_file(window) -> None:
    name, _ = QFileDialog.getSaveFileName(window, tr("Exportera"), "coopdesk-export.json", tr("coopdesk-fil (*.json)"))
    if not name:
        return
    ctx = window.ctx
    try:  # the save dialog has asked about replacing a file; the database, its keys and backups never are
        target = check_output_path(name, force=True, db_path=ctx.db.sqlite_path)
    except CoopdeskError as error:
        show_error(window, error)
        return

    def work() -> str:
        with ctx.db.session() as session:
            document = export_document(session)
        write_atomic(target, (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        return name

    def done(path: str) -> None:
        window.statusBar().showMessage(tr("Exporterade databasen till %1.").replace("%1", path), 8000)

    ctx.run_in_background(window, work, done, tr("Exporterar…"))
