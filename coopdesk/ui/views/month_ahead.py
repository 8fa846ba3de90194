"""The month Månad's user is heading for, read ahead on the database worker (issue 20.3).

Alt+Left and Alt+Right then show a grid that is already read: the switch costs the model's reset and the
repaint, not the month's reading (month_grid for 200 members). The month read is the next one in the
direction of the last switch (the month before when there is none yet: last month is the one usually
looked back at). A month read ahead is used only when nothing has changed since it was read: every change
the window hears of (``ctx.changed``) drops it, except a single member-day (``ctx.day_changed``), which
drops it only when it is that day's month (an edit in the month shown keeps it), and the audit log's own
notice. A month read on another day than today is read again (a grid shows "to date" figures).

The read starts DELAY_MS after the month is shown, not at once: a read beside the repaint of the grid
slows the repaint (both need Python's interpreter lock, and the repaint calls Python for every cell), and
someone switching month after month without looking (a held Alt+Left) would queue reads nobody uses; a
read dropped before the worker has begun it is skipped. It is a quiet task on the one worker, queued
after whatever is there: it never runs beside an edit, and an edit made just as it runs waits for it
(one month's read, ~40 ms).
"""

from __future__ import annotations

import datetime as dt
import threading

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QWidget

from coopdesk.app.attendance import MonthSheet, MonthSheetView
from coopdesk.core.calendar import Month
from coopdesk.ui.context import AppContext

#: How long a month must have been shown before the months beside it are read.
DELAY_MS = 300


class _Read:
    """One month's read, filled in on the worker; ``done`` is set when it has finished, well or not."""

    def __init__(self, day: dt.date) -> None:
        self.day = day
        self.done = threading.Event()
        self.sheet: MonthSheet | None = None
        #: Set on the GUI thread when the read is no longer wanted: the worker skips it if it has not begun.
        self.cancelled = False


class MonthReadAhead(QObject):
    """A child of the month view: its connections to ``ctx`` go with the view."""

    def __init__(self, ctx: AppContext, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._reads: dict[Month, _Read] = {}
        self._shown: Month | None = None
        self._previous: Month | None = None  # the month shown before: which way the user is going
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self._read_around)
        ctx.changed.connect(self._changed)
        ctx.day_changed.connect(self._day_changed)

    def months(self) -> list[Month]:
        """The months read or being read ahead (for the tests)."""
        return sorted(self._reads, key=lambda m: m.first)

    def take(self, month: Month) -> MonthSheet | None:
        """``month``'s sheet read ahead, waiting for its read if it is still on the worker; None when there is
        none that is still valid (the caller reads it as before)."""
        read = self._reads.pop(month, None)
        if read is None:
            return None
        read.done.wait()  # queued before anything the caller would queue now: no longer than its own read
        if read.sheet is None or read.day != self.ctx.clock():
            return None
        return read.sheet

    def around(self, month: Month) -> None:
        """``month`` is shown: in DELAY_MS read the month the user is heading for (the one after it when
        they came from the one before, else the one before: last month is the one usually looked back
        at). Every other read is dropped now, and skipped on the worker if it has not begun."""
        if month != self._shown:
            self._previous, self._shown = self._shown, month
        self._keep(self._wanted())
        self.timer.start()

    def _wanted(self) -> Month | None:
        if self._shown is None:
            return None
        forward = self._previous is not None and self._previous.first < self._shown.first
        return self._shown.next() if forward else self._shown.previous()

    def _keep(self, wanted: Month | None) -> None:
        for month, read in list(self._reads.items()):
            if month != wanted:
                read.cancelled = True
                del self._reads[month]

    @Slot()
    def _read_around(self) -> None:
        view = self.parent()
        wanted = self._wanted()
        if wanted is None or not (isinstance(view, QWidget) and view.isVisible()):
            return  # another view came up meanwhile: the month view reads when it is shown again
        self._keep(wanted)
        if wanted not in self._reads:
            self._reads[wanted] = self._start(wanted)

    def forget(self) -> None:
        self._keep(None)

    def _start(self, month: Month) -> _Read:
        read = _Read(self.ctx.clock())
        app, query = self.ctx.app, MonthSheetView(month)

        def work() -> None:
            try:
                if not read.cancelled:
                    read.sheet = app.read(query)
            finally:
                read.done.set()

        # An error (the server out of reach, say) leaves the sheet empty: the switch then reads the month
        # itself and says what is wrong, as without reading ahead.
        self.ctx.tasks.run(work, lambda _none: None, lambda _error, _details: None, quiet=True)
        return read

    @Slot(str)
    def _changed(self, kind: str) -> None:
        if kind not in ("attendance_day", "audit"):  # a single member-day comes as day_changed too
            self.forget()

    @Slot(int, object)
    def _day_changed(self, _member_id: int, day: dt.date) -> None:
        read = self._reads.pop(Month.of(day), None)
        if read is not None:
            read.cancelled = True
