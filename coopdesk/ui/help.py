"""The user guide: Swedish HTML pages shipped in coopdesk/resources/help/sv/, read offline in a window of their
own. F1 opens it on the page of the view the user is in (Hjälp → Användarhandbok); the pages link to
each other; Esc closes the window.

The guide is in Swedish whatever the interface language: it is written for the supervisors, and an
English one can be added as coopdesk/resources/help/en/ (used when the interface is English and it exists).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from coopdesk.app.places import resource

#: The page for each view of the main window (ui/main_window.py VIEWS).
VIEW_PAGES = {
    "idag": "idag.html",
    "manad": "manad.html",
    "medlemmar": "medlemmar.html",
    "handledare": "handledare.html",
    "bestallare": "bestallare.html",
    "redovisning": "redovisning.html",
    "anstallda": "anstallda.html",
    "installningar": "installningar.html",
    "statistik": "statistik.html",
    "attgora": "att-gora.html",
    "avvikelser": "avvikelser.html",
}
INDEX = "index.html"


def help_dir(language: str | None = None) -> Path:
    """The guide's folder: the interface language's when there is one, else Swedish."""
    if language and language != "sv":
        folder = resource("help", language)
        if (folder / INDEX).exists():
            return folder
    return resource("help", "sv")


def page_for(view_key: str | None) -> str:
    return VIEW_PAGES.get(view_key or "", INDEX)


class HelpWindow(QDialog):
    """A browser on the guide with Tillbaka, Framåt and Innehåll. Not modal: it can stay open beside
    the window while the user follows it."""

    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        from coopdesk.ui.errors import language

        self.setObjectName("helpWindow")
        self.folder = folder or help_dir(language())
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)  # the guide is offline: no link leaves it
        self.browser.setSearchPaths([str(self.folder)])
        self.browser.sourceChanged.connect(self._page_shown)
        self.back_button = QPushButton(self.tr("◂ &Tillbaka"))
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button = QPushButton(self.tr("&Framåt ▸"))
        self.forward_button.clicked.connect(self.browser.forward)
        self.home_button = QPushButton(self.tr("&Innehåll"))
        self.home_button.clicked.connect(lambda: self.show_page(INDEX))
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        close_button = QPushButton(self.tr("&Stäng"))
        close_button.setToolTip(self.tr("Stäng hjälpen (Esc)"))
        close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.home_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close_button.setAutoDefault(False)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.browser, 1)
        self.resize(720, 600)
        self.setWindowTitle(self.tr("Hjälp — coopdesk"))

    def page(self) -> str:
        """The file name of the page shown."""
        return self.browser.source().fileName()

    def show_page(self, name: str) -> None:
        target = self.folder / name
        if not target.exists():
            target = self.folder / INDEX
        self.browser.setSource(QUrl.fromLocalFile(str(target)))

    def _page_shown(self, _url: QUrl) -> None:
        title = self.browser.documentTitle()
        self.setWindowTitle(self.tr("Hjälp — %1").replace("%1", title) if title else self.tr("Hjälp — coopdesk"))


def _present(helper: HelpWindow, page: str) -> HelpWindow:
    helper.show_page(page)
    helper.show()
    helper.raise_()
    helper.activateWindow()
    helper.browser.setFocus()  # the keys scroll the page and Tab goes through its links at once
    return helper


def show_help(window: QWidget, view_key: str | None) -> HelpWindow:
    """The guide on the page of ``view_key`` (the index when there is none), in one window per main
    window, brought to the front if it is open already.

    The window has no parent: a dialog the main window opens later (window-modal) would otherwise
    block it, and the guide could not be scrolled while the dialog is open. The main window closes it
    when it closes."""
    helper = getattr(window, "help_window", None)
    if helper is None:
        helper = HelpWindow()
        window.help_window = helper  # type: ignore[attr-defined]
        window.destroyed.connect(helper.deleteLater)  # not left behind for the interpreter's exit
    return _present(helper, page_for(view_key))


def show_dialog_help(dialog: QWidget, page: str) -> HelpWindow:
    """F1 in a dialog: the guide as the dialog's own window, which the dialog's modality does not
    block, closed with the dialog."""
    helper = dialog.findChild(HelpWindow)
    if helper is None:
        helper = HelpWindow(dialog)
    return _present(helper, page)
