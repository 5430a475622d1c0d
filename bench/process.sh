#!/usr/bin/env bash
# Whole-process comparison, as a user times `aiwf validate`: every reader is a process of its own,
# started cold, measured with /usr/bin/time (wall seconds, CPU seconds, peak RSS), interleaved round by
# round so that drifts of the machine's speed hit every process alike. Called by `bash bench/run.sh
# process`, which builds the jars and the corpora first; see docs/performance.md.
#
# Usage: bash bench/process.sh [rounds] [small-rounds]   (defaults 7 and 21)
# Environment: JAVA (default: java on the PATH).
set -euo pipefail
set -f # command lines hold globs for aiwf, never for this shell
cd "$(dirname "$0")/.."
rounds="${1:-7}"
small_rounds="${2:-21}"
JAVA="${JAVA:-java}"
BENCH_JAR=bench/target/ai-workflow-bench.jar
AIWF_JAR=bench/target/aiwf-measured.jar # a copy: a rebuild of cli/ while this runs changes nothing
out=bench/target/process-results.txt
raw=bench/target/process-raw.tsv
main=io.jenkins.plugins.aiworkflow.bench.report.ParserBenchmark
[ -x /usr/bin/time ] || { echo "bench/process.sh needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 2; }

cp cli/target/aiwf.jar "$AIWF_JAR"
# The JVM floor: a class that prints one line, from a directory (no jar to open).
mkdir -p bench/target/floor bench/target/small
cat > bench/target/floor/Floor.java <<'EOF'
public class Floor {
    public static void main(String[] args) {
        System.out.println("floor");
    }
}
EOF
"$(dirname "$(readlink -f "$(command -v "$JAVA")")")/javac" -d bench/target/floor bench/target/floor/Floor.java
cp engine/src/test/resources/reports/surefire/TEST-sample.CalculatorTest.xml bench/target/small/

# busy jiffies of the whole machine (user+nice+system+irq+softirq+steal), for the quiet-round check
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
hz=$(getconf CLK_TCK)

# timed LABEL ROUND COMMAND...: one process, one line of raw figures
timed() {
  local label=$1 round=$2
  shift 2
  local rc=0
  /usr/bin/time -o bench/target/time.txt -f '%e %U %S %M' "$@" >/dev/null 2>&1 || rc=$?
  # aiwf validate exits 1 when the gate fails (the corpora hold failing tests); anything else is wrong
  if [ "$rc" -gt 1 ]; then
    echo "$label failed with exit code $rc: $*" >&2
    exit 1
  fi
  printf '%s\t%s\t%s\n' "$label" "$round" "$(tail -n 1 bench/target/time.txt | tr ' ' '\t')" >> "$raw"
}

# one round of COMMANDS (label=command), starting with a different one each round; prints the
# CPU seconds other processes used during the round
round() {
  local round=$1
  shift
  local commands=("$@") n=$# before after own=0 i label
  before=$(busy)
  local start_lines
  start_lines=$(wc -l < "$raw")
  for ((i = 0; i < n; i++)); do
    local entry=${commands[$(((i + round) % n))]}
    label=${entry%%=*}
    # shellcheck disable=SC2086 # the command is a word list on purpose
    timed "$label" "$round" ${entry#*=}
  done
  after=$(busy)
  own=$(tail -n +$((start_lines + 1)) "$raw" | awk '{s += $4 + $5} END {print s + 0}')
  awk -v b="$before" -v a="$after" -v hz="$hz" -v own="$own" 'BEGIN {f = (a - b) / hz - own; printf "%.2f\n", f < 0 ? 0 : f}'
}

summarise() { # TITLE: medians per label and ratios, clean rounds only when there are enough
  awk -F'\t' -v title="$1" -v quiet="$2" '
    $1 == "#foreign" { foreign[$2] = $3; next }
    { wall[$1, $2] = $3; cpu[$1, $2] = $4 + $5; rss[$1, $2] = $6; labels[$1] = 1; rounds[$2] = 1 }
    function median(values, n,   i, j, t) {
      for (i = 2; i <= n; i++) { t = values[i]; for (j = i - 1; j >= 1 && values[j] > t; j--) values[j + 1] = values[j]; values[j + 1] = t }
      return n % 2 ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
    }
    END {
      kept = 0; set_aside = 0
      for (r in rounds) { if (foreign[r] <= quiet) use[r] = 1; else set_aside++ }
      for (r in use) kept++
      noisy = ""
      if (kept < 3) { for (r in rounds) use[r] = 1; noisy = " NOISY: fewer than 3 quiet rounds, all rounds used" }
      n = 0; for (r in use) n++
      printf "%s: %d rounds (%d set aside: other processes used more than %.2f CPU s)%s\n", title, n, set_aside, quiet, noisy
      printf "| process | median wall s | median CPU s | median peak RSS MiB | max peak RSS MiB |\n|---|---:|---:|---:|---:|\n"
      for (l in labels) {
        k = 0; maxr = 0
        for (r in use) { k++; w[k] = wall[l, r]; c[k] = cpu[l, r]; m[k] = rss[l, r] / 1024; if (m[k] > maxr) maxr = m[k] }
        printf "| %s | %.2f | %.2f | %.0f | %.0f |\n", l, median(w, k), median(c, k), median(m, k), maxr
      }
    }' "$raw"
}

ratio() { # NAME NUMERATOR DENOMINATOR QUIET: median over the kept rounds of wall(NUMERATOR) / wall(DENOMINATOR)
  awk -F'\t' -v name="$1" -v a="$2" -v b="$3" -v quiet="$4" '
    $1 == "#foreign" { foreign[$2] = $3; next }
    $1 == a { x[$2] = $3 } $1 == b { y[$2] = $3 }
    END {
      k = 0; for (r in x) if ((r in y) && foreign[r] <= quiet) { k++; v[k] = x[r] / y[r] }
      if (k < 3) { k = 0; for (r in x) if (r in y) { k++; v[k] = x[r] / y[r] } }
      for (i = 2; i <= k; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
      med = k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
      printf "%s %.2f [%.2f..%.2f]\n", name, med, v[1], v[k]
    }' "$raw"
}

difference() { # NAME A B QUIET: median over the kept rounds of wall(A) - wall(B)
  awk -F'\t' -v name="$1" -v a="$2" -v b="$3" -v quiet="$4" '
    $1 == "#foreign" { foreign[$2] = $3; next }
    $1 == a { x[$2] = $3 } $1 == b { y[$2] = $3 }
    END {
      k = 0; for (r in x) if ((r in y) && foreign[r] <= quiet) { k++; v[k] = x[r] - y[r] }
      if (k < 3) { k = 0; for (r in x) if (r in y) { k++; v[k] = x[r] - y[r] } }
      for (i = 2; i <= k; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
      med = k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
      printf "%s %.3f s [%.3f..%.3f]\n", name, med, v[1], v[k]
    }' "$raw"
}

: > "$out"
{
  echo "== whole processes, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  "$JAVA" -version 2>&1 | head -n 1
  echo "cores: $(nproc), memory: $(free -g | awk '/Mem:/ {print $2}') GB, default heap flags: java with no -X options"
} | tee -a "$out"

# the sizes issue 7 states its targets for: 400 MB of many files, and 40 MB files
for corpus in many400 large; do
  : > "$raw"
  dir=bench/corpus/$corpus
  validate="$JAVA -jar $AIWF_JAR validate --workspace $dir --reports *.xml"
  commands=(
    "aiwf=$validate"
    "aiwf-threads2=$validate --threads 2"
    "aiwf-threads1=$validate --threads 1"
    "surefire=$JAVA -cp $BENCH_JAR $main $dir once surefire"
    "jdk=$JAVA -cp $BENCH_JAR $main $dir once jdk"
    "aalto=$JAVA -cp $BENCH_JAR $main $dir once aalto"
  )
  # one unmeasured round brings every file and jar into the page cache
  round 0 "${commands[@]}" > /dev/null
  : > "$raw"
  for ((r = 1; r <= rounds; r++)); do
    foreign=$(round "$r" "${commands[@]}")
    printf '#foreign\t%s\t%s\n' "$r" "$foreign" >> "$raw"
  done
  cp "$raw" "bench/target/process-raw-$corpus.tsv"
  echo | tee -a "$out"
  {
    summarise "$corpus ($(ls "$dir" | grep -c '\.xml$') files, $(du -sm "$dir" | cut -f1) MiB)" 1.0
    echo "ratios, medians of per-round ratios of wall time [min..max]:"
    ratio "  surefire/aiwf (speed of aiwf against the surefire-report-parser process; target >= 2)" surefire aiwf 1.0
    ratio "  aalto/aiwf (against the bare Aalto scan process; target >= 0.65)" aalto aiwf 1.0
    ratio "  jdk/aiwf (against the bare JDK StAX scan process)" jdk aiwf 1.0
    ratio "  threads1/threads2 (a second parser thread; target >= 1.4, or the default picks the faster)" aiwf-threads1 aiwf-threads2 1.0
    ratio "  threads1/default" aiwf-threads1 aiwf 1.0
  } | tee -a "$out"
done

: > "$raw"
small="$JAVA -jar $AIWF_JAR validate --workspace bench/target/small --reports *.xml"
commands=("floor=$JAVA -cp bench/target/floor Floor" "aiwf-small=$small")
round 0 "${commands[@]}" > /dev/null
: > "$raw"
for ((r = 1; r <= small_rounds; r++)); do
  foreign=$(round "$r" "${commands[@]}")
  printf '#foreign\t%s\t%s\n' "$r" "$foreign" >> "$raw"
done
cp "$raw" bench/target/process-raw-small.tsv
echo | tee -a "$out"
{
  summarise "start-up: one small report ($(wc -c < bench/target/small/TEST-sample.CalculatorTest.xml) bytes) against the JVM floor (a class printing one line)" 0.05
  difference "  aiwf-small - floor (target <= 0.15 s)" aiwf-small floor 0.05
} | tee -a "$out"
