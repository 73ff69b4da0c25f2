"""`--engine ray`: a dying actor loses nothing; Ray stays optional; the CLI options."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_scale_pool import crash_inputs
from typer.testing import CliRunner

from storytrace.api import Storytrace
from storytrace.cli import app
from storytrace.model import Options


@pytest.mark.slow
def test_a_dying_actor_loses_nothing(tmp_path: Path, monkeypatch) -> None:
    inputs = crash_inputs(tmp_path, monkeypatch)
    options = Options(workers=2, batch_size=2, engine="ray", parquet_dir=str(tmp_path / "pq"))
    with Storytrace(tmp_path / "x.db", options) as corpus:
        report = corpus.ingest(inputs)
        statuses = {Path(o.source).name: (o.status, o.error) for o in report.outcomes}
        stored = {Path(i["source"]).name: (i["status"], i["error"]) for i in corpus.inputs()}
        articles = sorted(Path(a["source"]).name for a in corpus.articles())
    assert set(statuses) == {f"in{n}.txt" for n in range(6)}
    assert statuses["in3.txt"][0] == "error" and "died" in statuses["in3.txt"][1], statuses
    assert "in3.txt" in statuses["in3.txt"][1]
    assert all(statuses[f"in{n}.txt"] == ("ok", None) for n in (0, 1, 2, 4, 5)), str(
        sorted(statuses.items())
    )
    assert stored == statuses
    assert articles == [f"in{n}.txt" for n in (0, 1, 2, 4, 5)]
    assert any((tmp_path / "pq" / "articles").rglob("*.parquet"))


def test_importing_storytrace_does_not_import_ray() -> None:
    code = (
        "import sys, storytrace, storytrace.api, storytrace.cli, storytrace.scale;"
        "assert 'ray' not in sys.modules, 'ray imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_ray_missing_names_the_extra(tmp_path: Path, monkeypatch) -> None:
    from storytrace.scale.raydata import RayMissing

    monkeypatch.setitem(sys.modules, "ray", None)  # as if not installed
    page = tmp_path / "page.txt"
    page.write_text("A short page.")
    with (
        Storytrace(tmp_path / "api.db", Options(engine="ray")) as corpus,
        pytest.raises(RayMissing, match=r"storytrace\[ray\]"),
    ):
        corpus.ingest([str(page)])
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["ingest", str(page), "--db", str(db), "--engine", "ray"])
    assert result.exit_code == 2
    assert "storytrace[ray]" in result.output
    assert not db.exists()


@pytest.mark.parametrize("command", ["ingest", "analyze"])
def test_cli_refuses_an_unknown_engine_and_a_stray_address(tmp_path: Path, command: str) -> None:
    page = tmp_path / "page.txt"
    page.write_text("A short page.")
    db = tmp_path / "x.db"
    runner = CliRunner()
    result = runner.invoke(app, [command, str(page), "--db", str(db), "--engine", "spark"])
    assert result.exit_code == 2
    result = runner.invoke(app, [command, str(page), "--db", str(db), "--address", "h:6379"])
    assert result.exit_code == 2 and "--engine ray" in result.output
    assert not db.exists()


def test_an_unknown_engine_in_the_api_is_named(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("A short page.")
    with (
        Storytrace(tmp_path / "x.db", Options(engine="spark")) as corpus,
        pytest.raises(ValueError, match="spark"),
    ):
        corpus.ingest([str(page)])
