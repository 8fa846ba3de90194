"""Why a placement ended (domain.md §8): stored, logged in words, in coopdesk/2, on the command line;
a move to another district is not an ending."""

from __future__ import annotations

import copy
import datetime as dt
import io

import pytest

from coopdesk import cli
from coopdesk.app.application import Application
from coopdesk.app.members import EndPlacement
from coopdesk.core import audit_text
from coopdesk.core.actor import Actor
from coopdesk.core.errors import NotFoundError, ValidationError
from coopdesk.core.exchange.exporter import export_document
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.models import Member, Placement
from coopdesk.core.services import audit_log, members
from coopdesk.storage.database import Database
from tests.conftest import TODAY, example_document

D = dt.date


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def placements(db: Database) -> list[tuple[str, dt.date, dt.date | None, str | None]]:
    with db.session() as session:
        return [
            (p.district.name, p.start, p.end, p.end_reason)
            for p in session.query(Placement).order_by(Placement.member_id, Placement.start)
        ]


def test_ending_stores_the_reason_and_the_log_says_it_in_words(example_db: Database, actor) -> None:
    with example_db.session() as session:
        members.end_placement(session, actor, 1, D(2026, 6, 30), "studies")
    assert placements(example_db) == [("Norrmalm", D(2026, 1, 1), D(2026, 6, 30), "studies")]
    with example_db.session() as session:
        [entry] = audit_log.entries(session, kinds=["placement.update"])
        described = audit_text.describe_entry(entry, audit_log.lookup(session))
    assert described.summary == "Till och med: – → 2026-06-30; Orsak till avslut: – → studier"


def test_an_unknown_reason_is_refused_and_nothing_changes(example_db: Database, actor) -> None:
    with pytest.raises(ValidationError) as info, example_db.session() as session:
        members.end_placement(session, actor, 1, D(2026, 6, 30), "holiday")
    assert info.value.field == "end_reason" and "holiday" in info.value.sv
    assert placements(example_db) == [("Norrmalm", D(2026, 1, 1), None, None)]


def test_a_reopened_placement_keeps_no_reason(example_db: Database, actor) -> None:
    with example_db.session() as session:
        members.end_placement(session, actor, 1, D(2026, 6, 30), "work")
    with example_db.session() as session:
        members.update_placement(session, actor, 1, end=D(2026, 7, 31))  # a later end: the reason stays
    assert placements(example_db)[0][2:] == (D(2026, 7, 31), "work")
    with example_db.session() as session:
        members.update_placement(session, actor, 1, end=None)
    assert placements(example_db)[0][2:] == (None, None)


def test_a_move_to_another_district_is_not_an_ending(example_db: Database, actor) -> None:
    with example_db.session() as session:
        members.end_placement(session, actor, 1, D(2026, 12, 31), "work")  # said before the move was known
    with example_db.session() as session:
        members.move_to_district(session, actor, 1, 3, D(2026, 9, 1), "SOD-2026-0001")
    assert placements(example_db) == [
        ("Norrmalm", D(2026, 1, 1), D(2026, 8, 31), None),
        ("Södermalm", D(2026, 9, 1), None, None),
    ]


def test_the_command_finds_the_members_placement_by_the_end_day(example_db: Database, actor) -> None:
    app = Application(example_db, actor, clock=lambda: TODAY)
    changes = app.execute(EndPlacement(None, D(2026, 10, 15), "other_activity", member="19800101-0019"))
    assert changes.result == 1 and 1 in changes.members
    assert placements(example_db)[0][2:] == (D(2026, 10, 15), "other_activity")
    # ended already: the latest one starting on or before the day is the one changed
    app.execute(EndPlacement(None, D(2026, 11, 30), "own_choice", member="Anna Andersson"))
    assert placements(example_db)[0][2:] == (D(2026, 11, 30), "own_choice")
    with pytest.raises(NotFoundError, match="2025-12-31"):
        app.execute(EndPlacement(None, D(2025, 12, 31), "work", member="Anna Andersson"))


