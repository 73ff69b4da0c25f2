"""The command line: exit codes, the public JSONL shapes, and every input accounted for."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SEED_KI, SEED_UP
from typer.testing import CliRunner

from storytrace.cli import app
from storytrace.pipeline import CLEAN_KEYS

runner = CliRunner()

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4

ARTICLE = """Harbor cranes fall silent as dockers walk out

By Mara Lind
March 3, 2025 4:12 PM

Dock workers at the port of Velmora walked off the job on Monday, halting cargo traffic \
at the region's busiest harbour for the first time in a decade.

"We have waited three years for a fair contract," union spokesperson Ilse Varga told \
reporters outside the main gate. She said the strike would last until the port authority \
returned to the table.

The port authority said in a statement that it regretted the walkout and remained open to \
talks, according to a spokesperson who declined to be named.

Shipping agents said at least fourteen vessels were waiting offshore by Monday evening, \
and two people familiar with the negotiations said a mediator could be appointed next week.
"""


def invoke(*args: str, input: bytes | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def bad_inputs(tmp_path: Path) -> Path:
    """One good page and one of each kind of bad input, in one folder."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(PNG)
    (folder / "invalid.txt").write_bytes(b"\xff\xfe\xfa" + bytes(range(128, 256)) * 8)
    (folder / "chrome.txt").write_text(
        "Home\nNews\nSport\nSubscribe\nEnter your email\nSign up\n* indicates required\n"
    )
    html = "<html><head><title>Cut</title></head><body><article><p>" + "Dock workers " * 20
    (folder / "truncated.html.gz").write_bytes(gzip.compress(html.encode())[:-12])
    with open(folder / "huge.txt", "wb") as f:
        f.write(b"a line of text that repeats.\n" * (50_000_000 // 29 + 1))
    return folder


def test_clean_prints_the_public_shape_for_each_input_in_order(tmp_path):
    page = tmp_path / "good.txt"
    page.write_text(ARTICLE)
    result = invoke("clean", str(page), str(tmp_path / "missing.txt"), "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == [str(page), str(tmp_path / "missing.txt")]
    for record in records:
        assert tuple(record) == CLEAN_KEYS
    good, missing = records
    assert good["status"] == "ok" and good["error"] is None
    assert good["headline"] == "Harbor cranes fall silent as dockers walk out"
    assert good["authors"] == ["Mara Lind"]
    assert good["published"].startswith("2025-03-03T16:12")
    assert "fourteen vessels" in good["body"]
    assert missing["status"] == "error" and "missing.txt" in missing["error"]
    assert result.exit_code == 1


def test_clean_reads_standard_input():
    result = invoke("clean", "-", "--format", "jsonl", input=ARTICLE.encode())
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["status"] == "ok" and result.exit_code == 0


def test_clean_on_the_seeds():
    result = invoke("clean", str(SEED_KI), str(SEED_UP), "--format", "jsonl")
    ki, up = (json.loads(line) for line in result.stdout.splitlines())
    assert result.exit_code == 0
    assert ki["outlet"] == "The Kyiv Independent"
    assert ki["authors"] == ["Dinara Khalilova"]
    assert ki["published"].startswith("2024-09-21T17:59")
    assert up["published"].startswith("2024-09-24")


def test_bad_inputs_are_each_reported_and_recorded_and_the_batch_goes_on(bad_inputs, tmp_path):
    db = tmp_path / "st.db"
    result = invoke("ingest", str(bad_inputs), "--db", str(db))
    assert result.exit_code == 1
    rows = {
        Path(r["source"]).name: r
        for r in _jsonl(invoke("inputs", "--db", str(db), "--format", "jsonl"))
    }
    assert set(rows) == {
        "good.txt",
        "empty.txt",
        "image.png",
        "invalid.txt",
        "chrome.txt",
        "truncated.html.gz",
        "huge.txt",
    }
    assert rows["good.txt"]["status"] == "ok"
    for name, row in rows.items():
        if name != "good.txt":
            assert row["status"] in ("error", "no_article"), name
            assert name in row["error"], f"{name}: error must name the input: {row['error']}"
    assert rows["chrome.txt"]["status"] == "no_article"
    assert "too large" in rows["huge.txt"]["error"]
    articles = _jsonl(invoke("articles", "--db", str(db), "--format", "jsonl"))
    assert [Path(a["source"]).name for a in articles] == ["good.txt"]
    assert set(articles[0]) == {*CLEAN_KEYS, "id"}


def test_reingesting_the_same_inputs_changes_nothing(tmp_path):
    page = tmp_path / "good.txt"
    page.write_text(ARTICLE)
    db = str(tmp_path / "st.db")
    invoke("ingest", str(page), "--db", db)
    before = _jsonl(invoke("articles", "--db", db, "--format", "jsonl"))
    copy = tmp_path / "again.txt"
    shutil.copy(page, copy)
    result = invoke("ingest", str(page), str(copy), "--db", db)
    assert "2 unchanged" in result.stdout
    assert _jsonl(invoke("articles", "--db", db, "--format", "jsonl")) == before
    assert len(_jsonl(invoke("inputs", "--db", db, "--format", "jsonl"))) == 1


def test_analyze_reports_outlets_articles_entities_and_removed_lines(tmp_path):
    db = str(tmp_path / "st.db")
    result = invoke("analyze", str(SEED_KI), str(SEED_UP), "--db", db)
    assert result.exit_code == 0, result.stdout
    out = result.stdout
    assert "The Kyiv Independent" in out
    assert "Dinara Khalilova" in out
    assert "removed as boilerplate" in out
    assert re.search(r"Zelensk", out)


def test_show_and_entities(tmp_path):
    db = str(tmp_path / "st.db")
    invoke("ingest", str(SEED_KI), "--db", db)
    shown = invoke("show", "1", "--db", db)
    assert shown.exit_code == 0
    assert "removed" in shown.stdout and "Khalilova" in shown.stdout
    missing = invoke("show", "999", "--db", db)
    assert missing.exit_code == 1
    entities = _jsonl(invoke("entities", "--db", db, "--format", "jsonl"))
    assert any(e["name"] and e["kind"] == "person" for e in entities)


def test_usage_errors_exit_2():
    assert runner.invoke(app, ["clean"]).exit_code == 2
    assert runner.invoke(app, ["articles", "--format", "xml"]).exit_code == 2


def test_every_command_and_option_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text()
    import typer.main

    click_app = typer.main.get_command(app)
    for name, command in click_app.commands.items():
        assert f"storytrace {name}" in readme, f"command {name} is not in the README"
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert opt in readme, f"option {opt} of {name} is not in the README"


def test_ci_installs_exactly_as_the_readme_says():
    readme = (REPO / "README.md").read_text()
    ci = (REPO / ".ci" / "run").read_text()
    for line in ci.splitlines():
        if line and not line.startswith(("#", "set ", "cd ")):
            assert line in readme, f".ci/run line not in the README: {line}"


def _jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_python_dash_m_runs_the_same_cli(tmp_path: Path):
    """`python -m storytrace` is the `storytrace` command, for environments where the
    console script is not on PATH."""
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "storytrace", "clean", str(page), "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=True,
    )
    record = json.loads(done.stdout)
    assert record["headline"] == "Harbor cranes fall silent as dockers walk out"
