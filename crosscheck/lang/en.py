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
    "threaten designate"
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

# What a sentence says about its event (signature.py); folded text.
EVENT_WORDS = {
    "call": (
        r"(?:tele)?phone (?:calls?|talks|conversations?)|calls?|phoned|telephoned|spoke by (?:tele)?phone|"
        r"video (?:call|conference|link)|conversation|conversations"
    ),
    "meeting": r"meetings?|summit|met|visit|delegations?",
    # "talks" name calls as often as meetings ("held phone talks … the talks took place in a spirit of…"): a
    # meeting only when nothing says the exchange was by phone
    "talks": r"(?<!phone )talks",
    "attack": r"strikes?|attacks?|shelling|rockets?|missiles?|drones?|explosions?|offensive|incursion",
    # Troops as such are everywhere (prisoners, casualties); a military event is troops moving or massing.
    "military": r"(?:troops|forces)(?: [\w-]+)? (?:massing|deployed)|troop build-?up|build-?up|deployments?|invasion",
}
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"
MONTH_NAMES = "january february march april may june july august september october november december"
DAY_ARTICLES = "on"
ORDINALS_AFTER_MONTH = "st|nd|rd|th"
MONTH_PREPOSITIONS = "in"
PAST_AFTER_MONTH = "last"
AGO = r"\b(?P<count>a|one|two|three|\d+) (?P<unit>days?|weeks?|months?|years?) ago\b"
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3}
TIME_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365, "years": 365}
RELATIVE_DAYS = {"yesterday": -1, "today": 0, "last week": -7}
FUTURE_CUES = "next|will|due|planned"
PAST_CUES = "last"
COUNTERPART_WORDS = "counterparts?"
COUNTERPART_AFTER_COUNTRY = "counterparts?|minister"
AIDE_TITLES = r"aide|adviser|advisor|spokes\w+|envoy|chief of staff"
AIDE_LINKS = "to|of"
OFFICE_TITLES = {"defence_minister": "minister|secretary", "foreign_minister": "minister|secretary"}
OFFICE_DOMAINS = {"defence_minister": "defense|defence", "foreign_minister": "foreign"}
OFFICE_NAMES = {"foreign_minister": "secretary of state", "head_of_state": r"\bpresident\b"}
PERSON_TITLES = "counterpart|minister|secretary|president|chancellor|prime minister"
STOPWORDS = """
the a an of to in on at by for with from and or but not no is are was were be been has have had that this these
those it its their his her they he she we as also than then there which who whom whose will would could should
"""
EXCHANGE_WORDS = """
call calls talks talked spoke discussed conversation meeting minister ministers sides side counterpart first
initiated request said told added stressed noted according also both two defence
"""

# Divergences (diverge.py); folded text.
NEGATION_CUES = "not|no|never|none|denied|deny"
DENIAL_CUES = r"denied|denies|reject\w*|refute\w*|false|lies?|dismiss\w*"
OMISSION_CUES = "made no mention|did not mention|does not mention|no mention of|omits?|did not refer to"
REQUEST_PHRASES = "at the request|at the initiative|initiated by|requested by|on the initiative"
REQUEST_LINKS = "of the |of |by "
POSSESSIVE_REQUEST = r"\bat {who}'s request"
REPORTED_SPEECH = (
    r"\b(?:warned|urged|stressed|said|told|raised|expressed|called|pressed|offered|discussed|"
    r"agreed|insisted|emphasi[sz]ed|underlined|highlighted)\b"
)
BOTH_WORDS = "both|the two"
PARTICIPANT_NOUNS = "ministers|leaders|men|officials|presidents|sides|delegations"
DEFINITE_ARTICLES = "the"
LEADER_TITLES = "president|chancellor|prime minister"
DEMONSTRATIVES = "these|this|those|such"
CLAIM_NOUNS = r"claims?|allegations?|assertions?|reports?|statements?|accusations?|version"

