"""One cell's value, read the ways a cooperative types it into a spreadsheet.

A cell arrives as python-calamine gives it (str, int, float, bool, date, datetime, time, timedelta) or
as csv text. Each reader returns the value or raises :class:`ValidationError` saying, in Swedish and
English, what is wrong; the interpreter adds where (sheet, row, column).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation

from coopdesk.core.calendar import month_names_sv
from coopdesk.core.dates import FIRST_YEAR, LAST_YEAR
from coopdesk.core.errors import ValidationError

Cell = object

# Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in); LibreOffice uses the same base.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# A small number in a date column is a typing error (3 would be 2 January 1900), not a date of a
# placement or a day of attendance: serials count from 1950.
_SERIAL_FIRST = (dt.date(1950, 1, 1) - _EXCEL_EPOCH).days
_SERIAL_LAST = (dt.date(LAST_YEAR, 12, 31) - _EXCEL_EPOCH).days

_MONTHS_EN = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _month_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for number, (sv, en) in enumerate(zip(month_names_sv(), _MONTHS_EN, strict=True), start=1):
        for name in (sv, en, sv[:3], en[:3]):
            words[name] = number
    words["sept"] = 9
    return words


MONTH_WORDS = _month_words()

_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T][0-9:.]+)?")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_SLASH = re.compile(r"([0-9]{1,2})/([0-9]{1,2})(?:\s*-\s*|\s+)([0-9]{4}|[0-9]{2})")
_SLASH_NO_YEAR = re.compile(r"[0-9]{1,2}/[0-9]{1,2}")
_WORDS = re.compile(r"([0-9]{1,2})\.?\s+([a-zåäö]+)\.?,?\s+([0-9]{4})")
_DOTTED = re.compile(r"([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})")


def is_empty(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Cell) -> str:
    """The cell as text: a whole number without ``.0`` (a decision number typed as a number)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def shown(value: Cell) -> str:
    """The value as a problem list shows it: at most 80 characters (the rule says how long it is)."""
    if is_empty(value):
        return "(tom)"
    written = text(value)
    return written if len(written) <= 80 else written[:79] + "…"


def _no_date(value: Cell, why_sv: str, why_en: str) -> ValidationError:
    return ValidationError(
        "date",
        shown(value),
        f"{shown(value)} är inget datum{why_sv}. Skriv till exempel 2026-05-04, 4/5 2026 eller 4 maj 2026.",
        f"{shown(value)} is not a date{why_en}. Write e.g. 2026-05-04, 4/5 2026 or 4 May 2026.",
    )


def _no_such_day(value: Cell, year: int, month: int, day: int) -> ValidationError:
    return ValidationError(
        "date",
        shown(value),
        f"Datumet {shown(value)} finns inte ({year:04d}-{month:02d}-{day:02d}).",
        f"The date {shown(value)} does not exist ({year:04d}-{month:02d}-{day:02d}).",
    )


def _date_of(value: Cell, year: int, month: int, day: int) -> dt.date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _no_date(value, f" (året {year} är inte rimligt)", f" (the year {year} is not plausible)")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _no_such_day(value, year, month, day) from None


