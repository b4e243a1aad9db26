"""The ready-made CI integrations of `crosscheck check`: the pre-commit hooks
(run through pre-commit itself on a temporary repository), the composite
GitHub Action (its check step run as GitHub would run it) and the example
workflow in the README."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from crosscheck.stores import open_store
from tests.conftest import DATA, copy_store

ROOT = Path(__file__).parents[1]
CHECK = DATA / "check"
BIN = Path(sys.executable).parent
SARIF_SCHEMA = DATA / "sarif-schema-2.1.0.json"


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
    )


def tool_env(home: Path) -> dict[str, str]:
    """This interpreter's scripts first on PATH; git and pre-commit kept away from the user's settings."""
    return os.environ | {
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(home / "pre-commit-cache"),
        "GIT_CONFIG_GLOBAL": str(home / "gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }


def git_repo(path: Path, env: dict[str, str]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    assert run("git", "init", "-q", "-b", "main", cwd=path, env=env).returncode == 0
    return path


def commit_all(path: Path, env: dict[str, str], message: str = "snapshot") -> str:
    run("git", "add", "-A", cwd=path, env=env)
    run("git", "commit", "-q", "--no-verify", "-m", message, cwd=path, env=env)
    return run("git", "rev-parse", "HEAD", cwd=path, env=env).stdout.strip()


def hook_repository(tmp_path: Path, env: dict[str, str]) -> tuple[Path, str]:
    """The project as it is now (working tree, not only the last commit), as a
    repository pre-commit can clone: the package, its metadata and the hooks."""
    repo = git_repo(tmp_path / "hooks", env)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, repo / name)
    shutil.copytree(ROOT / "crosscheck", repo / "crosscheck", ignore=shutil.ignore_patterns("__pycache__"))
    return repo, commit_all(repo, env)


def articles_repository(tmp_path: Path, env: dict[str, str], hooks: Path, rev: str, hook_id: str, db: Path) -> Path:
    repo = git_repo(tmp_path / "newsroom", env)
    copy_store(db, repo / "known.db")
    config = {
        "repos": [
            {
                "repo": str(hooks),
                "rev": rev,
                "hooks": [{"id": hook_id, "args": ["--db", "known.db"], "files": "^articles/"}],
            }
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo / ".gitignore").write_text("known.db*\n", encoding="utf-8")
    commit_all(repo, env, "configuration")
    installed = run(sys.executable, "-m", "pre_commit", "install", cwd=repo, env=env)
    assert installed.returncode == 0, installed.stderr
    return repo


def try_commit(repo: Path, env: dict[str, str], article: Path) -> subprocess.CompletedProcess:
    (repo / "articles").mkdir(exist_ok=True)
    shutil.copy(article, repo / "articles" / article.name)
    run("git", "add", f"articles/{article.name}", cwd=repo, env=env)
    return run("git", "commit", "-m", f"add {article.name}", cwd=repo, env=env)


def test_hook_manifest_is_valid() -> None:
    result = run(sys.executable, "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"crosscheck", "crosscheck-system"}
    assert all(hook["entry"] == "crosscheck check" for hook in hooks.values())
    assert re.search(hooks["crosscheck"]["files"], "articles/x.html")
    assert not re.search(hooks["crosscheck"]["files"], "known.db")


@pytest.mark.slow
@pytest.mark.parametrize("hook_id", ["crosscheck-system", "crosscheck"])
def test_pre_commit_hook_fails_the_commit_on_a_contradicting_article(
    tmp_path: Path, ru_us_db: Path, hook_id: str
) -> None:
    """`crosscheck` builds its own environment from the repository (as users
    get it); `crosscheck-system` uses the installed command."""
    env = tool_env(tmp_path)
    hooks, rev = hook_repository(tmp_path, env)
    repo = articles_repository(tmp_path, env, hooks, rev, hook_id, ru_us_db)

    refused = try_commit(repo, env, CHECK / "relay_ru.txt")
    said = refused.stdout + refused.stderr  # git shows the hook's output on stderr
    assert refused.returncode == 1, said
    assert "Failed" in said and "articles/relay_ru.txt:3:" in said
    assert "contradiction" in said and "Kingsley Wilson" in said
    assert run("git", "rev-list", "--count", "HEAD", cwd=repo, env=env).stdout.strip() == "1"

    run("git", "reset", "-q", "HEAD", "--", "articles", cwd=repo, env=env)
    (repo / "articles" / "relay_ru.txt").unlink()
    accepted = try_commit(repo, env, CHECK / "agreeing.txt")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert run("git", "rev-list", "--count", "HEAD", cwd=repo, env=env).stdout.strip() == "2"
    with open_store(repo / "known.db", readonly=True) as store:
        assert store.counts()["articles"] == 2  # the hook stored nothing


def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def check_step_environment(inputs: dict[str, str], workdir: Path) -> dict[str, str]:
    """The check step's environment as GitHub builds it: `${{ inputs.x }}` from
    the inputs given, else the action's defaults."""
    spec = action()
    values = {name: str(field.get("default", "")) for name, field in spec["inputs"].items()} | inputs
    step = next(s for s in spec["runs"]["steps"] if s.get("id") == "check")
    env = {}
    for name, expression in step["env"].items():
        match = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", expression)
        assert match, f"{name}: only inputs reach the script, through the environment"
        env[name] = values[match.group(1)]
    return os.environ | env | {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "GITHUB_OUTPUT": str(workdir / "out")}


