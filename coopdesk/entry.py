"""The program's entry point: the desktop app, or a command when one is given."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from coopdesk import cli

    return cli.main(list(sys.argv[1:] if argv is None else argv), process=True)
