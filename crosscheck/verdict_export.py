"""`crosscheck verdicts export`: reviewers' verdicts as JSON Lines, CSV, or
schema.org ClaimReview JSON-LD for the pairs judged divergent."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from crosscheck.display import actor_name
from crosscheck.formats import VerdictFormat
from crosscheck.models import Article, Claim, Verdict
from crosscheck.store import Store

VERDICT_FORMATS = tuple(VerdictFormat)
DEFAULT_URL = "urn:crosscheck:pair:{pair_id}"
RATING = "Divergent version"
BATCH = 500


@dataclass
class JudgedPair:
    verdict: Verdict
    kind: str | None
    score: float | None
    event_id: str | None
    event_label: str | None
    a: dict | None  # the claim and its article, as now in the store
    b: dict | None


def judged_pairs(store: Store, include_history: bool = False) -> list[JudgedPair]:
    """Current verdicts (or every verdict ever given), oldest first, with their pairs."""
    judged = store.judged_verdicts(history=include_history)
    ids = sorted({c for j in judged for c in (j.a, j.b) if c})
    claims: dict[str, Claim] = {}
    with store.errors():
        for start in range(0, len(ids), BATCH):  # bounded by the backends' limit on query parameters
            claims |= store.claims_with_ids(ids[start : start + BATCH])
        articles = {a: store.article(a) for a in sorted({c.article_id for c in claims.values()})}  # each read once
    return [
        JudgedPair(
            j.verdict,
            j.kind,
            j.score,
            j.event_id,
            j.event_label,
            described(claims.get(j.a), articles),
            described(claims.get(j.b), articles),
        )
        for j in judged
    ]


def described(claim: Claim | None, articles: dict[str, Article | None]) -> dict | None:
    if claim is None:
        return None
    article = articles.get(claim.article_id)
    return {
        "id": claim.id,
        "text": claim.text,
        "source": claim.source,
        "actor": claim.actor,
        "side": claim.side,
        "article": claim.article_id,
        "title": article.title if article else None,
        "outlet": (article.outlet or article.agency) if article else None,
        "url": article.url if article else None,
        "published": article.published.isoformat() if article and article.published else None,
    }


def as_jsonl(pairs: list[JudgedPair]) -> str:
    return "".join(json.dumps(flat(p), ensure_ascii=False) + "\n" for p in pairs)


def flat(p: JudgedPair) -> dict:
    row = p.verdict.model_dump() | {"kind": p.kind, "score": p.score, "event_id": p.event_id, "event": p.event_label}
    for name, claim in (("a", p.a), ("b", p.b)):
        for key, value in (claim or {}).items():
            row[f"{name}_{key}"] = value
    return row


def as_csv(pairs: list[JudgedPair]) -> str:
    rows = [flat(p) for p in pairs]
    columns = list(dict.fromkeys(key for row in rows for key in row)) or list(Verdict.model_fields)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: neutralise_formula(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def neutralise_formula(value):
    """Article text opened in a spreadsheet must not run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def as_claimreview(pairs: list[JudgedPair], url_template: str = DEFAULT_URL) -> str:
    """One ClaimReview per version of each pair judged divergent: the claim,
    who made it and where, the rating, the reviewer's note and the other
    version. A list of JSON-LD documents, each embeddable on its own in a
    `<script type="application/ld+json">`."""
    reviews = []
    for p in pairs:
        if p.verdict.verdict != "divergent" or p.a is None or p.b is None:
            continue
        for this, other, suffix in ((p.a, p.b, "a"), (p.b, p.a, "b")):
            reviews.append(claim_review(p, this, other, url_template.format(pair_id=p.verdict.pair_id), suffix))
    return json.dumps(reviews, ensure_ascii=False, indent=1)


def author_name(version: dict) -> str:
    """Who made the claim: the resolved actor's name ("Rustem Umerov", not the
    article's "ses services" or "il"), else the source as written."""
    return actor_name(version["actor"]) or version["source"] or "an unnamed source"


def claim_review(p: JudgedPair, this: dict, other: dict, url: str, suffix: str) -> dict:
    body = f"{p.verdict.note} " if p.verdict.note else ""
    body += f"Another version ({other['side'] or 'no country'}, {author_name(other)}"
    body += f", {other['outlet']}" if other["outlet"] else ""
    body += f"): «{other['text']}»"
    appearance = {"@type": "CreativeWork", "headline": this["title"] or this["article"]}
    if this["url"]:
        appearance["url"] = this["url"]
    if this["outlet"]:
        appearance["publisher"] = {"@type": "Organization", "name": this["outlet"]}
    item = {
        "@type": "Claim",
        "author": {
            "@type": "Person" if (this["actor"] or "").startswith("person.") else "Organization",
            "name": author_name(this),
        },
        "appearance": [appearance],
    }
    if this["published"]:
        item["datePublished"] = this["published"]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": f"{url}#{suffix}",
        "url": url,
        "datePublished": p.verdict.created_at[:10],
        "author": {"@type": "Person", "name": p.verdict.reviewer},
        "claimReviewed": this["text"],
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "alternateName": RATING}
        | ({"ratingExplanation": p.verdict.note} if p.verdict.note else {}),
        "reviewBody": body,
    }


def render_verdicts(store: Store, fmt: str, include_history: bool = False, url_template: str = DEFAULT_URL) -> str:
    pairs = judged_pairs(store, include_history and fmt != "claimreview")  # publish current verdicts only
    if fmt == "jsonl":
        return as_jsonl(pairs)
    if fmt == "csv":
        return as_csv(pairs)
    return as_claimreview(pairs, url_template)
