"""Word lists and span helpers for finding the edges of source phrases.

French and English share one table per role; the folded forms (no accents,
lower case) are what the matchers compare against.
"""

from __future__ import annotations

import re

DETERMINERS = {"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "ce", "cet", "cette", "ces",
               "son", "sa", "ses", "leur", "leurs", "notre", "nos", "the", "a", "an", "this", "that",
               "these", "those", "his", "her", "its", "their", "our"}
TITLES = {"m", "mm", "mme", "mmes", "mr", "mrs", "ms", "dr", "pr", "gen", "general", "president"}
PRONOUNS = {"il", "elle", "ils", "elles", "he", "she", "they", "celui-ci", "celle-ci", "ce dernier",
            "cette derniere", "lui", "on"}
AUXILIARIES = {"a", "ont", "avait", "avaient", "aurait", "auraient", "eut", "eurent", "aura", "auront",
               "has", "have", "had", "est", "sont", "etait", "etaient", "s"}
BETWEEN_AUX_AND_VERB = {"pas", "plus", "jamais", "guere", "point", "egalement", "aussi", "notamment", "deja",
                        "encore", "bien", "toutefois", "cependant", "pourtant", "ensuite", "meme", "d",
                        "ailleurs", "en", "outre", "par", "lui", "elle", "not", "also", "already", "previously",
                        "earlier", "since", "repeatedly", "publicly", "then", "never", "again", "clairement",
                        "immediately", "quickly", "to", "t", "il", "y", "ne", "n", "se", "s", "explicitly"}
# Words that can head a phrase naming a speaker.
SPEAKER_NOUNS = {
    "source", "sources", "responsable", "responsables", "porte-parole", "porte", "parole", "diplomate",
    "diplomates", "ministre", "ministres", "ministere", "ministeres", "communique", "communiques",
    "gouvernement", "president", "presidente", "presidence", "officiel", "officiels", "expert", "experts",
    "analyste", "analystes", "journal", "quotidien", "hebdomadaire", "agence", "publication", "media",
    "medias", "chaine", "chef", "cheffe", "dirigeant", "dirigeants", "depute", "deputes", "senateur",
    "ambassadeur", "ambassadrice", "ambassade", "general", "armee", "etat-major", "etat", "major",
    "services", "autorites", "occidentaux", "partie", "cote", "camp", "militaire", "militaires",
    "conseiller", "conseillere", "secretaire", "chancelier", "chanceliere", "premier", "premiere",
    "declaration", "compte", "rendu", "texte", "note", "message", "lettre", "enqueteurs", "enquete",
    "parquet", "police", "commandement", "etat-major", "observateurs", "temoins", "habitants",
    "gouverneur", "maire", "ong", "organisation", "rapport", "bureau", "cabinet", "entourage", "proches",
    "negociateurs", "delegation", "delegations", "participants", "interlocuteurs", "homologue", "homologues",
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister", "ministry",
    "government", "statement", "readout", "diplomat", "diplomats", "officer", "officers", "analyst",
    "analysts", "newspaper", "agency", "outlet", "report", "office", "department", "secretary",
    "leader", "leaders", "chief", "commander", "envoy", "ambassador", "embassy", "sources", "aide",
    "aides", "adviser", "advisers", "advisor", "lawmakers", "lawmaker", "senator", "presidency",
    "kremlin", "pentagon", "military", "army", "authorities", "press", "team", "side", "parties",
    "deux", "two", "both", "tous", "all", "groupe", "group", "mouvement", "movement", "parti", "party",
    "premier", "chancellor", "transcript", "summary", "memo", "letter", "post", "tweet", "briefing",
    "representant", "representants", "representative", "representatives", "staff", "etats-majors",
}
TIME_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "aujourd",
              "matin", "soir", "nuit", "apres-midi", "monday", "tuesday", "wednesday", "thursday", "friday",
              "saturday", "sunday", "yesterday", "today", "tonight", "earlier", "later", "recemment",
              "recently", "officiellement", "officially", "publiquement", "publicly", "encore", "again",
              "egalement", "aussi", "also", "ensuite", "then", "enfin", "finally", "lui-meme", "elle-meme",
              "meme", "ainsi", "alors", "pourtant", "toutefois", "cependant", "however", "notamment"}
PREPOSITIONS = {"a", "au", "aux", "dans", "sur", "devant", "lors", "apres", "avant", "en", "pendant", "depuis",
                "pour", "via", "par", "chez", "to", "in", "on", "at", "during", "after", "before", "from",
                "with", "avec", "des", "dès", "le"}
# Where a source phrase that follows its verb ends.
SOURCE_END = re.compile(
    r"\s*(?:[,;:(—–]|\s-\s|\.(?:\s|$)|[»”\"]|$)"
    r"|\s+(?:dans|sur|lors|apres|avant|devant|pendant|depuis|aux|au(?! sein)|a|via|qui|dont|alors|tandis|mais|car|"
    r"puis|in|on|at|during|after|before|who|which|while|but|via|to|la semaine|le mois|cette semaine|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|yesterday|plus tot|earlier|later|apres-midi|ce week-end|last week|"
    r"this week|on monday|le \d|the \d)\b",
)
CLAUSE_OPENERS = re.compile(
    r"(?:^|[;:«»“”\"]\s*|,\s*(?:et|mais|puis|or|and|but|while|tandis que|alors que)?\s*|"
    r"\b(?:que|qu'|alors que|tandis que|lorsque|quand|puisque|car|mais|et|while|and|but|as|when|after|"
    r"because|since|although|whereas|that)\s+)$"
)
INTRO_ADVERBIAL = re.compile(
    r"^(?:(?:dans|de|du|des|au|aux|a|en|plus|par|lors|pour|cote|selon|d'apres|apres|avant|depuis|sur|"
    r"enfin|ensuite|pourtant|toutefois|cependant|ainsi|or|mais|et|puis|parallelement|in|on|at|after|"
    r"before|meanwhile|however|earlier|later|separately|also|still|for|on|by)\b[^,]{0,60}|[^,\s]+ment)\s*,\s*",
)
LEADING_CONNECTORS = re.compile(r"^(?:ce a quoi|c'est alors que|c'est pourquoi|et|mais|or|puis|and|but|so)\s+")


def folded_word_at_end(text: str) -> str:
    match = re.search(r"(\w+)\W*$", text)
    return match.group(1) if match else ""


def strip_determiners(words: list[str]) -> list[str]:
    while words and (words[0] in DETERMINERS or words[0] in TITLES):
        words = words[1:]
    return words
