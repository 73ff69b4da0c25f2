"""Quality floors pinned in `benchmarks/floors.json`, one section per benchmark.

Each benchmark measures its own figures and words its own failures (naming the pages
or articles that pulled a figure down); pinning, reading and the command-line tail
(`--update-floors`, `--allow-lower`, `--floors`) are the same for all and live here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

FLOORS = Path(__file__).resolve().parent / "floors.json"
MARGIN = 0.01
"""Floors sit this far below the measured figure: room for noise, not for regressions."""


def load(path: Path = FLOORS) -> dict[str, Any]:
    """Every section's floors (empty when the file does not exist yet)."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def pin(
    section: str, measured: dict[str, float], allow_lower: bool, path: Path = FLOORS
) -> list[str]:
    """Pin a section's floors at the measured figures minus the margin; raise only, unless
    `allow_lower`. Returns one note per floor set or kept; other sections are untouched."""
    everything = load(path)
    floors = everything.setdefault(section, {})
    notes = []
    for key, value in measured.items():
        new = max(0.0, math.floor((value - MARGIN) * 1000) / 1000)
        old = floors.get(key)
        if old is None or new > old or (allow_lower and new != old):
            floors[key] = new
            notes.append(f"{key}: {old} -> {new}")
        elif new < old:
            notes.append(f"{key}: kept {old} (measured {value:.3f}; --allow-lower to lower)")
    path.write_text(json.dumps(everything, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return notes


def finish(
    update: Callable[[], list[str]] | None,
    check: Callable[[], list[str]] | None,
    partial: bool = False,
) -> int:
    """The benchmark's exit status after `--update-floors` (`update`) and `--floors`
    (`check`): 1 when a figure is below its floor, printing what was pinned and missed."""
    if update is not None:
        for note in update():
            print("floor", note)
    if check is None:
        return 0
    if partial:
        print("note: floors are pinned on full runs; a partial run may miss them")
    failures = check()
    for msg in failures:
        print("BELOW FLOOR", msg)
    if not failures:
        print("all floors met")
    return 1 if failures else 0
