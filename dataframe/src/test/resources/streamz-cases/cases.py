#!/usr/bin/env python3
"""Writes cases.json: the expected outputs of the streaming DataFrame conformance suite.

Run it with streamz 0.6.4 and pandas (e.g. the Debian packages python3-streamz python3-pandas):

    python3 cases.py > cases.json

Each case feeds batches (pandas frames) into a streamz streaming DataFrame, applies one operation and
records what streamz emitted, one output per input batch ("streamz"). "expected" is what streamz-jvm
must emit where that is not streamz's output (it is absent otherwise): where we deliberately differ
(field "difference" names the reason), it is computed with pandas directly on the rows the operation
covers. Where streamz lacks the operation (all-time min/max/var/std, window min/max, ...), "streamz" is null and
"expected" comes from pandas.

Encoding: a batch is {"index": [...], "columns": {name: [values]}}; the index is row numbers that go on
across batches, or epoch nanoseconds for a timestamp index. JSON null is a null value, the string "NaN"
a float NaN (pandas treats both as missing), "Infinity"/"-Infinity" infinities. An output is
{"t": "scalar", "dtype", "value"}, {"t": "series", "dtype", "index", "values"} or
{"t": "frame", "index", "columns": {name: {"dtype", "values"}}}.
"""
import json
import warnings
import math
import sys

import numpy as np
import pandas as pd
import streamz
from streamz import Stream
from streamz.dataframe import DataFrame, Aggregation

warnings.simplefilter("ignore")  # numpy's 0/0 and pandas' min_periods notices
CASES = []
H = 3_600_000_000_000  # one hour in nanoseconds
T0 = 946_684_800_000_000_000  # 2000-01-01T00:00:00Z


def num(v):
    if v is None:
        return None
    if isinstance(v, (pd.Timestamp,)):
        return int(v.value)
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, (np.integer, int)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        f = float(v)
        if math.isnan(f):
            return "NaN"
        if math.isinf(f):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    if v is pd.NA:
        return None
    return str(v)


def enc_index(idx):
    if isinstance(idx, pd.DatetimeIndex):
        return [int(v) for v in idx.asi8]
    return [num(v) for v in idx]


def enc(obj):
    if isinstance(obj, pd.DataFrame):
        return {"t": "frame", "index": enc_index(obj.index),
                "columns": {str(c): {"dtype": str(obj[c].dtype), "values": [num(v) for v in obj[c]]}
                            for c in obj.columns}}
    if isinstance(obj, pd.Series):
        return {"t": "series", "dtype": str(obj.dtype), "index": enc_index(obj.index),
                "values": [num(v) for v in obj]}
    return {"t": "scalar", "dtype": type(obj).__name__ if not hasattr(obj, "dtype") else str(obj.dtype),
            "value": num(obj)}


def to_pandas(batch, dtypes, time_index):
    cols = {}
    for name, dt in dtypes.items():
        vals = [float("nan") if v == "NaN" else v for v in batch["columns"][name]]
        if dt == "category":
            cols[name] = pd.Series(vals, dtype="object").astype(pd.CategoricalDtype(CATS[name]))
        elif dt == "float64":
            cols[name] = pd.Series([np.nan if v is None else v for v in vals], dtype="float64")
        else:
            cols[name] = pd.Series(vals, dtype=dt)
    idx = batch["index"]
    index = pd.DatetimeIndex(np.array(idx, dtype="datetime64[ns]")) if time_index else pd.Index(idx, dtype="int64")
    df = pd.DataFrame({k: v.values for k, v in cols.items()}, index=index)
    return df


CATS = {}


def batches_of(columns, sizes, index=None):
    """Split whole columns into batches of the given sizes (0 = an empty batch)."""
    n = len(next(iter(columns.values())))
    assert sum(sizes) == n, (sizes, n)
    index = list(range(n)) if index is None else index
    out, at = [], 0
    for s in sizes:
        out.append({"index": index[at:at + s], "columns": {k: v[at:at + s] for k, v in columns.items()}})
        at += s
    return out


def run_streamz(op, dfs, example):
    src = Stream()
    sdf = DataFrame(stream=src, example=example)
    out = op(sdf)
    L = out.stream.sink_to_list() if hasattr(out, "stream") else out.sink_to_list()
    for df in dfs:
        try:
            src.emit(df)
        except Exception as e:  # streamz fails on this batch: recorded, and the case has an "expected" of its own
            L.append({"t": "error", "error": type(e).__name__ + ": " + str(e)})
    return L


