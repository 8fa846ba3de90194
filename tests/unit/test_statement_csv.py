"""The statement CSV for Swedish Excel: a numeric capacity column, whole totals, the supervisors' section.

Read back with the csv module the way Excel splits it (';', decimal comma); the figures are compared
with the JSON form of the same statement (interchange.md §2), not with hard-coded values.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from decimal import Decimal

import pytest

from coopdesk.core.calendar import Month
from coopdesk.core.statement import Billing, CapacityEntry, Statement, statement_for, statements_for_all
from coopdesk.reports.statement_csv import csv_bytes, statement_csv, statements_csv
from coopdesk.reports.statement_json import statement_document
from coopdesk.storage.database import Database

MAY = Month(2026, 5)


def sv(figure: str | None) -> str:
    return "" if figure is None else figure.replace(".", ",")


def tables(text: str) -> list[list[list[str]]]:
    """The CSV's tables: runs of lines between empty lines, each a list of fields."""
    found: list[list[list[str]]] = [[]]
    for fields in csv.reader(io.StringIO(text), delimiter=";"):
        if fields:
            found[-1].append(fields)
        elif found[-1]:
            found.append([])
    return [t for t in found if t]


@pytest.fixture
def statement(example_db: Database) -> Statement:
    with example_db.session() as session:
        return statement_for(session, "Norrmalm", MAY)


def test_capacity_as_a_number_beside_the_text(statement: Statement) -> None:
    later = dataclasses.replace(
        statement.rows[0],
        member="Bo Berg",
        period_from=dt.date(2026, 5, 11),
        capacity=(CapacityEntry(dt.date(2026, 5, 11), 75, frozenset({1, 2, 3, 4, 5})),),
    )
    none = dataclasses.replace(statement.rows[0], member="Cilla Cederholm", capacity=())
    text = statement_csv(dataclasses.replace(statement, rows=(*statement.rows, later, none)))
    head, anna, bo, cilla, _total = tables(text)[0]
    column = head.index("Omfattning %")
    assert head[column - 1] == "Omfattning"
    document = statement_document(statement)
    assert anna[column] == str(document["rows"][0]["capacity"][0]["percent"]) == "50"  # on the first day
    assert "75 % fr.o.m. 2026-05-18" in anna[column - 1]  # the change within the month stays in the text
    assert bo[column] == "75"
    assert cilla[column] == ""


def test_totals_line_sums_every_column_that_sums(statement: Statement) -> None:
    second = dataclasses.replace(statement.rows[0], member="Bo Berg", billing=Billing("per_day", 5, 3, None, None))
    two = dataclasses.replace(statement, rows=(*statement.rows, second))
    head, *rows, total = tables(statement_csv(two))[0]
    assert total[head.index("Medlem")] == "Summa"
    for name in ("Heldagar", "Halvdagar"):
        assert total[head.index(name)] == str(sum(int(r[head.index(name)]) for r in rows))
    assert total[head.index("Heldagar")] == "7" and total[head.index("Halvdagar")] == "5"

    hourly = dataclasses.replace(
        statement,
        tariff=dataclasses.replace(statement.tariff, kind="per_hour"),
        rows=tuple(
            dataclasses.replace(r, billing=Billing("per_hour", hours=Decimal(h)))
            for r, h in zip(two.rows, "34", strict=True)
        ),
    )
    head, *rows, total = tables(statement_csv(hourly))[0]
    assert total[head.index("Debiterad tid")] == "7,00"
    assert total[head.index("Heldagar")] == ""


def test_the_host_districts_csv_has_the_supervisors_section(statement: Statement) -> None:
    document = statement_document(statement)["supervisors"]
    members, supervisors, areas, activities = tables(statement_csv(statement))
    assert members[-1][2] == "Summa"
    head, *rows, total = supervisors
    assert head[:3] == ["Beställare", "Månad", "Handledare"]
    (sara,) = rows
    expected = document["rows"][0]
    assert sara[:4] == ["Norrmalm", "2026-05", expected["name"], str(expected["fte_percent"])]
    assert sara[head.index("Arbetsdagar")] == str(document["working_days"])
    for column, key in [
        ("Finansierad tid", "funded_hours"),
        ("Arbetad tid", "worked_hours"),
        ("Frånvaro", "absence_hours"),
        ("Avvikelse", "difference"),
    ]:
        assert sara[head.index(column)] == sv(expected[key])
        assert total[head.index(column)] == sv(document["totals"][key])
    assert areas[1:] == [
        ["Norrmalm", "2026-05", area, sv(hours)] for area, hours in document["by_work_area"].items()
    ] + [["Norrmalm", "2026-05", "Summa", sv(document["totals"]["worked_hours"])]]
    assert [line[2] for line in activities[1:]] == [
        "Handledning",
        "Administration",
        "Utbildning",
        "Semester (frånvaro)",
        "Sjuk (frånvaro)",
        "Summa",
    ]
    assert activities[1][3] == sv(document["by_activity"]["supervision"])


def test_other_districts_have_no_supervisors_section(example_db: Database) -> None:
    with example_db.session() as session:
        tyreso = statement_for(session, "Tyresö kommun", MAY)
    assert len(tables(statement_csv(tyreso))) == 1
    assert csv_bytes(tyreso).startswith(b"\xef\xbb\xbf")


def test_all_districts_in_one_text_keep_the_member_lines_one_table(example_db: Database) -> None:
    with example_db.session() as session:
        statements = statements_for_all(session, MAY)
    members, *sections = tables(statements_csv(statements))
    assert [line[0] for line in members[1:]] == ["Norrmalm", "Norrmalm", "Södermalm", "Tyresö kommun"]
    assert members[0][0] == "Beställare" and sum(line[0] == "Beställare" for line in members) == 1
    assert len(sections) == 3 and sections[0][0][2] == "Handledare"
