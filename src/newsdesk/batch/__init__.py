"""Batch engines: the same per-article function mapped over many documents.

    local.analyse(doc, settings, lang)     the per-article function (one cached pipeline per process)
    local.run_local(docs, settings, ...)   a process pool on this machine; results in input order
    dask.run_dask(docs, settings, ...)     the same on a Dask cluster (dask.distributed, optional)
    dask.write_shards(docs, ..., out_dir)  Dask workers write results as Parquet shards
    shards.iter_shard_records(dir)         read the shards back (``newsdesk load``)
    resume.mark_known(docs, known, ...)    content already stored, told apart before analysis

The per-article code knows nothing of the engine; the engines know nothing of
the database: the caller is the one writer (``newsdesk ingest``, ``newsdesk load``).
Nothing is imported here, so ``import newsdesk.batch`` needs neither Dask nor pyarrow.
"""
