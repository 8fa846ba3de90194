"""Crash safety, proved: kill a writer with SIGKILL at a random moment and check the database.

:func:`build_template` imports a small demo cooperative (``demo_document`` → ``import_document``)
into a SQLite file once per run and checkpoints it. :func:`run_trial` copies that file, starts
``tests/crash/writer.py`` on the copy, lets it register attendance for a random time (sometimes
killing it while it still starts up), sends SIGKILL and reads every line the writer printed. Then,
with the ``-wal`` and ``-shm`` files left exactly as the killed process left them (so SQLite has to
recover as after a power cut), it opens the file with plain ``sqlite3`` and checks:

* ``PRAGMA integrity_check`` is ``ok`` and ``PRAGMA foreign_key_check`` finds nothing;
* every (member, day) the writer reported ``committed`` holds exactly its last reported state
  (status, and hours per work area as integer hundredths in ``attendance_hours.hours``);
* the one transaction that was in flight (``intent`` lines without ``committed`` lines) is there
  whole or not at all: a kill after the commit but before the report may legitimately leave it in
  the database, a kill before the commit must leave none of it, and half of it is damage;
* no other attendance record differs from the template.

Finally coopdesk itself must open the file (``open_database``: quick check, schema revision).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

from tests.crash.writer import TODAY, State, parse_hours

ROOT = Path(__file__).resolve().parents[2]
DEMO_MEMBERS = 20
DEMO_YEARS = 0.5
READY_TIMEOUT_S = 60.0

Key = tuple[int, str]  # (member_id, ISO day) as the database stores it
NO_RECORD: State = ("", ())


@dataclass
class TrialResult:
    seed: int
    kill_mode: str  # "startup": killed at a random moment after spawn; "running": after writing began
    ran_s: float = 0.0  # from the writer's "ready" (or its start, for "startup") to the kill
    ready: bool = False
    committed_changes: int = 0  # "committed" lines read
    committed_transactions: int = 0
    in_flight: str = "none"  # none | rolled back | committed, unreported | torn
    in_flight_changes: int = 0
    wal_bytes: int = 0  # size of the -wal file the killed writer left behind
    integrity: str = ""
    foreign_key_violations: int = 0
    lost: list[str] = field(default_factory=list)  # reported committed, not in the database
    unexpected: list[str] = field(default_factory=list)  # changed, but never written by the writer
    app_error: str = ""  # coopdesk's open_database refused the file
    writer_error: str = ""  # the writer died by itself before the kill

    @property
    def corrupt(self) -> bool:
        return (
            self.integrity != "ok"
            or self.foreign_key_violations > 0
            or self.in_flight == "torn"
            or bool(self.unexpected)
            or bool(self.app_error)
        )

    @property
    def ok(self) -> bool:
        return not self.corrupt and not self.lost and not self.writer_error

    def describe(self) -> str:
        parts = [
            f"seed={self.seed} mode={self.kill_mode} ran={self.ran_s:.3f}s ready={self.ready}",
            f"committed={self.committed_changes} in {self.committed_transactions} txn",
            f"in-flight={self.in_flight} ({self.in_flight_changes} changes) wal={self.wal_bytes} B",
            f"integrity={self.integrity!r} fk={self.foreign_key_violations}",
        ]
        if self.lost:
            parts.append(f"LOST {len(self.lost)}: {'; '.join(self.lost[:5])}")
        if self.unexpected:
            parts.append(f"UNEXPECTED {len(self.unexpected)}: {'; '.join(self.unexpected[:5])}")
        if self.app_error:
            parts.append(f"APP: {self.app_error}")
        if self.writer_error:
            parts.append(f"WRITER: {self.writer_error}")
        return " | ".join(parts)


# --- the template ------------------------------------------------------------------------------


def build_template(path: Path, *, members: int = DEMO_MEMBERS, years: float = DEMO_YEARS) -> Path:
    """The demo cooperative imported into ``path`` (which must not exist), checkpointed, no -wal."""
    from coopdesk.core.actor import Actor
    from coopdesk.core.demo import demo_document
    from coopdesk.core.exchange.importer import import_document
    from coopdesk.storage.database import open_database

    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(str(path))
    try:
        with db.session() as session:
            import_document(
                session, demo_document(TODAY, members=members, years=years), actor=Actor("krocktest"), today=TODAY
            )
    finally:
        db.close()
    raw = sqlite3.connect(path)
    try:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def read_states(path: Path) -> dict[Key, State]:
    """Every attendance record: (member_id, day) → (status, ((area_id, hundredths), ...))."""
    raw = sqlite3.connect(path)
    try:
        return _states(raw)
    finally:
        raw.close()


def _states(raw: sqlite3.Connection) -> dict[Key, State]:
    rows = raw.execute(
        "SELECT a.member_id, a.day, a.status, h.work_area_id, h.hours "
        "FROM attendance a LEFT JOIN attendance_hours h ON h.attendance_id = a.id"
    ).fetchall()
    status: dict[Key, str] = {}
    hours: dict[Key, list[tuple[int, int]]] = {}
    for member_id, day, st, area, h in rows:
        key = (member_id, day)
        status[key] = st
        bucket = hours.setdefault(key, [])
        if area is not None:
            bucket.append((area, h))
    return {key: (st, tuple(sorted(hours[key]))) for key, st in status.items()}


# --- one trial ---------------------------------------------------------------------------------


class _Lines:
    """Reads the writer's stdout in a thread (a full pipe must never stall the writer)."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for text in stream:
            self.lines.append(text)
            if text.startswith("ready "):
                self.ready.set()

    def join(self) -> list[str]:
        self._thread.join(timeout=30)
        # A line cut off by the kill (no newline) was never reported.
        return [text[:-1] for text in self.lines if text.endswith("\n")]


