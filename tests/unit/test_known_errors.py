"""Known errors everywhere, tracebacks nowhere (issue 13, point 7).

A data folder that cannot be made or written, /dev/zero or a FIFO given as a file, a keys file that
links to /dev/zero, a number too large for SQLite: each is a clear message (exit 1, or 2 for usage),
never a traceback or a hang. Database errors are told apart by SQLite's result code; an unknown one
is a bug and comes through as itself.
"""

from __future__ import annotations

import io
import logging
import os
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from coopdesk import cli
from coopdesk.core.errors import StorageError
from tests.conftest import EXAMPLE

sqlite_only = pytest.mark.sqlite_only("SQLite files, result codes and the data folder")


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def no_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder that cannot be made: its parent is a file (root ignores a read-only folder's mode)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    home = blocker / "coopdesk"
    monkeypatch.setenv("COOPDESK_HOME", str(home))
    return home


@pytest.fixture
def clean_log():
    from coopdesk.ui.errors import log

    before = list(log.handlers)
    yield log
    for handler in [h for h in log.handlers if h not in before]:
        log.removeHandler(handler)
        handler.close()


# --- the log --------------------------------------------------------------------------------------


def test_logging_falls_back_to_stderr_when_the_data_folder_cannot_be_made(
    no_data_folder: Path, clean_log: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    from coopdesk.ui.errors import log_file, setup_logging

    assert setup_logging() is None  # no traceback: the program goes on
    assert log_file() is None
    clean_log.error("after the fall-back")
    err = capsys.readouterr().err
    assert "The log file cannot be written" in err and str(no_data_folder) in err
    assert "after the fall-back" in err


def test_logging_falls_back_when_the_log_file_cannot_be_opened(
    monkeypatch: pytest.MonkeyPatch, clean_log: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read-only data folder, as a user (not root) meets it: opening the log file is refused."""
    from coopdesk.ui import errors
    from coopdesk.ui.errors import setup_logging

    def refused(filename, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(filename))

    monkeypatch.setattr(errors, "_private_open", refused)  # the log file is opened owner-only through it

    assert setup_logging() is None
    assert "Permission denied" in capsys.readouterr().err


@sqlite_only
def test_commands_on_a_data_folder_that_cannot_be_made_say_so(no_data_folder: Path, tmp_path: Path) -> None:
    code, _, err = run("export", "-o", str(tmp_path / "e.json"))
    assert code == 1
    assert err.startswith("coopdesk: error: The data folder") and "cannot be created" in err


# --- files that are no files, or too large ------------------------------------------------------------


@sqlite_only
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="a system with /dev/zero")
def test_import_of_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    """It was read without limit until MemoryError."""
    link = tmp_path / "export.json"
    link.symlink_to("/dev/zero")
    for source in ("/dev/zero", str(link)):
        code, _, err = run("--db", str(tmp_path / "new.db"), "import", source, "--no-encryption")
        assert code == 1
        assert "not a regular file" in err, err
    assert not (tmp_path / "new.db").exists()


@sqlite_only
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_import_of_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    code, _, err = run("--db", str(tmp_path / "new.db"), "import", str(fifo), "--no-encryption")
    assert code == 1 and "not a regular file" in err


@sqlite_only
def test_an_import_file_larger_than_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coopdesk.core.exchange import reader

    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 1000)
    code, _, err = run("--db", str(tmp_path / "new.db"), "import", str(EXAMPLE), "--no-encryption")
    assert code == 1
    assert "is larger than 1000 bytes" in err
    assert not (tmp_path / "new.db").exists()


@sqlite_only
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="a system with /dev/zero")
def test_a_keys_file_that_links_to_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    """It hung, reading /dev/zero for ever."""
    db = tmp_path / "enc.db"
    assert run("--db", str(db), "init")[0] == 0
    keys = tmp_path / "enc.db.keys"
    keys.unlink()
    keys.symlink_to("/dev/zero")
    for command in (["statement", "--month", "2026-05", "--all"], ["backup"], ["users", "list"]):
        code, _, err = run("--db", str(db), *command)
        assert code == 1, (command, err)
        assert f"The keys file {keys} is not a regular file" in err


@sqlite_only
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_as_the_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    """'--db FIFO init' failed with 'disk error' and then removed the FIFO as a half-made database (as
    root it removed /dev/zero the same way); 'statement' on it hung."""
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    for command in (["init"], ["statement", "--month", "2026-05", "--all"], ["import", str(EXAMPLE)]):
        code, _, err = run("--db", str(fifo), *command)
        assert code == 1, err
        assert "not a regular file" in err and "cannot be a database" in err
        assert fifo.is_fifo()


@sqlite_only
def test_a_failed_first_open_removes_only_what_it_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The clean-up after a failed 'init' removed the database's files even when they were there before."""
    from coopdesk import access

    db = tmp_path / "new.db"
    db.write_bytes(b"")  # an empty file the user made: coopdesk sets a database up in it
    wal = tmp_path / "new.db-wal"
    wal.write_bytes(b"someone else's")

    def broken(*args, **kwargs):
        raise StorageError("sv", "made to fail")

    monkeypatch.setattr(access, "open_database", broken)
    with pytest.raises(StorageError):
        access.create_database(str(db), "admin", "Admin", "ett-bra-lösenord-1", encrypt=False)
    assert db.exists() and wal.read_bytes() == b"someone else's"


# --- numbers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["audit", "--limit", "99999999999999999999999"],
        ["audit", "--limit", "0"],
        ["audit", "--limit", "ten"],
        ["gallra", "--member-id", "99999999999999999999999"],
        ["gallra", "--years", "-1"],
        ["gallra", "--set-years", "99999999999999999999"],
    ],
)
def test_numbers_out_of_range_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """'audit --limit 99999999999999999999999' ended in an OverflowError from SQLite."""
    with pytest.raises(SystemExit) as info:
        cli.main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "error: argument" in err and "Traceback" not in err


def test_the_audit_limit_at_its_bound_works(new_db) -> None:
    address = new_db("audit.db")
    assert run("--db", address, "import", str(EXAMPLE), "--no-encryption")[0] == 0
    code, out, err = run("--db", address, "audit", "--limit", str(cli.MAX_AUDIT_LIMIT))
    assert code == 0, err
    assert out.strip()


@pytest.mark.parametrize("size", ["99999999999x800", "1280x0", "1280x-5"])
def test_a_screenshot_size_out_of_range_is_refused(size: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import coopdesk.ui.gui

    monkeypatch.setattr(coopdesk.ui.gui, "run", lambda *a, **k: pytest.fail("no window with this size"))
    code, _, err = run("gui", "--size", size)
    assert code == 1 and "WIDTHxHEIGHT" in err


# --- database errors by their code -------------------------------------------------------------------


def _error(message: str, code: int | None) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    if code is not None:
        error.sqlite_errorcode = code  # as SQLite sets it (sqlite3 and sqlcipher3 alike)
    return error


@sqlite_only
def test_database_errors_are_told_apart_by_sqlites_code_not_its_words(example_db) -> None:
    from coopdesk.storage import database_errors as de

    def known(message: str, code: int | None) -> StorageError | None:
        return de.storage_error(example_db, _error(message, code), busy_timeout_ms=5000)

    assert "Disken är full" in known("whatever the build says", de.SQLITE_FULL).sv
    assert "Disken är full" in known("x", de.SQLITE_FULL | (1 << 8)).sv  # an extended code keeps its primary
    assert "låst" in known("x", de.SQLITE_BUSY).sv and "låst" in known("x", de.SQLITE_LOCKED).sv
    assert "disken" in known("x", de.SQLITE_IOERR | (2 << 8)).sv
    assert "skrivning" in known("x", de.SQLITE_READONLY).sv and "skrivning" in known("x", de.SQLITE_CANTOPEN).sv
    assert "skadad" in known("x", de.SQLITE_CORRUPT).sv
    assert "ingen coopdesk-databas" in known("x", de.SQLITE_NOTADB).sv
    # Words are not a code: a generic SQLITE_ERROR that happens to say "locked" or "full" is no known state.
    assert known("table 'locked' has no column 'disk is full'", 1) is None
    # Without a code (an older driver, or the driver's own error) SQLite's words are the fallback.
    assert "Disken är full" in known("database or disk is full", None).sv
    assert known("something nobody foresaw", None) is None


def test_an_unknown_database_error_is_a_bug_not_a_known_error(example_db) -> None:
    """It became a StorageError 'could not be used: …' and was shown as a state of the database."""
    with pytest.raises(sa.exc.DBAPIError) as info, example_db.session() as session:
        session.execute(sa.text("SELECT no_such_column FROM member"))
    assert not isinstance(info.value, StorageError)


@sqlite_only
def test_a_real_full_database_is_still_known_by_its_code(tmp_path: Path) -> None:
    from coopdesk.storage.database import open_database
    from coopdesk.storage.database_errors import SQLITE_FULL, sqlite_code

    database = open_database(str(tmp_path / "full.db"))
    with database.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    database.engine.dispose()
    sa.event.listen(database.engine, "connect", lambda conn, _r: conn.execute(f"PRAGMA max_page_count = {pages}"))
    with pytest.raises(StorageError) as info, database.session() as session:
        session.execute(sa.text("CREATE TABLE filler (x BLOB)"))
        session.execute(sa.text("INSERT INTO filler VALUES (zeroblob(100000))"))
    assert sqlite_code(info.value.__cause__) == SQLITE_FULL
    assert "Disken är full" in info.value.sv
    database.close()


# --- found by trying the commands with edge values -----------------------------------------------------


def test_audit_to_the_last_possible_day_is_no_overflow(new_db) -> None:
    """'audit --to 9999-12-31' ended in OverflowError (the day after it)."""
    address = new_db("audit.db")
    assert run("--db", address, "import", str(EXAMPLE), "--no-encryption")[0] == 0
    code, out, err = run("--db", address, "audit", "--from", "0001-01-01", "--to", "9999-12-31", "--limit", "1")
    assert code == 0, err
    assert len(out.strip().splitlines()) == 1


def test_erasure_counted_from_the_first_years_is_no_traceback(new_db) -> None:
    """'gallra --today 0001-01-01' ended in ValueError (a cut-off before the year 1)."""
    address = new_db("erase.db")
    assert run("--db", address, "import", str(EXAMPLE), "--no-encryption")[0] == 0
    code, out, err = run("--db", address, "gallra", "--today", "0001-01-01", "--years", "50")
    assert code == 0, err
    assert "No member can be erased" in out


@sqlite_only
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_restore_from_a_fifo_says_what_it_is(tmp_path: Path) -> None:
    """It said 'does not exist' of a FIFO or a device that plainly exists."""
    db = tmp_path / "cli.db"
    assert run("--db", str(db), "import", str(EXAMPLE), "--no-encryption")[0] == 0
    fifo = tmp_path / "backup.db"
    os.mkfifo(fifo)
    code, _, err = run("--db", str(db), "restore", str(fifo), "--yes")
    assert code == 1
    assert "is not a regular file and no backup" in err


@sqlite_only
def test_a_backup_under_another_key_is_known_by_sqlites_code(tmp_path: Path, data_home: Path) -> None:
    from coopdesk.storage.backup import verify_backup
    from coopdesk.storage.encryption import WrongDatabaseKeyError
    from coopdesk.storage.keyfile import new_database_key

    db = tmp_path / "enc.db"
    assert run("--db", str(db), "init")[0] == 0
    assert run("--db", str(db), "backup")[0] == 0
    [backup] = (data_home / "backups").glob("enc-*.db")
    with pytest.raises(WrongDatabaseKeyError, match="encrypted with another key"):
        verify_backup(backup, key=new_database_key())
