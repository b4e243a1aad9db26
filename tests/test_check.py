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
from crosscheck.stores import open_store
from tests.conftest import DATA, copy_store
from tests.test_cli import crosscheck

CHECK = DATA / "check"
FAIL_ON = frozenset({"contradiction", "denial"})


@pytest.fixture
def known(examples_db: Path, tmp_path: Path) -> Path:
    """A copy of the store of the bundled examples (the known articles)."""
    return copy_store(examples_db, tmp_path / "known.db")


def run_check(db: Path, *paths: Path, record: bool = False):
    with open_store(db) as store:
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
    with open_store(known, readonly=True) as store:
        before = store.counts()
    run_check(known, CHECK / "relay_cn.txt")
    with open_store(known, readonly=True) as store:
        assert store.counts() == before
    run_check(known, CHECK / "relay_cn.txt", record=True)
    with open_store(known, readonly=True) as store:
        assert store.counts()["articles"] == before["articles"] + 1


def test_each_article_is_checked_against_the_store_alone(known: Path) -> None:
    """Two new versions of a call the store does not know: neither is flagged
    against the other, whatever their order, since neither is stored."""
    pentagon, moscow = CHECK / "known_ru_us" / "pentagon-readout.txt", CHECK / "relay_ru.txt"
    for order in ((pentagon, moscow), (moscow, pentagon)):
        result = run_check(known, *order)
        assert not [f for f in result.findings if f.pair_id], order
    with_record = run_check(known, pentagon, moscow, record=True)
    assert any(f.kind == "contradiction" and f.path == str(moscow) for f in with_record.findings)


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
        sarif_validator().validate(log)
        regions = [r["locations"][0]["physicalLocation"]["region"] for r in log["runs"][0]["results"]]
        assert any(r["startLine"] == first.line and r["startColumn"] == first.column for r in regions)
    elif fmt == "junit":
        suite = ElementTree.fromstring(out)
        assert suite.get("failures") == "1" and suite.find("testcase/failure") is not None
    elif fmt == "github":
        assert f"::error file={CHECK / 'relay_cn.txt'},line={first.line},col={first.column}" in out
    else:
        assert f"relay_cn.txt:{first.line}:{first.column}: contradiction" in out


def sarif_validator():
    """The official SARIF 2.1.0 schema (OASIS, Schemata/sarif-schema-2.1.0.json,
    vendored). Its two known errata do not affect validation of these logs: a
    `(?i)` pattern on `language`, which the output never sets, and an `anyOf`
    misplaced inside `region.properties`, which the metaschema check rejects
    (so the schema itself is not checked here)."""
    from jsonschema.validators import validator_for

    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return validator_for(schema)(schema)


def test_sarif_schema_rejects_what_it_should() -> None:
    """The validator is live: a log without the tool's name, or a region with
    a line 0, is refused."""
    from jsonschema.exceptions import ValidationError

    with pytest.raises(ValidationError):
        sarif_validator().validate({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})
    region = {"artifactLocation": {"uri": "a.txt"}, "region": {"startLine": 0}}
    result = {"message": {"text": "x"}, "locations": [{"physicalLocation": region}]}
    with pytest.raises(ValidationError):
        sarif_validator().validate(
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "crosscheck"}}, "results": [result]}]}
        )


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


def test_cli_check_saves_other_formats_from_the_same_run(known: Path, tmp_path: Path) -> None:
    junit_file, sarif_file = tmp_path / "a:b.xml", tmp_path / "out.sarif"
    done = crosscheck(
        "check", str(CHECK / "relay_cn.txt"), "--db", str(known), "--save", f"junit:{junit_file}",
        "--save", f"sarif:{sarif_file}",
    )  # fmt: skip
    assert done.returncode == 1 and "contradiction" in done.stdout
    assert ElementTree.parse(junit_file).getroot().get("failures") == "1"
    sarif_validator().validate(json.loads(sarif_file.read_text(encoding="utf-8")))
    bad = crosscheck("check", str(CHECK / "relay_cn.txt"), "--db", str(known), "--save", "pdf:x.pdf")
    assert bad.returncode == 2 and "--save" in bad.stderr and not (tmp_path / "x.pdf").exists()


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


def test_relayed_russian_version_is_flagged_against_the_pentagons_in_every_format(ru_us_db: Path) -> None:
    article = CHECK / "relay_ru.txt"
    result = run_check(ru_us_db, article)
    first = next(f for f in result.findings if f.kind == "contradiction")
    assert first.claim.side == "RU" and first.other.side == "US" and "Pentagon" in first.other.source
    lines = article.read_text(encoding="utf-8").splitlines()
    assert (first.line, first.column) == (3, lines[2].index("L'appel") + 1)  # after the dateline
    position = f"{first.line}:{first.column}"
    for fmt in CHECK_FORMATS:
        out = render(result, fmt, FAIL_ON)
        assert "Kingsley Wilson" in out, fmt
        if fmt in ("text", "junit"):
            assert f"relay_ru.txt:{position}: contradiction" in out, fmt
        elif fmt == "github":
            assert f"line={first.line},col={first.column}," in out
        elif fmt == "sarif":
            sarif_validator().validate(json.loads(out))
            region = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
            assert (region["startLine"], region["startColumn"]) == (first.line, first.column)
        else:
            found = json.loads(out)["findings"][0]
            assert (found["kind"], found["line"], found["column"]) == ("contradiction", first.line, first.column)


