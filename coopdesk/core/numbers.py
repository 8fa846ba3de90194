"""Exact numbers: hours and money are Decimal (never float) and rounded only when shown.

Planned hours are fractions such as 40 h × 75 % / 4 days, so they are computed as
:class:`fractions.Fraction` and rounded half up to 2 decimals only on output (domain.md §2).
Stored hours and amounts have at most 2 decimals and live in the database as integer hundredths.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from coopdesk.core.errors import ValidationError, shown

Number = Fraction | Decimal | int

# [0-9], not \d: \d also matches other scripts' digits ("٧٫٥"), which Decimal() would happily accept.
_PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_LIMIT = Decimal(10) ** 12  # no hour count or amount in a cooperative comes near this
_QUANTS = {places: Decimal(1).scaleb(-places) for places in range(0, 7)}


def round_half_up(value: Number, places: int = 2) -> Decimal:
    """Round an exact value half up (away from zero for .5) to ``places`` decimals."""
    if isinstance(value, Fraction):
        scaled = value * 10**places
        sign = -1 if scaled < 0 else 1
        whole, rest = divmod(abs(scaled.numerator), scaled.denominator)
        if 2 * rest >= scaled.denominator:
            whole += 1
        return (Decimal(sign * whole).scaleb(-places)).quantize(_QUANTS[places])
    return Decimal(value).quantize(_QUANTS[places], rounding=ROUND_HALF_UP)


def quarter_hours(value: Number) -> Decimal:
    """``value`` hours to the nearest quarter hour, half up (2.8 → 2.75, 2.875 → 3.00): for display only."""
    return (round_half_up(Fraction(value) * 4, 0) / 4).quantize(_QUANTS[2])


def fmt(value: Number | None, places: int = 2) -> str | None:
    """The interchange form: '92.00' (or None for a figure that does not apply)."""
    if value is None:
        return None
    rounded = round_half_up(value, places)
    return f"{abs(rounded) if rounded == 0 else rounded:.{places}f}"  # never "-0.00"


def to_fraction(value: Decimal | int) -> Fraction:
    return Fraction(value)


def to_hundredths(value: Decimal) -> int:
    """Decimal with at most 2 decimals → integer hundredths (the storage form)."""
    scaled = value * 100
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{value} has more than 2 decimals")
    return int(scaled)


def from_hundredths(value: int) -> Decimal:
    return (Decimal(value) / 100).quantize(_QUANTS[2])


def normalized(value: Decimal) -> str:
    """The shortest exact text of a Decimal: 40.00 → '40', 3.50 → '3.5'."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def as_written(value: Any, empty: str = "(tom)") -> str:
    """A refused value as the user typed it or the file has it, plainly as ui-sv.md writes values (no
    Python quotes: abc, not 'abc'); ``empty`` for nothing at all, a JSON value in its JSON form (true)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return empty
    return value.strip() if isinstance(value, str) else shown(value)


#: Kronor written with spaces between groups of three digits, as Swedish amounts are ("31 800,50"): the
#: space, the no-break space and the narrow no-break space a copied figure may hold.
_GROUPED_AMOUNT = re.compile(r"[+-]?[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]*)?")


def parse_amount(value: Any, field: str, *, what_sv: str, what_en: str, **limits: Any) -> Decimal:
    """An amount in kronor: :func:`parse_decimal`, and also with its thousands separated by spaces as
    they are printed ("31 800,50"). Only whole groups of three: "3 18 00" is no amount but a mistake."""
    if isinstance(value, str) and _GROUPED_AMOUNT.fullmatch(value.strip()):
        value = re.sub(r"[ \u00a0\u202f]", "", value.strip())
    return parse_decimal(value, field, what_sv=what_sv, what_en=what_en, **limits)


def _not_a_number(field: str, value: Any, what_sv: str, what_en: str) -> ValidationError:
    return ValidationError(
        field,
        value,
        f"{what_sv} {as_written(value)} är inget tal. Skriv ett tal med högst två decimaler, till exempel 7,5.",
        f"{what_en} {as_written(value, '(empty)')} is not a number. Give a number with at most 2 decimals, e.g. 7.5.",
    )


def parse_decimal(
    value: Any,
    field: str,
    *,
    what_sv: str = "Värdet",
    what_en: str = "The value",
    minimum: Decimal | None = None,
    exclusive_minimum: bool = False,
    maximum: Decimal | None = None,
) -> Decimal:
    """Parse a JSON/user value with at most 2 decimals (a string or a number; never a bool or float)."""
    if isinstance(value, bool | float) or value is None:
        raise _not_a_number(field, value, what_sv, what_en)
    text = str(value).strip().replace(",", ".") if isinstance(value, str) else value
    try:
        if isinstance(text, str) and not _PLAIN_NUMBER.fullmatch(text):
            raise ValueError(text)  # no "1_000", "1e3" or other forms a person would not type
        number = Decimal(text) if not isinstance(text, Decimal) else text
    except (InvalidOperation, ValueError, TypeError):
        number = None
    if number is None or not number.is_finite():
        raise _not_a_number(field, value, what_sv, what_en)
    if abs(number) >= _LIMIT:
        raise ValidationError(
            field,
            value,
            f"{what_sv} {value} är orimligt stort.",
            f"{what_en} {value} is unreasonably large.",
        )
    if number != number.quantize(_QUANTS[2], rounding=ROUND_HALF_UP):
        raise ValidationError(
            field,
            value,
            f"{what_sv} {value} har fler än två decimaler.",
            f"{what_en} {value} has more than 2 decimals.",
        )
    if minimum is not None and (number < minimum or (exclusive_minimum and number == minimum)):
        op_sv = "större än" if exclusive_minimum else "minst"
        op_en = "greater than" if exclusive_minimum else "at least"
        raise ValidationError(
            field,
            value,
            f"{what_sv} {value} måste vara {op_sv} {normalized(minimum)}.",
            f"{what_en} {value} must be {op_en} {normalized(minimum)}.",
        )
    if maximum is not None and number > maximum:
        raise ValidationError(
            field,
            value,
            f"{what_sv} {value} får vara högst {normalized(maximum)}.",
            f"{what_en} {value} must be at most {normalized(maximum)}.",
        )
    return number.quantize(_QUANTS[2])


# --- Swedish display forms (ui-sv.md): decimal comma, space as thousands separator --------------

NBSP = "\u00a0"


def fmt_sv(value: Number | None, places: int = 2, *, dash: str = "–") -> str:
    """'1234.5' → '1 234,50' with a no-break space, so printed figures never wrap."""
    if value is None:
        return dash
    rounded = round_half_up(value, places)
    text = f"{abs(rounded):,.{places}f}".replace(",", NBSP).replace(".", ",")
    return f"-{text}" if rounded < 0 else text


def fmt_amount_sv(value: Number | None) -> str:
    """'6350' → '6 350,00 kr'."""
    return "–" if value is None else f"{fmt_sv(value, 2)}{NBSP}kr"


def fmt_hours_sv(value: Number | None, places: int = 2) -> str:
    """Hours with a decimal comma and no needless zeros: 7.50 → '7,5', 8 → '8'."""
    if value is None:
        return "–"
    text = fmt_sv(value, places)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text
