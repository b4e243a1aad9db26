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

# Reporting verbs and locutions with every inflected form, statement nouns, channels (lang/data/).
REPORTING_VERBS = "verbs_fr.json"

# Verbs whose everyday sense is not speech ("lancer une offensive", "soutenir l'Ukraine"): reporting
# only with a clausal complement (que, a colon, a quotation) or in an inverted clause (lemmas).
CLAUSE_VERBS = (
    "poursuivre lancer reprendre relever avancer glisser souffler lâcher défendre justifier applaudir louer "
    "inviter presser inciter encourager ordonner écarter exclure repousser balayer démonter interroger analyser "
    "décrire résumer observer réagir soutenir maintenir assurer garantir considérer publier relayer communiquer "
    "menacer reprocher qualifier citer évoquer aborder discuter"
)

# Article metadata (metadata.py).
BYLINE_WORDS = "par"
BYLINE_JOINERS = "avec|et"
LIST_JOINERS = "et"
NAME_ARTICLES = "Le|La|Les|L'|Un|Une"
OUTLET_NAME_WORDS = (
    r"Presse|Agence|Monde|Figaro|Écho|Echo|Courrier|Dépêche|Matin|Soir|Ouest|Info|Médias|Hebdo|Nouvelles|Actu|"
    r"Libre|Républicain|Parisien|Libération|Humanité|Croix|Orient|Jour|Temps|Opinion|Echos|Obs"
)
ABSOLUTE_DATES = rf"\d{{1,2}}(?:er)?\s+(?:{MONTHS})\s+\d{{4}}"
DATE_LINE_WORDS = "publié|mis à jour|modifié|le"
TIME_PREPOSITIONS = "à"
