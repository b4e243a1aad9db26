"""The claim record: the store's content as JSON Lines that git can diff.

One file per article, `<article id>.jsonl`: a first line with the article
(its text included, so the record is self-contained), then one line per claim
in text order. Key order and line order are stable, so re-exporting an
unchanged store changes no byte. `crosscheck ingest claims/` rebuilds an
equivalent store from these files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from crosscheck.errors import InputError
from crosscheck.models import Article, Claim
from crosscheck.store import Store

RECORD_SUFFIX = ".jsonl"
ARTICLE_TAG = "article"
CLAIM_TAG = "claim"


def record_lines(article: Article, claims: list[Claim]) -> list[str]:
    head = {"record": ARTICLE_TAG, **article.model_dump(mode="json", exclude={"raw"})}
    lines = [json.dumps(head, ensure_ascii=False)]
    for claim in sorted(claims, key=lambda c: (c.start, c.end, c.id)):
        lines.append(json.dumps({"record": CLAIM_TAG, **claim.model_dump(mode="json")}, ensure_ascii=False))
    return lines


def safe_file_name(article_id: str) -> str:
    return re.sub(r"[^\w.-]", "_", article_id) + RECORD_SUFFIX


def write_record(store: Store, folder: Path) -> list[Path]:
    """Write one record file per stored article into `folder`; files of
    articles no longer in the store are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for article in store.articles():
        path = folder / safe_file_name(article.id)
        content = "\n".join(record_lines(article, store.claims(article.id))) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
        written.append(path)
    for stale in set(folder.glob(f"*{RECORD_SUFFIX}")) - set(written):
        if is_record_file(stale):
            stale.unlink()
    return written


def is_record_file(path: Path) -> bool:
    if path.suffix != RECORD_SUFFIX:
        return False
    try:
        with path.open(encoding="utf-8") as handle:
            first = handle.readline(200)
    except (OSError, UnicodeDecodeError):
        return False
    return first.startswith('{"record": "article"')


def read_record(path: Path) -> tuple[Article, list[Claim]]:
    try:
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        article = Article.model_validate({k: v for k, v in lines[0].items() if k != "record"})
        claims = [
            Claim.model_validate({k: v for k, v in line.items() if k != "record"})
            for line in lines[1:]
            if line.get("record") == CLAIM_TAG
        ]
    except (ValueError, IndexError) as error:
        raise InputError(path, f"not a valid claim record ({str(error).splitlines()[0]})") from error
    return article, claims
