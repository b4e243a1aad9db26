"""Article metadata from the header and footer lines of hand-written
articles: title, outlet, relayed agency, address, publication date, language;
and the lines that look like metadata but are not."""

from __future__ import annotations

from datetime import date

import pytest

from crosscheck.metadata import dateline_month_day, detect_language, page_date, read_header, url_date

TITLE = "Moscou et Washington renouent le contact militaire"
BODY_FR = (
    "Le ministre russe de la Défense s'est entretenu mardi avec son homologue américain, a indiqué le ministère, "
    "qui n'a pas précisé la durée de l'échange."
)
BODY_EN = (
    "The Russian defence minister spoke by phone with his American counterpart on Tuesday, the ministry said, "
    "without saying how long the call lasted."
)


def header(*lines: str, skip: set[int] = frozenset()):
    return read_header(list(lines), skip=set(skip))


# --- title ---------------------------------------------------------------------


def test_the_title_is_the_first_line() -> None:
    assert header(TITLE, "Par Le Courrier du Matin avec AFP", BODY_FR).title == TITLE


def test_a_markdown_heading_is_a_title_without_its_marks() -> None:
    assert header(f"## {TITLE}", BODY_FR).title == TITLE


def test_a_first_line_that_is_a_sentence_is_no_title() -> None:
    assert header(BODY_FR, BODY_FR).title is None


def test_the_title_skips_page_furniture_and_bylines() -> None:
    assert header("Aller au contenu", TITLE, BODY_FR, skip={0}).title == TITLE
    assert header("Par Le Courrier du Matin", TITLE, BODY_FR).title == TITLE


# --- outlet and agency -------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "outlet", "agency"),
    [
        ("Par Le Courrier du Matin avec AFP", "Le Courrier du Matin", "AFP"),
        ("par Le Courrier du Matin (AFP)", "Le Courrier du Matin", "AFP"),
        ("Par La Gazette de l'Est et Reuters", "La Gazette de l'Est", "Reuters"),
        ("By The Evening Ledger staff", "The Evening Ledger", None),
        ("By Evening Ledger Reporters", "Evening Ledger", None),
        ("By The Evening Ledger with Associated Press", "The Evening Ledger", "AP"),
        ("Source : Le Courrier de l'Est", "Le Courrier de l'Est", None),
        ("Sources: Harbour City Monitor.", "Harbour City Monitor", None),
        ("Source : https://www.lecourrier-est.fr/monde/appel-austin-belousov-123", "lecourrier-est.fr", None),
        ("Source: https://m.eveningledger.com/world/call-4521", "eveningledger.com", None),
    ],
)
def test_bylines_and_source_lines_name_the_outlet(line: str, outlet: str, agency: str | None) -> None:
    info = header(TITLE, line, BODY_FR)
    assert (info.outlet, info.agency) == (outlet, agency)
    assert info.meta_paragraphs == {1}


def test_a_source_url_is_kept_as_the_article_s_address() -> None:
    url = "https://www.lecourrier-est.fr/monde/appel-austin-belousov-123"
    assert header(TITLE, f"Source : {url}", BODY_FR).url == url
    bare = header(TITLE, "https://www.eveningledger.com/world/call-4521", BODY_EN)
    assert bare.url == "https://www.eveningledger.com/world/call-4521" and bare.meta_paragraphs == {1}


def test_an_outlet_under_a_two_label_suffix_keeps_its_name() -> None:
    info = header(TITLE, "Source: https://www.eveningledger.co.uk/world/call-4521", BODY_EN)
    assert info.outlet == "eveningledger.co.uk"


def test_a_footer_source_line_names_the_outlet() -> None:
    paragraphs = [TITLE, *[BODY_FR] * 10, "Source : Le Courrier de l'Est"]
    info = read_header(paragraphs)
    assert info.outlet == "Le Courrier de l'Est" and info.meta_paragraphs == {11}


def test_the_header_byline_wins_over_a_footer_source() -> None:
    paragraphs = [TITLE, "Par Le Courrier du Matin", *[BODY_FR] * 10, "Source : La Gazette de l'Est"]
    assert read_header(paragraphs).outlet == "Le Courrier du Matin"


@pytest.mark.parametrize(
    ("line", "agency"),
    [
        ("MOSCOU, 25 juin 2024 (AFP) -", "AFP"),
        (
            "WASHINGTON, June 25, 2024 (Reuters) - The Pentagon said on Tuesday that Defense Secretary Lloyd Austin "
            "had spoken by phone with his Russian counterpart for the first time since March.",
            "Reuters",
        ),
        (
            "KIEV, 25 juin 2024 (Associated Press) — Le ministère ukrainien de la Défense a salué mardi la reprise "
            "du contact entre Moscou et Washington, selon un communiqué publié dans la soirée.",
            "AP",
        ),
    ],
)
def test_the_dateline_names_the_relayed_agency_and_the_date(line: str, agency: str) -> None:
    info = header(TITLE, line, BODY_FR)
    assert info.agency == agency
    assert info.published == date(2024, 6, 25)
    assert info.outlet is None


