"""Beställare: districts and their dated tariffs, written in words; a tariff that would change an
attested month is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from coopdesk.core.models import District, Tariff
from coopdesk.ui.views.districts import DistrictDialog, DistrictsView, TariffDialog
from coopdesk.ui.views.districts_model import TariffItem, tariff_text


@pytest.fixture
def view(ctx, qtbot):
    widget = DistrictsView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


@pytest.fixture(autouse=True)
def no_modal_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda _parent, error, title=None: shown.append(error.sv))
    monkeypatch.setattr("coopdesk.ui.errors.show_error", lambda _parent, error, title=None: shown.append(error.sv))
    return shown


def choose(view: DistrictsView, name: str) -> int:
    row = next(i for i, d in enumerate(view.districts_model.rows) if d.name == name)
    view.districts_table.setCurrentIndex(view.districts_model.index(row, 0))
    assert view.district_id == view.districts_model.rows[row].id
    return view.district_id


def tariffs_of(ctx, name: str) -> list[tuple[dt.date, str, tuple]]:
    with ctx.db.session() as session:
        district = session.scalar(select(District).where(District.name == name))
        return [
            (t.valid_from, t.kind, tuple((b.min_percent, b.amount) for b in t.bands))
            for t in session.scalars(
                select(Tariff).where(Tariff.district_id == district.id).order_by(Tariff.valid_from)
            )
        ]


def test_opens_on_the_demo_data(view: DistrictsView, qtmodeltester) -> None:
    model = view.districts_model
    assert [d.name for d in model.rows] == ["Kungsholmen", "Norrmalm", "Södermalm", "Tyresö kommun"]
    norrmalm = model.rows[1]
    assert model.index(1, model.KIND).data() == "Stadsdel · värdstadsdel"
    assert model.index(3, model.KIND).data() == "Kommun"
    assert model.index(3, model.FULL_NUMBER).data() == "Ja"
    assert norrmalm.contact and model.index(1, model.CONTACT).data() == norrmalm.contact
    qtmodeltester.check(model)
    choose(view, "Tyresö kommun")
    qtmodeltester.check(view.tariffs_model)
    assert view.tariffs_title.text() == "Ersättningar – Tyresö kommun"


def test_tariffs_in_words(view: DistrictsView) -> None:
    choose(view, "Norrmalm")
    latest = view.tariffs_model.rows[-1]
    assert latest.valid_from == dt.date(2026, 1, 1)
    assert view.tariffs_model.index(len(view.tariffs_model.rows) - 1, 2).data() == (
        "Per dag: heldag 450,00\u00a0kr (minst 4 tim), halvdag 248,00\u00a0kr (minst 1 tim)"
    )
    assert view.tariffs_model.index(len(view.tariffs_model.rows) - 1, 1).data() == "tills vidare"
    assert view.tariffs_model.index(len(view.tariffs_model.rows) - 2, 1).data() == "2025-12-31"
    choose(view, "Södermalm")
    assert view.tariffs_model.index(len(view.tariffs_model.rows) - 1, 2).data() == "Per timme: 95,50\u00a0kr"
    choose(view, "Tyresö kommun")
    assert view.tariffs_model.index(0, 2).data() == (
        "Per månad: från 1 % 4\u00a0000,00\u00a0kr, från 50 % 7\u00a0500,00\u00a0kr, från 75 % 9\u00a0500,00\u00a0kr"
    )


def test_tariff_texts_as_specified() -> None:
    day = dt.date(2026, 1, 1)
    assert tariff_text(TariffItem(1, day, None, "none")) == "Ingen"
    per_day = TariffItem(1, day, None, "per_day", Decimal(450), Decimal(250), Decimal(4), Decimal(1))
    assert tariff_text(per_day).replace("\u00a0", " ") == (
        "Per dag: heldag 450,00 kr (minst 4 tim), halvdag 250,00 kr (minst 1 tim)"
    )
    only_full = TariffItem(1, day, None, "per_day", Decimal(420), None, Decimal("3.5"), None)
    assert tariff_text(only_full).replace("\u00a0", " ") == "Per dag: heldag 420,00 kr (minst 3,5 tim)"
    per_month = TariffItem(1, day, None, "per_month", bands=((1, Decimal(4000)), (50, Decimal(7500))))
    assert tariff_text(per_month).replace("\u00a0", " ") == "Per månad: från 1 % 4 000,00 kr, från 50 % 7 500,00 kr"


def test_add_a_per_month_tariff_with_two_bands(ctx, view: DistrictsView, qtbot, qtmodeltester) -> None:
    choose(view, "Kungsholmen")
    district = view._district()
    dialog = TariffDialog(ctx, district, dt.date(2026, 12, 1), view)
    qtbot.addWidget(dialog)
    dialog.set_kind("per_month")
    assert dialog.bands_box.isVisibleTo(dialog) and not dialog.full_day.isVisibleTo(dialog)
    bands = dialog.bands
    bands.setData(bands.index(0, 0), "1")
    bands.setData(bands.index(0, 1), "4 000,00")
    row = bands.add_row()
    bands.setData(bands.index(row, 0), "50 %")
    bands.setData(bands.index(row, 1), "7500")
    qtmodeltester.check(bands)
    assert dialog.save()
    assert tariffs_of(ctx, "Kungsholmen")[-1] == (
        dt.date(2026, 12, 1),
        "per_month",
        ((1, Decimal("4000.00")), (50, Decimal("7500.00"))),
    )
    assert view.tariffs_model.index(len(view.tariffs_model.rows) - 1, 2).data().replace("\u00a0", " ") == (
        "Per månad: från 1 % 4 000,00 kr, från 50 % 7 500,00 kr"
    )
    assert view.tariffs_model.index(len(view.tariffs_model.rows) - 2, 1).data() == "2026-11-30"


def test_bad_band_is_refused_in_the_dialog(ctx, view: DistrictsView) -> None:
    choose(view, "Kungsholmen")
    before = tariffs_of(ctx, "Kungsholmen")
    dialog = TariffDialog(ctx, view._district(), dt.date(2026, 12, 1), view)
    dialog.set_kind("per_month")
    dialog.bands.setData(dialog.bands.index(0, 0), "abc")
    dialog.bands.setData(dialog.bands.index(0, 1), "100")
    assert not dialog.save()
    assert dialog.error.text() == "Lägsta omfattning abc % är inte giltig. Ange ett heltal från 1 till 100."
    dialog.bands.setData(dialog.bands.index(0, 0), "")
    dialog.bands.setData(dialog.bands.index(0, 1), "")
    assert not dialog.save()
    assert dialog.error.text().startswith("Ange minst ett intervall")
    assert tariffs_of(ctx, "Kungsholmen") == before


def test_per_day_and_per_hour_tariffs(ctx, view: DistrictsView) -> None:
    choose(view, "Södermalm")
    dialog = TariffDialog(ctx, view._district(), dt.date(2027, 1, 1), view)
    dialog.set_kind("per_day")
    dialog.full_day.setText("460,50")
    dialog.full_day_min.setText("4")
    assert dialog.save()
    dialog = TariffDialog(ctx, view._district(), dt.date(2027, 7, 1), view)
    dialog.set_kind("per_hour")
    dialog.hourly.setText("abc")
    assert not dialog.save()
    assert "abc" in dialog.error.text() and "inget tal" in dialog.error.text()
    dialog.hourly.setText("99,75")
    assert dialog.save()
    with ctx.db.session() as session:
        district = session.scalar(select(District).where(District.name == "Södermalm"))
        latest = {t.valid_from: t for t in district.tariffs}
        assert latest[dt.date(2027, 1, 1)].full_day_amount == Decimal("460.50")
        assert latest[dt.date(2027, 1, 1)].full_day_min_hours == Decimal("4.00")
        assert latest[dt.date(2027, 7, 1)].hourly_amount == Decimal("99.75")


def test_a_tariff_governing_an_attested_month_is_refused(ctx, view: DistrictsView) -> None:
    choose(view, "Norrmalm")
    before = tariffs_of(ctx, "Norrmalm")
    dialog = TariffDialog(ctx, view._district(), dt.date(2026, 9, 1), view)
    dialog.set_kind("per_hour")
    dialog.hourly.setText("100")
    assert not dialog.save()
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text().startswith("September 2026 är attesterad av ")
    assert dialog.error.text().endswith("och kan inte ändras. En administratör kan öppna månaden igen.")
    assert tariffs_of(ctx, "Norrmalm") == before


def test_remove_tariff_asks_and_respects_locks(ctx, view: DistrictsView) -> None:
    choose(view, "Norrmalm")
    before = tariffs_of(ctx, "Norrmalm")
    view.tariffs_table.setCurrentIndex(view.tariffs_model.index(len(view.tariffs_model.rows) - 1, 0))
    view.confirm = lambda _text: True
    view.remove_tariff()  # the 2026 tariff governs attested months
    assert view.message.isVisibleTo(view) and "är attesterad av" in view.message.text()
    assert tariffs_of(ctx, "Norrmalm") == before

    dialog = TariffDialog(ctx, view._district(), dt.date(2027, 1, 1), view)
    dialog.set_kind("none")
    assert dialog.save()
    assert len(tariffs_of(ctx, "Norrmalm")) == len(before) + 1
    view.tariffs_table.setCurrentIndex(view.tariffs_model.index(len(view.tariffs_model.rows) - 1, 0))
    assert view.tariffs_model.index(len(view.tariffs_model.rows) - 1, 2).data() == "Ingen"
    asked: list[str] = []
    view.confirm = lambda text: asked.append(text) is None  # says yes
    view.remove_tariff()
    assert asked == ["Ta bort ersättningen från 2027-01-01 för Norrmalm?"]
    assert tariffs_of(ctx, "Norrmalm") == before


def test_new_and_changed_district(ctx, view: DistrictsView) -> None:
    dialog = DistrictDialog(ctx, None, view)
    dialog.name.setText("Norrmalm")
    assert not dialog.save()
    assert dialog.error.text() == "Beställaren Norrmalm finns redan."
    dialog.name.setText("Nacka kommun")
    dialog.kind.setCurrentIndex(dialog.kind.findData("kommun"))
    dialog.contact.setText("Socialtjänsten, 08-718 80 00")
    dialog.full_number.setChecked(True)
    assert dialog.save()
    assert "Nacka kommun" in [d.name for d in view.districts_model.rows]
    item = next(d for d in view.districts_model.rows if d.name == "Nacka kommun")
    change = DistrictDialog(ctx, item, view)
    change.full_number.setChecked(False)
    assert change.save()
    with ctx.db.session() as session:
        stored = session.scalar(select(District).where(District.name == "Nacka kommun"))
        assert (stored.kind, stored.contact, stored.show_full_personal_number) == (
            "kommun",
            "Socialtjänsten, 08-718 80 00",
            False,
        )


def test_fakturering_edits_the_chosen_districts_invoicing_details(ctx, view: DistrictsView) -> None:
    from coopdesk.core.services import invoicing, lookups

    did = choose(view, "Södermalm")
    view.invoicing_button.click()
    form = view.invoicing_dialog.form
    assert form.whose.currentData() == did and form.pages.currentIndex() == 1  # the district's page
    assert form.buyer["buyer_reference"].text() == "SOD2210"  # the demo's details
    form.buyer["peppol_id"].setText("0007:2120000143")  # a wrong check digit is refused with the rule
    assert not form.save() and "kontrollsiffra" in form.message.text()
    form.buyer["peppol_id"].setText("0088:7300010000001")
    form.buyer["buyer_reference"].setText("SOD-99")
    assert form.save()
    buyer = ctx.read(lambda s: invoicing.buyer(s, lookups.district_by_name(s, "Södermalm").id))
    assert (buyer.peppol_id, buyer.buyer_reference) == ("0088:7300010000001", "SOD-99")
    view.invoicing_dialog.accept()
