"""`storytrace statements` and `storytrace speakers`: the public statement shape and its spans."""

from __future__ import annotations

import json

from conftest import SEED_KI, SEED_UP
from typer.testing import CliRunner

from storytrace.api import STATEMENT_KEYS
from storytrace.cli import app

runner = CliRunner()


def jsonl(args: list[str]) -> list[dict]:
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_statement_records_have_the_public_keys_and_spans_index_the_clean_body():
    bodies = {r["source"]: r["body"] for r in jsonl(["clean", str(SEED_UP), str(SEED_KI)])}
    found = jsonl(["statements", str(SEED_UP), str(SEED_KI), "--format", "jsonl"])
    assert {r["source"] for r in found} == set(bodies)
    for record in found:
        assert tuple(record) == STATEMENT_KEYS
        body = bodies[record["source"]]
        start, end = record["content_span"]
        assert body[start:end] == record["content"]
        if record["cue_span"]:
            start, end = record["cue_span"]
            # The cue is given in its normal form ("according to"); the span is as written.
            assert body[start:end].lower() == record["cue"].lower()
        if record["via"] is not None:
            same = [r for r in found if r["source"] == record["source"]]
            assert 0 <= record["via"] < len(same)


def test_no_clean_spans_index_the_input_text_itself():
    text = SEED_UP.read_text(encoding="utf-8")
    found = jsonl(["statements", str(SEED_UP), "--no-clean"])
    assert found
    for record in found:
        start, end = record["content_span"]
        assert text[start:end] == record["content"]


def test_anonymous_sources_are_counted_and_chained_through_the_outlet():
    found = jsonl(["statements", str(SEED_UP)])
    anonymous = [r for r in found if r["speaker_kind"] == "anonymous"]
    assert any(r["anonymous_count"] == 2 for r in anonymous)
    chained = [r for r in anonymous if r["via"] is not None]
    assert any(found[r["via"]]["speaker"] == "Bloomberg" for r in chained)


def test_speakers_lists_stored_statements_by_speaker(tmp_path):
    db = str(tmp_path / "st.db")
    runner.invoke(app, ["ingest", str(SEED_UP), str(SEED_KI), "--db", db], catch_exceptions=False)
    rows = jsonl(["speakers", "--db", db, "--format", "jsonl"])
    by_name = {r["speaker"]: r for r in rows}
    yermak = next(name for name in by_name if "Yermak" in name)
    assert by_name[yermak]["speaker_kind"] == "person"
    one = jsonl(["speakers", "--db", db, "--speaker", yermak, "--format", "jsonl"])
    assert len(one) == by_name[yermak]["statements"]
    assert all(yermak in (r["speaker_entity"], r["speaker"]) for r in one)
    assert any("NATO" in r["content"] for r in one)


def test_a_failed_input_is_reported_and_exits_1(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["statements", str(empty)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr


GERMAN = """Streik legt den Hafen von Velmora lahm

Von Anna Berg

Die Hafenarbeiter in Velmora haben am Montag die Arbeit niedergelegt. Der Frachtverkehr im \
größten Hafen der Region kam zum ersten Mal seit zehn Jahren zum Erliegen. „Wir haben drei \
Jahre auf einen fairen Vertrag gewartet“, sagte Gewerkschaftssprecherin Ilse Varga vor dem \
Haupttor. Sie sagte, der Streik werde so lange dauern, bis die Hafenbehörde zurückkehre.
"""


def test_an_article_in_another_language_is_reported_not_annotated(tmp_path):
    """The English models read German into confident nonsense ("Arbeit" as a place);
    the article is cleaned, and its statements are reported as not annotated."""
    page = tmp_path / "hafen.txt"
    page.write_text(GERMAN, encoding="utf-8")
    result = runner.invoke(app, ["statements", str(page)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "hafen.txt: language 'de' is not annotated" in " ".join(result.stderr.split())


def test_the_speakers_table_names_statements_with_no_source(tmp_path):
    """ "Zelensky is expected to present the plan" has no source: the table says so
    instead of a blank name (JSONL keeps the empty string)."""
    db = str(tmp_path / "st.db")
    runner.invoke(app, ["ingest", str(SEED_KI), "--db", db], catch_exceptions=False)
    rows = jsonl(["speakers", "--db", db, "--format", "jsonl"])
    assert "" in {r["speaker"] for r in rows}
    table = runner.invoke(app, ["speakers", "--db", db, "--format", "table"]).stdout
    assert "(no source named)" in table
