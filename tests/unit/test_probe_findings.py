"""What bench/probe_issue13.py found (issue 13, "Nothing lost, nothing leaked"), each pinned down.

* JSON files coopdesk reads for itself (a keys file, an encrypted export's envelope, settings.json,
  the backup folder's ``.databases.json``) nested thousands deep raised RecursionError: a traceback,
  not the known "damaged" error (the coopdesk/1 reader already said "nested too deeply").
* ``.databases.json`` in the backup folder was read without a size limit: a FIFO there hung every
  backup, a link to /dev/zero would fill the memory.
* ``subsidy --outlook`` with a number of 5000 digits was a traceback (Python's int limit), and the
  whole numbers of the command line took other scripts' digits (``--years ٧``, ``--limit １０``),
  which the hours already refuse (docs/data-safety.md, "Bad input").
"""

from __future__ import annotations

import argparse
import os
import threading
from pathlib import Path

import pytest

from coopdesk.cli import common as cli_common
from tests.unit.test_cli import run

DEEP = b"[" * 100_000 + b"]" * 100_000


def test_a_deeply_nested_keys_file_is_damaged_not_a_crash(tmp_path: Path) -> None:
    from coopdesk.storage.keyfile import DamagedKeyFileError, KeyFile

    with pytest.raises(DamagedKeyFileError):
        KeyFile.from_bytes(tmp_path / "x.db.keys", b'{"format": "coopdesk-keys/1", "users": ' + DEEP + b"}")


def test_a_deeply_nested_encrypted_export_is_damaged_not_a_crash() -> None:
    from coopdesk.storage.export_crypto import DamagedExportError, unseal

    with pytest.raises(DamagedExportError):
        unseal(b'{"format": "coopdesk-encrypted/1", "kdf": ' + DEEP + b"}", "en lång lösenfras 123")


def test_a_deeply_nested_settings_file_falls_back_to_the_defaults(data_home: Path) -> None:
    from coopdesk.storage import config

    data_home.mkdir(parents=True, exist_ok=True)
    (data_home / "settings.json").write_bytes(DEEP)
    assert config.load() == {}


def test_a_deeply_nested_keys_file_left_by_a_killed_creation_is_no_database_id(tmp_path: Path) -> None:
    from coopdesk.storage.creation import _database_id

    keys = tmp_path / "x.db.keys"
    keys.write_bytes(DEEP)
    assert _database_id(keys) is None


def test_a_deeply_nested_owners_file_in_the_backup_folder_is_ignored(tmp_path: Path) -> None:
    from coopdesk.storage.backup import OWNERS_FILE, folder_for

    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / OWNERS_FILE).write_bytes(DEEP)
    assert folder_for(tmp_path / "coopdesk.db", folder) == folder


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_a_fifo_as_the_owners_file_does_not_hang_a_backup(tmp_path: Path) -> None:
    from coopdesk.storage.backup import OWNERS_FILE, folder_for

    folder = tmp_path / "backups"
    folder.mkdir()
    fifo = folder / OWNERS_FILE
    os.mkfifo(fifo)
    found: list[Path] = []
    worker = threading.Thread(target=lambda: found.append(folder_for(tmp_path / "coopdesk.db", folder)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    hung = worker.is_alive()
    if hung:  # let the blocked open go, so that the test run can end
        with open(fifo, "wb"):
            pass
        worker.join(timeout=10)
    assert not hung, "reading the backup folder's .databases.json waited forever on a FIFO"
    assert found == [folder]


@pytest.mark.parametrize("typed", ["9" * 5000, "٧", "１０", "2" + "٤"])
def test_subsidy_outlook_with_an_odd_number_is_a_clear_error(typed: str) -> None:
    code, _out, err = run("subsidy", "--outlook", typed)
    assert code == 1, err
    assert "whole number" in err or "heltal" in err
    assert "Traceback" not in err and "ValueError" not in err


@pytest.mark.parametrize("typed", ["٧", "１０", "۵", "7"])
def test_whole_numbers_on_the_command_line_take_the_digits_0_to_9_only(typed: str) -> None:
    parse = cli_common.bounded_int(1, 100)
    if typed == "7":
        assert parse(" 7 ") == 7
        return
    with pytest.raises(argparse.ArgumentTypeError):
        parse(typed)
