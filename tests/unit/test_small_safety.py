"""Smaller faults of the same spirit (nothing lost, nothing leaked): duplicate JSON keys, other
scripts' digits in hours, the log scrubber, owner-only log and folders, a warning for data others can
read, the command line's wait after wrong passwords, and ``--verify`` with something that is no
fingerprint."""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import stat
from decimal import Decimal
from pathlib import Path

import pytest

from coopdesk.cli import common as cli_common
from coopdesk.core.errors import ValidationError
from tests.conftest import EXAMPLE, TEST_PASSWORD
from tests.unit.test_cli import run


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# --- duplicate keys ------------------------------------------------------------------------------


def test_a_duplicate_key_in_a_json_document_is_an_error() -> None:
    from coopdesk.core.exchange.reader import loads

    with pytest.raises(ValidationError) as info:
        loads('{"format": "coopdesk/1", "members": [{"name": "A", "name": "B"}]}')
    assert "'name'" in info.value.en and "twice" in info.value.en  # before: "B" silently won
    assert loads('{"a": {"x": 1}, "b": {"x": 2}}') == {"a": {"x": 1}, "b": {"x": 2}}  # the same key elsewhere


def test_a_keys_file_with_a_duplicate_entry_is_damaged(tmp_path: Path) -> None:
    from coopdesk.storage.keyfile import DamagedKeyFileError, KeyFile, new_database_key, new_recovery_key

    keys = KeyFile.create(tmp_path / "x.db", new_database_key(), new_recovery_key())
    text = keys.to_bytes().decode()
    doubled = text.replace('"format": "coopdesk-keys/1",', '"format": "coopdesk-keys/1", "users": {},', 1)
    with pytest.raises(DamagedKeyFileError):
        KeyFile.from_bytes(tmp_path / "x.db.keys", doubled.encode())


# --- digits --------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["٧٫٥", "٧", "۸", "７.５", "७", "1٢"])
def test_hours_in_other_scripts_digits_are_refused(typed: str) -> None:
    from coopdesk.core.numbers import parse_decimal

    with pytest.raises(ValidationError):
        parse_decimal(typed, "hours")  # before: Decimal("٧") == 7 was accepted
    assert parse_decimal("7,5", "hours") == Decimal("7.50")


# --- the log -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "19800101 0019",
        "800101 0019",
        "19800101–0019",
        "800101—0019",
        "19800101 - 0019",
        "pnr8001010019",
        "id:19800101-0019x",
        "medlem_198001010019_fil",
    ],
)
def test_the_scrubber_catches_every_way_a_personal_number_is_written(text: str) -> None:
    from coopdesk.ui.errors import scrub

    assert "0019" not in scrub(text) and "[personnummer]" in scrub(text)


def test_the_scrubber_leaves_longer_numbers_and_backup_names_alone() -> None:
    from coopdesk.ui.errors import scrub

    for text in ("1234567890123", "coopdesk-20261127-173000-close.db", "2026-11-27 17:30:00"):
        assert scrub(text) == text


def test_the_log_file_is_owner_only_and_so_are_the_folders_made(tmp_path: Path, monkeypatch) -> None:
    from coopdesk.storage import paths
    from coopdesk.ui.errors import log, setup_logging

    home = tmp_path / "a" / "b" / "home"
    monkeypatch.setenv("COOPDESK_HOME", str(home))
    old_umask = os.umask(0o022)
    try:
        setup_logging()
        log.error("något gick fel")
        for handler in log.handlers:
            handler.flush()
        assert mode(paths.log_dir() / "coopdesk.log") == 0o600  # before: 0644
        for folder in (tmp_path / "a", tmp_path / "a" / "b", home, home / "logs"):
            assert mode(folder) == 0o700, folder  # before: the folders above the data folder were 0755
        from coopdesk.storage.files import write_atomic

        write_atomic(tmp_path / "ut" / "mapp" / "export.json", b"{}")
        assert mode(tmp_path / "ut") == 0o700 and mode(tmp_path / "ut" / "mapp") == 0o700
    finally:
        os.umask(old_umask)
        for handler in list(log.handlers):
            if isinstance(handler, logging.FileHandler):
                log.removeHandler(handler)
                handler.close()