def case(cid, desc, op_text, columns, sizes, dtypes, op, kind, index=None, time_index=False,
         expected_fn=None, difference=None, streamz_has=True):
    """Record one case. expected_fn(dfs) -> list of outputs, one per batch (only for differences or
    operations streamz lacks); otherwise expected = streamz's outputs."""
    batches = batches_of(columns, sizes, index)
    dfs = [to_pandas(b, dtypes, time_index) for b in batches]
    # A one-row example of the same dtypes (streamz computes the example output from it; an empty
    # example makes some of its aggregations divide by zero at construction).
    non_empty = [d for d in dfs if len(d)]
    example = non_empty[0].iloc[:1] if non_empty else dfs[0]
    got = None
    if streamz_has:
        got = run_streamz(op, dfs, example)
        assert len(got) == len(dfs), (cid, len(got), len(dfs))
        got = [g if isinstance(g, dict) else enc(g) for g in got]
    exp = [enc(e) for e in expected_fn(dfs)] if expected_fn else got
    assert len(exp) == len(dfs), cid
    c = {"id": cid, "description": desc, "op": op_text, "kind": kind,
         "dtypes": dtypes, "timeIndex": time_index, "batches": batches, "streamz": got}
    if exp != got:
        c["expected"] = exp
    if difference:
        c["difference"] = difference
    CASES.append(c)


def prefixes(dfs):
    """For each batch i, the concatenation of batches 0..i."""
    out = []
    for i in range(len(dfs)):
        out.append(pd.concat(dfs[:i + 1]))
    return out


def per_batch_rows(dfs, full):
    """Split a result computed on the concatenation back into the rows of each batch."""
    out, at = [], 0
    for d in dfs:
        out.append(full.iloc[at:at + len(d)])
        at += len(d)
    return out


def last_n(dfs, n):
    return [p.iloc[-n:] if n > 0 else p.iloc[:0] for p in prefixes(dfs)]


def last_time(dfs, d):
    out, mx = [], None
    for p in prefixes(dfs):
        if len(p):
            mx = p.index.max()
        out.append(p[p.index > mx - pd.Timedelta(d)] if mx is not None else p)
    return out


F = "float64"
I = "int64"

# ---------------------------------------------------------------- L11 all-time reductions
x123 = {"x": [1, 2, 3, 1], "y": [4, 5, 6, 4]}
for agg in ["sum", "mean", "count"]:
    case(f"L11.x.{agg}", f"all-time {agg} of an int column: batches df, df[:1], empty", f"sdf.x.{agg}()",
         x123, [3, 1, 0], {"x": I, "y": I}, lambda s, a=agg: getattr(s.x, a)(), "updating-scalar")
case("L11.size", "all-time size of a frame (rows x columns)", "sdf.size", x123, [3, 1, 0],
     {"x": I, "y": I}, lambda s: s.size, "updating-scalar")
case("L11.x.size", "all-time size of a series (rows)", "sdf.x.size", x123, [3, 1, 0],
     {"x": I, "y": I}, lambda s: s.x.size, "updating-scalar")
case("L11.frame.sum", "all-time sum of a frame: a series per column", "sdf.sum()", x123, [3, 1, 0],
     {"x": I, "y": I}, lambda s: s.sum(), "updating-series")
# NaN and null are both missing for pandas' skip-NaN reductions.
nanx = {"x": [1.0, "NaN", 3.0, None, 4.0, "NaN"]}
for agg in ["sum", "mean", "count"]:
    case(f"L11.nan.{agg}", f"all-time {agg} skips NaN and null; empty batches first, middle and last",
         f"sdf.x.{agg}()", nanx, [0, 3, 0, 2, 1, 0], {"x": F}, lambda s, a=agg: getattr(s.x, a)(),
         "updating-scalar",
         expected_fn=(lambda dfs, a=agg: [getattr(p.x, a)() for p in prefixes(dfs)]) if agg == "mean" else None,
         difference="L27: mean after an empty first batch is pandas' mean of the rows so far (NaN while there are none)" if agg == "mean" else None)
# Reductions streamz lacks over all time: expected from pandas on the rows so far.
for agg, fn in [("min", lambda p: p.x.min()), ("max", lambda p: p.x.max()),
                ("var", lambda p: p.x.var()), ("std", lambda p: p.x.std()),
                ("var0", lambda p: p.x.var(ddof=0)), ("std0", lambda p: p.x.std(ddof=0))]:
    case(f"L46.nan.{agg}", f"all-time {agg} (streamz has none): pandas over the rows so far, skipping NaN/null",
         f"sdf.x.{agg}()", nanx, [0, 3, 0, 2, 1, 0], {"x": F}, None, "updating-scalar",
         expected_fn=lambda dfs, fn=fn: [fn(p) for p in prefixes(dfs)], streamz_has=False)
    case(f"L46.int.{agg}", f"all-time {agg} of an int column", f"sdf.x.{agg}()", x123, [3, 1, 0],
         {"x": I, "y": I}, None, "updating-scalar",
         expected_fn=lambda dfs, fn=fn: [fn(p) for p in prefixes(dfs)], streamz_has=False)

# ---------------------------------------------------------------- L27 mean after an empty first batch
case("L27.mean", "mean after an empty first batch", "sdf.x.mean()", {"x": [1.0, 2.0, 3.0]}, [0, 3],
     {"x": F}, lambda s: s.x.mean(), "updating-scalar",
     expected_fn=lambda dfs: [p.x.mean() for p in prefixes(dfs)],
     difference="L27: streamz stores a count of 0 as 1 (emits 0.0 then 1.5); we emit NaN then 2.0")
