"""The statement PDF: every figure on the page as the JSON form has it, written the Swedish way.

The PDFs are read back with pypdf's text extraction, so these tests see what a reader of the
printed page sees (and what a screen reader or a search in the PDF finds).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pypdf
import pytest

from coopdesk.core.audit import Actor
from coopdesk.core.calendar import Month
from coopdesk.core.demo import demo_document
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.services import lookups
from coopdesk.core.services.districts import update_district
from coopdesk.core.services.locks import attest_month
from coopdesk.core.statement import Billing, Statement, statement_for
from coopdesk.core.tariffs import TariffTerms
from coopdesk.reports.fingerprint import statement_fingerprint
from coopdesk.reports.statement_json import statement_document
from coopdesk.reports.statement_pdf import MARGIN, PRELIMINARY, SECRECY_MARK, statement_pdf, tariff_text_sv
from coopdesk.reports.statement_pdf_table import columns, member_table
from coopdesk.storage.database import Database, open_database
from tests.conftest import TODAY, expected_statement

MAY = Month(2026, 5)
PRINTED = dt.date(2026, 6, 2)
FINGERPRINT = re.compile(r"^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$")
HEAD = ["Medlem,", "personnummer", "Beslutsnr,", "handläggare", "Period", "Omfattning", "Plan.", "Belopp"]


# --- reading the PDF back ---------------------------------------------------------------------------


def pages_text(data: bytes) -> list[str]:
    """Each page's text, with no-break spaces as spaces and the true minus sign as '-'."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [page.extract_text().replace("\xa0", " ").replace("\u2212", "-") for page in reader.pages]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def flat(text: str) -> str:
    """All whitespace runs as one space: a wrapped line reads as the unwrapped text."""
    return " ".join(text.split())


def contains_run(haystack: list[str], run: list[str]) -> bool:
    return any(haystack[i : i + len(run)] == run for i in range(len(haystack) - len(run) + 1))


# --- the JSON figures, written the Swedish way (an independent re-implementation) -----------------


def sv_number(text: str) -> str:
    """'1400.00' → '1 400,00', '-144.00' → '-144,00' (as the page has them, with spaces for NBSP)."""
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, decimals = text.partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return sign + " ".join(groups) + ("," + decimals if decimals else "")


def expected_row_lines(row: dict[str, Any]) -> list[str]:
    """The lines of a member row on the page, cell by cell, from the JSON form of the row."""
    out = [row["member"], row["personal_number"], row["decision_ref"], "Karl Karlsson"]
    out += [row["period"]["from"] + "–", row["period"]["to"]]
    for index, entry in enumerate(row["capacity"]):
        since = "" if index == 0 else f" fr.o.m. {entry['from']}"
        out.append(f"{entry['percent']} %{since}")
        if entry["from"] == "2026-05-18":
            out.append("(mån–tor)")  # Anna's second period is planned Monday to Thursday
    out += [str(row["planned_days"]), sv_number(row["planned_hours"])]
    out += [str(row["attended_days"]), sv_number(row["attended_hours"])]
    out += [str(row[k]) for k in ("extra_days", "sick_days", "notified_absence_days")]
    out += [str(row[k]) for k in ("unnotified_absence_days", "leave_days", "unregistered_days")]
    out.append(f"{sv_number(row['attendance_rate'])} %")
    out += [f"{area} {sv_number(hours)}" for area, hours in row["hours_by_work_area"].items()]
    billing = row["billing"]
    out += [f"{billing['full_days']} hel", f"{billing['half_days']} halv", f"{sv_number(billing['amount'])} kr"]
    return out


# --- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture
def statement(example_db: Database) -> Statement:
    with example_db.session() as session:
        return statement_for(session, "Norrmalm", MAY)


@pytest.fixture
def pdf(statement: Statement) -> bytes:
    return statement_pdf(statement, printed=PRINTED)


def _active(placement: dict[str, Any], month: Month) -> bool:
    start = dt.date.fromisoformat(placement["start"])
    end = placement["end"] and dt.date.fromisoformat(placement["end"])
    return start <= month.last and (end is None or end >= month.first)


