"""Python's garbage collection on the GUI thread only (after qutebrowser's GarbageCollector and Anki).

The cyclic garbage collector runs in whichever thread happens to allocate when a threshold is passed.
With the database worker (ui/tasks.py) that is often the worker thread, and a cycle it collects may hold
a Qt widget (a closed dialog and its slots): destroying a widget outside the GUI thread crashes the
process (seen as a segmentation fault "Garbage-collecting" on the worker). So automatic collection is
switched off and the same thresholds are checked by a timer on the GUI thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

#: How often the counts are looked at; collection of generation 0 takes well under a millisecond.
INTERVAL_MS = 1000


class GarbageCollector(QObject):
    """Collects on the GUI thread whenever a generation's count passes its threshold."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self.destroyed.connect(lambda: gc.enable())

    @Slot()
    def check(self) -> int:
        """Collect the generations over their threshold, like the automatic collector would; the number
        of unreachable objects found."""
        first, second, third = gc.get_count()
        if third > self.threshold[2]:
            return gc.collect(2)
        if second > self.threshold[1]:
            return gc.collect(1)
        if first > self.threshold[0]:
            return gc.collect(0)
        return 0
