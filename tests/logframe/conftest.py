"""A six-actor, three-round survey with a facilitation log and a logframe, every figure worked by hand.

Ties (reported arcs, relation ``talk``; ``<->`` both arcs):

- r1 (2024-01-01): F1<->F2, P1<->F3, P1<->A1, P1->F1; F4 has no tie.
- r2 (2024-07-01): F1<->F2, A1<->F3, P1->F3, F3->F4.
- r3 (2025-01-01): F1<->F2, A1<->F3, A1<->F1, A1<->F4, F2->F3; P1 has no tie.

P1 is the project's NGO (``is_project`` yes), A1 the cluster's association, F1-F4 firms; everybody
answers every round. The actions and the logframe are in :data:`ACTIONS` and :data:`LOGFRAME`.
"""

from pathlib import Path

import pytest

from clusternet.survey import Survey, load_survey

ACTORS = """actor_id,name,type,is_project
F1,Firm one,firm,no
F2,Firm two,firm,no
F3,Firm three,firm,no
F4,Firm four,firm,no
A1,Weavers' association,association,no
P1,Project NGO,ngo,yes
"""
ROUNDS = "round,date,description\nr1,2024-01-01,baseline\nr2,2024-07-01,midterm\nr3,2025-01-01,endline\n"
ARCS = {
    "r1": ["F1 F2", "F2 F1", "P1 F3", "F3 P1", "P1 A1", "A1 P1", "P1 F1"],
    "r2": ["F1 F2", "F2 F1", "A1 F3", "F3 A1", "P1 F3", "F3 F4"],
    "r3": ["F1 F2", "F2 F1", "A1 F3", "F3 A1", "A1 F1", "F1 A1", "A1 F4", "F4 A1", "F2 F3"],
}
ACTIONS = """action_id,date,kind,participants,lead_actor,gap_key,indicator_id,title,notes,status
a1,2023-12-01,meeting,F3;A1,P1,,I3,First meeting,,done
a2,2024-03-01,joint_action,F3;F4;A1,,F4,I3,Joint stand,,done
a3,2024-05-01,meeting,F1;F2;F4,A1,,,Buyers' meeting,,
a4,2024-10-01,training,F1;F2;F3;F4,,,,Design training,,done
a5,2024-11-01,meeting,F1;F4,A1,,,,,done
a6,2025-06-01,meeting,F2;F4,,,,Next meeting,,planned
"""
LOGFRAME = """indicator_id,level,name,kpi,basis,baseline_round,target,target_round,value_r1,value_r2,value_r3
I1,outcome,More ties,ties,all,r1,9,r3,,,
I2,outcome,Nobody left out,isolates,all,r1,0,r3,,,
I3,output,Active actors,active_actors,,r1,4,r3,,,
I4,output,Firms trained (typed),,,r1,30,r3,10,20,35
I5,impact,Ties that last,tie_persistence,,r2,0.5,r3,,,
"""


def write_survey(folder: Path, actions: str = ACTIONS, logframe: str = LOGFRAME) -> Path:
    """The survey as a folder of CSV files (``actions`` or ``logframe`` empty: no such file)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (folder / "rounds.csv").write_text(ROUNDS, encoding="utf-8")
    ties = ["source,target,round,relation"] + [
        f"{arc.split()[0]},{arc.split()[1]},{label},talk" for label, arcs in ARCS.items() for arc in arcs
    ]
    (folder / "ties.csv").write_text("\n".join(ties) + "\n", encoding="utf-8")
    respondents = ["round,actor_id"] + [
        f"{label},{actor}" for label in ARCS for actor in ["F1", "F2", "F3", "F4", "A1", "P1"]
    ]
    (folder / "respondents.csv").write_text("\n".join(respondents) + "\n", encoding="utf-8")
    if actions:
        (folder / "actions.csv").write_text(actions, encoding="utf-8")
    if logframe:
        (folder / "logframe.csv").write_text(logframe, encoding="utf-8")
    return folder


@pytest.fixture
def logframe_folder(tmp_path: Path) -> Path:
    return write_survey(tmp_path / "survey")


@pytest.fixture
def logframe_survey(logframe_folder: Path) -> Survey:
    return load_survey(logframe_folder)
