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

# Reporting verbs and locutions with every inflected form, statement nouns, channels (lang/data/).
REPORTING_VERBS = "verbs_en.json"

# Verbs whose everyday sense is not speech ("support the plan"): reporting only with a clausal
# complement (that, a colon, a quotation) or in an inverted clause (lemmas).
CLAUSE_VERBS = (
    "support maintain hold call order post state continue press back raise address discuss describe cite push "
    "threaten"
)

# Article metadata (metadata.py).
BYLINE_WORDS = "by"
BYLINE_JOINERS = "with|and"
LIST_JOINERS = "and"
NAME_ARTICLES = "The|A"
OUTLET_NAME_WORDS = (
    r"Times|Post|News|Monitor|Journal|Herald|Tribune|Press|Agency|Express|Daily|Gazette|Observer|Guardian|"
    r"Telegraph|Radio|TV|Media|Review|Standard|Mail|Star|Globe|Chronicle|Week|Magazine|Watch|Insider|Top|"
    r"Ledger|Dispatch|Courier|Today|Online|Network|Wire|Bulletin|Report|Reporter|Diplomat"
)
ABSOLUTE_DATES = rf"\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}}|(?:{MONTHS})\s+\d{{1,2}},?\s+\d{{4}}"
DATE_LINE_WORDS = "updated|published|posted"
TIME_PREPOSITIONS = "at"
BYLINE_STAFF_WORDS = "staff|reporters?|correspondents?"
