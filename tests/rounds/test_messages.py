"""Key messages read the time series in plain sentences, improvements first."""

import pandas as pd

from clusternet.rounds.messages import key_messages


def test_key_messages_name_the_change_and_its_direction():
    series = pd.DataFrame(
        {
            "kpi": ["mean_trust", "brokerage_top_share", "isolates", "firms_in_joint_action"],
            "basis": ["all"] * 4,
            "r1": [2.5, 0.8, 3, float("nan")],
            "r2": [3.5, 0.9, 3, 4],
            "good_direction": ["up", "down", "down", "up"],
        }
    )
    assert [str(message) for message in key_messages(series, "r1", "r2")] == [
        "Mean trust rose from 2.5 to 3.5 (r1 → r2).",
        "Brokerage held by the top broker rose from 80% to 90% (r1 → r2).",
        "Actors with no tie unchanged at 3 (r1 → r2).",
    ]
