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
    "menacer reprocher qualifier citer évoquer aborder discuter classer"
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
DATE_LINE_WORDS = "publié|mis à jour|modifié"
TIME_PREPOSITIONS = "à"

# What a sentence says about its event (signature.py); folded text.
EVENT_WORDS = {
    "call": (
        r"entretiens? telephoniques?|conversations? telephoniques?|appels?(?: telephoniques?)?|telephone|"
        r"au telephone|par telephone|visioconference|conversation|conversations|echanges? telephoniques?|"
        r"(?:s'est|se sont|s'etait|s'etaient)(?: deja)? entretenus?"
    ),
    "meeting": r"rencontres?|reunions?|sommets?|pourparlers|negociations?|entrevues?|visite|delegations?",
    "attack": (
        r"attaques?|frappes?|tirs|bombardements?|missiles?|roquettes?|drones?|attentats?|explosions?|offensive|"
        r"contre-offensive|incursion"
    ),
    # Troops as such are everywhere (prisoners, casualties); a military event is troops moving or massing.
    "military": (
        r"(?:troupes|soldats|forces)(?: [\w-]+)? (?:massee?s|amassee?s|deployee?s)|concentrations? de troupes|"
        r"deploiements?|invasion|manoeuvres|exercices militaires"
    ),
}
WEEKDAYS = "lundi mardi mercredi jeudi vendredi samedi dimanche"
MONTH_NAMES = "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre"
DAY_ARTICLES = "le"
ORDINALS_BEFORE_MONTH = "er"
MONTH_PREPOSITIONS = "en"
PAST_AFTER_MONTH = "dernier"
AGO = r"\bil y a (?:(?P<count>un|une|deux|trois|\d+) )?(?P<unit>jours?|semaines?|mois|ans?)(?P<half> et demi)?\b"
NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3}
TIME_UNITS = {"jour": 1, "jours": 1, "semaine": 7, "semaines": 7, "mois": 30, "an": 365, "ans": 365}
RELATIVE_DAYS = {"hier": -1, "avant-hier": -2, "aujourd'hui": 0, "la semaine derniere": -7}
FUTURE_CUES = "prevue?s?|prochain|doit|devrait|aura"
PAST_CUES = "dernier|derniere|passe|passee"
PAST_CUES_AFTER_WEEKDAY = "dernier|derniere|passe|passee"
COUNTERPART_WORDS = "homologues?|collegues?"
COUNTERPART_BEFORE_COUNTRY = "homologues?|ministres?|chef de la diplomatie"
AIDE_TITLES = r"porte-parole|conseill\w+|envoye\w*|emissaire|proche|bras droit|chef de cabinet"
AIDE_LINKS = "du|de|des|de la|d'"
OFFICE_TITLES = {"defence_minister": "ministre|secretaire|chef", "foreign_minister": "ministre|chef"}
OFFICE_DOMAINS = {"defence_minister": "defense|armees", "foreign_minister": "affaires etrangeres|diplomatie"}
OFFICE_NAMES = {"foreign_minister": "secretaire d'etat", "head_of_state": r"\bpresidente?\b"}
PERSON_TITLES = "homologue|ministre|secr[ée]taire|pr[ée]sident|chancelier|premier ministre|chef de la diplomatie"
STOPWORDS = """
le la les l un une des du de d au aux a et ou mais donc or ni car que qu qui quoi dont en dans sur sous par pour
avec sans entre vers chez ce cet cette ces son sa ses leur leurs notre nos votre vos mon ma mes il elle ils elles on
se s y ne n pas plus est sont etait etaient ete etre avoir avait avaient a ont aurait auraient fait faire cela ca
tres aussi ainsi alors deja encore tout toute tous toutes autre autres meme comme si lui eux nous vous je tu
"""
EXCHANGE_WORDS = """
discute discuter discussion discussions conversation conversations appel appels entretien entretiens telephonique
telephoniques echange echanges echangé points vue situation conflit questions question aborde abordees abordé
ministre ministres parties partie cote homologue homologues initiative initie demande premier premiere contact
contacts type depuis dernier derniere lieu eu dit declare indique ajoute precise souligne affirme annonce
deux defense ministere
"""

