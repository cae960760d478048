"""One BLAS thread per process where processes already use every core.

The event model's encoder runs on numpy, whose BLAS starts one thread per core by default.  With one
worker per core (``--workers``, Dask, ``bench``) those threads only fight each other, so workers get one
each.  The limit must be in the environment before numpy is first imported in the process it is for:
a pool's workers inherit it from the parent that starts them.
"""

from __future__ import annotations

import os
import sys

VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> bool:
    """Ask for one BLAS thread (an operator's own setting wins); true when it applies to this process
    too (numpy not imported yet), false when it will only reach processes started from now on."""
    for var in VARIABLES:
        os.environ.setdefault(var, "1")
    return "numpy" not in sys.modules
