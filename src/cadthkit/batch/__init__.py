"""Batch-extract an archive: worker processes (or Dask) feeding one SQLite store.

runner.py plans and writes, pool.py / dask_executor.py run the work, worker.py is the per-file
work, rows.py flattens a record, store.py / schema.py are the store, progress.py the display.
"""
