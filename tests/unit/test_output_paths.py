"""No output may destroy data (issue 13, point 1): one check for every path coopdesk writes to.

Never the database, its WAL/SHM/journal, its keys or lock file, a backup, or anything in the data or
backup folders; never a device, FIFO or socket; an existing file only with ``--force``; a missing
folder is an error. The commands are driven as a user would (cli.main), on an SQLite file.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from coopdesk import cli
from coopdesk.storage.output_paths import OutputPathError, check_output_folder, check_output_path
from tests.conftest import EXAMPLE

pytestmark = pytest.mark.sqlite_only("the files beside an SQLite database and the data folder")

KEYS = b'{\n "format": "coopdesk-keys/1",\n "database_id": "x"\n}\n'


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    code, _, err = run("--db", str(path), "import", str(EXAMPLE), "--no-encryption")
    assert code == 0, err
    return path


def _commands(db: Path, target: Path) -> dict[str, list[str]]:
    d = ["--db", str(db)]
    return {
        "statement-csv": [*d, "statement", "--month", "2026-05", "--district", "Norrmalm", "--format", "csv",
                          "-o", str(target)],
        "statement-pdf": [*d, "statement", "--month", "2026-05", "--district", "Norrmalm", "--format", "pdf",
                          "-o", str(target)],
        "export": [*d, "export", "-o", str(target)],
        "member-export": [*d, "member-export", "--member", "Anna", "-o", str(target)],
        "backup": [*d, "backup", "-o", str(target)],
    }  # fmt: skip


COMMANDS = ["statement-csv", "statement-pdf", "export", "member-export", "backup"]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
def test_no_command_writes_over_the_keys_file(db: Path, command: str, force: bool) -> None:
    """The reported case: 'statement --format csv -o coopdesk.db.keys' said 'Wrote' and the keys were gone."""
    keys = db.with_name(db.name + ".keys")
    keys.write_bytes(KEYS)
    argv = _commands(db, keys)[command] + (["--force"] if force else [])
    code, out, err = run(*argv)
    assert code == 1, (out, err)
    assert "keys file" in err and "Wrote" not in out
    assert keys.read_bytes() == KEYS


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal", ".lock"])
def test_no_command_writes_over_the_database_or_its_files(db: Path, command: str, suffix: str) -> None:
    target = db.with_name(db.name + suffix)
    before = target.read_bytes() if target.exists() else None
    code, _, err = run(*_commands(db, target)[command], "--force")
    assert code == 1, err
    assert "cannot be overwritten" in err
    assert (target.read_bytes() if target.exists() else None) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_no_command_writes_into_the_backup_folder(db: Path, data_home: Path, command: str) -> None:
    """'export -o backups/<x>.db' replaced a backup with JSON that 'backup --list' still listed."""
    assert run("--db", str(db), "backup")[0] == 0
    [backup] = (data_home / "backups").glob("cli-*.db")
    before = backup.read_bytes()
    code, _, err = run(*_commands(db, backup)[command], "--force")
    assert code == 1, err
    assert backup.read_bytes() == before
    code, _, err = run(*_commands(db, data_home / "backups" / "new.db")[command])
    assert code == 1 and "coopdesk's data folder" in err
    assert not (data_home / "backups" / "new.db").exists()


def test_a_chosen_backup_folder_takes_no_output(db: Path, tmp_path: Path) -> None:
    from coopdesk.storage import config

    folder = tmp_path / "usb"
    config.set_backup_folder(folder)
    with pytest.raises(OutputPathError) as info:
        check_output_path(folder / "export.json", force=True, db_path=db)
    assert "backup folder" in info.value.en and "säkerhetskopiemappen" in info.value.sv


@pytest.mark.parametrize("command", COMMANDS)
def test_an_existing_file_needs_force(db: Path, tmp_path: Path, command: str) -> None:
    target = tmp_path / "existing.out"
    target.write_bytes(b"keep me")
    code, _, err = run(*_commands(db, target)[command])
    assert code == 1
    assert "already exists" in err and "--force" in err
    assert target.read_bytes() == b"keep me"
    code, _, err = run(*_commands(db, target)[command], "--force")
    assert code == 0, err
    assert target.read_bytes() != b"keep me"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_folder_is_an_error_and_is_not_created(db: Path, tmp_path: Path, command: str) -> None:
    target = tmp_path / "no" / "such" / "out.file"
    code, _, err = run(*_commands(db, target)[command])
    assert code == 1
    assert f"The folder {target.parent} does not exist" in err
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_device_is_refused(db: Path, command: str) -> None:
    code, _, err = run(*_commands(db, Path(os.devnull))[command], "--force")
    assert code == 1
    assert "not a regular file" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputPathError, match="not a regular file"):
        check_output_path(fifo, force=True)


def test_a_link_to_the_keys_file_is_the_keys_file(db: Path, tmp_path: Path) -> None:
    keys = db.with_name(db.name + ".keys")
    keys.write_bytes(KEYS)
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "elsewhere" / "report.csv"
    link.symlink_to(keys)
    hard = tmp_path / "elsewhere" / "copy.db"
    os.link(db, hard)
    for target in (link, hard):
        with pytest.raises(OutputPathError, match="cannot be overwritten"):
            check_output_path(target, force=True, db_path=db)
    assert keys.read_bytes() == KEYS


def test_a_database_or_keys_file_anywhere_is_never_replaced(db: Path, tmp_path: Path) -> None:
    """A backup made with 'backup -o' (or any other database) is recognised by its content."""
    (tmp_path / "usb").mkdir()
    assert run("--db", str(db), "backup", "-o", str(tmp_path / "usb" / "kopia.db"))[0] == 0
    shutil.copy(tmp_path / "usb" / "kopia.db", tmp_path / "usb" / "old.sqlite")
    (tmp_path / "usb" / "old.keys").write_bytes(KEYS)
    for name in ("kopia.db", "old.sqlite", "old.keys"):
        code, _, err = run("--db", str(db), "export", "-o", str(tmp_path / "usb" / name), "--force")
        assert code == 1 and "cannot be overwritten" in err, (name, err)


def test_statement_all_checks_every_file_before_writing_any(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ut"
    argv = ["--db", str(db), "statement", "--month", "2026-05", "--all", "--format", "csv", "-o", str(folder)]
    assert run(*argv)[0] == 0
    names = sorted(p.name for p in folder.iterdir())
    [first, *rest] = names
    for name in rest:
        (folder / name).unlink()
    (folder / first).write_bytes(b"mine")
    code, _, err = run(*argv)
    assert code == 1 and "already exists" in err
    assert sorted(p.name for p in folder.iterdir()) == [first]  # none written: all or nothing
    assert run(*argv, "--force")[0] == 0
    assert sorted(p.name for p in folder.iterdir()) == names


def test_statement_all_into_the_data_folder_or_under_a_missing_one(db: Path, data_home: Path, tmp_path: Path) -> None:
    argv = ["--db", str(db), "statement", "--month", "2026-05", "--all", "--format", "csv", "-o"]
    code, _, err = run(*argv, str(data_home / "ut"))
    assert code == 1 and "data folder" in err
    assert not (data_home / "ut").exists()
    code, _, err = run(*argv, str(tmp_path / "no" / "ut"))
    assert code == 1 and "does not exist" in err
    assert not (tmp_path / "no").exists()
    with pytest.raises(OutputPathError, match="not a folder"):
        check_output_folder(db)


def test_statement_all_that_fails_leaves_no_folder_it_made(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found on a full disk: `statement --all -o DIR` removed the files it had written, as it should, but
    left the empty folder it had made for them; one that was there before stays."""
    from coopdesk.core.errors import StorageError
    from coopdesk.storage import files

    written: list[Path] = []

    def second_fails(path: Path, data: bytes) -> None:
        if written:
            raise StorageError("Disken är full.", "The disk is full.")
        path.write_bytes(data)
        written.append(path)

    monkeypatch.setattr(files, "write_atomic", second_fails)
    folder = tmp_path / "ut"
    argv = ["--db", str(db), "statement", "--month", "2026-05", "--all", "--format", "csv", "-o", str(folder)]
    code, _, err = run(*argv)
    assert code == 1 and "full" in err
    assert written and not folder.exists()
    folder.mkdir()
    written.clear()
    assert run(*argv)[0] == 1
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_the_recovery_key_file_never_replaces_the_keys(tmp_path: Path) -> None:
    """init/import/demo --recovery-key-file coopdesk.db.keys wrote the key over the keys file just made."""
    db = tmp_path / "new.db"
    keys = tmp_path / "new.db.keys"
    code, _, err = run("--db", str(db), "init", "--recovery-key-file", str(keys))
    assert code == 1 and "keys file" in err
    assert not db.exists()  # refused before anything was created
    existing = tmp_path / "key.txt"
    existing.write_text("old")
    code, _, err = run("--db", str(db), "init", "--recovery-key-file", str(existing))
    assert code == 1 and "--force" in err and not db.exists()
    code, _, err = run("--db", str(db), "init", "--recovery-key-file", str(existing), "--force")
    assert code == 0, err
    assert existing.read_text() != "old" and keys.exists()