@pytest.mark.sqlite_only("file permissions")
def test_a_database_others_can_read_gets_a_warning(tmp_path: Path, data_home: Path) -> None:
    from coopdesk.storage import paths

    paths.data_dir()  # made as the program makes it (owner-only)
    path = tmp_path / "delad.db"
    assert run("--db", str(path), "import", str(EXAMPLE), "--no-encryption")[0] == 0
    code, _, err = run("--db", str(path), "users", "list")
    assert code == 0 and "Warning" not in err
    os.chmod(path, 0o644)
    code, _, err = run("--db", str(path), "users", "list")
    assert code == 0 and "other users of this computer can read" in err and "chmod 600" in err
    os.chmod(path, 0o600)
    os.chmod(data_home, 0o755)
    code, _, err = run("--db", str(path), "users", "list")
    assert "chmod 700" in err and str(data_home) in err


# --- wrong passwords on the command line ----------------------------------------------------------


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_repeated_wrong_passwords_on_the_command_line_are_slowed_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encrypted: bool
) -> None:
    if encrypted and os.environ.get("COOPDESK_TEST_DB_URL"):
        pytest.skip("encryption is for SQLite files")
    path = tmp_path / "x.db"
    assert run("--db", str(path), "import", str(EXAMPLE), *([] if encrypted else ["--no-encryption"]))[0] == 0
    waits: list[float] = []
    monkeypatch.setattr(cli_common, "wait", waits.append)  # the program's waiting, counted instead of slept
    monkeypatch.setenv("COOPDESK_PASSWORD", "fel-lösenord-1")
    for _ in range(7):
        code, _, err = run("--db", str(path), "users", "list")
        assert code == 1 and "Wrong login or password" in err
    assert waits == [1, 2, 4, 8, 16, 30]  # before: no wait at all (a script could try passwords at full speed)
    monkeypatch.setenv("COOPDESK_PASSWORD", TEST_PASSWORD)
    assert run("--db", str(path), "users", "list")[0] == 0
    waits.clear()
    assert run("--db", str(path), "users", "list")[0] == 0
    assert waits == []  # a successful login starts over


def test_the_wait_is_bounded_and_forgets_old_failures() -> None:
    from coopdesk.access import _wait_after_failures
    from coopdesk.core.passwords import backoff_seconds

    assert [backoff_seconds(n) for n in range(0, 8)] == [0, 1, 2, 4, 8, 16, 30, 30]
    assert backoff_seconds(10_000) == 30
    now = dt.datetime(2026, 5, 1, 12, 0)
    waited: list[float] = []
    _wait_after_failures(waited.append, [now - dt.timedelta(hours=1)] * 50 + [now.isoformat()], now)
    assert waited == [1]


# --- --verify --------------------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["hej", "9945-DF1C", "9945-DF1C-9D8G", "", "9945DF1C9D89AA"])
def test_verify_with_something_that_is_no_fingerprint_is_a_usage_error(example_db, given: str) -> None:
    from coopdesk import cli

    err = io.StringIO()
    with pytest.raises(SystemExit) as info:
        cli.main(
            ["statement", "--month", "2026-05", "--district", "Norrmalm", "--verify", given], out=io.StringIO(), err=err
        )
    assert info.value.code == 2  # before: exit 3, "changed"


def test_a_fingerprint_typed_with_spaces_or_lower_case_still_verifies(new_db) -> None:
    address = new_db("cli.db")
    assert run("--db", address, "import", str(EXAMPLE), "--no-encryption")[0] == 0
    args = ("--db", address, "statement", "--month", "2026-05", "--district", "Norrmalm")
    code, out, _ = run(*args, "--verify", "0000-0000-0000")
    assert code == 3
    printed = out.split("now: ")[1].split(")")[0]
    code, out, _ = run(*args, "--verify", printed.lower().replace("-", " "))
    assert code == 0, out
