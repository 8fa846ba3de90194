"""The year in figures (domain.md §8, interchange.md §4): a hand-computed year figure by figure, and the
figures of the demo database against its monthly statements."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from coopdesk import cli
from coopdesk.core.actor import Actor
from coopdesk.core.calendar import Month
from coopdesk.core.demo import demo_document
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.services import lookups
from coopdesk.core.statement import compute_statement, load_inputs, statements_for_all
from coopdesk.core.yearly import age_band, yearly_figures
from coopdesk.reports.statement_json import statement_document
from coopdesk.reports.yearly_json import yearly_document
from coopdesk.storage.database import Database
from tests.conftest import TODAY
from tests.unit import fixture_year

D = dt.date

# month, attested, members, open days, planned, attended, rate, attended/extra/sick/notified/unnotified/leave/
# unregistered days, hours by work area — worked out in fixture_year.py's terms
MONTHS = [
    ("2025-01", True, 3, 21, "38.67", "5.00", "12.9", (2, 0, 1, 0, 0, 0, 14), {"Kopiering": "5.00"}),
    ("2025-02", True, 4, 20, "64.00", "4.25", "6.6", (1, 0, 0, 0, 0, 0, 23), {"Kopiering": "4.25"}),
    ("2025-03", False, 4, 21, "77.33", "0.00", "0.0", (0, 0, 1, 0, 0, 0, 27), {}),
    ("2025-04", False, 3, 20, "41.33", "0.00", "0.0", (0, 0, 0, 0, 0, 0, 19), {}),
    ("2025-05", False, 3, 20, "48.00", "5.00", "10.4", (1, 0, 0, 1, 1, 1, 16), {"Glasverkstad": "5.00"}),
    ("2025-06", False, 2, 19, "37.33", "0.00", "0.0", (0, 0, 0, 0, 0, 0, 18), {}),
    ("2025-07", False, 2, 23, "34.67", "6.25", "18.0", (2, 1, 0, 0, 0, 0, 17), {"Kaffestuga": "6.25"}),
    ("2025-08", False, 2, 21, "32.00", "0.00", "0.0", (0, 0, 0, 0, 0, 0, 16), {}),
    ("2025-09", False, 2, 22, "38.67", "0.00", "0.0", (0, 0, 0, 0, 0, 0, 19), {}),
    ("2025-10", False, 3, 23, "49.33", "3.00", "6.1", (1, 0, 0, 0, 0, 0, 20), {"Glasverkstad": "3.00"}),
    ("2025-11", False, 3, 20, "48.00", "0.00", "0.0", (0, 0, 0, 0, 0, 0, 20), {}),
    ("2025-12", False, 3, 19, "57.33", "2.00", "3.5", (1, 1, 0, 0, 0, 0, 23), {"Kopiering": "2.00"}),
]
DAYS = ("attended_days", "extra_days", "sick_days", "notified_absence_days", "unnotified_absence_days",
        "leave_days", "unregistered_days")  # fmt: skip


def _month(month, attested, members, open_days, planned, attended, rate, days, areas) -> dict:
    return {
        "month": month,
        "attested": attested,
        "members": members,
        "open_days": open_days,
        "planned_hours": planned,
        "attended_hours": attended,
        "attendance_rate": rate,
        **dict(zip(DAYS, days, strict=True)),
        "hours_by_work_area": areas,
    }


EXPECTED_2025 = {
    "format": "coopdesk-yearly/1",
    "cooperative": "Kooperativet Året",
    "year": 2025,
    "members": {
        "total": 5,
        "by_gender": {"kvinna": 3, "man": 2},
        # Cecilia 24 (a samordningsnummer: born the 5th, not the 65th), Frida 30, Bertil 35, Anna 45, David 65
        "by_age": {"-24": 1, "25-34": 1, "35-44": 1, "45-54": 1, "55-64": 0, "65-": 1},
        "by_district": {"Kungsholmen": 1, "Norrmalm": 3, "Södermalm": 2},  # Anna, who moved, in both
        "came": 2,  # Frida in February, Cecilia in October; Anna's move is not a coming
        "left": 2,  # Bertil for work, Frida without a reason; Anna's move is not a leaving
        "left_by_reason": {"work": 1, "unknown": 1},
    },
    "months": [_month(*m) for m in MONTHS],
    "totals": {
        # the sum of the printed months (202.66 of David's, not the year's exact 202.67)
        "planned_hours": "566.66",
        "attended_hours": "25.50",
        "attendance_rate": "4.5",
        "attended_days": 8,
        "extra_days": 2,  # Anna on Saturday 12 July, David on nyårsafton
        "sick_days": 2,
        "notified_absence_days": 1,
        "unnotified_absence_days": 1,
        "leave_days": 1,
        "unregistered_days": 232,  # 243 planned days, 11 of them with a record
        "hours_by_work_area": {"Glasverkstad": "8.00", "Kaffestuga": "6.25", "Kopiering": "11.25"},
    },
    "supervisors": {
        "funded_hours": "1992.00",  # 249 working days × 8 h
        "worked_hours": "10.50",
        "absence_hours": "8.00",
        "hours_by_activity": {
            "supervision": "8.00",
            "administration": "2.50",
            "training": "0.00",
            "vacation": "8.00",
            "sick": "0.00",
        },
    },
    # Norrmalm: half days in January (Anna 3.5 h, David 1.5 h), Bertil's full day in May, David's half
    # day on 31 December; Södermalm: 4.25 h and 6.25 h at 100 kr; Kungsholmen has no tariff.
    "amounts_by_district": {"Kungsholmen": None, "Norrmalm": "1200.00", "Södermalm": "1050.00"},
}


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def year_db(db: Database, actor: Actor) -> Database:
    with db.session() as session:
        import_document(session, fixture_year.document(), actor=actor, today=TODAY)
    return db


def test_the_hand_computed_year_figure_by_figure(year_db: Database) -> None:
    with year_db.session() as session:
        document = yearly_document(yearly_figures(session, 2025))
    for key in EXPECTED_2025:
        if key != "months":
            assert document[key] == EXPECTED_2025[key], key
    for got, expected in zip(document["months"], EXPECTED_2025["months"], strict=True):
        assert got == expected, expected["month"]
    assert document == EXPECTED_2025
    assert list(document) == list(EXPECTED_2025)  # the keys in interchange.md's order


def test_the_year_before_and_after(year_db: Database) -> None:
    with year_db.session() as session:
        before = yearly_document(yearly_figures(session, 2024))
        empty = yearly_document(yearly_figures(session, 2019))
    # 2024: Anna (who came on 1 January), Bertil, David and Erik (who left for studies)
    assert before["members"]["total"] == 4
    assert (before["members"]["came"], before["members"]["left"]) == (1, 1)
    assert before["members"]["left_by_reason"] == {"studies": 1}
    assert before["members"]["by_age"]["65-"] == 0 and before["members"]["by_age"]["55-64"] == 1  # David 64
    # a year with nothing: every key there, zeros and empty objects; the rate does not apply
    assert empty["members"] == {
        "total": 0,
        "by_gender": {"kvinna": 0, "man": 0},
        "by_age": dict.fromkeys(["-24", "25-34", "35-44", "45-54", "55-64", "65-"], 0),
        "by_district": {},
        "came": 0,
        "left": 0,
        "left_by_reason": {},
    }
    assert len(empty["months"]) == 12 and empty["totals"]["attendance_rate"] is None
    assert empty["totals"]["planned_hours"] == "0.00" and empty["amounts_by_district"] == {}
    assert empty["supervisors"]["funded_hours"] != "0.00"  # Sara's FTE still funds hours


@pytest.mark.parametrize(
    "age, band",
    [
        (0, "-24"),
        (24, "-24"),
        (25, "25-34"),
        (34, "25-34"),
        (35, "35-44"),
        (54, "45-54"),
        (55, "55-64"),
        (64, "55-64"),
        (65, "65-"),
        (99, "65-"),
    ],
)
def test_age_bands(age: int, band: str) -> None:
    assert age_band(age) == band


def test_report_yearly_on_the_command_line(year_db: Database, db_address: str, tmp_path: Path) -> None:
    code, out, err = run("--db", db_address, "report", "yearly", "--year", "2025")
    assert code == 0, err
    assert json.loads(out) == EXPECTED_2025
    target = tmp_path / "år.json"
    code, out, err = run("--db", db_address, "report", "yearly", "--year", "2025", "-o", str(target))
    assert code == 0, err
    assert json.loads(target.read_text(encoding="utf-8")) == EXPECTED_2025
    code, _out, err = run("--db", db_address, "report", "yearly", "--year", "2025", "--format", "pdf")
    assert code != 0 and "-o" in err
    with year_db.session() as session:
        from coopdesk.core.services import audit_log

        logged = audit_log.entries(session, kinds=["yearly_report.export"])
    assert sorted(e.summary for e in logged) == [
        "Årsstatistik 2025 (JSON) till standardutdata",
        "Årsstatistik 2025 (JSON) till år.json",
    ]


# --- against the statements -------------------------------------------------------------------


def _sum(values: list[str | None]) -> str:
    return f"{sum((Decimal(v) for v in values if v is not None), Decimal('0.00')):.2f}"


def check_against_statements(db: Database, year: int) -> dict:
    """Every month's figures are the sums of that month's statements as printed (coopdesk-statement/1)."""
    with db.session() as session:
        document = yearly_document(yearly_figures(session, year))
        # each statement loaded on its own, as Redovisning prints it (not from the year's shared inputs)
        districts = lookups.districts(session)
        printed = {
            m: [statement_document(compute_statement(session, d, Month(year, m))) for d in districts]
            for m in range(1, 13)
        }
    amounts: dict[str, list[str | None]] = {}
    for month, figures in zip(range(1, 13), document["months"], strict=True):
        statements = printed[month]
        totals = [s["totals"] for s in statements]
        assert figures["planned_hours"] == _sum([t["planned_hours"] for t in totals])
        assert figures["attended_hours"] == _sum([t["attended_hours"] for t in totals])
        for name in DAYS:
            assert figures[name] == sum(t[name] for t in totals), (month, name)
        areas: dict[str, list[str]] = {}
        for s in statements:
            for row in s["rows"]:
                for area, hours in row["hours_by_work_area"].items():
                    areas.setdefault(area, []).append(hours)
        assert figures["hours_by_work_area"] == {a: _sum(h) for a, h in sorted(areas.items())}
        assert all(figures["open_days"] == s["open_days"] for s in statements)
        assert all(figures["attested"] == s["attested"] for s in statements)
        for s in statements:
            if s["rows"]:
                amounts.setdefault(s["district"], [])
            amounts.get(s["district"], []).append(s["totals"]["amount"])
    assert document["amounts_by_district"] == {
        d: (_sum(a) if any(x is not None for x in a) else None) for d, a in amounts.items()
    }
    hosts = [s["supervisors"] for m in range(1, 13) for s in printed[m] if s["supervisors"] is not None]
    supervisors = document["supervisors"]
    for key in ("funded_hours", "worked_hours", "absence_hours"):
        assert supervisors[key] == _sum([h["totals"][key] for h in hosts])
    for activity, hours in supervisors["hours_by_activity"].items():
        assert hours == _sum([h["by_activity"].get(activity) for h in hosts])
    totals = document["totals"]
    assert totals["planned_hours"] == _sum([m["planned_hours"] for m in document["months"]])
    assert totals["attended_hours"] == _sum([m["attended_hours"] for m in document["months"]])
    return document


def test_the_hand_computed_year_agrees_with_its_statements(year_db: Database) -> None:
    check_against_statements(year_db, 2025)


def test_the_demo_year_agrees_with_its_twelve_statements(db: Database, actor: Actor) -> None:
    """The demo as `coopdesk demo` makes it on 5 December: last year is whole, with its comings and goings."""
    today = D(2026, 12, 5)
    with db.session() as session:
        import_document(session, demo_document(today), actor=actor, today=today)
    document = check_against_statements(db, 2025)
    members = document["members"]
    assert members["total"] == sum(members["by_gender"].values()) == sum(members["by_age"].values())
    assert members["came"] >= 2 and members["left"] >= 2 and "work" in members["left_by_reason"]
    assert all(m["attested"] and m["attendance_rate"] is not None for m in document["months"])
    assert all(m["members"] >= 17 for m in document["months"])  # every month of the year has its members
    assert 60 < float(document["totals"]["attendance_rate"]) < 95  # a whole year, not a month of it
    assert document["totals"]["attended_days"] > 3000


def test_the_years_shared_inputs_give_every_statement_as_computed_alone(db: Database, actor: Actor) -> None:
    """The yearly figures load the year once (issue 16.7); each of its 12 × 4 statements, rows, warnings and
    supervisors included, is the one computed alone from its own month's queries."""
    today = D(2026, 12, 5)
    with db.session() as session:
        import_document(session, demo_document(today), actor=actor, today=today)
    with db.session() as session:
        for year in (2025, 2026):
            inputs = load_inputs(session, D(year, 1, 1), D(year, 12, 31))
            for month in (Month(year, m) for m in range(1, 13)):
                shared = statements_for_all(session, month, inputs=inputs)
                alone = [compute_statement(session, d, month) for d in lookups.districts(session)]
                assert [statement_document(s) for s in shared] == [statement_document(s) for s in alone], month
                assert [s.warnings for s in shared] == [s.warnings for s in alone], month
                assert sum(len(s.rows) for s in shared) >= 15


