"""Small widgets the views share."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

# Calm colours that print and read well, also for the colour-blind (status is always a letter too).
COLORS = {
    "weekend": QColor("#eceff1"),
    "holiday": QColor("#fde2e1"),
    "closure": QColor("#fff3cd"),
    "closed_weekday": QColor("#eceff1"),
    "present": QColor("#e3f4e1"),
    "sick": QColor("#fde2e1"),
    "absent_notified": QColor("#fff3cd"),
    "absent_unnotified": QColor("#f8d0c8"),
    "leave": QColor("#e1ecf8"),
    "unregistered": QColor("#fafafa"),
    "muted": QColor("#6b7280"),
    "warning": QColor("#b45309"),
}


class Banner(QLabel):
    """A strip above a table saying why it is read-only or what kind of day it is."""

    STYLES: ClassVar[dict[str, str]] = {
        "info": "background:#e1ecf8; color:#1e3a5f;",
        "locked": "background:#fff3cd; color:#5c4400;",
        "error": "background:#fde2e1; color:#7f1d1d;",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setVisible(False)
        self.setObjectName("banner")

    def show_message(self, text: str, kind: str = "info") -> None:
        self.setStyleSheet(f"QLabel#banner {{ {self.STYLES[kind]} padding: 6px 10px; border-radius: 4px; }}")
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.setVisible(False)
