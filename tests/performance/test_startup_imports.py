"""What a command imports before it needs it: ``clusternet --help`` starts without the library's
heavy parts (the network, the sparse algebra, the pictures, the store, the export machinery),
``validate`` without the network, and ``analyze`` without the pictures, workbooks and maps."""

import json
import subprocess
import sys
from pathlib import Path

HEAVY = (
    "matplotlib",
    "networkx",
    "scipy",
    "sqlalchemy",
    "igraph",
    "clusternet.export",
    "openpyxl",
    "pyvis",
    "clusternet.whatif",
    "clusternet.logframe",
)
SAMPLE = Path(__file__).resolve().parents[2] / "surveys" / "sample"


def imported_by(argv: list[str]) -> list[str]:
    """The heavy modules in ``sys.modules`` after ``clusternet ARGV`` ran in a fresh interpreter."""
    script = (
        "import json, sys\n"
        "from clusternet.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps(sorted(name for name in sys.modules if name.startswith({HEAVY!r}))))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.splitlines()[-1])


def test_help_imports_neither_the_network_nor_the_export_machinery():
    assert imported_by(["--help"]) == []


def test_help_in_another_language_imports_nothing_heavy_either():
    assert imported_by(["--lang", "fr", "--help"]) == []


def test_a_command_refused_by_its_arguments_imports_nothing_heavy():
    assert imported_by(["analyze"]) == []  # no --out: argparse refuses before anything runs


def test_the_export_command_lists_its_formats_when_its_help_is_shown():
    script = "from clusternet.cli import main\ntry:\n    main(['export', '--help'])\nexcept SystemExit:\n    pass\n"
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert "xlsx:" in shown and "feedback-pdf:" in shown


def test_validate_reads_the_sample_without_the_network_libraries():
    imported = imported_by(["validate", str(SAMPLE / "handloom_cluster.xlsx")])
    assert not [name for name in imported if name.startswith(("networkx", "scipy", "igraph", "matplotlib"))]
    assert "openpyxl" in imported  # it is a workbook: the test sees the imports it looks for


def test_analyze_of_csv_files_loads_neither_pictures_workbooks_maps_nor_what_if(tmp_path):
    imported = imported_by(["analyze", str(SAMPLE / "csv"), "--out", str(tmp_path)])
    assert (tmp_path / "actors.csv").exists()
    loaded = {name.split(".")[0] if not name.startswith("clusternet") else ".".join(name.split(".")[:2])
              for name in imported}  # fmt: skip
    assert loaded.isdisjoint(
        {"matplotlib", "openpyxl", "pyvis", "sqlalchemy", "clusternet.whatif", "clusternet.logframe"}
    )
    assert {"networkx", "igraph"} <= loaded


def test_igraph_is_imported_without_pyplot_and_matplotlib_still_imports_after():
    script = (
        "import sys\n"
        "from clusternet.metrics.igraph_view import igraph_module\n"
        "ig = igraph_module()\n"
        "assert 'matplotlib' not in sys.modules\n"
        "import matplotlib.pyplot\n"
        "print(len(ig.Graph.Famous('Zachary').community_multilevel()) > 1, matplotlib.pyplot.figure() is not None)\n"
    )
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert shown.split() == ["True", "True"]