def parse_date(value: Cell) -> dt.date:
    """A date cell: a real date, an Excel serial number, or text in ISO or Swedish form.

    A date without a year (``4/5``) is refused: a file of several years' history cannot say which year
    it meant, unlike a date typed into today's register.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise _no_date(value, "", "")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise _no_date(value, "", "")
        if isinstance(value, float) and not value.is_integer() and int(value) == 0:
            raise _no_date(value, " (en tid, inget datum)", " (a time, not a date)")
        serial = int(value)
        if not _SERIAL_FIRST <= serial <= _SERIAL_LAST:
            raise _no_date(value, " (talet är inget rimligt datumnummer)", " (the number is no plausible date serial)")
        return _EXCEL_EPOCH + dt.timedelta(days=serial)
    if not isinstance(value, str):
        raise _no_date(value, "", "")
    typed = " ".join(value.split()).lower()
    if match := _ISO.fullmatch(typed) or _COMPACT.fullmatch(typed) or _DOTTED.fullmatch(typed):
        year, month, day = (int(g) for g in match.groups())
        return _date_of(value, year, month, day)
    if match := _SLASH.fullmatch(typed):
        day, month = int(match[1]), int(match[2])
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return _date_of(value, year, month, day)
    if match := _WORDS.fullmatch(typed):
        month_number = MONTH_WORDS.get(match[2])
        if month_number is None:
            raise _no_date(value, f" (okänd månad {match[2]!r})", f" (unknown month {match[2]!r})")
        return _date_of(value, int(match[3]), month_number, int(match[1]))
    if _SLASH_NO_YEAR.fullmatch(typed):
        raise _no_date(value, " (årtalet saknas)", " (the year is missing)")
    raise _no_date(value, "", "")


def parse_hours(value: Cell) -> Decimal:
    """Hours: a number cell, or text with a decimal comma or point (``3,5``, ``3.5``, ``3,5 h``)."""
    if isinstance(value, bool):
        raise _not_hours(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _not_hours(value)
        # A float cell holds 3.5 as 3.5 exactly, 2.3 as 2.29999…: repr() gives the shortest form typed.
        return Decimal(repr(value))
    if isinstance(value, dt.time):  # 3:30 typed in a time-formatted cell
        return Decimal(value.hour) + Decimal(value.minute) / 60
    if isinstance(value, dt.timedelta):
        return Decimal(value.total_seconds()) / 3600
    typed = str(value).strip().lower()
    typed = re.sub(r"\s*(h|tim|timmar|t)\.?$", "", typed).replace(" ", "").replace("\u00a0", "")
    if not re.fullmatch(r"[0-9]+([.,][0-9]+)?|[.,][0-9]+", typed):
        raise _not_hours(value)
    try:
        return Decimal(typed.replace(",", "."))
    except InvalidOperation:
        raise _not_hours(value) from None


def _not_hours(value: Cell) -> ValidationError:
    return ValidationError(
        "hours",
        shown(value),
        f"{shown(value)} är inga timmar. Skriv timmarna (3,5) eller S, A, O, L (sjuk, anmäld, oanmäld, ledig).",
        f"{shown(value)} is no hours. Write the hours (3.5) or S, A, O, L (sick, notified, unnotified, leave).",
    )


#: What a month sheet's cell may say instead of hours (domain.md §11), lower case.
STATUS_WORDS = {
    "s": "sick",
    "sjuk": "sick",
    "sick": "sick",
    "a": "absent_notified",
    "anmäld": "absent_notified",
    "anmäld frånvaro": "absent_notified",
    "notified": "absent_notified",
    "o": "absent_unnotified",
    "oanmäld": "absent_unnotified",
    "oanmäld frånvaro": "absent_unnotified",
    "unnotified": "absent_unnotified",
    "l": "leave",
    "ledig": "leave",
    "leave": "leave",
}
STATUS_LETTERS = {"sick": "S", "absent_notified": "A", "absent_unnotified": "O", "leave": "L"}


def parse_day_cell(value: Cell) -> tuple[str, Decimal | None] | None:
    """A month sheet's day cell: None (empty: not registered), ("present", hours) or (absence, None)."""
    if is_empty(value):
        return None
    if isinstance(value, str):
        word = " ".join(value.split()).lower().rstrip(".")
        if word in STATUS_WORDS:
            return STATUS_WORDS[word], None
    return "present", parse_hours(value)


def parse_percent(value: Cell) -> int:
    """A capacity: ``50``, ``50 %``, or 0.5 from a cell formatted as a percentage (Excel stores 50 % as
    0.5; a value between 0 and 1 can mean nothing else, as capacities are whole percentages ≥ 1)."""
    number: Decimal | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            number = None
        elif 0 < number < 1:
            number *= 100
    elif isinstance(value, str):
        typed = value.strip().replace(" ", "").replace("\u00a0", "").rstrip("%").replace(",", ".")
        try:
            number = Decimal(typed)
        except InvalidOperation:
            number = None
        if number is not None and not number.is_finite():
            number = None
    if number is None or number != number.to_integral_value() or not 1 <= number <= 100:
        raise ValidationError(
            "percent",
            shown(value),
            f"Omfattningen {shown(value)} är inte giltig. Ange ett heltal från 1 till 100 (procent).",
            f"The capacity {shown(value)} is not valid. Give a whole number from 1 to 100 (per cent).",
        )
    return int(number)


_WEEKDAY_WORDS = {
    **{name: n for n, name in enumerate(("mån", "tis", "ons", "tor", "fre", "lör", "sön"), start=1)},
    **{name: n for n, name in enumerate(("må", "ti", "on", "to", "fr", "lö", "sö"), start=1)},
    **{
        name: n
        for n, name in enumerate(("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"), start=1)
    },
    **{name: n for n, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), start=1)},
    **{
        name: n
        for n, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), start=1
        )
    },
    "tors": 4,
    "tue": 2,
    "thur": 4,
    "thurs": 4,
}


