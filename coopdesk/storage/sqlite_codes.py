"""SQLite's result codes, read from a database error: a leaf module, so that backups and the error
translation can both tell a damaged file from a locked one without importing each other."""

from __future__ import annotations

# SQLite's primary result codes (https://www.sqlite.org/rescode.html); an extended code keeps its
# primary code in its low byte (SQLITE_IOERR_SHORT_READ = 522 = 10 | 2 << 8).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 3, 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of a database error (sqlite3 and sqlcipher3 alike), or None."""
    code = getattr(getattr(exc, "orig", None) or exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None
