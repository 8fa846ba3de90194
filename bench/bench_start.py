"""Benchmark: start to data (issue 20.1), on the 200-member × 10-year encrypted database with accounts.

    .venv/bin/python bench/bench_start.py                        # 9 runs of each, taking turns
    .venv/bin/python bench/bench_start.py --before ../before     # and another checkout's code beside it
    .venv/bin/python bench/bench_start.py --no-bytecode          # every start compiles coopdesk's modules

What a supervisor waits for, phase by phase, in a fresh process each time:

1. **launch → login dialog painted**: the clock starts just before the parent starts the process
   (``python -c DRIVER`` that calls ``coopdesk.entry.main(["--db", COPY])``, the console script's own
   call) and stops when the event loop has finished the paint pass in which the login dialog was first
   painted (an application event filter sees its first Paint event, then a zero timer fires). Target ≤ 0.40 s.
2. **password → Idag painted with its rows**: the driver types the user name and password into the
   dialog's fields from that zero timer (someone who knows them by heart) and posts Return to the
   password field, as the keyboard would; the clock starts when Return is posted and stops when the paint
   pass has finished in which Idag's table was painted holding its rows (the table's viewport painted
   with the model's rowCount() > 0). Target ≤ 0.35 s.

The database is bench_close.py's: the demo (demo_document(dense=True) → import_document, cached by
common.cached_database), with an administrator made by ``coopdesk init --admin`` and encrypted by
``coopdesk encrypt``. Each run copies it with its keys file into a fresh folder with a fresh data folder
(COOPDESK_HOME) and settings (XDG_CONFIG_HOME), so every start is a first start of the day on that PC:
the integrity check and the daily backup start behind the data, as they would.

The baseline, in the same run and taking turns with coopdesk: a bare PySide6 program that does the same
steps with nothing of coopdesk — a QMainWindow painted, a QDialog with the two fields run with exec(),
the same typing and Return, then a QTableWidget of 200 rows painted. Its phases are the floor that Qt
and Python cost on this machine.

The driver does not import PySide6 before coopdesk does: it waits for the app's own import of
PySide6.QtWidgets and puts a QApplication subclass there that installs the event filter when the app
makes its application object, so the app's import order is measured as it is.

By default the processes may write bytecode (``.pyc``), and one untimed start of each comes first: as
after ``pip install`` or in the installer's bundle. ``--no-bytecode`` keeps this container's
PYTHONDONTWRITEBYTECODE=1 (every start compiles coopdesk's modules; the site-packages' ``.pyc`` are used).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import common  # bench/common.py: the script's folder is on sys.path when it is run
from bench_close import PASSWORD, encrypted_demo_and_kinds

TARGET_LOGIN_SECONDS = 0.40
TARGET_DATA_SECONDS = 0.35

# Shared by both programs: the driver. It records marks (time.time(), the parent's clock too) and, as
# soon as the login dialog has been painted, types and presses Return.
_DRIVER = r"""
import json, os, sys, time
marks = {"python": time.time()}
rows = [0]

def driver_for(app):
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtGui import QKeyEvent

    def after_paint(name, then=None):
        def fire():
            marks[name] = time.time()
            if then is not None:
                then()
        QTimer.singleShot(0, fire)

    def type_password(dialog):
        dialog.login.setText("bench")
        dialog.password.setText(os.environ["BENCH_PASSWORD"])
        dialog.password.setFocus()
        marks["enter"] = time.time()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            app.postEvent(dialog.password, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"))

    def done():
        print(json.dumps({"marks": marks, "rows": rows[0]}), flush=True)
        os._exit(0)  # the exit is not measured (bench_close.py measures closing)

    class Driver(QObject):
        def eventFilter(self, obj, event):
            kind = event.type()
            if kind == QEvent.Type.Paint:
                name = type(obj).__name__
                if name == "MainWindow" and "frame" not in marks:
                    marks["frame"] = time.time()
                elif name == "LoginDialog" and "login" not in marks:
                    marks["login"] = time.time()
                    delay = int(os.environ.get("BENCH_TYPE_AFTER_MS", "0"))
                    after_paint("login shown", lambda: QTimer.singleShot(delay, lambda: type_password(obj)))
                elif "data" not in marks and "enter" in marks:
                    table = obj.parent()
                    if table is not None and table.objectName() == "registerTable" and table.model().rowCount():
                        marks["data"] = time.time()
                        rows[0] = table.model().rowCount()
                        after_paint("data shown", done)
            elif kind == QEvent.Type.Hide and type(obj).__name__ == "LoginDialog" and "logged in" not in marks:
                marks["logged in"] = time.time()
            return False

    driver = Driver()
    app.installEventFilter(driver)
    QTimer.singleShot(60_000, lambda: os._exit(3))  # never hang the benchmark
    return driver
"""

# coopdesk: wait for the app's import of PySide6.QtWidgets, then give it a QApplication that installs the
# driver as it is made (the app makes it with ``QApplication.instance() or QApplication(...)``).
COOPDESK_CHILD = (
    _DRIVER
    + r"""
import datetime, importlib.machinery, types

def widgets_loaded(module):
    base = module.QApplication
    class Application(base):
        def __init__(self, *args):
            super().__init__(*args)
            self._driver = driver_for(self)
    module.QApplication = Application

class BenchDate(datetime.date):
    @classmethod
    def today(cls):
        return datetime.date.fromisoformat(os.environ["BENCH_DAY"])

def today_loaded(module):
    # Idag opens on the demo's last day with records, whatever the calendar says (see the docstring).
    module.dt = types.SimpleNamespace(**{**vars(datetime), "date": BenchDate})

class Watch:
    hooks = {"PySide6.QtWidgets": widgets_loaded, "coopdesk.ui.views.today": today_loaded}

    def find_spec(self, name, path, target=None):
        hook = self.hooks.get(name)
        if hook is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        load = spec.loader.exec_module
        def exec_module(module):
            load(module)
            hook(module)
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, Watch())
from coopdesk.entry import main
main(["--db", sys.argv[1]])
sys.exit(4)  # the driver ends the process once the data is painted
"""
)

BARE_CHILD = (
    _DRIVER
    + r"""
