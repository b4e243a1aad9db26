"""English words and patterns.

Word lists are whitespace-separated strings, split by the loader; patterns are
regex source strings that stage modules compile.
"""

CODE = "en"

# Abbreviations a period does not end a sentence after (lower case, without the period).
ABBREVIATIONS = (
    "mr mrs ms jr sr gen capt cmdr adm gov sen rep rev prof inc ltd co corp vs e.g i.e approx dept est "
    "jan feb mar jun jul aug sep sept oct nov dec u.s u.k u.n"
)

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
)

# Words that make a mention an institution (accent-folded lower case; actors).
INSTITUTION_WORDS = "ministry department office army forces"

# Articles dropped from an unknown source's slug (accent-folded lower case; actors).
ARTICLES = "the a an"

# What marks a statement as background to the exchange an article reports (lower case; link): an earlier
# exchange recalled, a position held for days or repeated, a standing claim.
BACKGROUND_CUES = (
    r"\b(?:previous (?:calls?|talks|conversations?|meetings?|contacts?|visits?)|last (?:spoke|met|talked)|"
    r"for the last time|"
    r"for (?:several|many|some|a few|the past few) (?:days|weeks|months|years)|for (?:days|weeks|months|years)|"
    r"has long|have long|long-standing|longstanding|repeatedly|time and again|on several occasions)\b"
)
