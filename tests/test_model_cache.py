"""The artefacts a fresh process loads instead of rebuilding (crosscheck/model_cache.py)
equal what the models' own packages build, and a missing, damaged or
unwritable cache only costs time."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from crosscheck import metadata, model_cache
from crosscheck.embed import USE_LIVE_PARTS, fresh_use_parts, use_model

SENTENCES = [
    "Le ministre a souligné l'importance de maintenir ouvertes les lignes de communication.",
    "The Pentagon said the call took place at Beijing's request, « sans condition ».",
    "Пресс-секретарь Кремля заявил, что встреча состоится во вторник.",
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CROSSCHECK_CACHE", str(folder))
    return folder


def same_state(first: object, second: object) -> bool:
    if isinstance(first, np.ndarray):
        return np.array_equal(first, np.asarray(second)) and first.dtype == np.asarray(second).dtype
    if isinstance(first, list | tuple):
        return len(first) == len(second) and all(same_state(a, b) for a, b in zip(first, second, strict=True))
    if isinstance(first, dict):
        return first.keys() == second.keys() and all(same_state(first[k], second[k]) for k in first)
    if hasattr(first, "__dict__") and not callable(first):
        return type(first) is type(second) and same_state(vars(first), vars(second))
    return first == second


@pytest.mark.slow
def test_the_use_artefact_equals_a_fresh_build(cache: Path) -> None:
    built = use_model()  # first use: built from the package's files and saved
    assert len(list(cache.glob("use-*/*"))) == 2
    loaded = use_model()  # from the artefact
    tokenizer, backend = fresh_use_parts()
    assert same_state(vars(loaded._sp), vars(tokenizer))
    weights = [{k: v for k, v in vars(b).items() if k not in USE_LIVE_PARTS} for b in (loaded._backend, backend)]
    assert same_state(*weights)
    assert np.array_equal(loaded._backend.table, backend.table)
    fresh = backend.encode(SENTENCES)
    assert fresh.tobytes() == loaded.encode(SENTENCES).tobytes() == built.encode(SENTENCES).tobytes()


def test_the_language_identifier_artefact_equals_a_fresh_build(cache: Path) -> None:
    from py3langid import langid

    metadata.language_identifier.cache_clear()
    first = metadata.language_identifier()
    metadata.language_identifier.cache_clear()
    loaded = metadata.language_identifier()
    fresh = langid._load_identifier()
    assert loaded is not first and list(cache.glob("langid-*/artefact.pickle"))
    for slot in type(fresh).__slots__:
        assert same_state(getattr(loaded, slot), getattr(fresh, slot)), slot
    assert [loaded.classify(s) for s in SENTENCES] == [fresh.classify(s) for s in SENTENCES]
    metadata.language_identifier.cache_clear()


def long_pattern() -> str:
    """Regex source past LONG_PATTERN characters, with classes, groups and flags inside."""
    words = [f"(?:^{w}[-‐][a-zà-ÿ]+$)" for w in (f"mot{i}" for i in range(800))]
    return "(?iu)" + "|".join([*words, r"(?P<year>\d{4})-(?P<month>\d{2})", r"^l[èe]s?[’'][\w-]+$"])


def test_compiled_patterns_are_served_from_the_artefact_and_match_as_re_does(cache: Path) -> None:
    source = long_pattern()
    assert len(source) >= model_cache.LONG_PATTERN
    expected, original = re.compile(source), re.compile
    with model_cache.compiled_patterns("patterns-test"):
        recorded = re.compile(source)
    assert re.compile is original and (cache / "patterns-test" / "artefact.pickle").is_file()
    with model_cache.compiled_patterns("patterns-test"):
        served = re.compile(source)
        short = re.compile("ab+c")
    assert short.match("abbc")  # short patterns compile as usual
    probes = ["MOT7-avant", "mot799-x", "mot800-x", "2025-04 and", "lès'abc", "Les’a-b", "mot7-", ""]
    for pattern in (recorded, served):
        assert (pattern.pattern, pattern.flags, pattern.groups, pattern.groupindex) == (
            expected.pattern,
            expected.flags,
            expected.groups,
            expected.groupindex,
        )
        for probe in probes:
            found, wanted = pattern.search(probe), expected.search(probe)
            assert (found and (found.span(), found.groups())) == (wanted and (wanted.span(), wanted.groups()))


def test_a_damaged_artefact_is_rebuilt(cache: Path) -> None:
    built = []

    def build() -> dict:
        built.append(1)
        return {"value": 42}

    assert model_cache.cached("thing-1", build, model_cache.save_pickle, model_cache.load_pickle) == {"value": 42}
    assert model_cache.cached("thing-1", build, model_cache.save_pickle, model_cache.load_pickle) == {"value": 42}
    assert len(built) == 1
    (cache / "thing-1" / "artefact.pickle").write_bytes(b"not a pickle")
    assert model_cache.cached("thing-1", build, model_cache.save_pickle, model_cache.load_pickle) == {"value": 42}
    assert len(built) == 2
    assert model_cache.load_pickle(cache / "thing-1") == {"value": 42}  # and saved again


def test_an_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("CROSSCHECK_CACHE", str(blocked / "cache"))  # under a file: cannot be made
    value = model_cache.cached("thing-2", lambda: [1, 2], model_cache.save_pickle, model_cache.load_pickle)
    assert value == [1, 2]
    with model_cache.compiled_patterns("patterns-test"):
        assert re.compile(long_pattern()).search("mot3-abc")


def test_no_home_means_no_cache_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("CROSSCHECK_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert model_cache.cache_dir() is None
    assert model_cache.cached("thing-3", lambda: 7, model_cache.save_pickle, model_cache.load_pickle) == 7
    with model_cache.compiled_patterns("patterns-test"):
        assert re.compile(long_pattern()).search("mot3-abc")


def test_an_artefact_name_changes_with_its_source_files(tmp_path: Path) -> None:
    source = tmp_path / "model.bin"
    source.write_bytes(b"12345")
    first = model_cache.artefact_name("kind", "numpy", [source])
    assert first == model_cache.artefact_name("kind", "numpy", [source])
    source.write_bytes(b"123456")
    assert model_cache.artefact_name("kind", "numpy", [source]) != first
    assert model_cache.artefact_name("kind", "numpy", [source], "more") != model_cache.artefact_name(
        "kind", "numpy", [source]
    )


def month_forms() -> list[str]:
    from crosscheck.lang import all_languages

    forms = set()
    for language in all_languages():
        for written in language.months.split("|"):
            word = written.replace("\\.?", ".").replace("?", "")
            forms |= {word, word.rstrip("."), word.capitalize(), word.upper()}
    return sorted(forms | {"mar", "juil.", "Sept."})


@pytest.mark.slow
def test_dates_read_without_dateparser_are_the_dates_dateparser_reads() -> None:
    read = 0
    for month in month_forms():
        for day in (1, 9, 29, 31):
            written = (f"{day} {month} 2025", f"{month} {day}, 1999", f"{day}er {month} 2025", f"{day}st {month} 2025")
            for text in written:
                if (plain := metadata.plain_date(text)) is not None:
                    read += 1
                    assert plain == metadata.dateparser_date(text), text
    assert read > 300
    assert metadata.plain_date("18 avril 2025") == date(2025, 4, 18)
    assert metadata.plain_date("2025-13-01") is None  # left to dateparser
    assert metadata.parse_date("31 février 2025") is None
