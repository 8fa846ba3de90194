"""Every path coopdesk uses comes from here.

One override serves tests, portable installs and development: ``COOPDESK_HOME`` replaces the
per-user data folder (as qutebrowser's ``--basedir`` and Anki's ``ANKI_BASE`` do). The database
itself can be named with ``--db PATH|URL`` or ``COOPDESK_DB``.
"""

from __future__ import annotations

import importlib.resources
import os
import stat
from pathlib import Path

import platformdirs

APP_NAME = "coopdesk"
DB_FILE_NAME = "coopdesk.db"


def private_dir(path: Path) -> Path:
    """Create ``path`` and every missing folder above it owner-only (0700): ``mkdir(parents=True,
    mode=0o700)`` gives only the last folder that mode, the ones above it the default (often 0755)."""
    path = Path(path)
    missing = []
    current = path
    while not current.exists() and current.parent != current:
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
    if not path.is_dir():
        path.mkdir(mode=0o700)  # raises FileExistsError / NotADirectoryError with the path
    return path


def readable_by_others(db_path: Path | None) -> list[tuple[Path, int]]:
    """The data folder and the database file when someone other than their owner may read them
    (POSIX permission bits for group or others), with their mode: worth a warning, they hold
    health-related personal data. The data folder is looked at only when it exists already."""
    if os.name != "posix":
        return []
    import stat

    found = []
    override = os.environ.get("COOPDESK_HOME")
    folder = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    for path, bits in ((folder, 0o077), (db_path, 0o077)):
        if path is None or (path == db_path and not _looks_like_database(path)):
            continue
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            continue
        if mode & bits:
            found.append((Path(path), mode))
    return found


def _looks_like_database(path: Path) -> bool:
    """A file with content that SQLite or SQLCipher may hold (not an empty file, not text)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return len(head) == 16 and (head == b"SQLite format 3\x00" or not head.isascii())


def exposure_warning(db_path: Path | None) -> tuple[str, str] | None:
    """The warning (sv, en) for :func:`readable_by_others`, or None when all is owner-only."""
    found = readable_by_others(db_path)
    if not found:
        return None
    sv = "; ".join(f"{p} ({m:04o}): chmod {'700' if p.is_dir() else '600'} {p}" for p, m in found)
    return (
        f"Varning: andra användare på datorn kan läsa personuppgifter här: {sv}.",
        f"Warning: other users of this computer can read personal data here: {sv}.",
    )


def data_dir(*, create: bool = True) -> Path:
    """The per-user data folder (created owner-only, since it holds sensitive data; ``create=False``
    only names it)."""
    override = os.environ.get("COOPDESK_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if create:
        _make(path, "Datamappen", "The data folder")
    return path


def _make(path: Path, what_sv: str, what_en: str) -> None:
    """Create an owner-only folder, or say clearly why it cannot be (read-only, a file in the way, …)."""
    try:
        private_dir(path)  # every missing folder owner-only, not just the last
    except OSError as exc:
        from coopdesk.core.errors import StorageError

        reason = exc.strerror or str(exc)
        raise StorageError(
            f"{what_sv} {path} kan inte skapas: {reason}. Kontrollera behörigheterna, "
            "eller ange en annan mapp med COOPDESK_HOME.",
            f"{what_en} {path} cannot be created: {reason}. Check the permissions, or name "
            "another folder with COOPDESK_HOME.",
        ) from exc


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def backup_dir(*, create: bool = True) -> Path:
    path = data_dir(create=create) / "backups"
    if create:
        _make(path, "Säkerhetskopiemappen", "The backup folder")
    return path


def backup_subfolder(db_path: Path) -> str:
    """The name of a folder of its own, inside the backup folder, for the backups of ``db_path``: the
    file's name and a digest of its folder (``kansli-3f9a1c2e``). Used by a database whose file name is
    already taken there by a database in another folder (``backup.folder_for``)."""
    import hashlib

    resolved = Path(db_path).expanduser().resolve()
    digest = hashlib.sha256(str(resolved.parent).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{resolved.stem}-{digest}"


def log_dir() -> Path:
    path = data_dir() / "logs"
    _make(path, "Loggmappen", "The log folder")
    return path


def package_dir() -> Path:
    """The installed ``coopdesk`` package (works from source and from a frozen bundle)."""
    return Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    """A file or folder shipped in the package's ``resources/`` (fonts, translations, icons, help);
    no parts: the folder itself. Every reader of a shipped file goes through here.

    Found with ``importlib.resources``, so it is the same lookup from a source tree, an installed
    wheel and a PyInstaller bundle (whose importer maps the package to ``sys._MEIPASS/coopdesk``).
    It returns a real ``Path`` because its users need one (reportlab's font loader, QTranslator,
    QIcon, the help browser): pip unpacks a wheel into real files and the bundle holds real files,
    so no temporary extraction (``as_file``) is needed; a zipped install is refused plainly below.
    """
    root = importlib.resources.files("coopdesk").joinpath("resources")
    if not isinstance(root, Path):
        raise RuntimeError(f"coopdesk's resources are not files on disk ({root!r}): install it unzipped")
    return root.joinpath(*parts)


def migrations_dir() -> Path:
    return package_dir() / "storage" / "migrations"


def database_url(db: str | None = None) -> str:
    """The SQLAlchemy URL for ``--db`` / ``COOPDESK_DB`` / the default file.

    A value with ``://`` is a URL as it stands (PostgreSQL); anything else is a file path.
    """
    value = db or os.environ.get("COOPDESK_DB") or str(default_db_path())
    if "://" in value:
        return value
    return "sqlite:///" + str(database_file(value))


def database_file(value: str) -> Path:
    """A database file named by the user: '~' expanded, made absolute; a clear error if it cannot be."""
    from coopdesk.core.errors import StorageError

    try:
        path = Path(value).expanduser().resolve()
    except (RuntimeError, OSError) as exc:  # '~nosuchuser/x.db', a path the system cannot resolve
        raise StorageError(
            f"Sökvägen {value} kan inte användas: {str(exc).rstrip('.')}.",
            f"The path {value} cannot be used: {str(exc).rstrip('.')}.",
        ) from exc
    try:
        mode = path.stat().st_mode
    except OSError:
        return path  # missing (it may be created), or unreadable: opening it says why
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):  # a folder gets its own message when it is opened
        # /dev/zero, /dev/sda or a FIFO: opening one hangs or reads for ever, and writing one destroys
        # whatever it is (a failed first open would even remove it)
        raise StorageError(
            f"{value} är ingen vanlig fil (utan en enhet, en FIFO eller en socket) och kan inte vara en databas.",
            f"{value} is not a regular file (but a device, a FIFO or a socket) and cannot be a database.",
        )
    return path
