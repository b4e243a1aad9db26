"""The claim record: the store's content as JSON Lines that git can diff.

One file per article, `<article id>.jsonl` (an id that is not a safe file
name is sanitised and given a short hash of itself, see `crosscheck.filenames`):
a first line with the article (its text included, so the record is
self-contained), then one line per claim in text order. Key order and line
order are stable, so re-exporting an unchanged store changes no byte. `crosscheck ingest claims/` rebuilds an
equivalent store from these files.
"""

from __future__ import annotations

import json
from pathlib import Path

from crosscheck.errors import InputError
from crosscheck.filenames import unique_names
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


def write_record(store: Store, folder: Path) -> list[Path]:
    """Write one record file per stored article into `folder`; files of
    articles no longer in the store are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = store.articles()
    names = unique_names(a.id for a in articles)
    written = []
    for article in articles:
        path = folder / (names[article.id] + RECORD_SUFFIX)
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
    """The article and claims of a record file; a line that is not valid JSON,
    not a valid record, or whose offsets leave the text is an InputError
    naming the file and the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read the claim record ({error})") from error
    numbered = [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not numbered:
        raise InputError(path, "not a valid claim record (empty file)")
    first, *rest = numbered
    article = parse_line(path, *first, Article)
    if "\x00" in article.text:  # offsets point into the text, so it cannot be cleaned here
        raise InputError(path, f"line {first[0]}: the article text holds NUL characters")
    claims = []
    for number, line in rest:
        claim = parse_line(path, number, line, Claim)
        if claim is not None:
            check_claim(claim, article, path, number)
            claims.append(claim)
    return article, claims


def parse_line(path: Path, number: int, line: str, model: type[Article] | type[Claim]):
    """One record line as `model`; None for a line of another record kind."""
    try:
        fields = json.loads(line)
        if not isinstance(fields, dict):
            raise ValueError("not a JSON object")
        tag = fields.pop("record", None)
        if model is Claim and tag != CLAIM_TAG:
            return None
        return model.model_validate(fields)
    except ValueError as error:  # json's and pydantic's errors are ValueErrors
        raise InputError(path, f"line {number}: not a valid claim record ({str(error).splitlines()[0]})") from error


def check_claim(claim: Claim, article: Article, path: Path, number: int) -> None:
    """Every offset inside the article's text, each span in order, and the
    claim's text the text at its offsets."""
    spans = {"claim": (claim.start, claim.end), "content": (claim.content_start, claim.content_end)}
    if claim.source_start is not None or claim.source_end is not None:
        spans["source"] = (claim.source_start, claim.source_end)
    where = f"line {number}: claim {claim.id}"
    size = len(article.text)
    for name, (start, end) in spans.items():
        if start is None or end is None:
            raise InputError(path, f"{where}: {name} span {start}-{end} lacks an end")
        if start > end:
            raise InputError(path, f"{where}: {name} span {start}-{end} starts after it ends")
        if start < 0 or end > size:
            raise InputError(path, f"{where}: {name} span {start}-{end} is outside the text ({size} characters)")
    if claim.article_id != article.id:
        raise InputError(path, f"{where} belongs to article {claim.article_id!r}, not {article.id!r}")
    if article.text[claim.start : claim.end] != claim.text:
        raise InputError(path, f"{where}: its text is not the article's text at {claim.start}-{claim.end}")
