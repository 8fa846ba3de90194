"""Benchmark: the desktop app on the 200-member × 10-year database (start-up, month grid, one edit).

    .venv/bin/python bench/bench_gui.py                  # all three targets, about a minute
    .venv/bin/python bench/bench_gui.py --runs 11        # more start-up samples
    .venv/bin/python bench/bench_gui.py --profile        # cProfile of the month switches, the edits, a start-up
    .venv/bin/python bench/bench_gui.py --no-startup --automatic-gc   # Python's own collector, not the app's
    .venv/bin/python bench/bench_gui.py --before /tmp/before --rounds 3   # month grid + edits, old vs this code

The database is the one bench_statement.py uses (demo_document(dense=True) → import_document, cached
in --workdir); the script works on a copy of it, because the edits change it. Qt runs on the
``offscreen`` platform unless QT_QPA_PLATFORM is set, and QSettings live in a temporary folder
(XDG_CONFIG_HOME), so every run starts with the default window state (the Idag view).

1. **Start-up**: ``coopdesk --db FILE`` (``coopdesk.entry.main``, the real entry point and gui.run) and a
   bare PySide6 QMainWindow of the same size, each in a fresh process, --runs times taking turns.
   The clock starts just before the process is started and stops when the event loop has finished
   the window's first paint (an application event filter sees the main window's first Paint event and
   a zero timer then fires after the whole paint pass). Target: coopdesk ≤ 1.5 × the bare window.
2. **Month grid**: MonthView.previous_month / next_month (Alt+Left / Alt+Right) over --months
   consecutive months and back: the synchronous part (month_grid, the model reset, column sizing)
   and the repaint that follows. Target: ≤ 100 ms per switch.
3. **One edit**: --edits single edits through coopdesk.ui.undo.set_day (present ↔ sick on planned
   days of a recent, open month) with the main window showing Idag, then Månad: the save, the
   refresh of the views listening to ctx.changed, and the repaint. Target: ≤ 20 ms at the 95th
   percentile.

With ``--before TREE`` (a checkout of the code to compare with, e.g. ``git worktree add /tmp/before main``)
parts 2 and 3 run --rounds times for that code and for this tree's, each in a fresh process on a fresh
copy of the database, taking turns (the order swapped every round), with the same measuring code (this
script, imported before the tree's ``coopdesk``) and the load average printed at each run.

Every timed UI action also records the time Python's garbage collector took in it. If the Qt bindings
lose references to None (PySide6 6.12.0 on Python 3.11, see none_leak), the script says so and adds
references to None so that it can finish; the app itself would abort.
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import gc
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if "--code-tree" in sys.argv:  # a --before child: that tree's coopdesk, this script's measurements
    _tree = sys.argv[sys.argv.index("--code-tree") + 1]
    sys.path[:0] = [_tree, str(Path(__file__).resolve().parent.parent)]  # common.py then adds nothing

import common  # bench/common.py: the script's folder is on sys.path when it is run
from gui_children import BARE_CHILD, BREAKDOWN_CHILD, BREAKDOWN_STEPS, COOPDESK_CHILD

from coopdesk.core.audit import Actor
from coopdesk.core.calendar import Month
from coopdesk.core.numbers import round_half_up
from coopdesk.core.services.register import RegisterRow, day_register
from coopdesk.storage.database import open_database

TARGET_STARTUP_RATIO = 1.5
TARGET_MONTH_SECONDS = 0.100
TARGET_EDIT_SECONDS = 0.020


def run_child(code: str, db: Path, env: dict[str, str], *, profile_to: Path | None = None) -> dict[str, Any]:
    """Run ``code`` in a fresh Python process; its marks as seconds since just before it was started."""
    command = [sys.executable]
    if profile_to is not None:
        command += ["-m", "cProfile", "-o", str(profile_to)]
        script = profile_to.with_suffix(".py")
        script.write_text(code)
        command += [str(script), str(db)]
    else:
        command += ["-c", code, str(db)]
    start = time.time()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    end = time.time()
    if done.returncode != 0:
        raise RuntimeError(f"the start-up process failed ({done.returncode}):\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    marks = {name: value - start for name, value in result["marks"].items()}
    marks["process ended"] = end - start
    return {"marks": marks, "events": result["events"]}


def startup(db: Path, env: dict[str, str], runs: int) -> dict[str, list[dict[str, Any]]]:
    """--runs cold starts of each, taking turns, after one untimed start of each (.pyc, file cache)."""
    run_child(COOPDESK_CHILD, db, env)
    run_child(BARE_CHILD, db, env)
    samples: dict[str, list[dict[str, Any]]] = {"coopdesk": [], "bare": [], "breakdown": []}
    for _ in range(runs):
        samples["coopdesk"].append(run_child(COOPDESK_CHILD, db, env))
        samples["bare"].append(run_child(BARE_CHILD, db, env))
    for _ in range(3):
        samples["breakdown"].append(run_child(BREAKDOWN_CHILD, db, env))
    return samples


# --- in process: the month grid and the edits -------------------------------------------------------

#: Extra references to None held while the widgets run: see none_leak().
NONE_BALLAST = 100_000_000


def none_leak() -> int:
    """References to None lost per void Qt call (0 when the bindings are sound).

    PySide6 6.12.0 on Python 3.11 (where None is not immortal) gives a borrowed None back from
    every method that returns nothing (``QObject.setObjectName``, ``QPainter.save``, a model's
    ``data()`` returning None...) without taking a reference. None's count falls by one per call
    until Python aborts with "Fatal Python error: none_dealloc: deallocating None". The benchmark
    then adds NONE_BALLAST references so it can finish; the app itself has no such guard.
    """
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        probe.setObjectName("probe")
    return round((before - sys.getrefcount(None)) / 1000)


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with at least ``fraction`` of them at or below it."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil
    return ordered[int(rank) - 1]


def flush(app: Any) -> None:
    """Let the event loop do what it would do now: deferred layouts, then the repaint."""
    app.sendPostedEvents()
    app.processEvents()


class GcWatch:
    """Seconds spent in Python's cyclic garbage collector, and its full (generation 2) collections."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.full = 0
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start
            self.full += info["generation"] == 2

    def remove(self) -> None:
        gc.callbacks.remove(self._callback)


