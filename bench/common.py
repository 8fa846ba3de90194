"""Shared helpers of the benchmark scripts: arguments, timing, building a demo database, tables.

The scripts are run by hand (``.venv/bin/python bench/bench_import.py``) and only print figures;
nothing here is imported by the program or the test suite. A database is always built the way a
user builds one: ``demo_document`` → (JSON text →) ``import_document`` into a fresh SQLite file.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import json
import os
import pstats
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: make the source tree importable
    sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402
from sqlalchemy.orm import ORMExecuteState, Session  # noqa: E402

from coopdesk.core.audit import Actor  # noqa: E402
from coopdesk.core.calendar import Month  # noqa: E402
from coopdesk.core.demo import demo_document  # noqa: E402
from coopdesk.core.exchange import reader  # noqa: E402
from coopdesk.core.exchange.importer import ImportSummary, import_document  # noqa: E402
from coopdesk.storage.database import Database, open_database, schema_head  # noqa: E402

T = TypeVar("T")

# A fixed "today" so that figures and cached databases are comparable from one run to the next.
DEFAULT_TODAY = dt.date(2026, 5, 20)
DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "coopdesk-bench"
ACTOR = Actor("benchmark")


# --- arguments --------------------------------------------------------------------------------


def add_demo_arguments(parser: argparse.ArgumentParser, *, years: float) -> None:
    """--members, --years, --today, --seed and --sparse: what the demo document is made of."""
    parser.add_argument("--members", type=int, default=200, help="members in the demo (default 200)")
    parser.add_argument("--years", type=float, default=years, help=f"years of data (default {years:g})")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=DEFAULT_TODAY,
        help=f"the demo's 'today'; data runs up to the day before (default {DEFAULT_TODAY})",
    )
    parser.add_argument("--seed", type=int, default=2026, help="the demo's seed (default 2026)")
    parser.add_argument(
        "--sparse",
        action="store_true",
        help="the default demo (part-week members, unregistered days) instead of dense=True "
        "(every member Monday-Friday, every planned day registered)",
    )


def isolate_home(workdir: Path) -> None:
    """Keep the benchmark away from the user's data folder (migration backups, logs)."""
    os.environ.setdefault("COOPDESK_HOME", str(workdir / "home"))


def last_complete_month(today: dt.date) -> Month:
    return Month.of(today.replace(day=1) - dt.timedelta(days=1))


# --- timing and printing ------------------------------------------------------------------------


class Stopwatch:
    """``with Stopwatch() as w: ...`` then ``w.seconds``."""

    seconds: float = 0.0

    def __enter__(self) -> Stopwatch:
        self._start = time.perf_counter()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.seconds = time.perf_counter() - self._start


