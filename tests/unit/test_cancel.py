"""Long file work stops part-way when asked (issue 20.2): a backup leaves nothing half-made and is due
again; an integrity check stops with Cancelled, not with an error about the database."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from coopdesk.app import backups as app_backups
from coopdesk.storage import backup
from coopdesk.storage.cancel import Cancel, Cancelled
from coopdesk.storage.database import check_integrity, open_database


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """A coopdesk database with some 40 MB of filler: large enough that a copy and a check take many steps."""
    path = tmp_path / "data" / "big.db"
    path.parent.mkdir()
    open_database(str(path)).close()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    connection.executemany("INSERT INTO t (v) VALUES (?)", (("x" * 400,) for _ in range(100_000)))
    connection.execute("CREATE INDEX t_v ON t (v)")
    connection.commit()
    connection.close()
    return path


def test_a_cancelled_backup_leaves_nothing_and_is_due_again(big: Path, tmp_path: Path) -> None:
    folder = backup.folder_for(big, claim=True)
    done = app_backups.take_backup(big, reason="auto", key=None)
    assert not backup.backup_due(big)
    with pytest.raises(Cancelled):
        app_backups.take_backup(big, reason="close", key=None, cancel=Cancel(0))
    assert [b.path for b in backup.list_backups(big)] == [done]
    assert not [p for p in folder.iterdir() if p.name.endswith(".partial")]
    assert backup.backup_due(big)  # cut short: the next start takes it, though today's exists
    app_backups.take_backup(big, reason="auto", key=None)
    assert not backup.backup_due(big)


def test_a_backup_is_cancelled_from_another_thread_part_way(big: Path, tmp_path: Path) -> None:
    cancel = Cancel()
    seen: list[BaseException] = []

    def run() -> None:
        try:
            backup.make_backup(big, target=tmp_path / "copy.db", cancel=cancel)
        except BaseException as error:
            seen.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    cancel.set()
    thread.join(5)
    assert not thread.is_alive()
    assert seen and isinstance(seen[0], Cancelled)
    assert not (tmp_path / "copy.db").exists() and not (tmp_path / ".copy.db.partial").exists()


def test_an_uncancelled_backup_is_whole(big: Path, tmp_path: Path) -> None:
    made = backup.make_backup(big, target=tmp_path / "copy.db", cancel=Cancel(60))
    assert backup.integrity(made) == "ok"


def test_a_check_stops_with_cancelled_and_the_connection_is_left_clean(big: Path) -> None:
    database = open_database(str(big), check=False)
    try:
        with pytest.raises(Cancelled):
            check_integrity(database, Cancel(0))
        check_integrity(database)  # the pooled connection has no progress handler left behind
        check_integrity(database, Cancel(60))
    finally:
        database.close()
    with pytest.raises(Cancelled):
        backup.integrity(big, cancel=Cancel(0))
    assert backup.integrity(big, cancel=Cancel(60)) == "ok"
