"""Exports of the store: the evaluation contract (JSON) and the claim record."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crosscheck import claims_record
from crosscheck.errors import UsageError
from crosscheck.formats import ExportFormat
from crosscheck.models import Claim
from crosscheck.store import Store

EXPORT_FORMATS = tuple(ExportFormat)


def contract_claim(claim: Claim) -> dict[str, Any]:
    """One claim in the shape `../shared/eval/score.py` reads, plus details."""
    return {
        "id": claim.id,
        "article": claim.article_id,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "source": claim.source,
        "actor": claim.actor,
        "side": claim.side,
        "event": claim.event_id,
        "verb": claim.verb,
        "speech": claim.speech.value,
        "polarity": claim.polarity.value,
        "confidence": claim.confidence,
        "chain": [link.model_dump(mode="json") for link in claim.chain],
        "content": [claim.content_start, claim.content_end],
    }


def export_contract(store: Store) -> dict[str, Any]:
    return {
        "claims": [contract_claim(c) for c in store.claims()],
        "events": [e.model_dump(mode="json") for e in store.events()],
        "divergences": [d.model_dump(mode="json") for d in store.divergences()],
        "points": [p.model_dump(mode="json") for p in store.points()],
    }


def export_store(store: Store, fmt: str, output: Path) -> str:
    """Write the export; returns a one-line description of what was written."""
    if fmt == "claims":
        if output.exists() and not output.is_dir():
            raise UsageError(f"{output}: is a file; the claim record is written into a folder")
        with writing(output):
            files = claims_record.write_record(store, output)
        return f"wrote the claim record of {len(files)} articles into {output}"
    to_stdout = str(output) == "-"
    if not to_stdout:
        check_file_target(output)
    data = export_contract(store)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if to_stdout:
        print(text)
    else:
        with writing(output):
            output.write_text(text + "\n", encoding="utf-8")
    return f"wrote {len(data['claims'])} claims to {output}"


def check_file_target(output: Path) -> None:
    """A file can be written at `output`: its folder exists (a mistyped folder
    is an error, not a reason to create one, as with a shell redirection) and
    it is not itself a folder."""
    if output.is_dir():
        raise UsageError(f"{output}: is a folder; give a file name (or - for standard output)")
    folder = output.parent
    if not folder.is_dir():
        raise UsageError(f"{output}: the folder {folder} does not exist")


@contextmanager
def writing(target: Path, what: str = "") -> Iterator[None]:
    """File-system failures (no permission, disk full, a file where a folder
    should be) as one-line errors; `what` names what was being written."""
    try:
        yield
    except OSError as error:
        doing = f"cannot write {what}".strip()
        raise UsageError(f"{error.filename or target}: {doing} ({error.strerror or error})") from error
