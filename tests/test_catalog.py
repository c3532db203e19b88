"""One catalog of every sentence: extracted without a warning, current, and every message renders."""

import ast
import importlib
import pkgutil
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import clusternet
from clusternet.messages import templates

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "clusternet" / "locale" / "messages.pot"
PYBABEL = Path(sys.executable).parent / "pybabel"


def extract(tmp_path: Path) -> tuple[str, Path]:
    """Run the project's extraction into a temporary file; return what it printed and the file."""
    output = tmp_path / "messages.pot"
    command = (ROOT / "scripts" / "extract-messages").read_text()
    arguments = re.search(r"pybabel extract (.*?) \.\n", command.replace("\\\n", " "), re.S)
    assert arguments, "scripts/extract-messages runs pybabel extract"
    options = arguments.group(1).split()
    options[options.index("--output-file") + 1] = str(output)
    options = [option.strip('"') for option in options]
    result = subprocess.run([str(PYBABEL), "extract", *options, "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stderr, output


def entries(path: Path) -> dict[tuple[str | None, str], object]:
    with path.open("rb") as file:
        catalog = read_po(file)
    return {(entry.context, entry.id if isinstance(entry.id, str) else entry.id[0]): entry for entry in catalog}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    return extract(tmp_path_factory.mktemp("catalog"))


def test_extraction_warns_about_nothing(extracted):
    stderr, _ = extracted
    warnings = [line for line in stderr.splitlines() if "warning" in line.lower()]
    assert warnings == []


def test_the_committed_catalog_is_current(extracted):
    _, path = extracted
    assert set(entries(path)) == set(entries(CATALOG)), "run scripts/extract-messages and commit the catalog"


def import_every_module():
    for module in pkgutil.walk_packages(clusternet.__path__, "clusternet."):
        if module.name != "clusternet.__main__":
            importlib.import_module(module.name)


def test_every_declared_template_is_in_the_catalog_with_its_text():
    import_every_module()
    catalog = entries(CATALOG)
    declared = {item.id: item for item in templates().values() if not item.id.startswith("test.")}
    assert declared, "the library declares its messages"
    missing = [item.id for item in declared.values() if (item.id, item.text) not in catalog]
    assert missing == []


def sample_value(spec: str) -> object:
    if not spec:
        return "Sample"
    if spec.endswith("d") or spec == ",":
        return 3
    return 0.25


def render_sample(text: str) -> str:
    fields = {
        name.split(".")[0].split("[")[0]: sample_value(spec)
        for _, name, spec, _ in string.Formatter().parse(text)
        if name
    }
    return text.format(**fields)


def test_every_message_of_the_catalog_renders_with_sample_parameters():
    catalog = entries(CATALOG)
    assert len(catalog) > 100
    for entry in catalog.values():
        forms = [entry.id] if isinstance(entry.id, str) else list(entry.id)
        for text in forms:
            rendered = render_sample(text)
            assert "{" not in rendered.replace("{{", ""), (entry.context, text)


APP_FILES = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]
SHOWN_BY_STREAMLIT = {
    "title", "header", "subheader", "caption", "write", "markdown", "info", "warning", "error", "success",
    "button", "selectbox", "multiselect", "radio", "toggle", "number_input", "slider", "select_slider",
    "download_button", "metric", "text_input", "expander", "file_uploader", "checkbox", "toast", "tabs",
    "Page", "spinner", "status", "popover", "segmented_control", "pills", "data_editor",
}  # fmt: skip
LABEL_KEYWORDS = {"label", "help", "placeholder", "text", "title", "caption"}
WORDS = re.compile(r"[A-Za-z]{2,}")


def literal_prose(node: ast.AST) -> str | None:
    """A string literal or f-string part with words in it, as written in the page: English nobody translates."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and WORDS.search(node.value):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
        if WORDS.search(re.sub(r"<[^>]*>", "", parts)):
            return parts
    return None


@pytest.mark.parametrize("path", APP_FILES, ids=lambda path: path.name)
def test_every_text_the_app_shows_goes_through_the_catalog(path):
    module = ast.parse(path.read_text())
    constants = {
        target.id: statement.value
        for statement in module.body
        if isinstance(statement, ast.Assign)
        for target in statement.targets
        if isinstance(target, ast.Name)
    }
    untranslated = []
    for node in ast.walk(module):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in SHOWN_BY_STREAMLIT:
            continue
        positional = [] if name == "Page" else node.args[:1]  # a page's first argument is its file
        candidates = positional + [keyword.value for keyword in node.keywords if keyword.arg in LABEL_KEYWORDS]
        candidates = [constants.get(item.id, item) if isinstance(item, ast.Name) else item for item in candidates]
        untranslated += [f"line {node.lineno}: {text!r}" for text in map(literal_prose, candidates) if text]
    assert untranslated == []
