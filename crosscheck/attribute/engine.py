"""Rule-based attribution of one sentence: find the reporting construction,
the source phrase and the content span.

Constructions, tried in this order:
  leading "Selon X," / "According to X," (a relay when X is a news outlet),
  a reporting verb with its subject before it ("X a déclaré que…"),
  an inverted clause after the content ("…, a déclaré X", "…, X said"),
  a trailing "…, selon X",
  a passive with its agent ("est accusée par X"),
  a leading "Pour X, …".
Participial clauses (", soulignant que…") and embedded claims ("les
affirmations de X selon lesquelles…") become claims of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from crosscheck.actors import INSTITUTION_WORDS, Resolution, unknown_id
from crosscheck.attribute.context import Discourse
from crosscheck.attribute.lexicon import Lexicon, VerbForm
from crosscheck.attribute.phrases import (
    AUXILIARIES,
    BETWEEN_AUX_AND_VERB,
    DETERMINERS,
    INTRO_ADVERBIAL,
    LEADING_CONNECTORS,
    PREPOSITIONS,
    PRONOUNS,
    SOURCE_END,
    SPEAKER_NOUNS,
    TIME_WORDS,
    strip_determiners,
)
from crosscheck.lang import alternation, union
from crosscheck.models import Polarity, SpeechType
from crosscheck.textnorm import Token, fold, fold_words, tokens

CITING = union("citing_words")
# Each alternation below is followed by a space, a word boundary or a fixed suffix, so at most one
# of its branches can match at a place and the languages' order cannot change a match.
ACCORDING = re.compile(
    rf"(?:^|(?<=[\s,(—–-]))({alternation('according_words')}|{'|'.join(sorted(CITING))})\s+"
    rf"(?!{alternation('according_not_before')})"
)
EMBEDDED = re.compile(
    rf"\b(?:{alternation('embedded_determiners')})\s+(?:{alternation('embedded_nouns')})\s+"
    rf"(?:{alternation('embedded_links')})\s*"
    rf"(?P<src>[^,;]{{2,80}}?)\s+(?:{alternation('embedded_complementizers')})\s+"
)
EMBEDDED_POSSESSIVE = re.compile(
    r"\b(?P<src>[A-Z][\w-]+(?: [A-Z][\w-]+)?)['’]s\s+(?:claims?|allegations?|assertions?|accusations?)\s+that\s+"
)
COLON_STATEMENT = re.compile(
    rf"^(?:[^,:]{{0,60}},\s*)?(?P<subj>[^,:]{{2,80}}?)\s+(?:{alternation('statement_copulas')})\s+"
    rf"(?:(?:{alternation('statement_intensifiers')}))?(?:{alternation('firmness_adjectives')})\s*:\s*"
)
NOT_SPEECH_AFTER = re.compile(rf"\s*(?:{alternation('not_speech_after')})")
RELAY_KINDS = {"agency", "outlet"}
COMPLEMENT_LINKS = union("complement_links")
RELATIVE_SUBJECT = re.compile(rf",\s*(?:{alternation('relative_subjects')})(?:\s*,[^,]{{1,80}},?)?\s*$")
RECOGNITION_VERBS = union("recognition_verbs")
CAUSAL = re.compile(rf"\b(?:{alternation('causal_conjunctions')})(?!\w)")
# Branches that share a first letter keep their order within each language.
PREPOSITIONAL_OBJECT = re.compile(rf"\s*(?:(?:{alternation('object_determiners')})\s*)?[\w-]+")
NEXT_DETERMINER = re.compile(rf"\s((?:{alternation('phrase_determiners')})(?:\s|(?<=')))")
AS_COMPLEMENT = re.compile(rf"\s*(?:[\w'.-]+\s+){{1,8}}(?:{alternation('complement_as_words')})\s")
QUOTED_OBJECT = re.compile(rf"\s*(?:{alternation('quoted_object_links')})\s*[«“\"]")  # "menace de « conséquences »"
APPOSED_NAME = re.compile(r"(?:[A-ZÀ-Þ][\w'’.-]*\s*){1,4},\s*")
QUALIFYING = union("qualifying_verbs")
SUBORDINATE = re.compile(
    rf"\b(?:{alternation('subordinators')})\s+"
    r"(?P<subj>[^,;«»“”\"]{2,60}?)\s*$"
)
COMPLEMENTIZERS = union("complementizers")
COMPLEMENTIZERS |= union("no_speaker_words")  # "Neither side's readout mentioned…": nobody spoke
RELATIVE_APPOSITION = re.compile(
    rf"(?:(?:{alternation('indefinite_articles')})\s+(?:{alternation('statement_heads')})"
    rf"|{alternation('relative_openers')})\b"
)
# "made no mention", "two disputed features": a noun or an adjective follows, not a verb.
NOUN_MARKERS = union("noun_markers")
BARE_CLAUSE_VERBS = union("bare_clause_verbs")  # "saying the deal covered…" (no "that")
TITLE_BETWEEN = re.compile(r"['’]s(?: [\w-]+){1,4} |,? |, [^,]{0,60}, ")
DATELINE = re.compile(r"[a-z' -]{3,30},\s[^-]{3,40}?(?:\([^)]{2,30}\))?\s*-\s+")
CAPS_DATELINE = re.compile(
    r"(?:[A-ZÀ-Þ][A-ZÀ-Þ' .]{2,30}\s*(?:\([^)]{2,30}\))?|[A-ZÀ-Þ][\w' .-]{2,30}\s*\([^)]{2,30}\))\s*[-–—]\s+"
)
PARTICIPLE_INTRO = re.compile(rf"^[a-z'-]{{3,}}(?:{alternation('participle_suffixes')})\b[^,]{{0,70}},\s*")
NEGATION = re.compile(rf"\b(?:{alternation('verb_negation')})")
PASSIVE_AUXILIARIES = union("passive_auxiliaries")
EVALUATING = union("evaluating_verbs")  # "jugé par un tribunal": a trial
NAME_TITLE_WORDS = union("name_titles") | union("plural_name_titles")
VERB_ADVERB = re.compile(rf"\w{{3,}}(?:{alternation('verb_adverb_suffixes')})")
# ", ce que Moscou dément", ", ce que le ministre rwandais, Olivier Nduhungirehe, a démenti" (an apposed name)
RELATIVE_REPORT = re.compile(
    rf",\s+(?:{alternation('relative_report_openers')})\s*(?P<src>[^,;:«»\"]{{2,80}}?(?:,[^,;:«»\"]{{2,40}},)?)\s*$"
)
JOINT_SOURCE = re.compile(rf"^(?:{alternation('joint_source')})$")
PLACE_AFTER_SOURCE = re.compile(rf"\s+(?:{alternation('place_intro')})\s+([^,;]{{2,30}}?)(?=,)")
PLACE_INTRO = re.compile(rf"^(?:{alternation('place_intro')})\s+(?P<place>[^,;]{{2,40}}),")
STATE_SOURCE_WORDS = union("state_source_words")
NO_COMMENT_VERBS = union("no_comment_verbs")
# "« … »: Elysée", "…, says Beijing": a heading that names its source at its end.
HEADING_COLON_QUOTE = re.compile(r"(?P<who>[^:«»“”\"]{2,60}?)\s*:\s*(?=[«“\"])")
HEADING_SOURCE = re.compile(r"(?:\s*:\s*|\s+[-–—]\s+)(?P<src>[A-ZÀ-Þ][\w'’ .-]{1,40})$")
WH_WORDS = re.compile(rf"\b(?:{alternation('wh_words')})\b")
STATEMENT = re.compile(rf"\b(?:{alternation('statement_words')})\b")
SUBJECT_TRIM_WORDS = union("subject_trim_words")
MESSAGE_OWNER = re.compile(alternation("message_owner"))
CLAUSAL_COMPLEMENTIZER = alternation("clause_complementizers")
INFINITIVE_MARKER = alternation("infinitive_markers")
APPOSITION_ADVERBIAL = re.compile(alternation("apposition_adverbials"), re.IGNORECASE)
AGENT_PREPOSITIONS = union("agent_prepositions")
ATTRIBUTE_DE = {"de", "d"}  # "qualifié d'« humanitaire » par Alger"
STATEMENT_DENIALS = union("statement_denials")  # what denies a statement, not a proposal
AGENT_TAIL = re.compile(rf"\s(?:{'|'.join(sorted(AGENT_PREPOSITIONS))})\s+(?P<inner>[^,;]{{2,60}})$")
OPINION_PREPOSITION = re.compile(rf"(?:{alternation('opinion_prepositions')})\s+")
PASSIVE_MARKERS = union("passive_markers")
BEFORE_INFINITIVE = union("before_infinitive")
REFLEXIVE_PRONOUNS = union("reflexive_pronouns")
SPEECH_AUXILIARIES = AUXILIARIES - union("being_auxiliaries")
NEGATION_CLITICS = union("negation_clitics")
ENDS_WITH_AND = re.compile(rf"\b(?:{'|'.join(sorted(union('and_words')))})$")
CLAUSE_START = re.compile(rf"(?:^|\b(?:{alternation('clause_subordinators')})\s+|,\s+)")
CONJUNCTIONS = union("and_words") | union("but_words")
INVERTED_PRONOUN = re.compile(rf"(?:-t-|-)({alternation('inverted_pronouns')})\b")  # "a-t-il dit"
# Branches in the order the rules tried them; each matches a different word, so at most one at a place.
CLAUSE_BOUNDARY = re.compile(rf"[;:«»“”\"]|\b(?:{alternation('clause_boundary_words')})(?!\w)\s*")
SOURCE_PHRASE_STOP = re.compile(rf"\s(?:{alternation('source_phrase_stops')})")
OBJECT_CLITIC = re.compile(rf"\s(?:{alternation('object_clitics')})$")


@dataclass
class Found:
    """One attribution found in a sentence (offsets relative to the sentence)."""

    source: tuple[int, int]
    content: tuple[int, int]
    span: tuple[int, int]
    speech: SpeechType
    verb: VerbForm | None = None
    resolution: Resolution | None = None
    relay: list[tuple[tuple[int, int], Resolution]] = field(default_factory=list)
    negated: bool = False
    confidence: float = 0.8
    construction: str = ""


@dataclass
class VerbHit:
    start: int  # token index
    end: int  # token index, exclusive
    form: VerbForm
    group_start: int  # char offset of the verb group (auxiliary included)
    group_end: int


class SentenceAttributor:
    def __init__(self, lexicon: Lexicon, discourse: Discourse):
        self.lexicon = lexicon
        self.discourse = discourse
        self.registry = discourse.registry
        self._last_hits: tuple | None = None  # (toks, folded, quotes, hits) of the last verb_hits call

    # --- entry point -----------------------------------------------------

    def attribute(self, text: str, offset: int) -> list[Found]:
        folded = fold(text)
        toks = tokens(text, folded)
        quotes = quote_spans(text)
        main = self.main_attribution(text, folded, toks, quotes, offset)
        found = []
        if main:
            found.append(main)
            found.extend(self.subordinate_claims(text, folded, toks, quotes, main, offset))
            found.extend(self.participial_claims(text, folded, toks, main, quotes))
        found.extend(self.embedded_claims(text, folded, offset, main))
        if main and (second := self.after_semicolon(text, quotes, main, offset)):
            found.append(second)
            cut = len(text[: second.span[0]].rstrip().rstrip(";").rstrip())
            main.span = (main.span[0], min(main.span[1], cut))
            main.content = (main.content[0], min(main.content[1], cut))
        if main and (answer := self.relative_report(text, folded, toks, quotes, main, offset)):
            found.append(answer)
        elif main and (reduced := self.reduced_passive(text, folded, toks, offset, after=main.source[1])):
            found.append(reduced)
            main.span = (main.span[0], min(main.span[1], reduced.span[0]))
            main.content = (main.content[0], min(main.content[1], reduced.span[0]))
        return found

    def after_semicolon(self, text: str, quotes, main: Found, offset: int) -> Found | None:
        """ "Selon Buenos Aires, Londres aurait accepté … ; un porte-parole
        britannique a démenti toute évolution": the clause after a semicolon
        has its own speaker, a claim of its own when that speaker has a side."""
        for semi in (m.start() for m in re.finditer(";", text)):
            if semi <= main.source[1] or inside(quotes, semi):
                continue
            start = skip_space(text, semi + 1)
            clause = text[start:]
            folded = fold(clause)
            second = self.verbal(clause, folded, tokens(clause, folded), quote_spans(clause), offset + start)
            if second is None or second.resolution is None or not second.resolution.side:
                continue
            return shifted(second, start)
        return None

    def relative_report(self, text, folded, toks, quotes, main: Found, offset: int) -> Found | None:
        """ "…, ce que Phnom Penh dément", "…, which Beijing denied": the other
        speaker's answer in a closing relative clause is a claim of its own."""
        for hit in self.verb_hits(toks, folded, quotes):
            if hit.group_start <= main.source[1]:
                continue
            opener = RELATIVE_REPORT.search(folded, 0, hit.group_start)
            if opener is None:
                continue
            source = (opener.start("src"), opener.end("src"))
            clause = (skip_space(text, opener.start() + 1), clause_end(folded, hit.group_end))
            answer = self.make(text, folded, source, clause, hit.form, offset, "relative")
            if answer is None or answer.resolution is None:
                return None
            answer.span = clause
            if main.verb is hit.form:
                main.verb = None  # "selon X, …, ce que Y dément": X's statement is not a denial
            if main.span[1] > opener.start():
                main.span = (main.span[0], opener.start())
                main.content = (main.content[0], min(main.content[1], opener.start()))
            return answer
        return None

    def attribute_heading(self, text: str, offset: int) -> list[Found]:
        """A headline or caption: a claim only when its source has a side
        ("Moscou appelle Paris à…", "…, says Beijing", "« … » : Elysée")."""
        found = [self.sided_by_subject(text, f) for f in self.attribute(text, offset)]
        found = [
            f
            for f in found
            if f.resolution and f.resolution.side and reports(text, f) and f.content[1] - f.content[0] >= 20
        ]
        if not found and (speaker := self.colon_quote_speaker(text)):
            return [speaker]
        if found or not (match := HEADING_SOURCE.search(text.rstrip())):
            return found
        source = match.span("src")
        resolution = self.registry.resolve(match.group("src"), self.discourse.published)
        if not resolution.side or resolution.kind in RELAY_KINDS or match.start() < 12:
            return []
        speech = SpeechType.DIRECT if quote_spans(text[: match.start()]) else SpeechType.ACCORDING_TO
        return [
            Found(
                source,
                (0, match.start()),
                (0, source[1]),
                speech,
                resolution=resolution,
                confidence=0.6,
                construction="heading",
            )
        ]

    def sided_by_subject(self, text: str, found: Found) -> Found:
        """ "Ruto, Abiy discuss Lamu port use, State House says": an office the
        registry does not place speaks for the headline's first person."""
        if found.resolution is None or found.resolution.side or found.resolution.kind == "person":
            return found
        people = [m for m in self.registry.find(text[: found.source[0]]) if m.actor.kind == "person" and m.actor.side]
        phrase = text[found.source[0] : found.source[1]]
        side = people[0].actor.side if people else self.home_institution_side(phrase)
        if side:
            found.resolution = Resolution(unknown_id(phrase, side), side, found.resolution.kind, phrase, False)
        return found

    def home_institution_side(self, phrase: str) -> str | None:
        """ "Navy says …", "Ministry rejects …" over a Jakarta-datelined story:
        a bare institution in a headline is the article's own country's."""
        words = strip_determiners(list(fold_words(phrase)))
        if not words or len(words) > 3 or words[-1] not in SPEAKER_NOUNS | INSTITUTION_WORDS:
            return None
        return self.discourse.home_side or self.discourse.dateline_side

    def colon_quote_speaker(self, text: str) -> Found | None:
        """ "Friedrich Merz à Varsovie : « … »": a headline that gives one
        person, then a colon and a quotation, quotes that person."""
        match = HEADING_COLON_QUOTE.match(text)
        if not match:
            return None
        people = [m for m in self.registry.find(match.group("who")) if m.actor.kind == "person" and m.actor.side]
        if len(people) != 1:
            return None
        who = people[0]
        resolution = Resolution(who.actor.id, who.actor.side, who.actor.kind, who.actor.name, True)
        end = len(text.rstrip())
        return Found(
            (who.start, who.end),
            (match.end(), end),
            (0, end),
            SpeechType.DIRECT,
            resolution=resolution,
            confidence=0.6,
            construction="heading",
        )

    def main_attribution(self, text, folded, toks, quotes, offset) -> Found | None:
        leading = self.leading_according(text, folded, offset)
        verbal = self.verbal(text, folded, toks, quotes, offset)
        if leading and verbal and CAUSAL.search(folded, leading.source[1], verbal.source[0]):
            verbal = None  # "Selon le journal, X a résisté, car il souhaitait que…": the reason, not a statement
        if leading and verbal and ";" in folded[leading.source[1] : verbal.source[0]]:
            verbal = None  # "Selon X, … ; Y a démenti": two statements (see `after_semicolon`)
        if leading and verbal and verbal.source[0] > leading.source[1]:
            return self.combine_leading(leading, verbal)
        if leading:
            return leading
        trailing = self.trailing_according(text, folded, offset, after=verbal.content[0] if verbal else 0)
        if trailing and verbal and verbal.construction != "inverted":
            if trailing.construction != "citing" and self.relays_speaker(trailing, verbal):
                # "X a déclaré …, selon l'agence Chine nouvelle": the agency relays X, as "Selon Reuters, X a…"
                verbal.relay = [(trailing.source, trailing.resolution), *verbal.relay]
                return verbal
            trailing.relay = []
            trailing.verb = verbal.verb
            trailing.span = (0, trailing.span[1])
            if trailing.construction == "citing" and verbal.resolution and verbal.resolution.kind in RELAY_KINDS:
                self.cited_through(trailing, verbal, text, offset)
            return trailing
        return (
            verbal
            or trailing
            or self.passive(text, folded, toks, offset)
            or self.reduced_passive(text, folded, toks, offset)
            or self.leading_pour(text, folded, offset)
            or self.colon_statement(text, folded, offset)
            or self.participial_lead(text, folded, toks, quotes, offset)
        )

    def relays_speaker(self, outlet: Found, inner: Found) -> bool:
        """A news outlet or agency reports what a speaker with a side said."""
        relays = outlet.resolution is not None and outlet.resolution.kind in RELAY_KINDS
        return relays and inner.resolution is not None and bool(inner.resolution.side)

    def cited_through(self, cited: Found, relay: Found, text: str, offset: int) -> None:
        """ "…, the Xinhua news agency reported, citing the ministry": the
        agency relays a source of its own country unless the text names one."""
        cited.relay = [(relay.source, relay.resolution)]
        side = relay.resolution.side
        phrase = text[cited.source[0] : cited.source[1]]
        anaphoric = self.discourse.resolve_anaphor(phrase, offset + cited.source[0], prefer_side=side)
        if anaphoric is not None and anaphoric.side == side:
            cited.resolution = anaphoric  # "citing the ministry": that country's ministry named earlier
        elif cited.resolution is None or cited.resolution.side is None:
            cited.resolution = Resolution(
                cited.resolution.actor if cited.resolution else None, side, "other", phrase, False
            )

    def combine_leading(self, leading: Found, inner: Found) -> Found:
        """ "Selon Reuters, le Pentagone a déclaré…": a news outlet relays the
        inner speaker; an official readout ("Selon le ministère russe, le
        ministre français a exprimé…") stays the source, unless it names no side."""
        relays = leading.resolution and leading.resolution.kind in RELAY_KINDS
        vague = leading.resolution is None or leading.resolution.side is None
        if (relays or vague) and inner.resolution and inner.resolution.side:
            inner.relay = [(leading.source, leading.resolution), *inner.relay]
            inner.span = (0, inner.span[1])
            return inner
        leading.verb = inner.verb
        return leading

    # --- reporting verbs -------------------------------------------------

    def verb_hits(self, toks: list[Token], folded: str, quotes: list[tuple[int, int]]) -> tuple[VerbHit, ...]:
        """The sentence's reporting verbs, left to right. Several rules ask for
        the same sentence in turn: the last answer is kept (the token list
        itself is held, so its identity cannot be reused by another list)."""
        last = self._last_hits
        if last is not None and last[0] is toks and last[1] == folded and last[2] == quotes:
            return last[3]
        hits = tuple(self.scan_verbs(toks, folded, quotes))
        self._last_hits = (toks, folded, quotes, hits)
        return hits

    def scan_verbs(self, toks: list[Token], folded: str, quotes: list[tuple[int, int]]) -> list[VerbHit]:
        hits, i = [], 0
        starts = self.lexicon.longest_form
        while i < len(toks):
            if toks[i].word not in starts and (i + 1 == len(toks) or toks[i + 1].word != "t"):
                i += 1  # no form starts here, and no "a-t-il …" either: verb_at would find nothing
                continue
            hit = self.verb_at(toks, folded, i)
            if hit and not inside(quotes, toks[i].start):
                hits.append(hit)
                i = hit.end
            else:
                i += 1
        return hits

    def verb_at(self, toks: list[Token], folded: str, i: int) -> VerbHit | None:
        longest = self.lexicon.longest_form.get(toks[i].word, 0)  # most words start no form: no look-up
        for n in range(min(longest, self.lexicon.max_words, len(toks) - i), 0, -1):
            key = tuple(t.word for t in toks[i : i + n])
            for form in self.lexicon.lookup(key):
                group_start = self.verb_group_start(toks, i, form)
                if group_start is None:
                    continue
                return VerbHit(i, i + n, form, group_start, toks[i + n - 1].end)
        return self.inverted_with_adverb(toks, i)

    def inverted_with_adverb(self, toks: list[Token], i: int) -> VerbHit | None:
        """ "a-t-il aussi indiqué": an adverb between the inverted pronoun and the participle."""
        if i + 5 > len(toks) or toks[i + 1].word != "t":
            return None
        words = [t.word for t in toks[i : i + 5]]
        if words[2] not in {"il", "elle", "on"} or words[3] not in BETWEEN_AUX_AND_VERB:
            return None
        forms = [f for f in self.lexicon.lookup((*words[:3], words[4])) if f.tense == "inverted"]
        return VerbHit(i, i + 5, forms[0], toks[i].start, toks[i + 4].end) if forms else None

    def verb_group_start(self, toks: list[Token], i: int, form: VerbForm) -> int | None:
        """Where the verb group starts (its auxiliary), or None when the form
        is not used as a finite reporting verb here."""
        previous = toks[i - 1].text if i else ""
        if form.tense == "present_participle":
            return toks[i].start
        if self.lexicon.lang == "fr" and form.tense == "finite" and self.has_participle_reading(toks[i].word):
            return None  # "abordé" alone is a participle: it needs its auxiliary
        if previous in PASSIVE_MARKERS:
            return None  # passive: "a été abordé"
        if form.tense in ("finite", "compound", "inverted"):
            if previous in DETERMINERS | NOUN_MARKERS or previous in BEFORE_INFINITIVE and form.tense == "finite":
                return None  # "le communiqué", "une note": a noun, not a verb
            if i >= 2 and VERB_ADVERB.fullmatch(previous) and toks[i - 2].text in SPEECH_AUXILIARIES:
                return toks[i - 2].start  # "has flatly denied": the group starts at its auxiliary
            if previous in REFLEXIVE_PRONOUNS and form.tense == "finite" and not form.lemma.startswith(("se ", "s'")):
                return None
            return toks[i].start
        if form.tense == "participle":
            j = i - 1
            while j >= 0 and i - j <= 4 and is_between_aux_and_verb(toks[j].text):
                j -= 1
            if j >= 0 and toks[j].text in SPEECH_AUXILIARIES:
                while j > 0 and toks[j - 1].text in NEGATION_CLITICS:
                    j -= 1
                return toks[j].start
        return None

    def has_participle_reading(self, word: str) -> bool:
        return any(f.tense == "participle" for f in self.lexicon.lookup((word,)))

    def verbal(self, text, folded, toks, quotes, offset) -> Found | None:
        """The sentence's outer reporting construction: an inverted clause
        ("…, a indiqué X") wins over a subject-verb one inside its content."""
        subject = None
        for hit in self.verb_hits(toks, folded, quotes):
            if hit.form.tense in ("present_participle", "infinitive"):
                continue
            inverted = self.inverted(text, folded, hit, offset)
            if inverted:
                return inverted
            if self.said_jointly(text, folded, hit):
                return None  # "…, ont indiqué les deux ministères": both sides at once, no side's claim
            words = 4 if hit.form.lemma in QUALIFYING else 0  # "a qualifié ces sanctions d'« illégitimes »"
            if NOT_SPEECH_AFTER.match(folded, hit.group_end):
                continue  # "declared war", "said to be the only crossing"
            if fold(hit.form.lemma) in RECOGNITION_VERBS and self.recognises_a_state(text, folded, hit.group_end):
                continue  # "Les États-Unis ne reconnaissent pas officiellement Taipei": a policy, not a statement
            negated = bool(NEGATION.search(folded[max(0, hit.group_start - 12) : hit.group_start + 12]))
            silent = NEGATION.search(folded[max(0, hit.group_start - 30) : hit.group_start])
            if silent and fold(hit.form.lemma) in NO_COMMENT_VERBS and not clausal_complement(folded, hit.group_end):
                continue  # "did not immediately respond to a query": silence, not a claim
            if hit.form.needs_clause and not negated and not reported_complement(folded, hit, words):
                continue  # "n'a pas exclu l'envoi de troupes" is a statement; "a exclu le joueur" is not
            candidate = self.subject_verb(text, folded, hit, quotes, offset)
            if candidate and candidate.construction == "trailing_subject":
                return candidate  # "…, the ministry said": the outer attribution
            subject = subject or candidate
        return subject

    def recognises_a_state(self, text: str, folded: str, end: int) -> bool:
        """A country or capital among the next five words, before any clause."""
        if clausal_complement(folded, end):
            return False
        words = [w.strip('.,;:«»“”"()') for w in text[end : end + 80].split()[:5]]
        return any(w[:1].isupper() and self.registry.country_of(w) for w in words)

    def inverted(self, text: str, folded: str, hit: VerbHit, offset: int) -> Found | None:
        """ "…, a déclaré le ministère" / "« … », indique le communiqué" /
        "…, a-t-elle ajouté" / "…, said the ministry"."""
        before = folded[: hit.group_start].rstrip()
        if not before or before[-1] not in ',»”"-' or hit.group_start < 8 or ends_with_apposition(text[: len(before)]):
            return None
        content_end = len(before) - 1 if before.endswith(",") else len(before)
        if hit.form.tense == "inverted":
            pronoun = INVERTED_PRONOUN.search(folded[hit.group_start : hit.group_end])
            if not pronoun:
                return None
            source = (hit.group_start + pronoun.start(1), hit.group_start + pronoun.end(1))
        else:
            source = self.source_after(text, folded, hit.group_end)
            if not source:
                return None
        self.discourse.inverted = True
        try:
            return self.make(text, folded, source, (0, content_end), hit.form, offset, "inverted")
        finally:
            self.discourse.inverted = False

    def said_jointly(self, text: str, folded: str, hit: VerbHit) -> bool:
        if hit.form.tense == "inverted" or not folded[: hit.group_start].rstrip().endswith(","):
            return False
        source = self.source_after(text, folded, hit.group_end)
        return source is not None and bool(JOINT_SOURCE.match(" ".join(fold(text[source[0] : source[1]]).split())))

    def source_after(self, text: str, folded: str, position: int) -> tuple[int, int] | None:
        """The source phrase that follows an inverted verb, after any
        adverbials ("a déclaré aux journalistes le porte-parole…")."""
        start = skip_adverbials(folded, position)
        if start is None:
            return None
        end = phrase_end(folded, start)
        phrase = text[start:end].strip()
        if not phrase or not self.looks_like_speaker(phrase) or not closes_sentence(folded, end):
            return None
        return start, start + len(text[start:end].rstrip())

    def subject_verb(self, text: str, folded: str, hit: VerbHit, quotes, offset: int) -> Found | None:
        """ "X a déclaré que…" / "X dément…" / "X said…": the subject is the
        phrase that opens the verb's clause."""
        subject = self.subject_before(text, folded, hit.group_start)
        if not subject:
            return None
        start, end = subject
        content_start = hit.group_end
        content_end = len(text.rstrip().rstrip("."))
        clause_start = start
        if folded[:start].rstrip().endswith(",") and start > 10 and self.content_before_is_clause(folded[:start]):
            # "« … », Peskov said" / "…, the ministry said": content before the subject.
            tail = folded[hit.group_end :].strip(" .,;")
            if len(tail) < 40 or tail.startswith(("«", "“", '"')):
                content_start, content_end = 0, len(folded[:start].rstrip().rstrip(","))
                clause_start = 0
        construction = "trailing_subject" if clause_start == 0 and content_start == 0 else "subject"
        if construction == "trailing_subject" and RELATIVE_APPOSITION.match(folded, start):
            return None  # "…, a point Ukrainian officials confirmed": a comment on the claim, not its source
        found = self.make(text, folded, (start, end), (content_start, content_end), hit.form, offset, construction)
        if found:
            found.span = (min(clause_start, found.span[0]), found.span[1])
        return found

    def content_before_is_clause(self, before: str) -> bool:
        return len(before.split()) >= 4 and not INTRO_ADVERBIAL.match(before)

    def subject_before(self, text: str, folded: str, position: int) -> tuple[int, int] | None:
        left = folded[:position]
        start = extend_over_insertions(left, clause_start(left))
        # Drop an introductory adverbial ("Dans le même temps, ") and connectors.
        while True:
            segment = folded[start:position]
            intro = INTRO_ADVERBIAL.match(segment) or PARTICIPLE_INTRO.match(segment)
            lead = LEADING_CONNECTORS.match(segment)
            if intro and intro.end() < len(segment.rstrip()):
                start += intro.end()
            elif lead:
                start += lead.end()
            else:
                break
        if dateline := DATELINE.match(folded, start) or CAPS_DATELINE.match(text, start):
            start = dateline.end()  # "PEKIN, 18 avril 2025 (AFP) - Le ministere…", "JAKARTA (Reuters) - Officials…"
        end = position
        phrase = trim_subject(folded[start:end])
        head, comma, insertion = phrase.partition(", ")
        inserted = comma and insertion.split(" ", 1)[0] in PREPOSITIONS
        if inserted and self.looks_like_speaker(text[start : start + len(head)]):
            phrase = head  # "The ministry, in a statement carried by the agency, said": the ministry
        window = max(0, position - 160)
        if relative := RELATIVE_SUBJECT.search(folded, window, position):
            # "…, le ministre turc, qui a déclaré que", "…, who said": the antecedent before the comma
            return self.relative_antecedent(text, folded, relative.start())
        coordinated = self.coordinated_subject(text, folded, position)
        if coordinated or not phrase:  # "X described the talks as … and said": X said
            return coordinated or self.parsed_subject(text, position)
        end = start + len(phrase)
        if not self.looks_like_speaker(text[start:end]) or len(phrase.split()) > 22 or self.has_verb(text[start:end]):
            return None
        if WH_WORDS.search(phrase):
            return None  # "Il a refusé de dire comment M. Lavrov a répondu": an indirect question, not a subject
        return start, end

    def relative_antecedent(self, text: str, folded: str, end: int) -> tuple[int, int] | None:
        """The noun phrase a subject relative pronoun stands for, ending at `end`
        (its comma): the shortest one, within eight words, that opens on a
        determiner or a capital, names a side and is not the complement of a
        longer one ("la déclaration de Paris", not "Paris")."""
        left = folded[:end].rstrip().rstrip(",").rstrip()
        starts = [m.start() for m in re.finditer(r"(?<![\w'’-])[\w'’-]", left)][-8:]
        for begin in reversed(starts):
            words = fold_words(left[begin:])
            before = fold_words(left[:begin])[-1:]
            if words[0] in COMPLEMENT_LINKS or before and before[0] in COMPLEMENT_LINKS or "," in left[begin:]:
                continue
            verbs = AUXILIARIES & set(left[begin:].split()[1:])  # "a statement": an article, not "il a"
            if words[0] not in DETERMINERS and not text[begin].isupper() or verbs:
                continue
            phrase = text[begin : len(left)]
            named = self.registry.resolve(phrase, self.discourse.published).side or self.registry.country_of(phrase)
            if named or self.registry.country_of(phrase.split()[-1]):  # "a statement by Ankara"
                if before and before[0] in DETERMINERS:  # "the Turkish foreign minister"
                    begin = left.rindex(" ", 0, begin - 1) + 1 if " " in left[: begin - 1] else 0
                return begin, len(left)
        return None

    def has_verb(self, phrase: str) -> bool:
        """A subject phrase holding a reporting verb ("it said Dong") is a clause, not a subject."""
        # a capitalised word is part of a name ("State House spokesperson"), not a verb
        return any(
            f.tense in ("finite", "compound")
            for t in tokens(phrase)
            if not t.upper
            for f in self.lexicon.lookup((t.word,))
        )

    def parsed_subject(self, text: str, position: int) -> tuple[int, int] | None:
        """The dependency parse's subject, when the rules found none (French)."""
        if self.lexicon.lang != "fr":
            return None
        from crosscheck.attribute.parse import subject_span

        span = subject_span(text, position)
        if span and self.looks_like_speaker(text[span[0] : span[1]]) and not self.has_verb(text[span[0] : span[1]]):
            return span
        return None

    def coordinated_subject(self, text: str, folded: str, position: int) -> tuple[int, int] | None:
        """ "La Russie fait face à … et dénonce …": the subject of the first verb."""
        left = folded[:position].rstrip()
        clitic = OBJECT_CLITIC.search(left)  # "…et l'a exhorté à…": "et", then the object
        left = left[: clitic.start()] if clitic else left
        if not ENDS_WITH_AND.search(left):
            return None
        for match in reversed(list(CLAUSE_START.finditer(left[:-3]))):
            begin = match.end()
            if APPOSED_NAME.fullmatch(text[begin : len(left) - 3]):
                continue  # "…son homologue, Sergey V. Lavrov, et l'a…": an apposition, not the subject
            found = self.registry.find(text[begin:position])
            candidates = [m for m in found if len(text[begin : begin + m.start].split()) <= 6]
            if candidates:
                first = next((m for m in candidates if m.actor.kind == "person"), candidates[0])
                return begin + first.start, begin + first.end
        return None

    def looks_like_speaker(self, phrase: str) -> bool:
        words = re.findall(r"\b[ldjmnst]'|[\w'-]+", fold(phrase))  # "l'etat-major": "l'", "etat-major"
        if not words:
            return False
        head = strip_determiners([w for w in words if w not in {"m", "mm", "mme"}])
        if not head or words[0] in COMPLEMENTIZERS:
            return False  # "that he also said…" is a clause, "neither side" nobody
        if " ".join(words) in PRONOUNS or words[0] in PRONOUNS and len(words) == 1:
            return True
        if self.registry.find(phrase) or self.registry.country_of(phrase) or self.registry.is_bloc(phrase):
            return True
        if any(w in SPEAKER_NOUNS for w in head[:4]):
            return True
        # A proper name: capitalised words beyond the first (which may be
        # capitalised only because it opens the sentence), or one lone name.
        capitalised = re.findall(r"(?<![\w'’])[A-ZÀ-Þ][\w'’-]+", phrase)
        titled = words[0] in NAME_TITLE_WORDS  # "M. Greer": a name follows its title
        inner = capitalised[1:] if phrase[:1].isupper() and not titled else capitalised
        if len(words) == 1:
            return bool(capitalised) and words[0] not in DETERMINERS
        return bool(inner) and len(words) <= 8

    # --- "selon X" -------------------------------------------------------

    def leading_according(self, text: str, folded: str, offset: int) -> Found | None:
        match = ACCORDING.search(folded)
        if not match:
            return None
        prefix = folded[: match.start()].strip()
        if prefix and not INTRO_ADVERBIAL.match(prefix + " , x") and prefix not in CONJUNCTIONS:
            return None
        if match.group(1) in ("citing", "citant", "cite par", "per"):
            return None
        start = match.end()
        end = phrase_end(folded, start)
        place = PLACE_AFTER_SOURCE.match(folded, end)
        if folded[end : end + 1] != "," and place and self.registry.country_of(text[place.start(1) : place.end(1)]):
            end = place.end(1)  # "According to the Foreign Ministry in Buenos Aires, …": the place belongs to it
        if folded[end : end + 1] != "," or not self.looks_like_speaker(text[start:end]):
            return None
        body = skip_space(folded, end + 1)
        found = self.make(
            text,
            folded,
            (start, end),
            (body, len(text.rstrip().rstrip("."))),
            None,
            offset,
            "according",
            speech=SpeechType.ACCORDING_TO,
        )
        if found:
            found.span = (0, found.span[1])
        return found

    def trailing_according(self, text: str, folded: str, offset: int, after: int = 0) -> Found | None:
        for match in reversed(list(ACCORDING.finditer(folded))):
            if (
                match.start() < max(after, 5)
                or match.group(1) in ("per",)
                and not folded[: match.start()].rstrip().endswith(",")
            ):
                continue
            start = match.end()
            end = phrase_end(folded, start)
            if end <= start or not self.looks_like_speaker(text[start:end]):
                continue
            content_end = folded[: match.start()].rstrip().rstrip(",").rstrip()
            speech = SpeechType.ACCORDING_TO
            found = self.make(
                text, folded, (start, end), (0, len(content_end)), None, offset, "trailing", speech=speech
            )
            if found:
                if match.group(1) in ("citing", "citant", "cite par"):
                    found.construction = "citing"
                return found
        return None

    def passive(self, text: str, folded: str, toks: list[Token], offset: int) -> Found | None:
        """ "La Russie est accusée par les Occidentaux d'avoir…", "a été
        confirmée par Ankara", "has been welcomed by Beijing", and the
        participle in apposition: "…, jugé « irréaliste » par le Kremlin,"."""
        starts = self.lexicon.longest_form
        for i, tok in enumerate(toks[:-1]):
            if tok.text not in PASSIVE_AUXILIARIES and (tok.word not in starts or not comma_before(folded, tok.start)):
                continue  # neither an auxiliary nor a participle in apposition (no verb form starts here)
            first = i + 1 if tok.text in PASSIVE_AUXILIARIES else i
            if agented := self.participle_with_agent(text, folded, toks, first):
                form, source = agented
                return self.make(text, folded, source, (0, len(text.rstrip().rstrip("."))), form, offset, "passive")
        return None

    def reduced_passive(self, text: str, folded: str, toks: list[Token], offset: int, after: int = 0) -> Found | None:
        """ "…, un chiffre démenti par Alger, qui…", "un geste qualifié
        d'« humanitaire » par Rabat": a participle right after its noun that
        reports its agent's word; the claim runs from that noun's clause on."""
        starts = self.lexicon.longest_form
        for i in range(1, len(toks) - 1):
            if toks[i].word not in starts or toks[i].start < after or toks[i - 1].text in PASSIVE_AUXILIARIES:
                continue  # no participle starts here
            if comma_before(folded, toks[i].start):
                continue  # an apposition: `passive` reads it
            if agented := self.participle_with_agent(text, folded, toks, i, qualifies_a_noun):
                form, source = agented
                opening = clause_start(folded[: toks[i - 1].start])
                content = (opening, len(text.rstrip().rstrip(".")))
                found = self.make(text, folded, source, content, form, offset, "passive")
                if found is not None:
                    found.span = (skip_space(text, opening), len(text.rstrip()))
                return found
        return None

    def participle_with_agent(
        self, text: str, folded: str, toks: list[Token], first: int, fits=None
    ) -> tuple[VerbForm, tuple[int, int]] | None:
        """A participle of one or two words at `first` (one that `fits`, if
        given) followed by its agent ("par Ankara", "by Beijing") who looks
        like a speaker: the participle's form and the agent's span."""
        for n in (1, 2):
            forms = self.lexicon.lookup(tuple(t.word for t in toks[first : first + n]))
            forms = [f for f in forms if f.tense == "participle"]
            if not forms or first + n >= len(toks) or fits is not None and not fits(forms[0]):
                continue
            agent = self.passive_agent(folded, toks, first + n, forms[0])
            if agent is None:
                continue
            start = skip_space(folded, agent.end)
            end = phrase_end(folded, start, stop_at_de=True)
            if end > start and self.looks_like_speaker(text[start:end]):
                return forms[0], (start, end)
        return None

    def passive_agent(self, folded: str, toks: list[Token], after: int, form: VerbForm) -> Token | None:
        """The "par"/"by" of a passive, right after the participle or after an
        attribute ("jugé « irréaliste » par"); an evaluating verb needs the
        attribute ("est jugée par un tribunal" is a trial, not a statement)."""
        quotes = quote_spans(folded)
        for j in range(after, min(after + 6, len(toks))):
            if toks[j].text in AGENT_PREPOSITIONS:
                if j == after and fold(form.lemma) in EVALUATING:
                    return None
                return toks[j]
            attribute_de = toks[j].text in ATTRIBUTE_DE and j + 1 < len(toks) and inside(quotes, toks[j + 1].start)
            if not inside(quotes, toks[j].start) and not attribute_de:
                return None  # only a quoted attribute ("qualifié d'« humanitaire »") may stand before the agent
        return None

    def colon_statement(self, text: str, folded: str, offset: int) -> Found | None:
        """ "Le Quai d'Orsay a été clair : …" / "Le message de Kiev est clair : « … »"."""
        match = COLON_STATEMENT.match(folded)
        if not match:
            return None
        start, end = match.span("subj")
        owner = MESSAGE_OWNER.match(folded[start:end])
        if owner:
            start += owner.end()
        if not self.looks_like_speaker(text[start:end]):
            return None
        content = (match.end(), len(text.rstrip().rstrip(".")))
        found = self.make(text, folded, (start, end), content, None, offset, "colon")
        if found:
            found.span = (0, found.span[1])
        return found

    def leading_pour(self, text: str, folded: str, offset: int) -> Found | None:
        """ "Pour le Kremlin, c'est « inacceptable »"."""
        match = OPINION_PREPOSITION.match(folded)
        if not match:
            return None
        end = phrase_end(folded, match.end())
        if folded[end : end + 1] != ",":
            return None
        phrase = text[match.end() : end]
        if not (self.registry.find(phrase) or self.registry.country_of(phrase)):
            return None
        found = self.make(
            text,
            folded,
            (match.end(), end),
            (end + 1, len(text.rstrip().rstrip("."))),
            None,
            offset,
            "pour",
            speech=SpeechType.ACCORDING_TO,
        )
        if found:
            found.confidence = 0.55
        return found

    # --- building a claim ------------------------------------------------

    def make(self, text, folded, source, content, verb, offset, construction, speech=None) -> Found | None:
        start, end = source
        while end > start and not text[end - 1].isalnum():
            end -= 1
        if end <= start:
            return None
        phrase = text[start:end]
        resolution = self.resolve(phrase, offset + start)
        if resolution is None:
            return None
        resolution = self.situate(resolution, text, folded, phrase, offset + start)
        content = (skip_space(text, content[0]), max(content[0], content[1]))
        negated = verb is not None and bool(
            NEGATION.search(folded[max(0, content[0] - 30) : content[0]] if construction == "subject" else "")
        )
        found = Found(
            source=(start, end),
            content=content,
            span=(0, len(text.rstrip())),
            verb=verb,
            speech=speech or self.speech_type(text, folded, content, phrase, construction),
            resolution=resolution,
            negated=negated,
            construction=construction,
            confidence=self.confidence(resolution, construction),
        )
        return found

    def situate(self, resolution: Resolution, text: str, folded: str, phrase: str, position: int) -> Resolution:
        """A source with no country of its own takes the place the sentence
        opens with ("In Taipei, the ministry said"); an unnamed office or
        official reporting what a leader did, that leader's country ("Ruto
        held a call with Abiy, State House said"); otherwise, for a state's
        unnamed officials, the story's dateline ("JAKARTA (Reuters) - Officials said")."""
        if resolution.side is not None or resolution.known or resolution.kind == "outlet":
            return resolution
        side = None
        if (place := PLACE_INTRO.match(folded)) and place.end() <= text.find(phrase):
            side = self.registry.country_of(text[place.start("place") : place.end("place")])
        words = set(fold_words(phrase))
        office = STATE_SOURCE_WORDS & words or self.registry.institution_vocabulary() & words
        if side is None and office and (subject := self.discourse.sentence_subject(position)):
            side = subject.side
        if side is None and STATE_SOURCE_WORDS & words:
            side = self.discourse.dateline_side
        if side is None and INSTITUTION_WORDS & words:  # "the Defence Ministry said", in its own country's press
            side = self.discourse.side_of_bare_title(phrase, position)
        if side is None:
            return resolution
        return Resolution(unknown_id(phrase, side), side, resolution.kind, resolution.name, False)

    def resolve(self, phrase: str, position: int) -> Resolution | None:
        """A named actor first; otherwise the antecedent of an anaphor
        ("cette source", "il", "le ministère"); otherwise an unknown actor."""
        if JOINT_SOURCE.match(" ".join(fold(phrase).split())):
            return None  # "les deux présidents ont convenu": both sides at once, no side's claim
        if person := self.discourse.article_person(phrase, position) or self.discourse.person_ahead(phrase):
            return person
        named = self.registry.resolve(phrase, self.discourse.published)
        if named.known:
            return self.localised(named, phrase)
        if (stripped := self.discourse.without_country_pairs(phrase)) != phrase:
            named = self.registry.resolve(stripped, self.discourse.published)  # no nationality from "Canada–US"
        anaphor = self.discourse.resolve_anaphor(phrase, position)
        if anaphor is not None:
            return anaphor
        agent = AGENT_TAIL.search(phrase)  # "a readout issued by the ministry": the ministry's
        inner = self.resolve(agent.group("inner"), position + agent.start("inner")) if agent else None
        if inner and inner.side:
            return inner
        folded = fold(phrase).strip()
        if folded in PRONOUNS or re.fullmatch(r"(?:la |cette |the )?(?:meme |same )?sources?", folded):
            return None  # an anaphor with nothing to point at
        return named

    def localised(self, named: Resolution, phrase: str) -> Resolution:
        """ "The Foreign Office said" is Britain's in London and Pakistan's in an
        Islamabad-datelined story: an office name with no country word is the
        dateline country's own office when that country's office goes by the
        same name too ("Pakistan Foreign Office")."""
        home = self.discourse.dateline_side
        if not home or named.side in (None, home) or named.kind == "person":
            return named
        own = self.registry.get(f"{home.lower()}.{(named.actor or '').partition('.')[2]}")
        match = next((m for m in self.registry.find(phrase) if m.actor.id == named.actor), None)
        if own is None or match is None or self.registry.country_of(phrase[: match.start] + phrase[match.end :]):
            return named
        bare = fold_words(phrase[match.start : match.end])
        if any(fold_words(alias)[-len(bare) :] == bare for alias in own.aliases):
            return Resolution(own.id, own.side, own.kind, own.name, True)
        return named

    def speech_type(self, text, folded, content, phrase, construction) -> SpeechType:
        body = text[content[0] : content[1]]
        quoted = sum(b - a for a, b in quote_spans(body))
        if STATEMENT.search(fold(phrase)) or STATEMENT.search(folded[content[1] :]) and construction == "inverted":
            return SpeechType.COMMUNIQUE
        if body and quoted >= 0.5 * len(body):
            return SpeechType.DIRECT
        return SpeechType.INDIRECT

    def confidence(self, resolution: Resolution, construction: str) -> float:
        score = {
            "subject": 0.85,
            "inverted": 0.9,
            "according": 0.9,
            "trailing": 0.85,
            "passive": 0.7,
            "pour": 0.55,
            "colon": 0.65,
            "citing": 0.7,
        }.get(construction, 0.7)
        if not resolution.known:
            score -= 0.1 if resolution.side else 0.25
        return round(max(score, 0.1), 2)

    # --- secondary claims in the same sentence ---------------------------

    def subordinate_claims(self, text, folded, toks, quotes, main: Found, offset: int) -> list[Found]:
        """ "X a averti …, après que Moscou a déclaré que …": a second speaker
        in an adverbial clause gets a claim of its own."""
        for hit in self.verb_hits(toks, folded, quotes):
            if hit.group_start <= main.source[1] or hit.form.tense not in ("finite", "participle", "compound"):
                continue
            match = SUBORDINATE.search(folded[: hit.group_start])
            if not match:
                continue
            found = self.make(
                text,
                folded,
                (match.start("subj"), match.end("subj")),
                (hit.group_end, len(text.rstrip().rstrip("."))),
                hit.form,
                offset,
                "subject",
            )
            if not found or not found.resolution or found.resolution.actor == main.resolution.actor:
                continue
            found.span = (match.start("subj"), len(text.rstrip()))
            cut = len(folded[: match.start()].rstrip(" ,"))
            main.span = (main.span[0], min(main.span[1], cut))
            main.content = (main.content[0], min(main.content[1], cut))
            return [found]
        return []

    def participial_claims(self, text, folded, toks, main: Found, quotes) -> list[Found]:
        """ ", soulignant que…" / ", adding that…": a second claim by the same source."""
        out = []
        if main.construction == "participial":
            return out  # the participle is the main claim already
        for hit in self.verb_hits(toks, folded, quotes):
            if (
                hit.form.tense != "present_participle"
                or toks[hit.start].start <= main.source[0]
                and main.construction != "subject"
            ):
                continue
            begin = toks[hit.start].start
            if not folded[:begin].rstrip().endswith(",") or begin < main.source[1] and main.construction == "subject":
                continue
            if not clausal_complement(folded, hit.group_end, words=4):
                continue  # ", insistant sur la version…": part of the same statement
            end = clause_end(folded, hit.group_end)
            claim = Found(
                source=main.source,
                content=(skip_space(text, hit.group_end), end),
                span=(begin, end),
                speech=self.speech_type(
                    text, folded, (hit.group_end, end), text[main.source[0] : main.source[1]], "participial"
                ),
                verb=hit.form,
                resolution=main.resolution,
                relay=main.relay,
                confidence=round(main.confidence - 0.05, 2),
                construction="participial",
            )
            out.append(claim)
            cut = len(folded[:begin].rstrip().rstrip(","))
            if main.span[0] < cut < main.span[1]:
                main.span = (main.span[0], cut if main.span[1] >= end or main.source[1] <= cut else main.span[1])
                if main.content[1] > cut:
                    main.content = (main.content[0], min(main.content[1], cut))
        return out

    def participial_lead(self, text, folded, toks, quotes, offset) -> Found | None:
        """ "Oumerov a avancé un chiffre plus élevé, affirmant que…": after a
        verb that does not report, the participle reports what the
        sentence's subject said."""
        for hit in self.verb_hits(toks, folded, quotes):
            begin = toks[hit.start].start
            if (
                hit.form.tense != "present_participle"
                or not folded[:begin].rstrip().endswith(",")
                or not (
                    clausal_complement(folded, hit.group_end, words=4)
                    or hit.form.lemma in BARE_CLAUSE_VERBS
                    or hit.form.request  # "…, appelant à la retenue": what the subject urged
                )
            ):
                continue
            subject = self.opening_subject(text, folded, begin) or self.titled_subject(text, folded, toks, begin)
            if subject is None:
                return None
            end = clause_end(folded, hit.group_end)
            found = self.make(text, folded, subject, (hit.group_end, end), hit.form, offset, "participial")
            if found:
                found.span = (0, end)
            return found
        return None

    def titled_subject(self, text: str, folded: str, toks: list[Token], limit: int) -> tuple[int, int] | None:
        """ "Le ministre turc a reçu…": the words before the sentence's first
        auxiliary, when they name a speaker with a country."""
        intro = INTRO_ADVERBIAL.match(folded)
        start = intro.end() if intro and intro.end() < limit else 0
        words = [t for t in toks if start <= t.start < limit]
        aux = next((i for i, t in enumerate(words[:9]) if i and t.text in AUXILIARIES - {"s"}), None)
        if aux is None:
            return None
        end = words[aux - 1].end
        phrase = text[words[0].start : end]
        if not self.looks_like_speaker(phrase) or not self.registry.resolve(phrase, self.discourse.published).side:
            return None
        return words[0].start, end

    def opening_subject(self, text: str, folded: str, limit: int) -> tuple[int, int] | None:
        """The actor that opens the sentence, looking through a country's
        title ("Ukraine's delegation head Rustem Umerov") or an apposition
        ("Le chef de la délégation, Roustem Oumerov,")."""
        intro = INTRO_ADVERBIAL.match(folded)
        start = intro.end() if intro and intro.end() < limit else 0
        matches = self.registry.find(text[start:limit])
        if not matches:
            return None
        first = matches[0]
        if len(text[start : start + first.start].split()) > 6:
            return None
        if len(matches) > 1:
            between = text[start + first.end : start + matches[1].start]
            if TITLE_BETWEEN.fullmatch(between):
                first = matches[1]
        return start + first.start, start + first.end

    def embedded_claims(self, text: str, folded: str, offset: int, main: Found | None) -> list[Found]:
        """ "…a réfuté les affirmations de Moscou selon lesquelles…": the other
        side's claim, embedded in this sentence, is a claim of its own."""
        out = []
        for pattern, haystack in ((EMBEDDED, folded), (EMBEDDED_POSSESSIVE, text)):
            for match in pattern.finditer(haystack):
                src = match.span("src")
                resolution = self.resolve(text[src[0] : src[1]], offset + src[0])
                if not resolution or resolution.side is None and not resolution.known:
                    continue
                end = clause_end(folded, match.end())
                if main and main.construction == "trailing" and main.source[0] > match.end():
                    end = min(end, len(folded[: main.source[0]].rstrip().removesuffix("selon").rstrip().rstrip(",")))
                out.append(
                    Found(
                        source=src,
                        content=(match.end(), end),
                        span=(match.start(), end),
                        speech=SpeechType.INDIRECT,
                        resolution=resolution,
                        confidence=0.7,
                        construction="embedded",
                    )
                )
        return out


