#!/usr/bin/env python3
"""Writes updating-cases.json: expected outputs for updating DataFrames and series as inputs (streamz's
DataFrames / Seriess: each emission is a whole table that replaces the last).

Run it beside cases.py, with the same streamz 0.6.4 and pandas:

    python3 updating_cases.py > updating-cases.json

It reuses cases.py's encoding and case() (see there), feeding each batch to streamz's DataFrames instead of
a streaming DataFrame: a batch is the whole current table, its "index" the table's index.
"""
import contextlib
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
with contextlib.redirect_stdout(io.StringIO()):
    import cases as C  # computes cases.py's cases too (a couple of seconds); its output is discarded

import pandas as pd
import streamz
from streamz import Stream
from streamz.dataframe import DataFrames


def run_updating(op, dfs, example):
    src = Stream()
    sdf = DataFrames(stream=src, example=example)
    out = op(sdf)
    L = out.stream.sink_to_list() if hasattr(out, "stream") else out.sink_to_list()
    for df in dfs:
        src.emit(df)
    return L


C.run_streamz = run_updating
C.CASES.clear()
F, I = "float64", "int64"

# Three tables: 3 rows (a NaN and a null in x), an empty one, 3 rows with a tie in x. Index values are
# the tables' own labels, not row numbers.
xy = {"x": [1.0, "NaN", 3.0, 7.0, 2.0, 7.0], "y": [4, 5, 6, 1, 9, 3]}
nulls = {"x": [1.0, None, 3.0, 7.0, 2.0, 7.0], "y": [4, 5, 6, 1, 9, 3]}
sizes = [3, 0, 3]
index = [10, 11, 12, 3, 1, 5]
dt = {"x": F, "y": I}

# T05: reductions of an updating DataFrame: per emission, over that table only, a series per column.
for agg, fn in [("sum", lambda d: d.sum()), ("mean", lambda d: d.mean()), ("count", lambda d: d.count()),
                ("var", lambda d: d.var()), ("std", lambda d: d.std()),
                ("var0", lambda d: d.var(ddof=0)), ("std0", lambda d: d.std(ddof=0))]:
    C.case(f"T05.frame.{agg}", f"DataFrames {agg}: pandas' {agg} of each table, a series indexed by column",
           f"DataFrames(...).{agg}()", xy, sizes, dt, fn, "updating-series", index=index)
for agg, fn in [("min", lambda d: d.min()), ("max", lambda d: d.max())]:
    C.case(f"T05.frame.{agg}", f"DataFrames {agg} (streamz has none): pandas' {agg} of each table",
           f"DataFrames(...).{agg}()", xy, sizes, dt, None, "updating-series", index=index,
           expected_fn=lambda dfs, fn=fn: [fn(d) for d in dfs], streamz_has=False)
C.case("T05.frame.nulls.sum", "DataFrames sum with a null (missing, like NaN)", "DataFrames(...).sum()",
       nulls, sizes, dt, lambda d: d.sum(), "updating-series", index=index)

# T06: reductions of an updating series (a column of an updating DataFrame): one scalar per emission.
for col in ["x", "y"]:
    for agg, fn in [("sum", lambda s: s.sum()), ("mean", lambda s: s.mean()), ("count", lambda s: s.count()),
                    ("var", lambda s: s.var()), ("std", lambda s: s.std())]:
        C.case(f"T06.{col}.{agg}", f"Seriess {agg} of column {col}: pandas' {agg} of each emission",
               f"DataFrames(...).{col}.{agg}()", xy, sizes, dt, lambda d, c=col, fn=fn: fn(getattr(d, c)),
               "updating-scalar", index=index)
    for agg, fn in [("min", lambda s: s.min()), ("max", lambda s: s.max())]:
        C.case(f"T06.{col}.{agg}", f"Seriess {agg} of column {col} (streamz has none): pandas'",
               f"DataFrames(...).{col}.{agg}()", xy, sizes, dt, None, "updating-scalar", index=index,
               expected_fn=lambda dfs, c=col, fn=fn: [fn(getattr(d, c)) for d in dfs], streamz_has=False)
C.case("T06.x.column", "column selection of an updating DataFrame: an updating series with the index",
       "DataFrames(...).x", xy, sizes, dt, lambda d: d.x, "updating-series", index=index)

# T07: tail and nlargest per emission.
C.case("T07.frame.tail2", "DataFrames tail(2): the last 2 rows of each table", "DataFrames(...).tail(2)",
       xy, sizes, dt, lambda d: d.tail(2), "updating-frame", index=index)
C.case("T07.frame.nlargest2", "DataFrames nlargest(2, 'x'): NaN dropped, ties keep the first row",
       "DataFrames(...).nlargest(2, 'x')", xy, sizes, dt, lambda d: d.nlargest(2, "x"), "updating-frame",
       index=index)
C.case("T07.x.tail1", "Seriess tail(1)", "DataFrames(...).x.tail(1)", xy, sizes, dt, lambda d: d.x.tail(1),
       "updating-series", index=index)
C.case("T07.x.nlargest2", "Seriess nlargest(2)", "DataFrames(...).x.nlargest(2)", xy, sizes, dt,
       lambda d: d.x.nlargest(2), "updating-series", index=index)
C.case("T07.y.nlargest5", "Seriess nlargest(5) of ints, more than the rows", "DataFrames(...).y.nlargest(5)",
       xy, sizes, dt, lambda d: d.y.nlargest(5), "updating-series", index=index)

# T08: size. streamz's Frames.size calls pandas' size attribute and fails when the operation is built;
# we give pandas' value: rows x columns of a table, rows of a series.
C.case("T08.frame.size", "DataFrames size: rows x columns of each table", "DataFrames(...).size", xy, sizes,
       dt, None, "updating-scalar", index=index, expected_fn=lambda dfs: [d.size for d in dfs],
       streamz_has=False, difference="T08: streamz's Frames.size raises TypeError ('numpy.int64' object is not "
                                     "callable) when built; we emit pandas' size of each emission")
C.case("T08.x.size", "Seriess size: rows of each emission", "DataFrames(...).x.size", xy, sizes, dt, None,
       "updating-scalar", index=index, expected_fn=lambda dfs: [d.x.size for d in dfs], streamz_has=False,
       difference="T08: streamz's Seriess.size raises TypeError when built; we emit pandas' size")

# T16: elementwise operations on an updating DataFrame work on each table alone.
C.case("T16.filter", "DataFrames boolean-mask filter: the rows of each table where x > 2 (NaN compares false)",
       "d[d.x > 2]", xy, sizes, dt, lambda d: d[d.x > 2], "updating-frame", index=index)
C.case("T16.assign", "DataFrames assign(z = x * 2) per table", "d.assign(z=d.x * 2)", xy, sizes, dt,
       lambda d: d.assign(z=d.x * 2), "updating-frame", index=index)
# streamz's Seriess is not subscriptable (TypeError), so pandas gives the expected values.
C.case("T16.series.filter", "Seriess boolean-mask filter s[s > 2] of column x per emission (streamz has none)",
       "s[s > 2]", xy, sizes, dt, None, "updating-series", index=index,
       expected_fn=lambda dfs: [d.x[d.x > 2] for d in dfs], streamz_has=False)

json.dump({"generator": "updating_cases.py", "streamz": streamz.__version__, "pandas": pd.__version__,
           "cases": C.CASES}, sys.stdout, indent=None, separators=(",", ":"), allow_nan=False)
sys.stdout.write("\n")
