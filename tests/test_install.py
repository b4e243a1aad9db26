"""A fresh install works: every module and every library the package imports
loads, an HTML article goes through the real reader, pyproject.toml declares
what the code imports, requirements/lock.txt pins it, and CI runs the README's
set-up commands as written."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import importlib.util
import pkgutil
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

import crosscheck
from crosscheck.readers import read_documents

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "crosscheck"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
OPTIONAL_IMPORTS = {"ray": "ray"}  # import name -> the extra that brings it; absent without that extra


def imported_names(path: Path) -> set[str]:
    """Top-level names of the absolute imports anywhere in a file, function bodies included."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def third_party_imports() -> set[str]:
    names = set().union(*(imported_names(path) for path in PACKAGE.rglob("*.py")))
    return names - set(sys.stdlib_module_names) - {"crosscheck"}


def requirement_names(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(line).name) for line in requirements}


def extra_is_missing(name: str) -> bool:
    return name in OPTIONAL_IMPORTS and importlib.util.find_spec(name) is None


MODULES = sorted(info.name for info in pkgutil.walk_packages(crosscheck.__path__, "crosscheck."))


@pytest.mark.parametrize("module", MODULES)
def test_every_module_of_the_package_imports(module: str) -> None:
    if module.endswith(".__main__"):  # runs the command line when imported: load it the way it is meant to be
        package = module.removesuffix(".__main__")
        ran = subprocess.run([sys.executable, "-m", package, "--help"], capture_output=True, text=True, timeout=120)
        assert ran.returncode == 0 and "Usage" in ran.stdout, ran.stderr
        return
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as error:
        missing = (error.name or "").split(".")[0]
        if extra_is_missing(missing):
            pytest.skip(f"needs the {OPTIONAL_IMPORTS[missing]} extra")
        raise


def test_module_list_is_the_package() -> None:
    assert {"crosscheck.cli", "crosscheck.readers", "crosscheck.attribute.engine", "crosscheck.ray_engine"} <= set(
        MODULES
    )


@pytest.mark.parametrize("name", sorted(third_party_imports()))
def test_every_library_the_package_imports_loads(name: str) -> None:
    """Heavy libraries are imported inside functions, so importing the modules
    alone does not load them (trafilatura once failed here on a fresh install)."""
    if extra_is_missing(name):
        pytest.skip(f"needs the {OPTIONAL_IMPORTS[name]} extra")
    importlib.import_module(name)


def test_an_html_article_is_read_through_trafilatura(tmp_path: Path) -> None:
    page = tmp_path / "sommet.html"
    page.write_text(
        """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Sommet à Genève</title></head>
<body><nav><a href="/">Accueil</a> | <a href="/monde">Monde</a> | <a href="/sport">Sport</a></nav>
<article><h1>Sommet à Genève</h1>
<p>Le ministre des Affaires étrangères a déclaré mardi que les discussions avaient été franches et utiles.</p>
<p>Selon son porte-parole, une nouvelle rencontre pourrait avoir lieu avant la fin du mois de mars.</p>
</article>
<footer>Tous droits réservés. Mentions légales. Politique de confidentialité.</footer></body></html>
""",
        encoding="utf-8",
    )
    [document] = read_documents(page)
    assert document.format == "html" and document.id == "sommet"
    assert "les discussions avaient été franches et utiles" in document.text
    assert "une nouvelle rencontre pourrait avoir lieu" in document.text
    assert "Accueil" not in document.text and "Mentions légales" not in document.text
    assert document.raw is not None and "<nav>" in document.raw
    assert document.meta.get("title") == "Sommet à Genève"


def test_every_third_party_import_is_declared_in_pyproject() -> None:
    declared_core = requirement_names(PYPROJECT["dependencies"])
    extras = {name: requirement_names(lines) for name, lines in PYPROJECT["optional-dependencies"].items()}
    distributions = importlib.metadata.packages_distributions()
    undeclared = []
    for name in sorted(third_party_imports()):
        declared = extras[OPTIONAL_IMPORTS[name]] if name in OPTIONAL_IMPORTS else declared_core
        candidates = {canonicalize_name(dist) for dist in distributions.get(name, [])}
        if name in OPTIONAL_IMPORTS and not candidates:
            candidates = {canonicalize_name(name)}  # extra not installed: its import name is its distribution's
        if not candidates & declared:
            undeclared.append(f"{name} (distribution {sorted(candidates) or 'not installed'})")
    assert not undeclared, f"imported by crosscheck/ but not declared in pyproject.toml: {undeclared}"


def test_the_test_extra_brings_every_optional_extra() -> None:
    """The tests of the Ray engine run in CI only if the test extra installs ray."""
    extras = PYPROJECT["optional-dependencies"]
    assert set(extras["ray"]) <= set(extras["test"])


def locked_versions() -> dict[str, Version]:
    pins = {}
    for line in (REPO / "requirements" / "lock.txt").read_text(encoding="utf-8").splitlines():
        if match := re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line.strip()):
            pins[canonicalize_name(match[1])] = Version(match[2])
    return pins


def test_the_lock_pins_every_declared_requirement_within_its_range() -> None:
    pins = locked_versions()
    declared = PYPROJECT["dependencies"] + [
        line for lines in PYPROJECT["optional-dependencies"].values() for line in lines
    ]
    problems = []
    for line in declared:
        requirement = Requirement(line)
        pin = pins.get(canonicalize_name(requirement.name))
        if pin is None or pin not in requirement.specifier:
            problems.append(f"{line}: locked {pin}")
    assert not problems, f"refresh requirements/lock.txt (README, Updating the pinned dependencies): {problems}"
    assert pins[canonicalize_name("torch")].base_version == "2.13.0"  # not a CUDA build pulled by a range
    assert "pip" not in pins  # the pip `python3 -m venv` brings is the one the README's commands use


def readme_commands() -> dict[str, str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = {}
    for name in ("run", "test"):
        found = re.findall(
            rf"^<!-- setup:{name} -->\n```bash\n(.+)\n```\n<!-- /setup:{name} -->$", readme, re.MULTILINE
        )
        assert len(found) == 1, f"README.md needs one fenced command between <!-- setup:{name} --> markers"
        commands[name] = found[0]
    return commands


def test_readme_set_up_commands_use_the_lock() -> None:
    commands = readme_commands()
    for command in commands.values():
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && ")
        assert "pip install -c requirements/lock.txt -e " in command
    assert commands["run"].endswith(" && crosscheck run")
    assert commands["test"].endswith(" && python -m pytest -q")


def test_ci_runs_the_readme_commands_as_written() -> None:
    shown = subprocess.run(
        ["bash", str(REPO / ".ci" / "run"), "--show-commands"], capture_output=True, text=True, check=True, timeout=30
    )
    commands = readme_commands()
    assert shown.stdout.splitlines() == [commands["run"], commands["test"]]


def test_ci_installs_nothing_into_python_by_itself() -> None:
    """Only the README's commands make the environment, so a README that does
    not work fails CI (an upgraded pip once hid a broken fresh install)."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    code = [line for line in script.splitlines() if not line.lstrip().startswith("#")]
    touching = [line for line in code if re.search(r"\bpip\b|\bvenv\b|activate|setup\.py", line)]
    assert not touching, touching
    assert 'eval "$run_command"' in script and 'eval "$test_command"' in script
