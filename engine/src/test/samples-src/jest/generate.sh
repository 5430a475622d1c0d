#!/usr/bin/env bash
# Regenerates engine/src/test/resources/reports/jest/ with real jest + jest-junit from the npm registry.
# Needs: node >= 18, npm.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$HERE/../../resources/reports/jest"
SCRATCH="${SAMPLES_WORK:-/tmp/samples-work}"; mkdir -p "$SCRATCH"
WORK="$(mktemp -d "$SCRATCH/jest-sample.XXXXXX")"
cp -r "$HERE/package.json" "$HERE/__tests__" "$WORK/"
cd "$WORK"
npm install --no-package-lock --no-audit --no-fund >/dev/null
mkdir -p "$OUT"
# 1) jest-junit defaults (suite load errors are NOT reported as testcases)
JEST_JUNIT_OUTPUT_DIR="$WORK/out" JEST_JUNIT_OUTPUT_NAME=junit.xml \
  npx jest --ci --reporters=default --reporters=jest-junit 2>&1 | tee console-default.txt || true
cp out/junit.xml "$OUT/junit.xml"
# 2) with reportTestSuiteErrors, includeConsoleOutput, classname/title templates and a file attribute
JEST_JUNIT_OUTPUT_DIR="$WORK/out" JEST_JUNIT_OUTPUT_NAME=junit-suite-errors.xml \
JEST_JUNIT_REPORT_TEST_SUITE_ERRORS=true JEST_JUNIT_ADD_FILE_ATTRIBUTE=true JEST_JUNIT_INCLUDE_CONSOLE_OUTPUT=true \
JEST_JUNIT_CLASSNAME="{classname}" JEST_JUNIT_TITLE="{title}" \
  npx jest --ci --reporters=default --reporters=jest-junit 2>&1 | tee console-suite-errors.txt || true
cp out/junit-suite-errors.xml "$OUT/junit-suite-errors.xml"
grep -h "^Tests:\|^Test Suites:" console-*.txt || true
echo "jest $(npx jest --version), jest-junit $(node -p "require('jest-junit/package.json').version")"
echo "scratch dir: $WORK"
