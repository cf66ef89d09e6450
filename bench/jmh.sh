#!/usr/bin/env bash
# JMH benchmarks: bench/jmh.sh [JMH options, e.g. a benchmark regex or -prof gc]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source <(sed -n '/^java_major()/,/^}/p; /^find_java_home()/,/^}/p' "$root/lanyard")
JAVA_HOME="$(find_java_home)"
export JAVA_HOME
# One reactor run, so the classpath names this checkout's module jars, not older ones installed in ~/.m2.
./mvnw -q -B -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile="$root/bench/target/classpath.txt" >&2
exec "$JAVA_HOME/bin/java" -cp "$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")" org.openjdk.jmh.Main "$@"