case("L27.window2.mean", "window(n=2) mean after an empty first batch", "sdf.window(n=2).x.mean()",
     {"x": [1.0, 2.0, 3.0]}, [0, 3], {"x": F}, lambda s: s.window(n=2).x.mean(), "updating-scalar",
     expected_fn=lambda dfs: [w.x.mean() for w in last_n(dfs, 2)],
     difference="L27: streamz emits 0.0 then 1.6667; we emit NaN then 2.5")

# ---------------------------------------------------------------- L14 value_counts
case("L14.value_counts", "all-time value_counts of a category column, emitted twice",
     "sdf.k.value_counts()", {"k": ["a", "b", "a", "a", "b", "a"]}, [3, 3], {"k": "object"},
     lambda s: s.k.value_counts(), "updating-series")
case("L14.value_counts.int", "all-time value_counts of ints; a value appears in the second batch",
     "sdf.x.value_counts()", {"x": [1, 2, 1, 3, 3, 3]}, [3, 0, 3], {"x": I},
     lambda s: s.x.value_counts(), "updating-series")

# ---------------------------------------------------------------- L15 cumulative
x17 = {"x": [1, 2, 3, 4, 5, 6, 7]}
for op in ["cumsum", "cumprod", "cummin", "cummax"]:
    case(f"L15.{op}", f"{op}: only the new rows' cumulative values; an empty batch emits an empty batch",
         f"sdf.x.{op}()", x17, [3, 3, 1, 0], {"x": I}, lambda s, o=op: getattr(s.x, o)(), "streaming-series")
    case(f"L15.{op}.emptyfirst", f"{op} after an empty first batch", f"sdf.x.{op}()",
         {"x": [3.0, 1.0, 2.0]}, [0, 2, 0, 1], {"x": F}, lambda s, o=op: getattr(s.x, o)(), "streaming-series")
    # NaN in a batch's last row: streamz's state is that NaN row, and the next batch restarts.
    case(f"L47.{op}.nanlast", f"{op} with NaN in a batch's last row", f"sdf.x.{op}()",
         {"x": [5.0, 2.0, "NaN", 3.0, 4.0, 1.0]}, [3, 2, 1], {"x": F}, lambda s, o=op: getattr(s.x, o)(),
         "streaming-series",
         expected_fn=lambda dfs, o=op: per_batch_rows(dfs, getattr(pd.concat(dfs).x, o)()),
         difference="L47: a NaN in a batch's last row does not restart the cumulative value; we emit pandas' "
                    + op + " over all rows so far")
case("L15.frame.cumsum", "frame cumsum, df emitted twice", "sdf.cumsum()", {"x": [1, 2, 3] * 2, "y": [4, 5, 6] * 2},
     [3, 3], {"x": I, "y": I}, lambda s: s.cumsum(), "streaming-frame")

# ---------------------------------------------------------------- L16-L19, L25 window(n)
x09 = {"x": [float(i) for i in range(10)], "y": [1.0, 2.0] * 5}
for n in [1, 4]:
    for agg, fn, diff in [("sum", lambda w: w.x.sum(), None), ("mean", lambda w: w.x.mean(), None),
                          ("count", lambda w: w.x.count(), None), ("size", None, None),
                          ("var", lambda w: w.x.var(), "var"), ("var0", lambda w: w.x.var(ddof=0), "var"),
                          ("std", lambda w: w.x.std(), "var"), ("std0", lambda w: w.x.std(ddof=0), "var")]:
        sop = {"sum": lambda s, n=n: s.window(n=n).x.sum(), "mean": lambda s, n=n: s.window(n=n).x.mean(),
               "count": lambda s, n=n: s.window(n=n).x.count(), "size": lambda s, n=n: s.window(n=n).x.size,
               "var": lambda s, n=n: s.window(n=n).x.var(), "var0": lambda s, n=n: s.window(n=n).x.var(ddof=0),
               "std": lambda s, n=n: s.window(n=n).x.std(), "std0": lambda s, n=n: s.window(n=n).x.std(ddof=0)}[agg]
        case(f"L18.w{n}.{agg}", f"window(n={n}) {agg}; batches of 3,3,3,1 and an empty one",
             f"sdf.window(n={n}).x.{agg}" + ("" if agg == "size" else "()"), x09, [3, 3, 3, 1, 0],
             {"x": F, "y": F}, sop, "updating-scalar",
             expected_fn=(lambda dfs, fn=fn, n=n: [fn(w) for w in last_n(dfs, n)]) if diff else None,
             difference="L48: var/std are computed exactly over the window's rows (streamz's sum-of-squares formula loses precision)" if diff else None)
    for agg, fn in [("min", lambda w: w.x.min()), ("max", lambda w: w.x.max())]:
        case(f"L49.w{n}.{agg}", f"window(n={n}) {agg} (streamz has none)", f"sdf.window(n={n}).x.{agg}()",
             x09, [3, 3, 3, 1, 0], {"x": F, "y": F}, None, "updating-scalar",
             expected_fn=lambda dfs, fn=fn, n=n: [fn(w) for w in last_n(dfs, n)], streamz_has=False)
