"""Social documentation (domain.md §7, issue 15): the felmarkering rule, plans with versions, deviations
with their IVO due date, read logging, roles, the register extract and gallring."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from coopdesk.app.application import Application
from coopdesk.app.social import (
    AddDeviation,
    AddJournalEntry,
    EditJournalEntry,
    FollowUpPlan,
    Goal,
    NewPlanVersion,
    OpenDeviations,
    OpenDocumentation,
    OpenJournal,
    OpenPlans,
    PutPlanInForce,
    StrikeJournalEntry,
    UpdateDeviation,
)
from coopdesk.core.actor import ROLE_ADMIN, ROLE_SUPERVISOR, Actor
from coopdesk.core.errors import ValidationError
from coopdesk.core.models import AuditEntry, CarePlan, Deviation, JournalEntry
from coopdesk.core.permissions import PermissionDeniedError
from coopdesk.core.services import member_record
from coopdesk.storage.database import Database

SARA = Actor("Sara Svensson", role=ROLE_SUPERVISOR, login="sara")
KIM = Actor("Kim Karlsson", role=ROLE_SUPERVISOR, login="kim")
ADA = Actor("Ada Admin", role=ROLE_ADMIN, login="ada")
ANNA = 1  # the example's member
MONDAY = dt.date(2026, 11, 23)


def app(db: Database, actor: Actor, day: dt.date) -> Application:
    return Application(db, actor, clock=lambda: day)


def write(
    db: Database, actor: Actor = SARA, day: dt.date = MONDAY, text: str = "Samtal om veckan.", kind: str = "samtal"
) -> int:
    return app(db, actor, day).execute(AddJournalEntry(ANNA, kind, day, text)).result


def count(db: Database, model: type) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def reads(db: Database, actor: Actor) -> list[str]:
    with db.session() as session:
        return list(
            session.scalars(
                select(AuditEntry.summary)
                .where(
                    AuditEntry.action == "read", AuditEntry.entity == "documentation", AuditEntry.actor == actor.name
                )
                .order_by(AuditEntry.id)
            )
        )


# --- journal -------------------------------------------------------------------------------------------


def test_the_author_may_change_an_entry_until_the_end_of_the_next_day(example_db: Database) -> None:
    entry = write(example_db)
    tuesday = MONDAY + dt.timedelta(days=1)
    app(example_db, SARA, tuesday).execute(EditJournalEntry(entry, "samtal", MONDAY, "Samtal om veckan och målen."))
    [row] = app(example_db, SARA, tuesday).execute(OpenJournal(ANNA)).result
    assert row.text == "Samtal om veckan och målen." and row.changed_at is not None and row.editable
    with pytest.raises(ValidationError, match="could be changed until 2026-11-24"):
        app(example_db, SARA, MONDAY + dt.timedelta(days=2)).execute(EditJournalEntry(entry, "samtal", MONDAY, "Sent."))
    [row] = app(example_db, SARA, MONDAY + dt.timedelta(days=2)).execute(OpenJournal(ANNA)).result
    assert row.text == "Samtal om veckan och målen." and not row.editable


def test_another_user_cannot_change_an_entry_even_the_same_day(example_db: Database) -> None:
    entry = write(example_db)
    for other in (KIM, ADA):
        with pytest.raises(ValidationError, match="Only the entry's author"):
            app(example_db, other, MONDAY).execute(EditJournalEntry(entry, "samtal", MONDAY, "Ändrad av någon annan."))
    [row] = app(example_db, KIM, MONDAY).execute(OpenJournal(ANNA)).result
    assert row.text == "Samtal om veckan." and not row.editable


def test_the_refusal_to_change_anothers_entry_offers_only_what_the_user_may_do(example_db: Database) -> None:
    """Found as a handledare: "Only the entry's author can change it. You can strike it out with a
    reason." — and striking it out was then refused (the author or an administrator only)."""
    entry = write(example_db)
    with pytest.raises(ValidationError) as refused:
        app(example_db, KIM, MONDAY).execute(EditJournalEntry(entry, "samtal", MONDAY, "Ändrad."))
    assert "Du kan felmarkera" not in refused.value.sv
    assert "be den som skrev den eller en administratör" in refused.value.sv
    assert "ask its author or an administrator" in refused.value.en
    with pytest.raises(ValidationError) as refused:
        app(example_db, ADA, MONDAY).execute(EditJournalEntry(entry, "samtal", MONDAY, "Ändrad."))
    assert "Du kan felmarkera den" in refused.value.sv
    # what the journal tells each user they may do with the entry
    assert [r.strikable for r in app(example_db, KIM, MONDAY).execute(OpenJournal(ANNA)).result] == [False]
    assert [r.strikable for r in app(example_db, SARA, MONDAY).execute(OpenJournal(ANNA)).result] == [True]
    assert [r.strikable for r in app(example_db, ADA, MONDAY).execute(OpenJournal(ANNA)).result] == [True]


