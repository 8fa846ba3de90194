"""Benchmark: crash safety, proved by killing a writer with SIGKILL at random moments.

    .venv/bin/python bench/bench_crash.py                  # 100 trials, about 2 minutes
    .venv/bin/python bench/bench_crash.py --trials 500 --seed 7

Each trial copies a small demo database (20 members, half a year, imported through the import path),
starts tests/crash/writer.py on it (attendance.register in a loop, one unit of work at a time, each
change printed only after its commit), sends SIGKILL after a random time (a share of the trials
while the writer is still starting) and then, with the -wal file as the killed process left it,
checks with plain sqlite3: PRAGMA integrity_check, PRAGMA foreign_key_check, every change reported as
committed is in the database, the transaction in flight is there whole or not at all, nothing else
changed, and coopdesk's open_database accepts the file. See tests/crash/harness.py.

A kill "mid-transaction" is estimated from the writer's lines and the final state: the last unit of
work whose intent was printed but whose commit was not reported. If the database does not hold it,
the kill came before the commit finished (rolled back); if it holds it, after the commit and before
the report. Half of it would be damage (torn).
"""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: make the source tree importable
    sys.path.insert(0, str(ROOT))

from common import isolate_home, verdict  # noqa: E402  (bench/common.py: the script's folder is on sys.path)

from tests.crash.harness import DEMO_MEMBERS, DEMO_YEARS, TrialResult, run_trials  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100, help="number of kills (default 100)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the kill times and the writers")
    parser.add_argument("--min-run", type=float, default=0.05, help="shortest run before the kill, s")
    parser.add_argument("--max-run", type=float, default=1.5, help="longest run before the kill, s")
    parser.add_argument("--startup-share", type=float, default=0.1, help="share killed while starting")
    parser.add_argument("--workdir", type=Path, help="keep the files here (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep every trial's files, not only failed ones")
    parser.add_argument(
        "--creation", type=int, default=30, metavar="N", help="also kill init/import/encrypt N times (default 30)"
    )
    args = parser.parse_args(argv)
    if not hasattr(signal, "SIGKILL"):
        print("SIGKILL is not available on this platform")
        return 2

    temporary = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="coopdesk-crash-")) if temporary else args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    isolate_home(workdir)
    print(f"{args.trials} trials in {workdir} (demo: {DEMO_MEMBERS} members, {DEMO_YEARS:g} years; seed {args.seed})")

    def progress(n: int, result: TrialResult) -> None:
        if not result.ok or (n + 1) % 10 == 0:
            print(f"  {n + 1:4d}  {'ok  ' if result.ok else 'FAIL'}  {result.describe()}", flush=True)

    started = time.perf_counter()
    summary = run_trials(
        args.trials,
        workdir,
        seed=args.seed,
        keep=args.keep,
        progress=progress,
        min_run_s=args.min_run,
        max_run_s=args.max_run,
        startup_kill_share=args.startup_share,
    )
    elapsed = time.perf_counter() - started
    results = summary.results
    before_ready = sum(1 for r in results if not r.ready)
    no_flight = sum(1 for r in results if r.ready and r.in_flight == "none")
    wal = [r.wal_bytes for r in results if r.wal_bytes]
    integrity = sum(1 for r in results if r.integrity != "ok")
    foreign = sum(1 for r in results if r.foreign_key_violations)
    unexpected = sum(len(r.unexpected) for r in results)
    app = sum(1 for r in results if r.app_error)

    rows = [
        ("trials (SIGKILL)", f"{summary.trials}"),
        ("  killed before the writer was ready", f"{before_ready}"),
        ("  killed mid-transaction, rolled back", f"{summary.count('rolled back')}"),
        ("  killed after a commit, before its report", f"{summary.count('committed, unreported')}"),
        ("  killed between units of work", f"{no_flight}"),
        ("committed changes reported (checked)", f"{summary.committed_changes}"),
        ("committed units of work reported", f"{summary.committed_transactions}"),
        ("kills leaving a -wal to recover", f"{len(wal)} (largest {max(wal, default=0) / 1e6:.1f} MB)"),
        ("integrity_check not ok", f"{integrity}"),
        ("foreign_key_check violations", f"{foreign}"),
        ("torn transactions", f"{summary.count('torn')}"),
        ("unexpected changes", f"{unexpected}"),
        ("refused by open_database", f"{app}"),
        ("CORRUPT trials", f"{summary.corruptions}"),
        ("LOST committed changes", f"{summary.lost}"),
        ("writer died by itself", f"{summary.writer_errors}"),
        ("time", f"{elapsed:.1f} s ({elapsed / max(summary.trials, 1):.2f} s a trial)"),
    ]
    width = max(len(label) for label, _ in rows)
    print()
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    print()
    print(verdict("corrupt databases after SIGKILL == 0", f"{summary.corruptions}", summary.corruptions == 0))
    print(verdict("committed changes lost after SIGKILL == 0", f"{summary.lost}", summary.lost == 0))
    print(verdict("trials >= 100", f"{summary.trials}", summary.trials >= 100))

    creation_failed = _creation(args, workdir) if args.creation > 0 else 0

    failed = summary.failures()
    if failed or creation_failed:
        print(f"files of the {len(failed) + creation_failed} failed trials are kept in {workdir}")
    elif temporary and not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def _creation(args: argparse.Namespace, workdir: Path) -> int:
    """init, import and encrypt killed at random moments (tests/crash/creation.py); the failures."""
    from tests.crash.creation import CreationResult, run_creation_trials

    print(f"\n{args.creation} kills of init / import / encrypt (taking turns)")

    def progress(n: int, result: CreationResult) -> None:
        if not result.ok or (n + 1) % 10 == 0:
            print(f"  {n + 1:4d}  {'ok  ' if result.ok else 'FAIL'}  {result.describe()}", flush=True)

    started = time.perf_counter()
    results = run_creation_trials(
        args.creation, workdir / "creation", seed=args.seed, progress=progress, keep=args.keep
    )
    elapsed = time.perf_counter() - started
    outcomes: dict[str, int] = {}
    for result in results:
        label = f"{result.kind}: {result.outcome or 'failed'}"
        outcomes[label] = outcomes.get(label, 0) + 1
    for label in sorted(outcomes):
        print(f"  {label:<48} {outcomes[label]}")
    failed = sum(1 for r in results if not r.ok)
    print(f"  time {elapsed:.1f} s")
    print(verdict("killed creations leaving a half database == 0", f"{failed}", failed == 0))
    return failed


if __name__ == "__main__":
    sys.exit(main())