def run_trial(
    template_db: Path,
    workdir: Path,
    rng: Random,
    *,
    min_run_s: float = 0.05,
    max_run_s: float = 1.5,
    startup_kill_share: float = 0.1,
) -> TrialResult:
    """Copy the template, run the writer on it, SIGKILL it at a random moment and check the file."""
    workdir.mkdir(parents=True, exist_ok=True)
    db_path = workdir / "crash.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template_db, db_path)
    os.chmod(db_path, 0o600)

    seed = rng.randrange(2**31)
    startup = rng.random() < startup_kill_share
    result = TrialResult(seed=seed, kill_mode="startup" if startup else "running")
    err_path = workdir / "writer.err"
    with open(err_path, "w", encoding="utf-8") as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.writer", str(db_path), str(seed)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            encoding="utf-8",
        )
        lines = _Lines(process.stdout)
        try:
            if startup:
                time.sleep(rng.uniform(0.0, 0.6))
                result.ran_s = time.perf_counter() - started
            else:
                lines.ready.wait(READY_TIMEOUT_S)
                began = time.perf_counter()
                time.sleep(rng.uniform(min_run_s, max_run_s))
                result.ran_s = time.perf_counter() - began
            alive = process.poll() is None
            if alive:
                os.kill(process.pid, signal.SIGKILL)
        finally:
            if process.poll() is None:  # an exception above: never leave the writer running
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGKILL)
            process.wait()
        reported = lines.join()
    if not alive:
        tail = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        result.writer_error = f"exit code {process.returncode}: {' / '.join(tail) or 'no output'}"
    wal = Path(f"{db_path}-wal")
    result.wal_bytes = wal.stat().st_size if wal.exists() else 0
    check(template_db, db_path, reported, result)
    return result


def _parse(fields: list[str]) -> tuple[Key, State, int]:
    member_id, day, status, hours, seq = fields
    return (int(member_id), day), (status, parse_hours(hours)), int(seq)


