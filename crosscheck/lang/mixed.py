"""Patterns that match French and English together, kept whole.

Each is one alternation whose branch order matters for leftmost-first
matching, so it is not split per language; every article is matched against
both languages whatever its own language is.
"""

# Caption and credit lines inside a paragraph (analyse).
COMBINED_CAPTION = r"(?:photo|crédit|credit|illustration|image|vidéo|video)\s*:|\bphoto\s*©|\(photo\b"

# Whole short lines that are navigation or widgets (boilerplate; matched on lower-cased text).
COMBINED_WIDGET_LINE = (
    r"^\W*(?:aller au contenu(?: principal)?|passer au contenu|skip to (?:main )?content|menu|accueil|home|"
    r"rechercher|search|se connecter|connexion|log ?in|sign in|s'abonner|subscribe|abonnez-vous|"
    r"partager(?: sur \w+)?|share(?: on \w+)?|tweeter|imprimer|print|envoyer|e-?mail|copier le lien|"
    r"lire aussi|à lire aussi|a lire aussi|lire la suite|read more|voir aussi|see also|related|"
    r"sur le même sujet|dans la même rubrique|les plus lus|most read|dernier|derniers articles|latest|"
    r"publicité|advertisement|sponsorisé|sponsored|\d+\s*(?:commentaires?|comments?|réactions?)|"
    r"(?:commentaires?|comments?|réactions?)\s*\(\d+\)|"
    r"commentaires?|comments?|réagir|fermer|close|suivant|précédent|next|previous)\W*$"
)

# Phrases that mark a paragraph as an appeal, a prompt or a legal notice (boilerplate).
COMBINED_APPEAL = (
    r"lire aussi\s*:|^\W*(?:à |a )?lire aussi\b|read also\s*:|also read\s*:|"
    r"rejoignez[- ]nous|rejoignez \S+(?: \S+){0,3} sur (?:telegram|whatsapp|facebook|x|twitter|instagram)|"
    r"suivez[- ]nous sur|abonnez[- ]vous|inscrivez[- ]vous à (?:notre|la) newsletter|recevez (?:notre|la) newsletter|"
    r"join us on|follow us on|sign up for (?:our|the) newsletter|subscribe to (?:our|the)|"
    r"faites un don|faire un don|soutenez(?:[- ]nous| notre (?:rédaction|journalisme|média)| \S+(?: \S+)? à partir de)|"
    r"(?:comptons sur|besoin de|grâce à) votre soutien|"
    r"nous comptons sur (?:vous|votre)|"
    r"média (?:libre et )?indépendant|aucune aide publique|journalisme indépendant|"
    r"\bdonate (?:now|today)|make a donation|support (?:our|independent) journalism|"
    r"tous droits réservés|all rights reserved|©|\(c\) \d{4}|^\W*copyright \d{4}\b|"
    r"(?:nous utilisons|ce site utilise|we use) (?:des )?cookies|politique de confidentialité|privacy policy|"
    r"conditions générales|terms of (?:use|service)|mentions légales|"
    r"t\.me/"
)

# Role titles, on accent-folded lower-case text (actors).
COMBINED_ROLE_WORDS = {
    "defence_minister": (
        r"\b(?:ministres?|secretaires?|chef|cheffe|minister|secretary|head)\b.{0,40}?"
        r"\b(?:defense|defence|armees|war|guerre)\b"
        r"|\b(?:defen[cs]e|war) (?:minister|secretary|chief)\b"
    ),
    "foreign_minister": (
        r"\b(?:ministres?|minister|secretary|chef|cheffe|head)\b.{0,40}?"
        r"\b(?:affaires etrangeres|diplomatie|foreign|exterieur)\b"
        r"|\bsecretary of state\b|\bsecretaire d'etat americain\b|\bchef de la diplomatie\b"
        r"|\bforeign (?:minister|secretary)\b"
    ),
    "head_of_government": (
        r"\b(?:premier ministre|premiere ministre|prime minister|chancelier|chanceliere|chancellor)\b"
        r"|\b(?:chef|cheffe) du gouvernement\b|\bhead of (?:the )?government\b|^(?:the )?premier$"
    ),
    "head_of_state": r"\b(?:president|presidente|king|roi|emir|shah)\b|\bchef (?:de l'|d')etat\b|\bhead of state\b",
    "spokesperson": r"\b(?:porte-parole|porte parole|spokes(?:wo)?man|spokesperson|press secretary)\b",
    "secretary_general": r"\b(?:secretaire general|secretaire generale|secretary[- ]general)\b",
}
