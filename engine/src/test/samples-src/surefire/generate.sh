#!/usr/bin/env bash
# Regenerates engine/src/test/resources/reports/surefire/ with the real maven-surefire-plugin.
# Needs: Java 17, Maven (system mvn 3.8.7 was used; /work/main/mvnw works too), Maven Central.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$HERE/../../resources/reports/surefire"
MVN="${MVN:-mvn}"
SCRATCH="${SAMPLES_WORK:-/tmp/samples-work}"; mkdir -p "$SCRATCH"
WORK="$(mktemp -d "$SCRATCH/surefire-sample.XXXXXX")"
cp -r "$HERE/pom.xml" "$HERE/src" "$WORK/"
cd "$WORK"
# 1) All tests, failing tests rerun up to 2 times -> flakyFailure/flakyError/rerunFailure/rerunError.
#    testFailureIgnore so the build goes on; the console summary is kept in console-rerun.txt.
"$MVN" -B -ntp test -Dsurefire.rerunFailingTestsCount=2 -Dmaven.test.failure.ignore=true \
  | tee "$WORK/console-rerun.txt"
mkdir -p "$OUT"
rm -f "$OUT"/TEST-*.xml
cp target/surefire-reports/TEST-*.xml "$OUT/"
# 2) Same CalculatorTest without reruns (plain <failure>/<error>).
rm -rf target/surefire-reports
"$MVN" -B -ntp test -Dtest=CalculatorTest -Dmaven.test.failure.ignore=true \
  | tee "$WORK/console-plain.txt"
mkdir -p "$OUT/no-rerun"
rm -f "$OUT"/no-rerun/TEST-*.xml
cp target/surefire-reports/TEST-*.xml "$OUT/no-rerun/"
grep -h "Tests run:" "$WORK"/console-*.txt || true
echo "scratch dir: $WORK"