def test_felmarkering_keeps_the_entry_with_its_reason_and_a_replacing_entry(example_db: Database) -> None:
    entry = write(example_db, text="Anna var sjuk.")
    later = MONDAY + dt.timedelta(days=5)
    with pytest.raises(ValidationError, match="or an administrator"):
        app(example_db, KIM, later).execute(StrikeJournalEntry(entry, "Fel medlem."))
    new = app(example_db, SARA, later).execute(StrikeJournalEntry(entry, "Fel medlem.", "Anna var ledig.")).result
    rows = app(example_db, SARA, later).execute(OpenJournal(ANNA)).result
    assert [r.entry_id for r in rows] == [new, entry]  # same event date: the newest written first
    struck = rows[1]
    assert struck.text == "Anna var sjuk." and struck.strike_reason == "Fel medlem." and struck.struck_by == SARA.name
    assert rows[0].replaces_id == entry and rows[0].date == MONDAY
    with pytest.raises(ValidationError, match="already struck out"):
        app(example_db, ADA, later).execute(StrikeJournalEntry(entry, "Igen."))
    with pytest.raises(ValidationError, match="struck out"):
        app(example_db, SARA, MONDAY).execute(EditJournalEntry(entry, "samtal", MONDAY, "x"))


def test_an_administrator_may_strike_out_anyones_entry(example_db: Database) -> None:
    entry = write(example_db)
    app(example_db, ADA, MONDAY + dt.timedelta(days=30)).execute(StrikeJournalEntry(entry, "Hör till en annan akt."))
    [row] = app(example_db, ADA, MONDAY).execute(OpenJournal(ANNA)).result
    assert row.struck_by == ADA.name


@pytest.mark.parametrize(
    ("kind", "day", "text", "message"),
    [
        ("samtal", MONDAY + dt.timedelta(days=1), "x", "after today"),
        ("fika", MONDAY, "x", "does not exist"),
        ("samtal", MONDAY, "   ", "must be filled in"),
        ("samtal", MONDAY, "a\x00b", "not allowed"),
    ],
)
def test_bad_journal_input_is_refused_and_changes_nothing(example_db, kind, day, text, message) -> None:
    with pytest.raises(ValidationError, match=message):
        app(example_db, SARA, MONDAY).execute(AddJournalEntry(ANNA, kind, day, text))
    assert count(example_db, JournalEntry) == 0


def test_every_kind_of_entry_can_be_named_in_swedish_or_english(example_db: Database) -> None:
    for kind in ("Samtal", "event", "uppföljning", "kontakt med handläggare", "Övrigt"):
        write(example_db, text=kind, kind=kind)
    kinds = {r.kind for r in app(example_db, SARA, MONDAY).execute(OpenJournal(ANNA)).result}
    assert kinds == {"conversation", "event", "follow_up", "case_worker_contact", "other"}
    only = app(example_db, SARA, MONDAY).execute(OpenJournal(ANNA, kind="händelse")).result
    assert [r.text for r in only] == ["event"]


