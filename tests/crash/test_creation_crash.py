"""Data safety: ``init``, ``import`` and ``encrypt`` killed with SIGKILL at random moments leave no
database or a whole one with its keys file, and a killed ``encrypt`` is finished by running it again
(tests/crash/creation.py; more trials in bench/bench_crash.py --creation)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from tests.crash.creation import run_creation_trials

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"
)

TRIALS = 8
SEED = int(os.environ.get("COOPDESK_CRASH_SEED", "2026"))


def test_init_import_and_encrypt_killed_at_random_leave_nothing_or_a_whole_database(tmp_path: Path) -> None:
    results = run_creation_trials(TRIALS, tmp_path, seed=SEED)

    failures = [r for r in results if not r.ok]
    figures = "\n".join(r.describe() for r in results)
    assert len(results) == TRIALS
    assert not failures, f"files of failed trials kept in {tmp_path}:\n{figures}"