@pytest.fixture(scope="module")
def sixty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Statement]:
    """The host district's statement with 60 rows: the demo with every placement moved to the host
    district and just enough members kept for October 2026 to have 60 rows."""
    month = Month(2026, 10)
    document = demo_document(TODAY, members=80, years=0.5)
    host = document["cooperative"]["host_district"]
    kept, rows = [], 0
    for member in document["members"]:
        for placement in member["placements"]:
            placement["district"] = host
        active = sum(_active(p, month) for p in member["placements"])
        if active and rows + active <= 60:
            kept.append(member)
            rows += active
    assert rows == 60
    keys = {m["key"] for m in kept}
    document["members"] = kept
    document["attendance"] = [a for a in document["attendance"] if a["member"] in keys]
    for part in ("care_plans", "journal", "deviations"):  # the social documentation of the members kept
        document[part] = [item for item in document[part] if item["member"] in keys]
    database = open_database(str(tmp_path_factory.mktemp("sixty") / "sixty.db"))
    try:
        with database.session() as session:
            import_document(session, document, actor=Actor("Sara Svensson"), today=TODAY)
        with database.session() as session:
            yield statement_for(session, host, month)
    finally:
        database.close()


# --- the figures ----------------------------------------------------------------------------------


def test_every_figure_of_the_example_is_on_the_page_as_the_json_has_it(pdf: bytes, statement: Statement) -> None:
    expected = expected_statement()
    assert statement_document(statement) == expected  # the PDF below is of exactly the JSON's figures
    text = pages_text(pdf)
    first = lines(text[0])
    row = expected["rows"][0]
    assert contains_run(first, expected_row_lines(row))

    totals = expected["totals"]
    total_run = [f"Summa ({totals['rows']} rad)", str(totals["planned_days"]), sv_number(totals["planned_hours"])]
    total_run += [str(totals["attended_days"]), sv_number(totals["attended_hours"])]
    keys = ("extra_days", "sick_days", "notified_absence_days", "unnotified_absence_days", "leave_days")
    total_run += [str(totals[k]) for k in (*keys, "unregistered_days")]
    assert contains_run(first, total_run)
    assert f"Summa ersättning: {sv_number(totals['amount'])} kr" in first
    assert f"Öppetdagar: {expected['open_days']}" in first

    supervisors = expected["supervisors"]
    second = lines(text[1])
    sara = supervisors["rows"][0]
    assert contains_run(
        second,
        [sara["name"], f"{sara['fte_percent']} %"]
        + [sv_number(sara[k]) for k in ("funded_hours", "worked_hours", "absence_hours", "difference")],
    )
    for area, hours in supervisors["by_work_area"].items():
        assert contains_run(second, [area, sv_number(hours)])
    assert contains_run(second, ["Handledning", sv_number(supervisors["by_activity"]["supervision"])])
    assert f"Arbetsdagar i månaden: {supervisors['working_days']}." in flat(text[1])


def test_hours_and_amounts_are_written_the_swedish_way(pdf: bytes) -> None:
    raw = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "92,00" in raw and "92.00" not in raw
    assert re.search("1[\xa0 ]400,00[\xa0 ]kr", raw)
    second = pypdf.PdfReader(io.BytesIO(pdf)).pages[1].extract_text()
    assert "\u2212144,00" in second  # a true minus sign


def test_header_names_the_cooperative_district_month_and_printing_date(pdf: bytes) -> None:
    first = flat(pages_text(pdf)[0])
    for text in (
        "Kooperativet KOS",
        "Org.nr 802400-1235",
        "Exempelgatan 1, 111 22 Stockholm",
        "Månadsredovisning",
        "Norrmalm",
        "maj 2026",
        "Utskriven: 2026-06-02",
        "Beställarenheten, 08-000 00 00",
    ):
        assert text in first


def test_tariff_is_named_in_words(pdf: bytes) -> None:
    expected = "Ersättning per dag: heldag 450,00 kr (minst 4 tim), halvdag 250,00 kr (minst 1 tim)"
    assert expected in flat(pages_text(pdf)[0])


@pytest.mark.parametrize(
    ("terms", "words"),
    [
        (TariffTerms("none"), "Ingen ersättning"),
        (TariffTerms("per_hour", hourly_amount=Decimal("95.50")), "Ersättning per timme: 95,50 kr per närvarotimme"),
        (
            TariffTerms("per_month", bands=((1, Decimal("4000.00")), (50, Decimal("7500.00")))),
            "Ersättning per månad efter omfattning: 4 000,00 kr från 1 %, 7 500,00 kr från 50 %",
        ),
        (TariffTerms("per_day", full_day_amount=Decimal("6350")), "Ersättning per dag: heldag 6 350,00 kr."),
    ],
)
def test_tariff_words(terms: TariffTerms, words: str) -> None:
    assert words in tariff_text_sv(terms).replace("\xa0", " ")


# --- marks on every page ------------------------------------------------------------------------------


