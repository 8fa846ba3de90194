"""Erasure (gallring) of former members: who is a candidate, what goes, what stays, and who may do it."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from coopdesk.cli.common import Output
from coopdesk.cli.erasure import run_erase
from coopdesk.core.actor import ROLE_SUPERVISOR, Actor
from coopdesk.core.calendar import Month
from coopdesk.core.errors import ValidationError
from coopdesk.core.exchange.exporter import export_document
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.models import AuditEntry, Member, Placement
from coopdesk.core.permissions import PermissionDeniedError
from coopdesk.core.services import attendance, districts, erasure, member_record, members
from coopdesk.core.statement import statement_for
from coopdesk.reports.member_pdf import member_pdf
from coopdesk.reports.statement_csv import statement_csv
from coopdesk.reports.statement_json import statement_document
from coopdesk.reports.statement_pdf import statement_pdf
from coopdesk.storage.database import Database, open_database
from tests.backends import ON_POSTGRES
from tests.conftest import TODAY, example_document
from tests.helpers import direct_sql, dump_rows, row_counts

ADMIN = Actor("Ada Admin")
SUPERVISOR = Actor("Sara Svensson", role=ROLE_SUPERVISOR)
NORRMALM = 1  # the example's first district
KOPIERING, KAFFESTUGA = 1, 3  # the example's work areas
MAY_2020 = Month(2020, 5)
REDACT = "summary = '[gallrad]', old = NULL, new = NULL"


def personal_number(birth: str, serial: str) -> str:
    """A valid number (Luhn check digit) for ``birth`` YYYYMMDD and a three-digit serial."""
    digits = birth[2:] + serial
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return f"{birth}-{serial}{(10 - total % 10) % 10}"


BO = ("Bo Berglund", personal_number("19700315", "123"))
CILLA = ("Cilla Carlsson", personal_number("19810704", "246"))
DAN = ("Dan Dahlberg", personal_number("19920211", "357"))
EVA = ("Eva Ek", personal_number("19650923", "468"))
FRANS = ("Frans Falk", personal_number("19581130", "579"))


def _member(session, name_number, placements) -> int:
    name, number = name_number
    member = members.add_member(session, ADMIN, name, number, today=TODAY)
    for i, (start, end) in enumerate(placements):
        members.add_placement(
            session,
            ADMIN,
            member.id,
            NORRMALM,
            f"NOR-{start.year}-{member.id}{i}",
            start,
            end,
            case_worker="Karin Handläggare",
            case_worker_phone="08-123 45 67",
            case_worker_email="karin@example.se",
        )
    if placements:
        members.add_capacity_period(session, ADMIN, member.id, placements[0][0], 50)
    return member.id


@pytest.fixture
def example_db(db: Database) -> Database:
    """The example of interchange.md without its locked month (old capacity periods run into it)."""
    document = example_document()
    del document["month_locks"]
    with db.session() as session:
        import_document(session, document, actor=ADMIN, today=TODAY)
    return db


@pytest.fixture
def former(example_db: Database) -> dict[str, int]:
    """The example, plus former members around the 5-year boundary (today 2026-11-27, cutoff 2021-11-27)."""
    with example_db.session() as session:
        districts.add_tariff(session, ADMIN, NORRMALM, dt.date(2019, 1, 1), "per_hour", hourly_amount="95.50")
        ids = {
            "bo": _member(session, BO, [(dt.date(2019, 1, 1), dt.date(2020, 6, 30))]),
            "cilla": _member(session, CILLA, [(dt.date(2020, 1, 1), dt.date(2021, 11, 26))]),
            "dan": _member(session, DAN, [(dt.date(2020, 1, 1), dt.date(2021, 11, 27))]),
            "eva": _member(session, EVA, [(dt.date(2018, 1, 1), dt.date(2019, 12, 31)), (dt.date(2026, 1, 1), None)]),
            "frans": _member(session, FRANS, []),
        }
        for day, status, hours in (
            (dt.date(2020, 5, 4), "present", {KOPIERING: "3.5", KAFFESTUGA: "0.5"}),
            (dt.date(2020, 5, 5), "sick", None),
            (dt.date(2020, 5, 6), "present", {KOPIERING: "2"}),
        ):
            attendance.register(session, ADMIN, ids["bo"], day, status, hours, today=TODAY)
        attendance.register(session, ADMIN, ids["cilla"], dt.date(2020, 5, 4), "present", {KOPIERING: "4"})
        members.open_record(session, SUPERVISOR, ids["bo"])
    return ids


def _ids(session) -> list[int]:
    return [c.member_id for c in erasure.candidates(session, TODAY)]


def _texts(db: Database) -> str:
    """Everything the database holds, as text (live rows only)."""
    return "\n".join(dump_rows(db))


# --- candidates -------------------------------------------------------------------------------------


def test_candidates_are_members_whose_last_placement_ended_before_the_cutoff(example_db, former) -> None:
    with example_db.session() as session:
        found = erasure.candidates(session, TODAY)
        assert erasure.retention_years(session) == 5
    assert erasure.cutoff_date(TODAY, 5) == dt.date(2021, 11, 27)
    # Cilla ended 2021-11-26 (more than five years ago); Dan ended 2021-11-27 (exactly five years: not yet).
    assert [c.member_id for c in found] == [former["bo"], former["cilla"]]
    bo = found[0]
    assert (bo.name, bo.pseudonym, bo.last_end, bo.district, bo.placements) == (
        BO[0],
        f"Gallrad medlem {former['bo']}",
        dt.date(2020, 6, 30),
        "Norrmalm",
        1,
    )
    with example_db.session() as session:
        # A day later Dan is a candidate too; Eva (an open placement) and Frans (none) never are.
        later = [c.member_id for c in erasure.candidates(session, TODAY + dt.timedelta(days=1))]
        assert later == [former["bo"], former["cilla"], former["dan"]]
        assert former["dan"] not in [c.member_id for c in erasure.candidates(session, TODAY, years=6)]
        assert [c.member_id for c in erasure.candidates(session, TODAY, years=6)] == [former["bo"]]
        assert former["eva"] not in later and former["frans"] not in later


def test_a_leap_day_counts_back_to_the_28th() -> None:
    assert erasure.cutoff_date(dt.date(2028, 2, 29), 5) == dt.date(2023, 2, 28)


@pytest.mark.parametrize("years", [0, 51, -1, True, "5", 2.5])
def test_the_retention_period_is_1_to_50_whole_years(example_db, years) -> None:
    with example_db.session() as session, pytest.raises(ValidationError) as info:
        erasure.candidates(session, TODAY, years)
    assert info.value.field == "years" and "Gallringstiden" in info.value.sv


# --- who may erase ----------------------------------------------------------------------------------


def test_only_an_administrator_erases_and_a_refusal_changes_nothing(example_db, former) -> None:
    before_counts, before_text = row_counts(example_db), _texts(example_db)
    with example_db.session() as session, pytest.raises(PermissionDeniedError) as info:
        erasure.erase(session, SUPERVISOR, [former["bo"]], TODAY)
    assert "Bara en administratör kan gallra medlemmar" in info.value.sv
    with example_db.session() as session, pytest.raises(PermissionDeniedError):
        erasure.save_retention_years(session, SUPERVISOR, 7)
    assert row_counts(example_db) == before_counts and _texts(example_db) == before_text


def test_an_id_that_is_not_a_candidate_is_refused_and_nothing_is_erased(example_db, former) -> None:
    before = _texts(example_db)
    for bad in (former["dan"], former["eva"], former["frans"], 9999):
        with example_db.session() as session, pytest.raises(ValidationError) as info:
            erasure.erase(session, ADMIN, [former["bo"], bad], TODAY)
        assert info.value.field == "member_ids" and info.value.value == bad
        assert "Ingenting gallrades" in info.value.sv
    with example_db.session() as session, pytest.raises(ValidationError):
        erasure.erase(session, ADMIN, [], TODAY)
    assert _texts(example_db) == before
    with example_db.session() as session:
        erasure.erase(session, ADMIN, [former["bo"]], TODAY)
    with example_db.session() as session, pytest.raises(ValidationError, match="already erased"):
        erasure.erase(session, ADMIN, [former["bo"]], TODAY)


def test_erasing_earlier_than_the_setting_needs_the_setting_changed(example_db, former) -> None:
    with example_db.session() as session, pytest.raises(ValidationError, match="Change the setting"):
        erasure.erase(session, ADMIN, [former["dan"]], TODAY, years=4)
    with example_db.session() as session:
        assert erasure.save_retention_years(session, ADMIN, 4) == 4
    with example_db.session() as session:
        assert erasure.retention_years(session) == 4
        assert former["dan"] in _ids(session)
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (entry.action, entry.entity, entry.summary) == ("update", "cooperative", "Gallringstid 4 år")
        assert json.loads(entry.old) == {"retention_years": 5} and json.loads(entry.new) == {"retention_years": 4}
        erasure.erase(session, ADMIN, [former["dan"]], TODAY)
    with example_db.session() as session, pytest.raises(ValidationError):
        erasure.save_retention_years(session, ADMIN, 51)


# --- what goes --------------------------------------------------------------------------------------


def test_name_number_and_case_workers_are_gone_from_every_row_and_log_entry(example_db, former) -> None:
    secrets = [BO[0], BO[1], f"NOR-2019-{former['bo']}0", "Karin Handläggare", "08-123 45 67", "karin@example.se"]
    assert all(s in _texts(example_db) for s in secrets)
    with example_db.session() as session:
        own_entries = session.scalar(select(func.count()).where(AuditEntry.member_id == former["bo"]))
        result = erasure.erase(session, ADMIN, [former["bo"]], TODAY)
    assert result.member_ids == (former["bo"],) and result.cutoff == dt.date(2021, 11, 27)
    assert result.redacted_entries == own_entries > 5
    text = _texts(example_db)
    # Cilla shares the case worker and stays as she was; Bo's own details are nowhere.
    assert all(s not in text for s in [*secrets[:3], BO[1].replace("-", "")])
    assert CILLA[0] in text and CILLA[1] in text
    with example_db.session() as session:
        bo = session.get(Member, former["bo"])
        assert (bo.name, bo.personal_number) == (f"Gallrad medlem {former['bo']}", None)
        assert bo.erased_at is not None
        [placement] = session.scalars(select(Placement).where(Placement.member_id == bo.id))
        assert placement.decision_ref == "gallrad"
        assert (placement.case_worker, placement.case_worker_phone, placement.case_worker_email) == (None,) * 3
        for entry in session.scalars(select(AuditEntry).where(AuditEntry.member_id == bo.id)):
            if entry.action != "erase":
                assert (entry.summary, entry.old, entry.new) == ("[gallrad]", None, None)
        # Everyone else's entries are untouched.
        cilla_entries = session.scalars(select(AuditEntry).where(AuditEntry.member_id == former["cilla"])).all()
        assert cilla_entries and all(CILLA[0] in (e.summary or "") for e in cilla_entries if e.action == "create")


def test_one_audit_entry_names_how_many_were_erased_and_no_one(example_db, former) -> None:
    with example_db.session() as session:
        before = session.scalar(select(func.count()).select_from(AuditEntry))
        erasure.erase(session, ADMIN, [former["cilla"], former["bo"]], TODAY)
    with example_db.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == before + 1
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.actor, entry.action, entry.entity) == (ADMIN.name, "erase", "member")
    assert entry.summary == "Gallrade 2 medlemmar (placering avslutad före 2021-11-27)"
    assert json.loads(entry.new) == {
        "member_ids": sorted([former["bo"], former["cilla"]]),
        "retention_years": 5,
        "ended_before": "2021-11-27",
    }
    assert entry.member_id is None  # two members: the ids are in ``new``
    with example_db.session() as session:
        erasure.save_retention_years(session, ADMIN, 4)
        erasure.erase(session, ADMIN, [former["dan"]], TODAY)
        single = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert single.member_id == former["dan"] and single.summary.startswith("Gallrade 1 medlem (")


# --- what stays -------------------------------------------------------------------------------------


def test_an_old_statement_has_the_same_figures_after_erasure(example_db, former) -> None:
    with example_db.session() as session:
        before = statement_document(statement_for(session, "Norrmalm", MAY_2020))
        may_2026 = statement_document(statement_for(session, "Norrmalm", Month(2026, 5)))
    assert before["totals"]["attended_hours"] == "10.00" and before["totals"]["amount"] == "955.00"
    with example_db.session() as session:
        erasure.erase(session, ADMIN, [former["bo"], former["cilla"]], TODAY)
    with example_db.session() as session:
        statement = statement_for(session, "Norrmalm", MAY_2020)
        after = statement_document(statement)
        assert statement_document(statement_for(session, "Norrmalm", Month(2026, 5))) == may_2026
        statement_pdf(statement, printed=TODAY)  # an erased member prints (no personal number: "–")
        csv_text = statement_csv(statement)
    assert after["totals"] == before["totals"]
    names = {f"Gallrad medlem {former['bo']}", f"Gallrad medlem {former['cilla']}"}
    assert {row["member"] for row in after["rows"]} == names | {DAN[0]}  # Dan is not erased
    for row in after["rows"]:
        if row["member"] in names:
            assert row["personal_number"] is None and row["decision_ref"] == "gallrad"
    who = ("member", "personal_number", "decision_ref")
    strip = lambda rows: sorted(  # noqa: E731
        json.dumps({k: v for k, v in r.items() if k not in who}, sort_keys=True) for r in rows
    )
    assert strip(after["rows"]) == strip(before["rows"])
    assert BO[0] not in csv_text and "Gallrad medlem" in csv_text


def test_the_register_extract_of_an_erased_member_has_nothing_left_to_identify(example_db, former) -> None:
    with example_db.session() as session:
        erasure.erase(session, ADMIN, [former["bo"]], TODAY)
    with example_db.session() as session:
        record = member_record.member_record(session, former["bo"])
        assert member_record.find_member(session, f"Gallrad medlem {former['bo']}") == former["bo"]
        with pytest.raises(ValidationError):
            member_record.find_member(session, BO[1])  # the number is gone
    assert record["member"]["personal_number"] is None
    assert record["member"]["name"] == f"Gallrad medlem {former['bo']}"
    assert len(record["attendance"]) == 3
    member_pdf(record, printed=TODAY)
    dumped = json.dumps(record, ensure_ascii=False)
    assert BO[0] not in dumped and BO[1] not in dumped and "Karin" not in dumped


# --- the audit log's one exception -----------------------------------------------------------------


def test_the_database_lets_only_the_redaction_of_an_erased_members_entries_through(example_db, former) -> None:
    with example_db.session() as session:
        erasure.erase(session, ADMIN, [former["bo"]], TODAY)
    bo, cilla = former["bo"], former["cilla"]
    refused = [
        f"UPDATE audit_log SET actor = 'someone else' WHERE member_id = {bo}",
        f"UPDATE audit_log SET summary = 'rewritten' WHERE member_id = {bo}",
        f"UPDATE audit_log SET summary = '[gallrad]', old = '\"x\"' WHERE member_id = {bo}",
        f"UPDATE audit_log SET {REDACT}, at = '2000-01-01' WHERE member_id = {bo}",
        f"UPDATE audit_log SET {REDACT}, entity = 'x' WHERE member_id = {bo}",
        f"UPDATE audit_log SET {REDACT}, member_id = {bo} WHERE member_id = {cilla}",
        f"UPDATE audit_log SET {REDACT} WHERE member_id = {cilla}",
        f"UPDATE audit_log SET {REDACT} WHERE member_id IS NULL",
        f"DELETE FROM audit_log WHERE member_id = {bo}",
        "DELETE FROM audit_log",
    ]
    if ON_POSTGRES:
        refused.append("TRUNCATE audit_log")
    for statement in refused:
        with pytest.raises(DBAPIError, match="append-only"):
            direct_sql(example_db, statement)
    # The redaction itself (again) is the one UPDATE allowed.
    assert direct_sql(example_db, f"UPDATE audit_log SET {REDACT} WHERE member_id = {bo}") > 5


# --- interchange ------------------------------------------------------------------------------------


def test_export_and_import_keep_an_erased_member(example_db, former, new_db) -> None:
    with example_db.session() as session:
        erasure.erase(session, ADMIN, [former["bo"]], TODAY)
    with example_db.session() as session:
        document = export_document(session)
        statement = statement_document(statement_for(session, "Norrmalm", MAY_2020))
    [bo] = [m for m in document["members"] if m["name"] == f"Gallrad medlem {former['bo']}"]
    assert bo["personal_number"] is None and bo["placements"][0]["case_worker"] is None
    copy = open_database(new_db("copy.db", migrated=True))
    try:
        with copy.session() as session:
            import_document(session, json.loads(json.dumps(document)), actor=ADMIN, today=TODAY)
        with copy.session() as session:
            assert export_document(session) == document
            assert statement_document(statement_for(session, "Norrmalm", MAY_2020)) == statement
            member = session.scalar(select(Member).where(Member.personal_number.is_(None)))
            assert member.erased_at is not None
            assert member.id not in _ids(session)  # already erased
    finally:
        copy.close()


def test_an_import_refuses_a_missing_number_unless_every_placement_has_ended(example_db, new_db) -> None:
    with example_db.session() as session:
        document = export_document(session)
    document["members"][0]["personal_number"] = None  # Anna's placement runs on
    copy = open_database(new_db("copy.db", migrated=True))
    try:
        with copy.session() as session, pytest.raises(ValidationError) as info:
            import_document(session, document, actor=ADMIN, today=TODAY)
        assert info.value.field == "members[0].personal_number"
        assert "Only an erased member" in info.value.en
    finally:
        copy.close()


# --- the command line -------------------------------------------------------------------------------


def _args(**given: object) -> argparse.Namespace:
    values = {"db": None, "years": None, "set_years": None, "today": TODAY.isoformat(), "member_id": None, "yes": False}
    values.update(given)
    return argparse.Namespace(**values)


def _run(db: Database, actor: Actor, lang: str = "sv", **given: object) -> tuple[int, str]:
    out = io.StringIO()
    code = run_erase(_args(**given), Output(out, io.StringIO(), lang), actor, db)
    return code, out.getvalue()


def test_the_command_shows_the_list_and_erases_only_with_yes(example_db, former) -> None:
    before = _texts(example_db)
    code, text = _run(example_db, ADMIN)
    assert code == 0 and _texts(example_db) == before
    assert f"Gallrad medlem {former['bo']}" in text and BO[0] in text and "2020-06-30" in text
    assert BO[1] not in text and BO[1][:8] not in text  # never the personal number
    assert "2 medlemmar kan gallras. Ingenting har ändrats." in text
    code, text = _run(example_db, ADMIN, "en", yes=True, member_id=[former["cilla"]])
    assert code == 0 and "Erased 1 member" in text
    with example_db.session() as session:
        assert _ids(session) == [former["bo"]]
    code, text = _run(example_db, ADMIN, yes=True)
    assert code == 0 and "Gallrade 1 medlem" in text
    code, text = _run(example_db, ADMIN)
    assert code == 0 and "Ingen medlem kan gallras" in text


def test_the_command_needs_an_administrator_and_sane_arguments(example_db, former) -> None:
    before = _texts(example_db)
    with pytest.raises(PermissionDeniedError):
        _run(example_db, SUPERVISOR)
    with pytest.raises(ValidationError, match="in the future"):
        _run(example_db, ADMIN, yes=True, today="2999-01-01")
    with pytest.raises(ValidationError):
        _run(example_db, ADMIN, today="igår")
    with pytest.raises(ValidationError):
        _run(example_db, ADMIN, member_id=[former["dan"]])
    assert _texts(example_db) == before
    code, text = _run(example_db, ADMIN, set_years=4)
    assert code == 0 and "Gallringstiden är nu 4 år (var 5 år)" in text and DAN[0] in text


def test_the_command_registers_gallra_and_erase() -> None:
    from coopdesk.cli.erasure import add_parser

    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers(dest="command"))
    for name in ("gallra", "erase"):
        args = parser.parse_args([name, "--years", "6", "--yes", "--member-id", "3", "--member-id", "4"])
        assert (args.command, args.years, args.yes, args.member_id) == (name, 6, True, [3, 4])
