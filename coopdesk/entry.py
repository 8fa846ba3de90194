"""The program's entry point: the desktop app, or a command when one is given."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    plain, db = plain_start(args)
    if plain:
        # The desktop app without the command line's modules: importing coopdesk.cli loads every
        # command's imports (SQLAlchemy, the sheets, holidays: about 0.35 s) before the window could paint.
        from coopdesk.ui.gui import run

        return run(db)
    from coopdesk import cli

    return cli.main(args, process=True)


def plain_start(args: list[str]) -> tuple[bool, str | None]:
    """(True, the database) for a plain start of the desktop app: no arguments (None: the default
    database) or only ``--db PATH``. Anything else is (False, None): the command line's parser reads it."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db" and not args[1].startswith("-"):
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db=") and len(args[0]) > len("--db="):
        return True, args[0].removeprefix("--db=")
    return False, None