# --- span helpers ---------------------------------------------------------


QUOTE_MARKS = re.compile('[«“»”"]')


def quote_spans(text: str) -> list[tuple[int, int]]:
    spans, stack, straight = [], [], None
    for mark in QUOTE_MARKS.finditer(text):
        i, ch = mark.start(), mark.group()
        if ch in "«“":
            stack.append(i)
        elif ch in "»”" and stack:
            opened = stack.pop()
            if not stack:
                spans.append((opened, i + 1))
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                spans.append((straight, i + 1))
                straight = None
    if stack:  # a quote left open runs to the end of the sentence
        spans.append((stack[0], len(text)))
    return spans


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(a < position < b for a, b in spans)


def comma_before(folded: str, position: int) -> bool:
    """`folded[:position].rstrip().endswith(",")` without copying the text before `position`."""
    while position > 0 and folded[position - 1].isspace():
        position -= 1
    return position > 0 and folded[position - 1] == ","


def skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\n\u00a0\u202f":
        position += 1
    return position


def clause_start(left: str, *, commas: bool = True) -> int:
    """Start of the clause that ends at the end of `left`."""
    best = 0
    for match in CLAUSE_BOUNDARY.finditer(left):
        best = match.end()
    if not commas:
        return best
    # A comma opens a clause only when a full clause precedes it ("…, X said").
    for match in re.finditer(r",\s*", left):
        after = left[match.end() :]
        if (
            match.end() > best
            and not re.match(r"^[^,]{0,60},\s*$", after)
            and re.search(r"[»”\"]\s*,\s*$|\w{3,},\s*$|\b\d+,\s*$", left[: match.end()])
            and len(left[: match.start()].split()) >= 5
            and not only_an_adverbial(left[best : match.end()])
        ):
            best = match.end()
    return best