# --- the spreadsheet ----------------------------------------------------------------------------


def test_the_spreadsheet_read_back_holds_the_json_figures(year_db: Database) -> None:
    from python_calamine import CalamineWorkbook

    from coopdesk.reports.yearly_xlsx import yearly_xlsx

    with year_db.session() as session:
        yearly = yearly_figures(session, 2025)
    book = CalamineWorkbook.from_filelike(io.BytesIO(yearly_xlsx(yearly)))
    assert book.sheet_names == [
        "Nyckeltal", "Ålder och kön", "Beställare", "Avslut", "Månader", "Arbetsområden", "Handledare"
    ]  # fmt: skip
    sheets = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    expected = EXPECTED_2025

    def number(value: object) -> Decimal:
        assert isinstance(value, int | float), value  # numbers are numbers, not text
        return Decimal(str(value)).quantize(Decimal("0.01"))

    key = {row[0]: row[1:] for row in sheets["Nyckeltal"][2:]}
    assert key["Medlemmar under året"][0] == expected["members"]["total"]
    assert (key["Kvinnor"][0], key["Män"][0]) == (3, 2)
    assert (key["Började under året"][0], key["Slutade under året"][0]) == (2, 2)
    assert number(key["Planerade timmar"][1]) == Decimal(expected["totals"]["planned_hours"])
    assert number(key["Handledare: finansierade timmar"][1]) == Decimal("1992.00")

    months = sheets["Månader"]
    assert months[0][:7] == ["Månad", "Attesterad", "Medlemmar", "Öppetdagar", "Planerade timmar",
                             "Närvarotimmar", "Närvaro %"]  # fmt: skip
    for row, figures in zip(months[1:13], expected["months"], strict=True):
        assert row[1] == ("ja" if figures["attested"] else "nej")
        assert row[2:4] == [figures["members"], figures["open_days"]]
        assert number(row[4]) == Decimal(figures["planned_hours"])
        assert number(row[5]) == Decimal(figures["attended_hours"])
        assert number(row[6]) == Decimal(figures["attendance_rate"])
        assert row[7:14] == [figures[name] for name in DAYS]
    assert months[13][0] == "Året" and number(months[13][4]) == Decimal("566.66")

    ages = {row[0]: row[1:] for row in sheets["Ålder och kön"][1:]}
    assert ages["–24 år"] == [1, 0, 1] and ages["65 år–"] == [0, 1, 1] and ages["Totalt"] == [3, 2, 5]
    districts = {row[0]: row[1:] for row in sheets["Beställare"][1:4]}
    assert districts["Kungsholmen"] == [1, ""]  # no tariff: no amount, not 0
    assert districts["Norrmalm"][0] == 3 and number(districts["Norrmalm"][1]) == Decimal("1200.00")
    assert {row[0]: row[1] for row in sheets["Avslut"][1:3]} == {"Arbete": 1, "Okänd": 1}
    areas = sheets["Arbetsområden"]
    assert areas[0] == ["Månad", "Glasverkstad", "Kaffestuga", "Kopiering"]
    assert [number(v) for v in areas[13][1:]] == [Decimal("8.00"), Decimal("6.25"), Decimal("11.25")]
    supervisors = sheets["Handledare"]
    assert supervisors[0] == ["Månad", "Handledning", "Administration", "Utbildning", "Semester", "Sjuk"]
    assert [number(v) for v in supervisors[3][1:]] == [Decimal("8.00"), 0, 0, Decimal("8.00"), 0]  # March


