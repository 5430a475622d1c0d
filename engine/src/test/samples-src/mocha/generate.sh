#!/usr/bin/env bash
# Regenerates engine/src/test/resources/reports/mocha/ with real mocha + mocha-junit-reporter.
# Needs: node >= 18, npm.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$HERE/../../resources/reports/mocha"
SCRATCH="${SAMPLES_WORK:-/tmp/samples-work}"; mkdir -p "$SCRATCH"
WORK="$(mktemp -d "$SCRATCH/mocha-sample.XXXXXX")"
cp -r "$HERE/package.json" "$HERE/test" "$WORK/"
cd "$WORK"
npm install --no-package-lock --no-audit --no-fund >/dev/null
mkdir -p "$OUT"
# 1) reporter defaults
npx mocha --reporter mocha-junit-reporter \
  --reporter-options mochaFile=out/test-results.xml || true
# 2) with outputs (system-out), includePending (skipped testcases), testsuitesTitle, and a spec-reporter run for the console summary
npx mocha --reporter mocha-junit-reporter \
  --reporter-options mochaFile=out/test-results-outputs.xml,outputs=true,includePending=true,testsuitesTitle="My Mocha Run" || true
npx mocha --reporter spec 2>&1 | tee console-spec.txt || true
cp out/test-results.xml out/test-results-outputs.xml "$OUT/"
echo "mocha $(npx mocha --version), mocha-junit-reporter $(node -p "require('mocha-junit-reporter/package.json').version")"
echo "scratch dir: $WORK"
