"""How `crosscheck check` writes its findings: for people (text), for
programs (json), for GitHub workflow annotations (github), for CI test
reports (junit) and for code-scanning tools (SARIF 2.1.0)."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from xml.etree import ElementTree

from crosscheck import __version__
from crosscheck.check import FLAGGED_KINDS, OTHER_KINDS, CheckResult, Finding, Version
from crosscheck.formats import CheckFormat
from crosscheck.textnorm import one_line

CHECK_FORMATS = tuple(CheckFormat)
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
RULE_HELP = {
    "denial": "One side refutes or denies what another side said about the same event.",
    "contradiction": "Incompatible facts about the same event: who asked for it, numbers, negation.",
    "omission": "One side's account leaves out a topic another covers.",
    "framing": "Both sides report the exchange but stress different things.",
    "unattributed": "A statement about a tracked event with no source.",
    "unreadable": "The file could not be read, so it was not checked.",
}


def render(result: CheckResult, fmt: str, fail_on: frozenset[str], colour: bool = False) -> str:
    """The findings in one format. File names and article text may hold any
    character: every value is made one line of printable text first, so no
    format can be forged (a newline in a file name), hijack a terminal
    (escape sequences) or break XML."""
    result = one_line_result(result)
    renderer = {"text": text, "json": as_json, "github": github, "junit": junit, "sarif": sarif}[fmt]
    return renderer(result, fail_on, colour) if fmt == "text" else renderer(result, fail_on)


def one_line_result(result: CheckResult) -> CheckResult:
    return CheckResult(
        findings=[one_line_finding(f) for f in result.findings],
        checked={one_line(path, "?"): article and one_line(article, "?") for path, article in result.checked.items()},
    )


def one_line_finding(f: Finding) -> Finding:
    return replace(
        f,
        path=one_line(f.path, "?"),
        message=one_line(f.message),
        event=one_line(f.event) if f.event else f.event,
        claim=one_line_version(f.claim),
        other=one_line_version(f.other),
    )


def one_line_version(v: Version | None) -> Version | None:
    if v is None:
        return None
    return Version(
        text=one_line(v.text),
        source=one_line(v.source) if v.source else v.source,
        side=v.side,
        article=one_line(v.article, "?"),
        path=one_line(v.path, "?") if v.path else v.path,
    )


def level(finding: Finding, fail_on: frozenset[str]) -> str:
    if finding.kind in fail_on or finding.kind == "unreadable":
        return "error"
    return "warning" if finding.kind in FLAGGED_KINDS else "note"


def text(result: CheckResult, fail_on: frozenset[str], colour: bool = False) -> str:
    import typer

    def paint(value: str, **style) -> str:
        return typer.style(value, **style) if colour else value

    lines = []
    for f in result.findings:
        tag = paint(f"{f.kind}", fg="red" if level(f, fail_on) == "error" else "yellow", bold=True)
        lines.append(f"{f.path}:{f.line}:{f.column}: {tag} {f.message}")
        if f.claim is not None:
            lines.append(
                f"    this article  {f.claim.side or '?'} {f.claim.source or '(no source)'}: {short(f.claim.text)}"
            )
        if f.other is not None:
            lines.append(
                f"    other version {f.other.side or '?'} {f.other.source or ''} "
                f"[{f.other.article}]: {short(f.other.text)}"
            )
    failing = len(result.failing(fail_on))
    lines.append(
        f"checked {len(result.checked)} file(s): {len(result.findings)} finding(s), "
        f"{failing} at the fail level ({', '.join(sorted(fail_on)) or 'none'})"
    )
    return "\n".join(lines)


def short(value: str, limit: int = 160) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def as_json(result: CheckResult, fail_on: frozenset[str]) -> str:
    body = {
        "version": __version__,
        "fail_on": sorted(fail_on),
        "exit_code": result.exit_code(fail_on),
        "checked": [{"path": p, "article": a} for p, a in result.checked.items()],
        "findings": [asdict(f) | {"level": level(f, fail_on)} for f in result.findings],
    }
    return json.dumps(body, ensure_ascii=False, indent=1)


def github(result: CheckResult, fail_on: frozenset[str]) -> str:
    """Workflow commands: GitHub shows each as an annotation on the line."""
    lines = []
    for f in result.findings:
        command = "error" if level(f, fail_on) == "error" else "warning"
        props = (
            f"file={escape_property(f.path)},line={f.line},col={f.column},endLine={f.end_line},"
            f"endColumn={f.end_column},title={escape_property('crosscheck ' + f.kind)}"
        )
        lines.append(f"::{command} {props}::{escape_data(f.message)}")
    return "\n".join(lines)


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def junit(result: CheckResult, fail_on: frozenset[str]) -> str:
    """One test case per article; failing findings are its failures."""
    by_path: dict[str, list[Finding]] = {path: [] for path in result.checked}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    failures = sum(1 for fs in by_path.values() if any(level(f, fail_on) == "error" for f in fs))
    suite = ElementTree.Element(
        "testsuite", name="crosscheck", tests=str(len(by_path)), failures=str(failures), errors="0"
    )
    for path, findings in by_path.items():
        case = ElementTree.SubElement(suite, "testcase", classname="crosscheck.check", name=path)
        errors = [f for f in findings if level(f, fail_on) == "error"]
        if errors:
            failure = ElementTree.SubElement(
                case, "failure", message=f"{len(errors)} finding(s) at the fail level", type=errors[0].kind
            )
            failure.text = "\n".join(f"{f.path}:{f.line}:{f.column}: {f.kind} {f.message}" for f in errors)
        others = [f for f in findings if f not in errors]
        if others:
            ElementTree.SubElement(case, "system-out").text = "\n".join(
                f"{f.path}:{f.line}:{f.column}: {f.kind} {f.message}" for f in others
            )
    return ElementTree.tostring(suite, encoding="unicode", xml_declaration=True)


def sarif(result: CheckResult, fail_on: frozenset[str]) -> str:
    kinds = [*FLAGGED_KINDS, *OTHER_KINDS]
    rules = [
        {
            "id": kind,
            "name": kind.capitalize(),
            "shortDescription": {"text": RULE_HELP[kind]},
            "defaultConfiguration": {"level": "error" if kind in fail_on or kind == "unreadable" else "warning"},
        }
        for kind in kinds
    ]
    results = []
    for f in result.findings:
        entry = {
            "ruleId": f.kind,
            "ruleIndex": kinds.index(f.kind),
            "level": level(f, fail_on),
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path.replace("\\", "/")},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": max(f.end_column, 1),
                        },
                    }
                }
            ],
        }
        if f.pair_id:
            entry["partialFingerprints"] = {"crosscheckPair/v1": f.pair_id}
        if f.other is not None:
            entry["relatedLocations"] = [
                {
                    "id": 1,
                    "message": {"text": f"{f.other.side or '?'} {f.other.source or ''}: {short(f.other.text)}"},
                    "physicalLocation": {
                        "artifactLocation": {"uri": (f.other.path or f.other.article).replace("\\", "/")}
                    },
                }
            ]
        results.append(entry)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "crosscheck",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=1)