# Edges of source phrases (attribute/phrases.py, engine.py); folded text.
DETERMINERS = "the a an this that these those his her its their our"
NAME_TITLE_WORDS = "mr mrs ms dr gen general president"
AUXILIARIES = "has have had"
BETWEEN_AUX_AND_VERB = (
    "not also already previously earlier since repeatedly publicly then never again immediately quickly to t "
    "explicitly only just simply finally"
)
SPEAKER_NOUNS = (
    "official officials spokesman spokeswoman spokesperson minister ministry government statement readout "
    "diplomat diplomats officer officers analyst analysts newspaper agency outlet report office department "
    "secretary leader leaders chief commander envoy ambassador embassy aide aides adviser advisers advisor "
    "lawmakers lawmaker senator presidency kremlin pentagon military army authorities press team side parties "
    "two both all group movement party chancellor transcript summary memo letter post tweet briefing "
    "representative representatives staff commission committee council ombudsman negotiator negotiators "
    "director directors admiral governor mayor coordinator commissioner navy police "
    "mother father son daughter wife husband brother sister relatives family families resident residents"
)
TIME_WORDS = (
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight earlier later recently "
    "officially publicly again also then finally however"
)
PREPOSITIONS = "to in on at during after before from with via"
PRONOUNS = "he she they it"
NAME_TITLES = "mr mrs ms"  # abbreviated titles before a name (a period after them ends no phrase)
SOURCE_END_WORDS = (
    r"in|on|at|during|after|before|who|which|while|but|via|to|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|yesterday|earlier|later|last week|this week|on monday|the \d"
)
INTRO_ADVERBIALS = r"in|on|at|after|before|meanwhile|however|earlier|later|separately|also|still|for|on|by"
LEADING_CONNECTORS = "and|but|so|during which|in which|after which"
CAUSAL_CONJUNCTIONS = "because|since"

# Anaphoric sources (attribute/context.py); whole folded phrases.
SAME_SOURCE = r"(?:the|this|that)?\s*(?:source|sources)|the same source"
PERSON_PRONOUNS = "he she they"
THING_PRONOUNS = "it"
BACK_REFERENCE_DETERMINERS = {
    "staff": "his|her|its|their",
    "document": "the|this",
    "outlet": "the|this",
    "institution": "the",
    "person": "the",
    "office": "the",
}
BACK_REFERENCE_NOUNS = {
    "staff": r"office|spokes\w+|aides|team|ministry|staff|press secretary|press attache",
    "document": "document|statement|readout|release|transcript|summary",
    "outlet": "newspaper|agency|paper|outlet|magazine|broadcaster",
    "institution": "ministry|department|government|presidency|army|military",
    "person": r"minister|spokes\w+|president|secretary|official|general|head of state|leader",
    "office": "office|team|staff",
}
FEMININE_PRONOUNS = "she"
PLURAL_PRONOUNS = "they"
NAME_PARTICLES = "de da do dos van von bin ben al el di del"
TITLE_BOUNDARY_WORDS = "with and that who said to by whose between"
TITLE_OPEN_ENDS = "of the"
SINGULAR_ENDING_S = "his its this press process"
SUBJECT_DETERMINERS = "the|a|an|two|three|several"
SUBJECT_VERBS = "has|have|had|was|were|met|spoke|visited"
OUTLET_WORDS_BEFORE = "state|official|news|state news"
CAPITALISED_TITLE_WORDS = (
    "foreign defence defense prime deputy vice finance interior treasury army navy military ministry government "
    "gen maj lt col brig adm cmdr general major lieutenant colonel brigadier admiral commander"
)

