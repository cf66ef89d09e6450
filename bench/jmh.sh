#!/usr/bin/env bash
# JMH benchmarks: bench/jmh.sh [JMH options, e.g. a benchmark regex or -prof gc]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source <(sed -n '/^java_major()/,/^}/p; /^find_java_home()/,/^}/p' "$root/lanyard")
JAVA_HOME="$(find_java_home)"
export JAVA_HOME
./mvnw -q -B -DskipTests -pl bench -am package >&2
(cd "$root/bench" && "$root/mvnw" -q -B dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2)
exec "$JAVA_HOME/bin/java" -cp "$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")" org.openjdk.jmh.Main "$@"
