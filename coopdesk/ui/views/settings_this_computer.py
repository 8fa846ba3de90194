"""Inställningar that belong to this computer, not to the database: the folder for backups and the
interface language (read when the program starts).

``LanguageBox`` and ``BackupFolderBox`` are boxes of ``SettingsView`` (ui/views/settings.py); neither needs the
database. Their strings keep the translation context "SettingsView" (``translate`` by name, not ``self.tr()``,
which lupdate would file under the class), so the existing translations hold.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.ui import i18n
from coopdesk.ui.views.form_kit import MUTED

translate = QCoreApplication.translate


class LanguageBox(QGroupBox):
    """Språk / Language: the interface language of this computer, read when the program starts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("SettingsView", "Språk / Language"), parent)
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(i18n.chosen_language()), 0))
        self.language.activated.connect(self._language_chosen)
        self.language_note = QLabel(translate("SettingsView", "Gäller när programmet startas om."))
        self.language_note.setStyleSheet(MUTED)
        language_layout = QHBoxLayout(self)
        language_layout.addWidget(self.language)
        language_layout.addWidget(self.language_note, 1)

    def _language_chosen(self, _index: int) -> None:
        i18n.set_chosen_language(self.language.currentData())


class BackupFolderBox(QGroupBox):
    """Säkerhetskopior: the folder this computer puts its backups in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from coopdesk.app import places

        super().__init__(translate("SettingsView", "Säkerhetskopior"), parent)
        self.folder = QLabel(str(places.backup_folder()))
        self.folder.setWordWrap(True)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QPushButton(translate("SettingsView", "Välj &mapp…"))
        choose.clicked.connect(self._choose_backup_folder)
        default = QPushButton(translate("SettingsView", "Standardma&pp"))
        default.clicked.connect(lambda: self.set_folder(None))
        note = QLabel(
            translate(
                "SettingsView",
                "Säkerhetskopior tas när programmet stängs och en gång om dagen. Ett USB-minne eller en "
                "nätverksmapp är bra: då finns uppgifterna kvar om datorn går sönder.",
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder)
        row = QHBoxLayout()
        row.addWidget(choose)
        row.addWidget(default)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(note)

    def _choose_backup_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(
            self, translate("SettingsView", "Mapp för säkerhetskopior"), self.folder.text()
        )
        if folder:
            self.set_folder(Path(folder))

    def set_folder(self, folder: Path | None) -> bool:
        from coopdesk.app import places
        from coopdesk.core.errors import CoopdeskError
        from coopdesk.ui.errors import show_error

        try:
            places.set_backup_folder(folder)
        except CoopdeskError as error:
            show_error(self, error)
            return False
        self.folder.setText(str(places.backup_folder()))
        return True