# Divergences (diverge.py); folded text.
NEGATION_CUES = r"n'|ne |pas\b|jamais|aucun|aucune|sans"
DENIAL_CUES = r"refut\w*|dement\w*|dementi\w*|nie\b|nient|rejet\w*|rejette\w*|inacceptable|faux|mensong\w*|deni\w*"
OMISSION_CUES = (
    r"ne mentionne pas|ne fait (?:aucune |pas )?(?:etat|mention)|passe sous silence|omet|n'evoque pas|ne dit rien"
)
REQUEST_PHRASES = r"a la demande|a l'initiative|a la requete|sur (?:la )?demande"
REQUEST_ADJECTIVES = "urgente"
REQUEST_LINKS = "de la |de l'|du |des |de |d'"
REPORTED_SPEECH = (
    r"\b(?:a|ont|avait|avaient|aurait|auraient)\s+(?:\w+\s+)?(?:averti|souligne|insiste|exprime|evoque|discute|"
    r"plaide|demande|exhorte|appele|propose|affirme|declare|dit|indique|rappele|fait part|fait etat|presse|"
    r"mis en garde|convenu|insiste)\b|\b(?:mettant|soulignant|insistant|appelant)\b"
)
BOTH_WORDS = "les deux"
PARTICIPANT_NOUNS = "hommes|responsables|ministres|dirigeants|presidents|chefs|parties|delegations"
DEFINITE_ARTICLES = "le|la"
LEADER_TITLES = (
    "chef de l'etat|president|presidente|chancelier|chanceliere|premier ministre|chef de la diplomatie"
)
DEMONSTRATIVES = "ces|cette|ce"
CLAIM_NOUNS = r"affirmations?|accusations?|allegations?|propos|informations?|assertions?|declarations?|version"

# Edges of source phrases (attribute/phrases.py, engine.py); folded text. Word sets may hold phrases:
# a tuple of strings is taken as is.
DETERMINERS = "le la les l un une des du de d ce cet cette ces son sa ses leur leurs notre nos"
NAME_TITLE_WORDS = "m mm mme mmes dr pr gen general president"
AUXILIARIES = "a ont avait avaient aurait auraient eut eurent aura auront est sont etait etaient s"
BETWEEN_AUX_AND_VERB = (
    "pas plus jamais guere point egalement aussi notamment deja encore bien toutefois cependant pourtant "
    "ensuite meme d ailleurs en outre par lui elle clairement il y ne n se s seulement simplement uniquement pour "
    "sa son part de cote nouveau aussitot sitot toujours souvent vite enfin alors"
)
SPEAKER_NOUNS = (
    "source sources responsable responsables porte-parole porte parole diplomate diplomates ministre "
    "ministres ministere ministeres communique communiques gouvernement president presidente presidence "
    "officiel officiels expert experts analyste analystes journal quotidien hebdomadaire agence publication "
    "media medias chaine chef cheffe dirigeant dirigeants depute deputes senateur ambassadeur ambassadrice "
    "ambassade general armee etat-major etat major services autorites occidentaux partie cote camp militaire "
    "militaires conseiller conseillere secretaire chancelier chanceliere premier premiere declaration compte "
    "rendu texte note message lettre enqueteurs enquete parquet police commandement observateurs temoins "
    "habitants gouverneur maire ong organisation rapport bureau cabinet entourage proches negociateurs "
    "delegation delegations participants interlocuteurs homologue homologues deux tous groupe mouvement parti "
    "representant representants etats-majors commission comite conseil defenseur defenseure mediateur "
    "mediatrice attache attachee directeur directrice directeurs amiral coordinateur coordinatrice commissaire "
    "mere pere fils fille epouse mari frere soeur proches famille familles"
)
TIME_WORDS = (
    "lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd matin soir nuit apres-midi recemment "
    "officiellement publiquement encore egalement aussi ensuite enfin lui-meme elle-meme meme ainsi alors "
    "pourtant toutefois cependant notamment"
)
PREPOSITIONS = "a au aux dans sur devant lors apres avant en pendant depuis pour via par chez avec des dès le"
PRONOUNS = ("il", "elle", "ils", "elles", "celui-ci", "celle-ci", "ce dernier", "cette derniere", "lui", "on")
NAME_TITLES = "m mme dr"  # abbreviated titles before a name (a period after them ends no phrase)
PLURAL_NAME_TITLES = "mm"
SOURCE_END_WORDS = (
    r"dans|sur|lors|apres|avant|devant|pendant|depuis|aux|au(?! sein)|a|via|qui|dont|alors|tandis|mais|car|"
    r"puis|la semaine|le mois|cette semaine|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|plus tot|"
    r"apres-midi|ce week-end|le \d"
)
INTRO_ADVERBIALS = (
    r"dans|de|du|des|au|aux|a|en|plus|par|lors|pour|cote|selon|d'apres|apres|avant|depuis|sur|"
    r"enfin|ensuite|pourtant|toutefois|cependant|ainsi|or|mais|et|puis|parallelement"
)
ADVERB_SUFFIXES = "ment"
LEADING_CONNECTORS = (
    "ce a quoi|c'est alors que|c'est pourquoi|et|mais|or|puis|"
    # a relative clause that opens on its time ("…, au cours duquel le président a averti…")
    "(?:au cours|lors|a l'issue) (?:duquel|de laquelle|desquels|desquelles)|(?:pendant|durant) (?:lequel|laquelle)"
)
# What opens a clause giving a reason: a reporting verb inside it is the reason, not the sentence's statement
# ("Selon le journal, X a résisté, car il souhaitait que…").
CAUSAL_CONJUNCTIONS = "car|parce que|parce qu'|puisque|puisqu'"