def check(template_db: Path, db_path: Path, reported: list[str], result: TrialResult) -> None:
    """Compare the killed writer's database with what it reported; fill in ``result``."""
    committed: dict[Key, State] = {}
    committed_seqs: set[int] = set()
    intents: dict[int, list[tuple[Key, State, int]]] = {}
    for text in reported:
        kind, *fields = text.split()
        if kind == "ready":
            result.ready = True
        elif kind == "intent":
            txn, *rest = fields
            intents.setdefault(int(txn), []).append(_parse(rest))
        elif kind == "committed":
            key, state, seq = _parse(fields)
            committed[key] = state  # lines come in commit order: the last one wins
            committed_seqs.add(seq)
            result.committed_changes += 1
    result.committed_transactions = sum(
        1 for changes in intents.values() if all(seq in committed_seqs for _, _, seq in changes)
    )
    in_flight: list[tuple[Key, State, int]] = []
    known_committed = False
    if intents:
        last = intents[max(intents)]
        done = [seq in committed_seqs for _, _, seq in last]
        if not all(done):
            in_flight = last
            known_committed = any(done)  # part of its report got out: it did commit
    result.in_flight_changes = len(in_flight)

    raw = sqlite3.connect(db_path)  # recovery from the -wal happens here, as after a power cut
    try:
        rows = raw.execute("PRAGMA integrity_check").fetchall()
        result.integrity = "; ".join(str(r[0]) for r in rows[:5])
        result.foreign_key_violations = len(raw.execute("PRAGMA foreign_key_check").fetchall())
        actual = _states(raw)
    finally:
        raw.close()
    template = read_states(template_db)

    def base(key: Key) -> State:
        return committed.get(key) or template.get(key, NO_RECORD)

    flight = {key: (state, seq) for key, state, seq in in_flight}
    new_count = old_count = 0
    for key, (state, _seq) in flight.items():
        now = actual.get(key, NO_RECORD)
        if now == state:
            new_count += 1
        elif now == base(key) and not known_committed:
            old_count += 1
    if in_flight:
        if new_count == len(flight):
            result.in_flight = "committed, unreported"
        elif old_count == len(flight):
            result.in_flight = "rolled back"
        else:
            result.in_flight = "torn"

    for key in sorted(set(actual) | set(template) | set(committed)):
        if key in flight:
            continue  # judged above, as a whole
        now = actual.get(key, NO_RECORD)
        expected = base(key)
        if now == expected:
            continue
        what = f"{key[0]} {key[1]}: expected {_show(expected)}, found {_show(now)}"
        (result.lost if key in committed else result.unexpected).append(what)
    if result.in_flight == "torn":
        result.unexpected.extend(
            f"{key[0]} {key[1]} (in flight, seq {seq}): found {_show(actual.get(key, NO_RECORD))}, "
            f"before {_show(base(key))}, after {_show(state)}"
            for key, (state, seq) in flight.items()
        )
    result.app_error = _app_opens(db_path)


def _show(state: State) -> str:
    status, hours = state
    if not status:
        return "no record"
    return status + ("" if not hours else " " + ",".join(f"{a}:{h / 100:.2f}" for a, h in hours))


def _app_opens(db_path: Path) -> str:
    from coopdesk.core.errors import StorageError
    from coopdesk.storage.database import open_database

    try:
        open_database(str(db_path), create=False).close()
    except StorageError as exc:
        return str(exc)
    return ""


# --- many trials -------------------------------------------------------------------------------


@dataclass
class Summary:
    results: list[TrialResult]
    seconds: float

    @property
    def trials(self) -> int:
        return len(self.results)

    @property
    def committed_changes(self) -> int:
        return sum(r.committed_changes for r in self.results)

    @property
    def committed_transactions(self) -> int:
        return sum(r.committed_transactions for r in self.results)

    @property
    def corruptions(self) -> int:
        return sum(1 for r in self.results if r.corrupt)

    @property
    def lost(self) -> int:
        return sum(len(r.lost) for r in self.results)

    @property
    def writer_errors(self) -> int:
        return sum(1 for r in self.results if r.writer_error)

    def count(self, in_flight: str) -> int:
        return sum(1 for r in self.results if r.in_flight == in_flight)

    def failures(self) -> list[TrialResult]:
        return [r for r in self.results if not r.ok]


def run_trials(
    trials: int,
    workdir: Path,
    *,
    seed: int = 2026,
    template: Path | None = None,
    keep: bool = False,
    progress=None,
    **timing: float,
) -> Summary:
    """Build the template (unless given), run ``trials`` trials in ``workdir``; failed trials' files stay."""
    started = time.perf_counter()
    template = template or build_template(workdir / "template.db")
    rng = Random(seed)
    results = []
    for n in range(trials):
        trial_dir = workdir / f"trial-{n:03d}"
        result = run_trial(template, trial_dir, rng, **timing)
        results.append(result)
        if progress is not None:
            progress(n, result)
        if result.ok and not keep:
            shutil.rmtree(trial_dir, ignore_errors=True)
    return Summary(results, time.perf_counter() - started)
