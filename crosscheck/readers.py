"""Read article files of every supported format into `Document`s.

Each reader returns the text that all offsets will point into, plus whatever
metadata the format carries. Text files are decoded the way Python's text
mode reads them (universal newlines), so offsets match `Path.read_text()`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from crosscheck.errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
REGISTRY_FILE = "actors.json"  # a user's actor registry inside an input folder, not an article
MIN_HTML_WORDS = 5  # fewer extracted words than this is a menu or an error page, not an article
TEXT_FIELDS = ("text", "body", "content", "article")
META_FIELDS = {
    "title": "title",
    "outlet": "outlet",
    "source": "outlet",
    "site": "outlet",
    "url": "url",
    "link": "url",
    "date": "published",
    "published": "published",
    "lang": "lang",
    "language": "lang",
    "id": "id",
}


@dataclass
class Document:
    """An article as read from its file, before any analysis."""

    id: str
    text: str
    path: Path
    format: str
    raw: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Every supported file under the given folders, and every named file, in
    a stable order. Named paths are yielded even when missing or of an unknown
    type, so that reading them fails for that path alone (the others are still
    read); unsupported files inside folders are skipped."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and p.name != REGISTRY_FILE
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            yield path


def file_id(path: Path) -> str:
    """The article id a file's name gives: its stem, with bytes that are not
    UTF-8 (a name from another system's encoding) written as \\xNN so the id
    can be stored and printed, and two such names stay distinct."""
    return path_text(Path(path.stem))


def path_text(path: Path) -> str:
    """A path as text that can be stored and printed (see `file_id`)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_documents(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """The article(s) in one file; raises InputError naming the file and the problem."""
    suffix = path.suffix.lower()
    if path.exists() and suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            path,
            f"unsupported file type {path.suffix or '(none)'}; expected one of {', '.join(sorted(SUPPORTED_SUFFIXES))}",
        )
    data = read_bytes(path, max_bytes)
    if suffix in JSON_SUFFIXES:
        return read_json_records(path, decode(path, data))
    text = decode(path, data)
    if suffix in HTML_SUFFIXES:
        return [html_document(path, text)]
    fmt = "md" if suffix in {".md", ".markdown"} else "txt"
    return [Document(id=file_id(path), text=require_text(path, text), path=path, format=fmt)]


def read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                path,
                f"file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB limit; raise it with --max-bytes)",
            )
        return path.read_bytes()
    except FileNotFoundError as error:
        raise InputError(path, "no such file or folder") from error
    except OSError as error:
        raise InputError(path, f"cannot read ({error.strerror or error})") from error


def decode(path: Path, data: bytes) -> str:
    """Decode bytes to text: UTF-8 (with or without BOM) first, else a detected
    legacy encoding such as cp1252 or latin-1; binary content is refused."""
    if not data.strip():
        raise InputError(path, "empty file")
    if looks_binary(data):
        raise InputError(path, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = decode_legacy(path, data)
    return universal_newlines(without_nul(text))


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 BOM: text, handled by the legacy decoder
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def decode_legacy(path: Path, data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "utf_16", "cp1251", "mac_roman"]).best()
    if best is None:
        raise InputError(path, "not valid UTF-8 and no known encoding fits; convert it to UTF-8")
    return str(best)


def without_nul(text: str) -> str:
    """NUL characters removed: never part of an article, and PostgreSQL text
    cannot hold them. Offsets point into the text without them."""
    return text.replace("\x00", "")


def universal_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def require_text(path: Path, text: str) -> str:
    if not text.strip():
        raise InputError(path, "no text (only whitespace)")
    return text


def html_document(path: Path, html: str, doc_id: str | None = None) -> Document:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, url=None
    )
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text:
        text = trafilatura.baseline(html)[1]  # markup too broken for the main extractor
    if not text or len(text.split()) < MIN_HTML_WORDS:
        raise InputError(path, "no article text found in the HTML")
    names = {"title": "title", "sitename": "outlet", "date": "published", "url": "url"}
    meta = {target: str(value) for field, target in names.items() if (value := getattr(extracted, field, None))}
    return Document(id=doc_id or file_id(path), text=text, path=path, format="html", raw=html, meta=meta)


def read_json_records(path: Path, text: str) -> list[Document]:
    records = parse_json_records(path, text)
    documents = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise InputError(path, f"record {number}: expected a JSON object")
        body = next((without_nul(record[k]) for k in TEXT_FIELDS if isinstance(record.get(k), str)), None)
        html = without_nul(record["html"]) if isinstance(record.get("html"), str) else None
        if not (body and body.strip()) and not html:
            raise InputError(path, f"record {number}: no 'text' field with the article")
        meta = {
            target: without_nul(str(record[key]))
            for key, target in META_FIELDS.items()
            if record.get(key) not in (None, "") and key not in TEXT_FIELDS
        }
        doc_id = meta.pop("id", None) or (file_id(path) if len(records) == 1 else f"{file_id(path)}-{number}")
        if body and body.strip():
            doc = Document(id=doc_id, text=universal_newlines(body), path=path, format="json", meta=meta)
        else:
            doc = html_document(path, html, doc_id)
            doc.meta = {**doc.meta, **meta}
        documents.append(doc)
    return documents


def parse_json_records(path: Path, text: str) -> list:
    """The records of a JSON file (an object or an array of them) or of a
    JSON Lines file (an object per line); errors name the file's line."""
    if path.suffix.lower() == ".json" or text.lstrip().startswith("["):
        data = parse_json(path, text)
        return data if isinstance(data, list) else [data]
    return [parse_json(path, line, number) for number, line in enumerate(text.split("\n"), start=1) if line.strip()]


def parse_json(path: Path, text: str, line: int = 1) -> object:
    """One JSON document; `line` is the file line it starts on."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {line + error.lineno - 1}, column {error.colno}"
        raise InputError(path, f"invalid JSON at {where}: {error.msg}") from error
    except RecursionError as error:
        raise InputError(path, f"JSON nested too deeply to read (from line {line})") from error