def test_unrecorded_check_runs_while_another_process_holds_the_write_lock(known: Path) -> None:
    """An unrecorded check only reads: a writer holding the lock for the whole
    check (an ingest, a reviewer's verdict) neither blocks it nor is blocked."""
    import sqlite3

    writer = sqlite3.connect(known, timeout=0.1)
    writer.execute("BEGIN IMMEDIATE")
    try:
        result = run_check(known, CHECK / "relay_cn.txt")
        assert any(f.kind == "contradiction" for f in result.findings)
    finally:
        writer.rollback()
        writer.close()


def test_unrecorded_check_leaves_the_store_file_unchanged(known: Path) -> None:
    before = known.read_bytes()
    with open_store(known, readonly=True) as store:
        check_paths([CHECK / "relay_cn.txt", CHECK / "agreeing.txt"], store, full_stages())
    assert known.read_bytes() == before


def test_check_uses_the_actors_it_is_given(known: Path, tmp_path: Path) -> None:
    """--actors reaches check's attribution (and its unattributed-statement names)."""
    from crosscheck.check import checked_article
    from crosscheck.readers import read_documents

    registry = tmp_path / "actors.json"
    actor = {"id": "person.ines-marval", "kind": "person", "side": "CN", "name": "Inès Marval", "aliases": ["Marval"]}
    registry.write_text(json.dumps({"actors": [actor]}), encoding="utf-8")
    article = tmp_path / "marval.txt"
    article.write_text("« Nous restons fermes », a déclaré Inès Marval lors d'un point de presse.\n", encoding="utf-8")
    (doc,) = read_documents(article)
    with open_store(known, readonly=True) as store:
        stages = full_stages((registry,))
        checked = checked_article(doc, None, store, stages, record=False)
    (claim,) = checked.claims.values()
    assert (claim.actor, claim.side) == ("person.ines-marval", "CN")
    assert stages.registry.get("person.ines-marval") is not None


HOSTILE = "evil\n::error file=x::forged\x1b[2J\x07\u202e\udc80name.txt"


def hostile_result():
    from crosscheck.check import CheckResult, Finding, Version

    claim = Version("« Nous refusons »\x1b]0;title\x07 a dit\nil", "le\x1b[31m ministère", "RU", "a\nb", HOSTILE)
    finding = Finding(
        HOSTILE,
        "contradiction",
        "against\nUS: \x1b[0m300 vs 250",
        claim=claim,
        other=claim,
        event="Call\r\n::warning::x",
        pair_id="p1",
    )
    return CheckResult(findings=[finding], checked={HOSTILE: "a\nb"})


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_no_control_character_reaches_any_output(fmt: str) -> None:
    import re

    out = render(hostile_result(), fmt, FAIL_ON)
    out.encode("utf-8")  # lone surrogates from undecodable names would fail here
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202e]", out)
    if fmt in ("json", "sarif"):
        json.loads(out)
    if fmt == "junit":
        ElementTree.fromstring(out.split("?>", 1)[1])
    if fmt == "github":
        assert len(out.splitlines()) == 1 and out.startswith("::error ")
    if fmt == "text":  # the finding, the two versions, the summary: nothing forged in between
        lines = out.splitlines()
        assert len(lines) == 4 and not any(line.startswith("::") for line in lines)


def test_plain_narration_is_not_unattributed_but_a_sourceless_disputed_point_is(known: Path, tmp_path: Path) -> None:
    article = tmp_path / "narration.txt"
    article.write_text(
        "Dong Jun et Pete Hegseth ont eu un entretien téléphonique le 17 avril 2025.\n\n"
        "« La Chine défendra sa souveraineté », a déclaré Dong Jun lors de son entretien avec Pete Hegseth.\n\n"
        "Dong Jun et Pete Hegseth se sont parlé pendant une heure jeudi, leur premier échange depuis janvier.\n\n"
        "L'entretien entre Dong Jun et Pete Hegseth a eu lieu à la demande de la partie chinoise.\n",
        encoding="utf-8",
    )
    result = run_check(known, article)
    flagged = [f for f in result.findings if f.kind == "unattributed"]
    assert [f.line for f in flagged] == [7], [(f.line, f.claim.text) for f in flagged]
