"""The window fits a 1366×768 screen with a taskbar (about 1366×728 for the window and its frame), even
with every Swedish string a third longer (a translation may be longer than the source); at 1920 the
tables use the whole width."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, QTranslator
from PySide6.QtWidgets import QApplication, QTableView

from coopdesk.ui.main_window import FRAME_ALLOWANCE, VIEWS, MainWindow

SMALL_SCREEN = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar


class LongerStrings(QTranslator):
    """Every interface string a third longer than its Swedish source."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        if not source:
            return ""
        return source + "ö" * max(1, (len(source) + 2) // 3)


@pytest.fixture(params=[False, True], ids=["swedish", "a-third-longer"])
def lengthened(request, qapp) -> Iterator[bool]:
    translator = LongerStrings() if request.param else None
    if translator is not None:
        qapp.installTranslator(translator)
    try:
        yield request.param
    finally:
        if translator is not None:
            qapp.removeTranslator(translator)


def test_the_longer_strings_are_in_use(qapp, lengthened) -> None:
    from PySide6.QtCore import QCoreApplication

    text = QCoreApplication.translate("MainWindow", "Idag")
    assert (text != "Idag") == lengthened


def test_no_view_widens_the_window_past_a_small_screen(qtbot, ctx, lengthened) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    for spec in VIEWS:  # the stack's minimum is the largest of the views built so far
        window.show_view(spec.key)
        QApplication.processEvents()
        hint = window.minimumSizeHint()
        assert hint.width() + FRAME_ALLOWANCE.width() <= SMALL_SCREEN.width(), (spec.key, hint)
        assert hint.height() + FRAME_ALLOWANCE.height() <= SMALL_SCREEN.height(), (spec.key, hint)


def test_the_default_window_fits_a_small_screen(qtbot, ctx, monkeypatch) -> None:
    monkeypatch.setattr(MainWindow, "available", lambda self: QRect(SMALL_SCREEN))
    window = MainWindow(ctx)  # first start: no saved geometry
    qtbot.addWidget(window)
    assert window.width() + FRAME_ALLOWANCE.width() <= SMALL_SCREEN.width()
    assert window.height() + FRAME_ALLOWANCE.height() <= SMALL_SCREEN.height()
    assert window.width() >= 1200, "as wide as the screen allows"


def test_a_window_saved_on_a_large_screen_is_made_to_fit_a_small_one(qtbot, ctx, monkeypatch) -> None:
    monkeypatch.setattr(MainWindow, "available", lambda self: QRect(0, 0, 1920, 1040))
    large = MainWindow(ctx)
    qtbot.addWidget(large)
    large.show()
    large.resize(1900, 1000)
    large.close()
    monkeypatch.setattr(MainWindow, "available", lambda self: QRect(SMALL_SCREEN))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.width() + FRAME_ALLOWANCE.width() <= SMALL_SCREEN.width()
    assert window.height() + FRAME_ALLOWANCE.height() <= SMALL_SCREEN.height()


def test_tables_use_the_width_of_a_large_screen(qtbot, ctx) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.resize(1920, 1040)
    for spec in VIEWS:
        view = window.show_view(spec.key)
        qtbot.wait(20)
        tables = [t for t in view.findChildren(QTableView) if t.isVisible() and t.model().columnCount()]
        for table in tables:
            used = sum(table.columnWidth(c) for c in range(table.model().columnCount()) if not table.isColumnHidden(c))
            assert used >= table.viewport().width() - 2, (spec.key, table.objectName(), used, table.viewport().width())