# --- the printed report -------------------------------------------------------------------------


def pdf_text(data: bytes) -> list[str]:
    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_the_printed_report_carries_the_figures_and_the_secrecy_mark_when_a_count_is_small(
    year_db: Database,
) -> None:
    from coopdesk.reports.yearly_pdf import SECRECY_MARK, yearly_pdf

    with year_db.session() as session:
        yearly = yearly_figures(session, 2025)
    pages = pdf_text(yearly_pdf(yearly))
    text = "\n".join(pages)
    assert pages[0].startswith("Kooperativet Året") or "Verksamhetsstatistik 2025" in pages[0]
    for figure in ("566,66", "25,50", "4,5 %", "1 992,00", "1 200,00 kr", "1 050,00 kr", "Arbete", "Okänd"):
        assert figure.replace(" ", "\u00a0") in text or figure in text, figure
    assert "Preliminärt: 2 av 12 månader är attesterade" in text.replace("\n", " ")
    assert all(f"Sida {n} ({len(pages)})" in page for n, page in enumerate(pages, start=1))
    # five members: every breakdown has a 1 or a 2 in it, and the report says so on every page
    assert all(SECRECY_MARK in " ".join(page.split()) for page in pages)
    assert "ålder och kön, beställare, började och slutade, orsak till avslut" in " ".join(text.split())


