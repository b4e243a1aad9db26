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

# Where a claim's content coordinates a second reporting clause, so it carries two propositions
# ("… stressed X and urged Y"); matched on accent-folded lower case (points).
PROPOSITION_BREAKS = (
    r"(?:,\s*|\s)(?:and|but) (?:he |she |they )?(?:also )?(?:called|urged|stressed|insisted|warned|said|"
    r"demanded|pressed|proposed|asked|expressed|reiterated|underlined|emphasi[sz]ed)\b|;\s"
)
