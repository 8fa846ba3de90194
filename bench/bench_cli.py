"""Benchmark: the command line's fixed cost (issue 20.4) — ``coopdesk statement --format pdf`` as a whole
process against LibreOffice converting the same table from xlsx to PDF, side by side in one run.

    .venv/bin/python bench/bench_cli.py                       # 9 interleaved runs of each
    .venv/bin/python bench/bench_cli.py --runs 15
    .venv/bin/python bench/bench_cli.py --before /tmp/old     # also another checkout's code (PYTHONPATH)
    .venv/bin/python bench/bench_cli.py --rebuild             # rebuild the cached databases

Two encrypted 10-year databases, each with an administrator account (``coopdesk init --admin`` and
``coopdesk encrypt``, the user's own way), built through the import path and cached in --workdir:

- *one district*: the demo cooperative with every placement moved to the host district and just enough
  members kept for --month to have exactly --rows statement rows (bench_pdf.py's document, 10 years);
- *four districts*: the 200-member demo as it is (bench_statement.py's database), for ``--all``.

The xlsx LibreOffice converts is the program's own (``coopdesk statement --format xlsx``,
reports/statement_xlsx.py) of the same statement, written once before the timing. Each run deletes the
outputs first, so every run writes new files as a user's first run of the day does.

**The clock** starts just before the child process is started (``subprocess.Popen``) and stops when the
parent's ``wait`` returns, i.e. when the process has exited: the interpreter's start, every import, the
login with its key derivation, the statement, the rendering, writing the file and the interpreter's exit
are all inside, for both sides. After the clock stops the output is checked (each PDF exists, starts with
``%PDF-`` and ends with ``%%EOF``), so a run that exits early without a complete file cannot look fast.
LibreOffice runs with a fixed profile (``-env:UserInstallation``) warmed by one untimed conversion first,
its most favourable case; the four sheets are converted by one soffice process (one start for four files,
again its most favourable case). The password comes from COOPDESK_PASSWORD as in scripts.

Runs are interleaved (ours, LibreOffice, ours --all, LibreOffice ×4, the order of each pair alternating
from run to run) because other people's tests run on the same two cores: a busy stretch hits both sides
alike. The load average before and after is printed with the figures.

Targets: one district ≥ 2 × faster than LibreOffice; ``--all`` (4 districts) ≥ 3 × faster than
LibreOffice converting the four sheets (ratios of the medians).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import common  # bench/common.py: the script's folder is on sys.path when it is run
from bench_close import PASSWORD, with_account
from bench_pdf import one_district_document

from coopdesk.core.calendar import Month
from coopdesk.core.exchange.importer import import_document
from coopdesk.storage.database import open_database

TARGET_ONE = 2.0
TARGET_ALL = 3.0
LOGIN = "bench"  # the administrator with_account() makes


# --- the databases ------------------------------------------------------------------------------


def one_district_database(workdir: Path, args: argparse.Namespace) -> Path:
    """A 10-year database whose host district has exactly ``--rows`` rows in ``--month`` (cached)."""
    parameters, versions = common.cache_key(
        members=args.rows, years=args.years, today=args.today, seed=args.seed, dense=False
    )
    path = workdir / f"one-district-{args.rows}rows-{args.month}-{parameters}{versions}"
    if path.exists() and not args.rebuild:
        return path
    for stale in workdir.glob(f"one-district-{args.rows}rows-*"):
        stale.unlink()
    document, _host = one_district_document(args.today, args.month, args.rows, args.seed, years=args.years)
    building = workdir / (path.name + ".building")
    database = open_database(str(building), create=True)
    try:
        with database.session() as session:
            import_document(session, document, actor=common.ACTOR, today=args.today)
    finally:
        database.close()
    building.rename(path)
    return path


def encrypted(source: Path, workdir: Path, rebuild: bool) -> Path:
    if rebuild:
        target = workdir / f"{source.stem}-encrypted.db"
        for stale in (target, Path(f"{target}.keys")):
            stale.unlink(missing_ok=True)
    return with_account(source, workdir)


# --- running ------------------------------------------------------------------------------------


def coopdesk_command(db: Path, month: Month, *which: str) -> list[str]:
    return [sys.executable, "-m", "coopdesk", "--db", str(db), "statement", "--month", str(month), *which]


#: What every run of the command line imports whatever it does: the database layer, the PDF layout, the
#: encrypted database's driver (the stack chosen for coopdesk).
FLOOR_IMPORTS = ("sqlalchemy.orm", "reportlab.platypus", "sqlcipher3.dbapi2")


def floor_command() -> list[str]:
    return [sys.executable, "-c", f"import {', '.join(FLOOR_IMPORTS)}"]


def environment(workdir: Path, code: Path) -> dict[str, str]:
    """The child's environment: the checkout ``code`` first on the path, the benchmark's own data
    folder and the password as a script sets it."""
    env = dict(os.environ)
    # As installed (pip compiles on install, the installer bundles bytecode): not this container's
    # PYTHONDONTWRITEBYTECODE=1, which would make every run compile every module of coopdesk again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return dict(
        env,
        PYTHONPATH=str(code),
        COOPDESK_HOME=str(workdir / "home"),
        COOPDESK_USER=LOGIN,
        COOPDESK_PASSWORD=PASSWORD,
        COOPDESK_LANG="en",
    )  # the child's working directory is COOPDESK_HOME: ``python -m`` puts it first on sys.path


def compile_checkout(code: Path) -> None:
    """Bytecode for every module of ``code``'s coopdesk, as ``pip install`` leaves it (untimed)."""
    import compileall

    compileall.compile_dir(code / "coopdesk", quiet=1)