def test_no_secrecy_mark_when_no_count_could_point_anyone_out(year_db: Database) -> None:
    import dataclasses

    from coopdesk.core.yearly import small_counts
    from coopdesk.reports.yearly_pdf import SECRECY_MARK, yearly_pdf

    with year_db.session() as session:
        yearly = yearly_figures(session, 2025)
    members = dataclasses.replace(
        yearly.members,
        total=24,
        by_gender={"kvinna": 12, "man": 12},
        by_age_and_gender={
            b: ({"kvinna": 3, "man": 3} if b in ("25-34", "35-44", "45-54", "55-64") else {"kvinna": 0, "man": 0})
            for b in yearly.members.by_age_and_gender
        },
        by_district={"Norrmalm": 20, "Södermalm": 4},
        came=3,
        left=0,
        left_by_reason={},
    )
    assert small_counts(members) == []
    assert small_counts(dataclasses.replace(members, came=2)) == ["började och slutade"]
    text = "\n".join(pdf_text(yearly_pdf(dataclasses.replace(yearly, members=members))))
    assert SECRECY_MARK not in " ".join(text.split()) and "sekretess" not in text and "Små tal" not in text


def test_report_yearly_pdf_and_xlsx_files(year_db: Database, db_address: str, tmp_path: Path) -> None:
    for fmt in ("pdf", "xlsx"):
        target = tmp_path / f"2025.{fmt}"
        code, _out, err = run(
            "--db", db_address, "report", "yearly", "--year", "2025", "--format", fmt, "-o", str(target)
        )
        assert code == 0, err
        assert target.read_bytes()[:4] == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04")
        code, _out, err = run(
            "--db", db_address, "report", "yearly", "--year", "2025", "--format", fmt, "-o", str(target)
        )
        assert code != 0  # an existing file only with --force


