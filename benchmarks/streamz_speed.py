"""Per-emit cost of Python streamz for the two shapes of docs/benchmarks.md ("Against Python streamz").

Run it on the machine that ran the JMH suite, right after it, so the ratios compare like with like:

    pip install streamz==0.6.4
    python3 benchmarks/streamz_speed.py

It prints one line per shape: the shape's name and the mean cost of one emit in nanoseconds. The functions
are the ones the Java benchmarks use (dev.streamz.benchmarks.Data): x + 1 and x % 2 == 0.
"""
import time

from streamz import Stream

WARM_UP = 1_000
MEASURED = 200_000


def ns_per_emit(attach):
    source = Stream()
    attach(source)
    for i in range(WARM_UP):
        source.emit(i)
    start = time.perf_counter()
    for i in range(MEASURED):
        source.emit(i)
    return (time.perf_counter() - start) / MEASURED * 1e9


def sink_only(s):
    s.sink(lambda x: x + 1)


def map_filter_sink(s):
    s.map(lambda x: x + 1).filter(lambda x: x % 2 == 0).sink(lambda x: None)


if __name__ == "__main__":
    print("sink_only_ns", round(ns_per_emit(sink_only)))
    print("map_filter_sink_ns", round(ns_per_emit(map_filter_sink)))
