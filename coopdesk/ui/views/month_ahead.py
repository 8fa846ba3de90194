"""The months beside the one Månad shows, read ahead on the database worker (issue 20.3).

Alt+Left and Alt+Right then show a grid that is already read: the switch costs the model's reset and the
repaint, not the month's reading (month_grid for 200 members). A month read ahead is used only when
nothing has changed since it was read: every change the window hears of (``ctx.changed``) drops the
months read ahead, except a single member-day (``ctx.day_changed``), which drops only its own month
(an edit in the month shown leaves its neighbours as they are), and the audit log's own notice. A month
read on another day than today is read again (a grid shows "to date" figures).

The reads start DELAY_MS after the month is shown, not at once: a read beside the repaint of the grid
slows the repaint (both need Python's interpreter lock, and the repaint calls Python for every cell), and
someone switching month after month without looking (a held Alt+Left) would queue reads nobody uses.
They are quiet tasks on the one worker, queued after whatever is there: they never run beside an edit,
and an edit made just as they run waits for them (two month reads at most, ~40 ms each).
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
DELAY_MS = 200


class _Read:
    """One month's read, filled in on the worker; ``done`` is set when it has finished, well or not."""

    def __init__(self, day: dt.date) -> None:
        self.day = day
        self.done = threading.Event()
        self.sheet: MonthSheet | None = None


class MonthReadAhead(QObject):
    """A child of the month view: its connections to ``ctx`` go with the view."""

    def __init__(self, ctx: AppContext, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._reads: dict[Month, _Read] = {}
        self._shown: Month | None = None
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
        """``month`` is shown: read the months before and after it (those not read yet) in DELAY_MS; forget
        the others now."""
        wanted = (month.previous(), month.next())
        self._reads = {m: r for m, r in self._reads.items() if m in wanted}
        self._shown = month
        self.timer.start()

    @Slot()
    def _read_around(self) -> None:
        view = self.parent()
        if self._shown is None or not (isinstance(view, QWidget) and view.isVisible()):
            return  # another view came up meanwhile: the month view reads when it is shown again
        wanted = (self._shown.previous(), self._shown.next())
        self._reads = {m: r for m, r in self._reads.items() if m in wanted}
        for neighbour in wanted:
            if neighbour not in self._reads:
                self._reads[neighbour] = self._start(neighbour)

    def forget(self) -> None:
        self._reads.clear()

    def _start(self, month: Month) -> _Read:
        read = _Read(self.ctx.clock())
        app, query = self.ctx.app, MonthSheetView(month)

        def work() -> None:
            try:
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
        self._reads.pop(Month.of(day), None)
