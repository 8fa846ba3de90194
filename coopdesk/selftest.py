"""``coopdesk --selftest``: prove that this installation works, end to end, without touching real data.

In a temporary folder it creates an encrypted database (SQLCipher, keys wrapped with cryptography,
schema from the alembic migrations), imports a small coopdesk/1 document, computes a statement,
writes its PDF (reportlab with the shipped fonts), opens the PDF with QtPdf, and renders the main
window offscreen. Each check is printed as it is made; the exit code is 0 only if every check held.
The installer build runs it on the frozen bundle (installer/build.py), so a bundle that misses a
library, a plugin or a data file fails the build instead of a supervisor's first start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

LOGIN, PASSWORD = "sjalvtest", "självtest-lösenord-1"
DISTRICT, MONTH = "Norrmalm", (2026, 5)
#: The statement's totals for DOCUMENT, as the interchange specification's worked example computes them.
EXPECTED_TOTALS = {"rows": 1, "attended_days": 4, "attended_hours": "16.75", "amount": "1400.00"}

#: A tiny coopdesk/1 document: the worked example of interchange.md (one member, one month).
DOCUMENT: dict[str, Any] = {
    "format": "coopdesk/1",
    "cooperative": {
        "name": "Kooperativet KOS",
        "org_number": "802400-1235",
        "address": "Exempelgatan 1, 111 22 Stockholm",
        "opening_weekdays": [1, 2, 3, 4, 5],
        "full_time_hours_per_week": "40",
        "host_district": "Norrmalm",
        "closure_days": ["2026-05-15"],
    },
    "work_areas": [{"name": "Kopiering"}, {"name": "Glasverkstad"}, {"name": "Kaffestuga"}],
    "districts": [
        {
            "name": "Norrmalm",
            "kind": "stadsdel",
            "tariffs": [
                {
                    "valid_from": "2026-01-01",
                    "kind": "per_day",
                    "full_day_amount": "450.00",
                    "half_day_amount": "250.00",
                    "full_day_min_hours": "4",
                    "half_day_min_hours": "1",
                }
            ],
        }
    ],
    "members": [
        {
            "key": "m1",
            "name": "Anna Andersson",
            "personal_number": "19800101-0019",
            "primary_work_area": "Kopiering",
            "placements": [{"district": "Norrmalm", "decision_ref": "NOR-2026-0012", "start": "2026-01-01"}],
            "capacity": [
                {"valid_from": "2026-01-01", "percent": 50, "weekdays": [1, 2, 3, 4, 5]},
                {"valid_from": "2026-05-18", "percent": 75, "weekdays": [1, 2, 3, 4]},
            ],
        }
    ],
    "supervisors": [{"key": "s1", "name": "Sara Svensson", "fte_percent": 100}],
    "attendance": [
        {"member": "m1", "date": "2026-05-04", "status": "present", "hours": {"Kopiering": "3.5", "Kaffestuga": "0.5"}},
        {"member": "m1", "date": "2026-05-05", "status": "sick"},
        {"member": "m1", "date": "2026-05-06", "status": "present", "hours": {"Kopiering": "2"}},
        {"member": "m1", "date": "2026-05-16", "status": "present", "hours": {"Kaffestuga": "3.25"}},
        {"member": "m1", "date": "2026-05-18", "status": "leave"},
        {"member": "m1", "date": "2026-05-19", "status": "absent_notified"},
        {"member": "m1", "date": "2026-05-20", "status": "present", "hours": {"Kopiering": "7.5"}},
    ],
    "supervisor_hours": [
        {"supervisor": "s1", "date": "2026-05-04", "hours": "8", "work_area": "Glasverkstad", "activity": "supervision"}
    ],
    "month_locks": [],
}


class CheckFailed(Exception):
    """A check that did not hold; its message says what was found instead."""


def require(condition: object, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


class SelfTest:
    """Runs the checks in order and prints each result at once; a check after a failed one is skipped."""

    def __init__(self, out: TextIO, folder: Path) -> None:
        self.out = out
        self.folder = folder
        self.results: list[bool] = []
        encoding = getattr(out, "encoding", None) or "utf-8"  # StringIO: any text
        try:
            "✓✗".encode(encoding)
            self.marks = ("✓", "✗")
        except (UnicodeEncodeError, LookupError):  # a Windows console redirected to a cp1252 file
            self.marks = ("OK  ", "FAIL")
        self.state: dict[str, Any] = {}

    def say(self, text: str) -> None:
        encoding = getattr(self.out, "encoding", None) or "utf-8"
        self.out.write(text.encode(encoding, "replace").decode(encoding) + "\n")  # never fail on a character
        self.out.flush()

    def check(self, name: str, step: Callable[[], str]) -> None:
        if self.results and not all(self.results):
            self.say(f"{self.marks[1]} {name}: not run (an earlier check failed)")
            self.results.append(False)
            return
        started = time.monotonic()
        try:
            detail = step()
            ok = True
        except Exception as error:  # every failure is a result to report, not a crash
            detail = f"{type(error).__name__}: {error}" if not isinstance(error, CheckFailed) else str(error)
            ok = False
        took = time.monotonic() - started
        self.say(f"{self.marks[0] if ok else self.marks[1]} {name}: {detail} ({took:.1f} s)")
        self.results.append(ok)

    # --- the checks --------------------------------------------------------------------------------

    def resources(self) -> str:
        from coopdesk.storage import paths

        folder = paths.resource()
        wanted = [
            paths.resource("fonts", "DejaVuSans.ttf"),
            paths.resource("fonts", "DejaVuSans-Bold.ttf"),
            paths.resource("translations", "coopdesk_en.qm"),
            paths.resource("icons", "coopdesk-256.png"),
            paths.migrations_dir() / "env.py",
        ]
        missing = [str(path) for path in wanted if not path.is_file()]
        require(not missing, f"missing {', '.join(missing)}")
        migrations = sorted(p.name for p in (paths.migrations_dir() / "versions").glob("[0-9]*.py"))
        require(migrations, f"no migrations in {paths.migrations_dir()}")
        return f"fonts, translations, icon and {len(migrations)} migrations in {folder.parent}"

    def database(self) -> str:
        from sqlalchemy import text

        from coopdesk import access
        from coopdesk.storage.database import schema_head

        path = self.folder / "selftest.db"
        created = access.create_database(str(path), LOGIN, "Självtest", PASSWORD, encrypt=True)
        created.session.db.close()
        require(created.recovery_key, "no recovery key was made")
        head = path.read_bytes()[:16]
        require(head != b"SQLite format 3\x00", "the database file is not encrypted")
        session = access.login(str(path), LOGIN, PASSWORD)  # unwraps the key again from the keys file
        require(session.db.is_encrypted, "the database opened without its key")
        self.state.update(path=path, session=session)
        with session.db.engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            version = connection.execute(text("PRAGMA cipher_version")).scalar()
        newest = schema_head()
        require(revision == newest, f"schema at {revision}, the migrations end at {newest}")
        return f"encrypted (SQLCipher {version}), logged in again, schema at {revision}"

    def import_document(self) -> str:
        from coopdesk.core.exchange.importer import import_document

        session = self.state["session"]
        with session.db.session() as s:
            summary = import_document(s, DOCUMENT, actor=session.actor)
        require(summary.members == 1 and summary.attendance == 7, f"imported {summary.describe_en()}")
        return summary.describe_en()

    def statement(self) -> str:
        from coopdesk.core.calendar import Month, holiday_name
        from coopdesk.core.statement import statement_for
        from coopdesk.reports.statement_json import statement_document

        with self.state["session"].db.session() as s:
            statement = statement_for(s, DISTRICT, Month(*MONTH))
        totals = statement_document(statement)["totals"]
        wrong = {key: totals.get(key) for key, value in EXPECTED_TOTALS.items() if totals.get(key) != value}
        require(not wrong, f"totals differ from the worked example: {wrong}, expected {EXPECTED_TOTALS}")
        self.state["statement"] = statement
        national_day = holiday_name(dt.date(2026, 6, 6))  # the holidays library's Swedish names are there
        require(national_day == "Nationaldagen", f"6 June is called {national_day!r}")
        return f"{DISTRICT} {statement.month}: {totals['attended_hours']} h, {totals['amount']} kr, as expected"

    def pdf(self) -> str:
        from coopdesk.reports.statement_pdf import statement_pdf
        from coopdesk.storage.files import write_atomic

        data = statement_pdf(self.state["statement"], printed=dt.date(2026, 6, 1))
        path = self.folder / "statement.pdf"
        write_atomic(path, data)
        require(data.startswith(b"%PDF-") and b"%%EOF" in data[-64:], "not a complete PDF file")
        require(b"DejaVuSans" in data, "the DejaVu font is not embedded")
        require(len(data) > 5_000, f"only {len(data)} bytes")
        self.state["pdf"] = path
        return f"{path.name}, {len(data) // 1024} KB, DejaVu Sans embedded"

    def qt(self) -> str:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # never a window on the user's screen
        from PySide6.QtCore import QLibraryInfo, QSettings, QTranslator, qInstallMessageHandler, qVersion
        from PySide6.QtWidgets import QApplication

        # The window's settings (size, language) go to the temporary folder, not the user's.
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(self.folder / "settings"))
        qInstallMessageHandler(_quiet_offscreen)
        self.state["app"] = QApplication.instance() or QApplication(sys.argv[:1])
        from coopdesk.storage import paths

        english = QTranslator()
        qm = paths.resource("translations", "coopdesk_en.qm")
        require(english.load(str(qm)), f"{qm} does not load")
        today = english.translate("MainWindow", "Idag")
        require(today == "Today", f"'Idag' translates to {today!r}")
        swedish = QTranslator()
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        require(swedish.load("qtbase_sv", qt_dir), f"Qt's own Swedish (qtbase_sv) is not in {qt_dir}")
        return f"Qt {qVersion()} offscreen; English and Qt's Swedish translations load"

    def pdf_pages(self) -> str:
        from PySide6.QtPdf import QPdfDocument

        document = QPdfDocument()
        error = document.load(str(self.state["pdf"]))
        require(error == QPdfDocument.Error.None_, f"QtPdf cannot open the statement: {error}")
        pages = document.pageCount()
        require(pages >= 1, "the statement has no pages")
        document.close()
        return f"QtPdf opens the statement: {pages} page{'s' if pages != 1 else ''}"

    def window(self) -> str:
        from PySide6.QtGui import QImage

        from coopdesk.ui.gui import run

        self.state["session"].db.close()
        png = self.folder / "window.png"
        os.environ["COOPDESK_USER"], os.environ["COOPDESK_PASSWORD"] = LOGIN, PASSWORD
        with contextlib.redirect_stdout(io.StringIO()):  # its "Sparade FILE" is not for this report
            code = run(str(self.state["path"]), screenshot=png, view="redovisning", day=dt.date(*MONTH, 1))
        require(code == 0 and png.is_file(), f"the window could not be rendered (exit code {code})")
        image = QImage(str(png))
        require((image.width(), image.height()) == (1280, 800), f"the picture is {image.width()}×{image.height()}")
        colours = {image.pixel(x, y) for x in range(0, 1280, 7) for y in range(0, 800, 7)}
        require(len(colours) >= 16, f"the window looks blank ({len(colours)} colours)")
        return f"Redovisning for {DISTRICT} rendered offscreen, 1280×800, {len(colours)} colours"


def _quiet_offscreen(_mode: object, _context: object, message: str) -> None:
    """Qt's messages to stderr, except the offscreen platform's notes on window hints it cannot honour."""
    if "This plugin does not support" not in message:
        sys.stderr.write(message + "\n")


def run(out: TextIO | None = None) -> int:
    """Run every check in a temporary folder; 0 if all held, 1 otherwise."""
    from coopdesk import __version__

    out = out or sys.stdout
    started = time.monotonic()
    frozen = getattr(sys, "frozen", False)
    where = f"the bundle in {Path(sys.executable).parent}" if frozen else f"source, run by {sys.executable}"
    # ignore_cleanup_errors: on Windows a file still open (the log) must not turn a pass into a crash.
    with tempfile.TemporaryDirectory(prefix="coopdesk-selftest-", ignore_cleanup_errors=True) as folder:
        # Everything coopdesk writes (database, keys, backups, logs) stays in the temporary folder.
        previous = os.environ.get("COOPDESK_HOME")
        os.environ["COOPDESK_HOME"] = folder
        test = SelfTest(out, Path(folder))
        test.say(f"coopdesk {__version__} self-test from {where} (Python {sys.version.split()[0]} on {sys.platform})")
        try:
            test.check("resources", test.resources)
            test.check("encrypted database", test.database)
            test.check("import", test.import_document)
            test.check("statement", test.statement)
            test.check("statement PDF", test.pdf)
            test.check("Qt and translations", test.qt)
            test.check("PDF preview", test.pdf_pages)
            test.check("main window", test.window)
        finally:
            session = test.state.get("session")
            if session is not None:
                session.db.close()
            for handler in logging.getLogger("coopdesk").handlers[:]:  # the app's log file, in the folder
                if str(getattr(handler, "baseFilename", "")).startswith(folder):
                    logging.getLogger("coopdesk").removeHandler(handler)
                    handler.close()
            if previous is None:
                os.environ.pop("COOPDESK_HOME", None)
            else:
                os.environ["COOPDESK_HOME"] = previous
    passed = sum(test.results)
    verdict = "passed" if all(test.results) else "FAILED"
    test.say(f"self-test {verdict}: {passed} of {len(test.results)} checks held ({time.monotonic() - started:.1f} s)")
    return 0 if all(test.results) else 1
