"""Output folders never cost the user a file: `report` and `run` write only
into a new folder or one holding an earlier report (its marker says so), never
replace or remove what crosscheck did not write, and `run` never replaces a
store it did not create. Wrong output paths are one-line usage errors (exit 2),
not internal errors. Run as a user runs them, through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosscheck.ingest import ingest_paths
from crosscheck.report import MARKER
from crosscheck.stores import open_store
from tests.conftest import DATA, copy_store, linked_stages
from tests.test_cli import crosscheck

ARTICLES = DATA / "report"  # two versions of one call; run reads them, never writes there
USER_ARTICLE = "Le ministre a déclaré mardi que les discussions continueraient.\n"


@pytest.fixture(scope="module")
def known_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("known") / "known.db"
    with open_store(db) as store:
        ingest_paths([ARTICLES], store, stages=linked_stages())
    return db


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """The README's layout: the user's articles in ./articles."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(USER_ARTICLE, encoding="utf-8")
    return tmp_path


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert lines[0].startswith("crosscheck: error: ")
    return lines[0]


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def test_report_into_the_articles_folder_keeps_the_articles(newsroom: Path, known_db: Path) -> None:
    refused = crosscheck("report", "--db", str(known_db), "-o", ".", cwd=newsroom)
    assert "no crosscheck report" in one_error_line(refused) and "--force" in refused.stderr
    assert files_under(newsroom) == {"articles/a.txt"}
    forced = crosscheck("report", "--db", str(known_db), "-o", ".", "--force", cwd=newsroom)
    assert forced.returncode == 0, forced.stderr
    assert (newsroom / "articles" / "a.txt").read_text(encoding="utf-8") == USER_ARTICLE
    assert (newsroom / "index.html").is_file() and (newsroom / MARKER).is_file()
    again = crosscheck("report", "--db", str(known_db), "-o", ".", cwd=newsroom)  # a report lives here now
    assert again.returncode == 0, again.stderr
    assert (newsroom / "articles" / "a.txt").read_text(encoding="utf-8") == USER_ARTICLE


def test_report_never_replaces_a_page_named_like_a_user_file(newsroom: Path, known_db: Path) -> None:
    [page_name] = [p.name for p in (ARTICLES).glob("a_*.txt")]
    own = newsroom / "articles" / page_name.replace(".txt", ".html")  # the user's own HTML article
    own.write_text("<p>mine</p>", encoding="utf-8")
    result = crosscheck("report", "--db", str(known_db), "-o", ".", "--force", cwd=newsroom)
    assert "crosscheck did not write it" in one_error_line(result)
    assert own.read_text(encoding="utf-8") == "<p>mine</p>" and not (newsroom / "index.html").exists()


def test_run_into_the_articles_folder_keeps_the_articles(newsroom: Path) -> None:
    refused = crosscheck("run", str(ARTICLES), "--out", ".", cwd=newsroom)
    assert "no crosscheck report" in one_error_line(refused)
    assert files_under(newsroom) == {"articles/a.txt"}  # no store either
    forced = crosscheck("run", str(ARTICLES), "--out", ".", "--force", cwd=newsroom)
    assert forced.returncode == 0, forced.stderr
    assert (newsroom / "articles" / "a.txt").read_text(encoding="utf-8") == USER_ARTICLE
    marker = json.loads((newsroom / MARKER).read_text(encoding="utf-8"))
    assert marker["store"] == "crosscheck.db" and "articles/a.txt" not in marker["files"]
    assert Path(forced.stdout.strip()) == Path("index.html")


def test_run_does_not_write_its_report_among_the_articles_it_reads(newsroom: Path) -> None:
    result = crosscheck("run", "articles", "--out", ".", "--force", cwd=newsroom)
    assert "among the articles" in one_error_line(result)
    assert files_under(newsroom) == {"articles/a.txt"}


def test_run_never_replaces_a_store_it_did_not_create(tmp_path: Path, known_db: Path) -> None:
    out = tmp_path / "out"
    assert crosscheck("report", "--db", str(known_db), "-o", str(out)).returncode == 0  # a report, no run store
    users_store = copy_store(known_db, out / "crosscheck.db")
    before = users_store.read_bytes()
    refused = crosscheck("run", str(ARTICLES), "--out", str(out))
    assert str(users_store) in one_error_line(refused)
    assert users_store.read_bytes() == before
    forced = crosscheck("run", str(ARTICLES), "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert f"replacing {users_store}" in forced.stderr


def test_report_into_a_file_is_a_usage_error(tmp_path: Path, known_db: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("x", encoding="utf-8")
    assert "is a file" in one_error_line(crosscheck("report", "--db", str(known_db), "-o", str(target)))
    assert target.read_text(encoding="utf-8") == "x"


def test_export_into_a_missing_folder_is_a_usage_error(tmp_path: Path, known_db: Path) -> None:
    target = tmp_path / "missing" / "dir" / "x.json"
    line = one_error_line(crosscheck("export", "--db", str(known_db), "-o", str(target)))
    assert f"the folder {target.parent} does not exist" in line and not (tmp_path / "missing").exists()


def test_export_to_the_wrong_kind_of_path_is_a_usage_error(tmp_path: Path, known_db: Path) -> None:
    assert "is a folder" in one_error_line(crosscheck("export", "--db", str(known_db), "-o", str(tmp_path)))
    a_file = tmp_path / "claims"
    a_file.write_text("x", encoding="utf-8")
    claims = crosscheck("export", "--db", str(known_db), "--format", "claims", "-o", str(a_file))
    assert "is a file" in one_error_line(claims) and a_file.read_text(encoding="utf-8") == "x"