def is_between_aux_and_verb(word: str) -> bool:
    return word in BETWEEN_AUX_AND_VERB or bool(VERB_ADVERB.fullmatch(word))


def only_an_adverbial(segment: str) -> bool:
    """ "In return, ": the segment is an introductory adverbial and nothing more."""
    intro = INTRO_ADVERBIAL.match(segment)
    return bool(intro) and intro.end() >= len(segment)


def extend_over_insertions(left: str, start: int) -> int:
    """When a comma-enclosed insertion sits right before the verb ("Le
    Pentagone, de son côté, a indiqué", "Medinsky, an aide to the president,
    said"), the subject starts before the insertion."""
    if left[start:].strip(" ,") or not left[:start].rstrip().endswith(","):
        return start
    before = left[:start].rstrip()[:-1]
    opener = clause_start(before, commas=False)
    segment = before[opener:]
    if len(segment.split()) > 16 or re.search(rf"[«»“”\"]|\b(?:{CLAUSAL_COMPLEMENTIZER})\b", segment):
        return start
    return opener


def trim_subject(phrase: str) -> str:
    """The subject phrase without trailing negation, clitics and adverbs."""
    words = phrase.rstrip().split(" ")
    while words and re.sub(r"\W", "", words[-1]) in SUBJECT_TRIM_WORDS | TIME_WORDS:
        words.pop()
    text = " ".join(words).rstrip(" ,")
    if text.endswith(("n'", "s'")):
        text = text[:-2].rstrip()
    return text


