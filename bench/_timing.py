"""The timing loop the benchmark scripts share (imported from the scripts' own folder)."""

import time

import numpy as np


def timed(step, values, warmup):
    """Call ``step(v)`` for every value; return the times of all but the first
    ``warmup`` calls, in milliseconds."""
    for v in values[:warmup]:
        step(v)
    times = []
    for v in values[warmup:]:
        start = time.perf_counter()
        step(v)
        times.append(time.perf_counter() - start)
    return np.array(times) * 1e3  # ms
