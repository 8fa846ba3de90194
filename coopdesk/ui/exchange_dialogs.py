"""Arkiv → Importera / Exportera: the whole database as a file, read or written off the GUI thread. The
export writes ``coopdesk/2`` (the members' social documentation included); the import reads
``coopdesk/1`` and ``coopdesk/2`` (core/exchange).

The export holds everyone's personal data, so it is an administrator's (the service refuses anyone
else), it says so before the file is chosen, offers to encrypt the file with a passphrase (the same
envelope as ``coopdesk export --encrypt``), and it is logged in the same unit of work as the file is
written. An encrypted export is read back by Importera, which asks for its passphrase.

The questions are module functions (``ask_export_kind``, ``ask_passphrase``, ``ask_save_name``,
``ask_open_name``) so that tests can answer them without a blocking dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app import exchange
from coopdesk.app.files import check_output_path
from coopdesk.core.errors import CoopdeskError
from coopdesk.core.exchange.reader import read_file
from coopdesk.ui.errors import show_error
from coopdesk.ui.formats import tr

ENCRYPTED, UNENCRYPTED = "encrypted", "unencrypted"


def ask_open_name(window: QWidget) -> str:
    name, _ = QFileDialog.getOpenFileName(
        window, tr("Importera"), "", tr("coopdesk-fil (*.json *%1)").replace("%1", exchange.SUFFIX)
    )
    return name


def ask_export_kind(window: QWidget) -> str | None:
    """Encrypted (the default button), unencrypted, or None (cancelled) — after saying what the file holds."""
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Exportera hela databasen"))
    box.setText(tr("Exporten innehåller känsliga personuppgifter om alla medlemmar: personnummer, beslut och närvaro."))
    box.setInformativeText(
        tr(
            "En okrypterad fil kan läsas av alla som kommer åt den. Kryptera exporten med ett lösenord "
            "(rekommenderas), eller spara den okrypterad och förvara den som en journal. "
            "Exporten skrivs i händelseloggen."
        )
    )
    encrypted = box.addButton(tr("Kryptera med lösenord…"), QMessageBox.ButtonRole.AcceptRole)
    plain = box.addButton(tr("Spara okrypterad…"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(encrypted)
    box.exec()
    clicked = box.clickedButton()
    return ENCRYPTED if clicked is encrypted else UNENCRYPTED if clicked is plain else None


class PassphraseDialog(QDialog):
    """A passphrase for an encrypted export: typed twice when it is new, once to open a file."""

    def __init__(self, parent: QWidget | None, *, new: bool) -> None:
        super().__init__(parent)
        self.new = new
        self.setWindowTitle(self.tr("Lösenord för exporten"))
        self.first = QLineEdit()
        self.again = QLineEdit()
        for edit in (self.first, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&Lösenord:"), self.first)
        if new:
            form.addRow(self.tr("&Igen:"), self.again)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setWordWrap(True)
        hint = QLabel(
            self.tr(
                "Minst %1 tecken. Lösenordet sparas ingenstans: utan det kan ingen läsa filen, inte heller du."
            ).replace("%1", str(exchange.MIN_PASSPHRASE))
            if new
            else self.tr("Filen är en krypterad export. Skriv lösenordet som den sparades med.")
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def accept(self) -> None:
        text = self.first.text()
        if self.new:
            if len(text.strip()) < exchange.MIN_PASSPHRASE:
                self.message.setText(
                    self.tr("Lösenordet måste vara minst %1 tecken.").replace("%1", str(exchange.MIN_PASSPHRASE))
                )
                return
            if self.again.text() != text:
                self.message.setText(self.tr("Lösenorden är inte lika."))
                return
        super().accept()


def ask_passphrase(window: QWidget, *, new: bool) -> str | None:
    dialog = PassphraseDialog(window, new=new)
    return dialog.first.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_save_name(window: QWidget, encrypted: bool) -> str:
    suffix = exchange.SUFFIX if encrypted else ".json"
    kind = tr("krypterad coopdesk-export") if encrypted else tr("coopdesk-fil")
    name, _ = QFileDialog.getSaveFileName(window, tr("Exportera"), f"coopdesk-export{suffix}", f"{kind} (*{suffix})")
    return name


def import_file(window) -> None:
    name = ask_open_name(window)
    if not name:
        return
    ctx = window.ctx
    try:
        raw = read_file(Path(name))
    except CoopdeskError as error:
        show_error(window, error)
        return
    if exchange.is_sealed(raw):
        passphrase = ask_passphrase(window, new=False)
        if passphrase is None:
            return
    else:
        passphrase = None

    def work():
        return exchange.import_export(ctx.db, ctx.actor, raw, passphrase, name)

    def done(summary) -> None:
        ctx.changed.emit("all")
        QMessageBox.information(window, tr("Importera"), tr("Importerade %1.").replace("%1", summary.describe_sv()))

    ctx.run_in_background(window, work, done, tr("Importerar…"))


def export_file(window) -> None:
    kind = ask_export_kind(window)
    if kind is None:
        return
    passphrase = ask_passphrase(window, new=True) if kind == ENCRYPTED else None
    if kind == ENCRYPTED and passphrase is None:
        return
    name = ask_save_name(window, kind == ENCRYPTED)
    if not name:
        return
    ctx = window.ctx
    try:  # the save dialog has asked about replacing a file; the database, its keys and backups never are
        target = check_output_path(name, force=True, db_path=ctx.db.sqlite_path)
    except CoopdeskError as error:
        show_error(window, error)
        return

    def work() -> str:
        exchange.export_database(ctx.db, ctx.actor, target, passphrase)
        return name

    def done(path: str) -> None:
        text = (
            tr("Exporterade databasen krypterad till %1.")
            if passphrase is not None
            else tr("Exporterade databasen till %1. Filen är okrypterad: förvara den säkert.")
        )
        window.statusBar().showMessage(text.replace("%1", path), 10_000)

    ctx.run_in_background(window, work, done, tr("Exporterar…"))
