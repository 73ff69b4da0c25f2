"""The content boundary model: candidate spans around a cue, their scores, the switch."""

from __future__ import annotations

import pytest

from storytrace.annotate import statement_bounds as sb
from storytrace.annotate import statement_features as sf
from storytrace.annotate import statement_learned as sl
from storytrace.annotate.cues import load_lexicon
from storytrace.annotate.statement_model import LinearModel, read_model_json
from storytrace.annotate.statement_quotes import find_quotes
from storytrace.annotate.statements import extract_statements
from storytrace.resources import path


def _found(nlp, text):
    doc = nlp(text)
    info = sf.DocInfo.build(doc, text, load_lexicon(), find_quotes(text))
    cue_model, unit_model = sl.models()
    return doc, info, [f for f in sl.find(info, cue_model, unit_model) if f.content]


def test_shipped_bounds_model_is_plain_json_with_its_provenance_and_margin():
    data = read_model_json(sb.MODEL)
    assert set(data) == {"classes", "bias", "weights", "meta"}
    assert data["meta"]["trainer"] == "benchmarks/train_bounds.py"
    assert "PolNeAR" in data["meta"]["trained_on"]
    assert data["meta"]["margin"] >= 0
    model = sb.model()
    assert model is not None and len(model.flat) == data["meta"]["features"]
    assert len(path(f"models/{sb.MODEL}").read_bytes()) < 500_000


def test_candidates_start_with_the_current_span_and_reach_the_split_quote(nlp):
    text = "“We are ready,” she said, adding that talks would go on. “The plan is sound.”"
    doc, info, found = _found(nlp, text)
    f = next(x for x in found if x.cue.lower_ == "said")
    cands = sb.candidates(info, f.cue, f.cue_range, f.source, f.content, [])
    assert (cands[0].start, cands[0].end) == f.content
    assert all(0 <= c.start < c.end <= len(doc) for c in cands)
    spans = {(c.start, c.end) for c in cands}
    assert len(spans) == len(cands)
    last_quote_end = len(doc)
    assert any(e == last_quote_end for _, e in spans)  # the quote after the cue sentence
    assert any(e <= f.cue_range[0] for _, e in spans)  # the quote before the cue


def test_summed_scores_equal_the_scores_of_the_full_feature_lists(nlp):
    text = (
        "The senator said the bill, which passed on Monday, would cut taxes, "
        "according to aides. “It is a start,” he added."
    )
    _, info, found = _found(nlp, text)
    model = sb.model()
    assert model is not None and found
    for f in found:
        summary = sf.cue_summary(f.cue, info)[:4]
        full = sb.candidates(info, f.cue, f.cue_range, f.source, f.content, summary)
        sb.score(model, full)
        fast = sb.candidates(info, f.cue, f.cue_range, f.source, f.content, summary, model)
        assert [(c.start, c.end) for c in full] == [(c.start, c.end) for c in fast]
        for a, b in zip(full, fast, strict=True):
            assert a.margin == pytest.approx(b.margin)
            assert b.features == []


def test_recording_keeps_the_spans_as_found(nlp, monkeypatch):
    text = "Officials said the talks had failed, which surprised no one in the capital."
    monkeypatch.setattr(sb, "model", lambda: None)
    plain = extract_statements(nlp(text))
    with sb.recording() as records:
        recorded = extract_statements(nlp(text))
    assert [s.content_span for s in recorded] == [s.content_span for s in plain]
    assert records and all(r["candidates"] for r in records)
    spans = {r["content_span"] for r in records}
    assert {s.content_span for s in plain} <= spans


def test_a_model_that_prefers_a_cut_moves_the_content_end(nlp, monkeypatch):
    text = "Officials said the talks had failed, which surprised no one in the capital."
    monkeypatch.setattr(sb, "model", lambda: None)
    before = next(s for s in extract_statements(nlp(text)) if s.cue == "said")
    assert before.content.endswith("capital")
    cut = LinearModel.from_json(
        {"classes": ["content"], "bias": [0.0], "weights": {"e:cut": [5.0]}, "meta": {}}
    )
    monkeypatch.setattr(sb, "model", lambda: cut)
    after = next(s for s in extract_statements(nlp(text)) if s.cue == "said")
    assert after.content == "the talks had failed"
    assert after.content_span[0] == before.content_span[0]
