"""Attribution: each sentence of an article becomes zero or more claims
saying who said what, through whom.

`extract_claims(text)` is the pure entry point; `extract_article_claims` is
the step ingest runs on an analysed article.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crosscheck.actors import Registry, load_registry
from crosscheck.attribute import split
from crosscheck.attribute.context import HOME_OPENING, Discourse, dateline_side, home_side, people_ahead
from crosscheck.attribute.engine import CAPS_DATELINE, DATELINE, Found, SentenceAttributor, quote_spans
from crosscheck.attribute.lexicon import load_lexicon
from crosscheck.models import Article, ChainLink, Claim, Polarity, Sentence, SentenceKind, SpeechType
from crosscheck.settings import LIMITS
from crosscheck.textnorm import fold

PRODUCER = "attribute.rules.v1"
CLAIMABLE = {SentenceKind.BODY}
HEADINGS = {SentenceKind.HEADING}  # headlines and captions: claims only with a source that has a side

__all__ = ["PRODUCER", "extract_article_claims", "extract_claims"]


def extract_claims(
    text: str,
    *,
    lang: str | None = None,
    published: date | None = None,
    article_id: str = "article",
    registry: Registry | None = None,
) -> list[Claim]:
    """Attributed claims in a text, with offsets into it.

    >>> claims = extract_claims("Selon le Kremlin, la rencontre aura lieu mardi.")
    >>> claims[0].side, claims[0].source
    ('RU', 'le Kremlin')
    """
    from crosscheck.analyse import analyse_document
    from crosscheck.readers import Document

    doc = Document(id=article_id, text=text, path=Path(article_id), format="txt", meta={"lang": lang} if lang else {})
    article, sentences = analyse_document(doc)
    if published is not None:
        article = article.model_copy(update={"published": published})
    return extract_article_claims(article, sentences, registry=registry)


def extract_article_claims(
    article: Article, sentences: list[Sentence], *, registry: Registry | None = None
) -> list[Claim]:
    attribution = ArticleAttribution(article, sentences, registry or load_registry())
    if split.worth_splitting(sentences):
        return dedupe(split.attribute_in_two(attribution, sentences))
    return dedupe(attribution.run(sentences))


class ArticleAttribution:
    """One article's sentences attributed in order, with what the article has
    said so far (the discourse and the last quoted claim)."""

    def __init__(self, article: Article, sentences: list[Sentence], registry: Registry):
        self.article = article
        self.discourse = Discourse(registry, article.published)
        opening = next((s for s in sentences if s.kind in CLAIMABLE), None)
        if opening is not None:
            self.discourse.dateline_side = dateline_side(article.text[opening.start : opening.start + 80], registry)
            body = article.text[opening.start : opening.start + HOME_OPENING]
            self.discourse.home_side = home_side(body, registry)
            self.discourse.ahead = people_ahead(body, registry)
        self.attributor = SentenceAttributor(load_lexicon(article.lang or "fr"), self.discourse)
        self.previous: Claim | None = None

    def run(self, sentences: list[Sentence]) -> list[Claim]:
        claims: list[Claim] = []
        for sentence in sentences:
            claims.extend(self.sentence_claims(sentence))
        return claims

    def learn_titles(self, sentences: list[Sentence]) -> None:
        """The offices and the women these sentences give people, as `run`
        learns them, without attributing anything."""
        for sentence in sentences:
            if sentence.kind in CLAIMABLE:
                self.discourse.learn_titles(self.text_of(sentence))

    def text_of(self, sentence: Sentence) -> str:
        return self.article.text[sentence.start : min(sentence.end, sentence.start + LIMITS.attribution_chars)]

    def sentence_claims(self, sentence: Sentence) -> list[Claim]:
        article, discourse, attributor = self.article, self.discourse, self.attributor
        text = self.text_of(sentence)
        if sentence.kind not in CLAIMABLE | HEADINGS:
            return []
        discourse.sentence_start = sentence.start
        if sentence.kind in HEADINGS:
            discourse.in_heading = True
            try:
                found = attributor.attribute_heading(text, sentence.start)
            finally:
                discourse.in_heading = False
            return [to_claim(article, sentence, f, discourse) for f in found]
        discourse.note_registry_mentions(text, sentence.start)
        found = attributor.attribute(text, sentence.start)
        new = [to_claim(article, sentence, f, discourse) for f in found]
        if not found and self.previous is not None:
            new = continuation(article, sentence, self.previous)
        for claim_found in found:
            if claim_found.resolution:
                discourse.note(claim_found.resolution, sentence.start + claim_found.source[0], spoke=True)
        previous = next((c for c in new if c.speech is not SpeechType.NARRATION and c.start == sentence.start), None)
        self.previous = previous if previous and quote_spans(previous.text) else None
        return new


def continuation(article: Article, sentence: Sentence, previous: Claim) -> list[Claim]:
    """A sentence that is nothing but a quotation, right after a quoted claim,
    continues that claim's speaker."""
    text = article.text[sentence.start : sentence.end]
    stripped = text.strip()
    if not stripped or stripped[0] not in '«“"':
        return []
    quoted = sum(b - a for a, b in quote_spans(stripped))
    if quoted < 0.8 * len(stripped.rstrip(". ")):
        return []
    start, end = sentence.start, sentence.start + len(text.rstrip())
    span = {"start": start, "end": end, "content_start": start, "content_end": end}
    return [
        previous.model_copy(
            update={
                "id": f"{article.id}:{start}-{end}",
                "text": article.text[start:end],
                "speech": SpeechType.DIRECT,
                "confidence": 0.6,
                **span,
            }
        )
    ]


def to_claim(article: Article, sentence: Sentence, found: Found, discourse: Discourse) -> Claim:
    base = sentence.start
    start, end = base + found.span[0], base + found.span[1]
    text = article.text
    opening = text[base : sentence.end]
    if found.span[0] == 0 and (dateline := DATELINE.match(fold(opening)) or CAPS_DATELINE.match(opening)):
        start = base + dateline.end()  # "PARIS, 15 mars (AFP) - " places the story; it is not part of the claim
    content_start = max(start, base + found.content[0])
    while end > start and text[end - 1] in " ,;":
        end -= 1
    resolution = found.resolution
    chain = [ChainLink(mention=text[base + s : base + e], actor=r.actor, side=r.side) for (s, e), r in found.relay]
    chain.append(
        ChainLink(
            mention=text[base + found.source[0] : base + found.source[1]], actor=resolution.actor, side=resolution.side
        )
    )
    polarity = found.verb.polarity if found.verb else Polarity.NEUTRAL
    if found.negated and polarity is Polarity.DENIAL:
        polarity = Polarity.NEUTRAL
    return Claim(
        id=f"{article.id}:{start}-{end}",
        article_id=article.id,
        start=start,
        end=end,
        text=text[start:end],
        content_start=content_start,
        content_end=max(content_start, base + found.content[1]),
        source=text[base + found.source[0] : base + found.source[1]],
        source_start=base + found.source[0],
        source_end=base + found.source[1],
        actor=resolution.actor,
        side=resolution.side,
        verb=found.verb.lemma if found.verb else None,
        polarity=polarity,
        speech=found.speech,
        chain=chain,
        confidence=found.confidence,
        producer=PRODUCER,
    )


def dedupe(claims: list[Claim]) -> list[Claim]:
    seen, out = set(), []
    for claim in claims:
        if claim.id not in seen:
            seen.add(claim.id)
            out.append(claim)
    return out
