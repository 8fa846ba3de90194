"""The keys of the register tables (Idag and Månad), and finding a member, kept apart.

On the table a key either changes the chosen row's day or does nothing to the data:

* N S A O L set a status on the current row (cell in Månad) when it is chosen — selected by an
  arrow, a click, the search or the move after the previous key; never by the program opening a
  day — and in view;
* digits (and , .) start typing hours in that row's cell; Delete / Backspace clear the day;
* ``/`` (and Ctrl+F, a shortcut of the view) opens the search field;
* any other letter or sign changes nothing, says "Sök med / eller Ctrl+F" under the table and
  un-chooses the row, so the rest of a name typed here changes nothing either (Qt's own
  type-to-find, which moves the current row, is switched off);
* keys typed in a burst are a word, not commands: a status key takes effect after ``WORD_MS``
  unless another letter or digit follows sooner ("an", "Sigrid", "Nils" typed here change
  nothing); any other key, a click or leaving the table applies it at once.

Finding happens only in the search field (``MemberFinder``): what is typed there moves the
current row to the first member whose first name or a later name starts with it (Down / Up go
to the next / previous such member), Enter chooses that member and puts the focus back on the
table, on that member's row; Esc gives up and puts the focus back where it was, on the row it
was on. No key typed in the field changes data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QMouseEvent, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QMessageBox,
    QTableView,
    QWidget,
)

from coopdesk.core.text import swedish_key
from coopdesk.ui import formats
from coopdesk.ui.undo import DayState
from coopdesk.ui.widgets import FeedbackLine

STATUS_KEYS = {
    Qt.Key.Key_N: "present",
    Qt.Key.Key_S: "sick",
    Qt.Key.Key_A: "absent_notified",
    Qt.Key.Key_O: "absent_unnotified",
    Qt.Key.Key_L: "leave",
}
_DATA_SHORTCUTS = [QKeySequence(k) for k in ("Ctrl+M", "Ctrl+Z", "Ctrl+Y", "Ctrl+Shift+Z")]
_ARROWS = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right})


def search_hint() -> str:
    return formats.tr("Sök med / eller Ctrl+F")


def change_text(name: str, state: DayState, day: dt.date | None = None) -> str:
    """ "Anna Andersson: Närvarande 6 tim" (with the day in Månad): what a key has just saved."""
    what = formats.status_name(state.status)
    if state.status == "present":
        total = Decimal(0)
        for value in state.hours.values():
            with contextlib.suppress(InvalidOperation):
                total += Decimal(str(value))
        what += " " + formats.tr("%1 tim").replace("%1", formats.hours(total, dash="0"))
    who = f"{name} {day.day}/{day.month}" if day is not None else name
    return f"{who}: {what}"


def same_total(status: str | None, hours: Mapping[int, Decimal], text: str) -> bool:
    """The hours typed are the day's present hours as they stand: nothing to save. A day split over
    work areas ("Glasverkstad 1 + Kaffestuga 1") shows its total, and Enter on it wrote the total into
    one area; the split is only changed by typing a new total."""
    if status != "present" or not hours:
        return False
    try:
        return Decimal(text) == sum(hours.values(), Decimal(0))
    except InvalidOperation:
        return False


class CommandTable(QTableView):
    """A register table: single keys are commands on the current row, never a search."""

    status_key = Signal(str)
    clear_key = Signal()
    find_key = Signal()
    # A letter or sign that is no command was typed: nothing changed (the view says how to search).
    not_a_command = Signal(str)
    # A digit with no chosen row in view: nothing changed (the view says how to choose one).
    no_target = Signal()
    editor_closed = Signal()
    # How long a status key waits for a following letter before it takes effect (ms).
    WORD_MS = 250

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pending: str | None = None  # a status key that waits WORD_MS
        # Whose day a cell is, for a question about it: "Anna Lindqvist 2026-12-03" (set by the view).
        self.describe_cell: Callable[[QModelIndex], str] = lambda index: ""
        self._word_timer = QTimer(self)
        self._word_timer.setSingleShot(True)
        self._word_timer.timeout.connect(self.flush)

    def flush(self) -> None:
        """The waiting status key takes effect now."""
        status, self.pending = self.pending, None
        self._word_timer.stop()
        if status is not None:
            self.status_key.emit(status)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self.pending is not None:
            modifiers = event.modifiers()  # type: ignore[attr-defined]
            if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                self.flush()  # Ctrl+Z, Ctrl+F, Alt+Left…: after the key that came first
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        super().focusOutEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.flush()
        super().mousePressEvent(event)

    def _typed(self, text: str) -> None:
        """A letter that is no command: the user is typing a name here. Nothing changes, and the row
        is no longer chosen, so the rest of it changes nothing either."""
        index = self.currentIndex()
        if index.isValid():
            self.place_cursor(index, chosen=False)
        self.not_a_command.emit(text)

    def editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState

    def take_open_edit(self) -> tuple[QPersistentModelIndex, str] | None:
        """The hours being typed and their cell, taken out of the table unsaved (the editor closes without
        writing them), or None when no editor is open or it shows what is stored already."""
        if not self.editing():
            return None
        editor = self.focusWidget()
        if editor is None or not self.isAncestorOf(editor):
            return None
        index = QPersistentModelIndex(self.currentIndex())
        text = editor.text() if isinstance(editor, QLineEdit) else ""
        # closeEditor takes the delegate's filter off the editor first: its focus-out no longer saves
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
        stored = self.model().data(self.model().index(index.row(), index.column()), Qt.ItemDataRole.EditRole)
        if not index.isValid() or text.strip() == str(stored or "").strip():
            return None
        return index, text

    def resume_edit(self, index: QPersistentModelIndex, text: str) -> None:
        """The editor open again on ``index`` with ``text``, as it was before it was taken out."""
        cell = self.model().index(index.row(), index.column())
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setCurrentIndex(cell)
        self.edit(cell)
        editor = self.focusWidget()
        if isinstance(editor, QLineEdit):
            editor.setText(text)

    def commit_open_editor(self) -> None:
        """Hours being typed are saved, not lost, when the view moves to another day or month; the
        focus stays on the table (closed by the reload, the editor kept it hidden: keys went nowhere)."""
        if not self.editing():
            return
        editor = self.focusWidget()  # the delegate's editor, even when the window is not active
        if editor is not None and self.isAncestorOf(editor):
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def keyboardSearch(self, search: str) -> None:
        """Qt's type-to-find moves the current row without a word: off. Finding is in the search field."""

    def start_hours(self, text: str = "") -> None:
        raise NotImplementedError

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        self.after_edit(hint)
        self.editor_closed.emit()

    def after_edit(self, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """An editor has just closed (Månad moves one day right after Enter)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if self.editing() or modifiers not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            super().keyPressEvent(event)
            return
        key = Qt.Key(event.key())
        text = event.text()
        typed = bool(text) and text.isprintable() and not text.isspace() and text != "/"
        if self.pending is not None:
            if typed:  # a second letter or a digit at once: a word, not commands
                self.pending = None
                self._word_timer.stop()
                self._typed(text)
                return
            self.flush()
        index = self.currentIndex()
        if key in _ARROWS and modifiers == Qt.KeyboardModifier.NoModifier and index.isValid() and not self.chosen():
            self.place_cursor(index, chosen=True)  # the first arrow chooses the row the cursor is on
        elif key in STATUS_KEYS and modifiers == Qt.KeyboardModifier.NoModifier:
            self.pending = STATUS_KEYS[key]
            self._word_timer.start(self.WORD_MS)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_key.emit()
        elif text and (text.isdigit() or text in ",."):
            if self.current_shown():
                self.start_hours(text)
            else:
                self.no_target.emit()
        elif text == "/":
            self.find_key.emit()
        elif typed:
            self._typed(text)
        else:
            super().keyPressEvent(event)

    def chosen(self) -> bool:
        """The current cell is selected: chosen by an arrow, a click, the search or the previous key."""
        index = self.currentIndex()
        return index.isValid() and self.selectionModel().isSelected(index)

    def place_cursor(self, index: QModelIndex, *, chosen: bool) -> None:
        """Put the current cell on ``index``; selected (chosen) or only the cursor, for the keys to wait."""
        if chosen:
            self.setCurrentIndex(index)
        else:
            self.selectionModel().clearSelection()
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def current_shown(self) -> bool:
        """The current cell is selected and in view: the only cell a single key may change."""
        index = self.currentIndex()
        if not self.chosen():
            return False
        cell = self.visualRect(index)
        area = self.viewport().rect()
        return cell.isValid() and cell.bottom() >= area.top() and cell.top() <= area.bottom()


class MemberFinder(QObject):
    """The search field of a register table (see the module's docstring).

    ``name_of(row)`` gives a row's member name; ``column()`` the column to land on.
    """

    def __init__(
        self,
        field: QLineEdit,
        table: CommandTable,
        name_of: Callable[[int], str],
        column: Callable[[], int],
        on_miss: Callable[[str], None],
    ) -> None:
        super().__init__(field)
        self.field, self.table, self.name_of, self.column, self.on_miss = field, table, name_of, column, on_miss
        self._before = QPersistentModelIndex()
        self._before_chosen = False
        self._focus_before: QWidget | None = None
        field.setPlaceholderText(formats.tr("Hitta medlem (/ eller Ctrl+F)"))
        field.setClearButtonEnabled(True)
        field.setMinimumWidth(field.fontMetrics().horizontalAdvance(field.placeholderText()) + 36)
        field.textEdited.connect(self.jump)
        field.returnPressed.connect(self.choose)
        for key, slot in (
            (Qt.Key.Key_Escape, self.cancel),
            (Qt.Key.Key_Down, lambda: self.step(1)),
            (Qt.Key.Key_Up, lambda: self.step(-1)),
        ):
            shortcut = QShortcut(QKeySequence(key), field)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the field, the keys that change register data (Ctrl+M, undo, redo) stay the field's own."""
        if watched is self.field and event.type() == QEvent.Type.ShortcutOverride:
            pressed = QKeySequence(event.keyCombination())  # type: ignore[attr-defined]
            if pressed in _DATA_SHORTCUTS:
                event.accept()  # the line edit gets the key (its own undo), no action fires
        return False

    def model(self) -> QAbstractItemModel:
        return self.table.model()

    def start(self) -> None:
        """Open the search: the field gets the focus; where it was is kept for Esc."""
        if not self.field.hasFocus():
            focus = self.field.window().focusWidget()
            self._focus_before = focus if focus is not None and focus is not self.field else self.table
            self._keep_place()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def _keep_place(self) -> None:
        self._before = QPersistentModelIndex(self.table.currentIndex())
        self._before_chosen = self.table.chosen()

    def matches(self, text: str) -> list[int]:
        """The rows whose name matches, those whose first name (or whole name) starts with *text* first:
        "Lin" is Linnéa Åkesson before Anna Lindqvist, as a supervisor who types a first name means;
        and those that match the letters as typed before those that match only with accents folded."""
        prefix = swedish_key(text.strip())[0]
        if not prefix:
            return []
        # A name that starts with exactly the letters typed comes before one that starts only with
        # letters like them: "Şa" is Ali Şahin before Sara Öberg, though "sa" still finds him.
        exact = text.strip().casefold()
        first, later, first_like, later_like = [], [], [], []
        for row in range(self.model().rowCount()):
            parts = self.name_of(row).split()
            if not parts:
                continue
            if " ".join(parts).casefold().startswith(exact):
                first.append(row)
            elif any(part.casefold().startswith(exact) for part in parts[1:]):
                later.append(row)
            elif swedish_key(" ".join(parts))[0].startswith(prefix):
                first_like.append(row)
            elif any(swedish_key(part)[0].startswith(prefix) for part in parts[1:]):
                later_like.append(row)
        return first + later + first_like + later_like

    def _go(self, row: int) -> None:
        index = self.model().index(row, self.column())
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def jump(self, text: str) -> None:
        """Show the first member that matches what is typed (the table's current row follows)."""
        if not self._before.isValid():  # the field was clicked into, not opened with / or Ctrl+F
            self._keep_place()
        found = self.matches(text)
        if found:
            self._go(found[0])

    def step(self, direction: int) -> None:
        found = self.matches(self.field.text())
        if not found:
            return
        current = self.table.currentIndex().row()
        if current not in found:
            self._go(found[0] if direction > 0 else found[-1])
        else:
            self._go(found[(found.index(current) + direction) % len(found)])

    def choose(self) -> None:
        """Enter: that member's row, with the focus on the table. Nothing found: stay in the field."""
        text = self.field.text()
        found = self.matches(text)
        if not text.strip():
            self.cancel()
            return
        if not found:
            self.on_miss(formats.tr("Ingen medlem här heter ”%1”.").replace("%1", text.strip()))
            return
        if self.table.currentIndex().row() not in found:
            self._go(found[0])
        self._close(self.table)

    def cancel(self) -> None:
        """Esc: back to where the focus was, on the row it was on."""
        if self._before.isValid():
            index = self.model().index(self._before.row(), self._before.column())
            self.table.place_cursor(index, chosen=self._before_chosen)
            self.table.scrollTo(index)
        self._close(self._focus_before)

    def _close(self, focus: QWidget | None) -> None:
        self.field.clear()
        self._before = QPersistentModelIndex()
        self._focus_before = None
        target = focus if focus is not None and focus.isVisible() and focus.isEnabled() else self.table
        target.setFocus(Qt.FocusReason.OtherFocusReason)


class UndoEcho(QObject):
    """Ctrl+Z / Ctrl+Y said on the feedback line, so the line never shows a change that was taken back.
    (A change of the view's own is said by the view; its push, also when the worker has saved it
    after that, is not said again.)"""

    echoed = Signal()

    def __init__(self, stack: QUndoStack, feedback: FeedbackLine) -> None:
        super().__init__(feedback)
        self.stack, self.feedback, self.index = stack, feedback, stack.index()
        stack.indexChanged.connect(self._moved)

    def _moved(self, index: int) -> None:
        before, self.index = self.index, index
        if getattr(self.stack, "adding", False):
            return  # a new step: the view that made it has said it (it may be saved after it was said)
        if not self.feedback.isVisible() or index == before:
            return
        if index < before:
            text = formats.tr("Ångrat: %1 — Ctrl+Y gör om").replace("%1", self.stack.text(index))
        else:
            text = formats.tr("Gjort om: %1").replace("%1", self.stack.text(index - 1))
        self.feedback.show_message(text)
        self.echoed.emit()


def ask_open_hours(parent: QWidget, what: str, text: str) -> str:
    """Spara / Släng / Avbryt for hours typed but not confirmed with Enter: "save", "discard", "cancel".
    ``what`` is whose day ("Anna Lindqvist 2026-12-03"), or "" not to name anybody (the lock screen)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(formats.tr("Timmar som inte är sparade"))
    if what:
        question = formats.tr("Timmarna ”%1” för %2 är inte sparade (Enter sparar).").replace("%2", what)
    else:
        question = formats.tr("Timmarna ”%1” som skrevs i närvaron är inte sparade.")
    box.setText(question.replace("%1", text.strip()))
    box.setInformativeText(formats.tr("Spara dem, släng dem, eller avbryt och skriv klart."))
    save = box.addButton(formats.tr("&Spara"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(formats.tr("S&läng"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(formats.tr("Avbryt"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


def settle_open_edits(window: QWidget, *, named: bool = True) -> bool:
    """Before the window closes or the user logs out: hours being typed in Idag or Månad are saved or
    thrown away as the user answers, never saved without a word (the editor's focus-out used to save
    them as the window went). False on Avbryt: the window stays, the hours still being typed. Not
    ``named``: the question names nobody (asked from the lock screen)."""
    for table in window.findChildren(CommandTable):
        taken = table.take_open_edit()
        if taken is None:
            continue
        index, text = taken
        cell = table.model().index(index.row(), index.column())
        answer = ask_open_hours(window, table.describe_cell(cell) if named else "", text)
        if answer == "cancel":
            table.resume_edit(index, text)
            return False
        if answer == "save":  # as Enter would have: through the view, its checks and its undo step
            table.model().setData(cell, text, Qt.ItemDataRole.EditRole)
    return True