def test_a_multi_line_note_keeps_its_lines(example_db: Database) -> None:
    write(example_db, text="Rad ett.\r\nRad två.\n\tIndrag.")
    [row] = app(example_db, SARA, MONDAY).execute(OpenJournal(ANNA)).result
    assert row.text == "Rad ett.\nRad två.\n\tIndrag."


# --- reads are logged ------------------------------------------------------------------------------------


def test_every_read_of_the_documentation_is_logged_with_who_and_whose(example_db: Database) -> None:
    write(example_db)
    app(example_db, KIM, MONDAY).execute(OpenJournal(ANNA))
    app(example_db, KIM, MONDAY).execute(OpenPlans(ANNA))
    app(example_db, KIM, MONDAY).execute(OpenDeviations(ANNA))
    app(example_db, KIM, MONDAY).execute(OpenDocumentation(ANNA))
    assert reads(example_db, KIM) == [
        "Journal: Anna Andersson",
        "Genomförandeplan: Anna Andersson",
        "Avvikelser: Anna Andersson",
        "Personakt: Anna Andersson",
    ]
    with example_db.session() as session:
        members = set(session.scalars(select(AuditEntry.member_id).where(AuditEntry.entity == "documentation")))
    assert members == {ANNA}


def test_the_cooperatives_deviation_list_logs_a_read_for_each_member_in_it(example_db: Database) -> None:
    app(example_db, SARA, MONDAY).execute(AddDeviation(ANNA, MONDAY, "Sara", "avvikelse", "Glas gick sönder."))
    app(example_db, SARA, MONDAY).execute(AddDeviation(None, MONDAY, "Sara", "klagomål", "Kaffet är kallt."))
    rows = app(example_db, KIM, MONDAY).execute(OpenDeviations()).result
    assert {r.member for r in rows} == {"Anna Andersson", None}
    assert reads(example_db, KIM) == ["Avvikelser: Anna Andersson"]


# --- plans ---------------------------------------------------------------------------------------------

GOALS = [
    Goal("Komma i tid tre dagar i veckan", "Påminnelse per sms", "Sara skickar sms", "Kort samtal", "Varje morgon"),
    Goal("Lära sig kassan i kaffestugan", "Handledning", "Anna och Sara", "Vid kassan", "Tisdagar"),
]


def test_a_new_version_replaces_the_plan_in_force_and_the_old_one_stays_readable(example_db: Database) -> None:
    first = (
        app(example_db, SARA, MONDAY)
        .execute(NewPlanVersion(ANNA, GOALS, "Anna vill börja i kaffestugan.", dt.date(2027, 2, 1)))
        .result
    )
    plans = app(example_db, SARA, MONDAY).execute(OpenPlans(ANNA)).result
    assert plans.in_force().plan_id == first and plans.in_force().number == 1
    assert [g.goal for g in plans.in_force().goals] == [g.goal for g in GOALS]
    second = (
        app(example_db, KIM, MONDAY)
        .execute(NewPlanVersion(ANNA, GOALS[:1], "Anna vill vänta med kassan.", dt.date(2027, 3, 1)))
        .result
    )
    plans = app(example_db, SARA, MONDAY).execute(OpenPlans(ANNA)).result
    assert [(p.number, p.status) for p in plans.versions] == [(2, "in_force"), (1, "replaced")]
    assert plans.in_force().plan_id == second and len(plans.versions[1].goals) == 2


def test_a_draft_is_not_in_force_until_it_is_put_in_force(example_db: Database) -> None:
    draft = (
        app(example_db, SARA, MONDAY)
        .execute(NewPlanVersion(ANNA, GOALS, "Utkast.", dt.date(2027, 2, 1), draft=True))
        .result
    )
    assert app(example_db, SARA, MONDAY).execute(OpenPlans(ANNA)).result.in_force() is None
    app(example_db, SARA, MONDAY).execute(PutPlanInForce(draft))
    assert app(example_db, SARA, MONDAY).execute(OpenPlans(ANNA)).result.in_force().in_force_from == MONDAY
    with pytest.raises(ValidationError, match="not a draft"):
        app(example_db, SARA, MONDAY).execute(PutPlanInForce(draft))