case("L17.w4.frame.sum", "window(n=4) sum of a frame, df emitted three times", "sdf.window(n=4).sum()",
     {"x": [1, 2, 3] * 3, "y": [4, 5, 6] * 3}, [3, 3, 3], {"x": I, "y": I}, lambda s: s.window(n=4).sum(),
     "updating-series")
case("L18.w4.nan.mean", "window(n=4) mean with NaN and null rows and empty batches",
     "sdf.window(n=4).x.mean()", nanx, [0, 3, 0, 2, 1, 0], {"x": F}, lambda s: s.window(n=4).x.mean(),
     "updating-scalar", expected_fn=lambda dfs: [w.x.mean() for w in last_n(dfs, 4)],
     difference="L27: NaN while the window holds no value (streamz divides by a count replaced by 1)")
case("L23.w4.full", "window(n=4).full(): the window's rows", "sdf.window(n=4).full()", {"x": list(range(10))},
     [3, 5, 2], {"x": I}, lambda s: s.window(n=4).full(), "updating-frame")
case("L25.w4.value_counts", "window(n=4) value_counts", "sdf.window(n=4).x.value_counts()",
     {"x": [1, 2, 3, 1, 2, 3]}, [3, 3], {"x": I}, lambda s: s.window(n=4).x.value_counts(), "updating-series")


# ---------------------------------------------------------------- L24 custom aggregation
class Custom(Aggregation):
    def initial(self, new):
        return 0

    def on_new(self, state, new):
        return state + 1, state

    def on_old(self, state, old):
        return state - 100, state


case("L13.custom", "custom Aggregation over all time (initial 0, onNew -> (s+1, s))", "sdf.aggregate(Custom())",
     {"x": list(range(10)) * 3}, [10, 10, 10], {"x": I}, lambda s: s.aggregate(Custom()), "updating-scalar")
case("L24.custom.w5", "custom Aggregation in window(n=5): onOld once per decayed piece",
     "sdf.window(n=5).aggregate(Custom())", {"x": list(range(10)) * 3}, [10, 10, 10], {"x": I},
     lambda s: s.window(n=5).aggregate(Custom()), "updating-scalar")

# ---------------------------------------------------------------- L20-L22 window(Duration)
hours = [T0 + i * H for i in range(6)]
x16 = {"x": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]}
for d, agg in [("2h", "sum"), ("2h", "count"), ("3h", "mean")]:
    case(f"L20.{d}.{agg}", f"window('{d}') {agg} on an hourly index, batches of 2",
         f"sdf.window('{d}').x.{agg}()", x16, [2, 2, 2], {"x": F}, lambda s, d=d, a=agg: getattr(s.window(d).x, a)(),
         "updating-scalar", index=hours, time_index=True)
for agg, fn in [("min", lambda w: w.x.min()), ("max", lambda w: w.x.max()), ("var", lambda w: w.x.var()),
                ("std", lambda w: w.x.std())]:
    case(f"L50.2h.{agg}", f"window('2h') {agg} (exact; streamz lacks min/max)", f"sdf.window('2h').x.{agg}()",
         x16, [2, 2, 2], {"x": F}, None, "updating-scalar", index=hours, time_index=True,
         expected_fn=lambda dfs, fn=fn: [fn(w) for w in last_time(dfs, "2h")], streamz_has=False)
amounts = [1, 2, 3, 5, 5, 5, 4, 5, 6, 1, 2, 3, 5, 5, 5]
hrs15 = [T0 + i * H for i in range(15)]
# L21: the filter leaves empty batches; time does not advance on an empty batch.
case("L21.filter.2h.sum", "filter(amount == 5) then window('2h').sum(); empty batches do not advance time",
     "sdf[sdf.amount == 5].window('2h').amount.sum()", {"amount": amounts}, [3, 3, 3, 3, 3], {"amount": I},
     lambda s: s[s.amount == 5].window("2h").amount.sum(), "updating-scalar", index=hrs15, time_index=True)
# Duplicate timestamps and a row exactly at the window's edge (newest - d decays, newest - d + 1 stays).
dup = [T0, T0, T0 + H, T0 + H, T0 + 2 * H, T0 + 3 * H, T0 + 3 * H]
case("L20.dup.2h.sum", "window('2h') with duplicate timestamps; rows at exactly newest-2h leave",
     "sdf.window('2h').x.sum()", {"x": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]}, [2, 2, 0, 1, 2], {"x": F},
     lambda s: s.window("2h").x.sum(), "updating-scalar", index=dup, time_index=True)
edge = [T0, T0 + 1, T0 + H + 1, T0 + 2 * H + 1]
case("L20.edge.2h.count", "window('2h') edge: after newest = t0+2h+1ns, t0 and t0+1ns are out (interval (newest-2h, newest])",
     "sdf.window('2h').x.count()", {"x": [1.0, 2.0, 3.0, 4.0]}, [2, 1, 1], {"x": F},
     lambda s: s.window("2h").x.count(), "updating-scalar", index=edge, time_index=True)

