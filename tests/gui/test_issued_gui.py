"""Redovisning and issued statements: attesting issues, the versions are listed, each previews as issued,
and with two versions the correction (Rättelse) is offered; the current statement says when it differs."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox
from sqlalchemy import select

from coopdesk.core.calendar import Month
from coopdesk.core.models import IssuedStatement
from coopdesk.ui.views.statements import CORRECTION, CURRENT, StatementsView
from tests.unit.test_statement_xlsx import read

OCTOBER = Month(2026, 10)  # not attested in the demo


@pytest.fixture
def view(qtbot, ctx):
    widget = StatementsView(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.district.setCurrentIndex(widget.district.findText("Norrmalm"))
    widget.set_month(OCTOBER)
    qtbot.waitUntil(lambda: widget.built is not None and widget.built.month == OCTOBER, timeout=20_000)
    widget.confirm_attest = lambda month, missing: True
    widget.ask_reason = lambda: "Fel timmar"
    return widget


def _combo_option(combo: QComboBox) -> QStyleOptionComboBox:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return option


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages).split())


def _choose(qtbot, view, data: int) -> None:
    index = view.version.findData(data)
    assert index >= 0, [view.version.itemText(i) for i in range(view.version.count())]
    view.version.setCurrentIndex(index)
    qtbot.waitUntil(lambda: view.built is not None and view.built.shown == data, timeout=20_000)


def test_before_the_attest_there_is_no_issued_version(view) -> None:
    assert view.version.count() == 1 and view.version.currentData() == CURRENT
    assert not view.version.isEnabled()


def test_attest_issues_and_the_version_previews_as_issued(qtbot, view, ctx, tmp_path: Path) -> None:
    assert view.attest()
    qtbot.waitUntil(lambda: view.version.count() == 2, timeout=20_000)
    issued = ctx.read(lambda s: s.scalars(select(IssuedStatement).where(IssuedStatement.month == "2026-10")).all())
    assert len(issued) == 4 and {r.version for r in issued} == {1}  # every district's statement
    assert view.version.itemText(1).startswith("Utfärdad version 1")
    _choose(qtbot, view, 1)
    # the whole name of the version shows (the real window once showed "Utfärdad version 1 (2026")
    shown = view.version.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, _combo_option(view.version), QStyle.SubControl.SC_ComboBoxEditField
    )
    assert shown.width() >= view.version.fontMetrics().horizontalAdvance(view.version.currentText())
    assert "Utfärdad version 1" in view.banner.text()
    assert "version 1" in _text(view.built.pdfs[0]) and "Utfärdad" in _text(view.built.pdfs[0])
    assert not view.attest_button.isEnabled() and not view.reopen_button.isEnabled()  # on the current one only
    view.ask_save_file = lambda suggested, ext: str(tmp_path / suggested)
    [path] = view.save_pdf()
    assert path.name == "2026-10 Norrmalm månadsredovisning version 1.pdf"
    [sheet] = view.export_xlsx()  # the workbook of the version carries its mark too
    assert sheet.name == "2026-10 Norrmalm månadsredovisning version 1.xlsx"
    title = read(sheet.read_bytes())["Medlemmar"][1][0]
    assert re.search(r"attesterad · Utfärdad \d{4}-\d{2}-\d{2} av [^,]+, version 1$", title), title


def test_a_reopened_month_says_so_and_two_versions_offer_the_correction(qtbot, view) -> None:
    assert view.attest()
    qtbot.waitUntil(lambda: view.reopen_button.isEnabled(), timeout=20_000)
    assert view.reopen()
    qtbot.waitUntil(lambda: "öppnats igen" in view.banner.text(), timeout=20_000)
    assert "öppnats igen" in _text(view.built.pdfs[0])
    assert view.attest()
    qtbot.waitUntil(lambda: view.version.findData(CORRECTION) >= 0, timeout=20_000)
    assert [view.version.itemText(i)[:19] for i in range(view.version.count())] == [
        "Aktuell redovisning",
        "Utfärdad version 2 ",
        "Utfärdad version 1 ",
        "Rättelse: version 2",
    ]
    _choose(qtbot, view, CORRECTION)
    text = _text(view.built.pdfs[0])
    assert "Rättelse av månadsredovisning" in text and "Inga rader har ändrats" in text
    assert not view.csv_button.isEnabled() and not view.xlsx_button.isEnabled() and view.save_button.isEnabled()
    view.set_month(OCTOBER)  # choosing the month again shows the current statement
    qtbot.waitUntil(lambda: view.built is not None and view.built.shown == CURRENT, timeout=20_000)


def test_an_issued_version_and_the_correction_become_e_invoices(qtbot, view, ctx, tmp_path: Path) -> None:
    from coopdesk.core.services import invoicing, lookups
    from tests.ubl_validation import findings

    with ctx.db.session() as session:
        invoicing.save_seller(
            session,
            ctx.actor,
            invoicing.SellerDetails(peppol_id="0007:8024001235", f_tax=True, bankgiro="5050-1055", number_prefix="F"),
        )
        district = lookups.district_by_name(session, "Norrmalm").id
        invoicing.save_buyer(
            session, ctx.actor, district, invoicing.BuyerDetails(peppol_id="0007:2120000142", buyer_reference="NOR")
        )
    view.ask_save_file = lambda suggested, ext: str(tmp_path / suggested)
    assert not view.invoice_button.isEnabled()  # the current statement is not what was sent
    assert view.attest()
    qtbot.waitUntil(lambda: view.version.count() == 2, timeout=20_000)
    _choose(qtbot, view, 1)
    assert view.invoice_button.isEnabled()
    path = view.write_invoice()
    assert path is not None and path.name == "2026-10 Norrmalm e-faktura.xml"
    assert findings(path.read_bytes()) == []
    assert b"<cbc:ID>F1</cbc:ID>" in path.read_bytes()
