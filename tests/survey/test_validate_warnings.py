"""`clusternet validate` prints the warnings of unknown and look-alike columns, and of files left out."""

from clusternet.cli import main
from tests.conftest import write_csv_folder, write_workbook


def test_validate_names_renamed_type_and_trust_columns(tmp_path, capsys):
    path = write_workbook(
        tmp_path / "renamed.xlsx",
        {
            "actors": [["actor_id", "name", "Kind"], ["A", "Alpha", "firm"], ["B", "Beta", "ngo"]],
            "ties": [["source", "target", "trust level (1-5)"], ["A", "B", 4], ["B", "A", 2]],
        },
    )
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    warnings = out[out.index("2 warnings:") :].splitlines()
    assert [line.split("  ")[0] for line in warnings[2:]] == ["WARNING", "WARNING"]
    assert "renamed.xlsx, sheet actors  1    Kind" in warnings[2]
    assert warnings[2].endswith(
        '"Kind" looks like "type": rename it, or it is kept as an attribute. Write "type" as its header.'
    )
    assert "renamed.xlsx, sheet ties    1    trust level (1-5)" in warnings[3]
    assert warnings[3].endswith(
        'No trust ratings were read: the ties have no "trust" column, but "trust level (1-5)" holds whole '
        'numbers 1-5 as ratings do. If it holds the trust ratings, write "trust" as its header.'
    )


def test_validate_names_columns_and_files_that_are_not_read(tmp_path, capsys):
    folder = write_csv_folder(
        tmp_path / "survey",
        {
            "actors.csv": "actor_id\nA\nB\n",
            "ties.csv": "source,target,comment\nA,B,met at the fair\n",
            "rounds.csv": "round,Date of visit\n1,2024-03-01\n",
            "codebook.csv": "question,meaning\nq1,partners\n",
        },
    )
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "3 warnings:" in out
    assert '"codebook.csv" is not one of the survey\'s files' in out
    assert '"comment" is not a column of ties: it is kept, but not used in the analysis.' in out
    assert '"Date of visit" looks like "date": rename it, or it is not read.' in out
