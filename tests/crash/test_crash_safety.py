"""Data safety: a writer killed with SIGKILL at a random moment leaves a sound database that holds
every change it reported as committed (tests/crash/harness.py; 100 trials in bench/bench_crash.py)."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.crash.harness import TrialResult, build_template, check, read_states, run_trials

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"
)

TRIALS = 12
SEED = int(os.environ.get("COOPDESK_CRASH_SEED", "2026"))


def test_a_killed_writer_leaves_a_sound_database_with_every_committed_change(tmp_path: Path) -> None:
    summary = run_trials(TRIALS, tmp_path, seed=SEED, max_run_s=1.0)

    failures = "\n".join(r.describe() for r in summary.failures())
    figures = (
        f"{summary.trials} trials (seed {SEED}), {summary.committed_changes} committed changes, "
        f"{summary.corruptions} corrupt, {summary.lost} lost, {summary.writer_errors} writer errors; "
        f"failed trials (files kept in {tmp_path}):\n{failures}"
    )
    assert summary.trials >= 10
    assert summary.writer_errors == 0, figures
    assert summary.corruptions == 0, figures
    assert summary.lost == 0, figures
    assert summary.committed_changes > 0, f"the writer never got to commit anything: {figures}"


# --- the checker itself: it must see what it is there to see --------------------------------------


def _pick(states: dict, status: str, skip: tuple = ()) -> tuple[int, str]:
    return next(key for key, (st, _) in sorted(states.items()) if st == status and key not in skip)


def _set_absence(db: Path, key: tuple[int, str], status: str) -> None:
    raw = sqlite3.connect(db)
    try:
        with raw:
            (record,) = raw.execute("SELECT id FROM attendance WHERE member_id = ? AND day = ?", key).fetchone()
            raw.execute("DELETE FROM attendance_hours WHERE attendance_id = ?", (record,))
            raw.execute("UPDATE attendance SET status = ? WHERE id = ?", (status, record))
    finally:
        raw.close()


def test_the_checker_notices_a_lost_change_and_a_half_written_transaction(tmp_path: Path) -> None:
    template = build_template(tmp_path / "template.db")
    states = read_states(template)
    lost_key = _pick(states, "present")
    a = _pick(states, "present", (lost_key,))
    b = _pick(states, "present", (lost_key, a))
    db = tmp_path / "crash.db"
    shutil.copyfile(template, db)
    _set_absence(db, b, "sick")  # of transaction 2 (a and b), only b reached the database
    lines = [
        "ready 1",
        f"intent 1 {lost_key[0]} {lost_key[1]} leave - 1",
        f"committed {lost_key[0]} {lost_key[1]} leave - 1",  # reported, but not in the database
        f"intent 2 {a[0]} {a[1]} sick - 2",
        f"intent 2 {b[0]} {b[1]} sick - 3",
    ]
    result = TrialResult(seed=0, kill_mode="running")
    check(template, db, lines, result)

    assert result.integrity == "ok"
    assert len(result.lost) == 1 and result.lost[0].startswith(f"{lost_key[0]} {lost_key[1]}: expected leave")
    assert result.in_flight == "torn"
    assert result.corrupt and not result.ok


def test_the_checker_accepts_a_transaction_committed_but_not_yet_reported(tmp_path: Path) -> None:
    template = build_template(tmp_path / "template.db")
    states = read_states(template)
    a = _pick(states, "present")
    b = _pick(states, "present", (a,))
    db = tmp_path / "crash.db"
    shutil.copyfile(template, db)
    _set_absence(db, a, "sick")
    _set_absence(db, b, "leave")
    lines = [f"intent 1 {a[0]} {a[1]} sick - 1", f"intent 1 {b[0]} {b[1]} leave - 2"]
    result = TrialResult(seed=0, kill_mode="running")
    check(template, db, lines, result)

    assert result.in_flight == "committed, unreported"
    assert result.ok, result.describe()