def skip_adverbials(folded: str, position: int) -> int | None:
    """Position where the source phrase after an inverted verb begins."""
    pos = skip_space(folded, position)
    for _ in range(6):
        word = re.match(r"[\w'-]+", folded[pos:])
        if not word:
            return None
        token = word.group().rstrip("'")
        if token in TIME_WORDS or re.fullmatch(r"\d+|le|\d+er", token) and re.match(r"(?:le )?\d", folded[pos:]):
            pos = skip_space(folded, pos + word.end())
            if re.match(r"\d", folded[pos:]):  # "le 24 juin"
                pos = skip_space(folded, pos + re.match(r"[\w]+", folded[pos:]).end())
            continue
        if token in PREPOSITIONS - {"le", "des"}:
            # "aux journalistes le porte-parole", "à l'AFP une source": skip the
            # prepositional phrase up to the determiner that opens the source.
            after = PREPOSITIONAL_OBJECT.match(folded, pos + word.end())
            nxt = NEXT_DETERMINER.search(folded, after.end() if after else pos + word.end(), pos + 80)
            if not nxt:
                return pos
            pos = nxt.start(1)
            continue
        return pos
    return pos


def phrase_end(folded: str, start: int, *, stop_at_de: bool = False) -> int:
    """End of a source phrase that starts at `start`."""
    match = SOURCE_END.search(folded, start + 1) if start < len(folded) else None
    end = match.start() if match else len(folded)
    if stop_at_de:
        inner = SOURCE_PHRASE_STOP.search(folded[start:end])
        if inner:
            end = start + inner.start()
    return end


