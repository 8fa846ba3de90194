"""The printed social documentation (issue 15): the plan to sign, the journal of a period, the personakt —
their text read back with pypdf, the page numbers, and the print in the audit log."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from coopdesk.app.application import Application
from coopdesk.app.social import (
    AddDeviation,
    AddJournalEntry,
    Goal,
    NewPlanVersion,
    OpenJournal,
    PrintDocumentation,
    StrikeJournalEntry,
)
from coopdesk.core.actor import ROLE_SUPERVISOR, Actor
from coopdesk.core.models import AuditEntry
from coopdesk.storage.database import Database
from tests.unit.test_cli import example_file_db, run  # noqa: F401  - the fixture is used by name

SARA = Actor("Sara Svensson", role=ROLE_SUPERVISOR, login="sara")
MONDAY = dt.date(2026, 11, 23)


def text_of(path: Path) -> tuple[list[str], str]:
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages]
    return pages, re.sub(r"\s+", " ", " ".join(pages))


@pytest.fixture
def documented(example_db: Database) -> Database:
    app = Application(example_db, SARA, clock=lambda: MONDAY)
    app.execute(
        NewPlanVersion(
            1, [Goal("Komma i tid", "Sms", "Sara", "Samtal", "Varje morgon")], "Anna deltog.", dt.date(2027, 2, 1)
        )
    )
    for n in range(40):  # enough for more than one page
        app.execute(
            AddJournalEntry(1, "samtal", MONDAY - dt.timedelta(days=n), f"Anteckning nummer {n}. " + "Text. " * 30)
        )
    entry = app.execute(OpenJournal(1, first=MONDAY - dt.timedelta(days=2))).result[-1].entry_id
    app.execute(StrikeJournalEntry(entry, "Gällde Bo.", "Ersättande anteckning."))
    app.execute(AddDeviation(1, MONDAY, "Kim", "lex_sarah_misconduct", "Anna lämnades ensam."))
    return example_db


def test_the_plan_for_signature(documented: Database, tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    assert (
        Application(documented, SARA, clock=lambda: MONDAY).execute(PrintDocumentation(1, "plan", target)).result
        == "Anna Andersson"
    )
    pages, text = text_of(target)
    assert len(pages) == 1 and "Sida 1 (1)" in text
    for expected in (
        "Genomförandeplan",
        "Anna Andersson · 19800101-0019",
        "Innehåller uppgifter som omfattas av sekretess",
        "Komma i tid",
        "Varje morgon",
        "Anna deltog.",
        "Medlem: Anna Andersson",
        "Handledare: Sara Svensson",
        "Ort och datum",
        "NOR-2026-0012",
    ):
        assert expected in text, expected


def test_the_journal_of_a_period_and_the_personakt_run_over_numbered_pages(
    documented: Database, tmp_path: Path
) -> None:
    app = Application(documented, SARA, clock=lambda: MONDAY)
    app.execute(PrintDocumentation(1, "journal", tmp_path / "j.pdf", first=MONDAY - dt.timedelta(days=2), last=MONDAY))
    pages, text = text_of(tmp_path / "j.pdf")
    assert "Anteckning nummer 0." in text and "Anteckning nummer 2." in text and "Anteckning nummer 3." not in text
    assert "Felmarkerad 2026-11-23 av Sara Svensson: Gällde Bo." in text and "Ersättande anteckning." in text
    assert "Period 2026-11-21 – 2026-11-23" in text
    app.execute(PrintDocumentation(1, "all", tmp_path / "p.pdf"))
    pages, text = text_of(tmp_path / "p.pdf")
    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        assert f"Sida {n} ({len(pages)})" in page and "sekretess" in page
    assert (
        "Anteckning nummer 39." in text
        and "Anna lämnades ensam." in text
        and "Anmäls till IVO senast 2026-12-07" in text
    )
    with documented.session() as session:
        printed = session.scalars(
            select(AuditEntry.summary).where(AuditEntry.action == "print").order_by(AuditEntry.id)
        ).all()
    assert printed == ["Journal: Anna Andersson", "Personakt: Anna Andersson"]


def test_a_print_that_is_not_logged_leaves_no_file(documented: Database, tmp_path: Path, monkeypatch) -> None:
    from coopdesk.app import social

    target = tmp_path / "plan.pdf"
    real = social.print_documentation

    def failing(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("the log could not be written")

    monkeypatch.setattr(social, "print_documentation", failing)
    with pytest.raises(RuntimeError):
        Application(documented, SARA, clock=lambda: MONDAY).execute(PrintDocumentation(1, "plan", target))
    assert not target.exists()


def test_plan_show_and_journal_list_as_pdf_from_the_command_line(example_file_db: str, tmp_path: Path) -> None:  # noqa: F811
    db = example_file_db
    code, _, err = run(
        "--db",
        db,
        "plan",
        "add",
        "--member",
        "Anna",
        "--goal",
        "Mål ett",
        "--participation",
        "Ja.",
        "--follow-up",
        "2027-01-01",
    )
    assert code == 0, err
    code, _out, err = run(
        "--db", db, "plan", "show", "--member", "Anna", "--format", "pdf", "-o", str(tmp_path / "plan.pdf")
    )
    assert code == 0, err
    assert "Mål ett" in text_of(tmp_path / "plan.pdf")[1]
    code, _, err = run("--db", db, "plan", "show", "--member", "Anna", "--format", "pdf")
    assert code == 1 and "-o" in err
    code, _, err = run(
        "--db", db, "journal", "list", "--member", "Anna", "--format", "pdf", "-o", str(tmp_path / "plan.pdf")
    )
    assert code == 1 and "exists" in err  # an existing file only with --force


def _version(number: int) -> dict:
    goal = {"goal": "Baka bröd på morgonen", "support": "Recept med bilder", "who": "Handledaren och Bo"}
    return {
        "id": number,
        "decision_ref": "NOR-2026-0012",
        "placement_start": "2024-01-01",
        "number": number,
        "status": "replaced" if number > 1 else "in_force",
        "participation": "Bo var med och skrev planen. " * 3,
        "follow_up_on": "2026-06-30",
        "in_force_from": "2026-01-10",
        "followed_up_at": "2026-06-25" if number > 1 else None,
        "follow_up_note": "Det har gått bra." if number > 1 else None,
        "created_at": "2026-01-10T10:00:00",
        "created_by": "Sara Svensson",
        "goals": [goal | {"how": "Steg för steg", "when": "Varje dag"}] * 2,
    }


@pytest.mark.parametrize("entries", range(8))
@pytest.mark.parametrize("versions", [3, 4])
def test_the_personakt_keeps_a_plan_version_and_a_heading_with_what_follows(versions: int, entries: int) -> None:
    """Found looking at the demo's personakter: a version's goals on one page and its participation on
    the next, and "Avvikelser och klagomål" alone at the foot of a page. (These sizes put a page break
    inside a version or after a heading before the fix.)"""
    from coopdesk.reports.social_pdf import personakt_pdf

    note = {"type": "conversation", "text": "Samtal om veckan. " * 10, "author": "Sara Svensson"}
    doc = {
        "cooperative": {"name": "Kooperativet KOS", "org_number": None, "address": None},
        "member": {"id": 1, "name": "Bo Ek", "personal_number": "19900101-1239"},
        "printed_by": "Sara Svensson",
        "printed_at": "2026-12-05T10:00:00",
        "plans": [_version(n) for n in range(versions, 0, -1)],
        "journal": [
            note
            | {"id": n, "date": "2026-11-02", "written_at": "2026-11-02T10:00:00", "changed_at": None}
            | {"struck": None, "replaces": None}
            for n in range(entries)
        ],
        "deviations": [],
    }
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(personakt_pdf(doc))).pages]
    for text in pages:
        # every version begins with its facts line: whatever of a version is on a page, its facts are too
        assert text.count(" · version ") == text.count("Medlemmens delaktighet"), text
        if "Journal\n" in text:  # (the table's head row is repeated on the pages it runs on to)
            assert "Datum" in text or "Inga journalanteckningar." in text, text
        assert ("Avvikelser och klagomål\n" in text) == ("Inga avvikelser" in text), text


def test_a_versions_headings_are_smaller_than_the_personakts_sections() -> None:
    """Found looking at the demo's personakter: "Medlemmens delaktighet" as big as "Genomförandeplaner"
    made the sections hard to tell from the parts of a version."""
    from coopdesk.reports.social_pdf import personakt_pdf

    doc = {
        "cooperative": {"name": "Kooperativet KOS", "org_number": None, "address": None},
        "member": {"id": 1, "name": "Bo Ek", "personal_number": "19900101-1239"},
        "printed_by": "Sara Svensson",
        "printed_at": "2026-12-05T10:00:00",
        "plans": [_version(2), _version(1)],
        "journal": [],
        "deviations": [],
    }
    sizes: dict[str, float] = {}

    def visit(text: str, _cm, tm, _font, size: float) -> None:
        if text.strip():
            sizes.setdefault(text.strip(), size * tm[0])

    PdfReader(io.BytesIO(personakt_pdf(doc))).pages[0].extract_text(visitor_text=visit)
    assert sizes["Medlemmens delaktighet och egen syn"] < sizes["Genomförandeplaner"]
    assert sizes["Uppföljd 2026-06-25"] < sizes["Journal"] == sizes["Genomförandeplaner"]
