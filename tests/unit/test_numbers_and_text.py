"""Exact numbers, Swedish number formats and Swedish alphabetical order."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.core.errors import ValidationError
from coopdesk.core.numbers import (
    fmt,
    fmt_amount_sv,
    fmt_hours_sv,
    from_hundredths,
    normalized,
    parse_amount,
    parse_decimal,
    round_half_up,
    to_hundredths,
)
from coopdesk.core.text import invalid_character_at, printable, swedish_key


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction(1441095, 1000), 2, "1441.10"),  # half up, not to even
        (Fraction(2, 3), 2, "0.67"),
        (Fraction(1, 200), 2, "0.01"),
        (Fraction(-1, 200), 2, "-0.01"),  # away from zero
        (Fraction(3125, 10000), 1, "0.3"),
        (Decimal("0.125"), 2, "0.13"),
        (Decimal("18.25"), 1, "18.3"),
        (7, 2, "7.00"),
    ],
)
def test_round_half_up(value, places: int, expected: str) -> None:
    assert str(round_half_up(value, places)) == expected


@given(st.fractions(min_value=-(10**6), max_value=10**6, max_denominator=10**4))
def test_round_half_up_is_within_half_a_unit(value: Fraction) -> None:
    rounded = Fraction(round_half_up(value, 2))
    assert abs(rounded - value) <= Fraction(1, 200)


def test_fmt_never_prints_negative_zero() -> None:
    assert fmt(Fraction(-1, 1000)) == "0.00"
    assert fmt(Decimal("-0.001")) == "0.00"
    assert fmt(None) is None


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_hundredths_round_trip(value: int) -> None:
    assert to_hundredths(from_hundredths(value)) == value


def test_to_hundredths_refuses_a_third_decimal() -> None:
    with pytest.raises(ValueError):
        to_hundredths(Decimal("1.005"))


@pytest.mark.parametrize("text", ["7.5", "7,5", " 7.50 ", 7, Decimal("7.5")])
def test_parse_decimal_accepts_both_decimal_marks(text) -> None:
    assert parse_decimal(text, "hours") in (Decimal("7.5"), Decimal(7))


@pytest.mark.parametrize("bad", ["7.555", "sju", "", "NaN", "Infinity", True, 7.5, None, "1e400"])
def test_parse_decimal_refuses(bad) -> None:
    with pytest.raises(ValidationError) as info:
        parse_decimal(bad, "hours")
    assert info.value.field == "hours"


@pytest.mark.parametrize(
    ("bad", "sv", "en"),
    [
        ("abc", "Timmarna abc är inget tal.", "The hours abc is not a number."),
        (" sju ", "Timmarna sju är inget tal.", "The hours sju is not a number."),
        ("1,2,3", "Timmarna 1,2,3 är inget tal.", "The hours 1,2,3 is not a number."),
        ("", "Timmarna (tom) är inget tal.", "The hours (empty) is not a number."),
        (None, "Timmarna (tom) är inget tal.", "The hours (empty) is not a number."),
        (True, "Timmarna true är inget tal.", "The hours true is not a number."),
    ],
)
def test_a_value_that_is_no_number_is_quoted_as_written_like_the_other_values(bad, sv: str, en: str) -> None:
    """ui-sv.md writes values plainly ("Personnumret 19800101-0018 har fel kontrollsiffra"), as this check's
    other messages do ("Timmarna 7,333 har fler än två decimaler"); "'abc'" was Python's repr."""
    with pytest.raises(ValidationError) as info:
        parse_decimal(bad, "hours", what_sv="Timmarna", what_en="The hours")
    assert info.value.sv.startswith(sv) and info.value.en.startswith(en)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31 800,50", "31800.50"),
        ("31\u00a0800", "31800"),
        ("1\u202f234\u202f567,5", "1234567.5"),
        (" 2 500 ", "2500"),
        ("24500", "24500"),
        ("-1 000", "-1000"),
    ],
)
def test_an_amount_may_have_its_thousands_spaced_as_printed(text: str, expected: str) -> None:
    assert parse_amount(text, "amount", what_sv="Beloppet", what_en="The amount") == Decimal(expected)


@pytest.mark.parametrize("bad", ["3 18 00", "31 80", "1 2345", "31  800", "31 800 ,5"])
def test_an_amount_spaced_other_than_in_thousands_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_amount(bad, "amount", what_sv="Beloppet", what_en="The amount")
    assert refused.value.message("sv") == (
        f"Beloppet {bad.strip()} är inget tal. Skriv ett tal med högst två decimaler, till exempel 7,5."
    )


def test_hours_take_no_spaced_thousands() -> None:
    with pytest.raises(ValidationError):
        parse_decimal("1 000", "hours", what_sv="Timmarna", what_en="The hours")


def test_parse_decimal_bounds() -> None:
    with pytest.raises(ValidationError, match="greater than 0"):
        parse_decimal("0", "hours", minimum=Decimal(0), exclusive_minimum=True)
    with pytest.raises(ValidationError, match="at most 24"):
        parse_decimal("24.01", "hours", maximum=Decimal(24))


def test_swedish_display_forms() -> None:
    assert fmt_amount_sv(Decimal("6350")) == "6\u00a0350,00\u00a0kr"
    assert fmt_amount_sv(Fraction(12345678, 100)) == "123\u00a0456,78\u00a0kr"
    assert fmt_hours_sv(Decimal("7.50")) == "7,5"
    assert fmt_hours_sv(Decimal("8")) == "8"
    assert fmt_hours_sv(None) == "–"
    assert normalized(Decimal("40.00")) == "40"


def test_swedish_alphabetical_order() -> None:
    names = ["Örjan", "Åsa", "Zara", "Ärla", "anna", "Émile", "Yusuf", "Ülla", "Ødegård", "Łukasz", "Lars", "Olof"]
    assert sorted(names, key=swedish_key) == [
        "anna",
        "Émile",
        "Lars",
        "Łukasz",
        "Olof",
        "Ülla",
        "Yusuf",
        "Zara",
        "Åsa",
        "Ärla",
        "Ødegård",
        "Örjan",
    ]


def test_bidi_controls_print_in_stored_order_and_only_the_reordering_ones_are_refused() -> None:
    assert printable("Anna \u202eAndersson\u202c") == "Anna Andersson"
    assert printable("\u2066Anna\u2069 \u200fAndersson\u200e\u061c") == "Anna Andersson"
    assert printable("Åsa Öberg") == "Åsa Öberg"
    for control in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert invalid_character_at(f"Anna {control}Andersson") == 5
    for mark in "\u200e\u200f\u061c":  # marks steer neutral characters only: a mixed-script name may need one
        assert invalid_character_at(f"Anna {mark}Andersson") is None
