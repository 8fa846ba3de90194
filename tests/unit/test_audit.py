"""The audit log: every change and every opened file is written; it can be read by member, user, period."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from coopdesk.core.audit import Actor
from coopdesk.core.models import AuditEntry
from coopdesk.core.services import attendance, audit_log, members
from tests.unit.test_cli import run

SARA, KIM = Actor("Sara Svensson"), Actor("Kim Berg")


def test_changes_and_reads_name_the_member_and_the_user(example_db) -> None:
    with example_db.session() as session:
        attendance.register(session, SARA, 1, dt.date(2026, 5, 21), "sick")
    with example_db.session() as session:
        members.open_record(session, KIM, 1)
    with example_db.session() as session:
        about_anna = audit_log.entries(session, member_ids=audit_log.member_ids_matching(session, "anna"))
        assert [(e.actor, e.action, e.entity) for e in about_anna] == [
            ("Kim Berg", "read", "member"),
            ("Sara Svensson", "create", "attendance"),
        ]
        change = about_anna[1]
        assert change.old is None and '"status": "sick"' in change.new
        assert audit_log.describe_sv(about_anna[0]) == "Kim Berg öppnade medlemsakten för Anna Andersson"
        by_kim = audit_log.entries(session, actor="Kim")
        assert [e.action for e in by_kim] == ["read"]
        assert audit_log.entries(session, member_ids=audit_log.member_ids_matching(session, "19800101"))


def test_a_period_filter_is_inclusive_of_the_last_day(example_db) -> None:
    today = dt.date.today()
    with example_db.session() as session:
        everything = audit_log.entries(session)
        assert audit_log.entries(session, first=today, last=today) == everything
        assert audit_log.entries(session, last=today - dt.timedelta(days=1)) == []


def test_the_audit_command(example_db, db_address: str) -> None:
    with example_db.session() as session:
        attendance.register(session, SARA, 1, dt.date(2026, 5, 21), "sick")
    db = db_address
    code, out, _ = run("--lang", "sv", "--db", db, "audit", "--member", "Andersson")
    assert code == 0 and "Sara Svensson registrerade närvaron: Anna Andersson 2026-05-21 — Status: sjuk" in out
    code, out, _ = run("--db", db, "audit", "--by", "nobody")
    assert code == 0 and "No entries match" in out
    code, _, err = run("--db", db, "audit", "--from", "2026-13-01")
    assert code == 1 and "2026-13-01" in err
    code, _, err = run("--db", db, "audit", "--member", "Zlatan")
    assert code == 1 and "Zlatan" in err


def test_every_service_change_writes_exactly_one_entry_in_the_same_transaction(example_db) -> None:
    with example_db.session() as session:
        before = len(list(session.scalars(select(AuditEntry))))
    try:
        with example_db.session() as session:
            attendance.register(session, SARA, 1, dt.date(2026, 5, 21), "sick")
            raise RuntimeError("the unit of work fails after the change")
    except RuntimeError:
        pass
    with example_db.session() as session:  # neither the change nor its entry was kept
        assert len(list(session.scalars(select(AuditEntry)))) == before
        assert attendance.find(session, 1, dt.date(2026, 5, 21)) is None
