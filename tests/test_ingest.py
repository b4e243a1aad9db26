from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.analyse import analyse_document
from crosscheck.ingest import ingest_paths
from crosscheck.models import IngestStatus, SentenceKind
from crosscheck.readers import Document
from crosscheck.store import Store
from tests.conftest import no_claims

ARTICLE = """Appel entre Paris et Ankara
Par Le Quotidien du Soir avec AFP
Publié le 24 mai 2022 à 19h05
Aller au contenu
Le président français a déclaré mardi que l'appel avait été « constructif », selon l'Élysée.
Lire aussi : notre dossier sur la Turquie
Le ministère turc a affirmé de son côté que la discussion avait porté sur les céréales.
Le président français a déclaré mardi que l'appel avait été « constructif », selon l'Élysée.
Le président turc, Recep Tayyip Erdogan. Photo : AFP
Rejoignez-nous sur Telegram pour ne rien manquer.
12 commentaires
Comment (0)
Que pouvez-vous faire pour nous ?
Soutenez notre rédaction indépendante : faites un don dès 1 €. Nous comptons sur votre soutien.
"""


def analyse(text: str, name: str = "a1"):
    return analyse_document(Document(id=name, text=text, path=Path(f"{name}.txt"), format="txt"))


def test_metadata_is_read_from_the_header() -> None:
    article, _ = analyse(ARTICLE)
    assert article.title == "Appel entre Paris et Ankara"
    assert article.outlet == "Le Quotidien du Soir"
    assert article.agency == "AFP"
    assert str(article.published) == "2022-05-24"
    assert article.lang == "fr"


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("par Top Nouvelles", "outlet", "Top Nouvelles"),
        ("Source : L’Écho diplomatique", "outlet", "L’Écho diplomatique"),
        ("source : https://www.exemple-presse.fr/monde/article-42", "outlet", "exemple-presse.fr"),
        ("By The Daily Ledger staff", "outlet", "The Daily Ledger"),
        ("By Daniel Harper and Lin Qiao", "outlet", None),  # authors, not an outlet
        (
            "WASHINGTON, April 17, 2025 (Reuters) - The Pentagon said on Thursday that talks went well.",
            "agency",
            "Reuters",
        ),
        ("Mis à jour : 18/04/2025 15:17", "published", "2025-04-18"),
        ("March 12, 2025", "published", "2025-03-12"),
    ],
)
def test_header_lines(line: str, field: str, value: str | None) -> None:
    article, _ = analyse(f"Un titre\n{line}\nLe ministre a parlé longuement devant la presse réunie à Paris.\n")
    found = getattr(article, field)
    assert (found if value is None else str(found)) == value


def test_sentence_kinds_mark_boilerplate_meta_headings_and_repeats() -> None:
    article, sentences = analyse(ARTICLE)
    kinds = {article.text[s.start : s.end][:25]: s.kind for s in sentences}
    assert kinds["Appel entre Paris et Anka"] is SentenceKind.HEADING
    assert kinds["Par Le Quotidien du Soir "] is SentenceKind.META
    assert kinds["Publié le 24 mai 2022 à 1"] is SentenceKind.META
    assert kinds["Aller au contenu"] is SentenceKind.BOILERPLATE
    assert kinds["Lire aussi : notre dossie"] is SentenceKind.BOILERPLATE
    assert kinds["Le ministère turc a affir"] is SentenceKind.BODY
    assert kinds["Le président turc, Recep "] is SentenceKind.HEADING
    assert kinds["Rejoignez-nous sur Telegr"] is SentenceKind.BOILERPLATE
    assert kinds["12 commentaires"] is SentenceKind.BOILERPLATE
    assert kinds["Comment (0)"] is SentenceKind.BOILERPLATE
    assert kinds["Soutenez notre rédaction "] is SentenceKind.BOILERPLATE
    assert kinds["Que pouvez-vous faire pou"] is SentenceKind.BOILERPLATE  # the appeal's own heading
    repeated = [s.kind for s in sentences if article.text[s.start : s.end].startswith("Le président français")]
    assert repeated == [SentenceKind.BODY, SentenceKind.DUPLICATE]


def test_every_sentence_slices_the_original_text(examples: Path) -> None:
    for path in sorted(examples.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        article, sentences = analyse(text, path.stem)
        assert article.text == text
        for sentence in sentences:
            piece = text[sentence.start : sentence.end]
            assert piece and piece == piece.strip()


def write_articles(folder: Path, count: int, prefix: str = "art") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"{prefix}{i:05d}.txt").write_text(
            f"Le ministère a déclaré que la réunion {prefix} numéro {i} avait eu lieu.\n", encoding="utf-8"
        )