def clause_end(folded: str, start: int) -> int:
    match = re.search(
        r"(?:,\s+(?:selon|d'apres|a\s+\w+|ont\s+\w+|according|said|qui|which|while|alors|tandis)\b)|[;]|\.\s*$|$",
        folded[start:],
    )
    end = start + (match.start() if match else len(folded) - start)
    return end


def reports(text: str, found: Found) -> bool:
    """A headline's verb reports only with what was said after it: a request,
    a que-clause, a colon or a quotation ("Moscou appelle Paris à…"), not a
    plain object ("la Russie rappelle ses conditions")."""
    if found.construction not in ("subject", "participial") or found.verb is None or found.verb.request:
        return True
    if found.verb.polarity is Polarity.DENIAL or found.verb.lemma in BARE_CLAUSE_VERBS:
        return True  # "Brasília dément toute concession", "X says Brazil open to…": a headline's ellipsis
    return clausal_complement(fold(text), found.content[0], words=4)


def shifted(found: Found, by: int) -> Found:
    """A found attribution with its offsets moved by `by` characters."""
    move = lambda span: (span[0] + by, span[1] + by)  # noqa: E731
    found.source, found.content, found.span = move(found.source), move(found.content), move(found.span)
    found.relay = [(move(span), resolution) for span, resolution in found.relay]
    return found


