"""Plausibility warnings (core/plausibility.py): computed from the statement's own figures, never blocking,
and never part of the JSON form (interchange.md coopdesk-statement/1 is exact)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest

from coopdesk.core.audit import Actor
from coopdesk.core.calendar import Month
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.plausibility import day_warnings
from coopdesk.core.services.locks import attest_month
from coopdesk.core.services.register import day_register, month_grid
from coopdesk.core.statement import Statement, statement_for
from coopdesk.core.tariffs import TariffTerms, billed_day
from coopdesk.reports.statement_json import statement_document
from coopdesk.reports.statement_pdf import statement_pdf
from coopdesk.storage.database import Database
from tests.conftest import TODAY, example_document

MAY = Month(2026, 5)


def _with(db: Database, actor: Actor, change: Callable[[dict], None]) -> Database:
    document = example_document()
    change(document)
    with db.session() as session:
        import_document(session, document, actor=actor, today=TODAY)
    return db


def _odd_days(document: dict) -> None:
    document["attendance"] += [
        # 4 h planned (50 % mon–fri); half day from 1 h: 0.5 h is billed 0,00 kr
        {"member": "m1", "date": "2026-05-07", "status": "present", "hours": {"Kopiering": "0.5"}},
        # 7.5 h planned (75 % mon–thu): 9.75 h is more than 2 h above; 9.5 h is exactly 2 h above
        {"member": "m1", "date": "2026-05-21", "status": "present", "hours": {"Kopiering": "9.75"}},
        {"member": "m1", "date": "2026-05-26", "status": "present", "hours": {"Kopiering": "9.5"}},
    ]
    document["supervisor_hours"].append(
        {"supervisor": "s1", "date": "2026-05-05", "hours": "2", "activity": "supervision"}
    )


@pytest.fixture
def odd(db: Database, actor: Actor) -> Database:
    return _with(db, actor, _odd_days)


def _kinds(statement: Statement) -> list[tuple[str, str, dt.date]]:
    return [(w.kind, w.member, w.date) for w in statement.warnings]


def test_the_statement_warns_of_hours_far_above_plan_unbilled_days_and_hours_without_area(odd: Database) -> None:
    with odd.session() as session:
        statement = statement_for(session, "Norrmalm", MAY)
    assert _kinds(statement) == [
        ("not_billed", "Anna Andersson", dt.date(2026, 5, 7)),
        ("over_planned", "Anna Andersson", dt.date(2026, 5, 21)),
        ("no_work_area", "Sara Svensson", dt.date(2026, 5, 5)),
    ]
    not_billed, over, no_area = statement.warnings
    assert "Under beställarens minsta tid för halvdag (1,00 tim)".lower() in not_billed.sv.lower()
    assert "0,00 kr" in not_billed.sv and "SEK 0.00" in not_billed.en
    assert over.sv == "9,75 tim registrerade, 7,50 tim planerade (mer än 2,00 tim över)"
    assert "Handledning 2,00 tim utan arbetsområde" in no_area.sv
    # the unbilled day is what the statement billed: a half day on 6 May, nothing on 7 May
    assert statement.rows[0].billing.half_days == 2


def test_no_warnings_in_the_plain_example(example_db: Database) -> None:
    with example_db.session() as session:
        assert statement_for(session, "Norrmalm", MAY).warnings == ()


def test_warnings_do_not_touch_the_json_form(odd: Database) -> None:
    with odd.session() as session:
        statement = statement_for(session, "Norrmalm", MAY)
    document = statement_document(statement)
    assert "warnings" not in document and all("warnings" not in row for row in document["rows"])
    assert "warnings" not in document["supervisors"]


def test_warnings_never_block_attesting(odd: Database, actor: Actor) -> None:
    with odd.session() as session:
        attest_month(session, actor, MAY)
    with odd.session() as session:
        statement = statement_for(session, "Norrmalm", MAY)
    assert statement.attested and len(statement.warnings) == 3


def test_the_day_register_and_month_grid_carry_the_same_warnings(odd: Database) -> None:
    with odd.session() as session:
        day = day_register(session, dt.date(2026, 5, 7))
        grid = month_grid(session, MAY)
    (row,) = day.rows
    assert [w.kind for w in row.entry.warnings] == ["not_billed"]
    cells = grid.rows[0].days
    marked = {i + 1: [w.kind for w in cell.warnings] for i, cell in enumerate(cells) if cell and cell.warnings}
    assert marked == {7: ["not_billed"], 21: ["over_planned"]}


def test_a_capacity_below_the_lowest_band_is_a_warning(db: Database, actor: Actor) -> None:
    def to_tyreso(document: dict) -> None:
        document["members"][0]["placements"][0]["district"] = "Tyresö kommun"
        tariff = document["districts"][1]["tariffs"][0]
        tariff["bands"] = [{"min_percent": 60, "amount": "7500.00"}]

    _with(db, actor, to_tyreso)
    with db.session() as session:
        statement = statement_for(session, "Tyresö kommun", MAY)
    assert statement.rows[0].billing.amount == Decimal("0.00")
    (warning,) = statement.warnings
    assert warning.kind == "not_billed" and warning.date == dt.date(2026, 5, 1)
    assert "omfattningen 50 % är under beställarens lägsta nivå (60 %)" in warning.sv


PER_DAY = TariffTerms(
    "per_day",
    full_day_amount=Decimal(450),
    half_day_amount=None,
    full_day_min_hours=Decimal(4),
)


@pytest.mark.parametrize(
    ("planned", "hours", "kinds"),
    [
        (Fraction(6), "9", ["over_planned"]),  # the example
        (Fraction(6), "8", []),  # exactly 2 h above: not "well above"
        (Fraction(6), "8.01", ["over_planned"]),
        (Fraction(0), "12", []),  # an extra day has no plan to be above
        (Fraction(6), "3.99", ["not_billed"]),  # below the full-day minimum, no half-day amount
    ],
)
def test_day_rules(planned: Fraction, hours: str, kinds: list[str]) -> None:
    total = Decimal(hours)
    found = day_warnings(
        "Anna",
        dt.date(2026, 5, 4),
        planned=planned,
        status="present",
        hours={"Kopiering": total},
        tariff=PER_DAY,
        billed=billed_day(PER_DAY, total),
    )
    assert [w.kind for w in found] == kinds
    if kinds == ["not_billed"]:
        assert "under beställarens minsta tid för heldag (4,00 tim)" in found[0].sv


def test_the_printed_statement_lists_the_warnings_with_the_reason(odd: Database) -> None:
    from tests.unit.test_statement_pdf import flat, pages_text

    with odd.session() as session:
        statement = statement_for(session, "Norrmalm", MAY)
    text = flat(" ".join(pages_text(statement_pdf(statement, printed=dt.date(2026, 6, 2)))))
    assert "Att kontrollera" in text
    assert "Anna Andersson: 0,00 kr, under beställarens minsta tid för halvdag (1,00 tim) – 1 dag: 7" in text
    assert "Anna Andersson: mer än 2,00 tim över planerad tid – 1 dag: 21" in text
    assert "Sara Svensson: handledning utan arbetsområde" in text


def test_no_note_to_check_without_warnings(example_db: Database) -> None:
    from tests.unit.test_statement_pdf import pages_text

    with example_db.session() as session:
        plain = statement_for(session, "Norrmalm", MAY)
    assert "Att kontrollera" not in " ".join(pages_text(statement_pdf(plain, printed=dt.date(2026, 6, 2))))
