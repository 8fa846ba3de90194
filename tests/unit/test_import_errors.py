"""Import messages name the exact JSON path and the value (interchange.md §1, domain.md §6).

Each case takes the example document of interchange.md, makes one typical mistake and imports it
into an empty database: the error's ``field`` must be the JSON path of the mistake, both messages
must start with that path, the Swedish one must show the value, and the database must stay empty
(also when the caller catches the error inside its unit of work and commits).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from coopdesk.core.audit import Actor
from coopdesk.core.errors import ValidationError
from coopdesk.core.exchange.exporter import export_document
from coopdesk.core.exchange.importer import database_is_empty, import_document
from coopdesk.core.exchange.reader import loads
from coopdesk.core.models import AuditEntry
from coopdesk.storage.database import Database
from tests.backends import PostgresServer
from tests.conftest import EXAMPLE, TODAY, example_document
from tests.helpers import EmptyDatabase, SavedDatabase

ACTOR = Actor("Sara Svensson")
Mutation = Callable[[dict[str, Any]], None]


# --- a shared empty database, put back to empty before each test --------------------------------


@pytest.fixture(scope="module")
def saved_empty(tmp_path_factory: pytest.TempPathFactory, pg_server: PostgresServer | None) -> Iterator[SavedDatabase]:
    address = pg_server.create(migrated=True) if pg_server else tmp_path_factory.mktemp("import") / "empty.db"
    saved = EmptyDatabase(address)
    yield saved
    saved.close()
    if pg_server:
        pg_server.release(str(address))


@pytest.fixture
def empty_db(saved_empty: SavedDatabase) -> Database:
    db = saved_empty.restore()
    assert is_empty(db)
    return db


def audit_count(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def is_empty(db: Database) -> bool:
    with db.session() as session:
        return database_is_empty(session) and not session.scalar(select(func.count()).select_from(AuditEntry))


def refused_import(db: Database, document: Any) -> ValidationError:
    """Import ``document`` twice, expecting a refusal both times; the database must stay empty."""
    with pytest.raises(ValidationError) as info, db.session() as session:
        import_document(session, document, actor=ACTOR, today=TODAY)
    assert is_empty(db)
    with db.session() as session, pytest.raises(ValidationError):
        import_document(session, document, actor=ACTOR, today=TODAY)  # caught; the session commits
    assert is_empty(db)
    return info.value


# --- mutations of the example document ----------------------------------------------------------


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    node = document
    for step in path[:-1]:
        node = node[step]
    return node


def put(*path: Any, value: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        _parent(document, path)[path[-1]] = value

    return mutate


def drop(*path: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        del _parent(document, path)[path[-1]]

    return mutate


def append(*path: Any, item: Any) -> Mutation:
    """Append ``item`` to the list at ``path``; ``item=("@", *other_path)`` appends a copy of that node."""

    def mutate(document: dict[str, Any]) -> None:
        value = item
        if isinstance(item, tuple) and item[:1] == ("@",):
            value = document
            for step in item[1:]:
                value = value[step]
            value = copy.deepcopy(value)
        target: Any = document
        for step in path:
            target = target[step]
        target.append(value)

    return mutate


ANNA = ("members", 0)
PLACEMENT = (*ANNA, "placements", 0)
NORRMALM_TARIFF = ("districts", 0, "tariffs", 0)
TYRESO_TARIFF = ("districts", 1, "tariffs", 0)
SODERMALM_TARIFF = ("districts", 2, "tariffs", 0)

#: (id, mutation, JSON path in .field, texts the Swedish message must show)
CASES: list[tuple[str, Mutation, str, tuple[str, ...]]] = [
    # dates
    ("placement-start-month-13", put(*PLACEMENT, "start", value="2026-13-01"), "members[0].placements[0].start",
     ("2026-13-01", "ÅÅÅÅ-MM-DD")),
    ("placement-start-feb-30", put(*PLACEMENT, "start", value="2026-02-30"), "members[0].placements[0].start",
     ("2026-02-30",)),
    ("placement-start-short", put(*PLACEMENT, "start", value="2026-1-1"), "members[0].placements[0].start",
     ("2026-1-1",)),
    ("placement-start-number", put(*PLACEMENT, "start", value=20260101), "members[0].placements[0].start",
     ("20260101", "text")),
    ("placement-start-missing", drop(*PLACEMENT, "start"), "members[0].placements[0].start", ("'start'", "saknas")),
    ("placement-end-before-start", put(*PLACEMENT, "end", value="2025-12-31"), "members[0].placements[0].end",
     ("2025-12-31", "2026-01-01")),
    ("placement-overlap", append(*ANNA, "placements", item={
        "district": "Södermalm", "decision_ref": "SÖD-1", "start": "2026-03-01"}),
     "members[0].placements[1].start", ("2026-03-01", "Anna Andersson")),
    ("placement-unknown-district", put(*PLACEMENT, "district", value="Solna"), "members[0].placements[0].district",
     ("Solna",)),
    ("placement-empty-decision", put(*PLACEMENT, "decision_ref", value="  "), "members[0].placements[0].decision_ref",
     ("tom",)),
    ("closure-day-feb-30", put("cooperative", "closure_days", value=["2026-02-30"]), "cooperative.closure_days[0]",
     ("2026-02-30",)),
    ("closure-day-twice", put("cooperative", "closure_days", value=["2026-05-15", "2026-05-15"]),
     "cooperative.closure_days[1]", ("2026-05-15",)),
    ("lock-month-short", put("month_locks", 0, "month", value="2026-4"), "month_locks[0].month", ("2026-4",)),
    ("lock-month-13", put("month_locks", 0, "month", value="2026-13"), "month_locks[0].month", ("2026-13",)),
    ("lock-attested-at", put("month_locks", 0, "attested_at", value="igår"), "month_locks[0].attested_at",
     ("igår",)),
    ("lock-twice", append("month_locks", item=("@", "month_locks", 0)), "month_locks[1].month", ("2026-04",)),
    # members
    ("personal-number-check-digit", put(*ANNA, "personal_number", value="19800101-0018"),
     "members[0].personal_number", ("19800101-0018", "kontrollsiffra")),
    ("personal-number-impossible-date", put(*ANNA, "personal_number", value="19800230-0019"),
     "members[0].personal_number", ("19800230-0019", "datum som inte finns")),
    ("personal-number-future", put(*ANNA, "personal_number", value="20991231-0019"),
     "members[0].personal_number", ("20991231-0019", "framtiden")),
    ("personal-number-format", put(*ANNA, "personal_number", value="1980-01-01"), "members[0].personal_number",
     ("1980-01-01", "fel format")),
    ("personal-number-number", put(*ANNA, "personal_number", value=198001010019), "members[0].personal_number",
     ("198001010019", "text")),
    ("personal-number-twice", append("members", item={
        "key": "m2", "name": "Anna A", "personal_number": "800101-0019"}),
     "members[1].personal_number", ("800101-0019",)),
    ("member-key-twice", append("members", item={
        "key": "m1", "name": "Bo Berg", "personal_number": "19900315-1238"}), "members[1].key", ("m1",)),
    ("member-name-empty", put(*ANNA, "name", value=""), "members[0].name", ("tom",)),
    ("member-name-missing", drop(*ANNA, "name"), "members[0].name", ("'name'", "saknas")),
    ("member-unknown-key", put(*ANNA, "email", value="anna@example.se"), "members[0].email",
     ("'email'", "Okänd nyckel")),
    ("member-unknown-work-area", put(*ANNA, "primary_work_area", value="Snickeri"), "members[0].primary_work_area",
     ("Snickeri",)),
    ("capacity-percent-0", put(*ANNA, "capacity", 0, "percent", value=0), "members[0].capacity[0].percent",
     ("0 %",)),
    ("capacity-percent-101", put(*ANNA, "capacity", 0, "percent", value=101), "members[0].capacity[0].percent",
     ("101 %",)),
    ("capacity-percent-text", put(*ANNA, "capacity", 0, "percent", value="50"), "members[0].capacity[0].percent",
     ("50 %",)),
    ("capacity-percent-bool", put(*ANNA, "capacity", 0, "percent", value=True), "members[0].capacity[0].percent",
     ("True %",)),
    ("capacity-weekdays-empty", put(*ANNA, "capacity", 1, "weekdays", value=[]), "members[0].capacity[1].weekdays",
     ("[]",)),
    ("capacity-weekdays-saturday", put(*ANNA, "capacity", 1, "weekdays", value=[1, 6]),
     "members[0].capacity[1].weekdays", ("lör",)),
    ("capacity-weekdays-twice", put(*ANNA, "capacity", 1, "weekdays", value=[1, 2, 2]),
     "members[0].capacity[1].weekdays", ("[1, 2, 2]",)),
    ("capacity-valid-from-twice", put(*ANNA, "capacity", 1, "valid_from", value="2026-01-01"),
     "members[0].capacity[1].valid_from", ("2026-01-01",)),
    # attendance
    ("hours-three-decimals", put("attendance", 2, "hours", "Kopiering", value="2.345"),
     "attendance[2].hours.Kopiering", ("2.345", "två decimaler")),
    ("hours-three-decimals-number", put("attendance", 2, "hours", "Kopiering", value=Decimal("2.345")),
     "attendance[2].hours.Kopiering", ("2.345",)),
    ("hours-zero", put("attendance", 2, "hours", "Kopiering", value="0"), "attendance[2].hours.Kopiering",
     ("0", "större än 0")),
    ("hours-negative", put("attendance", 2, "hours", "Kopiering", value="-2"), "attendance[2].hours.Kopiering",
     ("-2",)),
    ("hours-not-a-number", put("attendance", 2, "hours", "Kopiering", value="två"), "attendance[2].hours.Kopiering",
     ("Värdet två är inget tal",)),
    ("hours-float", put("attendance", 2, "hours", "Kopiering", value=2.5), "attendance[2].hours.Kopiering",
     ("2.5",)),
    ("hours-unknown-area", put("attendance", 2, "hours", value={"Snickeri": "2"}), "attendance[2].hours.Snickeri",
     ("Snickeri",)),
    ("hours-over-24", put("attendance", 0, "hours", value={"Kopiering": "20", "Kaffestuga": "4.5"}),
     "attendance[0].hours", ("24,5", "24 timmar")),  # the program's sum, not a value of the file: a comma
    ("present-without-hours", put("attendance", 2, "hours", value={}), "attendance[2].hours", ("2026-05-06",)),
    ("present-hours-missing", drop("attendance", 2, "hours"), "attendance[2].hours", ("'hours'", "saknas")),
    ("absence-with-hours", put("attendance", 1, "hours", value={"Kopiering": "1"}), "attendance[1].hours",
     ("timmar",)),
    ("absence-on-saturday", put("attendance", 1, "date", value="2026-05-23"), "attendance[1].status",
     ("2026-05-23", "inte planerad")),
    ("absence-on-holiday", put("attendance", 1, "date", value="2026-05-14"), "attendance[1].status",
     ("2026-05-14",)),
    ("absence-on-closure-day", put("attendance", 1, "date", value="2026-05-15"), "attendance[1].status",
     ("2026-05-15",)),
    ("absence-on-unplanned-weekday", put("attendance", 5, "date", value="2026-05-22"), "attendance[5].status",
     ("2026-05-22",)),
    ("present-in-the-future", put("attendance", 6, "date", value="2026-12-01"), "attendance[6].date",
     ("2026-12-01", "i förväg")),
    ("before-placement", put("attendance", 0, "date", value="2025-12-15"), "attendance[0].date",
     ("2025-12-15", "Anna Andersson")),
    ("unknown-status", put("attendance", 1, "status", value="holiday"), "attendance[1].status", ('"holiday"',)),
    ("unknown-member", put("attendance", 0, "member", value="m9"), "attendance[0].member", ("m9",)),
    ("member-reference-number", put("attendance", 0, "member", value=1), "attendance[0].member", ("1",)),
    ("attendance-twice", append("attendance", item=("@", "attendance", 4)), "attendance[7].date",
     ("2026-05-18", "Anna Andersson")),
    ("attendance-unknown-key", put("attendance", 1, "note", value="feber"), "attendance[1].note", ("'note'",)),
    ("attendance-not-a-list", put("attendance", value={}), "attendance", ("{}", "lista")),
    # supervisors
    ("supervisor-hours-over-24", append("supervisor_hours", item={
        "supervisor": "s1", "date": "2026-05-04", "hours": "16.5", "activity": "training"}),
     "supervisor_hours[1].hours", ("24,5", "Sara Svensson")),  # 8 + 16.5, summed by the program
    ("supervisor-hours-zero", put("supervisor_hours", 0, "hours", value="0"), "supervisor_hours[0].hours", ("0",)),
    ("supervisor-hours-three-decimals", put("supervisor_hours", 0, "hours", value="7.999"),
     "supervisor_hours[0].hours", ("7.999",)),
    ("supervisor-unknown-activity", put("supervisor_hours", 0, "activity", value="lunch"),
     "supervisor_hours[0].activity", ('"lunch"',)),
    ("supervisor-unknown", put("supervisor_hours", 0, "supervisor", value="s9"), "supervisor_hours[0].supervisor",
     ("s9",)),
    ("supervisor-unknown-work-area", put("supervisor_hours", 0, "work_area", value="Snickeri"),
     "supervisor_hours[0].work_area", ("Snickeri",)),
    ("supervisor-fte-0", put("supervisors", 0, "fte_percent", value=0), "supervisors[0].fte_percent", ("0 %",)),
    # districts and tariffs
    ("tariff-unknown-kind", put(*NORRMALM_TARIFF, "kind", value="per_week"), "districts[0].tariffs[0].kind",
     ("none, per_day, per_hour",)),
    ("tariff-negative-amount", put(*NORRMALM_TARIFF, "full_day_amount", value="-450.00"),
     "districts[0].tariffs[0].full_day_amount", ("-450.00",)),
    ("tariff-amount-three-decimals", put(*SODERMALM_TARIFF, "hourly_amount", value="95.505"),
     "districts[2].tariffs[0].hourly_amount", ("95.505",)),
    ("tariff-min-hours-over-24", put(*NORRMALM_TARIFF, "full_day_min_hours", value="25"),
     "districts[0].tariffs[0].full_day_min_hours", ("25",)),
    ("tariff-per-day-without-full-day", drop(*NORRMALM_TARIFF, "full_day_amount"),
     "districts[0].tariffs[0].full_day_amount", ("'full_day_amount'", "saknas")),
    ("tariff-per-hour-without-amount", drop(*SODERMALM_TARIFF, "hourly_amount"),
     "districts[2].tariffs[0].hourly_amount", ("'hourly_amount'",)),
    ("tariff-key-of-another-kind", put(*NORRMALM_TARIFF, "hourly_amount", value="95"),
     "districts[0].tariffs[0].hourly_amount", ("'hourly_amount'", "Okänd nyckel")),
    ("tariff-valid-from-twice", append("districts", 0, "tariffs", item=("@", *NORRMALM_TARIFF)),
     "districts[0].tariffs[1].valid_from", ("2026-01-01",)),
    ("tariff-bands-empty", put(*TYRESO_TARIFF, "bands", value=[]), "districts[1].tariffs[0].bands", ("intervall",)),
    ("tariff-bands-missing", drop(*TYRESO_TARIFF, "bands"), "districts[1].tariffs[0].bands", ("'bands'",)),
    ("tariff-band-twice", put(*TYRESO_TARIFF, "bands", 1, "min_percent", value=1),
     "districts[1].tariffs[0].bands[1].min_percent", ("1",)),
    ("tariff-band-percent-0", put(*TYRESO_TARIFF, "bands", 0, "min_percent", value=0),
     "districts[1].tariffs[0].bands[0].min_percent", ("0 %",)),
    ("tariff-band-negative", put(*TYRESO_TARIFF, "bands", 0, "amount", value="-1"),
     "districts[1].tariffs[0].bands[0].amount", ("-1",)),
    ("district-kind", put("districts", 0, "kind", value="region"), "districts[0].kind", ("stadsdel",)),
    ("district-twice", append("districts", item={"name": "NORRMALM", "kind": "stadsdel"}), "districts[3].name",
     ("NORRMALM",)),
    ("district-show-full-text", put("districts", 0, "show_full_personal_number", value="ja"),
     "districts[0].show_full_personal_number", ('"ja"',)),
    # cooperative and the document itself
    ("host-district-unknown", put("cooperative", "host_district", value="Kista"), "cooperative.host_district",
     ("Kista",)),
    ("org-number-check-digit", put("cooperative", "org_number", value="802400-1234"), "cooperative.org_number",
     ("802400-1234",)),
    ("opening-weekdays-empty", put("cooperative", "opening_weekdays", value=[]), "cooperative.opening_weekdays",
     ("[]",)),
    ("opening-weekdays-8", put("cooperative", "opening_weekdays", value=[1, 8]), "cooperative.opening_weekdays",
     ("[1, 8]",)),
    ("full-time-week-0", put("cooperative", "full_time_hours_per_week", value="0"),
     "cooperative.full_time_hours_per_week", ("0",)),
    ("work-area-twice", append("work_areas", item={"name": "kopiering"}), "work_areas[3].name", ("kopiering",)),
    ("unknown-top-level-key", put("comment", value="hej"), "comment", ("'comment'", "Okänd nyckel")),
    ("top-level-key-missing", drop("members"), "members", ("'members'", "saknas")),
    ("wrong-format", put("format", value="coopdesk/3"), "format", ("coopdesk/1", "coopdesk/2")),
    ("end-reason-in-version-1", put("members", 0, "placements", 0, "end_reason", value="work"),
     "members[0].placements[0].end_reason", ("Okänd nyckel",)),
]  # fmt: skip


@pytest.mark.parametrize(
    "mutate, field, shows",
    [pytest.param(m, f, s, id=i) for i, m, f, s in CASES],
)
def test_import_names_the_json_path_and_the_value(
    empty_db: Database, mutate: Mutation, field: str, shows: tuple[str, ...]
) -> None:
    document = example_document()
    mutate(document)
    error = refused_import(empty_db, document)
    assert error.field == field, error.en
    assert error.sv.startswith(f"{field}: "), error.sv
    assert error.en.startswith(f"{field}: "), error.en
    for text in shows:
        assert text in error.sv, (text, error.sv)


#: Cases whose message names the rule but not the value that broke it (domain.md §6 asks for both).
VALUE_NOT_SHOWN = [
    ("tariff-unknown-kind", put(*NORRMALM_TARIFF, "kind", value="per_week"), "districts[0].tariffs[0].kind",
     "per_week"),
    ("district-kind", put("districts", 0, "kind", value="region"), "districts[0].kind", "region"),
    ("wrong-format", put("format", value="coopdesk/3"), "format", "coopdesk/3"),
]  # fmt: skip


@pytest.mark.parametrize("mutate, field, value", [pytest.param(m, f, v, id=i) for i, m, f, v in VALUE_NOT_SHOWN])
def test_import_shows_the_wrong_value_of_a_closed_choice(
    empty_db: Database, mutate: Mutation, field: str, value: str
) -> None:
    document = example_document()
    mutate(document)
    error = refused_import(empty_db, document)
    assert error.field == field
    assert value in error.sv


@pytest.mark.parametrize(
    "tariff, key",
    [(NORRMALM_TARIFF, "full_day_amount"), (SODERMALM_TARIFF, "hourly_amount")],
    ids=["per_day", "per_hour"],
)
def test_import_refuses_a_null_required_tariff_amount(empty_db: Database, tariff: tuple[Any, ...], key: str) -> None:
    document = example_document()
    put(*tariff, key, value=None)(document)
    error = refused_import(empty_db, document)
    path = f"districts[{tariff[1]}].tariffs[0].{key}"
    assert error.field == path


@pytest.mark.parametrize(
    "document, value",
    [([], "[]"), ("coopdesk/1", "coopdesk/1"), (None, "null")],
    ids=["list", "string", "null"],
)
def test_import_of_something_that_is_not_an_object(empty_db: Database, document: Any, value: str) -> None:
    error = refused_import(empty_db, document)
    assert error.field == ""
    assert value in error.sv and "objekt" in error.sv


def test_the_message_about_the_whole_document_does_not_begin_with_a_colon(empty_db: Database) -> None:
    error = refused_import(empty_db, [])
    assert not error.sv.startswith(":") and not error.en.startswith(":")


def test_a_10_digit_personal_number_is_imported_in_12_digits(empty_db: Database) -> None:
    """The positive control of the table: a change the rules allow imports and is normalised."""
    document = example_document()
    put(*ANNA, "personal_number", value="800101-0019")(document)
    with empty_db.session() as session:
        import_document(session, document, actor=ACTOR, today=TODAY)
    with empty_db.session() as session:
        assert export_document(session)["members"][0]["personal_number"] == "19800101-0019"


def test_import_into_a_database_that_holds_data_is_refused_and_changes_nothing(empty_db: Database) -> None:
    with empty_db.session() as session:
        import_document(session, example_document(), actor=ACTOR, today=TODAY)
    with empty_db.session() as session:
        before = export_document(session)
    audited = audit_count(empty_db)
    with pytest.raises(ValidationError) as info, empty_db.session() as session:
        import_document(session, example_document(), actor=ACTOR, today=TODAY)
    assert info.value.field == "database"
    assert "tom databas" in info.value.sv
    with empty_db.session() as session:
        assert export_document(session) == before
    assert audit_count(empty_db) == audited


# --- bytes that are not a JSON document ---------------------------------------------------------


@pytest.mark.parametrize(
    "raw, shows",
    [
        (b'{"format": "coopdesk/1",}', ("ingen giltig JSON", "rad 1", "kolumn 25")),
        (b'{"format": "coopdesk/1"', ("ingen giltig JSON", "rad 1")),
        (b'{"format": "coopdesk/1"}\n{}', ("ingen giltig JSON", "rad 2")),
        (b'{\n  "hours": NaN\n}', ("ingen giltig JSON", "NaN")),
        (b'{"hours": Infinity}', ("ingen giltig JSON",)),
        (b"", ("ingen giltig JSON",)),
        (b'{"name": "Kooperativet K\xd6S"}', ("UTF-8", "position 24")),
        (b"\xff\xfe{\x00}\x00", ("UTF-8", "position 0")),
        (b"[" * 100_000 + b"]" * 100_000, ("nästlad",)),
    ],
    ids=["trailing-comma", "unclosed", "two-documents", "nan", "infinity", "empty", "latin-1", "utf-16", "deep"],
)
def test_loads_names_the_file_and_the_place_of_the_mistake(raw: bytes, shows: tuple[str, ...]) -> None:
    with pytest.raises(ValidationError) as info:
        loads(raw, "export.json")
    error = info.value
    assert error.field == "export.json"
    assert error.sv.startswith("export.json: ") and error.en.startswith("export.json: ")
    for text in shows:
        assert text in error.sv, (text, error.sv)


def test_loads_names_the_line_of_a_nan() -> None:
    with pytest.raises(ValidationError) as info:
        loads(b'{\n  "format": "coopdesk/1",\n  "hours": NaN\n}', "export.json")
    assert "rad 3" in info.value.sv


def test_loads_reads_numbers_as_decimals_and_accepts_a_byte_order_mark() -> None:
    document = loads(b'\xef\xbb\xbf{"hours": 2.345, "percent": 50}')
    assert document == {"hours": Decimal("2.345"), "percent": 50}
    assert isinstance(document["hours"], Decimal)


def test_hours_with_three_decimals_written_as_a_json_number(empty_db: Database) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace('"Kopiering": "2"', '"Kopiering": 2.345')
    assert '"Kopiering": 2.345' in text
    error = refused_import(empty_db, loads(text.encode("utf-8")))
    assert error.field == "attendance[2].hours.Kopiering"
    assert "2.345" in error.sv


def test_a_broken_file_leaves_the_database_empty(empty_db: Database) -> None:
    raw = EXAMPLE.read_bytes()[:-10]  # cut short
    with pytest.raises(ValidationError), empty_db.session() as session:
        import_document(session, loads(raw, "cut.json"), actor=ACTOR, today=TODAY)
    assert is_empty(empty_db)


def test_a_name_with_a_bidi_override_is_refused(empty_db: Database) -> None:
    """A bidi override ("Anna \u202eAndersson" shows as "Anna nossrednA") is refused like a control character."""
    document = example_document()
    put(*ANNA, "name", value="Anna \u202eAndersson")(document)
    error = refused_import(empty_db, document)
    assert "members[0].name" in error.sv and "ogiltigt tecken (position 5)" in error.sv