def qualifies_a_noun(form: VerbForm) -> bool:
    """A participle that, right after a noun, reports its agent's word: "un
    chiffre démenti par Alger", "un geste qualifié d'« humanitaire » par Rabat"
    (not "un accord rejeté par Kiev", a decision)."""
    return fold(form.lemma) in STATEMENT_DENIALS | QUALIFYING


def reported_complement(folded: str, hit: VerbHit, words: int) -> bool:
    """What makes a verb that need not report a reporting one: a clause or a
    quotation, "comme …" after a qualifying verb, or a quoted "de « … »"."""
    return (
        clausal_complement(folded, hit.group_end, words=words)
        or hit.form.lemma in QUALIFYING
        and bool(AS_COMPLEMENT.match(folded, hit.group_end))
        or bool(QUOTED_OBJECT.match(folded, hit.group_end))
    )


def clausal_complement(folded: str, position: int, words: int = 0) -> bool:
    """A que-clause, a colon, a quotation or an infinitive follows the verb
    (a quotation may come after up to `words` words)."""
    return bool(complement_pattern(words).match(folded[position : position + 80]))


@cache
def complement_pattern(words: int) -> re.Pattern:
    return re.compile(
        rf"\W*(?:(?:[\w'-]+\s+){{0,4}}(?:{CLAUSAL_COMPLEMENTIZER})\b|{up_to_words(6)}:|{up_to_words(words)}[«“\"]"
        rf"|\s*(?:{INFINITIVE_MARKER}))"
    )


