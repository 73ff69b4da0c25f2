"""Fuzz ingest: any bytes under any name are read, recorded in a store, and cleaned
without an exception escaping; every input is recorded exactly once.

    python fuzz/fuzz_ingest.py [libFuzzer options] [corpus folder]

The bytes go through format detection, gunzip, decoding, the JSONL reader, the
store's recording (dedup keys, metadata as JSON) and the cleaners, as
`storytrace ingest` runs them (annotation aside: it needs the language model and
is covered by the property tests). Needs atheris; `tests/test_reliability_fuzz.py` runs it briefly.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["storytrace"]):
    from storytrace.ingest import read_inputs
    from storytrace.model import Options
    from storytrace.pipeline import clean_page
    from storytrace.store import Store

OPTIONS = Options(max_bytes=200_000, time_limit=None)
NAMES = ("page.txt", "page.html", "feed.jsonl", "page.html.gz", "noext", "data.json")
FOLDER = Path(tempfile.mkdtemp(prefix="storytrace-fuzz-"))


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    name = NAMES[provider.ConsumeIntInRange(0, len(NAMES) - 1)]
    path = FOLDER / name
    path.write_bytes(provider.ConsumeBytes(len(data)))
    with Store(":memory:") as store:
        pages = list(read_inputs([str(path)], OPTIONS))
        assert pages, "an input gave no Page at all"
        ids = set()
        for page in pages:
            assert page.source.startswith(str(path)), page.source
            assert (page.error is None) == (page.text is not None), page.error
            input_id, todo = store.record_input(page)
            ids.add(input_id)
            if not todo:
                continue
            _, status, error = clean_page(page, OPTIONS)
            assert status in ("ok", "error", "no_article")
            assert status == "ok" or error
            store.mark_input(input_id, status, error)
        rows = store.inputs()
        assert len(rows) == len(ids) and {r["id"] for r in rows} == ids
        assert all(r["status"] != "pending" for r in rows)
    path.unlink()


def main(argv: list[str]) -> None:
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
