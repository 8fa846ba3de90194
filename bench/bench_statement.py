"""Benchmark: one month's statements on a 10-year and on a 1-year database of the same cooperative.

    .venv/bin/python bench/bench_statement.py                    # 200 members, 10 y vs 1 y, last full month
    .venv/bin/python bench/bench_statement.py --runs 21 --month 2026-03
    .venv/bin/python bench/bench_statement.py --rebuild          # rebuild the cached databases
    .venv/bin/python bench/bench_statement.py --profile          # cProfile of warm runs on the 10-year db

Both databases are built through the import path (demo_document → import_document) and cached in
--workdir, keyed by everything their content depends on. A "run" computes the statement of every
district for the month in one new session (``statement_for`` per district) and is timed per district
and summed. Warm figures are the median of --runs runs after --warmup runs, the two databases taking
turns so that drift in the machine hits both alike. The cold figure is the first run in a fresh
Python process right after ``open_database`` (empty SQLAlchemy and SQLite caches; the operating
system's file cache is not dropped).

Targets (the performance issue): a month's statement for 200 members takes at most 0.2 s, and on the
10-year database at most 1.2 x what it takes on the 1-year database.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import common  # bench/common.py: the script's folder is on sys.path when it is run
from sqlalchemy import event, func, select, text

from coopdesk.core.calendar import Month
from coopdesk.core.models import Attendance
from coopdesk.core.services import lookups
from coopdesk.core.statement import statement_for
from coopdesk.storage.database import Database, open_database

TARGET_SECONDS = 0.2
TARGET_RATIO = 1.2
BIG_TABLE_ROWS = 1_000  # a full scan of a table larger than this is reported as a problem


def run_once(database: Database, month: Month) -> tuple[dict[str, float], dict[str, int]]:
    """Every district's statement for ``month`` in one new session: seconds and rows per district."""
    times: dict[str, float] = {}
    rows: dict[str, int] = {}
    with database.session() as session:
        names = [d.name for d in lookups.districts(session)]
        for name in names:
            start = time.perf_counter()
            statement = statement_for(session, name, month)
            times[name] = time.perf_counter() - start
            rows[name] = len(statement.rows)
    return times, rows


def cold_run(path: Path, month: Month, *, profile: bool = False) -> None:
    """In a fresh process: open the database and time the first run (printed as one JSON line last)."""
    database, opened = common.timed(open_database, str(path), create=False)
    try:
        with common.profiled(profile):
            times, _rows = run_once(database, month)
    finally:
        database.close()
    print(json.dumps({"open": opened, "times": times}))


def cold_in_subprocess(path: Path, month: Month) -> dict[str, Any]:
    script = Path(__file__).resolve()
    done = subprocess.run(
        [sys.executable, str(script), "--cold-run", str(path), "--month", str(month)],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ.copy(),
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def month_records(database: Database, month: Month) -> tuple[int, int]:
    with database.session() as session:
        total = session.scalar(select(func.count()).select_from(Attendance)) or 0
        in_month = (
            session.scalar(
                select(func.count())
                .select_from(Attendance)
                .where(Attendance.day >= month.first, Attendance.day <= month.last)
            )
            or 0
        )
    return total, in_month


# --- query plans ----------------------------------------------------------------------------------


def explain_statement_queries(database: Database, month: Month) -> tuple[list[str], list[str]]:
    """Run the statements once and capture their SQL; SQLite's plan for each as report lines, and problems."""
    captured: dict[str, Any] = {}

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, executemany: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT") and not executemany:
            captured.setdefault(statement, parameters)

    event.listen(database.engine, "before_cursor_execute", capture)
    try:
        run_once(database, month)
    finally:
        event.remove(database.engine, "before_cursor_execute", capture)

    problems: list[str] = []
    lines = [f"\nEXPLAIN QUERY PLAN of the {len(captured)} distinct queries of one run (long database)"]
    with database.engine.connect() as connection:
        counts: dict[str, int] = {}
        for number, (sql, parameters) in enumerate(captured.items(), start=1):
            plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, parameters).all()
            lines.append(f"\n[{number}] {' '.join(sql.split())[:160]}")
            depth: dict[int, int] = {0: 0}
            for node_id, parent, _unused, detail in plan:
                depth[node_id] = depth.get(parent, 0) + 1
                words = detail.split()
                table = words[1] if len(words) > 1 and words[0] in ("SCAN", "SEARCH") else None
                flag = ""
                if table and words[0] == "SCAN":
                    if table not in counts:
                        counts[table] = connection.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar() or 0
                    if counts[table] > BIG_TABLE_ROWS:
                        flag = f"   <-- full scan of {counts[table]:,} rows"
                        problems.append(f"query [{number}]: {detail} ({counts[table]:,} rows)")
                    else:
                        flag = f"   (small table, {counts[table]:,} rows)"
                lines.append(f"    {'  ' * depth[node_id]}{detail}{flag}")
    return lines, problems


