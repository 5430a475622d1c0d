#!/usr/bin/env bash
# Regenerates engine/src/test/resources/reports/testng/ with TestNG run by maven-surefire-plugin.
#   testng/surefire/TEST-*.xml   : surefire's XML for the TestNG provider
#   testng/junitreports/TEST-*.xml: TestNG's own JUnitReportReporter output (usedefaultlisteners=true)
#   testng/junitxmlreporter/Surefire test.xml: TestNG's JUnitXMLReporter output (one file per <test>;
#                                  surefire names the suite "Surefire suite" and the test "Surefire test")
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$HERE/../../resources/reports/testng"
MVN="${MVN:-mvn}"
SCRATCH="${SAMPLES_WORK:-/tmp/samples-work}"; mkdir -p "$SCRATCH"
WORK="$(mktemp -d "$SCRATCH/testng-sample.XXXXXX")"
cp -r "$HERE/pom.xml" "$HERE/src" "$WORK/"
cd "$WORK"
"$MVN" -B -ntp test -Dmaven.test.failure.ignore=true | tee "$WORK/console.txt"
rm -rf "$OUT"; mkdir -p "$OUT/surefire" "$OUT/junitreports" "$OUT/junitxmlreporter"
cp target/surefire-reports/TEST-*.xml "$OUT/surefire/"
cp target/surefire-reports/junitreports/TEST-*.xml "$OUT/junitreports/"
cp "target/surefire-reports/Surefire suite/Surefire test.xml" "$OUT/junitxmlreporter/"
grep -h "Tests run:" "$WORK/console.txt" || true
echo "scratch dir: $WORK"
