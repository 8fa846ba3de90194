"""Benchmark: build a large database through the import path and print where the time goes.

    .venv/bin/python bench/bench_import.py                      # 200 members x 10 years, dense demo
    .venv/bin/python bench/bench_import.py --members 20 --years 1 --sparse
    .venv/bin/python bench/bench_import.py --db /tmp/big.db      # keep the database
    .venv/bin/python bench/bench_import.py --profile             # cProfile of the whole build

Target (the performance issue): importing 200 members x 10 years (about 500,000 attendance records)
into a fresh SQLite file takes at most 30 s.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sqlite3
import tempfile
from pathlib import Path

import common  # bench/common.py: the script's folder is on sys.path when it is run

TARGET_SECONDS = 30.0
TARGET_RECORDS = 500_000
SCALE_FROM = 100_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    common.add_demo_arguments(parser, years=10)
    parser.add_argument("--db", type=Path, help="write the database here (must not exist) and keep it")
    parser.add_argument("--no-json", action="store_true", help="skip the JSON text round trip")
    parser.add_argument("--profile", action="store_true", help="run the build under cProfile and print hot spots")
    args = parser.parse_args(argv)
    if args.db is not None and args.db.exists():
        parser.error(f"--db {args.db} exists already; the import needs a new file")

    workdir = Path(tempfile.mkdtemp(prefix="coopdesk-bench-import-"))
    common.isolate_home(workdir)
    path = args.db or workdir / "import.db"
    dense = not args.sparse
    print(
        f"coopdesk import benchmark: {args.members} members x {args.years:g} years, "
        f"{'dense' if dense else 'default (sparse)'} demo, today {args.today}, seed {args.seed}"
    )
    print(
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.platform()}, "
        f"{platform.processor() or platform.machine()}"
    )
    print(f"database: {path}")
    try:
        with common.profiled(args.profile):
            f = common.build_database(
                path,
                members=args.members,
                years=args.years,
                today=args.today,
                seed=args.seed,
                dense=dense,
                json_round_trip=not args.no_json,
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)  # the temporary database unless --db, and COOPDESK_HOME

    s = common.seconds
    steps = [
        ("generate the demo document", s(f.generate), "demo_document(...)"),
        ("json.dumps (as the exporter)", s(f.json_dumps), common.megabytes(f.json_bytes) if f.json_bytes else "-"),
        ("reader.loads (as the importer)", s(f.json_loads), "parse_float=Decimal"),
        ("open (create file, migrate)", s(f.open), "open_database"),
        ("import: database is empty?", s(f.check_empty), ""),
        ("import: validate", s(f.validate), "in memory, core/rules.py"),
        ("import: write", s(f.write), "bulk inserts + flush + audit entry"),
        ("commit", s(f.commit), "WAL, synchronous=FULL"),
        ("close", s(f.close), "WAL checkpoint into the file"),
        ("import_document + commit", s(f.import_document), "empty? + validate + write + commit"),
        ("IMPORT TOTAL", s(f.import_total), "loads + open + import + commit + close"),
    ]
    common.print_table(("step", "time", "note"), steps, title="Steps", align="lrl")

    table_rows = []
    for table, (total, in_sqlite) in sorted(f.per_table.items(), key=lambda kv: -kv[1][0]):
        rows = f.per_table_rows.get(table, 0)
        table_rows.append(
            (
                table,
                f"{rows:,}",
                s(total),
                s(in_sqlite),
                s(total - in_sqlite),
                f"{rows / total:,.0f}" if total and rows else "-",
            )
        )
    common.print_table(
        ("table", "rows", "write", "in SQLite", "SQLAlchemy", "rows/s"),
        table_rows,
        title="Write step by table (SQLAlchemy = parameter processing outside cursor.executemany)",
    )

    records = f.records
    extrapolated = f.import_total * TARGET_RECORDS / f.attendance if f.attendance else 0.0
    scalable = f.attendance >= SCALE_FROM  # below this, fixed costs make a linear scaling meaningless
    figures = [
        ("attendance records", f"{f.attendance:,}"),
        ("attendance hour rows", f"{f.attendance_hours:,}"),
        ("supervisor hour entries", f"{f.supervisor_hours:,}"),
        ("database file size", common.megabytes(f.db_bytes)),
        ("records/s (attendance + supervisor hours, import total)", f"{records / f.import_total:,.0f}"),
        ("attendance records/s (import total)", f"{f.attendance / f.import_total:,.0f}"),
        (f"import total scaled to {TARGET_RECORDS:,} attendance records", s(extrapolated) if scalable else "-"),
        ("peak resident memory of this process", common.peak_memory()),
    ]
    common.print_table(("figure", "value"), figures, title="Figures")
    print(f"\nimported: {f.summary}")
    if args.profile:
        print("(times above are inflated by cProfile; run without --profile for real figures)")

    ok = f.import_total <= TARGET_SECONDS
    measured = f"{f.import_total:.2f} s for {f.attendance:,} attendance records"
    if scalable and f.attendance < TARGET_RECORDS:
        measured += f" ({extrapolated:.2f} s scaled to {TARGET_RECORDS:,})"
    target = f"import of {args.members} members x {args.years:g} years <= {TARGET_SECONDS:g} s"
    print("\n" + common.verdict(target, measured, ok))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
