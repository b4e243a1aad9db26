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

# What marks a statement as background to the exchange an article reports (accent-folded lower case; link):
# an earlier exchange recalled, a position held for days or repeated, a standing claim.
BACKGROUND_CUES = (
    r"\b(?:precedente?s? (?:entretiens?|echanges?|appels?|conversations?|rencontres?|contacts?|visites?)|"
    r"pour la derniere fois|"
    r"depuis (?:plusieurs|des|quelques|de nombreux|de nombreuses) (?:jours|semaines|mois|annees)|depuis longtemps|"
    r"de longue date|a (?:plusieurs|maintes|de nombreuses|de multiples) reprises|regulierement|"
    r"considere (?:depuis|toujours|de longue date))\b"
)