def test_messages_in_swedish_name_the_path_and_why(db: Path, tmp_path: Path) -> None:
    keys = db.with_name(db.name + ".keys")
    code, _, err = run("--lang", "sv", "--db", str(db), "export", "-o", str(keys))
    assert code == 1
    assert f"{keys} är databasens nyckelfil och kan inte skrivas över" in err
    (tmp_path / "a.json").write_text("x")
    code, _, err = run("--lang", "sv", "--db", str(db), "export", "-o", str(tmp_path / "a.json"))
    assert code == 1
    assert "finns redan — lägg till --force för att skriva över" in err
    code, _, err = run("--lang", "sv", "--db", str(db), "export", "-o", str(tmp_path / "nej" / "a.json"))
    assert code == 1
    assert f"Mappen {tmp_path / 'nej'} finns inte" in err


def test_a_symbolic_link_as_the_output_is_refused(db: Path, tmp_path: Path) -> None:
    """Writing replaced the link itself ('-o /dev/stdout' as root would replace /dev/stdout with a file)."""
    target = tmp_path / "real.json"
    target.write_text("mine")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    code, _, err = run("--db", str(db), "export", "-o", str(link), "--force")
    assert code == 1
    assert "is a symbolic link" in err and str(target) in err
    assert link.is_symlink() and target.read_text() == "mine"


def test_a_file_where_the_folder_should_be_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(OutputPathError) as info:
        check_output_path(tmp_path / "notes.txt" / "out.json", force=True)
    assert "is not a folder (but a file)" in info.value.en and "är ingen mapp" in info.value.sv


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("EROFS", "skrivskyddad"),
        ("EACCES", "behörighet"),
        ("EPERM", "behörighet"),
        ("ENAMETOOLONG", "för långt"),
        ("EIO", "läs- eller skrivfel"),
    ],
)
def test_a_file_that_cannot_be_written_says_why_in_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str, says: str
) -> None:
    """Found saving Redovisning's Excel file into a read-only folder: "Filen … kan inte skrivas: Read-only
    file system." — the system's English in the middle of the Swedish message."""
    import errno
    import tempfile

    from coopdesk.core.errors import StorageError
    from coopdesk.storage.files import write_atomic

    number = getattr(errno, code)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(StorageError) as refused:
        write_atomic(tmp_path / "x.pdf", b"%PDF")
    assert says in refused.value.sv
    assert os.strerror(number) not in refused.value.sv
    assert os.strerror(number) in refused.value.en
    assert not (tmp_path / "x.pdf").exists()
