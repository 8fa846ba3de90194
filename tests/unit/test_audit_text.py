"""The audit log in words a person reads (issue 12.7): every kind the code writes has a name and a
sentence; Före/Efter is field by field, in Swedish, with names instead of ids; exports and prints are
kinds of their own."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

import pytest

from coopdesk.core import audit_text
from coopdesk.core.audit import Actor
from coopdesk.core.services import attendance, audit_log, members
from coopdesk.storage.database import Database
from tests.unit.test_cli import run

CODE = Path(__file__).resolve().parents[2] / "coopdesk"
SARA = Actor("Sara Svensson")


def _strings(node: ast.expr) -> list[str]:
    """The literal values an argument can take: "update" if old else "create" → both."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    raise AssertionError(f"line {node.lineno}: an audit entry's action and entity must be literal text")


def _record_calls() -> list[ast.Call]:
    calls = []
    for path in CODE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = getattr(node, "func", None)
            if isinstance(func, ast.Attribute) and func.attr == "record" and getattr(func.value, "id", "") == "audit":
                calls.append(node)
    return calls


def kinds_written_by_the_code() -> set[tuple[str, str]]:
    """(entity, action) of every ``audit.record(...)`` call in coopdesk/."""
    found: set[tuple[str, str]] = set()
    for node in _record_calls():
        actions, entities = _strings(node.args[2]), _strings(node.args[3])
        found.update((entity, action) for entity in entities for action in actions)
    return found


def test_every_field_written_as_a_literal_has_a_swedish_name() -> None:
    """``new={"file": …}`` written at a call: "file" needs a name in FIELDS (snapshots are checked by
    the tests that describe stored entries)."""
    unnamed = []
    for node in _record_calls():
        [entity] = _strings(node.args[3])
        for keyword in node.keywords:
            if keyword.arg in ("old", "new") and isinstance(keyword.value, ast.Dict):
                for key in keyword.value.keys:
                    if isinstance(key, ast.Constant) and key.value not in audit_text.FIELDS.get(entity, {}):
                        unnamed.append(f"{entity}.{key.value} (line {node.lineno})")
    assert unnamed == []


def test_every_kind_the_code_writes_has_words() -> None:
    written = kinds_written_by_the_code()
    assert len(written) > 30  # the walk found the services' calls
    for needed in [("statement", "export"), ("statement", "print"), ("database", "export"), ("database", "backup")]:
        assert needed in written  # exports, prints and backups are kinds of their own
    for entity, action in sorted(written):
        for lang in ("sv", "en"):
            described = audit_text.describe(action, entity, actor="Sara Svensson", summary="x", lang=lang)
            assert not described.generic, f"{entity}.{action} has no {lang} text in core/audit_text.py"
            assert described.kind_name and "Okänd" not in described.kind_name


def test_an_attendance_change_reads_in_swedish() -> None:
    described = audit_text.describe(
        "update",
        "attendance",
        actor="Sara Svensson",
        summary="Anna Andersson 2026-05-21",
        old={"status": "present", "hours": {"Kopiering": "6"}},
        new={"status": "sick", "hours": {"Kopiering": "4.00"}},
    )
    assert described.kind_name == "Närvaro ändrad"
    assert described.sentence == "Sara Svensson ändrade närvaron: Anna Andersson 2026-05-21"
    assert described.summary == "Status: närvarande → sjuk; Kopiering 6,00 → 4,00 tim"
    assert [(c.field, c.before, c.after) for c in described.changes] == [
        ("Status", "närvarande", "sjuk"),
        ("Kopiering", "6,00 tim", "4,00 tim"),
    ]
    english = audit_text.describe("update", "attendance", actor="S", old={"status": "leave"}, new={"status": "sick"})
    assert english.summary == "Status: ledig → sjuk"
    assert audit_text.describe("update", "attendance", actor="S", new={}, old={}, lang="en").kind_name == (
        "Attendance changed"
    )


