from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crosscheck.claims_record import is_record_file, read_record, write_record
from crosscheck.errors import InputError
from crosscheck.ingest import ingest_paths
from crosscheck.models import IngestStatus
from crosscheck.store import Store
from crosscheck.stores import open_store


def test_export_then_ingest_rebuilds_an_equivalent_store(tmp_path: Path, examples: Path) -> None:
    with open_store(tmp_path / "a.db") as first:
        ingest_paths([examples], first)
        files = write_record(first, tmp_path / "claims")
        original = {
            a.id: (a.model_dump(exclude={"raw"}), [c.model_dump() for c in first.claims(a.id)])
            for a in first.articles()
        }
    assert len(files) == len(original) and all(is_record_file(f) for f in files)
    with open_store(tmp_path / "b.db") as second:
        summary = ingest_paths([tmp_path / "claims"], second)
        assert summary.count(IngestStatus.NEW) == len(original)
        rebuilt = {
            a.id: (a.model_dump(exclude={"raw"}), [c.model_dump() for c in second.claims(a.id)])
            for a in second.articles()
        }
    assert rebuilt == original


def test_re_export_of_an_unchanged_store_changes_no_byte(tmp_path: Path, examples: Path) -> None:
    with open_store(tmp_path / "a.db") as store:
        ingest_paths([examples], store)
        files = write_record(store, tmp_path / "claims")
        before = {f.name: f.read_bytes() for f in files}
        write_record(store, tmp_path / "claims")
    assert {f.name: f.read_bytes() for f in (tmp_path / "claims").glob("*.jsonl")} == before


ODD_IDS = ["x y", "x_y", "x?y", "Long " + "z" * 195, "X_Y"]
SAYS = "Le porte-parole du ministère a déclaré que la réunion aurait lieu mardi à {place}."


def odd_store(tmp_path: Path) -> Store:
    """Articles whose ids sanitise to one name (and one differing only in case), each with a claim."""
    places = ["Genève", "Vienne", "Oslo", "Rome", "Berne"]
    lines = [json.dumps({"id": i, "text": SAYS.format(place=p)}) for i, p in zip(ODD_IDS, places, strict=True)]
    (tmp_path / "odd.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = open_store(tmp_path / "odd.db")
    ingest_paths([tmp_path / "odd.jsonl"], store)
    return store


def test_ids_that_sanitise_alike_round_trip_through_the_record(tmp_path: Path) -> None:
    with odd_store(tmp_path) as first:
        files = write_record(first, tmp_path / "claims")
        original = {a.id: [c.model_dump() for c in first.claims(a.id)] for a in first.articles()}
    assert set(original) == set(ODD_IDS) and all(original.values())
    names = [f.name for f in files]
    assert len({n.casefold() for n in names}) == len(ODD_IDS) == len(list((tmp_path / "claims").iterdir()))
    assert "X_Y.jsonl" in names and "x_y.jsonl" not in names  # the first of two plain ids alike but for case
    assert all(len(n) <= 80 + len(".jsonl") for n in names)
    with open_store(tmp_path / "b.db") as second:
        summary = ingest_paths([tmp_path / "claims"], second)
        assert summary.count(IngestStatus.NEW) == len(ODD_IDS)
        rebuilt = {a.id: [c.model_dump() for c in second.claims(a.id)] for a in second.articles()}
    assert rebuilt == original


def test_names_are_stable_and_plain_ids_keep_theirs(tmp_path: Path) -> None:
    with odd_store(tmp_path) as store:
        first = sorted(f.name for f in write_record(store, tmp_path / "one"))
        again = sorted(f.name for f in write_record(store, tmp_path / "two"))
    assert first == again
    bundled = sorted(p.name for p in (Path(__file__).parents[1] / "claims").glob("*.jsonl"))
    assert bundled and all(re.fullmatch(r"\d\d_[a-z-]+\.jsonl", name) for name in bundled)


def one_record(tmp_path: Path) -> tuple[Path, list[dict]]:
    with odd_store(tmp_path) as store:
        [path] = [f for f in write_record(store, tmp_path / "claims") if f.name == "X_Y.jsonl"]
    return path, [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"end": 10_000}, "claim span .* is outside the text"),
        ({"start": -1}, "claim span -1-.* is outside the text"),
        ({"content_start": 30, "content_end": 20}, "content span 30-20 starts after it ends"),
        ({"source_start": 5, "source_end": 9_999}, "source span 5-9999 is outside the text"),
        ({"source_start": 5, "source_end": None}, "source span 5-None lacks an end"),
        ({"text": "something else"}, "its text is not the article's text"),
        ({"article_id": "another"}, "belongs to article 'another'"),
    ],
)
def test_a_record_with_bad_offsets_is_refused_naming_the_file_and_line(
    tmp_path: Path, change: dict, problem: str
) -> None:
    path, lines = one_record(tmp_path)
    assert len(lines) >= 2 and read_record(path)  # the untouched record reads
    lines[1].update(change)
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"line 2: claim .*{problem}") as raised:
        read_record(path)
    assert raised.value.path == str(path) and "\n" not in str(raised.value)
    with open_store(tmp_path / "b.db") as second:
        summary = ingest_paths([path], second)
        assert summary.count(IngestStatus.FAILED) == 1 and not second.articles()


def test_a_line_that_is_not_json_is_named(tmp_path: Path) -> None:
    path, lines = one_record(tmp_path)
    path.write_text(json.dumps(lines[0]) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 3: not a valid claim record"):
        read_record(path)


def test_a_record_whose_text_holds_nul_is_refused(tmp_path: Path) -> None:
    """PostgreSQL cannot store NUL and the offsets forbid dropping it: the file is named, the run goes on."""
    path, lines = one_record(tmp_path)
    lines[0]["text"] = lines[0]["text"] + "\x00"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1: the article text holds NUL"):
        read_record(path)