def test_pages_are_numbered_sida_n_of_n(pdf: bytes) -> None:
    text = pages_text(pdf)
    assert len(text) == 2
    for number, page in enumerate(text, start=1):
        assert f"Sida {number} ({len(text)})" in page


def test_secrecy_mark_version_and_fingerprint_on_every_page(pdf: bytes, statement: Statement) -> None:
    import coopdesk

    fingerprint = statement_fingerprint(statement)
    for page in pages_text(pdf):
        assert SECRECY_MARK in page
        assert f"coopdesk {coopdesk.__version__}" in page
        assert f"Kontrollsumma {fingerprint}" in page


def test_an_unattested_month_is_preliminary_on_every_page(pdf: bytes) -> None:
    for page in pages_text(pdf):
        assert PRELIMINARY in page
        assert "Attesterad" not in page


def test_an_attested_month_says_by_whom_and_when(example_db: Database, actor: Actor, statement: Statement) -> None:
    with example_db.session() as session:
        attest_month(session, actor, MAY, now=dt.datetime(2026, 6, 1, 9, 30))
    with example_db.session() as session:
        attested = statement_for(session, "Norrmalm", MAY)
    text = pages_text(statement_pdf(attested, printed=PRINTED))
    for page in text:
        assert "Attesterad 2026-06-01 av Sara Svensson" in page
        assert PRELIMINARY not in page
    assert statement_fingerprint(attested) == statement_fingerprint(statement)  # attesting changes no figure


def test_april_in_the_example_is_attested(example_db: Database) -> None:
    with example_db.session() as session:
        april = statement_for(session, "Norrmalm", Month(2026, 4))
    first = flat(pages_text(statement_pdf(april, printed=PRINTED))[0])
    assert "Attesterad 2026-05-03 av Sara Svensson" in first


# --- the fingerprint ----------------------------------------------------------------------------------


def test_fingerprint_is_twelve_hex_digits_and_follows_the_figures(statement: Statement) -> None:
    fingerprint = statement_fingerprint(statement)
    assert FINGERPRINT.match(fingerprint)
    assert statement_fingerprint(statement) == fingerprint
    row = dataclasses.replace(statement.rows[0], attended_hours=statement.rows[0].attended_hours + Decimal("0.25"))
    assert statement_fingerprint(dataclasses.replace(statement, rows=(row,))) != fingerprint


def test_the_same_statement_and_date_give_the_same_bytes(statement: Statement, pdf: bytes) -> None:
    assert statement_pdf(statement, printed=PRINTED) == pdf


# --- personal numbers -------------------------------------------------------------------------------


def test_personal_numbers_are_masked(pdf: bytes) -> None:
    text = "".join(pages_text(pdf))
    assert "19800101-****" in text
    assert "0019" not in text


def test_personal_numbers_in_full_when_the_district_asks(example_db: Database, actor: Actor) -> None:
    with example_db.session() as session:
        district = lookups.district_by_name(session, "Norrmalm")
        update_district(session, actor, district.id, show_full_personal_number=True)
    with example_db.session() as session:
        full = statement_for(session, "Norrmalm", MAY)
    assert "19800101-0019" in pages_text(statement_pdf(full, printed=PRINTED))[0]


# --- the host district's supervisor section ---------------------------------------------------------


def test_supervisor_section_only_on_the_host_districts_statement(pdf: bytes, example_db: Database) -> None:
    host = flat(" ".join(pages_text(pdf)))
    for words in ("Finansierad tid", "Arbetad tid", "Frånvaro", "Avvikelse"):
        assert words in host
    for activity in ("Handledning", "Administration", "Utbildning", "Semester", "Sjuk"):
        assert activity in host
    with example_db.session() as session:
        other = statement_for(session, "Södermalm", MAY)
    text = flat(" ".join(pages_text(statement_pdf(other, printed=PRINTED))))
    assert "Finansierad tid" not in text
    assert "Ersättning per timme: 95,50 kr per närvarotimme" in text


def test_signature_lines_and_a_field_for_the_districts_note(pdf: bytes) -> None:
    text = flat(" ".join(pages_text(pdf)))
    for words in ("För kooperativet", "Underskrift", "Namnförtydligande", "Beställarens anteckning"):
        assert words in text


# --- page size --------------------------------------------------------------------------------------


def test_landscape_for_the_member_table_portrait_without_rows(pdf: bytes, example_db: Database) -> None:
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    with example_db.session() as session:
        empty = statement_for(session, "Tyresö kommun", MAY)
    assert not empty.rows
    data = statement_pdf(empty, printed=PRINTED)
    box = pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert "Inga beslut" in pages_text(data)[0]