def test_reingesting_is_a_no_op_under_any_name(tmp_path: Path, store: Store) -> None:
    write_articles(tmp_path / "in", 3)
    first = ingest_paths([tmp_path / "in"], store, extractor=no_claims)
    assert first.count(IngestStatus.NEW) == 3
    copy = tmp_path / "copy.txt"
    copy.write_text((tmp_path / "in" / "art00001.txt").read_text(encoding="utf-8"), encoding="utf-8")
    again = ingest_paths([tmp_path / "in", copy], store, extractor=no_claims)
    assert again.count(IngestStatus.UNCHANGED) == 4 and again.count(IngestStatus.NEW) == 0
    assert store.counts()["articles"] == 3


def test_changed_file_updates_its_article(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Le ministre a parlé hier soir à Genève.\n", encoding="utf-8")
    ingest_paths([path], store, extractor=no_claims)
    path.write_text("Le ministre a parlé hier soir à Genève. Il a ajouté une phrase.\n", encoding="utf-8")
    summary = ingest_paths([path], store, extractor=no_claims)
    assert summary.count(IngestStatus.UPDATED) == 1
    assert store.counts() == {"articles": 1, "sentences": 2, "claims": 0}


def test_same_name_in_two_folders_keeps_both(tmp_path: Path, store: Store) -> None:
    for folder, words in (("x", "mardi"), ("y", "jeudi")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "dup.txt").write_text(f"Le ministre a parlé {words}.\n", encoding="utf-8")
    ingest_paths([tmp_path / "x", tmp_path / "y"], store, extractor=no_claims)
    ids = [a.id for a in store.articles()]
    assert len(ids) == 2 and "dup" in ids


def test_bad_files_fail_alone_and_the_rest_is_stored(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "mixed"
    write_articles(folder, 2)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "legacy.txt").write_bytes("Le ministère a déclaré que l'été serait décisif.".encode("cp1252"))
    summary = ingest_paths([folder], store, extractor=no_claims)
    assert summary.count(IngestStatus.NEW) == 3
    assert sorted(Path(o.path).name for o in summary.failed) == ["binary.txt", "empty.txt"]
    assert all(o.message.count("\n") == 0 and o.path in o.message for o in summary.failed)


def test_a_folder_of_ten_thousand_files(tmp_path: Path, store: Store) -> None:
    write_articles(tmp_path / "many", 10_000)
    summary = ingest_paths([tmp_path / "many"], store, extractor=no_claims)
    assert summary.count(IngestStatus.NEW) == 10_000
    assert store.counts()["articles"] == 10_000


def test_a_large_event_is_read_in_a_bounded_part(any_store: Store) -> None:
    """What a new article is compared with: each side's latest attributed
    claims and each point's latest claims, not every claim of the event."""
    from crosscheck.models import Claim, DivergenceKind, Point
    from crosscheck.store import to_row

    claims = [
        Claim(
            id=f"c{i:04d}",
            article_id=f"z{i:04d}" if i % 2 else f"a{i:04d}",  # stored order differs from article order
            start=0,
            end=10,
            text="x" * 10,
            content_start=0,
            content_end=10,
            source=None if i % 3 == 0 else "le ministère",
            side=("RU", "US", None)[i % 5 % 3],
            event_id="big",
        )
        for i in range(1, 301)
    ]
    told = {"RU": [f"c{i:04d}" for i in range(1, 31)], "US": ["c0034"]}
    with any_store.transaction():
        any_store.insert_rows("claims", (to_row(c) for c in claims))
        any_store.save_points(
            [Point(id="p1", event_id="big", kind=DivergenceKind.DENIAL, topic="t", score=1.0, claims=told)]
        )
    newest = claims[-1].article_id
    read = any_store.event_claims("big", recent=20, leaving_out=newest)
    kept = [c for c in reversed(claims) if c.source and c.article_id != newest]
    latest = {c.id for side in ("RU", "US", None) for c in [c for c in kept if c.side == side][:20]}
    assert {c.id for c in read} == latest | set(told["RU"][-20:]) | {"c0034"}
    assert [c.id for c in read] == [c.id for c in sorted(read, key=lambda c: (c.article_id, c.start))]
    assert len(any_store.event_claims("big")) == 300
