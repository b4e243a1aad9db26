from __future__ import annotations

from pathlib import Path

from crosscheck.claims_record import is_record_file, write_record
from crosscheck.ingest import ingest_paths
from crosscheck.models import IngestStatus
from crosscheck.store import Store


def test_export_then_ingest_rebuilds_an_equivalent_store(tmp_path: Path, examples: Path) -> None:
    with Store.open(tmp_path / "a.db") as first:
        ingest_paths([examples], first)
        files = write_record(first, tmp_path / "claims")
        original = {
            a.id: (a.model_dump(exclude={"raw"}), [c.model_dump() for c in first.claims(a.id)])
            for a in first.articles()
        }
    assert len(files) == len(original) and all(is_record_file(f) for f in files)
    with Store.open(tmp_path / "b.db") as second:
        summary = ingest_paths([tmp_path / "claims"], second)
        assert summary.count(IngestStatus.NEW) == len(original)
        rebuilt = {
            a.id: (a.model_dump(exclude={"raw"}), [c.model_dump() for c in second.claims(a.id)])
            for a in second.articles()
        }
    assert rebuilt == original


def test_re_export_of_an_unchanged_store_changes_no_byte(tmp_path: Path, examples: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        ingest_paths([examples], store)
        files = write_record(store, tmp_path / "claims")
        before = {f.name: f.read_bytes() for f in files}
        write_record(store, tmp_path / "claims")
    assert {f.name: f.read_bytes() for f in (tmp_path / "claims").glob("*.jsonl")} == before
