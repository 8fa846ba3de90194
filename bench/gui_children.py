"""The small programs bench_gui.py runs in fresh processes to time start-up (as text: each is run
with ``python -c``). Kept apart so that bench_gui.py reads as the measurement it is."""

from __future__ import annotations

WINDOW_SIZE = (1200, 760)  # MainWindow's size when QSettings hold no geometry

# --- start-up: the code run in the fresh processes ---------------------------------------------------

# Shared by both processes: the application object and an event filter that records the main window's
# first Paint event, then quits from a zero timer, i.e. once the event loop has finished that paint pass.
_CHILD_PRELUDE = """
import json, sys, time
marks = {"python": time.time()}
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
marks["QApplication"] = time.time()
events = [0]

def shown():
    marks["shown"] = time.time()
    QApplication.instance().quit()

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        events[0] += 1
        if "paint" not in marks and event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            marks["paint"] = time.time()
            QTimer.singleShot(0, shown)
        return False

first_paint = FirstPaint()
app.installEventFilter(first_paint)
QTimer.singleShot(30_000, app.quit)  # never hang the benchmark
"""

_CHILD_END = """
marks["exit"] = time.time()
print(json.dumps({"marks": marks, "events": events[0]}))
"""

# coopdesk the way ``coopdesk --db FILE`` starts it: the console script calls coopdesk.entry.main, which
# parses the arguments and calls gui.run (translations, logging, open_database, AppContext,
# MainWindow, show, app.exec). gui.run reuses the QApplication made above.
COOPDESK_CHILD = (
    _CHILD_PRELUDE
    + """
from coopdesk.entry import main
code = main(["--db", sys.argv[1]])
assert code == 0, code
"""
    + _CHILD_END
)

BARE_CHILD = (
    _CHILD_PRELUDE
    + f"""
window = QMainWindow()
window.resize({WINDOW_SIZE[0]}, {WINDOW_SIZE[1]})
window.show()
app.exec()
"""
    + _CHILD_END
)

# gui.run's steps one by one, with a mark after each: where coopdesk's start-up time goes.
BREAKDOWN_CHILD = (
    _CHILD_PRELUDE
    + """
from PySide6.QtCore import QCoreApplication
from coopdesk import __version__
from coopdesk.core.audit import Actor
from coopdesk.storage.database import open_database
from coopdesk.ui import errors, i18n
from coopdesk.ui.context import AppContext
from coopdesk.ui.main_window import MainWindow
marks["import coopdesk.ui"] = time.time()
QCoreApplication.setOrganizationName("coopdesk")
QCoreApplication.setApplicationName("coopdesk")
QCoreApplication.setApplicationVersion(__version__)
i18n.install(app, i18n.chosen_language())
errors.setup_logging()
errors.install_excepthook()
marks["translations, logging"] = time.time()
database = open_database(sys.argv[1])
marks["open_database"] = time.time()
ctx = AppContext(database, Actor.system_user())
window = MainWindow(ctx)
marks["MainWindow() (builds Idag)"] = time.time()
window.show()
marks["show()"] = time.time()
app.exec()
database.close()
"""
    + _CHILD_END
)

BREAKDOWN_STEPS = [
    ("python", "interpreter start"),
    ("QApplication", "import PySide6.QtWidgets, QApplication()"),
    ("import coopdesk.ui", "import coopdesk (ui, storage, core)"),
    ("translations, logging", "i18n.install, logging, excepthook"),
    ("open_database", "open_database (check schema)"),
    ("MainWindow() (builds Idag)", "AppContext, MainWindow() incl. Idag + day_register"),
    ("show()", "window.show()"),
    ("paint", "event loop until the first Paint"),
    ("shown", "rest of the first paint pass"),
]
