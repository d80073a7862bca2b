"""Rows per second of Python streamz's streaming DataFrame for the pipelines of DataFrameBench
(docs/benchmarks.md, "Streaming DataFrame"), the peer of the JMH run.

Run it on the machine that ran the JMH suite, right after it, so the ratios compare like with like:

    pip install streamz==0.6.4 pandas
    python3 benchmarks/python/dataframe_peer.py            # every pipeline, 1 K and 64 K rows per batch
    python3 benchmarks/python/dataframe_peer.py 1024        # one batch size

The data has the shape DataFrameBench uses: an int64 key drawn from 100 values, x uniform in [-20, 80),
y uniform in [0, 100), no missing values. Each pipeline gets pre-built batches, a warm-up, then as many
batches as fit in about two seconds; it prints one line per pipeline and batch size: rows per second, the
best of three such runs (which favours Python).
"""
import sys
import time

import numpy as np
import pandas as pd
from streamz import Stream

KEYS = 100
WINDOW = 10_000
ROLLING = 100
DATA_ROWS = 4 * 65_536
SECONDS = 2.0
RUNS = 3


def batches(rows):
    rng = np.random.default_rng(7)
    out = []
    for _ in range(max(1, DATA_ROWS // rows)):
        out.append(pd.DataFrame({
            "key": rng.integers(1000, 1000 + KEYS, rows, dtype=np.int64),
            "x": rng.random(rows) * 100 - 20,
            "y": rng.random(rows) * 100,
        }))
    return out


def groupby_sum(sdf):
    return sdf.groupby("key").x.sum()


def window_mean(sdf):
    return sdf.window(n=WINDOW).x.mean()


def rolling_max(sdf):
    return sdf.rolling(ROLLING).y.max()


def filter_assign(sdf):
    # The filter + assign chain of DataFrameBench: rows with x > 0, then z = x * y.
    kept = sdf[sdf.x > 0]
    return kept.assign(z=kept.x * kept.y)


PIPELINES = [
    ("groupbySum", groupby_sum),
    ("windowMean", window_mean),
    ("rollingMax", rolling_max),
    ("filterAssign", filter_assign),
]


def rows_per_second(build, data):
    source = Stream()
    sdf = source.to_dataframe(example=data[0].iloc[:0])
    last = []
    build(sdf).stream.sink(last.append)
    for b in data[:3]:  # warm-up
        source.emit(b)
    rows = 0
    i = 0
    start = time.perf_counter()
    while True:
        b = data[i % len(data)]
        source.emit(b)
        rows += len(b)
        i += 1
        elapsed = time.perf_counter() - start
        if elapsed >= SECONDS:
            break
    if not last:
        raise RuntimeError("the pipeline emitted nothing")
    return rows / elapsed


def main(argv):
    sizes = [int(a) for a in argv] or [1024, 65_536]
    for rows in sizes:
        data = batches(rows)
        for name, build in PIPELINES:
            best = max(rows_per_second(build, data) for _ in range(RUNS))
            print(f"{name}\tbatch={rows}\trows_per_s={best:.4g}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