def test_a_plan_is_due_after_its_follow_up_date_until_followed_up(example_db: Database) -> None:
    plan = app(example_db, SARA, MONDAY).execute(NewPlanVersion(ANNA, GOALS, "Ja.", MONDAY)).result
    row = app(example_db, SARA, MONDAY).execute(OpenPlans(ANNA)).result.in_force()
    assert row.due(MONDAY) and not row.due(MONDAY - dt.timedelta(days=1))
    app(example_db, SARA, MONDAY).execute(FollowUpPlan(plan, "Målen nådda till hälften."))
    row = app(example_db, SARA, MONDAY).execute(OpenPlans(ANNA)).result.in_force()
    assert row.status == "followed_up" and row.follow_up_note == "Målen nådda till hälften." and not row.due(MONDAY)


def test_a_plan_needs_a_goal_and_a_placement(example_db: Database, actor: Actor) -> None:
    with pytest.raises(ValidationError, match="at least one goal"):
        app(example_db, SARA, MONDAY).execute(NewPlanVersion(ANNA, [], "x", MONDAY))
    with pytest.raises(ValidationError, match="Goal 1: the goal must be filled in"):
        app(example_db, SARA, MONDAY).execute(NewPlanVersion(ANNA, [Goal(" ")], "x", MONDAY))
    from coopdesk.core.services import members

    with example_db.session() as session:
        lone = members.add_member(session, actor, "Lo Lind", "19900101-0017", today=MONDAY).id
    with pytest.raises(ValidationError, match="has no placement"):
        app(example_db, SARA, MONDAY).execute(NewPlanVersion(lone, GOALS, "x", MONDAY))
    assert count(example_db, CarePlan) == 0


# --- deviations ----------------------------------------------------------------------------------------


def test_a_lex_sarah_case_is_due_at_ivo_two_weeks_after_the_report_until_marked_sent(example_db: Database) -> None:
    case = (
        app(example_db, SARA, MONDAY)
        .execute(AddDeviation(ANNA, MONDAY, "Kim Karlsson", "lex sarah: missförhållande", "Anna lämnades ensam."))
        .result
    )
    [row] = app(example_db, SARA, MONDAY).execute(OpenDeviations(ANNA)).result
    assert row.ivo_due == dt.date(2026, 12, 7) and row.status == "received"
    with pytest.raises(PermissionDeniedError):
        app(example_db, SARA, MONDAY).execute(UpdateDeviation(case, ivo_sent_on=MONDAY))
    with pytest.raises(ValidationError, match="before the report date"):
        app(example_db, ADA, MONDAY).execute(UpdateDeviation(case, ivo_sent_on=MONDAY - dt.timedelta(days=1)))
    app(example_db, ADA, MONDAY).execute(UpdateDeviation(case, ivo_sent_on=MONDAY, measures="Rutinen ändrad."))
    [row] = app(example_db, SARA, MONDAY).execute(OpenDeviations(ANNA)).result
    assert row.ivo_due is None and row.ivo_sent_on == MONDAY and row.measures == "Rutinen ändrad."


def test_only_an_administrator_closes_a_case_and_only_lex_sarah_goes_to_ivo(example_db: Database) -> None:
    case = (
        app(example_db, SARA, MONDAY).execute(AddDeviation(ANNA, MONDAY, "Sara", "avvikelse", "Nyckel borta.")).result
    )
    app(example_db, SARA, MONDAY).execute(UpdateDeviation(case, status="åtgärdad", measures="Låset bytt."))
    with pytest.raises(PermissionDeniedError):
        app(example_db, SARA, MONDAY).execute(UpdateDeviation(case, status="avslutad"))
    with pytest.raises(ValidationError, match="Only a lex Sarah case"):
        app(example_db, ADA, MONDAY).execute(UpdateDeviation(case, ivo_sent_on=MONDAY))
    app(example_db, ADA, MONDAY).execute(UpdateDeviation(case, status="closed"))
    assert app(example_db, ADA, MONDAY).execute(OpenDeviations(open_only=True)).result == []
    with example_db.session() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "deviation").order_by(AuditEntry.id.desc())
        ).first()
    assert entry.action == "update" and '"closed"' in entry.new and '"remedied"' in entry.old


