from __future__ import annotations

import pytest

from crosscheck.segment import paragraphs, segment


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le ministre est arrivé. Il a parlé.", ["Le ministre est arrivé.", "Il a parlé."]),
        ("M. Dupont a parlé. MM. Austin et Li ont discuté.", ["M. Dupont a parlé.", "MM. Austin et Li ont discuté."]),
        ("Mme Baerbock a parlé. Puis elle est partie.", ["Mme Baerbock a parlé.", "Puis elle est partie."]),
        ("J. D. Vance est arrivé. Il a parlé.", ["J. D. Vance est arrivé.", "Il a parlé."]),
        ("Le 3.5 % annoncé. Fin.", ["Le 3.5 % annoncé.", "Fin."]),
        ("« Nous refusons. Jamais », a-t-il dit. Ensuite ?", ["« Nous refusons. Jamais », a-t-il dit.", "Ensuite ?"]),
        ("« Questions abordées. » Le texte suit.", ["« Questions abordées. »", "Le texte suit."]),
        ("Titre sans point\nPremière phrase.", ["Titre sans point", "Première phrase."]),
        (
            "Une phrase assez longue pour avoir été coupée par le\nretour à la ligne. Suite.",
            ["Une phrase assez longue pour avoir été coupée par le\nretour à la ligne.", "Suite."],
        ),
        ("Un titre court\npar Le Journal", ["Un titre court", "par Le Journal"]),
        ("“We will respond,” he said. “Soon.”", ["“We will respond,” he said.", "“Soon.”"]),
        ("Mr. Blinken met Gen. Brown. They talked.", ["Mr. Blinken met Gen. Brown.", "They talked."]),
        ("L'ONU (New York) s'inquiète… La suite.", ["L'ONU (New York) s'inquiète…", "La suite."]),
        ("", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_slice_the_text_exactly() -> None:
    text = "  Titre\n\nLe ministre a dit « oui ».  Puis  il est parti.\r\nFin"
    for span in segment(text):
        piece = text[span.start : span.end]
        assert piece == piece.strip() and piece


def test_paragraph_numbers_follow_lines() -> None:
    text = "Un.\n\nDeux. Trois.\nQuatre."
    assert [s.paragraph for s in segment(text)] == [0, 1, 1, 2]
    assert len(paragraphs(text)) == 3