GC = GcWatch()


@dataclass
class Sample:
    """One timed UI action: the action itself, the repaint after it, and the garbage collection in both."""

    action: float
    paint: float
    gc: float
    full_gc: int
    #: Paint events of the watched widget (the month grid's cells) in the repaint part: the clock stops after
    #: the new month was painted, not before (-1: not watched).
    painted: int = -1

    @property
    def total(self) -> float:
        return self.action + self.paint


class PaintWatch:
    """Counts a widget's Paint events (an event filter), to show that a timed repaint painted it."""

    def __init__(self, widget: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        paint = QEvent.Type.Paint

        class Filter(QObject):
            count = 0

            def eventFilter(self, _obj: Any, event: Any) -> bool:
                if event.type() == paint:
                    Filter.count += 1
                return False

        self.filter = Filter()
        self.kind = Filter
        widget.installEventFilter(self.filter)

    @property
    def count(self) -> int:
        return self.kind.count


def timed_ui(app: Any, action: Callable[[], Any], watch: PaintWatch | None = None) -> Sample:
    """``action`` itself, then the repaint (the posted events) that follows it."""
    gc_before, full_before = GC.seconds, GC.full
    start = time.perf_counter()
    action()
    middle = time.perf_counter()
    painted_before = watch.count if watch else 0
    flush(app)
    end = time.perf_counter()
    painted = watch.count - painted_before if watch else -1
    return Sample(middle - start, end - middle, GC.seconds - gc_before, GC.full - full_before, painted)


def idle(app: Any, seconds: float) -> None:
    """The event loop left to itself for ``seconds`` (timers fire, the worker's results are delivered)."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def pick_edit_day(session: Any, before: dt.date) -> tuple[dt.date, list[RegisterRow]]:
    """The latest open, unattested weekday before ``before`` (the demo's "today") with planned members."""
    day = before - dt.timedelta(days=1)
    for _ in range(120):
        register = day_register(session, day)
        if register.day_kind == "open" and register.locked_by is None and register.planned_rows:
            return day, register.planned_rows
        day -= dt.timedelta(days=1)
    raise RuntimeError(f"no open, unattested day with planned members before {before}")


class Toggler:
    """The edits: each sets one member's planned day to present (planned hours) or sick, the other
    of what it is now, so every edit changes the database and lands on the undo stack."""

    def __init__(self, rows: list[RegisterRow]) -> None:
        self.rows = rows
        self.status = {r.member_id: r.entry.status for r in rows}
        self.count = 0

    def next(self) -> tuple[RegisterRow, Any]:
        from coopdesk.ui.undo import DayState

        row = self.rows[self.count % len(self.rows)]
        self.count += 1
        if self.status[row.member_id] == "present":
            state = DayState("sick")
        else:
            area = next(iter(row.entry.hours), None) or row.primary_work_area_id
            state = DayState("present", {area: round_half_up(row.entry.planned, 2)})
        self.status[row.member_id] = state.status
        return row, state


def in_process(db: Path, args: argparse.Namespace) -> dict[str, Any]:
    from PySide6.QtCore import QCoreApplication, QEvent, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from coopdesk.ui import i18n
    from coopdesk.ui.context import AppContext
    from coopdesk.ui.main_window import MainWindow
    from coopdesk.ui.undo import set_day

    QCoreApplication.setOrganizationName("coopdesk")
    QCoreApplication.setApplicationName("coopdesk")

    def quiet(_mode: Any, _context: Any, message: str) -> None:  # the offscreen platform's chatter
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    i18n.install(app, i18n.chosen_language())
    results: dict[str, Any] = {"none_leak": none_leak(), "none_headroom": sys.getrefcount(None)}
    if results["none_leak"] and sys.version_info < (3, 12):
        # References that are never given back (a list would give them back when freed at exit).
        ctypes.c_ssize_t.from_address(id(None)).value += NONE_BALLAST
    results["none_refs_before"] = sys.getrefcount(None)
    database = open_database(str(db), create=False)
    try:
        ctx = AppContext(database, Actor("benchmark"))
        window = MainWindow(ctx)
        window.show()
        flush(app)
        results["tracked_objects"] = len(gc.get_objects())
        if not args.automatic_gc:
            # As the app runs (ui/gui.py): the collector on the GUI thread's timer (ui/collector.py), and what
            # start-up built frozen out of every collection once the window is up and logged in.
            from coopdesk.ui.collector import GarbageCollector

            results["collector"] = GarbageCollector(app)
            gc.freeze()
        with database.session() as session:
            edit_day, planned = pick_edit_day(session, args.today)
        results["edit_day"] = edit_day
        results["planned_members"] = len(planned)

        # 2. The month grid: build the view on the edit day's month, then Alt+Left / Alt+Right.
        month = Month.of(edit_day)
        results["first_load"] = timed_ui(app, lambda: window.go_to("manad", edit_day))
        view = window.view("manad")
        results["grid_rows"] = view.model.rowCount()
        results["window"] = (window.width(), window.height())
        watch = PaintWatch(view.table.viewport())  # the days' cells
        steps = [view.previous_month] * args.months + [view.next_month] * args.months
        switches: list[tuple[str, Sample]] = []
        with common.profiled(args.profile):
            for step in steps:
                sample = timed_ui(app, step, watch)
                switches.append((str(view.month), sample))
        assert view.month == month, (view.month, month)
        results["switches"] = switches
        # The same, with --pause-ms between the switches during which the event loop runs (someone looking at
        # each month before the next): the clock runs only for the switch and its repaint, as above.
        paced: list[tuple[str, Sample]] = []
        for step in steps:
            idle(app, args.pause_ms / 1000)
            paced.append((str(view.month), timed_ui(app, step, watch)))
        results["paced"] = paced
        idle(app, 0.5)

        # 3. One edit: Idag showing the edit day, then Månad showing its month.
        toggler = Toggler(planned)
        for key in ("idag", "manad"):
            window.go_to(key, edit_day)
            flush(app)
            for _ in range(5):  # untimed warm-up edits (the first ones compile the service's queries)
                row, state = toggler.next()
                set_day(ctx, window, row.member_id, row.name, edit_day, state)
                flush(app)
            timings: list[Sample] = []
            with common.profiled(args.profile):
                for _ in range(args.edits):
                    row, state = toggler.next()

                    def edit(row: RegisterRow = row, state: Any = state) -> None:
                        assert set_day(ctx, window, row.member_id, row.name, edit_day, state)

                    timings.append(timed_ui(app, edit))
            results[f"edits_{key}"] = timings
        results["undo_steps"] = ctx.undo_stack.count()
        results["none_refs_lost"] = results["none_refs_before"] - sys.getrefcount(None)
        ctx.tasks.wait()
        # Tear the widgets down now, not while the interpreter finalizes (PySide6 may crash then).
        window.hide()
        window.deleteLater()
        ctx.undo_stack.clear()
        flush(app)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        database.close()
    gc.collect()
    return results


# --- --before: this tree's code and another's, taking turns -----------------------------------------


def child_results(db: Path, args: argparse.Namespace) -> dict[str, Any]:
    """in_process() as JSON-able lists: Samples as [action, paint, gc, full_gc, painted]."""
    results = in_process(db, args)

    def samples(values: list[Sample]) -> list[list[float]]:
        return [[x.action, x.paint, x.gc, x.full_gc, x.painted] for x in values]

    return {
        "switches": samples([x for _m, x in results["switches"]]),
        "paced": samples([x for _m, x in results["paced"]]),
        "edits_idag": samples(results["edits_idag"]),
        "edits_manad": samples(results["edits_manad"]),
        "grid_rows": results["grid_rows"],
        "window": results["window"],
        "edit_day": str(results["edit_day"]),
    }


@dataclass
class Run:
    """One --before run's figures (seconds)."""

    code: str
    load: float
    switches: list[Sample]
    paced: list[Sample]
    edits: dict[str, list[Sample]]

    @staticmethod
    def spread(values: list[float]) -> str:
        return "/".join(f"{v * 1000:.1f}" for v in (min(values), common.median(values), max(values)))


def compare(source: Path, scratch: Path, args: argparse.Namespace) -> list[Run]:
    """--rounds runs of the month grid and the edits with the code of --before and with this tree's, taking
    turns (before first in even rounds, after first in odd ones), each in a fresh process on a fresh copy."""
    here = Path(__file__).resolve()
    trees = [("before", args.before.resolve()), ("after", here.parent.parent)]
    passed = ["--months", str(args.months), "--pause-ms", str(args.pause_ms), "--edits", str(args.edits)]
    passed += [f"--today={args.today}", "--workdir", str(args.workdir)] + (
        ["--automatic-gc"] if args.automatic_gc else []
    )
    runs: list[Run] = []
    for number in range(args.rounds):
        for code, tree in trees if number % 2 == 0 else trees[::-1]:
            db = scratch / f"run-{number}-{code}.db"
            shutil.copyfile(source, db)
            load = os.getloadavg()[0]
            command = [sys.executable, str(here), "--code-tree", str(tree), "--child-db", str(db), *passed]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise RuntimeError(f"the {code} run failed ({done.returncode}):\n{done.stderr[-3000:]}")
            data = json.loads(done.stdout.strip().splitlines()[-1])

            def samples(rows: list[list[float]]) -> list[Sample]:
                return [Sample(a, p, g, int(f), int(n)) for a, p, g, f, n in rows]

            run = Run(
                code,
                load,
                samples(data["switches"]),
                samples(data["paced"]),
                {key: samples(data[f"edits_{key}"]) for key in ("idag", "manad")},
            )
            runs.append(run)
            print(
                f"  run {len(runs)}: {code:6s} load {load:.2f}  back to back min/median/max "
                f"{Run.spread([x.total for x in run.switches])} ms, paced {Run.spread([x.total for x in run.paced])} ms"
                f"  ({data['grid_rows']} rows, window {data['window'][0]}×{data['window'][1]})",
                flush=True,
            )
            db.unlink()
    return runs


def report_comparison(runs: list[Run], args: argparse.Namespace) -> list[str]:
    rows = []
    for i, run in enumerate(runs, 1):
        unpainted = sum(x.painted < 1 for x in run.switches + run.paced)
        rows.append(
            (
                i,
                run.code,
                f"{run.load:.2f}",
                Run.spread([x.action for x in run.switches]),
                Run.spread([x.total for x in run.switches]),
                Run.spread([x.total for x in run.paced]),
                f"{percentile([x.total for x in run.edits['idag']], 0.95) * 1000:.1f}",
                f"{percentile([x.total for x in run.edits['manad']], 0.95) * 1000:.1f}",
                unpainted,
            )
        )
    common.print_table(
        (
            "run",
            "code",
            "load 1 min",
            "switch call only, min/med/max ms",
            "back to back incl. repaint",
            f"{args.pause_ms} ms apart incl. repaint",
            "edit p95 Idag",
            "edit p95 Månad",
            "unpainted",
        ),
        rows,
        title=f"Month grid and edits, --before {args.before} vs this tree, {args.rounds} rounds taking turns",
    )
    verdicts = []
    for code in ("before", "after"):
        mine = [r for r in runs if r.code == code]
        worst = max(max(x.total for x in r.switches) for r in mine)
        worst_paced = max(max(x.total for x in r.paced) for r in mine)
        worst_edit = max(percentile([x.total for x in r.edits[k]], 0.95) for r in mine for k in ("idag", "manad"))
        limit = TARGET_MONTH_SECONDS
        verdicts += [
            common.verdict(
                f"[{code}] every month switch incl. repaint <= {limit * 1000:g} ms, back to back, in every run",
                f"max {common.seconds(worst)} over {len(mine)} runs",
                worst <= limit,
            ),
            common.verdict(
                f"[{code}] every month switch incl. repaint <= {limit * 1000:g} ms, {args.pause_ms} ms apart",
                f"max {common.seconds(worst_paced)} over {len(mine)} runs",
                worst_paced <= limit,
            ),
            common.verdict(
                f"[{code}] one edit, Idag and Månad shown, p95 <= {TARGET_EDIT_SECONDS * 1000:g} ms in every run",
                f"worst p95 {common.seconds(worst_edit)}",
                worst_edit <= TARGET_EDIT_SECONDS,
            ),
        ]
    return verdicts


# --- main -------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    common.add_demo_arguments(parser, years=10)
    parser.add_argument("--runs", type=int, default=7, help="cold starts of each window (default 7)")
    parser.add_argument("--months", type=int, default=12, help="month switches each way (default 12)")
    parser.add_argument(
        "--pause-ms",
        type=int,
        default=500,
        help="the event loop's time between the paced switches (default 500: a look at the month)",
    )
    parser.add_argument("--edits", type=int, default=200, help="timed edits per view (default 200)")
    parser.add_argument("--workdir", type=Path, default=common.DEFAULT_WORKDIR, help="cache folder of the databases")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached database")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up measurement")
    parser.add_argument(
        "--automatic-gc",
        action="store_true",
        help="Python's automatic garbage collection, without gc.freeze(); by default the collection runs as in "
        "the app (ui/collector.py's timer on the GUI thread, gc.freeze() once the window is up)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="cProfile the month switches and the edits (inflates their timings) and one coopdesk start-up",
    )
    parser.add_argument(
        "--before",
        type=Path,
        help="a checkout of the code to compare with: parts 2 and 3 only, --rounds runs of each taking turns",
    )
    parser.add_argument("--rounds", type=int, default=3, help="runs of each code with --before (default 3)")
    parser.add_argument("--code-tree", type=Path, help=argparse.SUPPRESS)  # a --before child: whose coopdesk
    parser.add_argument("--child-db", type=Path, help=argparse.SUPPRESS)  # a --before child: its database
    args = parser.parse_args(argv)

    common.isolate_home(args.workdir)
    if args.child_db is not None:
        with tempfile.TemporaryDirectory(prefix="coopdesk-bench-gui-") as scratch_dir:
            os.environ["XDG_CONFIG_HOME"] = str(Path(scratch_dir) / "config")
            print(json.dumps(child_results(args.child_db, args)))
        return 0
    dense = not args.sparse
    print(
        f"coopdesk GUI benchmark: {args.members} members × {args.years:g} y, "
        f"{'dense' if dense else 'default (sparse)'} demo, demo today {args.today}, "
        f"Qt platform {os.environ['QT_QPA_PLATFORM']}"
    )
    import PySide6
    from PySide6.QtCore import qVersion

    print(
        f"Python {platform.python_version()}, PySide6 {PySide6.__version__} (Qt {qVersion()}), "
        f"SQLite {sqlite3.sqlite_version}, {platform.platform()}, {os.cpu_count()} CPUs"
    )
    source, built = common.cached_database(
        args.workdir,
        members=args.members,
        years=args.years,
        today=args.today,
        seed=args.seed,
        dense=dense,
        rebuild=args.rebuild,
    )
    print(f"database ({f'built in {built.import_total:.2f} s' if built else 'cached'}): {source}")

    if args.before is not None:
        print(f"load average at the start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
        with tempfile.TemporaryDirectory(prefix="coopdesk-bench-gui-") as scratch_dir:
            runs = compare(source, Path(scratch_dir), args)
        verdicts = report_comparison(runs, args)
        print(f"load average at the end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
        print()
        print("\n".join(verdicts))
        return 0

    with tempfile.TemporaryDirectory(prefix="coopdesk-bench-gui-") as scratch_dir:
        scratch = Path(scratch_dir)
        db = scratch / "gui.db"
        shutil.copyfile(source, db)  # the edits change it
        os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")  # QSettings: no saved geometry or view
        env = os.environ.copy()

        s = common.seconds
        verdicts: list[str] = []
        if not args.no_startup:
            samples = startup(db, env, args.runs)
            paint = {k: [r["marks"]["shown"] for r in samples[k]] for k in ("coopdesk", "bare")}
            ended = {k: [r["marks"]["process ended"] for r in samples[k]] for k in ("coopdesk", "bare")}
            rows = []
            for label, key in (("coopdesk --db (coopdesk.entry.main)", "coopdesk"), ("bare QMainWindow", "bare")):
                rows.append(
                    (
                        label,
                        "  ".join(f"{v * 1000:.0f}" for v in paint[key]),
                        s(min(paint[key])),
                        s(common.median(paint[key])),
                        s(max(paint[key])),
                        s(common.median(ended[key])),
                        int(common.median([r["events"] for r in samples[key]])),
                    )
                )
            common.print_table(
                ("process", "to first paint, ms, in run order", "min", "median", "max", "to exit", "events"),
                rows,
                title=f"1. Start-up, {args.runs} cold starts each (taking turns, after one untimed start each)",
            )
            steps = []
            previous = 0.0
            for mark, label in BREAKDOWN_STEPS:
                at = common.median([r["marks"][mark] for r in samples["breakdown"]])
                steps.append((label, s(at - previous), s(at)))
                previous = at
            common.print_table(
                ("step (gui.run's steps, reproduced with marks)", "step", "at"),
                steps,
                title="coopdesk start-up step by step (median of 3 more starts)",
            )
            ratio = common.median(paint["coopdesk"]) / common.median(paint["bare"])
            verdicts.append(
                common.verdict(
                    f"cold start to the main window's first paint <= {TARGET_STARTUP_RATIO:g} x a bare QMainWindow",
                    f"{ratio:.2f} x ({s(common.median(paint['coopdesk']))} / {s(common.median(paint['bare']))})",
                    ratio <= TARGET_STARTUP_RATIO,
                )
            )
            if args.profile:
                stats = scratch / "startup.prof"
                run_child(BREAKDOWN_CHILD, db, env, profile_to=stats)
                import pstats

                print("\n--- cProfile of one coopdesk start-up, top 30 by cumulative time ---")
                pstats.Stats(str(stats)).strip_dirs().sort_stats("cumulative").print_stats(30)

        results = in_process(db, args)

    first: Sample = results["first_load"]
    print(
        f"\n2. Month grid ({results['grid_rows']} members in {Month.of(results['edit_day'])}): "
        f"first load of Månad (builds the view) {s(first.action)} + repaint {s(first.paint)}"
    )
    print(
        f"objects tracked by the garbage collector once the window was up: {results['tracked_objects']:,}"
        + (
            "; Python's automatic collection (--automatic-gc)"
            if args.automatic_gc
            else "; then, as in the app, gc.freeze() and the collector on the GUI thread's timer"
        )
    )
    switches: list[tuple[str, Sample]] = results["switches"]
    rows = [
        (month, s(x.action), s(x.paint), s(x.total), s(x.gc) + (" (full)" if x.full_gc else ""))
        for month, x in switches
    ]
    common.print_table(
        ("month shown", "switch (month_grid, model, columns)", "repaint", "total", "of which GC"),
        rows,
        title=f"Alt+Left × {args.months}, then Alt+Right × {args.months}",
    )
    unpainted = sum(x.painted < 1 for _m, x in switches + results["paced"])
    print(
        f"window {results['window'][0]}×{results['window'][1]}; the grid's cells were painted in the repaint of "
        f"{'every switch' if not unpainted else f'all but {unpainted} switches'}; load average "
        + " ".join(f"{v:.2f}" for v in os.getloadavg())
    )
    totals = [x.total for _m, x in switches]
    actions = [x.action for _m, x in switches]
    without_gc = [x.total - x.gc for _m, x in switches]
    print(
        f"switch only: median {s(common.median(actions))}, max {s(max(actions))}; "
        f"with repaint: median {s(common.median(totals))}, max {s(max(totals))}; "
        f"with repaint, less garbage collection: median {s(common.median(without_gc))}, max {s(max(without_gc))}"
    )
    verdicts.append(
        common.verdict(
            f"switching the month grid (incl. repaint) <= {TARGET_MONTH_SECONDS * 1000:g} ms, every switch, "
            "back to back (a held key)",
            f"median {s(common.median(totals))}, max {s(max(totals))} over {len(totals)} switches",
            max(totals) <= TARGET_MONTH_SECONDS,
        )
    )
    paced = [x.total for _m, x in results["paced"]]
    print(
        f"with {args.pause_ms} ms between the switches: switch only median "
        f"{s(common.median([x.action for _m, x in results['paced']]))}; with repaint: median "
        f"{s(common.median(paced))}, max {s(max(paced))}"
    )
    verdicts.append(
        common.verdict(
            f"switching the month grid (incl. repaint) <= {TARGET_MONTH_SECONDS * 1000:g} ms, every switch, "
            f"{args.pause_ms} ms between them (looking at each month)",
            f"median {s(common.median(paced))}, max {s(max(paced))} over {len(paced)} switches",
            max(paced) <= TARGET_MONTH_SECONDS,
        )
    )

    print(
        f"\n3. One edit: {args.edits} edits per view on {results['edit_day']} "
        f"({results['planned_members']} planned members, present <-> sick), after 5 untimed ones; "
        f"undo stack {results['undo_steps']} steps"
    )
    rows = []
    edit_figures: dict[str, tuple[float, float, float]] = {}
    for key, label in (("idag", "Idag shown"), ("manad", "Månad shown")):
        timings: list[Sample] = results[f"edits_{key}"]
        for part, values in (
            ("set_day (save + views refreshed)", [x.action for x in timings]),
            ("repaint", [x.paint for x in timings]),
            ("total", [x.total for x in timings]),
            ("total less garbage collection", [x.total - x.gc for x in timings]),
        ):
            figures = (common.median(values), percentile(values, 0.95), max(values))
            rows.append((f"{label}: {part}", *(s(v) for v in figures), s(statistics.fmean(values))))
            if part == "total":
                edit_figures[label] = figures
        rows.append((f"{label}: full garbage collections", sum(x.full_gc for x in timings), "", "", ""))
    common.print_table(("", "median", "p95", "max", "mean"), rows, title="Edits")
    for label, (med, p95, top) in edit_figures.items():
        verdicts.append(
            common.verdict(
                f"one edit saved, {label} (save + refresh + repaint), p95 <= {TARGET_EDIT_SECONDS * 1000:g} ms",
                f"p95 {s(p95)} (median {s(med)}, max {s(top)})",
                p95 <= TARGET_EDIT_SECONDS,
            )
        )

    if results["none_leak"]:
        print(
            f"\nWARNING: these Qt bindings lose {results['none_leak']} reference(s) to None per call of a Qt method "
            f"that returns nothing (PySide6 {PySide6.__version__}, Python {platform.python_version()}). The widgets "
            f"above lost {results['none_refs_lost']:,} of them. Python aborts ('Fatal Python error: none_dealloc: "
            f"deallocating None') when None's count reaches 0: here after about {results['none_headroom']:,} such "
            f"calls, a few repaints of the month grid. The benchmark added {NONE_BALLAST:,} references to get through."
        )

    print()
    print("\n".join(verdicts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