def test_a_deviation_dated_after_today_is_refused(example_db: Database) -> None:
    with pytest.raises(ValidationError, match="after today"):
        app(example_db, SARA, MONDAY).execute(AddDeviation(ANNA, MONDAY + dt.timedelta(days=1), "S", "avvikelse", "x"))
    assert count(example_db, Deviation) == 0


# --- the register extract and gallring -------------------------------------------------------------------


def test_the_register_extract_holds_the_whole_documentation(example_db: Database) -> None:
    entry = write(example_db, text="Första.")
    app(example_db, SARA, MONDAY).execute(StrikeJournalEntry(entry, "Fel dag.", "Andra."))
    app(example_db, SARA, MONDAY).execute(NewPlanVersion(ANNA, GOALS, "Anna deltog.", dt.date(2027, 2, 1)))
    app(example_db, SARA, MONDAY).execute(AddDeviation(ANNA, MONDAY, "Sara", "klagomål", "Anna klagade på ljudet."))
    with example_db.session() as session:
        record = member_record.member_record(session, ANNA)
    assert [e["text"] for e in record["journal"]] == ["Andra.", "Första."]
    assert record["journal"][1]["struck"]["reason"] == "Fel dag."
    assert record["plans"][0]["goals"][1]["when"] == "Tisdagar"
    assert record["deviations"][0]["description"] == "Anna klagade på ljudet."
    strike = [a for a in record["audit"] if a["entity"] == "journal_entry" and a["action"] == "strike"]
    assert strike[0]["new"] == {"reason": "Fel dag."}  # the member's own data: with its values


# --- property: nothing is ever lost ----------------------------------------------------------------------

OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["add", "edit", "strike", "strike_replace"]),
        st.sampled_from([SARA, KIM, ADA]),
        st.integers(0, 3),  # days after MONDAY
        st.integers(0, 10),  # which entry
    ),
    max_size=12,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_any_sequence_of_journal_operations_leaves_every_entry_ever_written_readable(
    example_db: Database, operations
) -> None:
    with example_db.session() as session:  # each example starts from an empty journal
        session.execute(JournalEntry.__table__.update().values(replaces_id=None))
        session.execute(JournalEntry.__table__.delete())
    written: dict[int, str] = {}  # id → the text it holds now
    for n, (op, actor, offset, pick) in enumerate(operations):
        day = MONDAY + dt.timedelta(days=offset)
        ids = sorted(written)
        target = ids[pick % len(ids)] if ids else None
        try:
            if op == "add" or target is None:
                new = app(example_db, actor, day).execute(AddJournalEntry(ANNA, "övrigt", MONDAY, f"text {n}")).result
                written[new] = f"text {n}"
            elif op == "edit":
                app(example_db, actor, day).execute(EditJournalEntry(target, "övrigt", MONDAY, f"edit {n}"))
                written[target] = f"edit {n}"
            else:
                replacement = f"replacement {n}" if op == "strike_replace" else None
                new = app(example_db, actor, day).execute(StrikeJournalEntry(target, "fel", replacement)).result
                if new is not None:
                    written[new] = replacement
        except (ValidationError, PermissionDeniedError):
            pass
    rows = app(example_db, ADA, MONDAY + dt.timedelta(days=3)).execute(OpenJournal(ANNA)).result
    assert {r.entry_id: r.text for r in rows} == written


# --- gallring ------------------------------------------------------------------------------------------