def test_a_long_lede_s_dateline_stays_a_body_paragraph() -> None:
    lede = (
        "WASHINGTON, June 25, 2024 (Reuters) - The Pentagon said on Tuesday that Defense Secretary Lloyd Austin "
        "had spoken by phone with his Russian counterpart for the first time since March."
    )
    assert header(TITLE, lede, BODY_EN).meta_paragraphs == set()


@pytest.mark.parametrize(
    "line",
    [
        "Par Claire Dumont",
        "Par Claire Dumont et Paul-Henri Girard",
        "By Sarah O'Neill",
        "By Daniel Harper, Lin Qiao and Tom Ashby",
        "Par Jean-Marc Lefèvre, envoyé spécial à Kiev",
    ],
)
def test_a_byline_of_authors_is_not_an_outlet(line: str) -> None:
    assert header(TITLE, line, BODY_FR).outlet is None


def test_authors_writing_with_an_agency_give_the_agency_only() -> None:
    info = header(TITLE, "Par Claire Dumont avec AFP", BODY_FR)
    assert (info.outlet, info.agency) == (None, "AFP")


@pytest.mark.parametrize(
    "line",
    [
        "Selon Reuters, les deux ministres ne s'étaient plus parlé depuis mars.",
        "Reuters could not independently verify the ministry's account.",
        "Le Kremlin a démenti mardi une dépêche de l'AFP sur la durée de l'appel.",
        "Par ailleurs, le ministère a indiqué que d'autres contacts étaient prévus.",
        "By then, the two ministers had not spoken for fifteen months.",
    ],
)
def test_a_body_sentence_naming_an_agency_is_no_metadata(line: str) -> None:
    info = header(TITLE, line, BODY_FR)
    assert (info.outlet, info.agency, info.meta_paragraphs) == (None, None, set())


def test_a_dispatch_closing_a_roundup_does_not_name_the_article_s_agency() -> None:
    closing = (
        "PÉKIN, 26 juin 2024 (Reuters) - La Chine a appelé mercredi Moscou et Washington à « maintenir le "
        "dialogue », selon un porte-parole de la diplomatie chinoise interrogé lors d'un point de presse."
    )
    paragraphs = [TITLE, "Par Le Courrier du Matin", *[BODY_FR] * 10, closing]
    assert read_header(paragraphs).agency is None


def test_a_footer_sentence_naming_an_agency_is_no_metadata() -> None:
    paragraphs = [TITLE, *[BODY_EN] * 10, "Reuters contributed reporting, an editor's note said."]
    info = read_header(paragraphs)
    assert (info.outlet, info.agency, info.meta_paragraphs) == (None, None, set())


# --- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Publié le 25 juin 2024 à 14h32", date(2024, 6, 25)),
        ("Mis à jour le 1er juillet 2024 à 09h05", date(2024, 7, 1)),
        ("Modifié le 03/07/2024 à 18:40", date(2024, 7, 3)),  # day first, as French pages write it
        ("Published June 25, 2024 at 2:32 p.m.", date(2024, 6, 25)),
        ("Updated 25 Jun. 2024", date(2024, 6, 25)),
        ("2024-06-25", date(2024, 6, 25)),
    ],
)
def test_date_lines_in_french_and_english(line: str, published: date) -> None:
    info = header(TITLE, line, BODY_FR)
    assert info.published == published
    assert info.meta_paragraphs == {1}


def test_the_first_date_line_wins() -> None:
    info = header(TITLE, "Publié le 25 juin 2024 à 14h32", "Mis à jour le 26 juin 2024 à 08h00", BODY_FR)
    assert info.published == date(2024, 6, 25) and info.meta_paragraphs == {1, 2}


def test_a_date_deep_in_the_body_is_not_the_publication_date() -> None:
    paragraphs = [TITLE, *[BODY_FR] * 9, "Publié le 25 juin 2024 à 14h32", BODY_FR, BODY_FR, BODY_FR, BODY_FR, BODY_FR]
    assert read_header(paragraphs).published is None


def test_a_short_sentence_opening_with_a_date_is_not_a_date_line() -> None:
    claim = "Le 25 juin 2024, le Kremlin a affirmé que l'appel avait été demandé par Washington."
    assert header(TITLE, "Par Le Courrier du Matin", claim, BODY_FR).meta_paragraphs == {1}


# --- language --------------------------------------------------------------------------


def test_the_language_is_french_or_english_and_none_for_too_little_text() -> None:
    assert detect_language(BODY_FR) == "fr"
    assert detect_language(BODY_EN) == "en"
    assert detect_language("Merci.") is None


