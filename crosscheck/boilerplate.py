"""Recognise the page furniture that scraped articles carry inside their text.

Navigation ("Aller au contenu"), cross-links ("Lire aussi"), social and
newsletter prompts ("Rejoignez-nous sur Telegram"), donation appeals, comment
counters, share buttons, copyright and cookie notices. Matching is per
paragraph: an appeal is usually one paragraph whose every sentence is noise.
The patterns are matched against the lower-cased paragraph: a big alternation
under IGNORECASE costs four times as much, per character, on long paragraphs.
"""

from __future__ import annotations

import re

# Whole short lines that are navigation or widgets.
WIDGET_LINE = re.compile(
    r"^\W*(?:aller au contenu(?: principal)?|passer au contenu|skip to (?:main )?content|menu|accueil|home|"
    r"rechercher|search|se connecter|connexion|log ?in|sign in|s'abonner|subscribe|abonnez-vous|"
    r"partager(?: sur \w+)?|share(?: on \w+)?|tweeter|imprimer|print|envoyer|e-?mail|copier le lien|"
    r"lire aussi|à lire aussi|a lire aussi|lire la suite|read more|voir aussi|see also|related|"
    r"sur le même sujet|dans la même rubrique|les plus lus|most read|dernier|derniers articles|latest|"
    r"publicité|advertisement|sponsorisé|sponsored|\d+\s*(?:commentaires?|comments?|réactions?)|"
    r"(?:commentaires?|comments?|réactions?)\s*\(\d+\)|"
    r"commentaires?|comments?|réagir|fermer|close|suivant|précédent|next|previous)\W*$"
)

# Phrases that mark a paragraph as an appeal, a prompt or a legal notice.
APPEAL = re.compile(
    r"lire aussi\s*:|à lire aussi|read also\s*:|also read\s*:|"
    r"rejoignez[- ]nous|rejoignez \S+(?: \S+){0,3} sur (?:telegram|whatsapp|facebook|x|twitter|instagram)|"
    r"suivez[- ]nous sur|abonnez[- ]vous|inscrivez[- ]vous à (?:notre|la) newsletter|recevez (?:notre|la) newsletter|"
    r"join us on|follow us on|sign up for (?:our|the) newsletter|subscribe to (?:our|the)|"
    r"faites un don|faire un don|soutenez(?:[- ]nous| notre (?:rédaction|journalisme|média)| \S+(?: \S+)? à partir de)|"
    r"(?:comptons sur|besoin de|grâce à) votre soutien|"
    r"nous comptons sur (?:vous|votre)|"
    r"média (?:libre et )?indépendant|aucune aide publique|journalisme indépendant|"
    r"\bdonate (?:now|today)|make a donation|support (?:our|independent) journalism|"
    r"tous droits réservés|all rights reserved|©|\(c\) \d{4}|"
    r"(?:nous utilisons|ce site utilise|we use) (?:des )?cookies|politique de confidentialité|privacy policy|"
    r"conditions générales|terms of (?:use|service)|mentions légales|"
    r"t\.me/"
)


def is_boilerplate(paragraph: str) -> bool:
    """True when a paragraph is page furniture rather than article text."""
    text = paragraph.strip().lower()
    if not text:
        return False
    if WIDGET_LINE.match(text):
        return True
    return bool(APPEAL.search(text))


def boilerplate_paragraphs(paragraphs: list[str]) -> set[int]:
    """Indices of furniture paragraphs, with the short question or colon line
    that introduces one ("Comment nous soutenir ?", "Newsletter :")."""
    noise = {i for i, p in enumerate(paragraphs) if is_boilerplate(p)}
    for i in sorted(noise):
        heading = paragraphs[i - 1].strip() if i else ""
        if heading and len(heading) < 120 and heading[-1] in "?:":
            noise.add(i - 1)
    return noise
