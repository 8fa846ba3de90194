"""PySide6 6.12 on Python 3.11 drops references to None; the guard keeps the program alive."""

from __future__ import annotations

import subprocess
import sys

import pytest

CALLS = """
{guard}
from PySide6.QtCore import QObject
o = QObject()
for _ in range(200_000):  # far more references than None has in a fresh interpreter
    o.setObjectName("x")
print("alive")
"""


def run(guard: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CALLS.format(guard=guard)], capture_output=True, text=True, timeout=120, check=False
    )


def test_with_the_guard_the_process_survives() -> None:
    result = run("from coopdesk.ui import pyside_fix; pyside_fix.apply()")
    assert result.returncode == 0, result.stderr
    assert "alive" in result.stdout


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_the_bug_is_still_there_without_the_guard() -> None:
    # When this starts to fail, PySide6 has fixed the bug and the guard can go.
    result = run("")
    assert result.returncode != 0 and "none_dealloc" in result.stderr
