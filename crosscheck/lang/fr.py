"""French words and patterns.

Word lists are whitespace-separated strings, split by the loader; patterns are
regex source strings that stage modules compile.
"""

CODE = "fr"

# Abbreviations a period does not end a sentence after (lower case, without the period).
ABBREVIATIONS = (
    "m mm mme mmes mlle mgr me dr pr st ste etc cf av apr env art al p pp vol n° no nos tél gén gal col "
    "cdt lt sgt adj ex réf resp max min hab mds mrd md mio chap fig"
)

MONTHS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"

# Words that make a mention an institution (accent-folded lower case; actors).
INSTITUTION_WORDS = "ministere departement armee forces"

# Articles dropped from an unknown source's slug (accent-folded lower case; actors).
ARTICLES = "le la les l un une des"

# Words that make a person a woman (accent-folded lower case; attribute.context).
FEMALE_WORDS = (
    "mme mmes madame mlle elle elles celle-ci cheffe chanceliere presidente premiere directrice ambassadrice "
    "conseillere deputee senatrice"
)

# A source that is both parties at once, so no side's claim (on accent-folded text; attribute.engine).
JOINT_SOURCE = (
    r"(?:les|ces) (?:deux|trois) (?:hommes|femmes|dirigeants|presidents|ministres|chefs d'etat|parties|"
    r"puissances(?: \w+)?|pays|camps|delegations|responsables)|les dirigeants|tous deux"
)

# Unnamed sources that speak for a state, whose side a dateline gives (accent-folded; attribute.engine).
STATE_SOURCE_WORDS = (
    "responsable responsables officiel officiels ministere gouvernement administration porte-parole presidence "
    "autorites diplomatie cabinet bureau services"
)

# The preposition of an opening place phrase ("A Taipei, le ministère…"; accent-folded; attribute.engine).
PLACE_INTRO = r"a|depuis|cote"

# Reporting verbs that, negated with nothing after, report silence ("n'a pas répondu"; attribute.engine).
NO_COMMENT_VERBS = "repondre commenter reagir"
