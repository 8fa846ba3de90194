"""Inställningar that belong to this computer, not to the database: the folder for backups and the
interface language (read when the program starts).

A mixin of ``SettingsView`` (ui/views/settings.py). Its strings keep the translation context "SettingsView":
lupdate files a ``self.tr()`` under the class it is written in, so they are looked up by name here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from coopdesk.ui import i18n
from coopdesk.ui.views.form_kit import MUTED

translate = QCoreApplication.translate


class ThisComputerMixin:
    def _language_box(self) -> QGroupBox:
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(i18n.chosen_language()), 0))
        self.language.activated.connect(self._language_chosen)
        self.language_note = QLabel(translate("SettingsView", "Gäller när programmet startas om."))
        self.language_note.setStyleSheet(MUTED)
        language_box = QGroupBox(translate("SettingsView", "Språk / Language"))
        language_layout = QHBoxLayout(language_box)
        language_layout.addWidget(self.language)
        language_layout.addWidget(self.language_note, 1)
        return language_box

    def _language_chosen(self, _index: int) -> None:
        i18n.set_chosen_language(self.language.currentData())

    def _backup_box(self) -> QGroupBox:
        from coopdesk.storage import config

        self.backup_folder = QLabel(str(config.backup_folder()))
        self.backup_folder.setWordWrap(True)
        self.backup_folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QPushButton(translate("SettingsView", "Välj &mapp…"))
        choose.clicked.connect(self._choose_backup_folder)
        default = QPushButton(translate("SettingsView", "Standardma&pp"))
        default.clicked.connect(lambda: self.set_backup_folder(None))
        note = QLabel(
            translate(
                "SettingsView",
                "Säkerhetskopior tas när programmet stängs och en gång om dagen. Ett USB-minne eller en "
                "nätverksmapp är bra: då finns uppgifterna kvar om datorn går sönder.",
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        box = QGroupBox(translate("SettingsView", "Säkerhetskopior"))
        layout = QVBoxLayout(box)
        layout.addWidget(self.backup_folder)
        row = QHBoxLayout()
        row.addWidget(choose)
        row.addWidget(default)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(note)
        return box

    def _choose_backup_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(
            self, translate("SettingsView", "Mapp för säkerhetskopior"), self.backup_folder.text()
        )
        if folder:
            self.set_backup_folder(Path(folder))

    def set_backup_folder(self, folder: Path | None) -> bool:
        from coopdesk.core.errors import CoopdeskError
        from coopdesk.storage import config
        from coopdesk.ui.errors import show_error

        try:
            config.set_backup_folder(folder)
        except CoopdeskError as error:
            show_error(self, error)
            return False
        self.backup_folder.setText(str(config.backup_folder()))
        return True
