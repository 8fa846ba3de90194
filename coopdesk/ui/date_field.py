"""The one date field of the app: typed text is taken whole, or said to be no date.

QDateEdit edits a date section by section, so selecting all and typing ``2027-01-15`` over
``2026-…`` kept 2026 (issue 12). This field is a line edit whose text is read whole by
:func:`coopdesk.core.dates.parse_typed_date` when Enter is pressed, when the field loses focus, and
when a form is saved (:meth:`DateField.typed_day`). Text that names no date turns the field red with a
message under it; the field keeps its old date and says so. It never becomes another date.

Kept from QDateEdit: ``date()``/``setDate()``/``dateChanged`` with QDate, a calendar popup (the button,
Alt+Ned or F4) and the arrow keys: Upp/Ned step the year, month or day the cursor stands in.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from coopdesk.core.dates import FIRST_YEAR, LAST_YEAR, parse_typed_date

INVALID_STYLE = "QLineEdit { border: 2px solid #b91c1c; border-radius: 3px; padding: 1px 2px; }"
MESSAGE_STYLE = "color: #b91c1c;"


def to_day(value: QDate | dt.date) -> dt.date:
    return value.toPython() if isinstance(value, QDate) else value


def step(day: dt.date, unit: str, amount: int) -> dt.date:
    """*day* moved by *amount* years, months or days; the day of month is clamped (31/1 + 1 month: 28/2)."""
    if unit == "day":
        moved = day + dt.timedelta(days=amount)
        return moved if FIRST_YEAR <= moved.year <= LAST_YEAR else day
    months = day.year * 12 + day.month - 1 + (amount * 12 if unit == "year" else amount)
    year, month = divmod(months, 12)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return day
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


class _DateText(QLineEdit):
    """The text part: arrow keys step, Alt+Ned/F4 open the calendar, Esc takes back invalid text."""

    def __init__(self, field: DateField) -> None:
        super().__init__(field)
        self.field = field

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and modifiers & Qt.KeyboardModifier.AltModifier):
            self.field.show_calendar()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not modifiers & ~Qt.KeyboardModifier.KeypadModifier:
            self.field.step_at_cursor(1 if key == Qt.Key.Key_Up else -1)
        elif key == Qt.Key.Key_Escape and self.field.is_invalid():
            self.field.take_back()
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason or not self.field.calendar_open():
            self.field.commit()


class DateField(QWidget):
    """A date typed whole (ISO or Swedish short forms), with a calendar popup and arrow-key steps."""

    dateChanged = Signal(QDate)

    def __init__(
        self,
        day: QDate | dt.date | None = None,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.today = today
        self._day = to_day(day) if day is not None else today()
        self._invalid = False
        self._calendar: QCalendarWidget | None = None
        self.edit = _DateText(self)
        self.edit.setObjectName("dateText")
        self.edit.setPlaceholderText(self.tr("ÅÅÅÅ-MM-DD"))
        self.edit.setText(self._day.isoformat())
        # no wider than the QDateEdit it replaces, so the views' rows keep fitting 1280 px
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("0000-00-00") + 12)
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("00/00 - 0000") + 40)
        self.edit.setToolTip(
            self.tr("Skriv datumet, t.ex. 2027-01-15 eller 15/1 2027. Upp/Ned ändrar, Alt+Ned öppnar kalendern.")
        )
        self.edit.textEdited.connect(self._edited)
        self.edit.returnPressed.connect(self.commit)
        self.button = QToolButton(self)
        self.button.setObjectName("dateCalendarButton")
        self.button.setText("▾")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setFixedWidth(self.button.fontMetrics().horizontalAdvance("▾") + 10)
        self.button.setToolTip(self.tr("Välj i kalendern (Alt+Ned)"))
        self.button.clicked.connect(self.show_calendar)
        self.message = QLabel(self)
        self.message.setObjectName("dateMessage")
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.edit)
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)

    # --- QDateEdit's interface -------------------------------------------------------------------

    def date(self) -> QDate:
        """The date in effect (the last one taken); text not yet taken does not count."""
        return QDate(self._day.year, self._day.month, self._day.day)

    def setDate(self, value: QDate | dt.date) -> None:
        self._set_day(to_day(value))

    def day(self) -> dt.date:
        return self._day

    def setReadOnly(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    def isReadOnly(self) -> bool:
        return self.edit.isReadOnly()

    def lineEdit(self) -> QLineEdit:
        return self.edit

    # --- typed text --------------------------------------------------------------------------------

    def is_invalid(self) -> bool:
        return self._invalid

    def commit(self) -> bool:
        """Take the typed text whole. Text that is no date: said so, the old date stays; False."""
        if self.edit.isReadOnly():
            return True
        typed = self.edit.text()
        day = parse_typed_date(typed, self.today())
        if day is None:
            self._show_invalid(typed)
            return False
        self._set_day(day)
        return True

    def typed_day(self) -> dt.date | None:
        """For a form's Spara: the typed date, or None (the field says why and takes the focus)."""
        if self.commit():
            return self._day
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return None

    def take_back(self) -> None:
        """Esc: the text shows the date in effect again."""
        self._set_day(self._day)

    def _edited(self, text: str) -> None:
        if self._invalid and parse_typed_date(text, self.today()) is not None:
            self._clear_invalid()

    def _show_invalid(self, typed: str) -> None:
        self._invalid = True
        self.edit.setStyleSheet(INVALID_STYLE)
        text = (
            self.tr("»%1« är inget datum. Datumet är fortfarande %2. Skriv t.ex. 2027-01-15 eller 15/1 2027.")
            .replace("%1", typed.strip())
            .replace("%2", self._day.isoformat())
        )
        self.message.setText(text)
        self.message.setVisible(True)
        self.edit.setAccessibleDescription(text)

    def _clear_invalid(self) -> None:
        self._invalid = False
        self.edit.setStyleSheet("")
        self.message.clear()
        self.message.setVisible(False)
        self.edit.setAccessibleDescription("")

    def _set_day(self, day: dt.date) -> None:
        changed = day != self._day
        self._day = day
        self._clear_invalid()
        if self.edit.text() != day.isoformat():
            self.edit.setText(day.isoformat())
        if changed:
            self.dateChanged.emit(self.date())

    # --- arrow keys and the calendar -----------------------------------------------------------

    def step_at_cursor(self, amount: int) -> None:
        """Upp/Ned: the year, month or day the cursor stands in (of the ISO text) moves by one."""
        if self.edit.isReadOnly() or not self.commit():
            return
        position = self.edit.cursorPosition()
        unit = "year" if position <= 4 else "month" if position <= 7 else "day"
        self._set_day(step(self._day, unit, amount))
        self.edit.setCursorPosition(position)

    def calendar_open(self) -> bool:
        return self._calendar is not None and self._calendar.isVisible()

    def show_calendar(self) -> None:
        if self.edit.isReadOnly():
            return
        self.commit()
        if self._calendar is None:
            self._calendar = QCalendarWidget(self)
            self._calendar.setObjectName("dateCalendar")
            self._calendar.setWindowFlags(Qt.WindowType.Popup)
            self._calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            self._calendar.setGridVisible(True)
            self._calendar.clicked.connect(self._picked)
            self._calendar.activated.connect(self._picked)
        self._calendar.setSelectedDate(self.date())
        self._calendar.adjustSize()
        self._calendar.move(self.edit.mapToGlobal(QPoint(0, self.edit.height())))
        self._calendar.show()
        self._calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, value: QDate) -> None:
        if self._calendar is not None:
            self._calendar.hide()
        self._set_day(value.toPython())
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)
