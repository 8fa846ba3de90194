"""Issued statements and corrections (domain.md §9, interchange.md §5, issue 17).

The scenario of the issue on the example of interchange.md, with a second member: May is attested
(version 1), reopened, three kinds of change are made (a present day's hours, a new sick day, a member
removed from the month by a changed placement start), and attested again (version 2). The correction
must equal the one worked out by hand below; version 1 must still print as it was issued.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
from typing import Any

import pypdf
import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from coopdesk.app import issued
from coopdesk.core.audit import Actor
from coopdesk.core.calendar import Month
from coopdesk.core.correction import correction_document
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.issued_snapshot import from_snapshot, snapshot
from coopdesk.core.models import IssuedStatement, Member, Placement, WorkArea
from coopdesk.core.services import attendance, locks, lookups, members
from coopdesk.core.statement import statement_for, statements_for_all
from coopdesk.reports.correction_pdf import correction_pdf
from coopdesk.reports.fingerprint import statement_fingerprint
from coopdesk.reports.statement_json import statement_document
from coopdesk.reports.statement_pdf import statement_pdf
from coopdesk.storage.database import Database
from tests.backends import ON_POSTGRES
from tests.conftest import TODAY, example_document, expected_statement
from tests.helpers import direct_sql

MAY = Month(2026, 5)
FIRST = dt.datetime(2026, 6, 3, 10, 0, 0)
SECOND = dt.datetime(2026, 6, 20, 14, 12, 0)
ADMIN = Actor("Sara Svensson")


def with_bertil() -> dict[str, Any]:
    """The example, plus Bertil Berg at 100 % in Norrmalm from May with two full days in May."""
    document = copy.deepcopy(example_document())
    document["members"].append(
        {
            "key": "m2",
            "name": "Bertil Berg",
            "personal_number": "19750312-2397",
            "placements": [{"district": "Norrmalm", "decision_ref": "NOR-2026-0099", "start": "2026-05-01"}],
            "capacity": [{"valid_from": "2026-05-01", "percent": 100}],
        }
    )
    document["attendance"] += [
        {"member": "m2", "date": "2026-05-04", "status": "present", "hours": {"Glasverkstad": "8"}},
        {"member": "m2", "date": "2026-05-05", "status": "present", "hours": {"Glasverkstad": "8"}},
    ]
    return document


@pytest.fixture
def scenario_db(db: Database) -> Database:
    with db.session() as session:
        import_document(session, with_bertil(), actor=ADMIN, today=TODAY)
    return db


def _ids(session: Any) -> tuple[int, int, int, int]:
    anna = session.scalar(select(Member.id).where(Member.name == "Anna Andersson"))
    bertil = session.scalar(select(Member.id).where(Member.name == "Bertil Berg"))
    placement = session.scalar(select(Placement.id).where(Placement.member_id == bertil))
    kopiering = session.scalar(select(WorkArea.id).where(WorkArea.name == "Kopiering"))
    return anna, bertil, placement, kopiering


def issue_and_correct(db: Database) -> None:
    """Version 1, the three changes after a reopen, version 2."""
    with db.session() as session:
        issued.attest_and_issue(session, ADMIN, MAY, now=FIRST)
    with db.session() as session:
        locks.reopen_month(session, ADMIN, MAY, "Fel i närvaron")
    with db.session() as session:
        anna, bertil, placement, kopiering = _ids(session)
        # a present day's hours: 6 May, 2 h (a half day), becomes 4 h (a full day)
        attendance.register(session, ADMIN, anna, dt.date(2026, 5, 6), "present", {kopiering: "4"}, today=TODAY)
        # a new sick day on a planned, unregistered day
        attendance.register(session, ADMIN, anna, dt.date(2026, 5, 7), "sick", today=TODAY)
        # Bertil's decision starts in June after all: his May days go, and his row with them
        for day in (4, 5):
            attendance.clear(session, ADMIN, bertil, dt.date(2026, 5, day))
        members.update_placement(session, ADMIN, placement, start=dt.date(2026, 6, 1))
    with db.session() as session:
        issued.attest_and_issue(session, ADMIN, MAY, now=SECOND)


# Worked out by hand. Norrmalm pays 450 kr a full day (≥ 4 h) and 250 kr a half day (≥ 1 h).
# Anna before: full days 4 and 20 May, half days 6 May (2 h) and 16 May: 2 × 450 + 2 × 250 = 1 400 kr.
# After: 6 May has 4 h (full), 7 May sick (it was planned and unregistered): 3 × 450 + 250 = 1 600 kr;
# attended hours 16.75 + 2 = 18.75; sick days 2; unregistered days 10 − 1 = 9.
# Bertil: 100 % Mon–Fri = 8 h on each of May's 18 open days (144 h); two full days = 900 kr; gone after.
EXPECTED_ROWS = [
    {
        "member": "Anna Andersson",
        "decision_ref": "NOR-2026-0012",
        "period_from": "2026-05-01",
        "change": "changed",
        "figures": {
            "sick_days": {"issued": 1, "current": 2},
            "unregistered_days": {"issued": 10, "current": 9},
            "attended_hours": {"issued": "16.75", "current": "18.75"},
            "full_days": {"issued": 2, "current": 3},
            "half_days": {"issued": 2, "current": 1},
        },
        "amount": {"issued": "1400.00", "current": "1600.00", "difference": "200.00"},
    },
    {
        "member": "Bertil Berg",
        "decision_ref": "NOR-2026-0099",
        "period_from": "2026-05-01",
        "change": "removed",
        "figures": {
            "planned_days": {"issued": 18, "current": None},
            "attended_days": {"issued": 2, "current": None},
            "extra_days": {"issued": 0, "current": None},
            "sick_days": {"issued": 0, "current": None},
            "notified_absence_days": {"issued": 0, "current": None},
            "unnotified_absence_days": {"issued": 0, "current": None},
            "leave_days": {"issued": 0, "current": None},
            "unregistered_days": {"issued": 16, "current": None},
            "planned_hours": {"issued": "144.00", "current": None},
            "attended_hours": {"issued": "16.00", "current": None},
            "full_days": {"issued": 2, "current": None},
            "half_days": {"issued": 0, "current": None},
        },
        "amount": {"issued": "900.00", "current": None, "difference": "-900.00"},
    },
]


def test_the_correction_equals_the_one_worked_out_by_hand(scenario_db: Database) -> None:
    issue_and_correct(scenario_db)
    with scenario_db.session() as session:
        older, newer = issued.last_two(session, "Norrmalm", MAY)
        document = correction_document(
            older.document,
            newer.document,
            {"version": 1, "issued_at": older.version.issued_at, "fingerprint": older.version.fingerprint},
            {"version": 2, "issued_at": newer.version.issued_at, "fingerprint": newer.version.fingerprint},
        )
    assert document["format"] == "coopdesk-correction/1"
    assert (document["cooperative"], document["district"], document["month"]) == (
        "Kooperativet KOS",
        "Norrmalm",
        "2026-05",
    )
    assert document["issued"]["issued_at"] == "2026-06-03T10:00:00"
    assert document["current"]["issued_at"] == "2026-06-20T14:12:00"
    assert document["issued"]["fingerprint"] != document["current"]["fingerprint"]
    assert document["rows"] == EXPECTED_ROWS
    assert document["totals"] == {"amount": {"issued": "2300.00", "current": "1600.00", "difference": "-700.00"}}
    assert list(document) == ["format", "cooperative", "district", "month", "issued", "current", "rows", "totals"]


def test_version_one_prints_as_issued_whatever_changed_later(scenario_db: Database) -> None:
    with scenario_db.session() as session:
        issued.attest_and_issue(session, ADMIN, MAY, now=FIRST)
        at_issue = statement_document(statement_for(session, "Norrmalm", MAY))
        fingerprint = statement_fingerprint(statement_for(session, "Norrmalm", MAY))
    issue_and_correct_after_first(scenario_db)
    with scenario_db.session() as session:
        first = issued.issued(session, "Norrmalm", MAY, 1)
        last = issued.issued(session, "Norrmalm", MAY)
        now = statement_document(statement_for(session, "Norrmalm", MAY))
    assert json.loads(first.document_text) == at_issue != now
    assert statement_document(first.statement) == at_issue  # the printed forms are made of the same figures
    assert first.version.fingerprint == statement_fingerprint(first.statement) == fingerprint
    assert last.version.version == 2 and statement_document(last.statement) == now
    text = _pdf_text(statement_pdf(first.statement, issued=first.version.mark_sv()))
    assert "Utfärdad 2026-06-03 av Sara Svensson, version 1" in text
    assert fingerprint in text and "1 400,00" in text


def issue_and_correct_after_first(db: Database) -> None:
    with db.session() as session:
        locks.reopen_month(session, ADMIN, MAY, "Fel")
    with db.session() as session:
        anna, _bertil, _placement, kopiering = _ids(session)
        attendance.register(session, ADMIN, anna, dt.date(2026, 5, 6), "present", {kopiering: "4"}, today=TODAY)
    with db.session() as session:
        issued.attest_and_issue(session, ADMIN, MAY, now=SECOND)


def test_attesting_issues_every_districts_statement(example_db: Database) -> None:
    with example_db.session() as session:
        issued.attest_and_issue(session, ADMIN, MAY, now=FIRST)
        everyone = statements_for_all(session, MAY)
        rows = session.scalars(select(IssuedStatement).order_by(IssuedStatement.district)).all()
        assert sorted(r.district for r in rows) == sorted(s.district for s in everyone)
        for row, statement in zip(
            sorted(rows, key=lambda r: r.district), sorted(everyone, key=lambda s: s.district), strict=True
        ):
            assert (row.version, row.issued_by, row.issued_at) == (1, "Sara Svensson", FIRST)
            assert json.loads(row.document) == statement_document(statement)
            assert row.fingerprint == statement_fingerprint(statement)
    norrmalm = json.loads(next(r.document for r in rows if r.district == "Norrmalm"))
    assert norrmalm == {**expected_statement(), "attested": True}  # the worked example, as issued


def test_the_snapshot_gives_back_the_same_statement(scenario_db: Database) -> None:
    with scenario_db.session() as session:
        for statement in statements_for_all(session, MAY):
            data = json.loads(json.dumps(snapshot(statement)))  # through text, as it is stored
            assert from_snapshot(data) == statement


def test_a_month_never_issued_and_a_missing_version_say_so(scenario_db: Database) -> None:
    from coopdesk.core.errors import CoopdeskError

    with scenario_db.session() as session:
        with pytest.raises(CoopdeskError, match="has not been issued"):
            issued.issued(session, "Norrmalm", MAY)
        with pytest.raises(CoopdeskError) as nothing:  # said in words, not "utfärdad 0 gång(er)"
            issued.last_two(session, "Norrmalm", MAY)
        assert "har inte utfärdats" in nothing.value.sv and "has not been issued" in nothing.value.en
        issued.attest_and_issue(session, ADMIN, MAY, now=FIRST)
        with pytest.raises(CoopdeskError, match="no version 3"):
            issued.issued(session, "Norrmalm", MAY, 3)
        with pytest.raises(CoopdeskError, match="nothing to correct") as once:
            issued.last_two(session, "Norrmalm", MAY)
        assert "är utfärdad en gång" in once.value.sv and "issued once" in once.value.en


def test_the_current_statement_says_when_it_differs_from_the_issued_one(scenario_db: Database) -> None:
    with scenario_db.session() as session:
        district = lookups.district_by_name(session, "Norrmalm").id
        assert issued.since_issue(session, statement_for(session, "Norrmalm", MAY), district) is None
        issued.attest_and_issue(session, ADMIN, MAY, now=FIRST)
        same = issued.since_issue(session, statement_for(session, "Norrmalm", MAY), district)
        assert same is not None and issued.since_issue_sv(same) is None
        # a name is not locked by the attest, and it is on the statement: the figures sent are not these
        anna = session.scalar(select(Member).where(Member.name == "Anna Andersson"))
        anna.name = "Anna Andersson-Ek"
        session.flush()
        changed = issued.since_issue(session, statement_for(session, "Norrmalm", MAY), district)
    assert changed is not None and changed.changed and not changed.reopened
    assert "har ändrats sedan redovisningen utfärdades (version 1" in (issued.since_issue_sv(changed) or "")
    text = _pdf_text(statement_pdf(statement_for_db(scenario_db), notice=issued.since_issue_sv(changed)))
    assert "har ändrats sedan redovisningen utfärdades" in text


def statement_for_db(db: Database) -> Any:
    with db.session() as session:
        return statement_for(session, "Norrmalm", MAY)


def test_issued_versions_cannot_be_changed_or_removed_even_by_direct_sql(example_db: Database) -> None:
    with example_db.session() as session:
        issued.attest_and_issue(session, ADMIN, MAY, now=FIRST)
    refused = [
        "UPDATE issued_statement SET issued_by = 'someone else'",
        "UPDATE issued_statement SET document = '{}'",
        "DELETE FROM issued_statement",
    ]
    if ON_POSTGRES:
        refused.append("TRUNCATE issued_statement")
    for statement in refused:
        with pytest.raises(DBAPIError, match="append-only"):
            direct_sql(example_db, statement)
    with example_db.session() as session:  # and a new version may still be added
        locks.reopen_month(session, ADMIN, MAY, "Fel")
        issued.attest_and_issue(session, ADMIN, MAY, now=SECOND)
        assert [v.version for v in issued.versions(session, "Norrmalm", MAY)] == [1, 2]


def test_the_correction_pdf_can_be_checked_line_by_line(scenario_db: Database) -> None:
    issue_and_correct(scenario_db)
    with scenario_db.session() as session:
        older, newer = issued.last_two(session, "Norrmalm", MAY)
        document = correction_document(
            older.document,
            newer.document,
            {"version": 1, "issued_at": FIRST, "fingerprint": older.version.fingerprint},
            {"version": 2, "issued_at": SECOND, "fingerprint": newer.version.fingerprint},
        )
    text = _pdf_text(correction_pdf(document, org_number="802400-1235", issued_by=("Sara Svensson", "Sara Svensson")))
    assert "Rättelse av månadsredovisning" in text
    assert "Innehåller uppgifter som omfattas av sekretess" in text
    assert older.version.fingerprint in text and newer.version.fingerprint in text
    flat = " ".join(text.split())  # one cell a line in the extracted text; no-break spaces as spaces
    for line in ("Heldagar 2 3 +1", "Halvdagar 2 1 \u22121", "Närvarotid, tim 16,75 18,75 +2,00", "Sjukdagar 1 2 +1"):
        assert line in flat
    assert "Belopp 1 400,00 kr 1 600,00 kr +200,00 kr" in flat
    assert "Planerad tid, tim 144,00 – " in flat and "Belopp 900,00 kr – \u2212900,00 kr" in flat
    assert "Summa ersättning 2 300,00 kr 1 600,00 kr \u2212700,00 kr" in flat
    assert "Att kreditera: 700,00 kr." in flat
    assert "Bertil Berg" in text and "Borttagen rad" in text
    # each version's line says once that it was issued, when and by whom (not "Tidigare utfärdad: … utfärdad")
    assert re.search(r"Tidigare: version 1, utfärdad \d{4}-\d{2}-\d{2} av Sara Svensson, kontrollsumma", flat)
    assert re.search(r"Ny: version 2, utfärdad \d{4}-\d{2}-\d{2} av Sara Svensson, kontrollsumma", flat)


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)
