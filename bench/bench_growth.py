"""Growth: what the statements, the yearly report and the import cost at 1, 3 and 10 years of data and
20, 200 and 1,000 members (issue 20.5), as a table for bench/README.md.

    .venv/bin/python bench/bench_growth.py                       # the whole grid, about 10 minutes
    .venv/bin/python bench/bench_growth.py --members 20 200 --years 1 3

Each database is built the way a user builds one, through the import path (bench/common.py's
``build_database``: ``demo_document(..., dense=True)`` → ``import_document`` into a fresh SQLite file,
unencrypted), in a temporary folder that is removed again, so the import is timed every time. Then, on
the database just built:

- **import**: what ``coopdesk import FILE`` costs apart from reading the bytes (bench_import.py's IMPORT
  TOTAL: open + import + commit + close; the document is imported directly, not through JSON text);
- **statement**: one month's statements of every district (the last complete month before --today),
  warm median of --runs after one untimed run;
- **yearly**: the year in figures of the last complete year and its JSON document (bench_yearly.py's
  JSON figure), warm median likewise; for 1 year of data that year is only partly in the data.

Start to data (the app's launch to Idag painted) is bench_gui.py's: see there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

import common  # bench/common.py: the script's folder is on sys.path when it is run

from coopdesk.core.calendar import Month
from coopdesk.core.statement import statements_for_all
from coopdesk.core.yearly import yearly_figures
from coopdesk.reports.yearly_json import dumps, yearly_document
from coopdesk.storage.database import open_database


def _warm(fn: object, runs: int) -> float:
    times = []
    for run in range(runs + 1):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        if run:
            times.append(time.perf_counter() - start)
    return common.median(times)


def measure(members: int, years: float, args: argparse.Namespace, folder: Path) -> dict[str, float | int]:
    path = folder / f"growth-{members}m-{years:g}y.db"
    built = common.build_database(
        path, members=members, years=years, today=args.today, seed=args.seed, dense=True, json_round_trip=False
    )
    month = Month.of(args.today.replace(day=1) - dt.timedelta(days=1))
    year = args.today.year - 1
    database = open_database(str(path), create=False)
    try:

        def statements() -> None:
            with database.session() as session:
                statements_for_all(session, month)

        def yearly() -> None:
            with database.session() as session:
                dumps(yearly_document(yearly_figures(session, year)))

        statement_s = _warm(statements, args.runs)
        yearly_s = _warm(yearly, args.runs)
    finally:
        database.close()
        for file in folder.glob(path.name + "*"):
            file.unlink()
    return {
        "attendance": built.attendance,
        "import": built.import_total,
        "statement": statement_s,
        "yearly": yearly_s,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, nargs="+", default=[20, 200, 1000])
    parser.add_argument("--years", type=float, nargs="+", default=[1, 3, 10])
    parser.add_argument("--today", type=dt.date.fromisoformat, default=common.DEFAULT_TODAY)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=3, help="timed warm runs of each query (default 3)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="coopdesk-growth-"))
    common.isolate_home(folder)
    print(f"coopdesk growth: members {args.members}, years {args.years}, dense demo, today {args.today}")
    print(f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.platform()}")
    rows = []
    try:
        for years in args.years:
            for members in args.members:
                figures = measure(members, years, args, folder)
                rows.append((members, years, figures))
                print(
                    f"  {members} members × {years:g} y: {figures['attendance']} attendance records, "
                    f"import {figures['import']:.2f} s, statement {figures['statement'] * 1000:.0f} ms, "
                    f"yearly {figures['yearly'] * 1000:.0f} ms",
                    flush=True,
                )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print()
    print("| members | years | attendance records | import | one month's statements | yearly report (JSON) "
          "| start to data |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---|")
    for members, years, f in rows:
        print(
            f"| {members} | {years:g} | {f['attendance']:,} | {f['import']:.2f} s | {f['statement'] * 1000:.0f} ms "
            f"| {f['yearly'] * 1000:.0f} ms | see bench_gui |".replace(",", " ")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
