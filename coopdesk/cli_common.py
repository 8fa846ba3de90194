"""What the command line's modules share: the message language, output, opening the database."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TextIO

from coopdesk.core.errors import CoopdeskError, ValidationError


def language() -> str:
    """Swedish when the user's locale is Swedish (or COOPDESK_LANG=sv), English otherwise."""
    for name in ("COOPDESK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


class Output:
    """Messages in the user's language: ``say('…sv…', '…en…')``."""

    def __init__(self, out: TextIO, err: TextIO, lang: str) -> None:
        self.out, self.err, self.lang = out, err, lang

    def say(self, sv: str, en: str) -> None:
        print(sv if self.lang == "sv" else en, file=self.out)

    def error(self, error: CoopdeskError) -> None:
        prefix = "fel" if self.lang == "sv" else "error"
        print(f"coopdesk: {prefix}: {error.message(self.lang)}", file=self.err)


def open_database_for(args: argparse.Namespace, *, create: bool = False, check: bool = True):
    from coopdesk.storage.database import open_database

    return open_database(args.db, create=create, check=check)


def refuse_database_as_output(args: argparse.Namespace, target: Path | None) -> None:
    """Never write an export, a statement or a backup over the database itself (or its WAL files)."""
    if target is None:
        return
    from coopdesk.storage import paths

    url = paths.database_url(args.db)
    if not url.startswith("sqlite:///"):
        return
    database = Path(url.removeprefix("sqlite:///"))
    try:
        resolved = target.expanduser().resolve()
    except (OSError, RuntimeError):
        return
    if resolved in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        raise ValidationError(
            "-o",
            str(target),
            f"{target} är själva databasen. Välj en annan fil att skriva till.",
            f"{target} is the database itself. Choose another file to write to.",
        )
