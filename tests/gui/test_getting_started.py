"""Kom igång: a new database opens on Idag with the checklist; each step is a link to where it is done;
the steps follow the database; the checklist goes once all is done, or when hidden."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from coopdesk.core import passwords
from coopdesk.core.actor import ROLE_SUPERVISOR, Actor
from coopdesk.core.services import districts, members, settings, supervisors, users
from coopdesk.storage.database import open_database
from coopdesk.ui.context import AppContext
from coopdesk.ui.main_window import MainWindow
from coopdesk.ui.views.getting_started import ADMIN_STEPS


@pytest.fixture
def new_ctx(qapp, tmp_path: Path, monkeypatch) -> Iterator[AppContext]:
    """A new database: its first administrator and nothing else."""
    monkeypatch.setattr(passwords, "SCRYPT_N", 2**10)
    database = open_database(str(tmp_path / "ny.db"))
    with database.session() as s:
        admin = users.create_first_admin(s, "anna", "Anna Berg", "ett-långt-lösenord")
    context = AppContext(database, admin)
    yield context
    context.tasks.wait()
    database.close()


def open_window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def marks(window) -> dict[str, str]:
    return {key: label.text() for key, label in window.getting_started.marks.items()}


def test_a_new_database_opens_on_idag_with_the_checklist(qtbot, new_ctx) -> None:
    QSettings().setValue("main/view", "handledare")  # the last view used on this computer
    window = open_window(qtbot, new_ctx)
    panel = window.getting_started
    assert window.current_key() == "idag"
    assert panel.isVisible() and set(marks(window).values()) == {"○"}
    assert panel.progress.text() == "0 av 5 klara"
    window.show_view("medlemmar")
    assert not panel.isVisible(), "only above Idag"
    window.show_view("idag")
    assert panel.isVisible()


@pytest.mark.parametrize(
    ("step", "view", "focus"),
    [
        ("cooperative", "installningar", "cooperative_box.name"),
        ("districts", "bestallare", None),
        ("work_areas", "installningar", "work_areas_box.add_button"),
        ("members", "medlemmar", "new_button"),
        ("supervisors", "handledare", None),
    ],
)
def test_each_step_is_a_link_to_where_it_is_done(qtbot, new_ctx, step, view, focus) -> None:
    window = open_window(qtbot, new_ctx)
    link = window.getting_started.links[step]
    assert f"href='{step}'" in link.text()
    link.linkActivated.emit(step)
    assert window.current_key() == view
    if focus is not None:
        assert window.focusWidget() is operator.attrgetter(focus)(window.view(view))


def test_the_steps_follow_the_database_and_the_checklist_goes_when_all_are_done(qtbot, new_ctx) -> None:
    window = open_window(qtbot, new_ctx)
    panel = window.getting_started
    actor = new_ctx.actor
    new_ctx.change(window, lambda s: settings.save_cooperative(s, actor, name="Kooperativet KOS"), "settings")
    assert marks(window)["cooperative"] == "✓" and panel.progress.text() == "1 av 5 klara"
    ids = {}

    def district_and_tariff(s):
        ids["district"] = districts.add_district(s, actor, "Norrmalm").id
        districts.add_tariff(s, actor, ids["district"], dt.date(2026, 1, 1), "per_hour", hourly_amount="95")

    new_ctx.change(window, district_and_tariff, "districts")
    area = new_ctx.change(window, lambda s: settings.add_work_area(s, actor, "Kopiering").id, "settings")
    ids["area"] = area
    assert [marks(window)[k] for k in ("districts", "work_areas", "members")] == ["✓", "✓", "○"]

    def member(s):
        added = members.add_member(s, actor, "Anna Andersson", "19800101-0001", primary_work_area_id=ids["area"])
        members.add_placement(s, actor, added.id, ids["district"], "B-1", dt.date(2026, 1, 1))

    new_ctx.change(window, member, "members")
    assert panel.isVisible() and marks(window)["members"] == "✓"
    new_ctx.change(window, lambda s: supervisors.add_supervisor(s, actor, "Sara Svensson", 100), "supervisors")
    assert panel.complete and not panel.isVisible()


def test_hidden_stays_hidden_for_this_database(qtbot, new_ctx) -> None:
    window = open_window(qtbot, new_ctx)
    window.getting_started.hide_button.click()
    assert not window.getting_started.isVisible()
    window.close()
    again = open_window(qtbot, new_ctx)
    assert not again.getting_started.isVisible()


def test_a_database_in_use_shows_no_checklist(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx)
    assert window.getting_started.complete and not window.getting_started.isVisible()


def test_a_handledare_is_told_which_steps_an_administrator_does(qtbot, new_ctx) -> None:
    new_ctx.actor = Actor("Kim Handledare", ROLE_SUPERVISOR, "kim")
    window = open_window(qtbot, new_ctx)
    for key, link in window.getting_started.links.items():
        assert ("administratör" in link.text()) == (key in ADMIN_STEPS), key