# ---------------------------------------------------------------- L28-L30 rolling
x16i = {"x": [1, 2, 3, 4, 5, 6]}
for w, agg in [(2, "sum"), (2, "mean"), (2, "max"), (2, "min"), (3, "median"), (2, "var"), (3, "std"),
               (2, "count")]:
    case(f"L28.r{w}.{agg}", f"rolling({w}).{agg}(): values for the new rows only, across batch boundaries",
         f"sdf.rolling({w}).x.{agg}()", x16i, [2, 0, 2, 1, 1, 0], {"x": I},
         lambda s, w=w, a=agg: getattr(s.rolling(w).x, a)(), "streaming-series")
case("L28.r3.quantile", "rolling(3).quantile(0.5)", "sdf.rolling(3).x.quantile(0.5)", x16i, [2, 2, 2],
     {"x": I}, lambda s: s.rolling(3).x.quantile(0.5), "streaming-series")
case("L28.r2.max.jump", "rolling(2).max() on [1,2,3] then [10,0]", "sdf.rolling(2).x.max()",
     {"x": [1, 2, 3, 10, 0]}, [3, 2], {"x": I}, lambda s: s.rolling(2).x.max(), "streaming-series")
case("L28.r3.nan.sum", "rolling(3).sum() with NaN and null: a window holding a missing value is NaN until min_periods values",
     "sdf.rolling(3).x.sum()", {"x": [1.0, "NaN", 3.0, 4.0, None, 6.0, 7.0, 8.0]}, [3, 3, 2], {"x": F},
     lambda s: s.rolling(3).x.sum(), "streaming-series")
case("L28.frame.r2.mean", "frame rolling(2).mean(): df then df[:1]", "sdf.rolling(2).mean()",
     {"x": [1, 2, 3, 1], "y": [4, 5, 6, 4]}, [3, 1], {"x": I, "y": I}, lambda s: s.rolling(2).mean(),
     "streaming-frame")
for agg in ["sum", "mean", "max", "count"]:
    case(f"L29.2h.{agg}", f"rolling('2h').{agg}() on an hourly index", f"sdf.rolling('2h').x.{agg}()",
         x16, [2, 2, 2], {"x": F}, lambda s, a=agg: getattr(s.rolling("2h").x, a)(), "streaming-series",
         index=hours, time_index=True)
case("L29.dup.2h.sum", "rolling('2h').sum() with duplicate timestamps and an empty batch",
     "sdf.rolling('2h').x.sum()", {"x": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]}, [2, 2, 0, 1, 2], {"x": F},
     lambda s: s.rolling("2h").x.sum(), "streaming-series", index=dup, time_index=True)

# ---------------------------------------------------------------- L31 expanding
x1236 = {"x": [1.0, 2.0, 3.0, 6.0]}
for agg in ["sum", "mean", "count", "var", "std"]:
    case(f"L31.{agg}", f"expanding().{agg}() over single-row batches", f"sdf.expanding().x.{agg}()",
         x1236, [1, 1, 0, 1, 1], {"x": F}, lambda s, a=agg: getattr(s.expanding().x, a)(), "updating-scalar",
         expected_fn=(lambda dfs, a=agg: [getattr(p.x, a)() for p in prefixes(dfs)]) if agg in ("var", "std") else None,
         difference="L48: var/std exact over all rows" if agg in ("var", "std") else None)

# ---------------------------------------------------------------- L32 ewm
case("L32.com1", "ewm(com=1).mean() over single-row batches", "sdf.ewm(com=1).x.mean()",
     {"x": [1.0, 2.0, 3.0]}, [1, 1, 1], {"x": F}, lambda s: s.ewm(com=1).x.mean(), "updating-scalar")
case("L32.span3", "ewm(span=3).mean(): one value per batch, the mean after its last row",
     "sdf.ewm(span=3).x.mean()", {"x": [1.0, 2.0, 3.0]}, [2, 1], {"x": F}, lambda s: s.ewm(span=3).x.mean(),
     "updating-scalar")
for name, kw in [("alpha", {"alpha": 0.3}), ("halflife", {"halflife": 2.0})]:
    case(f"L32.{name}", f"ewm({name}).mean()", f"sdf.ewm(**{kw}).x.mean()", {"x": [1.0, 4.0, 2.0, 8.0, 5.0]},
         [2, 3], {"x": F}, lambda s, kw=kw: s.ewm(**kw).x.mean(), "updating-scalar")


def ewm_expected(dfs, com):
    out, last = [], float("nan")
    for p in prefixes(dfs):
        if len(p):
            last = p.x.ewm(com=com).mean().iloc[-1]
        out.append(last)
    return out


case("L51.ewm.nan", "ewm(com=1).mean() with NaN rows and an empty first batch: the standard recurrence (pandas ignore_na=False, adjust=True)",
     "sdf.ewm(com=1).x.mean()", {"x": [1.0, "NaN", 3.0, 4.0, None, 6.0]}, [0, 2, 0, 3, 1], {"x": F},
     lambda s: s.ewm(com=1).x.mean(), "updating-scalar", expected_fn=lambda dfs: ewm_expected(dfs, 1.0),
     difference="L51: the exponentially weighted mean follows pandas' ewm(com).mean() over all rows; NaN rows and an empty first batch do not corrupt it")