def test_ids_become_names_from_the_lookup_and_values_are_swedish() -> None:
    names = audit_text.Lookup(work_areas={1: "Kopiering", 2: "Glasverkstad"}, districts={3: "Norrmalm"})
    member = audit_text.describe(
        "update",
        "member",
        actor="S",
        old={"name": "Anna", "personal_number": "19800101-0019", "primary_work_area_id": 1},
        new={"name": "Anna", "personal_number": "19800101-0019", "primary_work_area_id": 2},
        lookup=names,
    )
    assert member.summary == "Huvudsakligt arbetsområde: Kopiering → Glasverkstad"
    assert [c.changed for c in member.changes] == [False, False, True]  # the detail shows every field
    tariff = audit_text.describe(
        "create",
        "tariff",
        actor="S",
        new={"valid_from": "2026-01-01", "kind": "per_day", "full_day_amount": "1400.00", "bands": []},
    )
    assert tariff.summary == "Gäller från: 2026-01-01; Ersättning: per dag; Belopp heldag: 1\u00a0400,00 kr"
    capacity = audit_text.describe("create", "capacity", actor="S", new={"percent": 50, "weekdays": [1, 3, 5]})
    assert capacity.summary == "Omfattning: 50 %; Planerade veckodagar: mån, ons, fre"
    unknown_id = audit_text.describe("create", "placement", actor="S", new={"district_id": 9}, lookup=names)
    assert unknown_id.summary == "Beställare: nr 9"


def test_an_unknown_kind_reads_as_words_not_json() -> None:
    described = audit_text.describe(
        "frobnicate", "gadget", actor="Sara", summary="x", old={"a_b": [1, 2]}, new={"a_b": {"c": 3}}
    )
    assert described.generic and described.kind_name == "Okänd händelse (frobnicate gadget)"
    assert described.summary == "a b: 1, 2 → c 3"
    for text in (described.summary, described.sentence, *(c.after for c in described.changes)):
        assert "{" not in text and '"' not in text and "[" not in text


def test_a_redacted_entry_stays_redacted() -> None:
    described = audit_text.describe("update", "attendance", actor="S", summary="[gallrad]")
    assert described.sentence == "S ändrade närvaron: [gallrad]" and described.summary == ""


def test_stored_entries_are_described_with_names(example_db: Database) -> None:
    with example_db.session() as session:
        attendance.register(session, SARA, 1, dt.date(2026, 5, 21), "present", {1: "6"})
    with example_db.session() as session:
        attendance.register(session, SARA, 1, dt.date(2026, 5, 21), "present", {1: "4"})
    with example_db.session() as session:
        members.update_member(session, SARA, 1, primary_work_area_id=2)
    with example_db.session() as session:
        names = audit_log.lookup(session)
        [member_change, hours_change] = audit_log.entries(session, kinds=["member.update", "attendance.update"])
        assert audit_text.describe_entry(hours_change, names).summary == "Kopiering 6,00 → 4,00 tim"
        text = audit_text.describe_entry(member_change, names)
        assert text.summary == f"Huvudsakligt arbetsområde: Kopiering → {names.work_areas[2]}"
        assert audit_log.kinds_matching("Närvaro ändrad") == ["attendance.update"]
        assert "statement.export" in audit_log.kinds_matching("export")


def test_the_audit_command_filters_by_kind_and_has_a_raw_form(example_db: Database, db_address: str) -> None:
    with example_db.session() as session:
        attendance.register(session, SARA, 1, dt.date(2026, 5, 21), "present", {1: "6"})
    with example_db.session() as session:
        attendance.register(session, SARA, 1, dt.date(2026, 5, 21), "sick")
    code, out, err = run("--lang", "sv", "--db", db_address, "audit", "--kind", "attendance.update")
    assert code == 0, err
    [line] = out.splitlines()
    assert line.endswith("Sara Svensson ändrade närvaron: Anna Andersson 2026-05-21 — Status: närvarande → sjuk; "
                         "Kopiering 6,00 tim → –")  # fmt: skip
    code, out, _ = run("--db", db_address, "audit", "--kind", "login", "--format", "json")
    entries = json.loads(out)
    assert entries and {e["action"] for e in entries} == {"login"}
    assert entries[0]["text"].endswith("logged in")
    code, _, err = run("--db", db_address, "audit", "--kind", "dansa")
    assert code == 1 and "dansa" in err


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_kind_names_for_the_filter(lang: str) -> None:
    names = audit_text.kind_names(lang)
    assert len(names) == len(audit_text.KINDS) and len({n for _k, n in names}) == len(names)
