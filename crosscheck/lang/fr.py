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

# Where a claim's content coordinates a second reporting clause, so it carries two propositions
# ("… a souligné X et a appelé à Y"); matched on accent-folded lower case (points).
PROPOSITION_BREAKS = (
    r"(?:,\s*|\s)(?:et|mais) (?:a|avait|ont|il a|elle a) (?:\w+ )?(?:appele|demande|exhorte|souligne|insiste|"
    r"averti|rappele|plaide|propose|affirme|declare|estime|juge|reclame|exige|presse|evoque)\b|;\s"
)