# ---------------------------------------------------------------- L34-L43 group-by
kv = {"k": ["a", "b", "a", "b", "a"], "v": [1.0, 2.0, 3.0, 4.0, 5.0]}
for agg in ["sum", "mean", "count", "var", "std", "size"]:
    case(f"L34.{agg}", f"groupby('k').v.{agg}(), batches [:2], [2:]", f"sdf.groupby('k').v.{agg}()", kv,
         [2, 3], {"k": "object", "v": F}, lambda s, a=agg: getattr(s.groupby("k").v, a)(), "updating-series")
for agg in ["min", "max"]:
    case(f"L52.{agg}", f"groupby('k').v.{agg}() (streamz has none)", f"sdf.groupby('k').v.{agg}()", kv, [2, 3],
         {"k": "object", "v": F}, None, "updating-series",
         expected_fn=lambda dfs, a=agg: [getattr(p.groupby("k").v, a)() for p in prefixes(dfs)],
         streamz_has=False)
# Groups appear late, an empty batch, int keys sorted, NaN values.
gk = {"k": [3, 1, 3, 2, 1, 5], "v": [1.0, 2.0, "NaN", 4.0, 5.0, 6.0]}
for agg in ["sum", "count", "mean"]:
    case(f"L35.int.{agg}", f"groupby on int keys: groups appear later, NaN value, empty batches; keys sorted",
         f"sdf.groupby('k').v.{agg}()", gk, [2, 0, 2, 2, 0], {"k": I, "v": F},
         lambda s, a=agg: getattr(s.groupby("k").v, a)(), "updating-series")
CATS["k"] = ["a", "b", "c"]
case("L35.category.sum", "groupby on a category column", "sdf.groupby('k').v.sum()",
     {"k": ["b", "a", "c", "a"], "v": [1.0, 2.0, 3.0, 4.0]}, [2, 2], {"k": "category", "v": F},
     lambda s: s.groupby("k").v.sum(), "updating-series")
case("L36.expr.sum", "groupby(expression x % 2).y.sum()", "sdf.groupby(sdf.x % 2).y.sum()",
     {"x": [0, 1, 2, 3, 4, 5], "y": [1, 2, 3, 4, 5, 6]}, [3, 3], {"x": I, "y": I},
     lambda s: s.groupby(s.x % 2).y.sum(), "updating-series")
case("L37.frame.sum", "groupby('k').sum() on a whole frame", "sdf.groupby('k').sum()",
     {"k": [1, 2, 1], "v": [1, 2, 3], "w": [10, 20, 30]}, [3], {"k": I, "v": I, "w": I},
     lambda s: s.groupby("k").sum(), "updating-frame")
case("L39.w3.sum", "window(n=3).groupby('k').v.sum()", "sdf.window(n=3).groupby('k').v.sum()",
     kv, [2, 2, 1], {"k": "object", "v": F}, lambda s: s.window(n=3).groupby("k").v.sum(), "updating-series")
for agg in ["sum", "count"]:
    case(f"L40.w2.{agg}", "window(n=2).groupby: groups that left the window vanish",
         f"sdf.window(n=2).groupby('k').v.{agg}()", {"k": ["a", "b", "c", "c"], "v": [1.0, 2.0, 3.0, 4.0]},
         [2, 2], {"k": "object", "v": F}, lambda s, a=agg: getattr(s.window(n=2).groupby("k").v, a)(),
         "updating-series")
case("L41.2h.sum", "window('2h').groupby('k').v.sum() on an hourly index", "sdf.window('2h').groupby('k').v.sum()",
     {"k": ["a", "b", "a", "b", "a", "b"], "v": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]}, [2, 2, 2],
     {"k": "object", "v": F}, lambda s: s.window("2h").groupby("k").v.sum(), "updating-series",
     index=hours, time_index=True)

# ---------------------------------------------------------------- L04-L06 elementwise
x09i = {"x": list(range(10)), "y": [1] * 10}
case("L05.arith", "(x + y) * 2 per batch", "(sdf.x + sdf.y) * 2", x09i, [5, 0, 5], {"x": I, "y": I},
     lambda s: (s.x + s.y) * 2, "streaming-series")
case("L05.filter", "sdf[sdf.x > 4]: the first batch comes out empty", "sdf[sdf.x > 4]", x09i, [5, 5],
     {"x": I, "y": I}, lambda s: s[s.x > 4], "streaming-frame")
case("L04.truediv", "int / int is float64 (pandas promotes)", "sdf.x / 2", x09i, [5, 5], {"x": I, "y": I},
     lambda s: s.x / 2, "streaming-series")
