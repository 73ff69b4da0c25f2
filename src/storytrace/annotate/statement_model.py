"""Linear models shipped as JSON: a weight per feature string and class, nothing executable.

The shipped files are gzip'd JSON (`.json.gz`, written without a timestamp so the same
weights give the same bytes): the cue model's JSON is about 3 MB, mostly feature
strings, and gzip brings it under the repository's 2 MB limit for tracked files without
rounding a weight. A model file holds `classes`, `bias` (one per class) and `weights`
(feature -> one weight per class); a binary model has one class name and one weight per
feature. Loading reads JSON only, so a model file cannot run code and does not depend on
the library that trained it (benchmarks/train_statements.py, scikit-learn).
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy

from storytrace.resources import path


@dataclass(frozen=True, slots=True, eq=False)
class LinearModel:
    """Scores feature lists with a linear model: sigmoid for one class, softmax for several."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    meta: dict
    flat: dict[str, float]
    """The weights of a one-class model, unpacked (scoring is the hot loop)."""
    dense: Any = None
    """A one-class model's weights of its dense input (a token's vector), folded with the
    input's standardization (numpy array), or None."""
    dense_bias: float = 0.0

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        classes = tuple(data["classes"])
        width = len(classes)
        weights = {}
        for feat, w in data["weights"].items():
            row = tuple(float(x) for x in (w if isinstance(w, list) else [w]))
            if len(row) != width:
                raise ValueError(f"feature {feat!r} has {len(row)} weights, expected {width}")
            weights[feat] = row
        bias = tuple(float(x) for x in data["bias"])
        if len(bias) != width:
            raise ValueError("bias does not match the classes")
        flat = {f: w[0] for f, w in weights.items()} if width == 1 else {}
        meta = dict(data.get("meta", {}))
        dense = data.get("dense")
        if not dense:
            return cls(classes, bias, weights, meta, flat)
        vec, mean, scale = (
            numpy.asarray(dense[k], dtype="float64") for k in ("weights", "mean", "scale")
        )
        if width != 1 or not (vec.shape == mean.shape == scale.shape) or vec.ndim != 1:
            raise ValueError("dense weights need one class and a mean and scale each")
        folded = vec / scale
        return cls(classes, bias, weights, meta, flat, folded, -float(folded @ mean))

    def dense_margin(self, vector: Any) -> float:
        """The dense input's share of a one-class model's score (0 for a missing vector)."""
        if self.dense is None or vector is None or len(vector) != len(self.dense):
            return 0.0
        return float(self.dense @ vector) + self.dense_bias

    def margin(self, features: Iterable[str]) -> list[float]:
        """The raw score of each class; a feature listed twice counts once."""
        # Training reads each example's features as a set (train_statements._vectorize), so
        # scoring must too: summing a repeated feature ("prep=of" twice) scored a candidate
        # the model was never fitted on.
        features = dict.fromkeys(features)  # in order, so the sum is the same every run
        if self.flat:
            get1 = self.flat.get
            return [self.bias[0] + sum(get1(f, 0.0) for f in features)]
        total = list(self.bias)
        get = self.weights.get
        for f in features:
            w = get(f)
            if w is not None:
                for k, x in enumerate(w):
                    total[k] += x
        return total

    def proba(self, features: Iterable[str], vector: Any = None) -> list[float]:
        """Probabilities: of the one class (binary), or of each class (softmax); `vector`
        is the dense input of a model that has one."""
        m = self.margin(features)
        if len(m) == 1:
            return [_sigmoid(m[0] + self.dense_margin(vector))]
        top = max(m)
        exps = [math.exp(x - top) for x in m]
        z = sum(exps)
        return [e / z for e in exps]


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


@lru_cache(maxsize=8)
def load_model(name: str) -> LinearModel:
    """A packaged model by file name (under data/models), loaded once per process."""
    return LinearModel.from_json(read_model_json(name))


def read_model_json(name: str) -> dict:
    """The JSON of a packaged model file: gzip'd when its name ends in `.gz`."""
    raw = path(f"models/{name}").read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return json.loads(raw.decode("utf-8"))


def model_bytes(model: dict, name: str) -> bytes:
    """A model's file content: compact JSON, gzip'd for a `.gz` name with no timestamp or
    file name in the header, so the same model gives the same bytes (used by training)."""
    raw = (json.dumps(model, separators=(",", ":")) + "\n").encode("utf-8")
    return gzip.compress(raw, compresslevel=9, mtime=0) if name.endswith(".gz") else raw


def to_json(
    classes: list[str],
    bias: list[float],
    weights: dict[str, list[float]],
    meta: dict,
    dense: dict | None = None,
) -> dict:
    """The JSON shape `LinearModel.from_json` reads (used by the training script)."""
    out = {
        "classes": classes,
        "bias": [round(b, 5) for b in bias],
        "meta": meta,
        "weights": {f: [round(x, 4) for x in w] for f, w in sorted(weights.items())},
    }
    if dense is not None:
        out["dense"] = {k: [round(float(x), 5) for x in v] for k, v in dense.items()}
    return out
