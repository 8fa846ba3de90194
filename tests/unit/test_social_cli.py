"""``coopdesk journal|plan|deviation|todo`` (issue 15): the same commands as the member's window, reads
logged, refusals as clear messages."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from coopdesk.app.application import Application
from coopdesk.app.social import AddDeviation, Goal, NewPlanVersion
from coopdesk.app.todo import TodoList
from coopdesk.core.actor import Actor
from coopdesk.core.models import AuditEntry
from coopdesk.core.services import members
from coopdesk.storage.database import Database, open_database
from tests.unit.test_cli import example_file_db, run  # noqa: F401  - the fixture is used by name

ANNA = "Anna Andersson"


def test_write_list_and_strike_a_journal_entry(example_file_db: str) -> None:  # noqa: F811
    db = example_file_db
    today = dt.date.today().isoformat()
    code, out, err = run(
        "--db",
        db,
        "journal",
        "add",
        "--member",
        ANNA,
        "--type",
        "samtal",
        "--date",
        today,
        "--text",
        "Anna berättade om veckan.",
    )
    assert code == 0, err
    entry = int(out.split()[-1].rstrip("."))
    code, out, err = run(
        "--db",
        db,
        "journal",
        "strike",
        "--entry",
        str(entry),
        "--reason",
        "Fel dag.",
        "--replacement",
        "Anna berättade om helgen.",
    )
    assert code == 0, err
    code, out, err = run("--db", db, "journal", "list", "--member", "Anna", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["text"] for r in rows] == ["Anna berättade om helgen.", "Anna berättade om veckan."]
    assert rows[1]["struck"]["reason"] == "Fel dag." and rows[0]["replaces"] == entry
    assert rows[1]["author"] == "admin.test"  # the import made its administrator with the login as name
    code, out, _ = run("--db", db, "journal", "list", "--member", "Anna", "--from", "2000-01-01", "--to", "2000-12-31")
    assert code == 0 and out == ""
    code, _, err = run("--db", db, "journal", "add", "--member", ANNA, "--type", "fika", "--date", today, "--text", "x")
    assert code == 1 and "The entry type 'fika' does not exist" in err
    database = open_database(db, create=False, check=False)
    with database.session() as session:
        opened = session.scalars(select(AuditEntry.summary).where(AuditEntry.action == "read")).all()
    database.close()
    assert opened.count("Journal: Anna Andersson") == 2  # both lists, the empty one too


def test_a_plan_written_followed_up_and_shown(example_file_db: str) -> None:  # noqa: F811
    db = example_file_db
    code, out, err = run(
        "--db",
        db,
        "plan",
        "add",
        "--member",
        ANNA,
        "--goal",
        "Komma i tid|Sms-påminnelse|Sara|Kort samtal|Varje morgon",
        "--goal",
        "Lära sig kassan",
        "--participation",
        "Anna vill börja i kaffestugan.",
        "--follow-up",
        "2027-03-01",
    )
    assert code == 0, err
    code, out, err = run("--db", db, "plan", "follow-up", "--member", ANNA, "--note", "Halvvägs.")
    assert code == 0, err
    code, out, err = run("--db", db, "plan", "show", "--member", ANNA, "--format", "json")
    assert code == 0, err
    plan = json.loads(out)
    assert plan["in_force"]["status"] == "followed_up" and plan["in_force"]["follow_up_note"] == "Halvvägs."
    assert plan["in_force"]["goals"][0] == {
        "goal": "Komma i tid",
        "support": "Sms-påminnelse",
        "who": "Sara",
        "how": "Kort samtal",
        "when": "Varje morgon",
    }
    assert plan["in_force"]["goals"][1]["support"] == ""
    code, out, _ = run("--db", db, "plan", "show", "--member", ANNA)
    assert "Version 1 (Uppföljd)" in out and "Insats: Sms-påminnelse" in out


def test_a_lex_sarah_report_is_on_att_gora_until_marked_sent(example_file_db: str) -> None:  # noqa: F811
    db = example_file_db
    today = dt.date.today()
    code, out, err = run(
        "--db",
        db,
        "deviation",
        "add",
        "--member",
        ANNA,
        "--date",
        today.isoformat(),
        "--reported-by",
        "Kim",
        "--category",
        "lex_sarah_misconduct",
        "--description",
        "Ensam.",
    )
    assert code == 0, err
    case = int(out.split()[-1].rstrip("."))
    code, out, _ = run("--db", db, "todo", "--format", "json")
    due = (today + dt.timedelta(days=14)).isoformat()
    assert [i for i in json.loads(out) if i["kind"] == "ivo_report"] == [
        {
            "kind": "ivo_report",
            "text": f"Lex Sarah (Anna Andersson, rapporterad {today}): anmäl till IVO senast {due}",
            "due": due,
            "overdue": False,
            "target": f"deviation:{case}",
            "member_id": 1,
        }
    ]
    code, out, err = run(
        "--db", db, "deviation", "update", "--id", str(case), "--ivo-sent", today.isoformat(), "--status", "utredd"
    )
    assert code == 0, err
    code, out, _ = run("--db", db, "todo", "--format", "json")
    assert not [i for i in json.loads(out) if i["kind"] == "ivo_report"]
    code, out, _ = run("--db", db, "deviation", "list", "--format", "json")
    [row] = json.loads(out)
    assert row["status"] == "investigated" and row["ivo_sent_on"] == today.isoformat() and row["ivo_due"] is None


def test_att_gora_has_one_line_of_each_kind_on_a_fixture(example_db: Database, actor: Actor) -> None:
    """The example (Anna: placement since 2026-01-01, May not attested) and a second member with a plan
    due and a decision ending; a lex Sarah report; seen on 2026-06-10."""
    today = dt.date(2026, 6, 10)
    with example_db.session() as session:
        bo = members.add_member(session, actor, "Bo Berg", "19900101-0017", today=today)
        members.add_placement(session, actor, bo.id, 1, "NOR-2026-0099", dt.date(2026, 5, 4), dt.date(2026, 6, 30))
        bo_id = bo.id
    app = Application(example_db, actor, clock=lambda: today)
    app.execute(NewPlanVersion(bo_id, [Goal("Mål")], "Ja.", dt.date(2026, 6, 1)))
    app.execute(AddDeviation(None, dt.date(2026, 6, 1), "Kim", "lex_sarah_risk", "Trasig trappa."))
    items = app.read(TodoList(actor))
    by_kind = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    assert set(by_kind) >= {
        "plan_missing",
        "plan_follow_up",
        "decision_ending",
        "ivo_report",
        "unregistered_days",
        "month_not_attested",
    }
    [missing] = by_kind["plan_missing"]
    assert missing.target == "member:1:plan" and missing.overdue and missing.due == dt.date(2026, 1, 31)
    [follow] = by_kind["plan_follow_up"]
    assert follow.text == "Bo Berg: följ upp genomförandeplanen (version 1)" and follow.overdue
    [ending] = by_kind["decision_ending"]
    assert ending.due == dt.date(2026, 6, 30) and ending.target == f"member:{bo_id}:placements" and not ending.overdue
    [ivo] = by_kind["ivo_report"]
    assert ivo.due == dt.date(2026, 6, 15) and "hela kooperativet" in ivo.text
    [month] = by_kind["month_not_attested"]
    assert month.text == "Maj 2026 är inte attesterad" and month.target == "month:2026-05"
    # Anna is planned Mon–Thu: 3, 4, 8 and 9 June (Bo has no capacity, so no planned days)
    assert [i.target for i in by_kind["unregistered_days"]] == [
        "day:2026-06-03",
        "day:2026-06-04",
        "day:2026-06-08",
        "day:2026-06-09",
    ]
    assert items[0].overdue and not items[-1].overdue  # overdue first
    # on the 5th the month is not yet due; a plan followed up leaves the list
    assert "month_not_attested" not in {
        i.kind for i in Application(example_db, actor, clock=lambda: dt.date(2026, 6, 5)).read(TodoList(actor))
    }


def test_the_documentation_goes_through_export_and_import_on_the_command_line(
    example_file_db: str,  # noqa: F811
    tmp_path,
    new_db,
) -> None:
    today = dt.date.today().isoformat()
    for args in (
        ("journal", "add", "--member", ANNA, "--type", "samtal", "--date", today, "--text", "Skrivs fel."),
        ("journal", "strike", "--entry", "1", "--reason", "Fel medlem.", "--replacement", "Rätt text."),
        (
            "plan",
            "add",
            "--member",
            ANNA,
            "--goal",
            "Mål|Stöd|Vem|Hur|När",
            "--participation",
            "Ja.",
            "--follow-up",
            today,
        ),
        (
            "deviation",
            "add",
            "--member",
            ANNA,
            "--date",
            today,
            "--reported-by",
            "Kim",
            "--category",
            "lex sarah: påtaglig risk för missförhållande",
            "--description",
            "Dörren var olåst.",
        ),
    ):
        code, _, err = run("--db", example_file_db, *args)
        assert code == 0, err
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    code, _, err = run("--db", example_file_db, "export", "-o", str(first))
    assert code == 0 and "social documentation" not in err, err
    document = json.loads(first.read_text(encoding="utf-8"))
    assert [e["text"] for e in document["journal"]] == ["Skrivs fel.", "Rätt text."]
    assert document["journal"][1]["replaces"] == "j1" and document["care_plans"][0]["goals"][0]["when"] == "När"
    assert document["deviations"][0]["category"] == "lex_sarah_risk"
    copy = new_db("copy.db")
    code, out, err = run("--db", copy, "import", str(first))
    assert code == 0 and "4 plans, journal entries and deviations" in out, err
    assert run("--db", copy, "export", "-o", str(second))[0] == 0
    assert json.loads(second.read_text(encoding="utf-8")) == document
    code, out, err = run("--db", copy, "journal", "list", "--member", ANNA, "--format", "json")
    assert code == 0 and "Fel medlem." in out, err


def test_the_register_extract_json_and_pdf_hold_the_documentation(example_file_db: str, tmp_path) -> None:  # noqa: F811
    import io

    import pypdf

    db = example_file_db
    today = dt.date.today().isoformat()
    for args in (
        ("journal", "add", "--member", ANNA, "--type", "samtal", "--date", today, "--text", "Journaltext i utdraget."),
        (
            "plan",
            "add",
            "--member",
            ANNA,
            "--goal",
            "Mål i utdraget|Stöd",
            "--participation",
            "Ja.",
            "--follow-up",
            today,
        ),
        (
            "deviation",
            "add",
            "--member",
            ANNA,
            "--date",
            today,
            "--reported-by",
            "Kim",
            "--category",
            "klagomål",
            "--description",
            "Klagomål i utdraget.",
        ),
    ):
        code, _, err = run("--db", db, *args)
        assert code == 0, err
    code, _, err = run("--db", db, "member-export", "--member", ANNA, "-o", str(tmp_path / "r.json"))
    assert code == 0, err
    record = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert record["journal"][0]["text"] == "Journaltext i utdraget."
    assert record["plans"][0]["goals"] == [
        {"goal": "Mål i utdraget", "support": "Stöd", "who": "", "how": "", "when": ""}
    ]
    assert record["deviations"][0]["category"] == "complaint"
    code, _, err = run("--db", db, "member-export", "--member", ANNA, "-o", str(tmp_path / "r.pdf"))
    assert code == 0, err
    reader = pypdf.PdfReader(io.BytesIO((tmp_path / "r.pdf").read_bytes()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for expected in ("Genomförandeplaner", "Mål i utdraget", "Journaltext i utdraget.", "Klagomål i utdraget."):
        assert expected in text, expected


def test_the_personakt_on_the_command_line_is_the_windows_print_and_logged(
    example_file_db: str,  # noqa: F811
    tmp_path,
) -> None:
    import io

    import pypdf

    db = example_file_db
    today = dt.date.today().isoformat()
    for args in (
        (
            "journal",
            "add",
            "--member",
            ANNA,
            "--type",
            "samtal",
            "--date",
            today,
            "--text",
            "Anna berättade om veckan.",
        ),
        (
            "plan",
            "add",
            "--member",
            ANNA,
            "--goal",
            "Baka bröd|Handledning",
            "--participation",
            "Ja.",
            "--follow-up",
            today,
        ),
        (
            "deviation",
            "add",
            "--member",
            ANNA,
            "--date",
            today,
            "--reported-by",
            "Kim",
            "--category",
            "avvikelse",
            "--description",
            "Ugnen var trasig.",
        ),
    ):
        code, _, err = run("--db", db, *args)
        assert code == 0, err
    target = tmp_path / "akt.pdf"
    code, out, err = run("--db", db, "personakt", "--member", ANNA, "-o", str(target))
    assert code == 0 and "Wrote the personakt of Anna Andersson" in out, err
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(target.read_bytes())).pages)
    for wanted in (
        "Personakt",
        "Anna Andersson",
        "Baka bröd",
        "Anna berättade om veckan.",
        "Ugnen var trasig.",
        "Sida 1",
    ):
        assert wanted in text, wanted
    code, _, err = run("--db", db, "personakt", "--member", ANNA, "-o", str(target))
    assert code != 0 and "--force" in err  # an existing file, as for every output
    if not db.startswith("postgresql"):
        code, _, err = run("--db", db, "personakt", "--member", ANNA, "-o", db, "--force")
        assert code != 0 and target.exists()
    database = open_database(db, create=False, check=False)
    try:
        with database.session() as session:
            printed = list(
                session.scalars(
                    select(AuditEntry.summary).where(AuditEntry.action == "print", AuditEntry.entity == "documentation")
                )
            )
    finally:
        database.close()
    assert printed == ["Personakt: Anna Andersson"]