import ctypes
if sys.version_info < (3, 12):
    # What coopdesk does too (coopdesk/ui/pyside_fix.py): PySide6 6.12 on Python 3.11 drops a reference to
    # None on every void call, and a table of 1,000 rows' setItem calls would abort the process.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QMainWindow,
    QTableWidget, QTableWidgetItem, QVBoxLayout)
app = QApplication(sys.argv[:1])
driver = driver_for(app)

class LoginDialog(QDialog):
    def __init__(self, parent):
        super().__init__(parent)
        self.login, self.password = QLineEdit(), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("Användarnamn", self.login)
        form.addRow("Lösenord", self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

class MainWindow(QMainWindow):
    pass

window = MainWindow()
window.resize(1200, 760)

def log_in():
    if LoginDialog(window).exec() != QDialog.DialogCode.Accepted:
        sys.exit(5)
    rows = int(os.environ.get("BENCH_ROWS", "200"))
    table = QTableWidget(rows, 7)
    table.setObjectName("registerTable")
    for row in range(rows):
        for column in range(7):
            table.setItem(row, column, QTableWidgetItem(f"{row}:{column}"))
    window.setCentralWidget(table)

QTimer.singleShot(0, log_in)
window.show()
app.exec()
sys.exit(4)
"""
)

#: (label, from mark, to mark); "launch" is the parent's clock just before the process starts.
PHASES = [
    ("launch → interpreter running", "launch", "python"),
    ("launch → window frame painted", "launch", "frame"),
    ("launch → login dialog painted", "launch", "login shown"),
    ("Return → login dialog gone", "enter", "logged in"),
    ("login dialog gone → Idag painted with rows", "logged in", "data shown"),
    ("Return → Idag painted with rows", "enter", "data shown"),
    ("launch → Idag painted with rows", "launch", "data shown"),
]


def last_working_day(today: dt.date) -> dt.date:
    """The day Idag opens on: the demo's last working day before ``today`` (its data runs to the day
    before), a day with a register to show at every size of the dense demo."""
    day = today - dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def run_once(
    kind: str,
    source: Path,
    pythonpath: str | None,
    bytecode: bool,
    day: dt.date,
    type_after_ms: int = 0,
    bare_rows: int = 200,
) -> dict[str, Any]:
    """One start in a fresh process and folder; the marks as seconds since just before it started.
    ``bare_rows`` is the number of rows the bare program's table holds (coopdesk shows the day's)."""
    with tempfile.TemporaryDirectory(prefix="coopdesk-start-") as folder:
        home = Path(folder)
        db = home / "data" / "coopdesk.db"
        db.parent.mkdir()
        shutil.copyfile(source, db)
        shutil.copyfile(f"{source}.keys", f"{db}.keys")
        env = dict(
            os.environ,
            COOPDESK_HOME=str(home / "home"),
            XDG_CONFIG_HOME=str(home / "config"),
            BENCH_PASSWORD=PASSWORD,
            BENCH_DAY=day.isoformat(),
            BENCH_TYPE_AFTER_MS=str(type_after_ms),
            BENCH_ROWS=str(bare_rows),
        )
        env.pop("PYTHONPATH", None)
        if bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        if pythonpath:
            env["PYTHONPATH"] = pythonpath
        code = COOPDESK_CHILD if kind != "bare" else BARE_CHILD
        launch = time.time()
        done = subprocess.run(
            [sys.executable, "-c", code, str(db)],
            capture_output=True,
            text=True,
            env=env,
            cwd=folder,  # not the checkout: ``python -c`` puts the working folder first on sys.path
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{kind}: the process failed ({done.returncode}):\n{done.stderr[-3000:]}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        marks = {name: value - launch for name, value in result["marks"].items()}
        marks["launch"] = 0.0
        return {"marks": marks, "rows": result["rows"]}


def measure_starts(
    source: Path,
    kinds: dict[str, str | None],
    *,
    runs: int,
    bytecode: bool,
    day: dt.date,
    type_after_ms: int = 0,
    bare_rows: int = 200,
) -> dict[str, list[dict[str, Any]]]:
    """One untimed start of each kind (the file cache, ``.pyc`` files), then ``runs`` timed starts of
    each, taking turns so that every kind meets the same load; the runs of each kind."""
    for kind, path in kinds.items():
        run_once(kind, source, path, bytecode, day, type_after_ms, bare_rows)
    results: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for _ in range(runs):
        for kind, path in kinds.items():
            results[kind].append(run_once(kind, source, path, bytecode, day, type_after_ms, bare_rows))
    return results


def rows_painted(runs: list[dict[str, Any]]) -> list[int]:
    """The numbers of rows Idag's table held when the clock stopped (one number when the runs agree)."""
    return sorted({run["rows"] for run in runs})


