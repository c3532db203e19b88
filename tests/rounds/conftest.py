"""Hand-built surveys of two and three rounds whose changes are written out by hand in the tests."""

import pytest

from clusternet.survey import load_survey

TWO_ROUNDS = {
    "actors": "actor_id,name,type,village\nA,Anand,firm,North\nB,Bela,firm,North\nC,Chitra,firm,South\n"
    "D,Coop,association,South\n",
    "rounds": "round,date\nbefore,2023-01-15\nafter,2025-01-15\n",
    "respondents": "round,actor_id\nbefore,A\nbefore,B\nbefore,C\nafter,A\nafter,B\nafter,C\nafter,D\n",
    "ties": """source,target,round,relation,trust
A,B,before,information,2
B,A,before,information,2
A,C,before,joint_action,3
B,D,before,training,2
A,B,after,information,4
B,A,after,information,4
A,C,after,joint_action,4
C,A,after,joint_action,5
C,D,after,training,5
D,C,after,training,4
""",
}
"""Four actors; the coop D did not answer "before". Between the rounds A-C becomes a mutual joint
action, C and D start training together, and B stops training with D; trust rises everywhere.

Basis all (A, B, C, D), 12 possible arcs:
  before: 4 arcs, density 1/3, mean trust (2 + 2 + 3 + 2) / 4 = 2.25
  after:  6 arcs, density 1/2, mean trust (4 + 4 + 4 + 5 + 5 + 4) / 6 = 13/3
Panel (A, B, C: D did not answer "before"), 6 possible arcs:
  before: A->B, B->A, A->C: density 1/2, mean trust 7/3
  after:  A->B, B->A, A->C, C->A: density 2/3, mean trust 17/4
"""

THREE_ROUNDS = {
    "actors": "actor_id,name,type\nA,Anand,firm\nB,Bela,firm\nC,Chitra,firm\nD,Coop,association\n",
    # listed out of date order on purpose: the rounds are ordered by their dates
    "rounds": "round,date\nr3,2025-06-01\nr1,2021-06-01\nr2,2023-06-01\n",
    "respondents": "round,actor_id\nr1,A\nr1,B\nr1,C\nr1,D\nr2,A\nr2,B\nr2,C\nr2,D\nr3,A\nr3,B\nr3,C\n",
    "ties": """source,target,round,relation,trust
A,B,r1,information,2
A,B,r2,information,3
B,C,r2,information,3
A,B,r3,information,4
B,C,r3,information,4
C,D,r3,information,4
""",
}
"""A chain that grows by one arc a round, trust one point higher each time; D does not answer r3.

Densities 1/12, 2/12, 3/12 and mean trust 2, 3, 4 on all actors; on the panel of those who answered
every round (A, B, C) densities 1/6, 2/6, 2/6 (C->D leaves the panel).
"""


@pytest.fixture
def two_rounds(csv_survey):
    return load_survey(csv_survey(**TWO_ROUNDS))


@pytest.fixture
def three_rounds(csv_survey):
    return load_survey(csv_survey(**THREE_ROUNDS))


@pytest.fixture
def survey_with(csv_survey):
    """A loader of the two-round survey with some of its files replaced."""

    def load(**files):
        return load_survey(csv_survey(**{**TWO_ROUNDS, **files}))

    return load
