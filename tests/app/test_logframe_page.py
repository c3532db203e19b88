"""The Logframe page as AppTest runs it: indicators against targets, the actions, the follow-up, the log edited."""

import pandas as pd
import pytest

from tests.app.test_pages import SAMPLE_NAMES, app, on_page, page_text  # noqa: F401 (app is a fixture)


@pytest.fixture
def logframe(app):  # noqa: F811 (the fixture imported above)
    return on_page(app, "logframe")


def test_the_page_shows_the_indicators_of_the_sidebars_round(logframe):
    assert not logframe.exception, logframe.exception
    assert logframe.title[0].value == "Logframe"
    table = logframe.dataframe[0].value
    assert table["indicator_id"].tolist() == ["IMP1", "OC1", "OC2", "OC3", "OC4", "OC5", "OUT1", "OUT2"]
    assert table.set_index("indicator_id").loc["OUT2", "value"] == 33
    assert table["progress"].between(0, 1).all()  # the bars are clipped to the target
    assert len(logframe.get("vega_lite_chart")) >= 9  # one chart per indicator and the time line


def test_the_followup_table_lists_every_action(logframe):
    followup = logframe.dataframe[1].value
    assert followup["action_id"].tolist() == [f"A0{number}" for number in range(1, 10)]


def test_the_log_is_editable_and_using_it_keeps_every_action(logframe):
    assert len(logframe.dataframe) == 3  # indicators, follow-up, and the log's editor
    assert logframe.dataframe[2].value["action_id"].tolist()[-1] == "A09"
    logframe.button(key="logframe_apply").click().run()
    assert not logframe.exception, logframe.exception
    assert [notice.value for notice in logframe.success] == [
        "The facilitation log now has 9 actions: every page uses it."
    ]
    assert logframe.session_state["upload"][0][0].endswith(".xlsx")  # the edited survey is the one in use
    assert logframe.dataframe[1].value["action_id"].tolist() == [f"A0{number}" for number in range(1, 10)]


def test_anonymised_the_page_names_no_actor_and_does_not_edit(app):  # noqa: F811
    app.session_state["anonymise"] = True
    page = on_page(app.run(), "logframe")
    assert not page.exception, page.exception
    text = page_text(page)
    for name in [*SAMPLE_NAMES, "Joint meeting of Barpālī", "GOV01", "MW01"]:
        assert name not in text, name
    assert page.button == []  # nothing to apply: the log is shown, not edited
    assert isinstance(page.dataframe[-1].value, pd.DataFrame)
