"""Why the system refused a file, in Swedish.

``OSError.strerror`` is the C library's English ("Read-only file system") whatever the user's language,
and it used to end up in the middle of a Swedish message. The reasons a user meets when saving or
reading a file are said in Swedish here; anything rarer keeps the system's words.
"""

from __future__ import annotations

import errno

_SWEDISH = {
    errno.EROFS: "disken eller mappen är skrivskyddad",
    errno.EACCES: "du har inte behörighet att skriva eller läsa där",
    errno.EPERM: "du har inte behörighet att skriva eller läsa där",
    errno.ENOENT: "filen eller mappen finns inte",
    errno.ENOTDIR: "en del av sökvägen är ingen mapp",
    errno.EISDIR: "det är en mapp",
    errno.ENAMETOOLONG: "namnet är för långt",
    errno.EIO: "ett läs- eller skrivfel på disken (är den urkopplad eller skadad?)",
    errno.EBUSY: "filen används av ett annat program",
    errno.EEXIST: "filen finns redan",
    errno.EINVAL: "namnet går inte att använda på den disken",
}


def reason_sv(exc: OSError) -> str:
    """The reason in Swedish, or the system's own words where there is none."""
    return _SWEDISH.get(exc.errno or 0) or exc.strerror or str(exc)


def reason_en(exc: OSError) -> str:
    return exc.strerror or str(exc)