def show_indexes(database: Database) -> list[str]:
    with database.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' ORDER BY tbl_name, name")
        ).all()
    lines = ["\nIndexes in the database"]
    for table, name, sql in rows:
        lines.append(f"    {table}: {name}{'' if sql else '  (automatic: primary key / unique constraint)'}")
    return lines


# --- main -------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    common.add_demo_arguments(parser, years=10)
    parser.add_argument("--short-years", type=float, default=1, help="years of the short database (default 1)")
    parser.add_argument("--month", type=Month.parse, help="YYYY-MM (default: the last complete month before --today)")
    parser.add_argument("--runs", type=int, default=15, help="timed warm runs per database (default 15)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs per database first (default 2)")
    parser.add_argument("--workdir", type=Path, default=common.DEFAULT_WORKDIR, help="cache folder of the databases")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached databases")
    parser.add_argument("--no-explain", action="store_true", help="skip EXPLAIN QUERY PLAN")
    parser.add_argument("--profile", action="store_true", help="cProfile --runs warm runs on the long database")
    parser.add_argument("--cold-run", type=Path, help=argparse.SUPPRESS)  # internal: the cold subprocess
    args = parser.parse_args(argv)

    common.isolate_home(args.workdir)
    month = args.month or common.last_complete_month(args.today)
    if args.cold_run:
        cold_run(args.cold_run, month, profile=args.profile)
        return 0

    dense = not args.sparse
    print(
        f"coopdesk statement benchmark: {args.members} members, {args.years:g} y vs {args.short_years:g} y, "
        f"{'dense' if dense else 'default (sparse)'} demo, today {args.today}, month {month}"
    )
    print(f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.platform()}")

    databases: dict[str, Path] = {}
    for label, years in (("long", args.years), ("short", args.short_years)):
        path, built = common.cached_database(
            args.workdir,
            members=args.members,
            years=years,
            today=args.today,
            seed=args.seed,
            dense=dense,
            rebuild=args.rebuild,
        )
        how = f"built in {built.import_total:.2f} s" if built else "cached"
        print(f"{years:g}-year database ({how}): {path}")
        databases[label] = path
    long_label, short_label = f"{args.years:g} y", f"{args.short_years:g} y"

    # Cold: a fresh process each, before this process touches the databases.
    cold = {label: cold_in_subprocess(path, month) for label, path in databases.items()}

    opened = {label: open_database(str(path), create=False) for label, path in databases.items()}
    try:
        for label, database in opened.items():
            total, in_month = month_records(database, month)
            print(f"{label:>5}: {total:,} attendance records, {in_month:,} in {month}")
        rows: dict[str, dict[str, int]] = {}
        for _ in range(args.warmup):
            for label, database in opened.items():
                _times, rows[label] = run_once(database, month)
        if not rows:
            for label, database in opened.items():
                _times, rows[label] = run_once(database, month)  # only for the row counts; not timed
        runs: dict[str, list[dict[str, float]]] = {label: [] for label in opened}
        if args.profile:
            with common.profiled(True):
                for _ in range(args.runs):
                    run_once(opened["long"], month)
            print("(--profile: the warm timings below are taken after the profiled runs, without the profiler)")
        for _ in range(args.runs):
            for label, database in opened.items():
                times, _rows = run_once(database, month)
                runs[label].append(times)
        plans: list[str] = []
        problems: list[str] = []
        if not args.no_explain:
            plans, problems = explain_statement_queries(opened["long"], month)
            plans += show_indexes(opened["long"])
    finally:
        for database in opened.values():
            database.close()

    s = common.seconds
    districts = list(runs["long"][0])
    print(f"\nWarm runs, seconds for all {len(districts)} districts' statements (sum), in run order:")
    for label, label_text in (("long", long_label), ("short", short_label)):
        print(f"  {label_text:>5}: " + "  ".join(f"{sum(t.values()) * 1000:.1f}" for t in runs[label]) + "  (ms)")

    table = []
    ratio_by_district: dict[str, float] = {}
    for name in [*districts, "ALL (sum)"]:

        def pick(label: str, name: str = name) -> list[float]:
            return [sum(t.values()) if name == "ALL (sum)" else t[name] for t in runs[label]]

        long_med, short_med = common.median(pick("long")), common.median(pick("short"))
        ratio_by_district[name] = long_med / short_med
        long_cold = sum(cold["long"]["times"].values()) if name == "ALL (sum)" else cold["long"]["times"][name]
        short_cold = sum(cold["short"]["times"].values()) if name == "ALL (sum)" else cold["short"]["times"][name]
        row_count = (
            sum(rows["long"].values()) if name == "ALL (sum)" else rows["long"][name],
            sum(rows["short"].values()) if name == "ALL (sum)" else rows["short"][name],
        )
        table.append(
            (
                name,
                f"{row_count[0]} / {row_count[1]}",
                s(long_cold),
                s(min(pick("long"))),
                s(long_med),
                s(max(pick("long"))),
                s(short_cold),
                s(short_med),
                f"{ratio_by_district[name]:.2f}",
            )
        )
    common.print_table(
        (
            "district",
            "rows long/short",
            f"{long_label} cold",
            f"{long_label} min",
            f"{long_label} median",
            f"{long_label} max",
            f"{short_label} cold",
            f"{short_label} median",
            "ratio (median)",
        ),
        table,
        title=f"Statements for {month}: {args.runs} warm runs after {args.warmup} warm-up run(s) per database",
    )
    print(
        f"\nopen_database in the cold process: {long_label} {s(cold['long']['open'])}, "
        f"{short_label} {s(cold['short']['open'])} (not included above)"
    )

    long_median = common.median([sum(t.values()) for t in runs["long"]])
    long_cold = sum(cold["long"]["times"].values())
    ratio = ratio_by_district["ALL (sum)"]
    cold_ratio = long_cold / sum(cold["short"]["times"].values())
    print(f"cold ratio {long_label}/{short_label}: {cold_ratio:.2f} (one sample each: for information)")
    print("\n".join(plans))
    if problems:
        print("\nQuery plan problems:\n  " + "\n  ".join(problems))
    elif not args.no_explain:
        print("\nQuery plans: every large table is reached through an index (no full scans).")

    print()
    target = f"statements of {month} for {args.members} members ({len(districts)} districts summed), {long_label}"
    print(common.verdict(f"{target}, warm median <= {TARGET_SECONDS:g} s", s(long_median), long_median <= 0.2))
    print(common.verdict(f"{target}, cold first run <= {TARGET_SECONDS:g} s", s(long_cold), long_cold <= 0.2))
    print(
        common.verdict(
            f"{long_label}/{short_label} ratio of warm medians <= {TARGET_RATIO:g}",
            f"{ratio:.2f} ({s(long_median)} / {s(common.median([sum(t.values()) for t in runs['short']]))})",
            ratio <= TARGET_RATIO,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