# --- bylines that name authors, then the outlet; ledes that open on a dateline ---------


@pytest.mark.parametrize(
    ("line", "outlet", "agency"),
    [
        ("**Par Selin Kaya, à Ankara** — Le Courrier du Bosphore", "Le Courrier du Bosphore", None),
        ("By Selin Kaya in Ankara — Harbour City Monitor", "Harbour City Monitor", None),
        ("By Daniel Harper | The Evening Ledger (Reuters)", "The Evening Ledger", "Reuters"),
    ],
)
def test_a_byline_of_authors_then_an_outlet_names_the_outlet(line: str, outlet: str, agency: str | None) -> None:
    info = header(TITLE, line, BODY_FR)
    assert (info.outlet, info.agency) == (outlet, agency)
    assert info.meta_paragraphs == {1}


@pytest.mark.parametrize(
    ("lede", "published"),
    [
        (f"ANKARA, 3 décembre 2026 — {BODY_FR}", date(2026, 12, 3)),
        (f"NEW DELHI, December 3, 2026 - {BODY_EN}", date(2026, 12, 3)),
        (f"Le Caire — {BODY_FR}", None),
        (f"Washington, which spoke first on Tuesday — {BODY_EN}", None),
    ],
)
def test_a_lede_s_dateline_gives_the_date_without_an_agency(lede: str, published: date | None) -> None:
    info = header(TITLE, lede, BODY_FR)
    assert info.published == published
    assert info.meta_paragraphs == set()


def test_a_national_agency_s_short_name_in_a_dateline() -> None:
    info = header(TITLE, f"ANKARA, 3 décembre 2026 (AA) — {BODY_FR}", BODY_FR)
    assert (info.agency, info.published) == ("Anadolu", date(2026, 12, 3))
    info = header(TITLE, f"ISLAMABAD, December 3, 2026 (APP) - {BODY_EN}", BODY_EN)
    assert (info.agency, info.published) == ("APP", date(2026, 12, 3))


# --- web page dates --------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.co.uk/politics/2026/nov/25/talks", date(2026, 11, 25)),
        ("https://example.com/world/2025/03/07/story.html", date(2025, 3, 7)),
        ("https://example.fr/monde/2024/juin/3/article", date(2024, 6, 3)),
        ("https://example.com/world/2025/story-3", None),
        ("https://example.com/2025/13/40/x", None),
        (None, None),
    ],
)
def test_a_page_address_dates_the_page(url, expected) -> None:
    assert url_date(url) == expected


def test_a_bare_copyright_year_is_not_a_publication_date() -> None:
    page = "<footer>© 2026 Example Media</footer>"
    assert page_date(date(2026, 1, 1), None, page) is None
    assert page_date(date(2026, 1, 1), "https://example.com/2026/11/25/a", page) == date(2026, 11, 25)
    assert page_date(date(2026, 1, 1), None, '<meta property="article:published_time" content="2026-01-01T08:00">') == (
        date(2026, 1, 1)
    )
    assert page_date(date(2026, 3, 4), "https://example.com/2026/11/25/a", page) == date(2026, 3, 4)


def test_an_html_article_dated_only_by_its_address_resolves_a_dateline_in_that_year(tmp_path) -> None:
    from crosscheck.analyse import analyse_document
    from crosscheck.readers import read_documents

    body = " ".join(["The minister said on Tuesday that the talks had gone well and would resume soon."] * 4)
    page = (
        '<html><head><title>Talks</title><link rel="canonical" href="https://news.example.com/world/2026/nov/25/talks">'
        f"</head><body><article><h1>Talks resume</h1><p>LONDON, 25 November – {body}</p></article>"
        "<footer><p>© 2026 Example News</p></footer></body></html>"
    )
    path = tmp_path / "talks.html"
    path.write_text(page, encoding="utf-8")
    article, _ = analyse_document(read_documents(path)[0])
    assert article.published == date(2026, 11, 25)


@pytest.mark.parametrize(
    ("lede", "expected"),
    [
        ("BUENOS AIRES, Nov 25 (BAT) – The minister said", (11, 25)),
        ("KYIV, 3 March – The ministry said", (3, 3)),
        ("PÉKIN, 1er avril (AFP) - Le ministère a dit", (4, 1)),
        ("WASHINGTON, Sept. 4 (Reuters) - The Pentagon said", (9, 4)),
        ("MOSCOW, March 15, 2025 (Reuters) - The Kremlin said", None),  # with its year it dates the article
        ("ANKARA, Tuesday (AA) - The ministry said", None),
        ("Le ministre a parlé, hier – rien", None),
    ],
)
def test_a_dateline_without_its_year_gives_a_month_and_day(lede: str, expected) -> None:
    assert dateline_month_day(lede) == expected
