"""Inställningar → Fakturering: the invoicing details are filled in, checked and saved in the GUI."""

from __future__ import annotations

from coopdesk.core.services import invoicing, lookups
from coopdesk.ui.views.settings import SettingsView


def test_the_invoicing_details_are_saved_and_checked(qtbot, ctx) -> None:
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    assert "0007:8024001235" in view.invoicing_box.summary.text()  # the demo's (core/demo_invoicing.py)
    view.invoicing_box.open_form()
    form = view.invoicing_box.dialog.form
    form.seller["peppol_id"].setText("0007:8024001235")
    form.f_tax.setChecked(True)
    form.seller["bankgiro"].setText("123")  # too short: SE-R-009
    assert not form.save()
    assert "SE-R-009" in form.message.text()
    form.seller["bankgiro"].setText("5050-1055")
    form.seller["number_prefix"].setText("F")
    form.next_number.setValue(500)
    assert form.save()
    assert form.seller["bankgiro"].text() == "50501055"  # as stored
    seller = ctx.read(invoicing.seller)
    assert (seller.peppol_id, seller.f_tax, seller.next_number) == ("0007:8024001235", True, 500)
    form.whose.setCurrentIndex(form.whose.findText("Norrmalm"))
    assert form.pages.currentIndex() == 1
    form.buyer["peppol_id"].setText("0007:2120000142")
    form.buyer["buyer_reference"].setText("NOR-REF")
    assert form.save()
    norrmalm = ctx.read(lambda s: invoicing.buyer(s, lookups.district_by_name(s, "Norrmalm").id))
    assert norrmalm.buyer_reference == "NOR-REF"
    view.invoicing_box.dialog.accept()
    assert "F500" in view.invoicing_box.summary.text()
