"""The statement filter: each finished statement of the learned finder judged as a whole."""

from __future__ import annotations

from storytrace.annotate import statement_filter as sfl
from storytrace.annotate import statement_learned as sl
from storytrace.annotate.statement_model import LinearModel, read_model_json
from storytrace.annotate.statements import extract_statements
from storytrace.resources import path

_TEXT = (
    "The senator said the bill would cut taxes for most families. "
    "It was unclear whether the plan would pass before the recess. "
    "“It is a start,” Smith told reporters, according to aides.\n\n"
    "PENCE: Well, look, we are ready to govern from the first day."
)


def _model(bias: float, weights: dict[str, float], **meta) -> LinearModel:
    return LinearModel.from_json(
        {"classes": ["keep"], "bias": [bias], "weights": weights, "meta": meta}
    )


def test_shipped_filter_is_plain_json_with_its_provenance_and_settings():
    data = read_model_json(sfl.MODEL)
    assert set(data) == {"classes", "bias", "weights", "meta"}
    meta = data["meta"]
    assert meta["trainer"] == "benchmarks/train_filter.py"
    assert "PolNeAR" in meta["trained_on"]
    assert 0 < meta["threshold"] < 1 and 0 <= meta["slack"] < 0.3
    model = sfl.model()
    assert model is not None and len(model.flat) == meta["features"]
    assert len(path(f"models/{sfl.MODEL}").read_bytes()) < 500_000


def test_recording_keeps_every_statement_and_features_only_the_learned_ones(nlp):
    with sfl.using(None):
        plain = extract_statements(nlp(_TEXT))
    with sfl.recording(0.0) as records:
        recorded = extract_statements(nlp(_TEXT))
    assert [s.content_span for s in recorded] == [s.content_span for s in plain]
    assert len(records) == len(recorded)
    learned = [r for r in records if r[0] is not None]
    assert learned and all("b" in r[0] and "rules" in r[0] for r in learned)
    said = next(r for r in learned if "l=say" in r[0])
    assert "k=person" in said[0] or "k=unknown" in said[0]


def test_a_filter_that_keeps_nothing_leaves_the_rule_statements_with_valid_via(nlp):
    with sfl.using(_model(-20.0, {}, threshold=0.5, slack=0.0)):
        kept = extract_statements(nlp(_TEXT))
    with sfl.using(None):
        plain = extract_statements(nlp(_TEXT))
    assert len(kept) < len(plain)
    assert all(s.via is None or 0 <= s.via < len(kept) for s in kept)
    # The name-and-colon line is a rule pass's statement: the filter does not judge it.
    assert [s.cue for s in kept] == [":"]


def test_a_filter_that_keeps_everything_adds_only_nested_cues_without_slack(nlp):
    with sfl.using(_model(20.0, {}, threshold=0.5, slack=0.0)):
        kept = extract_statements(nlp(_TEXT))
    with sfl.using(None):
        plain = extract_statements(nlp(_TEXT))
    assert {s.content_span for s in plain} <= {s.content_span for s in kept}


def test_slack_admits_cues_under_the_threshold_marked_for_the_filter(nlp):
    from storytrace.annotate import statement_features as sf
    from storytrace.annotate.cues import load_lexicon
    from storytrace.annotate.statement_quotes import find_quotes

    doc = nlp(_TEXT)
    info = sf.DocInfo.build(doc, _TEXT, load_lexicon(), find_quotes(_TEXT))
    cue_model, unit_model = sl.models()
    strict = {f.cue.i for f in sl.find(info, cue_model, unit_model)}
    loose = sl.find(info, cue_model, unit_model, slack=0.3, mark_nested=True)
    assert strict <= {f.cue.i for f in loose}
    low = min(sl.thresholds(cue_model)) - 0.3
    for f in loose:
        assert f.score >= low
        assert (f.cue.i in strict) == (not f.under and not f.nested)


def test_the_shipped_filter_drops_a_sourceless_question(nlp):
    # The cue model takes "mean" for a cue; a question with no speaker attributes nothing.
    text = "What does it mean that the senator wants to win?"
    with sfl.using(None):
        plain = extract_statements(nlp(text))
    assert [s.cue for s in plain] == ["mean"]
    assert extract_statements(nlp(text)) == []


def test_the_shipped_filter_keeps_plain_reported_speech(nlp):
    text = (
        "The senator said the bill would cut taxes for most families. "
        "“It is a start,” Smith told reporters on Friday."
    )
    with sfl.using(None):
        plain = extract_statements(nlp(text))
    kept = extract_statements(nlp(text))
    assert len(plain) == 2
    assert [s.content_span for s in kept] == [s.content_span for s in plain]


def test_a_statement_passed_on_through_a_dropped_one_loses_its_via(nlp):
    text = "Bloomberg reported on Monday, citing two sources, that the plan was ready."
    with sfl.using(None):
        plain = extract_statements(nlp(text))
    cited = next(s for s in plain if s.cue == "citing")
    assert cited.via is not None and plain[cited.via].cue == "reported"
    drop_reports = _model(20.0, {"l=report": -40.0}, threshold=0.5, slack=0.0, nested=False)
    with sfl.using(drop_reports):
        kept = extract_statements(nlp(text))
    assert [s.cue for s in kept] == ["citing"]
    assert kept[0].via is None and kept[0].speaker == "two sources"
