"""The user guide: F1 opens the page of the view in use, the pages link to each other and to nothing
outside, Esc closes, the guide says what the program does (its buttons exist), and it is bundled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl

from coopdesk.storage.paths import resource
from coopdesk.ui.help import INDEX, VIEW_PAGES, HelpWindow, help_dir
from coopdesk.ui.main_window import VIEWS, MainWindow

ROOT = Path(__file__).resolve().parents[2]
GUIDE = resource("help", "sv")
PAGES = sorted(GUIDE.glob("*.html"))
TOPICS = ("beslut", "omfattning", "taxor", "attest", "rattning", "backup")


def text_of(name: str) -> str:
    html = (GUIDE / name).read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.fixture
def window(qtbot, ctx):
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_f1_opens_the_page_of_the_view_in_use(qtbot, window) -> None:
    assert set(VIEW_PAGES) == {spec.key for spec in VIEWS}
    for spec in VIEWS:
        window.show_view(spec.key)
        qtbot.keyClick(window, Qt.Key.Key_F1)
        helper = window.help_window
        assert helper is not None and helper.isVisible()
        assert helper.page() == VIEW_PAGES[spec.key], spec.key
        title = helper.browser.documentTitle()
        assert title and title in helper.windowTitle()
        assert helper.browser.toPlainText().strip()
    assert len({id(window.help_window)}) == 1


def test_esc_closes_the_guide(qtbot, window) -> None:
    helper = window.show_help()
    qtbot.waitExposed(helper)
    qtbot.keyClick(helper.browser, Qt.Key.Key_Escape)
    assert not helper.isVisible()


def test_links_between_pages_are_followed_and_back_goes_back(qtbot) -> None:
    helper = HelpWindow()
    qtbot.addWidget(helper)
    helper.show()
    helper.show_page(INDEX)
    qtbot.keyClick(helper.browser, Qt.Key.Key_Tab)  # the first link: the keyboard's click
    qtbot.keyClick(helper.browser, Qt.Key.Key_Return)
    assert helper.page() == "kom-igang.html" and "Kom igång" in helper.windowTitle()
    helper.browser.setSource(QUrl("taxor.html"))  # a relative link, found in the guide's folder
    assert helper.page() == "taxor.html" and "Ersättningar" in helper.windowTitle()
    assert "första dagen i en månad" in helper.browser.toPlainText()
    assert helper.back_button.isEnabled()
    helper.back_button.click()
    assert helper.page() == "kom-igang.html"
    helper.home_button.click()
    assert helper.page() == INDEX


def test_every_link_resolves_and_every_page_is_reachable_from_the_index() -> None:
    assert PAGES and help_dir() == GUIDE
    names = {page.name for page in PAGES}
    for page in PAGES:
        html = page.read_text(encoding="utf-8")
        assert re.search(r"<title>[^<]+</title>", html), page.name
        for target in re.findall(r'href="([^"]+)"', html):
            assert "://" not in target, f"{page.name}: the guide is offline ({target})"
            assert target in names, f"{page.name} links to {target}, which is not there"
    reachable, todo = {INDEX}, [INDEX]
    while todo:
        for target in re.findall(r'href="([^"]+)"', (GUIDE / todo.pop()).read_text(encoding="utf-8")):
            if target not in reachable:
                reachable.add(target)
                todo.append(target)
    assert reachable == names
    assert {f"{topic}.html" for topic in TOPICS} <= names


def test_the_guide_says_the_key_facts() -> None:
    idag = text_of("idag.html")
    keys = ("N", "S", "A", "O", "L", "Ctrl+F", "/", "Enter", "Delete", "Ctrl+Z", "Ctrl+M")
    for fact in (*keys, "Andra bokstäver söker aldrig"):
        assert fact in idag, fact
    assert "första dagen i en månad gäller hela månaden" in text_of("taxor.html")
    assert "procent / 100 × heltidsveckan / antal planerade veckodagar" in text_of("omfattning.html")
    rattning = text_of("rattning.html")
    assert "Öppna månad igen…" in rattning and "administratör" in rattning and "anledning" in rattning
    assert "låst för alla" in text_of("attest.html")
    assert "7 dagarna, 4 veckorna och 12 månaderna" in text_of("backup.html")
    users = text_of("anvandare.html")
    assert "Logga ut / Byt användare…" in users and "Annan användare" in users


def source_strings() -> set[str]:
    """Every string literal in the interface's code, without its '&' shortcut marks."""
    found: set[str] = set()
    for path in (ROOT / "coopdesk" / "ui").rglob("*.py"):
        for literal in re.findall(r'"([^"\n]{2,})"', path.read_text(encoding="utf-8")):
            found.add(literal.replace("&", ""))
    return found


def test_the_buttons_the_guide_names_exist() -> None:
    """A bold name ending in … is a button or menu item: it must be one the program has."""
    strings = source_strings()
    named = set()
    for page in PAGES:
        named |= set(re.findall(r"<b>([^<]+…)</b>", page.read_text(encoding="utf-8")))
    assert len(named) > 10
    missing = sorted(name for name in named if name not in strings)
    assert not missing, missing


def test_the_installer_bundles_the_guide() -> None:
    spec = (ROOT / "installer" / "coopdesk.spec").read_text(encoding="utf-8")
    assert '"help" / "sv" / "*.html"), "coopdesk/resources/help/sv"' in spec


def test_f1_in_a_dialog_opens_its_page_and_the_guide_is_not_blocked_by_it(qtbot, window) -> None:
    members = window.show_view("medlemmar")
    editor = members.open_member(members.model.rows[0].member_id)
    qtbot.waitExposed(editor)
    editor.tabs.setCurrentIndex(2)  # Omfattning
    qtbot.keyClick(editor.tabs.currentWidget(), Qt.Key.Key_F1)
    helper = editor.findChild(HelpWindow)
    assert helper is not None and helper.isVisible() and helper.page() == "omfattning.html"
    qtbot.waitExposed(helper)
    # Keys through the window system, which drops them for a window a modal dialog blocks: the guide
    # takes them while the editor (window-modal) is open, so its first link is followed.
    qtbot.keyClick(helper.windowHandle(), Qt.Key.Key_Tab)
    qtbot.keyClick(helper.windowHandle(), Qt.Key.Key_Return)
    assert helper.page() == "index.html"
    dialog = editor.add_placement()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_F1)
    assert dialog.findChild(HelpWindow).page() == "beslut.html"
    dialog.reject()
    editor.done(0)


def test_the_guide_from_the_window_is_not_blocked_by_a_dialog_opened_later(qtbot, window) -> None:
    helper = window.show_help()
    qtbot.waitExposed(helper)
    members = window.show_view("medlemmar")
    editor = members.open_member(members.model.rows[0].member_id)
    qtbot.waitExposed(editor)
    qtbot.keyClick(helper.windowHandle(), Qt.Key.Key_Tab)
    qtbot.keyClick(helper.windowHandle(), Qt.Key.Key_Return)
    assert helper.page() == "index.html", "the page of Idag links to the contents first"
    editor.done(0)
