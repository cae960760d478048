"""Scale-out: the same per-article function on every local core (``pool``), on a Dask cluster
(``dask_engine``), behind a cheap relevance gate (``relevance``).

Nothing here is imported by the pipeline itself; each engine maps ``pipeline.process`` +
``contract.to_contract`` over inputs and hands contract documents back in input order.
"""
