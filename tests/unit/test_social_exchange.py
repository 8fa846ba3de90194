"""coopdesk/2's part for issue 15 (core/exchange/social_part.py): plans with all their versions, journal
entries with felmarkeringar and deviations go out and come back exactly, in one audit entry; a bad part
is refused with its JSON path and leaves the database empty."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import func, select

from coopdesk.app.social import (
    AddDeviation,
    EditJournalEntry,
    FollowUpPlan,
    Goal,
    NewPlanVersion,
    OpenPlans,
    StrikeJournalEntry,
    UpdateDeviation,
)
from coopdesk.core.errors import ValidationError
from coopdesk.core.exchange.exporter import export_document
from coopdesk.core.exchange.importer import database_is_empty, import_document
from coopdesk.core.models import AuditEntry, CarePlan, Deviation, JournalEntry
from coopdesk.storage.database import Database, open_database
from tests.conftest import TODAY
from tests.unit.test_social import ADA, ANNA, KIM, MONDAY, SARA, app, write

GOALS = [
    Goal(
        "Arbeta i kaffestugan två dagar i veckan",
        "Handledning vid kassan",
        "Sara visar, Anna provar",
        "Steg för steg",
        "Från december",
    ),
    Goal("Åka buss själv", who="Anna", when="Under våren"),
]


def _documented(db: Database) -> None:
    """A bit of everything: two plan versions (the first replaced, the second followed up), entries
    changed, struck and replaced by another, a lex Sarah report sent to IVO and a cooperative-wide one."""
    app(db, SARA, MONDAY).execute(NewPlanVersion(ANNA, GOALS, "Anna vill börja i kaffestugan.", dt.date(2027, 2, 1)))
    tuesday = MONDAY + dt.timedelta(days=1)
    app(db, KIM, tuesday).execute(NewPlanVersion(ANNA, GOALS[:1], "Anna vill vänta med bussen.", dt.date(2027, 3, 1)))
    plan = app(db, KIM, tuesday).execute(OpenPlans(ANNA)).result.in_force()
    app(db, KIM, tuesday).execute(FollowUpPlan(plan.plan_id, "Det går bra i kaffestugan.", tuesday, plan.version))
    first = write(db, text="Samtal om veckan.\nAnna är nöjd.")
    app(db, SARA, tuesday).execute(EditJournalEntry(first, "samtal", MONDAY, "Samtal om veckan. Anna är nöjd."))
    wrong = write(db, KIM, text="Anna var sjuk.", kind="händelse")
    app(db, KIM, MONDAY + dt.timedelta(days=3)).execute(StrikeJournalEntry(wrong, "Fel dag.", "Anna var ledig."))
    write(db, ADA, text="Ringde handläggaren om beslutet.", kind="kontakt med handläggare")
    lex = (
        app(db, SARA, MONDAY)
        .execute(AddDeviation(ANNA, MONDAY, "Sara", "lex sarah: missförhållande", "Fel medicin."))
        .result
    )
    app(db, ADA, MONDAY).execute(
        UpdateDeviation(lex, ivo_sent_on=MONDAY, measures="Rutinen ses över.", status="utredd")
    )
    app(db, SARA, MONDAY).execute(AddDeviation(None, MONDAY, "Kim", "klagomål", "Kaffet är kallt."))


def _export(db: Database) -> dict[str, Any]:
    with db.session() as session:
        document = export_document(session, TODAY)
    return json.loads(json.dumps(document))


def _audit_entries(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_the_documentation_goes_out_and_comes_back_the_same(example_db: Database, new_db) -> None:
    _documented(example_db)
    first = _export(example_db)
    plans = first["care_plans"]
    assert [(p["number"], p["status"]) for p in plans] == [(1, "replaced"), (2, "followed_up")]
    assert plans[0]["goals"][0] == {
        "goal": "Arbeta i kaffestugan två dagar i veckan",
        "support": "Handledning vid kassan",
        "who": "Sara visar, Anna provar",
        "how": "Steg för steg",
        "when": "Från december",
    }
    assert plans[1]["follow_up_note"] == "Det går bra i kaffestugan." and plans[1]["member"] == "m1"
    journal = first["journal"]
    assert journal[0]["changed_at"] is not None and journal[0]["author_login"] == "sara"
    assert journal[1]["struck"]["reason"] == "Fel dag." and journal[1]["struck"]["by"] == KIM.name
    assert journal[2]["replaces"] == journal[1]["key"] and journal[2]["text"] == "Anna var ledig."
    lex, general = first["deviations"]
    assert lex["category"] == "lex_sarah_misconduct" and lex["ivo_due"] == "2026-12-07"
    assert lex["ivo_sent_on"] == MONDAY.isoformat() and lex["status"] == "investigated"
    assert general["member"] is None and general["ivo_due"] is None

    copy_db = open_database(new_db("copy.db", migrated=True))
    try:
        before = _audit_entries(copy_db)
        with copy_db.session() as session:
            summary = import_document(session, copy.deepcopy(first), actor=ADA, today=TODAY)
        assert summary.documentation == 2 + 4 + 2
        assert "8 plans, journal entries and deviations" in summary.describe_en()
        assert _audit_entries(copy_db) == before + 1  # the import is one entry, as for the rest
        assert _export(copy_db) == first
        # what came back is documentation the services go on with: the replaced entry points at the struck one
        with copy_db.session() as session:
            struck, replacing = session.scalars(
                select(JournalEntry).where(JournalEntry.struck_at.is_not(None) | JournalEntry.replaces_id.is_not(None))
            )
            assert replacing.replaces_id == struck.id
    finally:
        copy_db.close()


def _refused(new_db, document: dict[str, Any], path: str) -> None:
    copy_db = open_database(new_db("refused.db", migrated=True))
    try:
        with pytest.raises(ValidationError, match=path), copy_db.session() as session:
            import_document(session, document, actor=ADA, today=TODAY)
        with copy_db.session() as session:
            assert database_is_empty(session)
            for model in (CarePlan, JournalEntry, Deviation):
                assert session.scalar(select(func.count()).select_from(model)) == 0
    finally:
        copy_db.close()


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["care_plans"][1].update(placement_start="2020-01-01"), r"care_plans\[1\]\.placement_start"),
        (lambda d: d["care_plans"][0].update(status="in_force"), r"care_plans\[1\]\.status"),
        (lambda d: d["care_plans"][1].update(number=1), r"care_plans\[1\]\.number"),
        (lambda d: d["care_plans"][0]["goals"][0].update(goal=" "), r"care_plans\[0\]\.goals\[0\]\.goal"),
        (lambda d: d["care_plans"][0].update(goals=[]), r"care_plans\[0\]\.goals"),
        (lambda d: d["journal"][0].update(member="m99"), r"journal\[0\]\.member"),
        (lambda d: d["journal"][0].update(type="fika"), r"journal\[0\]\.type"),
        (lambda d: d["journal"][1]["struck"].pop("reason"), r"journal\[1\]\.struck\.reason"),
        (lambda d: d["journal"][2].update(replaces="j9"), r"journal\[2\]\.replaces"),
        (lambda d: d["journal"][0].update(text="a\x00b"), r"journal\[0\]\.text"),
        (lambda d: d["deviations"][0].update(ivo_due="2026-12-31"), r"deviations\[0\]\.ivo_due"),
        (lambda d: d["deviations"][1].update(status="glömd"), r"deviations\[1\]\.status"),
        (lambda d: d["deviations"][1].update(colour="röd"), r"deviations\[1\]\.colour"),
    ],
)
def test_a_bad_part_is_refused_with_its_path_and_writes_nothing(example_db: Database, new_db, change, path) -> None:
    _documented(example_db)
    document = _export(example_db)
    change(document)
    _refused(new_db, document, path)


def test_a_bad_part_is_refused_before_anything_is_written(example_db: Database, new_db) -> None:
    """Checked with the rest of the document (the import's "validate" step), not after the members are
    written: an import "validates the document whole, then writes it"."""
    _documented(example_db)
    document = _export(example_db)
    document["journal"][0]["member"] = "m99"
    steps: list[str] = []
    copy_db = open_database(new_db("refused.db", migrated=True))
    try:
        with pytest.raises(ValidationError, match=r"journal\[0\]\.member"), copy_db.session() as session:
            import_document(session, document, actor=ADA, today=TODAY, progress=steps.append)
    finally:
        copy_db.close()
    assert steps == ["validate"]


def test_a_coopdesk_1_document_has_no_documentation(example_db: Database, new_db) -> None:
    _documented(example_db)
    document = _export(example_db)
    for key in ("employees", "issued_statements", "invoices"):
        document.pop(key, None)
    document["format"] = "coopdesk/1"
    for member in document["members"]:
        for placement in member["placements"]:
            placement.pop("end_reason", None)
    _refused(new_db, document, "Unknown key 'care_plans'")


def test_the_demo_leaves_two_plan_lines_on_att_gora(db: Database) -> None:
    """Before its social documentation the demo put every member placed for 30 days on Att göra
    ("ingen genomförandeplan", about 18 lines); now one member lacks a plan and one plan is due."""
    from coopdesk.app.application import Application
    from coopdesk.app.todo import TodoList
    from coopdesk.core.demo import demo_document

    with db.session() as session:
        import_document(session, demo_document(TODAY), actor=ADA, today=TODAY)
    items = Application(db, ADA, clock=lambda: TODAY).read(TodoList(ADA))
    kinds = [i.kind for i in items]
    assert kinds.count("plan_missing") == 1 and kinds.count("plan_follow_up") == 1
    assert "ivo_report" not in kinds  # the demo's one deviation is no lex Sarah case
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(JournalEntry)) >= 5
        assert session.scalar(select(func.count()).select_from(Deviation)) == 1
