"""`crosscheck check`: new articles against a store of known ones, in every
output format, leaving the store untouched unless --record."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from crosscheck.check import check_paths
from crosscheck.check_formats import CHECK_FORMATS, render
from crosscheck.pipeline import full_stages
from crosscheck.store import Store
from tests.conftest import DATA
from tests.test_cli import crosscheck

CHECK = DATA / "check"
FAIL_ON = frozenset({"contradiction", "denial"})


@pytest.fixture
def known(examples_db: Path, tmp_path: Path) -> Path:
    """A copy of the store of the bundled examples (the known articles)."""
    db = tmp_path / "known.db"
    with Store.open(examples_db, readonly=True) as source:
        source.db.conn.backup(__import__("sqlite3").connect(db))
    return db


def run_check(db: Path, *paths: Path, record: bool = False):
    with Store.open(db) as store:
        return check_paths(list(paths), store, full_stages(), record=record)


def test_relayed_version_is_flagged_against_the_other_side(known: Path) -> None:
    result = run_check(known, CHECK / "relay_cn.txt")
    contradictions = [f for f in result.findings if f.kind == "contradiction"]
    assert contradictions and result.exit_code(FAIL_ON) == 1
    first = contradictions[0]
    assert first.other.side == "US" and first.claim.side == "CN"
    lines = (CHECK / "relay_cn.txt").read_text(encoding="utf-8").splitlines()
    assert "à la demande de la partie américaine" in lines[first.line - 1][first.column - 1 :]


def test_agreeing_article_passes(known: Path) -> None:
    result = run_check(known, CHECK / "agreeing.txt")
    assert result.failing(FAIL_ON) == [] and result.exit_code(FAIL_ON) == 0


def test_check_writes_nothing_unless_recording(known: Path) -> None:
    with Store.open(known, readonly=True) as store:
        before = store.counts()
    run_check(known, CHECK / "relay_cn.txt")
    with Store.open(known, readonly=True) as store:
        assert store.counts() == before
    run_check(known, CHECK / "relay_cn.txt", record=True)
    with Store.open(known, readonly=True) as store:
        assert store.counts()["articles"] == before["articles"] + 1


def test_unreadable_files_are_findings_and_the_others_are_checked(known: Path, tmp_path: Path) -> None:
    binary = tmp_path / "broken.txt"
    binary.write_bytes(b"\x00\x01\x02 not text")
    result = run_check(known, binary, tmp_path / "missing.txt", CHECK / "relay_cn.txt")
    unreadable = [f for f in result.findings if f.kind == "unreadable"]
    assert len(unreadable) == 2 and any(f.kind == "contradiction" for f in result.findings)
    assert result.exit_code(FAIL_ON) == 2


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_every_format_carries_the_finding_and_its_position(known: Path, fmt: str) -> None:
    result = run_check(known, CHECK / "relay_cn.txt")
    first = next(f for f in result.findings if f.kind == "contradiction")
    out = render(result, fmt, FAIL_ON)
    if fmt == "json":
        assert any(f["kind"] == "contradiction" and f["line"] == first.line for f in json.loads(out)["findings"])
    elif fmt == "sarif":
        log = json.loads(out)
        assert log["version"] == "2.1.0"
        regions = [r["locations"][0]["physicalLocation"]["region"] for r in log["runs"][0]["results"]]
        assert any(r["startLine"] == first.line and r["startColumn"] == first.column for r in regions)
    elif fmt == "junit":
        suite = ElementTree.fromstring(out)
        assert suite.get("failures") == "1" and suite.find("testcase/failure") is not None
    elif fmt == "github":
        assert f"::error file={CHECK / 'relay_cn.txt'},line={first.line},col={first.column}" in out
    else:
        assert f"relay_cn.txt:{first.line}:{first.column}: contradiction" in out


def test_cli_check_exit_codes(known: Path, tmp_path: Path) -> None:
    assert crosscheck("check", str(CHECK / "relay_cn.txt"), "--db", str(known)).returncode == 1
    assert crosscheck("check", str(CHECK / "agreeing.txt"), "--db", str(known)).returncode == 0
    relaxed = crosscheck("check", str(CHECK / "relay_cn.txt"), "--db", str(known), "--fail-on", "none")
    assert relaxed.returncode == 0
    bad = crosscheck("check", str(CHECK / "relay_cn.txt"), "--db", str(known), "--fail-on", "typo")
    assert bad.returncode == 2 and "typo" in bad.stderr
    missing_store = crosscheck("check", str(CHECK / "relay_cn.txt"), "--db", str(tmp_path / "none.db"))
    assert missing_store.returncode == 2 and "none.db" in missing_store.stderr
    shutil.copy(CHECK / "relay_cn.txt", tmp_path / "new.txt")
    sarif_file = tmp_path / "out.sarif"
    done = crosscheck("check", str(tmp_path / "new.txt"), "--db", str(known), "-f", "sarif", "-o", str(sarif_file))
    assert done.returncode == 1 and json.loads(sarif_file.read_text(encoding="utf-8"))["runs"][0]["results"]


def test_control_characters_in_articles_reach_no_terminal_or_xml(known: Path, tmp_path: Path) -> None:
    text = (CHECK / "relay_cn.txt").read_text(encoding="utf-8")
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(text.replace("Le ministère chinois", "Le \x1b[31mministère\x07 chinois"), encoding="utf-8")
    result = run_check(known, hostile)
    assert result.findings
    for fmt in CHECK_FORMATS:
        out = render(result, fmt, FAIL_ON)
        assert "\x1b" not in out and "\x07" not in out, fmt
    ElementTree.fromstring(render(result, "junit", FAIL_ON))
