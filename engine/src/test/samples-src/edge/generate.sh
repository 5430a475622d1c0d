#!/usr/bin/env bash
# Regenerates engine/src/test/resources/reports/edge/ (hand-written samples; see make_edge.py).
set -euo pipefail
exec python3 "$(cd "$(dirname "$0")" && pwd)/make_edge.py"
