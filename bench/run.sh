#!/usr/bin/env bash
# Runs the benchmarks of docs/performance.md and prints their tables:
#   report  - report parsing throughput (ours on 1 and 2 threads vs. the JDK's bare StAX scan vs.
#             Maven's surefire-report-parser), live heap on 40 MB files, 1 GB under -Xmx64m
#   process - whole processes as a user times them: `aiwf validate` against surefire-report-parser,
#             bare JDK and Aalto scan processes, 1 and 2 parser threads, peak RSS, start-up (bench/process.sh)
#   context - context assembly; agent - the agent's tool-call overhead and prompt-prefix stability
#   loop    - the refine loop's own cost per iteration (record, state JSON, diff, feedback, restore; no model,
#             no tests) on a generated 5,000-file repository (RefineLoopBench; about a minute)
# Corpora are generated into bench/corpus/ (git-ignored, about 1.7 GB) when absent.
#
# Usage: bash bench/run.sh [report|process|context|agent|loop|all]   (default all)
# Environment: JAVA (default: java on the PATH) runs the benchmarks, e.g.
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bash bench/run.sh report
# LOOP_FILES (5000), LOOP_RUNS (7) and LOOP_ITERATIONS (5 per run) size the loop benchmark.
# It is a 2-core machine: run it while nothing else is busy. The report benchmark waits for quiet
# seconds and sets aside rounds disturbed by other processes, and says NOISY when it could not.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
JAVA="${JAVA:-java}"
JAR=bench/target/ai-workflow-bench.jar
case "$what" in report|process|context|agent|loop|all) ;; *) echo "usage: bash bench/run.sh [report|process|context|agent|loop|all]" >&2; exit 2 ;; esac

# engine + bench only (not the CLI), into one self-contained jar, so that a rebuild of engine/
# by someone else while this runs cannot change the classes being measured.
./mvnw -B -q -Pbench-jar -pl bench -am package -DskipTests
if [ "$what" = process ] || [ "$what" = all ]; then
  ./mvnw -B -q -pl cli -am package -DskipTests # aiwf.jar, the process users run
fi

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- engine/src/main 2>/dev/null || echo ' (engine/src/main has uncommitted changes)')"
"$JAVA" -version 2>&1 | head -n 2
echo "cores: $(nproc), memory: $(free -g | awk '/Mem:/ {print $2}') GB, load: $(cut -d' ' -f1-3 /proc/loadavg)"

bench() { "$JAVA" "$@"; }

if [ "$what" = report ] || [ "$what" = process ] || [ "$what" = all ]; then
  for corpus in many many400 large huge; do
    [ "$what" = process ] && [ "$corpus" = huge ] && continue
    [ "$what" = report ] && [ "$corpus" = many400 ] && continue
    # EXPECTED is written last: without it the corpus is missing or incomplete
    if [ ! -f "bench/corpus/$corpus/EXPECTED" ]; then
      rm -rf "bench/corpus/$corpus"
      bench -cp "$JAR" io.jenkins.plugins.aiworkflow.bench.report.CorpusGenerator "bench/corpus/$corpus" "$corpus"
    fi
  done
fi

