"""Typing into widgets in GUI tests, key by key, with letters such as "é" and "č" too."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Like qtbot.keyClicks, which aborts on a letter outside ASCII (QTest's key table)."""
    for char in text:
        code = ord(char.upper())
        key = Qt.Key(code) if code < 0x100 else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
