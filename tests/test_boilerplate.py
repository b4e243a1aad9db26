"""Page furniture inside scraped article text ("Lire aussi", share buttons,
copyright lines, donation appeals, comment counters, repeated ledes) is
marked; news paragraphs that merely use the same words are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.analyse import analyse_document
from crosscheck.boilerplate import boilerplate_paragraphs, is_boilerplate
from crosscheck.models import SentenceKind
from crosscheck.readers import Document


@pytest.mark.parametrize(
    "paragraph",
    [
        # cross-links
        "Lire aussi : Les pourparlers d'Istanbul en cinq dates",
        "Lire aussi Les pourparlers d'Istanbul en cinq dates",
        "À lire aussi – Les pourparlers d'Istanbul en cinq dates",
        "À lire aussi",
        "Read also: Five things to know about the Istanbul talks",
        "Voir aussi",
        # share buttons and widgets
        "Partager",
        "Partager sur Facebook",
        "Share on X",
        "Tweeter",
        "Copier le lien",
        "Imprimer",
        # copyright
        "© 2024 Le Courrier du Matin. Tous droits réservés.",
        "Copyright © 2024 Evening Ledger Media",
        "Copyright 2024 The Evening Ledger. All rights reserved.",
        "Copyright 2024 The Evening Ledger",
        # donation appeals and prompts
        "Soutenez notre journalisme indépendant : faites un don dès 5 €.",
        "Support independent journalism: donate today.",
        "Faites un don « dès aujourd'hui » : nous comptons sur vous.",  # the appeal is outside the quote
        "Rejoignez notre chaîne sur Telegram pour suivre l'actualité en direct.",
        "Follow us on Telegram",
        "Inscrivez-vous à notre newsletter quotidienne.",
        # comment counters
        "12 commentaires",
        "Commentaires (3)",
        "3 comments",
        "Comments (14)",
    ],
)
def test_furniture_is_boilerplate(paragraph: str) -> None:
    assert is_boilerplate(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Le ministre a refusé de partager les détails de l'accord avec la presse, selon un diplomate.",
        "The ministry said it would share intelligence with its allies, a spokesman said.",
        "Le journaliste a été poursuivi pour violation du copyright après la publication des images.",
        "The broadcaster said the footage was protected by copyright and could not be aired.",
        "Les commentaires du ministre ont irrité Pékin, selon des diplomates.",
        "Comments by the minister angered Beijing, officials said.",
        "Le ministère a indiqué que 12 commentaires avaient été reçus lors de la consultation.",
        "Il a appelé les Européens à soutenir l'Ukraine « aussi longtemps qu'il le faudra ».",
        "Que s'est-il dit lors de l'appel ?",
        "",
        "Une déclaration à lire aussi comme un message adressé à Washington, selon un diplomate européen.",
        "« Rejoignez-nous », a lancé le président ukrainien aux dirigeants européens réunis à Bruxelles.",
        "« Nous comptons sur votre soutien », a déclaré le président ukrainien à ses alliés.",
        "“Join us on this path,” the president told European leaders gathered in Brussels.",
        "Le ministre a rappelé que le texte était protégé : « Copyright 2024 », a-t-il lancé.",
    ],
)
def test_news_paragraphs_with_the_same_words_are_not_boilerplate(paragraph: str) -> None:
    assert not is_boilerplate(paragraph)


def test_the_question_that_introduces_an_appeal_is_marked_with_it() -> None:
    paragraphs = [
        "Le ministère a indiqué que les deux ministres avaient parlé pendant une heure.",
        "Que s'est-il dit lors de l'appel ?",
        "Le Pentagone a affirmé que la question des livraisons d'armes n'avait pas été abordée.",
        "Comment nous soutenir ?",
        "Faites un don dès 5 €, nous comptons sur vous.",
    ]
    assert boilerplate_paragraphs(paragraphs) == {3, 4}


ARTICLE = """Moscou et Washington renouent le contact militaire

Par Le Courrier du Matin avec AFP

Le secrétaire américain à la Défense s'est entretenu mardi avec son homologue russe, a annoncé le Pentagone.

Lire aussi : Les précédents échanges entre les deux armées

Le ministère russe a affirmé que Moscou avait mis en garde contre de nouvelles livraisons d'armes. \
Il a refusé de partager le contenu exact de l'échange.

Partager sur Facebook

Le secrétaire américain à la Défense s'est entretenu mardi avec son homologue russe, a annoncé le Pentagone.

5 commentaires

© 2024 Le Courrier du Matin. Tous droits réservés.
"""


def sentence_kinds(text: str) -> list[tuple[str, int, SentenceKind]]:
    """Each sentence's text, paragraph number and kind."""
    article, sentences = analyse_document(Document(id="a", text=text, path=Path("a.txt"), format="txt"))
    return [(article.text[s.start : s.end], s.paragraph, s.kind) for s in sentences]


def test_an_article_s_furniture_is_marked_and_its_news_is_not() -> None:
    kinds = sentence_kinds(ARTICLE)
    marked = {paragraph for _, paragraph, kind in kinds if kind is SentenceKind.BOILERPLATE}
    assert marked == {3, 5, 7, 8}  # "Lire aussi", "Partager sur Facebook", "5 commentaires", "© 2024 …"
    body = [text for text, _, kind in kinds if kind is SentenceKind.BODY]
    assert "Il a refusé de partager le contenu exact de l'échange." in body
    assert any(text.startswith("Le ministère russe a affirmé") for text in body)


def test_a_repeated_lede_is_marked_the_second_time_only() -> None:
    lede = "Le secrétaire américain à la Défense s'est entretenu mardi avec son homologue russe"
    repeats = [kind for text, _, kind in sentence_kinds(ARTICLE) if text.startswith(lede)]
    assert repeats == [SentenceKind.BODY, SentenceKind.DUPLICATE]


def test_the_text_is_kept_whole_around_marked_paragraphs() -> None:
    article, sentences = analyse_document(Document(id="a", text=ARTICLE, path=Path("a.txt"), format="txt"))
    assert article.text == ARTICLE
    assert any(ARTICLE[s.start : s.end] == "Partager sur Facebook" for s in sentences)
