"""Writing the files coopdesk hands out (exports, statements) without ever leaving half a file."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TypeVar

from coopdesk.core.errors import StorageError
from coopdesk.core.os_reasons import reason_en, reason_sv

T = TypeVar("T")


def safe_file_name(name: str) -> str:
    """A district's name made safe as part of a file name on Windows and Linux alike."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "-", name).strip(" .")
    return cleaned or "namnlös"


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place (owner-only: personal data)."""
    path = Path(path)
    try:
        from coopdesk.storage.paths import private_dir

        private_dir(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        from coopdesk.storage.full_disk import file_disk_full, is_full_error

        if is_full_error(exc):
            raise file_disk_full(path) from exc
        raise StorageError(
            f"Filen {path} kan inte skrivas: {reason_sv(exc)}. Välj en annan mapp, eller kontrollera mappen.",
            f"Cannot write {path}: {reason_en(exc)}. Choose another folder, or check the folder.",
        ) from exc


def write_logged(
    unit_of_work: AbstractContextManager[T], make: Callable[[T], Iterable[tuple[Path, bytes]]]
) -> list[Path]:
    """Write files whose making is logged, in one unit of work: ``make`` builds the files' bytes and
    writes their audit entries in the session; the files are written; then the unit of work commits.
    If anything fails, including the commit, the files written are removed again, so no copy of
    personal data remains whose making is not on the record (a refused or failed export writes nothing).
    """
    written: list[Path] = []
    try:
        with unit_of_work as session:
            for path, data in make(session):
                write_atomic(path, data)
                written.append(Path(path))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