def up_to_words(n: int) -> str:
    """At most `n` words, each with the spaces after it: what `(?:[\\w'-]+\\s*){0,n}` matches, without
    its backtracking over the many ways a word splits into pieces (a few hundred microseconds a call)."""
    return rf"(?:[\w'-]+\s+){{0,{n - 1}}}(?:[\w'-]+\s*)?" if n > 0 else ""


def ends_with_apposition(before: str) -> bool:
    """ "Le ministre, Sergueï Choïgou," / "Choïgou, en particulier,": the commas
    enclose an apposition or an adverbial, not the end of a reported clause."""
    parts = before.rstrip().rstrip(",").split(",")
    if len(parts) < 2 or re.search(r"[«»“”\"]", before):
        return False
    last = parts[-1].strip()
    names = re.fullmatch(r"(?:(?:M|MM|Mme|Mr|Mrs|Ms|Dr)\.?\s+)?(?:[A-ZÀ-Þ][\w'’-]+\s*){1,4}", last)
    adverbial = APPOSITION_ADVERBIAL.fullmatch(last)
    return bool(names and len(parts[0].split()) <= 8 or adverbial and len(parts[0].split()) <= 6)


def closes_sentence(folded: str, end: int) -> bool:
    """After an inverted source phrase only the sentence's end, a new clause or a
    short adverbial ("dans un communiqué sur Telegram") may follow."""
    rest = folded[end:].strip(" \t\n\u00a0\u202f.!?…")  # a hard-wrapped line goes on after a newline
    if not rest or rest[0] in ',;(-—–»”"':
        return True
    head = rest.split(",")[0]
    if (
        re.match(
            r"(?:la semaine|le mois|cette semaine|ce mois|plus tot|plus tard|last|this|earlier|later|"
            r"le \d|the \d|on \w+day)\b",
            head,
        )
        or head.split()[0] in TIME_WORDS
    ):
        return len(head.split()) <= 6
    word = re.match(r"[\w'-]+", head)  # none after a colon or an apostrophe
    return (
        len(head.split()) <= 12 and not re.search(r"[«“\"]", head) and word is not None and word.group() in PREPOSITIONS
    )
