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

# Words that make a person a woman (lower case; attribute.context).
FEMALE_WORDS = "she her mrs ms madam spokeswoman chairwoman congresswoman businesswoman queen princess"

# A source that is both parties at once, so no side's claim (lower case; attribute.engine).
JOINT_SOURCE = (
    r"(?:the|both) (?:two )?(?:leaders|sides|men|women|presidents|ministers|countries|parties|delegations|"
    r"heads of state)|both"
)

# Unnamed sources that speak for a state, whose side a dateline gives (lower case; attribute.engine).
STATE_SOURCE_WORDS = (
    "official officials ministry government administration spokesman spokeswoman spokesperson presidency "
    "authorities department cabinet office"
)

# The preposition of an opening place phrase ("In Taipei, the ministry…"; attribute.engine).
PLACE_INTRO = r"in|from|at"

# Reporting verbs that, negated with nothing after, report silence ("did not respond"; attribute.engine).
NO_COMMENT_VERBS = "respond comment react reply"