def complete_pdf(path: Path) -> bool:
    data = path.read_bytes() if path.is_file() else b""
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


class Side:
    """One thing timed: a command, the PDFs it must leave behind, and its times."""

    def __init__(self, label: str, command: list[str], env: dict[str, str], outputs: list[Path]) -> None:
        self.label, self.command, self.env, self.outputs = label, command, env, outputs
        self.times: list[float] = []

    def clean(self) -> None:
        for path in self.outputs:
            path.unlink(missing_ok=True)

    def run(self, *, timed: bool = True) -> None:
        self.clean()
        start = time.perf_counter()  # the clock: process start ...
        child = subprocess.Popen(
            # cwd: ``python -m`` puts the working directory first on sys.path, before PYTHONPATH
            self.command,
            env=self.env,
            cwd=self.env["COOPDESK_HOME"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        out, err = child.communicate()  # ... to process exit
        seconds = time.perf_counter() - start
        if child.returncode != 0:
            raise SystemExit(f"{self.label} failed ({child.returncode}):\n{out.decode()}\n{err.decode()}")
        broken = [str(p) for p in self.outputs if not complete_pdf(p)]
        if broken:
            raise SystemExit(f"{self.label}: incomplete or missing output: {', '.join(broken)}")
        if timed:
            self.times.append(seconds)


def soffice_side(label: str, soffice: str, profile: Path, xlsx: list[Path], outdir: Path, env: dict[str, str]) -> Side:
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf"]
    command += ["--outdir", str(outdir), *map(str, xlsx)]
    return Side(label, command, env, [outdir / (p.stem + ".pdf") for p in xlsx])


def write_xlsx(db: Path, month: Month, env: dict[str, str], folder: Path, *which: str) -> list[Path]:
    """The program's own xlsx of the same statements (untimed), for LibreOffice to convert."""
    shutil.rmtree(folder, ignore_errors=True)
    if "--all" in which:
        command = coopdesk_command(db, month, *which, "--format", "xlsx", "-o", str(folder))
    else:
        folder.mkdir(parents=True)
        command = coopdesk_command(db, month, *which, "--format", "xlsx", "-o", str(folder / "statement.xlsx"))
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=env["COOPDESK_HOME"])
    return sorted(folder.glob("*.xlsx"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9, help="timed runs of each (default 9)")
    parser.add_argument("--rows", type=int, default=200, help="statement rows of the one district (default 200)")
    parser.add_argument("--members", type=int, default=200, help="members of the four-district demo (default 200)")
    parser.add_argument("--years", type=float, default=10, help="years of data (default 10)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=common.DEFAULT_TODAY)
    parser.add_argument("--month", type=Month.parse, default=None, help="default: the last full month")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workdir", type=Path, default=common.DEFAULT_WORKDIR)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached databases")
    parser.add_argument("--before", type=Path, metavar="DIR", help="also time the CLI of another checkout")
    args = parser.parse_args()
    args.month = args.month or common.last_complete_month(args.today)
    workdir: Path = args.workdir
    common.isolate_home(workdir)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:  # the other benchmarks of `make bench` still run
        print("LibreOffice is not installed (apt-get install -y libreoffice-calc-nogui): nothing to compare with")
        for target in (f"{TARGET_ONE:g} x faster than LibreOffice", f"--all {TARGET_ALL:g} x faster than LibreOffice"):
            print(common.verdict(target, "not measured", False))
        return

    (workdir / "home").mkdir(parents=True, exist_ok=True)
    one_db = encrypted(one_district_database(workdir, args), workdir, args.rebuild)
    four_plain, _ = common.cached_database(
        workdir, members=args.members, years=args.years, today=args.today, seed=args.seed, dense=True
    )
    four_db = encrypted(four_plain, workdir, args.rebuild)
    here = common.ROOT
    for code in (here, *([args.before.resolve()] if args.before else [])):
        compile_checkout(code)
    env = environment(workdir, here)
    run_dir = workdir / "cli-run"
    shutil.rmtree(run_dir, ignore_errors=True)
    host = _host_district(one_db, env, args.month)

    one_xlsx = write_xlsx(one_db, args.month, env, run_dir / "xlsx-one", "--district", host)
    all_xlsx = write_xlsx(four_db, args.month, env, run_dir / "xlsx-all", "--all")
    profile = workdir / "lo-profile"

    def ours(label: str, code: Path, tag: str) -> tuple[Side, Side]:
        one_pdf = run_dir / f"{tag}-one.pdf"
        all_dir = run_dir / f"{tag}-all"
        names = [p.stem + ".pdf" for p in all_xlsx]
        single = Side(
            f"{label} --district",
            coopdesk_command(one_db, args.month, "--district", host, "--format", "pdf", "-o", str(one_pdf)),
            environment(workdir, code),
            [one_pdf],
        )
        every = Side(
            f"{label} --all",
            coopdesk_command(four_db, args.month, "--all", "--format", "pdf", "-o", str(all_dir)),
            environment(workdir, code),
            [all_dir / n for n in names],
        )
        return single, every

    single, every = ours("coopdesk statement --format pdf", here, "ours")
    office_one = soffice_side("LibreOffice xlsx → pdf, 1 sheet", soffice, profile, one_xlsx, run_dir / "lo-one", env)
    office_all = soffice_side("LibreOffice xlsx → pdf, 4 sheets", soffice, profile, all_xlsx, run_dir / "lo-all", env)
    sides = [single, office_one, every, office_all]
    before: list[Side] = []
    if args.before is not None:
        before = list(ours("before: coopdesk statement --format pdf", args.before.resolve(), "before"))
    # The floor of the chosen stack: a process that only starts Python, imports SQLAlchemy's ORM,
    # reportlab's platypus and sqlcipher3, and exits. No program built on them can start faster.
    floor = Side(f"floor: python -c 'import {', '.join(FLOOR_IMPORTS)}'", floor_command(), env, [])
    pairs = [
        (single, office_one),
        (every, office_all),
        *([(before[0], before[1])] if before else []),
        (floor,),
    ]

    print(f"{args.rows} rows of {host} and {len(all_xlsx)} districts ({args.members} members), {args.month}, ")
    print(f"{args.years:g} years, encrypted; {args.runs} interleaved runs of each after one untimed run")
    load_before = os.getloadavg()
    for side in [*sides, *before, floor]:  # untimed: the file cache, LibreOffice's profile
        side.run(timed=False)
    for run in range(args.runs):
        for pair in pairs:
            for side in pair if run % 2 == 0 else pair[::-1]:
                side.run()
    load_after = os.getloadavg()

    table = [
        [
            s.label,
            common.seconds(min(s.times)),
            common.seconds(statistics.median(s.times)),
            common.seconds(max(s.times)),
        ]
        for s in [*sides, *before, floor]
    ]
    common.print_table(["whole process (start to exit)", "min", "median", "max"], table, title="Medians")
    print(
        f"\n{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} cores, "
        f"load average (1 min) {load_before[0]:.2f} before, {load_after[0]:.2f} after"
    )
    one_ratio = statistics.median(office_one.times) / statistics.median(single.times)
    all_ratio = statistics.median(office_all.times) / statistics.median(every.times)
    if before:
        for new, old in zip((single, every), before, strict=True):
            factor = statistics.median(old.times) / statistics.median(new.times)
            print(f"{old.label}: {factor:.2f} x the time of this checkout's")
    floor_ms = statistics.median(floor.times) * 1000
    print(
        f"the stack's imports alone take {floor_ms:.0f} ms; the targets leave "
        f"{statistics.median(office_one.times) / TARGET_ONE * 1000:.0f} ms for one district and "
        f"{statistics.median(office_all.times) / TARGET_ALL * 1000:.0f} ms for --all, everything included"
    )
    print()
    print(
        common.verdict(
            f"statement --format pdf ({args.rows} rows) >= {TARGET_ONE:g} x faster than LibreOffice",
            f"{one_ratio:.2f} x",
            one_ratio >= TARGET_ONE,
        )
    )
    print(
        common.verdict(
            f"statement --all --format pdf ({len(all_xlsx)} districts) >= {TARGET_ALL:g} x faster than LibreOffice",
            f"{all_ratio:.2f} x",
            all_ratio >= TARGET_ALL,
        )
    )


def _host_district(db: Path, env: dict[str, str], month: Month) -> str:
    """The district with rows in the one-district database (asked of the CLI: the file is encrypted)."""
    import json

    done = subprocess.run(
        coopdesk_command(db, month, "--all", "--format", "json"),
        env=env,
        check=True,
        capture_output=True,
        cwd=env["COOPDESK_HOME"],
    )
    statements = json.loads(done.stdout)
    return max(statements, key=lambda s: len(s["rows"]))["district"]


if __name__ == "__main__":
    main()
