"""An actor's partners with trust both ways and the status of each tie."""

from clusternet.analysis import analyze
from clusternet.profile import partners_table
from clusternet.survey import load_survey


def test_partners_table_lists_both_directions(csv_survey):
    survey = load_survey(
        csv_survey(
            actors="actor_id,type\nA,firm\nB,ngo\nC,firm\nD,bank\n",
            ties="source,target,relation,trust\nA,B,training,4\nB,A,training,5\nB,A,information,5\nC,A,information,2\nA,D,finance,3\n",
            respondents="round,actor_id\n1,A\n1,B\n1,C\n",
        )
    )
    table = partners_table(analyze(survey), "A")
    assert table.astype(object).fillna("-").values.tolist() == [
        ["B", "ngo", "information, training", 4.0, 5.0, "confirmed"],
        ["C", "firm", "information", "-", 2.0, "unconfirmed"],
        ["D", "bank", "finance", 3.0, "-", "unconfirmable"],
    ]
    assert table["partner"].tolist() == ["B", "C", "D"]
    assert table["status"].tolist() == ["confirmed", "unconfirmed", "unconfirmable"]
    assert table.loc[1, "trust_received"] == 2.0 and table.loc[0, "relations"] == "information, training"
