"""Each language's words and patterns, in one place.

A language is a module ``crosscheck.lang.<code>`` (``fr.py``, ``en.py``) listed in
``LANGUAGES``, with one upper-case constant per ``Language`` field (``MONTHS`` for
``months``). Word lists are written there as whitespace-separated strings and
patterns as regex source; ``language(code)`` returns them as a frozen
``Language``. Larger data (the reporting verbs) are files in ``lang/data/``.
Stage modules keep the mechanisms and import the words from here.

Today's matching is language-blind: every article is matched against French and
English together. ``alternation`` and ``union`` build those combined patterns
and word sets; patterns whose branch order interleaves the two languages are
kept whole in ``mixed.py``.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import MISSING, dataclass, field, fields
from functools import cache
from importlib import resources

LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class Language:
    """Word sets are accent-folded lower case unless said otherwise; patterns
    are regex source, alternations of one language's branches. A field with a
    default may be left out by a language that has no such words."""

    code: str
    abbreviations: frozenset[str]
    months: str  # regex alternation of month names and their abbreviations
    institution_words: frozenset[str]
    articles: frozenset[str]
    reporting_verbs: str  # data file in lang/data/ (see `reporting_verbs`)
    clause_verbs: frozenset[str]  # lemmas, as spelled in the verbs file
    # Article metadata (metadata.py); patterns match the original case, case-insensitively.
    byline_words: str  # "par", "by"
    byline_joiners: str  # between an outlet and its agency: "avec", "with"
    list_joiners: str  # between two authors' names: "et", "and"
    name_articles: str  # capitalised articles that do not begin a person's name
    outlet_name_words: str  # words that make a byline name an outlet ("Times", "Monde")
    absolute_dates: str  # full dates written with month names
    date_line_words: str  # words that begin a date line ("publié", "updated")
    time_prepositions: str  # between a date and its time ("à", "at")
    # What a sentence says about its event (signature.py), on folded text.
    event_words: dict[str, str]  # event kind (call, meeting, attack, military) -> words naming it
    weekdays: tuple[str, ...]  # Monday first
    month_names: tuple[str, ...]  # January first
    day_articles: str  # before a day of the month: "le", "on"
    month_prepositions: str  # before a month: "en", "in"
    past_after_month: str  # after a month: "dernier", "last"
    ago: str  # "three weeks ago", with groups count (optional), unit and optional half
    number_words: dict[str, int]  # small counts written as words
    time_units: dict[str, int]  # the ago pattern's units, in days
    relative_days: dict[str, int]  # "yesterday" -> -1, tried in order
    future_cues: str  # near a weekday: a day ahead ("prochain", "next")
    past_cues: str  # just before a weekday: a day past ("dernier", "last")
    counterpart_words: str  # "homologue", "counterpart"
    aide_titles: str  # who serves another ("porte-parole", "aide")
    aide_links: str  # between such a title and whom they serve ("de", "to")
    office_titles: dict[str, str]  # office -> title words named with its domain
    office_domains: dict[str, str]  # office -> domain words ("defense", "foreign")
    office_names: dict[str, str]  # office -> whole names ("secretary of state")
    person_titles: str  # titles a person's name follows, on the original text
    stopwords: frozenset[str]
    exchange_words: frozenset[str]  # words about an exchange itself, not its substance
    # Divergences (diverge.py), on folded text.
    negation_cues: str  # a version that negates ("ne", "not")
    denial_cues: str  # a version that denies ("dement", "denied")
    omission_cues: str  # a readout said to leave something out ("ne mentionne pas")
    request_phrases: str  # who asked for the exchange: "a la demande", "at the request"
    request_links: str  # between such a phrase and who asked ("de la ", "of the "), longest first
    reported_speech: str  # a participant speaking inside a claim's content ("a souligne", "urged")
    both_words: str  # "les deux", "both"
    participant_nouns: str  # plural nouns for the two parties ("ministres", "leaders")
    definite_articles: str  # "le", "the"
    leader_titles: str  # titles that stand for a participant ("le president")
    demonstratives: str  # "ces", "these"
    claim_nouns: str  # what a denial points back at ("ces affirmations")
    # Edges of source phrases (attribute/phrases.py), on folded text.
    determiners: frozenset[str]
    name_title_words: frozenset[str]  # dropped before a speaker's name ("m", "mr", "general")
    pronouns: frozenset[str]  # subject pronouns that stand for a speaker
    auxiliaries: frozenset[str]  # before a participle ("a", "has")
    between_aux_and_verb: frozenset[str]  # words allowed between them ("pas", "also")
    speaker_nouns: frozenset[str]  # words that can head a phrase naming a speaker
    time_words: frozenset[str]  # words that end a source phrase or open an adverbial ("hier", "today")
    prepositions: frozenset[str]
    name_titles: frozenset[str]  # abbreviated titles before a name: a period after them ends nothing
    source_end_words: str  # where a source phrase that follows its verb ends
    intro_adverbials: str  # words that open an introductory adverbial ("selon…,", "in…,")
    leading_connectors: str  # sentence-initial connectors ("et", "but")
    # Anaphoric sources (attribute/context.py): whole folded phrases.
    same_source: str  # "la meme source", "the same source"
    person_pronouns: frozenset[str]  # pronouns that stand for a person who spoke
    thing_pronouns: frozenset[str]  # pronouns that stand for an institution ("it")
    back_reference_determiners: dict[str, str]  # kind (staff, document, outlet, institution, person) -> words
    back_reference_nouns: dict[str, str]  # kind -> nouns that point back to an actor of that kind
    feminine_pronouns: frozenset[str]  # "elle", "she": the antecedent is a woman
    plural_pronouns: frozenset[str]  # "ils", "they": the antecedent is a group
    name_particles: frozenset[str]  # lower-case words inside a person's name ("de", "van", "bin")
    title_boundary_words: frozenset[str]  # words that end the title before or after a name ("avec", "said")
    title_open_ends: frozenset[str]  # a title ending so names an office, not a person ("de", "of")
    singular_ending_s: frozenset[str]  # words ending in s that are no plural ("ses", "press")
    subject_determiners: str  # what opens a sentence's subject noun phrase ("le", "two")
    subject_verbs: str  # the verb group that ends an opening subject ("a", "has", "met")
    # Attribution constructions (attribute/engine.py), on folded text.
    according_words: str  # "selon", "according to"
    citing_words: frozenset[str]  # "citant", "citing": an according-to that names a relay
    according_not_before: str  # after "selon"/"per", words that make it no attribution ("lesquels", "all")
    embedded_determiners: str  # "les affirmations de X selon lesquelles…"
    embedded_nouns: str
    embedded_links: str  # between the noun and its source, shortest first as matched
    embedded_complementizers: str  # "selon lesquelles", "that"
    statement_copulas: str  # "X a été clair : …"
    firmness_adjectives: str
    not_speech_after: str  # after a reporting verb: not speech ("appeler à la guerre", "call war")
    object_determiners: str  # before a prepositional object, as matched (prefixes first)
    phrase_determiners: str  # words that open the next noun phrase
    qualifying_verbs: frozenset[str]  # lemmas whose object comes before the quotation ("qualifier")
    subordinators: str  # "alors que", "while": a clause whose subject is not the speaker's
    complementizers: frozenset[str]  # a subject phrase starting so is no speaker
    no_speaker_words: frozenset[str]  # "Neither side's readout mentioned…": nobody spoke
    statement_heads: str  # "un point de vue que…", "a claim that…" (after an indefinite article)
    indefinite_articles: str
    relative_openers: str  # "ce que", "what"
    noun_markers: frozenset[str]  # "made no mention": a noun or adjective follows, not a verb
    verb_negation: str  # negation next to a reporting verb
    statement_words: str  # a document as a source ("communique", "readout")
    subject_trim_words: frozenset[str]  # dropped from a subject phrase's end (negation, clitics, adverbs)
    passive_auxiliaries: frozenset[str]  # "est accusee par"
    agent_prepositions: frozenset[str]  # "par", "by"
    opinion_prepositions: str  # "Pour le Kremlin, …"
    apposition_adverbials: str  # "Choigou, de son cote, …": not the end of a reported clause
    time_phrases: str  # a short adverbial that may close an inverted source phrase
    clause_openers: str  # after a comma: a new clause begins
    clause_complementizers: str  # "que", "that"
    infinitive_markers: str  # "avoir", "to"
    passive_markers: frozenset[str]  # "a ete aborde", "has been raised": a passive, no reporting verb
    before_infinitive: frozenset[str]  # "pour declarer", "to say": the form is no finite verb
    and_words: frozenset[str]
    but_words: frozenset[str]
    clause_subordinators: str  # "que", "while": where a coordinated subject's clause begins
    proposition_breaks: str  # regex source: where a claim's content coordinates another reporting clause
    background_cues: str  # regex on folded text: a statement that is not about the current exchange
    female_words: frozenset[str]  # words that make a person a woman ("mme", "she", "cheffe"); attribute.context
    joint_source: str  # regex: a source that is both sides at once ("les deux présidents"); attribute.engine
    state_source_words: frozenset[str]  # unnamed sources that speak for a state ("officials"); attribute.engine
    place_intro: str  # regex: the preposition of an opening "In Taipei," ; attribute.engine
    no_comment_verbs: frozenset[str]  # lemmas that, negated and bare, report silence ("did not respond")
    complement_as_words: str  # "a décrit sa conversation comme…", "described it as…"
    quoted_object_links: str  # before a quoted object: "menace de « … »", "warned of “…”"
    evaluating_verbs: frozenset[str]  # lemmas whose agent judges, not speaks ("jugé par un tribunal")
    wh_words: str  # "comment", "why": a question, not a speaker
    participle_suffixes: str  # a participle opening a sentence ("Speaking in Beijing, …")
    clause_boundary_words: str  # words that open a new clause ("lorsque", "because")
    source_phrase_stops: str  # inside a source phrase, where a complement begins ("d'avoir", "of ")
    byline_staff_words: str = ""  # trailing words of a byline that name no one ("staff")
    ordinals_before_month: str = ""  # "1er mars"
    ordinals_after_month: str = ""  # "March 1st"
    past_cues_after_weekday: str = ""  # "vendredi dernier"
    counterpart_before_country: str = ""  # "homologue russe"
    counterpart_after_country: str = ""  # "Russian counterpart"
    request_adjectives: str = ""  # "a la demande urgente de"
    plural_name_titles: frozenset[str] = frozenset()  # "MM. Austin et Belousov"
    adverb_suffixes: str = ""  # a one-word adverbial before a comma ("Officiellement,")
    bare_clause_verbs: frozenset[str] = frozenset()  # lemmas reporting a clause with no "that"
    statement_intensifiers: str = ""  # "tres ", "tout a fait " before a firmness adjective
    message_owner: str = ""  # "le message de Kiev est clair": the source is Kiev
    reflexive_pronouns: frozenset[str] = frozenset()  # "se declare": not the plain reporting verb
    being_auxiliaries: frozenset[str] = frozenset()  # "est", "s'est": no compound past of speech
    negation_clitics: frozenset[str] = frozenset()  # "n'a", "ne l'a" before an auxiliary
    outlet_words_before: str = ""  # before an outlet noun: "state", "news"
    outlet_words_after: str = ""  # after an outlet noun: "d'etat", "de presse"
    feminine_determiners: frozenset[str] = frozenset()  # before a title: the person is a woman ("la", "une")
    capitalised_title_words: frozenset[str] = frozenset()  # capitalised words of a title before a name ("Foreign")
    inverted_pronouns: str = ""  # subject pronouns joined to an inverted verb ("a-t-il dit")
    object_clitics: str = ""  # object pronouns before a verb ("et l'a exhorté")
    possessive_request: str = ""  # "at {who}'s request"; {who} marks who asked
    # Points (points.py, diverge.py): words that only report the exchange itself (that it took place, its
    # length, its tone), so a claim made of them is context, not a topic; and the verbs of a joint outcome
    # ("les deux présidents ont convenu", "both leaders agreed"), which no one side stresses.
    meta_words: frozenset[str] = frozenset()
    joint_outcome_verbs: str = ""
    # Silent omissions and scope (diverge.py), on folded text: a claim that states a demand, condition, warning
    # or proposal ("a réclamé", "called for"); a claim that reports the exchange took place ("s'est entretenu
    # avec", "held a call"); and concept -> the words naming it, so that one topic is matched across languages
    # ("cessez-le-feu", "ceasefire"); words are cut to their stems, so one form of each suffices.
    demand_cues: str = ""
    exchange_held: str = ""
    concepts: dict[str, str] = field(default_factory=dict)
    # A question a claim answers ("asked about the nuclear file, the spokesman said it was not discussed"): its
    # topic is the answer's topic (diverge.py), on folded text, up to the next comma.
    question_leads: str = ""
    # Scope of the exchange (diverge.py), on folded text: one side says it was restricted ("limited to consular
    # matters"), the other that it covered more ("all disputes, including Kashmir, were discussed").
    restriction_cues: str = ""
    coverage_cues: str = ""
    # Attribution (attribute/engine.py), on folded text: what opens a relative clause whose subject answers the
    # sentence's first statement (", ce que Moscou dément", ", which Beijing denied"): the clause is a claim.
    relative_report_openers: str = ""
    # Event linking (link.py), on folded text: a relative clause after a source describes the source ("…, a dit X,
    # qui réclame depuis des années…"), so its time words do not date the claim.
    source_relatives: str = ""
    # Attribution (attribute/engine.py): the endings of adverbs that may sit between an auxiliary and its
    # participle ("a catégoriquement démenti", "has flatly denied"), beside the listed between_aux_and_verb words.
    verb_adverb_suffixes: str = ""
    # Attribution (attribute/engine.py): lemmas that deny a statement, as a participle after its noun with an
    # agent ("un chiffre démenti par Alger", "a figure disputed by Rabat"); not those that refuse a proposal.
    statement_denials: frozenset[str] = frozenset()
    # Attribution (attribute/engine.py), on folded text: what opens a clause of reason ("car", "because").
    causal_conjunctions: str = ""
    # Attribution (attribute/engine.py), on folded text: the relative pronoun that is a reporting verb's subject
    # ("…, le ministre turc, qui a déclaré que…", "…'s foreign minister, who said…"): the source is its antecedent.
    relative_subjects: str = ""
    # Attribution (attribute/engine.py): the words that make a noun phrase the complement of a longer one ("de
    # Paris" in "la déclaration de Paris"), so a relative pronoun's antecedent is never cut after them.
    complement_links: frozenset[str] = frozenset()
    # Attribution (attribute/engine.py): verbs that also mean recognising a state ("ne reconnaissent pas
    # officiellement Taipei", "will never recognise Kosovo"): with a country for object, no statement.
    recognition_verbs: frozenset[str] = frozenset()
    # The tone a side gives the exchange (diverge_readouts.py), on folded text: tone -> the adjectives naming it
    # ("cordial", "franc franche"), every form listed; and the nouns of the exchange they must qualify.
    tone_words: dict[str, str] = field(default_factory=dict)
    exchange_nouns: str = ""


@cache
def language(code: str) -> Language:
    """The words and patterns of one language, by its code in ``LANGUAGES``."""
    if code not in LANGUAGES:
        raise KeyError(f"no language module for {code!r}; known: {', '.join(LANGUAGES)}")
    module = importlib.import_module(f"crosscheck.lang.{code}")
    values = {}
    for spec in fields(Language):
        name = spec.name.upper()
        if hasattr(module, name):
            values[spec.name] = _convert(spec.type, getattr(module, name))
        elif spec.default is MISSING and spec.default_factory is MISSING:
            raise KeyError(f"crosscheck/lang/{code}.py has no {name}")
    return Language(**values)


def _convert(kind: str, value):
    if kind.startswith("frozenset"):
        return frozenset(value.split() if isinstance(value, str) else value)
    if kind.startswith("tuple") and isinstance(value, str):
        return tuple(value.split())
    return value


def all_languages() -> tuple[Language, ...]:
    return tuple(language(code) for code in LANGUAGES)


def union(field: str) -> frozenset[str]:
    """One word-set field merged over every language."""
    return frozenset().union(*(getattr(lang, field) for lang in all_languages()))


def merged(field: str) -> dict:
    """One mapping field merged over every language, in ``LANGUAGES`` order."""
    out: dict = {}
    for lang in all_languages():
        out.update(getattr(lang, field))
    return out


def alternations(field: str) -> dict[str, str]:
    """A field mapping keys to patterns, each key's patterns joined over every
    language as ``alternation`` does, keys in order of first appearance."""
    out: dict[str, list[str]] = {}
    for lang in all_languages():
        for key, pattern in getattr(lang, field).items():
            out.setdefault(key, []).append(pattern)
    return {key: "|".join(p for p in patterns if p) for key, patterns in out.items()}


def alternation(field: str) -> str:
    """One pattern field of every language joined as ``a|b``, in ``LANGUAGES``
    order; languages that leave the field empty are skipped."""
    return "|".join(value for lang in all_languages() if (value := getattr(lang, field)))


@cache
def reporting_verbs(code: str) -> dict:
    """A language's reporting verbs, statement nouns and channels (its JSON data file)."""
    name = language(code).reporting_verbs
    return json.loads((resources.files(__name__) / "data" / name).read_text(encoding="utf-8"))
