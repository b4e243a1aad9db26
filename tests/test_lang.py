"""Every language is complete, and word lists live only in crosscheck/lang."""

import ast
import re
from dataclasses import MISSING, fields
from pathlib import Path

import pytest

from crosscheck.lang import LANGUAGES, Language, alternation, alternations, language, merged, reporting_verbs, union

PACKAGE = Path(__file__).resolve().parent.parent / "crosscheck"
WORD = re.compile(r"[^\W\d_][\w'’ .-]*")
MAX_ALTERNATIVES = 10  # plain-word branches a regex string in a stage module may hold
MAX_LIST_WORDS = 6  # word-like strings a set, tuple or list literal may hold


REQUIRED = [f.name for f in fields(Language) if f.default is MISSING]
OPTIONAL = [f.name for f in fields(Language) if f.default is not MISSING]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_loads_with_every_required_field_filled(code):
    lang = language(code)
    assert isinstance(lang, Language) and lang.code == code
    for name in REQUIRED:
        assert getattr(lang, name), f"{code}: {name} is empty"


@pytest.mark.parametrize("name", OPTIONAL)
def test_every_optional_field_is_used_by_some_language(name):
    assert any(getattr(language(code), name) for code in LANGUAGES), f"no language fills {name}"


def test_a_field_a_language_leaves_out_adds_no_empty_branch():
    assert "||" not in alternation("byline_staff_words") and alternation("byline_staff_words")


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_has_its_reporting_verbs(code):
    data = reporting_verbs(code)
    assert data["lang"] == code and data["verbs"] and data["statement_nouns"]


def test_mapping_fields_merge_over_languages():
    assert merged("number_words")["deux"] == merged("number_words")["two"] == 2
    call = alternations("event_words")["call"]
    assert re.fullmatch(call, "appel telephonique") and re.fullmatch(call, "phone call")


def test_unknown_language_is_refused():
    with pytest.raises(KeyError, match="xx"):
        language("xx")


def test_combined_helpers_cover_every_language():
    assert union("abbreviations") == language("fr").abbreviations | language("en").abbreviations
    assert re.fullmatch(alternation("months"), "février") and re.fullmatch(alternation("months"), "March")


def _docstrings(tree: ast.AST) -> set[int]:
    nodes = [tree, *(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)))]
    return {id(n.body[0].value) for n in nodes if n.body and isinstance(n.body[0], ast.Expr)}


def word_lists(source: str) -> list[int]:
    """Line numbers of word lists in a module: a regex string of many plain-word
    branches, or a collection literal of many word-like strings."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    skip |= {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            branches = [b for b in re.split(r"[|()?:]", node.value) if WORD.fullmatch(b.strip() or "0")]
            if len(branches) > MAX_ALTERNATIVES:
                found.append(node.lineno)
        elif isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            words = [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len([e for e in words if WORD.fullmatch(e.value)]) > MAX_LIST_WORDS:
                found.append(node.lineno)
    return found


def test_no_word_lists_outside_the_language_package():
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        name = path.relative_to(PACKAGE).as_posix()
        if name.startswith("lang/"):
            continue
        if lines := word_lists(path.read_text(encoding="utf-8")):
            offenders[name] = lines
    assert not offenders, f"word lists outside crosscheck/lang (file: lines): {offenders}"


def test_guard_catches_a_word_list_put_back():
    assert word_lists('ABBREVIATIONS = {"mr", "mrs", "ms", "jr", "sr", "gen", "capt"}\n')
    assert word_lists('CAPTION = r"(?:photo|crédit|credit|illustration|image|vidéo|video|foto|bild|kuva|zdjęcie)"\n')
    assert not word_lists('def f():\n    """Prose with a bar | and words, a b c d e f g h i j k."""\n')
    assert not word_lists('raise ValueError(f"{path}: expected one of a, b, c, d, e, f, g, h, i, j, k, l")\n')


def test_the_readme_guide_lists_every_field():
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    guide = readme[readme.index("### Adding a language") : readme.index("### Reports")]
    listed = set(re.findall(r"`([A-Z_]+)`", guide))
    assert {f.name.upper() for f in fields(Language)} <= listed
    assert {f.name.upper() for f in fields(Language) if f.default is not MISSING} <= set(
        re.findall(r"\[`([A-Z_]+)`\]", guide)
    ), "optional fields are listed in brackets"
