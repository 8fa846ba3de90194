"""Garbage is collected on the GUI thread only: a cycle holding a Qt widget destroyed on the database
worker crashed the test run ("Garbage-collecting" in a segmentation fault on the worker thread)."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from coopdesk.ui.collector import GarbageCollector
from coopdesk.ui.tasks import TaskRunner


class Cyclic:
    """Part of a reference cycle; says on which thread it was collected."""

    collected_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cyclic.collected_on.append(threading.current_thread().name)


def test_cycles_made_on_the_worker_are_collected_on_the_gui_thread(qtbot, collector: GarbageCollector) -> None:
    assert not gc.isenabled()
    gc.collect()
    Cyclic.collected_on.clear()
    tasks = TaskRunner()

    def garbage() -> int:
        for _ in range(20_000):  # far past every threshold: the automatic collector would run here
            Cyclic()
            _ = [[], {}, ()]
        return 0

    assert tasks.call(garbage) == 0
    assert Cyclic.collected_on == []  # nothing collected on the worker
    collector.check()
    gc.collect()
    assert Cyclic.collected_on and set(Cyclic.collected_on) == {threading.main_thread().name}


def test_check_collects_what_passed_its_threshold(collector: GarbageCollector) -> None:
    gc.collect()
    Cyclic.collected_on.clear()
    for _ in range(collector.threshold[0] + 10):
        Cyclic()
    assert collector.check() > 0
    assert Cyclic.collected_on
