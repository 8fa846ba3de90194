"""Importing a spreadsheet (issue 18.2, 18.5, 18.6): the preview, every problem class refused with its place
and nothing written, the import all or nothing and once only, the CLI, and the round trip through
export-sheet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as fuzz_settings
from hypothesis import strategies as st
from sqlalchemy import select

from coopdesk.app.application import Application
from coopdesk.app.sheets import ImportSheet, PreviewSheetImport
from coopdesk.core.audit import Actor
from coopdesk.core.calendar import Month
from coopdesk.core.models import AuditEntry, Member, MonthLock, WorkArea
from coopdesk.core.permissions import PermissionDeniedError
from coopdesk.core.services import districts, settings
from coopdesk.core.sheets.interpret import Interpretation, interpret
from coopdesk.core.sheets.plan import ImportPlan
from coopdesk.core.sheets.workbook import read_bytes, read_file
from coopdesk.core.sheets.write import SheetImportRefused
from coopdesk.core.statement import statements_for_all
from coopdesk.reports import statement_json
from coopdesk.storage.database import Database, open_database
from tests import sheet_files as sf
from tests.helpers import row_counts
from tests.unit.test_cli import data_content, run

TODAY = dt.date(2026, 11, 27)
ADMIN = Actor("Sara Svensson")


def set_up(database: Database) -> None:
    """What import-sheet expects: the districts and work areas exist."""
    with database.session() as session:
        districts.add_district(session, ADMIN, "Norrmalm")
        districts.add_district(session, ADMIN, "Tyresö kommun", "kommun")
        for name in ("Kopiering", "Glasverkstad", "Kaffestuga"):
            settings.add_work_area(session, ADMIN, name)


@pytest.fixture
def ready(db: Database) -> Database:
    set_up(db)
    return db


def reading_of(data: bytes, name: str = "kos.xlsx") -> Interpretation:
    return interpret(read_bytes(data, name), today=TODAY)


def app_for(database: Database, actor: Actor = ADMIN) -> Application:
    return Application(database, actor, clock=lambda: TODAY)


def preview(database: Database, data: bytes, name: str = "kos.xlsx") -> ImportPlan:
    return app_for(database).read(PreviewSheetImport(reading_of(data, name), name))


def member_picture(database: Database) -> list[tuple]:
    """Members, placements, capacity history and attendance, by personal number: what must survive."""
    with database.session() as session:
        picture = []
        for m in session.scalars(select(Member).order_by(Member.personal_number)):
            picture.append(
                (
                    m.name,
                    m.personal_number,
                    m.primary_work_area.name if m.primary_work_area else None,
                    [(p.district.name, p.decision_ref, p.start, p.end, p.case_worker) for p in m.placements],
                    [(c.valid_from, c.percent, sorted(c.weekdays)) for c in m.capacity_periods],
                )
            )
        from coopdesk.core.models import Attendance

        days = sorted(
            (r.member.personal_number, r.day, r.status, sum((h.hours for h in r.hours), Decimal(0)))
            for r in session.scalars(select(Attendance))
        )
        return [*picture, *days]


def test_the_preview_lists_what_will_be_created(ready: Database) -> None:
    before = row_counts(ready)
    plan = preview(ready, sf.xlsx_bytes())
    assert plan.problems == []
    assert sorted(plan.names[m.personal_number] for m in plan.members) == [
        "Anna Andersson",
        "Bo Berg",
        "Cia Carlsson",
        "Dan Dahl",
    ]
    assert (len(plan.placements), len(plan.capacities), len(plan.days)) == (5, 5, 34)
    assert plan.days_per_month() == [(Month(2026, 3), 14, 7), (Month(2026, 4), 12, 1)]
    assert row_counts(ready) == before  # a preview writes nothing


def test_the_import_writes_the_sheets_and_a_second_time_nothing(ready: Database) -> None:
    reading = reading_of(sf.xlsx_bytes())
    changes = app_for(ready).execute(ImportSheet(reading, "kos.xlsx"))
    assert (changes.result.members, changes.result.days) == (4, 34)
    assert {"members", "attendance"} <= changes.kinds
    picture = member_picture(ready)
    anna = next(p for p in picture if p[1] == sf.ANNA)
    assert anna[2] == "Kaffestuga"
    assert anna[3] == [
        ("Norrmalm", "B-2026-001", dt.date(2026, 1, 1), dt.date(2026, 3, 31), "Eva Ek"),
        ("Norrmalm", "B-2026-044", dt.date(2026, 4, 1), None, "Eva Ek"),
    ]
    # the capacity changed between the two placements: a capacity history
    assert anna[4] == [(dt.date(2026, 1, 1), 50, [1, 2, 3, 4, 5]), (dt.date(2026, 4, 1), 75, [1, 2, 3, 4])]
    assert (sf.ANNA, dt.date(2026, 3, 3), "present", Decimal("3.5")) in picture
    assert (sf.ANNA, dt.date(2026, 3, 4), "sick", Decimal(0)) in picture
    assert (sf.DAN, dt.date(2026, 3, 7), "present", Decimal(3)) in picture  # a Saturday: an extra day
    with ready.session() as session:
        kinds = [(e.entity, e.action) for e in session.scalars(select(AuditEntry))]
    assert kinds.count(("attendance", "create")) == 34
    assert kinds.count(("member", "create")) == 4
    assert ("spreadsheet", "import") in kinds

    before = row_counts(ready)
    again = app_for(ready).execute(ImportSheet(reading, "kos.xlsx"))
    assert again.result.nothing_new and again.empty
    assert row_counts(ready) == before  # never a duplicate, not even an audit entry
    plan = preview(ready, sf.xlsx_bytes())
    assert plan.empty and plan.ok
    assert plan.known == {"members": 4, "placements": 5, "capacities": 5, "days": 34}


def test_the_member_sheet_and_a_month_from_two_csv_files(ready: Database) -> None:
    app = app_for(ready)
    for name in ("medlemmar.csv", "2026-03.csv"):
        path = Path(__file__).parents[1] / "fixtures" / "sheets" / name
        app.execute(ImportSheet(interpret(read_file(path), today=TODAY), name))
    with ready.session() as session:
        from coopdesk.core.models import Attendance

        assert session.query(Member).count() == 4
        assert session.query(Attendance).count() == 21


def _problems(plan: ImportPlan) -> list[tuple[str, int | None, str | None, str]]:
    return [(p.place.sheet, p.place.row, p.place.column, p.rule) for p in plan.problems]


def test_each_problem_class_is_refused_with_its_place_and_nothing_is_written(ready: Database) -> None:
    rows = [r[:] for r in sf.member_rows()]
    rows[0][1] = sf.bad_check_digit(sf.ANNA)  # row 4: a wrong check digit
    rows[3][2] = "Tyresö"  # row 7: a district that does not exist
    rows[4][4] = "30 feb 2026"  # row 8: a date that does not exist
    months = [
        ("mars 2026", {"Dan Dahl": {2: 25, 4: 2}, "Cia Carlsson": {2: 8, 3: "S"}, "Bo Berg": {2: "x"}}),
        ("2026-02", {"Dan Dahl": {23: 4}}),  # before Dan's placement starts
    ]
    before = row_counts(ready)
    plan = preview(ready, sf.xlsx_bytes(rows, months))
    assert _problems(plan) == [
        ("Medlemmar", 4, "B", "personal_number"),
        ("Medlemmar", 7, "C", "district"),
        ("Medlemmar", 8, "E", "start"),
        ("mars 2026", 4, "C", "day"),  # 25 hours
        ("mars 2026", 6, "C", "hours"),  # "x" (Cia's row 5 waits for her row on the member sheet)
        ("2026-02", 4, "X", "day"),  # no placement on 23 February
    ]
    by_rule = {p.rule: p for p in plan.problems}
    assert "wrong check digit" in by_rule["personal_number"].en
    assert "Tyresö does not exist" in by_rule["district"].en
    assert "does not exist (2026-02-30)" in by_rule["start"].en
    assert "at most 24 hours" in plan.problems[3].en
    assert "no placement active on 2026-02-23" in plan.problems[5].en
    assert plan.problems[0].line("sv").startswith("blad Medlemmar, rad 4, kolumn B (19800101-")
    with pytest.raises(SheetImportRefused) as refused:
        app_for(ready).execute(ImportSheet(reading_of(sf.xlsx_bytes(rows, months)), "kos.xlsx"))
    assert len(refused.value.problems) == 6
    assert row_counts(ready) == before


def test_a_locked_month_is_refused(ready: Database) -> None:
    """A day in an attested month, and a new placement that would reach into one."""
    app_for(ready).execute(ImportSheet(reading_of(sf.xlsx_bytes()), "kos.xlsx"))
    with ready.session() as session:
        session.add(MonthLock(month="2026-04", attested_by="Sara Svensson", attested_at=dt.datetime(2026, 5, 2, 9)))
    rows = [
        *sf.member_rows(),
        [
            "Eva Ek",
            sf.personal_number("19700505", "111"),
            "Norrmalm",
            "N-1",
            "2026-03-02",
            "",
            "",
            50,
            "",
            "Kopiering",
            "",
        ],
    ]
    months = [("2026-04", {"Bo Berg": {1: 6, 2: 5}})]
    plan = preview(ready, sf.xlsx_bytes(rows, months))
    assert _problems(plan) == [
        ("Medlemmar", 10, "E", "lock"),  # the placement from March, open-ended, reaches April
        ("Medlemmar", 10, "H", "lock"),  # and so does its capacity
        ("2026-04", 4, "B", "lock"),  # told once per sheet, at its first cell
    ]
    assert "April 2026 is attested (locked)" in plan.problems[2].en


def test_rules_between_rows(ready: Database) -> None:
    rows = [r[:] for r in sf.member_rows()]
    rows[1][4] = "2026-03-15"  # Anna's second placement begins before her first ends
    rows[4][0] = "Cecilia Karlsson"  # Cia's number under another name: a later row below
    rows.append(["Cia Carlsson", sf.CIA, "Norrmalm", "B-8", "2027-01-01", "", "", 100, "", "", ""])
    months = [("mars 2026", {"Anna Andersson": {21: "S"}, "Cia Carlsson": {2: 8}})]  # the 21st is a Saturday
    plan = preview(ready, sf.xlsx_bytes(rows, months))
    rules = _problems(plan)
    assert ("Medlemmar", 5, "E", "overlap") in rules
    assert ("Medlemmar", 10, "A", "personal_number") in rules  # not the same name as on row 8
    # Anna and Cia have problems on the member sheet: their days wait until those are fixed
    assert [r for r in rules if r[0] == "mars 2026"] == []
    rows = [r[:] for r in sf.member_rows()]
    plan = preview(ready, sf.xlsx_bytes(rows, [("mars 2026", {"Anna Andersson": {21: "S"}})]))
    [problem] = plan.problems
    assert (problem.place.row, problem.place.column, problem.rule) == (4, "V", "day")
    assert "not planned on 2026-03-21" in problem.en


def test_the_days_of_a_member_row_with_a_problem_wait_however_the_number_is_written(ready: Database) -> None:
    """Found importing a clumsy file: the member sheet had 198501012390 (no dash) on a row with a problem
    of its own, the month sheet 19850101-2390; the month row was told "is neither in the member sheet
    nor in coopdesk" — the one thing it was."""
    rows = [r[:] for r in sf.member_rows()]
    rows[4][1] = sf.CIA.replace("-", "")
    rows[4][7] = "0,75"  # a capacity that is no percentage: Cia's row has a problem
    plan = preview(ready, sf.xlsx_bytes(rows, [("mars 2026", {sf.CIA: {2: 8}})]))
    assert _problems(plan) == [("Medlemmar", 8, "H", "percent")]


