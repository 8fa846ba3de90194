"""A whole-database export is an administrator's and on the record (issue 13.5): refused for a
handledare with nothing written, logged with its file name, owner-only, said to be unencrypted, and
offered encrypted with a passphrase that `coopdesk import` asks for again."""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from coopdesk.core.audit import Actor
from coopdesk.core.models import AuditEntry
from coopdesk.core.permissions import PermissionDeniedError
from coopdesk.storage import export_crypto
from coopdesk.storage.database import Database
from tests.unit.test_cli import data_content, run

PASSPHRASE = "en lång mening som lösen"
NUMBER = "19800101-0019"  # Anna Andersson's, in the example


def _exports(database: Database) -> list[AuditEntry]:
    with database.session() as session:
        found = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "database", AuditEntry.action == "export")
        ).all()
        session.expunge_all()
        return list(found)


@pytest.fixture
def with_kim(example_db: Database) -> Database:
    """The example, with a handledare Kim Ek (login kim) beside the administrator."""
    from coopdesk.core.services import users

    with example_db.session() as session:
        users.add_user(session, Actor("Admin"), "kim", "Kim Ek", "handledare", "kims-lösen-1", must_change=False)
    return example_db


def test_a_handledare_cannot_export_the_whole_database(
    with_kim: Database, db_address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOPDESK_USER", "kim")
    monkeypatch.setenv("COOPDESK_PASSWORD", "kims-lösen-1")
    target = tmp_path / "allt.json"
    code, _, err = run("--db", db_address, "export", "-o", str(target))
    assert code == 1
    assert "Only an administrator can export the whole database" in err
    assert not target.exists() and list(tmp_path.glob(".allt.json*")) == []
    assert _exports(with_kim) == []


def test_the_service_refuses_a_handledare_and_logs_nothing(with_kim: Database) -> None:
    from coopdesk.core.exchange.exporter import export_for

    with pytest.raises(PermissionDeniedError), with_kim.session() as session:
        export_for(session, Actor("Kim Ek", "handledare", "kim"), file_name="x.json", encrypted=False)
    assert _exports(with_kim) == []


def test_an_administrators_export_is_logged_owner_only_and_said_to_be_unencrypted(
    example_db: Database, db_address: str, tmp_path: Path
) -> None:
    target = tmp_path / "allt.json"
    code, _, err = run("--db", db_address, "export", "-o", str(target))
    assert code == 0, err
    assert NUMBER in target.read_text(encoding="utf-8")
    if sys.platform != "win32":
        assert target.stat().st_mode & 0o777 == 0o600
    assert "unencrypted" in err and "sensitive personal data" in err and "--encrypt" in err
    [entry] = _exports(example_db)
    assert entry.actor == "Test Administratör"
    assert json.loads(entry.new) == {"file": "allt.json", "encrypted": False, "members": 1}
    assert str(tmp_path) not in (entry.summary or "")  # the file's name, not the user's folders


def test_an_encrypted_export_reads_back_with_its_passphrase(
    example_db: Database, db_address: str, tmp_path: Path, new_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain, sealed = tmp_path / "allt.json", tmp_path / "allt.coopdesk-enc"
    assert run("--db", db_address, "export", "-o", str(plain))[0] == 0
    monkeypatch.setenv("COOPDESK_EXPORT_PASSWORD", PASSPHRASE)
    code, out, err = run("--db", db_address, "export", "--encrypt", "-o", str(sealed))
    assert code == 0, err
    assert "encrypted" in out and "unencrypted" not in err
    raw = sealed.read_bytes()
    assert export_crypto.is_sealed(raw)
    assert b"Andersson" not in raw and NUMBER.encode() not in raw and b"19800101" not in raw
    if sys.platform != "win32":
        assert sealed.stat().st_mode & 0o777 == 0o600
    assert json.loads(_exports(example_db)[-1].new)["encrypted"] is True

    copy = new_db("kopia.db")
    code, out, err = run("--db", copy, "import", str(sealed), "--no-encryption")
    assert code == 0, err
    assert data_content(copy) == data_content(db_address)
    again = tmp_path / "igen.json"
    monkeypatch.delenv("COOPDESK_EXPORT_PASSWORD")
    assert run("--db", copy, "export", "-o", str(again))[0] == 0
    assert again.read_bytes() == plain.read_bytes()


def test_a_wrong_passphrase_says_so_and_imports_nothing(
    example_db: Database, db_address: str, tmp_path: Path, new_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    sealed = tmp_path / "allt.coopdesk-enc"
    monkeypatch.setenv("COOPDESK_EXPORT_PASSWORD", PASSPHRASE)
    assert run("--db", db_address, "export", "--encrypt", "-o", str(sealed))[0] == 0
    monkeypatch.setenv("COOPDESK_EXPORT_PASSWORD", "fel lösenord helt och hållet")
    copy = new_db("kopia.db")
    code, _, err = run("--lang", "sv", "--db", copy, "import", str(sealed), "--no-encryption")
    assert code == 1
    assert "Lösenordet öppnar inte den krypterade exporten" in err and "Traceback" not in err
    if not copy.startswith("postgresql"):
        assert not Path(copy).exists()  # refused before a database was made


def test_a_changed_byte_fails_like_a_wrong_passphrase() -> None:
    sealed = bytearray(export_crypto.seal(b'{"format": "coopdesk/1"}', PASSPHRASE))
    document = json.loads(sealed)
    document["kdf"]["n"] *= 2  # a header field is bound as associated data
    with pytest.raises(export_crypto.WrongExportPassphraseError):
        export_crypto.unseal(json.dumps(document).encode(), PASSPHRASE)
    assert export_crypto.unseal(bytes(sealed), PASSPHRASE) == b'{"format": "coopdesk/1"}'
    with pytest.raises(export_crypto.DamagedExportError):
        export_crypto.unseal(b'{"format": "coopdesk-encrypted/1"}', PASSPHRASE)


def test_a_short_passphrase_is_refused_and_nothing_written(
    example_db: Database, db_address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOPDESK_EXPORT_PASSWORD", "kort")
    target = tmp_path / "allt.coopdesk-enc"
    code, _, err = run("--db", db_address, "export", "--encrypt", "-o", str(target))
    assert code == 1 and "at least 12 characters" in err
    assert not target.exists() and _exports(example_db) == []


def test_a_file_whose_logging_fails_is_removed(tmp_path: Path) -> None:
    from coopdesk.storage.files import write_logged

    @contextmanager
    def failing_commit():
        yield "session"
        raise RuntimeError("the commit fails")

    target = tmp_path / "ut.json"
    with pytest.raises(RuntimeError):
        write_logged(failing_commit(), lambda session: [(target, b"personal data")])
    assert not target.exists()
    assert os.listdir(tmp_path) == []


def _entries(database: Database, entity: str, action: str) -> list[AuditEntry]:
    with database.session() as session:
        found = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.action == action).order_by(AuditEntry.id)
        ).all()
        session.expunge_all()
        return list(found)


def test_every_statement_that_leaves_the_program_is_logged(
    example_db: Database, db_address: str, tmp_path: Path
) -> None:
    target = tmp_path / "maj.json"
    assert (
        run("--db", db_address, "statement", "--month", "2026-05", "--district", "Norrmalm", "-o", str(target))[0] == 0
    )
    folder = str(tmp_path / "alla")
    assert run("--db", db_address, "statement", "--month", "2026-05", "--all", "--format", "pdf", "-o", folder)[0] == 0
    assert (
        run("--db", db_address, "statement", "--month", "2026-05", "--district", "Norrmalm")[0] == 0
    )  # standard output
    first, everyone, shown = _entries(example_db, "statement", "export")
    assert json.loads(first.new) == {
        "month": "2026-05",
        "districts": ["Norrmalm"],
        "format": "json",
        "file": "maj.json",
    }
    assert first.summary == "maj 2026 Norrmalm (JSON) till maj.json"
    assert json.loads(everyone.new)["files"] == 3 and json.loads(everyone.new)["format"] == "pdf"
    assert "standardutdata" in shown.summary
    fingerprint = "0000-0000-0000"  # well formed, not the statement's: a check, not an export
    run("--db", db_address, "statement", "--month", "2026-05", "--district", "Norrmalm", "--verify", fingerprint)
    assert len(_entries(example_db, "statement", "export")) == 3  # a check shows no one's data


@pytest.mark.sqlite_only("a backup of the database file")
def test_a_backup_on_request_is_logged(example_db: Database, db_address: str, tmp_path: Path) -> None:
    assert run("--db", db_address, "backup", "-o", str(tmp_path / "kopia.db"))[0] == 0
    [entry] = _entries(example_db, "database", "backup")
    assert json.loads(entry.new) == {"file": "kopia.db", "reason": "manual"}
