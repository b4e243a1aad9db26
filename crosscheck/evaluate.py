"""Score an export against a hand annotation, reading article texts from the
store (so HTML and JSON articles score on their extracted text).

Same definitions as the shared evaluation kit: a predicted claim matches a
gold claim of the same article when its span covers at least half of the gold
quote, one to one, largest overlap first; side accuracy over matched claims;
event grouping as B-cubed over matched claims.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

OVERLAP = 0.5


def gold_spans(gold: dict, texts: dict[str, str]) -> dict[str, tuple[str, int, int]]:
    spans = {}
    for claim in gold["claims"]:
        start = texts.get(claim["article"], "").find(claim["quote"])
        if start < 0:
            raise ValueError(f"gold claim {claim['id']}: quote not found in article {claim['article']}")
        spans[claim["id"]] = (claim["article"], start, start + len(claim["quote"]))
    return spans


def match_claims(gold: dict, predicted: list[dict], texts: dict[str, str]) -> dict[str, str]:
    spans = gold_spans(gold, texts)
    candidates = []
    for p in predicted:
        for gid, (article, gs, ge) in spans.items():
            if article != p["article"]:
                continue
            inter = min(ge, p["end"]) - max(gs, p["start"])
            if inter > 0 and inter / (ge - gs) >= OVERLAP:
                candidates.append((inter, p["id"], gid))
    used_p, used_g, pairs = set(), set(), {}
    for _, pid, gid in sorted(candidates, reverse=True):
        if pid not in used_p and gid not in used_g:
            used_p.add(pid)
            used_g.add(gid)
            pairs[pid] = gid
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def bcubed(pred_of: dict[str, str], gold_of: dict[str, str]) -> float:
    if not gold_of:
        return 0.0
    pc, gc = defaultdict(set), defaultdict(set)
    for item in gold_of:
        pc[pred_of[item]].add(item)
        gc[gold_of[item]].add(item)
    p = sum(len(pc[pred_of[i]] & gc[gold_of[i]]) / len(pc[pred_of[i]]) for i in gold_of) / len(gold_of)
    r = sum(len(pc[pred_of[i]] & gc[gold_of[i]]) / len(gc[gold_of[i]]) for i in gold_of) / len(gold_of)
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


def score(gold: dict, export: dict, texts: dict[str, str]) -> dict[str, Any]:
    predicted = [c for c in export["claims"] if c.get("side") or c.get("actor") or c.get("source")]
    pairs = match_claims(gold, predicted, texts)
    gold_by_id = {c["id"]: c for c in gold["claims"]}
    pred_by_id = {c["id"]: c for c in predicted}
    side_ok = sum(
        1 for pid, gid in pairs.items() if (pred_by_id[pid].get("side") or "") == (gold_by_id[gid]["side"] or "")
    )
    pred_event = {gid: pred_by_id[pid].get("event") or f"single:{pid}" for pid, gid in pairs.items()}
    gold_event = {gid: gold_by_id[gid]["event"] for gid in pred_event}
    gold_pairs = {frozenset((d["a"], d["b"])) for d in gold.get("divergences", [])}
    flagged = {frozenset((pairs.get(d["a"]), pairs.get(d["b"]))) for d in export.get("divergences", [])}
    agreements = {frozenset((d["a"], d["b"])) for d in gold.get("agreements", [])}
    return {
        "claims": prf(len(pairs), len(predicted), len(gold_by_id)),
        "divergences": prf(len(gold_pairs & flagged), len(flagged), len(gold_pairs)),
        "agreements_flagged": len(agreements & flagged),
        "side_accuracy": round(side_ok / len(pairs), 3) if pairs else 0.0,
        "events_bcubed_f1": bcubed(pred_event, gold_event),
        "missed": sorted(set(gold_by_id) - set(pairs.values()), key=lambda g: int(g.lstrip("g") or 0)),
        "wrong_side": sorted(
            gid for pid, gid in pairs.items() if (pred_by_id[pid].get("side") or "") != (gold_by_id[gid]["side"] or "")
        ),
        "unmatched_predictions": sorted(set(pred_by_id) - set(pairs)),
    }
