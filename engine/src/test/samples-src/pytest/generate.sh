#!/usr/bin/env bash
# Regenerates engine/src/test/resources/reports/pytest/ with Debian's python3-pytest
# (apt-get install python3-pytest; pytest 7.2.1 on Debian 12), run with /usr/bin/python3.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$HERE/../../resources/reports/pytest"
PY="${PY:-/usr/bin/python3}"
SCRATCH="${SAMPLES_WORK:-/tmp/samples-work}"; mkdir -p "$SCRATCH"
WORK="$(mktemp -d "$SCRATCH/pytest-sample.XXXXXX")"
cp -r "$HERE/tests" "$WORK/"
cd "$WORK"
mkdir -p "$OUT"
COMMON=(-p no:cacheprovider --continue-on-collection-errors -rA)
# default junit_family (xunit2)
"$PY" -m pytest "${COMMON[@]}" --junitxml="$OUT/junit-xunit2.xml" tests | tee console-xunit2.txt || true
# xunit1: adds file= and line= attributes on testcase
"$PY" -m pytest "${COMMON[@]}" -o junit_family=xunit1 --junitxml="$OUT/junit-xunit1.xml" tests \
  | tee console-xunit1.txt || true
# xunit1 + junit_logging=all + suite name: captured stdout/stderr/log in <system-out>/<system-err>
"$PY" -m pytest "${COMMON[@]}" -o junit_family=xunit1 -o junit_logging=all -o junit_suite_name=sample-suite \
  --junitxml="$OUT/junit-logging-all.xml" tests | tee console-logging-all.txt || true
tail -n 1 console-*.txt
"$PY" -m pytest --version
echo "scratch dir: $WORK"
