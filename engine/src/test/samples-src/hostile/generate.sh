#!/usr/bin/env bash
# Regenerates engine/src/test/resources/reports/hostile/ (hand-written samples; see make_hostile.py).
set -euo pipefail
exec python3 "$(cd "$(dirname "$0")" && pwd)/make_hostile.py"