def test_an_erased_member_counts_with_gender_and_age_unknown(year_db: Database) -> None:
    """Gallring removes the personal number: the member still counts, under "okänd" (docs/rules.md)."""
    from sqlalchemy import update

    from coopdesk.core.models import Member

    with year_db.session() as session:
        session.execute(update(Member).where(Member.name == "Frida Falk").values(personal_number=None))
    with year_db.session() as session:
        members = yearly_document(yearly_figures(session, 2025))["members"]
    assert members["total"] == 5
    assert members["by_gender"] == {"kvinna": 2, "man": 2, "okänd": 1}
    assert members["by_age"]["25-34"] == 0 and members["by_age"]["okänd"] == 1
    assert sum(members["by_age"].values()) == sum(members["by_gender"].values()) == 5


def test_the_month_to_date_of_the_hand_computed_year(year_db: Database) -> None:
    """19 May 2025, a Monday not yet registered for everyone planned: the month through the 18th.
    Mondays 5 and 12 May (Anna and Bertil 4 h each), David Mon–Wed 5–7 and 12–14 May (6 × 4/3 h)."""
    from coopdesk.core.yearly import month_to_date

    with year_db.session() as session:
        so_far = month_to_date(session, D(2025, 5, 19))
    f = so_far.figures
    assert so_far.through == D(2025, 5, 18)
    assert (f.planned_hours, f.attended_hours) == (Decimal("24.00"), Decimal("5.00"))
    assert f.attendance_rate == Decimal("20.8")
    assert (f.attended_days, f.notified_absence_days, f.unnotified_absence_days, f.unregistered_days) == (1, 1, 0, 8)
    assert f.members == 3 and f.open_days == 11 and f.hours_by_work_area == {"Glasverkstad": Decimal("5.00")}
    assert so_far.supervisors is not None and so_far.supervisors.funded_hours == Decimal("88.00")  # 11 × 8 h