# Attribution constructions (attribute/engine.py); folded text.
ACCORDING_WORDS = "according to|per"
CITING_WORDS = "citing"
ACCORDING_NOT_BEFORE = r"all\b|plan\b|usual\b"
EMBEDDED_DETERMINERS = "the|its|their"
EMBEDDED_NOUNS = "claims?|assertions?"
EMBEDDED_LINKS = "by|from"
EMBEDDED_COMPLEMENTIZERS = "that"
STATEMENT_COPULAS = "was|is|has been"
FIRMNESS_ADJECTIVES = "clear|firm|categorical|explicit|unequivocal|blunt"
NOT_SPEECH_AFTER = r"war\b|to be\b|to have\b|goodbye\b"
OBJECT_DETERMINERS = "the|a|an"
PHRASE_DETERMINERS = "the|a|an"
QUALIFYING_VERBS = "describe call dub label term designate"
SUBORDINATORS = "while|after|whereas"
COMPLEMENTIZERS = "that whether which"
NO_SPEAKER_WORDS = "neither none"
STATEMENT_HEADS = "point|claim|view|position|assertion|figure|account|version|detail|fact"
INDEFINITE_ARTICLES = "a|an|one"
RELATIVE_OPENERS = "something|what"
NOUN_MARKERS = "no any every two three four several many both"
VERB_NEGATION = r"not\b|never\b|did not|didn't|does not|doesn't"
STATEMENT_WORDS = "statement|readout|press release"
SUBJECT_TRIM_WORDS = (
    "also then recently had has have earlier did does do not would will could may might didn doesn"
)
BARE_CLAUSE_VERBS = "say add warn insist argue claim"
PASSIVE_AUXILIARIES = "is are was were been"
AGENT_PREPOSITIONS = "by"
OPINION_PREPOSITIONS = "for"
APPOSITION_ADVERBIALS = "however|meanwhile|for (?:his|her|its) part|in turn"
TIME_PHRASES = r"last|this|earlier|later|the \d|on \w+day"
CLAUSE_OPENERS = "according|said|which|while"
CLAUSE_COMPLEMENTIZERS = "that"
INFINITIVE_MARKERS = r"to\b(?!\s+(?:a|an|the|all|its|his|her|their|this|that|an?)\b)"  # not "to the press"
PASSIVE_MARKERS = "been being"
BEFORE_INFINITIVE = "to"
AND_WORDS = "and"
BUT_WORDS = "but"
CLAUSE_SUBORDINATORS = "while|as"

# Where a claim's content coordinates a second reporting clause, so it carries two propositions
# ("… stressed X and urged Y"); matched on accent-folded lower case (points).
PROPOSITION_BREAKS = (
    r"(?:,\s*|\s)(?:and|but) (?:he |she |they )?(?:also )?(?:called|urged|stressed|insisted|warned|said|"
    r"demanded|pressed|proposed|asked|expressed|reiterated|underlined|emphasi[sz]ed)\b|;\s"
)

# What marks a statement as background to the exchange an article reports (lower case; link): an earlier
# exchange recalled, a position held for days or repeated, a standing claim.
BACKGROUND_CUES = (
    r"\b(?:previous (?:calls?|talks|conversations?|meetings?|contacts?|visits?)|last (?:spoke|met|talked)|"
    r"for the last time|"
    r"for (?:several|many|some|a few|the past few) (?:days|weeks|months|years)|for (?:days|weeks|months|years)|"
    r"has long|have long|long-standing|longstanding|repeatedly|time and again|on several occasions|"
    r"(?:has|have) (?:called|described|accused)|last (?:month|year)|had then|had at the time)\b"
)

# Words that make a person a woman (lower case; attribute.context).
FEMALE_WORDS = "she her mrs ms madam spokeswoman chairwoman congresswoman businesswoman queen princess"

