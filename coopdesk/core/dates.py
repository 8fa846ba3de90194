"""Dates as a supervisor types them: read whole, or not at all.

Every date field of the app reads its text through :func:`parse_typed_date`, so a typed
``2027-06-30`` is 30 June 2027 and never a date of another year. Accepted (docs/rules.md,
"Datum som skrivs in"):

- ISO: ``2027-01-15`` (also ``2027-1-5``), and the same digits run together: ``20270115``;
- Swedish short forms, day first: ``15/1 2027``, ``15/1-2027``, ``15/1 27`` (a two-digit year is
  20YY) and ``15/1`` (the year of *today*).

Anything else, and a day that does not exist (``2027-02-30``), is no date: ``None``. Years outside
1900–2199 are refused too: such a year is a typing error in this register, not a date.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["FIRST_YEAR", "LAST_YEAR", "parse_typed_date"]

FIRST_YEAR, LAST_YEAR = 1900, 2199

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SHORT = re.compile(r"(\d{1,2})/(\d{1,2})(?:(?:\s+|\s*-\s*)(\d{4}|\d{2}))?")


def parse_typed_date(text: str, today: dt.date) -> dt.date | None:
    """The date *text* names, or None when it names none. *today* gives the year of ``15/1``."""
    text = text.strip()
    if match := _ISO.fullmatch(text) or _COMPACT.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _SHORT.fullmatch(text):
        day, month = int(match[1]), int(match[2])
        year_text = match[3]
        if year_text is None:
            year = today.year
        elif len(year_text) == 2:
            year = 2000 + int(year_text)
        else:
            year = int(year_text)
    else:
        return None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