# Anaphoric sources (attribute/context.py); whole folded phrases.
SAME_SOURCE = r"(?:la|cette)?\s*(?:meme|même)?\s*(?:source|sources)"
PERSON_PRONOUNS = ("il", "elle", "ils", "elles", "celui-ci", "celle-ci", "ce dernier", "cette derniere")
THING_PRONOUNS = "celui-ci celle-ci"
BACK_REFERENCE_DETERMINERS = {
    "staff": "ses|son|sa|leurs?",
    "document": "le|ce|la|cette",
    "outlet": "la|le|l'|cette|ce",
    "institution": "le|la|l'",
    "person": "le|la",
    "office": "le|la|l'",
}
BACK_REFERENCE_NOUNS = {
    "staff": (
        "services|cabinet|entourage|ministere|bureau|equipe|porte-parole|proches|collaborateurs|attachee? de presse"
    ),
    "document": "communique|texte|declaration|compte[- ]rendu|note",
    "outlet": "publication|journal|quotidien|media|agence|site|hebdomadaire|magazine|chaine",
    "institution": "ministere|gouvernement|presidence|armee|etat-major",
    "person": (
        r"ministre|porte-parole|president|presidente|chef de la diplomatie|chef|cheffe|secretaire|premier ministre|"
        r"chancelier|chanceliere|diplomate|responsable|general|premier|chef d'etat|chef de l'etat|"
        r"cheffe du gouvernement|chef du gouvernement|dirigeant"
    ),
    "office": "bureau|cabinet|entourage|equipe|services",
}
FEMININE_PRONOUNS = ("elle", "elles", "celle-ci", "cette derniere")
PLURAL_PRONOUNS = "ils elles"
NAME_PARTICLES = "de da do dos van von bin ben al el di del"
TITLE_BOUNDARY_WORDS = "avec et que qu' qui a par dont entre"
TITLE_OPEN_ENDS = "de des du d le la"
SINGULAR_ENDING_S = "sa ses mes tes nos vos leurs"
SUBJECT_DETERMINERS = "le|la|l'|les|un|une|des|deux|trois|plusieurs"
SUBJECT_VERBS = "a|ont|avait|avaient|s'est|se sont|est|sont"
OUTLET_WORDS_AFTER = "d'etat|officielle|de presse|publique|d'information|etatique"
FEMININE_DETERMINERS = "la une cette"

