"""Attested months never change (issue 13, point 6): the full-time week, the opening weekdays and the
supervisors' FTE are dated history, and a change that would alter an attested month is refused.

The example database has data in May 2026; October 2026 is attested here (as in the issue) with
Anna's placement running through it, so its statements have planned hours and funded hours.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from sqlalchemy import select

from coopdesk.core.audit import Actor
from coopdesk.core.calendar import Month
from coopdesk.core.errors import ConflictError, LockedMonthError
from coopdesk.core.exchange.exporter import export_document
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.models import AuditEntry, SettingsPeriod, Supervisor, SupervisorFte
from coopdesk.core.services import locks, lookups, members, settings, supervisors
from coopdesk.core.statement import statement_for
from coopdesk.reports.fingerprint import statement_fingerprint
from coopdesk.storage.database import Database
from tests.conftest import TODAY

A = Actor("Sara Svensson")
OCTOBER = Month(2026, 10)
NOVEMBER = Month(2026, 11)


def fingerprint(db: Database, month: Month, district: str = "Norrmalm") -> str:
    with db.session() as session:
        return statement_fingerprint(statement_for(session, district, month))


@pytest.fixture
def attested(example_db: Database) -> Database:
    """The example with October 2026 attested on 3 November."""
    with example_db.session() as session:
        locks.attest_month(session, A, OCTOBER, now=dt.datetime(2026, 11, 3, 10, 0))
    return example_db


def sara(db: Database) -> int:
    with db.session() as session:
        found = session.scalar(select(Supervisor.id).where(Supervisor.name == "Sara Svensson"))
        assert found is not None
        return found


# --- FTE -----------------------------------------------------------------------------------------


def test_lowering_an_fte_leaves_the_attested_october_as_printed(attested: Database) -> None:
    printed = fingerprint(attested, OCTOBER)
    with attested.session() as session:
        supervisors.update_supervisor(session, A, sara(attested), fte_percent=50, today=TODAY)
    assert fingerprint(attested, OCTOBER) == printed  # the printed kontrollsumma still verifies
    with attested.session() as session:
        october = statement_for(session, "Norrmalm", OCTOBER).supervisors
        november = statement_for(session, "Norrmalm", NOVEMBER).supervisors
    assert october is not None and november is not None
    assert [(r.fte_percent, r.funded_hours) for r in october.rows] == [(100, Fraction(40, 5) * 22)]
    assert [(r.fte_percent, r.funded_hours) for r in november.rows] == [(50, Fraction(20, 5) * 21)]  # 21 working days


def test_an_fte_change_inside_an_attested_month_is_refused_naming_the_month(attested: Database) -> None:
    printed = fingerprint(attested, OCTOBER)
    with pytest.raises(LockedMonthError) as info, attested.session() as session:
        supervisors.update_supervisor(session, A, sara(attested), fte_percent=50, valid_from=dt.date(2026, 10, 15))
    assert info.value.field == "valid_from"
    assert "Oktober 2026 är attesterad" in info.value.sv
    assert "Ändringen kan gälla från och med 2026-11-01." in info.value.sv
    assert "October 2026 was attested" in info.value.en
    assert fingerprint(attested, OCTOBER) == printed
    with attested.session() as session:
        assert session.scalar(select(SupervisorFte.fte_percent).where(SupervisorFte.supervisor_id == sara(attested)))
        assert len(supervisors.fte_history(session, sara(attested))) == 1


def test_a_change_ending_before_an_attested_month_is_allowed(attested: Database) -> None:
    """A dated change holds until the next dated value: one that ends before October does not touch it."""
    sid = sara(attested)
    with attested.session() as session:  # reopened and changed again later: 80 % from 1 October
        locks.reopen_month(session, A, OCTOBER, "fel")
        supervisors.update_supervisor(session, A, sid, fte_percent=80, valid_from=dt.date(2026, 10, 1))
        locks.attest_month(session, A, OCTOBER, now=dt.datetime(2026, 11, 3, 10, 0))
    printed = fingerprint(attested, OCTOBER)
    with attested.session() as session:  # 60 % in June–September: October keeps its 80 %
        supervisors.update_supervisor(session, A, sid, fte_percent=60, valid_from=dt.date(2026, 6, 1))
        assert supervisors.fte_history(session, sid) == [
            (dt.date(1900, 1, 1), 100),
            (dt.date(2026, 6, 1), 60),
            (dt.date(2026, 10, 1), 80),
        ]
    assert fingerprint(attested, OCTOBER) == printed


def test_the_same_fte_again_changes_nothing_and_logs_nothing(attested: Database) -> None:
    sid = sara(attested)
    with attested.session() as session:
        before = session.scalar(select(Supervisor.version).where(Supervisor.id == sid))
        entries = session.query(AuditEntry).count()
        supervisors.update_supervisor(session, A, sid, name="Sara Svensson", fte_percent=100, today=TODAY)
    with attested.session() as session:
        assert session.scalar(select(Supervisor.version).where(Supervisor.id == sid)) == before
        assert session.query(AuditEntry).count() == entries
        assert len(supervisors.fte_history(session, sid)) == 1


def test_an_fte_change_is_logged_with_its_date_and_moves_the_supervisors_version(attested: Database) -> None:
    sid = sara(attested)
    with attested.session() as session:
        version = session.scalar(select(Supervisor.version).where(Supervisor.id == sid))
        supervisors.update_supervisor(session, A, sid, fte_percent=75, today=TODAY)
    with attested.session() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None and entry.entity == "supervisor" and entry.action == "update"
        assert '"valid_from": "2026-11-01"' in (entry.new or "") and '"fte_percent": 75' in (entry.new or "")
        assert '"fte_percent": 100' in (entry.old or "")
    # A form opened before the change (the old version) cannot overwrite it.
    with pytest.raises(ConflictError), attested.session() as session:
        supervisors.update_supervisor(session, A, sid, fte_percent=90, expected_version=version, today=TODAY)
    with attested.session() as session:  # the same date again: that entry changes, no second one
        supervisors.update_supervisor(session, A, sid, fte_percent=70, valid_from=dt.date(2026, 11, 1))
        assert supervisors.fte_history(session, sid)[-1] == (dt.date(2026, 11, 1), 70)


def test_a_new_supervisor_does_not_appear_in_an_attested_month(attested: Database) -> None:
    printed = fingerprint(attested, OCTOBER)
    with attested.session() as session:
        supervisors.add_supervisor(session, A, "Olle Ek", 75)
    assert fingerprint(attested, OCTOBER) == printed
    with attested.session() as session:
        november = statement_for(session, "Norrmalm", NOVEMBER).supervisors
        assert november is not None and [r.name for r in november.rows] == ["Olle Ek", "Sara Svensson"]
    with pytest.raises(LockedMonthError) as info, attested.session() as session:
        supervisors.add_supervisor(session, A, "Pia Ek", 50, valid_from=dt.date(2026, 10, 1))
    assert "Oktober 2026 är attesterad" in info.value.sv


# --- the full-time week and the opening weekdays --------------------------------------------------


def save_week(db: Database, **changes: object) -> None:
    with db.session() as session:
        coop = lookups.cooperative(session)
        settings.save_cooperative(session, A, name=coop.name, org_number=coop.org_number, **changes)  # type: ignore[arg-type]


def test_a_shorter_full_time_week_leaves_the_attested_october_as_printed(attested: Database) -> None:
    printed = fingerprint(attested, OCTOBER)
    save_week(attested, full_time_hours_per_week="38", today=TODAY)
    assert fingerprint(attested, OCTOBER) == printed
    with attested.session() as session:
        october = statement_for(session, "Norrmalm", OCTOBER)
        november = statement_for(session, "Norrmalm", NOVEMBER)
    # Anna: 75 % Mon–Thu, 40 h → 7.5 h a day in October; 38 h → 7.125 h a day in November
    assert october.rows[0].planned_hours == Fraction(15, 2) * october.rows[0].planned_days
    assert november.rows[0].planned_hours == Fraction(57, 8) * november.rows[0].planned_days
    with attested.session() as session:
        assert [(w.valid_from, w.full_time_week) for w in lookups.settings_history(session)] == [
            (dt.date(1900, 1, 1), Decimal(40)),
            (dt.date(2026, 11, 1), Decimal(38)),
        ]


def test_a_full_time_week_inside_an_attested_month_is_refused(attested: Database) -> None:
    printed = fingerprint(attested, OCTOBER)
    with pytest.raises(LockedMonthError) as info:
        save_week(attested, full_time_hours_per_week="38", valid_from=dt.date(2026, 1, 1))
    assert info.value.sv.startswith("April 2026 är attesterad")  # the first attested month it reaches
    assert "Ändringen kan gälla från och med 2026-11-01." in info.value.sv
    assert fingerprint(attested, OCTOBER) == printed
    with attested.session() as session:
        assert session.query(SettingsPeriod).count() == 1


def test_closing_fridays_from_november_leaves_october_open_on_fridays(attested: Database) -> None:
    printed = fingerprint(attested, OCTOBER)
    save_week(attested, opening_weekdays=[1, 2, 3, 4], today=TODAY)
    assert fingerprint(attested, OCTOBER) == printed
    with attested.session() as session:
        assert statement_for(session, "Norrmalm", OCTOBER).open_days == 22
        assert statement_for(session, "Norrmalm", NOVEMBER).open_days == 17  # 21 working days, 4 Fridays
        plan = lookups.work_plan(session)
        assert plan.calendar.is_open_day(dt.date(2026, 10, 30)) and not plan.calendar.is_open_day(dt.date(2026, 11, 6))
        # a capacity from December must keep to the weekdays open then
        anna = members.members(session)[0].id
        period = members.add_capacity_period(session, A, anna, dt.date(2026, 12, 1), 50)
        assert period.weekdays == frozenset({1, 2, 3, 4})


def test_a_new_host_district_takes_the_supervisors_from_november_not_from_october(attested: Database) -> None:
    printed = fingerprint(attested, OCTOBER)
    with attested.session() as session:
        sodermalm = next(d.id for d in lookups.districts(session) if d.name == "Södermalm")
    save_week(attested, host_district_id=sodermalm, today=TODAY)
    assert fingerprint(attested, OCTOBER) == printed
    with attested.session() as session:
        assert statement_for(session, "Norrmalm", OCTOBER).supervisors is not None
        assert statement_for(session, "Södermalm", OCTOBER).supervisors is None
        assert statement_for(session, "Norrmalm", NOVEMBER).supervisors is None
        assert statement_for(session, "Södermalm", NOVEMBER).supervisors is not None
    with pytest.raises(LockedMonthError) as info:
        save_week(attested, host_district_id=None, valid_from=dt.date(2026, 10, 1))
    assert info.value.sv.startswith("Oktober 2026 är attesterad")


def test_a_first_save_of_a_new_database_holds_from_the_start(db: Database) -> None:
    with db.session() as session:
        settings.save_cooperative(session, A, name="Nytt kooperativ", full_time_hours_per_week="37.5")
    with db.session() as session:
        assert [(w.valid_from, w.full_time_week) for w in lookups.settings_history(session)] == [
            (dt.date(1900, 1, 1), Decimal("37.5"))
        ]


# --- interchange ----------------------------------------------------------------------------------


def test_coopdesk_1_carries_the_values_in_force_and_round_trips(attested: Database, new_db) -> None:
    from coopdesk.storage.database import open_database

    save_week(attested, full_time_hours_per_week="38", today=TODAY)
    with attested.session() as session:
        supervisors.update_supervisor(session, A, sara(attested), fte_percent=80, today=TODAY)
        document = export_document(session, today=TODAY)
        earlier = export_document(session, today=dt.date(2026, 10, 31))
    assert document["cooperative"]["full_time_hours_per_week"] == "38"
    assert document["supervisors"][0]["fte_percent"] == 80
    assert earlier["cooperative"]["full_time_hours_per_week"] == "40"
    assert earlier["supervisors"][0]["fte_percent"] == 100
    assert set(document["cooperative"]) == set(earlier["cooperative"])  # no new keys in coopdesk/1
    copy = open_database(new_db("copy.db"))
    try:
        with copy.session() as session:
            import_document(session, document, actor=A, today=TODAY)
        with copy.session() as session:
            assert export_document(session, today=TODAY) == document
            assert [w.valid_from for w in lookups.settings_history(session)] == [dt.date(1900, 1, 1)]
    finally:
        copy.close()


def test_migration_0006_goes_down_and_up_with_the_values(example_db: Database) -> None:
    """On both backends: down to 0005 the columns come back with the values in force today (the
    example: 40 h, Monday–Friday, Norrmalm, Sara 100 %), and up again they are the histories' first
    entries, valid from 1900-01-01."""
    import sqlalchemy as sa
    from alembic import command

    from coopdesk.storage.database import alembic_config

    config = alembic_config(example_db.engine)
    with example_db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    with example_db.engine.connect() as connection:
        coop = connection.execute(
            sa.text("SELECT opening_weekdays, full_time_hours_per_week, host_district_id FROM cooperative")
        ).all()
        ftes = connection.execute(sa.text("SELECT name, fte_percent FROM supervisor")).all()
        norrmalm = connection.execute(sa.text("SELECT id FROM district WHERE name = 'Norrmalm'")).scalar()
    assert [tuple(row) for row in coop] == [("12345", 4000, norrmalm)]
    assert [tuple(row) for row in ftes] == [("Sara Svensson", 100)]
    with example_db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with example_db.session() as session:
        assert lookups.settings_history(session) == [
            lookups.SettingsSpan(dt.date(1900, 1, 1), Decimal(40), frozenset({1, 2, 3, 4, 5}), norrmalm)
        ]
        assert list(lookups.fte_history(session).values()) == [[(dt.date(1900, 1, 1), 100)]]