def test_a_day_registered_differently_in_coopdesk_is_a_problem_not_overwritten(ready: Database) -> None:
    app = app_for(ready)
    app.execute(ImportSheet(reading_of(sf.xlsx_bytes()), "kos.xlsx"))
    changed = [("mars 2026", {"Anna Andersson": {2: 5}})]
    plan = preview(ready, sf.xlsx_bytes(months=changed))
    assert _problems(plan) == [("mars 2026", 4, "C", "exists")]


def test_only_an_administrator_imports(ready: Database) -> None:
    with pytest.raises(PermissionDeniedError):
        app_for(ready, Actor("Hanna", "handledare")).execute(ImportSheet(reading_of(sf.xlsx_bytes()), "kos.xlsx"))


def test_the_command_line(ready: Database, db_address: str, tmp_path: Path) -> None:
    bad = tmp_path / "fel.xlsx"
    rows = [r[:] for r in sf.member_rows()]
    rows[3][2] = "Tyresö"
    bad.write_bytes(sf.xlsx_bytes(rows))
    code, out, _ = run("--db", db_address, "--lang", "sv", "import-sheet", str(bad))
    assert code == 1
    assert "Medlemmar: medlemsblad, rubrikerna på rad 3; okända kolumner som lämnas utanför: K: Anteckning" in out
    assert "Gammalt 2025-12: dolt blad, läses inte" in out
    assert "blad Medlemmar, rad 7, kolumn C (Tyresö): Beställaren Tyresö finns inte i coopdesk." in out
    assert "Inget importerades." in out

    good = tmp_path / "kos.xlsx"
    good.write_bytes(sf.xlsx_bytes())
    before = data_content(db_address)
    code, out, _ = run("--db", db_address, "import-sheet", str(good), "--dry-run")
    assert code == 0
    assert "4 members: Anna Andersson, Bo Berg, Cia Carlsson, Dan Dahl" in out
    assert "attendance March 2026: 14 days present, 7 days absent" in out
    assert "nothing was saved" in out
    assert data_content(db_address) == before
    code, out, _ = run("--db", db_address, "import-sheet", str(good))
    assert code == 0, out
    assert "Imported: 4 members, 5 placements, 5 capacity periods, 34 attendance days." in out
    code, out, _ = run("--db", db_address, "import-sheet", str(good))
    assert code == 0 and "Nothing new to import" in out

    code, _, err = run("--db", db_address, "import-sheet", str(tmp_path / "finns-inte.xlsx"))
    assert code == 1 and "does not exist" in err