# A source that is both parties at once, so no side's claim (lower case; attribute.engine).
JOINT_SOURCE = (
    r"(?:the|both) (?:two )?(?:leaders|sides|men|women|presidents|ministers|countries|parties|delegations|"
    r"heads of state|statements|readouts|governments|capitals|ministries|foreign ministries|armies|presidencies)|both"
    r"|(?:a|the) joint (?:statement|communique|declaration)(?: (?:issued|released|published) .{0,60})?"
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

# Verb complements that are no reported speech (attribute/engine.py); lower case.
COMPLEMENT_AS_WORDS = "as"
QUOTED_OBJECT_LINKS = "of|with"
EVALUATING_VERBS = "judge consider"
WH_WORDS = "how|why|whether"
PARTICIPLE_SUFFIXES = "ing|ed"
CLAUSE_BOUNDARY_WORDS = "because|although|whereas"
SOURCE_PHRASE_STOPS = r"of\s|as\s"

# Points of divergence (points.py, diverge.py): words that only report the exchange (its taking place, length, tone).
META_WORDS = """
president presidents leader leaders having between
held took place lasted last hour hours minute minutes first time times since year years month months week weeks days
frank candid sincere detailed substantive constructive cordial direct long lengthy phone telephone conversation call
exchange views almost known
prime minister ministers chancellor deputy secretary counterpart counterparts external affairs
issue issues question questions matter matters summit
"""
JOINT_OUTCOME_VERBS = (
    r"(?:have |had )?(?:\w+ )?(?:agreed|decided|accepted|concluded|welcomed|expressed|stressed|underlined)"
)

# Silent omissions and scope (diverge.py), folded text: a demand, condition, warning or proposal; the exchange
# itself taking place; concepts named across languages (concept -> English words).
DEMAND_CUES = (
    r"\b(?:called for|called on|urged|urging|demanded|demanding|warned|warning|pressed|insisted on|proposed|"
    r"asked for)\b|\b(?:the|its|their|as a|key|main|essential) conditions?\b"
)
EXCHANGE_HELD = (
    r"\b(?:held|had) (?:a|an|their) (?:[\w-]+ ){0,3}(?:call|conversation|talks)\b|\b(?:spoke|talked) (?:with|to)\b"
    r"|\bhad spoken\b|\blasted\b"
)
CONCEPTS = {
    "ceasefire": "ceasefire truce",
    "aid": "aid assistance",
    "intelligence": "intelligence",
    "energy": "energy",
    "weapons": "weapons arms",
    "talks": "negotiations talks",
    "prisoners": "detainees prisoners",
    "release": "release",
    "peace": "peace",
    "war": "war conflict",
    "tariffs": "tariffs",
    "trade": "trade commercial",
    "troops": "troops soldiers",
    "withdrawal": "withdrawal",
    "strikes": "strikes attacks",
    "sovereignty": "sovereignty",
    "annexation": "annexation",
    "grain": "grain wheat",
    "elections": "elections vote",
    "halt": "halt cessation suspension stop",
    "border": "border borders boundary",
    "disengagement": "disengagement",
    "patrols": "patrols",
    "flights": "flights",
    "agreement": "agreement deal",
    "hostages": "hostages",
    "history": "history historical",
    "compensation": "compensation reparations indemnity",
    "nuclear": "nuclear atomic enrichment iaea",
    "mediation": "mediation mediator intermediary",
    "sanctions": "sanctions embargo",
    "water": "water waters river rivers",
    "pilgrims": "pilgrims pilgrimage",
    "port": "port ports harbour harbor",
    "sea": "sea maritime",
    "lease": "lease leased",
    "controls": "controls checks",
    "apology": "apology apologise apologize",
}

# A question the claim answers, whose words up to the next comma give the answer's topic (diverge.py).
QUESTION_LEADS = r"(?:when )?asked (?:about|whether|if|on)|questioned (?:about|on)"
# The exchange was restricted to some topics / covered some topics (diverge.py).
RESTRICTION_CUES = r"limited to|confined to|restricted to|solely|exclusively|only (?:discussed|covered|concerned)"
COVERAGE_CUES = r"including|(?:were|was|had been) (?:discussed|raised|addressed)|came up"

# The tone each side gives the exchange (diverge_readouts.py): tone -> adjectives; the nouns they qualify.
TONE_WORDS = {
    "frank": "frank candid",
    "cordial": "cordial",
    "constructive": "constructive",
    "friendly": "friendly amicable",
    "warm": "warm",
    "productive": "productive fruitful",
    "positive": "positive",
    "sincere": "sincere honest",
    "useful": "useful helpful",
    "thorough": "in-depth detailed thorough substantive",
    "businesslike": "businesslike pragmatic",
    "respectful": "respectful",
    "difficult": "difficult tense tough",
    "excellent": "excellent",
}
EXCHANGE_NOUNS = r"talks|meeting|call|conversation|discussions?|exchanges?|dialogue|visit|summit|session"

# Relative clauses that answer the sentence's statement (attribute/engine.py).
RELATIVE_REPORT_OPENERS = "which|something|a claim|an allegation|an accusation|a charge|a version"

# A relative clause describing a source (link.py).
SOURCE_RELATIVES = "who|which|whose"

# Adverbs between an auxiliary and its participle, by their ending (attribute/engine.py).
VERB_ADVERB_SUFFIXES = "ly"

# Lemmas that deny a statement, for "a figure denied by X" (attribute/engine.py).
STATEMENT_DENIALS = "deny dispute refute contest"

# The relative pronoun subject of a reporting verb: its antecedent speaks (attribute/engine.py).
RELATIVE_SUBJECTS = "who|which"

# What makes a noun phrase the complement of a longer one (attribute/engine.py).
COMPLEMENT_LINKS = "of by in from with for"

# Verbs that also mean recognising a state (attribute/engine.py); folded lemmas.
RECOGNITION_VERBS = "recognise recognize"
