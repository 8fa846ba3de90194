"""Personal identity numbers and organisation numbers (docs/domain.md §6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.core.errors import ValidationError
from coopdesk.core.personal_number import (
    birth_date,
    luhn_ok,
    mask_personal_number,
    normalize_org_number,
    normalize_personal_number,
)

TODAY = date(2026, 5, 15)


def with_check_digit(nine: str) -> str:
    """The 10 digits ``nine`` + the Luhn check digit, computed independently of the code under test."""
    total = 0
    for i, char in enumerate(nine):
        value = int(char) * (2 if i % 2 == 0 else 1)
        total += value // 10 + value % 10
    return nine + str((10 - total % 10) % 10)


def refused(text: str, today: date = TODAY) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        normalize_personal_number(text, today=today)
    error = caught.value
    assert error.field == "personal_number"
    assert error.value == text
    assert text.strip() in error.sv
    assert text.strip() in error.en
    return error


# --- luhn_ok ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("digits", ["8001010019", "8112189876", "7010632391", "8024001235", "5560360793"])
def test_luhn_accepts_valid_numbers(digits: str) -> None:
    assert luhn_ok(digits)


@pytest.mark.parametrize("digits", ["8001010018", "8112189875", "8024001234", "", "80010100a9", "８００１０１００１９"])
def test_luhn_refuses_invalid_numbers(digits: str) -> None:
    assert not luhn_ok(digits)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_luhn_agrees_with_reference(nine: str) -> None:
    full = with_check_digit(nine)
    assert luhn_ok(full)
    for wrong in "0123456789":
        if wrong != full[-1]:
            assert not luhn_ok(nine + wrong)


# --- accepted forms --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "19800101-0019",
        "198001010019",
        "800101-0019",
        "8001010019",
        "  19800101-0019\t",
        " 800101-0019 ",
    ],
)
def test_every_form_gives_the_canonical_number(text: str) -> None:
    assert normalize_personal_number(text, today=TODAY) == "19800101-0019"


def test_ten_digits_choose_the_youngest_non_future_century() -> None:
    # 2010-01-01 is not in the future, so "100101" is 2010, not 1910.
    number = with_check_digit("100101123")
    assert normalize_personal_number(f"{number[:6]}-{number[6:]}", today=TODAY) == f"20{number[:6]}-{number[6:]}"
    # 2027-01-01 would be in the future, so "270101" is 1927.
    number = with_check_digit("270101123")
    assert normalize_personal_number(number, today=TODAY) == f"19{number[:6]}-{number[6:]}"


def test_ten_digits_born_today_is_this_century() -> None:
    number = with_check_digit("260515123")
    assert normalize_personal_number(number, today=TODAY) == f"20{number[:6]}-{number[6:]}"
    number = with_check_digit("260516123")  # tomorrow in 2026, so 1926
    assert normalize_personal_number(number, today=TODAY) == f"19{number[:6]}-{number[6:]}"


def test_plus_means_a_hundred_years_earlier() -> None:
    number = with_check_digit("200301123")
    assert normalize_personal_number(f"{number[:6]}+{number[6:]}", today=TODAY) == f"19{number[:6]}-{number[6:]}"
    number = with_check_digit("170301123")
    assert normalize_personal_number(f"{number[:6]}+{number[6:]}", today=TODAY) == f"19{number[:6]}-{number[6:]}"
    number = with_check_digit("270301123")  # youngest is 1927, so + gives 1827
    assert normalize_personal_number(f"{number[:6]}+{number[6:]}", today=TODAY) == f"18{number[:6]}-{number[6:]}"


def test_samordningsnummer_keeps_day_plus_sixty() -> None:
    assert normalize_personal_number("701063-2391", today=TODAY) == "19701063-2391"
    assert normalize_personal_number("197010632391", today=TODAY) == "19701063-2391"
    assert birth_date("19701063-2391") == date(1970, 10, 3)
    assert mask_personal_number("19701063-2391") == "19701063-****"


def test_samordningsnummer_century_uses_the_real_day() -> None:
    # Day 75 = the 15th: 2026-05-15 is today, so not in the future, so 2026.
    number = with_check_digit("260575123")
    assert normalize_personal_number(number, today=TODAY) == f"20{number[:6]}-{number[6:]}"
    # Day 76 = the 16th: tomorrow, so 1926.
    number = with_check_digit("260576123")
    assert normalize_personal_number(number, today=TODAY) == f"19{number[:6]}-{number[6:]}"


def test_leap_day() -> None:
    number = with_check_digit("000229123")
    assert normalize_personal_number(f"2000{number[2:6]}-{number[6:]}", today=TODAY) == (
        f"2000{number[2:6]}-{number[6:]}"
    )
    assert birth_date(f"2000{number[2:6]}-{number[6:]}") == date(2000, 2, 29)


def test_default_today_is_the_real_date() -> None:
    assert normalize_personal_number("8001010019") == "19800101-0019"


def test_birth_date_and_mask() -> None:
    assert birth_date("19800101-0019") == date(1980, 1, 1)
    assert mask_personal_number("19800101-0019") == "19800101-****"
    assert mask_personal_number("800101-0019") == "19800101-****"


# --- refused ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1980010100190",  # 13 digits
        "19800101-001",  # 11 digits
        "800101001",  # 9 digits
        "80010100190",  # 11 digits
        "19800101+0019",  # + is only for 10 digits
        "198001-010019",  # separator in the wrong place
        "800101--0019",
        "800101 0019",
        "8001O10019",  # letter O
        "abc",
        "१९८००१०१-००१९",  # Devanagari digits
    ],
)
def test_wrong_format_is_refused(text: str) -> None:
    error = refused(text)
    assert "fel format" in error.sv
    assert "wrong format" in error.en


def test_empty_is_refused() -> None:
    for text in ("", "   "):
        with pytest.raises(ValidationError) as caught:
            normalize_personal_number(text, today=TODAY)
        assert caught.value.field == "personal_number"
        assert caught.value.value == text
        assert "saknas" in caught.value.sv


@pytest.mark.parametrize(
    "text",
    [
        "19801301-0000",  # month 13
        "19800001-0000",  # month 0
        "19800100-0000",  # day 0
        "19800230-0000",  # 30 February
        "19810229-0000",  # 29 February in a non-leap year
        "19000229-0000",  # 1900 was not a leap year
        "810229-0000",
        "19800192-0000",  # samordningsnummer: day 92 - 60 = 32
        "19800260-0000",  # day 60 - neither a day nor a samordningsnummer
        "00000101-0000",  # year 0
    ],
)
def test_impossible_date_is_refused(text: str) -> None:
    error = refused(text)
    assert "datum som inte finns" in error.sv
    assert "does not exist" in error.en


def test_impossible_samordningsnummer_date_says_minus_sixty() -> None:
    error = refused("19800192-0000")
    assert error.sv.startswith("Samordningsnumret")
    assert "minus 60" in error.sv


@pytest.mark.parametrize("text", ["20260516-0000", "20270101-0000", "20260576-0000", "30000101-0000"])
def test_future_date_is_refused(text: str) -> None:
    error = refused(text)
    assert "framtiden" in error.sv
    assert "future" in error.en


def test_born_today_is_accepted() -> None:
    number = with_check_digit("260515123")
    assert normalize_personal_number(f"20{number}", today=TODAY) == f"20{number[:6]}-{number[6:]}"


@pytest.mark.parametrize("text", ["19800101-0018", "800101-0018", "8001010018", "197010632392", "800101+0010"])
def test_wrong_check_digit_is_refused(text: str) -> None:
    error = refused(text)
    assert "kontrollsiffra" in error.sv
    assert "check digit" in error.en


def test_check_digit_message_matches_the_house_example() -> None:
    error = refused("19800101-0018")
    assert error.sv == "Personnumret 19800101-0018 har fel kontrollsiffra. Kontrollera siffrorna."


# --- properties ------------------------------------------------------------------------------------


@st.composite
def valid_numbers(draw: st.DrawFn) -> tuple[date, bool, str]:
    """A birth date up to TODAY, whether it is a samordningsnummer, and the 10 digits YYMMDDNNNN."""
    born = draw(st.dates(min_value=date(1890, 1, 1), max_value=TODAY))
    coordination = draw(st.booleans())
    serial = draw(st.text(alphabet="0123456789", min_size=3, max_size=3))
    day = born.day + (60 if coordination else 0)
    return born, coordination, with_check_digit(f"{born:%y%m}{day:02d}{serial}")


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def spellings(born: date, ten: str) -> list[str]:
    century = f"{born.year // 100:02d}"
    forms = [f"{century}{ten}", f"{century}{ten[:6]}-{ten[6:]}", f"  {century}{ten}\n"]
    if age_on(born, TODAY) >= 100:
        forms.append(f"{ten[:6]}+{ten[6:]}")
    else:
        forms += [ten, f"{ten[:6]}-{ten[6:]}", f" {ten[:6]}-{ten[6:]} "]
    return forms


@given(valid_numbers())
def test_every_spelling_of_a_valid_number_gives_one_canonical_form(drawn: tuple[date, bool, str]) -> None:
    born, coordination, ten = drawn
    expected = f"{born.year // 100:02d}{ten[:6]}-{ten[6:]}"
    for text in spellings(born, ten):
        assert normalize_personal_number(text, today=TODAY) == expected
    assert birth_date(expected) == born
    assert mask_personal_number(expected) == expected[:9] + "****"
    assert (int(expected[6:8]) > 60) == coordination
    # Canonical is a fixed point.
    assert normalize_personal_number(expected, today=TODAY) == expected


@given(valid_numbers(), st.integers(min_value=0, max_value=9), st.integers(min_value=1, max_value=9))
def test_one_wrong_digit_is_always_refused(drawn: tuple[date, bool, str], position: int, shift: int) -> None:
    born, _, ten = drawn
    wrong = ten[:position] + str((int(ten[position]) + shift) % 10) + ten[position + 1 :]
    text = f"{born.year // 100:02d}{wrong[:6]}-{wrong[6:]}"
    error = refused(text)
    if position >= 6:  # the date is untouched: only the check digit can catch it
        assert "kontrollsiffra" in error.sv


@given(valid_numbers(), st.integers(min_value=1, max_value=3650))
def test_numbers_born_after_today_are_refused(drawn: tuple[date, bool, str], days: int) -> None:
    born, _, ten = drawn
    earlier = born - timedelta(days=days)
    error = refused(f"{born.year // 100:02d}{ten[:6]}-{ten[6:]}", today=earlier)
    assert "framtiden" in error.sv


# --- organisation numbers --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["802400-1235", "8024001235", "16802400-1235", "168024001235", " 802400-1235 "])
def test_org_number_forms(text: str) -> None:
    assert normalize_org_number(text) == "802400-1235"


def test_org_number_other_valid() -> None:
    assert normalize_org_number("556036-0793") == "556036-0793"


@pytest.mark.parametrize(
    "text", ["", "802400-123", "80240-01235", "802400+1235", "17802400-1235", "8024OO1235", "802400-1235-"]
)
def test_org_number_wrong_format(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_org_number(text)
    assert caught.value.field == "org_number"
    assert caught.value.value == text
    assert text.strip() in caught.value.sv
    assert "fel format" in caught.value.sv


@pytest.mark.parametrize("text", ["802400-1234", "8024001236", "16802400-1230"])
def test_org_number_wrong_check_digit(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_org_number(text)
    assert caught.value.field == "org_number"
    assert caught.value.value == text
    assert text in caught.value.sv
    assert text in caught.value.en
    assert "kontrollsiffra" in caught.value.sv


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_org_number_valid_luhn_accepted(nine: str) -> None:
    ten = with_check_digit(nine)
    assert normalize_org_number(ten) == f"{ten[:6]}-{ten[6:]}"
    assert normalize_org_number(f"16{ten[:6]}-{ten[6:]}") == f"{ten[:6]}-{ten[6:]}"