def run_check_step(workdir: Path, inputs: dict[str, str]) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    step = next(s for s in action()["runs"]["steps"] if s.get("id") == "check")
    (workdir / "out").write_text("", encoding="utf-8")
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=workdir,
        env=check_step_environment(inputs, workdir),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    outputs = dict(line.split("=", 1) for line in (workdir / "out").read_text(encoding="utf-8").splitlines())
    return done, outputs


@pytest.fixture
def workspace(tmp_path: Path, ru_us_db: Path) -> Path:
    """A checked-out repository: articles (one with a space in its name) and the store."""
    (tmp_path / "articles").mkdir()
    shutil.copy(CHECK / "relay_ru.txt", tmp_path / "articles" / "relay ru.txt")
    shutil.copy(CHECK / "agreeing.txt", tmp_path / "articles" / "agreeing.txt")
    copy_store(ru_us_db, tmp_path / "known.db")
    return tmp_path


def test_action_check_step_annotates_the_contradiction_and_fails(workspace: Path) -> None:
    done, outputs = run_check_step(
        workspace,
        {
            "files": "articles/relay ru.txt\narticles/agreeing.txt\n",
            "db": "known.db",
            "sarif-file": "crosscheck.sarif",
            "junit-file": "junit.xml",
        },
    )
    assert done.returncode == 1 and outputs == {"exit-code": "1"}, done.stderr
    assert re.search(r"^::error file=articles/relay ru\.txt,line=3,col=\d+,.*contradiction", done.stdout, re.M)
    sarif = json.loads((workspace / "crosscheck.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert "<testsuite" in (workspace / "junit.xml").read_text(encoding="utf-8")


def test_action_check_step_passes_an_agreeing_article_and_an_empty_list(workspace: Path) -> None:
    done, outputs = run_check_step(workspace, {"files": "articles/agreeing.txt", "db": "known.db"})
    assert done.returncode == 0 and outputs == {"exit-code": "0"}, done.stderr
    assert "::error" not in done.stdout
    done, outputs = run_check_step(workspace, {"files": "\n  \n", "db": "known.db"})
    assert done.returncode == 0 and outputs == {"exit-code": "0"} and "no article" in done.stdout


def test_action_check_step_reports_a_missing_store_as_a_usage_error(workspace: Path) -> None:
    done, outputs = run_check_step(workspace, {"files": "articles/agreeing.txt", "db": "missing.db"})
    assert done.returncode == 2 and outputs == {"exit-code": "2"} and "missing.db" in done.stderr


def test_every_action_script_is_valid_bash() -> None:
    for step in action()["runs"]["steps"]:
        if "run" in step:
            assert run("bash", "-n", "-c", step["run"], cwd=ROOT).returncode == 0, step["name"]


@pytest.mark.parametrize(
    ("path", "schema"),
    [("action.yml", "vendor.github-actions"), ("docs/github-workflow.yml", "vendor.github-workflows")],
)
def test_action_and_example_workflow_follow_githubs_schemas(path: str, schema: str) -> None:
    result = run(sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, path, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_example_workflow_is_the_one_in_the_readme() -> None:
    workflow = (ROOT / "docs" / "github-workflow.yml").read_text(encoding="utf-8")
    assert workflow.strip() in (ROOT / "README.md").read_text(encoding="utf-8")
    steps = yaml.safe_load(workflow)["jobs"]["check"]["steps"]
    ours = next(step for step in steps if step.get("uses", "").split("@")[0].endswith("/crosscheck"))
    assert set(ours["with"]) <= set(action()["inputs"])


def test_the_action_installs_the_locked_versions() -> None:
    install = next(s for s in action()["runs"]["steps"] if s.get("id") == "install")["run"]
    assert '-c "$CROSSCHECK_SOURCE/requirements/lock.txt"' in install
    assert (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8").count("torch==2.13.0+cpu") == 1
