"""Reading a file the user named (an import, a keys file, the settings): bounded, and never a device.

``/dev/zero`` (or a symbolic link to it) would be read until memory runs out, and a FIFO would wait
for ever: both are refused at once, by what ``stat`` says before the file is opened (and the open
itself does not wait). A file larger than the limit is refused, not half read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from coopdesk.core.errors import CoopdeskError

MB = 1024 * 1024


class InputFileError(CoopdeskError):
    """A file coopdesk was asked to read is no regular file (a device, a FIFO, a socket) or is too large."""


def read_limited(path: Path, limit: int, what_sv: str = "Filen", what_en: str = "The file") -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them (else :class:`InputFileError`).

    A missing file, a folder or a file that cannot be opened raise :class:`OSError` as ``open`` would,
    so that each caller keeps its own message for those.
    """
    path = Path(path)
    st = os.stat(path)  # follows a symbolic link: a link to /dev/zero is /dev/zero
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(st.st_mode):
        raise InputFileError(
            f"{what_sv} {path} är ingen vanlig fil (utan en enhet, en FIFO eller en socket) och läses inte.",
            f"{what_en} {path} is not a regular file (but a device, a FIFO or a socket) and is not read.",
        )
    if st.st_size > limit:
        raise _too_large(path, limit, what_sv, what_en)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags), "rb") as handle:
        data = handle.read(limit + 1)  # the file may have grown since stat
    if len(data) > limit:
        raise _too_large(path, limit, what_sv, what_en)
    return data


def _too_large(path: Path, limit: int, what_sv: str, what_en: str) -> InputFileError:
    sv = f"{limit // MB} MB" if limit >= MB else f"{limit} byte"
    en = f"{limit // MB} MB" if limit >= MB else f"{limit} bytes"
    return InputFileError(
        f"{what_sv} {path} är större än {sv} och läses inte. Kontrollera att det är rätt fil.",
        f"{what_en} {path} is larger than {en} and is not read. Check that it is the right file.",
    )
