"""Rendering several files on both cores of the PC: ``coopdesk statement --all --format pdf``.

Rendering a PDF is Python work under the GIL, so threads would take turns. On Linux a forked child
renders part of the files while this process renders the rest; the child gets its share of the work
from the memory it inherits (nothing is sent to it), hands back only bytes through a pipe, and ends with
``os._exit`` without running any clean-up of this process (the database connection, the log, the
output streams all stay this process's). If the child fails for any reason its share is rendered
here, so the result, and any error, is what one process would have given. Elsewhere (Windows, macOS,
one core) everything is rendered here, in order.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    # Linux only: macOS's system libraries are not safe to use in a forked child, Windows has no fork.
    return sys.platform.startswith("linux") and hasattr(os, "fork") and (os.cpu_count() or 1) >= 2


def split(weights: Sequence[int]) -> tuple[list[int], list[int]]:
    """The indexes in two shares of about equal weight (largest first, each to the lighter share)."""
    shares: tuple[list[int], list[int]] = ([], [])
    totals = [0, 0]
    for index in sorted(range(len(weights)), key=lambda i: -weights[i]):
        lighter = 0 if totals[0] <= totals[1] else 1
        shares[lighter].append(index)
        totals[lighter] += weights[index]
    return sorted(shares[0]), sorted(shares[1])


def render_all(
    items: Sequence[T], render: Callable[[T], bytes], weight: Callable[[T], int] = lambda _item: 1
) -> list[bytes]:
    """``[render(item) for item in items]``, on two cores where that is possible and worth it."""
    if len(items) < 2 or not can_fork():
        return [render(item) for item in items]
    mine, theirs = split([weight(item) for item in items])
    for stream in (sys.stdout, sys.stderr):  # nothing buffered that the child could also hold
        stream.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render its share, hand it back, end without any clean-up
        status = 1
        try:
            os.close(read_end)
            data = pickle.dumps([render(items[i]) for i in theirs])
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    results: dict[int, bytes] = {}
    try:
        for i in mine:
            results[i] = render(items[i])
    finally:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()  # until the child has written all of it and ended
        _pid, status = os.waitpid(pid, 0)
    handed_back = pickle.loads(data) if status == 0 and data else None
    if handed_back is None or len(handed_back) != len(theirs):
        handed_back = [render(items[i]) for i in theirs]  # the child failed: its share, here
    results.update(zip(theirs, handed_back, strict=True))
    return [results[i] for i in range(len(items))]
