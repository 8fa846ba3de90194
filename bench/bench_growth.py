"""Growth: what the statements, the yearly report, the import and the start to data cost at 1, 3 and 10
years of data and 20, 200 and 1,000 members (issue 20.5), as a table for bench/README.md.

    .venv/bin/python bench/bench_growth.py                       # the whole grid; builds what is not cached
    .venv/bin/python bench/bench_growth.py --members 20 200 --years 1 3
    .venv/bin/python bench/bench_growth.py --no-start            # without the app's starts
    .venv/bin/python bench/bench_growth.py --no-import           # without timing the import again

Run it from the repository root: the encrypted copies are made with ``python -m coopdesk`` (bench_close.py's
``with_account``), which takes the code of the working folder.

Each database is the demo built the way a user builds one, through the import path (bench/common.py's
``cached_database``: ``demo_document(..., dense=True)`` → ``import_document`` into a fresh SQLite file),
kept in --workdir keyed on the demo's parameters and the source of the demo and the importer; beside it an
encrypted copy with an administrator (``coopdesk init --admin`` and ``coopdesk encrypt``, as bench_close.py
and bench_start.py make theirs). A second run finds both and measures at once. Then, for each size:

- **import**: what ``coopdesk import FILE`` costs apart from reading the bytes (bench_import.py's IMPORT
  TOTAL: open + import + commit + close; the document is imported directly, not through JSON text). When
  the database had to be built in this run, that build is the import measured; otherwise the document is
  imported again into a temporary file in --workdir, removed afterwards (``--no-import`` skips it);
- **statement**: one month's statements of every district (the last complete month before --today),
  warm median of --runs after one untimed run, on the unencrypted database;
- **yearly**: the year in figures of the last complete year and its JSON document (bench_yearly.py's
  JSON figure), warm median likewise; for 1 year of data that year is only partly in the data;
- **start to data**: bench_start.py's starts, its driver and its clocks, on the encrypted copy: a fresh
  process through the real entry point (``coopdesk.entry.main(["--db", COPY])``) in a fresh folder, so
  the check at start and the daily backup start behind the data as on the first start of a day; Idag
  opens on the demo's last working day before --today (a day with rows at every size) and the clock stops
  when its table has been painted holding them. Medians of --start-runs, taking turns with the bare
  PySide6 program (its table as many rows as members) in the same minutes: the baseline of each size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import bench_start
import common  # bench/common.py: the script's folder is on sys.path when it is run
from bench_close import with_account

from coopdesk.core.calendar import Month
from coopdesk.core.statement import statements_for_all
from coopdesk.core.yearly import yearly_figures
from coopdesk.reports.yearly_json import dumps, yearly_document
from coopdesk.storage.database import open_database

#: (column, from mark, to mark) of bench_start.py's starts shown for every size.
START_PHASES = [
    ("launch → login dialog", "launch", "login shown"),
    ("Return at once → Idag with rows", "enter", "data shown"),
    ("launch → Idag with rows", "launch", "data shown"),
]
#: The two parts of "Return → Idag with rows", in a second table: which of them grows.
LOGIN_PHASES = [
    ("Return → login dialog gone", "enter", "logged in"),
    ("login dialog gone → Idag with rows", "logged in", "data shown"),
]


def _warm(fn: object, runs: int) -> float:
    times = []
    for run in range(runs + 1):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        if run:
            times.append(time.perf_counter() - start)
    return common.median(times)


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def import_seconds(members: int, years: float, args: argparse.Namespace) -> float | None:
    """A fresh import of the same document into a temporary file (the cache held the database)."""
    if args.no_import:
        return None
    with tempfile.TemporaryDirectory(prefix="growth-import-", dir=args.workdir) as folder:
        figures = common.build_database(
            Path(folder) / "import.db",
            members=members,
            years=years,
            today=args.today,
            seed=args.seed,
            dense=True,
            json_round_trip=False,
        )
    return figures.import_total


def query_seconds(path: Path, args: argparse.Namespace) -> tuple[float, float]:
    """One month's statements and the yearly report's JSON, warm medians."""
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

        return _warm(statements, args.runs), _warm(yearly, args.runs)
    finally:
        database.close()


def measure(members: int, years: float, args: argparse.Namespace) -> dict[str, Any]:
    source, built = common.cached_database(
        args.workdir, members=members, years=years, today=args.today, seed=args.seed, dense=True
    )
    # Made before anything is timed: its two coopdesk commands are not part of any figure.
    encrypted = with_account(source, args.workdir) if not args.no_start else None
    if built is not None:
        import_s: float | None = built.import_total
        attendance = built.attendance
    else:
        import_s = import_seconds(members, years, args)
        attendance = json.loads((args.workdir / (source.name + ".json")).read_text())["attendance"]
    statement_s, yearly_s = query_seconds(source, args)
    figures: dict[str, Any] = {
        "attendance": attendance,
        "megabytes": source.stat().st_size / 1e6,
        "import": import_s,
        "built": built is not None,
        "statement": statement_s,
        "yearly": yearly_s,
        "starts": None,
    }
    if encrypted is not None:
        figures["starts"] = bench_start.measure_starts(
            encrypted,
            {"coopdesk": str(common.ROOT), "bare": None},
            runs=args.start_runs,
            bytecode=True,
            day=bench_start.last_working_day(args.today),
            bare_rows=members,
        )
    figures["load"] = load_average()
    return figures


def start_cells(figures: dict[str, Any], phases: list[tuple[str, str, str]] = START_PHASES) -> list[str]:
    """Each start phase's median with the bare program's beside it: ``795 ms (bare 164 ms)``."""
    starts = figures["starts"]
    if starts is None:
        return ["—"] * len(phases)
    return [
        f"{bench_start.show(bench_start.median_of(starts['coopdesk'], a, b))} "
        f"(bare {bench_start.show(bench_start.median_of(starts['bare'], a, b))})"
        for _, a, b in phases
    ]


def idag_rows(figures: dict[str, Any]) -> str:
    starts = figures["starts"]
    return "—" if starts is None else "/".join(str(n) for n in bench_start.rows_painted(starts["coopdesk"]))


def print_markdown(headers: list[str], rows: list[list[str]]) -> None:
    print("| " + " | ".join(headers) + " |")
    print("|" + "---:|" * len(headers))
    for cells in rows:
        print("| " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, nargs="+", default=[20, 200, 1000])
    parser.add_argument("--years", type=float, nargs="+", default=[1, 3, 10])
    parser.add_argument("--today", type=dt.date.fromisoformat, default=common.DEFAULT_TODAY)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=3, help="timed warm runs of each query (default 3)")
    parser.add_argument("--start-runs", type=int, default=5, help="timed starts of each kind per size (default 5)")
    parser.add_argument("--no-start", action="store_true", help="do not measure the app's start to data")
    parser.add_argument(
        "--no-import", action="store_true", help="do not import again a database the cache already holds"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=common.DEFAULT_WORKDIR,
        help=f"where the databases are cached (default {common.DEFAULT_WORKDIR})",
    )
    args = parser.parse_args(argv)
    args.workdir = args.workdir.resolve()
    common.isolate_home(args.workdir)
    day = bench_start.last_working_day(args.today)
    print(
        f"coopdesk growth: members {args.members}, years {args.years}, dense demo, today {args.today}, "
        f"Idag on {day}; {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load average {load_average()}"
    )
    print(f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.platform()}")
    rows = []
    for years in args.years:
        for members in args.members:
            figures = measure(members, years, args)
            rows.append((members, years, figures))
            imported = "—" if figures["import"] is None else f"{figures['import']:.2f} s"
            painted = "" if figures["starts"] is None else f", Idag rows {idag_rows(figures)}"
            print(
                f"  {members} members × {years:g} y: {figures['attendance']} attendance records, "
                f"import {imported}{' (built now)' if figures['built'] else ''}, "
                f"statement {figures['statement'] * 1000:.0f} ms, yearly {figures['yearly'] * 1000:.0f} ms"
                f"{painted}, start {' / '.join(start_cells(figures))}; load average {figures['load']}",
                flush=True,
            )
    print()
    print(
        f"Start to data: medians of {args.start_runs} starts of each, taking turns with bare PySide6; bytecode "
        f"cached; Return as soon as the login dialog is painted; load average at the end {load_average()}"
    )
    print()
    headers = [
        "members",
        "years",
        "attendance records",
        "database",
        "import",
        "one month's statements",
        "yearly report (JSON)",
        "Idag rows",
        *(label for label, _, _ in START_PHASES),
    ]
    table = []
    for members, years, f in rows:
        imported = "—" if f["import"] is None else f"{f['import']:.2f} s"
        table.append(
            [
                str(members),
                f"{years:g}",
                f"{f['attendance']:,}".replace(",", " "),
                f"{f['megabytes']:.0f} MB",
                imported,
                f"{f['statement'] * 1000:.0f} ms",
                f"{f['yearly'] * 1000:,.0f} ms".replace(",", " "),
                idag_rows(f),
                *start_cells(f),
            ]
        )
    print_markdown(headers, table)
    if not args.no_start:
        print()
        print_markdown(
            ["members", "years", "Idag rows", *(label for label, _, _ in LOGIN_PHASES)],
            [[str(m), f"{y:g}", idag_rows(f), *start_cells(f, LOGIN_PHASES)] for m, y, f in rows],
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
