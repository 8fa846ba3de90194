"""`coopdesk member-export`: everything about one member, as JSON and PDF (GDPR art. 15)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from coopdesk.core.audit import Actor
from coopdesk.reports.statement_pdf import SECRECY_MARK
from coopdesk.storage.database import Database, open_database
from tests.unit.test_cli import example_file_db, run  # noqa: F401  - the fixture is used by name

ATTENDANCE_DAYS = ["2026-05-04", "2026-05-05", "2026-05-06", "2026-05-16", "2026-05-18", "2026-05-19", "2026-05-20"]


@pytest.fixture
def worked_db(example_file_db: str) -> str:  # noqa: F811
    """The example, plus a correction and an opened record, so that the log has entries about Anna."""
    from coopdesk.core.services import attendance, members

    database = open_database(example_file_db)
    with database.session() as session:
        attendance.register(session, Actor("Sara Svensson"), 1, dt.date(2026, 5, 21), "sick")
        members.open_record(session, Actor("Sara Svensson"), 1)
    database.close()
    return example_file_db


def _add_member(path: str, name: str, number: str) -> None:
    from coopdesk.core.services import members

    database = open_database(path)
    with database.session() as session:
        members.add_member(session, Actor("Sara Svensson"), name, number)
    database.close()


def test_json_holds_everything_about_the_member(worked_db: str, tmp_path: Path) -> None:
    target = tmp_path / "anna.json"
    code, out, err = run("--db", worked_db, "member-export", "--member", "Anna", "-o", str(target))
    assert code == 0, err
    assert "Anna Andersson" in out
    record = json.loads(target.read_text(encoding="utf-8"))
    assert record["format"] == "coopdesk-member/1"
    dt.datetime.fromisoformat(record["exported_at"])
    assert record["member"] == {
        "name": "Anna Andersson",
        "personal_number": "19800101-0019",
        "primary_work_area": "Kopiering",
    }
    assert record["placements"] == [
        {
            "district": "Norrmalm",
            "decision_ref": "NOR-2026-0012",
            "case_worker": "Karl Karlsson",
            "case_worker_phone": None,
            "case_worker_email": None,
            "start": "2026-01-01",
            "end": None,
        }
    ]
    assert record["capacity"] == [
        {"valid_from": "2026-01-01", "percent": 50, "weekdays": [1, 2, 3, 4, 5]},
        {"valid_from": "2026-05-18", "percent": 75, "weekdays": [1, 2, 3, 4]},
    ]
    days = record["attendance"]
    assert [d["date"] for d in days] == [*ATTENDANCE_DAYS, "2026-05-21"]  # 7 imported + the correction
    assert days[0] == {"date": "2026-05-04", "status": "present", "hours": {"Kopiering": "3.5", "Kaffestuga": "0.5"}}
    assert days[1] == {"date": "2026-05-05", "status": "sick", "hours": {}}
    assert days[6]["hours"] == {"Kopiering": "7.5"}
    audit = record["audit"]
    assert [(e["action"], e["entity"], e["actor"]) for e in audit] == [
        ("create", "attendance", "Sara Svensson"),
        ("read", "member", "Sara Svensson"),
    ]
    assert audit[0]["new"]["status"] == "sick" and "old" in audit[0]
    assert audit[0]["summary"] == "Anna Andersson 2026-05-21"


def test_the_seven_imported_days_with_hours(example_file_db: str, tmp_path: Path) -> None:  # noqa: F811
    target = tmp_path / "anna.json"
    assert run("--db", example_file_db, "member-export", "--member", "19800101-0019", "-o", str(target))[0] == 0
    days = json.loads(target.read_text(encoding="utf-8"))["attendance"]
    assert len(days) == 7
    assert {d["date"]: d["hours"] for d in days if d["status"] == "present"} == {
        "2026-05-04": {"Kopiering": "3.5", "Kaffestuga": "0.5"},
        "2026-05-06": {"Kopiering": "2"},
        "2026-05-16": {"Kaffestuga": "3.25"},
        "2026-05-20": {"Kopiering": "7.5"},
    }


def test_the_export_is_itself_logged(example_file_db: str, tmp_path: Path) -> None:  # noqa: F811
    target = tmp_path / "anna.pdf"
    assert run("--db", example_file_db, "member-export", "--member", "anna andersson", "-o", str(target))[0] == 0
    code, out, _ = run("--lang", "sv", "--db", example_file_db, "audit", "--member", "Anna")
    assert code == 0
    assert "gjorde registerutdrag för Anna Andersson — Format: PDF; Fil: anna.pdf" in out
    again = tmp_path / "again.json"
    assert run("--db", example_file_db, "member-export", "--member", "Anna", "-o", str(again))[0] == 0
    entries = json.loads(again.read_text(encoding="utf-8"))["audit"]
    assert [(e["action"], e["entity"]) for e in entries] == [("export", "member")]
    assert "old" not in entries[0] or entries[0]["old"] is None


def test_pdf_is_a_register_extract(worked_db: str, tmp_path: Path) -> None:
    import pypdf

    target = tmp_path / "anna.pdf"
    code, _, err = run("--db", worked_db, "member-export", "--member", "Anna", "-o", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF")
    reader = pypdf.PdfReader(target)
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages).replace("\u00a0", " ")
    for wanted in ("Registerutdrag", "Anna Andersson", "19800101-0019", "NOR-2026-0012", "Karl Karlsson"):
        assert wanted in text
    for number, page in enumerate(pages, start=1):
        assert SECRECY_MARK in page and f"Sida {number} ({len(pages)})" in page
    for day in ATTENDANCE_DAYS:
        assert day in text
    for status in ("Närvarande", "Sjuk", "Anmäld frånvaro", "Ledig"):
        assert status in text
    assert "Kopiering 3,50" in text and "16,75" in text  # decimal comma; 4 + 2 + 3.25 + 7.5 hours in all
    assert "Händelselogg" in text and "Sara Svensson" in text


def test_format_option_overrides_the_suffix(example_file_db: str, tmp_path: Path) -> None:  # noqa: F811
    target = tmp_path / "anna.dat"
    assert (
        run("--db", example_file_db, "member-export", "--member", "Anna", "-o", str(target), "--format", "pdf")[0] == 0
    )
    assert target.read_bytes().startswith(b"%PDF")
    plain = tmp_path / "anna.txt"
    assert run("--db", example_file_db, "member-export", "--member", "Anna", "-o", str(plain))[0] == 0
    assert json.loads(plain.read_text(encoding="utf-8"))["format"] == "coopdesk-member/1"


def test_unknown_member_exits_1(example_file_db: str, tmp_path: Path) -> None:  # noqa: F811
    target = tmp_path / "x.json"
    code, out, err = run("--db", example_file_db, "member-export", "--member", "Bertil", "-o", str(target))
    assert code == 1 and out == ""
    assert "No member matches 'Bertil'" in err and "Traceback" not in err
    assert not target.exists()


def test_ambiguous_member_lists_the_candidates(example_file_db: str, tmp_path: Path) -> None:  # noqa: F811
    _add_member(example_file_db, "Annika Berg", "19900215-0010")
    target = tmp_path / "x.json"
    code, _, err = run("--lang", "sv", "--db", example_file_db, "member-export", "--member", "Ann", "-o", str(target))
    assert code == 1
    assert "2 medlemmar matchar 'Ann'" in err
    assert "Anna Andersson (19800101-****)" in err and "Annika Berg (19900215-****)" in err
    assert "0019" not in err  # the full numbers are not shown
    assert not target.exists()
    # an exact name picks one of several
    assert run("--db", example_file_db, "member-export", "--member", "Anna Andersson", "-o", str(target))[0] == 0


@pytest.mark.sqlite_only("writing over the database file")
def test_refuses_to_write_over_the_database(example_file_db: str) -> None:  # noqa: F811
    before = Path(example_file_db).read_bytes()
    code, _, err = run("--db", example_file_db, "member-export", "--member", "Anna", "-o", example_file_db)
    assert code == 1
    assert "is the database itself" in err
    assert Path(example_file_db).read_bytes() == before


def test_find_member_by_number_prefix(example_db: Database) -> None:
    from coopdesk.core.errors import ValidationError
    from coopdesk.core.services.member_record import find_member

    with example_db.session() as session:
        assert find_member(session, "19800101") == 1
        assert find_member(session, " 198001010019 ") == 1
        with pytest.raises(ValidationError):
            find_member(session, "   ")


def test_a_long_record_numbers_every_page() -> None:
    import io

    import pypdf

    from coopdesk.reports.member_pdf import member_pdf

    first = dt.date(2025, 1, 1)
    record = {
        "format": "coopdesk-member/1",
        "exported_at": "2026-11-27T10:00:00",
        "cooperative": {"name": "Kooperativet KOS", "org_number": None, "address": None},
        "member": {"name": "Łukasz Şahin", "personal_number": "19800101-0019", "primary_work_area": None},
        "placements": [],
        "capacity": [],
        "attendance": [
            {"date": (first + dt.timedelta(days=i)).isoformat(), "status": "present", "hours": {"Kafé": "6.25"}}
            for i in range(150)
        ],
        "audit": [],
    }
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(member_pdf(record))).pages]
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Sida {number} ({len(pages)})" in page and SECRECY_MARK in page
        assert "Datum" in page  # the table head repeats
    text = "\n".join(pages)
    assert "Łukasz Şahin" in text and "937,50" in text.replace("\u00a0", " ")
    assert "Inga beslut finns registrerade." in text
