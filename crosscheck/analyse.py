"""Analyse: a read document in, the article record and its classified
sentences out (metadata, boilerplate, headings, duplicates). Pure: it knows
nothing of the store, so attribution and the Ray workers can use it alone."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from pathlib import Path

from crosscheck import boilerplate, metadata, segment
from crosscheck.forked import map_in_two
from crosscheck.lang.mixed import COMBINED_CAPTION
from crosscheck.models import Article, Sentence, SentenceKind
from crosscheck.readers import Document, path_text

CAPTION = COMBINED_CAPTION
CAPTION_PATTERN = re.compile(CAPTION, re.IGNORECASE)
PARAGRAPHS_IN_TWO = 4_000  # paragraphs (about 2 MB of news text) from which a child reads half of them


def content_hash(text: str) -> str:
    normalised = unicodedata.normalize("NFC", text).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def analyse_document(doc: Document) -> tuple[Article, list[Sentence]]:
    """The article record and its classified sentences, from a read document."""
    text = doc.text
    paragraph_spans = segment.paragraphs(text)
    paragraph_texts = [text[s:e] for s, e in paragraph_spans]
    furniture, pieces = paragraphs_read(text, paragraph_spans)
    noise = boilerplate.boilerplate_paragraphs(paragraph_texts, furniture)
    header = metadata.read_header(paragraph_texts, skip=noise)
    article = Article(
        id=doc.id,
        content_hash=content_hash(text),
        text=text,
        raw=doc.raw,
        path=path_text(doc.path),
        format=doc.format,
        title=doc.meta.get("title") or header.title,
        outlet=doc.meta.get("outlet") or header.outlet,
        agency=header.agency,
        url=doc.meta.get("url") or header.url,
        published=published_of(doc, header),
        lang=doc.meta.get("lang") or metadata.detect_language(body_sample(paragraph_texts, noise)),
    )
    sentences = classify_sentences(article.id, text, paragraph_spans, noise, header.meta_paragraphs, pieces)
    return article, sentences


def paragraphs_read(text: str, spans: list[tuple[int, int]]) -> tuple[list[bool], list[list[tuple[int, int]]]]:
    """Whether each paragraph is page furniture, and its sentence spans; on two cores for a long
    text, since each depends on its paragraph alone."""

    def read(span: tuple[int, int]) -> tuple[bool, list[tuple[int, int]]]:
        start, end = span
        return boilerplate.is_boilerplate(text[start:end]), segment.split_paragraph(text, start, end)

    facts = map_in_two(read, spans, at_least=PARAGRAPHS_IN_TWO)
    return [furniture for furniture, _ in facts], [pieces for _, pieces in facts]


def published_of(doc: Document, header: metadata.HeaderInfo) -> date | None:
    found = parse_published(doc.meta.get("published"))
    if doc.format == "html":
        found = metadata.page_date(found, doc.meta.get("url"), doc.raw)
    return found or header.published


def parse_published(value: str | None) -> date | None:
    return metadata.parse_date(value[:25]) if value else None


def body_sample(paragraphs: list[str], noise: set[int]) -> str:
    return "\n".join(p for i, p in enumerate(paragraphs) if i not in noise)[:3000]


def classify_sentences(
    article_id: str,
    text: str,
    paragraph_spans: list[tuple[int, int]],
    noise: set[int],
    meta: set[int],
    paragraph_pieces: list[list[tuple[int, int]]] | None = None,  # each paragraph's `segment.split_paragraph`
) -> list[Sentence]:
    sentences: list[Sentence] = []
    seen: set[str] = set()
    for number, (p_start, p_end) in enumerate(paragraph_spans):
        pieces = paragraph_pieces[number] if paragraph_pieces else segment.split_paragraph(text, p_start, p_end)
        caption = p_end - p_start < 300 and CAPTION_PATTERN.search(text[p_start:p_end])
        for start, end in pieces:
            body = text[start:end]
            spaced = " ".join(body.split())
            if number in noise:
                kind = SentenceKind.BOILERPLATE
            elif number in meta:
                kind = SentenceKind.META
            elif spaced in seen:
                kind = SentenceKind.DUPLICATE
            elif caption or is_heading(body, len(pieces)):
                kind = SentenceKind.HEADING
            else:
                kind = SentenceKind.BODY
            seen.add(spaced)
            sentences.append(
                Sentence(article_id=article_id, index=len(sentences), start=start, end=end, paragraph=number, kind=kind)
            )
    return sentences


def is_heading(sentence: str, sentences_in_paragraph: int) -> bool:
    """A paragraph of one short line with no final punctuation: a title,
    a subheading or a caption."""
    stripped = sentence.rstrip().rstrip('»”" \u00a0\u202f')
    return sentences_in_paragraph == 1 and len(stripped) < 200 and stripped[-1:] not in ".!…:;"


def reanalyse(article: Article) -> tuple[Article, list[Sentence]]:
    """Sentences for an article restored from the claim record."""
    doc = Document(
        id=article.id, text=article.text, path=Path(article.path or article.id), format=article.format, raw=article.raw
    )
    _, sentences = analyse_document(doc)
    return article, sentences