# --- long tables, long names, names from everywhere --------------------------------------------------


def test_sixty_rows_break_pages_with_the_head_repeated(sixty: Statement) -> None:
    assert len(sixty.rows) == 60
    text = pages_text(statement_pdf(sixty, printed=PRINTED))
    # the table's pages: names appear under "Att kontrollera" too, personal numbers only in the table
    with_rows = [page for page in text if any(row.personal_number in page for row in sixty.rows)]
    assert len(with_rows) >= 3
    for page in with_rows:
        assert contains_run(lines(page), HEAD[:6])
        assert "Plan." in page and "Belopp" in page
    everything = "".join(text)
    for row in sixty.rows:
        assert row.member in everything
        assert row.personal_number in everything
    assert "Summa (60 rader)" in everything
    for number, page in enumerate(text, start=1):
        assert f"Sida {number} ({len(text)})" in page


def test_totals_never_stand_alone_on_a_page(sixty: Statement) -> None:
    for page in pages_text(statement_pdf(sixty, printed=PRINTED)):
        if "Summa (60 rader)" in page:  # a row of the table with it (names are under "Att kontrollera" too)
            assert any(row.personal_number in page for row in sixty.rows)


def test_names_from_everywhere_print(statement: Statement) -> None:
    row = dataclasses.replace(statement.rows[0], member="Łukasz Şahin", case_worker="Ingrid Ødegård")
    named = dataclasses.replace(statement, rows=(row,), district="Ödeshög", cooperative="Kooperativet Ærø")
    text = " ".join(pages_text(statement_pdf(named, printed=PRINTED)))
    for name in ("Łukasz Şahin", "Ingrid Ødegård", "Ödeshög", "Kooperativet Ærø"):
        assert name in text
    fonts = {str(f) for page in pypdf.PdfReader(io.BytesIO(statement_pdf(named))).pages for f in _fonts(page)}
    assert any("DejaVuSans" in f for f in fonts)


def _fonts(page: pypdf.PageObject) -> list[str]:
    fonts = page["/Resources"]["/Font"]
    return [fonts[key].get_object()["/BaseFont"] for key in fonts]


LONG_NAME = "Anna-Karin Wilhelmina Åkerström-Lindqvist af Sillén-Hohenzollernsigmaringen Bernadotte"
LONG_DISTRICT = "Stadsdelsförvaltningen Hässelby-Vällingby, beställarenheten för socialpsykiatri och boendestöd"


def test_long_names_wrap_without_loss(statement: Statement, sixty: Statement) -> None:
    rows = list(sixty.rows)
    rows[0] = dataclasses.replace(rows[0], member=LONG_NAME, case_worker="Maria-Theresia Ödmark-Lindgren Svensson")
    long = dataclasses.replace(sixty, rows=tuple(rows), district=LONG_DISTRICT)
    text = pages_text(statement_pdf(long, printed=PRINTED))
    first = text[0]
    assert LONG_NAME not in first  # it did not fit on one line of its cell ...
    squeezed = "".join(first.split())
    assert "".join(LONG_NAME.split()) in squeezed  # ... and wrapped without losing a letter
    assert "".join(["Maria-Theresia", "Ödmark-Lindgren", "Svensson"]) in squeezed
    for page in text:  # the district in the running head of every page, whole
        assert "".join(LONG_DISTRICT.split()) in "".join(page.split())


def test_the_member_table_fits_the_page_width(sixty: Statement) -> None:
    """However long the names, the columns add up to the frame: text wraps instead of running off."""
    rows = list(sixty.rows)
    rows[0] = dataclasses.replace(rows[0], member=LONG_NAME * 3)
    long = dataclasses.replace(sixty, rows=tuple(rows))
    frame = 842 - 2 * MARGIN
    table = member_table(long, frame)
    widths = table._colWidths
    assert sum(widths) == pytest.approx(frame)
    figures = [c for c in columns(31) if c.figure]
    assert len(figures) == 13  # the counts, hours, rate, basis and amount
    assert all(w >= 20 for w in widths)


def test_a_district_without_tariff_shows_no_amounts(statement: Statement) -> None:
    row = dataclasses.replace(statement.rows[0], billing=Billing("none"))
    totals = dataclasses.replace(statement.totals, amount=None)
    none = dataclasses.replace(statement, rows=(row,), totals=totals, tariff=TariffTerms("none"))
    text = flat(" ".join(pages_text(statement_pdf(none, printed=PRINTED))))
    assert "Ingen ersättning: ingen taxa gäller för månaden." in text
    assert "Summa ersättning: ingen ersättning" in text
    assert " kr" not in text.replace("Summa ersättning: ingen ersättning", "")