def test_a_file_cannot_write_to_the_terminal(ready: Database, db_address: str, tmp_path: Path) -> None:
    """An attacker's cell holds terminal control sequences (clear the screen, set the title, move the
    cursor over the problems): the preview printed cell values, names and headers as they were, so the
    administrator's terminal obeyed them. Control characters are shown as visible escapes."""
    evil = "\x1b[2J\x1b]0;pwned\x07Eva\x9b1A"
    rows = [["Namn", "Personnummer", "Beställare", "Beslutsnummer", "Från", "Omfattning", evil]]
    rows.append([evil, sf.CIA, "Norrmalm", "B-1", "2026-01-01", "50", ""])
    month = sf.month_rows("2026-03", {evil: {2: 8}}, 2026, 3)
    bad = tmp_path / "fel.xlsx"
    bad.write_bytes(sf.rows_xlsx_bytes([("Medlemmar", rows), ("2026-03", month)]))
    code, out, err = run("--db", db_address, "--lang", "sv", "import-sheet", str(bad))
    assert code == 1
    for char in ("\x1b", "\x07", "\x9b"):
        assert char not in out + err
    assert "\\x1b[2J" in out


def test_export_and_import_give_the_same_members_and_statements(
    ready: Database, db_address: str, new_db, tmp_path: Path
) -> None:
    """The round trip of issue 18.5: export-sheet, then import-sheet into an empty database with the
    same districts and work areas; a capacity that changes inside a placement included."""
    app = app_for(ready)
    app.execute(ImportSheet(reading_of(sf.xlsx_bytes()), "kos.xlsx"))
    with ready.session() as session:
        from coopdesk.core.services import members

        cia = session.scalar(select(Member).where(Member.personal_number == sf.CIA))
        members.add_capacity_period(session, ADMIN, cia.id, dt.date(2026, 3, 16), 60, [1, 2, 3])
    out = tmp_path / "2026.xlsx"
    code, text, err = run("--db", db_address, "export-sheet", "--year", "2026", "-o", str(out))
    assert code == 0, err
    assert "4 members, 12 month sheets" in text

    other = open_database(new_db("other.db"))
    try:
        set_up(other)
        reading = interpret(read_file(out), today=TODAY)
        plan = app_for(other).read(PreviewSheetImport(reading, out.name))
        assert plan.problems == []
        app_for(other).execute(ImportSheet(reading, out.name))
        assert member_picture(other) == member_picture(ready)
        for month in (Month(2026, 3), Month(2026, 4)):
            with ready.session() as a, other.session() as b:
                first = [statement_json.statement_document(s) for s in statements_for_all(a, month)]
                second = [statement_json.statement_document(s) for s in statements_for_all(b, month)]
            assert first == second
    finally:
        other.close()


