"""Swedish personal identity numbers and organisation numbers.

A member is identified by a personnummer or, for people without one, a samordningsnummer (the day of
birth plus 60). People type them in many shapes; docs/domain.md §6 asks us to accept 10 and 12 digits
and to store and show one canonical form, ``YYYYMMDD-NNNN``, so that the same person is never entered
twice under two spellings. Everything here is checked before it is stored: a number that cannot exist
is far more likely a typing error than a real person, and the statements sent to the districts must
not carry typing errors.
"""

from __future__ import annotations

import re
from datetime import date

from coopdesk.core.errors import ValidationError

__all__ = [
    "birth_date",
    "luhn_ok",
    "mask_personal_number",
    "normalize_org_number",
    "normalize_personal_number",
]

# [0-9] and not \d: \d also matches other scripts' digits ("١٢٣"), which int() would happily accept.
_TWELVE = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})-?([0-9]{4})")
_TEN = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{2})([-+]?)([0-9]{4})")
_CANONICAL = re.compile(r"[0-9]{8}-[0-9]{4}")
_ORG = re.compile(r"(?:16)?([0-9]{6})-?([0-9]{4})")

# A samordningsnummer adds this to the day of birth, so that it never collides with a personnummer.
_COORDINATION_OFFSET = 60

_FIELD = "personal_number"
_ORG_FIELD = "org_number"


def luhn_ok(digits: str) -> bool:
    """Whether ``digits`` passes the Luhn (mod 10) check.

    Swedish personal and organisation numbers apply it to their 10 digits (``YYMMDDNNNN``); the
    check catches every single mistyped digit and most swapped neighbours, which is why we insist on
    it. Anything that is not a non-empty string of ASCII digits fails rather than raising, so the
    function can be used as a plain predicate on user input.
    """
    if not digits or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    # From the right: the check digit itself is not doubled, every second digit before it is.
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _day_of_birth(day: int) -> int:
    """The real day of birth: a samordningsnummer writes it with 60 added."""
    return day - _COORDINATION_OFFSET if day > _COORDINATION_OFFSET else day


def _youngest_year(yy: int, month: int, day: int, today: date) -> int:
    """The latest year ending in ``yy`` whose ``month``/``day`` is not after ``today``.

    Compared as tuples, not dates, so that an impossible month or day (checked afterwards, with a
    message of its own) does not break the choice of century.
    """
    year = today.year - (today.year - yy) % 100
    if (year, month, day) > (today.year, today.month, today.day):
        year -= 100
    return year


