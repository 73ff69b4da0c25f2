"""Linear models shipped as JSON: a weight per feature string and class, nothing executable.

A model file holds `classes`, `bias` (one per class) and `weights` (feature -> one weight
per class); a binary model has one class name and one weight per feature. Loading reads
JSON only, so a model file cannot run code and does not depend on the library that
trained it (benchmarks/train_statements.py, scikit-learn).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MODELS = resources.files("storytrace") / "data" / "models"


@dataclass(frozen=True, slots=True, eq=False)
class LinearModel:
    """Scores feature lists with a linear model: sigmoid for one class, softmax for several."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    meta: dict
    flat: dict[str, float]
    """The weights of a one-class model, unpacked (scoring is the hot loop)."""

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
        return cls(classes, bias, weights, dict(data.get("meta", {})), flat)

    def margin(self, features: Iterable[str]) -> list[float]:
        """The raw score of each class."""
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

    def proba(self, features: Iterable[str]) -> list[float]:
        """Probabilities: of the one class (binary), or of each class (softmax)."""
        m = self.margin(features)
        if len(m) == 1:
            return [_sigmoid(m[0])]
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
    text = (MODELS / name).read_text(encoding="utf-8")
    return LinearModel.from_json(json.loads(text))


def to_json(
    classes: list[str], bias: list[float], weights: dict[str, list[float]], meta: dict
) -> dict:
    """The JSON shape `LinearModel.from_json` reads (used by the training script)."""
    return {
        "classes": classes,
        "bias": [round(b, 5) for b in bias],
        "meta": meta,
        "weights": {f: [round(x, 4) for x in w] for f, w in sorted(weights.items())},
    }