def _former_member(db: Database, name: str, number: str, note_day: dt.date) -> int:
    """A member whose placement ended in 2019, with a plan, a journal note and a deviation of ``note_day``."""
    from coopdesk.core.services import members

    with db.session() as session:
        member = members.add_member(session, ADA, name, number, today=dt.date(2019, 1, 1)).id
        members.add_placement(session, ADA, member, 1, "NOR-2019-1", dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    day = app(db, SARA, note_day)
    plan_day = app(db, SARA, dt.date(2019, 6, 1))
    plan_day.execute(NewPlanVersion(member, GOALS, "Ja.", dt.date(2019, 9, 1)))
    entry = day.execute(AddJournalEntry(member, "samtal", note_day, f"Samtal med {name}.")).result
    day.execute(StrikeJournalEntry(entry, "Fel.", "Rättat samtal."))
    day.execute(AddDeviation(member, note_day, "Sara", "lex_sarah_risk", f"Risk för {name}."))
    return member


def test_gallring_waits_five_years_after_the_last_note_and_then_deletes_the_documentation(example_db) -> None:
    from coopdesk.core.services import erasure
    from tests.unit.test_erasure import personal_number

    old = _former_member(example_db, "Olle Ost", personal_number("19700315", "123"), dt.date(2020, 3, 2))
    recent = _former_member(example_db, "Rut Rask", personal_number("19810704", "246"), dt.date(2022, 3, 2))
    today = dt.date(2026, 11, 27)  # cutoff 2021-11-27: both placements ended long before
    with example_db.session() as session:
        assert [c.member_id for c in erasure.candidates(session, today)] == [old]  # Rut's last note is too recent
        erasure.erase(session, ADA, [old], today)
    with example_db.session() as session:
        left = {
            model.__name__: set(session.scalars(select(model.member_id)))
            for model in (CarePlan, JournalEntry, Deviation)
        }
        record = member_record.member_record(session, old)
        texts = " ".join(str(a) for a in session.scalars(select(AuditEntry.new).where(AuditEntry.member_id == old)))
    assert left == {"CarePlan": {recent}, "JournalEntry": {recent}, "Deviation": {recent}}
    assert record["plans"] == record["journal"] == record["deviations"] == []
    assert "Olle" not in texts and "Samtal" not in texts  # the log's copies of the texts are redacted too


@pytest.mark.sqlite_only("SQLCipher encrypts a database file")
def test_no_text_of_the_documentation_is_readable_in_an_encrypted_database_file(tmp_path, actor) -> None:
    """Issue 15, done when: ``strings`` on the database finds none of the texts (nor does it in the WAL)."""
    from pathlib import Path

    from coopdesk.core.exchange.importer import import_document
    from coopdesk.storage.database import open_database
    from coopdesk.storage.keyfile import new_database_key
    from tests.conftest import example_document

    def documented(path: Path, key: bytes | None) -> Database:
        db = open_database(str(path), key=key)
        with db.session() as session:
            import_document(session, example_document(), actor=actor, today=MONDAY)
        entry = write(db, text=texts[0])
        app(db, SARA, MONDAY).execute(NewPlanVersion(ANNA, [Goal(texts[1])], "Ja.", MONDAY))
        app(db, SARA, MONDAY).execute(AddDeviation(ANNA, MONDAY, "Sara", "avvikelse", texts[2]))
        app(db, SARA, MONDAY).execute(StrikeJournalEntry(entry, texts[3]))
        return db

    texts = ["Hemlig journaltext om Anna", "Hemligt mål i planen", "Hemlig avvikelse i verkstaden", "Hemligt skäl"]
    plain = documented(tmp_path / "plain.db", None)
    plain.close()
    shown = b"".join(p.read_bytes() for p in tmp_path.glob("plain.db*"))
    assert all(text.encode("utf-8") in shown for text in texts)  # the test means something: a plain file shows them
    path = tmp_path / "coopdesk.db"
    db = documented(path, new_database_key())
    files = [p for p in (path, Path(f"{path}-wal")) if p.exists()]
    for part in files:
        data = part.read_bytes()
        for text in texts:
            assert text.encode("utf-8") not in data and text.encode("utf-16-le") not in data, (part, text)
    assert app(db, SARA, MONDAY).execute(OpenJournal(ANNA)).result[0].text == texts[0]  # readable with the key
    db.close()
