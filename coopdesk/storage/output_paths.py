"""Where coopdesk may write a file the user asked for: one check for every output, CLI and GUI alike.

An export, a statement, a register extract, a backup to a named file, a recovery key or a screenshot
never replaces the database, its WAL/SHM/journal, its keys file or its lock file, a backup, or anything
in the data folder or the backup folder; never a device, a FIFO or a socket; and an existing file only
when the user said so (``--force``; the GUI's save dialog asks). A folder that does not exist is an
error, not silently created: a mistyped path should not scatter personal data in new folders.

Symbolic links are followed (a link to the keys file is the keys file) and existing files are compared
by identity too (a hard link to the database is the database). Qt-free: the GUI calls the same check.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from coopdesk.core.errors import CoopdeskError
from coopdesk.core.os_reasons import reason_en, reason_sv

# The files that belong to an SQLite database beside it (coopdesk.db-wal, coopdesk.db.keys, …).
DATABASE_SIDECARS = ("-wal", "-shm", "-journal", ".keys", ".lock")


class OutputPathError(CoopdeskError):
    """The chosen output path may not be written (it would destroy data, or it cannot be a file)."""

    def __init__(self, path: Path | str, sv: str, en: str) -> None:
        super().__init__(sv, en)
        self.path = Path(path)


def _norm(path: Path) -> str:
    return os.path.normcase(str(path))


def _resolved(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except (OSError, RuntimeError, ValueError):
        return Path(os.path.abspath(path))


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _inside(path: Path, folder: Path) -> bool:
    p, f = _norm(path), _norm(folder).rstrip(os.sep)
    return p == f or p.startswith(f + os.sep)


def _protected_folders() -> list[tuple[Path, str, str]]:
    from coopdesk.storage import config, paths

    folders = [(_resolved(paths.data_dir(create=False)), "coopdeskmappen", "coopdesk's data folder")]
    # an unusable setting: the default backup folder is in the data folder anyway
    with contextlib.suppress(OSError, RuntimeError, ValueError):
        folders.append((_resolved(config.backup_folder(create=False)), "säkerhetskopiemappen", "the backup folder"))
    return folders


def _protected_files(db_path: Path | str | None) -> list[tuple[Path, str, str]]:
    if db_path is None:
        return []
    db = _resolved(Path(db_path).expanduser())
    files = [(db, "själva databasen", "the database itself")]
    names = {
        ".keys": ("databasens nyckelfil", "the database's keys file"),
        ".lock": ("databasens låsfil", "the database's lock file"),
    }
    for suffix in DATABASE_SIDECARS:
        sv, en = names.get(suffix, (f"databasens {suffix[1:].upper()}-fil", f"the database's {suffix[1:]} file"))
        files.append((db.with_name(db.name + suffix), sv, en))
    return files


def _what_it_holds(path: Path) -> tuple[str, str] | None:
    """A database, a backup or a keys file found at ``path`` by its content (wherever it lies)."""
    from coopdesk.storage.encryption import SQLITE_HEADER, is_encrypted_file

    try:
        with open(path, "rb") as handle:
            head = handle.read(256)
    except OSError:
        return None
    if head.startswith(SQLITE_HEADER):
        return "en databas (eller säkerhetskopia)", "a database (or a backup)"
    if b"coopdesk-keys/" in head:
        return "en nyckelfil", "a keys file"
    if is_encrypted_file(path) and path.with_name(path.name + ".keys").exists():
        return "en krypterad databas (eller säkerhetskopia)", "an encrypted database (or backup)"
    return None


def _refuse(path: Path | str, why_sv: str, why_en: str) -> OutputPathError:
    return OutputPathError(
        path,
        f"{path} {why_sv}. Inget skrevs.",
        f"{path} {why_en}. Nothing was written.",
    )


def check_output_path(path: Path | str, *, force: bool, db_path: Path | str | None = None) -> Path:
    """``path`` made absolute, if a file may be written there; else :class:`OutputPathError` saying why.

    ``db_path`` is the SQLite file of the database in use (None for a server database).
    """
    given = Path(path)
    if given.name in ("", ".", ".."):
        raise _refuse(path, "är inget filnamn", "is not a file name")
    target = Path(os.path.abspath(given.expanduser()))
    # Where the file will be (a symlink is replaced, in its own folder) and what the path names now.
    placed = _resolved(target.parent) / target.name
    resolved = _resolved(target)
    ident = _identity(resolved)
    for file, sv, en in _protected_files(db_path):
        if _norm(file) in (_norm(placed), _norm(resolved)) or (ident is not None and ident == _identity(file)):
            raise _refuse(path, f"är {sv} och kan inte skrivas över", f"is {en} and cannot be overwritten")
    for folder, sv, en in _protected_folders():
        if _inside(placed, folder) or _inside(resolved, folder):
            raise _refuse(
                path,
                f"ligger i {sv} ({folder}), där coopdesk har sina egna filer. Välj en annan mapp",
                f"is in {en} ({folder}), which holds coopdesk's own files. Choose another folder",
            )
    if target.is_symlink():
        # Writing replaces the link itself with a file, not what it points to ('/dev/stdout' would be
        # replaced in /dev): name the file the link points to instead.
        raise _refuse(
            path,
            f"är en symbolisk länk (till {os.readlink(target)}). Ange filen den pekar på",
            f"is a symbolic link (to {os.readlink(target)}). Name the file it points to",
        )
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise OutputPathError(
            path,
            f"{parent} är ingen mapp (utan en fil), så {target.name} kan inte ligga där. Inget skrevs.",
            f"{parent} is not a folder (but a file), so {target.name} cannot be put there. Nothing was written.",
        )
    if not parent.is_dir():
        raise OutputPathError(
            path,
            f"Mappen {parent} finns inte. Skapa den först, eller välj en annan. Inget skrevs.",
            f"The folder {parent} does not exist. Create it first, or choose another. Nothing was written.",
        )
    try:  # the path as given, followed by the system: '/dev/stdout' is a pipe even where realpath cannot say so
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _refuse(path, f"kan inte användas: {reason_sv(exc)}", f"cannot be used: {reason_en(exc)}") from exc
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise _refuse(path, "är en mapp. Ange ett filnamn", "is a folder. Give a file name")
        if not stat.S_ISREG(st.st_mode):
            raise _refuse(
                path,
                "är ingen vanlig fil (en enhet, en FIFO eller en socket)",
                "is not a regular file (a device, a FIFO or a socket)",
            )
        holds = _what_it_holds(resolved)
        if holds is not None:
            raise _refuse(path, f"är {holds[0]} och kan inte skrivas över", f"is {holds[1]} and cannot be overwritten")
        if not force:
            raise _refuse(
                path,
                "finns redan — lägg till --force för att skriva över",
                "already exists — add --force to overwrite it",
            )
    return target


def check_output_folder(folder: Path | str) -> Path:
    """A folder for several output files (``statement --all -o DIR``): it may be new (then its parent must
    exist), never a protected folder or inside one. Check each file in it with :func:`check_output_path`."""
    given = Path(folder)
    target = Path(os.path.abspath(given.expanduser()))
    resolved = _resolved(target)
    for protected, sv, en in _protected_folders():
        if _inside(resolved, protected) or _inside(_resolved(target.parent) / target.name, protected):
            raise _refuse(
                folder,
                f"ligger i {sv} ({protected}), där coopdesk har sina egna filer. Välj en annan mapp",
                f"is in {en} ({protected}), which holds coopdesk's own files. Choose another folder",
            )
    if target.exists() and not target.is_dir():
        raise _refuse(
            folder,
            "är ingen mapp. Med flera filer ska målet vara en mapp",
            "is not a folder. Several files go into a folder",
        )
    if not target.exists() and not target.parent.is_dir():
        raise OutputPathError(
            folder,
            f"Mappen {target.parent} finns inte. Skapa den först, eller välj en annan. Inget skrevs.",
            f"The folder {target.parent} does not exist. Create it first, or choose another. Nothing was written.",
        )
    return target


def make_output_folder(folder: Path) -> None:
    """Create the checked ``--all -o DIR`` folder itself (owner-only: it will hold personal data)."""
    from coopdesk.core.errors import StorageError

    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"Mappen {folder} kan inte skapas: {reason_sv(exc)}.",
            f"The folder {folder} cannot be created: {reason_en(exc)}.",
        ) from exc


def sqlite_file(db: str | None) -> Path | None:
    """The SQLite file of ``--db``/COOPDESK_DB/the default, or None for a database server."""
    from coopdesk.storage import paths

    url = paths.database_url(db)
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None
