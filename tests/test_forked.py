"""Work split over two processes gives what one process gives: the map
helper, and a long article's events with their signatures computed on two
cores. The article is generated from the sentences of
tests/test_attribution_speed.py, written for the tests."""

from __future__ import annotations

import os

import pytest

from crosscheck import forked, link
from crosscheck.actors import load_registry
from crosscheck.attribute import ArticleAttribution, dedupe
from tests.test_attribution_speed import analysed, generated_article

needs_two_cores = pytest.mark.skipif(not forked.can_fork(), reason="needs fork and two cores")


@needs_two_cores
def test_the_second_half_is_computed_by_another_process() -> None:
    pids = forked.map_in_two(lambda n: (n * n, os.getpid()), list(range(10)), at_least=10)
    assert [square for square, _ in pids] == [n * n for n in range(10)]
    assert {pid for _, pid in pids[:5]} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in pids[5:]}


def test_a_short_list_stays_in_this_process() -> None:
    assert {pid for _, pid in forked.map_in_two(lambda n: (n, os.getpid()), [1, 2, 3], at_least=4)} == {os.getpid()}


@needs_two_cores
def test_a_failing_child_leaves_the_parent_to_compute_its_half() -> None:
    parent = os.getpid()

    def only_here(n: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return n + 1

    assert forked.map_in_two(only_here, list(range(8)), at_least=2) == list(range(1, 9))


def events_of(article, sentences, claims) -> list[tuple]:
    """Everything an article's local events hold, in order."""
    return [
        (list(e.persons.items()), e.offices, list(e.kinds.items()), e.day, list(e.salient.items()), e.claims)
        + (e.counterparts, list(e.topic.items()), e.person_sides, e.background)
        for e in link.segment_events(article, sentences, claims, load_registry())
    ]


@needs_two_cores
def test_signatures_on_two_cores_give_the_events_of_one_process(monkeypatch) -> None:
    article, sentences = analysed(generated_article(400, seed=11))
    claims = dedupe(ArticleAttribution(article, sentences, load_registry()).run(sentences))
    monkeypatch.setattr(link, "SIGNATURES_IN_TWO", 10**9)
    alone = events_of(article, sentences, claims)
    started = []
    monkeypatch.setattr(link, "SIGNATURES_IN_TWO", 100)
    monkeypatch.setattr(forked.Child, "start", lambda work, start=forked.Child.start: started.append(1) or start(work))
    assert events_of(article, sentences, claims) == alone
    assert started and len(alone) >= 2 and sum(len(e[5]) for e in alone) > 100


def test_a_packed_signature_unpacks_to_the_same_signature() -> None:
    from crosscheck.signature import Day, Signature

    sig = Signature(
        persons={"person.a", "name:tovo-rakotobe"},
        offices={("RU", "defence_minister")},
        kinds={"call"},
        day=Day(2025, 6, 2),
        salient={"geneve"},
        counterparts={"FR", "TR"},
        day_start=12,
        source_side="RU",
        persons_sides={"MG"},
    )
    assert link.unpack(link.pack(sig)) == sig
    assert link.unpack(link.pack(Signature())) == Signature()
    assert not any(isinstance(value, set) for value in link.pack(sig))
