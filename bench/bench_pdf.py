"""Benchmark: the statement PDF of a 200-row statement.

    .venv/bin/python bench/bench_pdf.py               # 200 rows, in-process and whole process
    .venv/bin/python bench/bench_pdf.py --rows 60 --runs 21
    .venv/bin/python bench/bench_pdf.py --no-process  # only the in-process comparison

The statement comes from the demo cooperative through the import path: ``demo_document`` with every
placement moved to the host district and just enough members kept for the month to have exactly
--rows statement rows, imported into a fresh SQLite file in a temporary folder.

Targets (the PDF issue):

1. In process: ``statement_pdf(statement)`` takes at most 1.5 x what reportlab needs to build a bare
   table of the same rows: the same cell texts as plain strings in the same embedded font (DejaVu
   Sans, which the names need) on landscape A4 with the head row repeated, and nothing else (no
   page head or footer, no styling, no summary). The two take turns, --runs times each after
   --warmup untimed runs; the verdict compares the medians.
2. The whole process: ``coopdesk statement --format pdf`` (or, until the CLI has that flag, a
   ``python -c`` that opens the database and writes the PDF through the same function) compared with
   LibreOffice headless converting an .xlsx of the same table to PDF. Needs openpyxl (only for this
   benchmark: ``.venv/bin/pip install openpyxl``) and ``soffice`` (Debian: libreoffice-calc-nogui);
   without them this part is skipped with a message. Figures only, no target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import common  # bench/common.py: the script's folder is on sys.path when it is run
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from coopdesk.core.calendar import Month
from coopdesk.core.demo import demo_document
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.services import users
from coopdesk.core.statement import Statement, statement_for
from coopdesk.reports.pdf_kit import FONT, TABLE_SIZE, register_fonts
from coopdesk.reports.statement_pdf import statement_pdf
from coopdesk.reports.statement_pdf_table import columns
from coopdesk.storage.database import open_database

TARGET_RATIO = 1.5


# --- the data ------------------------------------------------------------------------------------


def _active(placement: dict[str, Any], month: Month) -> bool:
    start = dt.date.fromisoformat(placement["start"])
    end = dt.date.fromisoformat(placement["end"]) if placement["end"] else None
    return start <= month.last and (end is None or end >= month.first)


def one_district_document(
    today: dt.date, month: Month, rows: int, seed: int, *, years: float = 0.5
) -> tuple[dict[str, Any], str]:
    """A demo document of ``years`` whose host district has exactly ``rows`` statement rows in ``month``."""
    members = rows + rows // 4 + 10
    while True:
        document = demo_document(today, members=members, years=years, seed=seed)
        host = document["cooperative"]["host_district"]
        kept, count = [], 0
        for member in document["members"]:
            for placement in member["placements"]:
                placement["district"] = host
            active = sum(_active(p, month) for p in member["placements"])
            if active and count + active <= rows:
                kept.append(member)
                count += active
        if count == rows:
            break
        members += rows // 2  # too few members active in the month: ask the generator for more
    keys = {m["key"] for m in kept}
    document["members"] = kept
    document["attendance"] = [a for a in document["attendance"] if a["member"] in keys]
    for part in ("care_plans", "journal", "deviations"):  # the social documentation of the members kept
        document[part] = [item for item in document[part] if item["member"] in keys]
    return document, host


BENCH_LOGIN, BENCH_PASSWORD = "bench", "bench-lösenord"


def build(workdir: Path, today: dt.date, month: Month, rows: int, seed: int) -> tuple[Path, str, Statement]:
    document, host = one_district_document(today, month, rows, seed)
    path = workdir / f"pdf-bench-{rows}.db"
    database = open_database(str(path))
    try:
        with database.session() as session:
            # The CLI logs in like a script would (COOPDESK_USER / COOPDESK_PASSWORD, see process_part).
            admin = users.create_first_admin(session, BENCH_LOGIN, "Bench Administratör", BENCH_PASSWORD)
            import_document(session, document, actor=admin, today=today)
        with database.session() as session:
            statement = statement_for(session, host, month)
    finally:
        database.close()
    assert len(statement.rows) == rows, (len(statement.rows), rows)
    return path, host, statement


# --- the two builders --------------------------------------------------------------------------------


def table_cells(statement: Statement) -> list[list[str]]:
    """The member table's head and rows as plain strings (lines joined by newlines)."""
    cols = columns(statement.month.number_of_days)
    data = [[c.head for c in cols]]
    for row in statement.rows:
        cells = (c.cell(row) for c in cols)
        data.append([v if isinstance(v, str) else "\n".join(text for text, _f, _c in v) for v in cells])
    return data


