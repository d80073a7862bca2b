#!/usr/bin/env bash
# Hop latency (HdrHistogram p50/p99/p99.9/max) at a fixed offered rate: streamz-jvm compiled pipeline vs a
# hand-written Disruptor 4 handler vs ArrayBlockingQueue, busy-spin and blocking, in one JVM.
# Usage: benchmarks/latency.sh [rate-per-second (100000)] [seconds-per-row (5)]   See docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. "$ROOT/.mvn/streamz-env.sh"
streamz_use_jdk                       # exports JAVA_HOME as a JDK >= 25, or says how to install one
JAVA="$JAVA_HOME/bin/java"
FLAGS="$(streamz_jvm_flags "$ROOT")"  # the parent pom's <streamz.jvm.flags>
./mvnw -q -B -pl benchmarks -am package -DskipTests
echo "+ $JAVA $FLAGS -cp benchmarks/target/benchmarks.jar dev.streamz.benchmarks.HopLatency $*" >&2
# shellcheck disable=SC2086
exec "$JAVA" $FLAGS -cp benchmarks/target/benchmarks.jar dev.streamz.benchmarks.HopLatency "$@"
