#!/usr/bin/env bash
# Runs portscope's micro-benchmarks from a copy of the sources (so that builds in the working tree
# are not disturbed, nor disturb it).
#   bench/jmh.sh [JMH options]     e.g. bench/jmh.sh -f 1 -wi 2 -i 3 FdDecoders
#   bench/jmh.sh --owners [ROUNDS] the owner-scan comparison on the live /proc (start loadgen.py first)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
. "$repo/scripts/find-java.sh"
java="$(find_java25)" || exit 2
export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -C "$repo" -cf - pom.xml mvnw .mvn src | tar -C "$work" -xf -
"$work/mvnw" -q -B -f "$work/pom.xml" -Pjmh test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test >&2
classpath="$work/target/test-classes:$work/target/classes:$(cat "$work/classpath.txt")"

if [ "${1:-}" = "--owners" ]; then
  shift
  "$java" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -cp "$classpath" \
    dev.portscope.source.linux.OwnerScanComparison "$@"
else
  "$java" -cp "$classpath" org.openjdk.jmh.Main "$@"
fi
