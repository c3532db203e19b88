"""What a command imports before it needs it: ``clusternet --help`` starts without the library's
heavy parts (the network, the sparse algebra, the pictures, the store, the export machinery)."""

import json
import subprocess
import sys

HEAVY = ("matplotlib", "networkx", "scipy", "sqlalchemy", "igraph", "clusternet.export")


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