case("L04.floordiv.mod", "floor division and modulo follow Python's signs", "sdf.x // 3 and sdf.x % 3",
     {"x": [-4, -1, 0, 5, 7]}, [2, 3], {"x": I}, lambda s: (s.x // 3) * 10 + s.x % 3, "streaming-series")
case("L04.compare.bool", "comparisons and boolean logic", "(sdf.x > 2) & (sdf.x <= 6) | (sdf.x == 0)", x09i,
     [4, 6], {"x": I, "y": I}, lambda s: ((s.x > 2) & (s.x <= 6)) | (s.x == 0), "streaming-series")
case("L04.nan.compare", "comparisons with NaN are false, != is true", "sdf.x > 1, sdf.x != 1",
     {"x": [1.0, "NaN", 3.0]}, [3], {"x": F}, lambda s: (s.x > 1).astype("int64") * 10 + (s.x != 1).astype("int64"),
     "streaming-series")
case("L06.assign", "assign(z = x * 2)", "sdf.assign(z=sdf.x * 2)", x09i, [3, 0, 7], {"x": I, "y": I},
     lambda s: s.assign(z=s.x * 2), "streaming-frame")
case("L06.astype", "astype(float)", "sdf.astype(float)", {"x": [1, 2, 3]}, [3], {"x": I},
     lambda s: s.astype(float), "streaming-frame")
case("L06.round", "round(1) (half to even, like numpy)", "sdf.round(1)", {"x": [0.25, 0.35, 1.26, -2.05]}, [2, 2],
     {"x": F}, lambda s: s.round(1), "streaming-frame")
case("L06.set_index", "set_index('x')", "sdf.set_index('x')", {"x": [5, 6, 7], "y": [1, 2, 3]}, [2, 1],
     {"x": I, "y": I}, lambda s: s.set_index("x"), "streaming-frame")
case("L06.reset_index", "reset_index()", "sdf.reset_index()", {"x": [5, 6, 7]}, [2, 1], {"x": I},
     lambda s: s.reset_index(), "streaming-frame")
case("L06.tail", "tail(2): the last 2 rows of each batch", "sdf.tail(2)", {"x": [1, 2, 3, 4, 5]}, [3, 0, 1, 1],
     {"x": I}, lambda s: s.tail(2), "streaming-frame")
case("L06.map", "map of a column (slow path, per-row function)", "sdf.x.map(lambda v: v + 1)", {"x": [1, 2, 3]},
     [2, 1], {"x": I}, lambda s: s.x.map(lambda v: v + 1), "streaming-series")

# ---------------------------------------------------------------- U: aggregation breadth
# U01: a user Aggregation in window('2h'): onOld once per decayed piece of an earlier batch.
case("U01.custom.2h", "custom Aggregation in window('2h') on an hourly index", "sdf.window('2h').aggregate(Custom())",
     x16, [2, 2, 2], {"x": F}, lambda s: s.window("2h").aggregate(Custom()), "updating-scalar", index=hours,
     time_index=True)


class CustomSum(Aggregation):
    """A user sum (initial 0): what U02/U06 run through the Java SPI, checked against streamz's built-in sum."""
    def initial(self, new):
        return 0

    def on_new(self, state, new):
        r = state + new.sum()
        return r, r

    def on_old(self, state, old):
        r = state - old.sum()
        return r, r


case("U01.sum.w4", "a user sum Aggregation in window(n=4), batches larger than the window", "sdf.window(n=4).x.aggregate(CustomSum())",
     {"x": list(range(1, 11))}, [3, 5, 0, 2], {"x": I}, lambda s: s.window(n=4).x.aggregate(CustomSum()),
     "updating-scalar")
# U02: a user Aggregation per group in a window: the expected values are streamz's own windowed group-by sum.
gv = {"k": ["a", "b", "a", "c", "c", "b", "a"], "v": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]}
case("U02.w3.sum", "a user sum per group in window(n=3): groups appear and vanish (= window(3).groupby('k').v.sum())",
     "sdf.window(n=3).groupby('k').v.aggregate(CustomSum())", gv, [2, 2, 0, 3], {"k": "object", "v": F},
     lambda s: s.window(n=3).groupby("k").v.sum(), "updating-series")
case("U02.all.sum", "a user sum per group over all time (= groupby('k').v.sum())",
     "sdf.groupby('k').v.aggregate(CustomSum())", gv, [2, 2, 0, 3], {"k": "object", "v": F},
     lambda s: s.groupby("k").v.sum(), "updating-series")
# U03: windowed group-by min/max (streamz has none): pandas on the rows each window holds.
for agg in ["min", "max"]:
    case(f"U03.w3.{agg}", f"window(n=3).groupby('k').v.{agg}(): groups appear and vanish",
         f"sdf.window(n=3).groupby('k').v.{agg}()", gv, [2, 2, 0, 3], {"k": "object", "v": F}, None,
         "updating-series", expected_fn=lambda dfs, a=agg: [getattr(w.groupby("k").v, a)() for w in last_n(dfs, 3)],
         streamz_has=False)
    case(f"U03.2h.{agg}", f"window('2h').groupby('k').v.{agg}() on an hourly index",
         f"sdf.window('2h').groupby('k').v.{agg}()",
         {"k": ["a", "b", "a", "b", "a", "b"], "v": [6.0, 2.0, 3.0, 4.0, 1.0, 5.0]}, [2, 2, 2],
         {"k": "object", "v": F}, None, "updating-series", index=hours, time_index=True,
         expected_fn=lambda dfs, a=agg: [getattr(w.groupby("k").v, a)() for w in last_time(dfs, "2h")],
         streamz_has=False)
# U04: full() of a time window, and apply(f) over the window's rows.
case("U04.2h.full", "window('2h').full(): the rows of (newest - 2h, newest]", "sdf.window('2h').full()",
     {"x": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]}, [2, 2, 0, 2], {"x": F}, lambda s: s.window("2h").full(),
     "updating-frame", index=hours, time_index=True)
