"""The interface in both languages.

The source strings are Swedish; coopdesk/resources/translations/coopdesk_en.ts holds the English. These tests
check that the English file is complete and loads (the main window then speaks English), that Qt's own
Swedish translations load (standard buttons say "Avbryt"), and that no label or button is cut off.

Every test puts back what it changes on the application object (translators, the "coopdesk_language"
property and the default QLocale), so the other tests keep running in the source language.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QCheckBox,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QWidget,
)

from coopdesk.ui.main_window import VIEWS, MainWindow

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "coopdesk" / "resources" / "translations" / "coopdesk_en.ts"
SCREEN = (1280, 800)


def translations_script() -> ModuleType:
    """scripts/translations.py, which is not a package module."""
    spec = importlib.util.spec_from_file_location("coopdesk_translations_script", ROOT / "scripts" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def translators(qapp) -> Iterator[list[QTranslator]]:
    """Translators appended to the list are removed again; language and locale are put back."""
    language = qapp.property("coopdesk_language")
    locale = QLocale()
    installed: list[QTranslator] = []
    try:
        yield installed
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        qapp.setProperty("coopdesk_language", language)
        QLocale.setDefault(locale)


@pytest.fixture
def english(qapp, translators: list[QTranslator], tmp_path: Path) -> QTranslator:
    """The English translation, compiled from the .ts into tmp_path and installed."""
    qm = tmp_path / "coopdesk_en.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(TS_FILE), "-qm", str(qm)], check=True, timeout=60)
    translator = QTranslator()
    assert translator.load(str(qm)), qm
    assert qapp.installTranslator(translator)
    translators.append(translator)
    qapp.setProperty("coopdesk_language", "en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return translator


def build_window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    return window


# --- the English file ------------------------------------------------------------------------------


def test_english_translation_is_complete() -> None:
    assert translations_script().unfinished() == {}


def test_translations_keep_placeholders_mnemonics_and_spacing() -> None:
    problems = []
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.findtext("translation") or ""
            where = f"{context.findtext('name')!r}: {source!r} → {translation!r}"
            if sorted(re.findall(r"%\d", source)) != sorted(re.findall(r"%\d", translation)):
                problems.append(f"placeholders differ in {where}")
            if source.count("&") != translation.count("&"):
                problems.append(f"mnemonic differs in {where}")
            if source.count("\n") != translation.count("\n"):
                problems.append(f"line breaks differ in {where}")
            if source[:1].isspace() != translation[:1].isspace() or source[-1:].isspace() != translation[-1:].isspace():
                problems.append(f"leading or trailing space differs in {where}")
            if source.endswith("…") != translation.endswith("…"):
                problems.append(f"ellipsis differs in {where}")
            # The status keys are the same in both languages; the legends must keep them.
            legend = "N S A O L" in source or " · S sjuk · " in source
            if legend and not all(code in translation for code in ("N ", "S ", "A ", "O ", "L ")):
                problems.append(f"status keys N S A O L missing in {where}")
    assert not problems, "\n".join(problems)


def test_main_window_speaks_english_with_the_translation(qtbot, ctx, english: QTranslator) -> None:
    assert QCoreApplication.translate("MainWindow", "Idag") == "Today"
    window = build_window(qtbot, ctx)
    navigation = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert navigation[:6] == ["Today", "Month", "Members", "Supervisors", "Districts", "Statements"]
    assert navigation[6].startswith("To do") and navigation[7] == "Deviations"  # "To do (23)": with its count
    assert navigation[8:] == ["Employees", "Statistics", "Settings"]
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Statements", "&Help"]
    file_menu = [action.text() for action in window.menus.file_menu.actions() if not action.isSeparator()]
    assert file_menu == [
        "&Import…",
        "Import from &spreadsheet…",
        "&Export…",
        "&Back up now",
        "&Restore from backup…",
        "Erase &former members…",
        "&Users…",
        "&Change password…",
        "&Lock now",
        "Log &out / Switch user…",
        "E&xit",
    ]
    assert window.db_label.text().startswith("Database: ")

    today = window.show_view("idag")
    buttons = {button.text() for button in today.findChildren(QPushButton)}
    assert {"◂ Previous", "Today", "Next ▸", "Mark all planned as present"} <= buttons
    headers = [today.model.headerData(c, Qt.Orientation.Horizontal) for c in range(today.model.columnCount())]
    assert headers[:2] == ["Name", "Cap."]


def test_english_view_texts(qtbot, ctx, english: QTranslator) -> None:
    window = build_window(qtbot, ctx)
    statements = window.show_view("redovisning")
    texts = {button.text() for button in statements.findChildren(QPushButton)}
    assert {"&Print…", "Save &as PDF…", "A&ttest month…", "Re&open month…"} <= texts
    settings = window.show_view("installningar")
    labels = {label.text() for label in settings.findChildren(QLabel)}
    assert "Takes effect when the program is restarted." in labels
    ctx.tasks.wait()


# --- Qt's own Swedish ------------------------------------------------------------------------------


def test_qt_standard_buttons_speak_swedish(qapp, translators: list[QTranslator]) -> None:
    translator = QTranslator()
    assert translator.load("qtbase_sv", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert qapp.installTranslator(translator)
    translators.append(translator)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    try:
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Avbryt"
    finally:
        box.deleteLater()


# --- nothing is cut off ----------------------------------------------------------------------------


def inside_scroll_area(widget: QWidget, view: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not view:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def needed_width(widget: QWidget) -> int:
    """The width the widget asks for, without the style's minimum button width.

    Styles make every push button with text at least 80 px wide whatever the text; a button made
    deliberately narrow (the week arrows "◂" "▸") is not cut as long as its text and margins fit.
    """
    hint = widget.sizeHint().width()
    if not isinstance(widget, QPushButton) or hint <= widget.width() or not widget.icon().isNull():
        return hint
    style = widget.style()
    text = re.sub(r"&(.)", r"\1", widget.text())
    content = (
        widget.fontMetrics().horizontalAdvance(text)
        + 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, widget)
        + 2 * style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, widget)
    )
    return min(hint, content)


def cut_off(view: QWidget) -> list[str]:
    """Visible buttons and labels of ``view`` that are narrower than their text needs."""
    offenders = []
    for widget in view.findChildren(QWidget):
        if not isinstance(widget, QPushButton | QLabel | QCheckBox | QRadioButton):
            continue
        if not widget.isVisible() or inside_scroll_area(widget, view):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue  # wraps instead of being cut
        needed, given = needed_width(widget), widget.width()
        if needed > given:
            offenders.append(f"{type(widget).__name__} {widget.text()!r}: needs {needed} px, has {given} px")
    return offenders


def all_views_cut_off(qtbot, window: MainWindow, ctx) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for spec in VIEWS:
        view = window.show_view(spec.key)
        qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=30_000)
        QCoreApplication.processEvents()
        offenders = cut_off(view)
        if window.width() > SCREEN[0]:
            offenders.append(f"the window needs {window.width()} px at {SCREEN[0]}x{SCREEN[1]}")
        if offenders:
            found[spec.key] = offenders
    return found


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{key}: {line}" for key, lines in found.items() for line in lines)


def test_long_swedish_words_fit(qtbot, ctx, translators: list[QTranslator]) -> None:
    window = build_window(qtbot, ctx)
    found = all_views_cut_off(qtbot, window, ctx)
    assert not found, "cut off:\n" + report(found)


def test_english_words_fit(qtbot, ctx, english: QTranslator) -> None:
    window = build_window(qtbot, ctx)
    found = all_views_cut_off(qtbot, window, ctx)
    assert not found, "cut off:\n" + report(found)
