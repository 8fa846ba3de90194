"""Benchmark: the year in figures for 200 members on a 10-year database (issue 16.7).

    .venv/bin/python bench/bench_yearly.py                 # 200 members, 10 y, dense; the last full year
    .venv/bin/python bench/bench_yearly.py --runs 7 --year 2025

The database is the cached demo of bench_statement.py (built through the import path the first time).
A run computes ``yearly_figures`` for the year in one new session (12 months × every district's
statement), then its JSON document, its PDF with the charts, and its workbook, each timed apart. Warm
figures are the median of --runs runs after one untimed run.

Targets: the JSON form (figures + document) at most 1 s; the PDF with charts (figures + PDF) at most 3 s.

Beside them, a baseline measured in the same run: the same year's 12 × districts statements computed one
at a time, each with its own month's queries (compute_statement without shared inputs: how the figures
were read before they loaded the year in one pass), and one month's statements for scale.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import time
from pathlib import Path

import common  # bench/common.py: the script's folder is on sys.path when it is run

from coopdesk.core.calendar import Month
from coopdesk.core.services import lookups
from coopdesk.core.statement import compute_statement, statements_for_all
from coopdesk.core.yearly import yearly_figures
from coopdesk.reports.yearly_json import dumps, yearly_document
from coopdesk.reports.yearly_pdf import yearly_pdf
from coopdesk.reports.yearly_xlsx import yearly_xlsx
from coopdesk.storage.database import open_database

TARGET_JSON = 1.0
TARGET_PDF = 3.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    common.add_demo_arguments(parser, years=10)
    parser.add_argument("--year", type=int, help="the year (default: the last complete year before --today)")
    parser.add_argument("--runs", type=int, default=5, help="timed warm runs (default 5)")
    parser.add_argument("--workdir", type=Path, default=common.DEFAULT_WORKDIR, help="cache folder of the database")
    args = parser.parse_args(argv)
    common.isolate_home(args.workdir)
    year = args.year or args.today.year - 1
    dense = not args.sparse
    print(f"coopdesk yearly benchmark: {args.members} members, {args.years:g} y, year {year}")
    print(f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.platform()}")
    path, built = common.cached_database(
        args.workdir, members=args.members, years=args.years, today=args.today, seed=args.seed, dense=dense
    )
    print(f"database ({f'built in {built.import_total:.2f} s' if built else 'cached'}): {path}")
    database = open_database(str(path), create=False)
    figures_s: list[float] = []
    json_s: list[float] = []
    pdf_s: list[float] = []
    xlsx_s: list[float] = []
    try:
        for run in range(args.runs + 1):
            start = time.perf_counter()
            with database.session() as session:
                yearly = yearly_figures(session, year)
            figured = time.perf_counter()
            dumps(yearly_document(yearly))
            jsoned = time.perf_counter()
            pdf = yearly_pdf(yearly)
            pdfed = time.perf_counter()
            yearly_xlsx(yearly)
            xlsxed = time.perf_counter()
            if run == 0:
                print(f"first run: figures {figured - start:.3f} s, PDF {len(pdf) // 1024} KB")
                continue
            figures_s.append(figured - start)
            json_s.append(jsoned - figured)
            pdf_s.append(pdfed - jsoned)
            xlsx_s.append(xlsxed - pdfed)
        one_by_one: list[float] = []
        one_month: list[float] = []
        for _run in range(max(1, args.runs // 2)):
            with database.session() as session:
                start = time.perf_counter()
                for month in (Month(year, m) for m in range(1, 13)):
                    for district in lookups.districts(session):
                        compute_statement(session, district, month, warnings=False)
                one_by_one.append(time.perf_counter() - start)
                start = time.perf_counter()
                statements_for_all(session, Month(year, 6))
                one_month.append(time.perf_counter() - start)
    finally:
        database.close()
    print(
        f"baseline, same run: the year's statements one at a time {common.median(one_by_one):.3f} s; "
        f"one month's statements (June, with warnings) {common.median(one_month):.3f} s"
    )
    figures, as_json = common.median(figures_s), common.median(json_s)
    as_pdf, as_xlsx = common.median(pdf_s), common.median(xlsx_s)
    print(f"members {yearly.members.total}, attended days {yearly.totals.attended_days}")
    print(
        f"median of {args.runs}: figures {figures:.3f} s, JSON {as_json:.3f} s, "
        f"PDF {as_pdf:.3f} s, XLSX {as_xlsx:.3f} s"
    )
    print(common.verdict(f"JSON (figures + document) <= {TARGET_JSON:g} s", f"{figures + as_json:.3f} s",
                         figures + as_json <= TARGET_JSON))  # fmt: skip
    print(common.verdict(f"PDF with charts (figures + PDF) <= {TARGET_PDF:g} s", f"{figures + as_pdf:.3f} s",
                         figures + as_pdf <= TARGET_PDF))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
