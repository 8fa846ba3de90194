"""The worked example of interchange.md: the exact figures the specification computed by hand."""

from __future__ import annotations

from coopdesk.core.calendar import Month
from coopdesk.core.statement import statement_for
from coopdesk.reports.statement_json import statement_document
from tests.conftest import expected_statement


def test_example_statement_matches_the_specification(example_db) -> None:
    with example_db.session() as session:
        document = statement_document(statement_for(session, "Norrmalm", Month(2026, 5)))
    assert document == expected_statement()


def test_example_april_is_attested_and_may_is_not(example_db) -> None:
    with example_db.session() as session:
        april = statement_for(session, "Norrmalm", Month(2026, 4))
        may = statement_for(session, "Norrmalm", Month(2026, 5))
    assert april.attested and april.attested_by == "Sara Svensson"
    assert not may.attested


def test_other_districts_have_no_rows_and_no_supervisor_section(example_db) -> None:
    with example_db.session() as session:
        document = statement_document(statement_for(session, "Södermalm", Month(2026, 5)))
    assert document["rows"] == []
    assert document["supervisors"] is None
    assert document["totals"]["rows"] == 0
    assert document["totals"]["amount"] == "0.00"
    assert document["totals"]["planned_hours"] == "0.00"
