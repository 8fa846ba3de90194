"""The one database worker: work runs on it one task at a time, answers come back on the GUI thread,
and nothing the GUI handed it is released on it (a Qt object destroyed there crashed the app)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import ClassVar

import pytest

from coopdesk.ui.tasks import TaskRunner


class Tracked:
    """Says on which thread it was released."""

    released_on: ClassVar[list[str]] = []

    def __del__(self) -> None:
        Tracked.released_on.append(threading.current_thread().name)


@pytest.fixture
def tasks(qapp) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.settle()
    runner.deleteLater()


def test_results_and_errors_come_back_on_the_gui_thread(qtbot, tasks: TaskRunner) -> None:
    seen: list[tuple[str, object]] = []
    tasks.run(
        lambda: threading.current_thread().name, lambda r: seen.append((threading.current_thread().name, r)), None
    )
    tasks.run(lambda: 1 / 0, None, lambda e, _d: seen.append((threading.current_thread().name, type(e))))
    assert tasks.busy
    assert tasks.settle()
    main = threading.main_thread().name
    assert seen == [(main, "coopdesk-database"), (main, ZeroDivisionError)]
    assert not tasks.busy


def test_call_waits_and_raises_the_error_here(tasks: TaskRunner) -> None:
    assert tasks.call(lambda: threading.current_thread().name) == "coopdesk-database"
    with pytest.raises(ZeroDivisionError):
        tasks.call(lambda: 1 / 0)
    assert tasks.call(lambda: tasks.call(lambda: "inline")) == "inline"  # on the worker: no waiting on itself


def test_one_task_at_a_time_in_order(tasks: TaskRunner) -> None:
    running, most, order = [0], [0], []

    def work(n: int) -> None:
        running[0] += 1
        most[0] = max(most[0], running[0])
        time.sleep(0.002)
        order.append(n)
        running[0] -= 1

    for n in range(20):
        tasks.run(lambda n=n: work(n), lambda _r: None, None, quiet=True)
    tasks.call(lambda: work(20))
    assert tasks.settle()
    assert most[0] == 1 and order == list(range(21))


def test_the_worker_never_releases_what_the_gui_handed_it(tasks: TaskRunner) -> None:
    Tracked.released_on.clear()
    for _ in range(50):
        held = Tracked()
        tasks.run(lambda held=held: id(held), lambda _r: None, None, quiet=True)
        del held
    assert tasks.settle()
    last = Tracked()
    tasks.call(lambda last=last: id(last))
    del last
    assert len(Tracked.released_on) == 51
    assert set(Tracked.released_on) == {threading.main_thread().name}


def test_the_busy_signal_is_for_loud_work_only(qtbot, tasks: TaskRunner) -> None:
    busy: list[tuple[bool, str]] = []
    tasks.busy_changed.connect(lambda on, label: busy.append((on, label)))
    tasks.run(lambda: None, lambda _r: None, None, quiet=True)
    tasks.run(lambda: None, lambda _r: None, None, "Sparar")
    tasks.run(lambda: None, lambda _r: None, None, "Sparar")
    assert tasks.settle()
    assert busy == [(True, "Sparar"), (False, "")]
