#!/usr/bin/env bash
# Builds the shaded JMH jar and runs the suite (all shapes, streamz-jvm / RxJava 3 / Reactor) with the
# GC profiler, on JDK 25, with the project's JVM flags (the parent pom's <streamz.jvm.flags>).
# Results: a table on stdout and jmh-result.json at the repository root. Extra arguments go to JMH,
# e.g.  benchmarks/run.sh MapFilterSink        (one shape)
#       benchmarks/run.sh -wi 5 -i 10 -f 3     (longer, for a final measurement)
# See docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

. "$ROOT/.mvn/streamz-env.sh"
streamz_use_jdk                       # exports JAVA_HOME as a JDK >= 25, or says how to install one
JAVA="$JAVA_HOME/bin/java"
FLAGS="$(streamz_jvm_flags "$ROOT")"  # the parent pom's <streamz.jvm.flags>

./mvnw -q -B -pl benchmarks -am package -DskipTests
echo "+ $JAVA -jar benchmarks/target/benchmarks.jar -prof gc -jvmArgs \"$FLAGS\" -rf json -rff jmh-result.json $*" >&2
exec "$JAVA" -jar benchmarks/target/benchmarks.jar -prof gc -jvmArgs "$FLAGS" -rf json -rff jmh-result.json "$@"
