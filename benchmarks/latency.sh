#!/usr/bin/env bash
# Hop latency (HdrHistogram p50/p99/p99.9/max) at a fixed offered rate: streamz-jvm compiled pipeline vs a
# hand-written Disruptor 4 handler vs ArrayBlockingQueue, busy-spin and blocking, in one JVM.
# Usage: benchmarks/latency.sh [rate-per-second (100000)] [seconds-per-row (5)]   See docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. "$ROOT/.mvn/find-jdk.sh"
JAVA="${JAVA_HOME:?no JDK 25 found}/bin/java"
FLAGS="$(tr '\n' ' ' <pom.xml | sed -n 's:.*<streamz\.jvm\.flags>\([^<]*\)</streamz\.jvm\.flags>.*:\1:p' | xargs)"
./mvnw -q -B -pl benchmarks -am package -DskipTests
echo "+ $JAVA $FLAGS -cp benchmarks/target/benchmarks.jar dev.streamz.benchmarks.HopLatency $*" >&2
# shellcheck disable=SC2086
exec "$JAVA" $FLAGS -cp benchmarks/target/benchmarks.jar dev.streamz.benchmarks.HopLatency "$@"