def normalize_personal_number(text: str, today: date | None = None) -> str:
    """Check a personnummer or samordningsnummer and return it as ``YYYYMMDD-NNNN``.

    Accepted: ``YYYYMMDDNNNN``, ``YYYYMMDD-NNNN``, ``YYMMDDNNNN``, ``YYMMDD-NNNN`` and
    ``YYMMDD+NNNN`` (the ``+`` is what Skatteverket writes for people aged 100 or more), with
    surrounding whitespace ignored. With 10 digits the century is the one that gives the youngest
    birth date that is not in the future, and ``+`` moves it 100 years back; this is how the 10-digit
    form is defined, so a 10-digit number needs no extra question to the user. ``today`` is a
    parameter so that tests (and the century choice) do not depend on the clock.

    A samordningsnummer keeps its day + 60 in the canonical form: that *is* the number, and turning
    it into the birth date would produce a different person's personnummer.

    Raises :class:`ValidationError` (field ``personal_number``) with a message of its own for a
    wrong format, a date that does not exist, a date in the future and a wrong check digit, so the
    user knows which part to look at.
    """
    today = today or date.today()
    shown = text.strip()
    if not shown:
        raise ValidationError(
            _FIELD,
            text,
            "Personnummer saknas. Skriv det som ÅÅÅÅMMDD-NNNN.",
            "The personal identity number is missing. Write it as YYYYMMDD-NNNN.",
        )

    if match := _TWELVE.fullmatch(shown):
        century, yy, mm, dd, serial = match.groups()
        year = int(century + yy)
    elif match := _TEN.fullmatch(shown):
        yy, mm, dd, separator, serial = match.groups()
        year = _youngest_year(int(yy), int(mm), _day_of_birth(int(dd)), today)
        if separator == "+":
            year -= 100
    else:
        raise ValidationError(
            _FIELD,
            text,
            f"Personnumret {shown} har fel format. Skriv det med 12 siffror som ÅÅÅÅMMDD-NNNN "
            "eller med 10 siffror som ÅÅMMDD-NNNN (ÅÅMMDD+NNNN för den som fyllt 100 år).",
            f"The personal identity number {shown} has the wrong format. Write it with 12 digits as "
            "YYYYMMDD-NNNN or with 10 digits as YYMMDD-NNNN (YYMMDD+NNNN for people aged 100 or more).",
        )

    month, day = int(mm), int(dd)
    coordination = day > _COORDINATION_OFFSET
    birth_day = _day_of_birth(day)
    noun_sv = "Samordningsnumret" if coordination else "Personnumret"
    noun_en = "The co-ordination number" if coordination else "The personal identity number"
    try:
        born = date(year, month, birth_day)
    except ValueError:
        written = f"{year:04d}-{mm}-{birth_day:02d}"
        hint_sv = f" (dag {dd} minus 60)" if coordination else ""
        hint_en = f" (day {dd} minus 60)" if coordination else ""
        raise ValidationError(
            _FIELD,
            text,
            f"{noun_sv} {shown} innehåller ett datum som inte finns: {written}{hint_sv}. Kontrollera födelsedatumet.",
            f"{noun_en} {shown} contains a date that does not exist: {written}{hint_en}. Check the date of birth.",
        ) from None

    if born > today:
        raise ValidationError(
            _FIELD,
            text,
            f"{noun_sv} {shown} har ett födelsedatum i framtiden ({born.isoformat()}). Kontrollera årtalet.",
            f"{noun_en} {shown} has a date of birth in the future ({born.isoformat()}). Check the year.",
        )

    if not luhn_ok(f"{year % 100:02d}{mm}{dd}{serial}"):
        raise ValidationError(
            _FIELD,
            text,
            f"{noun_sv} {shown} har fel kontrollsiffra. Kontrollera siffrorna.",
            f"{noun_en} {shown} has a wrong check digit. Check the digits.",
        )

    return f"{year:04d}{mm}{dd}-{serial}"


def _canonical(pn: str) -> str:
    """``pn`` itself if it is already canonical; otherwise the checked canonical form.

    Stored numbers are canonical, so the fast path is the common one; anything else goes through the
    full check rather than being sliced blindly.
    """
    return pn if _CANONICAL.fullmatch(pn) else normalize_personal_number(pn)


def birth_date(pn: str) -> date:
    """The date of birth of a canonical number (a samordningsnummer's day has 60 taken off).

    Ages, and whether a member was born before a placement, need the real date, not the day + 60.
    A non-canonical number is normalised first (and may raise :class:`ValidationError`).
    """
    pn = _canonical(pn)
    return date(int(pn[0:4]), int(pn[4:6]), _day_of_birth(int(pn[6:8])))


def mask_personal_number(pn: str) -> str:
    """``19800101-****``: enough for a district to recognise the member, not enough to misuse.

    Statements show the number masked unless the district asks otherwise (docs/domain.md §4).
    """
    return _canonical(pn)[:9] + "****"


def normalize_org_number(text: str) -> str:
    """Check a Swedish organisationsnummer and return it as ``NNNNNN-NNNN``.

    Accepted: 10 digits with an optional ``-`` after the sixth, or the 12-digit form with the leading
    ``16`` that some registers (and e-invoicing) use. Only the Luhn check is applied, not the rule that
    legal persons have a third digit of 2 or more: a sole trader's organisation number is their
    personnummer, and a district may well be billed through one.
    """
    shown = text.strip()
    match = _ORG.fullmatch(shown)
    if match is None:
        raise ValidationError(
            _ORG_FIELD,
            text,
            f"Organisationsnumret {shown} har fel format. Skriv det med 10 siffror som NNNNNN-NNNN.",
            f"The organisation number {shown} has the wrong format. Write it with 10 digits as NNNNNN-NNNN.",
        )
    first, last = match.groups()
    if not luhn_ok(first + last):
        raise ValidationError(
            _ORG_FIELD,
            text,
            f"Organisationsnumret {shown} har fel kontrollsiffra. Kontrollera siffrorna.",
            f"The organisation number {shown} has a wrong check digit. Check the digits.",
        )
    return f"{first}-{last}"
