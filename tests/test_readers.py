from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosscheck.errors import InputError
from crosscheck.readers import iter_files, read_documents

FRENCH = "Le ministère a déclaré que l'été serait décisif, selon un communiqué publié à Genève.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\n\t ", "empty file"),
        ("binary.txt", bytes(range(256)) * 4, "binary file"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("broken.json", b'{"text": "abc", ', "invalid JSON"),
        ("notext.jsonl", b'{"title": "x"}\n', "no 'text' field"),
        ("list.jsonl", b"[1, 2]\n", "expected a JSON object"),
        ("nav.html", b"<html><body><nav><a href='/'>Accueil</a></nav></body></html>", "no article text"),
    ],
)
def test_bad_input_names_file_and_problem(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as caught:
        read_documents(path)
    message = str(caught.value)
    assert str(path) in message and problem in message and "\n" not in message


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    text = FRENCH * 5
    path = write(tmp_path, "legacy.txt", text.encode(encoding))
    assert read_documents(path)[0].text == text


def test_utf8_bom_and_crlf_match_python_text_mode(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", "\ufeffTitre\r\nLe ministre a parlé.\r\n".encode())
    doc = read_documents(path)[0]
    assert doc.text == "Titre\nLe ministre a parlé.\n"


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # a 50 MB file (sparse)
    with pytest.raises(InputError, match="file too large"):
        read_documents(path)


def test_missing_path_and_unknown_type_fail_when_read_not_when_listed(tmp_path: Path) -> None:
    absent, odd = tmp_path / "absent", write(tmp_path, "notes.pdf", b"%PDF")
    good = write(tmp_path, "good.txt", FRENCH.encode())
    assert list(iter_files([absent, odd, good])) == [absent, odd, good]
    with pytest.raises(InputError, match="absent: no such file or folder"):
        read_documents(absent)
    with pytest.raises(InputError, match=r"notes.pdf: unsupported file type \.pdf"):
        read_documents(odd)


def test_folders_are_walked_in_order_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "c.pdf", ".hidden.txt", "sub/d.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in iter_files([tmp_path])] == ["a.md", "b.txt", "d.html"]


def test_jsonl_records_carry_metadata(tmp_path: Path) -> None:
    records = [
        {"id": "one", "text": FRENCH, "title": "T", "outlet": "Le Journal", "date": "2024-06-25"},
        {"text": FRENCH + "Deux.", "url": "https://example.org/a"},
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(json.dumps(r) for r in records).encode())
    docs = read_documents(path)
    assert [d.id for d in docs] == ["one", "batch-2"]
    assert docs[0].meta == {"title": "T", "outlet": "Le Journal", "published": "2024-06-25"}
    assert docs[1].meta["url"] == "https://example.org/a"


def test_html_boilerplate_is_dropped(tmp_path: Path) -> None:
    html = """<!doctype html><html><head><title>Appel</title>
    <meta property="og:site_name" content="Le Quotidien"></head><body>
    <nav><a href="/">Accueil</a><a href="/monde">Monde</a></nav>
    <article><h1>Appel entre ministres</h1>
    <p>Le ministre a déclaré mardi que la situation restait grave, selon un communiqué officiel.</p>
    <p>« Nous ne céderons pas », a-t-il ajouté devant la presse à Genève.</p></article>
    <footer>© 2025 Le Quotidien. Tous droits réservés.</footer></body></html>"""
    doc = read_documents(write(tmp_path, "page.html", html.encode()))[0]
    assert "Le ministre a déclaré mardi" in doc.text
    assert "Accueil" not in doc.text and "droits réservés" not in doc.text
    assert doc.meta["outlet"] == "Le Quotidien"
    assert doc.raw == html


def test_broken_html_still_yields_its_text(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Appel</title><body><div><p>Le ministre a déclaré mardi que la situation restait "
        "grave, selon un communiqué officiel publié à Genève.<p>« Nous ne céderons pas », a-t-il ajouté"
        "<div><span>devant la presse</b></i></table>"
    )
    doc = read_documents(write(tmp_path, "broken.html", html.encode()))[0]
    assert "Le ministre a déclaré mardi" in doc.text


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_deeply_nested_json_is_an_input_error_not_a_crash(tmp_path: Path, name: str) -> None:
    nested = "[" * 100_000 + "]" * 100_000
    path = write(tmp_path, name, ('{"text": "' + FRENCH.strip() + '", "extra": ' + nested + "}\n").encode())
    with pytest.raises(InputError, match=f"{name}: JSON nested too deeply"):
        read_documents(path)


def test_a_bad_json_lines_record_is_reported_at_its_own_line(tmp_path: Path) -> None:
    good = json.dumps({"text": FRENCH})
    path = write(tmp_path, "batch.jsonl", f"{good}\n\n{good}\n{{'text': oops}}\n{good}\n".encode())
    with pytest.raises(InputError, match="batch.jsonl: invalid JSON at line 4, column 2"):
        read_documents(path)
    array = write(tmp_path, "batch.json", f"\n\n[{good},\n {{oops}}]\n".encode())
    with pytest.raises(InputError, match="batch.json: invalid JSON at line 4, column 3"):
        read_documents(array)


def test_nul_characters_are_removed_when_read(tmp_path: Path) -> None:
    """NUL is never part of an article (and PostgreSQL text cannot hold it):
    dropped from text files past the binary sniff and from JSON strings."""
    long_text = FRENCH * 200 + "Fin\x00 du texte.\n"
    [doc] = read_documents(write(tmp_path, "late-nul.txt", long_text.encode()))
    assert doc.text == long_text.replace("\x00", "")
    record = {"text": "Le ministre\x00 a parlé.", "title": "Un\x00 titre", "id": "nul\x00id"}
    [doc] = read_documents(write(tmp_path, "nul.json", json.dumps(record).encode()))
    assert (doc.text, doc.meta["title"], doc.id) == ("Le ministre a parlé.", "Un titre", "nulid")