def test_the_statements_equal_those_of_the_same_data_entered_one_change_at_a_time(ready: Database, new_db) -> None:
    """The same members, placements, capacities and days through the services a supervisor's forms use."""
    from coopdesk.core.services import attendance, members

    reading = reading_of(sf.xlsx_bytes())
    plan = preview(ready, sf.xlsx_bytes())
    app_for(ready).execute(ImportSheet(reading, "kos.xlsx"))
    by_hand = open_database(new_db("by-hand.db"))
    try:
        set_up(by_hand)
        with by_hand.session() as session:
            ids = {}
            for m in plan.members:
                ids[m.personal_number] = members.add_member(
                    session, ADMIN, m.name, m.personal_number, primary_work_area_id=m.work_area_id, today=TODAY
                ).id
            for p in plan.placements:
                members.add_placement(
                    session, ADMIN, ids[p.personal_number], p.district_id, p.decision_ref, p.start, p.end
                )
            for c in plan.capacities:
                members.add_capacity_period(session, ADMIN, ids[c.personal_number], c.valid_from, c.percent, c.weekdays)
            for d in plan.days:
                hours = dict(d.hours) or None
                attendance.register(session, ADMIN, ids[d.personal_number], d.day, d.status, hours, today=TODAY)
        for month in (Month(2026, 3), Month(2026, 4)):
            with ready.session() as a, by_hand.session() as b:
                imported = [statement_json.statement_document(s) for s in statements_for_all(a, month)]
                typed = [statement_json.statement_document(s) for s in statements_for_all(b, month)]
            assert imported == typed
            assert sum(len(s["rows"]) for s in imported) >= 3  # not two empty statements
    finally:
        by_hand.close()


