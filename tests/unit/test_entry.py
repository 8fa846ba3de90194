"""The entry point starts the desktop app without the command line's modules when no command is given."""

from __future__ import annotations

import pytest

from coopdesk.entry import plain_start


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], (True, None)),
        (["--db", "/data/coop.db"], (True, "/data/coop.db")),
        (["--db=/data/coop.db"], (True, "/data/coop.db")),
        (["--db", "postgresql://server/coop"], (True, "postgresql://server/coop")),
    ],
)
def test_a_plain_start_goes_straight_to_the_window(args: list[str], expected: tuple[bool, str | None]) -> None:
    assert plain_start(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["gui"],
        ["--db", "x.db", "gui"],
        ["--db"],
        ["--db="],
        ["--db", "--lang"],
        ["--lang", "en"],
        ["--version"],
        ["--selftest"],
        ["statement", "--format", "pdf"],
    ],
)
def test_everything_else_goes_to_the_command_line(args: list[str]) -> None:
    assert plain_start(args) == (False, None)
