from __future__ import annotations

from pathlib import Path

from crosscheck.ingest import ingest_paths
from crosscheck.report import write_report
from crosscheck.store import Store
from tests.conftest import linked_stages

HOSTILE = """Titre <script>alert(1)</script>
Le Kremlin a déclaré que « "><img src=x onerror=alert(2)> » était <a href="javascript:alert(3)">un lien</a>.
Selon le Pentagone <b>gras</b>, la réunion [lien](javascript:alert(4)) | aura lieu mardi.
"""


def test_article_text_is_inert_in_html_and_markdown(tmp_path: Path) -> None:
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    with Store.open(tmp_path / "x.db") as store:
        ingest_paths([tmp_path / "hostile.txt"], store, stages=linked_stages())
        assert store.claims()  # the hostile sentences did become claims
        write_report(store, tmp_path / "out")
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img" not in html and 'href="javascript:' not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "<img" not in markdown and "](javascript:" not in markdown
