"""Fuzzing the arguments of every ``coopdesk`` command (issue "Data safety", item 7).

Commands: init, demo, import, export, statement, backup, restore and gui (never a window).

Argument lists are drawn from a grammar of valid and invalid pieces (unknown flags, missing values,
impossible months, odd district names, paths that do not exist, folders where files are expected,
files where folders are expected, unknown formats, fingerprints that are not fingerprints, …) and run
in-process with ``cli.main(args, out=…, err=…)`` against a copy of a database that holds the example
document of interchange.md (sometimes another ``--db``: missing, a folder, a text file, an empty file).

Every run must end with exit code 0, 1, 2 or 3 and never change the database that holds the example
(compared by its logical content, since SQLite in WAL mode may rewrite the file's pages; the only
``restore`` that can succeed on it restores a copy with the same data). A failing run (1 or 2) prints a
short, clear message on stderr (no traceback) and leaves no new or changed file behind (SQLite's
``-wal``/``-shm`` files, the empty ``.lock`` file of the instance lock and empty folders aside). A
successful run prints nothing on stderr.

``gui`` never opens a window here: ``coopdesk.ui.gui.run`` is replaced by a stub, and the generator
only gives ``gui`` arguments that ``cmd_gui`` must refuse before it calls ``run`` (a bad ``--date`` or
``--size``, or an argparse error). Reaching the stub with such arguments is a failure.

Known bugs (see :data:`KNOWN_BUGS`) pass rather than fail, each with a strict xfail test. How the cases
ended is recorded as hypothesis events: ``pytest --hypothesis-show-statistics tests/unit/test_cli_fuzz.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import shutil
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import coopdesk.ui.gui
from coopdesk import cli
from coopdesk.core.calendar import Month
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.exchange.reader import load_json_file
from coopdesk.core.services import users
from coopdesk.core.statement import statement_for
from coopdesk.reports.fingerprint import statement_fingerprint
from coopdesk.storage.database import open_database
from tests.conftest import EXAMPLE, TEST_LOGIN, TEST_PASSWORD, TODAY

SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
NOISE = ("Traceback", "<class", "object at 0x", 'File "')

#: Known bugs the fuzzing runs into, recognised by the exception. Each has a strict xfail test below;
#: remove the entry when that test starts to pass.
KNOWN_BUGS: dict[str, Callable[[BaseException], bool]] = {}  # every bug the fuzzing found has been fixed


def raised_in(exc: BaseException, function: str) -> bool:
    """Whether ``function`` is one of the frames ``exc`` passed through."""
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_name == function:
            return True
        tb = tb.tb_next
    return False


#: A known bug that is no exception: a failing command turns an empty file given as --db into a coopdesk database.
EMPTY_FILE_MIGRATED = "a failing command writes the schema into an empty file given as --db"
EMPTY = hashlib.sha256(b"").hexdigest()


class GuiWouldStart(Exception):  # a signal, not an error
    """Raised by the stub that replaces ``coopdesk.ui.gui.run``: no window in these tests."""


# --- the folder every case runs in ------------------------------------------------------------


@dataclass
class Workspace:
    template: Path
    work: Path
    fingerprint: str  # of Norrmalm, May 2026, in the example

    @property
    def db(self) -> Path:
        return self.work / "cli.db"

    def reset(self) -> None:
        if self.work.exists():
            shutil.rmtree(self.work)
        shutil.copytree(self.template, self.work)


def db_content(path: Path) -> str:
    """The logical content of a database file (every table's rows), independent of page layout and WAL."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        # Without the log and the accounts: every command logs its login (or the failed attempt) there.
        lines = [
            line
            for line in connection.iterdump()
            if not line.startswith(('INSERT INTO "audit_log"', 'INSERT INTO "user_account"'))
        ]
        return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogatepass")).hexdigest()
    except sqlite3.DatabaseError:
        return "not a database any more: " + hashlib.sha256(path.read_bytes()).hexdigest()
    finally:
        connection.close()


#: SQLite's companions of a database file, and the empty advisory lock file beside it (storage/instance_lock.py
#: leaves it in place by design: the operating system drops the lock, not the file).
SIDE_FILES = ("-wal", "-shm", "-journal", ".lock")


def snapshot(work: Path) -> dict[str, str]:
    """Every file under ``work`` with a digest of its content (databases by their logical content).

    Folders are left out: an empty folder made on the way (such as the backup folder that ``restore``
    looks in) is harmless; any file put into one shows.
    """
    found: dict[str, str] = {}
    for path in sorted(work.rglob("*")):
        name = str(path.relative_to(work))
        if path.is_dir():
            continue
        if name.endswith(SIDE_FILES):
            continue
        elif path.name == "cli.db":
            found[name] = "db " + db_content(path)
        else:
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = tmp_path_factory.mktemp("cli_fuzz")
    template = root / "template"
    template.mkdir()
    database = open_database(str(template / "cli.db"))
    with database.session() as session:
        admin = users.create_first_admin(session, TEST_LOGIN, "Sara Svensson", TEST_PASSWORD)
        import_document(session, load_json_file(EXAMPLE), actor=admin, today=TODAY)
    with database.session() as session:
        fingerprint = statement_fingerprint(statement_for(session, "Norrmalm", Month(2026, 5)))
    database.close()
    for side in SIDE_FILES:
        assert not (template / f"cli.db{side}").exists()
    shutil.copy(EXAMPLE, template / "example.json")
    raw = EXAMPLE.read_bytes()
    (template / "cut.json").write_bytes(raw[: len(raw) // 2])
    (template / "latin1.json").write_bytes(raw.decode("utf-8").encode("latin-1"))
    (template / "empty.json").write_bytes(b"")
    (template / "notes.txt").write_text("inte en databas\n", encoding="utf-8")
    (template / "empty.db").write_bytes(b"")
    (template / "adir").mkdir()
    (template / "home").mkdir()
    (template / "existing.pdf").write_bytes(b"%PDF-1.4 old\n")
    shutil.copy(template / "cli.db", template / "copy.db")  # a sound backup holding the same data
    db_bytes = (template / "cli.db").read_bytes()
    (template / "damaged.db").write_bytes(db_bytes[: len(db_bytes) // 3])
    for made in template.iterdir():  # owner-only, as coopdesk makes them (others' access gets a warning)
        made.chmod(0o700 if made.is_dir() else 0o600)
    return Workspace(template, root / "work", fingerprint)


@pytest.fixture
def no_window(monkeypatch: pytest.MonkeyPatch) -> None:
    def stub(*_args: Any, **_kwargs: Any) -> int:
        raise GuiWouldStart

    monkeypatch.setattr(coopdesk.ui.gui, "run", stub)


# --- the grammar --------------------------------------------------------------------------------

#: Placeholders, replaced by paths inside the workspace when a case runs.
DBS = ["{work}/cli.db"] * 6 + [
    "{work}/missing/new.db",
    "{work}/adir",
    "{work}/notes.txt",
    "{work}/empty.db",
    "{work}/cli.db/x.db",
    "{work}/example.json",
    "",
]
#: Values of --db that run into the known bugs (drawn less often).
BUGGY_DBS = ["{work}/Björn.db", "{work}/a#b.db", "~nosuchuser/x.db", "nonsense://x", "://x", "sqlite:///:memory:"]
VALID_MONTHS = ["2026-05", "2026-04", "2026-11", "2026-12", " 2026-05 ", "2025-01"]
BAD_MONTHS = [
    "2026-00",
    "2026-13",
    "26-05",
    "2026-5",
    "abc",
    "",
    "2026-05-01",
    "2026/05",
    "0000-01",
    "-2026-05",
    "٢٠٢٦-٠٥",
]
EDGE_MONTHS = ["0001-01", "9999-12"]
DISTRICTS = [
    "Norrmalm",
    "Södermalm",
    "Tyresö kommun",
    "norrmalm",
    "NORRMALM",
    " Norrmalm ",
    "Atlantis",
    "",
    " ",
    "So\u0308dermalm",
    "Tyresö\u00a0kommun",
    "🙂",
    "\u202eevil",
    "A" * 300,
    "Norrmalm\x00",
    "-x",
]
FORMATS = ["json", "csv", "pdf", "xml", "", "JSON"]
OUTPUTS = [
    "{work}/out/s.json",
    "{work}/out/deep/er/s.pdf",
    "{work}/adir",
    "{work}/notes.txt",
    "{work}/existing.pdf",
    "{work}/notes.txt/x.json",
    "{work}/cli.db",
    "{work}/cli.db-wal",
    "{work}/cli.db.keys",
    "{work}/home/x.json",
    "/dev/null",
    "",
]
VERIFY = ["{fingerprint}", "{fingerprint_lower}", "0000-0000-0000", "", "   ", "ö", "x" * 500, "--all"]
IMPORT_FILES = [
    "{work}/example.json",
    "{work}/cut.json",
    "{work}/latin1.json",
    "{work}/empty.json",
    "{work}/adir",
    "{work}/missing.json",
    "{work}/cli.db",
    "{work}/notes.txt",
    "-",
    "",
]
RESTORE_FILES = [
    "{work}/copy.db",
    "{work}/damaged.db",
    "{work}/empty.db",
    "{work}/example.json",
    "{work}/notes.txt",
    "{work}/missing.db",
    "{work}/adir",
    "{work}/cli.db",
    "",
]
BAD_DATES = ["2026-02-30", "2026-13-01", "", "abc", "2026-5-4", "04/05/2026", "2026-05-04T10:00", "٢٠٢٦-٠٥-٠٤"]
GOOD_DATES = ["2026-05-04", "20260504", "2026-W19-1"]
BAD_SIZES = ["axb", "1280", "1280x", "x800", "1280x800x2", "", "1280×800", "12.5x8", "big"]
GOOD_SIZES = ["1280x800", "640X480", "0x0", "-5x10", " 1280 x 800 "]
VIEWS = ["idag", "manad", "redovisning", "översikt", ""]
UNKNOWN = ["--bogus", "-z", "--month=", "--db", "--", "-", "--ALL", "--verbose", "statement", "extra"]


@dataclass
class Case:
    argv: list[str]
    command: str
    note: str


def gui_would_start(argv: list[str]) -> bool:
    """What cmd_gui decides before it calls run(): both --date and --size are valid."""
    args = cli.build_parser().parse_args(argv)
    if args.command != "gui":
        return args.command is None
    try:
        if args.date:
            dt.date.fromisoformat(args.date)
        _width, _height = (int(n) for n in args.size.lower().split("x"))
    except ValueError:
        return False
    return True


def often(n: int) -> st.SearchStrategy[bool]:
    """True n times out of n + 1 (hypothesis prefers the first item of sampled_from, so it is True)."""
    return st.sampled_from([True] * n + [False])


@st.composite
def cases(draw: st.DrawFn) -> Case:
    command = draw(
        st.sampled_from(["init", "demo", "import", "export", "statement", "statement", "gui", "backup", "restore"])
    )
    head: list[str] = []
    if draw(often(9)):
        head += ["--db", draw(st.sampled_from(DBS) if draw(often(7)) else st.sampled_from(BUGGY_DBS))]
    if draw(st.booleans()):
        head += ["--lang", draw(st.sampled_from(["sv", "en", "sv", "en", "xx", "SV"]))]

    tail: list[str] = []
    if command == "import":
        tail += [draw(st.sampled_from(IMPORT_FILES))] * draw(st.sampled_from([1, 1, 1, 0, 2]))
    elif command == "export":
        if draw(often(5)):
            tail += [draw(st.sampled_from(["-o", "--output"])), draw(st.sampled_from(OUTPUTS))]
    elif command == "statement":
        if draw(often(7)):
            month = draw(st.sampled_from(VALID_MONTHS) | st.sampled_from(BAD_MONTHS) | st.sampled_from(EDGE_MONTHS))
            tail += ["--month", month]
        which = draw(st.sampled_from(["district", "all", "district", "all", "both", "neither"]))
        if which in ("district", "both"):
            tail += ["--district", draw(st.sampled_from(DISTRICTS))]
        if which in ("all", "both"):
            tail += ["--all"]
        if draw(st.booleans()):
            tail += ["--format", draw(st.sampled_from(FORMATS))]
        if draw(st.booleans()):
            tail += ["-o", draw(st.sampled_from(OUTPUTS))]
        if draw(often(3)) is False:
            tail += ["--verify", draw(st.sampled_from(VERIFY))]
    elif command == "backup":
        option = draw(st.sampled_from(["none", "-o", "--list", "both"]))
        if option in ("-o", "both"):
            tail += ["-o", draw(st.sampled_from(["{work}/out/b.db", *OUTPUTS]))]
        if option in ("--list", "both"):
            tail += ["--list"]
    elif command == "restore":
        if draw(often(3)):
            tail += [draw(st.sampled_from(RESTORE_FILES))]
        if draw(often(2)):
            tail += ["--yes"]
    if command in ("export", "statement", "backup") and draw(st.booleans()):
        tail += ["--force"]  # never over the database, its files, a device or the data folder, even so
    if command == "gui":
        # at least one piece cmd_gui must refuse before it creates a window
        bad = draw(st.sampled_from(["date", "size", "both", "view"]))
        if bad in ("date", "both"):
            tail += ["--date", draw(st.sampled_from(BAD_DATES))]
        elif draw(st.booleans()):
            tail += ["--date", draw(st.sampled_from(GOOD_DATES))]
        if bad in ("size", "both"):
            tail += ["--size", draw(st.sampled_from(BAD_SIZES))]
        elif draw(st.booleans()):
            tail += ["--size", draw(st.sampled_from(GOOD_SIZES))]
        if bad == "view":
            tail += ["--view", draw(st.sampled_from(["översikt", "", "IDAG"])), "--date", "2026-02-30"]
        elif draw(st.booleans()):
            tail += ["--view", draw(st.sampled_from(VIEWS))]
        if draw(st.booleans()):
            tail += ["--screenshot", draw(st.sampled_from(["{work}/out/shot.png", "{work}/adir"]))]

    argv = [*head, command, *tail]
    note = "plain"
    trouble = draw(st.sampled_from(["none"] * 5 + ["unknown", "drop value", "duplicate", "global after", "help"]))
    if trouble == "unknown":
        argv.insert(draw(st.integers(0, len(argv))), draw(st.sampled_from(UNKNOWN)))
    elif trouble == "drop value" and len(argv) > 1:
        flags = [i for i, piece in enumerate(argv[:-1]) if piece.startswith("-") and not argv[i + 1].startswith("-")]
        if flags:
            del argv[draw(st.sampled_from(flags)) + 1]
    elif trouble == "duplicate" and tail:
        argv += tail[:2]
    elif trouble == "global after" and head:
        argv = [command, *tail, *head]
    elif trouble == "help":
        argv.insert(draw(st.integers(0, len(argv))), draw(st.sampled_from(["-h", "--help", "--version"])))
    if trouble != "none":
        note = trouble
    return Case(argv, command, note)


# --- running a case -----------------------------------------------------------------------------


def expand(piece: str, workspace: Workspace) -> str:
    return (
        piece.replace("{work}", str(workspace.work))
        .replace("{fingerprint_lower}", workspace.fingerprint.lower())
        .replace("{fingerprint}", workspace.fingerprint)
    )


def known_bug(exc: BaseException) -> str | None:
    return next((label for label, matches in KNOWN_BUGS.items() if matches(exc)), None)


@dataclass
class Result:
    code: int | str
    out: str
    err: str


def run_cli(argv: list[str], cwd: Path) -> Result:
    """``cli.main`` in ``cwd`` (relative paths such as ``-o ""`` land there, never in the repository)."""
    out, err = io.StringIO(), io.StringIO()
    # argparse writes usage errors, --help and --version to sys.stdout/sys.stderr itself
    # stdin is no terminal: `restore` without --yes must refuse rather than wait for an answer
    stdin, sys.stdin = sys.stdin, io.StringIO("")
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: int | str = cli.main(argv, out=out, err=err)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        except GuiWouldStart:
            code = "gui"
        finally:
            sys.stdin = stdin
    return Result(code, out.getvalue(), err.getvalue())


def check_case(workspace: Workspace, case: Case, test: str) -> str:
    workspace.reset()
    argv = [expand(piece, workspace) for piece in case.argv]
    before = snapshot(workspace.work)
    try:
        result = run_cli(argv, workspace.work)
    except Exception as exc:
        label = known_bug(exc)
        if label is None:
            raise
        assert snapshot(workspace.work).get("cli.db") == before["cli.db"]
        return f"known bug: {label}"
    after = snapshot(workspace.work)
    assert after["cli.db"] == before["cli.db"], "the database changed"  # it holds data: nothing may change it

    if result.code == "gui":  # only with arguments cmd_gui (or no command) rightly accepts
        assert gui_would_start(argv), argv
        return "gui stub reached"
    assert result.code in (0, 1, 2, 3), result.code
    for noise in NOISE:
        assert noise not in result.err and noise not in result.out, (noise, result.err)
    if result.code in (1, 2):
        assert result.err.strip(), "no message on stderr"
        lines = result.err.strip().splitlines()
        if result.code == 1:
            assert len(lines) <= 2, result.err
            assert lines[0].startswith(("coopdesk: error: ", "coopdesk: fel: ")), result.err
            assert len(lines[0]) > len("coopdesk: error: ") + 10, result.err
        else:
            assert "error:" in lines[-1] and lines[-1].startswith("coopdesk"), result.err
        changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
        if changed == {"empty.db"} and before["empty.db"] == EMPTY:
            return f"exit {result.code}, known bug: {EMPTY_FILE_MIGRATED}"
        assert after == before, "a failing command left files behind or changed them"
    else:
        err = result.err
        if case.command == "export" and err.startswith(("Warning: ", "Varning: ")):
            # the one line a success may write there: the export is unencrypted and sensitive (issue 13.5)
            assert len(err.strip().splitlines()) == 1 and "--encrypt" in err, err
            err = ""
        assert err == "", result.err  # a success says nothing else on stderr
        if case.command == "gui":
            assert result.code == 0 and any(a in argv for a in ("-h", "--help", "--version")), argv
    return f"exit {result.code}"


# --- the fuzz tests -----------------------------------------------------------------------------


@settings(SETTINGS, max_examples=700)
@given(case=cases())
def test_every_command_fails_cleanly_or_succeeds(
    workspace: Workspace, no_window: None, monkeypatch: pytest.MonkeyPatch, case: Case
) -> None:
    monkeypatch.setenv("COOPDESK_HOME", str(workspace.work / "home"))
    outcome = check_case(workspace, case, "cli")
    event(f"{case.command} ({case.note}): {outcome}")


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "{work}/cli.db", "gui", "--date", "2026-02-30"],
        ["--db", "{work}/cli.db", "gui", "--size", "big"],
        ["--db", "{work}/cli.db", "gui", "--date", "2026-05-04", "--size", "1280"],
        ["--db", "{work}/cli.db", "gui", "--view", "översikt"],
    ],
    ids=["bad-date", "bad-size", "size-without-height", "bad-view"],
)
def test_gui_refuses_bad_arguments_before_a_window(
    workspace: Workspace, no_window: None, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setenv("COOPDESK_HOME", str(workspace.work / "home"))
    assert check_case(workspace, Case(argv, "gui", "fixed"), "fixed") in ("exit 1", "exit 2")


def test_the_grammar_reaches_success_and_verify(
    workspace: Workspace, no_window: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Positive controls: the valid pieces of the grammar work, so the failures above are the bad pieces."""
    monkeypatch.setenv("COOPDESK_HOME", str(workspace.work / "home"))
    month = ["statement", "--month", "2026-05"]
    db = ["--db", "{work}/cli.db"]
    for argv, code in [
        ([*db, *month, "--district", "Norrmalm", "--verify", "{fingerprint_lower}"], "exit 0"),
        ([*db, *month, "--district", "Norrmalm", "--verify", "0000-0000-0000"], "exit 3"),
        ([*db, *month, "--all", "--format", "csv", "-o", "{work}/out"], "exit 0"),
        ([*db, "export", "-o", "{work}/e.json"], "exit 0"),
        ([*db, "export", "-o", "{work}/out/e.json"], "exit 1"),  # a missing folder is not created
        ([*db, "init"], "exit 0"),
        (["--db", "{work}/missing/new.db", "import", "{work}/example.json"], "exit 0"),
        ([*db, "import", "{work}/example.json"], "exit 1"),
    ]:
        assert check_case(workspace, Case(argv, argv[2], "control"), "controls") == code, argv


# --- the known bugs, one exact reproduction each ------------------------------------------------


def _fails_cleanly(workspace: Workspace, argv: list[str]) -> Result:
    workspace.reset()
    result = run_cli([expand(piece, workspace) for piece in argv], workspace.work)
    assert result.code == 1, result
    assert result.err.startswith("coopdesk: error: "), result.err
    return result


@pytest.mark.parametrize("name", ["Björn.db", "a#b.db"])
def test_bug_a_database_path_with_a_swedish_letter(
    workspace: Workspace, no_window: None, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("COOPDESK_HOME", str(workspace.work / "home"))
    workspace.reset()
    result = run_cli(["--db", str(workspace.work / name), "init"], workspace.work)
    assert result.code == 0, result
    assert (workspace.work / name).stat().st_size > 0


def test_an_in_memory_sqlite_url_is_an_empty_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # It used to crash in alembic's configparser ('%3Amemory%3A'); now it is simply an empty database.
    monkeypatch.setenv("COOPDESK_HOME", str(tmp_path / "home"))
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--db", "sqlite:///:memory:", "statement", "--month", "2026-05", "--all"], out=out, err=err)
    # A database without accounts lets nobody in: it needs its first administrator.
    assert (code, out.getvalue()) == (1, "")
    assert "has no users yet" in err.getvalue() and "Traceback" not in err.getvalue()


def test_bug_a_database_path_of_an_unknown_user(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOPDESK_HOME", str(workspace.work / "home"))
    _fails_cleanly(workspace, ["--db", "~nosuchuser/x.db", "init"])


@pytest.mark.parametrize("url", ["://x", "nonsense://x", "postgresql://u:p@127.0.0.1:1/x"])
def test_bug_a_database_url_that_cannot_be_used(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("COOPDESK_HOME", str(workspace.work / "home"))
    _fails_cleanly(workspace, ["--db", url, "statement", "--month", "2026-05", "--all"])


def test_bug_a_question_mark_in_a_database_path(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOPDESK_HOME", str(workspace.work / "home"))
    workspace.reset()
    result = run_cli(["--db", str(workspace.work / "a?b.db"), "init"], workspace.work)
    assert result.code == 0, result
    assert (workspace.work / "a?b.db").exists(), sorted(p.name for p in workspace.work.iterdir())
    assert not (workspace.work / "a").exists()


@pytest.mark.parametrize("which", [["--all"], ["--district", "Norrmalm"]], ids=["all", "district"])
def test_bug_the_statement_of_the_last_month_of_the_calendar(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, which: list[str]
) -> None:
    monkeypatch.setenv("COOPDESK_HOME", str(workspace.work / "home"))
    workspace.reset()
    result = run_cli(["--db", str(workspace.db), "statement", "--month", "9999-12", *which], workspace.work)
    assert result.code in (0, 1), result
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    "command",
    [["export", "-o"], ["statement", "--month", "2026-05", "--district", "Norrmalm", "-o"]],
    ids=["export", "statement"],
)
def test_bug_output_onto_the_database_file(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setenv("COOPDESK_HOME", str(workspace.work / "home"))
    workspace.reset()
    before = db_content(workspace.db)
    result = run_cli(["--db", str(workspace.db), *command, str(workspace.db)], workspace.work)
    assert db_content(workspace.db) == before, f"the database was overwritten (exit {result.code})"
    assert result.code == 1, result


def test_bug_a_failing_command_leaves_an_empty_file_as_it_was(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOPDESK_HOME", str(workspace.work / "home"))
    workspace.reset()
    empty = workspace.work / "empty.db"
    result = run_cli(["--db", str(empty), "statement", "--month", "2026-05", "--district", "Norrmalm"], workspace.work)
    assert result.code == 1, result
    assert empty.stat().st_size == 0, "the empty file became a database"


def test_bug_verify_with_all_on_a_database_without_districts(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOPDESK_HOME", str(workspace.work / "home"))
    workspace.reset()
    new = workspace.work / "new.db"
    assert run_cli(["--db", str(new), "init"], workspace.work).code == 0
    result = run_cli(
        ["--db", str(new), "statement", "--month", "2026-05", "--all", "--verify", "9945-DF1C-9D89"], workspace.work
    )
    assert result.code == 1, result
    assert "--verify" in result.err


def test_bug_restore_onto_a_folder(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOPDESK_HOME", str(workspace.work / "home"))
    workspace.reset()
    before = snapshot(workspace.work)
    result = run_cli(["--db", str(workspace.work / "adir"), "restore", str(workspace.work / "copy.db"), "--yes"],
                     workspace.work)  # fmt: skip
    assert result.code == 1, result
    assert snapshot(workspace.work) == before


def test_bug_backup_into_a_path_under_a_file(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOPDESK_HOME", str(workspace.work / "home"))
    workspace.reset()
    result = run_cli(["--db", str(workspace.db), "backup", "-o", str(workspace.work / "notes.txt" / "x.db")],
                     workspace.work)  # fmt: skip
    assert result.code == 1, result
    assert result.err.startswith("coopdesk: error: "), result.err


@pytest.mark.parametrize("output", ["", "."])
def test_bug_backup_to_an_empty_path(workspace: Workspace, monkeypatch: pytest.MonkeyPatch, output: str) -> None:
    monkeypatch.setenv("COOPDESK_HOME", str(workspace.work / "home"))
    workspace.reset()
    result = run_cli(["--db", str(workspace.db), "backup", "-o", output], workspace.work)
    assert result.code == 1, result
    assert result.err.startswith("coopdesk: error: "), result.err