# Attribution constructions (attribute/engine.py); folded text.
ACCORDING_WORDS = "selon|d'apres|de source|de sources|aux yeux de|aux yeux du|aux yeux des"
CITING_WORDS = ("cite par", "citant")
ACCORDING_NOT_BEFORE = "lesquel|laquelle|lequel|toute|tous"
EMBEDDED_DETERMINERS = "les|des|ces|ses|leurs"
EMBEDDED_NOUNS = (
    "affirmations|accusations|allegations|declarations|propos|assertions|informations|affirmation|accusation|"
    "allegation"
)
EMBEDDED_LINKS = "de|d'|du|des"
EMBEDDED_COMPLEMENTIZERS = "selon lesquel(?:le)?s|selon lequel|selon laquelle"
STATEMENT_COPULAS = "a ete|est|etait|s'est montree?|se montre"
STATEMENT_INTENSIFIERS = "tres |tout a fait "
FIRMNESS_ADJECTIVES = "clair|claire|ferme|categorique|explicite|formel|formelle"
NOT_SPEECH_AFTER = r"la guerre\b|forfait\b|l'etat d'urgence\b|adieu\b|au revoir\b"
OBJECT_DETERMINERS = "le|la|les|l'|un|une|des|du|son|sa|ses"
PHRASE_DETERMINERS = r"le|la|les|l'|un|une|des|cette|ce|son|sa|ses|m\.|mme"
QUALIFYING_VERBS = "qualifier décrire classer"
SUBORDINATORS = "apres que|alors que|tandis que|pendant que"
COMPLEMENTIZERS = "que qu qu' lesquels lesquelles laquelle lequel"
NO_SPEAKER_WORDS = "aucun aucune ni"
STATEMENT_HEADS = "affirmation|information|chiffre|point de vue"
INDEFINITE_ARTICLES = "un|une"
RELATIVE_OPENERS = "ce qu'|ce que"
NOUN_MARKERS = "aucune aucun nouvelle nouveau deux trois quatre plusieurs"
VERB_NEGATION = r"n'|ne\s"
STATEMENT_WORDS = "communique|declaration|compte[- ]rendu|note"
SUBJECT_TRIM_WORDS = (
    "ne n lui elle eux pour part sa son de cote egalement aussi meme quant a se s ensuite deja encore ainsi"
)
PASSIVE_AUXILIARIES = "est sont etait etaient ete"
AGENT_PREPOSITIONS = "par"
OPINION_PREPOSITIONS = "pour"
MESSAGE_OWNER = r"(?:le|la|l')\s*(?:message|position|reponse|ligne)\s+(?:de|du|des|d')\s*"
APPOSITION_ADVERBIALS = (
    "en particulier|notamment|quant à lui|quant à elle|de son côté|pour sa part|"
    "lui aussi|elle aussi|également|toutefois|cependant|pourtant"
)
TIME_PHRASES = r"la semaine|le mois|cette semaine|ce mois|plus tot|plus tard|le \d"
CLAUSE_OPENERS = r"selon|d'apres|a\s+\w+|ont\s+\w+|qui|alors|tandis"
CLAUSE_COMPLEMENTIZERS = "que|qu'"
INFINITIVE_MARKERS = "avoir|etre"
PASSIVE_MARKERS = "ete"
BEFORE_INFINITIVE = "en pour sans"
AND_WORDS = "et"
BUT_WORDS = "mais"
CLAUSE_SUBORDINATORS = "que|qu'|alors que|tandis que"
REFLEXIVE_PRONOUNS = "se s me te"
BEING_AUXILIARIES = "est sont etait etaient s"
NEGATION_CLITICS = "n ne"

# Where a claim's content coordinates a second reporting clause, so it carries two propositions
# ("… a souligné X et a appelé à Y"); matched on accent-folded lower case (points).
PROPOSITION_BREAKS = (
    r"(?:,\s*|\s)(?:et|mais) (?:a|avait|ont|il a|elle a) (?:\w+ )?(?:appele|demande|exhorte|souligne|insiste|"
    r"averti|rappele|plaide|propose|affirme|declare|estime|juge|reclame|exige|presse|evoque)\b|;\s"
)