def _weekday(token: str, value: Cell) -> int:
    token = token.strip().rstrip(".")
    if token.isdigit() and len(token) == 1 and 1 <= int(token) <= 7:
        return int(token)
    if token in _WEEKDAY_WORDS:
        return _WEEKDAY_WORDS[token]
    raise ValidationError(
        "weekdays",
        shown(value),
        f"Veckodagarna {shown(value)} går inte att läsa ({token!r}). Skriv till exempel mån–tor, mån, ons, fre "
        "eller 1,2,3,4 (1 = måndag).",
        f"The weekdays {shown(value)} cannot be read ({token!r}). Write e.g. mån–tor, mån, ons, fre or 1,2,3,4 "
        "(1 = Monday).",
    )


def parse_weekdays(value: Cell) -> frozenset[int] | None:
    """Planned weekdays: ``mån–tor``, ``mån-fre``, ``mån, ons, fre``, ``1,2,3,4``, ``1-4``, ``12345``.
    None when the cell is empty (all the opening weekdays)."""
    if is_empty(value):
        return None
    # 12345 typed into a number cell reads as a number
    typed = text(value) if isinstance(value, int | float) and not isinstance(value, bool) else str(value)
    typed = typed.strip().lower().replace("—", "-").replace("–", "-").replace(" till ", "-").replace(" to ", "-")
    if re.fullmatch(r"[1-7]{2,7}", typed):
        return frozenset(int(c) for c in typed)
    typed = re.sub(r"\s*-\s*", "-", typed)
    days: set[int] = set()
    for part in re.split(r"[,;/\s]+", typed):
        if not part or part in ("och", "and", "&"):
            continue
        if "-" in part:
            first, _, last = part.partition("-")
            start, end = _weekday(first, value), _weekday(last, value)
            if end < start:
                raise ValidationError(
                    "weekdays",
                    shown(value),
                    f"Veckodagarna {shown(value)}: {first.strip()}–{last.strip()} går baklänges.",
                    f"The weekdays {shown(value)}: {first.strip()}–{last.strip()} runs backwards.",
                )
            days.update(range(start, end + 1))
        else:
            days.add(_weekday(part, value))
    if not days:
        return None
    return frozenset(days)


def month_of_name(name: str) -> tuple[int, int] | None:
    """(year, month) a sheet's name gives: ``2026-05``, ``2026-5``, ``maj 2026``, ``Närvaro maj 2026``,
    ``May 2026``, ``maj-26``; None if it names no month."""
    found = _month_in_name(name)
    return None if found is None else found[0]


def label_of_name(name: str) -> str:
    """What a month sheet's name says besides the month (``2026-05 Glasverkstad`` → ``glasverkstad``)."""
    found = _month_in_name(name)
    return " ".join(name.split()).lower() if found is None else found[1]


def _month_in_name(name: str) -> tuple[tuple[int, int], str] | None:
    typed = " ".join(name.split()).lower()
    if match := re.search(r"(?<![0-9])([0-9]{4})[-_. ]([0-9]{1,2})(?![0-9])", typed):
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR:
            return (year, month), (typed[: match.start()] + " " + typed[match.end() :]).strip(" -_")
        return None
    for match in re.finditer(r"([a-zåäö]+)\.?[\s\-_']+([0-9]{4}|[0-9]{2})(?![0-9])", typed):
        month_number = MONTH_WORDS.get(match[1])
        if month_number is not None:
            year = int(match[2]) + (2000 if len(match[2]) == 2 else 0)
            if not FIRST_YEAR <= year <= LAST_YEAR:
                return None
            return (year, month_number), (typed[: match.start()] + " " + typed[match.end() :]).strip(" -_")
    return None


def day_number(value: Cell, month: tuple[int, int] | None = None) -> int | None:
    """A month sheet's day header: 1–31 as a number or text (``1``, ``1.``, ``01``), or a date cell of the
    sheet's ``month`` (Excel shows 2026-03-01 as "1" with the format d); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, dt.date):
        return value.day if month is not None and (value.year, value.month) == month else None
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        number = int(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*[0-9]{1,2}\.?\s*", value):
        number = int(value.strip().rstrip("."))
    else:
        return None
    return number if 1 <= number <= 31 else None


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as the spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
