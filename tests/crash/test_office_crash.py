"""Data safety: ``attest``, ``invoice``, ``journal add`` and a statement export killed with SIGKILL at random
moments leave a sound database in which each is whole or absent, and running it again finishes it
(tests/crash/office.py; more trials: ``python -m tests.crash.office 40``)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from tests.crash.office import KINDS, run_office_trials

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"
)

TRIALS = 8
SEED = int(os.environ.get("COOPDESK_CRASH_SEED", "2026"))


def test_office_commands_killed_at_random_leave_each_change_whole_or_absent(tmp_path: Path) -> None:
    results = run_office_trials(TRIALS, tmp_path, seed=SEED)

    failures = [r for r in results if not r.ok]
    figures = "\n".join(r.describe() for r in results)
    assert {r.kind for r in results} == set(KINDS)
    assert not failures, f"files of failed trials kept in {tmp_path}:\n{figures}"
