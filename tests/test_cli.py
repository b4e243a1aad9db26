"""The CLI as a user meets it: help, exit codes, one-line errors, and the
README documenting every command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from crosscheck.cli import app

README = Path(__file__).parents[1] / "README.md"
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def crosscheck(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "crosscheck.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = crosscheck(command, "--help")
    assert result.returncode == 0 and "Usage" in result.stdout
    assert re.search(rf"`crosscheck {command}\b", README.read_text(encoding="utf-8"))


def test_ingest_export_and_exit_codes(tmp_path: Path, examples: Path) -> None:
    db = tmp_path / "x.db"
    first = crosscheck("ingest", str(examples), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert re.search(r"\d+ new, 0 updated, 0 unchanged, 0 failed", first.stdout)
    again = crosscheck("ingest", str(examples), "--db", str(db))
    assert "0 new, 0 updated, 12 unchanged" in again.stdout
    out = tmp_path / "export.json"
    assert crosscheck("export", "--db", str(db), "--format", "json", "-o", str(out)).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) >= {"claims", "divergences"} and data["claims"]
    assert {"id", "article", "start", "end", "text", "source", "actor", "side", "event"} <= set(data["claims"][0])


def test_bad_input_exits_2_with_one_line_per_file_and_keeps_the_rest(tmp_path: Path, examples: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "good.txt").write_text(
        "Le Kremlin a déclaré que la réunion aurait lieu mardi.\n", encoding="utf-8"
    )
    result = crosscheck("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "empty.txt" in line]
    assert len(errors) == 1 and "empty file" in errors[0]
    assert "1 new" in result.stdout and "1 failed" in result.stdout


def test_missing_path_and_corrupt_store(tmp_path: Path) -> None:
    missing = crosscheck("ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "x.db"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"garbage" * 1000)
    (tmp_path / "a.txt").write_text("Le ministre a parlé.\n", encoding="utf-8")
    result = crosscheck("ingest", str(tmp_path / "a.txt"), "--db", str(corrupt))
    assert result.returncode == 3 and "corrupt" in result.stderr
    assert corrupt.read_bytes() == b"garbage" * 1000


def test_unknown_option_is_a_usage_error() -> None:
    assert crosscheck("ingest", "--no-such-option").returncode == 2


def test_run_writes_the_report(tmp_path: Path) -> None:
    result = crosscheck("run", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    report = Path(result.stdout.strip())
    assert report == tmp_path / "out" / "index.html" and report.is_file()
    assert "crosscheck report" in report.read_text(encoding="utf-8")


def test_report_command_formats_and_errors(tmp_path: Path, examples_db: Path) -> None:
    out = tmp_path / "rep"
    result = crosscheck("report", "--db", str(examples_db), "-o", str(out), "--format", "md", "--min-score", "0.8")
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == out / "report.md"
    assert "| framing |" not in (out / "report.md").read_text(encoding="utf-8")  # framing scores 0.6
    bad_day = crosscheck("report", "--db", str(examples_db), "-o", str(out), "--since", "25/06/2024")
    assert bad_day.returncode == 2 and "--since" in bad_day.stderr and bad_day.stderr.count("\n") == 1
    bad_format = crosscheck("report", "--db", str(examples_db), "-o", str(out), "--format", "pdf")
    assert bad_format.returncode == 2 and "--format" in bad_format.stderr
    missing = crosscheck("report", "--db", str(tmp_path / "none.db"), "-o", str(out))
    assert missing.returncode in (2, 3) and "none.db" in missing.stderr


@pytest.mark.parametrize("command", [["report"], ["export"], ["stats"], ["verdicts", "export"]])
def test_reading_a_missing_store_is_a_usage_error_naming_it(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nope.db"
    output = [] if command == ["stats"] else ["-o", str(tmp_path / "out")]
    result = crosscheck(*command, "--db", str(missing), *output)
    assert result.returncode == 2, result.stderr
    expected = (
        f"crosscheck: error: {missing}: no such store; ingest articles first (crosscheck ingest … --db {missing})"
    )
    assert result.stderr.strip().splitlines() == [expected]
    assert not missing.exists() and not (tmp_path / "out").exists()


def test_help_names_values_in_words_not_python_types() -> None:
    for command in ("ingest", "check", "report", "serve", "review", "run", "stats"):
        shown = crosscheck(command, "--help").stdout
        assert not re.search(r"<(bool|list\[|int|str|Path|float)", shown), command
        assert "[x>=" not in shown and "<=x<=" not in shown, command
    assert re.search(r"--ray-workers\s+N\b", crosscheck("ingest", "--help").stdout)
    assert re.search(r"--side\s+CODE\b", crosscheck("report", "--help").stdout)
