"""Write the committed spreadsheet fixtures of the import-sheet tests (tests/fixtures/sheets/).

The .ods needs odfpy, which coopdesk does not depend on: run this with a separate Python that has it,
never the project's venv, e.g.::

    python3 -m venv /tmp/odfvenv && /tmp/odfvenv/bin/pip install odfpy
    /tmp/odfvenv/bin/python tests/make_sheet_fixtures.py

The csv files are Swedish Excel's "CSV (semikolonavgränsad)": ``;`` and a UTF-8 BOM.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import sheet_files as sf  # noqa: E402 - run as a script from any folder


def main() -> None:
    out = HERE / "fixtures" / "sheets"
    out.mkdir(parents=True, exist_ok=True)
    (out / "kooperativet.ods").write_bytes(sf.ods_bytes())
    (out / "medlemmar.csv").write_bytes(sf.csv_bytes(sf.member_csv_rows()))
    name, people = sf.MONTHS[0]
    (out / "2026-03.csv").write_bytes(sf.csv_bytes(sf.month_rows(name, people, 2026, 3)))
    print(f"wrote {sorted(p.name for p in out.iterdir())}")


if __name__ == "__main__":
    main()
