"""`--workers N`: the pool survives a crash (same store as one process: test_scale_engines)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storytrace.api import Storytrace
from storytrace.clean import cleaners
from storytrace.model import Article, Options, Page

CRASH_TYPE = "application/x-storytrace-crash-test"


@cleaners.register(CRASH_TYPE)
def crash_or_clean(page: Page, options: Options) -> Article:
    """A cleaner that kills its process for one input: a stand-in for a segfaulting parser."""
    if "CRASH" in (page.text or ""):
        os._exit(3)
    return Article(source=page.source, page_sha256=page.sha256, paragraphs=[page.text or ""])


def crash_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Six text inputs read as CRASH_TYPE; the fourth (in3.txt) kills its worker."""
    from storytrace.ingest import readers

    texts = [f"Report number {n} from the harbour." for n in range(6)]
    texts[3] = "CRASH this worker"
    for n, text in enumerate(texts):
        (tmp_path / f"in{n}.txt").write_text(text)
    read_text = readers.get("text/plain")

    def as_crash_type(blob, options):
        for page in read_text(blob, options):
            page.media_type = CRASH_TYPE
            yield page

    monkeypatch.setitem(readers._items, "text/plain", as_crash_type)
    return [str(tmp_path / f"in{n}.txt") for n in range(6)]


@pytest.mark.slow
def test_a_dying_worker_loses_nothing(tmp_path: Path, monkeypatch) -> None:
    inputs = crash_inputs(tmp_path, monkeypatch)
    with Storytrace(tmp_path / "x.db", Options(workers=2, batch_size=2)) as corpus:
        report = corpus.ingest(inputs)
        statuses = {Path(o.source).name: (o.status, o.error) for o in report.outcomes}
        stored = {Path(i["source"]).name: (i["status"], i["error"]) for i in corpus.inputs()}
    assert set(statuses) == {f"in{n}.txt" for n in range(6)}
    assert statuses["in3.txt"][0] == "error" and "died" in statuses["in3.txt"][1]
    assert "in3.txt" in statuses["in3.txt"][1]
    assert all(statuses[f"in{n}.txt"] == ("ok", None) for n in (0, 1, 2, 4, 5))
    assert stored == statuses


def test_workers_must_be_positive() -> None:
    with pytest.raises(ValueError, match="workers"):
        Options(workers=0)


@pytest.mark.parametrize("command", ["ingest", "analyze"])
def test_cli_refuses_zero_workers(tmp_path: Path, command: str) -> None:
    from typer.testing import CliRunner

    from storytrace.cli import app

    page = tmp_path / "page.txt"
    page.write_text("A short page.")
    args = [command, str(page), "--db", str(tmp_path / "x.db"), "--workers", "0"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert not (tmp_path / "x.db").exists()
