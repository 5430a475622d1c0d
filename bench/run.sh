#!/usr/bin/env bash
# Runs the benchmarks of docs/performance.md: report parsing throughput (ours vs. the JDK's
# bare StAX scan vs. Maven's surefire-report-parser), live heap, 1 GB under -Xmx64m, context
# assembly, and the agent's tool-call overhead and prompt-prefix stability. Corpora are
# generated into bench/corpus/ (about 1.7 GB, git-ignored).
# Usage: bash bench/run.sh [report|context|agent|all]   (default all)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"

./mvnw -B -q -pl bench -am install -DskipTests
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/bench.classpath"
CP="bench/target/classes:$(cat bench/target/bench.classpath)"
java -version 2>&1 | head -n 1
echo "cores: $(nproc), memory: $(free -g | awk '/Mem:/ {print $2}') GB, load: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$what" = report ] || [ "$what" = all ]; then
  for corpus in many large huge; do
    [ -f "bench/corpus/$corpus/EXPECTED" ] || java -cp "$CP" io.jenkins.plugins.aiworkflow.bench.report.CorpusGenerator "bench/corpus/$corpus" "$corpus"
  done
  # The four readers interleaved round by round in one JVM, so that shared-host drift hits all alike.
  java -Xmx2g -cp "$CP" io.jenkins.plugins.aiworkflow.bench.report.ParserBenchmark bench/corpus/many compare 3 15
  java -Xmx2g -cp "$CP" io.jenkins.plugins.aiworkflow.bench.report.ParserBenchmark bench/corpus/large compare 2 9
  java -Xmx2g -cp "$CP" io.jenkins.plugins.aiworkflow.bench.report.ParserBenchmark bench/corpus/large heap
  java -Xmx64m -cp "$CP" io.jenkins.plugins.aiworkflow.bench.report.ParserBenchmark bench/corpus/huge count
fi

if [ "$what" = context ] || [ "$what" = all ]; then
  java -cp "$CP" io.jenkins.plugins.aiworkflow.bench.context.ContextAssemblyBench 20000 5 20
fi

if [ "$what" = agent ] || [ "$what" = all ]; then
  java -cp "$CP" io.jenkins.plugins.aiworkflow.bench.agent.AgentBench 20000 20 200
fi
