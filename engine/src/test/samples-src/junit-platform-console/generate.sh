#!/usr/bin/env bash
# Regenerates engine/src/test/resources/reports/junit-platform-console/ with the real
# junit-platform-console-standalone launcher (legacy XML reporter, --reports-dir).
# Needs: Java 17, Maven (only to download jars from Maven Central into the scratch dir).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$HERE/../../resources/reports/junit-platform-console"
MVN="${MVN:-mvn}"
SCRATCH="${SAMPLES_WORK:-/tmp/samples-work}"; mkdir -p "$SCRATCH"
WORK="$(mktemp -d "$SCRATCH/console-sample.XXXXXX")"
cd "$WORK"
rm -rf "$OUT"
for V in ${CONSOLE_VERSIONS:-1.14.1 6.1.3}; do
  case "$V" in 1.*) VINTAGE=5.${V#1.};; *) VINTAGE=$V;; esac
  mkdir -p "lib-$V"
  "$MVN" -B -ntp -q dependency:copy -DoutputDirectory="lib-$V" \
    -Dartifact="org.junit.platform:junit-platform-console-standalone:$V"
  "$MVN" -B -ntp -q dependency:copy -DoutputDirectory="lib-$V" -Dartifact=junit:junit:4.13.2
  "$MVN" -B -ntp -q dependency:copy -DoutputDirectory="lib-$V" -Dartifact=org.hamcrest:hamcrest-core:1.3
  # recent standalone jars (1.14.1 and 6.1.3 checked) do not bundle the vintage engine: add it
  if ! unzip -l "lib-$V/junit-platform-console-standalone-$V.jar" | grep -q 'org/junit/vintage/engine/VintageTestEngine'; then
    "$MVN" -B -ntp -q dependency:copy -DoutputDirectory="lib-$V" -Dartifact="org.junit.vintage:junit-vintage-engine:$VINTAGE"
  fi
  CP="$(ls lib-$V/*.jar | grep -v console-standalone | tr '\n' ':')"
  mkdir -p "classes-$V"
  javac -d "classes-$V" -cp "lib-$V/junit-platform-console-standalone-$V.jar:$CP" "$HERE"/src/sample/*.java
  set +e
  java -jar "lib-$V/junit-platform-console-standalone-$V.jar" execute \
    --class-path "classes-$V:$CP" --scan-class-path \
    --reports-dir "reports-$V" --details=tree --disable-ansi-colors --disable-banner \
    --config=junit.platform.output.capture.stdout=true --config=junit.platform.output.capture.stderr=true 2>&1 | tee "console-$V.txt"
  set -e
  mkdir -p "$OUT/$V"
  cp "reports-$V"/TEST-*.xml "$OUT/$V/"
done
ls -R "$OUT"
echo "scratch dir: $WORK"
