"""The atheris fuzz harnesses in `fuzz/`, run briefly: they find no crash.

Each harness runs as libFuzzer does (coverage-guided, seeded with pages of the example
corpus) for a bounded number of inputs or seconds, whichever comes first; a finding
exits non-zero and leaves a `crash-*` file with the input. Longer runs:
`python fuzz/fuzz_clean.py -max_total_time=600 CORPUS_FOLDER`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = (
    "ebc-port-strike.txt",
    "cpa-port-strike.html",
    "wire.jsonl",
    "caldmouth-now-budget.html.gz",
)
RUNS = 3000
SECONDS = 25


@pytest.mark.parametrize("harness", ["fuzz_clean.py", "fuzz_ingest.py"])
def test_fuzzing_finds_no_crash(harness: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in SEEDS:
        shutil.copy(REPO / "examples" / "newsroom" / name, corpus / name)
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "fuzz" / harness),
            f"-runs={RUNS}",
            f"-max_total_time={SECONDS}",
            "-seed=8",
            "-rss_limit_mb=3072",
            f"-artifact_prefix={tmp_path}/",
            str(corpus),
        ],
        capture_output=True,
        text=True,
        timeout=20 * SECONDS,
    )
    findings = sorted(p.name for p in tmp_path.glob("crash-*"))
    assert result.returncode == 0 and not findings, (findings, result.stderr[-4000:])
    assert "Done" in result.stderr