if [ "$what" = report ] || [ "$what" = all ]; then
  main=io.jenkins.plugins.aiworkflow.bench.report
  out=bench/target/report-results.txt
  : > "$out"
  echo
  echo "== throughput: all readers interleaved in one JVM over the same bytes (page-cached files)"
  bench -Xmx2g -cp "$JAR" $main.ParserBenchmark bench/corpus/many compare 3 15 files | tee -a "$out"
  echo
  bench -Xmx2g -cp "$JAR" $main.ParserBenchmark bench/corpus/large compare 2 12 files | tee -a "$out"
  echo
  echo "== the same from pre-read bytes (no file reading in the measured time)"
  bench -Xmx2g -cp "$JAR" $main.ParserBenchmark bench/corpus/many compare 3 10 memory | tee -a "$out"
  echo
  echo "== 2 threads against 1: ours alone, alternating, one ReportParser call over all 1,000 files"
  bench -Xmx2g -cp "$JAR" $main.ParserBenchmark bench/corpus/many scaling 3 20 files | tee -a "$out"
  echo
  echo "== memory"
  bench -Xmx2g -cp "$JAR" $main.ParserBenchmark bench/corpus/large heap | tee -a "$out"
  bench -Xmx64m -cp "$JAR" $main.ParserBenchmark bench/corpus/huge count 1 | tee -a "$out"
  bench -Xmx64m -cp "$JAR" $main.ParserBenchmark bench/corpus/huge count 2 | tee -a "$out"

  echo
  echo "== targets (medians of per-round ratios; page-cached files unless said)"
  awk '
    / files, .* bytes from / {
      corpus = $1; mode = ($2 ~ /jdk/) ? "compare" : "scaling"
      source = $0; sub(/.*bytes from /, "", source); sub(/;.*/, "", source)
      key = corpus "/" mode "/" source
    }
    /^NOISY/ { noisy[key] = " (NOISY)" }
    /^ratios/ {
      for (i = 1; i <= NF; i++) {
        if ($i == "ours/jdk") jdk[key] = $(i + 1) noisy[key]
        if ($i == "ours/surefire") sf[key] = $(i + 1) noisy[key]
        if ($i == "ours2/ours") two[key] = $(i + 1) noisy[key]
      }
    }
    /^heap / { for (i = 1; i <= NF; i++) if ($i == "largest") heap = $(i + 3) }
    /^count .* 2 thread/ { huge2 = $0 }
    function met(value, target) { return (value + 0 >= target) ? "met" : "NOT met" }
    END {
      printf "| target | measured | met |\n|---|---|---|\n"
      printf "| 1 thread >= 1.7x JDK bare scan | many %s, large %s (pre-read: %s) | %s / %s |\n", jdk["many/compare/files"], jdk["large/compare/files"], jdk["many/compare/memory"], met(jdk["many/compare/files"], 1.7), met(jdk["large/compare/files"], 1.7)
      printf "| 1 thread >= 2x surefire-report-parser | many %s, large %s (pre-read: %s) | %s / %s |\n", sf["many/compare/files"], sf["large/compare/files"], sf["many/compare/memory"], met(sf["many/compare/files"], 2), met(sf["large/compare/files"], 2)
      printf "| 2 threads >= 1.7x 1 thread, many files | alone %s; interleaved with the others %s (pre-read: %s) | %s / %s |\n", two["many/scaling/files"], two["many/compare/files"], two["many/compare/memory"], met(two["many/scaling/files"], 1.7), met(two["many/compare/files"], 1.7)
      printf "| live heap after GC < 16 MB on 40 MB files | %s MB | %s |\n", heap, (heap != "" && heap + 0 < 16) ? "met" : "NOT met"
      printf "| 1 GB under -Xmx64m | %s | %s |\n", (huge2 ~ /counts right/) ? "completed, counts right" : "failed", (huge2 ~ /counts right/) ? "met" : "NOT met"
    }' "$out"

  # The 1 GB corpus is only needed for the -Xmx64m run: give the space back when it is short.
  if [ "$(df -Pk bench/corpus | awk 'NR == 2 {print $4}')" -lt $((5 * 1024 * 1024)) ]; then
    echo "less than 5 GB free: deleting bench/corpus/huge (regenerated on the next run)"
    rm -rf bench/corpus/huge
  fi
fi

if [ "$what" = process ] || [ "$what" = all ]; then
  echo
  JAVA="$JAVA" bash bench/process.sh
fi

if [ "$what" = context ] || [ "$what" = all ]; then
  echo
  bench -cp "$JAR" io.jenkins.plugins.aiworkflow.bench.context.ContextAssemblyBench 20000 5 20
fi

if [ "$what" = agent ] || [ "$what" = all ]; then
  echo
  bench -cp "$JAR" io.jenkins.plugins.aiworkflow.bench.agent.AgentBench 20000 20 200
fi

if [ "$what" = loop ] || [ "$what" = all ]; then
  echo
  # files, runs, iterations per run; the load average is printed before and after: the figures are only worth
  # the load they were measured at
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  bench -cp "$JAR" io.jenkins.plugins.aiworkflow.bench.refine.RefineLoopBench "${LOOP_FILES:-5000}" "${LOOP_RUNS:-7}" \
    "${LOOP_ITERATIONS:-5}" \
    | tee bench/target/loop-results.txt
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