case("U04.w3.apply", "window(n=3).apply(f): f (max - min of x) over the window's rows after each batch",
     "sdf.window(n=3).apply(lambda df: df.x.max() - df.x.min())", {"x": [5, 1, 9, 4, 4, 7, 2]}, [2, 3, 0, 2],
     {"x": I}, lambda s: s.window(n=3).apply(lambda df: df.x.max() - df.x.min()), "updating-scalar")
# U05: rolling with a user Aggregation: per row, no min_periods (pandas' rolling(n, min_periods=1).sum()).
case("U05.r3.sum", "rolling(3) with a user sum: one value per row across batches (from the first row)",
     "sdf.x.rolling(3).aggregate(CustomSum())", {"x": [1, 2, 3, 4, 5, 6, 7]}, [2, 0, 4, 1], {"x": I}, None,
     "streaming-series", expected_fn=lambda dfs: per_batch_rows(dfs, pd.concat(dfs).x.rolling(3, min_periods=1).sum()),
     streamz_has=False)
# U06: whole-frame reductions (a series per column), all time and in a window.
fr = {"x": [1.0, "NaN", 3.0, 4.0, 5.0], "y": [10, 20, 30, 40, 50]}
for agg in ["mean", "count", "size"]:
    case(f"U06.frame.{agg}", f"sdf.{agg}() over all time: one value per column (NaN skipped)",
         f"sdf.{agg}()", fr, [2, 0, 3], {"x": F, "y": I}, (lambda s, a=agg: getattr(s, a)()) if agg != "size"
         else (lambda s: s.size), "updating-series" if agg != "size" else "updating-scalar")
case("U06.frame.w3.mean", "sdf.window(n=3).mean(): a series per column", "sdf.window(n=3).mean()", fr,
     [2, 0, 3], {"x": F, "y": I}, lambda s: s.window(n=3).mean(), "updating-series")
case("U06.frame.w3.size", "sdf.window(n=3).size: rows x columns in the window", "sdf.window(n=3).size", fr,
     [2, 0, 3], {"x": F, "y": I}, lambda s: s.window(n=3).size, "updating-scalar")
for agg in ["min", "max", "var", "std"]:
    case(f"U06.frame.{agg}", f"sdf.{agg}() over all time (streamz lacks it): pandas per column",
         f"sdf.{agg}()", fr, [2, 0, 3], {"x": F, "y": I}, None, "updating-series",
         expected_fn=lambda dfs, a=agg: [getattr(p, a)() for p in prefixes(dfs)], streamz_has=False)
# U07: group-by on several value columns at once: a frame per batch.
kvw = {"k": [1, 2, 1, 3, 2, 1], "v": [1.0, 2.0, 3.0, 4.0, "NaN", 6.0], "w": [10, 20, 30, 40, 50, 60]}
for agg in ["sum", "mean", "count"]:
    case(f"U07.cols.{agg}", f"groupby('k')[['v', 'w']].{agg}()", f"sdf.groupby('k')[['v', 'w']].{agg}()", kvw,
         [3, 0, 3], {"k": I, "v": F, "w": I}, lambda s, a=agg: getattr(s.groupby("k")[["v", "w"]], a)(),
         "updating-frame")
case("U07.w3.cols.sum", "window(n=3).groupby('k')[['v', 'w']].sum(): groups vanish",
     "sdf.window(n=3).groupby('k')[['v', 'w']].sum()", kvw, [3, 0, 3], {"k": I, "v": F, "w": I},
     lambda s: s.window(n=3).groupby("k")[["v", "w"]].sum(), "updating-frame")
case("U07.frame.mean", "groupby('k').mean() on a whole frame", "sdf.groupby('k').mean()", kvw, [3, 0, 3],
     {"k": I, "v": F, "w": I}, lambda s: s.groupby("k").mean(), "updating-frame")
# U08: a category key in a window: groups whose rows left vanish (streamz drops size-0 groups).
CATS["c"] = ["a", "b", "c"]
case("U08.category.w2.sum", "window(n=2).groupby(category).v.sum(): only the categories in the window",
     "sdf.window(n=2).groupby('c').v.sum()", {"c": ["b", "a", "c", "c"], "v": [1.0, 2.0, 3.0, 4.0]}, [2, 2],
     {"c": "category", "v": F}, lambda s: s.window(n=2).groupby("c").v.sum(), "updating-series")
case("U08.category.count", "groupby(category).v.count() over all time: unseen categories count 0",
     "sdf.groupby('c').v.count()", {"c": ["b", "b", "a", "c"], "v": [1.0, "NaN", 3.0, 4.0]}, [2, 2],
     {"c": "category", "v": F}, lambda s: s.groupby("c").v.count(), "updating-series")

json.dump({"generator": "cases.py", "streamz": streamz.__version__, "pandas": pd.__version__,
           "cases": CASES}, sys.stdout, indent=None, separators=(",", ":"), allow_nan=False)
sys.stdout.write("\n")