# --- the version to hand out (docs/rules.md "Årsstatistik") ------------------------------------------


def _check_hand_out(yearly, handed) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.core.yearly import SMALL_COUNT, small_counts

    m, h = yearly.members, handed.yearly.members
    assert set(small_counts(h)) <= {"började och slutade"}  # those two are printed as "färre än 3"
    assert handed.came_small == (0 < m.came < SMALL_COUNT) and handed.left_small == (0 < m.left < SMALL_COUNT)
    # merged, never hidden: the totals stay
    assert (h.total, h.by_gender, h.came, h.left) == (m.total, m.by_gender, m.came, m.left)
    assert sum(h.by_district.values()) == sum(m.by_district.values())
    if handed.by_age_and_gender is not None:
        assert sum(sum(c.values()) for c in h.by_age_and_gender.values()) == m.total
        assert sum(h.by_age.values()) == m.total
    assert h.left_by_reason == {} or sum(h.left_by_reason.values()) == m.left
    known = [a for a in yearly.amounts_by_district.values() if a is not None]
    assert sum(a for a in handed.yearly.amounts_by_district.values() if a is not None) == sum(known)
    assert handed.yearly.months == yearly.months and handed.yearly.totals == yearly.totals


def test_the_demo_year_to_hand_out_merges_its_small_counts(db: Database, actor: Actor) -> None:
    from coopdesk.core.yearly import OTHER_DISTRICTS, for_hand_out
    from coopdesk.reports.yearly_pdf import SECRECY_MARK, yearly_pdf

    today = D(2026, 12, 5)
    with db.session() as session:
        import_document(session, demo_document(today), actor=actor, today=today)
        yearly = yearly_figures(session, 2025)
    handed = for_hand_out(yearly)
    _check_hand_out(yearly, handed)
    m = handed.yearly.members
    # Södermalm (1) and Tyresö kommun (2) go together; the age bands join into groups of 3 or more a gender
    assert handed.folded_districts == ("Södermalm", "Tyresö kommun") and m.by_district[OTHER_DISTRICTS] == 3
    assert list(m.by_age_and_gender) == ["-24", "25-34+35-44", "45-54+55-64+65-"]
    assert handed.yearly.amounts_by_district[OTHER_DISTRICTS] == (
        yearly.amounts_by_district["Södermalm"] + yearly.amounts_by_district["Tyresö kommun"]  # type: ignore[operator]
    )
    full = " ".join(" ".join(pdf_text(yearly_pdf(yearly))).split())
    text = " ".join(" ".join(pdf_text(yearly_pdf(yearly, hand_out=True))).split())
    assert SECRECY_MARK in full and SECRECY_MARK not in text
    assert "Version för utlämning" in text and "Övriga beställare" in text and "25–44 år" in text
    assert "färre än 3 / färre än 3" in text and "Orsakerna redovisas inte när färre än tre har slutat" in text
    assert "Södermalm" not in text.split("Version för utlämning")[0]  # only the note names what was merged
    assert "Ej reg. = planerad dag utan registrering" in text