# --- page breaks, the legend, names in their order (issue 12, point 10) -------------------------------


def _with_rows(statement: Statement, count: int, *, host: bool) -> Statement:
    """The example statement with ``count`` copies of its row, named apart (and without the supervisors)."""
    rows = tuple(dataclasses.replace(statement.rows[0], member=f"Medlem {i:03d} Andersson") for i in range(count))
    if host:
        return dataclasses.replace(statement, rows=rows)
    return dataclasses.replace(statement, rows=rows, supervisors=None, is_host_district=False)


def _rows_per_page(text: list[str], count: int, name: str = "Medlem {:03d} Andersson") -> list[int]:
    return [sum(name.format(i) in page for i in range(count)) for page in text]


@pytest.mark.parametrize(
    ("count", "host"),
    # each of these put "Underskrifter" alone on the last page before the block was kept with the totals
    [(1, False), (3, False), (14, False), (4, True), (12, True), (20, True)],
)
def test_the_signature_block_never_stands_alone_on_a_page(statement: Statement, count: int, host: bool) -> None:
    text = pages_text(statement_pdf(_with_rows(statement, count, host=host), printed=PRINTED))
    (page,) = [page for page in text if "Underskrifter" in page]
    before = "Handledartid (värdstadsdel)" if host else "Summering och ersättning"
    assert before in page  # the totals it signs for are on the same page
    assert "För kooperativet" in page and "Mottagen av, datum" in page


def test_keeping_the_signatures_with_the_totals_costs_no_page_where_they_fit(
    statement: Statement, example_db: Database
) -> None:
    with example_db.session() as session:
        empty = statement_for(session, "Tyresö kommun", MAY)  # no rows: portrait, all on one page
    assert len(pages_text(statement_pdf(empty, printed=PRINTED))) == 1
    # table and summary on the first page, the signatures (with the summary) on the second
    text = pages_text(statement_pdf(_with_rows(statement, 5, host=False), printed=PRINTED))
    assert len(text) == 2 and "Underskrifter" in text[1]
    assert len(pages_text(statement_pdf(statement, printed=PRINTED))) == 2  # the example, as before


@pytest.mark.parametrize("count", [11, 12])
def test_a_table_that_runs_over_by_a_row_or_two_is_fitted(statement: Statement, count: int) -> None:
    """Set normally, these tables leave one or two rows (with the totals) to a page of their own."""
    text = pages_text(statement_pdf(_with_rows(statement, count, host=False), printed=PRINTED))
    per_page = [n for n in _rows_per_page(text, count) if n]
    assert sum(per_page) == count  # every row printed, once
    assert len(per_page) == 1 or min(per_page) > 2, per_page
    assert "Summa (1 rad)" in "".join(text)  # the totals row is still there


def test_a_long_table_that_runs_over_by_a_row_is_fitted_on_its_last_page(sixty: Statement) -> None:
    for count in (58, 59, 74):  # set normally, these leave one or two rows (and the totals) to the last page
        rows = tuple(dataclasses.replace(sixty.rows[i % 60], member=f"Nr{i:03d}") for i in range(count))
        text = pages_text(statement_pdf(dataclasses.replace(sixty, rows=rows), printed=PRINTED))
        per_page = [n for n in _rows_per_page(text, count, "Nr{:03d}") if n]
        assert sum(per_page) == count
        assert min(per_page) > 1, (count, per_page)


def test_the_legend_is_printed_at_a_readable_size(pdf: bytes) -> None:
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if "Förklaring" in text:
            sizes.append(size * tm[3] * cm[3])

    pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 7.5


@pytest.mark.parametrize("control", ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u200f", "\u061c"])
def test_a_name_with_a_bidi_control_prints_in_the_order_it_is_stored(statement: Statement, control: str) -> None:
    row = dataclasses.replace(
        statement.rows[0], member=f"Anna {control}Andersson", case_worker=f"Karl {control}Karlsson"
    )
    named = dataclasses.replace(statement, rows=(row,), district=f"Norr{control}malm")
    data = statement_pdf(named, printed=PRINTED)
    text = "".join(pages_text(data))
    assert "Anna Andersson" in text and "Karl Karlsson" in text and "Norrmalm · maj 2026" in text
    assert control not in text
    # the fingerprint is that of the stored figures, names as stored
    assert statement_fingerprint(named) in text