def timed(fn: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def megabytes(value: int) -> str:
    return f"{value / 1_000_000:.1f} MB"


def peak_memory() -> str:
    """The process's peak resident memory so far (ru_maxrss is in KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return megabytes(peak if sys.platform == "darwin" else peak * 1024)


def print_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, title: str | None = None, align: str = ""
) -> None:
    """A plain text table. ``align`` has one letter per column, ``l`` or ``r``; by default the first
    column is left-aligned and the others right-aligned."""
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    align = align or "l" + "r" * (len(headers) - 1)

    def line(row: Sequence[str]) -> str:
        return "  ".join(
            (c.ljust(w) if a == "l" else c.rjust(w)) for c, w, a in zip(row, widths, align, strict=True)
        ).rstrip()

    if title:
        print(f"\n{title}")
    print(line(cells[0]))
    print("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print(line(row))


def verdict(target: str, measured: str, ok: bool) -> str:
    return f"target: {target}  measured: {measured}  {'OK' if ok else 'MISSED'}"


@contextmanager
def profiled(enabled: bool, *, top: int = 30) -> Iterator[None]:
    """Profile the block with cProfile and print the top functions by own time and by cumulative time."""
    if not enabled:
        yield
        return
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        yield
    finally:
        profiler.disable()
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(top)
            print(f"\n--- cProfile, top {top} by {order} ---")
            print(out.getvalue().split("\n", 6)[-1].rstrip())  # drop pstats' preamble


# --- building a database through the import path --------------------------------------------------


@dataclass
class ImportFigures:
    """What one import cost, step by step (seconds unless named otherwise)."""

    members: int
    years: float
    dense: bool
    generate: float = 0.0
    json_dumps: float = 0.0
    json_loads: float = 0.0
    json_bytes: int = 0
    open: float = 0.0  # create the file and run the migrations
    check_empty: float = 0.0  # import_document's "is the database empty" queries
    validate: float = 0.0
    write: float = 0.0  # the bulk inserts, flush and the audit entry
    commit: float = 0.0
    close: float = 0.0  # engine.dispose: the last connection checkpoints the WAL into the file
    db_bytes: int = 0
    attendance: int = 0
    attendance_hours: int = 0
    supervisor_hours: int = 0
    summary: str = ""
    # table -> [seconds from session.execute to the next statement, seconds inside cursor.executemany]
    per_table: dict[str, list[float]] = field(default_factory=dict)
    per_table_rows: dict[str, int] = field(default_factory=dict)

    @property
    def import_document(self) -> float:
        """import_document() plus its commit: what the importer itself costs."""
        return self.check_empty + self.validate + self.write + self.commit

    @property
    def import_total(self) -> float:
        """What ``coopdesk import FILE`` costs: parse the JSON text, open, import, commit, close."""
        return self.json_loads + self.open + self.import_document + self.close

    @property
    def records(self) -> int:
        return self.attendance + self.supervisor_hours

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class _WriteTimer:
    """Splits the write step by table with session and engine events (no copy of the importer's code).

    Every ``session.execute`` marks the start of a statement and so the end of the previous one: the
    time between two marks is the whole cost of a bulk insert (SQLAlchemy's parameter processing and
    SQLite). The cursor events give the part spent inside SQLite's ``executemany``.
    """

    def __init__(self, session: Session, database: Database) -> None:
        self.marks: list[tuple[float, str, int]] = []
        self.cursor: dict[str, float] = defaultdict(float)
        self.last_insert_end = 0.0
        self._cursor_start = 0.0
        self._session, self._engine = session, database.engine
        event.listen(session, "do_orm_execute", self._execute)
        event.listen(self._engine, "before_cursor_execute", self._before)
        event.listen(self._engine, "after_cursor_execute", self._after)

    def remove(self) -> None:
        event.remove(self._session, "do_orm_execute", self._execute)
        event.remove(self._engine, "before_cursor_execute", self._before)
        event.remove(self._engine, "after_cursor_execute", self._after)

    @staticmethod
    def _label(statement: Any) -> str:
        if getattr(statement, "is_insert", False):
            return statement.table.name
        return "(queries)"

    def _execute(self, state: ORMExecuteState) -> None:
        params = state.parameters
        rows = len(params) if isinstance(params, list) else 1
        self.marks.append((time.perf_counter(), self._label(state.statement), rows))

    def _before(self, _conn: Any, _cursor: Any, _statement: str, *_args: Any) -> None:
        self._cursor_start = time.perf_counter()

    def _after(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        words = statement.split()
        table = words[2].strip('"') if len(words) > 2 and words[0].upper() == "INSERT" else "(queries)"
        now = time.perf_counter()
        self.cursor[table] += now - self._cursor_start
        if table != "(queries)":
            self.last_insert_end = now

    def split(self, write_start: float, write_end: float) -> tuple[dict[str, list[float]], dict[str, int]]:
        inserts = [m for m in self.marks if write_start <= m[0] <= write_end]
        per_table: dict[str, list[float]] = {}
        rows: dict[str, int] = defaultdict(int)
        last_end = min(max(self.last_insert_end, inserts[-1][0]), write_end) if inserts else write_end
        for index, (start, table, count) in enumerate(inserts):
            end = inserts[index + 1][0] if index + 1 < len(inserts) else last_end
            entry = per_table.setdefault(table, [0.0, self.cursor.get(table, 0.0)])
            entry[0] += end - start
            rows[table] += count
        per_table["(after the inserts: flush, audit entry)"] = [write_end - last_end, 0.0]
        return per_table, dict(rows)


def build_database(
    path: Path,
    *,
    members: int,
    years: float,
    today: dt.date,
    seed: int = 2026,
    dense: bool = True,
    json_round_trip: bool = True,
) -> ImportFigures:
    """Generate the demo, optionally pass it through JSON text, and import it into a new file ``path``.

    The JSON step is the one ``coopdesk export`` / ``coopdesk import FILE`` take: ``json.dumps`` as
    the exporter writes (``ensure_ascii=False, indent=1``, UTF-8) and ``reader.loads`` as the importer
    reads (Decimal for numbers). ``path`` must not exist.
    """
    if path.exists():
        raise FileExistsError(path)
    figures = ImportFigures(members=members, years=years, dense=dense)
    document, figures.generate = timed(demo_document, today, members=members, years=years, seed=seed, dense=dense)
    if json_round_trip:
        start = time.perf_counter()
        raw = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        figures.json_dumps = time.perf_counter() - start
        figures.json_bytes = len(raw)
        del document
        document, figures.json_loads = timed(reader.loads, raw, str(path))
        del raw

    database, figures.open = timed(open_database, str(path), create=True)
    marks: dict[str, float] = {}
    try:
        with database.session() as session:  # commits when the block ends
            writes = _WriteTimer(session, database)
            try:
                start = time.perf_counter()
                summary: ImportSummary = import_document(
                    session,
                    document,
                    actor=ACTOR,
                    today=today,
                    progress=lambda step: marks.__setitem__(step, time.perf_counter()),
                )
                done = time.perf_counter()
            finally:
                writes.remove()
            commit_start = time.perf_counter()
        figures.commit = time.perf_counter() - commit_start
    finally:
        close_start = time.perf_counter()
        database.close()
        figures.close = time.perf_counter() - close_start

    figures.check_empty = marks["validate"] - start
    figures.validate = marks["write"] - marks["validate"]
    figures.write = done - marks["write"]
    figures.per_table, figures.per_table_rows = writes.split(marks["write"], done)
    figures.attendance = summary.attendance
    figures.supervisor_hours = summary.supervisor_hours
    figures.attendance_hours = figures.per_table_rows.get("attendance_hours", 0)
    figures.summary = summary.describe_en()
    figures.db_bytes = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))  # with -wal/-shm if left
    return figures


def cache_key(*, members: int, years: float, today: dt.date, seed: int, dense: bool) -> tuple[str, str]:
    """A file name that changes with everything the database's content depends on, split into the
    demo's parameters and the versions of the code (so stale versions can be found and removed)."""
    source = hashlib.sha256()
    modules = [ROOT / "coopdesk/core/demo.py", *sorted((ROOT / "coopdesk/core/exchange").glob("*.py"))]
    for module in modules:
        source.update(module.read_bytes())
    kind = "dense" if dense else "sparse"
    versions = f"schema{schema_head()}-src{source.hexdigest()[:10]}"
    return f"demo-{members}m-{years:g}y-{today}-seed{seed}-{kind}-", f"{versions}.db"


def cached_database(
    workdir: Path, *, members: int, years: float, today: dt.date, seed: int, dense: bool, rebuild: bool = False
) -> tuple[Path, ImportFigures | None]:
    """The demo database in ``workdir``, built (through the import path) unless a current one is there.

    Returns the path and, when it was built now, the import figures. A database is built under a
    temporary name and renamed when complete, so an interrupted build never looks like a cache hit.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    parameters, versions = cache_key(members=members, years=years, today=today, seed=seed, dense=dense)
    path = workdir / (parameters + versions)
    if path.exists() and not rebuild:
        return path, None
    for stale in workdir.glob(parameters + "*"):  # older code versions, the sidecar, an interrupted build
        stale.unlink()
    building = workdir / (path.name + ".building")
    figures = build_database(
        building, members=members, years=years, today=today, seed=seed, dense=dense, json_round_trip=False
    )
    if Path(f"{building}-wal").exists():  # normally checkpointed away on close; never rename without it
        connection = sqlite3.connect(building)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
    building.rename(path)
    (workdir / (path.name + ".json")).write_text(json.dumps(figures.to_json(), indent=1))
    return path, figures