def phase(run: dict[str, Any], start: str, stop: str) -> float | None:
    marks = run["marks"]
    if start not in marks or stop not in marks:
        return None
    return marks[stop] - marks[start]


def median_of(runs: list[dict[str, Any]], start: str, stop: str) -> float | None:
    values = [v for v in (phase(r, start, stop) for r in runs) if v is not None]
    return statistics.median(values) if values else None


def show(value: float | None) -> str:
    return "—" if value is None else f"{value * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    common.add_demo_arguments(parser, years=10)
    parser.add_argument("--workdir", type=Path, default=common.DEFAULT_WORKDIR)
    parser.add_argument("--runs", type=int, default=9, help="timed starts of each kind (default 9)")
    parser.add_argument("--before", type=Path, help="another checkout whose code to measure beside this one")
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE as set (by default the starts use and write .pyc files)",
    )
    parser.add_argument(
        "--type-after-ms",
        type=int,
        default=0,
        help="press Return this long after the login dialog is painted (default 0: at once, the worst case)",
    )
    args = parser.parse_args()
    source, kinds = encrypted_demo_and_kinds(args)
    bytecode = not args.no_bytecode
    day = last_working_day(args.today)
    results = measure_starts(
        source, kinds, runs=args.runs, bytecode=bytecode, day=day, type_after_ms=args.type_after_ms
    )
    load = os.getloadavg()
    print(
        f"Start to data, {args.runs} starts of each taking turns, on {source.name} "
        f"({source.stat().st_size / 1e6:.0f} MB, encrypted, with accounts); "
        f"{'bytecode cached' if bytecode else 'PYTHONDONTWRITEBYTECODE=1'}; "
        f"Return {f'{args.type_after_ms} ms after' if args.type_after_ms else 'as soon as'} the dialog is painted; "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    rows = {kind: rows_painted(runs) for kind, runs in results.items()}
    print(f"rows painted in the table: {rows}")
    headers = ["phase (medians)", *kinds]
    table = [[label, *(show(median_of(results[kind], a, b)) for kind in kinds)] for label, a, b in PHASES]
    common.print_table(headers, table)
    login = median_of(results["coopdesk"], "launch", "login shown") or 0.0
    data = median_of(results["coopdesk"], "enter", "data shown") or 0.0
    bare_login = median_of(results["bare"], "launch", "login shown") or 0.0
    bare_data = median_of(results["bare"], "enter", "data shown") or 0.0
    print(
        common.verdict(
            f"launch → login dialog painted ≤ {TARGET_LOGIN_SECONDS:.2f} s (median; bare PySide6 {show(bare_login)})",
            show(login),
            login <= TARGET_LOGIN_SECONDS,
        )
    )
    print(
        common.verdict(
            f"password → Idag painted with data ≤ {TARGET_DATA_SECONDS:.2f} s (median; bare PySide6 {show(bare_data)})",
            show(data),
            data <= TARGET_DATA_SECONDS,
        )
    )


if __name__ == "__main__":
    main()