def test_end_placement_on_the_command_line(example_db: Database, db_address: str) -> None:
    code, out, err = run(
        "--db", db_address, "end-placement", "--member", "Anna Andersson", "--end", "2026-11-30", "--reason", "work"
    )
    assert code == 0, err
    assert "ends on 2026-11-30 (reason: work)" in out
    assert placements(example_db)[0][2:] == (D(2026, 11, 30), "work")
    code, out, err = run(
        "--db", db_address, "end-placement", "--member", "Anna Andersson", "--end", "2026-11-30", "--reason", "unknown"
    )
    assert code == 0, err
    assert placements(example_db)[0][2:] == (D(2026, 11, 30), None)
    with pytest.raises(SystemExit) as usage:  # a usage error, as argparse gives every command
        run("--db", db_address, "end-placement", "--member", "Anna", "--end", "2026-11-30", "--reason", "bored")
    assert usage.value.code == 2


# --- coopdesk/2 ---------------------------------------------------------------------------------


def test_export_writes_coopdesk_2_with_the_reason_and_the_round_trip_holds(example_db: Database, actor, new_db) -> None:
    with example_db.session() as session:
        members.end_placement(session, actor, 1, D(2026, 6, 30), "health")
    with example_db.session() as session:
        document = export_document(session, TODAY)
    assert document["format"] == "coopdesk/2"
    assert document["members"][0]["placements"][0]["end"] == "2026-06-30"
    assert document["members"][0]["placements"][0]["end_reason"] == "health"
    other = other_database(new_db)
    with other.session() as session:
        import_document(session, copy.deepcopy(document), actor=actor, today=TODAY)
    with other.session() as session:
        assert export_document(session, TODAY) == document
        assert session.get(Member, 1).placements[0].end_reason == "health"
    other.close()


def other_database(new_db) -> Database:
    from coopdesk.storage.database import open_database

    return open_database(new_db("other.db", migrated=True))


@pytest.mark.parametrize(
    "placement, shows",
    [
        ({"end": "2026-06-30", "end_reason": "bored"}, '"bored"'),
        ({"end": "2026-06-30", "end_reason": 1}, "1"),
        ({"end": None, "end_reason": "work"}, "utan slutdatum"),
    ],
    ids=["unknown-reason", "not-a-string", "reason-without-end"],
)
def test_import_of_coopdesk_2_checks_the_reason(db: Database, actor, placement: dict, shows: str) -> None:
    document = example_document()
    document["format"] = "coopdesk/2"
    document["members"][0]["placements"][0].update(placement)
    with pytest.raises(ValidationError) as info, db.session() as session:
        import_document(session, document, actor=actor, today=TODAY)
    assert info.value.field == "members[0].placements[0].end_reason"
    assert shows in info.value.sv
    with db.session() as session:
        assert session.query(Member).count() == 0


def test_coopdesk_1_still_imports_and_its_placements_have_no_reason(db: Database, actor) -> None:
    document = example_document()
    document["members"][0]["placements"][0]["end"] = "2026-06-30"
    with db.session() as session:
        import_document(session, document, actor=actor, today=TODAY)
    assert placements(db) == [("Norrmalm", D(2026, 1, 1), D(2026, 6, 30), None)]


@pytest.mark.sqlite_only("the released schemas are kept as SQLite files")
def test_migration_0009_adds_the_column_and_its_downgrade_drops_it(tmp_path, data_home) -> None:
    import sqlite3

    from alembic import command

    from coopdesk.storage.database import alembic_config, open_database
    from tests.conftest import FIXTURES

    path = tmp_path / "old.db"
    path.write_bytes((FIXTURES / "schemas" / "coopdesk-0007.db").read_bytes())
    database = open_database(str(path))
    with database.session() as session:
        assert [(p.end, p.end_reason) for p in session.query(Placement)] == [(None, None)]
        members.end_placement(session, Actor("Sara Svensson"), 1, D(2026, 6, 30), "work")
    config = alembic_config(database.engine)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    database.close()
    with sqlite3.connect(path) as old:
        columns = [row[1] for row in old.execute("PRAGMA table_info(placement)")]
        assert "end_reason" not in columns and "end" in columns
        assert old.execute('SELECT decision_ref, start, "end" FROM placement').fetchall() == [
            ("NOR-2026-0012", "2026-01-01", "2026-06-30")
        ]
        assert old.execute("PRAGMA foreign_key_check").fetchall() == []
