"""`--engine ray`: the per-article work on a local Ray instance, the store
written by the driver in input order, so the export equals the local engine's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crosscheck.export import export_contract
from crosscheck.models import IngestStatus
from crosscheck.pipeline import bundled_examples, full_stages
from crosscheck.stores import open_store

ray = pytest.importorskip("ray", reason="Ray is in the test extra: pip install -e '.[test]'")


@pytest.fixture(scope="module")
def local_ray():
    from crosscheck.ray_engine import start_ray

    start_ray(None, workers=2)
    yield
    ray.shutdown()


def test_ray_engine_exports_what_the_local_engine_exports(tmp_path: Path, examples_db: Path, local_ray) -> None:
    from crosscheck.ray_engine import ingest_with_ray

    folder = tmp_path / "in"
    shutil.copytree(bundled_examples(), folder)
    (folder / "zz_empty.txt").write_text("", encoding="utf-8")
    shutil.copy(folder / "01_chine-usa-appel.txt", folder / "zz_same-as-01.txt")
    seen = []
    with open_store(tmp_path / "ray.db") as store:
        summary = ingest_with_ray(
            [folder], store, full_stages(), max_bytes=10_000_000, workers=2, on_outcome=seen.append
        )
        on_ray = export_contract(store)
    with open_store(examples_db, readonly=True) as store:
        on_local = export_contract(store)
    assert on_ray == on_local
    assert summary.count(IngestStatus.NEW) == 12 and len(seen) == 14
    [empty] = summary.failed
    assert empty.path.endswith("zz_empty.txt") and "empty" in (empty.message or "")
    assert [o.status for o in seen if o.path.endswith("zz_same-as-01.txt")] == [IngestStatus.UNCHANGED]


def test_cli_refuses_ray_options_without_the_ray_engine(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from crosscheck.cli import app

    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.db"), "--ray-workers", "2"])
    assert result.exit_code != 0 and "need --engine ray" in str(result.exception)