def test_a_sheet_of_a_work_area_adds_hours_in_that_area(ready: Database) -> None:
    months = [
        ("mars 2026", {"Cia Carlsson": {2: 6, 3: "S"}}),
        ("2026-03 Kopiering", {"Cia Carlsson": {2: 2, 4: 1.5, 3: 1}}),
    ]
    plan = preview(ready, sf.xlsx_bytes(months=months))
    # the 3rd: sick on the month sheet and hours in Kopiering — an absence carries no hours
    assert _problems(plan) == [("mars 2026", 4, "D", "day")]
    months[1][1]["Cia Carlsson"].pop(3)
    months[1][1]["Cia Carlsson"][5] = "S"  # an absence on an area's sheet
    plan = preview(ready, sf.xlsx_bytes(months=months))
    assert _problems(plan) == [("2026-03 Kopiering", 4, "F", "hours")]
    months[1][1]["Cia Carlsson"].pop(5)
    plan = preview(ready, sf.xlsx_bytes(months=months))
    assert plan.problems == []
    with ready.session() as session:
        areas = {a.name: a.id for a in session.scalars(select(WorkArea))}
    days = {d.day.day: (d.status, d.hours) for d in plan.days if d.personal_number == sf.CIA}
    assert days == {
        2: ("present", {areas["Glasverkstad"]: Decimal(6), areas["Kopiering"]: Decimal(2)}),
        3: ("sick", {}),
        4: ("present", {areas["Kopiering"]: Decimal("1.5")}),
    }


@fuzz_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.lists(
        st.one_of(
            st.none(),
            st.integers(),
            st.floats(),
            st.decimals(allow_nan=False, allow_infinity=False).map(str),
            st.text(max_size=6),
            st.timedeltas(),
            st.times(),
            st.sampled_from(["S", "a", "Ledig", "3,333", "0", "-2", "24,01", "1e3"]),
        ),
        min_size=1,
        max_size=31,
    )
)
def test_fuzz_month_cells_through_the_preview(ready: Database, values: list[object]) -> None:
    """Whatever a month sheet's cells hold, the preview lists problems or days; it never raises."""
    from coopdesk.core.sheets.workbook import RawSheet, Workbook

    rows = [["Namn", *range(1, 32)], ["Cia Carlsson", *values]]
    members = [["Namn", "Personnummer", "Beställare", "Beslutsnummer", "Från", "Omfattning", "Arbetsområde"]]
    members.append(["Cia Carlsson", sf.CIA, "Norrmalm", "B-7", "2026-02-02", "100", "Kopiering"])
    book = Workbook("f.xlsx", [RawSheet("Medlemmar", members), RawSheet("2026-03", rows)])
    plan = app_for(ready).read(PreviewSheetImport(interpret(book, today=TODAY), "f.xlsx"))
    assert all(p.sv and p.en for p in plan.problems)
    assert len(plan.days) + len(plan.problems) <= len(values)