def test_the_hand_out_of_five_members_leaves_out_what_cannot_be_merged(year_db: Database) -> None:
    from coopdesk.core.yearly import for_hand_out
    from coopdesk.reports.yearly_pdf import yearly_pdf

    with year_db.session() as session:
        yearly = yearly_figures(session, 2025)
    handed = for_hand_out(yearly)
    _check_hand_out(yearly, handed)
    assert handed.by_age_and_gender is None  # 3 women and 2 men: the men's 2 cannot be merged away
    text = " ".join(" ".join(pdf_text(yearly_pdf(yearly, hand_out=True))).split())
    assert "Ålder och kön redovisas inte" in text


@pytest.mark.parametrize(
    ("cross", "expected"),
    [
        ({"-24": {"kvinna": 3, "man": 0}, "25-34": {"kvinna": 1, "man": 4}, "35-44": {"kvinna": 2, "man": 3}},
         {"-24": {"kvinna": 3, "man": 0}, "25-34+35-44": {"kvinna": 3, "man": 7}}),
        ({"-24": {"kvinna": 1, "man": 3}, "25-34": {"kvinna": 3, "man": 3}, "35-44": {"kvinna": 0, "man": 1}},
         {"-24+25-34+35-44": {"kvinna": 4, "man": 7}}),
        ({"-24": {"kvinna": 3, "man": 3}, "25-34": {"kvinna": 0, "man": 0}}, {"-24": {"kvinna": 3, "man": 3},
                                                                             "25-34": {"kvinna": 0, "man": 0}}),
        ({"-24": {"kvinna": 2, "man": 3}}, None),
    ],
)  # fmt: skip
def test_age_bands_merge_until_no_gender_count_is_1_or_2(cross: dict, expected: dict | None) -> None:
    from coopdesk.core.yearly import _merge_bands

    assert _merge_bands(cross) == expected


def test_report_yearly_hand_out_is_a_pdf(year_db: Database, db_address: str, tmp_path: Path) -> None:
    code, _out, err = run("--db", db_address, "report", "yearly", "--year", "2025", "--hand-out")
    assert code != 0 and "--format pdf" in err
    target = tmp_path / "årsmöte.pdf"
    args = ("--db", db_address, "report", "yearly", "--year", "2025", "--format", "pdf", "--hand-out", "-o")
    code, _out, err = run(*args, str(target))
    assert code == 0, err
    assert "Version för utlämning" in " ".join(" ".join(pdf_text(target.read_bytes())).split())


@pytest.mark.parametrize("margin_mm", [14, 16, 18])
def test_the_secrecy_mark_of_a_running_head_is_one_line(margin_mm: int) -> None:
    """The yearly report (18 mm margins) printed "Innehåller uppgifter som omfattas av / sekretess" on two
    lines in its head (seen on paper); every running page keeps the mark on one line."""
    from reportlab.lib.units import mm

    from coopdesk.reports.pdf_kit import RunningPage, styles
    from coopdesk.reports.yearly_pdf import SECRECY_MARK

    page = RunningPage(
        left="<b>Kooperativet KOS</b>",
        middle="<b>Verksamhetsstatistik 2025</b>",
        footer="coopdesk",
        secrecy=SECRECY_MARK,
        margin=margin_mm * mm,
    )
    _, height = page.secrecy.wrap(page.right, page.height)
    assert height <= styles()["secrecy"].leading
    assert 2 * page.column + page.right == pytest.approx(page.width - 2 * margin_mm * mm)
