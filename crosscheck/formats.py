"""The output formats of each command, one enum each: typer shows and checks
the choices, and the library modules dispatch on the same values."""

from __future__ import annotations

from enum import StrEnum


class ExportFormat(StrEnum):
    JSON = "json"  # the evaluation contract
    CLAIMS = "claims"  # the claim record, one JSON Lines file per article


class ReportFormat(StrEnum):
    HTML = "html"
    MD = "md"
    JSON = "json"


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    JUNIT = "junit"
    SARIF = "sarif"


class VerdictFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    CLAIMREVIEW = "claimreview"
