"""The browser's Back and Forward, through AppTest (ui.state.init_from_url, ui.drillbar).

AppTest cannot press Back: a run is marked as a history navigation by replacing
``ui.state.is_history_navigation`` (which reads Streamlit's run context), and the URL of the
history entry is put in ``at.query_params``. Like the browser, AppTest sends the widget values
of the view being left; the URL must win over them. The real buttons are tested in Chromium
(tests/test_browser_history.py)."""

from __future__ import annotations

import pytest

from analytics.i18n import t
from tests.test_app import app_db, new_app, steady_page_mode  # noqa: F401 (fixtures)
from ui import state

pytestmark = pytest.mark.usefixtures("app_db")  # every test on a copy of the fixture database


@pytest.fixture
def history(monkeypatch):
    """``history(at, **query)`` runs ``at`` as the browser's Back or Forward to that URL."""
    flag = {"on": False}
    monkeypatch.setattr(state, "is_history_navigation", lambda: flag["on"])

    def navigate(at, **query):
        at.query_params.clear()
        at.query_params.update(query)
        flag["on"] = True
        try:
            return at.run()
        finally:
            flag["on"] = False

    return navigate


def drill_bar_shown(at) -> bool:
    return any(t("drill.active") in m.value for m in at.markdown)


def test_a_url_change_without_back_or_forward_keeps_the_widgets(history):
    at = new_app().run()
    at.multiselect(key="f_goal").set_value([3]).run()
    at.query_params.clear()
    at.query_params["term"] = "3"
    at.run()
    assert at.session_state["f_goal"] == [3] and at.session_state["f_term"] == []
    assert at.query_params == {"goal": "3"}


def test_back_takes_the_filters_and_language_from_the_url(history):
    at = new_app(term="3").run()
    at.multiselect(key="f_goal").set_value([3]).run()
    at.segmented_control(key="lang").set_value("en").run()
    assert at.query_params == {"term": "3", "goal": "3", "lang": "en"}
    assert at.title[0].value == "Overview"

    history(at, term="3", goal="3")  # Back: before the language switch
    assert at.title[0].value == "概要" and at.session_state["lang"] == "ja"
    assert at.multiselect(key="f_goal").value == [3]
    history(at, term="3")  # Back: before the goal
    assert at.multiselect(key="f_goal").value == []
    assert at.multiselect(key="f_term").value == [3]
    assert at.query_params == {"term": "3"} and not at.exception
    history(at, term="3", goal="3", lang="en")  # Forward twice
    assert at.title[0].value == "Overview" and at.multiselect(key="f_goal").value == [3]
    assert at.query_params == {"term": "3", "goal": "3", "lang": "en"}


def test_a_history_entry_with_a_bad_value_is_named_in_a_notice(history):
    at = new_app().run()
    history(at, goal="7")
    assert any("goal" in w.value for w in at.warning)
    assert at.session_state["f_goal"] == [] and not at.exception


def drill_to_level_3(at) -> None:
    """What a click on the level-3 segment does (ui.widgets.remember_view, ui.state.drill)."""
    at.session_state["_drill_stack"] = [{"f_term": [3], "f_level": [], "_page": "overview"}]
    at.session_state["f_level"] = [3]
    at.session_state["_drilled"] = True
    at.run()


def test_back_and_forward_over_a_drill_down_take_the_bar_with_them(history):
    at = new_app(term="3").run()
    drill_to_level_3(at)
    assert at.query_params == {"term": "3", "level": "3"} and drill_bar_shown(at)

    history(at, term="3")  # Back to the view before the click
    assert at.multiselect(key="f_level").value == []
    assert not drill_bar_shown(at) and at.session_state["_drill_stack"] == []

    history(at, term="3", level="3")  # Forward to the drilled view
    assert at.multiselect(key="f_level").value == [3] and drill_bar_shown(at)

    at.button(key="drill_back").click().run()  # the bar's own 戻る still works in one click
    assert at.multiselect(key="f_level").value == [] and not drill_bar_shown(at)
    assert at.query_params == {"term": "3"}


def test_back_onto_the_entry_switch_page_leaves_shows_the_view_before_the_click(history):
    """switch_page writes the clicked page with the new filters, then the new page: Back from
    the new page lands on the first entry (same filters, the clicked page's address)."""
    at = new_app(term="3").run()
    drill_to_level_3(at)
    history(at, term="3", level="3")
    assert at.multiselect(key="f_level").value == [] and not drill_bar_shown(at)
    assert at.multiselect(key="f_term").value == [3]
    assert at.query_params == {"term": "3"}  # the entry is rewritten in place

    # a later Forward to the drilled view brings the bar back
    history(at, term="3", level="3")
    assert at.multiselect(key="f_level").value == [3] and drill_bar_shown(at)


def test_back_after_the_bars_own_back_button_shows_the_drilled_view_again(history):
    """戻る switches page too: Back from the page it opened lands first on the entry switch_page
    left (the page 戻る was pressed on, with the filters before the click)."""
    at = new_app(term="3").run()
    drill_to_level_3(at)
    at.button(key="drill_back").click().run()
    assert at.query_params == {"term": "3"} and not drill_bar_shown(at)
    history(at, term="3")
    assert at.multiselect(key="f_level").value == [3] and drill_bar_shown(at)
    assert at.query_params == {"term": "3", "level": "3"}
