"""CSV cells that a spreadsheet cannot run: the one writer every CSV file of coopdesk goes through.

A member or a district named ``=HYPERLINK(…)``, ``+cmd|' /C calc'!A0`` or ``@SUM(1)`` would be a
formula when the file is opened in Excel or LibreOffice. After OWASP's rule on CSV injection, every
text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
apostrophe, which the spreadsheet shows as text and does not run. A number is no formula and stays as
it is: ``-1 234,50`` (an amount written the Swedish way) or ``-3`` is written unchanged.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A number as coopdesk writes one: an optional minus, digits (groups split by a space or a no-break
# space), an optional decimal comma or point with digits. Nothing else starting with '-' is let through.
_NUMBER = re.compile(r"-?\d[\d \u00a0\u202f]*(?:[,.]\d+)?")


def safe_cell(value: object) -> object:
    """``value`` as a CSV cell no spreadsheet runs as a formula (text only; numbers are as they are)."""
    if not isinstance(value, str) or not value.startswith(FORMULA_START) or _NUMBER.fullmatch(value):
        return value
    return "'" + value


class SafeWriter:
    """:func:`csv.writer` whose every text cell goes through :func:`safe_cell`."""

    def __init__(self, out: Any, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[object]) -> Any:
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: Any, **options: Any) -> SafeWriter:
    """The CSV writer for every file coopdesk hands out (same options as :func:`csv.writer`)."""
    return SafeWriter(out, **options)
