"""The first start of a database: its first administrator and, for an encrypted one, the recovery
key to print and keep (split from login.py, which decides which dialog is due and holds the login)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk import access
from coopdesk.app.start_plan import StartPlan
from coopdesk.core.errors import CoopdeskError, ValidationError
from coopdesk.ui.errors import language
from coopdesk.ui.widgets import Banner, heading, password_field, small


class FirstStartDialog(QDialog):
    """Välkommen till coopdesk: the database's first administrator, and whether it is encrypted."""

    def __init__(self, db: str | None, plan: StartPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.created: access.Created | None = None
        self.setWindowTitle(self.tr("Välkommen till coopdesk"))
        intro = QLabel(
            self.tr(
                "Skapa den första administratören. Administratören lägger till fler användare, ändrar "
                "inställningar och ersättningar och kan öppna attesterade månader igen. Alla loggar in "
                "med användarnamn och lösenord när programmet startar."
            )
        )
        intro.setWordWrap(True)
        self.login = QLineEdit()
        self.login.setPlaceholderText(self.tr("till exempel anna.b"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("för- och efternamn"))
        self.password = password_field()
        self.password.setPlaceholderText(self.tr("minst 8 tecken"))
        self.again = password_field()
        form = QFormLayout()
        form.addRow(self.tr("&Användarnamn"), self.login)
        form.addRow(self.tr("&Namn"), self.name)
        form.addRow(self.tr("&Lösenord"), self.password)
        form.addRow(self.tr("Lösenordet &igen"), self.again)
        self.encrypt = QCheckBox(self.tr("&Kryptera databasen (rekommenderas)"))
        self.encrypt.setChecked(not plan.existing)
        if plan.existing:
            self.encrypt.setEnabled(False)
            note = self.tr(
                "Databasen har redan uppgifter och är inte krypterad. Den kan krypteras senare med kommandot "
                "'coopdesk encrypt'."
            )
        else:
            note = self.tr(
                "Uppgifterna går då bara att läsa för den som loggar in. Du får en återställningsnyckel att "
                "skriva ut och förvara inlåst."
            )
        self.message = Banner()
        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(
            self.tr("&Skapa administratören"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setDefault(True)
        quit_button = self.buttons.addButton(self.tr("A&vsluta"), QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.clicked.connect(self.create)
        quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Välkommen till coopdesk"), 18))
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.encrypt)
        layout.addWidget(small(note))
        layout.addWidget(self.message)
        layout.addWidget(small(self.tr("Databas: %1").replace("%1", plan.where)))
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def create(self) -> bool:
        if self.password.text() != self.again.text():
            self.message.show_message(self.tr("Lösenorden är inte lika. Skriv samma lösenord två gånger."), "error")
            self.again.clear()
            self.again.setFocus()
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.created = access.create_database(
                self.db,
                self.login.text(),
                self.name.text(),
                self.password.text(),
                encrypt=self.encrypt.isChecked(),
            )
        except CoopdeskError as error:
            self.message.show_message(error.message(language()), "error")
            if isinstance(error, ValidationError) and error.field == "login":
                self.login.setFocus()
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()
        return True


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown once: printed or copied by hand before the program goes on."""

    def __init__(self, key: str, where: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self.where = key, where
        self.setWindowTitle(self.tr("Återställningsnyckel"))
        explanation = QLabel(
            self.tr(
                "Databasen är krypterad. Om alla administratörer glömmer sina lösenord är den här nyckeln det "
                "enda sättet att öppna den igen: utan den går uppgifterna inte att läsa.\n\n"
                "Skriv ut nyckeln eller skriv av den, och förvara den inlåst och skild från datorn. "
                "Nyckeln visas bara den här gången."
            )
        )
        explanation.setWordWrap(True)
        self.key_label = QLabel(key)
        self.key_label.setObjectName("recoveryKey")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(18)
        font.setWeight(QFont.Weight.DemiBold)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.key_label.setStyleSheet("QLabel#recoveryKey { background: #fff; padding: 14px; }")
        self.print_button = QPushButton(self.tr("Skriv &ut…"))
        self.print_button.clicked.connect(self.print_key)
        self.confirmed = QCheckBox(self.tr("&Jag har skrivit ut eller skrivit av nyckeln"))
        self.buttons = QDialogButtonBox()
        self.continue_button = self.buttons.addButton(self.tr("&Fortsätt"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setEnabled(False)
        self.confirmed.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Återställningsnyckel")))
        layout.addWidget(explanation)
        layout.addWidget(self.key_label)
        layout.addWidget(small(self.tr("Databas: %1").replace("%1", where)))
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.confirmed)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(660)

    def reject(self) -> None:
        """Esc and the window's close button do nothing until the key is kept: it is not shown again."""
        if self.confirmed.isChecked():
            super().reject()

    def page_html(self) -> str:
        return (
            f"<h2>{self.tr('coopdesk — återställningsnyckel')}</h2>"
            f"<p style='font-family: monospace; font-size: 20pt; margin: 24px 0'>{self.key}</p>"
            f"<p>{self.tr('Databas: %1').replace('%1', self.where)}<br>"
            f"{self.tr('Datum: %1').replace('%1', dt.date.today().isoformat())}</p>"
            "<p>"
            + self.tr(
                "Nyckeln öppnar den krypterade databasen om alla administratörer har glömt sina lösenord: "
                "'coopdesk recover'. Förvara papperet inlåst, skilt från datorn."
            )
            + "</p>"
        )

    def render_to(self, printer: object) -> None:
        from PySide6.QtGui import QTextDocument

        document = QTextDocument()
        document.setHtml(self.page_html())
        document.print_(printer)  # type: ignore[arg-type]

    def print_key(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.render_to(printer)
