"""The divergence stages run over one event, on hand-made claims (the
helpers here build the claims the other test_diverge_* files use)."""

from __future__ import annotations

import numpy as np
import pytest

from crosscheck.actors import load_registry
from crosscheck.diverge import find_divergences
from crosscheck.diverge_views import view_of
from crosscheck.models import Claim, Event, Polarity, SpeechType
from crosscheck.settings import DivergenceSettings

SETTINGS = DivergenceSettings()
EVENT = Event(id="ev-1", label="Fidan–Dendias call", kind="call", participants=["person.a", "person.b"])


def claim(
    text: str, side: str, *, n: int, polarity: Polarity = Polarity.NEUTRAL, article: str = "art", actor: str = "x.gov"
) -> tuple[Claim, str]:
    start = n * 1000
    return Claim(
        id=f"{article}:{start}",
        article_id=article,
        start=start,
        end=start + len(text),
        text=text,
        content_start=start,
        content_end=start + len(text),
        source="source",
        actor=actor,
        side=side,
        verb="dire",
        polarity=polarity,
        speech=SpeechType.INDIRECT,
        event_id="ev-1",
    ), text


def views(*claims: tuple[Claim, str]):
    registry = load_registry()
    text = " " * 10_000
    for c, body in claims:
        text = text[: c.start] + body + text[c.start + len(body) :]
    return [view_of(c, text, {"fidan", "dendias"}, SETTINGS, registry) for c, _ in claims]


def kinds(found) -> set[tuple[str, str, str]]:
    return {(d.kind, d.a, d.b) for d in found}


def with_vectors(found_views, directions: list[int]):
    """Unit vectors: views given the same direction are near-identical (cosine 1)."""
    for view, direction in zip(found_views, directions, strict=True):
        vector = np.zeros(8, dtype=np.float32)
        vector[direction] = 1.0
        view.vector = vector
    return found_views


@pytest.mark.parametrize("relay_side", ["GB"])
def test_news_agencies_are_not_compared_for_framing(relay_side: str) -> None:
    official = claim("Fidan a souligné l'importance de lignes de communication militaires ouvertes.", "TR", n=1)
    agency = claim(
        "Selon Reuters, il s'agit d'un contact rare entre deux puissances régionales rivales.",
        relay_side,
        n=2,
        actor="outlet.reuters",
    )
    assert find_divergences(EVENT, views(official, agency), SETTINGS, {"TR", "GR"}) == []


def test_a_joint_outcome_and_a_claim_about_the_call_itself_are_never_framing() -> None:
    joint = claim("Les deux ministres ont convenu de se reparler prochainement sur la question migratoire.", "GR", n=1)
    meta = claim("Dendias a indiqué que l'entretien téléphonique avait duré deux heures et avait été franc.", "GR", n=2)
    stress = claim("Fidan a insisté sur les droits de la minorité turque en Thrace occidentale.", "TR", n=3)
    found_views = views(joint, meta, stress)
    assert found_views[0].joint and found_views[1].meta and not found_views[2].meta
    pairs = find_divergences(EVENT, found_views, SETTINGS, {"GR", "TR"})
    assert not [p for p in pairs if p.kind == "framing"]
