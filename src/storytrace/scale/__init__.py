"""Running the pipeline on more than one core: a local process pool (and, later, clusters).

`storytrace.scale.pool.ingest_parallel` is what `Pipeline.ingest_pages` calls when
`Options.workers` > 1. See docs/scale.md for the design and the cost model.
"""
