"""A guard against a reference-count bug of PySide6 6.12 on Python 3.11.

With the PySide6 6.12.0 wheels (abi3) on Python 3.11, every call into a Qt method that returns
nothing, or returns an empty value, drops one reference to ``None``. After some thousands of calls
(a grid repaint, a long working day) the interpreter aborts with "none_dealloc". Python 3.12 and
later make ``None`` immortal, so the bug is harmless there. On 3.11 we give ``None`` so many extra
references that the count can never reach zero; ``None`` is never freed anyway, so nothing else
changes. tests/gui/test_pyside_fix.py shows the bug and the guard.
"""

from __future__ import annotations

import ctypes
import sys

_PINNED = 1 << 40


def apply() -> None:
    if sys.version_info >= (3, 12) or getattr(sys, "_coopdesk_none_pinned", False):
        return
    ctypes.c_ssize_t.from_address(id(None)).value += _PINNED
    sys._coopdesk_none_pinned = True  # type: ignore[attr-defined]  # once per process
