"""Small widgets the views share."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QToolButton, QWidget

MUTED = "color: #6b7280;"  # small print: a note under a field, the database's name

# Calm colours that print and read well, also for the colour-blind (status is always a letter too).
# A status has a hue of its own, apart from the day kinds' shading (grey, pink, yellow): a yellow "A" once
# read as a closure day and a pink "S" as a holiday. tests/gui/test_month.py keeps them apart.
COLORS = {
    "weekend": QColor("#eceff1"),
    "holiday": QColor("#fde2e1"),
    "closure": QColor("#fff3cd"),
    "closed_weekday": QColor("#eceff1"),
    "present": QColor("#e3f4e1"),
    "sick": QColor("#e4d6f5"),  # lavender
    "absent_notified": QColor("#c8ebea"),  # teal
    "absent_unnotified": QColor("#f5bfb3"),
    "leave": QColor("#d2e0f7"),
    "unregistered": QColor("#fafafa"),
    "muted": QColor("#6b7280"),
    "warning": QColor("#b45309"),
    "changed": QColor("#fde68a"),  # a row just changed by a key, for a moment (Idag)
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
        if text:  # after the caller's other changes (a wait line shown with the message, say)
            window = self.window()
            QTimer.singleShot(0, window, lambda: _grow_to_hold(window))

    def clear_message(self) -> None:
        self.setText("")
        self.setVisible(False)


def _grow_to_hold(window: QWidget) -> None:
    """A dialog that is shown grows (never shrinks) to the height its layout needs at its width: a
    top-level layout with word-wrapped labels does not do it by itself, so a message shown after the
    dialog was laid out cut off the rows below it (the login dialog's demo accounts, seen in a real window)."""
    layout = window.layout()
    if not isinstance(window, QDialog) or not window.isVisible() or layout is None:
        return
    layout.activate()
    needed = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else window.sizeHint().height()
    if window.height() < needed:
        window.resize(window.width(), needed)


class Notice(QFrame):
    """A message that does not interrupt typing: a strip with the text, an optional action button and
    a close button (×). Used for another PC's change (a conflict) and for the database server being
    out of reach. It takes no focus; a conflict notice closes itself after ``timeout_ms``."""

    STYLES: ClassVar[dict[str, str]] = {
        "info": "background:#e1ecf8; color:#1e3a5f;",
        "conflict": "background:#fff3cd; color:#5c4400; border:1px solid #e0c36a;",
        "offline": "background:#fde2e1; color:#7f1d1d; border:1px solid #f0a8a3;",
    }

    def __init__(self, name: str, parent: QWidget | None = None, *, closable: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.label = QLabel()
        self.label.setObjectName(f"{name}Text")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton()
        self.action.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.action.setVisible(False)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.setToolTip(self.tr("Stäng meddelandet"))
        self.close_button.clicked.connect(self.clear_message)
        self.close_button.setVisible(closable)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.clear_message)
        self.setVisible(False)

    def show_message(self, text: str, kind: str = "info", timeout_ms: int = 0) -> None:
        self.setStyleSheet(f"QFrame#{self.objectName()} {{ {self.STYLES[kind]} border-radius: 4px; }}")
        self.label.setText(text)
        self.setVisible(bool(text))
        if timeout_ms:
            self.timer.start(timeout_ms)
        else:
            self.timer.stop()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def clear_message(self) -> None:
        self.timer.stop()
        self.label.setText("")
        self.setVisible(False)


class FeedbackLine(QLabel):
    """One line right under a register table saying what the last key did, where the eye is:
    "Anna Andersson: Närvarande 6 tim — Ctrl+Z ångrar", or, for a key that did nothing, how to search.
    It keeps its height when empty, so the table does not jump."""

    STYLES: ClassVar[dict[str, str]] = {
        "done": "background:#e3f4e1; color:#14532d;",
        "hint": "background:#fff3cd; color:#5c4400;",
    }

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMinimumHeight(self.fontMetrics().height() + 8)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.kind = ""

    def show_message(self, text: str, kind: str = "done") -> None:
        self.kind = kind
        self.setStyleSheet(
            f"QLabel#{self.objectName()} {{ {self.STYLES[kind]} padding: 3px 10px; border-radius: 4px; }}"
        )
        self.setText(text)

    def clear_message(self) -> None:
        self.kind = ""
        self.setStyleSheet("")
        self.setText("")


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(260)
    return field


def heading(text: str, size: int = 16) -> QLabel:
    label = QLabel(text)
    label.setObjectName("heading")
    label.setStyleSheet(f"QLabel#heading {{ font-size: {size}pt; font-weight: 600; }}")
    return label


def small(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(MUTED)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