def bare_table_pdf(statement: Statement) -> bytes:
    """What reportlab needs at the least for the same table: the cells, the font, the repeated head."""
    register_fonts()
    data = table_cells(statement)
    buffer = io.BytesIO()
    table = Table(data, repeatRows=1, style=TableStyle([("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE)]))
    SimpleDocTemplate(buffer, pagesize=landscape(A4)).build([table])
    return buffer.getvalue()


def interleaved(runs: int, warmup: int, **builders: Callable[[], bytes]) -> dict[str, list[float]]:
    for _ in range(warmup):
        for build_pdf in builders.values():
            build_pdf()
    times: dict[str, list[float]] = {name: [] for name in builders}
    for _ in range(runs):
        for name, build_pdf in builders.items():
            start = time.perf_counter()
            build_pdf()
            times[name].append(time.perf_counter() - start)
    return times


# --- the whole process ------------------------------------------------------------------------------


def cli_has_pdf() -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "coopdesk", "statement", "--help"], capture_output=True, text=True, check=False
    )
    return "pdf" in done.stdout


PYTHON_PDF = """
import sys
from pathlib import Path
from coopdesk.core.calendar import Month
from coopdesk.core.statement import statement_for
from coopdesk.reports.statement_pdf import statement_pdf
from coopdesk.storage.database import open_database
database = open_database(sys.argv[1], create=False)
with database.session() as session:
    statement = statement_for(session, sys.argv[2], Month.parse(sys.argv[3]))
Path(sys.argv[4]).write_bytes(statement_pdf(statement))
database.close()
"""


def write_xlsx(data: list[list[str]], path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in data:
        sheet.append(row)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = "1:1"
    book.save(path)


def time_command(command: list[str], runs: int, env: dict[str, str]) -> list[float]:
    subprocess.run(command, check=True, capture_output=True, env=env)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return times


def process_part(args: argparse.Namespace, workdir: Path, db: Path, host: str, statement: Statement) -> None:
    env = os.environ.copy()
    env.update(COOPDESK_USER=BENCH_LOGIN, COOPDESK_PASSWORD=BENCH_PASSWORD)
    out = workdir / "statement.pdf"
    if cli_has_pdf():
        label = "coopdesk statement --format pdf"
        command = [sys.executable, "-m", "coopdesk", "--db", str(db), "statement", "--month", str(args.month)]
        command += ["--district", host, "--format", "pdf", "-o", str(out)]
    else:
        label = "python -c (open the database, statement_for, statement_pdf, write)"
        print("\nThe CLI has no --format pdf yet: timing a python -c that does what it will do instead.")
        command = [sys.executable, "-c", PYTHON_PDF, str(db), host, str(args.month), str(out)]
    ours = time_command(command, args.process_runs, env)

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        openpyxl_missing = True
    else:
        openpyxl_missing = False
    rows = [[label, common.seconds(min(ours)), common.seconds(statistics.median(ours))]]
    if soffice is None or openpyxl_missing:
        missing = "soffice (apt-get install libreoffice-calc-nogui)" if soffice is None else "openpyxl"
        print(f"\nSkipped LibreOffice: {missing} is not installed.")
    else:
        xlsx = workdir / "statement.xlsx"
        write_xlsx(table_cells(statement), xlsx)
        profile = (workdir / "lo-profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        command += ["--outdir", str(workdir / "lo"), str(xlsx)]
        office = time_command(command, args.process_runs, env)
        rows.append(["LibreOffice headless: xlsx of the same table → PDF", common.seconds(min(office))])
        rows[-1].append(common.seconds(statistics.median(office)))
        print(f"\nLibreOffice / ours (medians): {statistics.median(office) / statistics.median(ours):.1f} x")
    common.print_table(["whole process", "min", "median"], rows, title=f"Whole process, {args.process_runs} runs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=200, help="statement rows (default 200)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=common.DEFAULT_TODAY)
    parser.add_argument("--month", type=Month.parse, default=None, help="default: the last full month")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=15, help="timed in-process runs of each (default 15)")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--process-runs", type=int, default=5, help="timed runs of each process (default 5)")
    parser.add_argument("--no-process", action="store_true", help="skip the whole-process comparison")
    args = parser.parse_args()
    args.month = args.month or common.last_complete_month(args.today)

    with tempfile.TemporaryDirectory(prefix="coopdesk-pdf-bench-") as tmp:
        workdir = Path(tmp)
        common.isolate_home(workdir)
        (db, host, statement), built = common.timed(build, workdir, args.today, args.month, args.rows, args.seed)
        pdf = statement_pdf(statement)
        bare = bare_table_pdf(statement)
        print(f"{len(statement.rows)} rows of {host}, {args.month}; database built in {common.seconds(built)}")
        print(f"statement PDF {len(pdf) / 1000:.0f} kB; bare table PDF {len(bare) / 1000:.0f} kB")

        times = interleaved(
            args.runs, args.warmup, statement=lambda: statement_pdf(statement), bare=lambda: bare_table_pdf(statement)
        )
        rows = [
            [name, common.seconds(min(values)), common.seconds(statistics.median(values)), common.seconds(max(values))]
            for name, values in (("statement_pdf (the statement)", times["statement"]), ("bare table", times["bare"]))
        ]
        common.print_table(["in process", "min", "median", "max"], rows, title=f"In process, {args.runs} runs each")
        ratio = statistics.median(times["statement"]) / statistics.median(times["bare"])

        if not args.no_process:
            process_part(args, workdir, db, host, statement)

    print()
    print(
        common.verdict(
            f"statement PDF of {args.rows} rows <= {TARGET_RATIO} x a bare table",
            f"{ratio:.2f} x",
            ratio <= TARGET_RATIO,
        )
    )


if __name__ == "__main__":
    main()