# What marks a statement as background to the exchange an article reports (accent-folded lower case; link):
# an earlier exchange recalled, a position held for days or repeated, a standing claim.
BACKGROUND_CUES = (
    r"\b(?:precedente?s? (?:entretiens?|echanges?|appels?|conversations?|rencontres?|contacts?|visites?)|"
    r"pour la derniere fois|"
    r"depuis (?:plusieurs|des|quelques|de nombreux|de nombreuses) (?:jours|semaines|mois|annees)|depuis longtemps|"
    r"de longue date|a (?:plusieurs|maintes|de nombreuses|de multiples) reprises|regulierement|"
    r"considere (?:depuis|toujours|de longue date)|reclame depuis|"
    r"avait (?:deja )?qualifie|le mois dernier|l'an dernier|l'annee derniere|"
    # the pluperfect with "alors": at the earlier time just mentioned ("L'Élysée avait alors indiqué")
    r"(?:avait|avaient) alors)\b"
)

# Words that make a person a woman (accent-folded lower case; attribute.context).
FEMALE_WORDS = (
    "mme mmes madame mlle elle elles celle-ci cheffe chanceliere presidente premiere directrice ambassadrice "
    "conseillere deputee senatrice"
)

# A source that is both parties at once, so no side's claim (on accent-folded text; attribute.engine).
JOINT_SOURCE = (
    r"(?:les|ces) (?:deux|trois) (?:hommes|femmes|dirigeants|presidents|ministres|chefs d'etat|parties|"
    r"puissances(?: \w+)?|pays|camps|delegations|responsables|communiques|comptes rendus|gouvernements|capitales|"
    r"ministeres|chancelleries|diplomaties|armees|presidences)"
    r"|les dirigeants|tous deux"
    r"|(?:un|le) communique (?:conjoint|commun)(?: (?:publie|diffuse) .{0,60})?"
    r"|(?:une|la) declaration (?:conjointe|commune)(?: (?:publiee|diffusee) .{0,60})?"
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

# Verb complements that are no reported speech (attribute/engine.py); folded text.
COMPLEMENT_AS_WORDS = "comme"
QUOTED_OBJECT_LINKS = "de|d'"
EVALUATING_VERBS = "juger considerer estimer"
WH_WORDS = "comment|pourquoi|combien"
PARTICIPLE_SUFFIXES = "ant"
INVERTED_PRONOUNS = "il|elle|ils|elles|on"
OBJECT_CLITICS = "l'|lui|leur|les|la|le"
CLAUSE_BOUNDARY_WORDS = "que|qu'|lorsque|puisque|car"
SOURCE_PHRASE_STOPS = r"d'avoir|de\s+\w+er\b|d'\w+er\b|comme\s"

# Points of divergence (points.py, diverge.py): words that only report the exchange (its taking place, length, tone).
META_WORDS = """
president presidente presidents dirigeant dirigeants leader leaders avoir
eu lieu tenu tenue dure duree heure heures minute minutes premier premiere premiers fois depuis annee annees an ans
mois semaine semaines jours sincere approfondi approfondie franc franche direct directe constructif constructive
cordial cordiale detaille detaillee substantiel substantielle long longue telephone telephonique conversation
entretien appel echange echanges vues presque dernier derniere connu
ministre ministres chancelier homologue homologues secretaire affaires etrangeres
question questions dossier dossiers sommet
"""
JOINT_OUTCOME_VERBS = (
    r"ont (?:\w+ )?(?:convenu|decide|accepte|conclu|estime|salue|exprime|souligne)|sont convenus"
    r"|se sont (?:\w+ )?(?:accordes|entendus|engages)"
)

# Silent omissions and scope (diverge.py), folded text: a demand, condition, warning or proposal; the exchange
# itself taking place; concepts named across languages (concept -> French words).
DEMAND_CUES = (
    r"\b(?:a|ont|avait|avaient)\s+(?:\w+\s+)?[«\"]?\s*(?:reclame|exige|exhorte|appele|presse|averti|mis en garde|"
    r"propose|demande a|demande que)\b|\b(?:appelant|exigeant|reclamant|exhortant)\b"
    r"|\bet [«\"]\s*(?:appele|exige|reclame)\b"
    r"|\b(?:la|ses|leurs|comme) conditions?\b|\bconditions? (?:cle|essentielles?|prealables?)\b"
)
EXCHANGE_HELD = (
    r"\b(?:s'est|se sont) entretenus?\b|\b(?:a|ont|avait|avaient) eu (?:un|une|leur) (?:\w+ )?"
    r"(?:entretien|conversation|appel)\b|\b(?:a|avait|ont|avaient) (?:parle|dure)\b"
)
CONCEPTS = {
    "ceasefire": "cessez treve",
    "aid": "aide assistance",
    "intelligence": "renseignement",
    "energy": "energie energetique",
    "weapons": "armes armement",
    "talks": "negociations pourparlers",
    "prisoners": "detenus prisonniers",
    "release": "liberation",
    "peace": "paix",
    "war": "guerre conflit",
    "tariffs": "douane tarifs",
    "trade": "commerce commerciales",
    "troops": "troupes soldats",
    "withdrawal": "retrait",
    "strikes": "frappes attaques",
    "sovereignty": "souverainete",
    "annexation": "annexion",
    "grain": "cereales ble",
    "elections": "elections scrutin",
    "halt": "arret cessation suspension",
    "border": "frontiere frontieres frontaliers frontalier",
    "disengagement": "desengagement",
    "patrols": "patrouilles",
    "flights": "vols",
    "agreement": "accord",
    "hostages": "otages",
    "history": "histoire historique",
    "compensation": "indemnisation indemnisations reparations dedommagement",
    "nuclear": "nucleaire atomique enrichissement aiea",
    "mediation": "mediation mediateur intermediaire",
    "sanctions": "sanctions embargo",
    "water": "eau eaux fleuve fleuves riviere",
    "pilgrims": "pelerins pelerinage",
    "port": "port ports portuaire portuaires",
    "sea": "mer maritime",
    "lease": "bail baux louer",
    "controls": "controles",
    "apology": "excuses",
}

# A question the claim answers, whose words up to the next comma give the answer's topic (diverge.py).
# The tone each side gives the exchange (diverge_readouts.py): tone -> adjectives, every form; the nouns they qualify.
TONE_WORDS = {
    "frank": "franc franche francs franches",
    "cordial": "cordial cordiale cordiaux cordiales",
    "constructive": "constructif constructive constructifs constructives",
    "friendly": "amical amicale amicaux amicales",
    "warm": "chaleureux chaleureuse chaleureuses",
    "productive": "productif productive productifs productives fructueux fructueuse fructueuses",
    "positive": "positif positive positifs positives",
    "sincere": "sincere sinceres",
    "useful": "utile utiles",
    "thorough": "approfondi approfondie approfondis approfondies detaille detaillee detailles detaillees",
    "businesslike": "pragmatique pragmatiques",
    "respectful": "respectueux respectueuse respectueuses",
    "difficult": "difficile difficiles tendu tendue tendus tendues",
    "excellent": "excellent excellente excellents excellentes",
}
EXCHANGE_NOUNS = (
    r"entretiens?|echanges?|rencontres?|reunions?|discussions?|conversations?|appels?|dialogue|visite|sommet|pourparlers"
)

QUESTION_LEADS = r"(?:interroge|questionne)e?s? (?:sur|a propos)|a la question de savoir"
# The exchange was restricted to some topics / covered some topics (diverge.py).
RESTRICTION_CUES = (
    r"limitee? aux?|limites aux?|cantonnee? aux?|uniquement|exclusivement"
    r"|n'a ete question que|n'a porte que|ne portait que"
)
COVERAGE_CUES = r"y compris|(?:ont|a) ete (?:abordee?s?|evoquee?s?|discutee?s?)"

# Relative clauses that answer the sentence's statement (attribute/engine.py).
RELATIVE_REPORT_OPENERS = "ce qu'|ce que|chose que"

# A relative clause describing a source (link.py).
SOURCE_RELATIVES = "qui|dont|lequel|laquelle"

# Adverbs between an auxiliary and its participle, by their ending (attribute/engine.py).
VERB_ADVERB_SUFFIXES = "ment"

# Lemmes qui démentent une déclaration, pour « un chiffre démenti par X » (attribute/engine.py).
STATEMENT_DENIALS = "dementir nier contester refuter"

# The relative pronoun subject of a reporting verb: its antecedent speaks (attribute/engine.py).
RELATIVE_SUBJECTS = "qui"

# What makes a noun phrase the complement of a longer one (attribute/engine.py).
COMPLEMENT_LINKS = "de d du des en avec pour chez"

# Verbs that also mean recognising a state (attribute/engine.py); folded lemmas.
RECOGNITION_VERBS = "reconnaitre"
