"""The operations the GUI reaches storage through (coopdesk/app: backups, exchange): a backup is followed
by the rotation, a restore reopens the database whether or not it was refused, an export is logged and
sealed and reads back in."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from coopdesk.app import backups, exchange
from coopdesk.core.actor import ROLE_SUPERVISOR, Actor
from coopdesk.core.errors import CoopdeskError
from coopdesk.core.models import AuditEntry, Member
from coopdesk.storage import backup as storage_backup
from coopdesk.storage.database import Database, open_database

pytestmark = pytest.mark.sqlite_only("backup files and exports beside a SQLite database")


def names(db: Database) -> list[str]:
    with db.session() as session:
        return sorted(m.name for m in session.scalars(select(Member)))


def test_taking_a_backup_rotates_the_old_ones(example_db: Database) -> None:
    path = example_db.sqlite_path
    assert path is not None
    day = dt.datetime.combine(dt.date.today() - dt.timedelta(days=3), dt.time(10, 0))
    # an earlier day than the one taken below: two backups in one second would leave one of them to chance
    first = storage_backup.make_backup(path, reason="auto", now=day - dt.timedelta(days=1))
    early, late = (
        first.parent / storage_backup.backup_name(path.stem, day + dt.timedelta(hours=h), "auto") for h in (0, 2)
    )
    shutil.copyfile(first, early)
    shutil.copyfile(first, late)
    taken = backups.take_backup(path, reason="manual", key=None)
    assert taken.exists() and storage_backup.integrity(taken) == "ok"
    assert late.exists() and not early.exists()  # one a day is kept for that day: the newest


def test_the_restorable_backups_are_this_databases_newest_first_without_damaged_copies(example_db: Database) -> None:
    path = example_db.sqlite_path
    assert path is not None
    made = storage_backup.make_backup(path, reason="auto", now=dt.datetime(2026, 11, 1, 8, 0))
    newer = made.parent / storage_backup.backup_name(path.stem, dt.datetime(2026, 11, 2, 8, 0), "manual")
    damaged = made.parent / storage_backup.backup_name(path.stem, dt.datetime(2026, 11, 3, 8, 0), "damaged")
    shutil.copyfile(made, newer)
    shutil.copyfile(made, damaged)
    assert [b.path for b in backups.restorable_backups(path)] == [newer, made]


def test_a_restore_reopens_the_database_with_the_backups_data(example_db: Database, actor: Actor) -> None:
    path = example_db.sqlite_path
    assert path is not None
    before = names(example_db)
    source = storage_backup.make_backup(path, reason="manual")
    with example_db.session() as session:
        session.scalars(select(Member)).first().name = "Ändrad"  # type: ignore[union-attr]
    assert names(example_db) != before
    reopened, failed = backups.restore_and_reopen(example_db, path, source, actor=actor, key=None)
    try:
        assert failed is None
        assert names(reopened) == before
        with reopened.session() as session:
            assert session.scalar(select(AuditEntry).where(AuditEntry.action == "restore")) is not None
    finally:
        reopened.close()


def test_a_refused_restore_still_reopens_the_database_unchanged(
    example_db: Database, actor: Actor, tmp_path: Path
) -> None:
    path = example_db.sqlite_path
    assert path is not None
    before = names(example_db)
    not_a_backup = tmp_path / "inte-en-kopia.db"
    not_a_backup.write_text("hej")
    reopened, failed = backups.restore_and_reopen(example_db, path, not_a_backup, actor=actor, key=None)
    try:
        assert isinstance(failed, CoopdeskError)
        assert names(reopened) == before
    finally:
        reopened.close()


def test_an_export_is_sealed_logged_and_reads_back_into_a_new_database(
    example_db: Database, actor: Actor, tmp_path: Path
) -> None:
    target = tmp_path / f"export{exchange.SUFFIX}"
    passphrase = "ett långt lösenord"
    assert exchange.export_database(example_db, actor, target, passphrase) == [target]
    raw = target.read_bytes()
    assert exchange.is_sealed(raw)
    with example_db.session() as session:
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "export")) is not None
    other = open_database(str(tmp_path / "ny.db"))
    try:
        summary = exchange.import_export(other, actor, raw, passphrase, target.name)
        assert summary.members == len(names(example_db)) > 0
        assert names(other) == names(example_db)
    finally:
        other.close()


def test_an_export_refused_leaves_no_file(example_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    with pytest.raises(CoopdeskError):
        exchange.export_database(example_db, Actor("Kim", role=ROLE_SUPERVISOR), target, None)
    assert not target.exists()
